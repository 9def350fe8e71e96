/* breaks-stats.h: the break log counted by kind and event, today and over the last
 * 7 days (local days), for `unhunch breaks stats` and the today screen. */
#ifndef UNHUNCH_CLI_BREAKS_STATS_H
#define UNHUNCH_CLI_BREAKS_STATS_H
#include "core/breaks.h"
#include "core/strbuf.h"
#include "store/store.h"

struct break_counts {
	int today[BRK__COUNT][BEV__COUNT];
	int week[BRK__COUNT][BEV__COUNT]; /* the last 7 days, today included */
};

/* Returns 0, or -1 with err. */
int breaks_count(struct store *st, struct break_counts *out, struct strbuf *err);

#endif
