/* password-again.c: a use case's step that asks for the password again, behind the
 * login's throttle (password-again.h): wait, the step, then the failure counted or the
 * name's count cleared, as a login does. */
#include "app/password-again.h"
#include "app/login.h"

enum app_clinic_status app_password_again(const struct app_ctx *ctx, int64_t account, struct app_again *again,
					  app_again_step *step, void *arg, struct strbuf *err)
{
	char login[APP_LOGIN_MAX + 1];
	again->wait_ms = 0;
	enum app_clinic_status st = app_clinic_login_of(ctx, account, login, err);
	if (st == CLINIC_NO_ACCOUNT)
		strbuf_addstr(err, "no account of this session");
	if (st != CLINIC_OK || app_login_wait(again->db, login, again->address, &again->wait_ms, err))
		return CLINIC_FAILED;
	if (again->wait_ms)
		return CLINIC_WAIT;
	bool wrong = false;
	st = step(ctx, arg, &wrong, err);
	if (wrong && app_login_failed(again->db, login, again->address, err))
		return CLINIC_FAILED;
	if (st == CLINIC_OK) {
		struct strbuf ignored = STRBUF_INIT;
		app_login_cleared(again->db, login, &ignored);
		strbuf_release(&ignored);
	}
	return st;
}
