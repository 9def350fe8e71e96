/* today.c: the today screen's facts worked out once for every front end (see today.h). */
#include "app/today.h"
#include "app/days.h"
#include "app/gate.h"
#include "app/plan-data.h"
#include "app/session.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

#define ACTIVATION_ROUTINE "upper-back-activation" /* the routine whose doses adapt (as cli.h) */
/* The sessions read: those started in the last three days. The day needs today's (done,
 * what is next) and the last finished one only when it was today or yesterday (a
 * check-in owed, app_checkin_owed); three days hold both in any time zone. */
#define TODAY_SESSIONS_MS (3 * 24 * 3600 * 1000LL)

const char *const today_next_names[] = { "see-someone", "screen", "checkin", "session", "rest", NULL };

/* The routine due today that has no finished session today yet, or NULL. */
static const char *next_due(const struct app_ctx *ctx, const struct app_today *t)
{
	size_t idx[PLAN_MAX_PARTS];
	size_t n = plan_due(&t->plan, t->today, idx);
	for (size_t i = 0; i < n; i++) {
		const struct plan_part *pt = &t->plan.parts[idx[i]];
		if (!pt->routine || pt->all_day || pt->add_on)
			continue;
		bool done = false;
		for (size_t k = 0; k < t->n_sessions; k++)
			done |= t->sessions[k].status == SESSION_FINISHED &&
				tz_day_of_ms(ctx->tz, t->sessions[k].started_ms) == t->today &&
				!strcmp(t->sessions[k].routine_id, pt->routine);
		if (!done)
			return pt->routine;
	}
	return NULL;
}

/* One entry per routine with a session today that counts, in order of first start. */
static void sessions_today(const struct app_ctx *ctx, struct app_today *t)
{
	const struct session_row *s = t->sessions;
	for (size_t k = 0; k < t->n_sessions; k++) {
		if (tz_day_of_ms(ctx->tz, s[k].started_ms) != t->today)
			continue;
		t->exercises_done += s[k].exercises_done;
		t->exercises_skipped += s[k].exercises_skipped;
		if (!app_session_counts(&s[k]))
			continue;
		struct today_done *d = NULL;
		for (size_t j = 0; j < t->n_done && !d; j++)
			if (!strcmp(t->done[j].routine, s[k].routine_id))
				d = &t->done[j];
		if (!d) {
			if (t->n_done == TODAY_MAX_DONE)
				continue;
			d = &t->done[t->n_done++];
			const struct routine *r = catalog_routine(ctx->content, s[k].routine_id);
			*d = (struct today_done){ s[k].routine_id, r ? r->name : s[k].routine_id, false, 0, 0 };
		}
		d->finished |= s[k].status == SESSION_FINISHED;
		d->exercises_done += s[k].exercises_done;
		d->exercises_skipped += s[k].exercises_skipped;
	}
}

static void paused(const struct app_ctx *ctx, struct app_today *t)
{
	const struct routine *r = catalog_routine(ctx->content, ACTIVATION_ROUTINE);
	if (!r)
		return;
	struct dose_state *s = xcalloc(r->n_items + 1, sizeof(*s));
	struct strbuf err = STRBUF_INIT;
	if (!plan_doses(ctx->store, ctx->content, r, s, &err))
		for (size_t i = 0; i < r->n_items && t->n_paused < TODAY_MAX_PAUSED; i++) {
			if (!s[i].paused)
				continue;
			const struct exercise *e = catalog_exercise(ctx->content, s[i].exercise);
			t->paused[t->n_paused++] = (struct today_paused){ r->name, e ? e->id : r->items[i].exercise,
									  e ? e->name : r->items[i].exercise };
		}
	free(s);
	strbuf_release(&err);
}

/* The newest check-in and whether today has one, from every check-in (c, n: by date,
 * then time); the newest's note is taken over by the result. */
static void last_checkin(struct app_today *t, struct checkin *c, size_t n)
{
	char today[11];
	day_format(t->today, today);
	for (size_t i = 0; i < n; i++)
		t->checked_in_today |= !strcmp(c[i].date, today);
	if (n) {
		t->last = c[n - 1];
		c[n - 1].note = NULL; /* kept by the result */
		t->has_last = true;
	}
}

void app_pause_words(const struct safety_status *s, const char **what, const char **fine)
{
	*what = *fine = NULL;
	if (!s->screened || s->allowed)
		return;
	if (s->level >= URG_EMERGENCY) {
		*what = "Paused: every guided session and every exercise of the break reminders.";
		*fine = "Nothing else for now: follow the advice above first. Once you have been seen and are "
			"well, answer the safety questions again (unhunch screen).";
		return;
	}
	*what = "Paused: every guided session and the exercises of the break reminders, until a clinician's "
		"clearance is recorded (unhunch screen --clearance).";
	if (s->warning_open)
		*fine = "Still fine: sit tall and get up to move gently for a few minutes every hour; the break "
			"coach (unhunch breaks) keeps reminding you, without exercises. Slow, easy breathing is fine "
			"as long as it does not make you dizzy; sit or lie down if it does.";
	else
		*fine = "Still fine: sit tall and get up to move for a few minutes every hour; the break coach "
			"(unhunch breaks) keeps reminding you, without exercises. Slow breathing with a long breath "
			"out is fine whenever you want it, as long as it does not make you dizzy.";
}

int app_today_load(const struct app_ctx *ctx, struct app_today *t, struct strbuf *err)
{
	memset(t, 0, sizeof(*t));
	t->today = app_today(ctx);
	t->last_day = -1;
	t->last_pain = -1;
	struct store *st = ctx->store;
	/* read once and shared by the days, the safety status, the gate and the screen:
	 * every check-in (the safety rules and the flare-up look back over all of them),
	 * and only the sessions of the last days (all the day needs of them) */
	struct checkin *c = NULL;
	size_t nc = 0;
	if (st->ops->checkins_list(st, &c, &nc, err))
		return -1;
	int failed = st->ops->sessions_since(st, ctx->now_ms - TODAY_SESSIONS_MS, &t->sessions, &t->n_sessions, err);
	if (!failed) {
		app_days_fold(c, nc, t->sessions, t->n_sessions, ctx->tz, &t->days, &t->n_days);
		failed = plan_profiles(st, &t->profiles, &t->n_profiles, err) ||
			 app_safety_of(ctx, c, nc, t->days, t->n_days, &t->safety, err);
	}
	if (!failed)
		last_checkin(t, c, nc);
	store_checkins_free(c, nc);
	if (failed)
		return -1;
	/* the flare-up as the safety status worked it out (plan_flare on the same days and
	 * day), not a second pass over every day */
	const struct safety_status *ss = &t->safety.s;
	struct plan_input in = { t->n_profiles ? &t->profiles[t->n_profiles - 1] : NULL, ctx->content, ss->screened,
				 ss->allowed, ss->neck_ok, ss->flare, t->today,
				 ss->gentle, ss->screened && ss->must_screen,
				 stats_course(t->days, t->n_days, t->today), !ss->screened };
	plan_build(&in, &t->plan);
	plan_minutes_now(st, ctx->content, &t->plan);
	if (ss->screened && ss->must_screen && !(!ss->allowed && ss->advice)) {
		struct app_gate_request rq = { GATE_START, NULL, NULL, NULL, -1 };
		struct app_gate_result g;
		struct strbuf gerr = STRBUF_INIT;
		if (!app_gate_on(ctx, &rq, &t->safety, &g, &gerr)) {
			t->gate = g.v;
			t->gate_asked = true;
		}
		strbuf_release(&gerr);
	}
	t->checkin_owed = app_checkin_owed(ctx, t->sessions, t->n_sessions, t->days, t->n_days);
	paused(ctx, t);
	sessions_today(ctx, t);
	t->next_routine = ss->allowed ? next_due(ctx, t) : NULL;
	struct strbuf berr = STRBUF_INIT;
	t->breaks_ok = !app_breaks_count(ctx, &t->breaks, &berr);
	strbuf_release(&berr);
	for (size_t i = 0; i < t->n_days; i++)
		if (t->days[i].pain >= 0 && t->days[i].day <= t->today)
			t->last_day = t->days[i].day, t->last_pain = t->days[i].pain;
	size_t due[PLAN_MAX_PARTS];
	if (!ss->screened) {
		t->day = DAY_WAITS_SCREEN;
		t->day_text = "Exercise waits until you have answered the safety questions: a few yes/no questions "
			      "about warning signs that need a doctor instead of exercise.";
	} else if (!t->plan.allowed) {
		t->day = DAY_PAUSED;
		t->day_text = "Exercise is paused, so there is no session today.";
		app_pause_words(ss, &t->paused_what, &t->still_fine);
	} else if (!plan_due(&t->plan, t->today, due)) {
		t->day = DAY_REST;
		t->day_text = "Nothing planned: a rest day.";
	} else {
		t->day = DAY_PLANNED;
	}
	if (ss->screened && !ss->allowed && ss->advice)
		t->next = NEXT_SEE_SOMEONE;
	else if (!ss->screened || t->gate_asked)
		t->next = NEXT_SCREEN;
	else if (t->checkin_owed)
		t->next = NEXT_CHECKIN;
	else if (t->next_routine)
		t->next = NEXT_SESSION;
	else
		t->next = NEXT_REST;
	return 0;
}

void app_today_release(struct app_today *t)
{
	store_sessions_free(t->sessions, t->n_sessions);
	free(t->days);
	free(t->profiles);
	free(t->last.note);
	memset(t, 0, sizeof(*t));
}
