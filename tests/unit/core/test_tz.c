/* test_tz.c: local days from instants and zones given as input: fixed offsets, a
 * 45-minute zone, and a zone that changes its offset at night (daylight saving). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/stats.h"
#include "core/tz.h"

static int day(const char *s)
{
	int d = 0;
	assert_true(day_parse(s, &d));
	return d;
}

/* UTC ms of a UTC date and time. */
static int64_t utc(const char *date, int h, int m)
{
	return ((int64_t)day(date) * 86400 + h * 3600 + m * 60) * 1000;
}

static void test_utc(void **state)
{
	(void)state;
	struct tz z = tz_fixed(0);
	assert_int_equal(tz_day_of_ms(&z, utc("2026-03-29", 0, 0)), day("2026-03-29"));
	assert_int_equal(tz_day_of_ms(&z, utc("2026-03-29", 0, 0) - 1), day("2026-03-28"));
	assert_int_equal(tz_seconds_of_day(&z, utc("2026-03-29", 13, 5)), 13 * 3600 + 5 * 60);
	assert_true(tz_day_start_ms(&z, day("2026-03-29")) == utc("2026-03-29", 0, 0));
	/* Before 1970 the day still floors the right way. */
	assert_int_equal(tz_day_of_ms(&z, -1), -1);
}

static void test_chatham(void **state)
{
	(void)state;
	struct tz z = tz_fixed(12 * 3600 + 45 * 60); /* Pacific/Chatham in summer */
	/* 11:15 UTC is 00:00 the next day in Chatham. */
	assert_int_equal(tz_day_of_ms(&z, utc("2026-12-05", 11, 14)), day("2026-12-05"));
	assert_int_equal(tz_day_of_ms(&z, utc("2026-12-05", 11, 15)), day("2026-12-06"));
	assert_true(tz_day_start_ms(&z, day("2026-12-06")) == utc("2026-12-05", 11, 15));
	struct tz w = tz_fixed(-(9 * 3600 + 30 * 60)); /* Pacific/Marquesas */
	assert_int_equal(tz_day_of_ms(&w, utc("2026-12-05", 9, 29)), day("2026-12-04"));
	assert_int_equal(tz_day_of_ms(&w, utc("2026-12-05", 9, 30)), day("2026-12-05"));
}

/* A zone like Europe/Berlin in 2026: +1 h, then +2 h from 29 March 01:00 UTC. */
static int berlin(const struct tz *tz, int64_t s)
{
	(void)tz;
	return s >= utc("2026-03-29", 1, 0) / 1000 ? 7200 : 3600;
}

/* A zone whose clocks jump from 23:59:59 to 01:00 (midnight does not exist), like
 * America/Sao_Paulo's old November change: -3 h, then -2 h from 03:00 UTC. */
static int midnight_jump(const struct tz *tz, int64_t s)
{
	(void)tz;
	return s >= utc("2018-11-04", 3, 0) / 1000 ? -7200 : -10800;
}

static void test_dst(void **state)
{
	(void)state;
	struct tz z = { berlin, 0, 0 };
	/* 22:59 UTC on the 28th is 23:59 local; 23:00 UTC is midnight of the 29th. */
	assert_int_equal(tz_day_of_ms(&z, utc("2026-03-28", 22, 59)), day("2026-03-28"));
	assert_int_equal(tz_day_of_ms(&z, utc("2026-03-28", 23, 0)), day("2026-03-29"));
	assert_true(tz_day_start_ms(&z, day("2026-03-29")) == utc("2026-03-28", 23, 0));
	/* The 29th has 23 hours: the 30th starts at 22:00 UTC. */
	assert_true(tz_day_start_ms(&z, day("2026-03-30")) == utc("2026-03-29", 22, 0));
	assert_int_equal(tz_seconds_of_day(&z, utc("2026-03-29", 1, 30)), 3 * 3600 + 30 * 60);

	struct tz j = { midnight_jump, 0, 0 };
	/* Local 2018-11-04 starts at 01:00 (03:00 UTC). */
	assert_true(tz_day_start_ms(&j, day("2018-11-04")) == utc("2018-11-04", 3, 0));
	assert_int_equal(tz_day_of_ms(&j, utc("2018-11-04", 2, 59)), day("2018-11-03"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utc),
		cmocka_unit_test(test_chatham),
		cmocka_unit_test(test_dst),
	};
	return cmocka_run_group_tests_name("tz", tests, NULL, NULL);
}
