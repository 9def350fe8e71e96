/* routes-data.c: Your data in the browser: downloads of the JSON backup, the check-ins
 * as CSV or FHIR (GET /api/v1/export?format=...), the plan's next 4 weeks as a calendar
 * (GET /api/v1/plan.ics), restoring a backup into an empty store (POST /api/v1/restore,
 * the page's file form POST /data/restore), deleting everything after the word delete
 * is typed (POST /api/v1/forget, POST /data/forget), and the page /data. The use cases
 * are the app layer's, the same `unhunch export`, `plan --ics`, `import` and `forget`
 * use (app/export.c, app/plan-view.c, app/forget.c): a store that holds anything is
 * never restored into, and a refusal changes nothing. */
#include "http/handler.h"
#include "app/export.h"
#include "app/forget.h"
#include "app/plan-view.h"
#include "core/plan.h"
#include "core/stats.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/export.h"
#include "format/backup-read.h"
#include "format/store-counts.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

#define ICS_DAYS 28 /* the calendar's weeks ahead, as `plan --ics` */
#define CONFIRM_WORD "delete" /* typed to delete everything, as `unhunch forget` asks */
#define BACKUP_NAME "the backup" /* how the problems of an uploaded file name it */


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

/* ---- restore and delete ---- */

enum data_outcome { DONE, REFUSED, FAILED };

struct restore_result {
	enum data_outcome outcome;
	int status;             /* the answer's status */
	const char *code;       /* the error's code when refused or failed */
	struct app_import_result res;
	struct strbuf what;     /* the store's records in words (restored, or held) */
	struct strbuf err;      /* the problems, one a line, or the store's failure */
};

/* Restore the backup text into the store, as `unhunch import` does; false with the
 * 503 answered when the store does not open. */
static bool restore(struct req *rq, const char *text, struct restore_result *r)
{
	memset(r, 0, sizeof(*r));
	r->what = (struct strbuf)STRBUF_INIT;
	r->err = (struct strbuf)STRBUF_INIT;
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return false;
	json_error_t je;
	json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		strbuf_addf(&r->err, BACKUP_NAME ":%d:%d: %s\n", je.line, je.column, je.text);
		r->outcome = REFUSED;
		r->status = 400;
		r->code = "bad_backup";
		return true;
	}
	struct app_import_request in = { BACKUP_NAME, backup_read_doc, doc };
	app_import(&ctx, &in, &r->res, &r->err);
	json_decref(doc);
	format_store_counts(&r->res.counts, &r->what);
	static const struct {
		enum data_outcome outcome;
		int status;
		const char *code;
	} how[] = {
		[APP_IMPORT_DONE] = { DONE, 201, NULL },
		[APP_IMPORT_BAD_FILE] = { REFUSED, 400, "bad_backup" },
		[APP_IMPORT_NOT_EMPTY] = { REFUSED, 409, "not_empty" },
		[APP_IMPORT_FAILED] = { FAILED, 503, "store_unavailable" },
	};
	r->outcome = how[r->res.status].outcome;
	r->status = how[r->res.status].status;
	r->code = how[r->res.status].code;
	return true;
}

/* The problems (one a line) as a list. */
static json_t *lines_json(const char *text)
{
	json_t *list = json_array();
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n)
			json_array_append_new(list, json_stringn(p, n));
		p = nl ? nl + 1 : NULL;
	}
	return list;
}

/* Why a restore was refused, in a sentence. */
static const char *refusal_words(struct req *rq, const struct restore_result *r)
{
	if (r->res.status == APP_IMPORT_NOT_EMPTY)
		return arena_printf(&rq->arena, "This store already holds %s. A backup is restored only into an empty "
						"store, so nothing was changed. To replace what is there, download a backup "
						"first, delete everything below, and restore then.", r->what.buf);
	return "The file is not a backup this program can restore, so nothing was changed. What is wrong with it:";
}

static void restore_release(struct restore_result *r)
{
	strbuf_release(&r->what);
	strbuf_release(&r->err);
}

void api_restore(struct req *rq)
{
	struct restore_result r;
	if (!restore(rq, json_string_value(json_object_get(rq->input, "backup")), &r)) {
		restore_release(&r);
		return;
	}
	if (r.outcome == DONE) {
		reply_json(rq, 201, json_pack("{s:s, s:I}", "restored", r.what.len ? r.what.buf : "nothing", "raised",
					      (json_int_t)r.res.raised));
	} else if (r.outcome == FAILED) {
		reply_error(rq, 503, r.code, NULL, "the restore failed, and nothing of it was kept: %s", r.err.buf);
	} else if (r.res.status == APP_IMPORT_NOT_EMPTY) {
		reply_error(rq, 409, r.code, NULL, "%s", refusal_words(rq, &r));
	} else { /* the error, with every problem of the file, one a line */
		reply_json(rq, 400, json_pack("{s:{s:s, s:s, s:s, s:o}}", "error", "code", r.code, "field", "backup",
					      "message", "backup: not a backup this program can restore; nothing was "
					      "changed", "problems", lines_json(r.err.buf)));
	}
	restore_release(&r);
}

/* Delete everything; the outcome with the words to say. */
static enum data_outcome forget(struct req *rq, const char **words, bool *answered)
{
	*answered = false;
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) {
		*answered = true;
		return FAILED;
	}
	struct strbuf err = STRBUF_INIT;
	enum data_outcome o = DONE;
	switch (app_forget_all(&ctx, &err)) {
	case APP_FORGET_DONE:
		*words = "Everything is deleted.";
		break;
	case APP_FORGET_UNFINISHED: /* say what really happened: the records are gone, old copies not yet */
		*words = arena_printf(&rq->arena, "Every record is deleted, but the wipe of old copies is not finished: "
						  "%s. Close the other programs that use your data (a session or the "
						  "break coach running on this computer) and delete everything again to "
						  "finish it.",
				      err.buf);
		break;
	case APP_FORGET_FAILED:
		*words = arena_printf(&rq->arena, "Nothing was deleted: %s", err.buf);
		o = FAILED;
		break;
	}
	strbuf_release(&err);
	return o;
}

static bool confirmed(const struct req *rq)
{
	const char *c = json_string_value(json_object_get(rq->input, "confirm"));
	return c && !strcmp(c, CONFIRM_WORD);
}

#define NOT_CONFIRMED "type the word " CONFIRM_WORD " to delete everything; nothing was deleted"

void api_forget(struct req *rq)
{
	if (!confirmed(rq)) {
		reply_error(rq, 400, "not_confirmed", "confirm", "confirm: " NOT_CONFIRMED);
		return;
	}
	const char *words;
	bool answered;
	enum data_outcome o = forget(rq, &words, &answered);
	if (answered)
		return;
	if (o == FAILED)
		reply_error(rq, 503, "store_unavailable", NULL, "%s", words);
	else
		reply_json(rq, 200, json_pack("{s:b, s:s}", "deleted", true, "message", words));
}

/* The page: what the store holds, the downloads, the restore and delete forms, and what
 * was done or refused (ctx taken: done, problem, problems, problem_field). */
static void data_page(struct req *rq, int status, json_t *v)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) {
		json_decref(v);
		return;
	}
	struct app_store_counts c;
	struct strbuf err = STRBUF_INIT, what = STRBUF_INIT;
	if (app_store_count(ctx.store, &c, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", err.buf);
		json_decref(v);
	} else {
		format_store_counts(&c, &what);
		json_object_set_new(v, "empty", json_boolean(app_store_counts_empty(&c)));
		json_object_set_new(v, "holds", json_string(what.len ? what.buf : "nothing"));
		json_object_set_new(v, "confirm_word", json_string(CONFIRM_WORD));
		json_object_set_new(v, "clinic", json_boolean(rq->srv->clinic));
		json_t *pr = json_object_get(v, "problem");
		const char *field = json_string_value(json_object_get(pr, "field"));
		json_object_set_new(v, "confirm_err", json_boolean(field && !strcmp(field, "confirm")));
		if (pr)
			json_object_set_new(pr, "has_problems", json_boolean(json_array_size(json_object_get(pr, "problems"))));
		reply_page(rq, status, "data", "data", "Your data", v);
	}
	strbuf_release(&what);
	strbuf_release(&err);
}

void page_data(struct req *rq)
{
	data_page(rq, 200, json_object());
}

/* The restore form's post (a file, multipart/form-data): the page with what was
 * restored, or why nothing was. */
void page_restore_post(struct req *rq)
{
	if (rq->form_refused) { /* no file chosen, or one too large */
		data_page(rq, 400, json_pack("{s:{s:s, s:s}}", "problem", "message", json_string_length(json_object_get(
			rq->input, "backup")) ? rq->err_message : "Choose the backup file first; nothing was changed.",
					     "field", "backup"));
		return;
	}
	struct restore_result r;
	if (!restore(rq, json_string_value(json_object_get(rq->input, "backup")), &r)) {
		restore_release(&r);
		return;
	}
	json_t *v;
	if (r.outcome == DONE) {
		const char *raised = r.res.raised ? arena_printf(&rq->arena, " %zu screening%s stored weaker than the "
									     "answers mean; stored as the answers say.",
								 r.res.raised, r.res.raised == 1 ? " was" : "s were")
						  : "";
		v = json_pack("{s:s}", "done", arena_printf(&rq->arena, "Restored: %s.%s", r.what.len ? r.what.buf
												  : "nothing (the backup holds no records)",
							      raised));
	} else if (r.outcome == FAILED) {
		v = json_pack("{s:{s:s}}", "problem", "message", arena_printf(&rq->arena, "The restore failed, and "
									       "nothing of it was kept: %s", r.err.buf));
	} else {
		v = json_pack("{s:{s:s, s:s}}", "problem", "message", refusal_words(rq, &r), "field", "backup");
		if (r.res.status != APP_IMPORT_NOT_EMPTY)
			json_object_set_new(json_object_get(v, "problem"), "problems", lines_json(r.err.buf));
	}
	data_page(rq, r.outcome == DONE ? 200 : r.status, v);
	restore_release(&r);
}

/* The delete form's post: only after the word is typed. */
void page_forget_post(struct req *rq)
{
	if (rq->form_refused || !confirmed(rq)) {
		json_t *v = json_pack("{s:{s:s, s:s}}", "problem", "message", "You did not type the word " CONFIRM_WORD
			", so nothing was deleted.", "field", "confirm");
		data_page(rq, 400, v);
		return;
	}
	const char *words;
	bool answered;
	enum data_outcome o = forget(rq, &words, &answered);
	if (answered)
		return;
	data_page(rq, o == FAILED ? 503 : 200, o == FAILED ? json_pack("{s:{s:s}}", "problem", "message", words)
							   : json_pack("{s:s}", "done", words));
}
