/* test_app_safety.c: two of the safety use cases (app/safety.c) on a real store with a fixed
 * clock and zone: a warning sign kept aside by a front end, saved as it was kept, or
 * (unreadable) as the sign it stands for at the mildest level that pauses, now; either
 * way exercise is paused after it; and the once-ever facts an earlier screen holds that
 * the answers given now do not repeat. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/safety.h"
#include "core/screen.h"
#include "sim.h"
#include <string.h>

#include "app-fx.h"
#include "zones.h"

static const char *FIXTURE =
	"exercises:\n"
	"  - {id: lift, name: Lift, category: activation, purpose: Back., steps: [Lie down.], cautions: [Go easy.]}\n"
	"routines:\n"
	"  - {id: act, name: Activation, description: Test., module: activation, items: [{exercise: lift, reps: 4}]}\n"
	"screening:\n"
	"  - {id: q-heart, group: heart, ask: Heart?, urgency: emergency}\n"
	"  - {id: q-migraine, group: neck, ask: Migraines?, urgency: none, fact: true, neck: true}\n"
	"  - {id: q-stiff, group: neck, ask: Stiff?, urgency: none, neck: true}\n";

static const int64_t T0 = 20600LL * 86400000 + 9 * 3600000LL;

static struct fx_world *world(void **state)
{
	return fx_world(state, FIXTURE, zone_chatham(), T0);
}

static void screen(struct fx_world *w, bool migraine, bool stiff)
{
	struct screen_answer a[] = { { "q-heart", false }, { "q-migraine", migraine }, { "q-stiff", stiff } };
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_screen_save(&w->ctx, a, 3, NULL, &err), 0);
	strbuf_release(&err);
}

static void latest(struct fx_world *w, struct screening_row *r)
{
	bool found = false;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(w->ctx.store->ops->screening_latest(w->ctx.store, r, &found, &err), 0);
	assert_true(found);
	strbuf_release(&err);
}

static void test_warning_settled_as_kept(void **state)
{
	struct fx_world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	screen(w, false, false);
	struct app_safety sa;
	assert_int_equal(app_safety(&w->ctx, &sa, &err), 0);
	assert_true(sa.s.allowed);
	assert_int_equal(app_warning_settle(&w->ctx, true, T0 - 600000, 3, "dizzy", &err), 0);
	struct screening_row r;
	latest(w, &r);
	assert_int_equal(r.at_ms, T0 - 600000);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.n_answers, 1);
	assert_string_equal(r.answers[0].question_id, "dizzy");
	assert_true(r.answers[0].yes);
	screening_row_release(&r);
	assert_int_equal(app_safety(&w->ctx, &sa, &err), 0);
	assert_false(sa.s.allowed);
	strbuf_release(&err);
}

static void test_warning_unreadable(void **state)
{
	struct fx_world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	screen(w, false, false);
	assert_int_equal(app_warning_settle(&w->ctx, false, 0, 0, "", &err), 0);
	struct screening_row r;
	latest(w, &r);
	assert_int_equal(r.at_ms, T0);
	assert_int_equal(r.level, 2);
	assert_string_equal(r.answers[0].question_id, "warning-sign");
	screening_row_release(&r);
	/* a level out of range counts as unreadable too */
	assert_int_equal(app_warning_settle(&w->ctx, true, T0 - 5, 9, "dizzy", &err), 0);
	latest(w, &r);
	assert_int_equal(r.level, 2);
	assert_int_equal(r.at_ms, T0);
	screening_row_release(&r);
	struct app_safety sa;
	assert_int_equal(app_safety(&w->ctx, &sa, &err), 0);
	assert_false(sa.s.allowed);
	strbuf_release(&err);
}

static void test_kept_facts(void **state)
{
	struct fx_world *w = world(state);
	struct strbuf err = STRBUF_INIT;
	const struct question *q[4];
	assert_int_equal(app_screen_kept_facts(&w->ctx, NULL, 0, q, 4, &err), 0); /* no screen yet */
	screen(w, true, true);
	struct screen_answer now_no[] = { { "q-heart", false }, { "q-stiff", false } };
	assert_int_equal(app_screen_kept_facts(&w->ctx, now_no, 2, q, 4, &err), 1);
	assert_string_equal(q[0]->id, "q-migraine"); /* a fact; stiffness is not one */
	struct screen_answer said[] = { { "q-migraine", true } };
	assert_int_equal(app_screen_kept_facts(&w->ctx, said, 1, q, 4, &err), 0);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_warning_settled_as_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warning_unreadable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kept_facts, setup, teardown),
	};
	return cmocka_run_group_tests_name("safety", tests, NULL, NULL);
}
