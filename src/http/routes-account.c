/* routes-account.c: Your account in clinic mode (GET /account, GET /api/v1/account):
 * the client stays in charge of their data. Who you are, your trainers, each with a
 * button that ends their access after a box is ticked (POST /account/trainers/end,
 * POST /api/v1/account/trainers/end), and deleting the account with everything of it
 * after the word delete is typed (POST /account/delete, POST /api/v1/account/delete),
 * which ends the session at once; changing the password (POST /account/password: the
 * current one, the new one twice; wrong current ones count in the login's throttle,
 * app/password-again.h; every login ends after it, this one too). The use cases are
 * app/custody.c's and app/password-change.c's, the first the same as `unhunch clinic
 * unlink` and `clinic delete-account`; every one runs on the store bound to the
 * logged-in person, so no one reaches another's link or account here.
 * Not there in local mode (ROUTE_CLINIC). */
#include "http/handler.h"
#include "app/accounts.h"
#include "app/custody.h"
#include "app/login.h"
#include "app/password-again.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/when.h"
#include <stdlib.h>
#include <string.h>

/* The account and its trainers, as the page and the API show them; NULL with the 503
 * answered when the store fails. */
static json_t *account_json(struct req *rq, const struct app_ctx *ctx)
{
	struct app_custody_view me;
	struct strbuf err = STRBUF_INIT;
	if (app_custody_view(ctx, rq->person, &me, &err) != CLINIC_OK) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
		strbuf_release(&err);
		return NULL;
	}
	strbuf_release(&err);
	const struct account_row *t = me.trainers, *ac = &me.account;
	size_t n = me.n_trainers;
	char since[11];
	format_date(ctx->tz, ac->created_ms, since);
	json_t *trainers = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(trainers, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)t[i].id, "login",
							  t[i].login, "name", t[i].display_name, "disabled",
							  t[i].disabled_ms != 0));
	json_t *v = json_pack("{s:{s:I, s:s, s:s, s:s, s:s}, s:o}", "account", "id", (json_int_t)ac->id, "login",
			      ac->login, "name", ac->display_name, "role", account_role_names[ac->role], "since", since,
			      "trainers", trainers);
	app_custody_view_release(&me);
	return v;
}

void api_account(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	json_t *v = account_json(rq, &ctx);
	if (v)
		reply_json(rq, 200, v);
}

/* The page, with what was done or refused (ctx taken: done, problem{message, field}). */
static void account_page(struct req *rq, int status, json_t *v)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) {
		json_decref(v);
		return;
	}
	json_t *a = account_json(rq, &ctx);
	if (!a) {
		json_decref(v);
		return;
	}
	json_object_update(a, v);
	json_decref(v);
	json_object_set_new(a, "has_trainers", json_boolean(json_array_size(json_object_get(a, "trainers"))));
	json_object_set_new(a, "confirm_word", json_string(APP_CUSTODY_CONFIRM));
	const char *field = json_string_value(json_object_get(json_object_get(a, "problem"), "field"));
	json_object_set_new(a, "confirm_err", json_boolean(field && !strcmp(field, "confirm")));
	json_object_set_new(a, "current_err", json_boolean(field && !strcmp(field, "current")));
	json_object_set_new(a, "password_err", json_boolean(field && !strncmp(field, "password", 8)));
	reply_page(rq, status, "account", "account", "Your account", a);
}

void page_account(struct req *rq)
{
	account_page(rq, 200, json_object());
}

/* End a trainer's access; the status and the words (arena), *code for a refusal. */
static int end_access(struct req *rq, int64_t trainer, const char **words, const char **code)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return 0;
	struct strbuf err = STRBUF_INIT;
	/* the trainer's name for the answer, from the client's own trainers only */
	const char *name = "Their";
	struct app_custody_view me;
	if (app_custody_view(&ctx, rq->person, &me, &err) == CLINIC_OK) {
		for (size_t i = 0; i < me.n_trainers; i++)
			if (me.trainers[i].id == trainer)
				name = arena_printf(&rq->arena, "%s's", me.trainers[i].display_name);
		app_custody_view_release(&me);
	}
	strbuf_reset(&err);
	enum app_clinic_status st = app_custody_unlink(&ctx, rq->person, trainer, &err);
	int status = 200;
	*code = NULL;
	if (st == CLINIC_OK) {
		*words = arena_printf(&rq->arena, "%s access has ended: they see none of your records from now on, and "
						  "cannot prescribe for you. What they saw before stays with them.",
				      name);
	} else if (st == CLINIC_FAILED) {
		*words = arena_printf(&rq->arena, "Nothing was changed: %s", err.buf);
		*code = "store_unavailable";
		status = 503;
	} else {
		*words = "That is not one of your trainers, so nothing was changed.";
		*code = "not_your_trainer";
		status = 404;
	}
	strbuf_release(&err);
	return status;
}

static int64_t trainer_of(const struct req *rq)
{
	return (int64_t)json_integer_value(json_object_get(rq->input, "trainer"));
}

void api_account_trainer_end(struct req *rq)
{
	const char *words, *code;
	int status = end_access(rq, trainer_of(rq), &words, &code);
	if (!status)
		return;
	if (code)
		reply_error(rq, status, code, status == 404 ? "trainer" : NULL, "%s", words);
	else
		reply_json(rq, 200, json_pack("{s:b, s:s}", "ended", true, "message", words));
}

void page_account_trainer_end(struct req *rq)
{
	if (rq->form_refused || !json_is_true(json_object_get(rq->input, "sure"))) {
		account_page(rq, 400, json_pack("{s:{s:s, s:s}}", "problem", "message", "Tick the box to say you are "
						"sure, then end the access; nothing was changed.", "field", "sure"));
		return;
	}
	const char *words, *code;
	int status = end_access(rq, trainer_of(rq), &words, &code);
	if (!status)
		return;
	account_page(rq, status, code ? json_pack("{s:{s:s}}", "problem", "message", words)
				      : json_pack("{s:s}", "done", words));
}

/* Delete the account; 0 with the answer given (a 503), else the status and words. */
static int delete_account(struct req *rq, const char **words)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return 0;
	struct strbuf err = STRBUF_INIT;
	const char *confirm = json_string_value(json_object_get(rq->input, "confirm"));
	enum app_clinic_status st = app_custody_delete(&ctx, rq->person, confirm, &err);
	int status = st == CLINIC_OK ? 200 : st == CLINIC_BAD_INPUT ? 400 : st == CLINIC_NOT_ALLOWED ? 409 : 503;
	*words = st == CLINIC_OK ? "Your account and everything of it are deleted: your records, your logins on "
				   "every device and your trainers' access. Your login name is free again."
		 : st == CLINIC_BAD_INPUT ? "You did not type the word " APP_CUSTODY_CONFIRM ", so nothing was deleted."
					  : arena_printf(&rq->arena, "Nothing was deleted: %s", err.buf);
	strbuf_release(&err);
	if (st == CLINIC_OK) { /* the session went with the account: the browser forgets it */
		resp_add_header(rq, "Set-Cookie", auth_cookie_gone());
		rq->person = 0;
		rq->person_name = NULL;
	}
	return status;
}

void api_account_delete(struct req *rq)
{
	const char *words;
	int status = delete_account(rq, &words);
	if (status == 200)
		reply_json(rq, 200, json_pack("{s:b, s:s}", "deleted", true, "message", words));
	else if (status)
		reply_error(rq, status, status == 400 ? "not_confirmed" : status == 409 ? "last_admin" : "store_unavailable",
			    status == 400 ? "confirm" : NULL, "%s", words);
}

void page_account_delete(struct req *rq)
{
	if (rq->form_refused) {
		account_page(rq, 400, json_pack("{s:{s:s, s:s}}", "problem", "message", "You did not type the word "
						APP_CUSTODY_CONFIRM ", so nothing was deleted.", "field", "confirm"));
		return;
	}
	const char *words;
	int status = delete_account(rq, &words);
	if (status == 200) /* no one is logged in now: the page without navigation */
		reply_page(rq, 200, "account-deleted", "", "Account deleted", json_pack("{s:s}", "done", words));
	else if (status)
		account_page(rq, status, json_pack("{s:{s:s, s:s}}", "problem", "message", words, "field",
						    status == 400 ? "confirm" : ""));
}

/* Change the password: the current one (a wrong one counts in the login's throttle, as
 * at the login), the new one twice alike; then every login of the account has ended,
 * this one too, and the page says to log in again. */
void page_account_password(struct req *rq)
{
	json_t *now = json_object_get(rq->input, "current"), *pw = json_object_get(rq->input, "password"),
	       *again = json_object_get(rq->input, "password_again");
	if (rq->form_refused) {
		account_page(rq, 400, json_pack("{s:{s:s, s:s}}", "problem", "message", rq->err_message, "field",
						rq->err_field ? rq->err_field : ""));
		return;
	}
	if (json_string_length(pw) != json_string_length(again) ||
	    memcmp(json_string_value(pw), json_string_value(again), json_string_length(pw))) {
		account_page(rq, 400, json_pack("{s:{s:s, s:s}}", "problem", "message", "The two new passwords are not the "
						"same, so your password stays as it is. Type it twice alike.", "field",
						"password_again"));
		return;
	}
	struct app_ctx ctx, db;
	struct tz utc, utc2;
	if (!req_app(rq, &ctx, &utc) || !req_app_db(rq, &db, &utc2))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_again tries = { &db, rq->addr, 0 };
	int ended = 0;
	enum app_clinic_status st =
		app_clinic_password_change(&ctx, rq->srv->accounts, &tries, rq->person, json_string_value(now),
					   json_string_length(now), json_string_value(pw), json_string_length(pw), &ended,
					   &err);
	const char *e = strbuf_str(&err);
	bool wrong_now = st == CLINIC_BAD_INPUT && !strncmp(e, "current:", 8);
	if (st == CLINIC_WAIT) {
		long long sec = (tries.wait_ms + 999) / 1000;
		resp_add_header(rq, "Retry-After", arena_printf(&rq->arena, "%lld", sec));
		account_page(rq, 429, json_pack("{s:{s:s, s:s}}", "problem", "message",
						arena_printf(&rq->arena, "Too many tries. Wait %lld second%s, then try "
							     "again; your password stays as it is.", sec, sec == 1 ? "" : "s"),
						"field", "current"));
	} else if (st == CLINIC_OK) { /* every login ended, this one too: the browser forgets it */
		resp_add_header(rq, "Set-Cookie", auth_cookie_gone());
		rq->person = 0;
		rq->person_name = NULL;
		reply_page(rq, 200, "password-changed", "", "Password changed",
			   json_pack("{s:s}", "done", "Every login of your account has ended, on every device, this "
				     "one too: log in again with the new password."));
	} else if (st == CLINIC_BAD_INPUT) {
		const char *colon = strchr(e, ':');
		char *words = arena_printf(&rq->arena, "%s", colon ? colon + 2 : e);
		if (*words)
			words[0] = (char)(words[0] >= 'a' && words[0] <= 'z' ? words[0] - 'a' + 'A' : words[0]);
		account_page(rq, 400, json_pack("{s:{s:s, s:s}}", "problem", "message",
						arena_printf(&rq->arena, "%s.", words), "field",
						wrong_now ? "current" : "password"));
	} else {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	}
	strbuf_release(&err);
}
