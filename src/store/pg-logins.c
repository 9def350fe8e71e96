/* pg-logins.c: the PostgreSQL backend's login sessions and failed-login counts
 * (store.h). Like the accounts they have no person_id: they are the database's rows,
 * and the app layer (app/login.c) decides who may read and write them and when a
 * session ends. Row-level security (migration 7, docs/postgres.md) lets an account
 * reach its own sessions and person 1, the terminal's operator, all. The steps before
 * a person is known (a session by its id's hash, the throttle's counts, forgetting
 * what is past its time) go through the SECURITY DEFINER functions of migration 12,
 * so the server's handle of no one needs no more. */
#include "store/pg-internal.h"
#include "store/valid.h"
#include <string.h>

int pg_login_add(struct store *s, const struct login_row *row, struct strbuf *err)
{
	if (valid_login(row, err))
		return -1;
	struct param p[] = { PTEXT(row->id_hash), PINT(row->account_id), PINT(row->created_ms), PINT(row->seen_ms),
			     PINT(row->code_due) };
	return pg_run(pg(s), "INSERT INTO logins(id_hash, account_id, created_ms, seen_ms, code_due)"
		      " VALUES ($1, $2, $3, $4, $5)", p,
		      COUNT(p), "keep the login", err) < 0 ? -1 : 0;
}

static int login_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct login_row *r = ctx;
	login_row_release(r);
	r->id_hash = pg_str(res, i, 0);
	r->account_id = pg_int(res, i, 1);
	r->created_ms = pg_int(res, i, 2);
	r->seen_ms = pg_int(res, i, 3);
	r->code_due = pg_int(res, i, 4) != 0;
	return 0;
}

int pg_login_get(struct store *s, const char *id_hash, struct login_row *out, bool *found, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	*found = false;
	struct param p[] = { PTEXT(id_hash) };
	if (pg_query(pg(s), "SELECT id_hash, account_id, created_ms, seen_ms, code_due FROM unhunch_login_by_hash($1)", p,
		     COUNT(p), login_read, out, "read the login", err) < 0) {
		login_row_release(out);
		return -1;
	}
	*found = out->id_hash != NULL;
	return 0;
}

int pg_login_seen(struct store *s, const char *id_hash, int64_t seen_ms, struct strbuf *err)
{
	struct param p[] = { PINT(seen_ms), PTEXT(id_hash), PINT(seen_ms) };
	return pg_run(pg(s), "UPDATE logins SET seen_ms = $1 WHERE id_hash = $2 AND seen_ms < $3", p, COUNT(p),
		      "note the login's use", err) < 0 ? -1 : 0;
}

int pg_login_end(struct store *s, const char *id_hash, struct strbuf *err)
{
	struct param p[] = { PTEXT(id_hash) };
	return pg_run(pg(s), "DELETE FROM logins WHERE id_hash = $1", p, COUNT(p), "log out", err) < 0 ? -1 : 0;
}

static int gone_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	*(int *)ctx = (int)pg_int(res, i, 0);
	return 0;
}

int pg_logins_end_all(struct store *s, int64_t account_id, int *ended, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	struct param p[] = { PINT(account_id) };
	int n = 0;
	/* the account itself and the operator under the policies; anyone else through the
	 * function of schema 16, which ends them only for an enabled admin */
	if (st->acting == account_id || st->acting == STORE_LOCAL_PERSON)
		n = pg_run(st, "DELETE FROM logins WHERE account_id = $1", p, COUNT(p), "log out everywhere", err);
	else if (pg_query(st, "SELECT unhunch_admin_logins_end($1)", p, COUNT(p), gone_read, &n, "log out everywhere",
			  err) < 0)
		n = -1;
	if (n < 0)
		return -1;
	if (ended)
		*ended = n;
	return 0;
}

int pg_logins_prune(struct store *s, int64_t seen_before_ms, int64_t made_before_ms, struct strbuf *err)
{
	struct param p[] = { PINT(seen_before_ms), PINT(made_before_ms) };
	return pg_run(pg(s), "SELECT unhunch_logins_prune($1, $2)", p, COUNT(p),
		      "forget old logins", err) < 0 ? -1 : 0;
}

struct count {
	int failures;
	int64_t last_ms;
};

static int count_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct count *c = ctx;
	c->failures = (int)pg_int(res, i, 0);
	c->last_ms = pg_int(res, i, 1);
	return 0;
}

int pg_throttle_get(struct store *s, const char *key, int *failures, int64_t *last_ms, struct strbuf *err)
{
	struct count c = { 0, 0 };
	struct param p[] = { PTEXT(key) };
	*failures = 0;
	*last_ms = 0;
	if (valid_throttle_key(key, err) ||
	    pg_query(pg(s), "SELECT failures, last_ms FROM unhunch_throttle_get($1)", p, COUNT(p), count_read, &c,
		     "read the failed logins", err) < 0)
		return -1;
	*failures = c.failures;
	*last_ms = c.last_ms;
	return 0;
}

int pg_throttle_fail(struct store *s, const char *key, int64_t now_ms, int64_t forget_before_ms, int *failures,
			 struct strbuf *err)
{
	struct count c = { 0, 0 };
	struct param p[] = { PTEXT(key), PINT(now_ms), PINT(forget_before_ms) };
	if (valid_throttle_key(key, err) ||
	    pg_query(pg(s), "SELECT failures, last_ms FROM unhunch_throttle_fail($1, $2, $3)",
		     p, COUNT(p), count_read, &c, "count the failed login", err) < 0)
		return -1;
	*failures = c.failures;
	return 0;
}

int pg_throttle_prune(struct store *s, int64_t before_ms, struct strbuf *err)
{
	struct param p[] = { PINT(before_ms) };
	return pg_run(pg(s), "SELECT unhunch_throttle_prune($1)", p, COUNT(p), "forget old failed logins",
		      err) < 0 ? -1 : 0;
}

int pg_throttle_clear(struct store *s, const char *key, struct strbuf *err)
{
	struct param p[] = { PTEXT(key) };
	if (valid_throttle_key(key, err))
		return -1;
	return pg_run(pg(s), "SELECT unhunch_throttle_clear($1)", p, COUNT(p), "forget the failed logins",
		      err) < 0 ? -1 : 0;
}
