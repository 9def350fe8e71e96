/* days.c: folding check-ins and sessions into days for the analytics (see days.h). */
#include "app/days.h"
#include "core/appointment.h"
#include "core/mem.h"
#include <limits.h>
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

static void add_checkin(struct acc *a, const struct checkin *c)
{
	add(a, 0, c->pain);
	add(a, 1, c->headache);
	add(a, 2, c->stiffness);
	add(a, 3, c->stress);
	add(a, 4, c->sleep);
	for (int r = 0; r < REG__COUNT; r++)
		add(a, 5 + r, c->region[r]);
	add(a, 5 + REG__COUNT, c->desk_hours);
	if (c->massage == 1)
		a->massage = true;
}

static void day_of_acc(const struct acc *a, struct day *d)
{
	d->day = a->day;
	d->pain = mean(a, 0);
	d->headache = mean(a, 1);
	d->stiffness = mean(a, 2);
	d->stress = mean(a, 3);
	d->sleep = mean(a, 4);
	for (int r = 0; r < REG__COUNT; r++)
		d->region[r] = mean(a, 5 + r);
	d->desk_hours = mean(a, 5 + REG__COUNT);
	d->massage = a->massage;
	d->session = a->session;
}

static int cmp_day(const void *a, const void *b)
{
	const struct day *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

/* Check-ins in any order: an accumulator per day, found by day. */
static size_t fold_any(const struct checkin *c, size_t nc, const int *dn, struct day *out)
{
	struct acc *v = NULL;
	size_t nv = 0, alloc = 0;
	bool in_order = true;
	for (size_t i = 0; i < nc; i++)
		if (dn[i] != INT_MIN)
			add_checkin(find(&v, &nv, &alloc, &in_order, dn[i]), &c[i]);
	if (nv && !in_order)
		qsort(v, nv, sizeof(*v), cmp_acc);
	for (size_t i = 0; i < nv; i++)
		day_of_acc(&v[i], &out[i]);
	free(v);
	return nv;
}

/* Check-ins by date (as the store reads them): each day folded when the next begins,
 * one accumulator in all (years of them held no array of accumulators, and the
 * memory for it, bench/startup). The same sums in the same order as fold_any. */
static size_t fold_in_order(const struct checkin *c, size_t nc, const int *dn, struct day *out)
{
	size_t n = 0;
	struct acc a;
	bool open = false;
	for (size_t i = 0; i < nc; i++) {
		if (dn[i] == INT_MIN)
			continue;
		if (!open || a.day != dn[i]) {
			if (open)
				day_of_acc(&a, &out[n++]);
			memset(&a, 0, sizeof(a));
			a.day = dn[i];
			open = true;
		}
		add_checkin(&a, &c[i]);
	}
	if (open)
		day_of_acc(&a, &out[n++]);
	return n;
}

void app_days_fold(const struct checkin *c, size_t nc, const struct session_row *s, size_t ns, const struct tz *tz,
		   struct day **days, size_t *n)
{
	/* every date parsed once (INT_MIN: not a date, left out), and whether they come in order */
	int *dn = xcalloc(nc + 1, sizeof(*dn));
	bool sorted = true;
	int last = INT_MIN;
	for (size_t i = 0; i < nc; i++) {
		int d;
		dn[i] = day_parse(c[i].date, &d) ? d : INT_MIN;
		if (dn[i] == INT_MIN)
			continue;
		sorted &= d >= last;
		last = d;
	}
	/* at most one day per check-in and per session; the pages of the rest are never touched */
	struct day *out = xcalloc(nc + ns + 1, sizeof(*out));
	size_t nv = sorted ? fold_in_order(c, nc, dn, out) : fold_any(c, nc, dn, out);
	free(dn);
	/* sessions: look the day up among the check-in days (sorted), else add it */
	size_t from_checkins = nv;
	bool added_in_order = true; /* the session-only days added, by day (sessions come by start) */
	for (size_t i = 0; i < ns; i++) {
		if (!app_session_counts(&s[i]))
			continue;
		struct day key = { .day = tz_day_of_ms(tz, s[i].started_ms) };
		struct day *hit = from_checkins ? bsearch(&key, out, from_checkins, sizeof(*out), cmp_day) : NULL;
		size_t added = nv - from_checkins;
		if (!hit && added) { /* a session-only day added before */
			if (out[nv - 1].day == key.day)
				hit = &out[nv - 1];
			else if (added_in_order)
				hit = bsearch(&key, out + from_checkins, added, sizeof(*out), cmp_day);
			else
				for (size_t k = nv; !hit && k > from_checkins; k--)
					if (out[k - 1].day == key.day)
						hit = &out[k - 1];
		}
		if (!hit) {
			added_in_order &= !added || out[nv - 1].day < key.day;
			struct acc empty = { .day = key.day };
			hit = &out[nv++];
			day_of_acc(&empty, hit);
		}
		hit->session = true;
	}
	if (nv > from_checkins)
		qsort(out, nv, sizeof(*out), cmp_day);
	*days = out;
	*n = nv;
}

void app_days_add_appointments(struct day **days, size_t *n, const struct appointment_row *a, size_t na)
{
	size_t had = *n, alloc = *n;
	bool added = false;
	for (size_t i = 0; i < na; i++) {
		int d;
		if (appt_kind_of(a[i].kind) != APPT_MASSAGE || !day_parse(a[i].date, &d))
			continue;
		struct day key = { .day = d };
		struct day *hit = had ? bsearch(&key, *days, had, sizeof(**days), cmp_day) : NULL;
		for (size_t k = had; !hit && k < *n; k++)
			if ((*days)[k].day == d)
				hit = &(*days)[k];
		if (!hit) {
			GROW(*days, *n + 1, alloc);
			struct acc empty = { .day = d };
			hit = &(*days)[(*n)++];
			day_of_acc(&empty, hit);
			added = true;
		}
		hit->massage = true;
	}
	if (added)
		qsort(*days, *n, sizeof(**days), cmp_day);
}

int app_days_load_appointments(struct store *st, struct day **days, size_t *n, struct strbuf *err)
{
	struct appointment_row *a = NULL;
	size_t na = 0;
	if (st->ops->appointments_list(st, &a, &na, err))
		return -1;
	app_days_add_appointments(days, n, a, na);
	store_appointments_free(a, na);
	return 0;
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
