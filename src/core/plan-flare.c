/* plan-flare.c: flare-ups, pure: whether one is on, since when, and how many days the
 * pain has stayed high. See plan.h; tests in tests/unit/test_plan.c. */
#include "plan-internal.h"
#include "checkin.h"
#include "number.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- flare-ups ---- */

static const struct day *find_day(const struct day *days, size_t n, int d)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (days[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && days[lo].day == d ? &days[lo] : NULL;
}

double plan_pain_on(const struct day *days, size_t n, int d)
{
	const struct day *e = find_day(days, n, d);
	return e && has(e->pain) ? e->pain : STATS_NO_VALUE;
}

struct flare plan_flare_begin(void)
{
	return (struct flare){ false, -1, STATS_NO_VALUE, -1, STATS_NO_VALUE, 0, -1 };
}

void plan_flare_step(struct flare *f, const struct day *days, size_t n, size_t i)
{
	if (!has(days[i].pain))
		return;
	int d = days[i].day;
	f->latest_day = d;
	f->latest = days[i].pain;
	if (f->active) {
		if (days[i].pain <= f->mean + 1 + EPS) {
			f->active = false;
			f->ended_day = d;
		}
	} else if (stats_is_flare(days, n, d)) {
		f->active = true;
		f->since = d;
		f->mean = stats_mean_pain(days, n, d - 7, d - 1);
		f->ended_day = -1;
	}
}

void plan_flare_end(struct flare *f, const struct day *days, size_t n)
{
	f->high_days = 0;
	if (f->active)
		for (int d = f->latest_day; plan_pain_on(days, n, d) >= f->mean + 2 - EPS; d--)
			f->high_days++;
}

struct flare plan_flare(const struct day *days, size_t n, int today)
{
	struct flare f = plan_flare_begin();
	for (size_t i = 0; i < n && days[i].day <= today; i++)
		plan_flare_step(&f, days, n, i);
	plan_flare_end(&f, days, n);
	return f;
}
