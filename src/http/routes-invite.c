/* routes-invite.c: a client's invitation link in clinic mode (GET and POST
 * /invite/{token}): the form to choose a login name and a password, and accepting it,
 * as `unhunch clinic accept` does (app/accounts.c). No one is logged in yet: the link
 * is the key, so the store used is the database's own handle, and a used, expired or
 * unknown link makes nothing and says which. */
#include "http/handler.h"
#include "app/accounts.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "store/store.h"
#include <stdio.h>
#include <string.h>

/* The words for a link that no longer works; NULL for one that does. */
static const char *link_gone(enum app_clinic_status st)
{
	switch (st) {
	case CLINIC_INVITE_UNKNOWN:
		return "No invitation has this link. Check it was copied whole, or ask your trainer for a new one.";
	case CLINIC_INVITE_EXPIRED:
		return "This invitation has expired. Ask your trainer for a new one.";
	case CLINIC_INVITE_USED:
		return "This invitation has been used already: each link works once. If it was not you, tell your "
		       "trainer.";
	default:
		return NULL;
	}
}

static void invite_form(struct req *rq, int status, const char *name, const char *login, const char *problem,
			const char *field)
{
	json_t *v = json_pack("{s:s, s:s, s:s}", "token", req_param(rq, "token"), "name", name, "login", login);
	if (problem)
		json_object_set_new(v, "problem", json_pack("{s:s, s:s}", "message", problem, "field", field ? field : ""));
	/* the link is a secret: the page is not kept (every page sends no Referer onwards:
	 * security.c) */
	resp_add_header(rq, "Cache-Control", "no-store");
	reply_page(rq, status, "invite", "", "Your invitation", v);
}

static void gone_page(struct req *rq, enum app_clinic_status st)
{
	reply_page(rq, st == CLINIC_INVITE_UNKNOWN ? 404 : 410, "invite", "", "Your invitation",
		   json_pack("{s:s}", "gone", link_gone(st)));
}

void page_invite(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app_db(rq, &ctx, &utc))
		return;
	struct invite_row inv;
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st = app_clinic_invite_look(&ctx, req_param(rq, "token"), &inv, &err);
	if (st == CLINIC_OK) {
		invite_form(rq, 200, inv.display_name, "", NULL, NULL);
		invite_row_release(&inv);
	} else if (link_gone(st)) {
		gone_page(rq, st);
	} else {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	}
	strbuf_release(&err);
}

void page_invite_post(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app_db(rq, &ctx, &utc))
		return;
	const char *token = req_param(rq, "token");
	struct invite_row inv;
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st = app_clinic_invite_look(&ctx, token, &inv, &err);
	if (st != CLINIC_OK) {
		if (link_gone(st))
			gone_page(rq, st);
		else
			reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		strbuf_release(&err);
		return;
	}
	const char *login = json_string_value(json_object_get(rq->input, "login"));
	json_t *pw = json_object_get(rq->input, "password"), *again = json_object_get(rq->input, "password_again");
	if (rq->form_refused) {
		invite_form(rq, 400, inv.display_name, login ? login : "", rq->err_message, rq->err_field);
	} else if (json_string_length(pw) != json_string_length(again) ||
		   memcmp(json_string_value(pw), json_string_value(again), json_string_length(pw))) {
		invite_form(rq, 400, inv.display_name, login, "The two passwords are not the same. Type it twice alike.",
			    "password_again");
	} else {
		struct account_row made;
		st = app_clinic_accept(&ctx, rq->srv->accounts, token, login, json_string_value(pw),
				       json_string_length(pw), &made, &err);
		if (st == CLINIC_OK) {
			reply_page(rq, 201, "invite", "", "Your invitation",
				   json_pack("{s:{s:s, s:s}}", "made", "login", made.login, "name", made.display_name));
			account_row_release(&made);
		} else if (link_gone(st)) {
			gone_page(rq, st);
		} else if (st == CLINIC_BAD_INPUT || st == CLINIC_LOGIN_TAKEN) {
			/* err begins with the field it is about when it is the password's or the name's */
			const char *e = strbuf_str(&err);
			invite_form(rq, 400, inv.display_name, login, e,
				    st == CLINIC_LOGIN_TAKEN || !strncmp(e, "login", 5) ? "login" : "password");
		} else {
			reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		}
	}
	invite_row_release(&inv);
	strbuf_release(&err);
}
