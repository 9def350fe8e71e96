/* routes-data.c: Your data in the browser: downloads of the JSON backup, the check-ins
 * as CSV or FHIR (GET /api/v1/export?format=...), the plan's next 4 weeks as a calendar
 * (GET /api/v1/plan.ics), and the page /data that links them. The reading is the app
 * layer's (app/export.c, app/plan-view.c), the writing format/'s, the same `unhunch
 * export` and `unhunch plan --ics` use. */
#include "http/handler.h"
#include "app/export.h"
#include "app/plan-view.h"
#include "core/plan.h"
#include "core/stats.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/export.h"
#include "store/store.h"
#include <string.h>

#define ICS_DAYS 28 /* the calendar's weeks ahead, as `plan --ics` */


/* A download: the file's name (with today's date) for the browser to save it under. */
static void download(struct req *rq, const struct app_ctx *ctx, const char *type, const char *stem, const char *ext,
		     struct strbuf *body)
{
	char day[11];
	day_format(app_today(ctx), day);
	resp_add_header(rq, "Content-Disposition",
			arena_printf(&rq->arena, "attachment; filename=\"unhunch-%s-%s.%s\"", stem, day, ext));
	size_t len = body->len;
	char *copy = arena_strndup(&rq->arena, body->buf ? body->buf : "", len);
	reply(rq, 200, type, copy, len);
}

void api_export(struct req *rq)
{
	static const struct {
		const char *name, *type, *stem, *ext;
		enum app_export_format fmt;
	} formats[] = {
		{ "json", "application/json", "backup", "json", APP_EXPORT_JSON },
		{ "csv", "text/csv; charset=utf-8", "checkins", "csv", APP_EXPORT_CSV },
		{ "fhir", "application/fhir+json", "checkins-fhir", "json", APP_EXPORT_FHIR },
	};
	const char *want = json_string_value(json_object_get(rq->input, "format"));
	size_t f = 0;
	while (f < 3 && strcmp(formats[f].name, want))
		f++;
	if (f == 3) {
		reply_error(rq, 400, "bad_value", "format", "format: must be json, csv or fhir, not '%s'", want);
		return;
	}
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_export e;
	if (app_export(&ctx, formats[f].fmt, &e, &err) || format_export(&e, formats[f].fmt, ctx.tz, &out, &err))
		reply_error(rq, 503, "store_unavailable", NULL, "the export failed: %s", strbuf_str(&err));
	else
		download(rq, &ctx, formats[f].type, formats[f].stem, formats[f].ext, &out);
	app_export_release(&e);
	strbuf_release(&out);
	strbuf_release(&err);
}

void api_plan_ics(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_plan v;
	if (app_plan_load(&ctx, &v, &err) || app_plan_catch_up(&ctx, &v, NULL, &err) < 0) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	} else {
		plan_ics(&v.plan, v.today, ICS_DAYS, ctx.now_ms, &out);
		download(rq, &ctx, "text/calendar; charset=utf-8", "plan", "ics", &out);
	}
	app_plan_release(&v);
	strbuf_release(&out);
	strbuf_release(&err);
}

void page_data(struct req *rq)
{
	reply_page(rq, 200, "data", "data", "Your data", json_object());
}
