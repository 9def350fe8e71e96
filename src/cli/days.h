/* days.h: the store's check-ins and sessions folded into one record per calendar day
 * (the mean of that day's check-ins), the input of the analytics in core/stats.h. */
#ifndef UNHUNCH_DAYS_H
#define UNHUNCH_DAYS_H
#include "core/stats.h"
#include "store/store.h"

/* Fold check-ins (by their date) and sessions (by their local start date) into days,
 * sorted, one per date that has either. Caller frees *days. */
void days_fold(const struct checkin *c, size_t nc, const struct session_row *s, size_t ns, struct day **days,
	       size_t *n);
/* Read everything from the store and fold it. Returns -1 with err on failure. */
int days_load(struct store *st, struct day **days, size_t *n, struct strbuf *err);
/* Today's day number in local time. */
int days_today(void);
/* The local calendar day of a wall-clock time (ms). */
int days_of_ms(int64_t ms);

#endif
