/* test_progress.c: the progress use case (app/progress.c) with a fixed clock and
 * zone: sessions and check-ins fall on local days, so the streak and the trend follow
 * the person's zone (+12:45 here), and an empty store gives nothing to show. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/progress.h"
#include "app-fx.h"
#include "format/progress.h"
#include "zones.h"

#define D 20600

static void test_empty(void **state)
{
	struct fx *f = *state;
	struct tz z = zone_chatham();
	struct app_ctx ctx = { f->s, NULL, ZDAY(D), &z };
	struct app_progress p;
	assert_int_equal(app_progress(&ctx, &p, &f->err), 0);
	assert_int_equal(p.n_days, 0);
	struct strbuf out = STRBUF_INIT;
	format_progress_text(&p, &out);
	assert_non_null(strstr(out.buf, "No check-ins or sessions yet"));
	strbuf_release(&out);
	app_progress_release(&p);
}

/* Two sessions on one UTC day are two local days in +12:45: a streak of 2. */
static void test_streak_local_days(void **state)
{
	struct fx *f = *state;
	struct tz z = zone_chatham();
	fx_session(f, "act", ZDAY(D) + ZHM(10, 0), 10, 3, 2);  /* 22:45 local, day D */
	fx_session(f, "act", ZDAY(D) + ZHM(12, 0), 10, 3, 2);  /* 00:45 local, day D+1 */
	fx_checkin(f, D + 1, ZDAY(D) + ZHM(12, 30), 4);
	struct app_ctx ctx = { f->s, NULL, ZDAY(D + 1) + ZHM(7, 0), &z }; /* 19:45 local on D+1 */
	struct app_progress p;
	assert_int_equal(app_progress(&ctx, &p, &f->err), 0);
	assert_int_equal(p.today, D + 1);
	assert_int_equal(p.n_days, 2);
	assert_int_equal(p.ad.streak_days, 2);
	assert_true(p.mean7[0] > 3.99 && p.mean7[0] < 4.01);
	app_progress_release(&p);
	/* in UTC it is one day, and the streak is 1 */
	struct tz utc = tz_fixed(0);
	ctx.tz = &utc;
	assert_int_equal(app_progress(&ctx, &p, &f->err), 0);
	assert_int_equal(p.ad.streak_days, 1);
	struct strbuf out = STRBUF_INIT;
	format_progress_json(&p, &out);
	assert_non_null(strstr(out.buf, "\"streak_days\": 1"));
	strbuf_release(&out);
	app_progress_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_streak_local_days, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
