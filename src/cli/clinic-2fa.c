/* clinic-2fa.c: `unhunch clinic reset-2fa --login NAME`: the operator at the terminal
 * turns a person's two-step login off (a lost phone), written to their audit log and
 * ending their logins (app/totp.c has the rule). */
#include "cli.h"
#include "context.h"
#include "app/totp.h"
#include <stdio.h>

int clinic_reset_2fa(struct cli_ctx *x, const char *login)
{
	struct strbuf err = STRBUF_INIT;
	bool was = false;
	enum app_clinic_status st = app_totp_reset(&x->app, login, &was, &err);
	int rc = EXIT_OK;
	if (st == CLINIC_NO_ACCOUNT) {
		fprintf(stderr, "unhunch clinic reset-2fa: there is no account %s ('unhunch clinic list' shows them)\n",
			login);
		rc = EXIT_PROBLEM;
	} else if (st != CLINIC_OK) {
		fprintf(stderr, "unhunch clinic reset-2fa: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	} else if (!was) {
		printf("%s has no two-step login, so nothing was changed.\n", login);
	} else {
		printf("Two-step login is off for %s, and their logins have ended. They log in with their password "
		       "alone now; where the clinic requires it, they set it up again at once. Their audit log "
		       "says you did this.\n",
		       login);
	}
	strbuf_release(&err);
	return rc;
}
