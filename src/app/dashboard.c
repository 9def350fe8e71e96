/* dashboard.c: the trainer's dashboard (dashboard.h): one read of the store for every
 * client (dashboard_facts), then each client's days folded as the client's own
 * progress folds them (app_days_fold), the plan's due days from their latest
 * assessment, and the order of core/attention.c. */
#include "app/dashboard.h"
#include "app/audit.h"
#include "app/days.h"
#include "core/mem.h"
#include "core/plan.h"
#include "core/screen.h"
#include <stdlib.h>
#include <string.h>

/* The plan's days for a client: from their latest assessment (the starting plan
 * without one), as plan_build makes it; none while a warning sign holds. */
static void client_plan(const struct dash_client *c, const struct attention_facts *af, struct plan *p)
{
	struct profile prof;
	bool have = c->assessed[0] != '\0';
	if (have) {
		double a[AQ__COUNT];
		for (int q = 0; q < AQ__COUNT; q++)
			a[q] = ASSESS_SKIPPED;
		for (size_t k = 0; k < c->n_answers; k++) {
			int q = assess_find(c->answers[k].question);
			if (q >= 0)
				a[q] = c->answers[k].value;
		}
		int day = 0;
		day_parse(c->assessed, &day);
		profile_build(&prof, day, a);
	}
	bool screened = c->screening_level >= 0;
	bool allowed = !screened || c->screening_cleared ||
		       (c->screening_level < URG_DAYS && !c->screening_warning);
	struct plan_input in = { have ? &prof : NULL, NULL, screened, allowed, true, af->flare, -1,
				 false, false, af->course, false };
	plan_build(&in, p);
}

/* Is a session due on day d by plan p (a part with a routine or exercise, not the
 * posture breaks spread over the day)? */
static bool due_on(const struct plan *p, int d)
{
	size_t idx[PLAN_MAX_PARTS];
	size_t n = plan_due(p, d, idx);
	for (size_t i = 0; i < n; i++)
		if (!p->parts[idx[i]].all_day && !p->parts[idx[i]].add_on)
			return true;
	return false;
}

static void one_client(const struct app_ctx *ctx, int today, int first_day, const struct dash_client *c,
		       struct app_dash_client *out)
{
	memset(out, 0, sizeof(*out));
	out->facts = c;
	struct session_row *ss = xcalloc(c->n_sessions + 1, sizeof(*ss));
	struct attention_facts af = { .today = today, .screening_level = c->screening_level,
				      .screening_warning = c->screening_warning,
				      .screening_cleared = c->screening_cleared, .stopped_day = -1,
				      .last_session_day = -1 };
	af.screening_day = c->screening_ms ? tz_day_of_ms(ctx->tz, c->screening_ms) : -1;
	af.linked_day = tz_day_of_ms(ctx->tz, c->linked_ms);
	for (size_t i = 0; i < c->n_sessions; i++) {
		const struct dash_session *x = &c->sessions[i];
		ss[i].started_ms = x->started_ms;
		ss[i].status = x->status;
		ss[i].exercises_done = x->exercises_done;
		int why = attention_stop_why(x->warning, x->max_pain);
		if (why) {
			af.stopped_day = tz_day_of_ms(ctx->tz, x->started_ms);
			af.stopped_why = why;
		}
	}
	if (c->last_session_ms) {
		af.last_session_day = tz_day_of_ms(ctx->tz, c->last_session_ms);
		out->days_since_session = today - af.last_session_day;
	} else {
		out->days_since_session = -1;
	}
	struct day *days = NULL;
	size_t nd = 0;
	app_days_fold(c->checkins, c->n_checkins, ss, c->n_sessions, ctx->tz, &days, &nd);
	free(ss);
	af.flare = plan_flare(days, nd, today);
	af.course = stats_course(days, nd, today);
	out->change = stats_change(days, nd, today);
	out->course = af.course;
	attention_judge(&af, &out->att);

	for (int k = 0; k < DASH_SERIES; k++)
		for (int i = 0; i < DASH_DAYS; i++)
			out->pain[k][i] = STATS_NO_VALUE;
	for (size_t i = stats_day_index(days, nd, first_day); i < nd && days[i].day <= today; i++) {
		int at = days[i].day - first_day;
		for (int k = 0; k < DASH_SERIES; k++) {
			double v = k ? days[i].region[k - 1] : days[i].pain;
			out->pain[k][at] = v;
			if (v >= 0)
				out->rated[k] = true;
		}
	}

	struct plan p;
	client_plan(c, &af, &p);
	out->paused = !p.allowed;
	for (size_t i = 0; i < p.n_parts; i++)
		if (!p.parts[i].all_day && !p.parts[i].add_on)
			out->has_plan = true;
	for (int d = today - 29; d <= today; d++) {
		if (d < af.linked_day)
			continue;
		size_t k = stats_day_index(days, nd, d);
		bool done = k < nd && days[k].day == d && days[k].session;
		bool due = due_on(&p, d);
		out->done30 += done;
		out->due30 += due;
		if (d > today - 7) {
			out->done7 += done;
			out->due7 += due;
		}
	}
	free(days);
}

static int by_attention(const void *a, const void *b)
{
	const struct app_dash_client *x = a, *y = b;
	int c = attention_cmp(&x->att, &y->att);
	if (c)
		return c;
	c = strcmp(x->facts->display_name, y->facts->display_name);
	if (c)
		return c;
	return x->facts->id < y->facts->id ? -1 : x->facts->id > y->facts->id;
}

int app_dashboard(const struct app_ctx *ctx, struct app_dashboard *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct store *st = ctx->store;
	struct account_row me;
	bool found = false;
	if (st->ops->account_get(st, st->person, NULL, &me, &found, err))
		return -1;
	bool trainer = found && me.role == ROLE_TRAINER && !me.disabled_ms;
	if (found)
		account_row_release(&me);
	if (!trainer)
		return 1;
	out->today = app_today(ctx);
	out->first_day = out->today - (DASH_DAYS - 1);
	/* the flare-up needs the 7 days before the window's first */
	int from_day = out->first_day - 7;
	char from[11];
	day_format(from_day, from);
	if (st->ops->dashboard_facts(st, from, tz_day_start_ms(ctx->tz, from_day), &out->facts, &out->n_facts, err))
		return -1;
	/* each client's audit log says the trainer saw them here, before anything is
	 * shown: a line that cannot be written shows nothing */
	int64_t *ids = xcalloc(out->n_facts + 1, sizeof(*ids));
	for (size_t i = 0; i < out->n_facts; i++)
		ids[i] = out->facts[i].id;
	int audited = out->n_facts ? app_audit_many(ctx, st->person, ids, out->n_facts, AUDIT_DASHBOARD, err) : 0;
	free(ids);
	if (audited) {
		store_dash_free(out->facts, out->n_facts);
		out->facts = NULL;
		out->n_facts = 0;
		return -1;
	}
	out->clients = xcalloc(out->n_facts + 1, sizeof(*out->clients));
	for (size_t i = 0; i < out->n_facts; i++)
		one_client(ctx, out->today, out->first_day, &out->facts[i], &out->clients[i]);
	out->n = out->n_facts;
	qsort(out->clients, out->n, sizeof(*out->clients), by_attention);
	return 0;
}

void app_dashboard_release(struct app_dashboard *d)
{
	store_dash_free(d->facts, d->n_facts);
	free(d->clients);
	memset(d, 0, sizeof(*d));
}
