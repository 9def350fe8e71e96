/* today.h: the today screen's facts, for every front end (`unhunch` with no command,
 * the web's Today page, GET /api/v1/today): the plan and what of it is due today, the
 * sessions of today (done, skipped), the day's breaks, the last check-in, the paused
 * exercises, what the safety gate says, and the one thing to do now. */
#ifndef UNHUNCH_APP_TODAY_H
#define UNHUNCH_APP_TODAY_H
#include "app/app.h"
#include "app/breaks-stats.h"
#include "app/safety.h"
#include "core/plan.h"

#define TODAY_MAX_DONE 16
#define TODAY_MAX_PAUSED 16

/* What to do now, one thing, in this order of precedence. */
enum today_next {
	NEXT_SEE_SOMEONE, /* exercise is paused by the screen: safety.s.advice says who to see */
	NEXT_SCREEN,      /* answer the safety questions first (first run, or gate_reason) */
	NEXT_CHECKIN,     /* a check-in is owed after a session that raised the pain */
	NEXT_SESSION,     /* start the routine next_routine */
	NEXT_REST,        /* nothing due that is not done: rest, or check in when none today */
};
extern const char *const today_next_names[]; /* "see-someone", "screen", "checkin", "session", "rest" */

/* Today's part of the plan. */
enum today_day {
	DAY_PLANNED,      /* parts are due today: plan_due(&plan, today, ...) */
	DAY_REST,         /* nothing is due today: a rest day */
	DAY_PAUSED,       /* exercise is paused by a safety answer: safety.s.advice says who to see */
	DAY_WAITS_SCREEN, /* the safety questions were never answered: no exercise before them */
};

struct today_done {
	const char *routine;   /* the routine id (points into sessions) */
	const char *name;      /* its name in the content, or the id */
	bool finished;         /* a session of it was finished today */
	int exercises_done, exercises_skipped; /* over today's sessions of it */
};

struct today_paused {
	const char *routine_name;
	const char *exercise;  /* id */
	const char *name;
};

struct app_today {
	int today;                       /* local day number */
	struct plan plan;                /* due parts: plan_due(&plan, today, ...) */
	struct app_safety safety;        /* the status the gate decides from */
	bool gate_asked;                 /* screened, and a rescreen is due: gate holds the verdict */
	struct gate_verdict gate;        /* the gate's answer to starting a session now */
	bool checkin_owed;
	struct today_done done[TODAY_MAX_DONE];
	size_t n_done;
	int exercises_done, exercises_skipped; /* over every session of today */
	struct today_paused paused[TODAY_MAX_PAUSED];
	size_t n_paused;
	const char *next_routine;        /* the routine due that has no finished session today; NULL */
	enum today_next next;
	enum today_day day;
	const char *day_text;            /* the day in one plain sentence; NULL for DAY_PLANNED */
	const char *paused_what;         /* DAY_PAUSED: what is paused (app_pause_words); else NULL */
	const char *still_fine;          /* DAY_PAUSED: what is still fine to do; else NULL */
	bool breaks_ok;                  /* breaks holds the counts (the log could be read) */
	struct break_counts breaks;
	int last_day;                    /* the last day with a pain value, up to today; -1 none */
	double last_pain;                /* that day's mean pain */
	bool checked_in_today;           /* a check-in for today is stored */
	struct checkin last;             /* the newest stored check-in (by date, then time); valid
					  * when has_last; its note is owned by the result */
	bool has_last;
	/* owned, for the callers that need more than the above */
	struct session_row *sessions;    /* those of the last three days only */
	size_t n_sessions;
	struct day *days;                /* every check-in's day; sessions only of the last three days */
	size_t n_days;
	struct profile *profiles;
	size_t n_profiles;
};

/* While a safety answer pauses exercise (screened and not allowed): what is paused,
 * and what is still fine to do as far as the answer allows it (after an emergency
 * answer, nothing: the advice comes first; after a warning sign during exercise,
 * breathing only as long as it does not make the person dizzy). Both NULL when exercise
 * is not paused. The today screen, the plan and the web's Today page all say these. */
void app_pause_words(const struct safety_status *s, const char **what, const char **fine);

/* Work the day out at ctx->now_ms in ctx->tz. Needs ctx->content. Returns -1 with err
 * when the store fails; release the result with app_today_release() in either case. */
int app_today_load(const struct app_ctx *ctx, struct app_today *out, struct strbuf *err);
void app_today_release(struct app_today *t);

#endif
