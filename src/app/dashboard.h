/* dashboard.h: the trainer's dashboard: every client linked to the trainer, in the order
 * of what needs attention first (core/attention.h), with adherence against the plan,
 * pain by region per day, how each exercise felt, and the change from the first week.
 * ctx->store is the trainer's own handle (store_bind(db, trainer)). */
#ifndef UNHUNCH_APP_DASHBOARD_H
#define UNHUNCH_APP_DASHBOARD_H
#include "app/app.h"
#include "core/attention.h"
#include "core/checkin.h"
#include "core/stats.h"
#include "core/strbuf.h"

#define DASH_DAYS 30   /* the sparkline's days, ending today */
#define DASH_SERIES (REG__COUNT + 1) /* pain overall, then each region */

struct app_dash_client {
	const struct dash_client *facts; /* id, login, name, feel ratings (owned by the dashboard) */
	struct attention att;
	int days_since_session;       /* -1: none ever */
	int done7, due7, done30, due30; /* days with a session / days the plan has one due, in the last 7 and 30 */
	bool has_plan;                /* the plan has sessions (none while a warning sign pauses exercise) */
	bool paused;                  /* exercise is paused: a warning sign not dealt with */
	double pain[DASH_SERIES][DASH_DAYS]; /* by day from first_day; STATS_NO_VALUE without a rating */
	bool rated[DASH_SERIES];      /* a series with at least one rating in the window */
	struct change change;         /* stats_change(): the first week against the latest */
	struct course course;         /* stats_course(): its verdict */
};

struct app_dashboard {
	int today, first_day;         /* the window: first_day .. today (DASH_DAYS days) */
	struct app_dash_client *clients; /* in attention order */
	size_t n;
	struct dash_client *facts;    /* as the store gave them */
	size_t n_facts;
};

/* 0 with the dashboard; 1 when the handle's person is not an enabled trainer (nothing
 * read); -1 with err when the store fails. Release with app_dashboard_release. */
int app_dashboard(const struct app_ctx *ctx, struct app_dashboard *out, struct strbuf *err);
void app_dashboard_release(struct app_dashboard *d);

#endif
