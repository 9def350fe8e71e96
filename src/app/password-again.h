/* password-again.h: what a logged-in person does that asks for their password again (a
 * new password, new recovery codes, two-step login off) behind the login's throttle,
 * written once for every such use case: the try waits while a login of the account's
 * name or from the address would (nothing is checked then), a wrong password or code
 * counts as a failed login does, and a right one clears the name's count as a login
 * does. So a stolen session cannot guess the password here faster than at the login. */
#ifndef UNHUNCH_APP_PASSWORD_AGAIN_H
#define UNHUNCH_APP_PASSWORD_AGAIN_H
#include "app/accounts.h"

/* Where the login's throttle is kept and who tries: db, a handle on the database's own
 * rows (the throttle's counts are no person's; the server's handle of no one, or in a
 * test the same as the person's), and address, the client's as the server sees it.
 * wait_ms is set when the use case answers CLINIC_WAIT: how long still. */
struct app_again {
	const struct app_ctx *db;
	const char *address;
	int64_t wait_ms;
};

/* The guarded step of a use case, run on the person's ctx with its arg: its status, and
 * *wrong set when it refused a password or a code someone guessing would try. */
typedef enum app_clinic_status app_again_step(const struct app_ctx *ctx, void *arg, bool *wrong,
					      struct strbuf *err);

/* Run step for account behind the throttle: CLINIC_WAIT (again->wait_ms) before it while
 * a login of the account's name or from again->address would wait; else step's status,
 * with a failure counted under both when *wrong, and the name's count cleared when
 * CLINIC_OK (a count left by a store failing there is only a later wait: the step's
 * work stands). CLINIC_FAILED with err when the store fails or the account is gone. */
enum app_clinic_status app_password_again(const struct app_ctx *ctx, int64_t account, struct app_again *again,
					  app_again_step *step, void *arg, struct strbuf *err);

#endif
