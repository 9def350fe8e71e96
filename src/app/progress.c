/* progress.c: what `unhunch progress` shows, computed from the store (progress.h). */
#include "app/progress.h"
#include "app/days.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

static double value_of(const struct day *d, int region)
{
	return region < 0 ? d->pain : d->region[region];
}

/* The mean of one series over days [from, to]: only those days are read (d is sorted). */
static double mean_of(const struct day *d, size_t n, int region, int from, int to)
{
	double s = 0;
	int c = 0;
	for (size_t i = stats_day_index(d, n, from); i < n && d[i].day <= to; i++)
		if (value_of(&d[i], region) >= 0)
			s += value_of(&d[i], region), c++;
	return c ? s / c : STATS_NO_VALUE;
}

/* One series in APP_TREND_MARKS marks over the window: each the mean of its days. */
static void series(const struct day *d, size_t n, const struct trend_window *w, int region, double *out)
{
	for (int k = 0; k < APP_TREND_MARKS; k++) {
		int from = w->from + k * w->days_per_mark;
		out[k] = mean_of(d, n, region, from, from + w->days_per_mark - 1);
	}
}

static size_t psfs_changes(const struct psfs_activity *a, size_t na, const struct psfs_rating *r, size_t nr,
			   struct app_psfs_change *out)
{
	for (size_t i = 0; i < na; i++) {
		out[i] = (struct app_psfs_change){ xstrdup(a[i].name), -1, -1, "", "" };
		for (size_t k = 0; k < nr; k++) { /* ratings come by date */
			if (r[k].activity_id != a[i].id)
				continue;
			if (out[i].first < 0) {
				out[i].first = r[k].score;
				memcpy(out[i].first_date, r[k].date, sizeof(out[i].first_date));
			}
			out[i].last = r[k].score;
			memcpy(out[i].last_date, r[k].date, sizeof(out[i].last_date));
		}
	}
	return na;
}

int app_progress(const struct app_ctx *ctx, struct app_progress *p, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct day *days = NULL;
	size_t n = 0, na = 0, nr = 0;
	struct psfs_activity *acts = NULL;
	struct psfs_rating *rates = NULL;
	int ret = -1;
	memset(p, 0, sizeof(*p));
	if (app_days_load(st, ctx->tz, &days, &n, err) || st->ops->psfs_activities(st, &acts, &na, err) ||
	    st->ops->psfs_ratings(st, &rates, &nr, err))
		goto out;
	p->today = app_today(ctx);
	p->n_days = n;
	p->win = stats_trend_window(days, n, p->today, APP_TREND_MARKS);
	for (int k = 0; k <= REG__COUNT; k++) {
		series(days, n, &p->win, k - 1, p->trend[k]);
		p->mean7[k] = mean_of(days, n, k - 1, p->win.to - 6, p->win.to);
	}
	p->ch = stats_change(days, n, p->today);
	p->course = stats_course(days, n, p->today);
	p->rl = stats_relief(days, n, p->today);
	p->ad = stats_adherence(days, n, p->today);
	p->after = stats_after_sessions(days, n);
	p->massage = stats_massage_vs_routine(days, n);
	p->stress = stats_pain_vs_stress(days, n);
	p->desk = stats_pain_vs_desk_hours(days, n);
	p->n_psfs = psfs_changes(acts, na < APP_PSFS_MAX ? na : APP_PSFS_MAX, rates, nr, p->psfs);
	ret = 0;
out:
	free(days);
	free(rates);
	store_psfs_activities_free(acts, na);
	return ret;
}

void app_progress_release(struct app_progress *p)
{
	for (size_t i = 0; i < p->n_psfs; i++)
		free(p->psfs[i].name);
	p->n_psfs = 0;
}
