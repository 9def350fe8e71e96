/* test_group.c: group commit (app/group.c). Check-ins posted at the same time by many
 * threads share batches and are all stored, each told only once its batch is committed
 * (another connection sees its row when it is told); in one batch, a write that fails
 * is undone alone, a refused check-in stores nothing, a second post under the same
 * idempotency key gets the first answer and the key is kept once, and the rest are
 * kept; a commit that fails tells every write it was not saved, and none is. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/checkin-keyed.h"
#include "app/checkin.h"
#include "app/group.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app-fx.h"
#include "zones.h"

static const int TODAY = 20606; /* 2026-06-02 */

static struct catalog cat; /* empty: the gate fails closed, cheaply */
static struct tz berlin;
static struct store *reader; /* another connection, read on the committer's thread in done() */

struct post {
	struct app_group_job job; /* first */
	char date[11];
	int pain;
	const char *key;          /* an Idempotency-Key, or NULL */
	bool fail_after_write;    /* writes its check-in, then fails */
	int rc;
	struct app_checkin_result res;
	bool repeat;              /* keyed: answered with the first answer */
	char *answer;             /* keyed: the answer kept */
	enum app_group_outcome outcome;
	bool told, visible;       /* done() was called; its day was in the store by then */
	char why[256];
};

static pthread_mutex_t told_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t told_cv = PTHREAD_COND_INITIALIZER;
static int n_told;

static char *answer_of(void *arg, const struct app_checkin_result *res, const char *gate_why, int *status)
{
	(void)arg;
	(void)gate_why;
	*status = 201;
	char *s = malloc(64);
	snprintf(s, 64, "{\"saved\": \"%s\"}", res->saved.date);
	return s;
}

static int post_run(struct app_group_job *j, struct store *st)
{
	struct post *p = (struct post *)j;
	struct app_ctx ctx = { st, &cat, zone_at(&berlin, TODAY, 8, 30), &berlin };
	struct app_checkin_request rq = { .once_per_day = true };
	checkin_init(&rq.c);
	snprintf(rq.c.date, sizeof(rq.c.date), "%s", p->date);
	rq.c.pain = p->pain;
	struct strbuf err = STRBUF_INIT;
	if (p->key) {
		struct app_checkin_keyed k = { p->key, "same-request", &rq, answer_of, NULL };
		struct app_checkin_keyed_result r;
		p->rc = app_checkin_keyed(&ctx, &k, &r, &err);
		p->res = r.res;
		p->repeat = r.repeat;
		p->answer = r.repeat ? strdup(r.first.answer) : r.answer ? strdup(r.answer) : NULL;
		app_checkin_keyed_release(&r);
	} else {
		p->rc = app_checkin_record(&ctx, &rq, &p->res, &err);
	}
	p->res.saved.note = NULL;
	strbuf_release(&err);
	return p->fail_after_write || p->rc ? -1 : 0;
}

static bool stored(const char *date)
{
	struct checkin *v = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(reader->ops->checkins_between(reader, date, date, &v, &n, &err), 0);
	strbuf_release(&err);
	store_checkins_free(v, n);
	return n > 0;
}

static void post_done(struct app_group_job *j, enum app_group_outcome outcome, const char *why)
{
	struct post *p = (struct post *)j;
	p->visible = stored(p->date);
	p->outcome = outcome;
	snprintf(p->why, sizeof(p->why), "%s", why ? why : "");
	pthread_mutex_lock(&told_mu);
	p->told = true;
	n_told++;
	pthread_cond_broadcast(&told_cv);
	pthread_mutex_unlock(&told_mu);
}

static void post_init(struct post *p, int day, int pain)
{
	memset(p, 0, sizeof(*p));
	p->job = (struct app_group_job){ post_run, post_done, NULL };
	day_format(day, p->date);
	p->pain = pain;
}

static void wait_told(int n)
{
	pthread_mutex_lock(&told_mu);
	while (n_told < n)
		pthread_cond_wait(&told_cv, &told_mu);
	pthread_mutex_unlock(&told_mu);
}

static void wait_queued(struct app_group *g, size_t n)
{
	for (int i = 0; i < 5000; i++) {
		size_t b, j, q;
		app_group_counts(g, &b, &j, &q);
		if (q >= n)
			return;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	fail_msg("the writes were not queued");
}

static struct app_group *start(struct fx *f)
{
	struct store *st;
	assert_int_equal(store_open(&st, f->db, &f->err), 0);
	assert_int_equal(store_open(&reader, f->db, &f->err), 0);
	struct app_group *g;
	assert_int_equal(app_group_start(&g, st, 0, &f->err), 0);
	catalog_init(&cat);
	berlin = zone_berlin();
	n_told = 0;
	return g;
}

static void stop(struct app_group *g)
{
	app_group_stop(g);
	store_close(reader);
	reader = NULL;
}

/* ---- many at once ---- */

#define N_THREADS 16

static struct app_group *the_group;

static void *poster(void *arg)
{
	struct post *p = arg;
	struct strbuf err = STRBUF_INIT;
	app_group_call(the_group, &p->job, &err);
	strbuf_release(&err);
	return NULL;
}

static void test_parallel_posts(void **state)
{
	struct fx *f = *state;
	struct app_group *g = the_group = start(f);
	static struct post p[N_THREADS];
	pthread_t t[N_THREADS];
	app_group_hold(g, true); /* so they all wait together, then go in one batch */
	for (int i = 0; i < N_THREADS; i++) {
		post_init(&p[i], TODAY - 1 - i, 3);
		assert_int_equal(pthread_create(&t[i], NULL, poster, &p[i]), 0);
	}
	wait_queued(g, N_THREADS);
	for (int i = 0; i < N_THREADS; i++)
		assert_false(p[i].told); /* nobody told before the commit */
	app_group_hold(g, false);
	for (int i = 0; i < N_THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	size_t batches, jobs, queued;
	app_group_counts(g, &batches, &jobs, &queued);
	assert_int_equal(batches, 1);
	assert_int_equal(jobs, N_THREADS);
	for (int i = 0; i < N_THREADS; i++) {
		if (p[i].rc || p[i].outcome != APP_GROUP_KEPT || p[i].res.outcome != APP_CHECKIN_SAVED)
			fail_msg("%s: rc %d, outcome %d, check-in %d", p[i].date, p[i].rc, p[i].outcome, p[i].res.outcome);
		if (!p[i].visible)
			fail_msg("%s: told it was saved before another connection could see it", p[i].date);
	}
	/* more, without holding: every one stored and told after its commit */
	for (int i = 0; i < N_THREADS; i++) {
		post_init(&p[i], TODAY - 100 - i, 4);
		assert_int_equal(pthread_create(&t[i], NULL, poster, &p[i]), 0);
	}
	for (int i = 0; i < N_THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (int i = 0; i < N_THREADS; i++)
		assert_true(p[i].outcome == APP_GROUP_KEPT && p[i].visible);
	struct checkin *v;
	size_t n;
	assert_int_equal(reader->ops->checkins_list(reader, &v, &n, &f->err), 0);
	store_checkins_free(v, n);
	assert_int_equal(n, 2 * N_THREADS);
	stop(g);
}

/* ---- a bad one among good ones ---- */

static void test_bad_among_good(void **state)
{
	struct fx *f = *state;
	struct app_group *g = start(f);
	enum { GOOD1, FAILS, REFUSED, KEYED, KEYED_AGAIN, GOOD2, SAME_DAY, N };
	static struct post p[N];
	post_init(&p[GOOD1], TODAY - 1, 3);
	post_init(&p[FAILS], TODAY - 2, 3);
	p[FAILS].fail_after_write = true;
	post_init(&p[REFUSED], TODAY - 3, 11); /* out of range */
	post_init(&p[KEYED], TODAY - 4, 5);
	p[KEYED].key = "k-1";
	post_init(&p[KEYED_AGAIN], TODAY - 4, 5);
	p[KEYED_AGAIN].key = "k-1";
	post_init(&p[GOOD2], TODAY - 5, 2);
	post_init(&p[SAME_DAY], TODAY - 1, 6); /* GOOD1's day, other values */
	app_group_hold(g, true);
	for (int i = 0; i < N; i++)
		app_group_submit(g, &p[i].job);
	app_group_hold(g, false);
	wait_told(N);
	size_t batches, jobs, queued;
	app_group_counts(g, &batches, &jobs, &queued);
	assert_int_equal(batches, 1); /* all in the same batch */
	assert_int_equal(p[GOOD1].outcome, APP_GROUP_KEPT);
	assert_int_equal(p[GOOD1].res.outcome, APP_CHECKIN_SAVED);
	assert_int_equal(p[FAILS].outcome, APP_GROUP_UNDONE);
	assert_false(p[FAILS].visible);
	assert_int_equal(p[REFUSED].outcome, APP_GROUP_KEPT); /* nothing to keep, nothing failed */
	assert_int_equal(p[REFUSED].res.outcome, APP_CHECKIN_REFUSED);
	assert_string_equal(p[REFUSED].res.field, "pain");
	assert_int_equal(p[KEYED].outcome, APP_GROUP_KEPT);
	assert_int_equal(p[KEYED].res.outcome, APP_CHECKIN_SAVED);
	assert_false(p[KEYED].repeat);
	assert_int_equal(p[KEYED_AGAIN].outcome, APP_GROUP_KEPT);
	assert_true(p[KEYED_AGAIN].repeat); /* the first answer, not a second check-in */
	assert_string_equal(p[KEYED_AGAIN].answer, p[KEYED].answer);
	assert_int_equal(p[GOOD2].outcome, APP_GROUP_KEPT);
	assert_int_equal(p[GOOD2].res.outcome, APP_CHECKIN_SAVED);
	assert_int_equal(p[SAME_DAY].res.outcome, APP_CHECKIN_EXISTS);
	/* what the store holds: the good ones and the keyed one, once each */
	struct checkin *v;
	size_t n;
	assert_int_equal(reader->ops->checkins_list(reader, &v, &n, &f->err), 0);
	char dates[128] = "";
	for (size_t i = 0; i < n; i++)
		snprintf(dates + strlen(dates), sizeof(dates) - strlen(dates), "%s%s/%d", i ? " " : "", v[i].date,
			 v[i].pain);
	store_checkins_free(v, n);
	char want[128];
	snprintf(want, sizeof(want), "%s/2 %s/5 %s/3", p[GOOD2].date, p[KEYED].date, p[GOOD1].date);
	assert_string_equal(dates, want);
	struct idem_row kept;
	bool found = false;
	assert_int_equal(reader->ops->idem_get(reader, "k-1", &kept, &found, &f->err), 0);
	assert_true(found);
	assert_string_equal(kept.answer, p[KEYED].answer);
	idem_row_release(&kept);
	for (int i = 0; i < N; i++)
		free(p[i].answer);
	stop(g);
}

/* ---- a commit that fails ---- */

static struct store_ops failing;

static int end_fails(struct store *s, bool keep, struct strbuf *err)
{
	store_sqlite.batch_end(s, false, NULL);
	if (keep && err)
		strbuf_addstr(err, "the disk is full");
	return keep ? -1 : 0;
}

static void test_commit_fails(void **state)
{
	struct fx *f = *state;
	struct store *st;
	assert_int_equal(store_open(&st, f->db, &f->err), 0);
	failing = *st->ops;
	failing.batch_end = end_fails;
	st->ops = &failing;
	assert_int_equal(store_open(&reader, f->db, &f->err), 0);
	struct app_group *g;
	assert_int_equal(app_group_start(&g, st, 0, &f->err), 0);
	catalog_init(&cat);
	berlin = zone_berlin();
	n_told = 0;
	static struct post p[3];
	app_group_hold(g, true);
	for (int i = 0; i < 3; i++) {
		post_init(&p[i], TODAY - 1 - i, 3);
		app_group_submit(g, &p[i].job);
	}
	app_group_hold(g, false);
	wait_told(3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(p[i].outcome, APP_GROUP_FAILED); /* never "saved" */
		assert_non_null(strstr(p[i].why, "the disk is full"));
		assert_false(p[i].visible);
	}
	/* one call waits for its outcome and gets the words */
	struct post one;
	post_init(&one, TODAY - 9, 3);
	struct strbuf why = STRBUF_INIT;
	assert_int_equal(app_group_call(g, &one.job, &why), APP_GROUP_FAILED);
	assert_non_null(strstr(strbuf_str(&why), "the disk is full"));
	strbuf_release(&why);
	stop(g);
	struct checkin *v;
	size_t n;
	assert_int_equal(f->s->ops->checkins_list(f->s, &v, &n, &f->err), 0);
	store_checkins_free(v, n);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parallel_posts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_among_good, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_fails, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
