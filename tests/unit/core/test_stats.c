/* test_stats.c: outcome analytics: calendar days, change against the pain MCID,
 * flare-ups, adherence, Welch comparisons, Pearson correlations and sparklines.
 * Expected numbers are worked out by hand in the comments (the t quantiles and the
 * exact intervals were checked with mpmath's regularized incomplete beta). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/stats.h"
#include <limits.h>
#include <string.h>

static void check_near(double got, double want, double eps, const char *what, int line)
{
	if (!(got - want <= eps && want - got <= eps)) {
		print_error("line %d: %s = %.10f, want %.10f (within %g)\n", line, what, got, want, eps);
		fail();
	}
}
#define assert_near(got, want, eps) check_near((got), (want), (eps), #got, __LINE__)

#define MAX_DAYS 128

static struct day blank(int d)
{
	struct day x = { .day = d, .pain = STATS_NO_VALUE, .headache = STATS_NO_VALUE,
			 .stiffness = STATS_NO_VALUE, .stress = STATS_NO_VALUE,
			 .sleep = STATS_NO_VALUE, .desk_hours = STATS_NO_VALUE };
	for (int i = 0; i < 6; i++)
		x.region[i] = STATS_NO_VALUE;
	return x;
}

/* n consecutive blank days from `first`, with pains[i] (may be STATS_NO_VALUE). */
static size_t series(struct day *days, int first, const double *pains, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		days[i] = blank(first + (int)i);
		days[i].pain = pains[i];
	}
	return n;
}

static int D(const char *s)
{
	int d = INT_MIN;
	assert_true(day_parse(s, &d));
	return d;
}

/* ---- calendar ---- */

static void test_day_parse(void **state)
{
	(void)state;
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("1969-12-31"), -1);
	assert_int_equal(D("2000-02-29"), 11016); /* 30 years with 7 leap days: 10957, +31 +28 */
	assert_int_equal(D("2000-03-01"), 11017);
	assert_int_equal(D("2024-02-29"), 19782);
	assert_int_equal(D("2026-01-05"), 20458);
	assert_int_equal(D("0000-01-01"), -719528);
	assert_int_equal(D("9999-12-31"), 2932896);

	static const char *const bad[] = {
		"2026-02-29", "2024-02-30", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
		"2026-01-00", "2026-01-32", "2026-1-5", "2026-01-5", "2026-01-05x", "2026-01-05 ",
		" 2026-01-05", "2026/01/05", "20260105", "2026-01-0", "+026-01-05", "2026--1-05", "",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int d = 42;
		if (day_parse(bad[i], &d)) {
			print_error("accepted \"%s\"\n", bad[i]);
			fail();
		}
		assert_int_equal(d, 42); /* untouched on failure */
	}
	int d = 42;
	assert_false(day_parse(NULL, &d));
}

static void test_day_format_weekday(void **state)
{
	(void)state;
	char buf[16];
	day_format(20458, buf);
	assert_string_equal(buf, "2026-01-05");
	day_format(-1, buf);
	assert_string_equal(buf, "1969-12-31");
	day_format(INT_MIN, buf); /* clamped to the 4-digit range */
	assert_string_equal(buf, "0000-01-01");
	day_format(INT_MAX, buf);
	assert_string_equal(buf, "9999-12-31");

	assert_int_equal(day_weekday(0), 3);            /* 1970-01-01, Thursday */
	assert_int_equal(day_weekday(-1), 2);           /* Wednesday */
	assert_int_equal(day_weekday(20458), 0);        /* 2026-01-05, Monday */
	assert_int_equal(day_weekday(D("2024-02-29")), 3);
	assert_int_equal(day_weekday(D("2000-01-01")), 5); /* Saturday */

	/* Every day of years 0000..9999 formats and parses back, weekdays cycle. */
	for (int day = -719528; day <= 2932896; day++) {
		int back = 0;
		day_format(day, buf);
		if (!day_parse(buf, &back) || back != day) {
			print_error("day %d -> %s -> %d\n", day, buf, back);
			fail();
		}
		if (day_weekday(day) != (day_weekday(day - 1) + 1) % 7)
			fail();
	}
}

/* ---- change against baseline ---- */

/* Four weeks of check-ins: pain 6, 5, 3, 2 a week, from Monday 2026-03-02. */
static size_t month(struct day *days, int *first)
{
	double p[28];
	for (int i = 0; i < 28; i++)
		p[i] = i < 7 ? 6 : i < 14 ? 5 : i < 21 ? 3 : 2;
	*first = D("2026-03-02");
	return series(days, *first, p, 28);
}

static void test_change_month(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	int d0;
	size_t n = month(days, &d0);
	int today = d0 + 27;

	assert_near(stats_mean_pain(days, n, d0 + 12, d0 + 15), 4.0, 1e-12); /* (5+5+3+3)/4 */
	assert_near(stats_mean_pain(days, n, d0 - 10, d0 - 1), STATS_NO_VALUE, 0);
	assert_near(stats_mean_pain(days, n, d0 + 5, d0 + 4), STATS_NO_VALUE, 0);

	struct change c = stats_change(days, n, today);
	assert_near(c.baseline, 6.0, 1e-12);
	assert_near(c.current, 2.0, 1e-12);
	assert_near(c.drop, 4.0, 1e-12);
	assert_near(c.drop_pct, 66.6666666667, 1e-9); /* 4 / 6 */
	assert_true(c.enough);
	assert_true(c.meaningful);

	/* Two weeks in: current = week 2 = 5: 1 point, 16.7 %, not meaningful. */
	c = stats_change(days, n, d0 + 13);
	assert_near(c.current, 5.0, 1e-12);
	assert_near(c.drop_pct, 16.6666666667, 1e-9);
	assert_true(c.enough);
	assert_false(c.meaningful);

	/* The baseline week is calendar days: a first week with only 7, 6, 5 on three days
	 * and nothing on the rest still has a mean of 6; the day before the first data day
	 * is not part of it. */
	double p[21] = { 7, STATS_NO_VALUE, 6, STATS_NO_VALUE, STATS_NO_VALUE, 5, STATS_NO_VALUE,
			 9, 9, 9, 9, 9, 9, 9, 2, 2, 2, 3, 3, 3, 3 };
	struct day sparse[22];
	sparse[0] = blank(d0 - 1); /* a day with other data but no pain */
	sparse[0].stress = 5;
	n = 1 + series(sparse + 1, d0, p, 21);
	c = stats_change(sparse, n, d0 + 20);
	assert_near(c.baseline, 6.0, 1e-12);
	assert_near(c.current, 18.0 / 7, 1e-12); /* 2+2+2+3+3+3+3 */
	assert_near(c.drop, 6.0 - 18.0 / 7, 1e-12);
	assert_true(c.enough);
	assert_true(c.meaningful);
}

/* A baseline week of b and a last week of `cur`, two weeks apart. */
static struct change change_of(double b, double cur)
{
	struct day days[21];
	double p[21];
	for (int i = 0; i < 21; i++)
		p[i] = i < 7 ? b : i < 14 ? (b + cur) / 2 : cur;
	series(days, 1000, p, 21);
	return stats_change(days, 21, 1020);
}

static void test_change_mcid(void **state)
{
	(void)state;
	/* 9 -> 6.5: 2.5 points but only 27.8 %: not meaningful. */
	struct change c = change_of(9, 6.5);
	assert_near(c.drop, 2.5, 1e-12);
	assert_near(c.drop_pct, 27.7777777778, 1e-9);
	assert_true(c.enough);
	assert_false(c.meaningful);
	/* 4 -> 2.5: 37.5 % but only 1.5 points: not meaningful. */
	c = change_of(4, 2.5);
	assert_near(c.drop_pct, 37.5, 1e-9);
	assert_false(c.meaningful);
	/* Exactly on both thresholds: 6 -> 4 (2 points, 33 %) and 10 -> 7 (3 points, 30 %). */
	assert_true(change_of(6, 4).meaningful);
	assert_true(change_of(10, 7).meaningful);
	/* Means that are not exact in binary still meet a threshold they meet on paper:
	 * in doubles 6.3 - 4.3 comes out as 1.9999999999999991, and 8 -> 5.6 as 29.999999999999993 %. */
	assert_true(change_of(6.3, 4.3).meaningful);
	assert_true(change_of(8, 5.6).meaningful);
	assert_false(change_of(6.3, 4.31).meaningful);
	assert_false(change_of(8, 5.61).meaningful);
	/* Worse: negative drop. */
	c = change_of(3, 5);
	assert_near(c.drop, -2.0, 1e-12);
	assert_near(c.drop_pct, -66.6666666667, 1e-9);
	assert_false(c.meaningful);
	/* Baseline 0: percentage 0, never meaningful. */
	c = change_of(0, 0);
	assert_near(c.drop_pct, 0, 0);
	assert_false(c.meaningful);
}

static void test_change_not_enough(void **state)
{
	(void)state;
	struct change c = stats_change(NULL, 0, 20000);
	assert_near(c.baseline, STATS_NO_VALUE, 0);
	assert_near(c.current, STATS_NO_VALUE, 0);
	assert_false(c.enough);
	assert_false(c.meaningful);

	/* 13 days from 8 down to 1: the weeks d0..d0+6 and d0+6..d0+12 share a day. */
	struct day days[MAX_DAYS];
	double p[28];
	for (int i = 0; i < 13; i++)
		p[i] = i < 7 ? 8 : 1;
	size_t n = series(days, 500, p, 13);
	c = stats_change(days, n, 512);
	assert_near(c.baseline, 8.0, 1e-12);
	assert_near(c.current, (8 + 6 * 1) / 7.0, 1e-12);
	assert_false(c.enough);
	assert_false(c.meaningful);
	/* One more day and they no longer overlap. */
	c = stats_change(days, n, 513);
	assert_near(c.current, 1.0, 1e-12); /* days 507..512; 513 has no entry */
	assert_true(c.enough);
	assert_true(c.meaningful);

	/* No check-in in the last 7 days: the latest week with data is the one ending at
	 * the last rating (506..512), and it overlaps the first (500..506). */
	c = stats_change(days, n, 530);
	assert_near(c.baseline, 8.0, 1e-12);
	assert_near(c.current, (8 + 6 * 1) / 7.0, 1e-12);
	assert_false(c.recent);
	assert_int_equal(c.current_from, 506);
	assert_int_equal(c.current_to, 512);
	assert_int_equal(c.last_day, 512);
	assert_false(c.enough);
	assert_false(c.meaningful);

	/* Data only after today is ignored. */
	c = stats_change(days, n, 499);
	assert_near(c.baseline, STATS_NO_VALUE, 0);
	assert_false(c.enough);
}

/* Four weeks of a paper diary that ended weeks ago: the first week against the latest
 * week with data, the same verdict as the first meaningful improvement, and a trend
 * window over the span instead of eight empty weeks. */
static void test_change_after_gap(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	double p[28];
	for (int i = 0; i < 28; i++)
		p[i] = i < 7 ? 6 : i < 14 ? 5 : i < 21 ? 3 : 2;
	size_t n = series(days, 1000, p, 28); /* days 1000..1027 */
	int today = 1027 + 70; /* ten weeks later */
	struct change c = stats_change(days, n, today);
	assert_true(c.enough);
	assert_false(c.recent);
	assert_int_equal(c.baseline_from, 1000);
	assert_int_equal(c.baseline_to, 1006);
	assert_int_equal(c.current_from, 1021);
	assert_int_equal(c.current_to, 1027);
	assert_int_equal(c.n_baseline, 7);
	assert_int_equal(c.n_current, 7);
	assert_near(c.baseline, 6.0, 1e-12);
	assert_near(c.current, 2.0, 1e-12);
	assert_true(c.meaningful);
	struct relief r = stats_relief(days, n, today);
	assert_true(r.first_improved_day >= 0); /* and change agrees: meaningful */
	assert_true(r.first_improved_day <= c.current_to);

	struct trend_window w = stats_trend_window(days, n, today, 56);
	assert_false(w.recent);
	assert_int_equal(w.to, 1027);
	assert_int_equal(w.days_per_mark, 1);
	assert_int_equal(w.from, 1027 - 55);
	/* recent data: the last 56 days ending today */
	w = stats_trend_window(days, n, 1030, 56);
	assert_true(w.recent);
	assert_int_equal(w.to, 1030);
	/* a year of data that ended long ago folds into marks of several days */
	struct day year[400];
	double py[365];
	for (int i = 0; i < 365; i++)
		py[i] = 3;
	size_t ny = series(year, 2000, py, 365);
	w = stats_trend_window(year, ny, 2000 + 365 + 100, 56);
	assert_int_equal(w.days_per_mark, 7);
	assert_int_equal(w.to, 2364);
	assert_true(w.from <= 2000);
}

/* ---- flare-ups and relief ---- */

static void test_is_flare(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	double p[10] = { 2, 2, 2, 2, 2, 2, 2, 4, 3.9, 3.5 };
	size_t n = series(days, 100, p, 10);
	assert_true(stats_is_flare(days, n, 107));  /* 4 >= 2 + 2 */
	assert_false(stats_is_flare(days, n, 108)); /* mean of 101..107 = 16/7 = 2.286; 3.9 < 4.286 */
	assert_false(stats_is_flare(days, n, 110)); /* no entry */
	assert_false(stats_is_flare(days, n, 103)); /* 100..102: 3 days, 2 < 4 */

	/* Only two of the previous 7 days have data: never a flare. */
	double q[8] = { 1, STATS_NO_VALUE, STATS_NO_VALUE, STATS_NO_VALUE, 1, STATS_NO_VALUE,
			STATS_NO_VALUE, 9 };
	n = series(days, 100, q, 8);
	assert_false(stats_is_flare(days, n, 107));
	/* Three are enough: after 1, 1, 1 both 9 and exactly 3 are flares, 2.9 is not. */
	days[2].pain = 1;
	assert_true(stats_is_flare(days, n, 107));
	days[7].pain = 3;
	assert_true(stats_is_flare(days, n, 107));
	days[7].pain = 2.9;
	assert_false(stats_is_flare(days, n, 107));
	/* A day without pain data is not a flare. */
	days[7].pain = STATS_NO_VALUE;
	assert_false(stats_is_flare(days, n, 107));
}

/*
 * Five weeks from d0 (offsets): 0-6 pain 6, 7-13 pain 5 but day 10 pain 8, 14-20 pain 3,
 * 21-34 pain 2 but day 25 pain 5, day 30 pain 6, day 33 no data.
 * Baseline = 6. Trailing means (d-6..d): d=16: 8+5+5+5+3+3+3 = 32/7 = 4.571 (drop 1.43);
 * d=17: 5+5+5+3+3+3+3 = 27/7 = 3.857 (drop 2.143 = 35.7 %): first improved day 17.
 * Flares: day 10 (8 >= 39/7 + 2 = 7.571) is before it and does not count;
 * day 25 (5 >= 3+3+3+2+2+2+2 = 17/7 + 2 = 4.429) and day 30 (6 >= 2+2+5+2+2+2+2 = 17/7 + 2)
 * count: 2. Last 28 days ending day 34 = days 7..34: 27 with data; pain <= 2 on
 * days 21..34 except 25, 30, 33: 11.
 */
static size_t five_weeks(struct day *days, int d0)
{
	double p[35];
	for (int i = 0; i < 35; i++)
		p[i] = i < 7 ? 6 : i < 14 ? 5 : i < 21 ? 3 : 2;
	p[10] = 8;
	p[25] = 5;
	p[30] = 6;
	p[33] = STATS_NO_VALUE;
	return series(days, d0, p, 35);
}

static void test_relief(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	int d0 = D("2026-03-02");
	size_t n = five_weeks(days, d0);

	assert_true(stats_is_flare(days, n, d0 + 10));
	assert_true(stats_is_flare(days, n, d0 + 25));
	assert_true(stats_is_flare(days, n, d0 + 30));
	assert_false(stats_is_flare(days, n, d0 + 26)); /* 2 after the spike */

	struct relief r = stats_relief(days, n, d0 + 34);
	assert_int_equal(r.first_improved_day, d0 + 17);
	assert_int_equal(r.flare_ups, 2);
	assert_int_equal(r.days_with_data, 27);
	assert_int_equal(r.days_low, 11);
	assert_near(r.share_low, 11.0 / 27, 1e-12);

	/* Seen on day 27: one flare so far; days 0..27 with data: 28, low: 21..27 but 25 = 6. */
	r = stats_relief(days, n, d0 + 27);
	assert_int_equal(r.first_improved_day, d0 + 17);
	assert_int_equal(r.flare_ups, 1);
	assert_int_equal(r.days_with_data, 28);
	assert_int_equal(r.days_low, 6);

	/* Seen on day 16: not improved yet, so no flare is counted. */
	r = stats_relief(days, n, d0 + 16);
	assert_int_equal(r.first_improved_day, -1);
	assert_int_equal(r.flare_ups, 0);
	assert_int_equal(r.days_with_data, 17);
	assert_int_equal(r.days_low, 0);
	assert_near(r.share_low, 0, 0);

	/* A fast drop, 8 for a week then 1: the trailing week of day 10 (8 8 8 1 1 1 1, mean 4)
	 * already meets the MCID but shares days with the baseline week; the first trailing
	 * week clear of it ends on day 13. */
	double p[14];
	for (int i = 0; i < 14; i++)
		p[i] = i < 7 ? 8 : 1;
	n = series(days, d0, p, 14);
	assert_int_equal(stats_relief(days, n, d0 + 12).first_improved_day, -1);
	assert_int_equal(stats_relief(days, n, d0 + 13).first_improved_day, d0 + 13);

	/* No data at all. */
	r = stats_relief(NULL, 0, d0);
	assert_int_equal(r.days_with_data, 0);
	assert_near(r.share_low, STATS_NO_VALUE, 0);
	assert_int_equal(r.first_improved_day, -1);
}

/* ---- adherence ---- */

static void test_adherence(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	int today = D("2026-06-30");
	/* Days today-45 .. today. Sessions: today-40 (outside the 4 weeks) and 12 inside:
	 * today-27, -25, -22, -20, -17, -15, -12, -9, -3, -2, -1, 0. */
	size_t n = 0;
	for (int d = today - 45; d <= today; d++)
		days[n++] = blank(d);
	static const int sess[] = { -40, -27, -25, -22, -20, -17, -15, -12, -9, -3, -2, -1, 0 };
	for (size_t i = 0; i < sizeof(sess) / sizeof(sess[0]); i++)
		days[45 + sess[i]].session = true;
	/* Headaches >= 1 on 6 days inside, one outside (today-30), one too mild (0.5). */
	static const int ache[] = { -30, -26, -20, -14, -8, -4, 0 };
	for (size_t i = 0; i < sizeof(ache) / sizeof(ache[0]); i++)
		days[45 + ache[i]].headache = 3;
	days[45 - 5].headache = 0.5;
	days[45 - 6].headache = 0;

	struct adherence a = stats_adherence(days, n, today);
	assert_near(a.sessions_per_week, 3.0, 1e-12); /* 12 in 28 days */
	assert_int_equal(a.streak_days, 4);           /* today-3 .. today */
	assert_near(a.headache_days_per_week, 1.5, 1e-12); /* 6 / 4 */

	/* Nothing today yet: the streak still ends yesterday. */
	days[45].session = false;
	a = stats_adherence(days, n, today);
	assert_int_equal(a.streak_days, 3);
	assert_near(a.sessions_per_week, 11 * 7.0 / 28, 1e-12);
	/* Nothing today or yesterday: streak broken. */
	days[44].session = false;
	assert_int_equal(stats_adherence(days, n, today).streak_days, 0);
	/* A missing entry breaks a streak too. */
	days[45].session = true;
	days[44].session = true;
	assert_int_equal(stats_adherence(days, n, today).streak_days, 4);
	memmove(&days[43], &days[44], 2 * sizeof(days[0])); /* drop today-2 */
	assert_int_equal(stats_adherence(days, n - 1, today).streak_days, 2);

	/* Started two weeks ago (today-13): 4 sessions in 14 days = 2 a week. */
	n = 0;
	for (int d = today - 13; d <= today; d++)
		days[n++] = blank(d);
	days[0].session = days[3].session = days[7].session = days[11].session = true;
	a = stats_adherence(days, n, today);
	assert_near(a.sessions_per_week, 2.0, 1e-12);
	assert_int_equal(a.streak_days, 0);
	assert_near(a.headache_days_per_week, 0, 0);

	/* First session today: counted over a week, not over one day. */
	days[0].session = days[3].session = days[7].session = days[11].session = false;
	days[13].session = true;
	a = stats_adherence(days, n, today);
	assert_near(a.sessions_per_week, 1.0, 1e-12);
	assert_int_equal(a.streak_days, 1);

	/* No sessions at all. */
	days[13].session = false;
	assert_near(stats_adherence(days, n, today).sessions_per_week, 0, 0);
	assert_near(stats_adherence(NULL, 0, today).sessions_per_week, 0, 0);
}

/* ---- comparisons ---- */

/*
 * Alternating days from day 0: even days are of kind A, odd days of kind B.
 * Day 2j+1 gets pain g1[j] (the day after an A day), day 2j+2 gets g2[j] (after a B day).
 * Returns 2k+1 days for k values in each group.
 */
static size_t alternate(struct day *days, const double *g1, const double *g2, int k,
			struct day a, struct day b)
{
	for (int i = 0; i <= 2 * k; i++) {
		struct day x = i % 2 == 0 ? a : b;
		x.day = 3000 + i;
		x.pain = i == 0 ? 9 : i % 2 ? g1[(i - 1) / 2] : g2[(i - 2) / 2];
		days[i] = x;
	}
	return (size_t)(2 * k + 1);
}

static size_t sessions_alternate(struct day *days, const double *g1, const double *g2, int k)
{
	struct day session = blank(0), rest = blank(0);
	session.session = true;
	return alternate(days, g1, g2, k, session, rest);
}

/* k values: half lo, half hi (k even), or with one (lo+hi)/2 in the middle (k odd). */
static void two_level(double *g, int k, double lo, double hi)
{
	for (int i = 0; i < k; i++)
		g[i] = i < k / 2 ? lo : hi;
	if (k % 2)
		g[k / 2] = (lo + hi) / 2;
}

static void check_welch(struct comparison c, int n, double m1, double m2, double se, double t)
{
	assert_true(c.enough);
	assert_int_equal(c.n1, n);
	assert_int_equal(c.n2, n);
	assert_near(c.mean1, m1, 1e-12);
	assert_near(c.mean2, m2, 1e-12);
	assert_near(c.diff, m1 - m2, 1e-12);
	/* t of the implementation, to 3 decimals against the table value */
	assert_near((c.hi - c.diff) / se, t, 5e-4);
	assert_near(c.diff - c.lo, c.hi - c.diff, 1e-12);
}

static void test_after_sessions_welch(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	double g1[51], g2[51];

	/*
	 * Unequal variances. After sessions: seven 2s and seven 4s: mean 3, each deviation
	 * +-1, s1^2 = 14/13. After rest: seven 4s and seven 8s: mean 6, s2^2 = 56/13.
	 * se^2 = (14/13)/14 + (56/13)/14 = 1/13 + 4/13 = 5/13, se = 0.6201736729.
	 * Welch df = (5/13)^2 / ((1/13)^2/13 + (4/13)^2/13) = 25*13/17 = 19.1176.
	 * t(0.975, 19.1176) = 2.092152631, half width 1.297497982:
	 * diff -3, CI [-4.297497982, -1.702502018].
	 */
	two_level(g1, 14, 2, 4);
	two_level(g2, 14, 4, 8);
	size_t n = sessions_alternate(days, g1, g2, 14);
	struct comparison c = stats_after_sessions(days, n);
	check_welch(c, 14, 3, 6, 0.6201736729, 2.0921526);
	assert_near(c.lo, -4.297497982, 1e-5);
	assert_near(c.hi, -1.702502018, 1e-5);

	/* Equal variances and sizes: Welch df = n1 + n2 - 2 exactly, so the t quantile
	 * shows. 14 + 14: s^2 = 14/13 each, se^2 = 2/13, se = 0.3922322703, df 26:
	 * t = 2.056 (table), CI [-3.806244978, -2.193755022]. */
	two_level(g2, 14, 5, 7);
	n = sessions_alternate(days, g1, g2, 14);
	c = stats_after_sessions(days, n);
	check_welch(c, 14, 3, 6, 0.3922322703, 2.056);
	assert_near(c.lo, -3.806244978, 1e-5);
	assert_near(c.hi, -2.193755022, 1e-5);

	/* 16 + 16: s^2 = 16/15, se^2 = 2/15, se = 0.3651483717, df 30: t = 2.042. */
	two_level(g1, 16, 2, 4);
	two_level(g2, 16, 5, 7);
	n = sessions_alternate(days, g1, g2, 16);
	check_welch(stats_after_sessions(days, n), 16, 3, 6, 0.3651483717, 2.042);

	/* 51 + 51: 25 of lo, one middle, 25 of hi (+-1): s^2 = 50/50 = 1, se^2 = 2/51,
	 * se = 0.1980295086, df 100: t = 1.984. */
	two_level(g1, 51, 2, 4);
	two_level(g2, 51, 4, 6);
	n = sessions_alternate(days, g1, g2, 51);
	check_welch(stats_after_sessions(days, n), 51, 3, 5, 0.1980295086, 1.984);

	/* One group with no spread: df = n1 - 1 = 13, t = 2.160; se^2 = 1/13. */
	two_level(g1, 14, 2, 4);
	two_level(g2, 14, 5, 5);
	n = sessions_alternate(days, g1, g2, 14);
	check_welch(stats_after_sessions(days, n), 14, 3, 5, 0.2773500981, 2.160);

	/* No spread at all: the interval is the difference. */
	two_level(g1, 14, 3, 3);
	n = sessions_alternate(days, g1, g2, 14);
	c = stats_after_sessions(days, n);
	assert_true(c.enough);
	assert_near(c.lo, -2, 1e-12);
	assert_near(c.hi, -2, 1e-12);
}

static void test_after_sessions_not_enough(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	double g1[14], g2[14];
	two_level(g1, 14, 2, 4);
	two_level(g2, 14, 4, 8);
	/* Drop the last day: 14 after sessions, 13 after rest days. */
	size_t n = sessions_alternate(days, g1, g2, 14) - 1;
	struct comparison c = stats_after_sessions(days, n);
	assert_false(c.enough);
	assert_int_equal(c.n1, 14);
	assert_int_equal(c.n2, 13);

	/* 13 each. */
	n = sessions_alternate(days, g1, g2, 13);
	c = stats_after_sessions(days, n);
	assert_false(c.enough);
	assert_int_equal(c.n1, 13);
	assert_int_equal(c.n2, 13);

	/* Pairs need the next calendar day with pain: a gap or a missing pain loses one. */
	n = sessions_alternate(days, g1, g2, 14);
	days[5].pain = STATS_NO_VALUE; /* day after session day 4 */
	c = stats_after_sessions(days, n);
	assert_int_equal(c.n1, 13);
	assert_int_equal(c.n2, 14);
	assert_false(c.enough);
	memmove(&days[10], &days[11], (n - 11) * sizeof(days[0])); /* day 10 (after rest) gone */
	c = stats_after_sessions(days, n - 1);
	assert_int_equal(c.n1, 12); /* day 10 was a session day: its pair (10, 11) is lost too */
	assert_int_equal(c.n2, 13);

	assert_int_equal(stats_after_sessions(NULL, 0).n1, 0);
	assert_false(stats_after_sessions(NULL, 0).enough);
}

static void test_massage_vs_routine(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	double g1[14], g2[14];
	struct day massage = blank(0), routine = blank(0);
	massage.massage = true;
	routine.session = true;
	routine.massage = true; /* massage and a session: a routine day */

	/* After massage-only days: 2s and 4s; after routine days: 4s and 8s (as above). */
	two_level(g1, 14, 2, 4);
	two_level(g2, 14, 4, 8);
	size_t n = alternate(days, g1, g2, 14, massage, routine);
	struct comparison c = stats_massage_vs_routine(days, n);
	check_welch(c, 14, 3, 6, 0.6201736729, 2.0921526);
	assert_near(c.lo, -4.297497982, 1e-5);

	/* A plain rest day belongs to neither group. */
	days[4] = blank(days[4].day);
	days[4].pain = g2[1];
	c = stats_massage_vs_routine(days, n);
	assert_false(c.enough);
	assert_int_equal(c.n1, 13);
	assert_int_equal(c.n2, 14);

	/* 13 each. */
	n = alternate(days, g1, g2, 13, massage, routine);
	c = stats_massage_vs_routine(days, n);
	assert_false(c.enough);
	assert_int_equal(c.n1, 13);
	assert_int_equal(c.n2, 13);
}

/* ---- correlations ---- */

/*
 * stress 1..14, pain 2 3 3 4 4 5 4 6 5 6 7 6 8 7.
 * Means 7.5 and 5. Sxx = 14 * (14^2 - 1) / 12 = 227.5; Syy = 9+4+4+1+1+0+1+1+0+1+4+1+9+4 = 40;
 * Sxy = 90. r = 90 / sqrt(227.5 * 40) = 90 / sqrt(9100) = 0.9434563531.
 * z = atanh(r) = 1.7686052199, se = 1/sqrt(11) = 0.3015113446;
 * CI = tanh(z -+ 1.959964 * se) = [0.8267103744, 0.9823116584].
 */
static const double stress14[14] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 };
static const double pain14[14] = { 2, 3, 3, 4, 4, 5, 4, 6, 5, 6, 7, 6, 8, 7 };

static void test_pain_vs_stress(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	size_t n = series(days, 200, pain14, 14);
	for (size_t i = 0; i < n; i++)
		days[i].stress = stress14[i];
	struct correlation r = stats_pain_vs_stress(days, n);
	assert_true(r.enough);
	assert_int_equal(r.n, 14);
	assert_near(r.r, 0.9434563531, 1e-9);
	assert_near(r.lo, 0.8267103744, 1e-7);
	assert_near(r.hi, 0.9823116584, 1e-7);

	/* Days missing either value are skipped (same answer with extra half-days). */
	struct day more[MAX_DAYS];
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		more[m] = days[i];
		more[m].day = 200 + 3 * (int)i;
		m++;
		more[m] = blank(200 + 3 * (int)i + 1);
		more[m++].stress = 9;
		more[m] = blank(200 + 3 * (int)i + 2);
		more[m++].pain = 1;
	}
	r = stats_pain_vs_stress(more, m);
	assert_int_equal(r.n, 14);
	assert_near(r.r, 0.9434563531, 1e-9);

	/* 13 days: not enough, and no numbers. */
	r = stats_pain_vs_stress(days, 13);
	assert_false(r.enough);
	assert_int_equal(r.n, 13);
	assert_near(r.r, 0, 0);

	/* Stress always 5: no variance, not enough, not NaN. */
	for (size_t i = 0; i < n; i++)
		days[i].stress = 5;
	r = stats_pain_vs_stress(days, n);
	assert_false(r.enough);
	assert_int_equal(r.n, 14);
	assert_true(r.r == 0 && r.lo == 0 && r.hi == 0);
	assert_false(r.x_varies); /* the reason, said as it is */
	assert_true(r.pain_varies);
}

static void test_pain_vs_desk_hours(void **state)
{
	(void)state;
	struct day days[MAX_DAYS];
	/* Desk hours 15 - stress: the same data mirrored, r = -0.9434563531, CI negated. */
	size_t n = series(days, 200, pain14, 14);
	for (size_t i = 0; i < n; i++)
		days[i].desk_hours = 15 - stress14[i];
	struct correlation r = stats_pain_vs_desk_hours(days, n);
	assert_true(r.enough);
	assert_near(r.r, -0.9434563531, 1e-9);
	assert_near(r.lo, -0.9823116584, 1e-7);
	assert_near(r.hi, -0.8267103744, 1e-7);
	/* Desk hours 0 is data, not missing. */
	days[0].desk_hours = 0;
	assert_int_equal(stats_pain_vs_desk_hours(days, n).n, 14);

	/* Pain exactly 2 * hours: r = 1 and a degenerate interval, not NaN. */
	for (size_t i = 0; i < n; i++) {
		days[i].desk_hours = (double)i * 0.5;
		days[i].pain = (double)i;
	}
	r = stats_pain_vs_desk_hours(days, n);
	assert_true(r.enough);
	assert_near(r.r, 1, 1e-12);
	assert_true(r.lo <= r.hi && r.lo >= 0.99 && r.hi <= 1);

	/* Pain constant: no variance. */
	for (size_t i = 0; i < n; i++)
		days[i].pain = 4;
	r = stats_pain_vs_desk_hours(days, n);
	assert_false(r.enough);
	assert_true(r.r == 0);
	assert_true(r.x_varies);
	assert_false(r.pain_varies);

	/* Stress is not desk hours. */
	assert_int_equal(stats_pain_vs_stress(days, n).n, 0);
}

/* ---- sparkline ---- */

static void test_sparkline(void **state)
{
	(void)state;
	/* 0 -> U+2581, 10 -> U+2588, 5 -> level round(3.5) = 4 (U+2585), missing -> space,
	 * 2.5 -> round(1.75) = 2 (U+2583), 12 -> clamped to U+2588, 1.4 -> round(0.98) = 1. */
	const double v[] = { 0, 10, 5, STATS_NO_VALUE, 2.5, 12, 1.4 };
	char out[64];
	stats_sparkline(v, 7, out, sizeof(out));
	assert_string_equal(out, "\xe2\x96\x81\xe2\x96\x88\xe2\x96\x85 \xe2\x96\x83\xe2\x96\x88\xe2\x96\x82");
	assert_string_equal(out, "▁█▅ ▃█▂");
	assert_int_equal(strlen(out), 6 * 3 + 1);

	/* Exactly big enough: 6 glyphs, a space and the NUL = 20 bytes. */
	char buf[32];
	memset(buf, 'X', sizeof(buf));
	stats_sparkline(v, 7, buf, 20);
	assert_string_equal(buf, "▁█▅ ▃█▂");
	/* Never past out_size, never half a character. */
	static const struct {
		size_t size;
		const char *want;
	} cut[] = {
		{ 19, "▁█▅ ▃█" }, { 16, "▁█▅ ▃" }, { 11, "▁█▅ " }, { 10, "▁█▅" }, { 7, "▁█" },
		{ 6, "▁" }, { 4, "▁" }, { 3, "" }, { 1, "" },
	};
	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		memset(buf, 'X', sizeof(buf));
		stats_sparkline(v, 7, buf, cut[i].size);
		assert_string_equal(buf, cut[i].want);
		for (size_t j = cut[i].size; j < sizeof(buf); j++)
			assert_int_equal(buf[j], 'X');
	}
	memset(buf, 'X', sizeof(buf));
	stats_sparkline(v, 7, buf, 0);
	assert_int_equal(buf[0], 'X');
	stats_sparkline(NULL, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_parse),
		cmocka_unit_test(test_day_format_weekday),
		cmocka_unit_test(test_change_month),
		cmocka_unit_test(test_change_mcid),
		cmocka_unit_test(test_change_not_enough),
		cmocka_unit_test(test_change_after_gap),
		cmocka_unit_test(test_is_flare),
		cmocka_unit_test(test_relief),
		cmocka_unit_test(test_adherence),
		cmocka_unit_test(test_after_sessions_welch),
		cmocka_unit_test(test_after_sessions_not_enough),
		cmocka_unit_test(test_massage_vs_routine),
		cmocka_unit_test(test_pain_vs_stress),
		cmocka_unit_test(test_pain_vs_desk_hours),
		cmocka_unit_test(test_sparkline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
