/* totp.h: the second factor of a clinic login as use cases (issue 18.2): enrolment (a
 * new secret, shown as base32 and as an otpauth:// link for an authenticator app), its
 * confirmation by a first code (only then is it on), the check of a code (a window of
 * one step either way, each code good once), turning it off (the password and a code),
 * and a reset by the operator at the terminal or an admin on the clinic's page (written
 * to the account's audit log). Who
 * must have one is app_totp_required's rule. The codes are core/totp.h's; the secret,
 * whether it is confirmed and the last step taken are the store's (totp_*). Every call
 * acts through a handle of the account itself (or of the operator or the admin, for
 * the reset). */
#ifndef UNHUNCH_APP_TOTP_H
#define UNHUNCH_APP_TOTP_H
#include "app/accounts.h"
#include "core/totp.h"

#define APP_TOTP_ISSUER "unhunch" /* the name an authenticator app shows beside the code */
#define AUDIT_TOTP_RESET "turned your two-step login off (a reset at the terminal)"
#define AUDIT_TOTP_RESET_ADMIN "turned your two-step login off (an admin's reset on the clinic's page)"

enum app_totp_state {
	APP_TOTP_OFF,     /* no secret */
	APP_TOTP_WAITING, /* a secret given, its first code not yet */
	APP_TOTP_ON,
};

/* What an authenticator app needs: the secret in base32, the same in groups of four
 * for reading aloud or typing, and the otpauth:// link (Key URI Format). */
struct app_totp_enrol {
	char secret[TOTP_BASE32_MAX];
	char grouped[TOTP_BASE32_MAX + TOTP_BASE32_MAX / 4];
	char uri[512];
};

/* Whether an account of role must have the second factor: trainers and admins when the
 * server requires it (serve --clinic does unless told --second-factor optional). */
bool app_totp_required(enum account_role role, bool staff_required);

/* The state of account's second factor; with out (may be NULL) filled while it waits
 * for its first code. CLINIC_FAILED with err when the store fails. */
enum app_clinic_status app_totp_state(const struct app_ctx *ctx, int64_t account, enum app_totp_state *state,
				      struct app_totp_enrol *out, struct strbuf *err);
/* A new secret for account (in place of one still waiting); CLINIC_NOT_ALLOWED with err
 * when it is on already (turn it off first). */
enum app_clinic_status app_totp_begin(const struct app_ctx *ctx, int64_t account, struct app_totp_enrol *out,
				      struct strbuf *err);
/* The first code: on from now when it is right (CLINIC_OK), with ten new recovery
 * codes in codes to show once (app/recovery.h); CLINIC_BAD_INPUT with err when not;
 * CLINIC_NOT_ALLOWED when there is nothing waiting for a code. */
struct app_recovery;
enum app_clinic_status app_totp_confirm(const struct app_ctx *ctx, int64_t account, const char *code,
					struct app_recovery *codes, struct strbuf *err);
/* A login's code: *ok when account's factor is on, code is one of the window's and
 * later than the last taken (which it becomes, in one statement of the store, so two
 * servers cannot both take it); or, *by_recovery set, when code has a recovery code's
 * shape and is one of the account's unused ones (taken now). */
enum app_clinic_status app_totp_check(const struct app_ctx *ctx, int64_t account, const char *code, bool *ok,
				      bool *by_recovery, struct strbuf *err);
/* New recovery codes in place of the old ones, used or not (a lost sheet, or most of them
 * used), when pw is the account's password: out holds them to show once. Behind the
 * login's throttle (again: app/password-again.h): CLINIC_WAIT while it must wait; a wrong
 * password counts there. CLINIC_BAD_INPUT with err when the password is wrong;
 * CLINIC_NOT_ALLOWED when two-step login is not on. */
enum app_clinic_status app_totp_new_codes(const struct app_ctx *ctx, struct app_again *again, int64_t account,
					  const char *pw, size_t pw_len, struct app_recovery *out, struct strbuf *err);
/* Turn it off, behind the login's throttle as app_totp_new_codes (a wrong password or
 * code counts): CLINIC_BAD_INPUT with err unless pw is the account's password and code a
 * good code of the app, or an unused recovery code (the same words whichever was wrong); CLINIC_NOT_ALLOWED when required
 * (the role must keep it: an operator's reset is the way) or when it is not on. */
enum app_clinic_status app_totp_off(const struct app_ctx *ctx, struct app_again *again, int64_t account,
				    bool required, const char *pw, size_t pw_len, const char *code, struct strbuf *err);
/* The operator at the terminal (ctx->store acting as person 1) turns login's factor
 * off, for a person who lost their phone: written to their audit log first; their
 * logins end too (one waiting for a code among them).
 * CLINIC_NO_ACCOUNT when there is no such login; *was whether it had one. */
enum app_clinic_status app_totp_reset(const struct app_ctx *ctx, const char *login, bool *was, struct strbuf *err);
/* The same by an admin on the clinic's page: admin_id (an enabled admin; CLINIC_NOT_ALLOWED
 * otherwise, and for their own account, which their two-step page turns off) turns
 * account_id's factor off after typing its login name (typed; CLINIC_BAD_INPUT with
 * err, nothing changed, otherwise), written to its audit log in the admin's name; its
 * logins end. CLINIC_NO_ACCOUNT when there is no account_id; *was whether it had one.
 * The admin never reads the factor's secret (on PostgreSQL they cannot). */
enum app_clinic_status app_totp_admin_reset(const struct app_ctx *ctx, int64_t admin_id, int64_t account_id,
					    const char *typed, bool *was, struct strbuf *err);
#endif
