/* sqlite-appt.c: the SQLite backend's appointments (a trainer's massage or training
 * with a client, the client's records), and their release function (any backend may
 * use it). */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_appointments_free(struct appointment_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].trainer_name);
		free(rows[i].kind);
		free(rows[i].areas);
		free(rows[i].note);
	}
	free(rows);
}

int sqlite_appointment_add(struct store *s, struct appointment_row *row, struct strbuf *err)
{
	if (valid_appointment(s, row, err))
		return -1;
	struct sqlite_store *st = sq(s);
	struct param p[] = {
		PINT(row->person_id), PTEXT(row->date), PINT(row->at_ms), PINT(row->trainer_id),
		PTEXT(row->trainer_name ? row->trainer_name : ""), PTEXT(row->kind), PTEXT(row->areas ? row->areas : ""),
		PTEXT(row->note ? row->note : ""), PINT(row->trainer_id), PINT(row->trainer_id), PINT(row->person_id),
	};
	/* as PostgreSQL's policy: a trainer writes only for an enabled trainer's own client */
	if (sq_run(st, "INSERT INTO appointments(person_id, date, at_ms, trainer_id, trainer_name, kind, areas, note)"
		       " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ? = 0 OR EXISTS(SELECT 1 FROM trainer_clients t"
		       " JOIN accounts a ON a.id = t.trainer_id WHERE t.trainer_id = ? AND t.client_id = ?"
		       " AND a.role = 'trainer' AND a.disabled_ms = 0)",
		   p, COUNT(p), "save the appointment", err) < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return sq_fail(err, "%s: could not save the appointment: the trainer does not train that client",
			       st->path);
	row->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int appt_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct appointment_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct appointment_row *c = &v[r->n++];
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(stmt, 0);
	c->person_id = sqlite3_column_int64(stmt, 1);
	const unsigned char *d = sqlite3_column_text(stmt, 2);
	snprintf(c->date, sizeof(c->date), "%s", d ? (const char *)d : "");
	c->at_ms = sqlite3_column_int64(stmt, 3);
	c->trainer_id = sqlite3_column_int64(stmt, 4);
	c->trainer_name = sq_col_str(stmt, 5);
	c->kind = sq_col_str(stmt, 6);
	c->areas = sq_col_str(stmt, 7);
	c->note = sq_col_str(stmt, 8);
	return 0;
}

int sqlite_appointments_list(struct store *s, struct appointment_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT id, person_id, date, at_ms, trainer_id, trainer_name, kind, areas, note"
			    " FROM appointments WHERE person_id = ? ORDER BY date, at_ms, id",
		     p, COUNT(p), appt_row, &r, "list the appointments", err) < 0) {
		store_appointments_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}
