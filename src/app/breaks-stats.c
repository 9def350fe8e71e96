/* breaks-stats.c: counting the break log (see breaks-stats.h). */
#include "app/breaks-stats.h"
#include <string.h>

int app_break_log(const struct app_ctx *ctx, const struct brk_event *ev, struct strbuf *err)
{
	struct break_row r = { ev->at, ev->kind, ev->what, (char *)ev->exercise, (char *)ev->detail };
	return ctx->store->ops->break_add(ctx->store, &r, err);
}

int app_breaks_count(const struct app_ctx *ctx, struct break_counts *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	int day = app_today(ctx);
	int64_t week = tz_day_start_ms(ctx->tz, day - 6), today = tz_day_start_ms(ctx->tz, day);
	struct break_row *rows = NULL;
	size_t n = 0;
	if (ctx->store->ops->breaks_since(ctx->store, week, &rows, &n, err))
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
