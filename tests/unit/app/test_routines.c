/* test_routines.c: one length everywhere (issue 19.4). What `unhunch routines` prints for
 * the default routine (app_routines() in run_time_describe()'s words, read back) is what
 * a hands-free run of it takes: the engine, at the doses a start gives it
 * (app_session_ready()), driven on an injected clock with no key pressed but the "how
 * did it feel" answers, each given a second after it is asked, ends within 5 % of it;
 * so does a run where they are left to go on by themselves. The player's time left at
 * the start and the plan's minutes say the same. Checked before any records (the
 * content's doses) and after the plan moved doses up, on a real store with a fixed clock. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/plan-data.h"
#include "app/routines.h"
#include "app/session.h"
#include "core/mem.h"
#include "sim.h"
#include <stdlib.h>
#include <string.h>

#include "app-fx.h"
#include "zones.h"

#define ROUTINE "upper-back-activation" /* what `start` runs when nothing else is due */

static const int64_t T0 = 20600LL * 86400000 + 8 * 3600000LL;

/* Seconds as `routines` prints them for routine id: the TIME column, read back. */
static int printed_s(const struct app_ctx *ctx, const char *id)
{
	struct app_routine_time *rt = xcalloc(ctx->content->n_rt + 1, sizeof(*rt));
	size_t n = app_routines(ctx, rt);
	int s = -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rt[i].routine->id, id))
			continue;
		struct strbuf t = STRBUF_INIT;
		run_time_describe(rt[i].run_s, &t);
		int m = -1, sec = -1;
		char tail = 0;
		if (sscanf(t.buf, "%d:%d%c", &m, &sec, &tail) == 2 && sec >= 0 && sec < 60)
			s = m * 60 + sec;
		else if (sscanf(t.buf, "%d min%c", &m, &tail) == 1)
			s = m * 60;
		else
			fail_msg("routines prints '%s' for %s", t.buf, id);
		strbuf_release(&t);
	}
	free(rt);
	assert_true(s > 0);
	return s;
}

/* A hands-free run of r at the doses start gives it: ms from the start to the end;
 * *left_s: the player's time left at the start. answer: each "how did it feel"
 * answered "right" a second after it is asked; else none is. */
static int64_t run(const struct app_ctx *ctx, const struct routine *r, bool answer, int *left_s)
{
	struct app_session_ready rd;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_session_ready(ctx, r, false, &rd, &err), 0);
	struct engine e;
	struct engine_opts opt = { PACE_DEFAULT, 2, 0, 0, rd.doses, true, &SIM_PASS };
	assert_int_equal(engine_init(&e, ctx->content, r, &opt, 0), 0);
	*left_s = engine_remaining_s(&e, 0);
	int64_t t = 0;
	for (int steps = 0; e.state != ENGINE_DONE && steps < 100000; steps++) {
		struct input in = { IN_TICK, engine_deadline(&e), 0 };
		if (answer && e.state == ENGINE_ASK)
			in = (struct input){ IN_FEEL, t + 1000, FEEL_RIGHT };
		if (in.now == ENGINE_NO_DEADLINE)
			fail_msg("%s waits for a key in %s", r->id, engine_current(&e) ? engine_current(&e)->ex->id : "?");
		t = in.now;
		engine_input(&e, in);
	}
	assert_int_equal(e.state, ENGINE_DONE);
	engine_release(&e);
	free(rd.doses);
	strbuf_release(&err);
	return t;
}

/* The run both ways against what `routines` prints, the player and the plan. */
static void assert_one_length(const struct app_ctx *ctx, const char *what)
{
	const struct routine *r = catalog_routine(ctx->content, ROUTINE);
	assert_non_null(r);
	int shown = printed_s(ctx, ROUTINE), left_quick, left_slow;
	int64_t quick = run(ctx, r, true, &left_quick), slow = run(ctx, r, false, &left_slow);
	int64_t e = (int64_t)shown * 1000;
	if (llabs(quick - e) * 100 > e * 5 || llabs(slow - e) * 100 > e * 5)
		fail_msg("%s: routines prints %d:%02d; a run with each feel prompt answered took %.1f s (%+.1f %%), "
			 "one with none answered %.1f s (%+.1f %%)",
			 what, shown / 60, shown % 60, quick / 1000.0, (quick - e) * 100.0 / e, slow / 1000.0,
			 (slow - e) * 100.0 / e);
	/* the player's clock at the start counts down from the same time */
	assert_int_equal(left_quick, shown);
	/* the plan says it to the minute */
	assert_int_equal(run_minutes(plan_routine_s(ctx->store, ctx->content, r, false)), (shown + 30) / 60);
}

static void test_default_routine_one_length(void **state)
{
	struct fx *f = *state;
	struct fx_world *w = fx_world(state, NULL, zone_berlin(), T0);
	assert_one_length(&w->ctx, "the content's doses");
	int before = printed_s(&w->ctx, ROUTINE);
	/* the plan moved doses to the top of their ranges */
	static const struct { const char *slot; int reps, duration_s; } up[] = {
		{ "v-raise", 10, 0 }, { "neck-range-supported", 10, 0 }, { "relaxation-snow-angel", 0, 120 },
	};
	for (size_t i = 0; i < sizeof(up) / sizeof(*up); i++) {
		const struct exercise *ex = catalog_exercise(&w->cat, up[i].slot);
		assert_non_null(ex);
		struct plan_change_row ch = { 0, "2026-05-28", T0 - 86400000, 0, (char *)ROUTINE, (char *)up[i].slot,
					      (char *)"progress", (char *)"test", (char *)up[i].slot, (char *)up[i].slot,
					      0, up[i].reps, 0, up[i].duration_s, false, (char *)"Moved up for the test." };
		assert_int_equal(f->s->ops->plan_change_add(f->s, &ch, &f->err), 0);
	}
	assert_one_length(&w->ctx, "doses moved up");
	assert_true(printed_s(&w->ctx, ROUTINE) > before + 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_default_routine_one_length, setup, teardown),
	};
	return cmocka_run_group_tests_name("routines", tests, NULL, NULL);
}
