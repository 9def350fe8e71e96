/* password-change.c (app): a logged-in person changes their own password (accounts.h,
 * app_clinic_password_change): the current one checked, the new one held to the same
 * rules as at the start, then every login of the account ended. */
#include "app/accounts.h"
#include "app/login.h"
#include "app/password.h"
#include <string.h>

enum app_clinic_status app_clinic_password_change(const struct app_ctx *ctx, const struct app_clinic *c,
						  int64_t account, const char *now_pw, size_t now_len,
						  const char *new_pw, size_t new_len, int *ended, struct strbuf *err)
{
	struct account_row a;
	bool found = false;
	*ended = 0;
	if (ctx->store->ops->account_get(ctx->store, account, NULL, &a, &found, err))
		return CLINIC_FAILED;
	if (!found) {
		strbuf_addstr(err, "there is no account of this session");
		return CLINIC_NO_ACCOUNT;
	}
	enum app_clinic_status st = CLINIC_OK;
	char hash[APP_PASSWORD_HASH_MAX];
	if (now_len > APP_PASSWORD_MAX || !app_password_matches(a.password_hash, now_pw, now_len)) {
		strbuf_addstr(err, "current: that is not your password now, so it stays as it is");
		st = CLINIC_BAD_INPUT;
	} else if (new_len == now_len && !memcmp(new_pw, now_pw, now_len)) {
		strbuf_addstr(err, "password: the new password is the one you have; choose another");
		st = CLINIC_BAD_INPUT;
	} else {
		enum app_password_problem p = app_password_check(new_pw, new_len, c->common, a.login, a.display_name);
		if (p != PW_OK) {
			strbuf_addf(err, "password: %s", app_password_problem_text(p));
			st = CLINIC_BAD_INPUT;
		} else if (app_password_hash(new_pw, new_len, &c->cost, hash, err) ||
			   ctx->store->ops->account_set_password(ctx->store, account, hash, err)) {
			st = CLINIC_FAILED;
		}
	}
	account_row_release(&a);
	if (st != CLINIC_OK)
		return st;
	/* whoever else had a login (a stolen one too) is out; this one ends as well and
	 * logs in again with the new password */
	struct strbuf why = STRBUF_INIT;
	if (app_logout_everywhere(ctx, account, ended, &why)) {
		strbuf_addf(err, "the password is changed, but the logins did not end: %s", strbuf_str(&why));
		strbuf_release(&why);
		return CLINIC_FAILED;
	}
	strbuf_release(&why);
	return CLINIC_OK;
}
