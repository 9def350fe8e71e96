/* progress.h: the progress use case: the pain trend over the last eight weeks (or the
 * span there is), the change from the first week, the course, lasting relief,
 * adherence and streak, the functional-scale activities, and the insights (never a
 * claim without its interval). Days are local days of the context's zone. */
#ifndef UNHUNCH_APP_PROGRESS_H
#define UNHUNCH_APP_PROGRESS_H
#include "app/app.h"
#include "core/stats.h"

#define APP_TREND_MARKS 56 /* eight weeks, one mark a day (or per few days) */
#define APP_PROGRESS_PSFS 8 /* activities shown (app/psfs.h lets 3 be followed; a backup may hold more) */
#define APP_WEEKS 8        /* the weekly bars: the last eight weeks ending today */

struct app_psfs_change {
	char *name;
	int first, last;       /* scores; -1 when none */
	char first_date[11], last_date[11];
	int count;             /* ratings */
};

struct app_progress {
	int today;
	size_t n_days;          /* days with a check-in or a session; 0: nothing to show */
	struct trend_window win;
	double trend[1 + REG__COUNT][APP_TREND_MARKS]; /* overall, then each region */
	double mean7[1 + REG__COUNT]; /* the latest 7 days of the window */
	struct change ch;
	struct course course;
	struct relief rl;
	struct adherence ad;
	struct comparison after, massage;
	struct correlation stress, desk;
	struct app_psfs_change psfs[APP_PROGRESS_PSFS];
	size_t n_psfs;
	/* what the charts of the report and the progress page draw (format/chart-svg.h) */
	int first_day, last_day;       /* the first and last day on record; -1 when none */
	int pain_days;                 /* days with a pain rating */
	size_t sessions;               /* guided sessions (app_session_counts) */
	int chart_len;                 /* days drawn: APP_TREND_MARKS * win.days_per_mark from win.from */
	double *daily[1 + REG__COUNT]; /* chart_len daily means each, overall then each region;
					* STATS_NO_VALUE on a day without a rating */
	bool rated[1 + REG__COUNT];    /* that series has a rating */
	int week_start[APP_WEEKS];     /* the first day of each of the last eight weeks */
	int week_sessions[APP_WEEKS], week_headaches[APP_WEEKS]; /* days with a session, with a headache */
	bool weeks_any;                /* those weeks hold a session or a headache rating */
	int headache_rated;            /* days with a headache rating in the last 28 */
};

/* Fill p (caller releases it). Returns -1 with err when the store fails. */
int app_progress(const struct app_ctx *ctx, struct app_progress *p, struct strbuf *err);
/* The same from check-ins and sessions already read (the report reads them for more). */
int app_progress_of(const struct app_ctx *ctx, const struct checkin *c, size_t nc, const struct session_row *s,
		    size_t ns, struct app_progress *p, struct strbuf *err);
void app_progress_release(struct app_progress *p);
/* app_progress, and in *planned_days the days a week the plan (app/plan-view.h) has a
 * session: the parts that are not spread over the workday; 0 when it has none (the
 * progress page holds sessions per week against it). Release p either way. */
int app_progress_planned(const struct app_ctx *ctx, struct app_progress *p, int *planned_days, struct strbuf *err);

#endif
