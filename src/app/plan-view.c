/* plan-view.c: the plan use case (plan-view.h). */
#include "app/plan-view.h"
#include "app/days.h"
#include "app/plan-data.h"
#include "core/mem.h"
#include "core/stats.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

#define ACTIVATION_ROUTINE "upper-back-activation" /* the routine whose doses adapt (as cli.h) */

int app_plan_load(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err)
{
	memset(p, 0, sizeof(*p));
	p->today = app_today(ctx);
	/* the check-ins and sessions read once, for the days and the safety status */
	struct app_records r;
	if (app_records_load(ctx->store, &r, err))
		return -1;
	app_days_fold(r.checkins, r.n_checkins, r.sessions, r.n_sessions, ctx->tz, &p->days, &p->n_days);
	int failed = plan_profiles(ctx->store, &p->profiles, &p->n_profiles, err) ||
		     app_safety_of(ctx, r.checkins, r.n_checkins, p->days, p->n_days, &p->safety, err);
	app_records_release(&r);
	/* a trainer's massages are the week's massage days too (after the safety status,
	 * which they do not change) */
	if (failed || app_days_load_appointments(ctx->store, &p->days, &p->n_days, err))
		return -1;
	/* the flare-up as the safety status worked it out (plan_flare on the same days and
	 * day), not a second pass over every day */
	const struct safety_status *ss = &p->safety.s;
	struct plan_input in = { p->n_profiles ? &p->profiles[p->n_profiles - 1] : NULL, ctx->content, ss->screened,
				 ss->allowed, ss->neck_ok, ss->flare, p->today,
				 ss->gentle, ss->screened && ss->must_screen,
				 stats_course(p->days, p->n_days, p->today), false };
	plan_build(&in, &p->plan);
	plan_minutes_now(ctx->store, ctx->content, &p->plan);
	p->n_due = plan_due(&p->plan, p->today, p->due);
	p->n_massage_days = plan_massage_days(p->days, p->n_days, p->today, p->massage_days);
	return 0;
}

void app_plan_release(struct app_plan *p)
{
	free(p->days);
	free(p->profiles);
	store_plan_changes_free(p->changes, p->n_changes);
	store_prescriptions_free(p->prescriptions, p->n_prescriptions);
	free(p->doses);
	p->days = NULL;
	p->profiles = NULL;
	p->changes = NULL;
	p->prescriptions = NULL;
	p->doses = NULL;
	p->n_changes = p->n_doses = p->n_prescriptions = 0;
}

/* The current dose of every item of the routines whose doses are shown. */
static int doses_read(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err)
{
	const struct catalog *c = ctx->content;
	const struct routine *rts[PLAN_MAX_PARTS + 1];
	size_t nr = app_plan_dose_routines(ctx, &p->plan, rts), n = 0;
	for (size_t k = 0; k < nr; k++)
		n += rts[k]->n_items;
	p->doses = xcalloc(n + 1, sizeof(*p->doses));
	for (size_t k = 0; k < nr; k++) {
		const struct routine *r = rts[k];
		struct dose_state *s = xcalloc(r->n_items + 1, sizeof(*s));
		if (plan_doses(ctx->store, c, r, s, err)) {
			free(s);
			return -1;
		}
		for (size_t i = 0; i < r->n_items; i++) {
			const struct item *it = &r->items[i];
			struct dose_state start = dose_start(c, it);
			p->doses[p->n_doses++] = (struct app_plan_dose){
				r, it, s[i], p->plan.gentle ? dose_halved(s[i]) : s[i], catalog_exercise(c, it->exercise),
				catalog_exercise(c, s[i].exercise),
				strcmp(start.exercise, s[i].exercise) || start.reps != s[i].reps ||
					start.duration_s != s[i].duration_s || s[i].paused || s[i].prescribed,
				dose_replaced(c, it, s[i].exercise), dose_leads_back(c, it, s[i].exercise),
				dose_offer(c, it, s[i])
			};
		}
		free(s);
	}
	return 0;
}

int app_plan_decide(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err)
{
	store_plan_changes_free(p->changes, p->n_changes);
	store_prescriptions_free(p->prescriptions, p->n_prescriptions);
	free(p->doses);
	p->changes = NULL;
	p->prescriptions = NULL;
	p->doses = NULL;
	p->n_changes = p->n_doses = p->n_prescriptions = 0;
	if ((p->made = app_plan_catch_up(ctx, p, &p->made_after, err)) < 0 ||
	    ctx->store->ops->plan_changes_list(ctx->store, &p->changes, &p->n_changes, err) ||
	    ctx->store->ops->prescriptions_list(ctx->store, &p->prescriptions, &p->n_prescriptions, err))
		return -1;
	return doses_read(ctx, p, err);
}

int app_plan_view(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err)
{
	return app_plan_load(ctx, p, err) ? -1 : app_plan_decide(ctx, p, err);
}

int app_plan_feedback(const struct app_ctx *ctx, const char *routine, const struct app_feedback *fb, size_t n,
		      int pain_during, int day, size_t *saved, struct strbuf *err)
{
	for (*saved = 0; *saved < n; ++*saved)
		if (plan_feedback_record(ctx->store, ctx->content, routine, fb[*saved].exercise, fb[*saved].feel,
					 pain_during, false, day, 0, ctx->now_ms, err))
			return -1;
	return 0;
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

void app_plan_dose_describe(const struct catalog *c, const struct app_plan_dose *d, struct strbuf *out)
{
	size_t start = out->len;
	dose_state_describe(&d->shown, out);
	const struct dose *dd = slot_dose(c, d->item, d->now.exercise);
	if (out->len > start && dd && dd->n_per)
		strbuf_addstr(out, dd->per == PER_SIDE ? " per side" : " per direction");
	if (d->now.prescribed && d->now.sets > 0 && dd && dd->reps.max)
		strbuf_addf(out, "%s%d set%s", out->len > start ? ", " : "", d->now.sets, d->now.sets == 1 ? "" : "s");
	if (d->now.prescribed && d->now.hold_s > 0 && dd && dd->reps.max)
		strbuf_addf(out, "%s%d s hold", out->len > start ? ", " : "", d->now.hold_s);
}
