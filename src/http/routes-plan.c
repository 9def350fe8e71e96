/* routes-plan.c: the plan in the browser: GET /api/v1/plan and the page /plan, with the
 * reason for every part and every dose change, as `unhunch plan --why` gives them,
 * bringing an exercise back (`unhunch plan --resume` and `--back`: the API's POST
 * /api/v1/plan/resume and /back, the page's forms /plan/resume and /back) and taking a
 * different exercise offered (`unhunch plan --switch`: POST /api/v1/plan/switch, the
 * page's form /plan/switch). The
 * plan is the app layer's (app/plan-view.c, the use case `unhunch plan` calls): like
 * every look at the plan, it first judges the feedback that is due into dose decisions. */
#include "http/handler.h"
#include "app/plan-data.h"
#include "app/plan-view.h"
#include "app/session.h"
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
static void doses_json(const struct catalog *c, const struct app_plan *v, json_t *o)
{
	json_t *moved = json_array(), *replaced = json_array(), *offers = json_array();
	for (size_t k = 0; k < v->n_doses; k++) {
		const struct app_plan_dose *d = &v->doses[k];
		const char *runs_as = d->runs_as ? d->runs_as->name : d->now.exercise;
		if (d->moved) {
			struct strbuf ds = STRBUF_INIT;
			app_plan_dose_describe(c, d, &ds);
			json_array_append_new(moved, json_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:b}", "routine",
							       d->routine->name, "routine_id", d->routine->id, "item",
							       d->item->exercise, "exercise", runs_as, "dose", sb_json(&ds),
							       "halved", v->plan.gentle, "paused", d->now.paused));
		}
		if (d->replaced)
			json_array_append_new(replaced, json_pack("{s:s, s:s, s:b, s:s, s:s}", "exercise",
								  d->own ? d->own->name : d->item->exercise, "instead",
								  runs_as, "leads_back", d->leads_back, "item",
								  d->item->exercise, "routine_id", d->routine->id));
		if (d->offer)
			json_array_append_new(offers, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "exercise",
								d->own ? d->own->name : d->item->exercise, "offer",
								d->offer->name, "id", d->offer->id, "why",
								d->offer->instead_why, "item", d->item->exercise,
								"routine_id", d->routine->id));
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
	json_object_set_new(o, "note", reason_empty(&p->note) ? json_null() : format_json_reason(&p->note));
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
			json_array_append_new(found, json_pack("{s:s, s:s, s:o}", "factor", factor_titles[f], "level",
							       strength_names[pr->f[f].strength], "reason",
							       format_json_reason(&pr->f[f].reason)));
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
	json_t *rx = format_prescriptions_json(ctx->content, v);
	json_object_set_new(o, "has_prescriptions", json_boolean(json_array_size(rx) > 0));
	json_object_set_new(o, "prescriptions", rx);
	json_object_set_new(o, "changes", changes);
	doses_json(ctx->content, v, o);
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

/* The plan page, with what a form of it did or why not (done or problem: taken, may be
 * NULL); the commands a note, a reason or a refusal names become links to the page that
 * does them. */
static void plan_page(struct req *rq, int status, json_t *done, json_t *problem)
{
	json_t *v = plan_view(rq);
	if (v) {
		json_object_set_new(v, "note_parts", page_text_links(json_string_value(json_object_get(v, "note"))));
		size_t i;
		json_t *ch;
		json_array_foreach(json_object_get(v, "changes"), i, ch)
			json_object_set_new(ch, "reason_parts",
					    page_text_links(json_string_value(json_object_get(ch, "reason"))));
		json_object_set_new(v, "done", done ? done : json_null());
		json_object_set_new(v, "problem_parts", page_text_links(json_string_value(problem)));
		json_object_set_new(v, "problem", problem ? problem : json_null());
		reply_page(rq, status, "plan", "plan", "Plan", json_pack("{s:o}", "plan", v));
	} else {
		json_decref(done);
		json_decref(problem);
	}
}

void page_plan(struct req *rq)
{
	plan_page(rq, 200, NULL, NULL);
}

/* ---- bringing an exercise back: a paused one (`unhunch plan --resume`), one that runs
 * as another for now (`unhunch plan --back`); taking a different one offered (`unhunch
 * plan --switch`) ---- */

enum plan_act { ACT_RESUME, ACT_BACK, ACT_SWITCH };

struct act_result {
	int status;        /* 200 done or nothing to do; 4xx refused; 503 the store failed */
	const char *code;  /* the error's code when refused */
	const char *field; /* ... and its field */
	bool changed;
	char *message;     /* in the arena */
};

/* The terminal's `plan --switch`: app_plan_switch(), its refusals in the terminal's words
 * (400 for an exercise or routine that is none, 409 when it is not offered now). */
static void switch_act(struct req *rq, struct act_result *out)
{
	const char *rid = json_string_value(json_object_get(rq->input, "routine"));
	const char *to = json_string_value(json_object_get(rq->input, "exercise"));
	const struct catalog *c = rq->srv->content;
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) { /* answered */
		out->status = -1;
		return;
	}
	struct strbuf no = STRBUF_INIT, err = STRBUF_INIT;
	int rc = app_plan_switch(&ctx, rid, to, &no, &err);
	if (rc == 2) {
		*out = (struct act_result){ 400, "bad_value", catalog_routine(c, rid) ? "exercise" : "routine", false,
					    arena_printf(&rq->arena, "%s", strbuf_str(&no)) };
	} else if (rc == 1) {
		*out = (struct act_result){ 409, "not_allowed", "exercise", false,
					    arena_printf(&rq->arena, "Not switched: %s.", strbuf_str(&no)) };
	} else if (rc < 0) {
		*out = (struct act_result){ 503, "store_unavailable", NULL, false,
					    arena_printf(&rq->arena, "the data store failed: %s", strbuf_str(&err)) };
	} else {
		const struct exercise *e = catalog_exercise(c, to), *own = catalog_exercise(c, e->instead_of);
		*out = (struct act_result){ 200, NULL, NULL, true,
					    arena_printf(&rq->arena, "%s runs in place of %s from now on, at its starting "
								 "dose. To go back, use the button by it on the Plan page.",
							 e->name, own ? own->name : e->instead_of) };
	}
	strbuf_release(&no);
	strbuf_release(&err);
}

/* The one use case of the terminal's command: app_plan_resume() (through the safety
 * gate), app_plan_back() or app_plan_switch(). */
static void plan_act(struct req *rq, enum plan_act act, struct act_result *out)
{
	memset(out, 0, sizeof(*out));
	if (act == ACT_SWITCH) {
		switch_act(rq, out);
		return;
	}
	const char *rid = json_string_value(json_object_get(rq->input, "routine"));
	const char *ex = json_string_value(json_object_get(rq->input, "exercise"));
	const struct routine *r = catalog_routine(rq->srv->content, rid);
	const struct item *it = NULL;
	for (size_t i = 0; r && i < r->n_items && !it; i++)
		if (!strcmp(r->items[i].exercise, ex))
			it = &r->items[i];
	if (!r || !it) {
		*out = (struct act_result){ 404, "not_found", r ? "exercise" : "routine", false,
					    r ? arena_printf(&rq->arena, "exercise: %s has no exercise '%s'", r->name, ex)
					      : arena_printf(&rq->arena, "routine: there is no routine '%s'", rid) };
		return;
	}
	const struct exercise *e = catalog_exercise(rq->srv->content, ex);
	const char *name = e ? e->name : ex;
	struct app_ctx ctx;
	struct tz utc;
	struct strbuf err = STRBUF_INIT;
	if (!req_app(rq, &ctx, &utc)) { /* answered */
		out->status = -1;
		return;
	}
	int rc;
	if (act == ACT_RESUME) {
		struct app_gate_result g;
		rc = app_plan_resume(&ctx, r->id, ex, &g, &err);
		if (rc == 2) {
			*out = (struct act_result){ 409, "not_allowed", NULL, false,
						    arena_printf(&rq->arena, "%s stays paused: %s", name, g.v.reason) };
			strbuf_release(&err);
			return;
		}
	} else {
		rc = app_plan_back(&ctx, r->id, ex, &err);
	}
	if (rc < 0) {
		*out = (struct act_result){ 503, "store_unavailable", NULL, false,
					    arena_printf(&rq->arena, "the data store failed: %s", strbuf_str(&err)) };
	} else if (act == ACT_RESUME) {
		*out = (struct act_result){ 200, NULL, NULL, rc == 0,
					    arena_printf(&rq->arena, rc ? "%s is not paused." : "%s is back in the routine, at "
									"the dose it had.", name) };
	} else {
		static const char *const words[] = { "%s is back in the routine as itself, at its starting dose.",
						     "%s runs as itself already: nothing to go back to.",
						     ("%s runs as an easier exercise after pain; it comes back step by step "
						      "after good sessions.") };
		*out = (struct act_result){ 200, NULL, NULL, rc == 0, arena_printf(&rq->arena, words[rc], name) };
	}
	strbuf_release(&err);
}

static void api_act(struct req *rq, enum plan_act act)
{
	struct act_result a;
	plan_act(rq, act, &a);
	if (a.status < 0)
		return;
	if (a.status != 200)
		reply_error(rq, a.status, a.code, a.field, "%s", a.message);
	else
		reply_json(rq, 200, json_pack("{s:b, s:s}", "changed", a.changed, "message", a.message));
}

static void page_act(struct req *rq, enum plan_act act)
{
	struct act_result a;
	plan_act(rq, act, &a);
	if (a.status < 0)
		return;
	if (a.status == 503)
		reply_error(rq, 503, a.code, NULL, "%s", a.message);
	else if (a.status != 200)
		plan_page(rq, a.status, NULL, json_string(a.message));
	else
		plan_page(rq, 200, json_string(a.message), NULL);
}

void api_plan_resume(struct req *rq)
{
	api_act(rq, ACT_RESUME);
}

void api_plan_back(struct req *rq)
{
	api_act(rq, ACT_BACK);
}

void page_plan_resume(struct req *rq)
{
	page_act(rq, ACT_RESUME);
}

void page_plan_back(struct req *rq)
{
	page_act(rq, ACT_BACK);
}

void api_plan_switch(struct req *rq)
{
	api_act(rq, ACT_SWITCH);
}

void page_plan_switch(struct req *rq)
{
	page_act(rq, ACT_SWITCH);
}
