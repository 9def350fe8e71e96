/* test_handout.c: the handout and routine-list use cases (app/handout.c, app/routines.c)
 * on a real store with the shipped content and a fixed clock and zone: a routine at the
 * content's doses; the plan's routines at today's doses, an exercise paused by a warning
 * sign left out and named; the routine list in module order, timed at the current doses
 * (shorter once an exercise is paused) or the content's without a store. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/handout.h"
#include "app/plan-data.h"
#include "app/plan-view.h"
#include "app/routines.h"
#include "app/safety.h"
#include "core/mem.h"
#include "sim.h"
#include <stdlib.h>
#include <string.h>

#include "app-fx.h"
#include "zones.h"

#define ROUTINE "upper-back-activation"
static const int TODAY = 20600;

static struct fx_world *world(void **state)
{
	struct tz z = zone_chatham();
	return fx_world(state, NULL, z, zone_at(&z, TODAY, 9, 0));
}

/* Screened (every answer no), then superman stopped for a warning sign yesterday and the
 * plan looked at: superman is paused. */
static void superman_paused(struct fx_world *w)
{
	struct strbuf err = STRBUF_INIT;
	struct screen_answer *a = xcalloc(w->cat.n_q + 1, sizeof(*a));
	for (size_t i = 0; i < w->cat.n_q; i++)
		a[i] = (struct screen_answer){ w->cat.q[i].id, false };
	assert_int_equal(app_screen_save(&w->ctx, a, w->cat.n_q, NULL, &err), 0);
	free(a);
	assert_int_equal(plan_feedback_record(w->ctx.store, &w->cat, ROUTINE, "superman", FEEL_RIGHT, 2, true,
					      TODAY - 1, 0, w->ctx.now_ms - 86400000, &err), 0);
	struct app_plan v;
	assert_int_equal(app_plan_view(&w->ctx, &v, &err), 0);
	assert_int_equal(v.made, 1);
	app_plan_release(&v);
	strbuf_release(&err);
}

static void test_routine_at_content_doses(void **state)
{
	struct fx_world *w = world(state);
	const struct routine *r = catalog_routine(&w->cat, ROUTINE);
	struct app_handout h;
	app_handout_routine(&w->cat, r, &h);
	assert_int_equal(h.n, 1);
	assert_ptr_equal(h.parts[0].routine, r);
	assert_int_equal(h.parts[0].n, r->n_items);
	for (size_t i = 0; i < r->n_items; i++)
		assert_string_equal(h.parts[0].items[i].e->id, r->items[i].exercise);
	assert_int_equal(h.n_left_out, 0);
	app_handout_release(&h);
}

static void test_plan_leaves_paused_out(void **state)
{
	struct fx_world *w = world(state);
	superman_paused(w);
	struct strbuf err = STRBUF_INIT;
	struct app_handout h;
	assert_int_equal(app_handout_plan(&w->ctx, &h, &err), 0);
	const struct routine *r = catalog_routine(&w->cat, ROUTINE);
	const struct app_handout_part *act = NULL;
	for (size_t k = 0; k < h.n; k++)
		if (h.parts[k].routine == r)
			act = &h.parts[k];
	assert_non_null(act);
	assert_int_equal(act->n, r->n_items - 1);
	for (size_t i = 0; i < act->n; i++)
		assert_string_not_equal(act->items[i].e->id, "superman");
	assert_int_equal(h.n_left_out, 1);
	assert_string_equal(h.left_out[0]->id, "superman");
	app_handout_release(&h);
	strbuf_release(&err);
}

static void test_routine_list(void **state)
{
	struct fx_world *w = world(state);
	struct app_routine_time *t = xcalloc(w->cat.n_rt + 1, sizeof(*t));
	struct app_ctx none = w->ctx;
	none.store = NULL;
	size_t n = app_routines(&none, t);
	assert_int_equal(n, w->cat.n_rt);
	int before = -1;
	for (size_t i = 0; i < n; i++) {
		assert_true((int)t[i].routine->module >= (int)t[i ? i - 1 : 0].routine->module);
		if (!strcmp(t[i].routine->id, ROUTINE))
			before = t[i].run_s;
		assert_true(t[i].run_s > 0);
	}
	assert_true(before > 0);
	superman_paused(w);
	assert_int_equal(app_routines(&w->ctx, t), n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].routine->id, ROUTINE))
			assert_true(t[i].run_s < before); /* superman is left out now */
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_routine_at_content_doses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_leaves_paused_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_routine_list, setup, teardown),
	};
	return cmocka_run_group_tests_name("handout and routines", tests, NULL, NULL);
}
