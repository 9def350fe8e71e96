/* custody.c: the client in charge of their data (custody.h): ending a trainer's
 * access, deleting an account whole, an admin disabling an account. */
#include "app/custody.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The account of id (CLINIC_NO_ACCOUNT when none); release a on CLINIC_OK. */
static enum app_clinic_status account_of(const struct app_ctx *ctx, int64_t id, struct account_row *a,
					 struct strbuf *err)
{
	bool found = false;
	struct store *s = ctx->store;
	if (s->ops->account_get(s, id, NULL, a, &found, err))
		return CLINIC_FAILED;
	if (!found) {
		strbuf_addf(err, "there is no account %lld", (long long)id);
		return CLINIC_NO_ACCOUNT;
	}
	return CLINIC_OK;
}

enum app_clinic_status app_custody_trainers(const struct app_ctx *ctx, int64_t client_id, struct account_row **rows,
					    size_t *n, struct strbuf *err)
{
	struct store *s = ctx->store;
	*rows = NULL;
	*n = 0;
	return s->ops->trainers_list(s, client_id, rows, n, err) ? CLINIC_FAILED : CLINIC_OK;
}

enum app_clinic_status app_custody_view(const struct app_ctx *ctx, int64_t id, struct app_custody_view *out,
					struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	enum app_clinic_status st = account_of(ctx, id, &out->account, err);
	if (st != CLINIC_OK)
		return st;
	st = app_custody_trainers(ctx, id, &out->trainers, &out->n_trainers, err);
	if (st != CLINIC_OK)
		app_custody_view_release(out);
	return st;
}

void app_custody_view_release(struct app_custody_view *v)
{
	account_row_release(&v->account);
	store_accounts_free(v->trainers, v->n_trainers);
	memset(v, 0, sizeof(*v));
}

enum app_clinic_status app_custody_unlink(const struct app_ctx *ctx, int64_t client_id, int64_t trainer_id,
					  struct strbuf *err)
{
	/* only the client's own trainers are looked at: the answer for any other account,
	 * existing or not, is the same and names no one */
	struct store *s = ctx->store;
	struct account_row *v;
	size_t n;
	bool theirs = false, ended = false;
	if (s->ops->trainers_list(s, client_id, &v, &n, err))
		return CLINIC_FAILED;
	for (size_t i = 0; i < n; i++)
		theirs = theirs || v[i].id == trainer_id;
	store_accounts_free(v, n);
	if (theirs && s->ops->link_end(s, trainer_id, client_id, &ended, err))
		return CLINIC_FAILED;
	if (!ended) {
		strbuf_addstr(err, "that account is not one of the client's trainers, so there is no access to end");
		return CLINIC_NOT_ALLOWED;
	}
	return CLINIC_OK;
}

/* Whether another enabled admin than id exists. */
static enum app_clinic_status other_admin(const struct app_ctx *ctx, int64_t id, bool *yes, struct strbuf *err)
{
	struct store *s = ctx->store;
	struct account_row *v;
	size_t n;
	*yes = false;
	if (s->ops->accounts_list(s, 0, &v, &n, err))
		return CLINIC_FAILED;
	for (size_t i = 0; i < n; i++)
		*yes = *yes || (v[i].id != id && v[i].role == ROLE_ADMIN && !v[i].disabled_ms);
	store_accounts_free(v, n);
	return CLINIC_OK;
}

enum app_clinic_status app_custody_delete(const struct app_ctx *ctx, int64_t account_id, const char *confirm,
					  struct strbuf *err)
{
	if (!confirm || strcmp(confirm, APP_CUSTODY_CONFIRM)) {
		strbuf_addstr(err, "confirm: type the word " APP_CUSTODY_CONFIRM " to delete the account and "
				   "everything of it; nothing was deleted");
		return CLINIC_BAD_INPUT;
	}
	struct account_row a;
	enum app_clinic_status st = account_of(ctx, account_id, &a, err);
	if (st != CLINIC_OK)
		return st;
	bool admin = a.role == ROLE_ADMIN && !a.disabled_ms, others = true;
	char login[APP_LOGIN_MAX + 1];
	snprintf(login, sizeof(login), "%s", a.login);
	account_row_release(&a);
	if (admin && (st = other_admin(ctx, account_id, &others, err)) != CLINIC_OK)
		return st;
	if (!others) {
		strbuf_addf(err, "%s is the clinic's only admin: add another admin first, so the clinic is not left "
				 "without one; nothing was deleted", login);
		return CLINIC_NOT_ALLOWED;
	}
	/* the records are the person's: deleted through a handle bound to them */
	struct store *h = ctx->store;
	if (h->person != account_id && store_bind(&h, ctx->store->db, account_id, err))
		return CLINIC_FAILED;
	int rc = h->ops->account_delete(h, err);
	if (h != ctx->store)
		store_close(h);
	return rc ? CLINIC_FAILED : CLINIC_OK;
}

enum app_clinic_status app_custody_admin(const struct app_ctx *ctx, int64_t admin_id, const char *verb,
					 struct strbuf *err)
{
	struct account_row ad;
	enum app_clinic_status st = account_of(ctx, admin_id, &ad, err);
	if (st != CLINIC_OK)
		return st;
	if (ad.role != ROLE_ADMIN || ad.disabled_ms) {
		strbuf_addf(err, "only an enabled admin may %s, and %s is %s", verb, ad.login,
			    ad.disabled_ms ? "disabled" : ad.role == ROLE_TRAINER ? "a trainer" : "a client");
		st = CLINIC_NOT_ALLOWED;
	}
	account_row_release(&ad);
	return st;
}

bool app_custody_typed(const char *typed, const char *login)
{
	if (!typed)
		return false;
	while (*typed == ' ' || *typed == '\t')
		typed++;
	size_t n = strlen(typed);
	while (n && (typed[n - 1] == ' ' || typed[n - 1] == '\t'))
		n--;
	return n == strlen(login) && !strncmp(typed, login, n);
}

enum app_clinic_status app_custody_admin_delete(const struct app_ctx *ctx, int64_t admin_id, int64_t account_id,
						const char *typed, struct strbuf *err)
{
	enum app_clinic_status st = app_custody_admin(ctx, admin_id, "delete another person's account", err);
	if (st != CLINIC_OK)
		return st;
	if (admin_id == account_id) {
		strbuf_addstr(err, "your own account is deleted on your Account page, not here; nothing was deleted");
		return CLINIC_NOT_ALLOWED;
	}
	struct account_row a;
	if ((st = account_of(ctx, account_id, &a, err)) != CLINIC_OK)
		return st;
	bool same = app_custody_typed(typed, a.login);
	if (!same)
		strbuf_addf(err, "confirm: type the login name %s to delete that account and everything of it; nothing "
				 "was deleted", a.login);
	account_row_release(&a);
	if (!same)
		return CLINIC_BAD_INPUT;
	return app_custody_delete(ctx, account_id, APP_CUSTODY_CONFIRM, err);
}

enum app_clinic_status app_custody_disable(const struct app_ctx *ctx, int64_t admin_id, int64_t account_id,
					   bool disable, struct strbuf *err)
{
	struct account_row a;
	enum app_clinic_status st =
		app_custody_admin(ctx, admin_id, disable ? "disable an account" : "enable an account", err);
	if (st != CLINIC_OK)
		return st;
	if (disable && admin_id == account_id) {
		strbuf_addstr(err, "an admin does not disable their own account (another admin can)");
		return CLINIC_NOT_ALLOWED;
	}
	st = account_of(ctx, account_id, &a, err);
	if (st != CLINIC_OK)
		return st;
	account_row_release(&a);
	struct store *s = ctx->store;
	if (s->ops->account_set_disabled(s, account_id, disable ? (ctx->now_ms > 0 ? ctx->now_ms : 1) : 0, err))
		return CLINIC_FAILED;
	/* every session ends at once (a disabled account's are refused anyway, app/login.c) */
	if (disable && s->ops->logins_end_all(s, account_id, NULL, err))
		return CLINIC_FAILED;
	return CLINIC_OK;
}
