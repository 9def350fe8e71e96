/* restore-check.c: the safety records of a backup held to the program's own rules
 * before they are imported (see restore-check.h). */
#include "app/restore-check.h"
#include "core/mem.h"
#include "core/safety.h"
#include <stdlib.h>
#include <string.h>

/* A warning sign reported during a session is stored as a warning screening at the
 * same moment; allow for the few milliseconds between the two writes. */
#define WARNING_SLACK_MS (60 * 1000)

/* A warning screening: a yes to SCREEN_WARNING_ID, or as versions before it stored
 * one, a single yes to a neck question below an emergency. */
static bool is_warning(const struct catalog *c, const struct screening_row *s)
{
	for (size_t i = 0; i < s->n_answers; i++)
		if (s->answers[i].yes && !strcmp(s->answers[i].question_id, SCREEN_WARNING_ID))
			return true;
	const struct question *q = s->n_answers == 1 && s->answers[0].yes
					   ? catalog_question(c, s->answers[0].question_id) : NULL;
	return q && q->neck && s->level < URG_EMERGENCY;
}

/* Raise one screening to what its answers mean; true when anything changed. */
static bool raise_screening(const struct catalog *c, struct screening_row *s)
{
	bool changed = false;
	struct screen_answer *a = xcalloc(s->n_answers + 1, sizeof(*a));
	enum urgency *lv = xcalloc(s->n_answers + 1, sizeof(*lv));
	for (size_t i = 0; i < s->n_answers; i++)
		a[i] = (struct screen_answer){ s->answers[i].question_id, s->answers[i].yes };
	enum urgency worst = screen_evaluate(c, a, s->n_answers, lv);
	for (size_t i = 0; i < s->n_answers; i++) {
		struct answer_row *x = &s->answers[i];
		const struct question *q = catalog_question(c, x->question_id);
		bool warn = x->yes && !strcmp(x->question_id, SCREEN_WARNING_ID);
		enum urgency want = warn ? URG_DAYS : lv[i];
		bool locks = screen_answer_locks_neck(c, x->question_id);
		if (x->level < (int)want)
			x->level = (int)want, changed = true;
		if (locks && !x->locks_neck)
			x->locks_neck = true, changed = true;
		if (q && q->fact && !x->fact)
			x->fact = true, changed = true;
		if (warn && worst < URG_DAYS)
			worst = URG_DAYS;
		if (x->level > (int)worst)
			worst = (enum urgency)x->level; /* a stored answer stricter than today's content stays */
	}
	if (s->level < (int)worst)
		s->level = (int)worst, changed = true;
	bool clear = !is_warning(c, s) && screen_neck_clear(c, a, s->n_answers);
	for (size_t i = 0; i < s->n_answers; i++)
		clear &= !(s->answers[i].yes && s->answers[i].locks_neck);
	if (s->neck_clear && !clear)
		s->neck_clear = false, changed = true;
	free(a);
	free(lv);
	return changed;
}

size_t app_restore_check(const struct app_ctx *ctx, struct restore_safety *r, size_t *raised,
			 struct strbuf *problems)
{
	size_t n = 0;
	*raised = 0;
	for (size_t i = 0; i < r->n_screenings; i++)
		*raised += raise_screening(ctx->content, &r->screenings[i]);
	int today = app_today(ctx);
	for (size_t i = 0; i < r->n_clearances; i++) {
		const struct clearance_row *c = &r->clearances[i];
		int day = 0;
		const char *why = NULL;
		bool ok;
		if (c->screening_id < 0 || (size_t)c->screening_id >= r->n_screenings) {
			strbuf_addf(problems, "clearances[%zu]: it clears no screening of the backup\n", i);
			n++;
			continue;
		}
		const struct screening_row *s = &r->screenings[c->screening_id];
		if (!(ok = day_parse(c->date, &day)))
			why = "the day is not a real date";
		else if (s->level >= URG_EMERGENCY)
			ok = false, why = "an emergency answer is never cleared by the program";
		else
			ok = clearance_ok(c->note, day, tz_day_of_ms(ctx->tz, s->at_ms), today, &why);
		if (!ok) {
			strbuf_addf(problems, "clearances[%zu]: the program would not record this clearance: %s\n", i, why);
			n++;
		}
	}
	for (size_t w = 0; w < r->n_warnings; w++) {
		const struct restore_warning *x = &r->warnings[w];
		bool found = false;
		for (size_t i = 0; i < r->n_screenings && !found; i++)
			found = is_warning(ctx->content, &r->screenings[i]) && r->screenings[i].at_ms >= x->at_ms - WARNING_SLACK_MS;
		if (!found) {
			strbuf_addf(problems, "sessions[%zu].pain_reports[%zu]: a warning sign with no warning screening "
					      "recorded at or after it in screenings (it locks and pauses exercise, so it "
					      "cannot be left out)\n", x->session, x->report);
			n++;
		}
	}
	return n;
}
