/* session.h: the session engine. Pure logic: no I/O, no clock. The caller passes the
 * time (monotonic milliseconds) with every input and performs the effects the engine
 * returns (say, show, beep, persist). Inputs go through one function, engine_input();
 * the engine's state and each exercise's status change only through engine_move() and
 * engine_item_move(), which check the move against a table (like curl's mstate()).
 *
 * A routine is run item by item. Each item is expanded, when it starts, into a list
 * of segments (get ready, rep phases, holds, contract/relax cycles, side switches,
 * rests, timed stretches). A segment with a duration ends at an absolute deadline;
 * the next segment starts at that deadline, not at "now", so cues never drift. */
#ifndef UNHUNCH_SESSION_H
#define UNHUNCH_SESSION_H
#include "content.h"
#include "plan.h"
#include "strbuf.h"
#include <stdint.h>

#define ENGINE_NO_DEADLINE INT64_MAX
#define PAIN_STOP_ABOVE 5  /* pain above this stops the exercise */
#define PAIN_STOP_RISE 2   /* so does a rise of this much over the starting score */
#define PAIN_END_SESSION 8 /* pain this high during an exercise ends the whole session */
/* Said before a neck-screened exercise, whose get-ready waits for "done". */
#define ENGINE_ACK_WORDS "Press enter when you have heard these cautions and are ready to begin."
#define ENGINE_STALL_MS 5000 /* a tick this late (suspend, Ctrl-Z) pauses instead of catching up */

enum seg_kind {
	SEG_READY,    /* name, purpose and steps; get-ready countdown */
	SEG_PHASE,    /* one timed phase of a rep or breath (up, hold, down, inhale, exhale) */
	SEG_REP_WAIT, /* self-paced rep: waits for "done" */
	SEG_CONTRACT, /* contract/relax cycle: contract at a position */
	SEG_RELAX,
	SEG_SWITCH,   /* change side or direction */
	SEG_REST,     /* between sets */
	SEG_TIMED,    /* a timed stretch, massage or relaxation */
	SEG__COUNT
};
extern const char *const seg_kind_names[SEG__COUNT + 1];

struct segment {
	enum seg_kind kind;
	enum phase phase;   /* SEG_PHASE only */
	int set_no, n_sets; /* from 1 */
	int side;           /* index into the dose's side/direction names; -1 when none */
	int rep, n_reps;    /* rep i of n (from 1); 0 when not a rep */
	int position;       /* cycles: index of the position; -1 otherwise */
	int64_t dur_ms;     /* 0 for segments that wait for input */
	bool unit_end;      /* last segment of a set (of one side): the set is recorded when it ends */
	bool rep_end;       /* a rep is counted when this segment ends */
	char *say;          /* spoken when the segment starts; may be NULL */
};

enum effect_kind {
	FX_SHOW,        /* the screen changed: redraw */
	FX_SAY,         /* speak text */
	FX_BEEP,        /* a short tone: a countdown ended */
	FX_SET_DONE,    /* persist: a set (of one side) was completed */
	FX_EXERCISE_END,/* persist: an exercise ended (done, skipped or stopped) */
	FX_PAIN,        /* persist: a pain report and what was done about it */
	FX_SESSION_END, /* persist: the session ended (finished, quit, or stopped for safety:
			 * text says why, in words to show) */
	FX_FEEL,        /* persist: how an exercise felt (status: enum feeling of plan.h) */
};

struct effect {
	enum effect_kind kind;
	const char *text;         /* FX_SAY: words; FX_PAIN: the action taken */
	int item;                 /* index in the routine */
	const char *exercise_id;
	int set_no;
	const char *side;         /* "" when none */
	int reps_target, reps_done;
	int64_t duration_ms;
	int status;               /* FX_EXERCISE_END: 0 done, 1 skipped, 2 stopped; FX_SESSION_END: 1 finished,
				   * 2 quit, 3 stopped for safety (engine.stop says why) */
	int score;                /* FX_PAIN */
};

/* IN_SYMPTOM: dizziness or another warning sign (vision, speech, swallowing, numbness,
 * unsteadiness, nausea): the exercise and the session stop at once. */
/* IN_FEEL: the answer to "how did it feel" (score: enum feeling of plan.h). */
enum input_kind { IN_TICK, IN_PAUSE, IN_RESUME, IN_TOGGLE, IN_SKIP, IN_BACK, IN_DONE, IN_HURT, IN_SYMPTOM, IN_FEEL, IN_QUIT };

struct input {
	enum input_kind kind;
	int64_t now;   /* monotonic ms */
	int score;     /* IN_HURT: 0-10 */
};

/* Where the session is. The values of the first five are stable (the web player's
 * export layer names them); the moves allowed between them are the table in session.c
 * (engine_state_allowed):
 *   NEW     -> RUNNING, DONE (nothing to run)
 *   RUNNING -> RUNNING (next exercise), PAUSED, OFFER, ASK, DONE
 *   PAUSED  -> RUNNING, OFFER (pain typed while paused), DONE
 *   OFFER   -> RUNNING, DONE
 *   ASK     -> RUNNING, DONE
 *   DONE    -> nothing */
enum engine_state {
	ENGINE_RUNNING,
	ENGINE_PAUSED,
	ENGINE_OFFER, /* pain stopped the exercise: an easier way is offered */
	ENGINE_ASK,   /* after an exercise, how did it feel (answered or not, it moves on) */
	ENGINE_DONE,
	ENGINE_NEW,   /* before engine_init() started it, one it refused, or released */
	ENGINE__COUNT
};
extern const char *const engine_state_names[ENGINE__COUNT + 1]; /* "running", ... "new" */

/* Where one exercise of the session is. Moves (engine_item_allowed):
 *   WAITING  -> ACTIVE, LEFT_OUT
 *   ACTIVE   -> ACTIVE (started again), WAITING (back to the one before), DONE, SKIPPED, STOPPED
 *   DONE     -> ACTIVE (back into it), STOPPED (pain of 8 or a warning sign right after it)
 *   SKIPPED  -> ACTIVE (back into it)
 *   STOPPED  -> ACTIVE only as the easier version offered (run_item.replaced): a stopped
 *               exercise is never started again at full dose
 *   LEFT_OUT -> nothing
 * Items before a resumed session's first stay WAITING (done in the earlier run). An
 * item the session ended during (quit) stays ACTIVE. */
enum item_status {
	ITEM_WAITING,
	ITEM_ACTIVE,
	ITEM_DONE,
	ITEM_SKIPPED,
	ITEM_STOPPED,  /* stopped for pain or a warning sign */
	ITEM_LEFT_OUT, /* paused by the plan, needs a screen not passed and has no safe variant,
			* or not part of a gentle session */
	ITEM__COUNT
};
extern const char *const item_status_names[ITEM__COUNT + 1]; /* "waiting", ... "left-out" */

/* One exercise of the session as it will run (the routine item, or what replaced it). */
struct run_item {
	const struct exercise *ex;
	struct dose dose;   /* shallow copy of the content's dose, reps possibly changed */
	int reps;           /* reps per set the engine counts */
	int duration_s;     /* for timed items */
	int hold_s;         /* a prescribed hold at the top of each rep (0: the dose's own) */
	bool replaced;      /* swapped for an easier version after pain, or for safety */
	enum item_status status; /* changed by engine_item_move() only */
};

/* What the gate (src/app/gate.h) lets a session do. The engine refuses to start
 * without one: every way into exercise has to ask the gate for it. Only app_gate()
 * seals a pass; a pass says what the safety rules allow, the engine applies it. */
#define SESSION_PASS_SEAL 0x5afe6a7eu
struct session_pass {
	unsigned seal;       /* SESSION_PASS_SEAL, set by app_gate() when the gate said yes */
	int entry;           /* enum gate_entry (core/safety.h): who asked, for traces */
	bool neck_ok;        /* head-over-the-edge work allowed */
	bool gentle;         /* the gentle way: half doses; neck-screened exercises and those
			      * marked `gentle: false` (neck stretches) are left out */
};

struct engine_opts {
	enum pacing pacing;  /* PACE_DEFAULT: as the content says */
	int pain_before;     /* 0-10, or -1 when not asked */
	int resume_item;     /* start at this item (0 for a new session) */
	int resume_units;    /* sets (of one side) of that item already recorded */
	const struct dose_state *doses; /* per routine item, from the plan (NULL: the content's) */
	bool ask_feel;       /* after each exercise, ask how it felt (for the plan) */
	const struct session_pass *pass; /* from the gate; required */
};

/* Why a session was stopped for safety (FX_SESSION_END status 3). */
enum engine_stop { STOP_NONE, STOP_PAIN, STOP_WARNING };

struct engine {
	const struct catalog *cat;
	const struct routine *rt;
	struct engine_opts opt;
	struct run_item *items;
	size_t n_items;
	size_t item;              /* current item */
	struct segment *seg;      /* segments of the current item */
	size_t n_seg, alloc_seg;
	size_t cur;               /* current segment */
	int64_t seg_start;        /* absolute start of the current segment */
	int next_count;           /* next countdown number to say in this segment; 0 when none */
	int64_t paused_left;      /* while paused: ms left in the segment */
	enum engine_state state;  /* changed by engine_move() only */
	int reps_done;            /* in the current item */
	int units_done;           /* sets recorded in the current item */
	int64_t item_start, unit_start;
	int64_t started;          /* session start */
	int offer_reps;           /* ENGINE_OFFER: reps for the fewer-reps option */
	const struct exercise *offer_ex; /* ENGINE_OFFER: the easier exercise offered */
	struct strbuf offer;             /* ENGINE_OFFER: the offer in words */
	bool warning_sign;               /* a warning sign was reported during this session */
	enum engine_stop stop;           /* why the session was stopped for safety */
	const char *stop_advice;         /* a safety stop: what to do now (static text), for a front
					  * end to leave on screen once a full-screen player is gone */
	int64_t ask_until;               /* ENGINE_ASK: when it moves on unanswered */
	struct effect *fx;
	size_t n_fx, alloc_fx;
	char **texts;             /* copies of this call's effect texts, freed at the next call */
	size_t n_texts, alloc_texts;
};

/* Prepare a session of routine r at time now (monotonic ms). Returns -1 when the
 * routine cannot run (an exercise is missing), ENGINE_NO_PASS when opt has no sealed
 * pass from the gate. Effects of the start are in e->fx. */
#define ENGINE_NO_PASS (-2)
int engine_init(struct engine *e, const struct catalog *c, const struct routine *r,
		const struct engine_opts *opt, int64_t now);
void engine_release(struct engine *e);

/* The one input function. Effects are in e->fx[0..n_fx) until the next call. */
void engine_input(struct engine *e, struct input in);

/* The one place the engine's state (engine_move) and an item's status (engine_item_move)
 * change. Each checks the move against its table above; a move not in it is a bug of
 * the engine, reported by BUG() (core/bug.h), which aborts a debug build. Where BUG()
 * returns instead (a release build, or a test's bug_handler), the move is refused:
 * false, nothing changed. why names the cause in a few words, for a debugger.
 * Front ends never call these: they send inputs. */
bool engine_move(struct engine *e, enum engine_state to, const char *why);
bool engine_item_move(struct engine *e, size_t item, enum item_status to, const char *why);
/* Whether the tables allow a move (for an item, STOPPED -> ACTIVE also needs replaced). */
bool engine_state_allowed(enum engine_state from, enum engine_state to);
bool engine_item_allowed(enum item_status from, enum item_status to, bool replaced);

/* When the engine next needs a tick (absolute ms), or ENGINE_NO_DEADLINE. */
int64_t engine_deadline(const struct engine *e);

/* What to show */
const struct segment *engine_segment(const struct engine *e);
const struct run_item *engine_current(const struct engine *e);
const struct run_item *engine_next_item(const struct engine *e);
/* Whole seconds left in the current segment at now (rounded up); 0 for waits. */
int engine_seconds_left(const struct engine *e, int64_t now);
/* Estimated seconds left in the whole session. */
int engine_remaining_s(const struct engine *e, int64_t now);
/* Side or direction name of the current segment, or "". */
const char *engine_side_name(const struct engine *e);
/* The offer made after pain, in words (ENGINE_OFFER only). */
const char *engine_offer_text(const struct engine *e);

/* Seconds a hands-free run of routine r takes as the engine builds it: every get-ready,
 * rep phase, hold, cycle, side switch and rest at the doses given (one per item, from
 * the plan; NULL: the content's, at the low end of its ranges), the gentle way when
 * gentle, and with half the "how did it feel" wait after each exercise when
 * ask_feel (answered at once or left to go on, a run is within 5 % of it). Items the plan paused are left out. The one estimate of a routine's length:
 * `routines`, `show`, the plan and the player all use it. */
int routine_run_s(const struct catalog *c, const struct routine *r, const struct dose_state *doses, bool gentle,
		  bool ask_feel);
/* That length as `routines` shows it, to the second like the player's clock ("15:26"):
 * whole minutes would be up to half a minute off, and a run with no key at all is
 * within 5 % of the seconds but not of the minutes (issue 19.4). */
void run_time_describe(int seconds, struct strbuf *out);
/* That length to the nearest minute, at least 1, for "about N min" (the plan, `show`,
 * the web pages). */
int run_minutes(int seconds);

/* Would this pain score stop an exercise, given the score before the session? */
bool pain_stops(int score, int pain_before);

#endif
