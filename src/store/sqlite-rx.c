/* sqlite-rx.c: the SQLite backend's prescriptions (a trainer's doses for a client, one
 * row per version), and their release function (any backend may use it). */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_prescriptions_free(struct prescription_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].routine_id);
		free(rows[i].slot);
		free(rows[i].exercise_id);
		free(rows[i].note);
		free(rows[i].warnings);
		free(rows[i].place);
	}
	free(rows);
}

int sqlite_prescription_add(struct store *s, struct prescription_row *row, struct strbuf *err)
{
	if (valid_prescription(row, err))
		return -1;
	struct sqlite_store *st = sq(s);
	struct param p[] = {
		PERSON(s), PTEXT(row->date), PINT(row->at_ms), PINT(row->trainer_id), PTEXT(row->routine_id),
		PTEXT(row->slot), PTEXT(row->exercise_id), PINT(row->reps), PINT(row->sets), PINT(row->hold_s),
		PINT(row->duration_s), PTEXT(row->note ? row->note : ""), PTEXT(row->warnings ? row->warnings : ""), PTEXT(row->place ? row->place : ""),
	};
	if (sq_run(st, "INSERT INTO prescriptions(person_id, date, at_ms, trainer_id, routine_id, slot, exercise_id,"
		       " reps, sets, hold_s, duration_s, note, warnings, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		   p, COUNT(p), "save the prescription", err) < 0)
		return -1;
	row->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int rx_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct prescription_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct prescription_row *c = &v[r->n++];
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(stmt, 0);
	const unsigned char *d = sqlite3_column_text(stmt, 1);
	snprintf(c->date, sizeof(c->date), "%s", d ? (const char *)d : "");
	c->at_ms = sqlite3_column_int64(stmt, 2);
	c->trainer_id = sqlite3_column_int64(stmt, 3);
	c->routine_id = sq_col_str(stmt, 4);
	c->slot = sq_col_str(stmt, 5);
	c->exercise_id = sq_col_str(stmt, 6);
	c->reps = sqlite3_column_int(stmt, 7);
	c->sets = sqlite3_column_int(stmt, 8);
	c->hold_s = sqlite3_column_int(stmt, 9);
	c->duration_s = sqlite3_column_int(stmt, 10);
	c->note = sq_col_str(stmt, 11);
	c->warnings = sq_col_str(stmt, 12);
	c->place = sq_col_str(stmt, 13);
	return 0;
}

int sqlite_prescriptions_list(struct store *s, struct prescription_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT id, date, at_ms, trainer_id, routine_id, slot, exercise_id, reps, sets, hold_s,"
			    " duration_s, note, warnings, place FROM prescriptions WHERE person_id = ? ORDER BY at_ms, id",
		     p, COUNT(p), rx_row, &r, "list the prescriptions", err) < 0) {
		store_prescriptions_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}
