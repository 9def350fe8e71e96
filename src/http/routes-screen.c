/* routes-screen.c: the safety questions in the browser: GET and POST /api/v1/screenings
 * (the state and the questions; a screen's answers), a clinician's clearance
 * (POST /api/v1/screenings/clearance), and the page /screening with its two forms. The
 * rules are the app layer's (app/safety.c, app/screen-status.c), the same `unhunch
 * screen` uses: every answer is stored with its urgency, a once-ever fact stays yes,
 * and an emergency answer is never cleared here. The words are format/screen.c's, with
 * the settings' emergency number filled in as the terminal does. */
#include "http/handler.h"
#include "app/safety.h"
#include "app/screen-status.h"
#include "core/mem.h"
#include "core/screen.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/screen.h"
#include "format/when.h"
#include <stdlib.h>
#include <string.h>


/* Safety words with the person's emergency number filled in. */
static json_t *filled(const struct req *rq, const char *text)
{
	if (!text)
		return json_null();
	struct strbuf sb = STRBUF_INIT;
	emergency_fill(text, rq->srv->emergency, &sb);
	json_t *v = json_string(strbuf_str(&sb));
	strbuf_release(&sb);
	return v;
}

/* The questions in the order to show them: after new chest pain, the heart questions
 * first (as the terminal asks them); then the content's order, most urgent group first. */
static json_t *questions_json(const struct catalog *c, unsigned must_screen)
{
	json_t *list = json_array();
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < c->n_q; i++) {
			bool heart = (must_screen & RS_CHEST) && !strcmp(c->q[i].group, "heart");
			if (heart != (pass == 0))
				continue;
			json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b, s:b, s:b}", "id", c->q[i].id, "ask",
							      c->q[i].ask, "group", c->q[i].group, "neck", c->q[i].neck,
							      "fact", c->q[i].fact, "emergency",
							      c->q[i].urgency == URG_EMERGENCY));
		}
	return list;
}

/* The state and the latest result, for the API and the page. */
static json_t *status_json(const struct req *rq, const struct app_ctx *ctx, const struct app_screen_status *st)
{
	const struct safety_status *s = &st->safety.s;
	struct strbuf js = STRBUF_INIT;
	format_screen_status_json(&js, st, ctx->tz); /* the same fields as `screen --status --json` */
	json_t *o = json_loads(strbuf_str(&js), 0, NULL);
	strbuf_release(&js);
	if (!o)
		o = json_object();
	json_t *yes = json_array();
	for (size_t i = 0; st->found && i < st->latest.n_answers; i++) {
		const struct answer_row *a = &st->latest.answers[i];
		if (a->yes)
			json_array_append_new(yes, json_pack("{s:s, s:s, s:s, s:s}", "id", a->question_id, "words",
							     format_screen_answer_words(ctx->content, a->question_id),
							     "level", urgency_names[a->level >= 0 && a->level < URG__COUNT
											   ? a->level : URG_NONE],
							     "means", format_screen_level_words(ctx->content, a)));
	}
	bool any = json_array_size(yes) > 0;
	json_object_set_new(o, "found", json_boolean(st->found));
	json_object_set_new(o, "yes", yes);
	json_object_set_new(o, "any_yes", json_boolean(any));
	json_object_set_new(o, "advice", st->found ? filled(rq, urgency_advice((enum urgency)st->latest.level))
						   : json_null());
	json_object_set_new(o, "closing", st->found && format_screen_closing(&st->latest, any)
						  ? json_string(format_screen_closing(&st->latest, any))
						  : json_null());
	json_object_set_new(o, "emergency", json_boolean(s->level == URG_EMERGENCY));
	json_object_set_new(o, "exercise", json_string(format_screen_exercise_words(st)));
	const char *neck = format_screen_neck_words(st);
	json_object_set_new(o, "neck", neck ? json_string(neck) : json_null());
	json_object_set_new(o, "reason", st->has_gate ? filled(rq, st->gate.v.reason) : json_null());
	/* a clearance can be recorded: something to clear that is not an emergency */
	json_object_set_new(o, "can_clear", json_boolean(st->safety.has_latest && s->level != URG_EMERGENCY &&
							 (s->level >= URG_ROUTINE || s->neck_locked)));
	return o;
}

/* The whole view; NULL with the answer given. */
static json_t *screen_view(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return NULL;
	struct app_screen_status st;
	struct strbuf err = STRBUF_INIT;
	json_t *v = NULL;
	if (app_screen_status(&ctx, &st, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	} else {
		char today[11];
		day_format(app_today(&ctx), today);
		v = json_pack("{s:o, s:o, s:s}", "status", status_json(rq, &ctx, &st), "questions",
			      questions_json(ctx.content, st.safety.s.must_screen), "today", today);
	}
	app_screen_status_release(&st);
	strbuf_release(&err);
	return v;
}

void api_screenings(struct req *rq)
{
	json_t *v = screen_view(rq);
	if (v)
		reply_json(rq, 200, v);
}

/* The answers given (an object of question id → true/false) as the app takes them.
 * Every name must be a question of the content; all: every question answered (the
 * API), else a question left out is a no (the form's box not ticked, as a whole group
 * answered no in the terminal). NULL with the 400 answered. */
static struct screen_answer *answers_of(struct req *rq, const json_t *given, const char *prefix, bool all, size_t *n)
{
	const struct catalog *c = rq->srv->content;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)given, key, v) {
		if (!catalog_question(c, key)) {
			char field[160];
			snprintf(field, sizeof(field), "%s%s", prefix, key);
			reply_error(rq, 400, "unknown_field", field, "%s: there is no such question", field);
			return NULL;
		}
	}
	if (!c->n_q) {
		reply_error(rq, 409, "no_questions", NULL, "the content has no screening questions");
		return NULL;
	}
	struct screen_answer *a = xcalloc(c->n_q, sizeof(*a));
	for (size_t i = 0; i < c->n_q; i++) {
		json_t *yes = json_object_get(given, c->q[i].id);
		if (!yes && all) {
			char field[160];
			snprintf(field, sizeof(field), "%s%s", prefix, c->q[i].id);
			reply_error(rq, 400, "missing_field", field, "%s: is needed (every question is answered, true or "
							     "false)", field);
			free(a);
			return NULL;
		}
		a[i] = (struct screen_answer){ c->q[i].id, yes && json_is_true(yes) };
	}
	*n = c->n_q;
	return a;
}

/* Save the answers; false with the error answered. */
static bool save(struct req *rq, const json_t *given, const char *prefix, bool all, struct screening_row *row)
{
	size_t n = 0;
	struct screen_answer *a = answers_of(rq, given, prefix, all, &n);
	if (!a)
		return false;
	struct app_ctx ctx;
	struct tz utc;
	bool ok = false;
	if (req_app(rq, &ctx, &utc)) {
		struct strbuf err = STRBUF_INIT;
		if (app_screen_save(&ctx, a, n, row, &err))
			reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		else
			ok = true;
		strbuf_release(&err);
	}
	free(a);
	return ok;
}

void api_screening_add(struct req *rq)
{
	struct screening_row row;
	if (!save(rq, json_object_get(rq->input, "answers"), "answers.", true, &row))
		return;
	json_t *v = screen_view(rq);
	if (!v)
		return;
	json_object_set_new(v, "id", json_integer(row.id));
	reply_json(rq, 201, v);
}

/* Record a clearance; on a refusal, *status, the code and the field say how to answer. */
static int clear(struct req *rq, const char **field, const char **code, int *status, struct strbuf *err)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return -2;
	const char *note = json_string_value(json_object_get(rq->input, "note"));
	const char *date = json_string_value(json_object_get(rq->input, "date"));
	char today[11];
	day_format(app_today(&ctx), today);
	enum app_clearance_refusal why;
	if (!app_clearance_record(&ctx, note ? note : "", date && *date ? date : today, &why, err))
		return 0;
	static const struct {
		int status;
		const char *code, *field;
	} how[] = {
		[CLEAR_OK] = { 503, "store_unavailable", NULL },
		[CLEAR_NOTHING] = { 409, "nothing_to_clear", NULL },
		[CLEAR_EMERGENCY] = { 409, "emergency_not_cleared", NULL },
		[CLEAR_BAD_DATE] = { 400, "bad_value", "date" },
		[CLEAR_BAD_NOTE] = { 400, "bad_value", "note" },
	};
	*status = how[why].status;
	*code = how[why].code;
	*field = how[why].field;
	return -1;
}

void api_clearance_add(struct req *rq)
{
	const char *field, *code;
	int status;
	struct strbuf err = STRBUF_INIT;
	int r = clear(rq, &field, &code, &status, &err);
	if (r == -1)
		reply_error(rq, status, code, field, "%s%s%s", field ? field : "", field ? ": " : "", strbuf_str(&err));
	else if (r == 0) {
		json_t *v = screen_view(rq);
		if (v)
			reply_json(rq, 201, v);
	}
	strbuf_release(&err);
}

/* The page: the state, the clearance form when there is something to clear, and the
 * questions; problem (may be NULL) is a refused clearance, shown by its field. */
static void screen_page(struct req *rq, int status, const char *problem, const char *field, const json_t *sent)
{
	json_t *v = screen_view(rq);
	if (!v)
		return;
	if (problem)
		json_object_set_new(v, "problem", json_pack("{s:s, s:s?}", "message", problem, "field", field));
	json_t *note = sent ? json_object_get(sent, "note") : NULL, *date = sent ? json_object_get(sent, "date") : NULL;
	json_object_set_new(v, "note", note ? json_incref(note) : json_string(""));
	json_object_set_new(v, "date", date && json_string_length(date) ? json_incref(date)
								  : json_incref(json_object_get(v, "today")));
	json_object_set_new(v, "note_problem", json_boolean(problem && field && !strcmp(field, "note")));
	json_object_set_new(v, "date_problem", json_boolean(problem && field && !strcmp(field, "date")));
	reply_page(rq, status, "screening", "screening", "Safety questions", v);
}

void page_screening(struct req *rq)
{
	screen_page(rq, 200, NULL, NULL, NULL);
}

/* The questions' form (works without scripts): saved, the page again with the result. */
void page_screening_post(struct req *rq)
{
	struct screening_row row;
	if (!save(rq, rq->input, "", false, &row))
		return;
	resp_add_header(rq, "Location", "/screening#result");
	reply(rq, 303, "text/plain; charset=utf-8", "", 0);
}

/* The clearance form: saved, back to the page; refused, the page with what was typed and why. */
void page_clearance_post(struct req *rq)
{
	if (rq->form_refused) { /* the route's checks refused a value (a note left empty, too long) */
		screen_page(rq, 400, rq->err_message, rq->err_field, rq->input);
		return;
	}
	const char *field, *code;
	int status;
	struct strbuf err = STRBUF_INIT;
	int r = clear(rq, &field, &code, &status, &err);
	if (r == -1 && status < 500) {
		json_t *sent = json_deep_copy(rq->input);
		char *msg = xstrdup(strbuf_str(&err));
		if (msg[0] >= 'a' && msg[0] <= 'z')
			msg[0] = (char)(msg[0] - 'a' + 'A');
		screen_page(rq, status, msg, field, sent);
		free(msg);
		json_decref(sent);
	} else if (r == -1) {
		reply_error(rq, status, code, NULL, "%s", strbuf_str(&err));
	} else if (r == 0) {
		resp_add_header(rq, "Location", "/screening#result");
		reply(rq, 303, "text/plain; charset=utf-8", "", 0);
	}
	strbuf_release(&err);
}
