/* clinic-custody.h: the commands of `unhunch clinic` by which a client stays in charge
 * of their data, and an admin disables an account (clinic-custody.c). */
#ifndef UNHUNCH_CLI_CLINIC_CUSTODY_H
#define UNHUNCH_CLI_CLINIC_CUSTODY_H
#include "context.h"
#include <stdbool.h>

struct clinic_custody_args {
	const char *client, *trainer, *login, *admin;
};

/* Whether sub is one of these commands: trainers, unlink, delete-account, disable, enable. */
bool clinic_custody_sub(const char *sub);
/* What sub needs of the flags: NULL when given, else the usage message's words. */
const char *clinic_custody_missing(const char *sub, const struct clinic_custody_args *a);
/* Run sub; an exit status. */
int clinic_custody(struct cli_ctx *x, const char *sub, const struct clinic_custody_args *a);

#endif
