/* screen.c: evaluating screening answers and deciding whether exercise may go on. */
#include "screen.h"
#include "strbuf.h"
#include <string.h>

const char *const urgency_names[URG__COUNT + 1] = { "none", "routine", "days", "today", "emergency", NULL };

const char *urgency_advice(enum urgency u)
{
	switch (u) {
	case URG_EMERGENCY:
		return "Call " EMERGENCY_WORDS " now. Do not exercise. "
		       "This can be a sign of a problem that needs help at once.";
	case URG_TODAY:
		return "See a doctor or an urgent care service today. No exercise until you have been seen.";
	case URG_DAYS:
		return "Book a doctor or a physiotherapist within the next few days. The program is paused "
		       "until you have been seen.";
	case URG_ROUTINE:
		return "Book a doctor or a physiotherapist when you can and mention this. Until you record that "
		       "you have been seen, sessions run the gentle way: half doses, and no neck stretches or "
		       "head-over-the-edge work.";
	default:
		return NULL;
	}
}

static bool answered_yes(const struct screen_answer *a, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].yes && !strcmp(a[i].id, id))
			return true;
	return false;
}

enum urgency screen_evaluate(const struct catalog *c, const struct screen_answer *a, size_t n,
			     enum urgency *levels)
{
	return screen_evaluate_carried(c, a, n, NULL, levels);
}

enum urgency screen_evaluate_carried(const struct catalog *c, const struct screen_answer *a, size_t n,
				     const bool *carried, enum urgency *levels)
{
	enum urgency worst = URG_NONE;
	int flags = 0;
	for (size_t i = 0; i < n; i++) {
		enum urgency u = URG_NONE;
		const struct question *q = catalog_question(c, a[i].id);
		if (q && a[i].yes && !(carried && carried[i])) {
			u = q->urgency;
			/* a yes here together with a yes to any of these is an emergency */
			for (size_t k = 0; k < q->n_escalate; k++)
				if (answered_yes(a, n, q->escalate[k]))
					u = URG_EMERGENCY;
		}
		if (levels)
			levels[i] = u;
		if (u > worst)
			worst = u;
		flags += q && a[i].yes && q->urgency >= URG_ROUTINE;
	}
	if (flags >= SCREEN_COMBO_FLAGS && worst < URG_TODAY)
		worst++;
	return worst;
}

bool screen_answer_locks_neck(const struct catalog *c, const char *id)
{
	if (!strcmp(id, SCREEN_WARNING_ID))
		return true;
	const struct question *q = catalog_question(c, id);
	return q && (q->neck || q->neck_lock);
}

void emergency_fill(const char *text, const char *number, struct strbuf *out)
{
	const char *at = number && *number ? strstr(text, EMERGENCY_WORDS) : NULL;
	if (!at) {
		strbuf_addstr(out, text);
		return;
	}
	at += strlen(EMERGENCY_WORDS);
	strbuf_add(out, text, (size_t)(at - text));
	strbuf_addf(out, " (%s)", number);
	emergency_fill(at, number, out);
}

bool screen_neck_clear(const struct catalog *c, const struct screen_answer *a, size_t n)
{
	for (size_t i = 0; i < c->n_q; i++) {
		if (!c->q[i].neck)
			continue;
		bool answered_no = false;
		for (size_t k = 0; k < n; k++)
			if (!strcmp(a[k].id, c->q[i].id))
				answered_no = !a[k].yes;
		if (!answered_no)
			return false;
	}
	return true;
}

struct gate gate_decide(const struct gate_input *in)
{
	struct gate g = { false, true, false, URG_NONE, NULL };
	if (!in->screened) {
		g.must_screen = true;
		g.allowed = false;
		return g;
	}
	g.level = in->level;
	g.advice = urgency_advice(in->level);
	switch (in->level) {
	case URG_EMERGENCY:
		g.allowed = false; /* never cleared by the program alone: a new screen must come back clear */
		break;
	case URG_TODAY:
	case URG_DAYS:
		g.allowed = in->cleared;
		break;
	default:
		g.allowed = true;
		break;
	}
	int64_t age = in->now_ms - in->screened_ms;
	g.offer_again = age > (int64_t)SCREEN_VALID_DAYS * 24 * 3600 * 1000;
	return g;
}
