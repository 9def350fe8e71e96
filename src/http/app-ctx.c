/* app-ctx.c: the app layer's context for a request (handler.h: req_app, req_app_db). */
#include "http/handler.h"
#include "app/app.h"
#include "core/strbuf.h"
#include "core/tz.h"

/* The context on the store that getter gives (the person's, or the database-wide one). */
static bool app_on(struct req *rq, struct store *(*getter)(struct req *, struct strbuf *), struct app_ctx *ctx,
		   struct tz *utc)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = getter ? getter(rq, &err) : NULL;
	if (!st) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store does not open: %s",
			    err.len ? err.buf : "no store is configured");
		strbuf_release(&err);
		return false;
	}
	strbuf_release(&err);
	*utc = tz_fixed(0);
	*ctx = (struct app_ctx){ st, rq->srv->content, rq->now_ms, rq->srv->tz ? rq->srv->tz : utc };
	return true;
}

bool req_app(struct req *rq, struct app_ctx *ctx, struct tz *utc)
{
	return app_on(rq, rq->store_get, ctx, utc);
}

bool req_app_db(struct req *rq, struct app_ctx *ctx, struct tz *utc)
{
	return app_on(rq, rq->db_get, ctx, utc);
}
