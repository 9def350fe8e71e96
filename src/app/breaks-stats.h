/* breaks-stats.h: the break log: an event of the break coach stored, and the log
 * counted by kind and event, today and over the last 7 days (local days of the
 * context's zone), for `unhunch breaks stats` and the today screen. */
#ifndef UNHUNCH_APP_BREAKS_STATS_H
#define UNHUNCH_APP_BREAKS_STATS_H
#include "app/app.h"
#include "core/breaks.h"

struct break_counts {
	int today[BRK__COUNT][BEV__COUNT];
	int week[BRK__COUNT][BEV__COUNT]; /* the last 7 days, today included */
};

/* Store one event of the break coach (core/breaks.h). Returns 0, or -1 with err. */
int app_break_log(const struct app_ctx *ctx, const struct brk_event *ev, struct strbuf *err);

/* Returns 0, or -1 with err. */
int app_breaks_count(const struct app_ctx *ctx, struct break_counts *out, struct strbuf *err);

#endif
