/* days.h: the store's check-ins and sessions folded into one record per calendar day
 * (the mean of that day's check-ins), the input of the analytics in core/stats.h.
 * Sessions fall on the local day of their start in the time zone given. */
#ifndef UNHUNCH_APP_DAYS_H
#define UNHUNCH_APP_DAYS_H
#include "core/stats.h"
#include "core/tz.h"
#include "store/store.h"

/* A session counts as a guided session (in the report, the streak, adherence and the
 * today screen) once an exercise of it was done; one quit before any is only an attempt. */
bool app_session_counts(const struct session_row *s);
/* How many of the n sessions count. */
size_t app_sessions_counted(const struct session_row *s, size_t n);

/* Fold check-ins (by their date) and the sessions that count (by their local start date in
 * tz) into days, sorted, one per date that has either. Caller frees *days. */
void app_days_fold(const struct checkin *c, size_t nc, const struct session_row *s, size_t ns, const struct tz *tz,
		   struct day **days, size_t *n);
/* A trainer's massage appointments (kind "massage") count as massage days: each marks
 * its day's massage, a day added (no ratings) where the days had none, kept sorted. So
 * the insights' comparison of massage days with routine days (stats_massage_vs_routine)
 * counts the massages a trainer recorded as well as those the check-ins say. */
void app_days_add_appointments(struct day **days, size_t *n, const struct appointment_row *a, size_t na);
/* The same, reading the appointments of st's person; -1 with err when the store fails. */
int app_days_load_appointments(struct store *st, struct day **days, size_t *n, struct strbuf *err);

/* The person's check-ins and sessions, read from the store together: what the days,
 * the progress and the report are made from. */
struct app_records {
	struct checkin *checkins;
	size_t n_checkins;
	struct session_row *sessions;
	size_t n_sessions;
};
/* Read both (or neither: -1 with err). Release with app_records_release. */
int app_records_load(struct store *st, struct app_records *r, struct strbuf *err);
void app_records_release(struct app_records *r);

/* Read everything from the store and fold it. Returns -1 with err on failure. */
int app_days_load(struct store *st, const struct tz *tz, struct day **days, size_t *n, struct strbuf *err);

#endif
