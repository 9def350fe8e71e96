/* plan-assess.c: the assessment, pure: its questions, parsing and describing the
 * answers, and the factor table that turns answers into a profile. See plan.h; tests in
 * tests/unit/test_plan.c. */
#include "plan-internal.h"
#include "checkin.h"
#include "number.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void plan_num_describe(double v, struct strbuf *out)
{
	reason_num_write(v, REASON_C, out);
}

/* ---- assessment: the questions ---- */

static const char *const breaks_choices[] = { "at least every half hour", "about once an hour",
					      "every two hours or so", "hardly ever", NULL };
static const char *const often_choices[] = { "rarely", "sometimes", "often", "most of the time", NULL };
static const char *const arms_choices[] = { "my arms rest on the floor easily",
					    "they reach the floor only if my back arches or my elbows bend",
					    "they stay well off the floor", NULL };
static const char *const since_choices[] = { "less than 6 weeks", "6 weeks to 3 months", "more than 3 months", NULL };

const struct assess_question assess_questions[AQ__COUNT] = {
	[AQ_DESK_HOURS] = { "desk-hours", AQK_HOURS, NULL,
			    "On a work day, how many hours do you sit at a desk or a screen?", NULL, NULL },
	[AQ_WORK_DAYS] = { "work-days", AQK_WEEKDAYS, NULL,
			   "Which days do you work at a desk? (e.g. mon-fri, or mon,tue,thu)", NULL,
			   "Which days do you work at a desk?" },
	[AQ_BREAKS] = { "breaks", AQK_CHOICE, NULL, "How often do you get up from your desk?", breaks_choices, NULL },
	[AQ_SLOUCH] = { "slouch", AQK_CHOICE, NULL, "How often do you catch yourself slouching?", often_choices, NULL },
	[AQ_FORWARD_HEAD] = { "forward-head", AQK_CHOICE, NULL,
			      "How often does your head drift forward, toward the screen?", often_choices, NULL },
	[AQ_ARMS_OVERHEAD] = { "arms-overhead", AQK_CHOICE,
			       "A quick test for a tight chest: lie on your back with your knees bent and your lower "
			       "back resting on the floor. Raise both arms, straight, up and back over your head "
			       "toward the floor behind you. Do not force it.",
			       "What happened?", arms_choices, NULL },
	[AQ_CHEST_TIGHT] = { "chest-tight", AQK_CHOICE, NULL,
			     "How often do your chest or the fronts of your shoulders feel tight?", often_choices, NULL },
	[AQ_HIP_TIGHT] = { "hip-tight", AQK_CHOICE, NULL,
			   "After sitting a while, how often do the fronts of your hips feel tight, or does it take a "
			   "moment to stand fully upright?", often_choices, NULL },
	[AQ_STRESS] = { "stress", AQK_SCORE, NULL, "Your stress on a typical day, 0 (calm) to 10 (overwhelmed)?", NULL, NULL },
	[AQ_CHEST_BREATHING] = { "chest-breathing", AQK_YESNO,
				 "Put one hand on your chest and one on your belly, and breathe as you normally do.",
				 "Does the hand on your chest move more than the one on your belly? [y/n]", NULL,
				 "Does the hand on your chest move more than the one on your belly?" },
	[AQ_BREATH_HOLDING] = { "breath-holding", AQK_YESNO, NULL,
				"Do you catch yourself holding your breath when you concentrate? [y/n]", NULL,
				"Do you catch yourself holding your breath when you concentrate?" },
	[AQ_SHALLOW_BREATHING] = { "shallow-breathing", AQK_YESNO, NULL,
				   "Does your breathing often feel quick or shallow? [y/n]", NULL,
				   "Does your breathing often feel quick or shallow?" },
	[AQ_HEADACHE_DAYS] = { "headache-days", AQK_DAYS, NULL,
			       "On how many days in a typical week do you get a headache that starts in your neck or "
			       "the back of your head (0 to 7)?", NULL,
			       "On how many days in a typical week do you get a headache that starts in your neck or "
			       "the back of your head?" },
	[AQ_PAIN_WHERE] = { "pain-where", AQK_REGIONS, NULL,
			    "Where does it hurt? One or more of: neck, between-shoulder-blades, upper-back, "
			    "left-shoulder, right-shoulder, chest (or none)", NULL,
			    "Where does it hurt?" },
	[AQ_SINCE] = { "since", AQK_CHOICE, NULL, "How long has it been going on?", since_choices, NULL },
};

const char *const weekday_names[8] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };
static const char *const weekday_titles[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

int assess_find(const char *id)
{
	for (int i = 0; i < AQ__COUNT; i++)
		if (!strcmp(assess_questions[i].id, id))
			return i;
	return -1;
}

static size_t n_choices(const char *const *c)
{
	size_t n = 0;
	while (c[n])
		n++;
	return n;
}

/* A whole number in [lo, hi], nothing else (blanks around allowed). */
static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (end == s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static bool parse_weekdays(const char *s, unsigned *bits)
{
	*bits = 0;
	char buf[128];
	if (strlen(s) >= sizeof(buf))
		return false;
	for (size_t i = 0; (buf[i] = (char)tolower((unsigned char)s[i])); i++)
		;
	if (!strcmp(buf, "every day") || !strcmp(buf, "daily") || !strcmp(buf, "all")) {
		*bits = WD_ALL;
		return true;
	}
	if (!strcmp(buf, "none")) /* does not work at a desk */
		return true;
	char *save = NULL;
	for (char *tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		char *dash = strchr(tok, '-');
		if (dash)
			*dash = '\0';
		int a = name_index(weekday_names, tok), b = dash ? name_index(weekday_names, dash + 1) : a;
		if (a < 0 || b < 0)
			return false;
		for (int d = a;; d = (d + 1) % 7) { /* sat-mon wraps round the week */
			*bits |= 1u << d;
			if (d == b)
				break;
		}
	}
	return *bits != 0;
}

static bool parse_regions(const char *s, unsigned *bits)
{
	*bits = 0;
	char buf[256];
	if (strlen(s) >= sizeof(buf))
		return false;
	snprintf(buf, sizeof(buf), "%s", s);
	if (!strcmp(buf, "none"))
		return true;
	char *save = NULL;
	for (char *tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		int r = name_index(region_names, tok);
		if (r < 0)
			return false;
		*bits |= 1u << r;
	}
	return true;
}

bool assess_parse(enum aq q, const char *text, double *value, const char **why)
{
	const struct assess_question *aq = &assess_questions[q];
	while (*text == ' ')
		text++;
	*value = ASSESS_SKIPPED;
	*why = NULL;
	if (!*text)
		return true;
	int v;
	unsigned bits;
	switch (aq->kind) {
	case AQK_HOURS: {
		double h;
		if (number_parse(text, &h) && h <= 24) {
			*value = h;
			return true;
		}
		*why = "give a number of hours from 0 to 24";
		return false;
	}
	case AQK_WEEKDAYS:
		if (parse_weekdays(text, &bits)) {
			*value = bits;
			return true;
		}
		*why = "give days as mon, tue, wed, thu, fri, sat, sun, or a span like mon-fri";
		return false;
	case AQK_CHOICE: {
		size_t n = n_choices(aq->choices);
		if (parse_int(text, 1, (int)n, &v)) {
			*value = v - 1;
			return true;
		}
		int k = name_index(aq->choices, text);
		if (k >= 0) {
			*value = k;
			return true;
		}
		*why = "give the number of one of the answers";
		return false;
	}
	case AQK_SCORE:
		if (parse_int(text, 0, 10, &v)) {
			*value = v;
			return true;
		}
		*why = "give a whole number from 0 to 10";
		return false;
	case AQK_YESNO:
		if (!strcmp(text, "y") || !strcmp(text, "Y") || !strcmp(text, "yes") || !strcmp(text, "Yes")) {
			*value = 1;
			return true;
		}
		if (!strcmp(text, "n") || !strcmp(text, "N") || !strcmp(text, "no") || !strcmp(text, "No")) {
			*value = 0;
			return true;
		}
		*why = "answer y or n";
		return false;
	case AQK_DAYS:
		if (parse_int(text, 0, 7, &v)) {
			*value = v;
			return true;
		}
		*why = "give a whole number of days from 0 to 7";
		return false;
	case AQK_REGIONS:
		if (parse_regions(text, &bits)) {
			*value = bits;
			return true;
		}
		*why = "name regions from: neck, between-shoulder-blades, upper-back, left-shoulder, right-shoulder, "
		       "chest (or none)";
		return false;
	}
	*why = "unknown question";
	return false;
}

void plan_days_describe(unsigned days, unsigned work_days, struct strbuf *out)
{
	days &= WD_ALL;
	if (days == WD_ALL) {
		strbuf_addstr(out, "daily");
		return;
	}
	if (!days) {
		strbuf_addstr(out, "no days");
		return;
	}
	bool work = work_days && days == (work_days & WD_ALL);
	if (work)
		strbuf_addstr(out, "work days (");
	int first = -1;
	bool any = false;
	for (int d = 0; d <= 7; d++) { /* runs of three or more as a span: Mon-Fri */
		bool on = d < 7 && (days >> d & 1);
		if (on && first < 0)
			first = d;
		if (!on && first >= 0) {
			int last = d - 1;
			if (any)
				strbuf_addstr(out, ", ");
			any = true;
			if (last - first >= 2)
				strbuf_addf(out, "%s-%s", weekday_titles[first], weekday_titles[last]);
			else
				for (int k = first; k <= last; k++)
					strbuf_addf(out, "%s%s", k > first ? ", " : "", weekday_titles[k]);
			first = -1;
		}
	}
	if (work)
		strbuf_addch(out, ')');
}

void assess_describe(enum aq q, double value, struct strbuf *out)
{
	const struct assess_question *aq = &assess_questions[q];
	if (!has(value)) {
		strbuf_addstr(out, "skipped");
		return;
	}
	switch (aq->kind) {
	case AQK_HOURS:
		plan_num_describe(value, out);
		strbuf_addstr(out, fabs(value - 1) < EPS ? " hour" : " hours");
		break;
	case AQK_WEEKDAYS:
		plan_days_describe((unsigned)value, 0, out);
		break;
	case AQK_CHOICE: {
		size_t k = (size_t)value;
		strbuf_addstr(out, k < n_choices(aq->choices) ? aq->choices[k] : "?");
		break;
	}
	case AQK_SCORE:
		strbuf_addf(out, "%d", (int)value);
		break;
	case AQK_YESNO:
		strbuf_addstr(out, value > 0 ? "yes" : "no");
		break;
	case AQK_DAYS:
		strbuf_addf(out, "%d day%s a week", (int)value, (int)value == 1 ? "" : "s");
		break;
	case AQK_REGIONS: {
		unsigned bits = (unsigned)value;
		bool any = false;
		for (int r = 0; r < REG__COUNT; r++)
			if (bits >> r & 1) {
				strbuf_addf(out, "%s%s", any ? ", " : "", region_names[r]);
				any = true;
			}
		if (!any)
			strbuf_addstr(out, "none");
		break;
	}
	}
}

/* ---- assessment: the factor table ---- */

const char *const factor_names[F__COUNT + 1] = { "posture-load", "front-tightness", "hips-pelvis", "stress-breathing",
						 "neck-headaches", NULL };
const char *const factor_titles[F__COUNT] = { "Posture load", "Front-of-body tightness", "Hips and pelvis",
					      "Stress and breathing", "Neck and headaches" };
const char *const strength_names[STRENGTH_MAX + 2] = { "none", "mild", "moderate", "strong", NULL };

/* A rule adds points to a factor when an answer reaches min (region answers: when
 * region number min is among them). Rules of one factor and one question are tiers,
 * strongest first: only the first that fires counts. "{}" in why stands for the
 * answer in words. */
struct factor_rule {
	enum factor f;
	enum aq q;
	double min;
	int points;
	const char *why;
};

static const struct factor_rule factor_rules[] = {
	{ F_POSTURE, AQ_DESK_HOURS, 8, 2, "{} a day at a desk" },
	{ F_POSTURE, AQ_DESK_HOURS, 5, 1, "{} a day at a desk" },
	{ F_POSTURE, AQ_BREAKS, 3, 2, "you hardly ever get up" },
	{ F_POSTURE, AQ_BREAKS, 2, 1, "you get up only every two hours or so" },
	{ F_POSTURE, AQ_SLOUCH, 2, 2, "you slouch {}" },
	{ F_POSTURE, AQ_SLOUCH, 1, 1, "you slouch sometimes" },
	{ F_POSTURE, AQ_FORWARD_HEAD, 2, 1, "your head drifts toward the screen {}" },
	{ F_POSTURE, AQ_PAIN_WHERE, REG_BETWEEN, 1, "it aches between your shoulder blades" },
	{ F_POSTURE, AQ_PAIN_WHERE, REG_UPPER_BACK, 1, "your upper back aches" },

	{ F_FRONT, AQ_ARMS_OVERHEAD, 2, 3, "in the arms-overhead test your arms stayed well off the floor" },
	{ F_FRONT, AQ_ARMS_OVERHEAD, 1, 2, "in the arms-overhead test your arms reached the floor only with help" },
	{ F_FRONT, AQ_CHEST_TIGHT, 2, 2, "your chest feels tight {}" },
	{ F_FRONT, AQ_CHEST_TIGHT, 1, 1, "your chest feels tight sometimes" },
	{ F_FRONT, AQ_SLOUCH, 2, 1, "slouching keeps your chest short" },
	{ F_FRONT, AQ_PAIN_WHERE, REG_CHEST, 1, "your chest hurts too" },

	{ F_HIPS, AQ_HIP_TIGHT, 2, 3, "the fronts of your hips feel tight {} after sitting" },
	{ F_HIPS, AQ_HIP_TIGHT, 1, 1, "your hips feel tight sometimes after sitting" },
	{ F_HIPS, AQ_DESK_HOURS, 6, 1, "long days of sitting" },
	{ F_HIPS, AQ_BREAKS, 2, 1, "long stretches in the chair without standing up" },

	{ F_STRESS, AQ_STRESS, 7, 3, "stress at {} out of 10" },
	{ F_STRESS, AQ_STRESS, 5, 2, "stress at {} out of 10" },
	{ F_STRESS, AQ_STRESS, 3, 1, "some stress ({} out of 10)" },
	{ F_STRESS, AQ_CHEST_BREATHING, 1, 1, "you breathe high in the chest" },
	{ F_STRESS, AQ_BREATH_HOLDING, 1, 1, "you hold your breath when you concentrate" },
	{ F_STRESS, AQ_SHALLOW_BREATHING, 1, 1, "your breathing is often quick or shallow" },

	{ F_NECK, AQ_HEADACHE_DAYS, 3, 3, "headaches from the neck {}" },
	{ F_NECK, AQ_HEADACHE_DAYS, 1, 2, "headaches from the neck {}" },
	{ F_NECK, AQ_PAIN_WHERE, REG_NECK, 2, "your neck hurts" },
	{ F_NECK, AQ_FORWARD_HEAD, 2, 1, "your head drifts forward, which loads the neck" },
	{ F_NECK, AQ_SINCE, 2, 1, "it has lasted more than 3 months" },
};

/* Points needed for each strength above none. */
static const int strength_points[STRENGTH_MAX] = { 1, 3, 5 };

static bool rule_fires(const struct factor_rule *r, double answer)
{
	if (!has(answer))
		return false;
	if (assess_questions[r->q].kind == AQK_REGIONS)
		return (unsigned)answer >> (int)r->min & 1;
	return answer >= r->min - EPS;
}

/* Append tmpl with "{}" replaced by the answer in words (hours as a number apart). */
static void fill(const char *tmpl, enum aq q, double answer, struct reason *out)
{
	const char *p = strstr(tmpl, "{}");
	if (!p) {
		reason_add(out, tmpl);
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, tmpl, (size_t)(p - tmpl));
	reason_add(out, sb.buf);
	strbuf_reset(&sb);
	if (assess_questions[q].kind == AQK_HOURS && has(answer)) { /* as assess_describe() says it */
		reason_num(out, answer);
		reason_add(out, fabs(answer - 1) < EPS ? " hour" : " hours");
	} else {
		assess_describe(q, answer, &sb);
		reason_add(out, sb.buf);
	}
	reason_add(out, p + 2);
	strbuf_release(&sb);
}

#define REASON_PARTS 3

static void factor_score(enum factor f, const double *answers, struct factor_result *out)
{
	bool seen[AQ__COUNT] = { false };
	const struct factor_rule *fired[COUNT(factor_rules)];
	size_t n = 0;
	out->points = 0;
	for (size_t i = 0; i < COUNT(factor_rules); i++) {
		const struct factor_rule *r = &factor_rules[i];
		if (r->f != f || seen[r->q] || !rule_fires(r, answers[r->q]))
			continue;
		if (assess_questions[r->q].kind != AQK_REGIONS)
			seen[r->q] = true; /* a tier fired: the weaker ones below do not count */
		out->points += r->points;
		fired[n++] = r;
	}
	out->strength = 0;
	while (out->strength < STRENGTH_MAX && out->points >= strength_points[out->strength])
		out->strength++;
	reason_clear(&out->reason);
	if (!n) {
		reason_add(&out->reason, "Nothing in your answers points here.");
		return;
	}
	/* the biggest contributions first, in table order among equals (a stable pick),
	 * joined "a", "a and b", "a, b and c"; first letter up, a full stop at the end */
	size_t k = 0, shown = n < REASON_PARTS ? n : REASON_PARTS;
	bool used[COUNT(factor_rules)] = { false };
	while (k < shown) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!used[i] && (best == n || fired[i]->points > fired[best]->points))
				best = i;
		used[best] = true;
		if (k)
			reason_add(&out->reason, k + 1 == shown ? " and " : ", ");
		fill(fired[best]->why, fired[best]->q, answers[fired[best]->q], &out->reason);
		k++;
	}
	reason_add(&out->reason, ".");
	reason_capitalize(&out->reason);
}

void profile_build(struct profile *p, int day, const double answers[AQ__COUNT])
{
	memset(p, 0, sizeof(*p));
	p->day = day;
	for (int q = 0; q < AQ__COUNT; q++)
		p->answers[q] = answers[q];
	for (int f = 0; f < F__COUNT; f++)
		factor_score((enum factor)f, p->answers, &p->f[f]);
}
