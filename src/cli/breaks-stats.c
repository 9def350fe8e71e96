/* breaks-stats.c: counting the break log (see breaks-stats.h). */
#include "breaks-stats.h"
#include <string.h>
#include <time.h>

static int64_t local_midnight_ms(int days_ago)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday -= days_ago;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000;
}

int breaks_count(struct store *st, struct break_counts *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	int64_t week = local_midnight_ms(6), today = local_midnight_ms(0);
	struct break_row *rows = NULL;
	size_t n = 0;
	if (st->ops->breaks_since(st, week, &rows, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].at_ms >= week)
			out->week[rows[i].kind][rows[i].event]++;
		if (rows[i].at_ms >= today)
			out->today[rows[i].kind][rows[i].event]++;
	}
	store_breaks_free(rows, n);
	return 0;
}
