/* pg-rx.c: the PostgreSQL backend's prescriptions (a trainer's doses for a client,
 * one row per version, under the client's row-level policy). */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pg_prescription_add(struct store *s, struct prescription_row *row, struct strbuf *err)
{
	if (valid_prescription(row, err))
		return -1;
	struct param p[] = {
		PERSON(s), PTEXT(row->date), PINT(row->at_ms), PINT(row->trainer_id), PTEXT(row->routine_id),
		PTEXT(row->slot), PTEXT(row->exercise_id), PINT(row->reps), PINT(row->sets), PINT(row->hold_s),
		PINT(row->duration_s), PTEXT(row->note ? row->note : ""), PTEXT(row->warnings ? row->warnings : ""), PTEXT(row->place ? row->place : ""),
	};
	return pg_insert(pg(s), "INSERT INTO prescriptions(person_id, date, at_ms, trainer_id, routine_id, slot,"
				" exercise_id, reps, sets, hold_s, duration_s, note, warnings, place) VALUES ($1, $2, $3,"
				" $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
			 p, COUNT(p), &row->id, "save the prescription", err);
}

static int rx_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct prescription_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct prescription_row *c = &v[r->n++];
	memset(c, 0, sizeof(*c));
	c->id = pg_int(res, i, 0);
	pg_date(c->date, res, i, 1);
	c->at_ms = pg_int(res, i, 2);
	c->trainer_id = pg_int(res, i, 3);
	c->routine_id = pg_str(res, i, 4);
	c->slot = pg_str(res, i, 5);
	c->exercise_id = pg_str(res, i, 6);
	c->reps = (int)pg_int(res, i, 7);
	c->sets = (int)pg_int(res, i, 8);
	c->hold_s = (int)pg_int(res, i, 9);
	c->duration_s = (int)pg_int(res, i, 10);
	c->note = pg_str(res, i, 11);
	c->warnings = pg_str(res, i, 12);
	c->place = pg_str(res, i, 13);
	return 0;
}

int pg_prescriptions_list(struct store *s, struct prescription_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	int ret = pg_query(pg(s), "SELECT id, date, at_ms, trainer_id, routine_id, slot, exercise_id, reps, sets,"
				  " hold_s, duration_s, note, warnings, place FROM prescriptions WHERE person_id = $1"
				  " ORDER BY at_ms, id",
			   p, COUNT(p), rx_row, &r, "list the prescriptions", err);
	if (ret < 0) {
		store_prescriptions_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}
