/* safety-fold.c (app): the check-ins' part of the safety status kept up to date one
 * check-in at a time (see safety-fold.h). */
#include "app/safety-fold.h"
#include "app/days.h"
#include "core/mem.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define HEAD REG__COUNT /* first[HEAD]: the first severe headache */

static int value_of(const struct checkin *c, int r)
{
	return r == REG__COUNT ? c->pain : c->region[r];
}

static bool marks(const struct checkin *c, int k)
{
	return k == HEAD ? c->headache >= HEADACHE_SEVERE : c->region[k] > 0;
}

static bool same_moment(const struct checkin *a, const struct checkin *b)
{
	return !strcmp(a->date, b->date) && a->at_ms == b->at_ms;
}

/* What checkin_past_add() over the check-ins before i adds up to, from the firsts kept
 * and a look back for the latest value of each region i has pain in (and overall pain):
 * the latest by date and time, the first of those recorded at the same moment. */
static void past_at(const struct safety_fold *f, size_t i, struct checkin_past *p)
{
	checkin_past_init(p);
	p->n = i;
	for (int r = 0; r < REG__COUNT; r++)
		if (f->first[r] < i)
			p->seen |= 1u << r;
	p->severe_headache = f->first[HEAD] < i;
	const struct checkin *c = &f->c[i];
	for (int r = 0; r <= REG__COUNT; r++) {
		if (r < REG__COUNT ? c->region[r] <= 0 : c->pain < 0)
			continue; /* checkin_past_news() does not read it */
		size_t j = i;
		while (j > 0 && value_of(&f->c[j - 1], r) < 0)
			j--;
		if (!j)
			continue;
		size_t k = --j;
		for (; k > 0 && same_moment(&f->c[k - 1], &f->c[j]); k--)
			if (value_of(&f->c[k - 1], r) >= 0)
				j = k - 1;
		p->latest[r].value = value_of(&f->c[j], r);
		p->latest[r].date = f->c[j].date;
		p->latest[r].at_ms = f->c[j].at_ms;
	}
}

/* count[] after check-in i's news went from old to now */
static void recount(struct safety_fold *f, size_t i, unsigned old, unsigned now)
{
	if (!f->counted || f->c[i].at_ms <= f->counted_since)
		return;
	for (int b = 0; b < 8; b++)
		f->count[b] += (size_t)(now >> b & 1) - (size_t)(old >> b & 1);
}

static void news_at(struct safety_fold *f, size_t i)
{
	struct checkin_past p;
	past_at(f, i, &p);
	unsigned old = f->news[i];
	f->news[i] = (unsigned char)checkin_past_news(&f->c[i], &p, f->known);
	recount(f, i, old, f->news[i]);
}

static bool flare_same(const struct flare *a, const struct flare *b)
{
	return a->active == b->active && a->since == b->since && a->mean == b->mean && a->latest_day == b->latest_day &&
	       a->latest == b->latest && a->ended_day == b->ended_day;
}

/* The flare-up walk again from days[from], until a day past from's week finds the walk
 * as it was (from then on it goes the same way). */
static void walk_from(struct safety_fold *f, size_t from)
{
	struct flare s = from ? f->state[from - 1] : plan_flare_begin();
	for (size_t i = from; i < f->nd && f->days[i].day <= f->today; i++) {
		plan_flare_step(&s, f->days, f->nd, i);
		if (i > from && f->days[i].day > f->days[from].day + 7 && flare_same(&s, &f->state[i]))
			return;
		f->state[i] = s;
	}
}

static size_t day_index(const struct safety_fold *f, int d)
{
	size_t lo = 0, hi = f->nd;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->days[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool safety_fold_build(struct safety_fold *f, const struct checkin *c, size_t n, unsigned known, int today,
		       const struct tz *tz)
{
	memset(f, 0, sizeof(*f));
	f->known = known;
	f->today = today;
	f->tz = tz;
	f->alloc = n + 16;
	f->c = xcalloc(f->alloc, sizeof(*f->c));
	f->news = xcalloc(f->alloc, sizeof(*f->news));
	f->n = n;
	for (int k = 0; k <= HEAD; k++)
		f->first[k] = n;
	struct checkin_past p;
	checkin_past_init(&p);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		int d;
		f->c[i] = c[i];
		f->c[i].note = NULL;
		ok &= day_parse(c[i].date, &d) && d <= today;
		f->news[i] = (unsigned char)checkin_past_news(&c[i], &p, known);
		checkin_past_add(&p, &c[i]);
		for (int k = 0; k <= HEAD; k++)
			if (f->first[k] == n && marks(&c[i], k))
				f->first[k] = i;
	}
	struct day *days = NULL;
	app_days_fold(f->c, n, NULL, 0, tz, &days, &f->nd);
	f->dalloc = f->nd + 16;
	f->days = xcalloc(f->dalloc, sizeof(*f->days));
	if (f->nd)
		memcpy(f->days, days, f->nd * sizeof(*days));
	free(days);
	f->state = xcalloc(f->dalloc, sizeof(*f->state));
	walk_from(f, 0);
	if (!ok)
		safety_fold_release(f);
	return ok;
}

bool safety_fold_add(struct safety_fold *f, const struct checkin *c)
{
	int d;
	if (!day_parse(c->date, &d) || d > f->today)
		return false;
	/* where it goes: after every check-in before it in checkins_list's order */
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (checkin_order(&f->c[mid], c) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t p = lo;
	if ((p > 0 && same_moment(&f->c[p - 1], c)) || (p < f->n && same_moment(&f->c[p], c)))
		return false; /* which of the two counts first depends on more than their order */
	if (f->n + 1 > f->alloc) {
		f->alloc = f->alloc * 2 + 16;
		f->c = xrealloc(f->c, f->alloc * sizeof(*f->c));
		f->news = xrealloc(f->news, f->alloc * sizeof(*f->news));
	}
	memmove(&f->c[p + 1], &f->c[p], (f->n - p) * sizeof(*f->c));
	memmove(&f->news[p + 1], &f->news[p], (f->n - p) * sizeof(*f->news));
	f->c[p] = *c;
	f->c[p].note = NULL;
	f->news[p] = 0; /* counted as none until news_at() */
	f->n++;
	/* the check-ins after it whose news it can change: the first after it with a value
	 * of each region it has one of (their latest before them is now this one), the
	 * check-ins that were first with pain in a region it has pain in, or with a severe
	 * headache when it has one, and the one that was first of all */
	size_t redo[2 * (REG__COUNT + 1) + 2];
	size_t nr = 0;
	redo[nr++] = p;
	if (p == 0 && f->n > 1)
		redo[nr++] = 1;
	for (int r = 0; r <= REG__COUNT; r++) {
		if (value_of(c, r) < 0)
			continue;
		size_t j = p + 1;
		while (j < f->n && value_of(&f->c[j], r) < 0)
			j++;
		if (j < f->n)
			redo[nr++] = j;
	}
	for (int k = 0; k <= HEAD; k++) {
		if (f->first[k] != f->n - 1 && f->first[k] >= p)
			f->first[k]++; /* shifted by the new one */
		else if (f->first[k] == f->n - 1)
			f->first[k] = f->n; /* none: n grew */
		if (marks(c, k) && f->first[k] > p) {
			if (f->first[k] < f->n)
				redo[nr++] = f->first[k];
			f->first[k] = p;
		}
	}
	for (size_t i = 0; i < nr; i++)
		news_at(f, redo[i]);
	/* the day: its record again from its check-ins, then the flare-up walk from it */
	size_t a = p, b = p + 1;
	while (a > 0 && !strcmp(f->c[a - 1].date, c->date))
		a--;
	while (b < f->n && !strcmp(f->c[b].date, c->date))
		b++;
	struct day *one = NULL;
	size_t n1 = 0;
	app_days_fold(&f->c[a], b - a, NULL, 0, f->tz, &one, &n1);
	size_t di = day_index(f, d);
	if (di == f->nd || f->days[di].day != d) {
		if (f->nd + 1 > f->dalloc) {
			f->dalloc = f->dalloc * 2 + 16;
			f->days = xrealloc(f->days, f->dalloc * sizeof(*f->days));
			f->state = xrealloc(f->state, f->dalloc * sizeof(*f->state));
		}
		memmove(&f->days[di + 1], &f->days[di], (f->nd - di) * sizeof(*f->days));
		memmove(&f->state[di + 1], &f->state[di], (f->nd - di) * sizeof(*f->state));
		f->nd++;
	}
	f->days[di] = one[0];
	free(one);
	walk_from(f, di);
	return true;
}

unsigned safety_fold_news(struct safety_fold *f, int64_t since_ms)
{
	if (!f->counted || f->counted_since != since_ms) {
		memset(f->count, 0, sizeof(f->count));
		f->counted = true;
		f->counted_since = since_ms;
		for (size_t i = 0; i < f->n; i++)
			recount(f, i, 0, f->news[i]);
	}
	unsigned why = 0;
	for (int b = 0; b < 8; b++)
		if (f->count[b])
			why |= 1u << b;
	struct flare fl = safety_fold_flare(f);
	if (fl.active) {
		/* a check-in on its first day after since_ms: the last of that day is the latest */
		char since[11];
		day_format(fl.since, since);
		size_t lo = 0, hi = f->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(f->c[mid].date, since) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && !strcmp(f->c[lo - 1].date, since) && f->c[lo - 1].at_ms > since_ms)
			why |= RS_FLARE;
	}
	return why;
}

struct flare safety_fold_flare(const struct safety_fold *f)
{
	size_t last = day_index(f, f->today + 1);
	struct flare fl = last ? f->state[last - 1] : plan_flare_begin();
	plan_flare_end(&fl, f->days, f->nd);
	return fl;
}

void safety_fold_release(struct safety_fold *f)
{
	free(f->c);
	free(f->news);
	free(f->days);
	free(f->state);
	memset(f, 0, sizeof(*f));
}
