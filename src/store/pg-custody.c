/* pg-custody.c: the PostgreSQL backend's steps of a client in charge of their data
 * (store.h): a client's trainers, ending a trainer's link, disabling an account, and
 * deleting an account with every record of its person in one transaction. Row-level
 * security holds each to the acting person (docs/postgres.md): a client reads their
 * trainers and ends their own links, an admin or the operator disables, and a person
 * deletes their own records, the invitations that made their account (migration 8)
 * and their account row; the account's login sessions and links go with the row by
 * the foreign keys' ON DELETE CASCADE, which PostgreSQL runs past the policies. */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "store/person-tables.h"
#include <stdio.h>
#include <string.h>

#define ACCOUNT_COLS "a.id, a.role, a.login, a.display_name, a.password_hash, a.created_ms, a.disabled_ms"


static int account_many(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct account_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct account_row *a = &v[r->n++];
	memset(a, 0, sizeof(*a));
	a->id = pg_int(res, i, 0);
	a->role = account_role_of(PQgetvalue(res, i, 1));
	a->login = pg_str(res, i, 2);
	a->display_name = pg_str(res, i, 3);
	a->password_hash = pg_str(res, i, 4);
	a->created_ms = pg_int(res, i, 5);
	a->disabled_ms = pg_int(res, i, 6);
	return 0;
}

int pg_trainers_list(struct store *s, int64_t client, struct account_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(client) };
	*rows = NULL;
	*n = 0;
	if (pg_query(pg(s), "SELECT " ACCOUNT_COLS " FROM accounts a JOIN trainer_clients t ON t.trainer_id = a.id"
			    " WHERE t.client_id = $1 ORDER BY a.id",
		     p, COUNT(p), account_many, &r, "list the trainers", err) < 0) {
		store_accounts_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

int pg_link_end(struct store *s, int64_t trainer, int64_t client, bool *ended, struct strbuf *err)
{
	struct param p[] = { PINT(trainer), PINT(client) };
	int n = pg_run(pg(s), "DELETE FROM trainer_clients WHERE trainer_id = $1 AND client_id = $2", p, COUNT(p),
		       "end the trainer's access", err);
	*ended = n > 0;
	return n < 0 ? -1 : 0;
}

int pg_account_set_disabled(struct store *s, int64_t id, int64_t disabled_ms, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = disabled_ms ? "disable the account" : "enable the account";
	if (disabled_ms < 0)
		return pg_fail(err, "%s: could not %s: a time before 1970", st->where, what);
	struct param p[] = { PINT(disabled_ms), PINT(id) };
	int n = pg_run(st, "UPDATE accounts SET disabled_ms = $1 WHERE id = $2", p, COUNT(p), what, err);
	if (n < 0)
		return -1;
	if (!n)
		return pg_fail(err, "%s: could not %s: no such account (%lld)", st->where, what, (long long)id);
	return 0;
}

int pg_account_delete(struct store *s, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "delete the account";
	if (st->batch)
		return pg_fail(err, "%s: could not %s: a batch is open", st->where, what);
	if (pg_begin(st, what, err) < 0)
		return -1;
	struct param p[] = { PERSON(s) };
	for (size_t i = 0; i < STORE_PERSON_TABLES; i++) {
		char sql[96];
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE person_id = $1", store_person_tables[i]);
		if (pg_run(st, sql, p, COUNT(p), what, err) < 0)
			goto undo;
	}
	if (pg_run(st, "DELETE FROM invites WHERE client_id = $1", p, COUNT(p), what, err) < 0)
		goto undo;
	int n = pg_run(st, "DELETE FROM accounts WHERE id = $1", p, COUNT(p), what, err);
	if (n < 0)
		goto undo;
	if (!n) {
		pg_fail(err, "%s: could not %s: no such account (%lld)", st->where, what, (long long)s->person);
		goto undo;
	}
	if (pg_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	pg_rollback(st);
	return -1;
}
