/* test_psfs.c: the functional scale of the check-in (app/psfs.c) on a real store with a
 * fixed clock and zone: activities named and rated in one call; a fourth activity or a
 * rating of one not named is refused with nothing stored; a rating is due with none
 * followed, not the day after one, and again 7 days after it, counted in the person's
 * zone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/psfs.h"
#include <stdlib.h>
#include <string.h>

#include "app-fx.h"
#include "zones.h"

static const int TODAY = 20600;

struct world {
	struct catalog cat;
	struct tz tz;
	struct app_ctx ctx;
};

static void world(void **state, struct world *w, int64_t now)
{
	struct fx *f = *state;
	catalog_init(&w->cat);
	w->tz = zone_nepal();
	w->ctx = (struct app_ctx){ f->s, &w->cat, now, &w->tz };
}

static size_t count(struct app_ctx *c, size_t *ratings)
{
	struct psfs_activity *a = NULL;
	struct psfs_rating *r = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(c->store->ops->psfs_activities(c->store, &a, &n, &err), 0);
	assert_int_equal(c->store->ops->psfs_ratings(c->store, &r, ratings, &err), 0);
	store_psfs_activities_free(a, n);
	free(r);
	strbuf_release(&err);
	return n;
}

static void test_name_rate_refuse(void **state)
{
	struct world w;
	struct tz nepal = zone_nepal();
	world(state, &w, zone_at(&nepal, TODAY, 9, 0));
	struct strbuf err = STRBUF_INIT;
	size_t nr;
	char *two[] = { (char *)"carry the shopping", (char *)"turn my head" };
	struct app_psfs_rating r[] = { { "turn my head", 4 } };
	assert_int_equal(app_psfs_save(&w.ctx, two, 2, r, 1, "2026-05-28", &err), 0);
	assert_int_equal(count(&w.ctx, &nr), 2);
	assert_int_equal(nr, 1);
	/* two more would make four */
	char *more[] = { (char *)"sleep on my side", (char *)"read" };
	assert_int_equal(app_psfs_save(&w.ctx, more, 2, NULL, 0, "2026-05-28", &err), -1);
	assert_non_null(strstr(err.buf, "at most 3"));
	/* a rating of an activity never named, with one that is: nothing stored */
	strbuf_reset(&err);
	struct app_psfs_rating bad[] = { { "carry the shopping", 5 }, { "swim", 3 } };
	assert_int_equal(app_psfs_save(&w.ctx, NULL, 0, bad, 2, "2026-05-28", &err), -1);
	assert_non_null(strstr(err.buf, "'swim'"));
	assert_int_equal(count(&w.ctx, &nr), 2);
	assert_int_equal(nr, 1);
	/* naming one already followed again adds nothing */
	assert_int_equal(app_psfs_save(&w.ctx, two, 1, NULL, 0, "2026-05-28", &err), 0);
	assert_int_equal(count(&w.ctx, &nr), 2);
	strbuf_release(&err);
}

static void test_due_weekly_in_zone(void **state)
{
	struct world w;
	/* 20:00 UTC on the day before is 01:45 on TODAY in Nepal (+05:45) */
	world(state, &w, ZDAY(TODAY - 1) + ZHM(20, 0));
	struct strbuf err = STRBUF_INIT;
	struct app_psfs_due d;
	assert_int_equal(app_psfs_due(&w.ctx, &d, &err), 0);
	assert_int_equal(d.n, 0);
	assert_true(d.due); /* none followed: ask for them */
	app_psfs_due_release(&d);
	char *one[] = { (char *)"turn my head" };
	struct app_psfs_rating r[] = { { "turn my head", 6 } };
	char date[11];
	day_format(TODAY - 6, date);
	assert_int_equal(app_psfs_save(&w.ctx, one, 1, r, 1, date, &err), 0);
	assert_int_equal(app_psfs_due(&w.ctx, &d, &err), 0);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.names[0], "turn my head");
	assert_false(d.due); /* rated 6 days before today */
	app_psfs_due_release(&d);
	/* 7 days after, by the zone's calendar; in UTC it is still the 6th day */
	w.ctx.now_ms += ZDAY(1);
	assert_int_equal(app_psfs_due(&w.ctx, &d, &err), 0);
	assert_true(d.due);
	app_psfs_due_release(&d);
	struct tz utc = tz_fixed(0);
	w.ctx.tz = &utc;
	assert_int_equal(app_psfs_due(&w.ctx, &d, &err), 0);
	assert_false(d.due);
	app_psfs_due_release(&d);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_name_rate_refuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_weekly_in_zone, setup, teardown),
	};
	return cmocka_run_group_tests_name("psfs", tests, NULL, NULL);
}
