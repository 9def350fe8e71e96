/* screen.c: screenings and the screening state as text and JSON (screen.h). */
#include "format/screen.h"
#include "format/when.h"
#include "format/wrap.h"
#include "core/screen.h"
#include <string.h>

#define WIDTH 78

static void safety_text(struct strbuf *out, const char *first, const char *text, const char *emergency)
{
	struct strbuf sb = STRBUF_INIT;
	emergency_fill(text, emergency, &sb);
	format_wrapped(out, first, "", strbuf_str(&sb), WIDTH);
	strbuf_release(&sb);
}

const char *format_screen_answer_words(const struct catalog *c, const char *id)
{
	if (!strcmp(id, SCREEN_WARNING_ID))
		return "A warning sign (dizziness or the like) during exercise";
	const struct question *q = catalog_question(c, id);
	return q ? q->ask : id;
}

const char *format_screen_level_words(const struct catalog *cat, const struct answer_row *a)
{
	static const char *const words[URG__COUNT] = {
		"nothing by itself", "book a visit when you can", "see a clinician within days",
		"see a doctor today", "an emergency",
	};
	int lv = a->level >= 0 && a->level < URG__COUNT ? a->level : URG_NONE;
	return lv == URG_NONE && screen_answer_locks_neck(cat, a->question_id)
		       ? "the head-over-the-edge neck exercise stays off" : words[lv];
}

const char *format_screen_closing(const struct screening_row *r, bool any_yes)
{
	if (urgency_advice((enum urgency)r->level))
		return NULL;
	return any_yes ? "None of these needs a doctor by itself. You can exercise; listen to your body and stop if "
			 "something feels wrong."
		       : "No warning signs. You can exercise; listen to your body and stop if something feels wrong.";
}

void format_screen_result(struct strbuf *out, const struct catalog *cat, const struct screening_row *r,
			  const char *emergency)
{
	bool any = false;
	for (size_t i = 0; i < r->n_answers; i++) {
		if (!r->answers[i].yes)
			continue;
		if (!any)
			strbuf_addstr(out, "You answered yes to:\n");
		any = true;
		struct strbuf line = STRBUF_INIT;
		strbuf_addf(&line, "%s (%s)", format_screen_answer_words(cat, r->answers[i].question_id),
			    format_screen_level_words(cat, &r->answers[i]));
		format_wrapped(out, "  - ", "    ", strbuf_str(&line), WIDTH);
		strbuf_release(&line);
	}
	const char *advice = urgency_advice((enum urgency)r->level);
	if (advice)
		safety_text(out, any ? "\n" : "", advice, emergency);
	else {
		if (any)
			strbuf_addch(out, '\n');
		format_wrapped(out, "", "", format_screen_closing(r, any), WIDTH);
	}
}

const char *format_screen_exercise_words(const struct app_screen_status *st)
{
	const struct safety_status *s = &st->safety.s;
	return st->exercise_allowed ? (s->gentle ? "allowed, the gentle way" : "allowed")
	       : s->allowed	    ? "waits until you answer the questions again"
				    : "paused until the warning sign is dealt with";
}

const char *format_screen_neck_words(const struct app_screen_status *st)
{
	if (st->safety.s.neck_ok)
		return NULL;
	return st->safety.s.neck_locked ? "locked until a clinician's clearance is recorded" : "off";
}

void format_screen_status_text(struct strbuf *out, const struct catalog *cat, const struct app_screen_status *st,
			       const struct tz *tz, const char *emergency)
{
	const struct safety_status *s = &st->safety.s;
	if (!st->found) {
		strbuf_addstr(out, "No safety screen yet. Run 'unhunch screen' (it is also asked before your first "
				   "session).\n");
		return;
	}
	char date[17];
	format_minute(tz, st->latest.at_ms, date);
	strbuf_addf(out, "Last safety screen: %s\n", date);
	format_screen_result(out, cat, &st->latest, emergency);
	if (s->cleared)
		strbuf_addstr(out, "A clinician's clearance is recorded for it.\n");
	strbuf_addf(out, "Exercise: %s\n", format_screen_exercise_words(st));
	if (!s->neck_ok)
		strbuf_addf(out, "Head-over-the-edge neck work: %s\n", format_screen_neck_words(st));
	if (st->has_gate)
		safety_text(out, "", st->gate.v.reason, emergency);
}

/* Why the questions are asked again (bits of enum rescreen_why), in bit order. */
static const char *const rescreen_names[] = { "first", "due", "new-region", "jump", "flare-up", "new-chest-pain",
					      "first-severe-headache", "no-questions" };

static const char *tf(bool b)
{
	return b ? "true" : "false";
}

void format_screen_status_json(struct strbuf *out, const struct app_screen_status *st, const struct tz *tz)
{
	const struct safety_status *s = &st->safety.s;
	char date[17] = "never";
	if (st->found)
		format_minute(tz, st->latest.at_ms, date);
	strbuf_addf(out,
		    "{\"screened\": %s, \"date\": \"%s\", \"level\": \"%s\", \"cleared\": %s, \"exercise_allowed\": %s, "
		    "\"neck_clear\": %s, \"neck_locked\": %s, \"gentle\": %s, \"due_again\": %s, \"answer_again_because\": [",
		    tf(s->screened), date, urgency_names[s->level], tf(s->cleared), tf(st->exercise_allowed),
		    tf(s->neck_ok), tf(s->neck_locked), tf(s->gentle), tf(s->must_screen));
	bool first = true;
	for (unsigned b = 0; b < sizeof(rescreen_names) / sizeof(*rescreen_names); b++)
		if (s->must_screen >> b & 1) {
			strbuf_addf(out, "%s\"%s\"", first ? "" : ", ", rescreen_names[b]);
			first = false;
		}
	strbuf_addstr(out, "]}\n");
}
