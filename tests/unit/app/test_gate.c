/* test_gate.c: the app layer's gate and session use cases on a real store, with the
 * clock passed in: the entry registry, a pass sealed only on yes, a warning sign that
 * only a clearance unlocks (also through plan --resume), clearances, the catch-up when a
 * session starts, the pain-after rule when it ends, and doses clamped to the content. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/gate.h"
#include "app/plan-data.h"
#include "app/safety.h"
#include "app/session.h"
#include "core/mem.h"
#include "sim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-fx.h"

static const char *FIXTURE =
	"exercises:\n"
	"  - {id: lift, name: Lift, category: activation, purpose: Back., steps: [Lie down.], cautions: [Go easy.],\n"
	"     regression: lift-easy}\n"
	"  - {id: lift-easy, name: Easy lift, category: activation, purpose: Back., steps: [Lie down.],\n"
	"     cautions: [Go easy.], dose: {reps: 2}}\n"
	"  - {id: neck-edge, name: Neck edge, category: mobility, purpose: Neck., steps: [Lie back.],\n"
	"     cautions: [Stop if dizzy.], screen: neck, regression: neck-sup, dose: {reps: 2, pacing: self}}\n"
	"  - {id: neck-sup, name: Neck supported, category: mobility, purpose: Neck., steps: [Sit.],\n"
	"     cautions: [Slowly.], progression: neck-edge, dose: {reps: 2, pacing: self}}\n"
	"  - {id: tuck, name: Tuck, category: posture, purpose: Chin back., steps: [Tuck.], cautions: [Gently.],\n"
	"     dose: {reps: 4}}\n"
	"routines:\n"
	"  - {id: act, name: Activation, description: Test., module: activation, items: [{exercise: lift, reps: 4-8}, "
	"{exercise: neck-sup}]}\n"
	"  - {id: breaks, name: Breaks, description: Test., module: posture-break, items: [{exercise: tuck}]}\n"
	"  - {id: breathe, name: Breathe, description: Test., module: breathing, items: [{exercise: tuck}]}\n"
	"screening:\n"
	"  - {id: q-heart, group: heart, ask: Heart?, urgency: emergency}\n"
	"  - {id: q-dizzy, group: neck, ask: Dizzy?, urgency: days, neck: true}\n";

static const int64_t DAY = 24LL * 3600 * 1000;
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

static struct app_gate_result gate(struct app_ctx *c, enum gate_entry e, const char *routine, const char *exercise,
				   int pain)
{
	struct app_gate_request rq = { e, routine, exercise, "breaks", pain };
	struct app_gate_result g;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_gate(c, &rq, &g, &err), 0);
	strbuf_release(&err);
	return g;
}

/* Every entry has its row in the registry, at its own index, naming its front end. */
static void test_rule_every_entry_registered(void **state)
{
	(void)state;
	for (int e = 0; e < GATE__COUNT; e++) {
		assert_int_equal(app_gate_entries[e].entry, e);
		assert_non_null(app_gate_entries[e].front_end);
		assert_non_null(app_gate_entries[e].what);
		assert_non_null(gate_entry_names[e]);
	}
	assert_null(gate_entry_names[GATE__COUNT]);
}

/* The pass is sealed only when the gate says yes, and carries what it allows. */
static void test_rule_pass_sealed_only_on_yes(void **state)
{
	struct world *w = world(state, T0);
	struct app_gate_result g = gate(&w->ctx, GATE_START, "act", NULL, 2);
	assert_false(g.v.allowed);
	assert_int_equal(g.pass.seal, 0);
	screen_all_no(&w->ctx);
	g = gate(&w->ctx, GATE_START, "act", NULL, 2);
	assert_true(g.v.allowed);
	assert_int_equal(g.pass.seal, SESSION_PASS_SEAL);
	assert_true(g.pass.neck_ok);
	assert_int_equal(g.pass.entry, GATE_START);
	g = gate(&w->ctx, GATE_START, "act", NULL, 9);
	assert_false(g.v.allowed);
	assert_int_equal(g.pass.seal, 0);
}

/* A warning sign during exercise is stored at once; a fresh all-no screen lets exercise
 * go on but not head-over-the-edge work; plan --resume cannot bring it back; a clearance
 * that says something, for a visit after it, does. */
static void test_rule_warning_lock_through_every_path(void **state)
{
	struct world *w = world(state, T0);
	struct strbuf err = STRBUF_INIT;
	screen_all_no(&w->ctx);
	/* the plan had moved the neck item up to the bed-edge version */
	struct plan_change_row up = { 0, "", T0, 0, (char *)"act", (char *)"neck-sup", (char *)"progress",
				      (char *)"two-good-and-easy", (char *)"neck-sup", (char *)"neck-edge", 2, 2, 0, 0,
				      false, (char *)"Up." };
	day_format((int)(T0 / DAY), up.date);
	assert_int_equal(w->ctx.store->ops->plan_change_add(w->ctx.store, &up, &err), 0);
	w->ctx.now_ms = T0 + 1000;
	assert_int_equal(app_record_warning(&w->ctx, &err), 0);
	/* the plan pauses the item after the warning (rule warning-sign) */
	struct plan_change_row pause = up;
	pause.at_ms = T0 + 2000;
	pause.action = (char *)"pause";
	pause.rule = (char *)"warning-sign";
	pause.from_exercise = (char *)"neck-edge";
	pause.paused = true;
	assert_int_equal(w->ctx.store->ops->plan_change_add(w->ctx.store, &pause, &err), 0);
	w->ctx.now_ms = T0 + DAY;
	struct app_gate_result g = gate(&w->ctx, GATE_RESUME, "act", NULL, 2);
	assert_false(g.v.allowed);
	assert_int_equal(g.v.why, GATE_WARNING_SIGN);
	screen_all_no(&w->ctx);
	w->ctx.now_ms = T0 + DAY + 1000;
	g = gate(&w->ctx, GATE_START, "act", NULL, 2);
	assert_true(g.v.allowed);
	assert_false(g.pass.neck_ok);
	assert_true(g.safety.s.neck_locked);
	assert_int_equal(app_plan_resume(&w->ctx, "act", "neck-sup", &g, &err), 2);
	assert_int_equal(g.v.why, GATE_NECK_LOCKED);
	/* clearances: a thin note or a day before the warning are refused */
	char today[11], before[11];
	day_format((int)(T0 / DAY) + 1, today);
	day_format((int)(T0 / DAY) - 1, before);
	assert_int_equal(app_record_clearance(&w->ctx, "fine", today, &err), -1);
	strbuf_reset(&err);
	assert_int_equal(app_record_clearance(&w->ctx, "Dr Rossi, GP: no concern", before, &err), -1);
	strbuf_reset(&err);
	assert_int_equal(app_record_clearance(&w->ctx, "Dr Rossi, GP: no concern", today, &err), 0);
	w->ctx.now_ms = T0 + DAY + 5000;
	g = gate(&w->ctx, GATE_START, "act", NULL, 2);
	assert_true(g.pass.neck_ok);
	assert_int_equal(app_plan_resume(&w->ctx, "act", "neck-sup", &g, &err), 0);
	strbuf_release(&err);
}

/* When a session starts, the feedback whose time has come is judged (not only when
 * `plan` runs), and the doses come back within the content's ranges. */
static void test_rule_catch_up_at_session_start(void **state)
{
	struct world *w = world(state, T0);
	struct strbuf err = STRBUF_INIT;
	screen_all_no(&w->ctx);
	struct feedback_row fb = { 0, "", T0, 0, (char *)"act", (char *)"lift", (char *)"hurt", 3, false };
	day_format((int)(T0 / DAY), fb.date);
	assert_int_equal(w->ctx.store->ops->feedback_add(w->ctx.store, &fb, &err), 0);
	/* a dose stored beyond the content's range (the content changed since) */
	struct plan_change_row big = { 0, "", T0 - DAY, 0, (char *)"act", (char *)"neck-sup", (char *)"progress",
				       (char *)"two-good-and-easy", (char *)"neck-sup", (char *)"neck-sup", 2, 30, 0, 0,
				       false, (char *)"Up." };
	day_format((int)(T0 / DAY) - 1, big.date);
	assert_int_equal(w->ctx.store->ops->plan_change_add(w->ctx.store, &big, &err), 0);
	const struct routine *r = catalog_routine(&w->cat, "act");
	struct app_session_ready rd;
	assert_int_equal(app_session_ready(&w->ctx, r, true, &rd, &err), 0);
	assert_int_equal(rd.decided, 1);
	assert_string_equal(rd.doses[0].exercise, "lift-easy"); /* "hurt": lowered at once */
	assert_int_equal(rd.doses[1].reps, 2);                   /* 30 stored, neck-sup allows 2 */
	free(rd.doses);
	strbuf_release(&err);
}

/* After a session, pain up by 2 or more (or 6+) lowers the next dose of each exercise
 * done, also those without a "how did it feel" answer. */
static void test_rule_pain_after_lowers_next_dose(void **state)
{
	struct world *w = world(state, T0);
	struct store *st = w->ctx.store;
	struct strbuf err = STRBUF_INIT;
	screen_all_no(&w->ctx);
	struct session_row row = { 0, (char *)"act", T0, 0, SESSION_RUNNING, 2, -1, (char *)"content", 0, 0, 0 };
	assert_int_equal(st->ops->session_begin(st, &row, &err), 0);
	struct exercise_row ex = { 0, (char *)"lift", EX_DONE, 6, 30000, T0 + 30000 };
	assert_int_equal(st->ops->exercise_add(st, row.id, &ex, &err), 0);
	const struct routine *r = catalog_routine(&w->cat, "act");
	struct app_session_end end;
	w->ctx.now_ms = T0 + 60000;
	assert_int_equal(app_session_end(&w->ctx, row.id, r, SESSION_FINISHED, 2, 3, true, &end, &err), 0);
	assert_false(end.after_bad);
	assert_int_equal(end.lowered, 0);
	struct session_row row2 = row;
	row2.id = 0;
	assert_int_equal(st->ops->session_begin(st, &row2, &err), 0);
	assert_int_equal(st->ops->exercise_add(st, row2.id, &ex, &err), 0);
	assert_int_equal(app_session_end(&w->ctx, row2.id, r, SESSION_FINISHED, 2, 4, true, &end, &err), 0);
	assert_true(end.after_bad);
	assert_int_equal(end.lowered, 1);
	struct dose_state d[2];
	assert_int_equal(plan_doses(st, &w->cat, r, d, &err), 0);
	assert_string_equal(d[0].exercise, "lift-easy"); /* at the low end of 4-8 already: the easier one */
	struct plan_change_row *ch = NULL;
	size_t nc = 0;
	assert_int_equal(st->ops->plan_changes_list(st, &ch, &nc, &err), 0);
	assert_int_equal(nc, 1);
	assert_string_equal(ch[0].rule, "after-session");
	store_plan_changes_free(ch, nc);
	/* the morning check-in is asked for */
	struct session_row *ss = NULL;
	size_t ns = 0;
	assert_int_equal(st->ops->sessions_list(st, &ss, &ns, &err), 0);
	assert_true(app_checkin_owed(&w->ctx, ss, ns, NULL, 0));
	w->ctx.now_ms = T0 + 3 * DAY;
	assert_false(app_checkin_owed(&w->ctx, ss, ns, NULL, 0));
	store_sessions_free(ss, ns);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_every_entry_registered),
		cmocka_unit_test_setup_teardown(test_rule_pass_sealed_only_on_yes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_warning_lock_through_every_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_catch_up_at_session_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_pain_after_lowers_next_dose, setup, teardown),
	};
	return cmocka_run_group_tests_name("gate", tests, NULL, NULL);
}
