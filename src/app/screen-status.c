/* screen-status.c: the screening state (screen-status.h). */
#include "app/screen-status.h"
#include <string.h>

int app_screen_status(const struct app_ctx *ctx, struct app_screen_status *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	if (app_safety(ctx, &out->safety, err) ||
	    ctx->store->ops->screening_latest(ctx->store, &out->latest, &out->found, err))
		return -1;
	const struct safety_status *s = &out->safety.s;
	out->exercise_allowed = s->allowed && !s->must_screen;
	if (s->must_screen) {
		struct app_gate_request rq = { GATE_START, NULL, NULL, NULL, -1 };
		struct strbuf ignored = STRBUF_INIT; /* the reason is a courtesy; the status stands without it */
		out->has_gate = !app_gate_on(ctx, &rq, &out->safety, &out->gate, &ignored);
		strbuf_release(&ignored);
	}
	return 0;
}

void app_screen_status_release(struct app_screen_status *s)
{
	screening_row_release(&s->latest);
}
