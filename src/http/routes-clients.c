/* routes-clients.c: a trainer's page of one of their clients, GET /clients/{id} (and
 * its JSON, GET /api/v1/clients/{id}): the client's Progress page as the client sees it
 * (the same renderer, progress-view.h, through a read-only view of the client's
 * records acting as the trainer: app/acting.h), the prescriptions and the recent
 * sessions; every look written to the client's audit log first. Anyone but the
 * client's own trainer gets the answer of an address with nothing there (404), whether
 * or not the id is an account. And the person's own audit log, GET /data/audit: who
 * looked at or changed their records, and when. */
#include "http/handler.h"
#include "http/progress-view.h"
#include "app/acting.h"
#include "app/audit.h"
#include "core/prescribe.h"
#include "core/stats.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/progress.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The {id} of the path: an account id, digits only; 0 when it is not one. */
static int64_t client_id(const struct req *rq)
{
	const char *v = req_param(rq, "id");
	if (!v || !*v || strlen(v) > 15 || strspn(v, "0123456789") != strlen(v))
		return 0;
	return strtoll(v, NULL, 10);
}

/* The viewer's view of the client, or false with the answer given: 404 for anyone but
 * their trainer (the same answer as an address with nothing there), 503 when the store
 * or the audit log fails (then nothing is shown). */
static bool open_view(struct req *rq, struct app_ctx *ctx, const char *what, struct app_ctx *view)
{
	struct strbuf err = STRBUF_INIT;
	int64_t id = client_id(rq);
	enum app_view v = id ? app_client_view(ctx, rq->person, id, what, view, &err) : APP_VIEW_NOT_ALLOWED;
	if (v == APP_VIEW_NOT_ALLOWED)
		reply_error(rq, 404, "not_found", NULL, "there is nothing at this address");
	else if (v == APP_VIEW_FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	strbuf_release(&err);
	return v == APP_VIEW_OK;
}

static json_t *when(const struct app_ctx *ctx, int64_t ms)
{
	char d[11];
	day_format(tz_day_of_ms(ctx->tz, ms), d);
	return json_string(d);
}

/* The name of a routine or an exercise as the content has it; the id when it has none. */
static const char *routine_name(const struct app_ctx *ctx, const char *id)
{
	const struct routine *r = ctx->content ? catalog_routine(ctx->content, id) : NULL;
	return r && r->name ? r->name : id;
}

static const char *exercise_name(const struct app_ctx *ctx, const char *id)
{
	const struct exercise *e = ctx->content ? catalog_exercise(ctx->content, id) : NULL;
	return e && e->name ? e->name : id;
}

static json_t *records_json(const struct app_ctx *ctx, const struct app_client_records *r)
{
	json_t *rx = json_array(), *ss = json_array();
	for (size_t i = 0; i < r->n_rx; i++) {
		const struct prescription_row *p = &r->rx[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:s, s:s, s:s}", "date", p->date,
				      "routine", p->routine_id, "slot", p->slot, "exercise", p->exercise_id, "reps",
				      p->reps, "sets", p->sets, "hold_s", p->hold_s, "duration_s", p->duration_s, "note",
				      p->note, "warnings", p->warnings, "by", r->rx_by[i]);
		json_object_set_new(o, "swapped", json_boolean(strcmp(p->slot, p->exercise_id) != 0));
		json_object_set_new(o, "routine_name", json_string(routine_name(ctx, p->routine_id)));
		json_object_set_new(o, "slot_name", json_string(exercise_name(ctx, p->slot)));
		json_object_set_new(o, "exercise_name", json_string(exercise_name(ctx, p->exercise_id)));
		json_object_set_new(o, "place", json_string(p->place ? p->place : ""));
		struct strbuf what = STRBUF_INIT;
		if (ctx->content)
			rx_describe(ctx->content, p->slot, p->exercise_id, p->place, p->reps, p->sets, p->hold_s,
				    p->duration_s, &what);
		json_object_set_new(o, "what", json_string(what.len ? what.buf : p->exercise_id));
		strbuf_release(&what);
		json_array_append_new(rx, o);
	}
	for (size_t i = 0; i < r->n_sessions; i++) {
		const struct session_row *s = &r->sessions[i];
		json_t *o = json_pack("{s:o, s:s, s:s, s:i, s:i}", "date", when(ctx, s->started_ms), "routine",
				      s->routine_id, "status", session_status_names[s->status], "done",
				      s->exercises_done, "skipped", s->exercises_skipped);
		if (s->pain_before >= 0)
			json_object_set_new(o, "pain_before", json_integer(s->pain_before));
		if (s->pain_after >= 0)
			json_object_set_new(o, "pain_after", json_integer(s->pain_after));
		json_object_set_new(o, "stopped", json_boolean(s->status == SESSION_STOPPED));
		json_object_set_new(o, "routine_name", json_string(routine_name(ctx, s->routine_id)));
		json_array_append_new(ss, o);
	}
	return json_pack("{s:{s:I, s:s, s:s}, s:o, s:o}", "client", "id", (json_int_t)r->client.id, "login",
			 r->client.login, "name", r->client.display_name, "prescriptions", rx, "sessions", ss);
}

void page_client(struct req *rq)
{
	struct app_ctx ctx, view;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc) || !open_view(rq, &ctx, AUDIT_PROGRESS_PAGE, &view))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_progress p;
	struct app_client_records r;
	int planned = 0;
	int rc = app_progress_planned(&view, &p, &planned, &err);
	if (!rc)
		rc = app_client_records(&ctx, &view, &r, &err);
	app_client_view_close(&view);
	if (rc) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		app_progress_release(&p);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	struct pieces pc;
	json_t *page = progress_page_view(&p, planned, &pc);
	json_t *rec = records_json(&ctx, &r);
	json_object_update(page, rec);
	json_decref(rec);
	/* the trainer reads it: the client is "their", and what asks the client to do
	 * something (check in, start a session, print the page) is left out */
	json_object_set_new(page, "viewer", json_true());
	json_object_set_new(page, "your", json_string("their"));
	json_object_set_new(page, "any_rx", json_boolean(r.n_rx > 0));
	json_object_set_new(page, "any_sessions", json_boolean(r.n_sessions > 0));
	reply_page_markup(rq, 200, "client", NULL, r.client.display_name, page, pc.v, pc.n);
	pieces_release(&pc);
	app_client_records_release(&r);
	app_progress_release(&p);
}

void api_client(struct req *rq)
{
	struct app_ctx ctx, view;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc) || !open_view(rq, &ctx, AUDIT_PROGRESS_API, &view))
		return;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_progress p;
	struct app_client_records r;
	int rc = app_progress(&view, &p, &err);
	if (!rc)
		rc = app_client_records(&ctx, &view, &r, &err);
	app_client_view_close(&view);
	if (rc) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	} else {
		format_progress_json(&p, &out);
		json_t *v = records_json(&ctx, &r);
		json_t *prog = json_loads(strbuf_str(&out), 0, NULL);
		json_object_set_new(v, "progress", prog ? prog : json_object());
		reply_json(rq, 200, v);
		app_client_records_release(&r);
	}
	app_progress_release(&p);
	strbuf_release(&out);
	strbuf_release(&err);
}

/* Who looked at or changed the person's records: their audit log, newest first, the
 * same look repeated on one day folded into one line with its count (app/audit.h). */
static void hhmm(const struct app_ctx *ctx, int64_t ms, char t[8])
{
	int secs = tz_seconds_of_day(ctx->tz, ms);
	snprintf(t, 8, "%02d:%02d", secs / 3600 % 24, secs / 60 % 60);
}

void page_audit(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_audit_view v;
	if (app_audit_view(&ctx, ctx.store->person, &v, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	json_t *rows = json_array();
	for (size_t i = 0; i < v.n; i++) {
		const struct app_audit_line *l = &v.lines[i];
		char first[8], last[8], span[24];
		hhmm(&ctx, l->first_ms, first);
		hhmm(&ctx, l->last_ms, last);
		if (l->count > 1)
			snprintf(span, sizeof(span), "%s to %s", first, last);
		else
			snprintf(span, sizeof(span), "%s", last);
		json_t *o = json_pack("{s:o, s:s, s:s, s:s, s:I}", "date", when(&ctx, l->last_ms), "time", span, "who",
				      l->actor_name, "what", l->what, "count", (json_int_t)l->count);
		if (l->count > 1)
			json_object_set_new(o, "times", json_integer((json_int_t)l->count));
		json_array_append_new(rows, o);
	}
	json_t *page = json_pack("{s:o, s:b, s:i, s:b}", "rows", rows, "any", v.n > 0, "shown", (int)v.n, "full",
				 v.more);
	app_audit_view_release(&v);
	reply_page(rq, 200, "audit", "data", "Who looked at your records", page);
}
