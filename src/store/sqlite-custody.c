/* sqlite-custody.c: the SQLite backend's steps of a client in charge of their data
 * (store.h): a client's trainers, ending a trainer's link, disabling an account, and
 * deleting an account with every record of its person in one transaction. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/person-tables.h"
#include <sqlite3.h>
#include <string.h>

#define ACCOUNT_COLS "a.id, a.role, a.login, a.display_name, a.password_hash, a.created_ms, a.disabled_ms"


static int account_many(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct account_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct account_row *a = &v[r->n++];
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(stmt, 0);
	a->role = account_role_of((const char *)sqlite3_column_text(stmt, 1));
	a->login = sq_col_str(stmt, 2);
	a->display_name = sq_col_str(stmt, 3);
	a->password_hash = sq_col_str(stmt, 4);
	a->created_ms = sqlite3_column_int64(stmt, 5);
	a->disabled_ms = sqlite3_column_int64(stmt, 6);
	return 0;
}

int sqlite_trainers_list(struct store *s, int64_t client, struct account_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(client) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT " ACCOUNT_COLS " FROM accounts a JOIN trainer_clients t ON t.trainer_id = a.id"
			    " WHERE t.client_id = ? ORDER BY a.id",
		     p, COUNT(p), account_many, &r, "list the trainers", err) < 0) {
		store_accounts_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

int sqlite_link_end(struct store *s, int64_t trainer, int64_t client, bool *ended, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	struct param p[] = { PINT(trainer), PINT(client) };
	*ended = false;
	if (sq_run(st, "DELETE FROM trainer_clients WHERE trainer_id = ? AND client_id = ?", p, COUNT(p),
		   "end the trainer's access", err) < 0)
		return -1;
	*ended = sqlite3_changes(st->db) > 0;
	return 0;
}

int sqlite_account_set_disabled(struct store *s, int64_t id, int64_t disabled_ms, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = disabled_ms ? "disable the account" : "enable the account";
	if (disabled_ms < 0)
		return sq_fail(err, "%s: could not %s: a time before 1970", st->path, what);
	struct param p[] = { PINT(disabled_ms), PINT(id) };
	if (sq_run(st, "UPDATE accounts SET disabled_ms = ? WHERE id = ?", p, COUNT(p), what, err) < 0)
		return -1;
	if (!sqlite3_changes(st->db))
		return sq_fail(err, "%s: could not %s: no such account (%lld)", st->path, what, (long long)id);
	return 0;
}

int sqlite_account_delete(struct store *s, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = "delete the account";
	if (st->batch)
		return sq_fail(err, "%s: could not %s: a batch is open", st->path, what);
	/* deleted rows are overwritten with zeros, not only marked free */
	if (sq_exec(st, "PRAGMA secure_delete=ON", what, err) < 0 || sq_begin(st, what, err) < 0)
		return -1;
	struct param p[] = { PERSON(s) };
	for (size_t i = 0; i < STORE_PERSON_TABLES; i++) {
		char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE person_id = ?", store_person_tables[i]);
		int rc = sq_run(st, sql, p, COUNT(p), what, err);
		sqlite3_free(sql);
		if (rc < 0)
			goto undo;
	}
	/* the invitations that made the account hold the person's name; the account's own
	 * login sessions, links and invitations go with its row (ON DELETE CASCADE) */
	if (sq_run(st, "DELETE FROM invites WHERE client_id = ?", p, COUNT(p), what, err) < 0 ||
	    sq_run(st, "DELETE FROM accounts WHERE id = ?", p, COUNT(p), what, err) < 0)
		goto undo;
	if (!sqlite3_changes(st->db)) {
		sq_fail(err, "%s: could not %s: no such account (%lld)", st->path, what, (long long)s->person);
		goto undo;
	}
	if (sq_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	sq_rollback(st);
	return -1;
}
