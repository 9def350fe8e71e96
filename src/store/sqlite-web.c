/* sqlite-web.c: the SQLite backend's records of the web player's uploads: each
 * idempotency key kept once with its first answer, and the session made for a web session. */
#include "store/sqlite-internal.h"
#include "store/valid.h"
#include <string.h>

static int idem_row_read(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct idem_row *r = ctx;
	idem_row_release(r);
	r->key = sq_col_str(stmt, 0);
	r->request_hash = sq_col_str(stmt, 1);
	r->status = sqlite3_column_int(stmt, 2);
	r->answer = sq_col_str(stmt, 3);
	r->at_ms = sqlite3_column_int64(stmt, 4);
	return 0;
}

int sqlite_idem_get(struct store *s, const char *key, struct idem_row *out, bool *found, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct param p[] = { PERSON(s), PTEXT(key) };
	if (sq_query(sq(s), "SELECT key, request_hash, status, answer, at_ms FROM idempotency_keys"
			    " WHERE person_id = ? AND key = ?",
		     p, COUNT(p), idem_row_read, out, "read an idempotency key", err) < 0) {
		idem_row_release(out);
		return -1;
	}
	*found = out->key != NULL;
	return 0;
}

int sqlite_idem_put(struct store *s, const struct idem_row *row, struct strbuf *err)
{
	if (valid_idem(row, err))
		return -1;
	struct sqlite_store *st = sq(s);
	struct param p[] = { PERSON(s), PTEXT(row->key), PTEXT(row->request_hash), PINT(row->status),
			     PTEXT(row->answer), PINT(row->at_ms) };
	if (sq_run(st, "INSERT INTO idempotency_keys(person_id, key, request_hash, status, answer, at_ms)"
		       " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(person_id, key) DO NOTHING",
		   p, COUNT(p), "keep an idempotency key", err) < 0)
		return -1;
	return sqlite3_changes(st->db) ? 0 : 1;
}

int sqlite_web_session_add(struct store *s, int64_t session, const char *web_id, const char *pass_id,
			   struct strbuf *err)
{
	const char *what = "record the web session";
	if (valid_web_ids(web_id, pass_id, err) || sq_owned(s, "sessions", "session", session, what, err))
		return -1;
	struct sqlite_store *st = sq(s);
	struct param p[] = { PERSON(s), PINT(session), PTEXT(web_id), PTEXT(pass_id) };
	if (sq_run(st, "INSERT INTO web_sessions(person_id, session_id, web_id, pass_id) VALUES (?, ?, ?, ?)"
		       " ON CONFLICT(person_id, web_id) DO NOTHING",
		   p, COUNT(p), what, err) < 0)
		return -1;
	return sqlite3_changes(st->db) ? 0 : 1;
}

static int id_read(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	*(int64_t *)ctx = sqlite3_column_int64(stmt, 0);
	return 0;
}

int sqlite_web_session_find(struct store *s, const char *web_id, int64_t *session, struct strbuf *err)
{
	*session = 0;
	struct param p[] = { PERSON(s), PTEXT(web_id) };
	return sq_query(sq(s), "SELECT session_id FROM web_sessions WHERE person_id = ? AND web_id = ?", p, COUNT(p),
			id_read, session, "read the web session", err) < 0 ? -1 : 0;
}

int sqlite_web_session_of(struct store *s, int64_t session, bool *web, struct strbuf *err)
{
	int64_t found = 0;
	struct param p[] = { PERSON(s), PINT(session) };
	int rc = sq_query(sq(s), "SELECT session_id FROM web_sessions WHERE person_id = ? AND session_id = ?", p,
			  COUNT(p), id_read, &found, "read the web session", err) < 0 ? -1 : 0;
	*web = !rc && found == session;
	return rc;
}
