/* plan-view.h: the plan use case (`unhunch plan`, and the Plan page): the weekly plan
 * built from the latest assessment, the safety status, a flare-up and the course of the
 * pain, timed at the current doses; the feedback due judged into dose decisions; and
 * the routines whose doses are shown. Front ends render it (reasons, doses, changes). */
#ifndef UNHUNCH_APP_PLAN_VIEW_H
#define UNHUNCH_APP_PLAN_VIEW_H
#include "app/app.h"
#include "app/safety.h"
#include "core/plan.h"

struct app_plan {
	int today;
	struct plan plan;
	struct app_safety safety;        /* the status the gate decides from */
	struct day *days;                /* owned: the days, for massage and the flare-up */
	size_t n_days;
	struct profile *profiles;        /* owned: every assessment, oldest first */
	size_t n_profiles;
};

/* Build the plan at ctx->now_ms. -1 with err when the store fails; release either way. */
int app_plan_load(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err);
void app_plan_release(struct app_plan *p);

/* Judge the feedback that is due into dose decisions and store them (plan_catch_up),
 * as every look at the plan does. *last_before (may be NULL) gets the id of the newest
 * change before, so a front end can show the ones made now. Returns how many were made,
 * or -1 with err. */
int app_plan_catch_up(const struct app_ctx *ctx, const struct app_plan *p, int64_t *last_before, struct strbuf *err);

/* The routines whose doses are shown: those of the plan, and the activation routine
 * (whose doses adapt even while a flare-up leaves it out). out has PLAN_MAX_PARTS + 1
 * places; returns how many. */
size_t app_plan_dose_routines(const struct app_ctx *ctx, const struct plan *p, const struct routine **out);

#endif
