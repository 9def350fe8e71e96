/* routes-history.c: what was done, in the browser: GET /api/v1/history (every session,
 * as `unhunch history --json`) and GET /api/v1/breaks/stats (the break log counted, as
 * `unhunch breaks stats --json`), and the pages History (/history) and Breaks (/breaks).
 * The use cases are the app layer's (app/history.c, app/breaks-stats.c); the JSON is
 * format/'s, the same the terminal writes. */
#include "http/handler.h"
#include "app/breaks-stats.h"
#include "app/history.h"
#include "core/appointment.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/breaks-stats.h"
#include "format/history.h"
#include "store/store.h"
#include <stdio.h>
#include <string.h>


/* The text format/ wrote, as JSON for the answer or a page. */
static json_t *parsed(struct strbuf *sb)
{
	json_t *v = json_loads(strbuf_str(sb), 0, NULL);
	strbuf_release(sb);
	return v ? v : json_object();
}

/* Every session (with details: what was done in each); NULL with the answer given. */
static json_t *history_view(struct req *rq, bool details)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return NULL;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_history_request hr = { details };
	struct app_history h;
	json_t *v = NULL;
	if (app_history(&ctx, &hr, &h, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	} else {
		format_history_json(&h, ctx.tz, &out);
		v = parsed(&out);
	}
	app_history_release(&h);
	strbuf_release(&out);
	strbuf_release(&err);
	return v;
}

void api_history(struct req *rq)
{
	json_t *v = history_view(rq, true);
	if (v)
		reply_json(rq, 200, v);
}

/* The page: newest first, each with the routine's name, time, what was done and pain. */
#define HISTORY_CHECKIN_DAYS 30 /* the page's check-ins: the last 30 days, as GET /api/v1/checkins */

void page_history(struct req *rq)
{
	json_t *v = history_view(rq, false);
	if (!v)
		return;
	json_t *list = json_object_get(v, "sessions"), *rows = json_array();
	for (size_t i = json_array_size(list); i-- > 0;) {
		json_t *s = json_deep_copy(json_array_get(list, i));
		const struct routine *r = catalog_routine(rq->srv->content, json_string_value(json_object_get(s, "routine")));
		json_object_set_new(s, "name", json_string(r ? r->name : json_string_value(json_object_get(s, "routine"))));
		json_t *d = json_object_get(s, "duration_s");
		json_object_set_new(s, "minutes", json_is_integer(d) ? json_integer((json_integer_value(d) + 30) / 60)
								     : json_null());
		const char *st = json_string_value(json_object_get(s, "status"));
		json_object_set_new(s, "finished", json_boolean(st && !strcmp(st, "finished")));
		json_t *pb = json_object_get(s, "pain_before"), *pa = json_object_get(s, "pain_after");
		char pain[32], b[8] = "-", a[8] = "-";
		if (json_is_integer(pb))
			snprintf(b, sizeof(b), "%d", (int)json_integer_value(pb));
		if (json_is_integer(pa))
			snprintf(a, sizeof(a), "%d", (int)json_integer_value(pa));
		snprintf(pain, sizeof(pain), "%s to %s", b, a);
		json_object_set_new(s, "pain", json_string(json_is_integer(pb) || json_is_integer(pa) ? pain : "-"));
		json_array_append_new(rows, s);
	}
	json_t *checkins = http_checkins_recent(rq, HISTORY_CHECKIN_DAYS);
	if (!checkins) {
		json_decref(rows);
		json_decref(v);
		return;
	}
	json_t *massages = json_object_get(v, "massages");
	/* a trainer's appointments, newest first, the areas in words */
	json_t *appts = json_array(), *al = json_object_get(v, "appointments");
	for (size_t i = json_array_size(al); i-- > 0;) {
		json_t *a = json_deep_copy(json_array_get(al, i)), *areas = json_object_get(a, "areas");
		struct strbuf set = STRBUF_INIT, words = STRBUF_INIT;
		for (size_t k = 0; k < json_array_size(areas); k++)
			strbuf_addf(&set, "%s%s", k ? "," : "", json_string_value(json_array_get(areas, k)));
		appt_areas_words(strbuf_str(&set), &words);
		json_object_set_new(a, "areas_words", json_string(strbuf_str(&words)));
		json_object_set_new(a, "massage", json_boolean(!strcmp(json_string_value(json_object_get(a, "kind")), "massage")));
		strbuf_release(&set);
		strbuf_release(&words);
		json_array_append_new(appts, a);
	}
	json_t *ctx = json_pack("{s:o, s:b, s:O, s:b, s:o, s:b, s:i, s:o, s:b}", "sessions", rows, "any",
				json_array_size(rows) > 0, "massages", massages, "any_massage", json_array_size(massages) > 0,
				"checkins", checkins, "any_checkin", json_array_size(checkins) > 0, "checkin_days",
				HISTORY_CHECKIN_DAYS, "appointments", appts, "any_appointment", json_array_size(appts) > 0);
	json_decref(v);
	reply_page(rq, 200, "history", "history", "History", ctx);
}

/* The break log counted; NULL with the answer given. */
static json_t *breaks_view(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return NULL;
	struct break_counts c;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	json_t *v = NULL;
	if (app_breaks_count(&ctx, &c, &err)) {
		reply_error(rq, 503, "breaks_unavailable", NULL, "the break log cannot be read: %s", strbuf_str(&err));
	} else {
		format_breaks_stats_json(&c, &out);
		v = parsed(&out);
	}
	strbuf_release(&out);
	strbuf_release(&err);
	return v;
}

void api_breaks_stats(struct req *rq)
{
	json_t *v = breaks_view(rq);
	if (v)
		reply_json(rq, 200, v);
}

/* One row of the page's table: a kind of break and its counts. */
static json_t *breaks_rows(const json_t *period)
{
	static const char *const labels[BRK__COUNT] = { "Posture resets", "Movement breaks" };
	json_t *rows = json_array();
	for (int k = 0; k < BRK__COUNT; k++) {
		json_t *row = json_deep_copy(json_object_get(period, brk_kind_names[k]));
		if (!row)
			row = json_object();
		json_object_set_new(row, "label", json_string(labels[k]));
		json_array_append_new(rows, row);
	}
	return rows;
}

void page_breaks(struct req *rq)
{
	json_t *v = breaks_view(rq);
	if (!v)
		return;
	json_t *ctx = json_pack("{s:o, s:o}", "today", breaks_rows(json_object_get(v, "today")), "week",
				breaks_rows(json_object_get(v, "last_7_days")));
	json_decref(v);
	reply_page(rq, 200, "breaks", "breaks", "Breaks", ctx);
}
