/* handout.c: the routines and doses of a handout (handout.h). */
#include "app/handout.h"
#include "app/plan-data.h"
#include "app/plan-view.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

/* A routine at the content's doses, or at the plan's when states is given. */
static void add_routine(struct app_handout *h, const struct catalog *c, const struct routine *r,
			const struct dose_state *states, bool halved)
{
	struct app_handout_item *items = xcalloc(r->n_items + 1, sizeof(*items));
	size_t n = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const struct item *it = &r->items[i];
		const char *id = states ? states[i].exercise : it->exercise;
		const struct exercise *e = catalog_exercise(c, id);
		if (!e)
			continue;
		if (states && states[i].paused) {
			if (h->n_left_out < sizeof(h->left_out) / sizeof(h->left_out[0]))
				h->left_out[h->n_left_out++] = e;
			continue;
		}
		items[n].e = e;
		items[n].dose = states ? *slot_dose(c, it, id) : *item_dose(it, e);
		if (states) {
			struct dose_state st = halved ? dose_halved(states[i]) : states[i];
			if (st.reps)
				items[n].dose.reps.min = items[n].dose.reps.max = st.reps;
			if (st.duration_s)
				items[n].dose.duration_s.min = items[n].dose.duration_s.max = st.duration_s;
		}
		n++;
	}
	h->parts[h->n++] = (struct app_handout_part){ r, items, n };
}

void app_handout_routine(const struct catalog *c, const struct routine *r, struct app_handout *h)
{
	memset(h, 0, sizeof(*h));
	add_routine(h, c, r, NULL, false);
}

int app_handout_plan(const struct app_ctx *ctx, struct app_handout *h, struct strbuf *err)
{
	memset(h, 0, sizeof(*h));
	struct app_plan v;
	int rc = -1;
	if (app_plan_load(ctx, &v, err))
		goto out;
	const struct plan *plan = &v.plan;
	if (!plan->n_parts) {
		if (reason_empty(&plan->note))
			strbuf_addstr(err, "the plan has no routines now");
		else
			reason_write(&plan->note, REASON_C, err);
		goto out;
	}
	for (size_t i = 0; i < plan->n_parts && h->n < APP_HANDOUT_MAX; i++) {
		const struct routine *r = plan->parts[i].routine ? catalog_routine(ctx->content, plan->parts[i].routine)
								 : NULL;
		bool seen = false;
		for (size_t k = 0; r && k < h->n; k++)
			seen |= !strcmp(h->parts[k].routine->name, r->name);
		if (!r || seen)
			continue;
		struct dose_state *states = xcalloc(r->n_items + 1, sizeof(*states));
		int bad = plan_doses(ctx->store, ctx->content, r, states, err);
		if (!bad)
			add_routine(h, ctx->content, r, states, plan->parts[i].halved);
		free(states);
		if (bad)
			goto out;
	}
	rc = 0;
out:
	app_plan_release(&v);
	return rc;
}

void app_handout_release(struct app_handout *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->parts[i].items);
	h->n = 0;
}
