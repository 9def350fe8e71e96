/* clinic-audit.h: `unhunch clinic audit --client LOGIN` (clinic-audit.c) and `clinic
 * reset-2fa --login NAME` (clinic-2fa.c): the operator's look at and care of an account. */
#ifndef UNHUNCH_CLI_CLINIC_AUDIT_H
#define UNHUNCH_CLI_CLINIC_AUDIT_H
#include "context.h"

/* Print who looked at or changed the client's records, newest first; an exit status. */
int clinic_audit(struct cli_ctx *x, const char *client);
/* `clinic reset-2fa --login NAME` (clinic-2fa.c): an exit status. */
int clinic_reset_2fa(struct cli_ctx *x, const char *login);

#endif
