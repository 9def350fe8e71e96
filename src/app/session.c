/* session.c (app): getting a session ready, ending it, plan --resume and --back (see session.h). */
#include "app/session.h"
#include "app/days.h"
#include "app/plan-data.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

static int catch_up(const struct app_ctx *ctx, bool neck_ok, struct strbuf *err)
{
	struct day *days = NULL;
	size_t nd = 0;
	if (app_days_load(ctx->store, ctx->tz, &days, &nd, err))
		return -1;
	int made = plan_catch_up(ctx->store, ctx->content, days, nd, app_today(ctx), neck_ok, ctx->now_ms, err);
	free(days);
	return made;
}

int app_session_ready(const struct app_ctx *ctx, const struct routine *r, bool neck_ok, struct app_session_ready *out,
		      struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	if ((out->decided = catch_up(ctx, neck_ok, err)) < 0)
		return -1;
	out->doses = xcalloc(r->n_items + 1, sizeof(*out->doses));
	if (plan_doses(ctx->store, ctx->content, r, out->doses, err)) {
		free(out->doses);
		out->doses = NULL;
		return -1;
	}
	for (size_t i = 0; i < r->n_items && out->n_paused < APP_MAX_PAUSED; i++) {
		const struct exercise *e = catalog_exercise(ctx->content, out->doses[i].exercise);
		if (out->doses[i].paused && e)
			out->paused[out->n_paused++] = e;
	}
	return 0;
}

/* Was there a feedback row for this exercise of this session? */
static bool has_feedback(const struct feedback_row *fb, size_t nf, int64_t session, const char *slot)
{
	for (size_t i = 0; i < nf; i++)
		if (fb[i].session_id == session && !strcmp(fb[i].exercise_id, slot))
			return true;
	return false;
}

int app_session_end(const struct app_ctx *ctx, int64_t session_id, const struct routine *r,
		    enum session_status status, int pain_before, int pain_after, bool neck_ok,
		    struct app_session_end *out, struct strbuf *err)
{
	struct store *st = ctx->store;
	memset(out, 0, sizeof(*out));
	if (st->ops->session_end(st, session_id, status, pain_after, ctx->now_ms, err))
		return -1;
	out->after_bad = pain_after_bad(pain_before, pain_after);
	if (out->after_bad) {
		struct exercise_row *ex = NULL;
		struct feedback_row *fb = NULL;
		size_t nex = 0, nf = 0;
		int rc = 0;
		if (st->ops->exercises_of(st, session_id, &ex, &nex, err) || st->ops->feedback_list(st, &fb, &nf, err))
			rc = -1;
		for (size_t i = 0; !rc && i < nex; i++) {
			if (ex[i].status != EX_DONE || (size_t)ex[i].item >= r->n_items)
				continue;
			const char *slot = r->items[ex[i].item].exercise;
			if (has_feedback(fb, nf, session_id, slot))
				continue; /* the catch-up judges it with the session's scores */
			int k = plan_lower_now(st, ctx->content, r->id, slot, "after-session",
					       "After the session your pain was 6 or more, or 2 or more points above where "
					       "you started", app_today(ctx), ctx->now_ms, err);
			if (k < 0)
				strbuf_reset(err); /* an exercise the plan does not follow: nothing to lower */
			else
				out->lowered += k == 0;
		}
		store_exercises_free(ex, nex);
		store_feedback_free(fb, nf);
		if (rc)
			return -1;
	}
	if ((out->decided = catch_up(ctx, neck_ok, err)) < 0)
		return -1;
	return 0;
}

int app_plan_resume(const struct app_ctx *ctx, const char *routine, const char *exercise,
		    struct app_gate_result *gate, struct strbuf *err)
{
	struct app_gate_request rq = { GATE_PLAN_RESUME, routine, exercise, NULL, -1 };
	if (app_gate(ctx, &rq, gate, err))
		return -1;
	if (!gate->v.allowed)
		return 2;
	return plan_resume(ctx->store, ctx->content, routine, exercise, app_today(ctx), ctx->now_ms, err);
}

int app_plan_back(const struct app_ctx *ctx, const char *routine, const char *exercise, struct strbuf *err)
{
	return plan_back(ctx->store, ctx->content, routine, exercise, app_today(ctx), ctx->now_ms, err);
}

int app_plan_switch(const struct app_ctx *ctx, const char *routine, const char *to, struct strbuf *why_not,
		    struct strbuf *err)
{
	const struct exercise *e = catalog_exercise(ctx->content, to);
	const struct routine *r = catalog_routine(ctx->content, routine);
	if (!e || !r) {
		strbuf_addf(why_not, "no %s '%s'", r ? "exercise" : "routine", r ? to : routine);
		return 2;
	}
	bool has = !e->instead_of; /* plan_switch() says why not */
	for (size_t i = 0; !has && i < r->n_items; i++)
		has = !strcmp(r->items[i].exercise, e->instead_of);
	if (!has) {
		strbuf_addf(why_not, "%s is not offered in place of any exercise of %s", e->name, r->name);
		return 1;
	}
	return plan_switch(ctx->store, ctx->content, routine, to, app_today(ctx), ctx->now_ms, why_not, err);
}

bool app_checkin_owed(const struct app_ctx *ctx, const struct session_row *s, size_t ns, const struct day *days,
		      size_t nd)
{
	const struct session_row *last = NULL;
	for (size_t i = 0; i < ns; i++)
		if (s[i].status == SESSION_FINISHED && (!last || s[i].started_ms >= last->started_ms))
			last = &s[i];
	if (!last || !pain_after_bad(last->pain_before, last->pain_after))
		return false;
	int day = tz_day_of_ms(ctx->tz, last->started_ms), today = app_today(ctx);
	if (today - day > 1)
		return false;
	for (size_t i = 0; i < nd; i++)
		if (days[i].day > day && days[i].pain >= 0)
			return false;
	return true;
}
