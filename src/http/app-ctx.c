/* app-ctx.c: the app layer's context for a request (handler.h: req_app, req_app_db):
 * for the person's own store, the content as their routines run (with the steps their
 * trainer added, app/person-content.h), made once a request (not for a grouped write,
 * which runs no routine). */
#include "http/handler.h"
#include "app/app.h"
#include "app/person-content.h"
#include "core/strbuf.h"
#include "core/tz.h"

struct person_content {
	struct catalog cat;
	const struct catalog *base;
};

static void release_person(void *p)
{
	struct person_content *pc = p;
	app_person_content_release(&pc->cat, pc->base);
}

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
	*utc = tz_fixed(0);
	const struct catalog *content = rq->srv->content;
	/* a grouped write (a check-in) runs no routine: no read for it on the committer */
	bool grouped = rq->route && (rq->route->flags & ROUTE_GROUPED);
	if (content && getter == rq->store_get && !rq->person_content && !grouped) {
		struct person_content *pc = arena_alloc(&rq->arena, sizeof(*pc));
		pc->base = content;
		if (app_person_content(st, content, &pc->cat, &err)) {
			reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
			strbuf_release(&err);
			return false;
		}
		arena_defer(&rq->arena, release_person, pc);
		rq->person_content = &pc->cat;
	}
	if (getter == rq->store_get && rq->person_content)
		content = rq->person_content;
	strbuf_release(&err);
	*ctx = (struct app_ctx){ st, content, rq->now_ms, rq->srv->tz ? rq->srv->tz : utc };
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
