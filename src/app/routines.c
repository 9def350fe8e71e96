/* routines.c: the routine list with run times (routines.h). */
#include "app/routines.h"
#include "app/plan-data.h"
#include "app/safety.h"

size_t app_routines(const struct app_ctx *ctx, struct app_routine_time *out)
{
	const struct catalog *c = ctx->content;
	size_t n = 0;
	for (int m = 0; m < MOD__COUNT; m++)
		for (size_t i = 0; i < c->n_rt; i++)
			if ((int)c->rt[i].module == m)
				out[n++] = (struct app_routine_time){ &c->rt[i],
								      plan_routine_s(ctx->store, c, &c->rt[i], false) };
	return n;
}

int app_routine_run_s(const struct app_ctx *ctx, const struct routine *r, int *run_s, struct strbuf *err)
{
	struct app_safety sa;
	if (app_safety(ctx, &sa, err))
		return -1;
	*run_s = plan_routine_s(ctx->store, ctx->content, r, sa.s.gentle);
	return 0;
}
