/* auth.c: clinic mode's logins on each request: the session cookie read, the session
 * checked in the store (app/login.c: timeouts, the account enabled), the request then
 * running as that person with the session's own CSRF token, and a route held to its
 * access column; and the answer to a login that succeeded. Nothing is kept in the
 * server between requests: two servers on one database answer alike. */
#include "http/handler.h"
#include "app/login.h"
#include "app/prescribe.h"
#include "app/totp.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void close_bound(void *p)
{
	store_close(p);
}

struct store *req_bound_store(struct req *rq, struct store_db *db, struct strbuf *err)
{
	if (rq->bound)
		return rq->bound;
	if (rq->person <= STORE_LOCAL_PERSON) { /* never the terminal's own person, never no one */
		strbuf_addstr(err, "no one is logged in");
		return NULL;
	}
	if (store_bind(&rq->bound, db, rq->person, err))
		return NULL;
	arena_defer(&rq->arena, close_bound, rq->bound);
	return rq->bound;
}

/* The value of cookie name in the Cookie header (copied into out), or false. */
static bool cookie_value(const struct req *rq, const char *name, char *out, size_t size)
{
	const char *c = req_header(rq, "Cookie");
	size_t n = strlen(name);
	while (c && *c) {
		c += strspn(c, " ;");
		size_t len = strcspn(c, ";");
		if (len > n && !strncmp(c, name, n) && c[n] == '=') {
			size_t v = len - n - 1;
			if (v >= size)
				return false;
			memcpy(out, c + n + 1, v);
			out[v] = '\0';
			return true;
		}
		c += len;
	}
	return false;
}

const char *auth_cookie(struct req *rq, const char *id)
{
	/* SameSite=Strict: a link from another site (an e-mail, a search) opens the pages
	 * logged out; nothing of a person's is shown or changed by a request another site
	 * starts, even a plain GET. No Max-Age: the store's timeouts end the session. */
	return arena_printf(&rq->arena, SESSION_COOKIE "=%s; Path=/; Secure; HttpOnly; SameSite=Strict", id);
}

const char *auth_cookie_gone(void)
{
	return SESSION_COOKIE "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
}

bool auth_code_id(const struct req *rq, char *out, size_t size)
{
	return cookie_value(rq, CODE_COOKIE, out, size);
}

const char *auth_code_cookie(struct req *rq, const char *id)
{
	/* the login that waits for its code: 5 minutes (LOGIN_CODE_MS), then gone */
	return arena_printf(&rq->arena, CODE_COOKIE "=%s; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=300", id);
}

const char *auth_code_cookie_gone(void)
{
	return CODE_COOKIE "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
}

void reply_logged_in(struct req *rq, const struct app_ctx *ctx, struct app_login *in)
{
	/* the session the browser came with, if any, ends: the new id is the only one */
	struct strbuf err = STRBUF_INIT;
	if (*rq->session)
		app_logout(ctx, rq->session, &err);
	strbuf_release(&err);
	resp_add_header(rq, "Set-Cookie", auth_cookie(rq, in->id));
	if (req_wants_json(rq)) {
		char csrf[APP_CSRF_LEN + 1];
		app_session_csrf(in->id, csrf);
		reply_json(rq, 200, json_pack("{s:{s:I, s:s, s:s, s:s}, s:s}", "account", "id", (json_int_t)in->account.id,
					      "login", in->account.login, "name", in->account.display_name,
					      "role", account_role_names[in->account.role], "csrf_token", csrf));
	} else {
		resp_add_header(rq, "Location", "/");
		reply(rq, 303, "text/plain; charset=utf-8", "", 0);
	}
	account_row_release(&in->account);
}

/* A trainer or admin whom the server requires to have a second factor and who has
 * none on yet reaches only the routes that set one up (ROUTE_ENROL) and the public
 * ones: true to go on; false with the answer given (a page: 303 to /account/2fa; the
 * API: 403 second_factor_needed; 503 when the store fails). */
static bool enrolled_enough(struct req *rq)
{
	if (!rq->srv->totp_required || !app_totp_required((enum account_role)rq->role, true) ||
	    rq->route->who == ACCESS_PUBLIC || (rq->route->flags & ROUTE_ENROL))
		return true;
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return false;
	struct strbuf err = STRBUF_INIT;
	enum app_totp_state st;
	if (app_totp_state(&ctx, rq->person, &st, NULL, &err) != CLINIC_OK) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
		strbuf_release(&err);
		return false;
	}
	strbuf_release(&err);
	if (st == APP_TOTP_ON)
		return true;
	if (rq->route->kind == ROUTE_PAGE) {
		resp_add_header(rq, "Location", "/account/2fa");
		reply(rq, 303, "text/plain; charset=utf-8", "set up two-step login first: /account/2fa\n", 42);
	} else {
		reply_error(rq, 403, "second_factor_needed", NULL,
			    "this clinic asks trainers and admins for two-step login: set it up first at /account/2fa");
	}
	return false;
}

/* A trainer's route that names a {client}: one of this trainer's own, checked before
 * the body is read or checked (so a trainer learns nothing of anyone else's client,
 * not even which fields a form of theirs needs). false with the answer given: 404 for
 * anyone else's or no one's, 503 when the store fails. */
static bool own_client(struct req *rq)
{
	const char *p = req_param(rq, "client");
	if (!p)
		return true;
	char *end;
	long long id = strtoll(p, &end, 10);
	enum app_rx_status st = APP_RX_NOT_ALLOWED;
	struct strbuf err = STRBUF_INIT;
	if (*p && !*end && id > STORE_LOCAL_PERSON) {
		struct app_ctx ctx;
		struct tz utc;
		if (!req_app(rq, &ctx, &utc)) {
			strbuf_release(&err);
			return false;
		}
		st = app_rx_may(&ctx, rq->person, id, "see this client's pages", &err);
	}
	if (st == APP_RX_FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	else if (st != APP_RX_SAVED)
		reply_error(rq, 404, "not_found", NULL, "no client of yours has that number");
	strbuf_release(&err);
	return st == APP_RX_SAVED;
}

bool auth_request(struct req *rq)
{
	char id[sizeof(rq->session)];
	/* a public file needs no one: no look in the store for each style sheet */
	bool look = !(rq->route->who == ACCESS_PUBLIC && rq->route->kind == ROUTE_STATIC);
	if (look && cookie_value(rq, SESSION_COOKIE, id, sizeof(id))) {
		struct app_ctx ctx;
		struct tz utc;
		if (!req_app_db(rq, &ctx, &utc))
			return false;
		struct strbuf err = STRBUF_INIT;
		struct account_row a;
		if (app_session_account(&ctx, id, &a, &err)) {
			rq->person = a.id;
			rq->role = (int)a.role;
			rq->person_name = arena_strdup(&rq->arena, a.display_name);
			snprintf(rq->session, sizeof(rq->session), "%s", id);
			app_session_csrf(id, rq->csrf);
			account_row_release(&a);
		} else if (err.len) {
			reply_error(rq, 503, "store_unavailable", NULL, "the data store does not answer: %s", err.buf);
			strbuf_release(&err);
			return false;
		} else { /* ended, or never ours: the browser forgets it */
			resp_add_header(rq, "Set-Cookie", auth_cookie_gone());
		}
		strbuf_release(&err);
	}
	if (rq->person && !enrolled_enough(rq))
		return false;
	if (rq->route->who == ACCESS_TRAINER && rq->person && rq->role != ROLE_TRAINER) {
		reply_error(rq, 403, "trainers_only", NULL, "only a trainer's account has this page");
		return false;
	}
	if (rq->route->who == ACCESS_ADMIN && rq->person && rq->role != ROLE_ADMIN) {
		reply_error(rq, 403, "admins_only", NULL, "only an admin's account has this page");
		return false;
	}
	if (rq->route->who == ACCESS_CLIENT_TRAINER && rq->person && rq->role != ROLE_TRAINER) {
		/* a trainer's page of a client: for anyone else an address with nothing there */
		reply_error(rq, 404, "not_found", NULL, "there is nothing at this address");
		return false;
	}
	if (rq->route->who == ACCESS_TRAINER && rq->person && !own_client(rq))
		return false;
	if (rq->route->who == ACCESS_PUBLIC || rq->person)
		return true;
	if (rq->route->kind == ROUTE_PAGE) {
		resp_add_header(rq, "Location", "/login");
		reply(rq, 303, "text/plain; charset=utf-8", "log in first: /login\n", 21);
	} else {
		reply_error(rq, 401, "login_needed", NULL, "log in first (POST /login)");
	}
	return false;
}
