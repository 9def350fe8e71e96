/* routes-today.c: the day and the check-in in the browser: GET /api/v1/today, the
 * check-ins of a range of days, recording one (JSON or the page's form), and the pages
 * Today (/) and Check-in (/checkin). The rules are the app layer's (app/today.c,
 * app/checkin.c), the same the terminal's `unhunch` and `unhunch checkin` use. */
#include "http/handler.h"
#include "app/checkin.h"
#include "app/checkin-keyed.h"
#include "app/today.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/plan.h"
#include "http/idem.h"
#include "store/store.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RANGE_DEFAULT_DAYS 30  /* GET /api/v1/checkins without from: the last 30 days */

static void store_failed(struct req *rq, const struct strbuf *err)
{
	reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(err));
}

static json_t *opt_int(int v)
{
	return v == CHECKIN_NONE ? json_null() : json_integer(v);
}

/* The places of the body map in words, in the order of enum region. */
const char *const http_region_labels[REG__COUNT] = { "Neck", "Between the shoulder blades", "Upper back",
						       "Left shoulder", "Right shoulder", "Chest" };

/* One check-in as the API and the pages show it. */
static json_t *checkin_json(const struct checkin *c)
{
	json_t *regions = json_object(), *list = json_array();
	for (int r = 0; r < REG__COUNT; r++) {
		json_object_set_new(regions, region_names[r], opt_int(c->region[r]));
		if (c->region[r] != CHECKIN_NONE)
			json_array_append_new(list, json_pack("{s:s, s:s, s:i}", "region", region_names[r], "label",
							      http_region_labels[r], "score", c->region[r]));
	}
	json_t *o = json_pack("{s:I, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)c->id, "date",
			      c->date, "at_ms", (json_int_t)c->at_ms, "pain", opt_int(c->pain), "headache",
			      opt_int(c->headache), "stiffness", opt_int(c->stiffness), "stress", opt_int(c->stress),
			      "sleep", opt_int(c->sleep), "regions", regions);
	json_object_set_new(o, "desk_hours", c->desk_hours == CHECKIN_NONE ? json_null() : json_real(c->desk_hours));
	json_object_set_new(o, "massage", c->massage == CHECKIN_NONE ? json_null() : json_boolean(c->massage));
	json_object_set_new(o, "note", c->note && *c->note ? json_string(c->note) : json_null());
	json_object_set_new(o, "pains", list); /* the regions given, for the pages */
	json_object_set_new(o, "pain_given", json_boolean(c->pain != CHECKIN_NONE)); /* 0 is a pain given */
	return o;
}

static const char *const weekdays[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

/* The one thing to do now: what, a label for the big button, where it goes, why. */
static json_t *now_json(const struct app_ctx *ctx, const struct app_today *t)
{
	const char *label, *href, *text = NULL;
	char *own = NULL;
	const struct safety_status *ss = &t->safety.s;
	switch (t->next) {
	case NEXT_SEE_SOMEONE:
		label = "Exercise is paused: see who the safety questions sent you to";
		href = "/screening";
		text = ss->advice;
		break;
	case NEXT_SCREEN:
		label = "Answer the safety questions";
		href = "/screening";
		text = t->gate_asked ? t->gate.reason : t->day_text;
		break;
	case NEXT_CHECKIN:
		label = "Check in";
		href = "/checkin";
		text = "Your pain went up after your last session: please check in this morning.";
		break;
	case NEXT_SESSION: {
		const struct routine *r = catalog_routine(ctx->content, t->next_routine);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "Start %s", r ? r->name : t->next_routine);
		own = strbuf_detach(&sb);
		label = own;
		sb = (struct strbuf)STRBUF_INIT;
		strbuf_addf(&sb, "/library/routines/%s/play", t->next_routine);
		char *h = strbuf_detach(&sb);
		json_t *o = json_pack("{s:s, s:s, s:s, s:s?}", "action", today_next_names[t->next], "label", label,
				      "href", h, "text", text);
		json_object_set_new(o, "routine", json_string(t->next_routine));
		free(own);
		free(h);
		return o;
	}
	case NEXT_REST:
	default:
		if (!t->checked_in_today) {
			label = "Check in";
			href = "/checkin";
			text = "Nothing else is due now. A check-in takes a minute and shows you what helps.";
		} else {
			label = "Browse the library";
			href = "/library";
			text = "Nothing else is due today. Move a little every hour.";
		}
		break;
	}
	return json_pack("{s:s, s:s, s:s, s:s?}", "action", today_next_names[t->next], "label", label, "href", href,
			 "text", text);
}

static json_t *today_json(const struct app_ctx *ctx, const struct app_today *t)
{
	char date[11];
	day_format(t->today, date);
	const struct safety_status *ss = &t->safety.s;
	json_t *o = json_pack("{s:s, s:s, s:b, s:b, s:b}", "date", date, "weekday", weekdays[day_weekday(t->today)],
			      "screened", ss->screened, "allowed", ss->allowed, "checkin_owed", t->checkin_owed);
	json_t *safety = json_pack("{s:b, s:b}", "first_run", !ss->screened, "paused",
				   ss->screened && !ss->allowed && ss->advice);
	json_object_set_new(safety, "advice", ss->screened && !ss->allowed && ss->advice ? json_string(ss->advice)
											 : json_null());
	json_object_set_new(safety, "waits", t->gate_asked ? json_string(t->gate.reason) : json_null());
	json_object_set_new(o, "safety", safety);
	json_object_set_new(o, "note", reason_empty(&t->plan.note) ? json_null() : format_json_reason(&t->plan.note));
	/* what is due, each with whether a session of it was finished today */
	size_t idx[PLAN_MAX_PARTS];
	size_t n = t->day == DAY_PLANNED ? plan_due(&t->plan, t->today, idx) : 0;
	json_t *due = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct plan_part *pt = &t->plan.parts[idx[i]];
		bool done = false;
		for (size_t k = 0; k < t->n_done && pt->routine; k++)
			done |= t->done[k].finished && !strcmp(t->done[k].routine, pt->routine);
		json_t *p = json_pack("{s:s, s:s?, s:s?, s:i, s:b, s:b, s:b}", "title", pt->title, "routine", pt->routine,
				      "exercise", pt->exercise, "minutes", pt->minutes, "optional", pt->add_on,
				      "all_day", pt->all_day, "done", done);
		json_object_set_new(p, "href", pt->routine ? json_sprintf("/library/routines/%s", pt->routine)
					      : pt->exercise ? json_sprintf("/library/exercises/%s", pt->exercise)
							     : json_null());
		json_array_append_new(due, p);
	}
	json_object_set_new(o, "has_due", json_boolean(n > 0));
	json_object_set_new(o, "due", due);
	json_object_set_new(o, "rest_day", json_boolean(t->day == DAY_REST));
	json_object_set_new(o, "waits_screen", json_boolean(t->day == DAY_WAITS_SCREEN));
	/* while exercise is paused: what is, and what is still fine (the app's words) */
	json_object_set_new(o, "paused_what", t->paused_what ? json_string(t->paused_what) : json_null());
	json_object_set_new(o, "still_fine", t->still_fine ? json_string(t->still_fine) : json_null());
	json_t *done = json_array();
	for (size_t k = 0; k < t->n_done; k++)
		json_array_append_new(done, json_pack("{s:s, s:s, s:b, s:i, s:i}", "routine", t->done[k].routine, "name",
						      t->done[k].name, "finished", t->done[k].finished, "exercises_done",
						      t->done[k].exercises_done, "exercises_skipped",
						      t->done[k].exercises_skipped));
	json_object_set_new(o, "has_done", json_boolean(t->n_done > 0));
	json_object_set_new(o, "done", done);
	json_object_set_new(o, "exercises_done", json_integer(t->exercises_done));
	json_object_set_new(o, "exercises_skipped", json_integer(t->exercises_skipped));
	json_t *paused = json_array();
	for (size_t i = 0; i < t->n_paused; i++)
		json_array_append_new(paused, json_pack("{s:s, s:s, s:s}", "routine_name", t->paused[i].routine_name,
							"exercise", t->paused[i].exercise, "name", t->paused[i].name));
	json_object_set_new(o, "has_paused", json_boolean(t->n_paused > 0));
	json_object_set_new(o, "paused", paused);
	if (t->breaks_ok) {
		int c[BEV__COUNT] = { 0 }, week = 0;
		for (int k = 0; k < BRK__COUNT; k++)
			for (int e = 0; e < BEV__COUNT; e++) {
				c[e] += t->breaks.today[k][e];
				week += t->breaks.week[k][e];
			}
		json_t *b = json_object();
		for (int e = 0; e < BEV__COUNT; e++)
			json_object_set_new(b, brk_event_names[e], json_integer(c[e]));
		json_object_set_new(b, "any_today", json_boolean(c[BEV_TAKEN] + c[BEV_NATURAL] + c[BEV_SKIPPED] > 0));
		json_object_set_new(b, "this_week", json_integer(week));
		json_object_set_new(o, "breaks", b);
	} else {
		json_object_set_new(o, "breaks", json_null());
	}
	json_object_set_new(o, "last_checkin", t->has_last ? checkin_json(&t->last) : json_null());
	json_object_set_new(o, "checked_in_today", json_boolean(t->checked_in_today));
	if (t->last_day >= 0) {
		char d[11];
		day_format(t->last_day, d);
		json_object_set_new(o, "last_pain", json_pack("{s:s, s:f, s:i, s:b}", "date", d, "pain",
							       round(t->last_pain * 10) / 10, "days_ago",
							       t->today - t->last_day, "stale",
							       t->today - t->last_day >= 3));
	} else {
		json_object_set_new(o, "last_pain", json_null());
	}
	json_object_set_new(o, "now", now_json(ctx, t));
	return o;
}

/* The day worked out, or NULL with the answer given. */
static json_t *today_view(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return NULL;
	struct app_today t;
	struct strbuf err = STRBUF_INIT;
	json_t *v = NULL;
	if (app_today_load(&ctx, &t, &err))
		store_failed(rq, &err);
	else
		v = today_json(&ctx, &t);
	app_today_release(&t);
	strbuf_release(&err);
	return v;
}

void api_today(struct req *rq)
{
	json_t *v = today_view(rq);
	if (v)
		reply_json(rq, 200, v);
}

void page_today(struct req *rq)
{
	json_t *v = today_view(rq);
	if (v)
		json_object_set_new(v, "note_parts", page_text_links(json_string_value(json_object_get(v, "note"))));
	if (v)
		reply_page(rq, 200, "today", "today", "Today", json_pack("{s:o}", "today", v));
}

/* A date field of the input as a day; false with the 400 answered. */
static bool input_day(struct req *rq, const char *name, int *day)
{
	const char *s = json_string_value(json_object_get(rq->input, name));
	if (!s)
		return true;
	if (!day_parse(s, day)) {
		reply_error(rq, 400, "bad_value", name, "%s: must be a real date written YYYY-MM-DD, not '%s'", name, s);
		return false;
	}
	return true;
}

void api_checkins(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	int to = app_today(&ctx), from;
	if (!input_day(rq, "to", &to))
		return;
	from = to - (RANGE_DEFAULT_DAYS - 1);
	if (!input_day(rq, "from", &from))
		return;
	if (from > to) {
		reply_error(rq, 400, "bad_value", "from", "from: must not be after to");
		return;
	}
	struct checkin *v = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	if (app_checkins_range(&ctx, from, to, &v, &n, &err)) {
		store_failed(rq, &err);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, checkin_json(&v[i]));
	store_checkins_free(v, n);
	char f[11], t[11];
	day_format(from, f);
	day_format(to, t);
	reply_json(rq, 200, json_pack("{s:s, s:s, s:o}", "from", f, "to", t, "checkins", list));
}

json_t *http_checkins_recent(struct req *rq, int days)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return NULL;
	int to = app_today(&ctx);
	struct checkin *v = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	if (app_checkins_range(&ctx, to - (days - 1), to, &v, &n, &err)) {
		store_failed(rq, &err);
		strbuf_release(&err);
		return NULL;
	}
	strbuf_release(&err);
	json_t *list = json_array();
	for (size_t i = n; i-- > 0;)
		json_array_append_new(list, checkin_json(&v[i]));
	store_checkins_free(v, n);
	return list;
}

/* The checked input (the route's fields) as a request to the app layer. regions is
 * the object of the JSON body, or the input itself for the form's flat fields. */
static void request_of(const json_t *in, const json_t *regions, struct app_checkin_request *a)
{
	memset(a, 0, sizeof(*a));
	checkin_init(&a->c);
	a->once_per_day = true;
	static const char *const scored[] = { "pain", "headache", "stiffness", "stress", "sleep" };
	int *slots[] = { &a->c.pain, &a->c.headache, &a->c.stiffness, &a->c.stress, &a->c.sleep };
	for (int i = 0; i < 5; i++) {
		json_t *v = json_object_get(in, scored[i]);
		if (v)
			*slots[i] = (int)json_integer_value(v);
	}
	for (int r = 0; r < REG__COUNT && regions; r++) {
		json_t *v = json_object_get(regions, region_names[r]);
		if (v)
			a->c.region[r] = (int)json_integer_value(v);
	}
	json_t *v;
	if ((v = json_object_get(in, "desk_hours")))
		a->c.desk_hours = json_number_value(v);
	if ((v = json_object_get(in, "massage")))
		a->c.massage = json_is_true(v);
	if ((v = json_object_get(in, "note")) && json_string_length(v))
		a->c.note = (char *)json_string_value(v);
	if ((v = json_object_get(in, "date")))
		snprintf(a->c.date, sizeof(a->c.date), "%s", json_string_value(v));
}

/* Record the request; false with the error answered (as JSON or a page, by route). Saved
 * but the gate not asked: gate_why says why. */
enum { GATE_WHY_MAX = 512 };

/* 409: another check-in that day, with other values. */
static void already(struct req *rq, const struct app_checkin_result *res)
{
	reply_error(rq, 409, "already_checked_in", "date",
		    "date: there is a check-in for %s already, with other values; one a day is kept here",
		    res->saved.date);
}

static bool record(struct req *rq, const struct app_checkin_request *a, struct app_checkin_result *res,
		   char gate_why[GATE_WHY_MAX])
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return false;
	struct strbuf err = STRBUF_INIT;
	bool ok = false;
	if (app_checkin_record(&ctx, a, res, &err))
		store_failed(rq, &err);
	else if (res->outcome == APP_CHECKIN_REFUSED)
		reply_error(rq, 400, res->field ? "bad_value" : "missing_field", res->field, "%s", strbuf_str(&err));
	else if (res->outcome == APP_CHECKIN_EXISTS)
		already(rq, res);
	else
		ok = true;
	if (ok && res->gate_failed)
		snprintf(gate_why, GATE_WHY_MAX, "%s", strbuf_str(&err));
	strbuf_release(&err);
	return ok;
}

/* The answer: the check-in, whether it was saved, and what the gate now asks. When the
 * gate could not be asked, follow_up says so (screen null, and why) rather than "nothing". */
static json_t *result_json(const struct app_checkin_result *res, const char *gate_why)
{
	json_t *o = json_pack("{s:o, s:b}", "checkin", checkin_json(&res->saved), "saved",
			      res->outcome == APP_CHECKIN_SAVED);
	json_t *f = json_pack("{s:b}", "high_pain", res->high_pain);
	json_object_set_new(f, "screen", res->gate_failed ? json_null() : json_boolean(res->must_screen != 0));
	json_object_set_new(f, "reason", res->must_screen ? json_string(res->reason) : json_null());
	if (res->gate_failed)
		json_object_set_new(f, "gate_error", json_string(gate_why));
	json_object_set_new(o, "follow_up", f);
	return o;
}

/* The answer kept under an Idempotency-Key for a check-in recorded. */
static char *keyed_answer(void *arg, const struct app_checkin_result *res, const char *gate_why, int *status)
{
	(void)arg;
	*status = res->outcome == APP_CHECKIN_SAVED ? 201 : 200;
	json_t *o = result_json(res, gate_why);
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return text;
}

/* With an Idempotency-Key: the check-in and its answer kept under the key in one batch
 * (app/checkin-keyed.h), so a repeat gets the first answer. An answer refused (4xx) is
 * not kept: the same request is refused again the same way. */
static void checkin_keyed(struct req *rq, const char *key, const struct app_checkin_request *a)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	char hash[65];
	idem_request_hash(rq->input, hash);
	struct app_checkin_keyed k = { key, hash, a, keyed_answer, NULL };
	struct app_checkin_keyed_result r;
	struct strbuf err = STRBUF_INIT;
	if (app_checkin_keyed(&ctx, &k, &r, &err))
		store_failed(rq, &err);
	else if (r.repeat)
		idem_replay(rq, &r.first, hash);
	else if (r.res.outcome == APP_CHECKIN_REFUSED)
		reply_error(rq, 400, r.res.field ? "bad_value" : "missing_field", r.res.field, "%s", r.words);
	else if (r.res.outcome == APP_CHECKIN_EXISTS)
		already(rq, &r.res);
	else
		reply(rq, r.status, "application/json", arena_strdup(&rq->arena, r.answer), strlen(r.answer));
	app_checkin_keyed_release(&r);
	strbuf_release(&err);
}

void api_checkin_add(struct req *rq)
{
	const char *key = req_header(rq, "Idempotency-Key");
	if (key && idem_key_refused(rq, key))
		return;
	struct app_checkin_request a;
	request_of(rq->input, json_object_get(rq->input, "regions"), &a);
	if (key) {
		checkin_keyed(rq, key, &a);
		return;
	}
	struct app_checkin_result res;
	char gate_why[GATE_WHY_MAX] = "";
	if (record(rq, &a, &res, gate_why))
		reply_json(rq, res.outcome == APP_CHECKIN_SAVED ? 201 : 200, result_json(&res, gate_why));
}

/* A value sent as a whole number, checked (a number) or as typed (a refused form's text);
 * -1 when none. */
static int sent_int(const json_t *v)
{
	if (json_is_integer(v))
		return (int)json_integer_value(v);
	const char *s = json_string_value(v);
	char *end;
	long n = s && *s ? strtol(s, &end, 10) : -1;
	return s && *s && !*end && n >= 0 && n <= 10 ? (int)n : -1;
}

/* A 0-10 choice of the form: its options, the one sent selected. */
static json_t *score_choice(const char *name, const char *label, const char *hint, const json_t *sent)
{
	json_t *v = sent ? json_object_get(sent, name) : NULL;
	int chosen = sent_int(v);
	json_t *opts = json_array();
	for (int i = 0; i <= 10; i++)
		json_array_append_new(opts, json_pack("{s:i, s:b}", "value", i, "selected", i == chosen));
	return json_pack("{s:s, s:s, s:s?, s:o, s:b}", "name", name, "label", label, "hint", hint, "options", opts,
			 "none", chosen < 0);
}

/* The form: empty, or (after a refused post) with what was sent and why. */
static void checkin_form(struct req *rq, int status, json_t *sent, const char *problem, const char *field)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) {
		json_decref(sent);
		return;
	}
	char today[11];
	day_format(app_today(&ctx), today);
	json_t *regions = json_array();
	for (int r = 0; r < REG__COUNT; r++)
		json_array_append_new(regions, score_choice(region_names[r], http_region_labels[r], NULL, sent));
	json_t *scores = json_array();
	json_array_append_new(scores, score_choice("pain", "Pain overall", "0 none, 10 the worst", sent));
	json_array_append_new(scores, score_choice("headache", "Headache", "0 none, 10 the worst", sent));
	json_array_append_new(scores, score_choice("stiffness", "Stiffness", "0 none, 10 the worst", sent));
	json_array_append_new(scores, score_choice("stress", "Stress", "0 none, 10 the most", sent));
	json_array_append_new(scores, score_choice("sleep", "Sleep the night before", "0 awful, 10 great", sent));
	json_t *m = sent ? json_object_get(sent, "massage") : NULL;
	if (json_is_string(m)) /* a refused form's text */
		m = !strcmp(json_string_value(m), "yes") ? json_true() : !strcmp(json_string_value(m), "no") ? json_false()
															      : NULL;
	json_t *d = sent ? json_object_get(sent, "date") : NULL;
	json_t *ctx_json = json_pack("{s:s, s:s, s:o, s:o, s:b, s:b}", "today", today, "date",
				     d ? json_string_value(d) : today, "regions", regions, "scores", scores, "massage_yes",
				     m && json_is_true(m), "massage_no", m && json_is_false(m));
	json_t *h = sent ? json_object_get(sent, "desk_hours") : NULL;
	if (json_is_number(h))
		json_object_set_new(ctx_json, "desk_hours", json_real(json_number_value(h)));
	else if (json_is_string(h))
		json_object_set(ctx_json, "desk_hours", h); /* as typed */
	json_t *note = sent ? json_object_get(sent, "note") : NULL;
	if (note)
		json_object_set(ctx_json, "note", note);
	if (problem) {
		json_object_set_new(ctx_json, "problem", json_pack("{s:s, s:s?}", "message", problem, "field", field));
		/* the reason by its field too */
		json_t *lists[] = { regions, scores };
		for (size_t l = 0; l < 2 && field; l++) {
			size_t i;
			json_t *c;
			json_array_foreach(lists[l], i, c)
				if (!strcmp(json_string_value(json_object_get(c, "name")), field))
					json_object_set_new(c, "error", json_string(problem));
		}
		if (field && (!strcmp(field, "date") || !strcmp(field, "desk_hours") || !strcmp(field, "note") ||
			      !strcmp(field, "massage"))) {
			char key[32];
			snprintf(key, sizeof(key), "error_%s", field);
			json_object_set_new(ctx_json, key, json_string(problem));
		}
	}
	json_decref(sent);
	reply_page(rq, status, "checkin", "checkin", "Check-in", ctx_json);
}

void page_checkin_form(struct req *rq)
{
	checkin_form(rq, 200, NULL, NULL, NULL);
}

/* The form's post (works without scripts): saved, it goes on to Today; refused, the
 * form again with what was typed and why. */
void page_checkin(struct req *rq)
{
	if (rq->form_refused) { /* a value the route's checks refused: the form again, as sent */
		checkin_form(rq, 400, json_deep_copy(rq->input), rq->err_message, rq->err_field);
		return;
	}
	struct app_checkin_request a;
	request_of(rq->input, rq->input, &a);
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct app_checkin_result res;
	struct strbuf err = STRBUF_INIT;
	if (app_checkin_record(&ctx, &a, &res, &err)) {
		store_failed(rq, &err);
	} else if (res.outcome == APP_CHECKIN_REFUSED || res.outcome == APP_CHECKIN_EXISTS) {
		if (res.outcome == APP_CHECKIN_EXISTS) {
			strbuf_reset(&err);
			strbuf_addf(&err, "You have checked in for %s already; one check-in a day is kept here. Pick "
					  "another day to fill in one you missed.", res.saved.date);
		}
		json_t *sent = json_deep_copy(rq->input);
		checkin_form(rq, res.outcome == APP_CHECKIN_EXISTS ? 409 : 400, sent, strbuf_str(&err),
			     res.outcome == APP_CHECKIN_EXISTS ? "date" : res.field);
	} else {
		resp_add_header(rq, "Location", "/");
		reply(rq, 303, "text/plain; charset=utf-8", "", 0);
	}
	strbuf_release(&err);
}
