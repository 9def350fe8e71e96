/* pg-totp.c: the PostgreSQL backend's second factors (store.h totp_*): an account's
 * TOTP secret, whether its first code came, and the step of the last code taken, which
 * moves forward in one statement so two servers cannot both take one code; and its
 * recovery codes' digests (recovery_*), each taken once the same way. Row-level
 * security (migrations 13 and 15) lets only the account itself and person 1 reach a row;
 * an enabled admin clears another account's factor, unread, through the function of
 * migration 16. */
#include "store/pg-internal.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int totp_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct totp_row *r = ctx;
	r->account_id = pg_int(res, i, 0);
	char *secret = pg_str(res, i, 1);
	snprintf(r->secret, sizeof(r->secret), "%s", secret ? secret : "");
	free(secret);
	r->confirmed_ms = pg_int(res, i, 2);
	r->last_step = pg_int(res, i, 3);
	return 0;
}

int pg_totp_get(struct store *s, int64_t account, struct totp_row *out, bool *found, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	*found = false;
	struct param p[] = { PINT(account) };
	if (pg_query(pg(s), "SELECT account_id, secret, confirmed_ms, last_step FROM account_totp WHERE account_id = $1",
		     p, COUNT(p), totp_read, out, "read the second factor", err) < 0)
		return -1;
	*found = out->account_id != 0;
	return 0;
}

int pg_totp_put(struct store *s, const struct totp_row *row, struct strbuf *err)
{
	if (valid_totp(row, err))
		return -1;
	struct param p[] = { PINT(row->account_id), PTEXT(row->secret), PINT(row->confirmed_ms), PINT(row->last_step) };
	return pg_run(pg(s), "INSERT INTO account_totp(account_id, secret, confirmed_ms, last_step) VALUES ($1, $2, $3, $4)"
			     " ON CONFLICT(account_id) DO UPDATE SET secret = excluded.secret,"
			     " confirmed_ms = excluded.confirmed_ms, last_step = excluded.last_step",
		      p, COUNT(p), "keep the second factor", err) < 0 ? -1 : 0;
}

int pg_totp_use(struct store *s, int64_t account, int64_t step, int64_t now_ms, bool *used, struct strbuf *err)
{
	*used = false;
	struct param p[] = { PINT(step), PINT(now_ms), PINT(account) };
	int n = pg_run(pg(s), "UPDATE account_totp SET last_step = $1, confirmed_ms = CASE WHEN confirmed_ms = 0"
			      " THEN $2 ELSE confirmed_ms END WHERE account_id = $3 AND last_step < $1",
		       p, COUNT(p), "take the code", err);
	if (n < 0)
		return -1;
	*used = n == 1;
	return 0;
}

static int gone_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	*(int *)ctx = (int)pg_int(res, i, 0);
	return 0;
}

int pg_totp_clear(struct store *s, int64_t account, bool *cleared, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	struct param p[] = { PINT(account) };
	int n = 0;
	/* the account itself and the operator under the policies; an enabled admin, who may
	 * not read the row, through the function of schema 16 (anyone else: nothing) */
	if (st->acting == account || st->acting == STORE_LOCAL_PERSON)
		n = pg_run(st, "DELETE FROM account_totp WHERE account_id = $1", p, COUNT(p), "turn the second factor off",
			   err);
	else if (pg_query(st, "SELECT unhunch_admin_totp_clear($1)", p, COUNT(p), gone_read, &n,
			  "turn the second factor off", err) < 0)
		n = -1;
	if (n < 0)
		return -1;
	if (cleared)
		*cleared = n > 0;
	return 0;
}

int pg_recovery_put(struct store *s, int64_t account, const char *const *hashes, size_t n, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "keep the recovery codes";
	if (valid_recovery(account, hashes, n, err) || pg_begin(st, what, err) < 0)
		return -1;
	struct param p[] = { PINT(account) };
	if (pg_run(st, "DELETE FROM recovery_codes WHERE account_id = $1", p, COUNT(p), what, err) < 0)
		goto undo;
	for (size_t i = 0; i < n; i++) {
		struct param q[] = { PINT(account), PTEXT(hashes[i]) };
		if (pg_run(st, "INSERT INTO recovery_codes(account_id, code_hash) VALUES ($1, $2)", q, COUNT(q), what,
			   err) < 0)
			goto undo;
	}
	if (pg_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	pg_rollback(st);
	return -1;
}

int pg_recovery_use(struct store *s, int64_t account, const char *hash, int64_t now_ms, bool *used,
		    struct strbuf *err)
{
	*used = false;
	struct param p[] = { PINT(now_ms > 0 ? now_ms : 1), PINT(account), PTEXT(hash ? hash : "") };
	int n = pg_run(pg(s), "UPDATE recovery_codes SET used_ms = $1 WHERE account_id = $2 AND code_hash = $3"
			      " AND used_ms = 0",
		       p, COUNT(p), "take the recovery code", err);
	if (n < 0)
		return -1;
	*used = n == 1;
	return 0;
}

static int left_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	*(int *)ctx = (int)pg_int(res, i, 0);
	return 0;
}

int pg_recovery_left(struct store *s, int64_t account, int *left, struct strbuf *err)
{
	*left = 0;
	struct param p[] = { PINT(account) };
	return pg_query(pg(s), "SELECT count(*) FROM recovery_codes WHERE account_id = $1 AND used_ms = 0", p, COUNT(p),
			left_read, left, "count the recovery codes left", err) < 0
		       ? -1
		       : 0;
}
