/* routes-plan.c: the plan in the browser: GET /api/v1/plan and the page /plan, with the
 * reason for every part and every dose change, as `unhunch plan --why` gives them. The
 * plan is the app layer's (app/plan-view.c, the use case `unhunch plan` calls): like
 * every look at the plan, it first judges the feedback that is due into dose decisions. */
#include "http/handler.h"
#include "app/plan-view.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/plan.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

static json_t *sb_json(struct strbuf *sb)
{
	json_t *v = json_string(strbuf_str(sb));
	strbuf_release(sb);
	return v;
}

/* The current dose of each item that moved from where it starts, the exercises that
 * run as another one for now, with how each comes back, and the different exercises
 * offered (only if the person chooses one) where an exercise has no harder step left. */
static void doses_json(const struct app_plan *v, json_t *o)
{
	json_t *moved = json_array(), *replaced = json_array(), *offers = json_array();
	for (size_t k = 0; k < v->n_doses; k++) {
		const struct app_plan_dose *d = &v->doses[k];
		const char *runs_as = d->runs_as ? d->runs_as->name : d->now.exercise;
		if (d->moved) {
			struct strbuf ds = STRBUF_INIT;
			dose_state_describe(&d->shown, &ds);
			json_array_append_new(moved, json_pack("{s:s, s:s, s:o, s:b, s:b}", "routine", d->routine->name,
							       "exercise", runs_as, "dose", sb_json(&ds), "halved",
							       v->plan.gentle, "paused", d->now.paused));
		}
		if (d->replaced)
			json_array_append_new(replaced, json_pack("{s:s, s:s, s:b, s:s}", "exercise",
								  d->own ? d->own->name : d->item->exercise, "instead",
								  runs_as, "leads_back", d->leads_back, "item",
								  d->item->exercise));
		if (d->offer)
			json_array_append_new(offers, json_pack("{s:s, s:s, s:s, s:s, s:s}", "exercise",
								d->own ? d->own->name : d->item->exercise, "offer",
								d->offer->name, "id", d->offer->id, "why",
								d->offer->instead_why, "item", d->item->exercise));
	}
	json_object_set_new(o, "has_moved", json_boolean(json_array_size(moved) > 0));
	json_object_set_new(o, "moved", moved);
	json_object_set_new(o, "has_replaced", json_boolean(json_array_size(replaced) > 0));
	json_object_set_new(o, "replaced", replaced);
	json_object_set_new(o, "has_offers", json_boolean(json_array_size(offers) > 0));
	json_object_set_new(o, "offers", offers);
}

static json_t *plan_json(const struct app_ctx *ctx, const struct app_plan *v)
{
	const struct plan *p = &v->plan;
	json_t *o = json_pack("{s:o, s:o, s:b, s:b, s:b}", "date", format_json_day(v->today), "assessed",
			      format_json_day(p->assessed ? p->assessed_day : -1), "allowed", p->allowed, "gentle", p->gentle,
			      "screened", v->safety.s.screened);
	json_object_set_new(o, "note", p->note[0] ? json_string(p->note) : json_null());
	json_object_set_new(o, "advice", !p->allowed && v->safety.s.advice ? json_string(v->safety.s.advice)
									    : json_null());
	json_t *parts = json_array();
	for (size_t i = 0; i < p->n_parts; i++) {
		const struct plan_part *pt = &p->parts[i];
		struct strbuf days = STRBUF_INIT;
		plan_days_describe(pt->days, p->work_days, &days);
		json_t *part = json_pack("{s:s, s:o, s:i, s:b, s:b, s:s}", "title", pt->title, "days", sb_json(&days),
					 "minutes", pt->minutes, "optional", pt->add_on, "all_day", pt->all_day, "why",
					 pt->why);
		json_object_set_new(part, "href", pt->routine ? json_sprintf("/library/routines/%s", pt->routine)
						  : pt->exercise ? json_sprintf("/library/exercises/%s", pt->exercise)
								 : json_null());
		json_array_append_new(parts, part);
	}
	json_object_set_new(o, "has_parts", json_boolean(p->n_parts > 0));
	json_object_set_new(o, "parts", parts);
	struct strbuf madv = STRBUF_INIT;
	plan_massage_advice(p, &madv);
	size_t nm = v->n_massage_days;
	json_t *mdays = json_array();
	for (size_t i = 0; i < nm; i++)
		json_array_append_new(mdays, format_json_day(v->massage_days[i]));
	/* the massages recorded are shown whether or not exercise is paused; the advice
	 * only while the plan holds exercise */
	json_t *adv = json_null();
	if (madv.len)
		adv = sb_json(&madv);
	else
		strbuf_release(&madv);
	json_object_set_new(o, "massage", json_pack("{s:o, s:o, s:b}", "advice", adv, "last_7_days", mdays, "any",
						    nm > 0));
	json_t *found = json_array();
	if (p->assessed)
		for (int f = 0; f < F__COUNT; f++) {
			const struct profile *pr = &v->profiles[v->n_profiles - 1];
			json_array_append_new(found, json_pack("{s:s, s:s, s:s}", "factor", factor_titles[f], "level",
							       strength_names[pr->f[f].strength], "reason",
							       pr->f[f].reason));
		}
	json_object_set_new(o, "found", found);
	json_t *changes = json_array();
	const struct plan_change_row *ch = v->changes;
	for (size_t i = 0; i < v->n_changes; i++) {
		const struct exercise *e = catalog_exercise(ctx->content, ch[i].slot);
		json_array_append_new(changes, json_pack("{s:s, s:s, s:s, s:s, s:b}", "date", ch[i].date, "exercise",
							 e ? e->name : ch[i].slot, "action", ch[i].action, "reason",
							 ch[i].reason, "paused", ch[i].paused));
	}
	json_object_set_new(o, "has_changes", json_boolean(json_array_size(changes) > 0));
	json_object_set_new(o, "changes", changes);
	doses_json(v, o);
	return o;
}

/* The plan, the feedback due judged first; NULL with the answer given. */
static json_t *plan_view(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return NULL;
	struct strbuf err = STRBUF_INIT;
	struct app_plan v;
	json_t *o = NULL;
	if (app_plan_view(&ctx, &v, &err) || !(o = plan_json(&ctx, &v)))
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	app_plan_release(&v);
	strbuf_release(&err);
	return o;
}

void api_plan(struct req *rq)
{
	json_t *v = plan_view(rq);
	if (v)
		reply_json(rq, 200, v);
}

void page_plan(struct req *rq)
{
	json_t *v = plan_view(rq);
	if (v)
		json_object_set_new(v, "note_parts", page_text_links(json_string_value(json_object_get(v, "note"))));
	if (v)
		reply_page(rq, 200, "plan", "plan", "Plan", json_pack("{s:o}", "plan", v));
}
