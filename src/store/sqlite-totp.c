/* sqlite-totp.c: the SQLite backend's second factors (store.h totp_*): an account's
 * TOTP secret, whether its first code came, and the step of the last code taken, which
 * moves forward in one statement so two requests cannot both take one code; and its
 * recovery codes' digests (recovery_*), each taken once the same way. */
#include "store/sqlite-internal.h"
#include "store/valid.h"
#include <stdio.h>
#include <string.h>

static int totp_read(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct totp_row *r = ctx;
	r->account_id = sqlite3_column_int64(stmt, 0);
	const unsigned char *secret = sqlite3_column_text(stmt, 1);
	snprintf(r->secret, sizeof(r->secret), "%s", secret ? (const char *)secret : "");
	r->confirmed_ms = sqlite3_column_int64(stmt, 2);
	r->last_step = sqlite3_column_int64(stmt, 3);
	return 0;
}

int sqlite_totp_get(struct store *s, int64_t account, struct totp_row *out, bool *found, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	*found = false;
	struct param p[] = { PINT(account) };
	if (sq_query(sq(s), "SELECT account_id, secret, confirmed_ms, last_step FROM account_totp WHERE account_id = ?",
		     p, COUNT(p), totp_read, out, "read the second factor", err) < 0)
		return -1;
	*found = out->account_id != 0;
	return 0;
}

int sqlite_totp_put(struct store *s, const struct totp_row *row, struct strbuf *err)
{
	if (valid_totp(row, err))
		return -1;
	struct param p[] = { PINT(row->account_id), PTEXT(row->secret), PINT(row->confirmed_ms), PINT(row->last_step) };
	return sq_run(sq(s), "INSERT INTO account_totp(account_id, secret, confirmed_ms, last_step) VALUES (?, ?, ?, ?)"
			     " ON CONFLICT(account_id) DO UPDATE SET secret = excluded.secret,"
			     " confirmed_ms = excluded.confirmed_ms, last_step = excluded.last_step",
		      p, COUNT(p), "keep the second factor", err) < 0 ? -1 : 0;
}

int sqlite_totp_use(struct store *s, int64_t account, int64_t step, int64_t now_ms, bool *used, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	*used = false;
	struct param p[] = { PINT(step), PINT(now_ms), PINT(account), PINT(step) };
	if (sq_run(st, "UPDATE account_totp SET last_step = ?, confirmed_ms = CASE WHEN confirmed_ms = 0 THEN ?"
		       " ELSE confirmed_ms END WHERE account_id = ? AND last_step < ?",
		   p, COUNT(p), "take the code", err) < 0)
		return -1;
	*used = sqlite3_changes(st->db) == 1;
	return 0;
}

int sqlite_totp_clear(struct store *s, int64_t account, bool *cleared, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	struct param p[] = { PINT(account) };
	if (sq_run(st, "DELETE FROM account_totp WHERE account_id = ?", p, COUNT(p), "turn the second factor off",
		   err) < 0)
		return -1;
	if (cleared)
		*cleared = sqlite3_changes(st->db) > 0;
	return 0;
}

int sqlite_recovery_put(struct store *s, int64_t account, const char *const *hashes, size_t n, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = "keep the recovery codes";
	if (valid_recovery(account, hashes, n, err) || sq_begin(st, what, err) < 0)
		return -1;
	struct param p[] = { PINT(account) };
	if (sq_run(st, "DELETE FROM recovery_codes WHERE account_id = ?", p, COUNT(p), what, err) < 0)
		goto undo;
	for (size_t i = 0; i < n; i++) {
		struct param q[] = { PINT(account), PTEXT(hashes[i]) };
		if (sq_run(st, "INSERT INTO recovery_codes(account_id, code_hash) VALUES (?, ?)", q, COUNT(q), what,
			   err) < 0)
			goto undo;
	}
	if (sq_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	sq_rollback(st);
	return -1;
}

int sqlite_recovery_use(struct store *s, int64_t account, const char *hash, int64_t now_ms, bool *used,
			struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	*used = false;
	struct param p[] = { PINT(now_ms > 0 ? now_ms : 1), PINT(account), PTEXT(hash ? hash : "") };
	if (sq_run(st, "UPDATE recovery_codes SET used_ms = ? WHERE account_id = ? AND code_hash = ? AND used_ms = 0",
		   p, COUNT(p), "take the recovery code", err) < 0)
		return -1;
	*used = sqlite3_changes(st->db) == 1;
	return 0;
}

static int left_read(struct sqlite_store *st, sqlite3_stmt *q, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	*(int *)ctx = sqlite3_column_int(q, 0);
	return 0;
}

int sqlite_recovery_left(struct store *s, int64_t account, int *left, struct strbuf *err)
{
	*left = 0;
	struct param p[] = { PINT(account) };
	return sq_query(sq(s), "SELECT count(*) FROM recovery_codes WHERE account_id = ? AND used_ms = 0", p, COUNT(p),
			left_read, left, "count the recovery codes left", err) < 0
		       ? -1
		       : 0;
}
