/* login.c: clinic logins as use cases (login.h): the throttle around the password
 * check, new sessions kept by a hash of their id, each request's session checked
 * against core/login.h's timeouts, logging out, and a session's CSRF token. */
#include "app/login.h"
#include "app/audit.h"
#include "app/recovery.h"
#include "app/totp.h"
#include "core/login.h"
#include "core/mem.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define ID_BYTES 32
#define HASH_HEX (2 * crypto_generichash_BYTES + 1)
#define KEY_MAX 200

/* The hex of BLAKE2b-256 of a session's id: what the store keeps. */
static void id_hash(const char *id, char hex[HASH_HEX])
{
	unsigned char h[crypto_generichash_BYTES];
	crypto_generichash(h, sizeof(h), (const unsigned char *)id, strlen(id), NULL, 0);
	sodium_bin2hex(hex, HASH_HEX, h, sizeof(h));
}

static bool id_shape(const char *id)
{
	return id && strlen(id) == APP_SESSION_ID_LEN &&
	       strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == APP_SESSION_ID_LEN;
}

void app_session_csrf(const char *id, char out[APP_CSRF_LEN + 1])
{
	static const char label[crypto_generichash_KEYBYTES + 1] = "unhunch: the CSRF token, session";
	unsigned char h[APP_CSRF_LEN / 2];
	crypto_generichash(h, sizeof(h), (const unsigned char *)id, id ? strlen(id) : 0,
			   (const unsigned char *)label, crypto_generichash_KEYBYTES);
	sodium_bin2hex(out, APP_CSRF_LEN + 1, h, sizeof(h));
}

/* A handle acting as account, on the database of ctx's handle: once a login or a
 * session has shown who it is, its own rows are written as that person, never through
 * the server's handle of no one (which on PostgreSQL reaches no account or login of
 * its own). NULL with err when it cannot be made. */
static struct store *as_account(const struct app_ctx *ctx, int64_t account, struct strbuf *err)
{
	struct store *me;
	return store_bind(&me, ctx->store->db, account, err) ? NULL : me;
}

/* The throttle's keys: the name as tried (normalised when it is a valid one), the address. */
static void keys(const char *login, const char *address, char by_name[KEY_MAX + 1], char by_addr[KEY_MAX + 1])
{
	char norm[APP_LOGIN_MAX + 1];
	struct strbuf ignored = STRBUF_INIT;
	if (app_login_name(login, norm, &ignored) != CLINIC_OK)
		snprintf(norm, sizeof(norm), "%s", login ? login : "");
	strbuf_release(&ignored);
	snprintf(by_name, KEY_MAX + 1, "name:%s", norm);
	snprintf(by_addr, KEY_MAX + 1, "address:%s", address && *address ? address : "unknown");
}

static int64_t wait_of(struct store *s, const char *key, const struct throttle_rule *r, int64_t now, bool *failed,
		       struct strbuf *err)
{
	int n;
	int64_t last;
	if (s->ops->throttle_get(s, key, &n, &last, err)) {
		*failed = true;
		return 0;
	}
	return throttle_wait_ms(r, n, last, now);
}

/* A new login of account written through me (the account's own handle): a new id into
 * id (the cookie's), its hash kept; code_due when it waits for the second factor's code.
 * With clear_key, that throttle key's failures are forgotten; old logins and counts
 * past their time are forgotten too. */
static int new_login(const struct app_ctx *ctx, struct store *me, const struct account_row *account, bool code_due,
		     const char *clear_key, char id[APP_SESSION_ID_LEN + 1], struct strbuf *err)
{
	struct store *s = ctx->store;
	if (sodium_init() < 0) {
		strbuf_addstr(err, "the cryptography library could not start");
		return -1;
	}
	unsigned char secret[ID_BYTES];
	randombytes_buf(secret, sizeof(secret));
	sodium_bin2base64(id, APP_SESSION_ID_LEN + 1, secret, sizeof(secret), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(secret, sizeof(secret));
	char hex[HASH_HEX];
	id_hash(id, hex);
	struct login_row row = { hex, account->id, ctx->now_ms, ctx->now_ms, code_due };
	if ((clear_key && s->ops->throttle_clear(s, clear_key, err)) ||
	    s->ops->logins_prune(s, ctx->now_ms - LOGIN_IDLE_MS, ctx->now_ms - LOGIN_ABSOLUTE_MS, err) ||
	    s->ops->throttle_prune(s, ctx->now_ms - THROTTLE_FORGET_MS, err) || me->ops->login_add(me, &row, err)) {
		sodium_memzero(id, APP_SESSION_ID_LEN + 1);
		return -1;
	}
	return 0;
}

enum app_login_status app_login(const struct app_ctx *ctx, const struct app_clinic *c, const char *login,
				const char *pw, size_t pw_len, const char *address, struct app_login *out,
				struct strbuf *err)
{
	struct store *s = ctx->store;
	memset(out, 0, sizeof(*out));
	char by_name[KEY_MAX + 1], by_addr[KEY_MAX + 1];
	keys(login, address, by_name, by_addr);
	bool failed = false;
	int64_t w1 = wait_of(s, by_name, &throttle_by_name, ctx->now_ms, &failed, err);
	int64_t w2 = wait_of(s, by_addr, &throttle_by_address, ctx->now_ms, &failed, err);
	if (failed)
		return APP_LOGIN_FAILED;
	if (w1 || w2) {
		out->wait_ms = w1 > w2 ? w1 : w2;
		return APP_LOGIN_WAIT;
	}
	enum app_clinic_status st = app_clinic_login(ctx, c, login, pw, pw_len, &out->account, err);
	if (st == CLINIC_FAILED)
		return APP_LOGIN_FAILED;
	if (st != CLINIC_OK) {
		int n;
		if (s->ops->throttle_fail(s, by_name, ctx->now_ms, ctx->now_ms - THROTTLE_FORGET_MS, &n, err) ||
		    s->ops->throttle_fail(s, by_addr, ctx->now_ms, ctx->now_ms - THROTTLE_FORGET_MS, &n, err))
			return APP_LOGIN_FAILED;
		return APP_LOGIN_REFUSED;
	}
	/* the second factor, read as the account itself: on, the login waits for its code
	 * and the name's failures stay counted until the code is right */
	struct store *me = as_account(ctx, out->account.id, err);
	enum app_totp_state totp = APP_TOTP_OFF;
	if (me) {
		struct app_ctx mine = *ctx;
		mine.store = me;
		if (app_totp_state(&mine, out->account.id, &totp, NULL, err) != CLINIC_OK) {
			store_close(me);
			me = NULL;
		}
	}
	if (!me) {
		account_row_release(&out->account);
		return APP_LOGIN_FAILED;
	}
	bool due = totp == APP_TOTP_ON;
	int rc = new_login(ctx, me, &out->account, due, due ? NULL : by_name, out->id, err);
	store_close(me);
	if (rc) {
		account_row_release(&out->account);
		return APP_LOGIN_FAILED;
	}
	return due ? APP_LOGIN_CODE : APP_LOGIN_OK;
}

enum app_login_status app_login_code(const struct app_ctx *ctx, const char *pending_id, const char *code,
				     const char *address, struct app_login *out, struct strbuf *err)
{
	struct store *s = ctx->store;
	memset(out, 0, sizeof(*out));
	if (!id_shape(pending_id))
		return APP_LOGIN_AGAIN;
	char hex[HASH_HEX];
	id_hash(pending_id, hex);
	struct login_row row;
	bool found = false;
	if (s->ops->login_get(s, hex, &row, &found, err))
		return APP_LOGIN_FAILED;
	if (!found)
		return APP_LOGIN_AGAIN;
	bool due = row.code_due, fresh = ctx->now_ms >= row.created_ms && ctx->now_ms - row.created_ms < LOGIN_CODE_MS;
	int64_t account = row.account_id;
	login_row_release(&row);
	if (!due)
		return APP_LOGIN_AGAIN;
	struct store *me = as_account(ctx, account, err);
	if (!me)
		return APP_LOGIN_FAILED;
	enum app_login_status st = APP_LOGIN_FAILED;
	if (!fresh) {
		st = me->ops->login_end(me, hex, err) ? APP_LOGIN_FAILED : APP_LOGIN_AGAIN;
		goto done;
	}
	if (me->ops->account_get(me, account, NULL, &out->account, &found, err))
		goto done;
	if (!found || out->account.disabled_ms) {
		st = me->ops->login_end(me, hex, err) ? APP_LOGIN_FAILED : APP_LOGIN_AGAIN;
		goto done;
	}
	char by_name[KEY_MAX + 1], by_addr[KEY_MAX + 1];
	keys(out->account.login, address, by_name, by_addr);
	bool failed = false;
	int64_t w1 = wait_of(s, by_name, &throttle_by_name, ctx->now_ms, &failed, err);
	int64_t w2 = wait_of(s, by_addr, &throttle_by_address, ctx->now_ms, &failed, err);
	if (failed)
		goto done;
	if (w1 || w2) {
		out->wait_ms = w1 > w2 ? w1 : w2;
		st = APP_LOGIN_WAIT;
		goto done;
	}
	struct app_ctx mine = *ctx;
	mine.store = me;
	bool ok = false, by_recovery = false;
	if (app_totp_check(&mine, account, code, &ok, &by_recovery, err) != CLINIC_OK)
		goto done;
	if (!ok) {
		int n;
		st = s->ops->throttle_fail(s, by_name, ctx->now_ms, ctx->now_ms - THROTTLE_FORGET_MS, &n, err) ||
				     s->ops->throttle_fail(s, by_addr, ctx->now_ms, ctx->now_ms - THROTTLE_FORGET_MS, &n, err)
			     ? APP_LOGIN_FAILED
			     : APP_LOGIN_REFUSED;
		goto done;
	}
	/* a recovery code's use is written where the person reads who did what */
	if (by_recovery && app_audit(ctx, STORE_LOCAL_PERSON, account, AUDIT_RECOVERY_USED, err))
		goto done;
	if (me->ops->login_end(me, hex, err) || new_login(ctx, me, &out->account, false, by_name, out->id, err))
		goto done;
	st = APP_LOGIN_OK;
done:
	store_close(me);
	if (st != APP_LOGIN_OK)
		account_row_release(&out->account);
	return st;
}

int app_login_wait(const struct app_ctx *ctx, const char *login, const char *address, int64_t *wait_ms,
		   struct strbuf *err)
{
	char by_name[KEY_MAX + 1], by_addr[KEY_MAX + 1];
	keys(login, address, by_name, by_addr);
	bool failed = false;
	int64_t w1 = wait_of(ctx->store, by_name, &throttle_by_name, ctx->now_ms, &failed, err);
	int64_t w2 = wait_of(ctx->store, by_addr, &throttle_by_address, ctx->now_ms, &failed, err);
	*wait_ms = w1 > w2 ? w1 : w2;
	return failed ? -1 : 0;
}

int app_login_failed(const struct app_ctx *ctx, const char *login, const char *address, struct strbuf *err)
{
	char by_name[KEY_MAX + 1], by_addr[KEY_MAX + 1];
	keys(login, address, by_name, by_addr);
	struct store *s = ctx->store;
	int n;
	return s->ops->throttle_fail(s, by_name, ctx->now_ms, ctx->now_ms - THROTTLE_FORGET_MS, &n, err) ||
			       s->ops->throttle_fail(s, by_addr, ctx->now_ms, ctx->now_ms - THROTTLE_FORGET_MS, &n, err)
		       ? -1
		       : 0;
}

int app_login_cleared(const struct app_ctx *ctx, const char *login, struct strbuf *err)
{
	char by_name[KEY_MAX + 1], by_addr[KEY_MAX + 1];
	keys(login, NULL, by_name, by_addr);
	return ctx->store->ops->throttle_clear(ctx->store, by_name, err) ? -1 : 0;
}

bool app_session_account(const struct app_ctx *ctx, const char *id, struct account_row *out, struct strbuf *err)
{
	struct store *s = ctx->store;
	memset(out, 0, sizeof(*out));
	if (!id_shape(id))
		return false;
	char hex[HASH_HEX];
	id_hash(id, hex);
	struct login_row row;
	bool found = false;
	if (s->ops->login_get(s, hex, &row, &found, err) || !found)
		return false;
	enum login_state state = login_state(row.created_ms, row.seen_ms, ctx->now_ms);
	int64_t seen = row.seen_ms, account = row.account_id;
	bool due = row.code_due;
	login_row_release(&row);
	if (due) /* the password alone: not a session until the code comes (app_login_code) */
		return false;
	/* from here the session's own account acts: its session, its account row */
	struct store *me = as_account(ctx, account, err);
	bool live = false;
	if (!me)
		return false;
	if (state != LOGIN_LIVE) {
		me->ops->login_end(me, hex, err);
	} else if (!me->ops->account_get(me, account, NULL, out, &found, err) && found) {
		live = !out->disabled_ms && (ctx->now_ms - seen < LOGIN_SEEN_STEP_MS ||
					     !me->ops->login_seen(me, hex, ctx->now_ms, err));
		if (!live)
			account_row_release(out);
	}
	store_close(me);
	return live;
}

int app_logout(const struct app_ctx *ctx, const char *id, struct strbuf *err)
{
	if (!id_shape(id))
		return 0;
	char hex[HASH_HEX];
	id_hash(id, hex);
	struct login_row row;
	bool found = false;
	if (ctx->store->ops->login_get(ctx->store, hex, &row, &found, err))
		return -1;
	if (!found)
		return 0;
	struct store *me = as_account(ctx, row.account_id, err);
	login_row_release(&row);
	int rc = me ? me->ops->login_end(me, hex, err) : -1;
	store_close(me);
	return rc;
}

int app_logout_everywhere(const struct app_ctx *ctx, int64_t account, int *ended, struct strbuf *err)
{
	struct store *me = as_account(ctx, account, err);
	int rc = me ? me->ops->logins_end_all(me, account, ended, err) : -1;
	store_close(me);
	return rc;
}
