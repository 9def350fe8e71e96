/* days.h: the command line's local clock and time zone, and the store's days folded in
 * the local zone (app/days.h does the folding). */
#ifndef UNHUNCH_DAYS_H
#define UNHUNCH_DAYS_H
#include "app/days.h"

/* The zone of this machine, as main read it (cli_clock.tz), for the app layer. */
const struct tz *tz_local(void);
/* Fold and load in the local zone (app_days_fold / app_days_load). */
void days_fold(const struct checkin *c, size_t nc, const struct session_row *s, size_t ns, struct day **days,
	       size_t *n);
int days_load(struct store *st, struct day **days, size_t *n, struct strbuf *err);
/* Today's day number in local time, at the instant main read (cli_clock; the test
 * clock when one is set). */
int days_today(void);
/* The local calendar day of a wall-clock time (ms). */
int days_of_ms(int64_t ms);

#endif
