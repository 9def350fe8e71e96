/* handout.h: what `unhunch handout` prints: a routine at the content's doses, or every
 * routine of the plan at today's doses (halved where the plan halves them), with the
 * exercises the plan has paused left out and named. The pages are format/handout-pdf.c's. */
#ifndef UNHUNCH_APP_HANDOUT_H
#define UNHUNCH_APP_HANDOUT_H
#include "app/app.h"
#include "core/plan.h"

struct app_handout_item {
	const struct exercise *e;
	struct dose dose; /* shallow: the strings belong to the content */
};

struct app_handout_part {
	const struct routine *routine;
	struct app_handout_item *items; /* owned; in the order they are done */
	size_t n;
};

#define APP_HANDOUT_MAX (PLAN_MAX_PARTS + 1)
struct app_handout {
	struct app_handout_part parts[APP_HANDOUT_MAX];
	size_t n;
	const struct exercise *left_out[64]; /* paused by the plan, in the order met */
	size_t n_left_out;
};

/* One routine at the content's doses. */
void app_handout_routine(const struct catalog *c, const struct routine *r, struct app_handout *h);
/* The plan's routines at today's doses (the plan of app_plan_load(), its doses as
 * decided so far). -1 with err when the store fails or the plan holds no routine now
 * (err: the plan's note, which says why). */
int app_handout_plan(const struct app_ctx *ctx, struct app_handout *h, struct strbuf *err);
void app_handout_release(struct app_handout *h);

#endif
