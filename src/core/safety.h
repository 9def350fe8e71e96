/* safety.h: whether exercise may go on, pure. From the stored screenings, clearances
 * and check-ins (read by src/app/safety.c) it works out the person's safety status:
 * whether the screen must be answered (again) first, whether a warning sign is open,
 * whether sessions run the gentle way, and whether head-over-the-edge neck work is
 * locked. gate_check() then decides one request to exercise (a session, a resume, a
 * break reset) against that status; src/app/gate.c is the one place that calls it for
 * every way into exercise. docs/safety.md lists every rule with its test. */
#ifndef UNHUNCH_SAFETY_H
#define UNHUNCH_SAFETY_H
#include "checkin.h"
#include "content.h"
#include "plan.h"
#include "screen.h"
#include <stdint.h>

/* One stored screening, as the rules read it. */
struct safety_screen {
	int64_t id, at_ms;
	int day;                 /* local day of at_ms */
	enum urgency level;      /* as stored: the result when it was answered */
	bool neck_clear;         /* every neck question answered no */
	const struct screen_answer *answers;
	size_t n_answers;
	const bool *locks;       /* per answer (may be NULL): stored as locking head-over-the-edge
				  * work when given; a yes locks when this or today's content says so */
};

/* One stored clearance. */
struct safety_clearance {
	int64_t at_ms;           /* when it was recorded */
	int day;                 /* the day the clinician was seen */
	int64_t screening_id;    /* the screening it was recorded for */
};

/* Why the screen must be answered before exercise goes on (bits). */
enum rescreen_why {
	RS_FIRST = 1u << 0,      /* never answered */
	RS_DUE = 1u << 1,        /* older than SCREEN_VALID_DAYS, or dated in the future */
	RS_NEW_REGION = 1u << 2, /* a check-in since names pain in a new place */
	RS_JUMP = 1u << 3,       /* a check-in since is RESCREEN_JUMP or more above the one before */
	RS_FLARE = 1u << 4,      /* a flare-up began since */
	RS_CHEST = 1u << 5,      /* new chest pain: the heart questions come first */
	RS_HEADACHE = 1u << 6,   /* a first severe headache */
	RS_NO_QUESTIONS = 1u << 7, /* no questions loaded: nothing can be asked, so nothing runs */
};
#define RESCREEN_JUMP 3      /* points above the check-in before */
#define HEADACHE_SEVERE 7    /* a headache this high, never reported before, is flagged */
#define PAIN_GENTLE_ONLY 8   /* pain this high before a session allows only a gentle routine */

/* What one check-in brings up, compared with the check-ins recorded before it (any
 * order) and the regions the latest assessment named (bits of enum region): RS_* bits
 * among RS_NEW_REGION, RS_JUMP, RS_CHEST and RS_HEADACHE. A new place counts only when
 * there is something to compare with (an earlier check-in or an assessment); new chest
 * pain always counts. */
unsigned checkin_news(const struct checkin *c, const struct checkin *before, size_t n_before, unsigned known_regions);

/* What the check-ins so far add up to, for comparing the next one with them: built one
 * check-in at a time (in any order), so that going through n check-ins is linear. */
struct checkin_past {
	size_t n;
	unsigned seen;                   /* regions with pain in any of them */
	bool severe_headache;            /* any of them */
	struct {
		int value;               /* in the latest that has one, or -1 */
		const char *date;
		int64_t at_ms;
	} latest[REG__COUNT + 1];        /* [REG__COUNT]: overall pain */
};
void checkin_past_init(struct checkin_past *p);
void checkin_past_add(struct checkin_past *p, const struct checkin *c);
/* checkin_news() of c against what p adds up to. */
unsigned checkin_past_news(const struct checkin *c, const struct checkin_past *p, unsigned known_regions);

struct safety_facts {
	const struct catalog *cat;
	const struct safety_screen *screens;   /* in the order recorded (the last is the latest) */
	size_t n_screens;
	const struct safety_clearance *clearances;
	size_t n_clearances;
	const struct checkin *checkins;        /* as recorded: by date, then time */
	size_t n_checkins;
	unsigned known_regions;                /* regions the latest assessment named */
	struct flare flare;                    /* plan_flare() up to today */
	int64_t now_ms;
	/* when set, news_of(news_arg, since_ms) stands for safety_news_since(f, since_ms)
	 * (a fold kept up to date, app/safety-fold.c) and checkins are not read */
	unsigned (*news_of)(void *news_arg, int64_t since_ms);
	void *news_arg;
};

struct safety_status {
	bool screened;            /* a screen (not only a warning sign) was answered */
	enum urgency level;       /* the latest result (a warning sign counts as "days") */
	bool cleared;             /* a clinician's clearance is recorded for it */
	bool allowed;             /* its result lets exercise go on */
	bool warning_open;        /* the latest result is a warning sign during exercise */
	bool held;                /* an earlier "today" or "days" result not yet cleared holds
				   * (level and advice are its, when worse than the latest) */
	unsigned must_screen;     /* enum rescreen_why: exercise waits until the screen is answered */
	bool gentle;              /* a routine-level answer not yet seen to: the gentle way */
	bool neck_ok;             /* head-over-the-edge neck work allowed */
	bool neck_locked;         /* locked by a past yes or a warning sign until a clearance after it */
	int64_t neck_lock_ms;     /* since when */
	const char *neck_lock_id; /* the answer that locked it (a question id or SCREEN_WARNING_ID) */
	int64_t last_clearance_ms;/* 0 when none */
	const char *advice;       /* who to see for the latest result, or NULL */
	struct flare flare;
};
void safety_status(const struct safety_facts *f, struct safety_status *out);
/* What the check-ins recorded after since_ms call for (RS_NEW_REGION, RS_JUMP, RS_CHEST,
 * RS_HEADACHE against the check-ins before each, RS_FLARE from f->flare): the part of
 * must_screen that safety_status() reads from f->checkins. */
unsigned safety_news_since(const struct safety_facts *f, int64_t since_ms);

/* Every way into exercise. A new front end (the HTTP server, the web player) adds its
 * entry here and in src/app/gate.c's table; tests/cli/t-gate.sh checks every entry. */
enum gate_entry {
	GATE_START,           /* `start` with or without a routine */
	GATE_RESUME,          /* `start --resume`, or yes to "resume there?" */
	GATE_PLAN_RESUME,     /* `plan --resume EXERCISE`: a paused exercise back in */
	GATE_BREAK_REMINDER,  /* the break coach about to remind of a reset */
	GATE_BREAK_START,     /* Start on a break reminder */
	GATE_BREAK_PLAY,      /* `breaks play EXERCISE` */
	GATE_WEB_PLAYER,      /* Start or Resume in the web player (the server's pass route) */
	GATE__COUNT
};
extern const char *const gate_entry_names[GATE__COUNT + 1]; /* "start", "resume", ... */

struct gate_ask {
	enum gate_entry entry;
	const struct routine *routine;   /* start, resume: what is about to run */
	const struct exercise *exercise; /* plan --resume and the break entries: the exercise */
	const char *break_routine;       /* break entries: the posture-break routine in use */
	int pain_before;                 /* 0-10; -1 not asked yet */
	bool paused_by_warning;          /* plan --resume: a warning sign paused it, at paused_ms */
	int64_t paused_ms;
	int resume_stopped;              /* resume: the session was ended for safety: 1 a warning sign,
					  * 2 pain of PAIN_END_SESSION or more; 0 not */
};

enum gate_why {
	GATE_OK,
	GATE_SCREEN,         /* the screen must be answered first (must_screen) */
	GATE_WARNING_SIGN,   /* a screen answer or a warning sign needs a clinician (advice) */
	GATE_NECK_LOCKED,    /* head-over-the-edge work is locked */
	GATE_GENTLE_ONLY,    /* a flare-up or high pain: only a gentle routine (alternative) */
	GATE_NOT_GENTLE,     /* the exercise is left out while sessions run the gentle way */
	GATE_NOT_A_BREAK,    /* breaks: only the exercises of the posture-break routine */
	GATE_NO_RESUME,      /* the session was ended for safety: it cannot be resumed */
};

#define GATE_REASON_MAX 400

struct gate_verdict {
	bool allowed;
	enum gate_why why;
	char reason[GATE_REASON_MAX]; /* why not, in plain words; "" when allowed */
	unsigned must_screen;         /* GATE_SCREEN: answer the screen, then ask again */
	enum urgency level;
	const char *advice;           /* who to see and how soon, or NULL */
	bool gentle;                  /* the session runs the gentle way: half doses, no neck
				       * stretches or neck-screened exercises */
	const char *gentle_why;       /* in plain words, or NULL */
	bool neck_ok;                 /* head-over-the-edge work allowed in this session */
	const char *alternative;      /* GATE_GENTLE_ONLY: a gentle routine to start instead */
	bool see_someone;             /* a flare-up high for FLARE_SEE_SOMEONE_DAYS days or more */
};

/* Decide one request to exercise. */
void gate_check(const struct catalog *c, const struct safety_status *s, const struct gate_ask *a,
		struct gate_verdict *v);

/* Is a routine one of the gentle programme's: not the activation module, and not one
 * exercise of the activation (strengthening) category in it, whatever its label? */
bool routine_is_gentle(const struct catalog *c, const struct routine *r);

/* A clearance must name a day on or after the screen it clears and not in the future,
 * and say something (at least CLEARANCE_MIN_WORDS words, CLEARANCE_MIN_CHARS letters
 * or digits, and CLEARANCE_MIN_REAL different words of CLEARANCE_REAL_LETTERS letters
 * or more): who was seen and what they said. False with why in plain words. */
#define CLEARANCE_MIN_WORDS 3
#define CLEARANCE_MIN_CHARS 12
#define CLEARANCE_MIN_REAL 2
#define CLEARANCE_REAL_LETTERS 3
bool clearance_ok(const char *note, int day, int screen_day, int today, const char **why);

#endif
