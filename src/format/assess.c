/* assess.c: the profile as text or JSON, and the plan's changes (assess.h). */
#include "format/assess.h"
#include "format/plan.h"
#include "format/wrap.h"
#include "core/stats.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 78

void format_profile_text(struct strbuf *out, const struct profile *p, const struct profile *before)
{
	char date[11];
	day_format(p->day, date);
	strbuf_addf(out, "Your profile (%s): what adds to your pain, and how much\n\n", date);
	for (int f = 0; f < F__COUNT; f++) {
		strbuf_addf(out, "  %s: %s", factor_titles[f], strength_names[p->f[f].strength]);
		if (before && before->f[f].strength != p->f[f].strength)
			strbuf_addf(out, " (was %s)", strength_names[before->f[f].strength]);
		strbuf_addch(out, '\n');
		struct strbuf why = STRBUF_INIT; /* text for a person: numbers in the user's locale */
		reason_write(&p->f[f].reason, REASON_LOCALE, &why);
		format_wrapped(out, "    ", "    ", strbuf_str(&why), WIDTH);
		strbuf_release(&why);
	}
}

void format_plan_changes_text(struct strbuf *out, const struct app_assess_saved *s)
{
	if (!s->a.has_before)
		return;
	struct strbuf sb = STRBUF_INIT;
	char date[11];
	day_format(s->a.before.day, date);
	if (!plan_compare(&s->plan_before, &s->plan_now, &sb)) {
		strbuf_addf(out, "\nYour plan stays as it was after the assessment of %s.\n", date);
	} else {
		strbuf_addf(out, "\nWhat changes in your plan since the assessment of %s:\n", date);
		char *save = NULL;
		for (char *line = strtok_r(sb.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			format_wrapped(out, "  ", "    ", line, WIDTH);
	}
	strbuf_release(&sb);
}

static json_t *profile_json(const struct profile *p)
{
	char date[11];
	day_format(p->day, date);
	json_t *factors = json_array(), *answers = json_object();
	for (int f = 0; f < F__COUNT; f++)
		json_array_append_new(factors, json_pack("{s:s, s:i, s:s, s:o}", "factor", factor_names[f], "strength",
							 p->f[f].strength, "level", strength_names[p->f[f].strength],
							 "reason", format_json_reason(&p->f[f].reason)));
	for (int q = 0; q < AQ__COUNT; q++) {
		if (p->answers[q] < 0) {
			json_object_set_new(answers, assess_questions[q].id, json_null());
			continue;
		}
		struct strbuf sb = STRBUF_INIT;
		assess_describe((enum aq)q, p->answers[q], &sb);
		json_object_set_new(answers, assess_questions[q].id, json_string(sb.buf));
		strbuf_release(&sb);
	}
	return json_pack("{s:s, s:o, s:o}", "date", date, "factors", factors, "answers", answers);
}

void format_assessment_json(struct strbuf *out, const struct app_assessment *a)
{
	json_t *o = a->has_latest ? profile_json(&a->latest) : json_null();
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_ENCODE_ANY);
	strbuf_addf(out, "%s\n", s ? s : "null");
	free(s);
	json_decref(o);
}
