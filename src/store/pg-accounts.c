/* pg-accounts.c: the PostgreSQL backend's clinic accounts, trainers' clients and
 * single-use invitations (store.h). These rows are the database's, not one person's:
 * row-level security (migration 5, docs/postgres.md) lets the acting person, the
 * handle's, reach only theirs (person 1, the terminal's operator, all of them); the
 * app layer decides who may call what. Before a person is known, a login name and
 * an invitation's token are looked up, and an invitation accepted, through the
 * SECURITY DEFINER functions of migration 5. A write that looks before it writes
 * does both in one transaction: the first account under an advisory lock, an
 * invitation by an UPDATE that only one of two connections can make (the second
 * waits for the first's row lock, then finds it used). */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <string.h>

#define ACCOUNT_COLS "a.id, a.role, a.login, a.display_name, a.password_hash, a.created_ms, a.disabled_ms"
#define FIRST_ACCOUNT_LOCK 1970169974 /* advisory lock key while adding the first account */

static void account_read(PGresult *res, int i, struct account_row *r)
{
	r->id = pg_int(res, i, 0);
	r->role = account_role_of(PQgetvalue(res, i, 1));
	r->login = pg_str(res, i, 2);
	r->display_name = pg_str(res, i, 3);
	r->password_hash = pg_str(res, i, 4);
	r->created_ms = pg_int(res, i, 5);
	r->disabled_ms = pg_int(res, i, 6);
}

static int account_one(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	account_row_release(ctx);
	account_read(res, i, ctx);
	return 0;
}

static int account_many(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct account_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	memset(&v[r->n], 0, sizeof(v[r->n]));
	account_read(res, i, &v[r->n++]);
	return 0;
}

static int int_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	*(int64_t *)ctx = pg_int(res, i, 0);
	return 0;
}

/* Insert row; 0 added (row->id set), 1 login taken. */
static int insert_account(struct pg_store *st, struct account_row *row, const char *what, struct strbuf *err)
{
	struct param p[] = { PTEXT(account_role_names[row->role]), PTEXT(row->login), PTEXT(row->display_name),
			     PTEXT(row->password_hash), PINT(row->created_ms), PINT(row->disabled_ms) };
	if (pg_insert(st, "INSERT INTO accounts(role, login, display_name, password_hash, created_ms, disabled_ms)"
			  " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT(login) DO NOTHING RETURNING id",
		      p, COUNT(p), &row->id, what, err) < 0)
		return -1;
	return row->id ? 0 : 1;
}

int pg_account_add(struct store *s, struct account_row *row, unsigned flags, struct strbuf *err)
{
	const char *what = "add the account";
	if (valid_account(row, err))
		return -1;
	struct pg_store *st = pg(s);
	if (pg_begin(st, what, err) < 0)
		return -1;
	int64_t have = 0, ignored;
	int rc;
	if ((flags & STORE_ACCOUNT_FIRST) &&
	    (pg_query(st, "SELECT pg_advisory_xact_lock(" PG_STR(FIRST_ACCOUNT_LOCK) ")", NULL, 0, int_read, &ignored,
		      what, err) < 0 ||
	     pg_query(st, "SELECT unhunch_accounts_exist()::int", NULL, 0, int_read, &have, what, err) < 0))
		rc = -1;
	else if (have)
		rc = 2;
	else
		rc = insert_account(st, row, what, err);
	if (rc == 0 && pg_commit(st, what, err) < 0)
		rc = -1;
	if (rc)
		pg_rollback(st);
	return rc;
}

int pg_accounts_exist(struct store *s, bool *any, struct strbuf *err)
{
	int64_t n = 0;
	*any = false;
	if (pg_query(pg(s), "SELECT unhunch_accounts_exist()::int", NULL, 0, int_read, &n, "look for accounts", err) < 0)
		return -1;
	*any = n != 0;
	return 0;
}

int pg_account_get(struct store *s, int64_t id, const char *login, struct account_row *out, bool *found,
		   struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct param by_id[] = { PINT(id) }, by_login[] = { PTEXT(login) };
	int rc = login ? pg_query(pg(s), "SELECT " ACCOUNT_COLS " FROM unhunch_account_by_login($1) a", by_login,
				  COUNT(by_login), account_one, out, "read the account", err)
		       : pg_query(pg(s), "SELECT " ACCOUNT_COLS " FROM accounts a WHERE a.id = $1", by_id, COUNT(by_id),
				  account_one, out, "read the account", err);
	*found = rc == 0 && out->login != NULL;
	if (rc < 0)
		account_row_release(out);
	return rc < 0 ? -1 : 0;
}

int pg_accounts_list(struct store *s, int64_t trainer, struct account_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(trainer) };
	int rc = trainer ? pg_query(pg(s), "SELECT " ACCOUNT_COLS " FROM accounts a JOIN trainer_clients t"
					   " ON t.client_id = a.id WHERE t.trainer_id = $1 ORDER BY a.id",
				    p, COUNT(p), account_many, &r, "list the accounts", err)
			 : pg_query(pg(s), "SELECT " ACCOUNT_COLS " FROM accounts a ORDER BY a.id", NULL, 0, account_many,
				    &r, "list the accounts", err);
	if (rc < 0) {
		store_accounts_free(r.v, r.n);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

int pg_account_set_password(struct store *s, int64_t id, const char *hash, struct strbuf *err)
{
	const char *what = "change the password";
	struct pg_store *st = pg(s);
	if (!hash || strncmp(hash, "$argon2id$", 10) || strlen(hash) > 255)
		return pg_fail(err, "%s: could not %s: the hash is not an argon2id string", st->where, what);
	struct param p[] = { PTEXT(hash), PINT(id) };
	int n = pg_run(st, "UPDATE accounts SET password_hash = $1 WHERE id = $2", p, COUNT(p), what, err);
	if (n < 0)
		return -1;
	if (!n)
		return pg_fail(err, "%s: could not %s: no such account (%lld)", st->where, what, (long long)id);
	return 0;
}

int pg_invite_add(struct store *s, struct invite_row *row, struct strbuf *err)
{
	if (valid_invite(row, err))
		return -1;
	struct param p[] = { PINT(row->trainer_id), PTEXT(row->token_hash), PTEXT(row->display_name),
			     PINT(row->created_ms), PINT(row->expires_ms) };
	row->used_ms = row->client_id = 0;
	return pg_insert(pg(s), "INSERT INTO invites(trainer_id, token_hash, display_name, created_ms, expires_ms)"
				" VALUES ($1, $2, $3, $4, $5) RETURNING id",
			 p, COUNT(p), &row->id, "keep the invitation", err);
}

static int invite_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct invite_row *r = ctx;
	invite_row_release(r);
	r->id = pg_int(res, i, 0);
	r->trainer_id = pg_int(res, i, 1);
	r->token_hash = pg_str(res, i, 2);
	r->display_name = pg_str(res, i, 3);
	r->created_ms = pg_int(res, i, 4);
	r->expires_ms = pg_int(res, i, 5);
	r->used_ms = pg_int(res, i, 6);
	r->client_id = pg_int(res, i, 7);
	return 0;
}

int pg_invite_find(struct store *s, const char *token_hash, struct invite_row *out, bool *found, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct param p[] = { PTEXT(token_hash) };
	int rc = pg_query(pg(s), "SELECT id, trainer_id, token_hash, display_name, created_ms, expires_ms,"
				 " coalesce(used_ms, 0), coalesce(client_id, 0) FROM unhunch_invite_by_token($1)",
			  p, COUNT(p), invite_read, out, "read the invitation", err);
	*found = rc == 0 && out->token_hash != NULL;
	if (rc < 0)
		invite_row_release(out);
	return rc < 0 ? -1 : 0;
}

/* unhunch_invite_accept's answer: what happened, and the client's account id */
struct accepted {
	enum invite_use result;
	int64_t id;
};

static int accepted_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct accepted *a = ctx;
	const char *o = PQgetvalue(res, i, 0);
	a->id = pg_int(res, i, 1);
	a->result = !strcmp(o, "accepted")      ? INVITE_ACCEPTED
		    : !strcmp(o, "login_taken") ? INVITE_LOGIN_TAKEN
		    : !strcmp(o, "spent")       ? INVITE_SPENT
		    : !strcmp(o, "expired")     ? INVITE_EXPIRED
						: INVITE_UNKNOWN;
	return 0;
}

int pg_invite_use(struct store *s, const char *token_hash, int64_t now_ms, struct account_row *client,
		  enum invite_use *result, struct strbuf *err)
{
	const char *what = "accept the invitation";
	*result = INVITE_UNKNOWN;
	client->role = ROLE_CLIENT;
	if (valid_account(client, err))
		return -1;
	struct pg_store *st = pg(s);
	if (pg_begin(st, what, err) < 0)
		return -1;
	/* the client is no one yet: unhunch_invite_accept (migration 5) does it all */
	struct accepted got = { INVITE_UNKNOWN, 0 };
	struct param p[] = { PTEXT(token_hash), PINT(now_ms), PTEXT(client->login), PTEXT(client->display_name),
			     PTEXT(client->password_hash), PINT(client->created_ms) };
	if (pg_query(st, "SELECT outcome, coalesce(client, 0) FROM unhunch_invite_accept($1, $2, $3, $4, $5, $6)", p,
		     COUNT(p), accepted_read, &got, what, err) < 0)
		goto undo;
	*result = got.result;
	if (*result != INVITE_ACCEPTED) {
		pg_rollback(st);
		return 0;
	}
	if (pg_commit(st, what, err) < 0)
		goto undo;
	client->id = got.id;
	return 0;
undo:
	pg_rollback(st);
	*result = INVITE_UNKNOWN;
	client->id = 0;
	return -1;
}
