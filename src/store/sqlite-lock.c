/* sqlite-lock.c: the session lock of the SQLite backend: one row per person naming the run that
 * holds it, read and replaced inside one write transaction. Whether that run is alive
 * is asked of the caller (store_holder), so the store never guesses at processes. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/valid.h"
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
	if (valid_holder(h, err))
		return -1;
	if (sq_begin(st, what, err) < 0)
		return -1;
	struct param me[] = { PERSON(s) };
	if (sq_query(st, "SELECT holder FROM session_lock WHERE person_id = ?", me, COUNT(me), holder_row, &cur, what,
		     err) < 0)
		goto undo;
	if (cur && strcmp(cur, h->id) && (!h->alive || h->alive(cur, h->ctx))) {
		sq_rollback(st);
		*held_by = cur;
		return 1;
	}
	struct param p[] = { PERSON(s), PTEXT(h->id), PINT(now_ms) };
	if (sq_run(st, "INSERT INTO session_lock(person_id, holder, at_ms) VALUES (?, ?, ?)"
		       " ON CONFLICT(person_id) DO UPDATE SET holder = excluded.holder, at_ms = excluded.at_ms",
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
	struct param p[] = { PTEXT(h_id ? h_id : ""), PERSON(s) };
	return sq_run(sq(s), "DELETE FROM session_lock WHERE holder = ? AND person_id = ?", p, COUNT(p), "give back the session lock",
		      err);
}
