/* test_breaks_stats.c: the break log, written by app_break_log(), counted today and over the last 7 days by the
 * local days of the zone given (app/breaks-stats.c), across a daylight-saving change
 * and with a 45-minute offset, with a fixed clock. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/breaks-stats.h"
#include "store-fx.h"
#include "zones.h"
#include <string.h>

/* Logged as the break coach logs it (app_break_log). */
static void log_break(struct fx *f, int64_t at, enum brk_kind k, enum brk_event_kind e)
{
	struct brk_event ev = { e, k, "", at, "" };
	struct app_ctx ctx = { f->s, NULL, at, NULL };
	assert_int_equal(app_break_log(&ctx, &ev, &f->err), 0);
}

/* The day clocks go forward: 00:30 local is still +01:00, counted today; 23:30 the
 * evening before is yesterday (in UTC both fall on 28 March). */
static void test_dst_day_boundaries(void **state)
{
	struct fx *f = *state;
	struct tz z = zone_berlin();
	int today = MAR29_2026;
	log_break(f, zone_at(&z, today - 1, 23, 30), BRK_MICRO, BEV_TAKEN);
	log_break(f, zone_at(&z, today, 0, 30), BRK_MICRO, BEV_TAKEN);
	log_break(f, zone_at(&z, today, 9, 0), BRK_MOVE, BEV_SKIPPED);
	log_break(f, zone_at(&z, today - 6, 0, 10), BRK_MICRO, BEV_SHOWN);  /* 7 days, today included */
	log_break(f, zone_at(&z, today - 7, 23, 50), BRK_MICRO, BEV_SHOWN); /* 8 days ago: out */
	struct app_ctx ctx = { f->s, NULL, zone_at(&z, today, 10, 0), &z };
	struct break_counts c;
	assert_int_equal(app_breaks_count(&ctx, &c, &f->err), 0);
	assert_int_equal(c.today[BRK_MICRO][BEV_TAKEN], 1);
	assert_int_equal(c.today[BRK_MOVE][BEV_SKIPPED], 1);
	assert_int_equal(c.today[BRK_MICRO][BEV_SHOWN], 0);
	assert_int_equal(c.week[BRK_MICRO][BEV_TAKEN], 2);
	assert_int_equal(c.week[BRK_MICRO][BEV_SHOWN], 1);
	/* the same log in UTC: 23:30 and 00:30 local were both on the 28th */
	struct tz utc = tz_fixed(0);
	ctx.tz = &utc;
	assert_int_equal(app_breaks_count(&ctx, &c, &f->err), 0);
	assert_int_equal(c.today[BRK_MICRO][BEV_TAKEN], 0);
}

/* +12:45: a break at 11:20 UTC is 00:05 the next local day. */
static void test_chatham(void **state)
{
	struct fx *f = *state;
	struct tz z = zone_chatham();
	int day = 20600;
	log_break(f, ZDAY(day) + ZHM(11, 20), BRK_MICRO, BEV_NATURAL);
	log_break(f, ZDAY(day) + ZHM(11, 10), BRK_MICRO, BEV_NATURAL); /* 23:55 the day before */
	struct app_ctx ctx = { f->s, NULL, ZDAY(day) + ZHM(20, 0), &z };
	assert_int_equal(app_today(&ctx), day + 1);
	struct break_counts c;
	assert_int_equal(app_breaks_count(&ctx, &c, &f->err), 0);
	assert_int_equal(c.today[BRK_MICRO][BEV_NATURAL], 1);
	assert_int_equal(c.week[BRK_MICRO][BEV_NATURAL], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dst_day_boundaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chatham, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
