/* routines.h: the routine list (`unhunch routines`): every routine, module by module,
 * with how long a hands-free run takes at the person's current doses. */
#ifndef UNHUNCH_APP_ROUTINES_H
#define UNHUNCH_APP_ROUTINES_H
#include "app/app.h"

struct app_routine_time {
	const struct routine *routine;
	int run_s; /* a hands-free run at the current doses (the content's without a store) */
};

/* Every routine of ctx->content in module order (the content's order within a module)
 * into out (ctx->content->n_rt places); ctx->store may be NULL (no records yet).
 * Returns how many. */
size_t app_routines(const struct app_ctx *ctx, struct app_routine_time *out);

/* How long the next session of routine r takes as the player will run it, before the gate
 * is asked (the web player's page): the plan's current doses (what it has paused left
 * out), the gentle way when the safety status says sessions run that way, as Today and
 * Plan count it. The gate's own answer may still change it (pain before the session).
 * -1 with err when the store fails. */
int app_routine_run_s(const struct app_ctx *ctx, const struct routine *r, int *run_s, struct strbuf *err);

#endif
