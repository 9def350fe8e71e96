/* sqlite-accounts.c: the SQLite backend's clinic accounts, trainers' clients and
 * single-use invitations (store.h). These rows are the database's, not one person's:
 * the app layer (app/accounts.c) decides who may read and write them. A write that
 * looks before it writes does both in one BEGIN IMMEDIATE transaction. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <string.h>

#define ACCOUNT_COLS "a.id, a.role, a.login, a.display_name, a.password_hash, a.created_ms, a.disabled_ms"

static void account_read(sqlite3_stmt *stmt, struct account_row *r)
{
	r->id = sqlite3_column_int64(stmt, 0);
	r->role = account_role_of((const char *)sqlite3_column_text(stmt, 1));
	r->login = sq_col_str(stmt, 2);
	r->display_name = sq_col_str(stmt, 3);
	r->password_hash = sq_col_str(stmt, 4);
	r->created_ms = sqlite3_column_int64(stmt, 5);
	r->disabled_ms = sqlite3_column_int64(stmt, 6);
}

static int account_one(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	account_row_release(ctx);
	account_read(stmt, ctx);
	return 0;
}

static int account_many(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct account_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	memset(&v[r->n], 0, sizeof(v[r->n]));
	account_read(stmt, &v[r->n++]);
	return 0;
}

static int int_read(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	*(int64_t *)ctx = sqlite3_column_int64(stmt, 0);
	return 0;
}

/* Insert row (its role given); 0 added (row->id set), 1 login taken. Inside a transaction. */
static int insert_account(struct sqlite_store *st, struct account_row *row, const char *what, struct strbuf *err)
{
	struct param p[] = { PTEXT(account_role_names[row->role]), PTEXT(row->login), PTEXT(row->display_name),
			     PTEXT(row->password_hash), PINT(row->created_ms), PINT(row->disabled_ms) };
	if (sq_run(st, "INSERT INTO accounts(role, login, display_name, password_hash, created_ms, disabled_ms)"
		       " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(login) DO NOTHING",
		   p, COUNT(p), what, err) < 0)
		return -1;
	if (!sqlite3_changes(st->db))
		return 1;
	row->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int sqlite_account_add(struct store *s, struct account_row *row, unsigned flags, struct strbuf *err)
{
	const char *what = "add the account";
	if (valid_account(row, err))
		return -1;
	struct sqlite_store *st = sq(s);
	if (sq_begin(st, what, err) < 0)
		return -1;
	int64_t have = 0;
	int rc;
	if ((flags & STORE_ACCOUNT_FIRST) &&
	    sq_query(st, "SELECT count(*) FROM accounts", NULL, 0, int_read, &have, what, err) < 0)
		rc = -1;
	else if (have)
		rc = 2;
	else
		rc = insert_account(st, row, what, err);
	if (rc == 0 && sq_commit(st, what, err) < 0)
		rc = -1;
	if (rc)
		sq_rollback(st);
	return rc;
}

int sqlite_accounts_exist(struct store *s, bool *any, struct strbuf *err)
{
	int64_t n = 0;
	*any = false;
	if (sq_query(sq(s), "SELECT EXISTS(SELECT 1 FROM accounts)", NULL, 0, int_read, &n, "look for accounts", err) < 0)
		return -1;
	*any = n != 0;
	return 0;
}

int sqlite_account_get(struct store *s, int64_t id, const char *login, struct account_row *out, bool *found,
		       struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct param by_id[] = { PINT(id) }, by_login[] = { PTEXT(login) };
	int rc = login ? sq_query(sq(s), "SELECT " ACCOUNT_COLS " FROM accounts a WHERE a.login = ?", by_login,
				  COUNT(by_login), account_one, out, "read the account", err)
		       : sq_query(sq(s), "SELECT " ACCOUNT_COLS " FROM accounts a WHERE a.id = ?", by_id, COUNT(by_id),
				  account_one, out, "read the account", err);
	*found = rc == 0 && out->login != NULL;
	if (rc < 0)
		account_row_release(out);
	return rc < 0 ? -1 : 0;
}

int sqlite_accounts_list(struct store *s, int64_t trainer, struct account_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(trainer) };
	int rc = trainer ? sq_query(sq(s), "SELECT " ACCOUNT_COLS " FROM accounts a JOIN trainer_clients t"
					    " ON t.client_id = a.id WHERE t.trainer_id = ? ORDER BY a.id",
				    p, COUNT(p), account_many, &r, "list the accounts", err)
			 : sq_query(sq(s), "SELECT " ACCOUNT_COLS " FROM accounts a ORDER BY a.id", NULL, 0, account_many, &r,
				    "list the accounts", err);
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

int sqlite_account_set_password(struct store *s, int64_t id, const char *hash, struct strbuf *err)
{
	const char *what = "change the password";
	if (!hash || strncmp(hash, "$argon2id$", 10) || strlen(hash) > 255)
		return sq_fail(err, "%s: could not %s: the hash is not an argon2id string", sq(s)->path, what);
	struct sqlite_store *st = sq(s);
	struct param p[] = { PTEXT(hash), PINT(id) };
	if (sq_run(st, "UPDATE accounts SET password_hash = ? WHERE id = ?", p, COUNT(p), what, err) < 0)
		return -1;
	if (!sqlite3_changes(st->db))
		return sq_fail(err, "%s: could not %s: no such account (%lld)", st->path, what, (long long)id);
	return 0;
}

int sqlite_invite_add(struct store *s, struct invite_row *row, struct strbuf *err)
{
	const char *what = "keep the invitation";
	if (valid_invite(row, err))
		return -1;
	struct sqlite_store *st = sq(s);
	struct param p[] = { PINT(row->trainer_id), PTEXT(row->token_hash), PTEXT(row->display_name),
			     PINT(row->created_ms), PINT(row->expires_ms) };
	if (sq_run(st, "INSERT INTO invites(trainer_id, token_hash, display_name, created_ms, expires_ms)"
		       " VALUES (?, ?, ?, ?, ?)",
		   p, COUNT(p), what, err) < 0)
		return -1;
	row->id = sqlite3_last_insert_rowid(st->db);
	row->used_ms = row->client_id = 0;
	return 0;
}

static int invite_read(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct invite_row *r = ctx;
	invite_row_release(r);
	r->id = sqlite3_column_int64(stmt, 0);
	r->trainer_id = sqlite3_column_int64(stmt, 1);
	r->token_hash = sq_col_str(stmt, 2);
	r->display_name = sq_col_str(stmt, 3);
	r->created_ms = sqlite3_column_int64(stmt, 4);
	r->expires_ms = sqlite3_column_int64(stmt, 5);
	r->used_ms = sqlite3_column_int64(stmt, 6);
	r->client_id = sqlite3_column_int64(stmt, 7);
	return 0;
}

int sqlite_invite_find(struct store *s, const char *token_hash, struct invite_row *out, bool *found,
		       struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct param p[] = { PTEXT(token_hash) };
	int rc = sq_query(sq(s), "SELECT id, trainer_id, token_hash, display_name, created_ms, expires_ms,"
				 " coalesce(used_ms, 0), coalesce(client_id, 0) FROM invites WHERE token_hash = ?",
			  p, COUNT(p), invite_read, out, "read the invitation", err);
	*found = rc == 0 && out->token_hash != NULL;
	if (rc < 0)
		invite_row_release(out);
	return rc < 0 ? -1 : 0;
}

int sqlite_invite_use(struct store *s, const char *token_hash, int64_t now_ms, struct account_row *client,
		      enum invite_use *result, struct strbuf *err)
{
	const char *what = "accept the invitation";
	*result = INVITE_UNKNOWN;
	client->role = ROLE_CLIENT;
	if (valid_account(client, err))
		return -1;
	struct sqlite_store *st = sq(s);
	if (sq_begin(st, what, err) < 0)
		return -1;
	struct param use[] = { PINT(now_ms), PTEXT(token_hash), PINT(now_ms) };
	if (sq_run(st, "UPDATE invites SET used_ms = ? WHERE token_hash = ? AND used_ms IS NULL AND expires_ms > ?",
		   use, COUNT(use), what, err) < 0)
		goto undo;
	if (!sqlite3_changes(st->db)) { /* say why: none, used or expired */
		struct invite_row inv;
		bool found;
		if (sqlite_invite_find(s, token_hash, &inv, &found, err) < 0)
			goto undo;
		*result = !found ? INVITE_UNKNOWN : inv.used_ms ? INVITE_SPENT : INVITE_EXPIRED;
		invite_row_release(&inv);
		sq_rollback(st);
		return 0;
	}
	int64_t trainer = 0;
	struct param by[] = { PTEXT(token_hash) };
	if (sq_query(st, "SELECT trainer_id FROM invites WHERE token_hash = ?", by, COUNT(by), int_read, &trainer, what,
		     err) < 0)
		goto undo;
	int rc = insert_account(st, client, what, err);
	if (rc < 0)
		goto undo;
	if (rc == 1) {
		*result = INVITE_LOGIN_TAKEN;
		sq_rollback(st);
		return 0;
	}
	struct param link[] = { PINT(trainer), PINT(client->id), PINT(now_ms) };
	struct param mark[] = { PINT(client->id), PTEXT(token_hash) };
	if (sq_run(st, "INSERT INTO trainer_clients(trainer_id, client_id, since_ms) VALUES (?, ?, ?)", link,
		   COUNT(link), what, err) < 0 ||
	    sq_run(st, "UPDATE invites SET client_id = ? WHERE token_hash = ?", mark, COUNT(mark), what, err) < 0 ||
	    sq_commit(st, what, err) < 0)
		goto undo;
	*result = INVITE_ACCEPTED;
	return 0;
undo:
	sq_rollback(st);
	client->id = 0;
	return -1;
}
