/* progress-plan.c: the progress page's figures: app_progress and, to hold sessions per
 * week against, the days a week the plan has a session (progress.h). */
#include "app/progress.h"
#include "app/plan-view.h"

int app_progress_planned(const struct app_ctx *ctx, struct app_progress *p, int *planned_days, struct strbuf *err)
{
	*planned_days = 0;
	if (app_progress(ctx, p, err))
		return -1;
	struct app_plan plan;
	int rc = app_plan_load(ctx, &plan, err);
	if (!rc) {
		unsigned days = 0;
		for (size_t i = 0; i < plan.plan.n_parts; i++)
			if (!plan.plan.parts[i].all_day)
				days |= plan.plan.parts[i].days;
		*planned_days = __builtin_popcount(days & 0x7f);
	}
	app_plan_release(&plan);
	return rc;
}
