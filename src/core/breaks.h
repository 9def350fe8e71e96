/* breaks.h: the workday break scheduler. Pure logic: no I/O, no clock. The caller
 * passes the time (Unix ms, with the local UTC offset for work hours), how long the
 * user has been idle, and whether do-not-disturb is on; the scheduler returns what to
 * show, the events to log, and the absolute time it next needs to be called.
 *
 * Rules (each is a row or a branch of brk_update(); defaults in brk_config_default()):
 *  - a micro-break with one posture reset after every `every_ms[BRK_MICRO]` of work
 *    (30 min), a movement break after every `every_ms[BRK_MOVE]` (60 min); when both
 *    are due, the movement break is shown and counts for both;
 *  - only inside work hours (days and a start-end time, local); outside, the timers
 *    are reset and nothing is shown;
 *  - work time counts only while the user is present: idle for `away_ms` or more
 *    pauses the timers from the moment the idle began;
 *  - an idle stretch at least as long as a break counts as that break taken
 *    ("natural");
 *  - an answer "In 5 min" postpones by `postpone_ms`; "Skip" restarts the timer; in
 *    strict mode at most `skips_per_day` skips a day (then Skip is not offered);
 *  - notification-only mode shows the reminder without actions and counts it done;
 *  - do-not-disturb postpones a due reminder by `postpone_ms`;
 *  - a reminder not answered within `answer_ms` is withdrawn and its timer restarts. */
#ifndef UNHUNCH_BREAKS_H
#define UNHUNCH_BREAKS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BRK_NO_DEADLINE INT64_MAX

struct catalog;

enum brk_kind { BRK_MICRO, BRK_MOVE, BRK__COUNT };
extern const char *const brk_kind_names[BRK__COUNT + 1]; /* "micro", "move" */

enum brk_event_kind { BEV_SHOWN, BEV_TAKEN, BEV_POSTPONED, BEV_SKIPPED, BEV_NATURAL, BEV__COUNT };
extern const char *const brk_event_names[BEV__COUNT + 1]; /* "shown", "taken", ... */

enum brk_mode { BMODE_NORMAL, BMODE_NOTIFY_ONLY, BMODE_STRICT, BMODE__COUNT };
extern const char *const brk_mode_names[BMODE__COUNT + 1]; /* "normal", "notify-only", "strict" */

enum brk_action { BACT_START, BACT_POSTPONE, BACT_SKIP };

struct brk_config {
	int64_t every_ms[BRK__COUNT];  /* work time between two breaks of a kind */
	int64_t length_ms[BRK__COUNT]; /* a break's length; idle this long counts as one */
	int64_t postpone_ms;           /* "In 5 min", and do-not-disturb */
	int64_t away_ms;               /* idle this long: away, the timers pause */
	int64_t answer_ms;             /* an unanswered reminder is withdrawn after this */
	enum brk_mode mode;
	int skips_per_day;             /* strict mode only */
	unsigned work_days;            /* bit d: day d is a work day (0 Sunday .. 6 Saturday) */
	int work_start_min, work_end_min; /* minutes after local midnight, start < end */
};

/* 30 min / 1 min micro, 60 min / 5 min move, postpone 5 min, away after 1 min,
 * answer within 2 min, normal mode, 2 skips a day in strict mode, Mon-Fri 09:00-18:00. */
void brk_config_default(struct brk_config *c);

struct brk_input {
	int64_t now;       /* Unix ms */
	int utc_offset_s;  /* local time minus UTC at now (tm_gmtoff) */
	int64_t idle_ms;   /* how long the user has been idle at now; 0 when active or unknown */
	bool dnd;          /* do-not-disturb, or a full-screen window */
};

struct brk_event {
	enum brk_event_kind what;
	enum brk_kind kind;
	const char *exercise; /* the reset offered; "" when none */
	int64_t at;
	const char *detail;   /* why, e.g. "do not disturb"; "" when none */
};

/* A reminder to show (valid until the next call when show is true). */
struct brk_show {
	enum brk_kind kind;
	const char *exercise;
	bool actions;      /* false in notification-only mode */
	bool can_skip;     /* false in strict mode once the day's skips are used */
};

#define BRK_MAX_EVENTS 8

struct brk_sched {
	struct brk_config cfg;
	const char *const *rotation; /* exercise ids for micro-breaks, in turn (not owned) */
	size_t n_rotation, next_ex;
	const char *move_exercise;   /* for movement breaks (not owned); may be NULL */
	int64_t last;                /* time of the last input */
	bool counting;               /* last was inside work hours */
	int64_t worked[BRK__COUNT];  /* work time since the last break of each kind */
	int64_t postponed_until[BRK__COUNT]; /* 0 when not postponed */
	const char *postponed_ex[BRK__COUNT]; /* the reset offered again when it comes back */
	bool away;
	int64_t away_since;
	bool natural_done[BRK__COUNT]; /* this away stretch was already counted as a break */
	int pending;                 /* kind of the reminder waiting for an answer, or -1 */
	const char *pending_ex;
	int64_t pending_at;
	int64_t day;                 /* local day number the skip count is for */
	int skips_today;
	/* Effects of the last call */
	struct brk_event ev[BRK_MAX_EVENTS];
	size_t n_ev;
	bool show;                   /* show `reminder` */
	struct brk_show reminder;
	bool withdraw;               /* take the reminder shown before off the screen */
};

/* Start the scheduler at in->now. rotation and move_exercise must outlive it. */
void brk_init(struct brk_sched *s, const struct brk_config *cfg, const char *const *rotation,
	      size_t n_rotation, const char *move_exercise, const struct brk_input *in);
/* Time passed or the idle state changed: count work, find natural breaks, show what
 * is due. Call it at brk_deadline() and whenever the idle source reports a change. */
void brk_update(struct brk_sched *s, const struct brk_input *in);
/* The user answered the pending reminder (ignored when none is pending). */
void brk_act(struct brk_sched *s, const struct brk_input *in, enum brk_action a);
/* When to call brk_update() next (absolute Unix ms), or BRK_NO_DEADLINE. */
int64_t brk_deadline(const struct brk_sched *s, int utc_offset_s);

/* Work-hours arithmetic on Unix ms with a UTC offset. */
bool brk_in_work_hours(const struct brk_config *c, int64_t now, int utc_offset_s);
/* The next work-hours start after now, or BRK_NO_DEADLINE when no day is a work day. */
int64_t brk_next_work_start(const struct brk_config *c, int64_t now, int utc_offset_s);
/* The end of the current work period (now must be inside one). */
int64_t brk_work_end(const struct brk_config *c, int64_t now, int utc_offset_s);
/* Local day number (days since 1970-01-01 in local time). */
int64_t brk_local_day(int64_t now, int utc_offset_s);

/* What the reset rotation should favour (from the plan's factors). */
#define BRK_FOCUS_CHEST 1u     /* front tightness: chest opener */
#define BRK_FOCUS_BREATHING 2u /* stress: breathing reset */

struct factor_result;
/* The focus the plan's factors ask for (f has F__COUNT entries, see plan.h): the chest
 * opener when front tightness is moderate or strong, the breathing reset when stress
 * is; the same threshold that puts daily release and breathing in the plan. */
unsigned brk_focus_from_factors(const struct factor_result *f);

/* Fill out[0..max) with the exercise ids of routine_id, in turn, leaving out the
 * movement-break exercise; favoured exercises (focus) come every other time.
 * Ids point into the catalog. Returns the number written. */
size_t brk_rotation(const struct catalog *c, const char *routine_id, unsigned focus, const char **out,
		    size_t max);
/* The item of routine_id that runs exercise (its dose is the one to use), or NULL. */
const struct item *brk_item(const struct catalog *c, const char *routine_id, const char *exercise);
/* The exercise for movement breaks in routine_id, or NULL. */
const char *brk_move_exercise(const struct catalog *c, const char *routine_id);

#endif
