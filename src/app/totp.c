/* totp.c: the second factor of a clinic login as use cases (totp.h): a secret from
 * libsodium's random bytes, kept as hex by the store and shown as base32, the code
 * checked by core/totp.c and taken once by the store. New recovery codes and turning it
 * off ask for the password again, behind the login's throttle (password-again.h). */
#include "app/totp.h"
#include "app/audit.h"
#include "app/custody.h"
#include "app/group.h"
#include "app/password-again.h"
#include "app/recovery.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

bool app_totp_required(enum account_role role, bool staff_required)
{
	return staff_required && (role == ROLE_TRAINER || role == ROLE_ADMIN);
}

/* The store's row of account, *found whether there is one. */
static enum app_clinic_status row_of(const struct app_ctx *ctx, int64_t account, struct totp_row *row, bool *found,
				     struct strbuf *err)
{
	return ctx->store->ops->totp_get(ctx->store, account, row, found, err) ? CLINIC_FAILED : CLINIC_OK;
}

/* The secret's bytes from the row's hex; its length (0 when the row is damaged). */
static size_t secret_bytes(const struct totp_row *row, uint8_t out[STORE_TOTP_SECRET_HEX / 2])
{
	size_t n = 0;
	if (sodium_hex2bin(out, STORE_TOTP_SECRET_HEX / 2, row->secret, strlen(row->secret), NULL, &n, NULL))
		return 0;
	return n;
}

/* The login name of account, for the app's label ("" when it cannot be read). */
static void login_of(const struct app_ctx *ctx, int64_t account, char out[APP_LOGIN_MAX + 1])
{
	struct account_row a;
	bool found = false;
	struct strbuf ignored = STRBUF_INIT;
	out[0] = 0;
	if (!ctx->store->ops->account_get(ctx->store, account, NULL, &a, &found, &ignored) && found)
		snprintf(out, APP_LOGIN_MAX + 1, "%s", a.login);
	if (found)
		account_row_release(&a);
	strbuf_release(&ignored);
}

static void enrolment(const struct app_ctx *ctx, const struct totp_row *row, struct app_totp_enrol *out)
{
	uint8_t key[STORE_TOTP_SECRET_HEX / 2];
	size_t n = secret_bytes(row, key);
	totp_base32(key, n, out->secret, sizeof(out->secret));
	sodium_memzero(key, sizeof(key));
	size_t o = 0;
	for (size_t i = 0; out->secret[i] && o + 2 < sizeof(out->grouped); i++) {
		if (i && i % 4 == 0)
			out->grouped[o++] = ' ';
		out->grouped[o++] = out->secret[i];
	}
	out->grouped[o] = 0;
	char login[APP_LOGIN_MAX + 1];
	login_of(ctx, row->account_id, login);
	/* a login name holds only a-z 0-9 . _ - @, none of which a URI's label must escape
	 * but '@' (written %40) */
	char label[3 * APP_LOGIN_MAX + 1];
	size_t l = 0;
	for (const char *p = login; *p; p++)
		l += (size_t)snprintf(label + l, sizeof(label) - l, *p == '@' ? "%%40" : "%c", *p);
	snprintf(out->uri, sizeof(out->uri),
		 "otpauth://totp/" APP_TOTP_ISSUER ":%s?secret=%s&issuer=" APP_TOTP_ISSUER
		 "&algorithm=SHA1&digits=%d&period=%d",
		 label, out->secret, TOTP_DIGITS, TOTP_STEP_MS / 1000);
}

enum app_clinic_status app_totp_state(const struct app_ctx *ctx, int64_t account, enum app_totp_state *state,
				      struct app_totp_enrol *out, struct strbuf *err)
{
	struct totp_row row;
	bool found;
	*state = APP_TOTP_OFF;
	if (out)
		memset(out, 0, sizeof(*out));
	if (row_of(ctx, account, &row, &found, err) != CLINIC_OK)
		return CLINIC_FAILED;
	if (found)
		*state = row.confirmed_ms ? APP_TOTP_ON : APP_TOTP_WAITING;
	if (found && !row.confirmed_ms && out)
		enrolment(ctx, &row, out);
	sodium_memzero(&row, sizeof(row));
	return CLINIC_OK;
}

enum app_clinic_status app_totp_begin(const struct app_ctx *ctx, int64_t account, struct app_totp_enrol *out,
				      struct strbuf *err)
{
	enum app_totp_state st;
	if (app_totp_state(ctx, account, &st, NULL, err) != CLINIC_OK)
		return CLINIC_FAILED;
	if (st == APP_TOTP_ON) {
		strbuf_addstr(err, "two-step login is on already: turn it off first to set up a new phone");
		return CLINIC_NOT_ALLOWED;
	}
	if (sodium_init() < 0) {
		strbuf_addstr(err, "the cryptography library could not start");
		return CLINIC_FAILED;
	}
	uint8_t key[TOTP_SECRET_BYTES];
	randombytes_buf(key, sizeof(key));
	struct totp_row row = { account, "", 0, 0 };
	sodium_bin2hex(row.secret, sizeof(row.secret), key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	int rc = ctx->store->ops->totp_put(ctx->store, &row, err);
	if (!rc)
		enrolment(ctx, &row, out);
	sodium_memzero(&row, sizeof(row));
	return rc ? CLINIC_FAILED : CLINIC_OK;
}

/* Whether code is good now for row (and later than its last step); *step the one it matched. */
static bool code_good(const struct app_ctx *ctx, const struct totp_row *row, const char *code, int64_t *step)
{
	uint8_t key[STORE_TOTP_SECRET_HEX / 2];
	size_t n = secret_bytes(row, key);
	bool ok = n && totp_check(key, n, ctx->now_ms, code, row->last_step, step);
	sodium_memzero(key, sizeof(key));
	return ok;
}

/* Check code against account's row and take it; *ok whether it was good and taken.
 * want_on: the row must be confirmed (a login) or waiting (a confirmation). */
static enum app_clinic_status take(const struct app_ctx *ctx, int64_t account, bool want_on, const char *code,
				   bool *ok, bool *found, struct strbuf *err)
{
	struct totp_row row;
	*ok = false;
	if (row_of(ctx, account, &row, found, err) != CLINIC_OK)
		return CLINIC_FAILED;
	if (!*found || (row.confirmed_ms != 0) != want_on) {
		*found = false;
		sodium_memzero(&row, sizeof(row));
		return CLINIC_OK;
	}
	int64_t step = 0;
	bool good = code_good(ctx, &row, code, &step);
	sodium_memzero(&row, sizeof(row));
	if (good && ctx->store->ops->totp_use(ctx->store, account, step, ctx->now_ms, ok, err))
		return CLINIC_FAILED;
	return CLINIC_OK;
}

enum app_clinic_status app_totp_confirm(const struct app_ctx *ctx, int64_t account, const char *code,
					struct app_recovery *codes, struct strbuf *err)
{
	bool ok, found;
	if (take(ctx, account, false, code, &ok, &found, err) != CLINIC_OK)
		return CLINIC_FAILED;
	if (!found) {
		strbuf_addstr(err, "there is no new secret waiting for its first code: set two-step login up first");
		return CLINIC_NOT_ALLOWED;
	}
	if (!ok) {
		strbuf_addstr(err, "code: that is not the code the app shows now; type the 6 digits it shows, "
				   "and check that the phone's clock is right");
		return CLINIC_BAD_INPUT;
	}
	return app_recovery_issue(ctx, account, codes, err);
}

enum app_clinic_status app_totp_check(const struct app_ctx *ctx, int64_t account, const char *code, bool *ok,
				      bool *by_recovery, struct strbuf *err)
{
	bool found;
	*by_recovery = app_recovery_shape(code);
	if (*by_recovery)
		return app_recovery_take(ctx, account, code, ok, err);
	return take(ctx, account, true, code, ok, &found, err);
}

/* CLINIC_OK when account's factor is on, else CLINIC_NOT_ALLOWED with not_on in err
 * (CLINIC_FAILED when the store fails). */
static enum app_clinic_status must_be_on(const struct app_ctx *ctx, int64_t account, const char *not_on,
					 struct strbuf *err)
{
	enum app_totp_state st;
	if (app_totp_state(ctx, account, &st, NULL, err) != CLINIC_OK)
		return CLINIC_FAILED;
	if (st != APP_TOTP_ON) {
		strbuf_addstr(err, not_on);
		return CLINIC_NOT_ALLOWED;
	}
	return CLINIC_OK;
}

/* What new codes and turning off are asked with (the step's arg). */
struct asked {
	int64_t account;
	const char *pw;
	size_t pw_len;
	struct app_recovery *out; /* new codes: where they go */
	bool required;            /* off: the role must keep it */
	const char *code;         /* off: the app's or a recovery code */
};

/* New codes once the throttle lets the password be tried; *wrong when it is not right. */
static enum app_clinic_status new_codes(const struct app_ctx *ctx, void *arg, bool *wrong, struct strbuf *err)
{
	const struct asked *r = arg;
	enum app_clinic_status st =
		must_be_on(ctx, r->account, "two-step login is not on, so there are no recovery codes to replace", err);
	if (st != CLINIC_OK)
		return st;
	bool right;
	if (app_clinic_password_is(ctx, r->account, r->pw, r->pw_len, &right, NULL, err) == CLINIC_FAILED)
		return CLINIC_FAILED;
	if (!right) {
		strbuf_addstr(err, "the password is not right, so the recovery codes stay as they were");
		*wrong = true;
		return CLINIC_BAD_INPUT;
	}
	return app_recovery_issue(ctx, r->account, r->out, err);
}

enum app_clinic_status app_totp_new_codes(const struct app_ctx *ctx, struct app_again *again, int64_t account,
					  const char *pw, size_t pw_len, struct app_recovery *out, struct strbuf *err)
{
	struct asked r = { account, pw, pw_len, out, false, NULL };
	return app_password_again(ctx, account, again, new_codes, &r, err);
}

/* Off once the throttle lets the password and the code be tried; *wrong when either is
 * not right. */
static enum app_clinic_status off(const struct app_ctx *ctx, void *arg, bool *wrong, struct strbuf *err)
{
	const struct asked *r = arg;
	enum app_clinic_status st =
		must_be_on(ctx, r->account, "two-step login is not on, so there is nothing to turn off", err);
	if (st != CLINIC_OK)
		return st;
	if (r->required) {
		strbuf_addstr(err, "the clinic requires two-step login for trainers and admins, so it stays on; if "
				   "your phone is lost, an admin can reset it at the terminal");
		return CLINIC_NOT_ALLOWED;
	}
	/* the same words whichever was wrong; a recovery code does (the phone may be lost) */
	bool pw_ok, code_ok = false, by_recovery;
	if (app_clinic_password_is(ctx, r->account, r->pw, r->pw_len, &pw_ok, NULL, err) == CLINIC_FAILED)
		return CLINIC_FAILED;
	if (pw_ok && app_totp_check(ctx, r->account, r->code, &code_ok, &by_recovery, err) != CLINIC_OK)
		return CLINIC_FAILED;
	if (!pw_ok || !code_ok) {
		strbuf_addstr(err, "the password or the code is not right, so two-step login stays on");
		*wrong = true;
		return CLINIC_BAD_INPUT;
	}
	bool cleared;
	return ctx->store->ops->totp_clear(ctx->store, r->account, &cleared, err) ? CLINIC_FAILED : CLINIC_OK;
}

enum app_clinic_status app_totp_off(const struct app_ctx *ctx, struct app_again *again, int64_t account,
				    bool required, const char *pw, size_t pw_len, const char *code, struct strbuf *err)
{
	struct asked r = { account, pw, pw_len, NULL, required, code };
	return app_password_again(ctx, account, again, off, &r, err);
}

/* actor (the operator, or an enabled admin checked by the caller) turns id's factor
 * off: the line in id's audit log, the factor with its recovery codes, and id's logins,
 * together or none of them; nothing at all when id has none (*was false). On
 * PostgreSQL an admin clears the row without reading it (store.h's totp_clear). */
static enum app_clinic_status reset(const struct app_ctx *ctx, int64_t actor, int64_t id, const char *what,
				    bool *was, struct strbuf *err)
{
	*was = false;
	if (app_write_begin(ctx, err))
		return CLINIC_FAILED;
	bool ok = !app_audit(ctx, actor, id, what, err) && !ctx->store->ops->totp_clear(ctx->store, id, was, err) &&
		  (!*was || !ctx->store->ops->logins_end_all(ctx->store, id, NULL, err));
	struct strbuf end = STRBUF_INIT;
	/* kept only when there was one: no audit line about a reset of nothing */
	if (app_write_end(ctx, ok && *was, &end) && ok && *was) {
		strbuf_addstr(err, strbuf_str(&end));
		ok = false;
	}
	strbuf_release(&end);
	if (!ok)
		*was = false;
	return ok ? CLINIC_OK : CLINIC_FAILED;
}

enum app_clinic_status app_totp_reset(const struct app_ctx *ctx, const char *login, bool *was, struct strbuf *err)
{
	int64_t id;
	*was = false;
	enum app_clinic_status st = app_clinic_account_id(ctx, login, &id, err);
	if (st != CLINIC_OK)
		return st;
	return reset(ctx, STORE_LOCAL_PERSON, id, AUDIT_TOTP_RESET, was, err);
}

enum app_clinic_status app_totp_admin_reset(const struct app_ctx *ctx, int64_t admin_id, int64_t account_id,
					    const char *typed, bool *was, struct strbuf *err)
{
	*was = false;
	enum app_clinic_status st = app_custody_admin(ctx, admin_id, "turn off another person's two-step login", err);
	if (st != CLINIC_OK)
		return st;
	if (admin_id == account_id) {
		strbuf_addstr(err, "your own two-step login is turned off on your two-step login page, with your "
				   "password and a code; nothing was changed");
		return CLINIC_NOT_ALLOWED;
	}
	char login[APP_LOGIN_MAX + 1];
	if ((st = app_clinic_login_of(ctx, account_id, login, err)) != CLINIC_OK)
		return st;
	if (!app_custody_typed(typed, login)) {
		strbuf_addf(err, "confirm: type the login name %s to turn off that person's two-step login; nothing "
				 "was changed", login);
		return CLINIC_BAD_INPUT;
	}
	return reset(ctx, admin_id, account_id, AUDIT_TOTP_RESET_ADMIN, was, err);
}
