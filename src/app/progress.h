/* progress.h: the progress use case: the pain trend over the last eight weeks (or the
 * span there is), the change from the first week, the course, lasting relief,
 * adherence and streak, the functional-scale activities, and the insights (never a
 * claim without its interval). Days are local days of the context's zone. */
#ifndef UNHUNCH_APP_PROGRESS_H
#define UNHUNCH_APP_PROGRESS_H
#include "app/app.h"
#include "core/stats.h"

#define APP_TREND_MARKS 56 /* eight weeks, one mark a day (or per few days) */
#define APP_PSFS_MAX 8

struct app_psfs_change {
	char *name;
	int first, last;       /* scores; -1 when none */
	char first_date[11], last_date[11];
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
	struct app_psfs_change psfs[APP_PSFS_MAX];
	size_t n_psfs;
};

/* Fill p (caller releases it). Returns -1 with err when the store fails. */
int app_progress(const struct app_ctx *ctx, struct app_progress *p, struct strbuf *err);
void app_progress_release(struct app_progress *p);

#endif
