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

#endif
