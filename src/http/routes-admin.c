/* routes-admin.c: an admin's page in clinic mode (ACCESS_ADMIN), GET /clinic/admin:
 * everyone's account (admins, trainers with how many clients, clients with their
 * trainer), whether each is enabled, a button that disables or enables one (POST
 * /clinic/admin/access: every session of a disabled account ends at once), under each
 * other account a form that turns its two-step login off (POST /clinic/admin/reset-2fa)
 * and one that deletes it with everything of it (POST /clinic/admin/delete), each after
 * its login name is typed, and a form that adds a trainer with a first password (POST
 * /clinic/admin/trainers). The same use cases as `unhunch clinic list`, `disable`,
 * `enable`, `reset-2fa`, `delete-account` and `add-trainer` (app/accounts.c,
 * app/custody.c, app/totp.c); the request's store is bound to the admin. */
#include "http/handler.h"
#include "app/accounts.h"
#include "app/custody.h"
#include "app/totp.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/when.h"
#include <string.h>

/* The page with what was done or refused (v: done, problem{message, field}; taken). */
static void admin_page(struct req *rq, int status, json_t *v)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) {
		json_decref(v);
		return;
	}
	struct app_clinic_people all;
	struct strbuf err = STRBUF_INIT;
	if (app_clinic_list(&ctx, &all, &err) != CLINIC_OK) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		strbuf_release(&err);
		json_decref(v);
		return;
	}
	strbuf_release(&err);
	json_t *lists[3] = { json_array(), json_array(), json_array() };
	for (size_t i = 0; i < all.n; i++) {
		const struct account_row *a = &all.v[i].account;
		char since[11];
		format_date(ctx.tz, a->created_ms, since);
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)a->id, "login", a->login, "name",
				      a->display_name, "since", since, "disabled", a->disabled_ms != 0, "self",
				      a->id == rq->person);
		if (a->role == ROLE_TRAINER) {
			int n = 0;
			for (size_t k = 0; k < all.n; k++)
				n += all.v[k].trainer_id == a->id;
			json_object_set_new(o, "clients", json_integer(n));
			json_object_set_new(o, "clients_words", json_string(n == 0   ? "no client yet"
									   : n == 1 ? "1 client"
										    : arena_printf(&rq->arena, "%d clients", n)));
		}
		for (size_t k = 0; a->role == ROLE_CLIENT && k < all.n; k++)
			if (all.v[k].account.id == all.v[i].trainer_id)
				json_object_set_new(o, "trainer", json_string(all.v[k].account.display_name));
		json_array_append_new(lists[a->role <= ROLE_CLIENT ? a->role : ROLE_CLIENT], o);
	}
	app_clinic_people_release(&all);
	/* the row a refused reset or delete was about: its forms open, the field marked */
	json_t *about = json_object_get(json_object_get(v, "problem"), "account");
	for (int r = 0; about && r < 3; r++) {
		size_t i;
		json_t *o;
		json_array_foreach(lists[r], i, o)
			if (json_equal(json_object_get(o, "id"), about)) {
				json_object_set_new(o, "open", json_true());
				json_object_set_new(o, arena_printf(&rq->arena, "%s_err",
								    json_string_value(json_object_get(
									    json_object_get(v, "problem"), "form"))),
						    json_true());
			}
	}
	json_object_set_new(v, "admins", lists[ROLE_ADMIN]);
	json_object_set_new(v, "trainers", lists[ROLE_TRAINER]);
	json_object_set_new(v, "any_trainers", json_boolean(json_array_size(lists[ROLE_TRAINER]) > 0));
	json_object_set_new(v, "clients", lists[ROLE_CLIENT]);
	json_object_set_new(v, "any_clients", json_boolean(json_array_size(lists[ROLE_CLIENT]) > 0));
	const char *field = json_string_value(json_object_get(json_object_get(v, "problem"), "field"));
	static const char *const fields[] = { "login", "name", "password", "password_again" };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		json_object_set_new(v, arena_printf(&rq->arena, "%s_err", fields[i]),
				    json_boolean(field && !strcmp(field, fields[i])));
	resp_add_header(rq, "Cache-Control", "no-store");
	reply_page(rq, status, "clinic-admin", "admin", "The clinic", v);
}

void page_admin(struct req *rq)
{
	admin_page(rq, 200, json_object());
}

static json_t *problem(const char *message, const char *field)
{
	return json_pack("{s:{s:s, s:s}}", "problem", "message", message, "field", field ? field : "");
}

/* A new trainer with a first password, typed twice alike; the form keeps the login and
 * the name on a refusal (never the password). */
void page_admin_trainer_post(struct req *rq)
{
	const char *login = json_string_value(json_object_get(rq->input, "login")),
		   *name = json_string_value(json_object_get(rq->input, "name"));
	json_t *pw = json_object_get(rq->input, "password"), *again = json_object_get(rq->input, "password_again");
	json_t *kept = json_pack("{s:s, s:s}", "login", login ? login : "", "name", name ? name : "");
	json_t *v = NULL;
	int status = 400;
	if (rq->form_refused) {
		v = problem(rq->err_message, rq->err_field);
	} else if (json_string_length(pw) != json_string_length(again) ||
		   memcmp(json_string_value(pw), json_string_value(again), json_string_length(pw))) {
		v = problem("The two passwords are not the same, so no trainer was added. Type it twice alike.",
			    "password_again");
	} else {
		struct app_ctx ctx;
		struct tz utc;
		if (!req_app(rq, &ctx, &utc)) {
			json_decref(kept);
			return;
		}
		struct strbuf err = STRBUF_INIT;
		struct account_row made;
		enum app_clinic_status st = app_clinic_add_trainer(&ctx, rq->srv->accounts, rq->person, login, name,
								   json_string_value(pw), json_string_length(pw), &made,
								   &err);
		const char *e = strbuf_str(&err);
		if (st == CLINIC_OK) {
			status = 201;
			v = json_pack("{s:s}", "done", arena_printf(&rq->arena, "%s is a trainer now, with the login name %s. "
							"Tell them the login name and the first password; they change the "
							"password on their Account page.", made.display_name, made.login));
			account_row_release(&made);
			json_decref(kept);
			kept = json_pack("{s:s, s:s}", "login", "", "name", "");
		} else if (st == CLINIC_BAD_INPUT || st == CLINIC_LOGIN_TAKEN) {
			v = problem(arena_printf(&rq->arena, "No trainer was added: %s.", e),
				    st == CLINIC_LOGIN_TAKEN || !strncmp(e, "login", 5) ? "login"
				    : strstr(e, "password")			      ? "password"
										      : "name");
		} else if (st == CLINIC_NOT_ALLOWED) {
			status = 403;
			v = problem(arena_printf(&rq->arena, "No trainer was added: %s.", e), NULL);
		} else {
			reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", e);
			strbuf_release(&err);
			json_decref(kept);
			return;
		}
		strbuf_release(&err);
	}
	json_object_set_new(v, "form", kept);
	admin_page(rq, status, v);
}

/* Disable (disable=true) or enable an account: a disabled one's sessions end at once,
 * and it logs in no more until enabled. An admin never disables their own. */
void page_admin_access_post(struct req *rq)
{
	if (rq->form_refused) {
		admin_page(rq, 400, problem(rq->err_message, rq->err_field));
		return;
	}
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	int64_t id = (int64_t)json_integer_value(json_object_get(rq->input, "account"));
	bool disable = json_is_true(json_object_get(rq->input, "disable"));
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st = app_custody_disable(&ctx, rq->person, id, disable, &err);
	const char *e = strbuf_str(&err);
	if (st == CLINIC_OK)
		admin_page(rq, 200, json_pack("{s:s}", "done", disable ? "The account is disabled: its sessions have "
						"ended, and it logs in no more until it is enabled again."
						: "The account is enabled: it can log in again."));
	else if (st == CLINIC_FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", e);
	else
		admin_page(rq, st == CLINIC_NO_ACCOUNT ? 404 : 409,
			   problem(st == CLINIC_NO_ACCOUNT ? "There is no such account, so nothing was changed."
							   : arena_printf(&rq->arena, "Nothing was changed: %s.", e),
				   "account"));
	strbuf_release(&err);
}

/* The problem of a reset or delete form about account id (its row's forms open again). */
static json_t *row_problem(const char *message, int64_t id, const char *form)
{
	return json_pack("{s:{s:s, s:s, s:I, s:s}}", "problem", "message", message, "field", "login", "account",
			 (json_int_t)id, "form", form);
}

/* The page for a refusal of app/custody.c or app/totp.c about the form's account id
 * (a 503 when the store failed). */
static void refused(struct req *rq, enum app_clinic_status st, const char *e, int64_t id, const char *form,
		    const char *nothing, const char *typed_words)
{
	if (st == CLINIC_FAILED) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", e);
		return;
	}
	int status = st == CLINIC_BAD_INPUT ? 400 : st == CLINIC_NO_ACCOUNT ? 404 : 409;
	const char *words = st == CLINIC_BAD_INPUT	? typed_words
			    : st == CLINIC_NO_ACCOUNT ? arena_printf(&rq->arena, "There is no such account, so %s.", nothing)
						       : arena_printf(&rq->arena, "Nothing was changed: %s.", e);
	admin_page(rq, status, st == CLINIC_NO_ACCOUNT ? problem(words, "account") : row_problem(words, id, form));
}

/* The opening of a form that acts on another account after its login name is typed:
 * false when the page answered (a refused form, the store); else the account's id, its
 * login name (when it has one: *st CLINIC_OK, or CLINIC_NO_ACCOUNT), err empty. */
static bool typed_open(struct req *rq, struct app_ctx *ctx, struct tz *utc, int64_t *id,
		       char login[APP_LOGIN_MAX + 1], enum app_clinic_status *st, struct strbuf *err)
{
	if (rq->form_refused) {
		admin_page(rq, 400, problem(rq->err_message, rq->err_field));
		return false;
	}
	if (!req_app(rq, ctx, utc))
		return false;
	*id = (int64_t)json_integer_value(json_object_get(rq->input, "account"));
	*st = app_clinic_login_of(ctx, *id, login, err);
	if (*st == CLINIC_OK || *st == CLINIC_NO_ACCOUNT)
		strbuf_reset(err);
	return true;
}

/* Turn another person's two-step login off (a lost phone), after their login name is
 * typed: their audit log says the admin did; their logins end. */
void page_admin_reset_2fa_post(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	int64_t id = 0;
	char login[APP_LOGIN_MAX + 1] = "";
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st;
	if (!typed_open(rq, &ctx, &utc, &id, login, &st, &err))
		return;
	bool was = false;
	if (st == CLINIC_OK || st == CLINIC_NO_ACCOUNT)
		st = app_totp_admin_reset(&ctx, rq->person, id, json_string_value(json_object_get(rq->input, "login")),
					  &was, &err);
	if (st == CLINIC_OK)
		admin_page(rq, 200, json_pack("{s:s}", "done", was ? arena_printf(&rq->arena,
			"Two-step login is off for %s, and every login of theirs has ended. They log in with their "
			"password alone now; where the clinic requires it, they set it up again at once. Their audit "
			"log says you did this.", login)
			: arena_printf(&rq->arena, "%s has no two-step login, so nothing was changed.", login)));
	else
		refused(rq, st, strbuf_str(&err), id, "reset", "nothing was changed",
			arena_printf(&rq->arena, "You did not type the login name %s, so two-step login stays as it "
				     "was. Type it exactly, to say you mean this person.", login));
	strbuf_release(&err);
}

/* Delete another person's account and everything of it, after its login name is typed. */
void page_admin_delete_post(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	int64_t id = 0;
	char login[APP_LOGIN_MAX + 1] = "";
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st;
	if (!typed_open(rq, &ctx, &utc, &id, login, &st, &err))
		return;
	if (st == CLINIC_OK || st == CLINIC_NO_ACCOUNT)
		st = app_custody_admin_delete(&ctx, rq->person, id, json_string_value(json_object_get(rq->input, "login")),
					      &err);
	if (st == CLINIC_OK)
		admin_page(rq, 200, json_pack("{s:s}", "done", arena_printf(&rq->arena,
			"The account %s and everything of it are deleted: its records, its logins on every device and "
			"its links to trainers or clients. The login name %s is free again.", login, login)));
	else
		refused(rq, st, strbuf_str(&err), id, "delete", "nothing was deleted",
			arena_printf(&rq->arena, "You did not type the login name %s, so nothing was deleted. Type it "
				     "exactly, to say you mean this account.", login));
	strbuf_release(&err);
}
