/* login.h: clinic logins as use cases (issue 18): logging in with the throttle,
 * checking a session on each request, logging out here or everywhere, and the CSRF
 * token of a session. The rules of when a session ends and how long a login waits are
 * core/login.h's; the sessions and the failure counts are kept in the store, so two
 * servers on one database behave as one. The session's id is 256 random bits
 * (libsodium), given to the browser once; the store keeps only its BLAKE2b hash. */
#ifndef UNHUNCH_APP_LOGIN_H
#define UNHUNCH_APP_LOGIN_H
#include "app/accounts.h"

#define APP_SESSION_ID_LEN 43 /* 32 random bytes in URL-safe base64, no padding */
#define APP_CSRF_LEN 64       /* hex */

enum app_login_status {
	APP_LOGIN_OK,
	APP_LOGIN_REFUSED, /* unknown name, wrong password or a disabled account: one answer */
	APP_LOGIN_WAIT,    /* too many failures: try again in wait_ms (nothing was checked) */
	APP_LOGIN_FAILED,  /* the store failed: err says how */
	APP_LOGIN_CODE,    /* the password is right and the account's second factor is on: id
			    * is a login that waits for the code (app_login_code), nothing more */
	APP_LOGIN_AGAIN,   /* app_login_code: no login waits for a code there (none, ended, or
			    * past LOGIN_CODE_MS): log in again */
};

struct app_login {
	struct account_row account;          /* APP_LOGIN_OK: who (release with account_row_release) */
	char id[APP_SESSION_ID_LEN + 1];     /* APP_LOGIN_OK: the new session's id, for the cookie */
	int64_t wait_ms;                     /* APP_LOGIN_WAIT: how long still */
};

/* Log in from address (the client's, as the server sees it): the throttle first (by
 * name and by address), then the password (app_clinic_login: the same work for an
 * unknown name); a failure is counted under both, a success clears the name's count
 * and makes a new session (a new id at every login) and forgets sessions past their
 * time and failure counts a day old (guesses at names that do not exist leave no rows
 * for long). */
enum app_login_status app_login(const struct app_ctx *ctx, const struct app_clinic *c, const char *login,
				const char *pw, size_t pw_len, const char *address, struct app_login *out,
				struct strbuf *err);

/* The second step of a login whose account has a second factor: pending_id is the
 * login APP_LOGIN_CODE gave (at most LOGIN_CODE_MS old). The throttle first (by the
 * account's name and by address, as app_login counts them), then the code
 * (app/totp.h: the window, each code once; or one of its recovery codes, once, which
 * the account's audit log tells); a wrong code is counted as a failed login
 * and the waiting login stays for another try; a right one ends it and makes the
 * session (a new id), and only then is the name's count cleared. APP_LOGIN_OK, _REFUSED
 * (wrong, used or outside the window: one answer), _WAIT, _AGAIN or _FAILED. */
enum app_login_status app_login_code(const struct app_ctx *ctx, const char *pending_id, const char *code,
				     const char *address, struct app_login *out, struct strbuf *err);

/* The account of a session id at ctx->now_ms: true with out filled (release with
 * account_row_release) when the session is live and its account enabled; false when
 * not (an ended session is forgotten) or the store failed (err says so). Notes the
 * request as the session's last (at most once a minute). */
bool app_session_account(const struct app_ctx *ctx, const char *id, struct account_row *out, struct strbuf *err);
/* (A login that waits for its code is no session: false, and left for app_login_code.) */

/* The login's throttle, for another check of the password of a logged-in account
 * (app/password-again.h puts them together): app_login_wait gives how long a try must
 * still wait (0: go), app_login_failed counts a failure, as a failed login is counted,
 * app_login_cleared forgets the name's failures, as a right login does. */
int app_login_wait(const struct app_ctx *ctx, const char *login, const char *address, int64_t *wait_ms,
		   struct strbuf *err);
int app_login_failed(const struct app_ctx *ctx, const char *login, const char *address, struct strbuf *err);
int app_login_cleared(const struct app_ctx *ctx, const char *login, struct strbuf *err);

/* Log the session of id out (nothing when there is none). */
int app_logout(const struct app_ctx *ctx, const char *id, struct strbuf *err);
/* Log every session of account out; *ended how many (may be NULL). */
int app_logout_everywhere(const struct app_ctx *ctx, int64_t account, int *ended, struct strbuf *err);

/* The CSRF token of a session: a hash of its id under a label of its own, so it is
 * known only to who holds the id and changes with every login (out: APP_CSRF_LEN + 1). */
void app_session_csrf(const char *id, char out[APP_CSRF_LEN + 1]);

#endif
