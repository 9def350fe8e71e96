/* plan-dose.c: dose progression, pure: the rule table that judges a session's outcome
 * and the dose steps that follow from the verdict. See plan.h; tests in
 * tests/unit/test_plan.c. */
#include "plan-internal.h"
#include "checkin.h"
#include "number.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		c += has(plan_pain_on(days, n, d));
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
	j->morning = in->today > d ? plan_pain_on(dv, n, d + 1) : STATS_NO_VALUE;
	j->usual = stats_mean_pain(dv, n, d - 7, d - 1);
	morning_check(j->morning, j->usual, &j->settled, &j->at_usual);
	int from = in->entered > d ? in->entered : d; /* a back-filled day waits from its entry */
	j->waiting = !has(j->morning) && in->today < from + 2;
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
		morning_check(plan_pain_on(dv, n, p->day + 1), stats_mean_pain(dv, n, p->day - 7, p->day - 1), &s, &at);
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

static const char *const why_keys[] = { "{during}", "{morning}", "{usual}", "{week}", "{prev_week}", "{high}",
					"{flare_usual}", "{week_now}", "{first_week}" };

/* The rule's sentence with its numbers apart ("your usual level" when one is unknown). */
static void why_fill(const struct jctx *j, const char *tmpl, struct reason *out)
{
	double vals[] = { j->in->last.pain_during, j->morning, j->usual, j->week, j->prev_week, j->high,
			  j->flare_usual, j->course.current, j->course.baseline };
	reason_clear(out);
	for (const char *p = tmpl; *p;) {
		size_t k = 0;
		while (k < COUNT(why_keys) && strncmp(p, why_keys[k], strlen(why_keys[k])))
			k++;
		if (k == COUNT(why_keys)) {
			const char *next = strchr(p + 1, '{');
			size_t n = next ? (size_t)(next - p) : strlen(p);
			char words[PLAN_TEXT_MAX];
			snprintf(words, sizeof(words), "%.*s", (int)n, p);
			reason_add(out, words);
			p += n;
			continue;
		}
		if (has(vals[k]))
			reason_num(out, vals[k]);
		else
			reason_add(out, "level"); /* "your usual level" */
		p += strlen(why_keys[k]);
	}
}

#define SECOND_REGRESSION ", and it was already lowered last time: two in a row, so it pauses; check with a " \
			  "physiotherapist before going on"

struct judgement plan_judge(const struct judge_input *in)
{
	struct jctx j;
	struct judgement r = { V_HOLD, "fits", { "", { 0 }, 0 } };
	jctx_init(&j, in);
	for (size_t i = 0; i < COUNT(judge_rules); i++) {
		if (!judge_rules[i].test(&j))
			continue;
		r.v = judge_rules[i].v;
		r.rule = judge_rules[i].name;
		why_fill(&j, judge_rules[i].why, &r.why);
		break;
	}
	/* clinical.md §2d: a second regression in a row pauses the exercise */
	if (r.v == V_REGRESS && in->regressions_in_a_row >= 1) {
		reason_add(&r.why, SECOND_REGRESSION);
		r.v = V_PAUSE;
		r.rule = "second-regression";
	}
	return r;
}

void plan_change_reason(const char *stored, struct reason *out)
{
	for (size_t i = 0; i < COUNT(judge_rules); i++)
		if (strchr(judge_rules[i].why, '{') && reason_read(judge_rules[i].why, stored, out))
			return;
	reason_set_text(out, stored);
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
	return dose_state_of(e->id, d->reps.min, d->duration_s.min, false);
}

struct dose_state dose_start(const struct catalog *c, const struct item *it)
{
	const struct exercise *e = catalog_exercise(c, it->exercise);
	if (!e) {
		return dose_state_of(it->exercise, it->dose.reps.min, it->dose.duration_s.min, false);
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

bool dose_replaced(const struct catalog *c, const struct item *it, const char *id)
{
	if (!strcmp(id, it->exercise))
		return false;
	const struct exercise *e = catalog_exercise(c, id);
	return !e || !e->version_of || strcmp(e->version_of, it->exercise);
}

bool dose_leads_back(const struct catalog *c, const struct item *it, const char *id)
{
	const struct exercise *e = catalog_exercise(c, id);
	for (int k = 0; e && k < 16; k++) { /* a chain of harder versions, cut short if it loops */
		if (!strcmp(e->id, it->exercise))
			return k > 0;
		e = e->progression ? catalog_exercise(c, e->progression) : NULL;
	}
	return false;
}

static struct dose_state step_up(const struct catalog *c, const struct item *it, struct dose_state cur,
				 bool neck_clear, const char **none)
{
	const struct dose *d = slot_dose(c, it, cur.exercise);
	const struct exercise *e = catalog_exercise(c, cur.exercise);
	if (cur.prescribed && ((d->reps.max && cur.reps > d->reps.max) ||
			       (d->duration_s.max && cur.duration_s > d->duration_s.max))) {
		*none = "your trainer's dose is above the usual range already, so it goes no higher without them";
		return cur;
	}
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
	/* harder means the same exercise (more reps, longer holds, slower, then more
	 * weight): another exercise is never chosen for the person, except the way back
	 * to the item's own and a version they agreed to by answering its screen */
	if (p->screen == SCREEN_NONE && dose_replaced(c, it, p->id) && !dose_leads_back(c, it, p->id)) {
		*none = "already the hardest version of this exercise at the top of its range";
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

bool dose_switch(const struct catalog *c, const struct item *it, struct dose_state cur, const char *to,
		 struct dose_state *next, struct strbuf *why_not)
{
	const struct exercise *e = catalog_exercise(c, to), *own = catalog_exercise(c, it->exercise);
	const char *own_name = own ? own->name : it->exercise;
	const char *none = NULL;
	if (!e || !e->instead_of || !e->instead_why || strcmp(e->instead_of, it->exercise)) {
		strbuf_addf(why_not, "%s is not offered in place of %s", e ? e->name : to, own_name);
		return false;
	}
	if (cur.paused) {
		strbuf_addf(why_not, "%s is paused; it comes back with unhunch plan --resume %s", own_name, it->exercise);
		return false;
	}
	if (!strcmp(cur.exercise, to)) {
		strbuf_addf(why_not, "%s runs in place of %s already", e->name, own_name);
		return false;
	}
	if (dose_replaced(c, it, cur.exercise)) {
		strbuf_addf(why_not, "%s runs as a different exercise now", own_name);
		return false;
	}
	/* first the exercise's own steps: more reps, longer holds, slower, more weight */
	step_up(c, it, cur, true, &none);
	if (!none) {
		strbuf_addf(why_not, "%s still has harder steps of its own (more reps, longer holds, a slower pace, then "
				     "more weight); a different exercise is offered only once they are done", own_name);
		return false;
	}
	*next = start_of(c, it, e);
	return true;
}

const struct exercise *dose_offer(const struct catalog *c, const struct item *it, struct dose_state cur)
{
	for (size_t i = 0; i < c->n_ex; i++) {
		const struct exercise *e = &c->ex[i];
		struct dose_state next;
		struct strbuf no = STRBUF_INIT;
		bool ok = e->instead_of && !e->broken && !strcmp(e->instead_of, it->exercise) &&
			  dose_switch(c, it, cur, e->id, &next, &no);
		strbuf_release(&no);
		if (ok)
			return e;
	}
	return NULL;
}

struct dose_state dose_halved(struct dose_state s)
{
	if (s.reps) {
		/* half, but never 1 rep of an exercise meant for 3 or more (3 at least, or one
		 * fewer than the full dose): always less than the full dose */
		int half = s.reps / 2, least = s.reps - 1 < 3 ? s.reps - 1 : 3;
		s.reps = half > least ? half : least > 0 ? least : 1;
	}
	if (s.duration_s)
		s.duration_s = s.duration_s / 2 >= 10 ? s.duration_s / 2 : (s.duration_s < 10 ? s.duration_s : 10);
	return s;
}
