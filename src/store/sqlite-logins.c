/* sqlite-logins.c: the SQLite backend's login sessions and failed-login counts
 * (store.h). Like the accounts these are the database's rows, not one person's: the
 * app layer (app/login.c) decides who may read and write them and when a session ends. */
#include "store/sqlite-internal.h"
#include "store/valid.h"
#include <string.h>

int sqlite_login_add(struct store *s, const struct login_row *row, struct strbuf *err)
{
	if (valid_login(row, err))
		return -1;
	struct param p[] = { PTEXT(row->id_hash), PINT(row->account_id), PINT(row->created_ms), PINT(row->seen_ms),
			     PINT(row->code_due) };
	return sq_run(sq(s), "INSERT INTO logins(id_hash, account_id, created_ms, seen_ms, code_due) VALUES (?, ?, ?, ?, ?)", p,
		      COUNT(p), "keep the login", err) < 0 ? -1 : 0;
}

static int login_read(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct login_row *r = ctx;
	login_row_release(r);
	r->id_hash = sq_col_str(stmt, 0);
	r->account_id = sqlite3_column_int64(stmt, 1);
	r->created_ms = sqlite3_column_int64(stmt, 2);
	r->seen_ms = sqlite3_column_int64(stmt, 3);
	r->code_due = sqlite3_column_int64(stmt, 4) != 0;
	return 0;
}

int sqlite_login_get(struct store *s, const char *id_hash, struct login_row *out, bool *found, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	*found = false;
	struct param p[] = { PTEXT(id_hash) };
	if (sq_query(sq(s), "SELECT id_hash, account_id, created_ms, seen_ms, code_due FROM logins WHERE id_hash = ?", p,
		     COUNT(p), login_read, out, "read the login", err) < 0) {
		login_row_release(out);
		return -1;
	}
	*found = out->id_hash != NULL;
	return 0;
}

int sqlite_login_seen(struct store *s, const char *id_hash, int64_t seen_ms, struct strbuf *err)
{
	struct param p[] = { PINT(seen_ms), PTEXT(id_hash), PINT(seen_ms) };
	return sq_run(sq(s), "UPDATE logins SET seen_ms = ? WHERE id_hash = ? AND seen_ms < ?", p, COUNT(p),
		      "note the login's use", err) < 0 ? -1 : 0;
}

int sqlite_login_end(struct store *s, const char *id_hash, struct strbuf *err)
{
	struct param p[] = { PTEXT(id_hash) };
	return sq_run(sq(s), "DELETE FROM logins WHERE id_hash = ?", p, COUNT(p), "log out", err) < 0 ? -1 : 0;
}

int sqlite_logins_end_all(struct store *s, int64_t account_id, int *ended, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	struct param p[] = { PINT(account_id) };
	if (sq_run(st, "DELETE FROM logins WHERE account_id = ?", p, COUNT(p), "log out everywhere", err) < 0)
		return -1;
	if (ended)
		*ended = sqlite3_changes(st->db);
	return 0;
}

int sqlite_logins_prune(struct store *s, int64_t seen_before_ms, int64_t made_before_ms, struct strbuf *err)
{
	struct param p[] = { PINT(seen_before_ms), PINT(made_before_ms) };
	return sq_run(sq(s), "DELETE FROM logins WHERE seen_ms < ? OR created_ms < ?", p, COUNT(p),
		      "forget old logins", err) < 0 ? -1 : 0;
}

struct count {
	int failures;
	int64_t last_ms;
};

static int count_read(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct count *c = ctx;
	c->failures = sqlite3_column_int(stmt, 0);
	c->last_ms = sqlite3_column_int64(stmt, 1);
	return 0;
}

int sqlite_throttle_get(struct store *s, const char *key, int *failures, int64_t *last_ms, struct strbuf *err)
{
	struct count c = { 0, 0 };
	struct param p[] = { PTEXT(key) };
	*failures = 0;
	*last_ms = 0;
	if (valid_throttle_key(key, err) ||
	    sq_query(sq(s), "SELECT failures, last_ms FROM login_failures WHERE key = ?", p, COUNT(p), count_read, &c,
		     "read the failed logins", err) < 0)
		return -1;
	*failures = c.failures;
	*last_ms = c.last_ms;
	return 0;
}

int sqlite_throttle_fail(struct store *s, const char *key, int64_t now_ms, int64_t forget_before_ms, int *failures,
			 struct strbuf *err)
{
	struct count c = { 0, 0 };
	struct param p[] = { PTEXT(key), PINT(now_ms), PINT(forget_before_ms), PINT(now_ms) };
	if (valid_throttle_key(key, err) ||
	    sq_query(sq(s), "INSERT INTO login_failures(key, failures, last_ms) VALUES (?1, 1, ?2)"
			    " ON CONFLICT(key) DO UPDATE SET"
			    " failures = CASE WHEN last_ms < ?3 THEN 1 ELSE failures + 1 END,"
			    " last_ms = max(last_ms, ?4) RETURNING failures, last_ms",
		     p, COUNT(p), count_read, &c, "count the failed login", err) < 0)
		return -1;
	*failures = c.failures;
	return 0;
}

int sqlite_throttle_prune(struct store *s, int64_t before_ms, struct strbuf *err)
{
	struct param p[] = { PINT(before_ms) };
	return sq_run(sq(s), "DELETE FROM login_failures WHERE last_ms < ?", p, COUNT(p), "forget old failed logins",
		      err) < 0 ? -1 : 0;
}

int sqlite_throttle_clear(struct store *s, const char *key, struct strbuf *err)
{
	struct param p[] = { PTEXT(key) };
	if (valid_throttle_key(key, err))
		return -1;
	return sq_run(sq(s), "DELETE FROM login_failures WHERE key = ?", p, COUNT(p), "forget the failed logins",
		      err) < 0 ? -1 : 0;
}
