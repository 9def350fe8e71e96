/* app.c: helpers every use case shares. */
#include "app/app.h"

int app_today(const struct app_ctx *ctx)
{
	return tz_day_of_ms(ctx->tz, ctx->now_ms);
}
