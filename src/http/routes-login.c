/* routes-login.c: clinic mode's login and logout (GET /login, POST /login, POST
 * /logout): the form, the use cases of app/login.c, and the session cookie. The same
 * answer for an unknown name and a wrong password; too many failures are told how long
 * to wait. An account with two-step login on gets, for the right password, only a
 * login that waits for its code (its own cookie; the code's page is routes-2fa.c's). In local mode there is no one to log in: the routes are not there
 * (ROUTE_CLINIC). */
#include "http/handler.h"
#include "app/login.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include <stdio.h>
#include <string.h>

static void login_form(struct req *rq, int status, const char *login, const char *message)
{
	json_t *ctx = json_pack("{s:s}", "login", login ? login : "");
	if (message)
		json_object_set_new(ctx, "problem", json_pack("{s:s}", "message", message));
	reply_page(rq, status, "login", "", "Log in", ctx);
}

void page_login(struct req *rq)
{
	if (rq->person) { /* logged in already */
		resp_add_header(rq, "Location", "/");
		reply(rq, 303, "text/plain; charset=utf-8", "", 0);
		return;
	}
	login_form(rq, 200, NULL, NULL);
}

static void refused(struct req *rq, int status, const char *code, const char *login, const char *message)
{
	if (req_wants_json(rq)) /* the one error shape, as JSON though this is a page's route */
		reply_json(rq, status, json_pack("{s:{s:s, s:n, s:s}}", "error", "code", code, "field", "message", message));
	else
		login_form(rq, status, login, message);
}

void page_login_post(struct req *rq)
{
	const char *login = json_string_value(json_object_get(rq->input, "login"));
	json_t *pw = json_object_get(rq->input, "password");
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app_db(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_login in;
	enum app_login_status st = app_login(&ctx, rq->srv->accounts, login, json_string_value(pw),
					     json_string_length(pw), rq->addr, &in, &err);
	if (st == APP_LOGIN_FAILED) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store does not answer: %s", err.buf);
	} else if (st == APP_LOGIN_REFUSED) {
		refused(rq, 401, "login_failed", login, "That login name and password do not match an account.");
	} else if (st == APP_LOGIN_CODE) { /* the password was right: the code comes next */
		resp_add_header(rq, "Set-Cookie", auth_code_cookie(rq, in.id));
		if (req_wants_json(rq)) {
			char token[APP_CSRF_LEN + 1];
			app_session_csrf(in.id, token);
			reply_json(rq, 200, json_pack("{s:b, s:s}", "code_needed", true, "code_token", token));
		} else {
			resp_add_header(rq, "Location", "/login/code");
			reply(rq, 303, "text/plain; charset=utf-8", "", 0);
		}
		account_row_release(&in.account);
	} else if (st == APP_LOGIN_WAIT) {
		long long s = (in.wait_ms + 999) / 1000;
		resp_add_header(rq, "Retry-After", arena_printf(&rq->arena, "%lld", s));
		char *msg = arena_printf(&rq->arena, "Too many tries. Wait %lld second%s, then try again.", s,
					 s == 1 ? "" : "s");
		refused(rq, 429, "too_many_tries", login, msg);
	} else {
		reply_logged_in(rq, &ctx, &in);
	}
	strbuf_release(&err);
}

void page_logout_post(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app_db(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT;
	int ended = 1;
	int rc = json_is_true(json_object_get(rq->input, "everywhere"))
			 ? app_logout_everywhere(&ctx, rq->person, &ended, &err)
			 : app_logout(&ctx, rq->session, &err);
	if (rc) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store does not answer: %s", err.buf);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	resp_add_header(rq, "Set-Cookie", auth_cookie_gone());
	if (req_wants_json(rq)) {
		reply_json(rq, 200, json_pack("{s:i}", "ended", ended));
	} else {
		resp_add_header(rq, "Location", "/login");
		reply(rq, 303, "text/plain; charset=utf-8", "", 0);
	}
}
