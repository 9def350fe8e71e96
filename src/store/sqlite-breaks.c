/* sqlite-breaks.c: the break coach's log of reminders (shown, taken, postponed,
 * skipped, natural) in the SQLite backend. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdlib.h>
#include <string.h>

int sqlite_break_add(struct store *s, const struct break_row *row, struct strbuf *err)
{
	if (valid_break(row, err))
		return -1;
	struct param p[] = { PERSON(s), PINT(row->at_ms), PTEXT(brk_kind_names[row->kind]), PTEXT(brk_event_names[row->event]),
			     PTEXT(row->exercise_id ? row->exercise_id : ""), PTEXT(row->detail ? row->detail : "") };
	return sq_run(sq(s), "INSERT INTO break_events(person_id, at_ms, kind, event, exercise_id, detail)"
			     " VALUES (?,?,?,?,?,?)",
		      p, COUNT(p), "save the break event", err) < 0 ? -1 : 0;
}

static int index_of(const char *const *names, const char *s)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

static int break_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	struct rows *r = ctx;
	struct break_row *v = r->v;
	int kind = index_of(brk_kind_names, (const char *)sqlite3_column_text(stmt, 1));
	int event = index_of(brk_event_names, (const char *)sqlite3_column_text(stmt, 2));
	if (kind < 0 || event < 0)
		return sq_fail(err, "a break event of an unknown kind in the database");
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct break_row){
		.at_ms = sqlite3_column_int64(stmt, 0),
		.kind = (enum brk_kind)kind,
		.event = (enum brk_event_kind)event,
		.exercise_id = sq_col_str(stmt, 3),
		.detail = sq_col_str(stmt, 4),
	};
	return 0;
}

int sqlite_breaks_since(struct store *s, int64_t from_ms, struct break_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s), PINT(from_ms) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT at_ms, kind, event, exercise_id, detail FROM break_events WHERE person_id = ?"
		     " AND at_ms >= ?"
		     " ORDER BY at_ms, id", p, COUNT(p), break_row, &r, "read the break log", err) < 0) {
		store_breaks_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

void store_breaks_free(struct break_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].exercise_id);
		free(rows[i].detail);
	}
	free(rows);
}
