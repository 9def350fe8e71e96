/* content.h: the content model (exercises, doses, routines) and pure checks on it.
 *
 * A catalog owns everything it holds; strings inside are freed by catalog_free().
 * Positions (struct pos) point at the file name strings the catalog keeps in
 * catalog.files, so they live as long as the catalog. */
#ifndef UNHUNCH_CONTENT_H
#define UNHUNCH_CONTENT_H
#include "diag.h"
#include "idindex.h"
#include "pose.h"
#include <stdbool.h>
#include <stddef.h>

enum category { CAT_RELEASE, CAT_ACTIVATION, CAT_MOBILITY, CAT_BREATHING, CAT_RELAXATION, CAT_POSTURE, CAT__COUNT };
enum module { MOD_RELEASE, MOD_ACTIVATION, MOD_BREATHING, MOD_RELAXATION, MOD_POSTURE_BREAK, MOD__COUNT };
enum screen { SCREEN_NONE, SCREEN_NECK, SCREEN__COUNT };
enum pacing { PACE_DEFAULT, PACE_TIMED, PACE_SELF, PACE__COUNT };
enum per_kind { PER_NONE, PER_SIDE, PER_DIRECTION };

/* Phases a rep or a breath can go through, and the other moments a cue can mark. */
enum phase {
	PH_UP, PH_HOLD, PH_DOWN, PH_INHALE, PH_EXHALE, PH_CONTRACT, PH_RELAX,
	PH_START, PH_SWITCH, PH_REST, PH_DONE, PH__COUNT
};
#define PH__TEMPO_LAST PH_EXHALE /* phases up to here may appear in a tempo */

extern const char *const category_names[CAT__COUNT + 1];
extern const char *const module_names[MOD__COUNT + 1];
extern const char *const screen_names[SCREEN__COUNT + 1];
extern const char *const pacing_names[PACE__COUNT + 1];
extern const char *const phase_names[PH__COUNT + 1];

/* Look a name up in a NULL-terminated table; -1 when absent. */
int name_index(const char *const *table, const char *name);

struct range {
	int min, max; /* equal for a single value; both 0 when not given */
};

struct tempo_step {
	enum phase phase;
	int seconds;
};

struct dose {
	bool given;               /* false: no dose written here */
	struct pos at;            /* where the dose was written */
	struct range reps;        /* per set, per side/direction */
	int sets;                 /* 0 = not given, means 1 */
	int rest_s;               /* rest between sets */
	enum per_kind per;
	char **per_names;         /* side or direction names, n_per of them */
	size_t n_per;
	int hold_s;               /* pause or hold at the end position of each rep */
	struct tempo_step *tempo; /* phases of one rep (or breath), in order */
	size_t n_tempo;
	int contract_s, relax_s;  /* contract/relax cycles; 0 when not used */
	char **positions;         /* one cycle at each position, in order */
	size_t n_positions;
	struct range duration_s;  /* timed item */
	enum pacing pacing;
	char *note;               /* optional words shown with the dose */
};

struct equipment {
	char *name;
	char **stand_ins;
	size_t n_stand_ins;
	bool optional;
};

struct exercise {
	char *id, *name, *purpose;
	enum category category;
	char **steps;
	size_t n_steps;
	char **cautions;
	size_t n_cautions;
	struct equipment *equipment;
	size_t n_equipment;
	char *regression, *progression; /* exercise ids, or NULL */
	struct pos regression_at, progression_at;
	char *version_of;               /* the exercise this one is a harder or easier version of
					 * (same movement and purpose, another dose), or NULL */
	struct pos version_of_at;
	char *instead_of;               /* `instead_of.exercise`: a routine exercise this different
					 * exercise may replace when the person chooses it, or NULL */
	char *instead_why;              /* `instead_of.why`: why someone might choose it */
	struct pos instead_of_at;
	enum screen screen;
	bool gentle_skip;               /* `gentle: false`: left out whenever a session runs the gentle
					 * way (a flare-up, high pain before, a screen answer not yet seen to) */
	char *cues[PH__COUNT];          /* words spoken at each phase, or NULL */
	struct dose dose;               /* used when the exercise runs on its own */
	struct picture *picture;        /* how it is drawn (pose.h), or NULL */
	struct pos at;                  /* where the exercise starts */
	const char *overrides;          /* file of the entry this one replaced, or NULL */
	bool broken;                    /* had problems; kept only so references to it resolve */
};

struct item {
	char *exercise; /* id */
	struct pos exercise_at;
	struct dose dose;
};

struct routine {
	char *id, *name, *description;
	enum module module;
	int ready_s;      /* get-ready length per exercise; 0: long enough to read the steps */
	struct item *items;
	size_t n_items;
	struct pos at;
	const char *overrides;
	bool broken; /* had problems; kept for validation only */
};

/* A screening question (see screen.h for what answers lead to). */
#define SCREEN_GROUP_MAX 5 /* questions of a group shown as one list */
struct question {
	char *id, *group, *ask;
	int urgency;        /* enum urgency (screen.h) for a yes; URG_NONE: a yes only locks (neck_lock) */
	bool neck;          /* part of the neck screen: asked on its own, must be no before
			     * head-over-the-edge work, and a yes locks that work (see neck_lock) */
	bool neck_lock;     /* a yes, now or in any past screen, locks head-over-the-edge work until a
			     * clinician's clearance is recorded after it (neck implies it) */
	bool fact;          /* a once-ever fact (a past cancer, long-term steroids): a yes stays
			     * answered in every later screen */
	char **escalate;    /* ids: a yes here and a yes to one of these is an emergency */
	size_t n_escalate;
	struct pos at, escalate_at;
	bool broken;
};

struct catalog {
	struct question *q;
	size_t n_q, alloc_q;
	struct exercise *ex;
	size_t n_ex, alloc_ex;
	struct routine *rt;
	size_t n_rt, alloc_rt;
	char **files; /* every file name a position may point at */
	size_t n_files, alloc_files;
	/* ids to positions, kept up to date by catalog_merge and catalog_drop_broken
	 * (an array changed any other way is searched entry by entry) */
	struct id_index ix_q, ix_ex, ix_rt;
};

void catalog_init(struct catalog *c);
void catalog_free(struct catalog *c);
/* Keep a copy of a file name for positions to point at; returns the copy. */
const char *catalog_intern_file(struct catalog *c, const char *file);

void dose_release(struct dose *d);
void exercise_release(struct exercise *e);
void routine_release(struct routine *r);

const struct exercise *catalog_exercise(const struct catalog *c, const char *id);
const struct routine *catalog_routine(const struct catalog *c, const char *id);
const struct question *catalog_question(const struct catalog *c, const char *id);
void question_release(struct question *q);

/* Build the id indexes afresh (after the arrays were filled some other way). */
void catalog_reindex(struct catalog *c);

/* Add entries from src into dst (taking ownership and emptying src). An entry whose
 * id dst already holds replaces it when replace is true (recording overrides);
 * otherwise it is reported as a duplicate into d. Safety is never weakened by a
 * replacement: an exercise keeps `screen: neck` and `gentle: false` from the one it
 * replaces, and a question from another file is not replaced at all; both are
 * reported into d. */
void catalog_merge(struct catalog *dst, struct catalog *src, bool replace, struct diags *d);

/* Checks that need the whole catalog: references to unknown exercises
 * (with a did-you-mean). */
void catalog_check_refs(const struct catalog *c, struct diags *d);

/* Remove broken entries, and routines that use an exercise that is missing or
 * broken, so what remains can be run. Problems were reported when found. */
void catalog_drop_broken(struct catalog *c);

/* The dose an item runs with: its own, else the exercise's default. */
const struct dose *item_dose(const struct item *it, const struct exercise *e);

/* Estimated seconds for a dose (midpoints of ranges; self-paced reps at 4 s each). */
int dose_estimate_s(const struct dose *d);
/* (A whole routine's length: routine_run_s() in session.h, as the engine runs it.) */

/* Describe a dose in plain words, e.g. "10 reps, 1 s pause at the top". */
struct strbuf;
void dose_describe(const struct dose *d, struct strbuf *out);
/* "5", "5-10" */
void range_describe(struct range r, struct strbuf *out);
/* "90 s", "1-2 min" */
void seconds_describe(struct range r, struct strbuf *out);

#endif
