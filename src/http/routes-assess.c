/* routes-assess.c: the assessment in the browser: GET /api/v1/assessments (the questions
 * and the latest profile), POST /api/v1/assessments (answers, as the terminal takes them),
 * and the page /assessment with its form post (works without scripts; saved, it goes on
 * to the plan). The questions, how an answer is read and the profile are the core's and
 * the app layer's (core/plan-assess.c, app/assess.c), the same `unhunch assess` uses. */
#include "http/handler.h"
#include "app/assess.h"
#include "core/checkin.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include "format/assess.h"
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
	[AQK_HOURS] = "hours", [AQK_WEEKDAYS] = "weekdays", [AQK_CHOICE] = "choice", [AQK_SCORE] = "score",
	[AQK_YESNO] = "yes-no", [AQK_DAYS] = "days", [AQK_REGIONS] = "regions",
};
static const char *const weekday_labels[7] = { "Monday", "Tuesday", "Wednesday", "Thursday",
					       "Friday", "Saturday", "Sunday" };

static const char *label_of(const struct assess_question *q)
{
	return q->label ? q->label : q->ask;
}

/* The questions for the API: id, the words, the self-test before it, how it is answered. */
static json_t *questions_json(void)
{
	json_t *list = json_array();
	for (int i = 0; i < AQ__COUNT; i++) {
		const struct assess_question *q = &assess_questions[i];
		json_t *o = json_pack("{s:s, s:s, s:s?, s:s}", "id", q->id, "ask", label_of(q), "intro", q->intro, "kind",
				      kind_names[q->kind]);
		if (q->kind == AQK_CHOICE) {
			json_t *c = json_array();
			for (int k = 0; q->choices[k]; k++)
				json_array_append_new(c, json_string(q->choices[k]));
			json_object_set_new(o, "choices", c);
		}
		json_array_append_new(list, o);
	}
	return list;
}

/* A profile as format/assess.c writes it (the same as `assess --json`); null when none. */
static json_t *profile_json(const struct profile *p)
{
	if (!p)
		return json_null();
	struct app_assessment a = { .has_latest = true, .latest = *p };
	struct strbuf sb = STRBUF_INIT;
	format_assessment_json(&sb, &a);
	json_t *v = json_loads(strbuf_str(&sb), JSON_DECODE_ANY, NULL);
	strbuf_release(&sb);
	return v ? v : json_null();
}

/* The latest assessment and the one before; NULL with the answer given. */
static bool latest(struct req *rq, struct app_assessment *a)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return false;
	struct strbuf err = STRBUF_INIT;
	bool ok = !app_assessment_latest(&ctx, a, &err);
	if (!ok)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	strbuf_release(&err);
	return ok;
}

void api_assessments(struct req *rq)
{
	struct app_assessment a;
	if (!latest(rq, &a))
		return;
	reply_json(rq, 200, json_pack("{s:o, s:o, s:o}", "questions", questions_json(), "latest",
				      profile_json(a.has_latest ? &a.latest : NULL), "before",
				      profile_json(a.has_before ? &a.before : NULL)));
}

/* The answers given (question id → text as the terminal takes it, "" or null skipped)
 * read into a[]. On a refusal returns false with the question's id in *bad (NULL when
 * the refusal is about all of them) and why. */
static bool read_answers(const json_t *given, double a[AQ__COUNT], const char **bad, const char **why)
{
	const char *key;
	json_t *v;
	*bad = NULL;
	json_object_foreach((json_t *)given, key, v) {
		if (assess_find(key) < 0) {
			*bad = key;
			*why = "there is no such question";
			return false;
		}
	}
	int answered = 0;
	for (int q = 0; q < AQ__COUNT; q++) {
		const char *text = json_string_value(json_object_get(given, assess_questions[q].id));
		a[q] = ASSESS_SKIPPED;
		if (text && !assess_parse((enum aq)q, text, &a[q], why)) {
			*bad = assess_questions[q].id;
			return false;
		}
		answered += a[q] >= 0;
	}
	if (!answered) {
		*why = "answer at least one question; nothing was saved";
		return false;
	}
	return true;
}

/* Save; false with the store's failure answered. */
static bool save(struct req *rq, const double a[AQ__COUNT], struct app_assess_saved *saved)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return false;
	struct strbuf err = STRBUF_INIT;
	bool ok = !app_assess_save(&ctx, a, saved, &err);
	if (!ok)
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	strbuf_release(&err);
	return ok;
}

void api_assessment_add(struct req *rq)
{
	double a[AQ__COUNT];
	const char *bad, *why;
	if (!read_answers(json_object_get(rq->input, "answers"), a, &bad, &why)) {
		if (bad)
			reply_error(rq, 400, strcmp(why, "there is no such question") ? "bad_value" : "unknown_field",
				    arena_printf(&rq->arena, "answers.%s", bad), "answers.%s: %s", bad, why);
		else
			reply_error(rq, 400, "no_answers", "answers", "answers: %s", why);
		return;
	}
	struct app_assess_saved *s = xcalloc(1, sizeof(*s));
	if (save(rq, a, s)) {
		json_t *changes = json_null();
		if (s->a.has_before) { /* what changes in the plan since the assessment before, one line each */
			struct strbuf sb = STRBUF_INIT;
			changes = json_array();
			if (plan_compare(&s->plan_before, &s->plan_now, &sb) > 0) {
				char *save_ptr = NULL;
				for (char *line = strtok_r(sb.buf, "\n", &save_ptr); line; line = strtok_r(NULL, "\n", &save_ptr))
					json_array_append_new(changes, json_string(line));
			}
			strbuf_release(&sb);
		}
		reply_json(rq, 201, json_pack("{s:o, s:o, s:o}", "latest", profile_json(&s->a.latest), "before",
					      profile_json(s->a.has_before ? &s->a.before : NULL), "plan_changes", changes));
	}
	free(s);
}

/* ---- the page ---- */

/* A form's answers (question id → text; a box of a many-answer question sent as
 * "id.token" → "yes") as question id → text, the boxes joined: "mon,tue,fri". */
static json_t *form_answers(struct req *rq, const json_t *form)
{
	json_t *out = json_object();
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)form, key, v) {
		const char *dot = strchr(key, '.');
		if (!dot) {
			json_object_set(out, key, v);
			continue;
		}
		const char *id = arena_strndup(&rq->arena, key, (size_t)(dot - key));
		const char *had = json_string_value(json_object_get(out, id));
		json_object_set_new(out, id, had && *had ? json_sprintf("%s,%s", had, dot + 1) : json_string(dot + 1));
	}
	return out;
}

/* One choice of a question on the form: its value, words and whether it is chosen. */
static json_t *option(const char *value, const char *label, bool chosen)
{
	return json_pack("{s:s, s:s, s:b}", "value", value, "label", label, "chosen", chosen);
}

/* Whether token is one of the comma-separated words of text. */
static bool has_token(const char *text, const char *token)
{
	size_t n = strlen(token);
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, token, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* The questions for the form, with what was sent (question id → text, may be NULL)
 * chosen again, and the refusal by its question. */
static json_t *form_questions(const json_t *sent, const char *bad, const char *why)
{
	json_t *list = json_array();
	char num[12];
	for (int i = 0; i < AQ__COUNT; i++) {
		const struct assess_question *q = &assess_questions[i];
		const char *text = sent ? json_string_value(json_object_get(sent, q->id)) : NULL;
		if (!text)
			text = "";
		json_t *o = json_pack("{s:s, s:s, s:s?, s:i}", "id", q->id, "label", label_of(q), "intro", q->intro,
				      "num", i + 1);
		json_t *opts = json_array();
		switch (q->kind) {
		case AQK_HOURS:
			json_object_set_new(o, "hours", json_true());
			json_object_set_new(o, "value", json_string(text));
			break;
		case AQK_SCORE:
		case AQK_DAYS: /* a list to pick from: 0-10, 0-7 */
			json_object_set_new(o, "select", json_true());
			json_object_set_new(o, "what", json_string(q->kind == AQK_SCORE ? "0 calm to 10 overwhelmed"
											   : "Days a week"));
			json_array_append_new(opts, option("", "not given", !*text));
			for (int k = 0; k <= (q->kind == AQK_SCORE ? 10 : 7); k++) {
				snprintf(num, sizeof(num), "%d", k);
				json_array_append_new(opts, option(num, num, !strcmp(text, num)));
			}
			break;
		case AQK_CHOICE:
		case AQK_YESNO:
			json_object_set_new(o, "radios", json_true());
			if (q->kind == AQK_YESNO) {
				json_array_append_new(opts, option("yes", "Yes", !strcmp(text, "yes")));
				json_array_append_new(opts, option("no", "No", !strcmp(text, "no")));
			} else {
				for (int k = 0; q->choices[k]; k++) {
					snprintf(num, sizeof(num), "%d", k + 1);
					json_array_append_new(opts, option(num, q->choices[k], !strcmp(text, num)));
				}
			}
			json_array_append_new(opts, option("", "Skip this one", !*text));
			break;
		case AQK_WEEKDAYS:
		case AQK_REGIONS: /* boxes, each sent as id.token */
			json_object_set_new(o, "boxes", json_true());
			for (int k = 0; k < (q->kind == AQK_WEEKDAYS ? 7 : REG__COUNT); k++) {
				const char *token = q->kind == AQK_WEEKDAYS ? weekday_names[k] : region_names[k];
				json_array_append_new(opts, option(token, q->kind == AQK_WEEKDAYS ? weekday_labels[k]
												  : http_region_labels[k],
								   has_token(text, token)));
			}
			if (q->kind == AQK_REGIONS)
				json_array_append_new(opts, option("none", "Nowhere now", has_token(text, "none")));
			break;
		}
		json_object_set_new(o, "options", opts);
		if (bad && !strcmp(bad, q->id))
			json_object_set_new(o, "error", json_sprintf("%c%s.", why[0] >= 'a' && why[0] <= 'z' ? why[0] - 'a' + 'A'
												 : why[0], why + 1));
		json_array_append_new(list, o);
	}
	return list;
}

/* The page: the latest profile (when there is one) and the questions; sent, bad and why
 * (may be NULL) are a refused post's answers and reason. */
static void assess_page(struct req *rq, int status, const json_t *sent, const char *bad, const char *why)
{
	struct app_assessment a;
	if (!latest(rq, &a))
		return;
	json_t *v = json_pack("{s:o}", "questions", form_questions(sent, bad, why));
	if (a.has_latest) {
		json_t *p = profile_json(&a.latest);
		json_t *factors = json_object_get(p, "factors");
		size_t i;
		json_t *f;
		json_array_foreach(factors, i, f) {
			json_object_set_new(f, "title", json_string(factor_titles[i]));
			if (a.has_before && a.before.f[i].strength != a.latest.f[i].strength)
				json_object_set_new(f, "was", json_string(strength_names[a.before.f[i].strength]));
		}
		json_object_set_new(v, "latest", p);
	}
	if (why)
		json_object_set_new(v, "problem", json_pack("{s:s, s:s?}", "message", why, "field", bad));
	reply_page(rq, status, "assessment", "assessment", "Assessment", v);
}

void page_assessment(struct req *rq)
{
	assess_page(rq, 200, NULL, NULL, NULL);
}

/* The form's post (works without scripts): saved, it goes on to the plan; refused, the
 * form again with every answer as sent and the reason by its question. */
void page_assessment_post(struct req *rq)
{
	json_t *sent = form_answers(rq, rq->input);
	if (rq->form_refused) { /* the route's checks refused a value (too long) */
		char *id = rq->err_field ? arena_strdup(&rq->arena, rq->err_field) : NULL;
		char *dot = id ? strchr(id, '.') : NULL;
		if (dot)
			*dot = '\0';
		assess_page(rq, 400, sent, id, rq->err_message);
		json_decref(sent);
		return;
	}
	double a[AQ__COUNT];
	const char *bad, *why;
	if (!read_answers(sent, a, &bad, &why)) {
		if (bad && assess_find(bad) < 0) /* not a question of the form: a forged post */
			reply_error(rq, 400, "unknown_field", bad, "%s: there is no such question", bad);
		else
			assess_page(rq, 400, sent, bad, why);
		json_decref(sent);
		return;
	}
	json_decref(sent);
	struct app_assess_saved *s = xcalloc(1, sizeof(*s));
	if (save(rq, a, s)) {
		resp_add_header(rq, "Location", "/plan");
		reply(rq, 303, "text/plain; charset=utf-8", "", 0);
	}
	free(s);
}
