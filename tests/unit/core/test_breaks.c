/* test_breaks.c: the break scheduler, driven by a fake clock and a fake idle source.
 * Every rule of breaks.h has a case: intervals, work hours, pause while away, natural
 * breaks, postpone, skips and the strict limit, notification-only, do-not-disturb,
 * unanswered reminders, the reset rotation from the shipped content, and its focus
 * from the plan's factors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "content/load.h"
#include "core/breaks.h"
#include "core/plan.h"
#include "core/strbuf.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define MIN (60 * 1000LL)
#define HOUR (60 * MIN)
/* Monday 2024-01-01 00:00 UTC */
#define MONDAY 1704067200000LL
#define AT(h, m) (MONDAY + (h) * HOUR + (m) * MIN)

static const char *const rot[] = { "a", "b", "c" };

struct sim {
	struct brk_sched s;
	int64_t now;
	int off;            /* UTC offset, s */
	int64_t idle_from;  /* fake idle source: idle since this time, 0 when active */
	bool dnd;
	struct strbuf log;  /* "HH:MM event kind exercise [detail]" per event, "HH:MM withdraw" */
};

static struct brk_input input(struct sim *m)
{
	struct brk_input in = { m->now, m->off, m->idle_from ? m->now - m->idle_from : 0, m->dnd };
	return in;
}

static void record(struct sim *m)
{
	int64_t local = m->now / 1000 + m->off;
	int day = (int)((local / 86400) - (MONDAY / 1000 / 86400));
	int hh = (int)(local % 86400 / 3600), mm = (int)(local % 3600 / 60), ss = (int)(local % 60);
	char t[32];
	if (ss)
		snprintf(t, sizeof(t), "d%d %02d:%02d:%02d", day, hh, mm, ss);
	else
		snprintf(t, sizeof(t), "d%d %02d:%02d", day, hh, mm);
	if (m->s.withdraw)
		strbuf_addf(&m->log, "%s withdraw\n", t);
	for (size_t i = 0; i < m->s.n_ev; i++) {
		const struct brk_event *e = &m->s.ev[i];
		strbuf_addf(&m->log, "%s %s %s", t, brk_event_names[e->what], brk_kind_names[e->kind]);
		if (*e->exercise)
			strbuf_addf(&m->log, " %s", e->exercise);
		if (*e->detail)
			strbuf_addf(&m->log, " (%s)", e->detail);
		strbuf_addch(&m->log, '\n');
	}
	if (m->s.show && !m->s.reminder.actions)
		strbuf_addf(&m->log, "%s  no actions\n", t);
	else if (m->s.show && !m->s.reminder.can_skip)
		strbuf_addf(&m->log, "%s  no skip\n", t);
}

static void sim_start(struct sim *m, const struct brk_config *cfg, int64_t now)
{
	memset(m, 0, sizeof(*m));
	strbuf_init(&m->log);
	m->now = now;
	struct brk_input in = input(m);
	brk_init(&m->s, cfg, rot, 3, "move-ex", &in);
}

/* Run the clock to `to`, waking only at the scheduler's deadlines (as the daemon does). */
static int run_to(struct sim *m, int64_t to)
{
	int wakes = 0;
	for (;;) {
		int64_t dl = brk_deadline(&m->s, m->off);
		assert_true(dl >= m->now);
		if (dl > to)
			break;
		m->now = dl;
		struct brk_input in = input(m);
		brk_update(&m->s, &in);
		record(m);
		wakes++;
		assert_true(wakes < 1000);
	}
	m->now = to;
	return wakes;
}

/* The idle source reports a change at `at`. */
static void idle_change(struct sim *m, int64_t at, bool idle, int64_t since)
{
	run_to(m, at);
	m->idle_from = idle ? since : 0;
	struct brk_input in = input(m);
	brk_update(&m->s, &in);
	record(m);
}

static void act(struct sim *m, int64_t at, enum brk_action a)
{
	run_to(m, at);
	struct brk_input in = input(m);
	brk_act(&m->s, &in, a);
	record(m);
}

static void expect(struct sim *m, const char *want)
{
	if (strcmp(m->log.buf ? m->log.buf : "", want)) {
		print_error("log:\n%s\nwant:\n%s\n", strbuf_str(&m->log), want);
		fail();
	}
	strbuf_release(&m->log);
}

static struct brk_config defaults(void)
{
	struct brk_config c;
	brk_config_default(&c);
	return c;
}

/* 30-min micro-breaks rotating through the resets, the hourly movement break counting
 * for both, exact deadlines. */
static void test_intervals(void **state)
{
	struct brk_config c = defaults();
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	assert_int_equal(brk_deadline(&m.s, 0), AT(9, 30));
	act(&m, AT(9, 30), BACT_START);
	act(&m, AT(10, 0), BACT_START);
	act(&m, AT(10, 30), BACT_START);
	act(&m, AT(11, 0), BACT_START);
	act(&m, AT(11, 30), BACT_START);
	expect(&m, "d0 09:30 shown micro a\n"
		   "d0 09:30 taken micro a\n"
		   "d0 10:00 shown move move-ex\n"
		   "d0 10:00 taken move move-ex\n"
		   "d0 10:30 shown micro b\n"
		   "d0 10:30 taken micro b\n"
		   "d0 11:00 shown move move-ex\n"
		   "d0 11:00 taken move move-ex\n"
		   "d0 11:30 shown micro c\n"
		   "d0 11:30 taken micro c\n");
	/* taking a break later than due restarts the timer from the answer */
	run_to(&m, AT(12, 0));
	act(&m, AT(12, 1), BACT_START);
	assert_int_equal(brk_deadline(&m.s, 0), AT(12, 31));
	strbuf_release(&m.log);
}

/* Nothing outside work hours: before, after, at weekends; timers start afresh. */
static void test_work_hours(void **state)
{
	struct brk_config c = defaults();
	struct sim m;
	sim_start(&m, &c, AT(7, 0));
	assert_int_equal(brk_deadline(&m.s, 0), AT(9, 0));
	int wakes = run_to(&m, AT(9, 29));
	assert_int_equal(wakes, 1); /* just the start of work */
	act(&m, AT(17, 59), BACT_START); /* the shown 17:30 reminder is long let go */
	strbuf_release(&m.log);
	/* after 18:00 nothing until Tuesday 09:00 */
	run_to(&m, AT(18, 0));
	assert_int_equal(brk_deadline(&m.s, 0), AT(24 + 9, 0));
	/* Friday evening: next is Monday */
	sim_start(&m, &c, AT(4 * 24 + 18, 30));
	assert_int_equal(brk_deadline(&m.s, 0), AT(7 * 24 + 9, 0));
	/* Saturday is not a work day */
	assert_false(brk_in_work_hours(&c, AT(5 * 24 + 10, 0), 0));
	assert_true(brk_in_work_hours(&c, AT(4 * 24 + 10, 0), 0));
	/* local time: UTC+2 means 09:00 local is 07:00 UTC */
	assert_true(brk_in_work_hours(&c, AT(7, 0), 7200));
	assert_false(brk_in_work_hours(&c, AT(6, 59), 7200));
	assert_int_equal(brk_next_work_start(&c, AT(5, 0), 7200), AT(7, 0));
	/* UTC-5: Monday 03:00 UTC is Sunday 22:00 local */
	assert_int_equal(brk_next_work_start(&c, AT(3, 0), -5 * 3600), AT(14, 0));
	/* a due reminder near the end of work: the deadline stops at 18:00 */
	sim_start(&m, &c, AT(17, 45));
	assert_int_equal(brk_deadline(&m.s, 0), AT(18, 0));
	run_to(&m, AT(24 + 8, 0));
	expect(&m, "");
	/* custom hours */
	c.work_days = 0x7f;
	c.work_start_min = 22 * 60;
	c.work_end_min = 23 * 60;
	assert_true(brk_in_work_hours(&c, AT(5 * 24 + 22, 30), 0));
	assert_false(brk_in_work_hours(&c, AT(5 * 24 + 23, 0), 0));
}

/* Away time does not count: a 5-min absence (shorter than any break) moves the
 * reminder 5 min later. */
static void test_pause_while_away(void **state)
{
	struct brk_config c = defaults();
	c.length_ms[BRK_MICRO] = 10 * MIN;
	c.length_ms[BRK_MOVE] = 20 * MIN;
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	idle_change(&m, AT(9, 11), true, AT(9, 10)); /* the source notices after 1 min idle */
	assert_int_equal(brk_deadline(&m.s, 0), AT(9, 20)); /* only to check for a natural break */
	idle_change(&m, AT(9, 15), false, AT(9, 10));
	assert_int_equal(brk_deadline(&m.s, 0), AT(9, 35));
	run_to(&m, AT(9, 35));
	expect(&m, "d0 09:35 shown micro a\n");
	/* idle shorter than the away threshold counts as work */
	sim_start(&m, &c, AT(9, 0));
	m.idle_from = AT(9, 29) + 30000;
	run_to(&m, AT(9, 31));
	expect(&m, "d0 09:30 shown micro a\n");
}

/* Idle at least a break's length counts as that break; the move break as both. */
static void test_natural(void **state)
{
	struct brk_config c = defaults();
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	idle_change(&m, AT(9, 21), true, AT(9, 20));
	run_to(&m, AT(9, 40));
	idle_change(&m, AT(9, 40), false, AT(9, 20));
	expect(&m, "d0 09:21 natural micro\n"
		   "d0 09:25 natural move\n");
	/* back at 09:40: full intervals from then */
	assert_int_equal(brk_deadline(&m.s, 0), AT(10, 10));
	run_to(&m, AT(10, 10));
	expect(&m, "d0 10:10 shown micro a\n");
	/* a natural break while a reminder waits withdraws it */
	idle_change(&m, AT(10, 11), true, AT(10, 10));
	expect(&m, "d0 10:11 withdraw\nd0 10:11 natural micro\n");
}

/* A reminder waiting when the user walks away: let go after answer_ms (no wake-up
 * storm while away), the away stretch still counts as breaks. */
static void test_away_with_reminder(void **state)
{
	struct brk_config c = defaults();
	c.every_ms[BRK_MICRO] = 2 * HOUR; /* only the movement break here */
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	run_to(&m, AT(10, 0));
	idle_change(&m, AT(10, 1) + 30000, true, AT(10, 0) + 30000);
	int wakes = run_to(&m, AT(10, 20));
	assert_true(wakes <= 3);
	expect(&m, "d0 10:00 shown move move-ex\n"
		   "d0 10:01:30 natural micro\n"
		   "d0 10:02 withdraw\n"
		   "d0 10:05:30 natural move\n");
	idle_change(&m, AT(10, 20), false, 0);
	assert_int_equal(brk_deadline(&m.s, 0), AT(11, 20));
}

/* Idle that an earlier call counted as work (under away_ms then) is taken back once
 * the source says the user went away from that moment. */
static void test_away_backdated(void **state)
{
	struct brk_config c = defaults();
	c.length_ms[BRK_MICRO] = 10 * MIN;
	c.length_ms[BRK_MOVE] = 20 * MIN;
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	m.idle_from = AT(9, 10);
	run_to(&m, AT(9, 10) + 40000);
	struct brk_input in = input(&m); /* e.g. do-not-disturb changed: idle 40 s, present */
	brk_update(&m.s, &in);
	idle_change(&m, AT(9, 11), true, AT(9, 10));
	idle_change(&m, AT(9, 15), false, 0);
	assert_int_equal(brk_deadline(&m.s, 0), AT(9, 35)); /* 10 min before, 20 after */
	expect(&m, "");
}

/* Back from an absence no deadline saw (a suspend): the stretch still counts. */
static void test_natural_on_return(void **state)
{
	struct brk_config c = defaults();
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	run_to(&m, AT(9, 10));
	m.now = AT(9, 20); /* no wakes between: the machine slept */
	struct brk_input in = { AT(9, 20), 0, 10 * MIN, false };
	brk_update(&m.s, &in);
	record(&m);
	expect(&m, "d0 09:20 natural move\n");
	m.now = AT(9, 21);
	struct brk_input back = { AT(9, 21), 0, 0, false };
	brk_update(&m.s, &back);
	assert_int_equal(brk_deadline(&m.s, 0), AT(9, 51));
}

/* "In 5 min" postpones from the answer; the same reset comes back then. */
static void test_postpone(void **state)
{
	struct brk_config c = defaults();
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	run_to(&m, AT(9, 30));
	act(&m, AT(9, 31), BACT_POSTPONE);
	assert_int_equal(brk_deadline(&m.s, 0), AT(9, 36));
	act(&m, AT(9, 36), BACT_START);
	expect(&m, "d0 09:30 shown micro a\n"
		   "d0 09:31 postponed micro a\n"
		   "d0 09:36 shown micro a\n"
		   "d0 09:36 taken micro a\n");
	/* an action with nothing pending is ignored */
	act(&m, AT(9, 40), BACT_SKIP);
	expect(&m, "");
}

/* Skip restarts the timer; strict mode allows skips_per_day, then Skip is not offered
 * and counts as a postponement; the count starts again the next day. */
static void test_skip_limit(void **state)
{
	struct brk_config c = defaults();
	c.mode = BMODE_STRICT;
	c.skips_per_day = 1;
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	act(&m, AT(9, 30), BACT_SKIP);
	act(&m, AT(10, 0), BACT_SKIP);
	act(&m, AT(10, 5), BACT_START);
	expect(&m, "d0 09:30 shown micro a\n"
		   "d0 09:30 skipped micro a\n"
		   "d0 10:00 shown move move-ex\n"
		   "d0 10:00  no skip\n"
		   "d0 10:00 postponed move move-ex (no skips left today)\n"
		   "d0 10:05 shown move move-ex\n"
		   "d0 10:05  no skip\n"
		   "d0 10:05 taken move move-ex\n");
	run_to(&m, AT(24 + 9, 30));
	strbuf_release(&m.log);
	act(&m, AT(24 + 9, 30), BACT_SKIP);
	expect(&m, "d1 09:30 skipped micro a\n");
	/* normal mode: skips are never limited */
	c.mode = BMODE_NORMAL;
	sim_start(&m, &c, AT(9, 0));
	for (int h = 0; h < 4; h++)
		act(&m, AT(9 + h, 30), BACT_SKIP);
	assert_null(strstr(m.log.buf, "no skip"));
	assert_null(strstr(m.log.buf, "postponed"));
	strbuf_release(&m.log);
}

/* Notification-only: shown without actions, counted done, nothing waits. */
static void test_notify_only(void **state)
{
	struct brk_config c = defaults();
	c.mode = BMODE_NOTIFY_ONLY;
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	run_to(&m, AT(10, 0));
	expect(&m, "d0 09:30 shown micro a\n"
		   "d0 09:30  no actions\n"
		   "d0 10:00 shown move move-ex\n"
		   "d0 10:00  no actions\n");
	assert_int_equal(m.s.pending, -1);
}

/* Do-not-disturb postpones a due reminder; it shows once do-not-disturb is off. */
static void test_dnd(void **state)
{
	struct brk_config c = defaults();
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	m.dnd = true;
	run_to(&m, AT(9, 40));
	m.dnd = false;
	run_to(&m, AT(9, 45));
	expect(&m, "d0 09:30 postponed micro (do not disturb)\n"
		   "d0 09:35 postponed micro (do not disturb)\n"
		   "d0 09:40 postponed micro (do not disturb)\n"
		   "d0 09:45 shown micro a\n");
}

/* A reminder nobody answers is withdrawn after answer_ms and the timer restarts. */
static void test_unanswered(void **state)
{
	struct brk_config c = defaults();
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	run_to(&m, AT(9, 32));
	expect(&m, "d0 09:30 shown micro a\nd0 09:32 withdraw\n");
	assert_int_equal(brk_deadline(&m.s, 0), AT(10, 0));
}

/* Wall clock only (no idle source), nobody answering: in a whole work day the
 * scheduler wakes only when something is due. */
static void test_wakes(void **state)
{
	struct brk_config c = defaults();
	struct sim m;
	sim_start(&m, &c, AT(9, 0));
	int wakes = run_to(&m, AT(23, 0));
	/* 17 reminders, each let go 2 min later, and the end of work at 18:00 */
	assert_int_equal(wakes, 17 * 2 + 1);
	assert_non_null(strstr(m.log.buf, "d0 17:46 shown micro c\nd0 17:48 withdraw\n"));
	strbuf_release(&m.log);
}

/* The rotation from the shipped posture-breaks routine, with and without focus. */
static void test_rotation(void **state)
{
	struct catalog cat;
	struct diags d;
	catalog_init(&cat);
	diags_init(&d);
	content_load_dir(&cat, UNHUNCH_SRC_DATADIR, &d);
	diags_release(&d);
	const char *ids[64];
	size_t n = brk_rotation(&cat, "posture-breaks", 0, ids, 64);
	const struct routine *r = catalog_routine(&cat, "posture-breaks");
	assert_non_null(r);
	assert_int_equal(n, r->n_items - 1);
	assert_string_equal(ids[0], r->items[0].exercise);
	assert_string_equal(brk_move_exercise(&cat, "posture-breaks"), "get-up-and-move");
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(ids[i], "get-up-and-move");
	n = brk_rotation(&cat, "posture-breaks", BRK_FOCUS_CHEST | BRK_FOCUS_BREATHING, ids, 64);
	assert_string_equal(ids[0], "seated-chest-opener");
	assert_string_equal(ids[2], "breathing-reset");
	assert_string_equal(ids[4], "seated-chest-opener");
	assert_string_not_equal(ids[1], "seated-chest-opener");
	assert_int_equal(brk_rotation(&cat, "no-such-routine", 0, ids, 64), 0);
	catalog_free(&cat);
}

/* The plan's factors choose the focus: scored answers, not set strengths. */
static void test_focus_from_factors(void **state)
{
	double a[AQ__COUNT];
	struct profile p;
	for (int i = 0; i < AQ__COUNT; i++)
		a[i] = ASSESS_SKIPPED;
	profile_build(&p, 100, a);
	assert_int_equal(brk_focus_from_factors(p.f), 0);
	a[AQ_STRESS] = 8; /* strong stress: breathing */
	profile_build(&p, 100, a);
	assert_true(p.f[F_STRESS].strength >= 2);
	assert_int_equal(brk_focus_from_factors(p.f), BRK_FOCUS_BREATHING);
	a[AQ_STRESS] = 3; /* some stress only: not enough */
	profile_build(&p, 100, a);
	assert_int_equal(brk_focus_from_factors(p.f), 0);
	a[AQ_CHEST_TIGHT] = 2; /* a tight chest and arms well off the floor: chest opener */
	a[AQ_ARMS_OVERHEAD] = 2;
	profile_build(&p, 100, a);
	assert_int_equal(brk_focus_from_factors(p.f), BRK_FOCUS_CHEST);
	a[AQ_STRESS] = 7;
	profile_build(&p, 100, a);
	assert_int_equal(brk_focus_from_factors(p.f), BRK_FOCUS_CHEST | BRK_FOCUS_BREATHING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intervals),   cmocka_unit_test(test_work_hours),
		cmocka_unit_test(test_pause_while_away), cmocka_unit_test(test_natural),
		cmocka_unit_test(test_natural_on_return), cmocka_unit_test(test_away_with_reminder),
		cmocka_unit_test(test_away_backdated),
		cmocka_unit_test(test_postpone),    cmocka_unit_test(test_skip_limit),
		cmocka_unit_test(test_notify_only), cmocka_unit_test(test_dnd),
		cmocka_unit_test(test_unanswered),  cmocka_unit_test(test_wakes),
		cmocka_unit_test(test_rotation),    cmocka_unit_test(test_focus_from_factors),
	};
	return cmocka_run_group_tests_name("breaks", tests, NULL, NULL);
}
