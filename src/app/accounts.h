/* accounts.h: the clinic's accounts as use cases (issue 18): the first admin, trainers
 * added by an admin, clients invited by their trainer with a single-use link that
 * expires, the client choosing a password from it, the list of people, and checking a
 * password at login. The rules of who may do what are here, written once for the
 * terminal (unhunch clinic) and the web. The store's account operations are the
 * database's, whatever person ctx->store is bound to. */
#ifndef UNHUNCH_APP_ACCOUNTS_H
#define UNHUNCH_APP_ACCOUNTS_H
#include "app/app.h"
#include "app/password.h"
#include "core/strbuf.h"
#include "core/wordlist.h"

#define APP_INVITE_DAYS 7        /* an invitation's life unless the trainer says otherwise */
#define APP_INVITE_DAYS_MAX 30
#define APP_INVITE_TOKEN_LEN 43  /* 32 random bytes in URL-safe base64, no padding */
#define APP_LOGIN_MIN 3
#define APP_LOGIN_MAX 64
#define APP_NAME_MAX 100         /* characters of a person's name */

/* What the password rules need: the common passwords and the hashing cost. */
struct app_clinic {
	const struct wordlist *common;
	struct app_pwhash cost;
};

enum app_clinic_status {
	CLINIC_OK,
	CLINIC_BAD_INPUT,      /* err says which field and why */
	CLINIC_LOGIN_TAKEN,    /* err names it */
	CLINIC_HAS_ACCOUNTS,   /* init: the clinic has its first admin already */
	CLINIC_NOT_ALLOWED,    /* the acting account may not do that (err says why) */
	CLINIC_NO_ACCOUNT,     /* the acting account does not exist */
	CLINIC_INVITE_UNKNOWN, /* no invitation has that link (or the link is mistyped) */
	CLINIC_INVITE_EXPIRED,
	CLINIC_INVITE_USED,
	CLINIC_WAIT,           /* too many wrong tries of a password asked again: nothing was
				* checked; app/password-again.h says how long to wait */
	CLINIC_FAILED,         /* the store failed: err says how */
};

/* Normalise a login name (ASCII letters lowercased) into out (APP_LOGIN_MAX + 1
 * bytes) and check it: 3 to 64 of a-z, 0-9, '.', '_', '-', '@', beginning with a
 * letter or digit. CLINIC_OK or CLINIC_BAD_INPUT with err. */
enum app_clinic_status app_login_name(const char *in, char out[APP_LOGIN_MAX + 1], struct strbuf *err);

/* The id of the account with that login name (CLINIC_NO_ACCOUNT when none): for the
 * terminal, where the operator names who acts. */
enum app_clinic_status app_clinic_account_id(const struct app_ctx *ctx, const char *login, int64_t *id,
					     struct strbuf *err);
/* The login name of account id into out (CLINIC_NO_ACCOUNT when none): for a route
 * that knows the person and needs the name the login throttle counts by. */
enum app_clinic_status app_clinic_login_of(const struct app_ctx *ctx, int64_t id, char out[APP_LOGIN_MAX + 1],
					   struct strbuf *err);

/* The clinic's first admin: only while the database has no account. */
enum app_clinic_status app_clinic_init(const struct app_ctx *ctx, const struct app_clinic *c, const char *login,
				       const char *name, const char *pw, size_t pw_len, struct account_row *out,
				       struct strbuf *err);
/* A trainer, added by an admin (admin_id, an enabled admin account). */
enum app_clinic_status app_clinic_add_trainer(const struct app_ctx *ctx, const struct app_clinic *c, int64_t admin_id,
					      const char *login, const char *name, const char *pw, size_t pw_len,
					      struct account_row *out, struct strbuf *err);

/* A trainer (an enabled trainer account; no one else) invites a client by name; the
 * invitation lasts days (1 to APP_INVITE_DAYS_MAX). token gets the link's secret
 * (APP_INVITE_TOKEN_LEN + 1 bytes), shown once: only a hash of it is kept. */
enum app_clinic_status app_clinic_invite(const struct app_ctx *ctx, int64_t trainer_id, const char *client_name,
					 int days, char token[APP_INVITE_TOKEN_LEN + 1], struct invite_row *out,
					 struct strbuf *err);
/* The invitation of a token, still usable now (before asking for a password);
 * release out with invite_row_release when CLINIC_OK. */
enum app_clinic_status app_clinic_invite_look(const struct app_ctx *ctx, const char *token, struct invite_row *out,
					      struct strbuf *err);
/* The client accepts: chooses a login name and a password; the account is made and
 * linked to the trainer, and the invitation is spent, together or not at all. */
enum app_clinic_status app_clinic_accept(const struct app_ctx *ctx, const struct app_clinic *c, const char *token,
					 const char *login, const char *pw, size_t pw_len, struct account_row *out,
					 struct strbuf *err);

/* A login: the account when its password matches and it is enabled, else
 * CLINIC_NO_ACCOUNT (the same for an unknown name, a wrong password and a disabled
 * account, after the same work). A hash of an older cost is made again. */
/* What an unknown login name's password is checked against: a hash at
 * app_pwhash_default's cost that no password given to anyone matches. */
extern const char app_clinic_dummy_hash[];
enum app_clinic_status app_clinic_login(const struct app_ctx *ctx, const struct app_clinic *c, const char *login,
					const char *pw, size_t pw_len, struct account_row *out, struct strbuf *err);

/* Whether pw is account's password now (password-change.c): *right when the account
 * is there, pw is no longer than APP_PASSWORD_MAX and matches its hash. out, when not
 * NULL, gets the account's row (release with account_row_release) when CLINIC_OK, for a
 * use case that needs its login or name too. CLINIC_NO_ACCOUNT when there is no such
 * account (*right false, err left to the caller, which knows whose it is), CLINIC_FAILED
 * with err when the store fails. The one check of a password asked again (a new
 * password, new recovery codes, two-step login off). */
enum app_clinic_status app_clinic_password_is(const struct app_ctx *ctx, int64_t account, const char *pw,
					      size_t pw_len, bool *right, struct account_row *out, struct strbuf *err);

/* A logged-in person changes their own password (password-change.c) behind the
 * login's throttle (again: app/password-again.h; a wrong now_pw counts there, and
 * CLINIC_WAIT while it must wait): now_pw must be their password now, new_pw is held to
 * the rules of app_password_check (their login and name included) and must differ; then
 * every login of the account ends (*ended of them), this one too. CLINIC_BAD_INPUT with
 * err beginning with the field ("current:" or "password:"), nothing changed;
 * CLINIC_FAILED when the store fails (err says whether the password was changed before). */
struct app_again;
enum app_clinic_status app_clinic_password_change(const struct app_ctx *ctx, const struct app_clinic *c,
						  struct app_again *again, int64_t account, const char *now_pw,
						  size_t now_len, const char *new_pw, size_t new_len, int *ended,
						  struct strbuf *err);

/* Everyone, by id, each client with the trainers who invited them. */
struct app_clinic_person {
	struct account_row account;
	int64_t trainer_id; /* a client's (the first) trainer; 0 for others */
};
struct app_clinic_people {
	struct app_clinic_person *v;
	size_t n;
};
/* Whether the store has any account (a clinic server needs one), asked as no one can
 * (ctx->store may act as no one). CLINIC_FAILED with err when the store fails. */
enum app_clinic_status app_clinic_any(const struct app_ctx *ctx, bool *any, struct strbuf *err);
enum app_clinic_status app_clinic_list(const struct app_ctx *ctx, struct app_clinic_people *out, struct strbuf *err);
void app_clinic_people_release(struct app_clinic_people *p);

#endif
