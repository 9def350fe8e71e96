/* test_session_start.c: the session's own records around a start (app/session-start.c)
 * on a real store with a fixed clock and zone: a new session opened; the unfinished one
 * found where it stopped (first exercise not recorded, its sets), declined into stopped;
 * one with every exercise recorded closed as finished at its last exercise's time; one
 * ended for a warning sign marked as never to resume; a session's exercises tallied
 * (a dizziness stop is not a pain stop); one session lock at a time; a session whose
 * engine finished stored as finished at once, before the pain-after question; a web
 * player's session known as one, running in the browser while its last step is recent; a
 * terminal's session seen from the web player, ended from there only once quiet. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/session-log.h"
#include "app/session-start.h"
#include "app/web-session.h"
#include "core/mem.h"
#include "sim.h"
#include <stdlib.h>
#include <string.h>

#include "app-fx.h"
#include "zones.h"

static const char *FIXTURE =
	"exercises:\n"
	"  - {id: lift, name: Lift, category: activation, purpose: Back., steps: [Lie down.], cautions: [Go easy.]}\n"
	"  - {id: tuck, name: Tuck, category: posture, purpose: Chin back., steps: [Tuck.], cautions: [Gently.]}\n"
	"routines:\n"
	"  - {id: act, name: Activation, description: Test., module: activation,\n"
	"     items: [{exercise: lift, reps: 4-8, sets: 2}, {exercise: tuck, reps: 4}]}\n";

static const int64_t T0 = 20600LL * 86400000 + 8 * 3600000LL;

struct world {
	struct fx_world *fw;
	struct app_ctx ctx;
	const struct routine *r;
};

static struct world *world(void **state)
{
	static struct world w;
	w.fw = fx_world(state, FIXTURE, zone_berlin(), T0);
	w.ctx = w.fw->ctx;
	w.r = catalog_routine(&w.fw->cat, "act");
	assert_non_null(w.r);
	return &w;
}

static void add_exercise(struct world *w, int64_t id, int item, enum exercise_status st, int64_t at)
{
	struct strbuf err = STRBUF_INIT;
	struct exercise_row ex = { item, (char *)w->r->items[item].exercise, st, 4, 30000, at };
	assert_int_equal(w->ctx.store->ops->exercise_add(w->ctx.store, id, &ex, &err), 0);
	strbuf_release(&err);
}

static enum session_status status_of(struct world *w, int64_t id, int64_t *ended)
{
	struct session_row *s = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(w->ctx.store->ops->sessions_list(w->ctx.store, &s, &n, &err), 0);
	enum session_status st = SESSION_RUNNING;
	for (size_t i = 0; i < n; i++)
		if (s[i].id == id) {
			st = s[i].status;
			*ended = s[i].ended_ms;
		}
	store_sessions_free(s, n);
	strbuf_release(&err);
	return st;
}

static void test_resume_point_and_decline(void **state)
{
	struct world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	struct app_unfinished u;
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_false(u.found);
	int64_t id = 0;
	assert_int_equal(app_session_open(&w->ctx, w->r, 0, 3, "timed", &id, &err), 0);
	assert_true(id > 0);
	/* the first exercise done, one set of nothing after it: resume at the second */
	add_exercise(w, id, 0, EX_DONE, T0 + 60000);
	struct set_row set = { 1, (char *)"tuck", 1, (char *)"", 4, 4, 0, T0 + 90000 };
	assert_int_equal(w->ctx.store->ops->set_add(w->ctx.store, id, &set, &err), 0);
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_true(u.found);
	assert_false(u.closed);
	assert_int_equal(u.id, id);
	assert_ptr_equal(u.routine, w->r);
	assert_int_equal(u.item, 1);
	assert_int_equal(u.units, 1);
	assert_int_equal(u.pain_before, 3);
	assert_int_equal(u.stopped, 0);
	/* reopened: the same session runs again */
	int64_t again = 0;
	assert_int_equal(app_session_open(&w->ctx, w->r, id, -1, "content", &again, &err), 0);
	assert_int_equal(again, id);
	/* declined: stopped at now, and not offered again */
	w->ctx.now_ms = T0 + 3600000;
	assert_int_equal(app_session_decline(&w->ctx, id, &err), 0);
	int64_t ended = 0;
	assert_int_equal(status_of(w, id, &ended), SESSION_STOPPED);
	assert_int_equal(ended, T0 + 3600000);
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_false(u.found);
	strbuf_release(&err);
}

static void test_all_recorded_is_closed(void **state)
{
	struct world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	int64_t id = 0;
	assert_int_equal(app_session_open(&w->ctx, w->r, 0, 2, "content", &id, &err), 0);
	add_exercise(w, id, 0, EX_DONE, T0 + 60000);
	add_exercise(w, id, 1, EX_SKIPPED, T0 + 120000);
	w->ctx.now_ms = T0 + 86400000;
	struct app_unfinished u;
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_false(u.found);
	assert_true(u.closed);
	int64_t ended = 0;
	assert_int_equal(status_of(w, id, &ended), SESSION_FINISHED);
	assert_int_equal(ended, T0 + 120000); /* its last exercise, not the next day */
	strbuf_release(&err);
}

static void test_safety_stop_and_tally(void **state)
{
	struct world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	int64_t id = 0;
	assert_int_equal(app_session_open(&w->ctx, w->r, 0, 2, "content", &id, &err), 0);
	add_exercise(w, id, 0, EX_STOPPED, T0 + 60000);
	struct pain_row p = { 0, (char *)"lift", -1, (char *)"stopped", T0 + 60000 };
	assert_int_equal(w->ctx.store->ops->pain_add(w->ctx.store, id, &p, &err), 0);
	struct app_unfinished u;
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_true(u.found);
	assert_int_equal(u.stopped, 1);
	struct app_session_tally t;
	assert_int_equal(app_session_tally(&w->ctx, id, &t, &err), 0);
	assert_int_equal(t.done, 0);
	assert_int_equal(t.for_warning, 1);
	assert_int_equal(t.for_pain, 0);
	add_exercise(w, id, 1, EX_STOPPED, T0 + 90000); /* no warning sign with it: pain */
	assert_int_equal(app_session_tally(&w->ctx, id, &t, &err), 0);
	assert_int_equal(t.for_warning, 1);
	assert_int_equal(t.for_pain, 1);
	strbuf_release(&err);
}

/* Issue 19.5: a whole session run by the engine, each effect saved by the session log as
 * the player saves it, then killed at the pain-after question (app_session_end() never
 * called): it is finished already, at the engine's end, with the pain after unknown; no
 * start has to close it, and none offers to resume it after its last exercise. */
static void test_killed_at_pain_after(void **state)
{
	struct world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	int64_t id = 0;
	assert_int_equal(app_session_open(&w->ctx, w->r, 0, 2, "content", &id, &err), 0);
	struct app_session_log log;
	app_session_log_init(&log, w->ctx.store, w->r->id, id);
	struct engine e;
	struct engine_opts opt = { PACE_DEFAULT, 2, 0, 0, NULL, true, &SIM_PASS };
	assert_int_equal(engine_init(&e, &w->fw->cat, w->r, &opt, 0), 0);
	int64_t t = 0, end_ms = 0;
	for (int steps = 0; e.state != ENGINE_DONE && steps < 10000; steps++) {
		struct input in = { IN_TICK, engine_deadline(&e), 0 };
		if (e.state == ENGINE_ASK)
			in = (struct input){ IN_FEEL, t + 1000, FEEL_RIGHT };
		assert_true(in.now != ENGINE_NO_DEADLINE);
		t = in.now;
		engine_input(&e, in);
		w->ctx.now_ms = T0 + t;
		for (size_t i = 0; i < e.n_fx; i++) {
			assert_int_equal(app_session_log_effect(&w->ctx, &log, &e.fx[i], app_today(&w->ctx)), 0);
			if (e.fx[i].kind == FX_SESSION_END)
				end_ms = T0 + t;
		}
	}
	assert_true(end_ms > T0);
	engine_release(&e);
	app_session_log_release(&log);
	/* killed here: the next day, nothing to resume and nothing left to close */
	int64_t ended = 0;
	assert_int_equal(status_of(w, id, &ended), SESSION_FINISHED);
	assert_int_equal(ended, end_ms);
	w->ctx.now_ms = T0 + 86400000;
	struct app_unfinished u;
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_false(u.found);
	assert_false(u.closed);
	struct app_session_tally n;
	assert_int_equal(app_session_tally(&w->ctx, id, &n, &err), 0);
	assert_int_equal(n.done, 2);
	strbuf_release(&err);
}

/* Issue 17: the terminal's start must know a session the web player runs, to neither
 * resume it nor end it while it runs there; its last step says whether it does. */
static void test_web_session_running_in_browser(void **state)
{
	struct world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	struct app_web_start ws = { "web-test-0001", "act", "pass-test-0001", T0, 2 };
	int64_t id = 0;
	assert_int_equal(app_web_session(&w->ctx, &ws, &id, &err), 0);
	struct set_row set = { 0, (char *)"lift", 1, (char *)"", 4, 4, 20000, T0 + 90000 };
	assert_int_equal(w->ctx.store->ops->set_add(w->ctx.store, id, &set, &err), 0);
	struct app_unfinished u;
	w->ctx.now_ms = T0 + 600000;
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_true(u.found);
	assert_int_equal(u.id, id);
	assert_true(u.web);
	assert_true(u.in_browser);
	assert_int_equal(u.last_ms, T0 + 90000);
	/* its last step two hours ago: left there, not running */
	w->ctx.now_ms = T0 + 90000 + APP_WEB_LIVE_MS;
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_true(u.found && u.web);
	assert_false(u.in_browser);
	/* a terminal session is not a web one */
	int64_t own = 0;
	assert_int_equal(app_session_open(&w->ctx, w->r, 0, 2, "content", &own, &err), 0);
	assert_int_equal(app_session_unfinished(&w->ctx, &u, &err), 0);
	assert_int_equal(u.id, own);
	assert_false(u.web);
	assert_false(u.in_browser);
	strbuf_release(&err);
}

static bool alive(const char *id, void *ctx)
{
	(void)ctx;
	return id && strcmp(id, "gone") != 0;
}

/* Issue 17, the other way: a start in the web player sees a session a program runs (it
 * holds the session lock), and may end it only once it has been quiet APP_WEB_LIVE_MS. */
static void test_terminal_session_seen_from_the_browser(void **state)
{
	struct world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	struct app_running run;
	/* nobody holds the lock: nothing runs, and the look leaves it free */
	assert_int_equal(app_session_running(&w->ctx, alive, NULL, false, &run, &err), 0);
	assert_false(run.running);
	struct store_holder term = { "run-t", alive, NULL };
	char *held = NULL;
	assert_int_equal(app_session_lock(&w->ctx, &term, &held, &err), 0);
	/* held while it is still at its questions: running, nothing to end */
	assert_int_equal(app_session_running(&w->ctx, alive, NULL, true, &run, &err), 0);
	assert_true(run.running);
	assert_int_equal(run.id, 0);
	assert_false(run.can_end);
	int64_t id = 0;
	assert_int_equal(app_session_open(&w->ctx, w->r, 0, 2, "content", &id, &err), 0);
	add_exercise(w, id, 0, EX_DONE, T0 + 60000);
	w->ctx.now_ms = T0 + 60000 + APP_WEB_LIVE_MS - 1;
	assert_int_equal(app_session_running(&w->ctx, alive, NULL, true, &run, &err), 0);
	assert_true(run.running);
	assert_false(run.can_end);
	assert_false(run.ended);
	assert_int_equal(run.id, id);
	assert_ptr_equal(run.routine, w->r);
	assert_int_equal(run.last_ms, T0 + 60000);
	int64_t ended = 0;
	assert_int_equal(status_of(w, id, &ended), SESSION_RUNNING);
	/* quiet long enough: may be ended, only when asked */
	w->ctx.now_ms = T0 + 60000 + APP_WEB_LIVE_MS;
	assert_int_equal(app_session_running(&w->ctx, alive, NULL, false, &run, &err), 0);
	assert_true(run.running && run.can_end && !run.ended);
	assert_int_equal(status_of(w, id, &ended), SESSION_RUNNING);
	assert_int_equal(app_session_running(&w->ctx, alive, NULL, true, &run, &err), 0);
	assert_false(run.running);
	assert_true(run.ended);
	assert_int_equal(status_of(w, id, &ended), SESSION_STOPPED);
	assert_int_equal(ended, T0 + 60000);
	/* the lock is free again */
	struct store_holder other = { "run-o", alive, NULL };
	assert_int_equal(app_session_lock(&w->ctx, &other, &held, &err), 0);
	/* a holder whose run has ended holds nothing */
	assert_int_equal(app_session_unlock(&w->ctx, "run-o", &err), 0);
	struct store_holder gone = { "gone", alive, NULL };
	assert_int_equal(app_session_lock(&w->ctx, &gone, &held, &err), 0);
	assert_int_equal(app_session_running(&w->ctx, alive, NULL, false, &run, &err), 0);
	assert_false(run.running);
	assert_int_equal(app_session_lock(&w->ctx, &other, &held, &err), 0);
	free(held);
	strbuf_release(&err);
}

static void test_one_lock(void **state)
{
	struct world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	struct store_holder a = { "run-a", alive, NULL }, b = { "run-b", alive, NULL };
	char *held = NULL;
	assert_int_equal(app_session_lock(&w->ctx, &a, &held, &err), 0);
	assert_int_equal(app_session_lock(&w->ctx, &b, &held, &err), 1);
	assert_string_equal(held, "run-a");
	free(held);
	held = NULL;
	assert_int_equal(app_session_unlock(&w->ctx, "run-a", &err), 0);
	assert_int_equal(app_session_lock(&w->ctx, &b, &held, &err), 0);
	assert_int_equal(app_session_unlock(&w->ctx, "run-b", &err), 0);
	free(held);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_resume_point_and_decline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_recorded_is_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_safety_stop_and_tally, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_killed_at_pain_after, setup, teardown),
		cmocka_unit_test_setup_teardown(test_web_session_running_in_browser, setup, teardown),
		cmocka_unit_test_setup_teardown(test_terminal_session_seen_from_the_browser, setup, teardown),
	};
	return cmocka_run_group_tests_name("session start", tests, NULL, NULL);
}
