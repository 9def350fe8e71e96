/* plan.c: the personal plan, pure: assessment questions and the factor table, the
 * weekly plan's part table, flare-ups, the iCalendar export, and the progression rule
 * table with the dose steps. See plan.h for the contracts; every table here has its
 * own tests in tests/unit/test_plan.c. */
#include "plan.h"
#include "checkin.h"
#include "number.h"
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define EPS 1e-9

/* A value counts as data when it is not STATS_NO_VALUE / ASSESS_SKIPPED. */
static bool has(double v)
{
	return v >= 0;
}

/* "3", "3.5": one decimal at most */
static void num_describe(double v, struct strbuf *out)
{
	double r = round(v * 10) / 10;
	if (fabs(r - round(r)) < EPS)
		strbuf_addf(out, "%d", (int)round(r));
	else
		strbuf_addf(out, "%.1f", r);
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
			    "On a work day, how many hours do you sit at a desk or a screen?", NULL },
	[AQ_WORK_DAYS] = { "work-days", AQK_WEEKDAYS, NULL,
			   "Which days do you work at a desk? (e.g. mon-fri, or mon,tue,thu)", NULL },
	[AQ_BREAKS] = { "breaks", AQK_CHOICE, NULL, "How often do you get up from your desk?", breaks_choices },
	[AQ_SLOUCH] = { "slouch", AQK_CHOICE, NULL, "How often do you catch yourself slouching?", often_choices },
	[AQ_FORWARD_HEAD] = { "forward-head", AQK_CHOICE, NULL,
			      "How often does your head drift forward, toward the screen?", often_choices },
	[AQ_ARMS_OVERHEAD] = { "arms-overhead", AQK_CHOICE,
			       "A quick test for a tight chest: lie on your back with your knees bent and your lower "
			       "back resting on the floor. Raise both arms, straight, up and back over your head "
			       "toward the floor behind you. Do not force it.",
			       "What happened?", arms_choices },
	[AQ_CHEST_TIGHT] = { "chest-tight", AQK_CHOICE, NULL,
			     "How often do your chest or the fronts of your shoulders feel tight?", often_choices },
	[AQ_HIP_TIGHT] = { "hip-tight", AQK_CHOICE, NULL,
			   "After sitting a while, how often do the fronts of your hips feel tight, or does it take a "
			   "moment to stand fully upright?", often_choices },
	[AQ_STRESS] = { "stress", AQK_SCORE, NULL, "Your stress on a typical day, 0 (calm) to 10 (overwhelmed)?", NULL },
	[AQ_CHEST_BREATHING] = { "chest-breathing", AQK_YESNO,
				 "Put one hand on your chest and one on your belly, and breathe as you normally do.",
				 "Does the hand on your chest move more than the one on your belly? [y/n]", NULL },
	[AQ_BREATH_HOLDING] = { "breath-holding", AQK_YESNO, NULL,
				"Do you catch yourself holding your breath when you concentrate? [y/n]", NULL },
	[AQ_SHALLOW_BREATHING] = { "shallow-breathing", AQK_YESNO, NULL,
				   "Does your breathing often feel quick or shallow? [y/n]", NULL },
	[AQ_HEADACHE_DAYS] = { "headache-days", AQK_DAYS, NULL,
			       "On how many days in a typical week do you get a headache that starts in your neck or "
			       "the back of your head (0 to 7)?", NULL },
	[AQ_PAIN_WHERE] = { "pain-where", AQK_REGIONS, NULL,
			    "Where does it hurt? One or more of: neck, between-shoulder-blades, upper-back, "
			    "left-shoulder, right-shoulder, chest (or none)", NULL },
	[AQ_SINCE] = { "since", AQK_CHOICE, NULL, "How long has it been going on?", since_choices },
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
		num_describe(value, out);
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

/* Replace "{}" in tmpl with the answer in words. */
static void fill(const char *tmpl, enum aq q, double answer, struct strbuf *out)
{
	const char *p = strstr(tmpl, "{}");
	if (!p) {
		strbuf_addstr(out, tmpl);
		return;
	}
	strbuf_add(out, tmpl, (size_t)(p - tmpl));
	assess_describe(q, answer, out);
	strbuf_addstr(out, p + 2);
}

/* "a", "a and b", "a, b and c"; first letter up, a full stop at the end. */
static void join_sentence(char **parts, size_t n, char *out, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(&sb, i + 1 == n ? " and " : ", ");
		strbuf_addstr(&sb, parts[i]);
	}
	strbuf_addch(&sb, '.');
	sb.buf[0] = (char)toupper((unsigned char)sb.buf[0]);
	snprintf(out, size, "%s", sb.buf);
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
	if (!n) {
		snprintf(out->reason, sizeof(out->reason), "Nothing in your answers points here.");
		return;
	}
	/* the biggest contributions first, in table order among equals (a stable pick) */
	struct strbuf words[REASON_PARTS];
	char *parts[REASON_PARTS];
	size_t k = 0;
	bool used[COUNT(factor_rules)] = { false };
	while (k < REASON_PARTS && k < n) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!used[i] && (best == n || fired[i]->points > fired[best]->points))
				best = i;
		used[best] = true;
		strbuf_init(&words[k]);
		fill(fired[best]->why, fired[best]->q, answers[fired[best]->q], &words[k]);
		parts[k] = words[k].buf;
		k++;
	}
	join_sentence(parts, k, out->reason, sizeof(out->reason));
	for (size_t i = 0; i < k; i++)
		strbuf_release(&words[i]);
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

/* ---- flare-ups ---- */

static const struct day *find_day(const struct day *days, size_t n, int d)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (days[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && days[lo].day == d ? &days[lo] : NULL;
}

static double pain_on(const struct day *days, size_t n, int d)
{
	const struct day *e = find_day(days, n, d);
	return e && has(e->pain) ? e->pain : STATS_NO_VALUE;
}

struct flare plan_flare(const struct day *days, size_t n, int today)
{
	struct flare f = { false, -1, STATS_NO_VALUE, -1, STATS_NO_VALUE, 0, -1 };
	for (size_t i = 0; i < n && days[i].day <= today; i++) {
		if (!has(days[i].pain))
			continue;
		int d = days[i].day;
		f.latest_day = d;
		f.latest = days[i].pain;
		if (f.active) {
			if (days[i].pain <= f.mean + 1 + EPS) {
				f.active = false;
				f.ended_day = d;
			}
		} else if (stats_is_flare(days, n, d)) {
			f.active = true;
			f.since = d;
			f.mean = stats_mean_pain(days, n, d - 7, d - 1);
			f.ended_day = -1;
		}
	}
	if (f.active)
		for (int d = f.latest_day; pain_on(days, n, d) >= f.mean + 2 - EPS; d--)
			f.high_days++;
	return f;
}

/* ---- the weekly plan: the part table ---- */

enum days_from { DAYS_FIXED, DAYS_WORK, DAYS_ACTIVATION };

/* For each module, the first rule (in order) whose factor reaches min applies;
 * factor -1 always applies. The gentle rules replace the others during a flare-up. */
struct part_rule {
	bool gentle;
	enum module module;
	const char *routine, *exercise, *title;
	int factor, min;
	enum days_from from;
	unsigned days;
	bool add_on, all_day;
	int hour, minute;
	const char *why;
};

#define MWF 0x15u      /* Mon, Wed, Fri */
#define MWFS 0x55u     /* Mon, Wed, Fri, Sun */
#define MTTFS 0x5bu    /* Mon, Tue, Thu, Fri, Sun */

static const struct part_rule part_rules[] = {
	{ false, MOD_ACTIVATION, "upper-back-activation", NULL, "Activation routine", F_POSTURE, 3, DAYS_FIXED, MTTFS,
	  false, false, 18, 0,
	  "5 days a week: your posture load is strong, so your back needs waking up on most days; two rest days "
	  "keep it fresh." },
	{ false, MOD_ACTIVATION, "upper-back-activation", NULL, "Activation routine", F_NECK, 3, DAYS_FIXED, MTTFS,
	  false, false, 18, 0,
	  "5 days a week: your neck and headaches score strong, and a stronger upper back takes load off the neck." },
	{ false, MOD_ACTIVATION, "upper-back-activation", NULL, "Activation routine", F_POSTURE, 2, DAYS_FIXED, MWFS,
	  false, false, 18, 0,
	  "4 days a week: your posture load is moderate; a rest day after most sessions." },
	{ false, MOD_ACTIVATION, "upper-back-activation", NULL, "Activation routine", F_NECK, 2, DAYS_FIXED, MWFS,
	  false, false, 18, 0,
	  "4 days a week: your neck and headaches score moderate; a rest day after most sessions." },
	{ false, MOD_ACTIVATION, "upper-back-activation", NULL, "Activation routine", -1, 0, DAYS_FIXED, MWF, false,
	  false, 18, 0,
	  "3 days a week with a rest day between: enough to wake up the back chain, hips to neck, in order." },

	{ false, MOD_RELEASE, "front-release", NULL, "Front release", F_FRONT, 2, DAYS_FIXED, WD_ALL, false, false,
	  17, 45,
	  "Daily: your chest and ribs are tight, and while they pull you forward your upper back works all day to "
	  "hold you up. Loosening the front takes that load off." },
	{ false, MOD_RELEASE, "front-release", NULL, "Front release", F_HIPS, 2, DAYS_FIXED, WD_ALL, false, false, 17,
	  45,
	  "Daily: your hips are tight from sitting, and tight hip fronts tilt the pelvis and add strain up the back. "
	  "The routine ends with a hip stretch." },
	{ false, MOD_RELEASE, "front-release", NULL, "Front release", -1, 0, DAYS_ACTIVATION, 0, false, false, 17, 45,
	  "Before each activation session: loosening the front first makes the back's work easier." },

	{ false, MOD_BREATHING, "breathe-and-relax", NULL, "Breathe and relax", F_STRESS, 2, DAYS_FIXED, WD_ALL, false,
	  false, 21, 30,
	  "Daily: stress and shallow breathing keep your shoulders up and your chest tight. Slow breathing with a "
	  "long breath out breaks that loop." },
	{ false, MOD_BREATHING, "breathe-and-relax", NULL, "Breathe and relax", -1, 0, DAYS_ACTIVATION, 0, true, false,
	  18, 20, "An add-on after the activation routine, or whenever you feel wound up." },

	{ false, MOD_POSTURE_BREAK, "posture-breaks", NULL, "Posture breaks", F_POSTURE, 1, DAYS_WORK, 0, false, true,
	  9, 0,
	  "On work days: a short reset every half hour and a few minutes up and moving each hour. Hours in one "
	  "position are what load your upper back." },
	{ false, MOD_POSTURE_BREAK, "posture-breaks", NULL, "Posture breaks", -1, 0, DAYS_WORK, 0, false, true, 9, 0,
	  "On work days: a short reset every half hour keeps desk hours from building up into an ache." },

	{ true, MOD_RELEASE, "front-release", NULL, "Front release, gentle", -1, 0, DAYS_FIXED, WD_ALL, false, false,
	  17, 45,
	  "Daily at half the usual dose: easy loosening of chest, ribs and hips keeps you moving without loading "
	  "what is sore." },
	{ true, MOD_BREATHING, "breathe-and-relax", NULL, "Breathe and relax", -1, 0, DAYS_FIXED, WD_ALL, false, false,
	  21, 30, "Daily: slow breathing calms the guarding tension a flare-up brings." },
	{ true, MOD_RELAXATION, NULL, "relaxation-snow-angel", "Relaxation snow angel", -1, 0, DAYS_FIXED, WD_ALL,
	  false, false, 18, 0,
	  "Daily: lie on your back and let your shoulders go completely, so the upper back can settle." },
	{ true, MOD_POSTURE_BREAK, "posture-breaks", NULL, "Posture breaks, gentle", -1, 0, DAYS_WORK, 0, false, true, 9,
	  0,
	  "On work days: keep getting up and moving, but leave out the neck stretches until the flare-up settles." },
};

static int part_minutes(const struct catalog *c, const struct part_rule *r, bool halved)
{
	if (!c)
		return 0;
	int s = 0;
	if (r->routine) {
		const struct routine *rt = catalog_routine(c, r->routine);
		if (!rt)
			return 0;
		s = routine_estimate_s(c, rt);
	} else {
		const struct exercise *e = catalog_exercise(c, r->exercise);
		if (!e)
			return 0;
		s = 10 + dose_estimate_s(&e->dose);
	}
	if (halved)
		s /= 2;
	return (s + 59) / 60;
}

static int factor_strength(const struct profile *p, int f)
{
	return p && f >= 0 ? p->f[f].strength : 0;
}

static void note_add(struct plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_add(struct plan *p, const char *fmt, ...)
{
	size_t len = strlen(p->note);
	if (len && len + 1 < sizeof(p->note))
		p->note[len++] = ' ', p->note[len] = '\0';
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->note + len, sizeof(p->note) - len, fmt, ap);
	va_end(ap);
}

void plan_build(const struct plan_input *in, struct plan *out)
{
	memset(out, 0, sizeof(*out));
	out->assessed = in->profile != NULL;
	out->assessed_day = in->profile ? in->profile->day : -1;
	out->allowed = in->allowed || !in->screened;
	out->flare = in->flare;
	out->gentle = in->flare.active;
	out->work_days = WD_WORK;
	if (in->profile && has(in->profile->answers[AQ_WORK_DAYS]))
		out->work_days = (unsigned)in->profile->answers[AQ_WORK_DAYS];
	if (!out->allowed) {
		note_add(out, "Your last safety screen found a warning sign, so the plan holds no exercise until it "
			      "is resolved.");
		return;
	}
	unsigned activation_days = 0;
	bool done[MOD__COUNT] = { false };
	for (size_t i = 0; i < COUNT(part_rules) && out->n_parts < PLAN_MAX_PARTS; i++) {
		const struct part_rule *r = &part_rules[i];
		if (r->gentle != out->gentle || done[r->module])
			continue;
		if (r->factor >= 0 && factor_strength(in->profile, r->factor) < r->min)
			continue;
		done[r->module] = true;
		struct plan_part *pt = &out->parts[out->n_parts];
		*pt = (struct plan_part){ r->module, r->routine, r->exercise, r->title, r->days, 0, r->add_on,
					  out->gentle, r->all_day, r->hour, r->minute, r->factor, "" };
		if (r->from == DAYS_WORK)
			pt->days = out->work_days;
		else if (r->from == DAYS_ACTIVATION)
			pt->days = activation_days;
		if (r->module == MOD_ACTIVATION)
			activation_days = pt->days;
		pt->minutes = r->all_day ? 0 : part_minutes(in->cat, r, pt->halved);
		snprintf(pt->why, sizeof(pt->why), "%s%s", r->why,
			 r->module == MOD_ACTIVATION && !in->neck_clear
				 ? " The neck exercise uses the supported-head version." : "");
		if (pt->days)
			out->n_parts++;
	}
	char since[11], d2[11];
	if (out->gentle) {
		day_format(in->flare.since, since);
		struct strbuf m = STRBUF_INIT, l = STRBUF_INIT;
		num_describe(in->flare.mean, &m);
		num_describe(in->flare.mean + 1, &l);
		note_add(out, "Flare-up since %s: your pain went 2 or more points above your usual %s. Until it is "
			      "back to %s or less, the plan is gentle: release, breathing and the relaxation snow angel at "
			      "half doses, no activation routine and no neck end-range work.",
			 since, m.buf, l.buf);
		if (in->flare.high_days >= FLARE_SEE_SOMEONE_DAYS)
			note_add(out, "Your pain has been this high for %d days in a row: if it does not ease, see a "
				      "physiotherapist or a doctor.", in->flare.high_days);
		strbuf_release(&m);
		strbuf_release(&l);
	} else if (in->flare.ended_day >= 0 && in->flare.latest_day - in->flare.ended_day < 7) {
		day_format(in->flare.since, since);
		day_format(in->flare.ended_day, d2);
		note_add(out, "The flare-up of %s settled on %s: back to the usual plan.", since, d2);
	}
	if (!in->profile)
		note_add(out, "No assessment yet, so this is the starting plan; 'unhunch assess' makes one that fits you.");
	else if (in->today >= 0 && in->today - in->profile->day >= REASSESS_DAYS)
		note_add(out, "Your assessment is %d days old: answer the questions again to see what has changed "
			      "(unhunch assess).", in->today - in->profile->day);
	if (!in->screened)
		note_add(out, "Answer the safety questions before your first session: unhunch screen");
	else if (in->screen_due)
		note_add(out, "Answer the safety questions again before your next session: unhunch screen");
	if (in->screen_gentle)
		note_add(out, "A safety answer asks for a clinician's look: until you record that you have been seen "
			      "(unhunch screen --clearance), sessions run the gentle way, at half doses and without neck "
			      "stretches or head-over-the-edge work.");
	struct strbuf advice = STRBUF_INIT;
	plan_course_advice(&in->course, &advice);
	if (advice.len)
		note_add(out, "%s", advice.buf);
	strbuf_release(&advice);
}

void plan_course_advice(const struct course *k, struct strbuf *out)
{
	if (!k->see_clinician)
		return;
	struct strbuf now = STRBUF_INIT, first = STRBUF_INIT;
	num_describe(k->current, &now);
	num_describe(k->baseline, &first);
	if (k->state == COURSE_WORSE)
		strbuf_addf(out, "Your pain is worse than in your first week (%s over the last 7 days against %s): see a "
				 "physiotherapist or a doctor. The doses stay as they are meanwhile.", now.buf, first.buf);
	else
		strbuf_addf(out, "Your pain is not getting better after %d weeks (%s over the last 7 days against %s in "
				 "your first week): it is time to see a physiotherapist or a doctor. The doses stay as they "
				 "are meanwhile.", k->days / 7, now.buf, first.buf);
	strbuf_release(&now);
	strbuf_release(&first);
}

static const struct plan_part *part_of(const struct plan *p, enum module m)
{
	for (size_t i = 0; i < p->n_parts; i++)
		if (p->parts[i].module == m)
			return &p->parts[i];
	return NULL;
}

size_t plan_compare(const struct plan *old, const struct plan *now, struct strbuf *out)
{
	size_t n = 0;
	for (int m = 0; m < MOD__COUNT; m++) {
		const struct plan_part *a = part_of(old, (enum module)m), *b = part_of(now, (enum module)m);
		if (!a && !b)
			continue;
		if (a && b && a->days == b->days && a->add_on == b->add_on && !strcmp(a->why, b->why))
			continue;
		struct strbuf was = STRBUF_INIT;
		if (a) {
			plan_days_describe(a->days, old->work_days, &was);
			if (a->add_on)
				strbuf_addstr(&was, ", optional");
		}
		if (b) {
			strbuf_addf(out, "%s: ", b->title);
			plan_days_describe(b->days, now->work_days, out);
			if (b->add_on)
				strbuf_addstr(out, ", optional");
			if (a && a->days == b->days && a->add_on == b->add_on)
				strbuf_addf(out, " as before, for a new reason. %s\n", b->why);
			else
				strbuf_addf(out, " (was %s). %s\n", a ? was.buf : "not in the plan", b->why);
		} else {
			strbuf_addf(out, "%s: no longer in the plan (was %s).\n", a->title, was.buf);
		}
		strbuf_release(&was);
		n++;
	}
	return n;
}

size_t plan_due(const struct plan *p, int day, size_t idx[PLAN_MAX_PARTS])
{
	size_t n = 0;
	int wd = day_weekday(day);
	for (size_t i = 0; i < p->n_parts; i++)
		if (p->parts[i].days >> wd & 1)
			idx[n++] = i;
	return n;
}

/* ---- calendar ---- */

void ics_escape(const char *s, struct strbuf *out)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			strbuf_addch(out, '\\'), strbuf_addch(out, *s);
		else if (*s == '\n')
			strbuf_addstr(out, "\\n");
		else if (*s != '\r')
			strbuf_addch(out, *s);
	}
}

#define ICS_LINE 75

void ics_fold(const char *line, struct strbuf *out)
{
	size_t len = strlen(line), at = 0, room = ICS_LINE;
	while (len - at > room) {
		size_t cut = at + room;
		while (cut > at && ((unsigned char)line[cut] & 0xC0) == 0x80) /* never split a UTF-8 sequence */
			cut--;
		strbuf_add(out, line + at, cut - at);
		strbuf_addstr(out, "\r\n ");
		at = cut;
		room = ICS_LINE - 1; /* the leading space counts */
	}
	strbuf_addstr(out, line + at);
	strbuf_addstr(out, "\r\n");
}

static void ics_date(int day, char out[9])
{
	char d[11];
	day_format(day, d);
	snprintf(out, 9, "%.4s%.2s%.2s", d, d + 5, d + 8);
}

static void ics_prop(struct strbuf *out, const char *name, const char *text)
{
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "%s:", name);
	ics_escape(text, &line);
	ics_fold(line.buf, out);
	strbuf_release(&line);
}

static void ics_event(const struct plan *p, const struct plan_part *pt, int day, const char *stamp,
		      struct strbuf *out)
{
	char date[9];
	ics_date(day, date);
	struct strbuf line = STRBUF_INIT, text = STRBUF_INIT;
	ics_fold("BEGIN:VEVENT", out);
	strbuf_addf(&line, "UID:%s-%s@unhunch", date, pt->routine ? pt->routine : pt->exercise);
	ics_fold(line.buf, out);
	strbuf_reset(&line);
	strbuf_addf(&line, "DTSTAMP:%s", stamp);
	ics_fold(line.buf, out);
	int start = pt->hour * 60 + pt->minute;
	int end = pt->all_day ? 17 * 60 : start + (pt->minutes ? pt->minutes : 10);
	if (end > 23 * 60 + 59)
		end = 23 * 60 + 59;
	strbuf_reset(&line);
	strbuf_addf(&line, "DTSTART:%sT%02d%02d00", date, start / 60, start % 60);
	ics_fold(line.buf, out);
	strbuf_reset(&line);
	strbuf_addf(&line, "DTEND:%sT%02d%02d00", date, end / 60, end % 60);
	ics_fold(line.buf, out);
	strbuf_addstr(&text, pt->title);
	if (pt->minutes)
		strbuf_addf(&text, " (about %d min)", pt->minutes);
	if (pt->add_on)
		strbuf_addstr(&text, ", optional");
	ics_prop(out, "SUMMARY", text.buf);
	strbuf_reset(&text);
	strbuf_addstr(&text, pt->why);
	if (p->gentle)
		strbuf_addstr(&text, "\nThe gentle plan, while a flare-up lasts: half the usual doses.");
	if (pt->routine)
		strbuf_addf(&text, "\nStart it with: unhunch start %s", pt->routine);
	ics_prop(out, "DESCRIPTION", text.buf);
	if (pt->all_day)
		ics_fold("TRANSP:TRANSPARENT", out);
	ics_fold("END:VEVENT", out);
	strbuf_release(&line);
	strbuf_release(&text);
}

void plan_ics(const struct plan *p, int from, int n_days, int64_t now_ms, struct strbuf *out)
{
	int64_t secs = now_ms >= 0 ? now_ms / 1000 : -((-now_ms + 999) / 1000);
	int64_t day = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	int64_t sod = secs - day * 86400;
	char date[9], stamp[32];
	ics_date((int)day, date);
	snprintf(stamp, sizeof(stamp), "%sT%02d%02d%02dZ", date, (int)(sod / 3600), (int)(sod / 60 % 60),
		 (int)(sod % 60));
	ics_fold("BEGIN:VCALENDAR", out);
	ics_fold("VERSION:2.0", out);
	ics_fold("PRODID:-//unhunch//unhunch plan//EN", out);
	ics_fold("CALSCALE:GREGORIAN", out);
	ics_fold("METHOD:PUBLISH", out);
	ics_fold("X-WR-CALNAME:unhunch plan", out);
	for (int d = from; d < from + n_days; d++) {
		size_t idx[PLAN_MAX_PARTS];
		size_t n = plan_due(p, d, idx);
		for (size_t i = 0; i < n; i++)
			ics_event(p, &p->parts[idx[i]], d, stamp, out);
	}
	ics_fold("END:VCALENDAR", out);
}

/* ---- progression: the rule table ---- */

const char *const feeling_names[FEEL__COUNT + 1] = { "", "easy", "right", "hard", "hurt", NULL };
const char *const verdict_names[V__COUNT + 1] = { "wait", "hold", "progress", "regress", "pause", "resume", NULL };

#define SETTLE_SLACK 1.0   /* next morning within this of the usual pain counts as settled */
#define AT_USUAL_SLACK 0.5 /* and within this as back at the usual level (rounding) */
#define RISE_POINTS 1.0    /* a week this much above the week before is a rising trend */
#define WEEK_MIN_DAYS 3    /* a week's mean needs this many days with data */

/* What the rules look at, worked out once from the outcome and the days. */
struct jctx {
	const struct judge_input *in;
	double morning, usual;   /* next-morning pain; mean of the 7 days before the session (-1 unknown) */
	double week, prev_week;  /* means of the 7 days ending at the morning (or today) and the 7 before */
	int high;                /* days in a row, to that day, 2+ above the level before the flare-up */
	double flare_usual;      /* that level */
	bool settled, at_usual, waiting;
	bool prev_good;          /* the outcome before was good both during and the next morning */
	struct course course;    /* the pain since the first week, up to today */
};

bool pain_after_bad(int before, int after)
{
	return after >= PAIN_AFTER_HIGH || (before >= 0 && after >= 0 && after >= before + PAIN_AFTER_RISE);
}

static double week_mean(const struct day *days, size_t n, int from, int to)
{
	int c = 0;
	for (int d = from; d <= to; d++)
		c += has(pain_on(days, n, d));
	return c >= WEEK_MIN_DAYS ? stats_mean_pain(days, n, from, to) : STATS_NO_VALUE;
}

/* Settled next morning: within 1 point of the usual and not above amber; at the usual
 * level: within rounding of it. Without a usual level, green counts as both. */
static void morning_check(double morning, double usual, bool *settled, bool *at_usual)
{
	*settled = has(morning) && morning <= PAIN_AMBER_MAX + EPS &&
		   (has(usual) ? morning <= usual + SETTLE_SLACK + EPS : morning <= PAIN_GREEN_MAX + EPS);
	*at_usual = has(morning) &&
		    (has(usual) ? morning <= usual + AT_USUAL_SLACK + EPS : morning <= PAIN_GREEN_MAX + EPS);
}

static void jctx_init(struct jctx *j, const struct judge_input *in)
{
	const struct day *dv = in->days;
	size_t n = in->n_days;
	int d = in->last.day;
	j->in = in;
	j->morning = in->today > d ? pain_on(dv, n, d + 1) : STATS_NO_VALUE;
	j->usual = stats_mean_pain(dv, n, d - 7, d - 1);
	morning_check(j->morning, j->usual, &j->settled, &j->at_usual);
	j->waiting = !has(j->morning) && in->today < d + 2;
	int end = has(j->morning) ? d + 1 : in->today;
	j->week = week_mean(dv, n, end - 6, end);
	j->prev_week = week_mean(dv, n, end - 13, end - 7);
	struct flare f = plan_flare(dv, n, end);
	j->high = f.active ? f.high_days : 0;
	j->flare_usual = f.mean;
	j->prev_good = false;
	if (in->has_prev) {
		const struct outcome *p = &in->prev;
		bool s, at;
		morning_check(pain_on(dv, n, p->day + 1), stats_mean_pain(dv, n, p->day - 7, p->day - 1), &s, &at);
		j->prev_good = !p->warning && !p->after_bad && (p->feel == FEEL_EASY || p->feel == FEEL_RIGHT) &&
			       p->pain_during >= 0 && p->pain_during <= PAIN_AMBER_MAX && s && at;
	}
	j->course = stats_course(dv, n, in->today);
}

static bool r_warning(const struct jctx *j) { return j->in->last.warning; }
static bool r_high_days(const struct jctx *j) { return j->high >= FLARE_SEE_SOMEONE_DAYS; }
static bool r_red(const struct jctx *j) { return j->in->last.pain_during > PAIN_AMBER_MAX; }
static bool r_hurt(const struct jctx *j) { return j->in->last.feel == FEEL_HURT; }
static bool r_morning_high(const struct jctx *j) { return j->morning > PAIN_AMBER_MAX + EPS; }
static bool r_not_settled(const struct jctx *j) { return has(j->morning) && !j->settled; }
static bool r_rising(const struct jctx *j) { return has(j->week) && has(j->prev_week) && j->week > j->prev_week + RISE_POINTS + EPS; }
static bool r_waiting(const struct jctx *j) { return j->waiting; }
static bool r_after(const struct jctx *j) { return j->in->last.after_bad; }
static bool r_not_improving(const struct jctx *j) { return j->course.see_clinician; }
static bool r_pain_unknown(const struct jctx *j) { return j->in->last.pain_during < 0; }
static bool r_above_first_week(const struct jctx *j) { return j->course.above_first_week; }
static bool r_amber(const struct jctx *j) { return j->in->last.pain_during > PAIN_GREEN_MAX; }
static bool r_hard(const struct jctx *j) { return j->in->last.feel == FEEL_HARD; }
static bool r_no_morning(const struct jctx *j) { return !has(j->morning); }
static bool r_above_usual(const struct jctx *j) { return !j->at_usual; }
static bool r_two_good(const struct jctx *j) { return j->in->last.feel == FEEL_EASY && j->prev_good; }
static bool r_easy_once(const struct jctx *j) { return j->in->last.feel == FEEL_EASY; }
static bool r_always(const struct jctx *j) { (void)j; return true; }

/* In order; the first rule that holds decides. Pain rules come first and always win;
 * then waiting for the next morning, then what keeps the dose, then what raises it.
 * {during} {morning} {usual} {week} {prev_week} {high} stand for the numbers. */
struct judge_rule {
	const char *name;
	bool (*test)(const struct jctx *);
	enum verdict v;
	const char *why;
};

static const struct judge_rule judge_rules[] = {
	{ "warning-sign", r_warning, V_PAUSE,
	  "a warning sign came up during the session; it stays out until a clinician's clearance is recorded "
	  "(unhunch screen --clearance)" },
	{ "high-for-days", r_high_days, V_PAUSE,
	  "your pain has been 2 or more points above your usual {flare_usual} for {high} days; check with a "
	  "physiotherapist or a doctor before going on" },
	{ "red-during", r_red, V_REGRESS, "pain reached {during} during the session (6 or more is too much)" },
	{ "hurt", r_hurt, V_REGRESS, "you said it hurt" },
	{ "after-session", r_after, V_REGRESS,
	  "after the session your pain was 6 or more, or 2 or more points above where you started" },
	{ "morning-high", r_morning_high, V_REGRESS, "the next morning your pain was {morning}, more than 5" },
	{ "morning-not-settled", r_not_settled, V_REGRESS,
	  "the next morning your pain ({morning}) had not settled back to your usual {usual}" },
	{ "week-rising", r_rising, V_REGRESS, "your pain is rising: {week} this week against {prev_week} the week before" },
	{ "wait-for-morning", r_waiting, V_WAIT, "waiting for the next morning's check-in" },
	{ "not-improving", r_not_improving, V_HOLD,
	  "your pain is not getting better ({week_now} over the last 7 days against {first_week} in your first "
	  "week): the dose stays, and it is time to see a physiotherapist or a doctor" },
	{ "pain-unknown", r_pain_unknown, V_HOLD,
	  "no pain score for the session, so the dose stays (an unknown score never counts as a good session)" },
	{ "amber-during", r_amber, V_HOLD,
	  "pain reached {during} during the session: acceptable, but not the time to do more" },
	{ "hard", r_hard, V_HOLD, "you found it hard; the dose stays until it feels right" },
	{ "no-morning-check-in", r_no_morning, V_HOLD,
	  "no check-in the morning after, so the dose stays (a morning check-in lets it move on)" },
	{ "above-usual", r_above_usual, V_HOLD,
	  "the next morning ({morning}) had settled, but not quite to your usual {usual}" },
	{ "above-first-week", r_above_first_week, V_HOLD,
	  "your pain over the last 7 days ({week_now}) is above your first week's ({first_week}), so no dose goes "
	  "up yet" },
	{ "two-good-and-easy", r_two_good, V_PROGRESS,
	  "two good sessions in a row, settled by the next morning, and it felt easy" },
	{ "easy-once", r_easy_once, V_HOLD, "it felt easy; one more good session like this and it goes up" },
	{ "fits", r_always, V_HOLD, "the dose fits" },
};

static void why_fill(const struct jctx *j, const char *tmpl, char *out, size_t size)
{
	static const char *const keys[] = { "{during}", "{morning}", "{usual}", "{week}", "{prev_week}", "{high}",
					    "{flare_usual}", "{week_now}", "{first_week}" };
	double vals[] = { j->in->last.pain_during, j->morning, j->usual, j->week, j->prev_week, j->high,
			  j->flare_usual, j->course.current, j->course.baseline };
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = tmpl; *p;) {
		size_t k = 0;
		while (k < COUNT(keys) && strncmp(p, keys[k], strlen(keys[k])))
			k++;
		if (k == COUNT(keys)) {
			strbuf_addch(&sb, *p++);
			continue;
		}
		if (has(vals[k]))
			num_describe(vals[k], &sb);
		else
			strbuf_addstr(&sb, "level"); /* "your usual level" */
		p += strlen(keys[k]);
	}
	snprintf(out, size, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
}

struct judgement plan_judge(const struct judge_input *in)
{
	struct jctx j;
	struct judgement r = { V_HOLD, "fits", "" };
	jctx_init(&j, in);
	for (size_t i = 0; i < COUNT(judge_rules); i++) {
		if (!judge_rules[i].test(&j))
			continue;
		r.v = judge_rules[i].v;
		r.rule = judge_rules[i].name;
		why_fill(&j, judge_rules[i].why, r.why, sizeof(r.why));
		break;
	}
	/* clinical.md §2d: a second regression in a row pauses the exercise */
	if (r.v == V_REGRESS && in->regressions_in_a_row >= 1) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s, and it was already lowered last time: two in a row, so it pauses; check with a "
				 "physiotherapist before going on", r.why);
		r.v = V_PAUSE;
		r.rule = "second-regression";
		snprintf(r.why, sizeof(r.why), "%s", sb.buf);
		strbuf_release(&sb);
	}
	return r;
}

/* ---- progression: dose steps ---- */

#define STEP_S 15 /* a timed item grows by this much */

const struct dose *slot_dose(const struct catalog *c, const struct item *it, const char *id)
{
	const struct exercise *base = catalog_exercise(c, it->exercise);
	if (!strcmp(id, it->exercise))
		return base ? item_dose(it, base) : &it->dose;
	const struct exercise *v = catalog_exercise(c, id);
	if (v && v->dose.given)
		return &v->dose;
	return base ? item_dose(it, base) : &it->dose;
}

static struct dose_state start_of(const struct catalog *c, const struct item *it, const struct exercise *e)
{
	const struct dose *d = slot_dose(c, it, e->id);
	return (struct dose_state){ e->id, d->reps.min, d->duration_s.min, false };
}

struct dose_state dose_start(const struct catalog *c, const struct item *it)
{
	const struct exercise *e = catalog_exercise(c, it->exercise);
	if (!e) {
		return (struct dose_state){ it->exercise, it->dose.reps.min, it->dose.duration_s.min, false };
	}
	return start_of(c, it, e);
}

void dose_state_describe(const struct dose_state *s, struct strbuf *out)
{
	if (s->reps)
		strbuf_addf(out, "%d rep%s", s->reps, s->reps == 1 ? "" : "s");
	else if (s->duration_s)
		seconds_describe((struct range){ s->duration_s, s->duration_s }, out);
}

static void describe_change(const struct catalog *c, const struct dose_state *from, const struct dose_state *to,
			    struct strbuf *what)
{
	const struct exercise *a = catalog_exercise(c, from->exercise), *b = catalog_exercise(c, to->exercise);
	const char *an = a ? a->name : from->exercise, *bn = b ? b->name : to->exercise;
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	dose_state_describe(from, &x);
	dose_state_describe(to, &y);
	if (strcmp(from->exercise, to->exercise)) {
		strbuf_addf(what, "%s%s%s instead of %s%s%s", bn, y.len ? ", " : "", y.buf, an, x.len ? ", " : "", x.buf);
	} else {
		strbuf_addf(what, "%s: %s (was %s)", an, y.buf, x.buf);
	}
	strbuf_release(&x);
	strbuf_release(&y);
}

static struct dose_state step_up(const struct catalog *c, const struct item *it, struct dose_state cur,
				 bool neck_clear, const char **none)
{
	const struct dose *d = slot_dose(c, it, cur.exercise);
	const struct exercise *e = catalog_exercise(c, cur.exercise);
	if (d->reps.max && cur.reps < d->reps.max) {
		cur.reps++;
		return cur;
	}
	if (d->duration_s.max && cur.duration_s < d->duration_s.max) {
		cur.duration_s = cur.duration_s + STEP_S < d->duration_s.max ? cur.duration_s + STEP_S : d->duration_s.max;
		return cur;
	}
	const struct exercise *p = e && e->progression ? catalog_exercise(c, e->progression) : NULL;
	if (!p) {
		*none = "already the hardest version at the top of its range";
		return cur;
	}
	if (p->screen != SCREEN_NONE && !neck_clear) {
		*none = "the harder version waits for a clear neck screen (unhunch screen)";
		return cur;
	}
	return start_of(c, it, p);
}

static struct dose_state step_down(const struct catalog *c, const struct item *it, struct dose_state cur,
				   const char **none)
{
	const struct dose *d = slot_dose(c, it, cur.exercise);
	const struct exercise *e = catalog_exercise(c, cur.exercise);
	if (d->reps.max && cur.reps > d->reps.min) {
		int v = cur.reps * 3 / 4;
		if (v >= cur.reps)
			v = cur.reps - 1;
		cur.reps = v < d->reps.min ? d->reps.min : v;
		return cur;
	}
	if (d->duration_s.max && cur.duration_s > d->duration_s.min) {
		int v = cur.duration_s * 3 / 4;
		cur.duration_s = v < d->duration_s.min ? d->duration_s.min : v;
		return cur;
	}
	const struct exercise *r = e && e->regression ? catalog_exercise(c, e->regression) : NULL;
	if (!r) {
		*none = "already the easiest version at its lowest dose";
		return cur;
	}
	return start_of(c, it, r);
}

struct dose_state dose_step(const struct catalog *c, const struct item *it, struct dose_state cur, enum verdict v,
			    bool neck_clear, struct strbuf *what)
{
	struct dose_state next = cur;
	const char *none = NULL;
	switch (v) {
	case V_PROGRESS:
		next = step_up(c, it, cur, neck_clear, &none);
		break;
	case V_REGRESS:
		next = step_down(c, it, cur, &none);
		break;
	case V_PAUSE:
		next.paused = true;
		strbuf_addstr(what, "left out for now");
		return next;
	case V_RESUME:
		next.paused = false;
		strbuf_addstr(what, "back in the routine");
		return next;
	case V_WAIT:
	case V_HOLD:
	case V__COUNT:
		return next;
	}
	if (none)
		strbuf_addf(what, "no change: %s", none);
	else
		describe_change(c, &cur, &next, what);
	return next;
}

struct dose_state dose_halved(struct dose_state s)
{
	if (s.reps)
		s.reps = s.reps / 2 ? s.reps / 2 : 1;
	if (s.duration_s)
		s.duration_s = s.duration_s / 2 >= 10 ? s.duration_s / 2 : (s.duration_s < 10 ? s.duration_s : 10);
	return s;
}
