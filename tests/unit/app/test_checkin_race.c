/* test_checkin_race.c: one check-in a day (app/checkin.c, once_per_day, as the web
 * takes them) holds when two writers post different check-ins for the same day at the
 * same instant: two threads, each with its own connection to the same store, meet
 * (wait for each other) right after their first call to the store, so both have looked
 * before either writes. Exactly one check-in is stored; the other writer is told the
 * day has one (409 on the web). With the look and the insert as two calls, both
 * stored. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/checkin.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app-fx.h"
#include "zones.h"

static const int TODAY = 20606; /* 2026-06-02 */

/* Where the two writers meet: each one's first call to the store waits (up to 5 s)
 * until both have made it. A look (checkins_list) meets after it has read; a call that
 * looks and writes at once meets before it, so both still run at the same instant. */
static pthread_mutex_t meet_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t meet_cv = PTHREAD_COND_INITIALIZER;
static int arrived;
static _Thread_local bool met;

static void meet(void)
{
	if (met)
		return;
	met = true;
	pthread_mutex_lock(&meet_mu);
	arrived++;
	pthread_cond_broadcast(&meet_cv);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	while (arrived < 2 && pthread_cond_timedwait(&meet_cv, &meet_mu, &until) == 0)
		;
	pthread_mutex_unlock(&meet_mu);
}

static struct store_ops hooked;

static int list_then_meet(struct store *s, struct checkin **rows, size_t *n, struct strbuf *err)
{
	int rc = store_sqlite.checkins_list(s, rows, n, err);
	meet();
	return rc;
}

static int meet_then_add_once(struct store *s, struct checkin *c, struct checkin **day, size_t *n,
			      struct strbuf *err)
{
	meet();
	return store_sqlite.checkin_add_once(s, c, day, n, err);
}

static int meet_then_add(struct store *s, struct checkin *c, struct strbuf *err)
{
	meet();
	return store_sqlite.checkin_add(s, c, err);
}

struct writer {
	const char *db;
	int pain;
	const char *date;
	int rc;
	enum app_checkin_outcome outcome;
	char msg[256];
};

static void *post(void *arg)
{
	struct writer *w = arg;
	struct strbuf err = STRBUF_INIT;
	struct store *s;
	met = false;
	w->rc = -1;
	if (store_open(&s, w->db, &err)) {
		snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
		meet();
		strbuf_release(&err);
		return NULL;
	}
	s->ops = &hooked;
	struct catalog cat;
	catalog_init(&cat);
	struct tz tz = zone_berlin();
	struct app_ctx ctx = { s, &cat, zone_at(&tz, TODAY, 8, 30), &tz };
	struct app_checkin_request rq = { .once_per_day = true };
	checkin_init(&rq.c);
	snprintf(rq.c.date, sizeof(rq.c.date), "%s", w->date);
	rq.c.pain = w->pain;
	struct app_checkin_result res;
	w->rc = app_checkin_record(&ctx, &rq, &res, &err);
	w->outcome = res.outcome;
	snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
	store_close(s);
	strbuf_release(&err);
	return NULL;
}

static void test_same_day_at_once(void **state)
{
	struct fx *f = *state;
	hooked = store_sqlite;
	hooked.checkins_list = list_then_meet;
	hooked.checkin_add_once = meet_then_add_once;
	hooked.checkin_add = meet_then_add;
	static const char *const days[] = { "2026-05-31", "2026-06-01", "2026-06-02" };
	for (size_t d = 0; d < sizeof(days) / sizeof(days[0]); d++) {
		arrived = 0;
		struct writer w[2] = { { f->db, 3, days[d], 0, 0, "" }, { f->db, 7, days[d], 0, 0, "" } };
		pthread_t t[2];
		for (int i = 0; i < 2; i++)
			assert_int_equal(pthread_create(&t[i], NULL, post, &w[i]), 0);
		for (int i = 0; i < 2; i++)
			assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(arrived, 2); /* they did meet */
		for (int i = 0; i < 2; i++)
			if (w[i].rc)
				fail_msg("%s: writer %d failed: %s", days[d], i, w[i].msg);
		int saved = (w[0].outcome == APP_CHECKIN_SAVED) + (w[1].outcome == APP_CHECKIN_SAVED);
		int refused = (w[0].outcome == APP_CHECKIN_EXISTS) + (w[1].outcome == APP_CHECKIN_EXISTS);
		struct checkin *rows;
		size_t n, on_day = 0;
		assert_int_equal(f->s->ops->checkins_list(f->s, &rows, &n, &f->err), 0);
		int kept = -1;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(rows[i].date, days[d])) {
				on_day++;
				kept = rows[i].pain;
			}
		store_checkins_free(rows, n);
		if (on_day != 1 || saved != 1 || refused != 1)
			fail_msg("%s: %zu check-ins stored for the day, %d saved, %d refused", days[d], on_day, saved,
				 refused);
		/* the one stored is the one told it was saved */
		assert_int_equal(kept, w[0].outcome == APP_CHECKIN_SAVED ? 3 : 7);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_day_at_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
