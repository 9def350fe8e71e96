/* test_plan.c: the plan core, rule by rule, with an injected calendar: answers and
 * factor scoring, the weekly part table, flare-ups, the iCalendar export, the
 * progression rules (one test per rule) and the dose steps on the shipped content. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <locale.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sim.h"
#include "core/checkin.h"
#include "core/plan.h"

static struct catalog cat;

/* A reason as the machine formats write it (numbers in C); a few at a time. */
static const char *C(const struct reason *r)
{
	static char bufs[4][REASON_MAX + 64];
	static int k;
	struct strbuf sb = STRBUF_INIT;
	reason_write(r, REASON_C, &sb);
	char *b = bufs[k++ % 4];
	snprintf(b, sizeof(bufs[0]), "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	return b;
}

static int setup(void **state)
{
	(void)state;
	return sim_shipped(&cat);
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(&cat);
	return 0;
}

/* 2026-03-02 is a Monday: the injected "today" of most tests. */
static int monday(void)
{
	int d;
	assert_true(day_parse("2026-03-02", &d));
	assert_int_equal(day_weekday(d), 0);
	return d;
}

/* The injected calendar: one character per day from day `first`, a digit for that
 * day's pain ('a' is 10), '-' for a day without data. Returns how many days it made. */
static size_t mkdays(struct day *out, int first, const char *pains)
{
	size_t n = 0;
	for (size_t i = 0; pains[i]; i++) {
		if (pains[i] == '-')
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].day = first + (int)i;
		out[n].pain = pains[i] == 'a' ? 10 : pains[i] - '0';
		n++;
	}
	return n;
}

static void answers_skipped(double *a)
{
	for (int i = 0; i < AQ__COUNT; i++)
		a[i] = ASSESS_SKIPPED;
}

static double parse_ok(enum aq q, const char *text)
{
	double v;
	const char *why;
	assert_true(assess_parse(q, text, &v, &why));
	return v;
}

static void parse_bad(enum aq q, const char *text)
{
	double v;
	const char *why;
	assert_false(assess_parse(q, text, &v, &why));
	assert_non_null(why);
}

/* ---- assessment ---- */

static void test_parse_answers(void **state)
{
	(void)state;
	assert_true(parse_ok(AQ_DESK_HOURS, "7.5") == 7.5);
	assert_true(parse_ok(AQ_DESK_HOURS, "") == ASSESS_SKIPPED);
	assert_true(parse_ok(AQ_DESK_HOURS, "   ") == ASSESS_SKIPPED);
	parse_bad(AQ_DESK_HOURS, "25");
	parse_bad(AQ_DESK_HOURS, "lots");
	assert_true(parse_ok(AQ_WORK_DAYS, "mon-fri") == WD_WORK);
	assert_true(parse_ok(AQ_WORK_DAYS, "Mon,wed sat") == (1 | 4 | 32));
	assert_true(parse_ok(AQ_WORK_DAYS, "sat-mon") == (1 | 32 | 64));
	assert_true(parse_ok(AQ_WORK_DAYS, "every day") == WD_ALL);
	parse_bad(AQ_WORK_DAYS, "mon-frid");
	assert_true(parse_ok(AQ_BREAKS, "4") == 3);
	assert_true(parse_ok(AQ_BREAKS, "hardly ever") == 3);
	parse_bad(AQ_BREAKS, "0");
	parse_bad(AQ_BREAKS, "5");
	assert_true(parse_ok(AQ_STRESS, "10") == 10);
	parse_bad(AQ_STRESS, "11");
	parse_bad(AQ_STRESS, "7x");
	assert_true(parse_ok(AQ_CHEST_BREATHING, "yes") == 1);
	assert_true(parse_ok(AQ_CHEST_BREATHING, "n") == 0);
	parse_bad(AQ_CHEST_BREATHING, "maybe");
	assert_true(parse_ok(AQ_HEADACHE_DAYS, "7") == 7);
	parse_bad(AQ_HEADACHE_DAYS, "8");
	assert_true(parse_ok(AQ_PAIN_WHERE, "neck upper-back") == ((1 << REG_NECK) | (1 << REG_UPPER_BACK)));
	assert_true(parse_ok(AQ_PAIN_WHERE, "none") == 0);
	parse_bad(AQ_PAIN_WHERE, "knee");
	assert_int_equal(assess_find("desk-hours"), AQ_DESK_HOURS);
	assert_int_equal(assess_find("since"), AQ_SINCE);
	assert_int_equal(assess_find("nope"), -1);
}

static void test_describe_answers(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assess_describe(AQ_DESK_HOURS, 9, &sb);
	strbuf_addch(&sb, '|');
	assess_describe(AQ_WORK_DAYS, WD_WORK, &sb);
	strbuf_addch(&sb, '|');
	assess_describe(AQ_WORK_DAYS, 1 | 2 | 8, &sb);
	strbuf_addch(&sb, '|');
	assess_describe(AQ_SLOUCH, 2, &sb);
	strbuf_addch(&sb, '|');
	assess_describe(AQ_HEADACHE_DAYS, 1, &sb);
	strbuf_addch(&sb, '|');
	assess_describe(AQ_PAIN_WHERE, (1 << REG_NECK) | (1 << REG_CHEST), &sb);
	strbuf_addch(&sb, '|');
	assess_describe(AQ_STRESS, ASSESS_SKIPPED, &sb);
	assert_string_equal(sb.buf, "9 hours|Mon-Fri|Mon, Tue, Thu|often|1 day a week|neck, chest|skipped");
	strbuf_release(&sb);
}

/* Tiers: 9 desk hours count once (2 points), not also as 5+ hours. */
static void test_factor_tiers(void **state)
{
	(void)state;
	double a[AQ__COUNT];
	struct profile p;
	answers_skipped(a);
	a[AQ_DESK_HOURS] = 9;
	profile_build(&p, 100, a);
	assert_int_equal(p.day, 100);
	assert_int_equal(p.f[F_POSTURE].points, 2);
	assert_int_equal(p.f[F_POSTURE].strength, 1);
	assert_string_equal(C(&p.f[F_POSTURE].reason), "9 hours a day at a desk.");
	assert_int_equal(p.f[F_HIPS].points, 1); /* long days of sitting */
	a[AQ_DESK_HOURS] = 4;
	profile_build(&p, 100, a);
	assert_int_equal(p.f[F_POSTURE].points, 0);
	assert_string_equal(C(&p.f[F_POSTURE].reason), "Nothing in your answers points here.");
}

/* Points to strength: 0 none, 1-2 mild, 3-4 moderate, 5+ strong. */
static void test_strength_thresholds(void **state)
{
	(void)state;
	static const struct {
		double stress;
		int chest, holding, shallow;
		int points, strength;
	} cases[] = {
		{ 0, 0, 0, 0, 0, 0 }, { 3, 0, 0, 0, 1, 1 }, { 5, 0, 0, 0, 2, 1 }, { 7, 0, 0, 0, 3, 2 },
		{ 5, 1, 1, 0, 4, 2 }, { 7, 1, 1, 0, 5, 3 }, { 10, 1, 1, 1, 6, 3 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double a[AQ__COUNT];
		struct profile p;
		answers_skipped(a);
		a[AQ_STRESS] = cases[i].stress;
		a[AQ_CHEST_BREATHING] = cases[i].chest;
		a[AQ_BREATH_HOLDING] = cases[i].holding;
		a[AQ_SHALLOW_BREATHING] = cases[i].shallow;
		profile_build(&p, 0, a);
		assert_int_equal(p.f[F_STRESS].points, cases[i].points);
		assert_int_equal(p.f[F_STRESS].strength, cases[i].strength);
	}
}

/* The desk worker of the product: high stress, a tight chest, long days. */
static void stressed_tight(double *a)
{
	answers_skipped(a);
	a[AQ_DESK_HOURS] = 9;
	a[AQ_WORK_DAYS] = WD_WORK;
	a[AQ_BREAKS] = 2;
	a[AQ_SLOUCH] = 2;
	a[AQ_FORWARD_HEAD] = 1;
	a[AQ_ARMS_OVERHEAD] = 2;
	a[AQ_CHEST_TIGHT] = 2;
	a[AQ_HIP_TIGHT] = 0;
	a[AQ_STRESS] = 8;
	a[AQ_CHEST_BREATHING] = 1;
	a[AQ_BREATH_HOLDING] = 1;
	a[AQ_SHALLOW_BREATHING] = 0;
	a[AQ_HEADACHE_DAYS] = 2;
	a[AQ_PAIN_WHERE] = (1 << REG_NECK) | (1 << REG_BETWEEN);
	a[AQ_SINCE] = 2;
}

static void test_reasons_in_words(void **state)
{
	(void)state;
	double a[AQ__COUNT];
	struct profile p;
	stressed_tight(a);
	profile_build(&p, 0, a);
	assert_int_equal(p.f[F_POSTURE].strength, 3); /* 2 + 1 + 2 + 1 */
	assert_string_equal(C(&p.f[F_POSTURE].reason),
			    "9 hours a day at a desk, you slouch often and you get up only every two hours or so.");
	assert_int_equal(p.f[F_FRONT].strength, 3); /* 3 + 2 + 1 */
	assert_string_equal(C(&p.f[F_FRONT].reason), "In the arms-overhead test your arms stayed well off the floor, "
						 "your chest feels tight often and slouching keeps your chest short.");
	assert_int_equal(p.f[F_STRESS].strength, 3); /* 3 + 1 + 1 */
	assert_string_equal(C(&p.f[F_STRESS].reason), "Stress at 8 out of 10, you breathe high in the chest and you hold "
						  "your breath when you concentrate.");
	assert_int_equal(p.f[F_HIPS].strength, 1); /* long days and long stretches: 2 points */
	assert_int_equal(p.f[F_NECK].strength, 3); /* 2 + 2 + 1 */
	assert_string_equal(C(&p.f[F_NECK].reason), "Headaches from the neck 2 days a week, your neck hurts and it has "
						"lasted more than 3 months.");
}

static void test_all_skipped(void **state)
{
	(void)state;
	double a[AQ__COUNT];
	struct profile p;
	answers_skipped(a);
	profile_build(&p, 0, a);
	for (int f = 0; f < F__COUNT; f++) {
		assert_int_equal(p.f[f].strength, 0);
		assert_string_equal(C(&p.f[f].reason), "Nothing in your answers points here.");
	}
}

/* ---- the weekly plan ---- */

static const struct plan_part *part(const struct plan *p, enum module m)
{
	for (size_t i = 0; i < p->n_parts; i++)
		if (p->parts[i].module == m)
			return &p->parts[i];
	return NULL;
}

static struct plan_input input(const struct profile *p)
{
	struct plan_input in = { p, &cat, true, true, false, { false, -1, -1, -1, -1, 0, -1 }, -1, false, false, { 0 }, false };
	return in;
}

static void test_plan_starting(void **state)
{
	(void)state;
	struct plan_input in = input(NULL);
	struct plan p;
	plan_build(&in, &p);
	assert_false(p.assessed);
	assert_true(p.allowed);
	assert_false(p.gentle);
	assert_int_equal(p.n_parts, 4);
	const struct plan_part *act = part(&p, MOD_ACTIVATION), *rel = part(&p, MOD_RELEASE),
			       *br = part(&p, MOD_BREATHING), *pb = part(&p, MOD_POSTURE_BREAK);
	assert_int_equal(act->days, 0x15); /* Mon, Wed, Fri */
	assert_string_equal(act->routine, "upper-back-activation");
	assert_true(act->minutes > 3);
	assert_int_equal(rel->days, 0x15); /* before each activation */
	assert_false(rel->add_on);
	assert_int_equal(br->days, 0x15);
	assert_true(br->add_on);
	assert_int_equal(pb->days, WD_WORK);
	assert_true(pb->all_day);
	assert_non_null(strstr(C(&p.note), "No assessment yet"));
	assert_non_null(strstr(act->why, "supported-head")); /* no neck screen passed */
}

/* The "done when": high stress and a tight chest give daily release and
 * daily breathing, with the reasons. */
static void test_plan_stress_and_chest(void **state)
{
	(void)state;
	double a[AQ__COUNT];
	struct profile pr;
	stressed_tight(a);
	profile_build(&pr, monday(), a);
	struct plan_input in = input(&pr);
	in.neck_clear = true;
	struct plan p;
	plan_build(&in, &p);
	assert_true(p.assessed);
	assert_string_equal(C(&p.note), "");
	const struct plan_part *rel = part(&p, MOD_RELEASE), *br = part(&p, MOD_BREATHING),
			       *act = part(&p, MOD_ACTIVATION);
	assert_int_equal(rel->days, WD_ALL);
	assert_int_equal(rel->factor, F_FRONT);
	assert_non_null(strstr(rel->why, "Daily: your chest and ribs are tight"));
	assert_int_equal(br->days, WD_ALL);
	assert_false(br->add_on);
	assert_int_equal(br->factor, F_STRESS);
	assert_non_null(strstr(br->why, "Daily: stress"));
	assert_int_equal(act->days, 0x5b); /* posture load strong: 5 days */
	assert_null(strstr(act->why, "supported-head"));
}

/* Activation days follow the stronger of posture load and neck, 3 to 5 a week. */
static void test_plan_activation_days(void **state)
{
	(void)state;
	static const struct {
		int posture, neck;
		unsigned days;
		int n;
	} cases[] = { { 0, 0, 0x15, 3 }, { 1, 1, 0x15, 3 }, { 2, 0, 0x55, 4 }, { 0, 2, 0x55, 4 },
		      { 3, 0, 0x5b, 5 }, { 1, 3, 0x5b, 5 } };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct profile pr;
		memset(&pr, 0, sizeof(pr));
		answers_skipped(pr.answers);
		pr.f[F_POSTURE].strength = cases[i].posture;
		pr.f[F_NECK].strength = cases[i].neck;
		struct plan_input in = input(&pr);
		struct plan p;
		plan_build(&in, &p);
		const struct plan_part *act = part(&p, MOD_ACTIVATION);
		assert_int_equal(act->days, cases[i].days);
		assert_int_equal(__builtin_popcount(act->days), cases[i].n);
	}
}

static void test_plan_hips_and_work_days(void **state)
{
	(void)state;
	struct profile pr;
	memset(&pr, 0, sizeof(pr));
	answers_skipped(pr.answers);
	pr.answers[AQ_WORK_DAYS] = 1 | 2 | 4 | 8; /* Mon-Thu */
	pr.f[F_HIPS].strength = 2;
	struct plan_input in = input(&pr);
	struct plan p;
	plan_build(&in, &p);
	assert_int_equal(part(&p, MOD_RELEASE)->days, WD_ALL);
	assert_int_equal(part(&p, MOD_RELEASE)->factor, F_HIPS);
	assert_non_null(strstr(part(&p, MOD_RELEASE)->why, "hips"));
	assert_int_equal(part(&p, MOD_POSTURE_BREAK)->days, 0xf);
	assert_true(part(&p, MOD_BREATHING)->add_on);
	struct strbuf sb = STRBUF_INIT;
	plan_days_describe(0xf, p.work_days, &sb);
	assert_string_equal(sb.buf, "work days (Mon-Thu)");
	strbuf_reset(&sb);
	plan_days_describe(0x15, p.work_days, &sb);
	assert_string_equal(sb.buf, "Mon, Wed, Fri");
	strbuf_reset(&sb);
	plan_days_describe(WD_ALL, p.work_days, &sb);
	assert_string_equal(sb.buf, "daily");
	strbuf_release(&sb);
}

/* The safety screen wins over the plan. */
static void test_plan_screen(void **state)
{
	(void)state;
	struct plan_input in = input(NULL);
	struct plan p;
	in.allowed = false;
	plan_build(&in, &p);
	assert_false(p.allowed);
	assert_int_equal(p.n_parts, 0);
	assert_non_null(strstr(C(&p.note), "warning sign"));
	in.screened = false; /* never screened: the plan shows, and asks for the screen */
	plan_build(&in, &p);
	assert_true(p.allowed);
	assert_int_equal(p.n_parts, 4);
	assert_non_null(strstr(C(&p.note), "unhunch screen"));
}

/* After two weeks the plan offers the assessment again. */
static void test_plan_reassess(void **state)
{
	(void)state;
	double a[AQ__COUNT];
	struct profile pr;
	answers_skipped(a);
	profile_build(&pr, monday(), a);
	struct plan_input in = input(&pr);
	struct plan p;
	in.today = monday() + REASSESS_DAYS - 1;
	plan_build(&in, &p);
	assert_string_equal(C(&p.note), "");
	in.today = monday() + REASSESS_DAYS;
	plan_build(&in, &p);
	assert_string_equal(C(&p.note), "Your assessment is 14 days old: answer the questions again to see what has "
				    "changed (unhunch assess).");
}

/* Old and new plans side by side: only what changed, with the new reason. */
static void test_plan_compare(void **state)
{
	(void)state;
	double a[AQ__COUNT];
	struct profile calm, tight;
	answers_skipped(a);
	profile_build(&calm, monday(), a);
	stressed_tight(a);
	profile_build(&tight, monday() + 14, a);
	struct plan_input in = input(&calm);
	struct plan before, after;
	plan_build(&in, &before);
	in.profile = &tight;
	plan_build(&in, &after);
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(plan_compare(&before, &before, &sb), 0);
	assert_int_equal(sb.len, 0);
	assert_int_equal(plan_compare(&before, &after, &sb), 4);
	assert_non_null(strstr(sb.buf, "Front release: daily (was Mon, Wed, Fri). Daily: your chest and ribs"));
	assert_non_null(strstr(sb.buf, "Breathe and relax: daily (was Mon, Wed, Fri, optional). Daily: stress"));
	assert_non_null(strstr(sb.buf, "Activation routine: Mon, Tue, Thu, Fri, Sun (was Mon, Wed, Fri). 5 days"));
	assert_non_null(strstr(sb.buf, "Posture breaks: work days (Mon-Fri) as before, for a new reason. On work"));
	strbuf_release(&sb);
}

static void test_plan_due(void **state)
{
	(void)state;
	struct plan_input in = input(NULL);
	struct plan p;
	plan_build(&in, &p);
	size_t idx[PLAN_MAX_PARTS];
	int mon = monday();
	assert_int_equal(plan_due(&p, mon, idx), 4);     /* all four on Monday */
	assert_int_equal(plan_due(&p, mon + 1, idx), 1); /* Tuesday: posture breaks only */
	assert_int_equal(p.parts[idx[0]].module, MOD_POSTURE_BREAK);
	assert_int_equal(plan_due(&p, mon + 6, idx), 0); /* Sunday: nothing */
}

/* ---- flare-ups ---- */

static void test_flare_start_and_end(void **state)
{
	(void)state;
	struct day d[64];
	int first = monday() - 20;
	/* a week at 3, then 6 (a flare-up: 3 above), 5, 5 (still more than 1 above), 4 (within 1) */
	size_t n = mkdays(d, first, "3333333655");
	struct flare f = plan_flare(d, n, first + 9);
	assert_true(f.active);
	assert_int_equal(f.since, first + 7);
	assert_true(f.mean == 3);
	assert_int_equal(f.high_days, 3); /* 6, 5, 5: each 2 or more above 3 */
	f = plan_flare(d, n, first + 7);  /* the calendar is injected: as seen on the flare day */
	assert_true(f.active);
	assert_int_equal(f.high_days, 1);
	n = mkdays(d, first, "33333336554");
	f = plan_flare(d, n, first + 10);
	assert_false(f.active);
	assert_int_equal(f.ended_day, first + 10);
	assert_int_equal(f.since, first + 7);
}

static void test_flare_rules(void **state)
{
	(void)state;
	struct day d[64];
	int first = monday() - 20;
	/* only 2 days of data before: not a flare-up (stats_is_flare needs 3) */
	size_t n = mkdays(d, first, "-----336");
	assert_false(plan_flare(d, n, first + 8).active);
	/* 1 point up is not a flare-up */
	n = mkdays(d, first, "33333334");
	assert_false(plan_flare(d, n, first + 7).active);
	/* high for three days in a row */
	n = mkdays(d, first, "3333333666");
	struct flare f = plan_flare(d, n, first + 9);
	assert_true(f.active);
	assert_int_equal(f.high_days, 3);
	/* days after today are not seen */
	n = mkdays(d, first, "33333336");
	assert_false(plan_flare(d, n, first + 6).active);
	/* a gap in the data breaks the run of high days */
	n = mkdays(d, first, "33333336-6");
	f = plan_flare(d, n, first + 9);
	assert_true(f.active);
	assert_int_equal(f.high_days, 1);
}

static void test_plan_gentle(void **state)
{
	(void)state;
	struct day d[64];
	int first = monday() - 10;
	size_t n = mkdays(d, first, "3333333666");
	double a[AQ__COUNT];
	struct profile pr;
	stressed_tight(a);
	profile_build(&pr, first, a);
	struct plan_input in = input(&pr);
	in.flare = plan_flare(d, n, first + 9);
	struct plan p;
	plan_build(&in, &p);
	assert_true(p.gentle);
	assert_null(part(&p, MOD_ACTIVATION));
	const struct plan_part *rel = part(&p, MOD_RELEASE), *sa = part(&p, MOD_RELAXATION);
	assert_true(rel->halved);
	assert_int_equal(rel->days, WD_ALL);
	assert_string_equal(sa->routine, "let-shoulders-go"); /* startable: issue 19.7 */
	assert_int_equal(part(&p, MOD_BREATHING)->days, WD_ALL);
	assert_non_null(strstr(part(&p, MOD_POSTURE_BREAK)->why, "neck stretches"));
	assert_non_null(strstr(C(&p.note), "usual 3. Until it is back to 4 or less, the plan is gentle"));
	assert_non_null(strstr(C(&p.note), "no neck end-range work"));
	assert_non_null(strstr(C(&p.note), "3 days in a row"));
	/* back within a point: the usual plan, said once */
	n = mkdays(d, first, "33333336664");
	in.flare = plan_flare(d, n, first + 10);
	plan_build(&in, &p);
	assert_false(p.gentle);
	assert_non_null(part(&p, MOD_ACTIVATION));
	assert_non_null(strstr(C(&p.note), "settled"));
}

/* ---- calendar ---- */

static void test_ics_fold_escape(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	ics_escape("a,b;c\\d\ne", &sb);
	assert_string_equal(sb.buf, "a\\,b\\;c\\\\d\\ne");
	strbuf_reset(&sb);
	char line[200];
	memset(line, 'x', 160);
	line[160] = '\0';
	ics_fold(line, &sb); /* 75 + 74 + 11 */
	assert_int_equal(sb.len, 160 + 3 * 2 + 2);
	assert_memory_equal(sb.buf + 75, "\r\n x", 4);
	assert_memory_equal(sb.buf + 75 + 3 + 74, "\r\n x", 4);
	strbuf_reset(&sb);
	/* a two-byte letter across the 75th octet moves whole to the next line */
	memset(line, 'x', 74);
	strcpy(line + 74, "\xc3\xa9yz");
	ics_fold(line, &sb);
	assert_memory_equal(sb.buf + 74, "\r\n \xc3\xa9yz\r\n", 9);
	strbuf_release(&sb);
}

static void test_ics_calendar(void **state)
{
	(void)state;
	struct plan_input in = input(NULL);
	struct plan p;
	plan_build(&in, &p);
	struct strbuf sb = STRBUF_INIT;
	int64_t now = (int64_t)monday() * 86400000 + (13 * 3600 + 5 * 60 + 9) * 1000LL;
	plan_ics(&p, monday(), 28, now, &sb);
	/* every line ends CRLF and is at most 75 octets */
	size_t lines = 0, events = 0;
	for (const char *s = sb.buf; *s;) {
		const char *e = strstr(s, "\r\n");
		assert_non_null(e);
		assert_true(e - s <= 75);
		assert_null(memchr(s, '\n', (size_t)(e - s)));
		if (!strncmp(s, "BEGIN:VEVENT", 12))
			events++;
		lines++;
		s = e + 2;
	}
	/* 4 weeks: activation, release and breathing 3 times a week, posture breaks 5 */
	assert_int_equal(events, 4 * (3 + 3 + 3 + 5));
	assert_true(lines > events * 8);
	assert_memory_equal(sb.buf, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 37);
	assert_non_null(strstr(sb.buf, "END:VCALENDAR\r\n"));
	assert_non_null(strstr(sb.buf, "UID:20260302-upper-back-activation@unhunch\r\n"));
	assert_non_null(strstr(sb.buf, "DTSTAMP:20260302T130509Z\r\n"));
	assert_non_null(strstr(sb.buf, "DTSTART:20260302T180000\r\n"));
	/* the break coach's default work hours, 9 to 18 (issue 19.9) */
	assert_non_null(strstr(sb.buf, "DTSTART:20260302T090000\r\nDTEND:20260302T180000\r\n"));
	assert_non_null(strstr(sb.buf, "TRANSP:TRANSPARENT"));
	assert_null(strstr(sb.buf, "20260303-upper-back-activation")); /* not on Tuesday */
	assert_non_null(strstr(sb.buf, "UID:20260327-upper-back-activation@unhunch")); /* the last Friday */
	assert_null(strstr(sb.buf, "UID:20260329-")); /* the last day, a Sunday: nothing due */
	assert_null(strstr(sb.buf, "UID:20260330-")); /* past the 4 weeks */
	strbuf_release(&sb);
}

/* ---- progression rules: one test each ---- */

/* Judge one outcome on day `first + at` of a calendar; today is `first + today`. */
static struct judgement judge(const char *cal, int at, int today, enum feeling feel, int during,
			      const struct outcome *prev, int regressions)
{
	static struct day d[64];
	int first = monday() - 30;
	size_t n = mkdays(d, first, cal);
	struct judge_input in = { { first + at, feel, during, false, false }, prev != NULL, { 0 }, regressions, d, n,
				  first + today, 0 };
	if (prev) {
		in.prev = *prev;
		in.prev.day += first;
	}
	return plan_judge(&in);
}

static void test_rule_warning_sign(void **state)
{
	(void)state;
	static struct day d[16];
	int first = monday() - 10;
	size_t n = mkdays(d, first, "3333333");
	struct judge_input in = { { first + 7, FEEL_EASY, 1, true, false }, false, { 0 }, 0, d, n, first + 9, 0 };
	struct judgement j = plan_judge(&in);
	assert_int_equal(j.v, V_PAUSE);
	assert_string_equal(j.rule, "warning-sign");
	assert_non_null(strstr(C(&j.why), "clinician's clearance"));
}

static void test_rule_high_for_days(void **state)
{
	(void)state;
	/* 5, 5, 5 after a week at 3: the flare-up's reference level counts, not a mean
	 * already raised by the flare-up itself */
	struct judgement j = judge("3333333555", 8, 9, FEEL_RIGHT, 2, NULL, 0);
	assert_int_equal(j.v, V_PAUSE);
	assert_string_equal(j.rule, "high-for-days");
	assert_string_equal(C(&j.why), "your pain has been 2 or more points above your usual 3 for 3 days; check with a "
				   "physiotherapist or a doctor before going on");
}

static void test_rule_red_during(void **state)
{
	(void)state;
	/* pain rules win: easy, but 6 during the session */
	struct judgement j = judge("33333333", 7, 7, FEEL_EASY, 6, NULL, 0);
	assert_int_equal(j.v, V_REGRESS);
	assert_string_equal(j.rule, "red-during");
	assert_string_equal(C(&j.why), "pain reached 6 during the session (6 or more is too much)");
}

static void test_rule_hurt(void **state)
{
	(void)state;
	/* lowering never waits for the next morning */
	struct judgement j = judge("33333333", 7, 7, FEEL_HURT, 2, NULL, 0);
	assert_int_equal(j.v, V_REGRESS);
	assert_string_equal(j.rule, "hurt");
}

static void test_rule_morning_high(void **state)
{
	(void)state;
	struct judgement j = judge("555555556", 7, 8, FEEL_RIGHT, 3, NULL, 0);
	assert_int_equal(j.v, V_REGRESS);
	assert_string_equal(j.rule, "morning-high");
	assert_string_equal(C(&j.why), "the next morning your pain was 6, more than 5");
}

static void test_rule_morning_not_settled(void **state)
{
	(void)state;
	struct judgement j = judge("222222225", 7, 8, FEEL_EASY, 2, NULL, 0);
	assert_int_equal(j.v, V_REGRESS);
	assert_string_equal(j.rule, "morning-not-settled");
	assert_string_equal(C(&j.why), "the next morning your pain (5) had not settled back to your usual 2");
	/* within a point is settled */
	j = judge("222222223", 7, 8, FEEL_EASY, 2, NULL, 0);
	assert_int_equal(j.v, V_HOLD);
}

static void test_rule_week_rising(void **state)
{
	(void)state;
	/* creeping up, never a flare-up, each morning settled against the week before it */
	struct judgement j = judge("2222222334444444", 14, 15, FEEL_EASY, 1, NULL, 0);
	assert_int_equal(j.v, V_REGRESS);
	assert_string_equal(j.rule, "week-rising");
	assert_string_equal(C(&j.why), "your pain is rising: 4 this week against 2.3 the week before");
}

/* A reason keeps its numbers apart: written in C for the machine formats, in the
 * locale for a person; a stored one (written in C) is read back apart, and a sentence
 * no rule says stays as it is. */
static void test_reason_numbers_apart(void **state)
{
	(void)state;
	struct judgement j = judge("2222222334444444", 14, 15, FEEL_EASY, 1, NULL, 0);
	assert_int_equal(j.why.n, 2);
	struct strbuf sb = STRBUF_INIT;
	static const char *const stored[] = {
		"Your pain is rising: 4 this week against 2.3 the week before. Now: 8 reps.",
		("The next morning your pain (4.5) had not settled back to your usual level, and it was already lowered "
		 "last time: two in a row, so it pauses; check with a physiotherapist before going on. Now: paused."),
		"Pain reached 7 during the session (6 or more is too much). Now: 10 reps.",
	};
	static const unsigned nums[] = { 2, 1, 1 };
	for (size_t i = 0; i < sizeof(stored) / sizeof(stored[0]); i++) {
		struct reason r;
		plan_change_reason(stored[i], &r);
		assert_int_equal(r.n, nums[i]);
		assert_string_equal(C(&r), stored[i]);
	}
	/* not a rule's sentence, or a number written otherwise: words only, as stored */
	static const char *const words[] = { "Brought back by you.", "Your pain is rising: 4.55 this week against 2.3",
					     "The next morning your pain was 6,5, more than 5." };
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		struct reason r;
		plan_change_reason(words[i], &r);
		assert_int_equal(r.n, 0);
		assert_string_equal(C(&r), words[i]);
	}
	/* in a German locale the person reads a comma; C stays a point */
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8")) {
		reason_write(&j.why, REASON_LOCALE, &sb);
		assert_string_equal(sb.buf, "your pain is rising: 4 this week against 2,3 the week before");
		assert_string_equal(C(&j.why), "your pain is rising: 4 this week against 2.3 the week before");
		setlocale(LC_NUMERIC, "C");
	}
	strbuf_release(&sb);
}

static void test_rule_wait_for_morning(void **state)
{
	(void)state;
	/* judged over 24-48 hours, not within the session */
	struct judgement j = judge("33333333", 7, 7, FEEL_EASY, 1, NULL, 0);
	assert_int_equal(j.v, V_WAIT);
	assert_string_equal(j.rule, "wait-for-morning");
	j = judge("33333333", 7, 8, FEEL_EASY, 1, NULL, 0); /* the next day, before its check-in */
	assert_int_equal(j.v, V_WAIT);
}

/* Issue 19.6: a session back-filled from a paper diary (entered days later) waits for
 * its next-morning check-in from the day it was entered, is judged with it when it is
 * back-filled too, and is not held forever when it never comes. */
static void test_rule_back_filled_waits_for_its_morning(void **state)
{
	(void)state;
	static struct day d[64];
	int first = monday() - 30;
	size_t n = mkdays(d, first, "3333333");  /* days 0-6; nothing from the session's day 7 on */
	struct judge_input in = { { first + 7, FEEL_EASY, 1, false, false }, false, { 0 }, 0, d, n, first + 10,
				  first + 10 };
	struct judgement j = plan_judge(&in);
	assert_int_equal(j.v, V_WAIT); /* entered on day 10 for day 7: the diary's day 8 may follow */
	assert_string_equal(j.rule, "wait-for-morning");
	in.today = first + 12;
	j = plan_judge(&in);
	assert_int_equal(j.v, V_HOLD); /* two days after entry: no longer waiting */
	assert_string_equal(j.rule, "no-morning-check-in");
	n = mkdays(d, first, "333333333"); /* day 8's check-in back-filled: judged with it */
	in.n_days = n;
	in.today = first + 10;
	j = plan_judge(&in);
	assert_string_equal(j.rule, "easy-once");
}

static void test_rule_amber_during(void **state)
{
	(void)state;
	struct judgement j = judge("333333332", 7, 8, FEEL_EASY, 5, NULL, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "amber-during");
}

static void test_rule_hard(void **state)
{
	(void)state;
	struct judgement j = judge("333333332", 7, 8, FEEL_HARD, 1, NULL, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "hard");
}

static void test_rule_no_morning_check_in(void **state)
{
	(void)state;
	/* two days on and still no morning check-in: the dose stays */
	struct judgement j = judge("33333333", 7, 9, FEEL_EASY, 1, NULL, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "no-morning-check-in");
}

static void test_rule_above_usual(void **state)
{
	(void)state;
	struct judgement j = judge("222222223", 7, 8, FEEL_EASY, 1, NULL, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "above-usual");
}

static void test_rule_two_good_and_easy(void **state)
{
	(void)state;
	struct outcome prev = { 5, FEEL_RIGHT, 2, false, false };
	struct judgement j = judge("333333333", 7, 8, FEEL_EASY, 2, &prev, 0);
	assert_int_equal(j.v, V_PROGRESS);
	assert_string_equal(j.rule, "two-good-and-easy");
	/* the one before was hard: not yet */
	prev.feel = FEEL_HARD;
	j = judge("333333333", 7, 8, FEEL_EASY, 2, &prev, 0);
	assert_string_equal(j.rule, "easy-once");
	/* the one before did not settle by its next morning */
	prev.feel = FEEL_EASY;
	j = judge("333333533", 7, 8, FEEL_EASY, 2, &prev, 0);
	assert_string_equal(j.rule, "easy-once");
	assert_int_equal(j.v, V_HOLD);
	/* the one before was red */
	prev = (struct outcome){ 5, FEEL_EASY, 6, false, false };
	j = judge("333333333", 7, 8, FEEL_EASY, 2, &prev, 0);
	assert_int_equal(j.v, V_HOLD);
}

static void test_rule_easy_once_and_fits(void **state)
{
	(void)state;
	struct judgement j = judge("333333333", 7, 8, FEEL_EASY, 2, NULL, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "easy-once");
	j = judge("333333333", 7, 8, FEEL_RIGHT, 2, NULL, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "fits");
}

static void test_rule_second_regression(void **state)
{
	(void)state;
	struct judgement j = judge("33333333", 7, 7, FEEL_HURT, 2, NULL, 1);
	assert_int_equal(j.v, V_PAUSE);
	assert_string_equal(j.rule, "second-regression");
	assert_non_null(strstr(C(&j.why), "you said it hurt, and it was already lowered last time"));
}

/* Without a usual level (no check-ins the week before), green counts as settled. */
static void test_rule_no_usual(void **state)
{
	(void)state;
	struct outcome prev = { 1, FEEL_EASY, 1, false, false };
	struct judgement j = judge("--2-2", 3, 4, FEEL_EASY, 1, &prev, 0);
	assert_int_equal(j.v, V_PROGRESS);
	j = judge("--------4", 7, 8, FEEL_EASY, 1, NULL, 0);
	assert_int_equal(j.v, V_REGRESS);
	assert_string_equal(j.rule, "morning-not-settled");
	assert_string_equal(C(&j.why), "the next morning your pain (4) had not settled back to your usual level");
}

/* ---- dose steps on the shipped content ---- */

static const struct item *item_of(const char *routine, const char *exercise)
{
	const struct routine *r = catalog_routine(&cat, routine);
	assert_non_null(r);
	for (size_t i = 0; i < r->n_items; i++)
		if (!strcmp(r->items[i].exercise, exercise))
			return &r->items[i];
	fail_msg("no %s in %s", exercise, routine);
	return NULL;
}

static struct dose_state step(const struct item *it, struct dose_state s, enum verdict v, bool neck,
			      const char *want)
{
	struct strbuf what = STRBUF_INIT;
	s = dose_step(&cat, it, s, v, neck, &what);
	if (want)
		assert_string_equal(strbuf_str(&what), want);
	strbuf_release(&what);
	return s;
}

static void test_dose_progress_in_range_then_variant(void **state)
{
	(void)state;
	const struct item *it = item_of("upper-back-activation", "v-raise");
	struct dose_state s = dose_start(&cat, it);
	assert_string_equal(s.exercise, "v-raise");
	assert_int_equal(s.reps, 5); /* the low end of 5-10 */
	s = step(it, s, V_PROGRESS, false, "V-raise: 6 reps (was 5 reps)");
	for (int i = 0; i < 4; i++)
		s = step(it, s, V_PROGRESS, false, NULL);
	assert_int_equal(s.reps, 10);
	/* the top of the range: the same V-raise, slower with a pause at the top */
	s = step(it, s, V_PROGRESS, false, "V-raise, slow, 10 reps instead of V-raise, 10 reps");
	assert_string_equal(s.exercise, "v-raise-slow");
	const struct dose *d = slot_dose(&cat, it, s.exercise);
	int slow = 0;
	for (size_t k = 0; k < d->n_tempo; k++)
		slow += d->tempo[k].seconds;
	assert_true(slow > 4); /* slower than the routine's 2 up, 2 down */
	s = step(it, s, V_PROGRESS, false, NULL); /* then lying: the arms lift their whole weight */
	assert_string_equal(s.exercise, "v-raise-prone");
	assert_int_equal(s.reps, 5); /* at the low end of its own 5-8 */
	for (int i = 0; i < 3; i++)
		s = step(it, s, V_PROGRESS, false, NULL);
	assert_string_equal(s.exercise, "v-raise-prone");
	assert_int_equal(s.reps, 8);
	s = step(it, s, V_PROGRESS, false, NULL); /* then a light weight */
	assert_string_equal(s.exercise, "v-raise-weighted");
	assert_int_equal(s.reps, 8);
	s = step(it, s, V_PROGRESS, false, NULL); /* no harder version */
	assert_string_equal(s.exercise, "v-raise-weighted");
	assert_int_equal(s.reps, 8);
	/* a single dose moves straight on, to a longer hold of the same bridge */
	it = item_of("upper-back-activation", "glute-bridge");
	s = dose_start(&cat, it);
	assert_int_equal(s.reps, 10);
	s = step(it, s, V_PROGRESS, false, NULL);
	assert_string_equal(s.exercise, "glute-bridge-long-hold");
	assert_int_equal(s.reps, 10);
}

/* Issue 19.1: climbing from any item of the activation routine, as far as it goes,
 * never leaves the method's exercise (every step is it or a version of it, except the
 * screened neck exercise) and never asks for more than dumbbells or heavy books; and the
 * reps reach the top of the routine's range before the exercise changes. */
static void test_progression_keeps_the_methods_exercises(void **state)
{
	(void)state;
	const struct routine *r = catalog_routine(&cat, "upper-back-activation");
	assert_non_null(r);
	int versions = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const struct item *it = &r->items[i];
		struct dose_state s = dose_start(&cat, it);
		for (int n = 0; n < 40; n++) {
			const struct dose *d = slot_dose(&cat, it, s.exercise);
			struct dose_state t = step(it, s, V_PROGRESS, false, NULL);
			if (strcmp(t.exercise, s.exercise)) {
				assert_true(!d->reps.max || s.reps == d->reps.max);
				versions++;
			}
			const struct exercise *e = catalog_exercise(&cat, t.exercise);
			assert_non_null(e);
			assert_false(dose_replaced(&cat, it, t.exercise));
			for (size_t k = 0; k < e->n_equipment; k++) {
				assert_null(strstr(e->equipment[k].name, "band"));
				assert_true(strstr(e->equipment[k].name, "dumbbell") != NULL);
			}
			s = t;
		}
	}
	assert_true(versions >= 7); /* bridge 2, superman 1, V-raise 3, push-up 1, shrug roll 2 */
	/* cleared for the neck screen, the neck item may take the method's own bed-edge
	 * version: the one other exercise, agreed to by answering the screen */
	const struct item *it = item_of("upper-back-activation", "neck-range-supported");
	struct dose_state s = dose_start(&cat, it);
	s.reps = 10;
	s = step(it, s, V_PROGRESS, true, NULL);
	assert_string_equal(s.exercise, "neck-range-bed-edge");
	assert_true(dose_replaced(&cat, it, s.exercise));
	/* an older plan on the band exercise: replaced, not a way back, and it climbs no
	 * further; from an easier stand-in the climb leads back to the method's exercise */
	it = item_of("upper-back-activation", "shrug-roll");
	assert_true(dose_replaced(&cat, it, "lateral-raise-band"));
	assert_false(dose_leads_back(&cat, it, "lateral-raise-band"));
	assert_false(dose_replaced(&cat, it, "shrug-roll-no-weight"));
	it = item_of("upper-back-activation", "v-raise");
	assert_true(dose_replaced(&cat, it, "wall-slide-v"));
	assert_true(dose_leads_back(&cat, it, "wall-slide-v"));
	s = dose_state_of("wall-slide-v", 8, 0, false);
	s = step(it, s, V_PROGRESS, false, NULL);
	assert_string_equal(s.exercise, "v-raise");
}

/* Issue 19.1: a different exercise runs only when the person chooses it, only one the
 * content offers with its reason (the bridge march for the glute bridge; never the band
 * exercise), and only once the method's exercise has no harder step of its own left:
 * more reps, a longer hold and slower, then a weight, and only then the offer. The
 * climb itself never takes it; pain brings the routine's own exercise back. */
static bool want_says(const struct strbuf *sb, const char *words)
{
	return strstr(strbuf_str(sb), words) != NULL;
}

static void test_different_exercise_only_by_choice(void **state)
{
	(void)state;
	/* the content: the march offers itself for the bridge, with why; anything offered
	 * needs no more than the method's things; the band exercise is offered for nothing */
	const struct exercise *m = catalog_exercise(&cat, "glute-bridge-march");
	assert_non_null(m);
	assert_non_null(m->instead_of);
	assert_string_equal(m->instead_of, "glute-bridge");
	assert_non_null(m->instead_why);
	assert_non_null(strstr(m->instead_why, "pelvis level"));
	assert_null(catalog_exercise(&cat, "lateral-raise-band")->instead_of);
	for (size_t i = 0; i < cat.n_ex; i++)
		for (size_t k = 0; cat.ex[i].instead_of && k < cat.ex[i].n_equipment; k++)
			assert_null(strstr(cat.ex[i].equipment[k].name, "band"));

	const struct item *it = item_of("upper-back-activation", "glute-bridge");
	struct dose_state s = dose_start(&cat, it), next = { 0 };
	struct strbuf no = STRBUF_INIT;
	/* at the start, and on every step of the bridge's own climb: not yet */
	const char *climb[] = { "glute-bridge", "glute-bridge-long-hold", "glute-bridge-loaded" };
	for (size_t k = 0; k < 3; k++) {
		assert_string_equal(s.exercise, climb[k]);
		if (k < 2) {
			assert_false(dose_switch(&cat, it, s, "glute-bridge-march", &next, &no));
			assert_true(want_says(&no, "Glute bridge still has harder steps of its own"));
			assert_null(dose_offer(&cat, it, s));
			strbuf_reset(&no);
		}
		s = step(it, s, V_PROGRESS, false, NULL);
	}
	/* the top: the climb itself stays on the bridge with a weight */
	assert_string_equal(s.exercise, "glute-bridge-loaded");
	struct dose_state top = step(it, s, V_PROGRESS, false,
				     "no change: already the hardest version at the top of its range");
	assert_string_equal(top.exercise, "glute-bridge-loaded");
	/* now offered, and taken only when asked for, at its own starting dose */
	assert_ptr_equal(dose_offer(&cat, it, s), m);
	assert_true(dose_switch(&cat, it, s, "glute-bridge-march", &next, &no));
	assert_string_equal(strbuf_str(&no), "");
	assert_string_equal(next.exercise, "glute-bridge-march");
	assert_int_equal(next.reps, 5);
	assert_false(next.paused);
	assert_true(dose_replaced(&cat, it, next.exercise));  /* plan --why lists it ... */
	assert_false(dose_leads_back(&cat, it, next.exercise)); /* ... with plan --back */
	assert_null(dose_offer(&cat, it, next));
	assert_false(dose_switch(&cat, it, next, "glute-bridge-march", &next, &no));
	assert_true(want_says(&no, "runs in place of Glute bridge already"));
	strbuf_reset(&no);
	/* going up from the march takes no other exercise; pain goes back to the bridge */
	struct dose_state up = step(it, next, V_PROGRESS, false, NULL);
	assert_string_equal(up.exercise, "glute-bridge-march");
	struct dose_state down = step(it, next, V_REGRESS, false, NULL);
	assert_string_equal(down.exercise, "glute-bridge-loaded");
	assert_false(dose_replaced(&cat, it, down.exercise));
	/* paused at the top: no switch */
	s.paused = true;
	assert_false(dose_switch(&cat, it, s, "glute-bridge-march", &next, &no));
	assert_true(want_says(&no, "paused"));
	assert_null(dose_offer(&cat, it, s));
	strbuf_reset(&no);
	/* not offered for that exercise: the band for the shrug roll, the march for another */
	it = item_of("upper-back-activation", "shrug-roll");
	struct dose_state sr = dose_start(&cat, it);
	for (int n = 0; n < 40; n++)
		sr = step(it, sr, V_PROGRESS, false, NULL);
	assert_false(dose_switch(&cat, it, sr, "lateral-raise-band", &next, &no));
	assert_true(want_says(&no, "is not offered in place of Shrug roll"));
	strbuf_reset(&no);
	assert_false(dose_switch(&cat, it, sr, "glute-bridge-march", &next, &no));
	assert_null(dose_offer(&cat, it, sr));
	strbuf_release(&no);
}

static void test_dose_progress_needs_neck_screen(void **state)
{
	(void)state;
	const struct item *it = item_of("upper-back-activation", "neck-range-supported");
	struct dose_state s = dose_start(&cat, it);
	s.reps = 10;
	struct dose_state t = step(it, s, V_PROGRESS, false,
				   "no change: the harder version waits for a clear neck screen (unhunch screen)");
	assert_string_equal(t.exercise, "neck-range-supported");
	t = step(it, s, V_PROGRESS, true, NULL);
	assert_string_equal(t.exercise, "neck-range-bed-edge");
}

static void test_dose_regress(void **state)
{
	(void)state;
	const struct item *it = item_of("upper-back-activation", "v-raise");
	struct dose_state s = { .exercise = "v-raise", .reps = 10 };
	s = step(it, s, V_REGRESS, false, "V-raise: 7 reps (was 10 reps)"); /* a quarter off */
	s = step(it, s, V_REGRESS, false, NULL);
	assert_int_equal(s.reps, 5);
	s = step(it, s, V_REGRESS, false, NULL); /* the low end: the easier version */
	assert_string_equal(s.exercise, "wall-slide-v");
	it = item_of("upper-back-activation", "glute-bridge");
	s = dose_start(&cat, it);
	s = step(it, s, V_REGRESS, false, NULL);
	assert_string_equal(s.exercise, "glute-bridge-short");
	assert_int_equal(s.reps, 8);
	s = step(it, s, V_REGRESS, false, "no change: already the easiest version at its lowest dose");
	assert_string_equal(s.exercise, "glute-bridge-short");
	/* and back up the chain */
	s = step(it, s, V_PROGRESS, false, NULL);
	assert_string_equal(s.exercise, "glute-bridge");
	assert_int_equal(s.reps, 10);
}

static void test_dose_timed_pause_halved(void **state)
{
	(void)state;
	const struct item *it = item_of("upper-back-activation", "relaxation-snow-angel");
	struct dose_state s = dose_start(&cat, it);
	assert_int_equal(s.duration_s, 60);
	s = step(it, s, V_PROGRESS, false, "Relaxation snow angel: 75 s (was 1 min)");
	s.duration_s = 115;
	s = step(it, s, V_PROGRESS, false, NULL);
	assert_int_equal(s.duration_s, 120); /* never past the range */
	s = step(it, s, V_REGRESS, false, NULL);
	assert_int_equal(s.duration_s, 90);
	s = step(it, s, V_PAUSE, false, "left out for now");
	assert_true(s.paused);
	s = step(it, s, V_HOLD, false, "");
	assert_true(s.paused);
	s = step(it, s, V_RESUME, false, "back in the routine");
	assert_false(s.paused);
	/* issue 19.10: halving keeps a sensible minimum, never 1 rep of an exercise meant for several */
	struct dose_state h = dose_halved(dose_state_of("x", 5, 0, false));
	assert_int_equal(h.reps, 3);
	h = dose_halved(dose_state_of("x", 3, 0, false));
	assert_int_equal(h.reps, 2); /* always less than the full dose */
	h = dose_halved(dose_state_of("x", 10, 0, false));
	assert_int_equal(h.reps, 5);
	h = dose_halved(dose_state_of("x", 2, 0, false));
	assert_int_equal(h.reps, 1);
	h = dose_halved(dose_state_of("x", 1, 0, false));
	assert_int_equal(h.reps, 1);
	h = dose_halved(dose_state_of("x", 0, 90, false));
	assert_int_equal(h.duration_s, 45);
	h = dose_halved(dose_state_of("x", 0, 15, false));
	assert_int_equal(h.duration_s, 10);
}

/* An unknown pain score holds the dose, and never counts as the good session before. */
static void test_rule_pain_unknown_holds(void **state)
{
	(void)state;
	struct outcome prev = { 5, FEEL_RIGHT, 2, false, false };
	struct judgement j = judge("333333333", 7, 8, FEEL_EASY, -1, &prev, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "pain-unknown");
	prev.pain_during = -1;
	j = judge("333333333", 7, 8, FEEL_EASY, 2, &prev, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "easy-once");
}

/* Pain after the session 2+ above the start, or 6+, lowers the dose at once. */
static void test_rule_after_session_lowers(void **state)
{
	(void)state;
	static struct day d[16];
	int first = monday() - 10;
	size_t n = mkdays(d, first, "3333333");
	struct judge_input in = { { first + 7, FEEL_EASY, 2, false, true }, false, { 0 }, 0, d, n, first + 7, 0 };
	struct judgement j = plan_judge(&in);
	assert_int_equal(j.v, V_REGRESS);
	assert_string_equal(j.rule, "after-session");
	assert_true(pain_after_bad(2, 4));
	assert_true(pain_after_bad(-1, 6));
	assert_false(pain_after_bad(2, 3));
	assert_false(pain_after_bad(2, -1));
}

/* Two weeks and no better than the first week (or worse by 2, however slowly): hold,
 * and say see a clinician. */
static void test_rule_not_improving_holds(void **state)
{
	(void)state;
	struct outcome prev = { 11, FEEL_EASY, 2, false, false };
	struct judgement j = judge("555555555555555", 13, 14, FEEL_EASY, 2, &prev, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "not-improving");
	assert_non_null(strstr(C(&j.why), "time to see a physiotherapist or a doctor"));
}

/* While the last 7 days are above the first week, no dose goes up. */
static void test_rule_above_first_week_no_progress(void **state)
{
	(void)state;
	struct outcome prev = { 11, FEEL_EASY, 2, false, false };
	struct judgement j = judge("222222233333333", 13, 14, FEEL_EASY, 2, &prev, 0);
	assert_int_equal(j.v, V_HOLD);
	assert_string_equal(j.rule, "above-first-week");
}

/* The course of the pain: too early, improving, not improving, worse (a slow rise too). */
static void test_course_states(void **state)
{
	(void)state;
	static struct day d[64];
	int first = monday() - 40;
	size_t n = mkdays(d, first, "5555555555");
	assert_int_equal(stats_course(d, n, first + 9).state, COURSE_EARLY);
	n = mkdays(d, first, "66666662222222");
	assert_int_equal(stats_course(d, n, first + 13).state, COURSE_IMPROVING);
	n = mkdays(d, first, "55555555555554");
	assert_int_equal(stats_course(d, n, first + 13).state, COURSE_SO_FAR);
	n = mkdays(d, first, "555555555555555");
	struct course k = stats_course(d, n, first + 14);
	assert_int_equal(k.state, COURSE_NOT_IMPROVING);
	assert_true(k.see_clinician);
	/* four weeks without a meaningful drop: a small one is not enough */
	n = mkdays(d, first, "5555555444444444444444444444444");
	assert_int_equal(stats_course(d, n, first + 30).state, COURSE_NOT_IMPROVING);
	/* a slow rise, never 2 in a week, still counts once it is 2 above the first week */
	n = mkdays(d, first, "3333333344444445555555");
	k = stats_course(d, n, first + 21);
	assert_int_equal(k.state, COURSE_WORSE);
	assert_true(k.see_clinician);
	struct strbuf sb = STRBUF_INIT;
	plan_course_advice(&k, &sb);
	assert_non_null(strstr(sb.buf, "Your pain is worse than in your first week (5 over the last 7 days against 3)"));
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_answers),
		cmocka_unit_test(test_describe_answers),
		cmocka_unit_test(test_factor_tiers),
		cmocka_unit_test(test_strength_thresholds),
		cmocka_unit_test(test_reasons_in_words),
		cmocka_unit_test(test_reason_numbers_apart),
		cmocka_unit_test(test_all_skipped),
		cmocka_unit_test(test_plan_starting),
		cmocka_unit_test(test_plan_stress_and_chest),
		cmocka_unit_test(test_plan_activation_days),
		cmocka_unit_test(test_plan_hips_and_work_days),
		cmocka_unit_test(test_plan_screen),
		cmocka_unit_test(test_plan_reassess),
		cmocka_unit_test(test_plan_compare),
		cmocka_unit_test(test_plan_due),
		cmocka_unit_test(test_flare_start_and_end),
		cmocka_unit_test(test_flare_rules),
		cmocka_unit_test(test_plan_gentle),
		cmocka_unit_test(test_ics_fold_escape),
		cmocka_unit_test(test_ics_calendar),
		cmocka_unit_test(test_rule_warning_sign),
		cmocka_unit_test(test_rule_high_for_days),
		cmocka_unit_test(test_rule_red_during),
		cmocka_unit_test(test_rule_hurt),
		cmocka_unit_test(test_rule_morning_high),
		cmocka_unit_test(test_rule_morning_not_settled),
		cmocka_unit_test(test_rule_week_rising),
		cmocka_unit_test(test_rule_wait_for_morning),
		cmocka_unit_test(test_rule_back_filled_waits_for_its_morning),
		cmocka_unit_test(test_rule_amber_during),
		cmocka_unit_test(test_rule_hard),
		cmocka_unit_test(test_rule_no_morning_check_in),
		cmocka_unit_test(test_rule_above_usual),
		cmocka_unit_test(test_rule_two_good_and_easy),
		cmocka_unit_test(test_rule_easy_once_and_fits),
		cmocka_unit_test(test_rule_second_regression),
		cmocka_unit_test(test_rule_no_usual),
		cmocka_unit_test(test_rule_pain_unknown_holds),
		cmocka_unit_test(test_rule_after_session_lowers),
		cmocka_unit_test(test_rule_not_improving_holds),
		cmocka_unit_test(test_rule_above_first_week_no_progress),
		cmocka_unit_test(test_course_states),
		cmocka_unit_test(test_dose_progress_in_range_then_variant),
		cmocka_unit_test(test_progression_keeps_the_methods_exercises),
		cmocka_unit_test(test_different_exercise_only_by_choice),
		cmocka_unit_test(test_dose_progress_needs_neck_screen),
		cmocka_unit_test(test_dose_regress),
		cmocka_unit_test(test_dose_timed_pause_halved),
	};
	return cmocka_run_group_tests_name("plan", tests, setup, teardown);
}
