/* plan-week.c: the weekly plan, pure: the part table, building and comparing plans,
 * what is due on a day, and the iCalendar export. See plan.h; tests in
 * tests/unit/test_plan.c. */
#include "plan-internal.h"
#include "checkin.h"
#include "number.h"
#include "breaks.h"
#include "session.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	{ true, MOD_RELAXATION, "let-shoulders-go", NULL, "Let your shoulders go", -1, 0, DAYS_FIXED, WD_ALL,
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
		s = routine_run_s(c, rt, NULL, false, true);
	} else {
		const struct exercise *e = catalog_exercise(c, r->exercise);
		if (!e)
			return 0;
		s = 10 + dose_estimate_s(&e->dose);
	}
	if (halved)
		s /= 2;
	return run_minutes(s);
}

static int factor_strength(const struct profile *p, int f)
{
	return p && f >= 0 ? p->f[f].strength : 0;
}

/* Start a sentence of the note: a space after the one before. */
static struct reason *note_next(struct plan *p)
{
	if (!reason_empty(&p->note))
		reason_add(&p->note, " ");
	return &p->note;
}

static void note_add(struct plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_add(struct plan *p, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	reason_add(note_next(p), sb.buf);
	strbuf_release(&sb);
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
		struct reason *n = note_next(out);
		reason_addf(n, "Flare-up since %s: your pain went 2 or more points above your usual ", since);
		reason_num(n, in->flare.mean);
		reason_add(n, ". Until it is back to ");
		reason_num(n, in->flare.mean + 1);
		reason_add(n, " or less, the plan is gentle: release, breathing and the relaxation snow angel at half "
			      "doses, no activation routine and no neck end-range work.");
		if (in->flare.high_days >= FLARE_SEE_SOMEONE_DAYS)
			note_add(out, "Your pain has been this high for %d days in a row: if it does not ease, see a "
				      "physiotherapist or a doctor.", in->flare.high_days);
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
	if (in->screen_told)
		;
	else if (!in->screened)
		note_add(out, "Answer the safety questions before your first session: unhunch screen");
	else if (in->screen_due)
		note_add(out, "Answer the safety questions again before your next session: unhunch screen");
	if (in->screen_gentle)
		note_add(out, "A safety answer asks for a clinician's look: until you record that you have been seen "
			      "(unhunch screen --clearance), sessions run the gentle way, at half doses and without neck "
			      "stretches or head-over-the-edge work.");
	if (in->course.see_clinician)
		plan_course_reason(&in->course, note_next(out));
}

void plan_course_reason(const struct course *k, struct reason *out)
{
	if (!k->see_clinician)
		return;
	if (k->state == COURSE_WORSE)
		reason_add(out, "Your pain is worse than in your first week (");
	else
		reason_addf(out, "Your pain is not getting better after %d weeks (", k->days / 7);
	reason_num(out, k->current);
	reason_add(out, " over the last 7 days against ");
	reason_num(out, k->baseline);
	if (k->state == COURSE_WORSE)
		reason_add(out, "): see a physiotherapist or a doctor. The doses stay as they are meanwhile.");
	else
		reason_add(out, " in your first week): it is time to see a physiotherapist or a doctor. The doses stay "
				"as they are meanwhile.");
}

void plan_course_advice(const struct course *k, struct strbuf *out)
{
	struct reason r;
	reason_clear(&r);
	plan_course_reason(k, &r);
	reason_write(&r, REASON_C, out);
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

void plan_massage_advice(const struct plan *p, struct strbuf *out)
{
	if (!p->allowed)
		return;
	strbuf_addstr(out, "Massage is part of the plan. Self-massage of your chest and ribs with a ball against a "
			   "wall is in the front release. As an option, a professional massage helps when it works "
			   "your chest, ribs and hips as well as your back: massage of the back alone eases it for a "
			   "day or two, and the exercises are what make the relief last.");
}

size_t plan_massage_days(const struct day *days, size_t n, int today, int out[7])
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < 7; i++)
		if (days[i].massage && days[i].day > today - 7 && days[i].day <= today)
			out[k++] = days[i].day;
	return k;
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
	int end = start + (pt->minutes ? pt->minutes : 10);
	if (pt->all_day) { /* the break coach's work hours, as it keeps them by default */
		struct brk_config bc;
		brk_config_default(&bc);
		start = bc.work_start_min;
		end = bc.work_end_min;
	}
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
