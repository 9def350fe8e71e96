/* test_plan_view.c: the plan use case (app/plan-view.c) on a real store with the shipped
 * content, a fixed clock and a fixed zone: a look at the plan judges the feedback that is
 * due and stores the decision once (a second look makes none), reads back every change
 * and the current dose of each item (moved, run as another exercise, coming back by
 * itself); feedback is recorded in order and says how many were saved before one was
 * refused; today, the parts due and the massages of the week follow the person's zone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/plan-view.h"
#include "app/plan-data.h"
#include "app/safety.h"
#include "core/mem.h"
#include "sim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-fx.h"
#include "zones.h"

#define ROUTINE "upper-back-activation"
static const int TODAY = 20600; /* 2026-05-28, a Thursday, summer time in Berlin */

static struct fx_world *world(void **state, int64_t now)
{
	return fx_world(state, NULL, zone_berlin(), now);
}

/* Every safety question answered no, so the plan holds exercise. */
static void screened(struct fx_world *w)
{
	struct screen_answer *a = xcalloc(w->cat.n_q + 1, sizeof(*a));
	for (size_t i = 0; i < w->cat.n_q; i++)
		a[i] = (struct screen_answer){ w->cat.q[i].id, false };
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_screen_save(&w->ctx, a, w->cat.n_q, NULL, &err), 0);
	free(a);
	strbuf_release(&err);
}

static const struct app_plan_dose *dose_of(const struct app_plan *v, const char *item)
{
	for (size_t i = 0; i < v->n_doses; i++)
		if (!strcmp(v->doses[i].routine->id, ROUTINE) && !strcmp(v->doses[i].item->exercise, item))
			return &v->doses[i];
	return NULL;
}

/* Superman hurt yesterday: the first look decides (a step down, stored), reads the change
 * back among every change, and shows superman's dose as moved; the second look decides
 * nothing and reads the same. */
static void test_look_decides_once(void **state)
{
	struct fx_world *w = world(state, 0);
	w->ctx.now_ms = zone_at(&w->tz, TODAY, 9, 0);
	struct strbuf err = STRBUF_INIT;
	screened(w);
	struct app_feedback fb[] = { { "superman", FEEL_HURT } };
	size_t saved = 9;
	w->ctx.now_ms -= 86400000;
	assert_int_equal(app_plan_feedback(&w->ctx, ROUTINE, fb, 1, 3, TODAY - 1, &saved, &err), 0);
	assert_int_equal(saved, 1);
	w->ctx.now_ms += 86400000;
	struct app_plan v;
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.today, TODAY);
	assert_int_equal(v.made, 1);
	assert_int_equal(v.n_changes, 1);
	assert_true(v.changes[0].id > v.made_after);
	assert_string_equal(v.changes[0].slot, "superman");
	assert_string_equal(v.changes[0].rule, "hurt");
	const struct app_plan_dose *d = dose_of(&v, "superman");
	assert_non_null(d);
	assert_true(d->moved);
	assert_non_null(d->own);
	assert_string_equal(d->own->id, "superman");
	/* the rest of the routine stays where it starts */
	const struct app_plan_dose *g = dose_of(&v, "glute-bridge");
	assert_non_null(g);
	assert_false(g->moved);
	assert_false(g->replaced);
	assert_false(g->now.paused);
	/* every item of the activation routine is there, once */
	const struct routine *r = catalog_routine(&w->cat, ROUTINE);
	size_t n = 0;
	for (size_t i = 0; i < v.n_doses; i++)
		n += v.doses[i].routine == r;
	assert_int_equal(n, r->n_items);
	int64_t id = v.changes[0].id;
	app_plan_release(&v);
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.made, 0);
	assert_int_equal(v.n_changes, 1);
	assert_int_equal(v.changes[0].id, id);
	assert_true(dose_of(&v, "superman")->moved);
	app_plan_release(&v);
	strbuf_release(&err);
}

/* Feedback for two exercises, the second not in the routine: the first is saved, the
 * second refused with why, and the count says so. */
static void test_feedback_in_order(void **state)
{
	struct fx_world *w = world(state, ZDAY(TODAY) + ZHM(8, 0));
	struct strbuf err = STRBUF_INIT;
	struct app_feedback fb[] = { { "glute-bridge", FEEL_EASY }, { "no-such-exercise", FEEL_EASY } };
	size_t saved = 9;
	assert_int_equal(app_plan_feedback(&w->ctx, ROUTINE, fb, 2, 1, TODAY, &saved, &err), -1);
	assert_int_equal(saved, 1);
	assert_non_null(strstr(err.buf, "no-such-exercise"));
	struct feedback_row *rows = NULL;
	size_t n = 0;
	strbuf_reset(&err);
	assert_int_equal(w->ctx.store->ops->feedback_list(w->ctx.store, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].exercise_id, "glute-bridge");
	assert_string_equal(rows[0].feeling, "easy");
	store_feedback_free(rows, n);
	strbuf_release(&err);
}

/* At 23:30 UTC it is already the next day in Berlin (+02:00 in summer): the plan's today,
 * what is due and a massage recorded on that local day follow the zone. */
static void test_today_in_the_zone(void **state)
{
	struct fx_world *w = world(state, ZDAY(TODAY - 1) + ZHM(23, 30));
	struct fx *f = *state;
	struct strbuf err = STRBUF_INIT;
	screened(w);
	struct checkin c;
	checkin_init(&c);
	day_format(TODAY, c.date);
	c.at_ms = w->ctx.now_ms;
	c.pain = 2;
	c.massage = 1;
	assert_int_equal(f->s->ops->checkin_add(f->s, &c, &f->err), 0);
	struct app_plan v;
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.today, TODAY);
	size_t idx[PLAN_MAX_PARTS];
	assert_int_equal(v.n_due, plan_due(&v.plan, TODAY, idx));
	assert_int_equal(v.n_massage_days, 1);
	assert_int_equal(v.massage_days[0], TODAY);
	app_plan_release(&v);
	/* the same instant in UTC is the day before */
	struct tz utc = tz_fixed(0);
	w->ctx.tz = &utc;
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.today, TODAY - 1);
	app_plan_release(&v);
	strbuf_release(&err);
}

/* Issue 19.1, the use case with a fixed clock: a different exercise is offered only at
 * the top of the bridge's own steps; plan_switch() refuses before that and stores
 * nothing, takes it when chosen at the top (stored as the person's own change), the plan
 * then lists the bridge as replaced and plan_back() returns it. */
static void test_switch_only_by_choice(void **state)
{
	struct fx_world *w = world(state, ZDAY(TODAY) + ZHM(8, 0));
	struct strbuf err = STRBUF_INIT, no = STRBUF_INIT;
	screened(w);
	/* at the start: refused, nothing stored */
	assert_int_equal(plan_switch(w->ctx.store, &w->cat, ROUTINE, "glute-bridge-march", TODAY, w->ctx.now_ms, &no,
				     &err), 1);
	assert_non_null(strstr(no.buf, "still has harder steps of its own"));
	strbuf_reset(&no);
	assert_int_equal(plan_switch(w->ctx.store, &w->cat, ROUTINE, "lateral-raise-band", TODAY, w->ctx.now_ms, &no,
				     &err), 1);
	assert_non_null(strstr(no.buf, "is not offered in place of any exercise"));
	strbuf_reset(&no);
	assert_int_equal(plan_switch(w->ctx.store, &w->cat, ROUTINE, "no-such", TODAY, w->ctx.now_ms, &no, &err), -1);
	assert_non_null(strstr(err.buf, "no exercise 'no-such'"));
	strbuf_reset(&err);
	struct app_plan v;
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.n_changes, 0);
	assert_null(dose_of(&v, "glute-bridge")->offer);
	app_plan_release(&v);
	/* the bridge climbed to its top earlier (as the dose rules store it) */
	struct plan_change_row row = { 0, "2026-05-20", w->ctx.now_ms - 8 * 86400000LL, 0, ROUTINE, "glute-bridge",
				       "progress", "two-good-and-easy", "glute-bridge-long-hold", "glute-bridge-loaded",
				       10, 10, 0, 0, false, "Two good sessions." };
	assert_int_equal(w->ctx.store->ops->plan_change_add(w->ctx.store, &row, &err), 0);
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	const struct app_plan_dose *d = dose_of(&v, "glute-bridge");
	assert_false(d->replaced);
	assert_non_null(d->offer);
	assert_string_equal(d->offer->id, "glute-bridge-march");
	app_plan_release(&v);
	/* chosen: stored as the person's own change, dated the day given */
	assert_int_equal(plan_switch(w->ctx.store, &w->cat, ROUTINE, "glute-bridge-march", TODAY, w->ctx.now_ms, &no,
				     &err), 0);
	assert_string_equal(no.buf, "");
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.made, 0);
	assert_int_equal(v.n_changes, 2);
	assert_string_equal(v.changes[1].rule, "switch-by-you");
	char today[11];
	day_format(TODAY, today);
	assert_string_equal(v.changes[1].date, today);
	assert_string_equal(v.changes[1].to_exercise, "glute-bridge-march");
	d = dose_of(&v, "glute-bridge");
	assert_true(d->replaced);
	assert_false(d->leads_back);
	assert_null(d->offer);
	assert_string_equal(d->runs_as->id, "glute-bridge-march");
	assert_int_equal(d->now.reps, 5);
	app_plan_release(&v);
	/* and back, at the bridge's starting dose */
	assert_int_equal(plan_back(w->ctx.store, &w->cat, ROUTINE, "glute-bridge", TODAY, w->ctx.now_ms, &err), 0);
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	d = dose_of(&v, "glute-bridge");
	assert_false(d->replaced);
	assert_string_equal(d->now.exercise, "glute-bridge");
	assert_int_equal(d->now.reps, 10);
	app_plan_release(&v);
	strbuf_release(&no);
	strbuf_release(&err);
}

/* Issue 19.6: a paper diary back-filled after today's session. Today's feedback waits for
 * tomorrow's check-in; the diary's two sessions (5 and 3 days ago, with their mornings)
 * do not wait behind it: they are judged now, in the order of their days (the first
 * felt easy once, the second makes two good sessions in a row, so the dose goes up),
 * each decision dated by its session, once; a later look adds nothing. */
static void test_paper_diary_after_today(void **state)
{
	struct fx_world *w = world(state, 0);
	struct fx *f = *state;
	int64_t now = zone_at(&w->tz, TODAY, 9, 0);
	w->ctx.now_ms = now - 3600000;
	struct strbuf err = STRBUF_INIT;
	screened(w);
	struct app_feedback fb[] = { { "v-raise", FEEL_EASY } }; /* 5 to 10 reps: up one */
	size_t saved;
	w->ctx.now_ms = now; /* today's session first, then the diary */
	assert_int_equal(app_plan_feedback(&w->ctx, ROUTINE, fb, 1, 1, TODAY, &saved, &err), 0);
	w->ctx.now_ms = now + 60000;
	assert_int_equal(app_plan_feedback(&w->ctx, ROUTINE, fb, 1, 1, TODAY - 5, &saved, &err), 0);
	w->ctx.now_ms = now + 120000;
	assert_int_equal(app_plan_feedback(&w->ctx, ROUTINE, fb, 1, 1, TODAY - 3, &saved, &err), 0);
	for (int d = TODAY - 12; d < TODAY; d++)
		fx_checkin(f, d, now + 180000, 2);
	w->ctx.now_ms = now + 240000;
	struct app_plan v;
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.made, 2);
	assert_int_equal(v.n_changes, 2);
	char d5[11], d3[11];
	day_format(TODAY - 5, d5);
	day_format(TODAY - 3, d3);
	assert_string_equal(v.changes[0].date, d5);
	assert_string_equal(v.changes[0].rule, "easy-once");
	assert_string_equal(v.changes[1].date, d3);
	assert_string_equal(v.changes[1].rule, "two-good-and-easy");
	assert_true(v.changes[1].to_reps > v.changes[1].from_reps);
	assert_true(v.changes[0].feedback_id != v.changes[1].feedback_id);
	app_plan_release(&v);
	/* today's waits for its morning; a second look decides and lists nothing new */
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.made, 0);
	assert_int_equal(v.n_changes, 2);
	app_plan_release(&v);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_look_decides_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feedback_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_today_in_the_zone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_switch_only_by_choice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paper_diary_after_today, setup, teardown),
	};
	return cmocka_run_group_tests_name("plan view", tests, NULL, NULL);
}
