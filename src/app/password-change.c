/* password-change.c (app): a logged-in person changes their own password (accounts.h,
 * app_clinic_password_change) behind the login's throttle (password-again.h): the
 * current one checked (app_clinic_password_is, the one check of a password asked
 * again), the new one held to the same rules as at the start, then every login of the
 * account ended. */
#include "app/accounts.h"
#include "app/login.h"
#include "app/password.h"
#include "app/password-again.h"
#include <string.h>

enum app_clinic_status app_clinic_password_is(const struct app_ctx *ctx, int64_t account, const char *pw,
					      size_t pw_len, bool *right, struct account_row *out, struct strbuf *err)
{
	struct account_row a;
	bool found = false;
	*right = false;
	if (ctx->store->ops->account_get(ctx->store, account, NULL, &a, &found, err))
		return CLINIC_FAILED;
	if (!found)
		return CLINIC_NO_ACCOUNT;
	*right = pw && pw_len <= APP_PASSWORD_MAX && app_password_matches(a.password_hash, pw, pw_len);
	if (out)
		*out = a;
	else
		account_row_release(&a);
	return CLINIC_OK;
}

struct change {
	const struct app_clinic *c;
	int64_t account;
	const char *now_pw, *new_pw;
	size_t now_len, new_len;
	int *ended;
};

/* The change itself, once the throttle lets it be tried; *wrong when the current
 * password is not right. */
static enum app_clinic_status change(const struct app_ctx *ctx, void *arg, bool *wrong, struct strbuf *err)
{
	const struct change *ch = arg;
	struct account_row a;
	bool right;
	enum app_clinic_status st = app_clinic_password_is(ctx, ch->account, ch->now_pw, ch->now_len, &right, &a, err);
	if (st == CLINIC_NO_ACCOUNT)
		strbuf_addstr(err, "there is no account of this session");
	if (st != CLINIC_OK)
		return st;
	char hash[APP_PASSWORD_HASH_MAX];
	if (!right) {
		strbuf_addstr(err, "current: that is not your password now, so it stays as it is");
		*wrong = true;
		st = CLINIC_BAD_INPUT;
	} else if (ch->new_len == ch->now_len && !memcmp(ch->new_pw, ch->now_pw, ch->now_len)) {
		strbuf_addstr(err, "password: the new password is the one you have; choose another");
		st = CLINIC_BAD_INPUT;
	} else {
		enum app_password_problem p =
			app_password_check(ch->new_pw, ch->new_len, ch->c->common, a.login, a.display_name);
		if (p != PW_OK) {
			strbuf_addf(err, "password: %s", app_password_problem_text(p));
			st = CLINIC_BAD_INPUT;
		} else if (app_password_hash(ch->new_pw, ch->new_len, &ch->c->cost, hash, err) ||
			   ctx->store->ops->account_set_password(ctx->store, ch->account, hash, err)) {
			st = CLINIC_FAILED;
		}
	}
	account_row_release(&a);
	if (st != CLINIC_OK)
		return st;
	/* whoever else had a login (a stolen one too) is out; this one ends as well and
	 * logs in again with the new password */
	struct strbuf why = STRBUF_INIT;
	if (app_logout_everywhere(ctx, ch->account, ch->ended, &why)) {
		strbuf_addf(err, "the password is changed, but the logins did not end: %s", strbuf_str(&why));
		strbuf_release(&why);
		return CLINIC_FAILED;
	}
	strbuf_release(&why);
	return CLINIC_OK;
}

enum app_clinic_status app_clinic_password_change(const struct app_ctx *ctx, const struct app_clinic *c,
						  struct app_again *again, int64_t account, const char *now_pw,
						  size_t now_len, const char *new_pw, size_t new_len, int *ended,
						  struct strbuf *err)
{
	struct change ch = { c, account, now_pw, new_pw, now_len, new_len, ended };
	*ended = 0;
	return app_password_again(ctx, account, again, change, &ch, err);
}
