/* store-status.h (app): which store holds the person's data, for the server's status
 * (GET /api/v1/status): its backend and the schema version it is at. */
#ifndef UNHUNCH_APP_STORE_STATUS_H
#define UNHUNCH_APP_STORE_STATUS_H
#include "app/app.h"
#include "core/strbuf.h"

struct app_store_status {
	const char *backend; /* "sqlite", "postgresql" (static) */
	int schema;          /* the version of its schema */
};

/* Returns 0, or -1 with err when the store cannot say (it does not open, or is damaged). */
int app_store_status(const struct app_ctx *ctx, struct app_store_status *out, struct strbuf *err);

#endif
