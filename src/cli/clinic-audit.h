/* clinic-audit.h: `unhunch clinic audit --client LOGIN` (clinic-audit.c). */
#ifndef UNHUNCH_CLI_CLINIC_AUDIT_H
#define UNHUNCH_CLI_CLINIC_AUDIT_H
#include "context.h"

/* Print who looked at or changed the client's records, newest first; an exit status. */
int clinic_audit(struct cli_ctx *x, const char *client);

#endif
