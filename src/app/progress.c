/* progress.c: what `unhunch progress` shows, and the progress page and the report draw,
 * computed from the store (progress.h). */
#include "app/progress.h"
#include "app/days.h"
#include "app/psfs.h"
#include "core/mem.h"
#include <limits.h>
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
		out[i] = (struct app_psfs_change){ xstrdup(a[i].name), -1, -1, "", "", 0 };
		for (size_t k = 0; k < nr; k++) { /* ratings come by date */
			if (r[k].activity_id != a[i].id)
				continue;
			if (out[i].first < 0) {
				out[i].first = r[k].score;
				memcpy(out[i].first_date, r[k].date, sizeof(out[i].first_date));
			}
			out[i].last = r[k].score;
			memcpy(out[i].last_date, r[k].date, sizeof(out[i].last_date));
			out[i].count++;
		}
	}
	return na;
}

/* Days with a pain rating in [from, to]. */
static int rated_days(const struct day *d, size_t n, int from, int to)
{
	int c = 0;
	for (size_t i = stats_day_index(d, n, from); i < n && d[i].day <= to; i++)
		c += d[i].pain >= 0;
	return c;
}

/* The charts: every day of the trend window, and the last eight weeks' bars. */
static void charts(const struct day *d, size_t n, struct app_progress *p)
{
	p->chart_len = APP_TREND_MARKS * p->win.days_per_mark;
	for (int k = 0; k <= REG__COUNT; k++) {
		p->daily[k] = xcalloc((size_t)p->chart_len, sizeof(double));
		for (int i = 0; i < p->chart_len; i++)
			p->daily[k][i] = STATS_NO_VALUE;
		for (size_t i = stats_day_index(d, n, p->win.from); i < n && d[i].day < p->win.from + p->chart_len; i++) {
			double v = value_of(&d[i], k - 1);
			p->daily[k][d[i].day - p->win.from] = v;
			p->rated[k] |= v >= 0;
		}
	}
	int from = p->today - APP_WEEKS * 7 + 1;
	for (int w = 0; w < APP_WEEKS; w++)
		p->week_start[w] = from + 7 * w;
	for (size_t i = stats_day_index(d, n, from); i < n && d[i].day <= p->today; i++) {
		int k = d[i].day - from;
		p->week_sessions[k / 7] += d[i].session;
		p->week_headaches[k / 7] += d[i].headache >= 1;
		p->headache_rated += d[i].day > p->today - 28 && d[i].headache >= 0;
		p->weeks_any |= d[i].session || d[i].headache >= 0;
	}
}

int app_progress_of(const struct app_ctx *ctx, const struct checkin *c, size_t nc, const struct session_row *s,
		    size_t ns, struct app_progress *p, struct strbuf *err)
{
	struct day *days = NULL;
	size_t n = 0;
	struct app_psfs_records ps;
	memset(p, 0, sizeof(*p));
	if (app_psfs_load(ctx->store, &ps, err))
		return -1;
	app_days_fold(c, nc, s, ns, ctx->tz, &days, &n);
	if (app_days_load_appointments(ctx->store, &days, &n, err)) { /* a trainer's massages count too */
		free(days);
		app_psfs_records_release(&ps);
		return -1;
	}
	p->today = app_today(ctx);
	p->n_days = n;
	p->first_day = n ? days[0].day : -1;
	p->last_day = n ? days[n - 1].day : -1;
	p->pain_days = rated_days(days, n, INT_MIN, INT_MAX);
	p->sessions = app_sessions_counted(s, ns);
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
	size_t na = ps.n_acts < APP_PROGRESS_PSFS ? ps.n_acts : APP_PROGRESS_PSFS;
	p->n_psfs = psfs_changes(ps.acts, na, ps.ratings, ps.n_ratings, p->psfs);
	charts(days, n, p);
	free(days);
	app_psfs_records_release(&ps);
	return 0;
}

int app_progress(const struct app_ctx *ctx, struct app_progress *p, struct strbuf *err)
{
	struct app_records r;
	memset(p, 0, sizeof(*p));
	if (app_records_load(ctx->store, &r, err))
		return -1;
	int ret = app_progress_of(ctx, r.checkins, r.n_checkins, r.sessions, r.n_sessions, p, err);
	app_records_release(&r);
	return ret;
}

void app_progress_release(struct app_progress *p)
{
	for (size_t i = 0; i < p->n_psfs; i++)
		free(p->psfs[i].name);
	p->n_psfs = 0;
	for (int k = 0; k <= REG__COUNT; k++) {
		free(p->daily[k]);
		p->daily[k] = NULL;
	}
}
