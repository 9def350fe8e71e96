/* safety.c: the safety status from the stored history, and the gate's decision for
 * one request to exercise. See safety.h; every rule is in docs/safety.md. */
#include "safety.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const gate_entry_names[GATE__COUNT + 1] = {
	"start", "resume", "plan-resume", "break-reminder", "break-start", "break-play", "web-player", NULL,
};

#define DAY_MS (24LL * 3600 * 1000)

/* ---- check-ins ---- */

void checkin_past_init(struct checkin_past *p)
{
	memset(p, 0, sizeof(*p));
	for (int r = 0; r <= REG__COUNT; r++)
		p->latest[r].value = -1;
}

void checkin_past_add(struct checkin_past *p, const struct checkin *c)
{
	p->n++;
	for (int r = 0; r <= REG__COUNT; r++) {
		int x = r == REG__COUNT ? c->pain : c->region[r];
		if (r < REG__COUNT && x > 0)
			p->seen |= 1u << r;
		if (x < 0)
			continue;
		/* the latest by date, then by time recorded (the check-ins come in any order) */
		int cmp = p->latest[r].date ? strcmp(c->date, p->latest[r].date) : 1;
		if (cmp > 0 || (cmp == 0 && c->at_ms > p->latest[r].at_ms)) {
			p->latest[r].value = x;
			p->latest[r].date = c->date;
			p->latest[r].at_ms = c->at_ms;
		}
	}
	if (c->headache >= HEADACHE_SEVERE)
		p->severe_headache = true;
}

unsigned checkin_past_news(const struct checkin *c, const struct checkin_past *p, unsigned known_regions)
{
	unsigned why = 0;
	bool baseline = p->n > 0 || known_regions;
	for (int r = 0; r < REG__COUNT; r++) {
		if (c->region[r] <= 0)
			continue;
		bool seen = (known_regions | p->seen) >> r & 1;
		if (!seen && r == REG_CHEST)
			why |= RS_CHEST; /* always: chest pain can come from the heart */
		else if (!seen && baseline)
			why |= RS_NEW_REGION;
		int prev = p->latest[r].value;
		if (prev >= 0 && c->region[r] >= prev + RESCREEN_JUMP)
			why |= RS_JUMP;
	}
	int prev = p->latest[REG__COUNT].value;
	if (c->pain >= 0 && prev >= 0 && c->pain >= prev + RESCREEN_JUMP)
		why |= RS_JUMP;
	if (c->headache >= HEADACHE_SEVERE && !p->severe_headache)
		why |= RS_HEADACHE;
	return why;
}

unsigned checkin_news(const struct checkin *c, const struct checkin *before, size_t n_before, unsigned known_regions)
{
	struct checkin_past p;
	checkin_past_init(&p);
	for (size_t i = 0; i < n_before; i++)
		checkin_past_add(&p, &before[i]);
	return checkin_past_news(c, &p, known_regions);
}

/* ---- status ---- */

/* A warning sign during exercise, not a screen the person answered: stored as one yes
 * to SCREEN_WARNING_ID, or, by versions before it, as one yes to a neck question below
 * an emergency (a screen that stops at its first answer stops at an emergency). */
static bool warning_only(const struct catalog *c, const struct safety_screen *s)
{
	if (s->n_answers != 1 || !s->answers[0].yes)
		return false;
	if (!strcmp(s->answers[0].id, SCREEN_WARNING_ID))
		return true;
	const struct question *q = catalog_question(c, s->answers[0].id);
	return q && q->neck && s->level < URG_EMERGENCY;
}

static bool has_locking_yes(const struct catalog *c, const struct safety_screen *s, const char **id)
{
	for (size_t i = 0; i < s->n_answers; i++)
		if (s->answers[i].yes && ((s->locks && s->locks[i]) || screen_answer_locks_neck(c, s->answers[i].id))) {
			*id = s->answers[i].id;
			return true;
		}
	return false;
}

/* Check-ins recorded after the screen at since_ms that call for it again. */
unsigned safety_news_since(const struct safety_facts *f, int64_t since_ms)
{
	unsigned why = 0;
	struct checkin_past past; /* the check-ins before the i-th */
	checkin_past_init(&past);
	for (size_t i = 0; i < f->n_checkins; i++) {
		if (f->checkins[i].at_ms > since_ms)
			why |= checkin_past_news(&f->checkins[i], &past, f->known_regions);
		checkin_past_add(&past, &f->checkins[i]);
	}
	if (f->flare.active) {
		/* a flare-up whose first day was checked in after the screen */
		char since[11];
		day_format(f->flare.since, since);
		for (size_t i = 0; i < f->n_checkins; i++)
			if (!strcmp(f->checkins[i].date, since) && f->checkins[i].at_ms > since_ms)
				why |= RS_FLARE;
	}
	return why;
}

void safety_status(const struct safety_facts *f, struct safety_status *out)
{
	memset(out, 0, sizeof(*out));
	out->flare = f->flare;
	const struct safety_screen *latest = f->n_screens ? &f->screens[f->n_screens - 1] : NULL;
	const struct safety_screen *real = NULL; /* the latest screen the person answered */
	for (size_t i = f->n_screens; i-- > 0 && !real;)
		if (!warning_only(f->cat, &f->screens[i]))
			real = &f->screens[i];
	for (size_t i = 0; i < f->n_clearances; i++)
		if (f->clearances[i].at_ms > out->last_clearance_ms)
			out->last_clearance_ms = f->clearances[i].at_ms;
	out->screened = real != NULL;
	if (latest) {
		out->level = latest->level;
		out->warning_open = warning_only(f->cat, latest);
		for (size_t i = 0; i < f->n_clearances; i++)
			out->cleared |= f->clearances[i].screening_id == latest->id && f->clearances[i].day >= latest->day;
		struct gate_input in = { true, latest->level, latest->at_ms, out->cleared, f->now_ms };
		struct gate g = gate_decide(&in);
		out->allowed = g.allowed;
		out->advice = g.advice;
		out->gentle = latest->level == URG_ROUTINE && !out->cleared;
	} else {
		out->allowed = true;
	}
	/* a today or days answer holds until a clearance: answering the screen again does
	 * not lift it (an emergency is never cleared here; a warning sign during exercise
	 * is lifted by a fresh screen, rule 2.3) */
	for (size_t i = f->n_screens; latest && i-- > 0;) {
		const struct safety_screen *h = &f->screens[i];
		if (warning_only(f->cat, h) || h->level < URG_DAYS || h->level >= URG_EMERGENCY)
			continue;
		bool cleared = false;
		for (size_t k = 0; k < f->n_clearances; k++)
			cleared |= (f->clearances[k].screening_id == h->id || f->clearances[k].at_ms >= h->at_ms) &&
				   f->clearances[k].day >= h->day;
		if (!cleared && h != latest) {
			out->allowed = false;
			out->held = true;
			if (h->level > out->level) {
				out->level = h->level;
				out->advice = urgency_advice(h->level);
			}
			out->gentle = false;
		}
		break;
	}
	/* head-over-the-edge work: locked by the newest locking yes until a clearance
	 * recorded after it, for a visit on or after its day */
	for (size_t i = f->n_screens; i-- > 0;) {
		const char *id;
		if (!has_locking_yes(f->cat, &f->screens[i], &id))
			continue;
		out->neck_locked = true;
		out->neck_lock_ms = f->screens[i].at_ms;
		out->neck_lock_id = id;
		for (size_t k = 0; k < f->n_clearances; k++)
			if (f->clearances[k].at_ms >= f->screens[i].at_ms && f->clearances[k].day >= f->screens[i].day)
				out->neck_locked = false;
		break;
	}
	out->neck_ok = latest && latest->neck_clear && !out->neck_locked && out->allowed;
	if (!f->cat->n_q) {
		/* nothing to ask (the content failed to load): fail closed */
		out->must_screen |= RS_NO_QUESTIONS;
		out->neck_ok = false;
		return;
	}
	if (!real)
		out->must_screen |= RS_FIRST;
	else if (f->now_ms - real->at_ms > (int64_t)SCREEN_VALID_DAYS * DAY_MS || real->at_ms > f->now_ms)
		out->must_screen |= RS_DUE; /* old, or dated in the future (answered while the clock ran ahead) */
	int64_t since = real ? real->at_ms : INT64_MIN;
	out->must_screen |= f->news_of ? f->news_of(f->news_arg, since) : safety_news_since(f, since);
}

/* ---- the gate ---- */

bool routine_is_gentle(const struct catalog *c, const struct routine *r)
{
	if (!r || r->module == MOD_ACTIVATION)
		return false;
	/* decided by what it runs, not its label: no strengthening exercise in it */
	for (size_t i = 0; i < r->n_items; i++) {
		const struct exercise *e = catalog_exercise(c, r->items[i].exercise);
		if (!e || e->category == CAT_ACTIVATION)
			return false;
	}
	return true;
}

static void say(struct gate_verdict *v, enum gate_why why, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(struct gate_verdict *v, enum gate_why why, const char *fmt, ...)
{
	v->allowed = false;
	v->why = why;
	size_t len = strlen(v->reason);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->reason + len, sizeof(v->reason) - len, fmt, ap);
	va_end(ap);
}

static void screen_reason(struct gate_verdict *v, unsigned m)
{
	if (m & RS_NO_QUESTIONS)
		say(v, GATE_SCREEN, "The safety questions could not be loaded (see the problems reported in the content "
				    "files), so they cannot be asked: no exercise until they can.");
	else if (m & RS_CHEST)
		say(v, GATE_SCREEN, "You reported chest pain that is new. Chest pain can come from the heart: if it is "
				    "pressing, squeezing or heavy, or comes with breathlessness, sweating, sickness or "
				    "faintness, call " EMERGENCY_WORDS " now. Otherwise answer the heart questions, then "
				    "the others, before any exercise.");
	else if (m & RS_HEADACHE)
		say(v, GATE_SCREEN, "You reported a severe headache for the first time. If it came on suddenly and is "
				    "unlike any before, call " EMERGENCY_WORDS " now. Otherwise answer the safety "
				    "questions again before any exercise.");
	else if (m & RS_FIRST)
		say(v, GATE_SCREEN, "Before your first session, answer the safety questions.");
	else if (m & RS_FLARE)
		say(v, GATE_SCREEN, "A flare-up began since your last safety screen: answer the questions again "
				    "before any exercise.");
	else if (m & (RS_NEW_REGION | RS_JUMP))
		say(v, GATE_SCREEN, "Your check-in shows %s since your last safety screen: answer the questions again "
				    "before any exercise.",
		    m & RS_NEW_REGION ? "pain in a new place" : "a jump in pain of 3 points or more");
	else
		say(v, GATE_SCREEN, "Your last safety screen is more than four weeks old: answer the questions again "
				    "before any exercise.");
}

/* A routine of the gentle programme the catalog has: breathing first, then release. */
static const char *gentle_alternative(const struct catalog *c)
{
	static const enum module order[] = { MOD_BREATHING, MOD_RELEASE, MOD_RELAXATION };
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		for (size_t i = 0; i < c->n_rt; i++)
			if (c->rt[i].module == order[k] && routine_is_gentle(c, &c->rt[i]))
				return c->rt[i].id;
	return NULL;
}

static bool in_routine(const struct catalog *c, const char *routine, const struct exercise *e)
{
	const struct routine *r = routine ? catalog_routine(c, routine) : NULL;
	if (!r || r->module != MOD_POSTURE_BREAK)
		return false;
	for (size_t i = 0; i < r->n_items; i++)
		if (!strcmp(r->items[i].exercise, e->id))
			return true;
	return false;
}

void gate_check(const struct catalog *c, const struct safety_status *s, const struct gate_ask *a,
		struct gate_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->allowed = true;
	v->level = s->level;
	v->advice = s->advice;
	v->neck_ok = s->neck_ok;
	v->see_someone = s->flare.active && s->flare.high_days >= FLARE_SEE_SOMEONE_DAYS;
	bool high_pain = a->pain_before >= PAIN_GENTLE_ONLY;
	v->gentle = s->gentle || s->flare.active || high_pain;
	v->gentle_why = high_pain ? "pain of 8 or more before the session"
		      : s->flare.active ? "a flare-up"
		      : s->gentle ? "a safety answer not yet seen to by a clinician" : NULL;
	if (s->must_screen) {
		v->must_screen = s->must_screen;
		screen_reason(v, s->must_screen);
		return;
	}
	if (!s->allowed) {
		if (s->held && !s->warning_open)
			say(v, GATE_WARNING_SIGN, "An earlier safety screen found a sign that needs a clinician first; "
						  "answering the questions again does not lift it.");
		else if (s->warning_open)
			say(v, GATE_WARNING_SIGN, "A warning sign came up during exercise.");
		else
			say(v, GATE_WARNING_SIGN, "Your last safety screen found a warning sign.");
		return;
	}
	const struct exercise *e = a->exercise;
	switch (a->entry) {
	case GATE_START:
	case GATE_RESUME:
	case GATE_WEB_PLAYER: /* a routine about to run, as start: the same rules */
		if (a->entry == GATE_RESUME && a->resume_stopped) {
			say(v, GATE_NO_RESUME, "That session was ended because of %s, so it cannot be resumed. Start a new "
					       "one when you are ready.",
			    a->resume_stopped == 1 ? "a warning sign" : "pain of 8 or more");
			break;
		}
		if (a->routine && !routine_is_gentle(c, a->routine) && (s->flare.active || high_pain)) {
			v->alternative = gentle_alternative(c);
			say(v, GATE_GENTLE_ONLY, "%s allows only a gentle routine today, not %s.",
			    high_pain ? "Pain of 8 or more" : "A flare-up", a->routine->name);
		}
		break;
	case GATE_PLAN_RESUME:
		if (e && e->screen == SCREEN_NECK && !s->neck_ok)
			say(v, GATE_NECK_LOCKED, "%s stays locked: %s. Only a clinician's clearance recorded after it "
						 "unlocks it.", e->name,
			    s->neck_locked ? "a warning sign or a screen answer locked it" : "the neck screen is not clear");
		else if (a->paused_by_warning && s->last_clearance_ms < a->paused_ms)
			say(v, GATE_WARNING_SIGN, "%s was paused because of a warning sign; it comes back only after a "
						  "clinician's clearance is recorded.", e ? e->name : "It");
		break;
	case GATE_BREAK_REMINDER:
	case GATE_BREAK_START:
	case GATE_BREAK_PLAY:
		if (!e)
			break;
		if (!in_routine(c, a->break_routine, e))
			say(v, GATE_NOT_A_BREAK, "Break resets are the exercises of the posture-break routine; %s is not "
						 "one of them.", e->name);
		else if (e->screen == SCREEN_NECK && (!s->neck_ok || v->gentle))
			say(v, GATE_NECK_LOCKED, "%s is locked: the neck screen is not clear.", e->name);
		else if (e->gentle_skip && v->gentle)
			say(v, GATE_NOT_GENTLE, "%s is left out for now because of %s.", e->name, v->gentle_why);
		break;
	case GATE__COUNT:
		break;
	}
}

bool clearance_ok(const char *note, int day, int screen_day, int today, const char **why)
{
	if (day < screen_day) {
		*why = "the day you were seen must be on or after the day of the screen it clears";
		return false;
	}
	if (day > today) {
		*why = "the day you were seen cannot be in the future";
		return false;
	}
	/* words, letters and digits, and the real words among them: CLEARANCE_REAL_LETTERS
	 * letters or more (a character outside ASCII counts once), at least two different */
	int words = 0, chars = 0, real = 0;
	const unsigned char *first = NULL;
	size_t first_len = 0;
	const unsigned char *p = (const unsigned char *)note;
	while (*p) {
		while (*p && isspace(*p))
			p++;
		if (!*p)
			break;
		const unsigned char *w = p;
		int letters = 0;
		for (; *p && !isspace(*p); p++) {
			letters += isalpha(*p) || (*p >= 0x80 && (*p & 0xC0) != 0x80);
			chars += isalnum(*p) || *p >= 0x80;
		}
		words++;
		if (letters < CLEARANCE_REAL_LETTERS)
			continue;
		if (!first) {
			first = w;
			first_len = (size_t)(p - w);
			real = 1;
		} else if (real == 1 && ((size_t)(p - w) != first_len || strncasecmp((const char *)w, (const char *)first,
										  first_len))) {
			real = 2;
		}
	}
	if (words < CLEARANCE_MIN_WORDS || chars < CLEARANCE_MIN_CHARS || real < CLEARANCE_MIN_REAL) {
		*why = "say who you saw and what they said, in a few words (for example: \"Dr Rossi, GP: no concern, "
		       "exercise is fine\")";
		return false;
	}
	return true;
}
