/* stats.h: outcome analytics, pure: daily pain series in, trends and honest verdicts out.
 * Days are numbered (days since 1970-01-01, UTC calendar dates); no clock is read: the
 * caller passes "today". All functions are deterministic and allocate nothing they do
 * not return. */
#ifndef UNHUNCH_STATS_H
#define UNHUNCH_STATS_H
#include <stdbool.h>
#include <stddef.h>

#define STATS_NO_VALUE (-1.0) /* a day or a mean with no data */

/* One calendar day's data: the mean of that day's check-ins, or STATS_NO_VALUE. */
struct day {
	int day;              /* days since 1970-01-01 */
	double pain;          /* 0-10 overall */
	double region[6];     /* neck, between-shoulder-blades, upper-back, left-shoulder, right-shoulder, chest */
	double headache, stiffness, stress, sleep, desk_hours;
	bool massage;         /* professional massage received that day */
	bool session;         /* at least one guided session that day (finished or not) */
};

/* Parse "YYYY-MM-DD" into a day number; false when malformed or impossible (2026-02-30). */
bool day_parse(const char *s, int *day);
/* Format a day number as "YYYY-MM-DD" into out (at least 11 bytes). */
void day_format(int day, char *out);
/* 0 = Monday ... 6 = Sunday */
int day_weekday(int day);

/* Index of the first day on or after d (n when none): days sorted by day. A range
 * [from, to] is read from stats_day_index(from) while .day <= to, never by a scan. */
size_t stats_day_index(const struct day *days, size_t n, int d);

/* Mean of pain over [from, to] (inclusive), days without data skipped; STATS_NO_VALUE
 * when none. days sorted by day, one entry per day at most. */
double stats_mean_pain(const struct day *days, size_t n, int from, int to);

/* The first week against the latest week with data. The latest week is the last 7 days
 * ending today when they hold a rating, else the 7 days ending at the last day with one
 * (a diary back-filled, or a break from checking in): the comparison says which dates
 * it rests on, so every statement about change agrees with the others. */
struct change {
	double baseline;   /* mean of the first 7 calendar days that start at the first day with data */
	double current;    /* mean of the latest week with data (see above) */
	int baseline_from, baseline_to, current_from, current_to; /* the days of each week */
	int n_baseline, n_current; /* days with a rating in each */
	int first_day, last_day;   /* first and last day with a rating; -1 when none */
	bool recent;       /* the latest week is the last 7 days ending today */
	double drop;       /* baseline - current (positive = better) */
	double drop_pct;   /* drop / baseline * 100; 0 when baseline is 0 */
	bool meaningful;   /* drop >= 2 points AND drop_pct >= 30 */
	bool enough;       /* both means exist and the first week ended before the latest one begins */
};
struct change stats_change(const struct day *days, size_t n, int today);

/* The course of the pain since the first week (clinical.md §1f and §2d): is it getting
 * better, staying the same or getting worse? */
enum course_state {
	COURSE_EARLY,         /* less than two weeks of data: too early to say */
	COURSE_IMPROVING,     /* a meaningful improvement (stats_change) */
	COURSE_SO_FAR,        /* not meaningful yet, but not a signal either */
	COURSE_NOT_IMPROVING, /* 2 weeks and no better than the first week, or 4 weeks and no
			       * meaningful improvement (first week 3 or more) */
	COURSE_WORSE,         /* 2 points or more above the first week, however slowly it came */
};
#define COURSE_FLAT_DAYS 14        /* from 2 weeks, no improvement at all is a signal */
#define COURSE_MEANINGFUL_DAYS 28  /* by 4 weeks, no meaningful improvement is a signal */
#define COURSE_WORSE_POINTS 2.0
#define COURSE_MIN_BASELINE 3.0    /* a first week below this leaves too little room to judge improving */
struct course {
	enum course_state state;
	double baseline, current;  /* the first week's mean and the last 7 days' (STATS_NO_VALUE when none) */
	int days;                  /* days since the first day with pain */
	bool above_first_week;     /* the last 7 days are above the first week: no dose goes up */
	bool see_clinician;        /* not improving or worse: advise a clinician, hold the dose */
};
struct course stats_course(const struct day *days, size_t n, int today);
/* The days a trend shows in `marks` marks: the last `marks` days ending today when any
 * of them has a rating; else the whole span of the ratings (first to last day), with
 * days_per_mark days folded into each mark when it is longer than `marks` days. */
struct trend_window {
	int from, to;        /* inclusive */
	int days_per_mark;   /* 1, or more for a long span */
	bool recent;         /* it ends today */
};
struct trend_window stats_trend_window(const struct day *days, size_t n, int today, int marks);

struct relief {
	int days_with_data;      /* in the last 28 days ending today */
	int days_low;            /* of those, days with mean pain <= 2 */
	double share_low;        /* days_low / days_with_data, 0..1; STATS_NO_VALUE when no data */
	int flare_ups;           /* days 2+ points above the mean of the previous 7 days,
				  * counted after the first meaningful improvement */
	int first_improved_day;  /* first day whose trailing 7-day mean met the MCID vs baseline; -1 if none */
};
struct relief stats_relief(const struct day *days, size_t n, int today);

/* Is day d a flare-up: pain >= 2 above the mean of the 7 days before it (needs at least
 * 3 of those days with data)? */
bool stats_is_flare(const struct day *days, size_t n, int d);

struct adherence {
	double sessions_per_week;  /* over the last 4 weeks ending today (or since the first session if sooner) */
	int streak_days;           /* consecutive days with a session ending today or yesterday */
	double headache_days_per_week; /* days with headache >= 1, last 4 weeks */
};
struct adherence stats_adherence(const struct day *days, size_t n, int today);

/* A comparison with its 95 % confidence interval; enough false when either group has
 * fewer than 14 days (then only n1 and n2 are meaningful). */
struct comparison {
	bool enough;
	int n1, n2;
	double mean1, mean2;
	double diff;          /* mean1 - mean2 */
	double lo, hi;        /* 95 % CI of diff (Welch, t quantile for the Welch df) */
};

/* Next-day pain after session days (group 1) vs after rest days (group 2). */
struct comparison stats_after_sessions(const struct day *days, size_t n);
/* Next-day pain after massage-only days (massage, no session) vs after routine days (session). */
struct comparison stats_massage_vs_routine(const struct day *days, size_t n);

struct correlation {
	bool enough;          /* at least 14 days with both values, and both of them vary */
	int n;                /* days with both values */
	bool x_varies, pain_varies; /* false: that one has the same value every day, so there
				     * is nothing to correlate whatever n is */
	double r, lo, hi;     /* Pearson r with its 95 % CI (Fisher z) */
};
struct correlation stats_pain_vs_stress(const struct day *days, size_t n);
struct correlation stats_pain_vs_desk_hours(const struct day *days, size_t n);

/* Unicode sparkline of values (STATS_NO_VALUE shown as a space) into out: 3 bytes per
 * value plus NUL; values scaled on 0..10. */
void stats_sparkline(const double *values, size_t n, char *out, size_t out_size);

#endif
