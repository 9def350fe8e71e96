/* test_days.c: folding check-ins and sessions into days (app/days.c): check-ins by
 * date (as the store reads them) and the same in any order give the same days, a
 * day's values are the means of its check-ins, a bad date is left out, and sessions
 * add their days once each, also on days without a check-in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/days.h"
#include "zones.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct checkin ci(const char *date, int pain, int neck, int massage)
{
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "%s", date);
	c.pain = pain;
	c.region[REG_NECK] = neck;
	c.massage = massage;
	return c;
}

static int day_of(const char *date)
{
	int d = 0;
	assert_true(day_parse(date, &d));
	return d;
}

static void same_days(const struct day *a, size_t na, const struct day *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].day, b[i].day);
		assert_true(a[i].pain == b[i].pain);
		assert_true(a[i].region[REG_NECK] == b[i].region[REG_NECK]);
		assert_true(a[i].headache == b[i].headache);
		assert_int_equal(a[i].massage, b[i].massage);
		assert_int_equal(a[i].session, b[i].session);
	}
}

static void test_in_order_and_not(void **state)
{
	(void)state;
	struct tz z = zone_berlin();
	/* by date, then time: two on 03-02, a bad date, a gap */
	struct checkin by_date[] = {
		ci("2026-03-01", 2, 1, 0), ci("2026-03-02", 3, -1, 1), ci("2026-03-02", 6, 4, 0),
		ci("2026-13-40", 9, 9, 1), ci("2026-03-05", 1, -1, -1),
	};
	struct checkin shuffled[] = { by_date[4], by_date[2], by_date[0], by_date[3], by_date[1] };
	/* sessions: on a check-in day, twice on a day without one, and before them all;
	 * one that does not count (nothing done) */
	struct session_row s[] = {
		{ .started_ms = zone_at(&z, day_of("2026-02-20"), 9, 0), .exercises_done = 1 },
		{ .started_ms = zone_at(&z, day_of("2026-03-02"), 9, 0), .exercises_done = 3 },
		{ .started_ms = zone_at(&z, day_of("2026-03-04"), 9, 0), .exercises_done = 2 },
		{ .started_ms = zone_at(&z, day_of("2026-03-04"), 18, 0), .exercises_done = 2 },
		{ .started_ms = zone_at(&z, day_of("2026-03-06"), 9, 0), .exercises_done = 0 },
	};
	struct day *a, *b;
	size_t na, nb;
	app_days_fold(by_date, 5, s, 5, &z, &a, &na);
	app_days_fold(shuffled, 5, s, 5, &z, &b, &nb);
	same_days(a, na, b, nb);
	assert_int_equal(na, 5); /* 02-20, 03-01, 03-02, 03-04, 03-05 */
	assert_int_equal(a[0].day, day_of("2026-02-20"));
	assert_true(a[0].session && a[0].pain == STATS_NO_VALUE && !a[0].massage);
	assert_int_equal(a[1].day, day_of("2026-03-01"));
	assert_true(!a[1].session && a[1].pain == 2 && a[1].region[REG_NECK] == 1);
	assert_int_equal(a[2].day, day_of("2026-03-02"));
	assert_true(a[2].session && a[2].pain == 4.5 && a[2].region[REG_NECK] == 4 && a[2].massage);
	assert_int_equal(a[3].day, day_of("2026-03-04"));
	assert_true(a[3].session && a[3].pain == STATS_NO_VALUE);
	assert_int_equal(a[4].day, day_of("2026-03-05"));
	assert_true(!a[4].session && a[4].pain == 1 && a[4].headache == STATS_NO_VALUE);
	free(a);
	free(b);
	/* sessions in any order, none of the check-ins: still one day each, in order */
	struct session_row back[] = { s[3], s[0], s[2], s[1], s[2] };
	app_days_fold(NULL, 0, back, 5, &z, &a, &na);
	assert_int_equal(na, 3);
	assert_int_equal(a[0].day, day_of("2026-02-20"));
	assert_int_equal(a[1].day, day_of("2026-03-02"));
	assert_int_equal(a[2].day, day_of("2026-03-04"));
	for (size_t i = 0; i < na; i++)
		assert_true(a[i].session && a[i].pain == STATS_NO_VALUE);
	free(a);
	/* nothing at all */
	app_days_fold(NULL, 0, NULL, 0, &z, &a, &na);
	assert_int_equal(na, 0);
	free(a);
}

/* Many days by date (years of them) against the same reversed: the same days. */
static void test_years(void **state)
{
	(void)state;
	struct tz z = zone_nepal();
	size_t n = 3 * 3653;
	struct checkin *c = calloc(n, sizeof(*c)), *r = calloc(n, sizeof(*r));
	int first = day_of("2016-01-01");
	for (size_t i = 0; i < n; i++) {
		char date[11];
		day_format(first + (int)(i / 3), date);
		c[i] = ci(date, (int)(i * 7 % 11), (int)(i % 3) - 1, (int)(i % 2));
	}
	for (size_t i = 0; i < n; i++)
		r[i] = c[n - 1 - i];
	struct session_row s[] = {
		{ .started_ms = zone_at(&z, first - 3, 8, 0), .exercises_done = 1 },
		{ .started_ms = zone_at(&z, first + 100, 8, 0), .exercises_done = 1 },
		{ .started_ms = zone_at(&z, first + 4000, 8, 0), .exercises_done = 1 },
	};
	struct day *a, *b;
	size_t na, nb;
	app_days_fold(c, n, s, 3, &z, &a, &na);
	app_days_fold(r, n, s, 3, &z, &b, &nb);
	assert_int_equal(na, 3653 + 2);
	same_days(a, na, b, nb);
	assert_true(a[0].session && a[101].session && a[na - 1].session);
	free(a);
	free(b);
	free(c);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order_and_not),
		cmocka_unit_test(test_years),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
