/* plan.h: the personal plan, pure logic: the assessment (questions, answers and a
 * profile of causes), the weekly plan built from that profile and the safety screen,
 * the gentle plan during a flare-up, the calendar export, and the progression rules
 * that adapt each exercise's dose from what happened.
 *
 * No I/O and no clock: days are day numbers (core/stats.h), "today" and "now" are
 * passed in. The rules are tables in plan.c; tests/unit/test_plan.c tests each one.
 * Nothing here allocates except into a strbuf the caller owns. */
#ifndef UNHUNCH_PLAN_H
#define UNHUNCH_PLAN_H
#include "content.h"
#include "reason.h"
#include "stats.h"
#include "strbuf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLAN_TEXT_MAX 320  /* bytes of a part's why (words only), with its NUL */

/* ---- assessment ---- */

enum aq {
	AQ_DESK_HOURS, AQ_WORK_DAYS, AQ_BREAKS, AQ_SLOUCH, AQ_FORWARD_HEAD, AQ_ARMS_OVERHEAD,
	AQ_CHEST_TIGHT, AQ_HIP_TIGHT, AQ_STRESS, AQ_CHEST_BREATHING, AQ_BREATH_HOLDING,
	AQ_SHALLOW_BREATHING, AQ_HEADACHE_DAYS, AQ_PAIN_WHERE, AQ_SINCE, AQ__COUNT
};

/* How an answer is written and what value it is stored as. */
enum aq_kind {
	AQK_HOURS,    /* "7.5": hours, 0-24 */
	AQK_WEEKDAYS, /* "mon-fri", "mon,wed,sat": weekday bits, bit 0 Monday */
	AQK_CHOICE,   /* "2" (1..n) or the choice's words: index 0..n-1 */
	AQK_SCORE,    /* "0".."10" */
	AQK_YESNO,    /* y/yes/n/no: 1 or 0 */
	AQK_DAYS,     /* "0".."7": days a week */
	AQK_REGIONS,  /* "neck upper-back" (region_names, core/checkin.h): region bits; "none" gives 0 */
};

struct assess_question {
	const char *id;             /* stored with the answer, e.g. "desk-hours" */
	enum aq_kind kind;
	const char *intro;          /* said before the question (a self-test), or NULL */
	const char *ask;
	const char *const *choices; /* AQK_CHOICE: NULL-terminated */
	const char *label;          /* the question without how to type the answer (a form's
				     * label, e.g. without "[y/n]"); NULL: ask as it is */
};
extern const struct assess_question assess_questions[AQ__COUNT];

#define ASSESS_SKIPPED (-1.0) /* an answer left empty */

/* Parse an answer to question q. An empty (or all blank) answer is ASSESS_SKIPPED.
 * False, with why in plain words, when the text is not a valid answer. */
bool assess_parse(enum aq q, const char *text, double *value, const char **why);
/* An answer in words, e.g. "9 hours", "often", "mon-fri", "neck, upper-back". */
void assess_describe(enum aq q, double value, struct strbuf *out);
/* The question with this id, or -1. */
int assess_find(const char *id);

enum factor { F_POSTURE, F_FRONT, F_HIPS, F_STRESS, F_NECK, F__COUNT };
extern const char *const factor_names[F__COUNT + 1];  /* "posture-load", "front-tightness", "hips-pelvis",
							* "stress-breathing", "neck-headaches" */
extern const char *const factor_titles[F__COUNT];     /* "Posture load", ... */
#define STRENGTH_MAX 3
extern const char *const strength_names[STRENGTH_MAX + 2]; /* "none", "mild", "moderate", "strong" */

struct factor_result {
	int strength;               /* 0 none .. 3 strong */
	int points;                 /* what the rules added up to */
	struct reason reason;       /* one line in plain words (reason.h: its numbers apart) */
};

struct profile {
	int day;                    /* the day of the assessment */
	double answers[AQ__COUNT];  /* ASSESS_SKIPPED where left empty */
	struct factor_result f[F__COUNT];
};

/* Score the answers into factors. Each rule of the factor table adds points when
 * an answer reaches its threshold (the first rule that fires for a factor and a
 * question counts); points give the strength: 0 none, 1-2 mild, 3-4 moderate,
 * 5 or more strong. The reason names what added the most. */
void profile_build(struct profile *p, int day, const double answers[AQ__COUNT]);

/* ---- flare-ups ---- */

struct flare {
	bool active;       /* the gentle plan is on */
	int since;         /* the flare-up day (active, or ended when ended_day >= 0) */
	double mean;       /* the mean pain of the 7 days before it: the level to come back to */
	int latest_day;    /* the latest day with pain, -1 when none */
	double latest;     /* its pain */
	int high_days;     /* days in a row, up to the latest, with pain 2 or more above mean */
	int ended_day;     /* the day pain came back within 1 point of mean; -1 while active or never */
};

/* Walk the days up to today: a day 2+ points above the mean of the 7 days before it
 * (stats_is_flare) starts a flare-up; it lasts until a day's pain is within 1 point
 * of that mean. The newest flare-up wins. */
struct flare plan_flare(const struct day *days, size_t n, int today);
/* The same walk a day at a time, for a fold kept up to date (app/safety-fold.c):
 * begin, then step for each day i up to today in order (a day without pain changes
 * nothing), then end (high_days, from the days as they are now). */
struct flare plan_flare_begin(void);
void plan_flare_step(struct flare *f, const struct day *days, size_t n, size_t i);
void plan_flare_end(struct flare *f, const struct day *days, size_t n);

#define FLARE_SEE_SOMEONE_DAYS 3 /* high for this many days: advise a clinician */

/* ---- the weekly plan ---- */

#define WD_ALL 0x7fu  /* weekday bits, bit 0 Monday .. bit 6 Sunday */
#define WD_WORK 0x1fu /* Monday to Friday */
extern const char *const weekday_names[8]; /* "mon".."sun" */

struct plan_part {
	enum module module;
	const char *routine;    /* routine id, or NULL for a single exercise */
	const char *exercise;   /* the single exercise (gentle plan), or NULL */
	const char *title;      /* e.g. "Front release" */
	unsigned days;          /* weekday bits */
	int minutes;            /* estimated length (0 when the catalog lacks it) */
	bool add_on;            /* optional, done after another part */
	bool halved;            /* gentle plan: half the usual doses */
	bool all_day;           /* spread over the workday (posture breaks) */
	int hour, minute;       /* suggested start, for the calendar */
	int factor;             /* the factor behind it (enum factor), or -1 */
	char why[PLAN_TEXT_MAX];
};

#define PLAN_MAX_PARTS 8

struct plan_input {
	const struct profile *profile; /* NULL: no assessment yet (the starting plan) */
	const struct catalog *cat;     /* for session lengths; may be NULL */
	bool screened;                 /* a safety screen exists */
	bool allowed;                  /* the screen lets exercise go on (gate_decide) */
	bool neck_clear;               /* the neck screen was passed */
	struct flare flare;
	int today;                     /* for the reassessment nudge; -1 to leave it out */
	bool screen_gentle;            /* a routine-level answer not yet seen to: sessions run gently */
	bool screen_due;               /* the screen must be answered again (safety_status) */
	struct course course;          /* stats_course(): a note when it calls for a clinician */
	bool screen_told;              /* the caller says itself that the screen is needed (the
					* today screen): the note leaves it out */
};

#define REASSESS_DAYS 14 /* offer the assessment again after two weeks */

struct plan {
	bool assessed;
	int assessed_day;
	bool allowed;
	bool gentle;                   /* a flare-up: the gentle plan */
	struct flare flare;
	unsigned work_days;
	size_t n_parts;
	struct plan_part parts[PLAN_MAX_PARTS];
	struct reason note;            /* what is unusual about the plan, in plain words (reason.h:
					* its numbers apart); empty when nothing */
};

/* Build the plan from the part table: for each module the first rule whose factor
 * reaches its strength applies. A flare-up gives the gentle table instead; a screen
 * that does not allow exercise gives no parts. */
void plan_build(const struct plan_input *in, struct plan *out);
/* What differs between two plans, part by part (by module), one line each in plain
 * words: "Front release: daily (was Mon, Wed, Fri). Daily: your chest ...". Appends
 * nothing when they are the same; returns the number of lines. */
size_t plan_compare(const struct plan *old, const struct plan *now, struct strbuf *out);
/* Massage in the plan (the method combines it with training): what it holds and why,
 * in plain words ("" when exercise is not allowed), and the days of the 7 ending today
 * with a professional massage recorded in a check-in (out: up to 7, oldest first;
 * returns how many). */
void plan_massage_advice(const struct plan *p, struct strbuf *out);
size_t plan_massage_days(const struct day *days, size_t n, int today, int out[7]);

/* The parts due on a day: indices into p->parts, in order; returns how many. */
size_t plan_due(const struct plan *p, int day, size_t idx[PLAN_MAX_PARTS]);
/* "daily", "Mon, Wed, Fri", "work days (Mon-Fri)" */
void plan_days_describe(unsigned days, unsigned work_days, struct strbuf *out);

/* The course of the pain in plain words when it calls for a clinician (see_clinician),
 * e.g. "Your pain is not getting better: ..."; appends nothing otherwise. The first
 * appends it with its numbers apart, the second writes it in C. */
void plan_course_reason(const struct course *k, struct reason *out);
void plan_course_advice(const struct course *k, struct strbuf *out);

/* ---- calendar (RFC 5545) ---- */

/* The plan's sessions from day `from` for n_days days, one event each, as an
 * iCalendar file: CRLF line ends, lines folded at 75 octets, a UID per event (the same
 * on every export, so a re-import updates rather than duplicates), DTSTAMP from now_ms
 * (UTC), DTSTART/DTEND in floating local time. */
void plan_ics(const struct plan *p, int from, int n_days, int64_t now_ms, struct strbuf *out);
/* Fold one content line (without its CRLF) into out, CRLF-terminated, at 75 octets
 * without splitting a UTF-8 sequence. */
void ics_fold(const char *line, struct strbuf *out);
/* Escape TEXT per RFC 5545 3.3.11 (backslash, semicolon, comma, newline). */
void ics_escape(const char *s, struct strbuf *out);

/* ---- progression ---- */

enum feeling { FEEL_NONE, FEEL_EASY, FEEL_RIGHT, FEEL_HARD, FEEL_HURT, FEEL__COUNT };
extern const char *const feeling_names[FEEL__COUNT + 1]; /* "", "easy", "right", "hard", "hurt" */

enum verdict { V_WAIT, V_HOLD, V_PROGRESS, V_REGRESS, V_PAUSE, V_RESUME, V__COUNT };
extern const char *const verdict_names[V__COUNT + 1]; /* "wait", "hold", "progress", "regress", "pause", "resume" */

#define PAIN_GREEN_MAX 3 /* 0-3 green: carry on or progress */
#define PAIN_AMBER_MAX 5 /* 4-5 amber: keep the dose if it settles; 6+ red: lower it */

/* One exercise on one day, as the user reported it. */
struct outcome {
	int day;
	enum feeling feel;
	int pain_during;   /* highest pain during and right after the session, 0-10; -1 unknown */
	bool warning;      /* a warning sign (dizziness and the like) came up */
	bool after_bad;    /* after the session, pain rose PAIN_AFTER_RISE or more, or reached
			    * PAIN_AFTER_HIGH */
};
#define PAIN_AFTER_RISE 2 /* points above the score before the session */
#define PAIN_AFTER_HIGH 6
/* Did pain after a session call for a lower dose (scores -1 when unknown)? */
bool pain_after_bad(int before, int after);

struct judge_input {
	struct outcome last;      /* the outcome being judged */
	bool has_prev;
	struct outcome prev;      /* the one before it, for the same exercise */
	int regressions_in_a_row; /* this exercise's decisions just before: trailing regressions */
	const struct day *days;   /* the check-ins folded by day (next-morning and usual pain) */
	size_t n_days;
	int today;
	int entered;              /* the day the outcome was recorded (0: the session's day); one
				   * entered later, from a paper diary, waits as long for its
				   * next-morning check-in as one entered on the day */
};

struct judgement {
	enum verdict v;
	const char *rule;          /* the rule's name, for tests and traces */
	struct reason why;         /* a sentence without its first capital or full stop */
};

/* Judge an outcome with the rule table (clinical.md §2): pain rules first and they
 * always win; lowering never waits, raising waits for the next morning's check-in
 * (V_WAIT until it exists or two days have passed). An unknown pain score holds the
 * dose; the course of the pain (stats_course) holds it while the person is not
 * improving, and keeps it from going up while the last week is above the first. */
struct judgement plan_judge(const struct judge_input *in);
/* A dose change's reason as the store keeps it (written in C: the judgement's why with
 * its first letter up and a full stop, what changed after it) read back with its
 * numbers apart, against the rules' sentences; one no rule's sentence matches (the
 * user's own changes, older wordings) is kept as words only. */
void plan_change_reason(const char *stored, struct reason *out);

/* The dose an exercise of a routine runs with. */
struct dose_state {
	const char *exercise; /* the exercise in use: the item's own, or a variant */
	int reps;             /* reps per set; 0 when the dose has none */
	int duration_s;       /* timed items; 0 otherwise */
	bool paused;          /* left out until resumed */
	/* A trainer's prescription (core/prescribe.h, app/prescribe.c) in force: its sets and
	 * hold (0: the content's), and the reps or time may lie outside the content's range,
	 * within the safe limits (RX_*). */
	int sets, hold_s;
	bool prescribed;
};

/* A dose state of exercise ex with no prescription in force. */
static inline struct dose_state dose_state_of(const char *ex, int reps, int duration_s, bool paused)
{
	return (struct dose_state){ .exercise = ex, .reps = reps, .duration_s = duration_s, .paused = paused };
}

/* The content's dose for exercise id in routine item it: the item's own dose when id is
 * the item's exercise, else the variant's own dose (the item's when it has none). */
const struct dose *slot_dose(const struct catalog *c, const struct item *it, const char *id);
/* Where an item starts: its own exercise at the low end of its ranges. */
struct dose_state dose_start(const struct catalog *c, const struct item *it);

/* Whether exercise id stands in for item it's own exercise: it is neither that
 * exercise nor one of its versions (`version_of`: the same movement at another dose). */
bool dose_replaced(const struct catalog *c, const struct item *it, const char *id);
/* Whether id is an easier stand-in on the way back: following its harder versions
 * reaches the item's own exercise. */
bool dose_leads_back(const struct catalog *c, const struct item *it, const char *id);

/* Apply a verdict. Progress adds a rep (or 15 s) within the content's range, then
 * moves to the progression variant at its lowest dose: a version of the item's own
 * exercise (longer holds, slower tempo, then more weight), the way back up to it, or
 * one that needs the neck screen when neck_clear; never another exercise. A prescribed
 * dose above the content's range goes no higher (the trainer chose it). Regress cuts a quarter (at least one rep) down to the low end
 * of the range, then moves to the regression variant at its lowest dose; pause leaves
 * the exercise out; resume brings it back at the same dose. Never leaves the content's
 * ranges. What changed is appended to what in plain words ("" when nothing did). */
struct dose_state dose_step(const struct catalog *c, const struct item *it, struct dose_state cur, enum verdict v,
			    bool neck_clear, struct strbuf *what);
/* A different exercise in place of item it's own, because the person chooses it: only
 * one the content offers for it (`instead_of`, with why), only while it runs its own
 * exercise or a version of it, not paused, at the top of its own harder steps (step by
 * step as dose_step climbs). True with *next (to at its starting dose); false with
 * why_not in plain words (no full stop). dose_step never makes this move. */
bool dose_switch(const struct catalog *c, const struct item *it, struct dose_state cur, const char *to,
		 struct dose_state *next, struct strbuf *why_not);
/* The first exercise dose_switch() would take in place of item it's own now, or NULL. */
const struct exercise *dose_offer(const struct catalog *c, const struct item *it, struct dose_state cur);
/* The gentle plan's dose: half the reps and half the time, keeping 3 reps at least
 * (one fewer than the full dose when it has 3 or fewer) and 10 s. */
struct dose_state dose_halved(struct dose_state s);
/* "12 reps", "45 s", "" */
void dose_state_describe(const struct dose_state *s, struct strbuf *out);

#endif
