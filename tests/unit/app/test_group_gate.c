/* test_group_gate.c: what the gate asks after each check-in recorded in the group
 * commit's batches (app_checkin_record on the committer, which keeps the check-ins'
 * fold from one write to the next and from one batch to the next: app/safety.c) is what
 * the gate asks read afresh from the store at that moment, for check-ins of back-filled
 * and new days with new places, jumps, chest pain and bad headaches, while between the
 * batches another connection records a screen, a warning sign, a clearance or check-ins
 * of its own, and a write in a batch is undone; and the fold was kept, not read again for
 * every check-in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/checkin.h"
#include "app/gate.h"
#include "app/group.h"
#include "app/safety.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-fx.h"
#include "zones.h"

static const int TODAY = 20606; /* 2026-06-02 */
static struct catalog cat;
static struct tz berlin;
static int64_t clock_ms; /* each write's now: one second after the one before */

#define NEWS (RS_NEW_REGION | RS_JUMP | RS_CHEST | RS_HEADACHE | RS_FLARE)

struct post {
	struct app_group_job job; /* first */
	struct checkin c;
	int64_t now;
	bool fail_after_write;
	int rc;
	struct app_checkin_result res;
	unsigned want;            /* the gate read afresh, right after it */
	char want_reason[GATE_REASON_MAX];
	bool told;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int n_told;

static int post_run(struct app_group_job *j, struct store *st)
{
	struct post *p = (struct post *)j;
	struct app_ctx ctx = { st, &cat, p->now, &berlin };
	struct app_checkin_request rq = { p->c, true };
	struct strbuf err = STRBUF_INIT;
	p->rc = app_checkin_record(&ctx, &rq, &p->res, &err);
	/* the same question asked the full way, in the same batch */
	struct app_gate_request g_rq = { GATE_START, NULL, NULL, NULL, -1 };
	struct app_gate_result g;
	assert_int_equal(app_gate(&ctx, &g_rq, &g, &err), 0);
	p->want = g.v.must_screen & NEWS;
	snprintf(p->want_reason, sizeof(p->want_reason), "%s", p->want ? g.v.reason : "");
	strbuf_release(&err);
	return p->fail_after_write || p->rc ? -1 : 0;
}

static void post_done(struct app_group_job *j, enum app_group_outcome outcome, const char *why)
{
	(void)outcome;
	(void)why;
	struct post *p = (struct post *)j;
	pthread_mutex_lock(&mu);
	p->told = true;
	n_told++;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

static unsigned long rnd_state = 12345;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rnd_state >> 33) % n);
}

static void post_init(struct post *p, int day)
{
	memset(p, 0, sizeof(*p));
	p->job = (struct app_group_job){ post_run, post_done, NULL };
	checkin_init(&p->c);
	day_format(day, p->c.date);
	p->c.pain = rnd(7) == 0 ? 7 + (int)rnd(4) : 2 + (int)rnd(3);
	p->c.region[REG_NECK] = (int)rnd(8);
	if (rnd(10) == 0)
		p->c.region[REG_UPPER_BACK] = 1 + (int)rnd(6);
	if (rnd(40) == 0)
		p->c.region[REG_CHEST] = 1 + (int)rnd(3);
	if (rnd(20) == 0)
		p->c.headache = 7 + (int)rnd(4);
	p->now = clock_ms += 1000;
}

static void check(struct post *p, int n)
{
	for (int i = 0; i < n; i++) {
		if (p[i].rc || p[i].res.gate_failed)
			fail_msg("%s: rc %d, the gate failed %d", p[i].c.date, p[i].rc, p[i].res.gate_failed);
		if (p[i].res.outcome != APP_CHECKIN_SAVED)
			continue;
		if (p[i].res.must_screen != p[i].want || strcmp(p[i].res.reason, p[i].want_reason))
			fail_msg("%s: the check-in's answer asks %#x (%s), the gate read afresh %#x (%s)", p[i].c.date,
				 p[i].res.must_screen, p[i].res.reason, p[i].want, p[i].want_reason);
	}
}

/* posts n check-ins as one batch (days: each a day not used before) */
static void batch(struct app_group *g, struct post *p, int n, const int *days, int fail_at)
{
	n_told = 0;
	app_group_hold(g, true);
	for (int i = 0; i < n; i++) {
		post_init(&p[i], days[i]);
		p[i].fail_after_write = i == fail_at;
		if (i == fail_at)
			p[i].c.region[REG_RIGHT_SHOULDER] = 5;
		app_group_submit(g, &p[i].job);
	}
	app_group_hold(g, false);
	pthread_mutex_lock(&mu);
	while (n_told < n)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	check(p, n);
}

static void test_same_as_read_afresh(void **state)
{
	struct fx *f = *state;
	assert_int_equal(sim_shipped(&cat), 0);
	berlin = zone_berlin();
	clock_ms = zone_at(&berlin, TODAY, 8, 0);
	/* a history: a screen a while ago, then daily check-ins */
	struct app_ctx other = { f->s, &cat, zone_at(&berlin, TODAY - 501, 9, 0), &berlin };
	struct screen_answer none[64];
	size_t nq = 0;
	for (size_t q = 0; q < cat.n_q && nq < 64; q++)
		none[nq++] = (struct screen_answer){ cat.q[q].id, false };
	assert_int_equal(app_screen_save(&other, none, nq, NULL, &f->err), 0);
	for (int d = TODAY - 500; d < TODAY - 400; d++)
		fx_checkin(f, d, zone_at(&berlin, d, 20, 0), 3);
	struct store *st;
	assert_int_equal(store_open(&st, f->db, &f->err), 0);
	struct app_group *g;
	assert_int_equal(app_group_start(&g, st, 0, &f->err), 0);
	unsigned long builds = app_safety_memo_builds;
	static struct post p[20];
	int days[20], next = TODAY - 400, back = TODAY - 502, posts = 0;
	for (int round = 0; round < 30; round++) {
		int n = 5 + (int)rnd(15);
		for (int i = 0; i < n; i++)
			days[i] = rnd(4) == 0 ? back-- : next++; /* new days, and back-filled ones */
		/* after a screen, a write undone: its check-in (pain in a place never named) is gone */
		batch(g, p, n, days, round % 6 == 5 ? 0 : -1);
		posts += n;
		/* between batches, now and then, another connection writes */
		other.now_ms = clock_ms += 1000;
		switch (round % 6) {
		case 1:
			fx_checkin(f, next++, clock_ms, 9); /* a jump, from the terminal */
			break;
		case 2:
			assert_int_equal(app_record_warning(&other, &f->err), 0);
			break;
		case 4:
			assert_int_equal(app_screen_save(&other, none, nq, NULL, &f->err), 0);
			break;
		default:
			break;
		}
	}
	app_group_stop(g);
	/* the fold was kept: read again after another connection wrote, or a write was undone */
	unsigned long read_again = app_safety_memo_builds - builds;
	print_message("the check-ins read %lu times for %d check-ins in 30 batches\n", read_again, posts);
	if (read_again > 28)
		fail_msg("the check-ins were read %lu times for %d check-ins", read_again, posts);
	assert_true(read_again >= 10); /* and read again when they had to be */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_as_read_afresh, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
