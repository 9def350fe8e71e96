/* assess.h: the assessment use cases: the latest profile (and the one before it), and
 * saving a new assessment from its answers (the profile of likely contributors for
 * today, stored with the date), with the plan it makes beside the plan of the last
 * one. */
#ifndef UNHUNCH_APP_ASSESS_H
#define UNHUNCH_APP_ASSESS_H
#include "app/app.h"
#include "core/plan.h"

struct app_assessment {
	bool has_latest, has_before;
	struct profile latest;  /* the newest assessment */
	struct profile before;  /* the one before it */
};

/* The latest profile and the one before. -1 with err when the store fails. */
int app_assessment_latest(const struct app_ctx *ctx, struct app_assessment *out, struct strbuf *err);

struct app_assess_saved {
	struct app_assessment a;       /* latest: the new profile; before: the last one */
	bool plan_changes;             /* the plan differs from the one of the assessment before */
	struct plan plan_before, plan_now; /* the plans of each, when has_before */
};

/* Build the profile from answers (ASSESS_SKIPPED for a skipped question) for today in
 * ctx's zone and store it at ctx->now_ms. -1 with err when the store fails (nothing
 * saved). */
int app_assess_save(const struct app_ctx *ctx, const double answers[AQ__COUNT], struct app_assess_saved *out,
		    struct strbuf *err);

#endif
