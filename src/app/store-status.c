/* store-status.c (app): the store's backend and schema version (store-status.h). */
#include "app/store-status.h"
#include "store/store.h"

int app_store_status(const struct app_ctx *ctx, struct app_store_status *out, struct strbuf *err)
{
	struct store *st = ctx->store;
	out->backend = st->ops->name;
	out->schema = 0;
	return st->ops->schema_version(st, &out->schema, err);
}
