/* custody.h: the client stays in charge of their data (issue 18.7), as use cases for
 * the terminal (unhunch clinic trainers | unlink | delete-account | disable | enable)
 * and the web (the Account page, the admin's page of the clinic): a client's trainers,
 * ending a trainer's access, deleting an account with everything of its person (one's
 * own, or an admin another's), and an admin disabling an account. The rules of who may do what are here, once. */
#ifndef UNHUNCH_APP_CUSTODY_H
#define UNHUNCH_APP_CUSTODY_H
#include "app/accounts.h"

#define APP_CUSTODY_CONFIRM "delete" /* typed to delete an account, as local mode's forget asks */

/* The trainers linked to client_id (their reads of the client's records and their
 * prescriptions go with the link), by id; free with store_accounts_free. */
enum app_clinic_status app_custody_trainers(const struct app_ctx *ctx, int64_t client_id, struct account_row **rows,
					    size_t *n, struct strbuf *err);

/* An account as its Account page shows it: the row and its trainers. */
struct app_custody_view {
	struct account_row account;
	struct account_row *trainers;
	size_t n_trainers;
};
/* The account of id (CLINIC_NO_ACCOUNT when none) with its trainers; release with
 * app_custody_view_release on CLINIC_OK. */
enum app_clinic_status app_custody_view(const struct app_ctx *ctx, int64_t id, struct app_custody_view *out,
					struct strbuf *err);
void app_custody_view_release(struct app_custody_view *v);

/* The client ends a trainer's access: the link goes, so the trainer reads none of the
 * client's records from then on (row-level security on PostgreSQL) and may prescribe
 * no more. CLINIC_NOT_ALLOWED with err when trainer_id is not one of client_id's
 * trainers (nothing changed; the same words for any other account, naming no one). */
enum app_clinic_status app_custody_unlink(const struct app_ctx *ctx, int64_t client_id, int64_t trainer_id,
					  struct strbuf *err);

/* Delete account_id and everything of it, in one transaction: every record, its login
 * sessions (logged out everywhere), its links to trainers or clients, the
 * invitations it made and the one that made it, and the account row; its login name
 * is free again. Only when confirm is APP_CUSTODY_CONFIRM (CLINIC_BAD_INPUT, nothing
 * deleted, otherwise). The clinic's last enabled admin is not deleted
 * (CLINIC_NOT_ALLOWED): another admin first. ctx->store may be bound to the account
 * (the web) or to the terminal's operator. */
enum app_clinic_status app_custody_delete(const struct app_ctx *ctx, int64_t account_id, const char *confirm,
					  struct strbuf *err);

/* Whether admin_id is an enabled admin's account: CLINIC_OK, CLINIC_NO_ACCOUNT, or
 * CLINIC_NOT_ALLOWED with err ("only an enabled admin may <verb>, and NAME is ..."). */
enum app_clinic_status app_custody_admin(const struct app_ctx *ctx, int64_t admin_id, const char *verb,
					 struct strbuf *err);
/* Whether typed is login, as a person confirms the account they mean by typing its
 * login name (spaces around it do not count). */
bool app_custody_typed(const char *typed, const char *login);

/* An admin (admin_id: an enabled admin) deletes another person's account account_id
 * with everything of it, as app_custody_delete does (the clinic's last enabled admin
 * stays), after typing its login name (typed; CLINIC_BAD_INPUT with err, nothing
 * deleted, otherwise). Not the admin's own account (CLINIC_NOT_ALLOWED: that is their
 * Account page's); CLINIC_NO_ACCOUNT when there is no account_id. */
enum app_clinic_status app_custody_admin_delete(const struct app_ctx *ctx, int64_t admin_id, int64_t account_id,
						const char *typed, struct strbuf *err);

/* An admin (admin_id: an enabled admin) disables account_id, which then cannot log
 * in, and every session of it ends at once; or enables it again (disable false).
 * An admin does not disable their own account. */
enum app_clinic_status app_custody_disable(const struct app_ctx *ctx, int64_t admin_id, int64_t account_id,
					   bool disable, struct strbuf *err);

#endif
