/* routes-2fa.c: two-step login in clinic mode (app/totp.h, app/login.h): the login's
 * second step (GET, POST /login/code: the code of an authenticator app, after the
 * password), and its page under Your account (GET /account/2fa; POST /account/2fa/start
 * for a new secret shown as text in groups of four and as an otpauth:// link, /confirm
 * with the first code, which answers with the ten recovery codes, shown that once;
 * /codes with the password, for new ones in their place; /off with the password and a
 * code). The login's step and /off take a recovery code in place of the app's code; the
 * page says how many are left. Every refused code gets one answer, whether it was wrong,
 * used already or outside the window; failures count in the login throttle (/codes' and
 * /off's password and code through app/password-again.h). The code's form carries a
 * token made from the waiting login's id, as a session's forms carry the session's; the
 * account's forms the session's. */
#include "http/handler.h"
#include "app/login.h"
#include "app/password-again.h"
#include "app/recovery.h"
#include "app/totp.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "http/qr-svg.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODE_REFUSED \
	"That code is not right, or it was used already. Type the 6 digits your app shows now, or a recovery code."

/* ---- the login's second step ---- */

static void code_form(struct req *rq, int status, const char *token, const char *message)
{
	json_t *ctx = json_pack("{s:s}", "token", token ? token : "");
	if (message)
		json_object_set_new(ctx, "problem", json_pack("{s:s}", "message", message));
	reply_page(rq, status, "login-code", "", "Log in: your code", ctx);
}

/* No login waits for a code (none, or past its time): the login form, saying so. */
static void to_login(struct req *rq, int status)
{
	json_t *ctx = json_pack("{s:s, s:{s:s}}", "login", "", "problem", "message",
				"No login is waiting for a code here, or it waited too long: log in with your "
				"password first, and the code comes next.");
	reply_page(rq, status, "login", "", "Log in", ctx);
}

void page_login_code(struct req *rq)
{
	char id[64], token[APP_CSRF_LEN + 1];
	if (!auth_code_id(rq, id, sizeof(id))) {
		to_login(rq, 200);
		return;
	}
	app_session_csrf(id, token);
	code_form(rq, 200, token, NULL);
}

static void code_refused(struct req *rq, int status, const char *code, const char *token, const char *message)
{
	if (req_wants_json(rq))
		reply_json(rq, status, json_pack("{s:{s:s, s:s, s:s}}", "error", "code", code, "field", "code", "message",
						 message));
	else
		code_form(rq, status, token, message);
}

void page_login_code_post(struct req *rq)
{
	char id[64], token[APP_CSRF_LEN + 1];
	if (!auth_code_id(rq, id, sizeof(id))) {
		if (req_wants_json(rq))
			reply_error(rq, 401, "login_again", NULL, "no login waits for a code here: log in again");
		else
			to_login(rq, 401);
		return;
	}
	/* the form's token, or the header's: made from this waiting login's id */
	app_session_csrf(id, token);
	const char *given = json_string_value(json_object_get(rq->input, "token"));
	if (!given)
		given = req_header(rq, "X-CSRF-Token");
	if (!given || strlen(given) != APP_CSRF_LEN || sodium_memcmp(given, token, APP_CSRF_LEN)) {
		reply_error(rq, 403, "bad_csrf", "token", "the page's security token is out of date: log in again");
		return;
	}
	const char *code = rq->form_refused ? "" : json_string_value(json_object_get(rq->input, "code"));
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app_db(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_login in;
	enum app_login_status st = app_login_code(&ctx, id, code ? code : "", rq->addr, &in, &err);
	if (st == APP_LOGIN_FAILED) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store does not answer: %s", err.buf);
	} else if (st == APP_LOGIN_AGAIN) {
		resp_add_header(rq, "Set-Cookie", auth_code_cookie_gone());
		if (req_wants_json(rq))
			reply_error(rq, 401, "login_again", NULL, "no login waits for a code here: log in again");
		else
			to_login(rq, 401);
	} else if (st == APP_LOGIN_REFUSED) {
		code_refused(rq, 401, "code_failed", token, CODE_REFUSED);
	} else if (st == APP_LOGIN_WAIT) {
		long long s = (in.wait_ms + 999) / 1000;
		resp_add_header(rq, "Retry-After", arena_printf(&rq->arena, "%lld", s));
		code_refused(rq, 429, "too_many_tries", token,
			     arena_printf(&rq->arena, "Too many tries. Wait %lld second%s, then try again.", s,
					  s == 1 ? "" : "s"));
	} else {
		resp_add_header(rq, "Set-Cookie", auth_code_cookie_gone());
		reply_logged_in(rq, &ctx, &in);
	}
	strbuf_release(&err);
}

/* ---- the page under Your account ---- */

static bool required(const struct req *rq)
{
	return rq->srv->totp_required && app_totp_required((enum account_role)rq->role, true);
}

/* The page in its state, with what was done or refused (extra taken: done, problem). */
static void factor_page(struct req *rq, int status, json_t *extra)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) {
		json_decref(extra);
		return;
	}
	struct strbuf err = STRBUF_INIT;
	enum app_totp_state st;
	struct app_totp_enrol e;
	if (app_totp_state(&ctx, rq->person, &st, &e, &err) != CLINIC_OK) {
		json_decref(extra);
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
		strbuf_release(&err);
		return;
	}
	int left = 0;
	if (st == APP_TOTP_ON && app_recovery_left(&ctx, rq->person, &left, &err) != CLINIC_OK) {
		json_decref(extra);
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	json_t *v = json_pack("{s:b, s:b, s:b, s:b, s:i, s:i, s:b}", "off", st == APP_TOTP_OFF, "waiting",
			      st == APP_TOTP_WAITING, "on", st == APP_TOTP_ON, "required", required(rq), "codes_left",
			      left, "codes_made", APP_RECOVERY_CODES, "codes_low", left > 0 && left <= APP_RECOVERY_LOW);
	char *qr = NULL;
	if (st == APP_TOTP_WAITING) {
		json_object_set_new(v, "enrol", json_pack("{s:s, s:s}", "grouped", e.grouped, "uri", e.uri));
		qr = qr_svg(e.uri, "The key as a QR code, to scan with your app");
		json_object_set_new(v, "has_qr", json_boolean(qr != NULL));
		json_object_set_new(v, "qr", json_integer(0)); /* markup[0] */
	}
	sodium_memzero(&e, sizeof(e));
	json_object_update(v, extra);
	json_decref(extra);
	const char *markup[1] = { qr ? qr : "" };
	reply_page_markup(rq, status, "account-2fa", "account", "Two-step login", v, markup, 1);
	if (qr)
		sodium_memzero(qr, strlen(qr));
	free(qr);
}

void page_account_2fa(struct req *rq)
{
	factor_page(rq, 200, json_object());
}

static json_t *problem(const char *message, const char *field)
{
	return json_pack("{s:{s:s, s:s}}", "problem", "message", message, "field", field ? field : "");
}

void page_account_2fa_start(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_totp_enrol e;
	enum app_clinic_status st = app_totp_begin(&ctx, rq->person, &e, &err);
	sodium_memzero(&e, sizeof(e));
	if (st == CLINIC_FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
	else if (st != CLINIC_OK)
		factor_page(rq, 409, problem(arena_printf(&rq->arena, "Nothing was changed: %s.", err.buf), NULL));
	else
		factor_page(rq, 200, json_object());
	strbuf_release(&err);
}

/* The recovery codes made just now, for the page to show this once (they are never shown
 * again: the store keeps digests only), with what was done. */
static json_t *codes_shown(const struct app_recovery *codes, const char *done)
{
	json_t *list = json_array();
	for (size_t i = 0; i < APP_RECOVERY_CODES; i++)
		json_array_append_new(list, json_string(codes->code[i]));
	return json_pack("{s:s, s:o, s:b}", "done", done, "recovery_codes", list, "codes_shown", true);
}

void page_account_2fa_confirm(struct req *rq)
{
	const char *code = rq->form_refused ? "" : json_string_value(json_object_get(rq->input, "code"));
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_recovery codes;
	enum app_clinic_status st = app_totp_confirm(&ctx, rq->person, code ? code : "", &codes, &err);
	if (st == CLINIC_FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
	else if (st == CLINIC_BAD_INPUT)
		factor_page(rq, 400, problem("That is not the code your app shows now. Type the 6 digits it shows, and "
					     "check that your phone's clock is right.", "code"));
	else if (st != CLINIC_OK)
		factor_page(rq, 409, problem("There is no new key waiting for its first code: set two-step login up "
					     "first.", NULL));
	else
		factor_page(rq, 200, codes_shown(&codes, "Two-step login is on. From your next login, you give a code "
						       "from your app after your password."));
	sodium_memzero(&codes, sizeof(codes));
	strbuf_release(&err);
}

/* The answer to a password asked again too often (app/password-again.h: the login's
 * throttle, so a stolen session cannot guess it here): the wait, nothing changed. */
static void too_many(struct req *rq, int64_t wait_ms)
{
	long long s = (wait_ms + 999) / 1000;
	resp_add_header(rq, "Retry-After", arena_printf(&rq->arena, "%lld", s));
	factor_page(rq, 429, problem(arena_printf(&rq->arena, "Too many tries. Wait %lld second%s, then try again; "
						"nothing was changed.", s, s == 1 ? "" : "s"), NULL));
}

void page_account_2fa_codes(struct req *rq)
{
	json_t *pw = json_object_get(rq->input, "password");
	struct app_ctx ctx, db;
	struct tz utc, utc2;
	if (!req_app(rq, &ctx, &utc) || !req_app_db(rq, &db, &utc2))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_recovery codes;
	struct app_again again = { &db, rq->addr, 0 };
	enum app_clinic_status st = app_totp_new_codes(&ctx, &again, rq->person,
						       rq->form_refused ? "" : json_string_value(pw),
						       rq->form_refused ? 0 : json_string_length(pw), &codes, &err);
	if (st == CLINIC_FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
	else if (st == CLINIC_WAIT)
		too_many(rq, again.wait_ms);
	else if (st == CLINIC_BAD_INPUT)
		factor_page(rq, 400, problem("The password is not right, so your recovery codes stay as they were.",
					     "password"));
	else if (st != CLINIC_OK)
		factor_page(rq, 409, problem(arena_printf(&rq->arena, "Nothing was changed: %s.", err.buf), NULL));
	else
		factor_page(rq, 200, codes_shown(&codes, "New recovery codes are made: the old ones no longer work, used "
						       "or not."));
	sodium_memzero(&codes, sizeof(codes));
	strbuf_release(&err);
}

void page_account_2fa_off(struct req *rq)
{
	json_t *pw = json_object_get(rq->input, "password");
	const char *code = json_string_value(json_object_get(rq->input, "code"));
	struct app_ctx ctx, db;
	struct tz utc, utc2;
	if (!req_app(rq, &ctx, &utc) || !req_app_db(rq, &db, &utc2))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_again again = { &db, rq->addr, 0 };
	enum app_clinic_status st = app_totp_off(&ctx, &again, rq->person, required(rq),
						 rq->form_refused ? "" : json_string_value(pw),
						 rq->form_refused ? 0 : json_string_length(pw), code ? code : "", &err);
	if (st == CLINIC_FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
	else if (st == CLINIC_WAIT)
		too_many(rq, again.wait_ms);
	else if (st == CLINIC_BAD_INPUT)
		factor_page(rq, 400, problem("The password or the code is not right, so two-step login stays on.", NULL));
	else if (st != CLINIC_OK)
		factor_page(rq, 409, problem(arena_printf(&rq->arena, "Nothing was changed: %s.", err.buf), NULL));
	else
		factor_page(rq, 200, json_pack("{s:s}", "done", "Two-step login is off: you log in with your password "
					       "alone."));
	strbuf_release(&err);
}
