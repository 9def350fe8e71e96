/* test_safety_fold.c: the check-ins' fold kept up to date one check-in at a time
 * (app/safety-fold.c) gives, after every check-in, what the full fold gives over all of
 * them: safety_news_since() for every screen time (none, each check-in's time, later)
 * and the whole plan_flare(), over many random histories: back-filled days anywhere,
 * several check-ins a day, new places, jumps, chest pain, severe headaches, flare-ups
 * that start, last and end, regions named by the assessment or not; a fold built from
 * part of a history and added to; a check-in at the same moment as another refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/days.h"
#include "app/safety-fold.h"
#include "core/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zones.h"

static const int TODAY = 20606; /* 2026-06-02 */
static struct catalog cat;

static unsigned long rnd_state;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rnd_state >> 33) % n);
}

/* One check-in of a history that wanders: mostly the same few places at a usual level,
 * now and then a spike (a jump, a flare-up), a new place, chest pain, a bad headache. */
static void random_checkin(struct checkin *c, int64_t id, int span, int64_t at, int base)
{
	checkin_init(c);
	c->id = id;
	c->at_ms = at;
	day_format(TODAY - (int)rnd((unsigned)span), c->date);
	int level = base + (rnd(8) == 0 ? 4 + (int)rnd(4) : (int)rnd(3));
	c->pain = rnd(10) == 0 ? CHECKIN_NONE : (level > 10 ? 10 : level);
	c->region[REG_NECK] = rnd(4) == 0 ? CHECKIN_NONE : (int)rnd(11);
	if (rnd(6) == 0)
		c->region[REG_UPPER_BACK] = (int)rnd(11);
	if (rnd(25) == 0)
		c->region[REG_CHEST] = (int)rnd(4);
	if (rnd(15) == 0)
		c->region[REG_LEFT_SHOULDER] = (int)rnd(6);
	if (rnd(3) == 0)
		c->headache = rnd(12) == 0 ? 7 + (int)rnd(4) : (int)rnd(5);
}

/* The full fold over v (as checkins_list orders them). */
static void full(const struct checkin *v, size_t n, unsigned known, int64_t since, unsigned *news, struct flare *fl)
{
	struct day *days = NULL;
	size_t nd = 0;
	struct tz berlin = zone_berlin();
	app_days_fold(v, n, NULL, 0, &berlin, &days, &nd);
	struct safety_facts f;
	memset(&f, 0, sizeof(f));
	f.cat = &cat;
	f.checkins = v;
	f.n_checkins = n;
	f.known_regions = known;
	f.flare = plan_flare(days, nd, TODAY);
	*fl = f.flare;
	*news = safety_news_since(&f, since);
	free(days);
}

static void same(struct safety_fold *fold, const struct checkin *v, size_t n, unsigned known, const char *when)
{
	/* no screen first and last, so that the next check-in finds the counts kept for it */
	int64_t sinces[6] = { INT64_MIN, 0, 0, 0, INT64_MAX, INT64_MIN };
	for (int k = 1; k < 4; k++)
		sinces[k] = n ? v[rnd((unsigned)n)].at_ms - (k == 3) : 0;
	for (int k = 0; k < 6; k++) {
		unsigned want;
		struct flare fw;
		full(v, n, known, sinces[k], &want, &fw);
		unsigned got = safety_fold_news(fold, sinces[k]);
		struct flare fg = safety_fold_flare(fold);
		if (got != want)
			fail_msg("%s, %zu check-ins, since %lld: news %#x, the full fold %#x", when, n, (long long)sinces[k], got,
				 want);
		if (fg.active != fw.active || fg.since != fw.since || fg.mean != fw.mean || fg.latest_day != fw.latest_day ||
		    fg.latest != fw.latest || fg.high_days != fw.high_days || fg.ended_day != fw.ended_day)
			fail_msg("%s, %zu check-ins: flare-up %d since %d mean %g high %d ended %d, the full fold %d since %d "
				 "mean %g high %d ended %d",
				 when, n, fg.active, fg.since, fg.mean, fg.high_days, fg.ended_day, fw.active, fw.since, fw.mean,
				 fw.high_days, fw.ended_day);
	}
}

static void test_random_histories(void **state)
{
	(void)state;
	struct tz berlin = zone_berlin();
	int flares = 0, news_seen = 0;
	for (unsigned trial = 0; trial < 300; trial++) {
		rnd_state = trial * 7919 + 1;
		int span = 10 + (int)rnd(80);
		size_t total = 5 + rnd(90);
		unsigned known = rnd(3) == 0 ? 1u << REG_NECK : rnd(5) == 0 ? (1u << REG_NECK) | (1u << REG_UPPER_BACK) : 0;
		int base = (int)rnd(5);
		struct checkin *v = xcalloc(total + 1, sizeof(*v));
		size_t n = 0;
		/* a fold built from the first part of the history, then kept up to date */
		size_t built_at = rnd(3) == 0 ? rnd((unsigned)total) : 0;
		struct safety_fold fold;
		bool have = false;
		int64_t at = 1700000000000LL;
		for (size_t i = 0; i < total; i++) {
			struct checkin c;
			at += 1 + rnd(3) * 1000;
			random_checkin(&c, (int64_t)i + 1, span, at, base);
			v[n++] = c;
			qsort(v, n, sizeof(*v), checkin_order);
			if (!have && i + 1 < built_at)
				continue;
			if (!have) {
				assert_true(safety_fold_build(&fold, v, n, known, TODAY, &berlin));
				have = true;
			} else {
				assert_true(safety_fold_add(&fold, &c));
			}
			char when[64];
			snprintf(when, sizeof(when), "trial %u, check-in %zu", trial, i);
			same(&fold, v, n, known, when);
		}
		struct flare fl = safety_fold_flare(&fold);
		flares += fl.active || fl.ended_day >= 0;
		news_seen += safety_fold_news(&fold, INT64_MIN) != 0;
		safety_fold_release(&fold);
		free(v);
	}
	/* the histories did bring up what they are meant to */
	assert_true(flares > 30);
	assert_true(news_seen > 100);
}

static void test_same_moment_refused(void **state)
{
	(void)state;
	struct tz berlin = zone_berlin();
	struct checkin v[2];
	checkin_init(&v[0]);
	v[0].id = 1;
	v[0].at_ms = 1000;
	v[0].pain = 3;
	day_format(TODAY - 1, v[0].date);
	struct safety_fold fold;
	assert_true(safety_fold_build(&fold, v, 1, 0, TODAY, &berlin));
	v[1] = v[0];
	v[1].id = 2;
	v[1].pain = 9;
	assert_false(safety_fold_add(&fold, &v[1])); /* which counts first is not its to say */
	day_format(TODAY + 1, v[1].date);
	v[1].at_ms = 2000;
	assert_false(safety_fold_add(&fold, &v[1])); /* a day after today: the full fold stops before it */
	safety_fold_release(&fold);
	day_format(TODAY + 3, v[0].date);
	assert_false(safety_fold_build(&fold, v, 1, 0, TODAY, &berlin));
}

int main(void)
{
	catalog_init(&cat);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_histories),
		cmocka_unit_test(test_same_moment_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
