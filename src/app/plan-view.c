/* plan-view.c: the plan use case (plan-view.h). */
#include "app/plan-view.h"
#include "app/days.h"
#include "app/plan-data.h"
#include "core/stats.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

#define ACTIVATION_ROUTINE "upper-back-activation" /* the routine whose doses adapt (as cli.h) */

int app_plan_load(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err)
{
	memset(p, 0, sizeof(*p));
	p->today = app_today(ctx);
	if (app_days_load(ctx->store, ctx->tz, &p->days, &p->n_days, err) ||
	    plan_profiles(ctx->store, &p->profiles, &p->n_profiles, err) || app_safety(ctx, &p->safety, err))
		return -1;
	const struct safety_status *ss = &p->safety.s;
	struct plan_input in = { p->n_profiles ? &p->profiles[p->n_profiles - 1] : NULL, ctx->content, ss->screened,
				 ss->allowed, ss->neck_ok, plan_flare(p->days, p->n_days, p->today), p->today,
				 ss->gentle, ss->screened && ss->must_screen,
				 stats_course(p->days, p->n_days, p->today), false };
	plan_build(&in, &p->plan);
	plan_minutes_now(ctx->store, ctx->content, &p->plan);
	return 0;
}

void app_plan_release(struct app_plan *p)
{
	free(p->days);
	free(p->profiles);
	p->days = NULL;
	p->profiles = NULL;
}

int app_plan_catch_up(const struct app_ctx *ctx, const struct app_plan *p, int64_t *last_before, struct strbuf *err)
{
	struct plan_change_row *ch = NULL;
	size_t nc = 0;
	int64_t last = 0;
	if (ctx->store->ops->plan_changes_list(ctx->store, &ch, &nc, err))
		return -1;
	for (size_t i = 0; i < nc; i++)
		last = ch[i].id > last ? ch[i].id : last;
	store_plan_changes_free(ch, nc);
	if (last_before)
		*last_before = last;
	return plan_catch_up(ctx->store, ctx->content, p->days, p->n_days, p->today, p->safety.s.neck_ok, ctx->now_ms,
			     err);
}

size_t app_plan_dose_routines(const struct app_ctx *ctx, const struct plan *p, const struct routine **out)
{
	size_t n = 0;
	const char *ids[PLAN_MAX_PARTS + 1];
	for (size_t i = 0; i < p->n_parts; i++)
		if (p->parts[i].routine)
			ids[n++] = p->parts[i].routine;
	ids[n++] = ACTIVATION_ROUTINE;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct routine *r = catalog_routine(ctx->content, ids[i]);
		bool seen = false;
		for (size_t j = 0; j < k; j++)
			seen |= out[j] == r;
		if (r && !seen)
			out[k++] = r;
	}
	return k;
}
