/* test_today.c: the today and check-in use cases (app/today.c, app/checkin.c) on a real
 * store with a fixed clock and zone: what to do now follows the safety gate (first run,
 * a warning sign that pauses exercise and says who to see, a new place of pain that asks
 * the screen again), done and skipped today, the last check-in; a check-in's day and
 * values checked with nothing stored on a refusal, back-filling, one a day for the web
 * (a repeat stores nothing, another is refused), every one for the command line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/checkin.h"
#include "app/safety.h"
#include "app/today.h"
#include "core/mem.h"
#include "sim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-fx.h"
#include "zones.h"

static const char *FIXTURE =
	"exercises:\n"
	"  - {id: lift, name: Lift, category: activation, purpose: Back., steps: [Lie down.], cautions: [Go easy.]}\n"
	"  - {id: tuck, name: Tuck, category: posture, purpose: Chin back., steps: [Tuck.], cautions: [Gently.],\n"
	"     dose: {reps: 4}}\n"
	"routines:\n"
	"  - {id: act, name: Activation, description: Test., module: activation, items: [{exercise: lift, reps: 4-8}]}\n"
	"  - {id: breaks, name: Breaks, description: Test., module: posture-break, items: [{exercise: tuck}]}\n"
	"screening:\n"
	"  - {id: q-heart, group: heart, ask: Heart?, urgency: emergency}\n"
	"  - {id: q-dizzy, group: neck, ask: Dizzy?, urgency: days, neck: true}\n";

static const int64_t DAY = 24LL * 3600 * 1000;
static const int TODAY = 20500;
static const int64_t T0 = 20500LL * 24 * 3600 * 1000 + 9 * 3600 * 1000; /* 09:00 UTC */

struct world {
	struct catalog cat;
	struct tz tz;
	struct app_ctx ctx;
};

static struct world *world(void **state, int64_t now)
{
	struct fx *f = *state;
	static struct world w;
	static bool loaded;
	if (!loaded) {
		sim_catalog(&w.cat, FIXTURE);
		loaded = true;
	}
	w.tz = tz_fixed(0);
	w.ctx = (struct app_ctx){ f->s, &w.cat, now, &w.tz };
	return &w;
}

static void screen_all_no(struct app_ctx *c)
{
	struct screen_answer a[] = { { "q-heart", false }, { "q-dizzy", false } };
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_screen_save(c, a, 2, NULL, &err), 0);
	strbuf_release(&err);
}

static size_t stored(struct app_ctx *c)
{
	struct checkin *v = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(c->store->ops->checkins_list(c->store, &v, &n, &err), 0);
	store_checkins_free(v, n);
	strbuf_release(&err);
	return n;
}

static struct app_checkin_result record(struct app_ctx *c, const struct checkin *in, bool once, struct strbuf *err)
{
	struct app_checkin_request rq = { *in, once };
	struct app_checkin_result r;
	strbuf_reset(err);
	assert_int_equal(app_checkin_record(c, &rq, &r, err), 0);
	return r;
}

/* A new person: the safety questions come first, nothing is done, no check-in yet. */
static void test_first_run_screen_first(void **state)
{
	struct world *w = world(state, T0);
	struct app_today t;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_today_load(&w->ctx, &t, &err), 0);
	assert_int_equal(t.today, TODAY);
	assert_false(t.safety.s.screened);
	assert_int_equal(t.next, NEXT_SCREEN);
	/* the day says that exercise waits for the questions, and only the day says it:
	 * not a rest day, no parts listed, no second word about it in the plan's note */
	assert_int_equal(t.day, DAY_WAITS_SCREEN);
	assert_non_null(strstr(t.day_text, "Exercise waits until you have answered the safety questions"));
	assert_null(strstr(t.day_text, "rest day"));
	assert_null(strstr(t.plan.note.words, "safety questions")); /* words only: no numbers in it */
	assert_int_equal(t.n_done, 0);
	assert_int_equal(t.last_day, -1);
	assert_false(t.has_last);
	assert_false(t.checked_in_today);
	app_today_release(&t);
	strbuf_release(&err);
}

/* Screened: today's sessions are counted (done and skipped), the last check-in is the
 * newest, and an all-done day is not a reason to start again. */
static void test_done_and_last_checkin(void **state)
{
	struct world *w = world(state, T0);
	struct fx *f = *state;
	struct strbuf err = STRBUF_INIT;
	screen_all_no(&w->ctx);
	fx_session(f, "act", T0 - DAY, 10, 2, 2);       /* yesterday: not today's */
	fx_session(f, "act", T0 + 60000, 10, 2, 1);      /* today */
	fx_checkin(f, TODAY - 3, T0 - 3 * DAY, 6);
	fx_checkin(f, TODAY - 1, T0 - DAY, 4);
	w->ctx.now_ms = T0 + 3600000;
	struct app_today t;
	assert_int_equal(app_today_load(&w->ctx, &t, &err), 0);
	assert_int_equal(t.n_done, 1);
	assert_true(t.day == DAY_PLANNED || t.day == DAY_REST); /* screened: the questions are not in the way */
	assert_true(t.day == DAY_PLANNED ? !t.day_text : !!strstr(t.day_text, "rest day"));
	assert_string_equal(t.done[0].routine, "act");
	assert_string_equal(t.done[0].name, "Activation");
	assert_true(t.done[0].finished);
	assert_int_equal(t.exercises_done, 1); /* fx_session does one exercise */
	assert_int_equal(t.last_day, TODAY - 1);
	assert_true(t.last_pain > 3.9 && t.last_pain < 4.1);
	assert_true(t.has_last);
	assert_string_equal(t.last.date, "2026-02-15");
	assert_false(t.checked_in_today);
	assert_int_not_equal(t.next, NEXT_SCREEN);
	assert_int_not_equal(t.next, NEXT_SEE_SOMEONE);
	app_today_release(&t);
	strbuf_release(&err);
}

/* A warning sign during exercise pauses it: what to do now is to see someone, and the
 * advice says who; no routine is offered. */
static void test_warning_sign_blocks_and_names_who(void **state)
{
	struct world *w = world(state, T0);
	struct strbuf err = STRBUF_INIT;
	screen_all_no(&w->ctx);
	w->ctx.now_ms = T0 + 1000;
	assert_int_equal(app_record_warning(&w->ctx, &err), 0);
	w->ctx.now_ms = T0 + 2000;
	struct app_today t;
	assert_int_equal(app_today_load(&w->ctx, &t, &err), 0);
	assert_false(t.safety.s.allowed);
	assert_null(t.next_routine);
	assert_true(t.next == NEXT_SEE_SOMEONE || t.next == NEXT_SCREEN);
	if (t.next == NEXT_SEE_SOMEONE)
		assert_non_null(t.safety.s.advice);
	else
		assert_true(t.gate_asked && t.gate.reason[0]);
	app_today_release(&t);
	strbuf_release(&err);
}

/* The day: today by default, a missed day back-filled, the future and a non-date refused
 * naming "date"; a value out of range refused naming it; nothing stored on a refusal. */
static void test_checkin_day_and_values(void **state)
{
	struct world *w = world(state, T0);
	struct strbuf err = STRBUF_INIT;
	struct checkin c;
	checkin_init(&c);
	c.pain = 3;
	c.region[REG_NECK] = 5;
	struct app_checkin_result r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_SAVED);
	assert_string_equal(r.saved.date, "2026-02-16");
	assert_int_equal(r.day, TODAY);
	assert_int_equal(r.saved.at_ms, T0);
	snprintf(c.date, sizeof(c.date), "2026-02-09");
	r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_SAVED);
	assert_int_equal(r.day, TODAY - 7);
	assert_int_equal(stored(&w->ctx), 2);
	snprintf(c.date, sizeof(c.date), "2026-02-17");
	r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_REFUSED);
	assert_string_equal(r.field, "date");
	assert_non_null(strstr(err.buf, "future"));
	snprintf(c.date, sizeof(c.date), "2026-02-30");
	r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_REFUSED);
	assert_string_equal(r.field, "date");
	c.date[0] = '\0';
	c.pain = 11;
	r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_REFUSED);
	assert_string_equal(r.field, "pain");
	c.pain = 2;
	c.region[REG_CHEST] = -5;
	r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_REFUSED);
	assert_string_equal(r.field, "chest");
	checkin_init(&c);
	r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_REFUSED);
	assert_null(r.field);
	assert_int_equal(stored(&w->ctx), 2);
	strbuf_release(&err);
}

/* One a day for the web: the same values again store nothing (a retry), other values
 * are refused; the command line keeps every one. */
static void test_checkin_once_per_day(void **state)
{
	struct world *w = world(state, T0);
	struct strbuf err = STRBUF_INIT;
	struct checkin c;
	checkin_init(&c);
	c.pain = 3;
	c.note = (char *)"after the meeting";
	assert_int_equal(record(&w->ctx, &c, true, &err).outcome, APP_CHECKIN_SAVED);
	w->ctx.now_ms = T0 + 5000;
	struct app_checkin_result r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_REPEAT);
	assert_int_equal(r.saved.at_ms, T0); /* the stored one */
	assert_int_equal(stored(&w->ctx), 1);
	c.pain = 6;
	r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_EXISTS);
	assert_int_equal(r.saved.pain, 3);
	assert_int_equal(stored(&w->ctx), 1);
	/* the command line's way: a second one is kept */
	assert_int_equal(record(&w->ctx, &c, false, &err).outcome, APP_CHECKIN_SAVED);
	assert_int_equal(stored(&w->ctx), 2);
	strbuf_release(&err);
}

/* After a screen, pain in a new place makes exercise wait for the screen again, and the
 * check-in's result says so with the gate's reason; Today then asks the screen. */
static void test_checkin_new_place_asks_screen(void **state)
{
	struct world *w = world(state, T0);
	struct strbuf err = STRBUF_INIT;
	screen_all_no(&w->ctx);
	w->ctx.now_ms = T0 + 60000;
	struct checkin c;
	checkin_init(&c);
	c.pain = 3;
	c.region[REG_CHEST] = 7;
	struct app_checkin_result r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_SAVED);
	assert_true(r.must_screen != 0);
	assert_true(r.reason[0]);
	assert_false(r.high_pain);
	struct app_today t;
	assert_int_equal(app_today_load(&w->ctx, &t, &err), 0);
	assert_int_equal(t.next, NEXT_SCREEN);
	assert_true(t.gate_asked);
	assert_true(t.checked_in_today);
	app_today_release(&t);
	strbuf_release(&err);
}

/* The day of a check-in is the person's: at 11:20 UTC it is already tomorrow on the
 * Chatham Islands (+12:45), and a date of "tomorrow" in UTC is today there. */
static void test_checkin_zone(void **state)
{
	struct world *w = world(state, ZDAY(20600) + ZHM(11, 20));
	struct tz z = zone_chatham();
	w->ctx.tz = &z;
	struct strbuf err = STRBUF_INIT;
	struct checkin c;
	checkin_init(&c);
	c.stress = 4;
	struct app_checkin_result r = record(&w->ctx, &c, true, &err);
	assert_int_equal(r.outcome, APP_CHECKIN_SAVED);
	assert_int_equal(r.day, 20601);
	char d[11];
	day_format(20601, d);
	assert_string_equal(r.saved.date, d);
	struct checkin *v = NULL;
	size_t n = 0;
	assert_int_equal(app_checkins_range(&w->ctx, 20601, 20601, &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].stress, 4);
	store_checkins_free(v, n);
	assert_int_equal(app_checkins_range(&w->ctx, 20590, 20600, &v, &n, &err), 0);
	assert_int_equal(n, 0);
	store_checkins_free(v, n);
	strbuf_release(&err);
}

/* A check-in is owed after yesterday's session that raised the pain, however early
 * yesterday it began: the sessions the day reads (app/today.c: the last three days)
 * reach back to the first minutes of yesterday, also when yesterday was the 25-hour day
 * the clocks go back and its first minutes are more than two days ago. */
static void test_checkin_owed_at_range_edge(void **state)
{
	struct tz z = zone_berlin();
	const int today = OCT25_2026 + 1;
	struct world *w = world(state, zone_at(&z, OCT25_2026 - 1, 12, 0));
	w->ctx.tz = &z;
	struct fx *f = *state;
	struct strbuf err = STRBUF_INIT;
	screen_all_no(&w->ctx);
	int64_t start = zone_at(&z, OCT25_2026, 0, 5);
	fx_session(f, "act", start, 10, 2, 6); /* the pain rose from 2 to 6 */
	fx_session(f, "act", start - 3 * DAY, 10, 2, 2);
	w->ctx.now_ms = zone_at(&z, today, 23, 55);
	assert_true(w->ctx.now_ms - start > 2 * DAY); /* a range of two days would miss it */
	struct app_today t;
	assert_int_equal(app_today_load(&w->ctx, &t, &err), 0);
	assert_int_equal(t.today, today);
	assert_true(t.checkin_owed);
	assert_int_equal(t.next, NEXT_CHECKIN);
	app_today_release(&t);
	/* a check-in since: owed no more */
	fx_checkin(f, today, w->ctx.now_ms - 60000, 3);
	assert_int_equal(app_today_load(&w->ctx, &t, &err), 0);
	assert_false(t.checkin_owed);
	app_today_release(&t);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_run_screen_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_done_and_last_checkin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warning_sign_blocks_and_names_who, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkin_day_and_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkin_once_per_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkin_new_place_asks_screen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkin_zone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkin_owed_at_range_edge, setup, teardown),
	};
	return cmocka_run_group_tests_name("today", tests, NULL, NULL);
}
