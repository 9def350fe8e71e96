/* sqlite-lock.c: the session lock of the SQLite backend: one row naming the run that
 * holds it, read and replaced inside one write transaction. Whether that run is alive
 * is asked of the caller (store_holder), so the store never guesses at processes. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

static int holder_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	char **out = ctx;
	free(*out);
	*out = sq_col_str(stmt, 0);
	return 0;
}

int sqlite_session_lock(struct store *s, const struct store_holder *h, int64_t now_ms, char **held_by,
			struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = "take the session lock";
	char *cur = NULL;
	*held_by = NULL;
	if (!h || !h->id || !*h->id)
		return sq_fail(err, "invalid session lock: the holder has no id");
	if (sq_begin(st, what, err) < 0)
		return -1;
	if (sq_query(st, "SELECT holder FROM session_lock WHERE id = 1", NULL, 0, holder_row, &cur, what, err) < 0)
		goto undo;
	if (cur && strcmp(cur, h->id) && (!h->alive || h->alive(cur, h->ctx))) {
		sq_rollback(st);
		*held_by = cur;
		return 1;
	}
	struct param p[] = { PTEXT(h->id), PINT(now_ms) };
	if (sq_run(st, "INSERT INTO session_lock(id, holder, at_ms) VALUES (1, ?, ?)"
		       " ON CONFLICT(id) DO UPDATE SET holder = excluded.holder, at_ms = excluded.at_ms",
		   p, COUNT(p), what, err) < 0 ||
	    sq_commit(st, what, err) < 0)
		goto undo;
	free(cur);
	return 0;
undo:
	sq_rollback(st);
	free(cur);
	return -1;
}

int sqlite_session_unlock(struct store *s, const char *h_id, struct strbuf *err)
{
	struct param p[] = { PTEXT(h_id ? h_id : "") };
	return sq_run(sq(s), "DELETE FROM session_lock WHERE holder = ?", p, COUNT(p), "give back the session lock",
		      err);
}
