/* routes-trainer.c: a trainer's forms in clinic mode (ACCESS_TRAINER): invite a client
 * (the single-use link shown once), prescribe for a client of theirs and record an
 * appointment with one. The same use cases as `unhunch clinic invite`, `prescribe` and
 * `appointment` (app/accounts.c, app/prescribe.c, app/appointments.c); the request's
 * store is bound to the trainer. A {client} that is not one of the trainer's own (or
 * no one's) is 404, the same answer either way. */
#include "http/handler.h"
#include "app/accounts.h"
#include "app/appointments.h"
#include "app/prescribe.h"
#include "core/plan.h"
#include "core/prescribe.h"
#include "core/appointment.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The {client} of the path when it is one of this trainer's clients: its account in
 * *c (release it). false with the answer given: 404 for anyone else's or no one's. */
static bool client_of(struct req *rq, struct app_ctx *ctx, const char *what, struct account_row *c)
{
	const char *p = req_param(rq, "client");
	char *end;
	long long id = p ? strtoll(p, &end, 10) : 0;
	struct strbuf err = STRBUF_INIT;
	enum app_rx_status st = APP_RX_NOT_ALLOWED;
	if (p && *p && !*end && id > STORE_LOCAL_PERSON)
		st = app_rx_client(ctx, rq->person, id, what, c, &err);
	if (st == APP_RX_FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	else if (st != APP_RX_SAVED) /* not said apart: another's, or no one's */
		reply_error(rq, 404, "not_found", NULL, "no client of yours has that number");
	strbuf_release(&err);
	return st == APP_RX_SAVED;
}

static const char *str_in(const struct req *rq, const char *name)
{
	const char *v = json_string_value(json_object_get(rq->input, name));
	return v ? v : "";
}

static int int_in(const struct req *rq, const char *name)
{
	json_t *v = json_object_get(rq->input, name);
	return json_is_integer(v) ? (int)json_integer_value(v) : 0;
}

/* ---- invitations ---- */

/* The page: the form, the trainer's clients with their forms, and (once) a new link. */
static void invite_page(struct req *rq, struct app_ctx *ctx, int status, json_t *made, const char *problem,
			const char *field)
{
	struct strbuf err = STRBUF_INIT;
	struct account_row *v = NULL;
	size_t n = 0;
	if (app_rx_clients(ctx, rq->person, &v, &n, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		strbuf_release(&err);
		json_decref(made);
		return;
	}
	json_t *clients = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(clients, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)v[i].id, "name",
							 v[i].display_name, "login", v[i].login));
	store_accounts_free(v, n);
	strbuf_release(&err);
	json_t *page = json_pack("{s:o, s:b, s:s, s:i}", "clients", clients, "any_client", n > 0, "name",
				 made ? "" : str_in(rq, "name"), "days", APP_INVITE_DAYS);
	if (made)
		json_object_set_new(page, "made", made);
	if (problem)
		json_object_set_new(page, "problem", json_pack("{s:s, s:s}", "message", problem, "field", field ? field : ""));
	reply_page(rq, status, "clinic-invite", "invite", "Invite a client", page);
}

void page_trainer_invite(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (req_app(rq, &ctx, &utc))
		invite_page(rq, &ctx, 200, NULL, NULL, NULL);
}

void page_trainer_invite_post(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	if (rq->form_refused) {
		invite_page(rq, &ctx, 400, NULL, rq->err_message, rq->err_field);
		return;
	}
	int days = int_in(rq, "days");
	char token[APP_INVITE_TOKEN_LEN + 1];
	struct invite_row inv;
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st = app_clinic_invite(&ctx, rq->person, str_in(rq, "name"), days ? days : APP_INVITE_DAYS,
						      token, &inv, &err);
	if (st == CLINIC_OK) {
		const char *host = req_header(rq, "Host");
		char expires[11];
		day_format(tz_day_of_ms(ctx.tz, inv.expires_ms), expires);
		json_t *made = json_pack("{s:s, s:s, s:s}", "name", inv.display_name, "expires", expires, "link",
					 arena_printf(&rq->arena, "%s://%s/invite/%s", rq->srv->https ? "https" : "http",
						      host ? host : rq->srv->hosts[0], token));
		memset(token, 0, sizeof(token));
		invite_row_release(&inv);
		/* the link is shown this once: the page is not kept anywhere */
		resp_add_header(rq, "Cache-Control", "no-store");
		invite_page(rq, &ctx, 201, made, NULL, NULL);
	} else if (st == CLINIC_BAD_INPUT) {
		invite_page(rq, &ctx, 400, NULL, strbuf_str(&err), "name");
	} else {
		reply_error(rq, st == CLINIC_FAILED ? 503 : 403, st == CLINIC_FAILED ? "store_unavailable" : "not_allowed",
			    NULL, "%s", strbuf_str(&err));
	}
	strbuf_release(&err);
}

/* ---- prescriptions ---- */

/* What is beside each dose field for item it whose dose now is st: the dose now and
 * the usual range the rules hold a prescription to ("now: 10 reps; usual 8-12"). */
static json_t *dose_hints(struct req *rq, const struct catalog *cat, const struct item *it,
			  const struct dose_state *st)
{
	struct rx_bands b;
	rx_bands(cat, it, st->exercise, &b);
	const struct dose *d = slot_dose(cat, it, st->exercise);
	int sets = st->sets ? st->sets : d->sets ? d->sets : 1, hold = st->hold_s ? st->hold_s : rx_dose_hold(d);
	struct arena *a = &rq->arena;
	const char *paused = st->paused ? " (left out for now)" : "";
	return json_pack(
		"{s:s, s:s, s:s, s:s}", "reps",
		b.reps.max ? arena_printf(a, "now: %d reps%s; usual %d-%d", st->reps, paused, b.reps.min, b.reps.max)
			   : "not counted in reps",
		"sets",
		b.sets.max ? arena_printf(a, "now: %d set%s; usual %d-%d", sets, sets == 1 ? "" : "s", b.sets.min, b.sets.max)
			   : "not done in sets",
		"hold",
		b.hold.max ? arena_printf(a, "now: %d s; usual %d-%d s", hold, b.hold.min, b.hold.max) : "no hold",
		"duration",
		b.duration.max ? arena_printf(a, "now: %d s%s; usual %d-%d s", st->duration_s, paused, b.duration.min,
					      b.duration.max)
			       : "not a timed exercise");
}

/* The client's routines' items (with the steps added for them) as choices ("Routine:
 * Exercise", value ROUTINE:EXERCISE) with what is beside the dose fields for each (the
 * client's dose now and the usual range; the chosen one's, or the first's, in "hint"),
 * every exercise as a choice to swap in or add, the places a new step can go (value
 * ROUTINE:end or ROUTINE:before:SLOT, or ROUTINE:out to take a step added before out
 * again), and the client's prescriptions so far. */
static json_t *prescribe_data(struct req *rq, struct app_ctx *ctx, const struct account_row *c)
{
	const struct catalog *cat = ctx->content;
	json_t *items = json_array(), *swaps = json_array(), *rx = json_array(), *hint = NULL, *places = json_array(),
	       *adds = json_array();
	const char *chosen = str_in(rq, "item"), *swap = str_in(rq, "swap"), *add = str_in(rq, "add"),
		   *place = str_in(rq, "place");
	struct app_rx_doses now;
	struct strbuf derr = STRBUF_INIT;
	bool have = app_rx_doses(ctx, rq->person, c->id, &now, &derr) == APP_RX_SAVED;
	strbuf_release(&derr);
	const struct catalog *pc = have ? &now.person : cat;
	for (size_t k = 0; k < pc->n_rt; k++) {
		const struct routine *r = &pc->rt[k];
		for (size_t i = 0; !r->broken && i <= r->n_items; i++) {
			const struct exercise *e = i < r->n_items ? catalog_exercise(cat, r->items[i].exercise) : NULL;
			char *value = i < r->n_items ? arena_printf(&rq->arena, "%s:before:%s", r->id, r->items[i].exercise)
						     : arena_printf(&rq->arena, "%s:end", r->id);
			char *label = i < r->n_items ? arena_printf(&rq->arena, "%s: as step %zu, before %s", r->name, i + 1,
								    e ? e->name : r->items[i].exercise)
						     : arena_printf(&rq->arena, "%s: at the end, as step %zu", r->name, i + 1);
			json_array_append_new(places, json_pack("{s:s, s:s, s:b}", "value", value, "label", label,
								"selected", !strcmp(value, place)));
		}
		/* a routine with steps added for the client: one of them out again (the
		 * exercise chosen to add names it) */
		const struct routine *own = catalog_routine(cat, r->id);
		if (!r->broken && own && r->n_items > own->n_items) {
			char *value = arena_printf(&rq->arena, "%s:" RX_PLACE_OUT, r->id);
			char *label = arena_printf(&rq->arena, "%s: take it out again (a step added before)", r->name);
			json_array_append_new(places, json_pack("{s:s, s:s, s:b}", "value", value, "label", label,
								"selected", !strcmp(value, place)));
		}
		for (size_t i = 0; !r->broken && i < r->n_items; i++) {
			const struct exercise *e = catalog_exercise(cat, r->items[i].exercise);
			char *value = arena_printf(&rq->arena, "%s:%s", r->id, r->items[i].exercise);
			json_t *o = json_pack("{s:s, s:s, s:b}", "value", value, "label",
					      arena_printf(&rq->arena, "%s: %s", r->name, e ? e->name : r->items[i].exercise),
					      "selected", !strcmp(value, chosen));
			if (have) {
				json_t *h = dose_hints(rq, cat, &r->items[i], &now.rt[k][i]);
				if (!hint || !strcmp(value, chosen)) {
					json_decref(hint);
					hint = json_incref(h);
				}
				json_object_set_new(o, "hint", h);
			}
			json_array_append_new(items, o);
		}
	}
	if (have)
		app_rx_doses_release(&now);
	for (size_t i = 0; i < cat->n_ex; i++) {
		json_array_append_new(swaps, json_pack("{s:s, s:s, s:b}", "value", cat->ex[i].id, "label", cat->ex[i].name,
						       "selected", !strcmp(cat->ex[i].id, swap)));
		json_array_append_new(adds, json_pack("{s:s, s:s, s:b}", "value", cat->ex[i].id, "label", cat->ex[i].name,
						      "selected", !strcmp(cat->ex[i].id, add)));
	}
	struct app_rx_history h;
	struct strbuf err = STRBUF_INIT;
	if (app_prescriptions(ctx, rq->person, c->id, &h, &err) == APP_RX_SAVED) {
		for (size_t i = h.n; i-- > 0;) {
			const struct prescription_row *p = &h.v[i];
			struct strbuf what = STRBUF_INIT;
			rx_describe(cat, p->slot, p->exercise_id, p->place, p->reps, p->sets, p->hold_s, p->duration_s, &what);
			json_array_append_new(rx, json_pack("{s:s, s:s, s:s, s:s}", "date", p->date, "what", strbuf_str(&what),
							    "note", p->note, "by", h.by[i]));
			strbuf_release(&what);
		}
		app_rx_history_release(&h);
	}
	strbuf_release(&err);
	json_t *v = json_pack("{s:I, s:s, s:o, s:o, s:o, s:b, s:s}", "client_id", (json_int_t)c->id, "client",
			      c->display_name, "items", items, "swaps", swaps, "prescriptions", rx, "any_rx",
			      json_array_size(rx) > 0, "note", str_in(rq, "note"));
	if (hint)
		json_object_set_new(v, "hint", hint);
	json_object_set_new(v, "adds", adds);
	json_object_set_new(v, "places", places);
	static const char *const nums[] = { "reps", "sets", "hold", "duration" };
	for (size_t i = 0; i < 4; i++) {
		int n = int_in(rq, nums[i]);
		json_object_set_new(v, nums[i], n ? json_integer(n) : json_string(""));
	}
	return v;
}

static void prescribe_page(struct req *rq, struct app_ctx *ctx, const struct account_row *c, int status,
			   json_t *extra)
{
	json_t *v = prescribe_data(rq, ctx, c);
	if (extra)
		json_object_update(v, extra);
	json_decref(extra);
	reply_page(rq, status, "clinic-prescribe", "", arena_printf(&rq->arena, "Prescribe for %s", c->display_name), v);
}

void page_trainer_prescribe(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	struct account_row c;
	if (!req_app(rq, &ctx, &utc) || !client_of(rq, &ctx, "prescribe", &c))
		return;
	prescribe_page(rq, &ctx, &c, 200, NULL);
	account_row_release(&c);
}

/* The rules' findings as the page shows them: each with its level's word. */
static json_t *findings(const struct rx_check *ck, enum rx_level from)
{
	json_t *a = json_array();
	for (size_t i = 0; i < ck->n; i++)
		if (ck->f[i].level >= from)
			json_array_append_new(a, json_pack("{s:s, s:s}", "level", rx_level_names[ck->f[i].level], "text",
							   ck->f[i].text));
	return a;
}

void page_trainer_prescribe_post(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	struct account_row c;
	if (!req_app(rq, &ctx, &utc) || !client_of(rq, &ctx, "prescribe", &c))
		return;
	if (rq->form_refused) {
		prescribe_page(rq, &ctx, &c, 400,
			       json_pack("{s:{s:s, s:s}}", "problem", "message", rq->err_message, "field",
					 rq->err_field ? rq->err_field : ""));
		account_row_release(&c);
		return;
	}
	/* the item: ROUTINE:EXERCISE */
	char routine[72] = "";
	const char *item = str_in(rq, "item"), *colon = strchr(item, ':');
	const char *exercise = colon ? colon + 1 : item;
	if (colon && (size_t)(colon - item) < sizeof(routine))
		snprintf(routine, sizeof(routine), "%.*s", (int)(colon - item), item);
	const char *swap = str_in(rq, "swap"), *note = str_in(rq, "note"), *add = str_in(rq, "add");
	/* or a new step: its place ROUTINE:end or ROUTINE:before:SLOT (ROUTINE:out: the
	 * step add, added before, out again) */
	const char *place = str_in(rq, "place"), *pcolon = strchr(place, ':');
	if (*add && pcolon && (size_t)(pcolon - place) < sizeof(routine))
		snprintf(routine, sizeof(routine), "%.*s", (int)(pcolon - place), place);
	struct app_rx_request in = { rq->person, c.id, *routine ? routine : NULL, exercise, *swap ? swap : NULL,
				     int_in(rq, "reps"), int_in(rq, "sets"), int_in(rq, "hold"), int_in(rq, "duration"),
				     note, json_is_true(json_object_get(rq->input, "accept")), *add ? add : NULL,
				     *add && pcolon ? pcolon + 1 : NULL };
	struct app_rx_result r;
	struct strbuf err = STRBUF_INIT;
	enum app_rx_status st = app_prescribe(&ctx, &in, &r, &err);
	switch (st) {
	case APP_RX_SAVED: {
		struct strbuf what = STRBUF_INIT;
		if (r.removed)
			rx_describe(ctx.content, add, add, RX_PLACE_OUT, 0, 0, 0, 0, &what);
		else
			rx_describe(ctx.content, r.item->exercise, r.after.exercise, NULL, r.after.reps, r.after.sets,
				    r.after.hold_s, r.after.duration_s, &what);
		if (r.added)
			strbuf_addf(&what, " (a new step %zu)", r.step + 1);
		json_t *saved = json_pack("{s:{s:s, s:s, s:I, s:o, s:b}}", "saved", "what", strbuf_str(&what), "routine",
					  r.routine->name, "version", (json_int_t)r.id, "said", findings(&r.check, RX_NOTE),
					  "paused", r.after.paused);
		strbuf_release(&what);
		/* the form starts afresh: what was saved is in the list */
		json_object_clear(rq->input);
		prescribe_page(rq, &ctx, &c, 201, saved);
		break;
	}
	case APP_RX_NEEDS_ACCEPT:
		prescribe_page(rq, &ctx, &c, 409, json_pack("{s:{s:o}}", "warn", "findings", findings(&r.check, RX_NOTE)));
		break;
	case APP_RX_REFUSED:
		prescribe_page(rq, &ctx, &c, 422,
			       json_pack("{s:{s:o}}", "refused", "findings", findings(&r.check, RX_REFUSE)));
		break;
	case APP_RX_BAD_INPUT: {
		const char *e = strbuf_str(&err), *cl = strchr(e, ':');
		char *field = cl ? arena_printf(&rq->arena, "%.*s", (int)(cl - e), e) : (char *)"";
		prescribe_page(rq, &ctx, &c, 400,
			       json_pack("{s:{s:s, s:s}}", "problem", "message", e, "field",
					 in.add && !strcmp(field, "routine")			    ? "place"
					 : !strcmp(field, "exercise") || !strcmp(field, "routine") ? "item"
												   : field));
		break;
	}
	case APP_RX_NOT_ALLOWED:
	case APP_RX_NO_ACCOUNT:
		reply_error(rq, 404, "not_found", NULL, "no client of yours has that number");
		break;
	default:
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	}
	app_rx_result_release(&r);
	strbuf_release(&err);
	account_row_release(&c);
}

/* ---- appointments ---- */

static void appointment_page(struct req *rq, struct app_ctx *ctx, const struct account_row *c, int status,
			     json_t *extra)
{
	char today[11];
	day_format(app_today(ctx), today);
	const char *kind = str_in(rq, "kind");
	json_t *areas = json_array();
	for (int a = 0; a < AREA__COUNT; a++)
		json_array_append_new(areas, json_pack("{s:s, s:s, s:b}", "name", appt_area_names[a], "label",
						       appt_area_labels[a],
						       "checked", json_is_true(json_object_get(rq->input, appt_area_names[a]))));
	json_t *v = json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:o, s:s}", "client_id", (json_int_t)c->id, "client",
			      c->display_name, "date", *str_in(rq, "date") ? str_in(rq, "date") : today, "today", today,
			      "massage", strcmp(kind, "training") != 0, "training", !strcmp(kind, "training"), "areas",
			      areas, "note", str_in(rq, "note"));
	if (extra)
		json_object_update(v, extra);
	json_decref(extra);
	reply_page(rq, status, "clinic-appointment", "",
		   arena_printf(&rq->arena, "Record an appointment with %s", c->display_name), v);
}

void page_trainer_appointment(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	struct account_row c;
	if (!req_app(rq, &ctx, &utc) || !client_of(rq, &ctx, "record an appointment", &c))
		return;
	appointment_page(rq, &ctx, &c, 200, NULL);
	account_row_release(&c);
}

void page_trainer_appointment_post(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	struct account_row c;
	if (!req_app(rq, &ctx, &utc) || !client_of(rq, &ctx, "record an appointment", &c))
		return;
	if (rq->form_refused) {
		appointment_page(rq, &ctx, &c, 400,
				 json_pack("{s:{s:s, s:s}}", "problem", "message", rq->err_message, "field",
					   rq->err_field ? rq->err_field : ""));
		account_row_release(&c);
		return;
	}
	struct strbuf areas = STRBUF_INIT, err = STRBUF_INIT;
	for (int a = 0; a < AREA__COUNT; a++)
		if (json_is_true(json_object_get(rq->input, appt_area_names[a])))
			strbuf_addf(&areas, "%s%s", areas.len ? "," : "", appt_area_names[a]);
	struct app_appt_request in = { rq->person, c.id, str_in(rq, "kind"), str_in(rq, "date"), strbuf_str(&areas),
				       str_in(rq, "note") };
	int64_t id;
	enum app_rx_status st = app_appointment_add(&ctx, &in, &id, &err);
	if (st == APP_RX_SAVED) {
		struct strbuf words = STRBUF_INIT;
		appt_areas_words(strbuf_str(&areas), &words);
		json_t *saved = json_pack("{s:{s:s, s:s, s:s}}", "saved", "kind", in.kind, "date",
					  *in.date ? in.date : "today", "areas", strbuf_str(&words));
		strbuf_release(&words);
		json_object_clear(rq->input);
		appointment_page(rq, &ctx, &c, 201, saved);
	} else if (st == APP_RX_BAD_INPUT) {
		const char *e = strbuf_str(&err), *cl = strchr(e, ':');
		appointment_page(rq, &ctx, &c, 400,
				 json_pack("{s:{s:s, s:s%}}", "problem", "message", e, "field", e,
					   cl ? (size_t)(cl - e) : 0));
	} else if (st == APP_RX_NOT_ALLOWED || st == APP_RX_NO_ACCOUNT) {
		reply_error(rq, 404, "not_found", NULL, "no client of yours has that number");
	} else {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	}
	strbuf_release(&areas);
	strbuf_release(&err);
	account_row_release(&c);
}
