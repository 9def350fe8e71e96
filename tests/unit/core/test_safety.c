/* test_safety.c: the safety rules of core/safety.c and the engine's side of them, one
 * test per rule (docs/safety.md names them): the screen first and every four weeks,
 * what check-ins call for, the neck lock that only a clearance lifts, the gentle way,
 * the gate's answer for every entry, clearances, and the engine that will not run
 * without a pass, ends a session on pain 8+ and speaks the cautions first. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sim.h"
#include "core/safety.h"

static const char *FIXTURE =
	"exercises:\n"
	"  - {id: lift, name: Lift, category: activation, purpose: Back., steps: [Lie down.], cautions: [Go easy.],\n"
	"     dose: {reps: 4}}\n"
	"  - {id: neck-edge, name: Neck edge, category: mobility, purpose: Neck., steps: [Lie back.],\n"
	"     cautions: [Stop if dizzy.], screen: neck, regression: neck-sup, dose: {reps: 2, pacing: self}}\n"
	"  - {id: neck-sup, name: Neck supported, category: mobility, purpose: Neck., steps: [Sit.],\n"
	"     cautions: [Slowly.], dose: {reps: 2, pacing: self}}\n"
	"  - {id: side-stretch, name: Side stretch, category: posture, purpose: Neck side., steps: [Tilt.],\n"
	"     cautions: [Gently.], gentle: false, dose: {duration: 20 s}}\n"
	"  - {id: tuck, name: Tuck, category: posture, purpose: Chin back., steps: [Tuck.], cautions: [Gently.],\n"
	"     dose: {reps: 4}}\n"
	"routines:\n"
	"  - {id: act, name: Activation, description: Test., module: activation, items: [{exercise: lift}, "
	"{exercise: neck-edge}, {exercise: side-stretch}]}\n"
	"  - {id: breaks, name: Breaks, description: Test., module: posture-break, items: [{exercise: tuck}, "
	"{exercise: side-stretch}]}\n"
	"  - {id: breathe, name: Breathe, description: Test., module: breathing, items: [{exercise: tuck}]}\n"
	"  - {id: labelled, name: Labelled, description: Test., module: breathing, items: [{exercise: lift}]}\n"
	"screening:\n"
	"  - {id: q-heart, group: heart, ask: Heart?, urgency: emergency}\n"
	"  - {id: q-dizzy, group: neck, ask: Dizzy?, urgency: days, neck: true}\n"
	"  - {id: q-mig, group: neck, ask: Migraine?, urgency: none, neck: true}\n"
	"  - {id: q-cord, group: cord, ask: Cord?, urgency: days, neck_lock: true}\n"
	"  - {id: q-r1, group: course, ask: One?, urgency: routine}\n"
	"  - {id: q-r2, group: course, ask: Two?, urgency: routine}\n";

static struct catalog cat;
static const int64_t DAY = 24LL * 3600 * 1000;
static const int64_t T0 = 20000LL * 24 * 3600 * 1000; /* day 20000, UTC */

static int setup(void **state)
{
	(void)state;
	sim_catalog(&cat, FIXTURE);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(&cat);
	return 0;
}

static const struct screen_answer ALL_NO[] = { { "q-heart", false }, { "q-dizzy", false }, { "q-mig", false },
					       { "q-cord", false }, { "q-r1", false }, { "q-r2", false } };
static const struct screen_answer WARNING[] = { { SCREEN_WARNING_ID, true } };

/* A history to work out a status from. */
struct hist {
	struct safety_screen s[8];
	size_t ns;
	struct safety_clearance c[8];
	size_t nc;
	struct checkin ci[8];
	size_t nci;
	struct flare flare;
};

static void add_screen(struct hist *h, int64_t at, enum urgency level, bool neck_clear, const struct screen_answer *a,
		       size_t n)
{
	h->s[h->ns] = (struct safety_screen){ (int64_t)h->ns + 1, at, (int)(at / DAY), level, neck_clear, a, n, NULL };
	h->ns++;
}

static void add_clearance(struct hist *h, int64_t at, int day)
{
	h->c[h->nc++] = (struct safety_clearance){ at, day, h->s[h->ns - 1].id };
}

static struct checkin *add_checkin(struct hist *h, int64_t at, int day)
{
	struct checkin *c = &h->ci[h->nci++];
	checkin_init(c);
	c->at_ms = at;
	day_format(day, c->date);
	return c;
}

static struct safety_status status_at(struct hist *h, int64_t now)
{
	struct safety_facts f = { &cat, h->s, h->ns, h->c, h->nc, h->ci, h->nci, 0, h->flare, now, NULL, NULL };
	struct safety_status s;
	safety_status(&f, &s);
	return s;
}

static struct gate_verdict ask(const struct safety_status *s, enum gate_entry entry, const char *routine,
			       const char *exercise, int pain)
{
	struct gate_ask a = { entry, routine ? catalog_routine(&cat, routine) : NULL,
			      exercise ? catalog_exercise(&cat, exercise) : NULL, "breaks", pain, false, 0, 0 };
	struct gate_verdict v;
	gate_check(&cat, s, &a, &v);
	return v;
}

static void no_flare(struct hist *h)
{
	h->flare = (struct flare){ false, -1, -1, -1, -1, 0, -1 };
}

/* Before any screen, every entry waits for it. */
static void test_rule_first_screen_required(void **state)
{
	(void)state;
	struct hist h = { 0 };
	no_flare(&h);
	struct safety_status s = status_at(&h, T0);
	assert_true(s.must_screen & RS_FIRST);
	for (int e = 0; e < GATE__COUNT; e++) {
		struct gate_verdict v = ask(&s, (enum gate_entry)e, "act", "tuck", 2);
		assert_false(v.allowed);
		assert_int_equal(v.why, GATE_SCREEN);
	}
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	s = status_at(&h, T0 + 1000);
	assert_int_equal(s.must_screen, 0);
	assert_true(ask(&s, GATE_START, "act", NULL, 2).allowed);
}

/* After four weeks the screen must be answered again before any exercise. */
static void test_rule_screen_due_after_four_weeks(void **state)
{
	(void)state;
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + 27 * DAY);
	assert_true(ask(&s, GATE_START, "act", NULL, 2).allowed);
	s = status_at(&h, T0 + 29 * DAY);
	assert_true(s.must_screen & RS_DUE);
	struct gate_verdict v = ask(&s, GATE_BREAK_REMINDER, NULL, "tuck", -1);
	assert_false(v.allowed);
	assert_non_null(strstr(v.reason, "more than four weeks old"));
	/* a warning sign since does not reset the four weeks */
	add_screen(&h, T0 + 28 * DAY, URG_DAYS, false, WARNING, 1);
	s = status_at(&h, T0 + 29 * DAY);
	assert_true(s.must_screen & RS_DUE);
}

/* The latest screening is the one recorded last, whatever the clock said: a warning
 * recorded while the clock ran behind the last screen still blocks, and a screen
 * dated in the future (answered while the clock ran ahead) is due again. */
static void test_rule_latest_is_last_recorded(void **state)
{
	(void)state;
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	add_screen(&h, T0 - 2 * DAY, URG_DAYS, false, WARNING, 1);
	struct safety_status s = status_at(&h, T0 - 2 * DAY + 1000);
	assert_false(s.allowed);
	assert_true(s.warning_open);
	assert_false(ask(&s, GATE_START, "act", NULL, 2).allowed);
	s = status_at(&h, T0 + DAY);
	assert_false(s.allowed);
	/* a clear screen dated ahead of the clock does not count until the clock gets there */
	struct hist g = { 0 };
	no_flare(&g);
	add_screen(&g, T0 + 3 * DAY, URG_NONE, true, ALL_NO, 6);
	s = status_at(&g, T0);
	assert_true(s.must_screen & RS_DUE);
	assert_false(ask(&s, GATE_START, "act", NULL, 2).allowed);
	s = status_at(&g, T0 + 3 * DAY + 1000);
	assert_int_equal(s.must_screen, 0);
}

/* A warning sign stored by an older version (one yes to a neck question, level days)
 * is a warning sign, not a screen: it does not restart the four weeks. An emergency
 * that stopped a screen at its first answer is a screen. */
static void test_rule_old_warning_is_not_a_screen(void **state)
{
	(void)state;
	static const struct screen_answer OLD[] = { { "q-dizzy", true } };
	static const struct screen_answer HEART[] = { { "q-heart", true } };
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	add_screen(&h, T0 + 27 * DAY, URG_DAYS, false, OLD, 1);
	struct safety_status s = status_at(&h, T0 + 29 * DAY);
	assert_true(s.warning_open);
	assert_true(s.must_screen & RS_DUE);
	struct hist g = { 0 };
	no_flare(&g);
	add_screen(&g, T0, URG_EMERGENCY, false, HEART, 1);
	s = status_at(&g, T0 + 1000);
	assert_true(s.screened);
	assert_false(s.warning_open);
}

/* Gentle is decided by the exercises, not the routine's label: a breathing-module
 * routine of strengthening exercises is not gentle at pain 8 or more. */
static void test_rule_gentle_by_exercises(void **state)
{
	(void)state;
	assert_true(routine_is_gentle(&cat, catalog_routine(&cat, "breathe")));
	assert_false(routine_is_gentle(&cat, catalog_routine(&cat, "labelled")));
	assert_false(routine_is_gentle(&cat, catalog_routine(&cat, "act")));
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + 1000);
	struct gate_verdict v = ask(&s, GATE_START, "labelled", NULL, 9);
	assert_false(v.allowed);
	assert_int_equal(v.why, GATE_GENTLE_ONLY);
	assert_string_equal(v.alternative, "breathe");
	assert_true(ask(&s, GATE_START, "breathe", NULL, 9).allowed);
}

/* A "today" or "days" answer holds until a clearance: an all-no screen after it does
 * not lift it (a warning sign during exercise is lifted by a fresh screen). */
static void test_rule_days_answer_holds_until_clearance(void **state)
{
	(void)state;
	static const struct screen_answer DAYS_YES[] = { { "q-cord", true } };
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_DAYS, true, DAYS_YES, 1);
	add_screen(&h, T0 + DAY, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + DAY + 1000);
	assert_false(s.allowed);
	assert_true(s.held);
	assert_int_equal(s.level, URG_DAYS);
	struct gate_verdict v = ask(&s, GATE_START, "act", NULL, 2);
	assert_false(v.allowed);
	assert_non_null(strstr(v.reason, "does not lift it"));
	add_clearance(&h, T0 + 2 * DAY, (int)((T0 + 2 * DAY) / DAY));
	s = status_at(&h, T0 + 2 * DAY + 1000);
	assert_true(s.allowed);
	assert_false(s.held);
	/* a warning sign is lifted by a fresh screen */
	add_screen(&h, T0 + 3 * DAY, URG_DAYS, false, WARNING, 1);
	add_screen(&h, T0 + 3 * DAY + 1000, URG_NONE, true, ALL_NO, 6);
	s = status_at(&h, T0 + 3 * DAY + 2000);
	assert_true(s.allowed);
}

/* A warning sign during exercise: exercise waits for a fresh screen or a clearance; the
 * head-over-the-edge exercise stays locked through an all-no screen until a clearance
 * recorded after it, for a visit on or after its day. */
static void test_rule_warning_locks_neck_until_clearance(void **state)
{
	(void)state;
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + DAY);
	assert_true(s.neck_ok);
	add_screen(&h, T0 + DAY, URG_DAYS, false, WARNING, 1);
	s = status_at(&h, T0 + DAY + 1000);
	assert_false(s.allowed);
	assert_true(s.warning_open);
	assert_true(s.neck_locked);
	assert_string_equal(s.neck_lock_id, SCREEN_WARNING_ID);
	assert_int_equal(ask(&s, GATE_RESUME, "act", NULL, 2).why, GATE_WARNING_SIGN);
	/* answering the screen again, all no: exercise again, the neck work still locked */
	add_screen(&h, T0 + 2 * DAY, URG_NONE, true, ALL_NO, 6);
	s = status_at(&h, T0 + 2 * DAY + 1000);
	assert_true(s.allowed);
	assert_true(s.neck_locked);
	assert_false(s.neck_ok);
	struct gate_verdict v = ask(&s, GATE_START, "act", NULL, 2);
	assert_true(v.allowed);
	assert_false(v.neck_ok);
	assert_int_equal(ask(&s, GATE_PLAN_RESUME, "act", "neck-edge", -1).why, GATE_NECK_LOCKED);
	/* a clearance recorded now, but for a visit before the warning: not a clearance of it */
	add_clearance(&h, T0 + 2 * DAY + 2000, (int)(T0 / DAY));
	s = status_at(&h, T0 + 2 * DAY + 3000);
	assert_true(s.neck_locked);
	/* a visit after it: unlocked */
	add_clearance(&h, T0 + 2 * DAY + 4000, (int)(T0 / DAY) + 2);
	s = status_at(&h, T0 + 2 * DAY + 5000);
	assert_false(s.neck_locked);
	assert_true(s.neck_ok);
}

/* Past yes answers that lock: a neck question (even one with no urgency of its own) and
 * the spinal cord, nerve, cancer, bone and joint questions marked neck_lock. */
static void test_rule_lock_answers(void **state)
{
	(void)state;
	static const struct screen_answer CORD[] = { { "q-heart", false }, { "q-dizzy", false }, { "q-mig", false },
						     { "q-cord", true }, { "q-r1", false }, { "q-r2", false } };
	static const struct screen_answer MIG[] = { { "q-heart", false }, { "q-dizzy", false }, { "q-mig", true },
						    { "q-cord", false }, { "q-r1", false }, { "q-r2", false } };
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_DAYS, true, CORD, 6);
	add_clearance(&h, T0 + 1000, (int)(T0 / DAY)); /* the days result cleared, the lock with it */
	add_screen(&h, T0 + DAY, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + DAY + 1000);
	assert_false(s.neck_locked);
	struct hist m = { 0 };
	no_flare(&m);
	add_screen(&m, T0, URG_DAYS, true, CORD, 6);
	add_screen(&m, T0 + DAY, URG_NONE, true, ALL_NO, 6);
	s = status_at(&m, T0 + DAY + 1000);
	assert_true(s.neck_locked);
	assert_string_equal(s.neck_lock_id, "q-cord");
	struct hist k = { 0 };
	no_flare(&k);
	add_screen(&k, T0, URG_NONE, false, MIG, 6);
	s = status_at(&k, T0 + 1000);
	assert_true(s.allowed);
	assert_true(s.neck_locked);
	assert_false(s.neck_ok);
	assert_true(screen_answer_locks_neck(&cat, "q-mig"));
	assert_false(screen_answer_locks_neck(&cat, "q-r1"));
}

/* Two or more red flags raise the result one level; a lock-only answer is not a flag. */
static void test_rule_combination_of_flags(void **state)
{
	(void)state;
	struct screen_answer a[] = { { "q-r1", true }, { "q-r2", false }, { "q-mig", true } };
	assert_int_equal(screen_evaluate(&cat, a, 3, NULL), URG_ROUTINE);
	a[1].yes = true;
	assert_int_equal(screen_evaluate(&cat, a, 3, NULL), URG_DAYS);
	struct screen_answer b[] = { { "q-dizzy", true }, { "q-cord", true } };
	assert_int_equal(screen_evaluate(&cat, b, 2, NULL), URG_TODAY);
	struct screen_answer c[] = { { "q-heart", true }, { "q-cord", true } };
	assert_int_equal(screen_evaluate(&cat, c, 2, NULL), URG_EMERGENCY);
	/* shipped: a past cancer with weight loss and night pain is a same-day matter */
	struct catalog shipped;
	assert_int_equal(sim_shipped(&shipped), 0);
	struct screen_answer d[] = { { "cancer-history", true }, { "weight-loss", true }, { "pain-relentless-night", true } };
	assert_int_equal(screen_evaluate(&shipped, d, 3, NULL), URG_TODAY);
	assert_int_equal(screen_evaluate(&shipped, d, 1, NULL), URG_DAYS);
	catalog_free(&shipped);
}

/* A routine-level answer runs the gentle way until a clearance. */
static void test_rule_routine_answer_gentle(void **state)
{
	(void)state;
	static const struct screen_answer R[] = { { "q-r1", true } };
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_ROUTINE, true, R, 1);
	struct safety_status s = status_at(&h, T0 + 1000);
	assert_true(s.allowed);
	assert_true(s.gentle);
	struct gate_verdict v = ask(&s, GATE_START, "act", NULL, 2);
	assert_true(v.allowed);
	assert_true(v.gentle);
	assert_non_null(strstr(urgency_advice(URG_ROUTINE), "gentle way"));
	add_clearance(&h, T0 + 2000, (int)(T0 / DAY));
	s = status_at(&h, T0 + 3000);
	assert_false(s.gentle);
	assert_false(ask(&s, GATE_START, "act", NULL, 2).gentle);
}

/* A flare-up, or pain of 8 or more before, allows only a gentle routine (and runs it
 * the gentle way); the gate names one; three high days in a row say see someone. */
static void test_rule_gentle_only(void **state)
{
	(void)state;
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + 1000);
	struct gate_verdict v = ask(&s, GATE_START, "act", NULL, 8);
	assert_false(v.allowed);
	assert_int_equal(v.why, GATE_GENTLE_ONLY);
	assert_string_equal(v.alternative, "breathe");
	assert_true(ask(&s, GATE_START, "act", NULL, 7).allowed);
	v = ask(&s, GATE_START, "breathe", NULL, 9);
	assert_true(v.allowed);
	assert_true(v.gentle);
	h.flare = (struct flare){ true, (int)(T0 / DAY) - 3, 3, (int)(T0 / DAY), 6, 3, -1 };
	s = status_at(&h, T0 + 1000);
	v = ask(&s, GATE_RESUME, "act", NULL, 2);
	assert_false(v.allowed);
	assert_int_equal(v.why, GATE_GENTLE_ONLY);
	assert_true(v.see_someone);
	v = ask(&s, GATE_BREAK_PLAY, NULL, "side-stretch", -1);
	assert_int_equal(v.why, GATE_NOT_GENTLE); /* neck stretches are left out */
	assert_true(ask(&s, GATE_BREAK_PLAY, NULL, "tuck", -1).allowed);
}

/* The break entries offer only the posture-break routine's exercises. */
static void test_rule_breaks_only_posture_resets(void **state)
{
	(void)state;
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + 1000);
	for (enum gate_entry e = GATE_BREAK_REMINDER; e <= GATE_BREAK_PLAY; e++) {
		assert_int_equal(ask(&s, e, NULL, "lift", -1).why, GATE_NOT_A_BREAK);
		assert_true(ask(&s, e, NULL, "tuck", -1).allowed);
	}
}

/* plan --resume: an exercise paused by a warning sign comes back only after a
 * clearance recorded after the pause. */
static void test_rule_warning_pause_needs_clearance(void **state)
{
	(void)state;
	struct hist h = { 0 };
	no_flare(&h);
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + DAY);
	struct gate_ask a = { GATE_PLAN_RESUME, catalog_routine(&cat, "act"), catalog_exercise(&cat, "lift"), NULL, -1,
			      true, T0 + 1000, 0 };
	struct gate_verdict v;
	gate_check(&cat, &s, &a, &v);
	assert_int_equal(v.why, GATE_WARNING_SIGN);
	add_clearance(&h, T0 + 2000, (int)(T0 / DAY));
	s = status_at(&h, T0 + DAY);
	gate_check(&cat, &s, &a, &v);
	assert_true(v.allowed);
}

/* What a check-in calls for: a new place (with something to compare with), a jump of 3,
 * new chest pain (always), a first severe headache. */
static void test_rule_checkin_news(void **state)
{
	(void)state;
	struct hist h = { 0 };
	struct checkin *a = add_checkin(&h, T0, 20000);
	a->pain = 3;
	a->region[REG_NECK] = 3;
	struct checkin c;
	checkin_init(&c);
	c.pain = 4;
	c.region[REG_BETWEEN] = 2;
	assert_int_equal(checkin_news(&c, h.ci, 1, 0), RS_NEW_REGION);
	assert_int_equal(checkin_news(&c, h.ci, 0, 0), 0);                 /* nothing to compare with */
	assert_int_equal(checkin_news(&c, h.ci, 0, 1u << REG_BETWEEN), 0); /* the assessment named it */
	c.region[REG_BETWEEN] = -1;
	c.region[REG_CHEST] = 2;
	assert_int_equal(checkin_news(&c, h.ci, 0, 0), RS_CHEST);
	c.region[REG_CHEST] = -1;
	c.pain = 6;
	assert_int_equal(checkin_news(&c, h.ci, 1, 0), RS_JUMP);
	c.pain = 5;
	assert_int_equal(checkin_news(&c, h.ci, 1, 0), 0);
	c.headache = HEADACHE_SEVERE;
	assert_int_equal(checkin_news(&c, h.ci, 1, 0), RS_HEADACHE);
	a->headache = 8;
	assert_int_equal(checkin_news(&c, h.ci, 1, 0), 0); /* not the first severe one */
}

/* Check-ins after the last screen, and a flare-up that began since, require it again. */
static void test_rule_rescreen_after_checkins(void **state)
{
	(void)state;
	struct hist h = { 0 };
	no_flare(&h);
	struct checkin *before = add_checkin(&h, T0 - DAY, 19999);
	before->pain = 3;
	add_screen(&h, T0, URG_NONE, true, ALL_NO, 6);
	struct safety_status s = status_at(&h, T0 + 1000);
	assert_int_equal(s.must_screen, 0);
	struct checkin *after = add_checkin(&h, T0 + 2000, 20000);
	after->pain = 3;
	after->region[REG_CHEST] = 4;
	s = status_at(&h, T0 + 3000);
	assert_true(s.must_screen & RS_CHEST);
	struct gate_verdict v = ask(&s, GATE_START, "act", NULL, 2);
	assert_false(v.allowed);
	assert_non_null(strstr(v.reason, "call " EMERGENCY_WORDS " now"));
	after->region[REG_CHEST] = -1;
	h.flare = (struct flare){ true, 20000, 1, 20000, 3, 1, -1 };
	s = status_at(&h, T0 + 3000);
	assert_int_equal(s.must_screen, RS_FLARE);
	/* a flare-up already under way at the screen does not ask again */
	h.flare.since = 19999;
	s = status_at(&h, T0 + 3000);
	assert_int_equal(s.must_screen, 0);
}

/* A clearance needs a day on or after the screen, not in the future, and a note of
 * substance. */
static void test_rule_clearance_needs_date_and_substance(void **state)
{
	(void)state;
	const char *why;
	assert_true(clearance_ok("Dr Rossi, GP: no concern", 100, 100, 101, &why));
	assert_false(clearance_ok("Dr Rossi, GP: no concern", 99, 100, 101, &why));
	assert_non_null(strstr(why, "on or after"));
	assert_false(clearance_ok("Dr Rossi, GP: no concern", 102, 100, 101, &why));
	assert_false(clearance_ok("ok", 100, 100, 101, &why));
	assert_false(clearance_ok("fine by me", 100, 100, 101, &why));
	assert_false(clearance_ok("a b c d", 100, 100, 101, &why));
	/* enough words and letters, but no real words, or one said again and again */
	assert_false(clearance_ok("a b c d e f g h i j k l", 100, 100, 101, &why));
	assert_false(clearance_ok("xx 12 yy 34 zz 56 ww", 100, 100, 101, &why));
	assert_false(clearance_ok("okay okay okay okay", 100, 100, 101, &why));
	assert_true(clearance_ok("Dr M\xc3\xbcller: no concern", 100, 100, 101, &why));
	assert_true(clearance_ok("GP seen 3 May, all fine", 100, 100, 101, &why));
}

/* "your local emergency number", with the person's own number when one is set. */
static void test_rule_emergency_words(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	emergency_fill(urgency_advice(URG_EMERGENCY), "000", &sb);
	assert_non_null(strstr(sb.buf, "Call your local emergency number (000) now."));
	strbuf_reset(&sb);
	emergency_fill(urgency_advice(URG_EMERGENCY), NULL, &sb);
	assert_non_null(strstr(sb.buf, "Call your local emergency number now."));
	assert_null(strstr(sb.buf, "911"));
	strbuf_release(&sb);
}

/* ---- the engine's side ---- */

static int start(struct engine *e, const char *routine, const struct session_pass *pass, int pain)
{
	struct engine_opts o = { PACE_DEFAULT, pain, 0, 0, NULL, false, pass };
	return engine_init(e, &cat, catalog_routine(&cat, routine), &o, 0);
}

/* No pass from the gate, no session: a way in around the gate cannot run exercise. */
static void test_rule_engine_needs_a_pass(void **state)
{
	(void)state;
	struct engine e;
	assert_int_equal(start(&e, "act", NULL, 2), ENGINE_NO_PASS);
	struct session_pass forged = { 0, 0, true, false };
	assert_int_equal(start(&e, "act", &forged, 2), ENGINE_NO_PASS);
	assert_int_equal(start(&e, "act", &SIM_PASS, 2), 0);
	engine_release(&e);
}

/* Pain of 8 or more during an exercise ends the whole session with advice. */
static void test_rule_pain_8_ends_session(void **state)
{
	(void)state;
	struct engine e;
	struct strbuf t = STRBUF_INIT;
	assert_int_equal(start(&e, "act", &SIM_PASS, 2), 0);
	sim_send(&e, IN_DONE, 1000, 0, &t);
	sim_send(&e, IN_HURT, 2000, 7, &t);
	assert_int_equal(e.state, ENGINE_OFFER); /* 7: this exercise stops, an easier one is offered */
	engine_release(&e);
	strbuf_reset(&t);
	assert_int_equal(start(&e, "act", &SIM_PASS, 2), 0);
	sim_send(&e, IN_DONE, 1000, 0, &t);
	sim_send(&e, IN_HURT, 2000, 8, &t);
	assert_int_equal(e.state, ENGINE_DONE);
	assert_int_equal(e.stop, STOP_PAIN);
	assert_non_null(strstr(t.buf, "2000 pain 0 lift 8: session ended: pain of 8 or more\n"));
	assert_non_null(strstr(t.buf, "2000 exercise 0 lift status=2"));
	assert_non_null(strstr(t.buf, "say Stop for today: pain of 8 or more is too much."));
	assert_non_null(strstr(t.buf, "2000 end status=3"));
	strbuf_release(&t);
	engine_release(&e);
}

/* A warning sign ends the session: no next exercise starts. */
static void test_rule_warning_ends_session(void **state)
{
	(void)state;
	struct engine e;
	struct strbuf t = STRBUF_INIT;
	assert_int_equal(start(&e, "act", &SIM_PASS, 2), 0);
	sim_send(&e, IN_DONE, 1000, 0, &t);
	sim_send(&e, IN_SYMPTOM, 2000, 0, &t);
	assert_int_equal(e.state, ENGINE_DONE);
	assert_int_equal(e.stop, STOP_WARNING);
	sim_send(&e, IN_DONE, 3000, 0, &t);
	sim_send(&e, IN_SKIP, 4000, 0, &t);
	assert_null(strstr(t.buf, "Next: Neck"));
	strbuf_release(&t);
	engine_release(&e);
}

/* The gentle way: half doses, neck stretches and neck-screened work left out. */
static void test_rule_gentle_way_in_engine(void **state)
{
	(void)state;
	struct engine e;
	assert_int_equal(start(&e, "act", &SIM_PASS_GENTLE, 2), 0);
	assert_int_equal(e.items[0].reps, 3); /* half of 4, kept at 3 (issue 19.10) */
	assert_string_equal(e.items[1].ex->id, "neck-sup"); /* the supported version, halved */
	assert_int_equal(e.items[1].reps, 1);
	assert_int_equal(e.items[2].status, ITEM_LEFT_OUT); /* gentle: false */
	engine_release(&e);
	struct session_pass neck_but_gentle = { SESSION_PASS_SEAL, 0, true, true };
	assert_int_equal(start(&e, "act", &neck_but_gentle, 2), 0);
	assert_string_equal(e.items[1].ex->id, "neck-sup");
	engine_release(&e);
	assert_int_equal(start(&e, "act", &SIM_PASS_NECK, 2), 0);
	assert_string_equal(e.items[1].ex->id, "neck-edge");
	assert_int_not_equal(e.items[2].status, ITEM_LEFT_OUT);
	engine_release(&e);
}

/* Cautions are spoken before each exercise; a neck-screened one waits for the person to
 * say they heard them. */
static void test_rule_cautions_before_exercise(void **state)
{
	(void)state;
	struct engine e;
	struct strbuf t = STRBUF_INIT;
	assert_int_equal(start(&e, "act", &SIM_PASS_NECK, 2), 0);
	sim_record(&e, 0, &t);
	assert_non_null(strstr(t.buf, "0 say Next: Lift. Lie down. Take care: Go easy.\n"));
	sim_send(&e, IN_SKIP, 1000, 0, &t);
	assert_non_null(strstr(t.buf, "Take care: Stop if dizzy. " ENGINE_ACK_WORDS));
	assert_int_equal(engine_deadline(&e), ENGINE_NO_DEADLINE); /* waits, whatever the clock */
	sim_until(&e, 600000, &t);
	assert_int_equal(engine_segment(&e)->kind, SEG_READY);
	sim_send(&e, IN_DONE, 600500, 0, &t);
	assert_int_equal(engine_segment(&e)->kind, SEG_REP_WAIT);
	strbuf_release(&t);
	engine_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_first_screen_required),
		cmocka_unit_test(test_rule_screen_due_after_four_weeks),
		cmocka_unit_test(test_rule_warning_locks_neck_until_clearance),
		cmocka_unit_test(test_rule_latest_is_last_recorded),
		cmocka_unit_test(test_rule_days_answer_holds_until_clearance),
		cmocka_unit_test(test_rule_gentle_by_exercises),
		cmocka_unit_test(test_rule_old_warning_is_not_a_screen),
		cmocka_unit_test(test_rule_lock_answers),
		cmocka_unit_test(test_rule_combination_of_flags),
		cmocka_unit_test(test_rule_routine_answer_gentle),
		cmocka_unit_test(test_rule_gentle_only),
		cmocka_unit_test(test_rule_breaks_only_posture_resets),
		cmocka_unit_test(test_rule_warning_pause_needs_clearance),
		cmocka_unit_test(test_rule_checkin_news),
		cmocka_unit_test(test_rule_rescreen_after_checkins),
		cmocka_unit_test(test_rule_clearance_needs_date_and_substance),
		cmocka_unit_test(test_rule_emergency_words),
		cmocka_unit_test(test_rule_engine_needs_a_pass),
		cmocka_unit_test(test_rule_pain_8_ends_session),
		cmocka_unit_test(test_rule_warning_ends_session),
		cmocka_unit_test(test_rule_gentle_way_in_engine),
		cmocka_unit_test(test_rule_cautions_before_exercise),
	};
	return cmocka_run_group_tests_name("safety", tests, setup, teardown);
}
