/* assess.c: the assessment read and saved (assess.h). */
#include "app/assess.h"
#include "app/plan-data.h"
#include "core/stats.h"
#include <stdlib.h>
#include <string.h>

int app_assessment_latest(const struct app_ctx *ctx, struct app_assessment *out, struct strbuf *err)
{
	struct profile *v = NULL;
	size_t n = 0;
	memset(out, 0, sizeof(*out));
	if (plan_profiles(ctx->store, &v, &n, err))
		return -1;
	if (n) {
		out->has_latest = true;
		out->latest = v[n - 1];
	}
	if (n > 1) {
		out->has_before = true;
		out->before = v[n - 2];
	}
	free(v);
	return 0;
}

static int save(const struct app_ctx *ctx, const struct profile *p, struct strbuf *err)
{
	struct assess_answer_row ans[AQ__COUNT];
	struct factor_row fac[F__COUNT];
	struct strbuf why[F__COUNT];
	for (int q = 0; q < AQ__COUNT; q++)
		ans[q] = (struct assess_answer_row){ (char *)assess_questions[q].id, p->answers[q] };
	for (int f = 0; f < F__COUNT; f++) { /* stored in C, as every stored text */
		strbuf_init(&why[f]);
		reason_write(&p->f[f].reason, REASON_C, &why[f]);
		fac[f] = (struct factor_row){ (char *)factor_names[f], p->f[f].strength, why[f].buf };
	}
	struct assessment_row row = { 0, "", ctx->now_ms, ans, AQ__COUNT, fac, F__COUNT };
	day_format(p->day, row.date);
	int rc = ctx->store->ops->assessment_add(ctx->store, &row, err);
	for (int f = 0; f < F__COUNT; f++)
		strbuf_release(&why[f]);
	return rc;
}

int app_assess_save(const struct app_ctx *ctx, const double answers[AQ__COUNT], struct app_assess_saved *out,
		    struct strbuf *err)
{
	struct app_assessment old;
	memset(out, 0, sizeof(*out));
	if (app_assessment_latest(ctx, &old, err))
		return -1;
	struct profile p;
	profile_build(&p, app_today(ctx), answers);
	if (save(ctx, &p, err))
		return -1;
	out->a.has_latest = true;
	out->a.latest = p;
	if (old.has_latest) {
		out->a.has_before = true;
		out->a.before = old.latest;
		/* the plan each makes, with nothing else known (no flare-up, screened, allowed) */
		struct flare none = { false, -1, -1, -1, -1, 0, -1 };
		struct plan_input in = { &out->a.before, NULL, true, true, false, none, -1, false, false, { 0 }, false };
		plan_build(&in, &out->plan_before);
		in.profile = &out->a.latest;
		plan_build(&in, &out->plan_now);
		struct strbuf ignored = STRBUF_INIT;
		out->plan_changes = plan_compare(&out->plan_before, &out->plan_now, &ignored) > 0;
		strbuf_release(&ignored);
	}
	return 0;
}
