/* days.h: the store's check-ins and sessions folded into one record per calendar day
 * (the mean of that day's check-ins), the input of the analytics in core/stats.h.
 * Sessions fall on the local day of their start in the time zone given. */
#ifndef UNHUNCH_APP_DAYS_H
#define UNHUNCH_APP_DAYS_H
#include "core/stats.h"
#include "core/tz.h"
#include "store/store.h"

/* Fold check-ins (by their date) and sessions (by their local start date in tz) into
 * days, sorted, one per date that has either. Caller frees *days. */
void app_days_fold(const struct checkin *c, size_t nc, const struct session_row *s, size_t ns, const struct tz *tz,
		   struct day **days, size_t *n);
/* Read everything from the store and fold it. Returns -1 with err on failure. */
int app_days_load(struct store *st, const struct tz *tz, struct day **days, size_t *n, struct strbuf *err);

#endif
