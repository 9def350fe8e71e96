/* forget.c: delete everything (forget.h). */
#include "app/forget.h"

enum app_forget_status app_forget_all(const struct app_ctx *ctx, struct strbuf *err)
{
	bool wiped;
	if (ctx->store->ops->forget_all(ctx->store, &wiped, err))
		return APP_FORGET_FAILED;
	return wiped ? APP_FORGET_DONE : APP_FORGET_UNFINISHED;
}
