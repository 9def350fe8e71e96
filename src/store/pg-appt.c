/* pg-appt.c: the PostgreSQL backend's appointments (a trainer's massage or training
 * with a client): the client's records, written by the trainer who recorded them
 * under their own row-level policies (pg.c, migration 8). */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pg_appointment_add(struct store *s, struct appointment_row *row, struct strbuf *err)
{
	if (valid_appointment(s, row, err))
		return -1;
	struct param p[] = {
		PINT(row->person_id), PTEXT(row->date), PINT(row->at_ms), PINT(row->trainer_id),
		PTEXT(row->trainer_name ? row->trainer_name : ""), PTEXT(row->kind), PTEXT(row->areas ? row->areas : ""),
		PTEXT(row->note ? row->note : ""),
	};
	/* the program's own check, as SQLite's, besides the policy (which a superuser's
	 * connection does not meet): a trainer writes only for an enabled trainer's client */
	struct pg_store *st = pg(s);
	if (pg_insert(st, "INSERT INTO appointments(person_id, date, at_ms, trainer_id, trainer_name, kind, areas,"
			  " note) SELECT $1::bigint, $2::text, $3::bigint, $4::bigint, $5::text, $6::text, $7::text, $8::text"
			  " WHERE $4::bigint = 0 OR EXISTS(SELECT 1"
			  " FROM trainer_clients t JOIN accounts a ON a.id = t.trainer_id WHERE t.trainer_id = $4::bigint"
			  " AND t.client_id = $1::bigint AND a.role = 'trainer' AND a.disabled_ms = 0) RETURNING id",
		      p, COUNT(p), &row->id, "save the appointment", err))
		return -1;
	if (!row->id)
		return pg_fail(err, "%s: could not save the appointment: the trainer does not train that client",
			       st->where);
	return 0;
}

static int appt_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct appointment_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct appointment_row *c = &v[r->n++];
	memset(c, 0, sizeof(*c));
	c->id = pg_int(res, i, 0);
	c->person_id = pg_int(res, i, 1);
	pg_date(c->date, res, i, 2);
	c->at_ms = pg_int(res, i, 3);
	c->trainer_id = pg_int(res, i, 4);
	c->trainer_name = pg_str(res, i, 5);
	c->kind = pg_str(res, i, 6);
	c->areas = pg_str(res, i, 7);
	c->note = pg_str(res, i, 8);
	return 0;
}

int pg_appointments_list(struct store *s, struct appointment_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	int ret = pg_query(pg(s), "SELECT id, person_id, date, at_ms, trainer_id, trainer_name, kind, areas, note"
				  " FROM appointments WHERE person_id = $1 ORDER BY date, at_ms, id",
			   p, COUNT(p), appt_row, &r, "list the appointments", err);
	if (ret < 0) {
		store_appointments_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}
