/* days.c: folding check-ins and sessions into days for the analytics (see days.h). */
#include "app/days.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

struct acc {
	int day;
	double sum[5 + REG__COUNT + 2]; /* pain, headache, stiffness, stress, sleep, regions, desk */
	int cnt[5 + REG__COUNT + 2];
	bool massage, session;
};

static int cmp_acc(const void *a, const void *b)
{
	const struct acc *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

/* The day's entry in v, added when there is none. While v is in order (*in_order, as it
 * is for check-ins read by date), the last entry or a new one after it costs nothing and
 * any other is found by binary search; only out of order does it look through all. */
static struct acc *find(struct acc **v, size_t *n, size_t *alloc, bool *in_order, int day)
{
	if (*n && (*v)[*n - 1].day == day)
		return &(*v)[*n - 1];
	if (*n && (!*in_order || (*v)[*n - 1].day > day)) {
		struct acc key = { .day = day }, *hit = NULL;
		if (*in_order)
			hit = bsearch(&key, *v, *n, sizeof(**v), cmp_acc);
		else
			for (size_t i = *n; i > 0 && !hit; i--)
				if ((*v)[i - 1].day == day)
					hit = &(*v)[i - 1];
		if (hit)
			return hit;
		*in_order = false;
	}
	GROW(*v, *n + 1, *alloc);
	struct acc *a = &(*v)[(*n)++];
	memset(a, 0, sizeof(*a));
	a->day = day;
	return a;
}

static void add(struct acc *a, int k, double v)
{
	if (v < 0)
		return;
	a->sum[k] += v;
	a->cnt[k]++;
}

static double mean(const struct acc *a, int k)
{
	return a->cnt[k] ? a->sum[k] / a->cnt[k] : STATS_NO_VALUE;
}

bool app_session_counts(const struct session_row *s)
{
	return s->exercises_done > 0;
}

size_t app_sessions_counted(const struct session_row *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += app_session_counts(&s[i]);
	return k;
}

void app_days_fold(const struct checkin *c, size_t nc, const struct session_row *s, size_t ns, const struct tz *tz,
		   struct day **days, size_t *n)
{
	struct acc *v = NULL;
	size_t nv = 0, alloc = 0;
	bool in_order = true;
	for (size_t i = 0; i < nc; i++) {
		int d;
		if (!day_parse(c[i].date, &d))
			continue;
		struct acc *a = find(&v, &nv, &alloc, &in_order, d);
		add(a, 0, c[i].pain);
		add(a, 1, c[i].headache);
		add(a, 2, c[i].stiffness);
		add(a, 3, c[i].stress);
		add(a, 4, c[i].sleep);
		for (int r = 0; r < REG__COUNT; r++)
			add(a, 5 + r, c[i].region[r]);
		add(a, 5 + REG__COUNT, c[i].desk_hours);
		if (c[i].massage == 1)
			a->massage = true;
	}
	if (nv && !in_order)
		qsort(v, nv, sizeof(*v), cmp_acc);
	in_order = true;
	/* sessions: look the day up among the check-in days (sorted now), else add it */
	size_t sorted = nv;
	for (size_t i = 0; i < ns; i++) {
		if (!app_session_counts(&s[i]))
			continue;
		int d = tz_day_of_ms(tz, s[i].started_ms);
		struct acc key = { .day = d };
		struct acc *hit = sorted ? bsearch(&key, v, sorted, sizeof(*v), cmp_acc) : NULL;
		if (!hit)
			hit = find(&v, &nv, &alloc, &in_order, d); /* a session-only day */
		hit->session = true;
	}
	if (nv > sorted)
		qsort(v, nv, sizeof(*v), cmp_acc);
	struct day *out = xcalloc(nv + 1, sizeof(*out));
	for (size_t i = 0; i < nv; i++) {
		struct day *d = &out[i];
		d->day = v[i].day;
		d->pain = mean(&v[i], 0);
		d->headache = mean(&v[i], 1);
		d->stiffness = mean(&v[i], 2);
		d->stress = mean(&v[i], 3);
		d->sleep = mean(&v[i], 4);
		for (int r = 0; r < REG__COUNT; r++)
			d->region[r] = mean(&v[i], 5 + r);
		d->desk_hours = mean(&v[i], 5 + REG__COUNT);
		d->massage = v[i].massage;
		d->session = v[i].session;
	}
	free(v);
	*days = out;
	*n = nv;
}

int app_records_load(struct store *st, struct app_records *r, struct strbuf *err)
{
	memset(r, 0, sizeof(*r));
	if (st->ops->checkins_list(st, &r->checkins, &r->n_checkins, err) ||
	    st->ops->sessions_list(st, &r->sessions, &r->n_sessions, err)) {
		app_records_release(r);
		return -1;
	}
	return 0;
}

void app_records_release(struct app_records *r)
{
	store_checkins_free(r->checkins, r->n_checkins);
	store_sessions_free(r->sessions, r->n_sessions);
	memset(r, 0, sizeof(*r));
}

int app_days_load(struct store *st, const struct tz *tz, struct day **days, size_t *n, struct strbuf *err)
{
	struct app_records r;
	if (app_records_load(st, &r, err))
		return -1;
	app_days_fold(r.checkins, r.n_checkins, r.sessions, r.n_sessions, tz, days, n);
	app_records_release(&r);
	return 0;
}
