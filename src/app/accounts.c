/* accounts.c: the clinic's accounts as use cases (accounts.h): who may add whom, the
 * invitation's secret and its hash, login names, and passwords through password.c. */
#include "app/accounts.h"
#include "core/mem.h"
#include "core/utf8.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_MS (24LL * 60 * 60 * 1000)
#define TOKEN_BYTES 32

enum app_clinic_status app_login_name(const char *in, char out[APP_LOGIN_MAX + 1], struct strbuf *err)
{
	size_t n = in ? strlen(in) : 0;
	out[0] = 0;
	if (n < APP_LOGIN_MIN || n > APP_LOGIN_MAX) {
		strbuf_addf(err, "login name: use %d to %d characters (it has %zu)", APP_LOGIN_MIN, APP_LOGIN_MAX, n);
		return CLINIC_BAD_INPUT;
	}
	for (size_t i = 0; i < n; i++) {
		char ch = in[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
		if (!alnum && (i == 0 || !strchr("._-@", ch))) {
			strbuf_addf(err, "login name: %s; it may hold letters a-z, digits and . _ - @, "
				    "and begins with a letter or digit",
				    i == 0 && strchr("._-@", ch) ? "it begins with a sign" : "it has a character it may not");
			out[0] = 0;
			return CLINIC_BAD_INPUT;
		}
		out[i] = ch;
	}
	out[n] = 0;
	return CLINIC_OK;
}

static enum app_clinic_status person_name(const char *name, struct strbuf *err)
{
	if (!name || !*name || !utf8_valid_str(name) || utf8_control(name, false) ||
	    strspn(name, " ") == strlen(name)) {
		strbuf_addstr(err, "name: give the person's name, as plain text on one line");
		return CLINIC_BAD_INPUT;
	}
	size_t chars = utf8_chars(name);
	if (chars > APP_NAME_MAX) {
		strbuf_addf(err, "name: at most %d characters, so cut %zu", APP_NAME_MAX, chars - APP_NAME_MAX);
		return CLINIC_BAD_INPUT;
	}
	return CLINIC_OK;
}

/* Check the login name, name and password and hash it into a new row of role. */
static enum app_clinic_status new_account(const struct app_ctx *ctx, const struct app_clinic *c,
					  enum account_role role, const char *login, const char *name, const char *pw,
					  size_t pw_len, struct account_row *row, char login_buf[APP_LOGIN_MAX + 1],
					  char hash[APP_PASSWORD_HASH_MAX], struct strbuf *err)
{
	enum app_clinic_status st = app_login_name(login, login_buf, err);
	if (st == CLINIC_OK)
		st = person_name(name, err);
	if (st != CLINIC_OK)
		return st;
	enum app_password_problem p = app_password_check(pw, pw_len, c->common, login_buf, name);
	if (p != PW_OK) {
		strbuf_addstr(err, app_password_problem_text(p));
		return CLINIC_BAD_INPUT;
	}
	if (app_password_hash(pw, pw_len, &c->cost, hash, err))
		return CLINIC_FAILED;
	*row = (struct account_row){ 0, role, login_buf, (char *)name, hash, ctx->now_ms, 0 };
	return CLINIC_OK;
}

static enum app_clinic_status taken(const struct account_row *row, struct strbuf *err)
{
	strbuf_addf(err, "the login name %s is taken: choose another", row->login);
	return CLINIC_LOGIN_TAKEN;
}

/* Copy row (pointing at the caller's buffers) into out, owned. */
static void give(struct account_row *out, const struct account_row *row)
{
	if (!out)
		return;
	*out = *row;
	out->login = xstrdup(row->login);
	out->display_name = xstrdup(row->display_name);
	out->password_hash = xstrdup(row->password_hash);
}

enum app_clinic_status app_clinic_init(const struct app_ctx *ctx, const struct app_clinic *c, const char *login,
				       const char *name, const char *pw, size_t pw_len, struct account_row *out,
				       struct strbuf *err)
{
	struct account_row row;
	char login_buf[APP_LOGIN_MAX + 1], hash[APP_PASSWORD_HASH_MAX];
	enum app_clinic_status st = new_account(ctx, c, ROLE_ADMIN, login, name, pw, pw_len, &row, login_buf, hash, err);
	if (st != CLINIC_OK)
		return st;
	struct store *s = ctx->store;
	int rc = s->ops->account_add(s, &row, STORE_ACCOUNT_FIRST, err);
	if (rc < 0)
		return CLINIC_FAILED;
	if (rc == 2)
		return CLINIC_HAS_ACCOUNTS;
	if (rc == 1)
		return taken(&row, err);
	give(out, &row);
	return CLINIC_OK;
}

enum app_clinic_status app_clinic_account_id(const struct app_ctx *ctx, const char *login, int64_t *id,
					     struct strbuf *err)
{
	char login_buf[APP_LOGIN_MAX + 1];
	*id = 0;
	enum app_clinic_status st = app_login_name(login, login_buf, err);
	if (st != CLINIC_OK)
		return st;
	struct account_row a;
	bool found;
	struct store *s = ctx->store;
	if (s->ops->account_get(s, 0, login_buf, &a, &found, err))
		return CLINIC_FAILED;
	*id = found ? a.id : 0;
	account_row_release(&a);
	return found ? CLINIC_OK : CLINIC_NO_ACCOUNT;
}

enum app_clinic_status app_clinic_login_of(const struct app_ctx *ctx, int64_t id, char out[APP_LOGIN_MAX + 1],
					   struct strbuf *err)
{
	struct account_row a;
	bool found = false;
	struct store *s = ctx->store;
	*out = '\0';
	if (s->ops->account_get(s, id, NULL, &a, &found, err))
		return CLINIC_FAILED;
	if (!found)
		return CLINIC_NO_ACCOUNT;
	snprintf(out, APP_LOGIN_MAX + 1, "%s", a.login);
	account_row_release(&a);
	return CLINIC_OK;
}

/* The acting account, which must be enabled and of role. */
static enum app_clinic_status acting(const struct app_ctx *ctx, int64_t id, enum account_role role, const char *doing,
				     struct strbuf *err)
{
	struct store *s = ctx->store;
	struct account_row a;
	bool found;
	if (s->ops->account_get(s, id, NULL, &a, &found, err))
		return CLINIC_FAILED;
	if (!found)
		return CLINIC_NO_ACCOUNT;
	enum app_clinic_status st = CLINIC_OK;
	if (a.disabled_ms) {
		strbuf_addf(err, "%s's account is disabled", a.login);
		st = CLINIC_NOT_ALLOWED;
	} else if (a.role != role) {
		strbuf_addf(err, "only a%s %s may %s, and %s is a%s %s", role == ROLE_ADMIN ? "n" : "",
			    account_role_names[role], doing, a.login, a.role == ROLE_ADMIN ? "n" : "",
			    account_role_names[a.role]);
		st = CLINIC_NOT_ALLOWED;
	}
	account_row_release(&a);
	return st;
}

enum app_clinic_status app_clinic_add_trainer(const struct app_ctx *ctx, const struct app_clinic *c, int64_t admin_id,
					      const char *login, const char *name, const char *pw, size_t pw_len,
					      struct account_row *out, struct strbuf *err)
{
	enum app_clinic_status st = acting(ctx, admin_id, ROLE_ADMIN, "add a trainer", err);
	if (st != CLINIC_OK)
		return st;
	struct account_row row;
	char login_buf[APP_LOGIN_MAX + 1], hash[APP_PASSWORD_HASH_MAX];
	st = new_account(ctx, c, ROLE_TRAINER, login, name, pw, pw_len, &row, login_buf, hash, err);
	if (st != CLINIC_OK)
		return st;
	struct store *s = ctx->store;
	int rc = s->ops->account_add(s, &row, 0, err);
	if (rc < 0)
		return CLINIC_FAILED;
	if (rc == 1)
		return taken(&row, err);
	give(out, &row);
	return CLINIC_OK;
}

/* libsodium set up (once; later calls return at once); CLINIC_FAILED with err if not. */
static enum app_clinic_status crypto_ready(struct strbuf *err)
{
	if (sodium_init() >= 0)
		return CLINIC_OK;
	strbuf_addstr(err, "the cryptography library could not start");
	return CLINIC_FAILED;
}

/* The hex of BLAKE2b-256 of the token: what the store keeps. */
static void token_hash(const char *token, char hex[2 * crypto_generichash_BYTES + 1])
{
	unsigned char h[crypto_generichash_BYTES];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, 2 * crypto_generichash_BYTES + 1, h, sizeof(h));
}

static bool token_shape(const char *token)
{
	return token && strlen(token) == APP_INVITE_TOKEN_LEN &&
	       strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == APP_INVITE_TOKEN_LEN;
}

enum app_clinic_status app_clinic_invite(const struct app_ctx *ctx, int64_t trainer_id, const char *client_name,
					 int days, char token[APP_INVITE_TOKEN_LEN + 1], struct invite_row *out,
					 struct strbuf *err)
{
	token[0] = 0;
	if (days < 1 || days > APP_INVITE_DAYS_MAX) {
		strbuf_addf(err, "days: an invitation lasts 1 to %d days", APP_INVITE_DAYS_MAX);
		return CLINIC_BAD_INPUT;
	}
	enum app_clinic_status st = person_name(client_name, err);
	if (st == CLINIC_OK)
		st = acting(ctx, trainer_id, ROLE_TRAINER, "invite a client", err);
	if (st != CLINIC_OK)
		return st;
	if (crypto_ready(err) != CLINIC_OK)
		return CLINIC_FAILED;
	unsigned char secret[TOKEN_BYTES];
	randombytes_buf(secret, sizeof(secret));
	sodium_bin2base64(token, APP_INVITE_TOKEN_LEN + 1, secret, sizeof(secret),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(secret, sizeof(secret));
	char hex[2 * crypto_generichash_BYTES + 1];
	token_hash(token, hex);
	struct invite_row row = { 0, trainer_id, hex, (char *)client_name, ctx->now_ms, ctx->now_ms + days * DAY_MS, 0, 0 };
	struct store *s = ctx->store;
	if (s->ops->invite_add(s, &row, err)) {
		sodium_memzero(token, APP_INVITE_TOKEN_LEN + 1);
		return CLINIC_FAILED;
	}
	if (out) {
		*out = row;
		out->token_hash = xstrdup(hex);
		out->display_name = xstrdup(client_name);
	}
	return CLINIC_OK;
}

enum app_clinic_status app_clinic_invite_look(const struct app_ctx *ctx, const char *token, struct invite_row *out,
					      struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	if (!token_shape(token))
		return CLINIC_INVITE_UNKNOWN;
	if (crypto_ready(err) != CLINIC_OK)
		return CLINIC_FAILED;
	char hex[2 * crypto_generichash_BYTES + 1];
	token_hash(token, hex);
	bool found;
	struct store *s = ctx->store;
	if (s->ops->invite_find(s, hex, out, &found, err))
		return CLINIC_FAILED;
	enum app_clinic_status st = !found ? CLINIC_INVITE_UNKNOWN
				    : out->used_ms ? CLINIC_INVITE_USED
				    : ctx->now_ms >= out->expires_ms ? CLINIC_INVITE_EXPIRED
								     : CLINIC_OK;
	if (st != CLINIC_OK)
		invite_row_release(out);
	return st;
}

enum app_clinic_status app_clinic_accept(const struct app_ctx *ctx, const struct app_clinic *c, const char *token,
					 const char *login, const char *pw, size_t pw_len, struct account_row *out,
					 struct strbuf *err)
{
	struct invite_row inv;
	enum app_clinic_status st = app_clinic_invite_look(ctx, token, &inv, err);
	if (st != CLINIC_OK)
		return st;
	struct account_row row;
	char login_buf[APP_LOGIN_MAX + 1], hash[APP_PASSWORD_HASH_MAX];
	st = new_account(ctx, c, ROLE_CLIENT, login, inv.display_name, pw, pw_len, &row, login_buf, hash, err);
	if (st == CLINIC_OK) {
		enum invite_use r;
		struct store *s = ctx->store;
		if (s->ops->invite_use(s, inv.token_hash, ctx->now_ms, &row, &r, err))
			st = CLINIC_FAILED;
		else
			st = r == INVITE_ACCEPTED ? CLINIC_OK
			     : r == INVITE_LOGIN_TAKEN ? taken(&row, err)
			     : r == INVITE_EXPIRED ? CLINIC_INVITE_EXPIRED
			     : r == INVITE_SPENT ? CLINIC_INVITE_USED
						 : CLINIC_INVITE_UNKNOWN;
		if (st == CLINIC_OK)
			give(out, &row);
	}
	invite_row_release(&inv);
	return st;
}

/* A hash at app_pwhash_default's cost of a password no one is given, checked for an
 * unknown login name (made once with crypto_pwhash_str). */
const char app_clinic_dummy_hash[] =
	"$argon2id$v=19$m=65536,t=3,p=1$am8PoBi8frqRlKvY2dTOaQ$GueCcuhTnU2XjvA70zFGaOiTUsGtDvR3mpMN5xz8lHs";

enum app_clinic_status app_clinic_login(const struct app_ctx *ctx, const struct app_clinic *c, const char *login,
					const char *pw, size_t pw_len, struct account_row *out, struct strbuf *err)
{
	char login_buf[APP_LOGIN_MAX + 1];
	struct strbuf ignored = STRBUF_INIT;
	struct account_row a = { 0 };
	bool found = false;
	struct store *s = ctx->store;
	if (pw_len <= APP_PASSWORD_MAX && app_login_name(login, login_buf, &ignored) == CLINIC_OK &&
	    s->ops->account_get(s, 0, login_buf, &a, &found, err)) {
		strbuf_release(&ignored);
		return CLINIC_FAILED;
	}
	strbuf_release(&ignored);
	bool ok;
	if (found) {
		ok = app_password_matches(a.password_hash, pw, pw_len) && !a.disabled_ms;
	} else { /* the same work as a wrong password, so the time tells nothing: checked
		  * against a hash of the same cost that no password matches */
		size_t n = pw_len > APP_PASSWORD_MAX ? APP_PASSWORD_MAX : pw_len;
		if (!app_password_stale(app_clinic_dummy_hash, &c->cost)) {
			app_password_matches(app_clinic_dummy_hash, pw, n);
		} else { /* a cost of a test's own */
			char dummy[APP_PASSWORD_HASH_MAX];
			struct strbuf e = STRBUF_INIT;
			app_password_hash(pw, n, &c->cost, dummy, &e);
			strbuf_release(&e);
		}
		ok = false;
	}
	if (!ok) {
		account_row_release(&a);
		return CLINIC_NO_ACCOUNT;
	}
	if (app_password_stale(a.password_hash, &c->cost)) {
		/* written as the account itself: the caller's handle may act as no one (a
		 * server's login), which changes no account */
		char hash[APP_PASSWORD_HASH_MAX];
		struct store *me = NULL;
		if (!app_password_hash(pw, pw_len, &c->cost, hash, err) && !store_bind(&me, s->db, a.id, err) &&
		    !me->ops->account_set_password(me, a.id, hash, err)) {
			free(a.password_hash);
			a.password_hash = xstrdup(hash);
		}
		store_close(me);
		strbuf_reset(err); /* the login stands; the old hash still works next time */
	}
	*out = a;
	return CLINIC_OK;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct app_clinic_person *)a)->account.id, y = ((const struct app_clinic_person *)b)->account.id;
	return (x > y) - (x < y);
}

enum app_clinic_status app_clinic_any(const struct app_ctx *ctx, bool *any, struct strbuf *err)
{
	return ctx->store->ops->accounts_exist(ctx->store, any, err) ? CLINIC_FAILED : CLINIC_OK;
}

enum app_clinic_status app_clinic_list(const struct app_ctx *ctx, struct app_clinic_people *out, struct strbuf *err)
{
	struct store *s = ctx->store;
	struct account_row *rows;
	size_t n;
	memset(out, 0, sizeof(*out));
	if (s->ops->accounts_list(s, 0, &rows, &n, err))
		return CLINIC_FAILED;
	out->v = xcalloc(n ? n : 1, sizeof(*out->v));
	out->n = n;
	for (size_t i = 0; i < n; i++)
		out->v[i].account = rows[i];
	free(rows); /* the strings now belong to out */
	for (size_t i = 0; i < n; i++) {
		if (out->v[i].account.role != ROLE_TRAINER)
			continue;
		struct account_row *clients;
		size_t m;
		if (s->ops->accounts_list(s, out->v[i].account.id, &clients, &m, err)) {
			app_clinic_people_release(out);
			return CLINIC_FAILED;
		}
		for (size_t k = 0; k < m; k++) {
			struct app_clinic_person key = { .account.id = clients[k].id }, *p;
			p = bsearch(&key, out->v, out->n, sizeof(*out->v), by_id);
			if (p && !p->trainer_id)
				p->trainer_id = out->v[i].account.id;
		}
		store_accounts_free(clients, m);
	}
	return CLINIC_OK;
}

void app_clinic_people_release(struct app_clinic_people *p)
{
	for (size_t i = 0; i < p->n; i++)
		account_row_release(&p->v[i].account);
	free(p->v);
	memset(p, 0, sizeof(*p));
}
