/* prescribe.h: the rules a trainer's prescription is checked against, pure: a dose
 * (reps per set, sets, hold, duration) for one exercise of a routine, or a different
 * exercise in an item's place, against the content. Inside the usual range it is fine;
 * outside it a warning that says the usual range (the trainer must accept it); outside
 * the safe limits it is refused, saying the limit. In the activation routine an
 * exercise put in another's place warns that the fixed order is broken, and why the
 * order matters. An exercise that needs the neck screen keeps needing it: the check
 * says so, and the player's gate still decides (a prescription never clears a
 * warning-sign answer). docs/clinic.md describes the ranges and limits; tests in
 * tests/unit/core/test_prescribe.c. */
#ifndef UNHUNCH_PRESCRIBE_H
#define UNHUNCH_PRESCRIBE_H
#include "content.h"
#include <stdbool.h>
#include <stddef.h>

/* The safe limits: nothing outside them is ever prescribed. */
#define RX_REPS_MIN 1
#define RX_REPS_MAX 30      /* per set (per side or direction); ACSM's endurance work tops out at 25 */
#define RX_SETS_MIN 1
#define RX_SETS_MAX 5
#define RX_HOLD_MAX 30      /* seconds held at the end position of each rep */
#define RX_DURATION_MIN 10  /* seconds of a timed exercise */
#define RX_DURATION_MAX 600
/* The usual range of sets and the hold a short hold grows to (clinical.md 2d, 5d). */
#define RX_SETS_USUAL_MAX 3
#define RX_HOLD_USUAL_TOP 5

/* What a trainer asks for in one routine item. 0 leaves a field as it is; exercise
 * is the exercise the doses are for (NULL: the item's own); swap says it is put in the
 * item's place now (only then is it checked as an exercise: one swapped in before was
 * accepted then). */
struct rx_want {
	const char *exercise;
	int reps, sets, hold_s, duration_s;
	bool swap;
};

enum rx_level { RX_OK, RX_NOTE, RX_WARN, RX_REFUSE };
extern const char *const rx_level_names[]; /* "ok", "note", "warning", "refused" */

#define RX_TEXT_MAX 800
#define RX_FINDINGS_MAX 8

struct rx_finding {
	enum rx_level level;
	const char *field;       /* "reps", "sets", "hold", "duration", "exercise" */
	char text[RX_TEXT_MAX];  /* one sentence in plain words, without its full stop */
};

struct rx_check {
	enum rx_level level;     /* the worst finding's; RX_OK when none */
	size_t n;
	struct rx_finding f[RX_FINDINGS_MAX];
};

struct rx_band {
	int min, max;
};

/* The usual band of a value the content writes as r: the range as written; a single
 * value v from v minus half (rounded down) to v plus half (rounded up): 10 gives 5-15,
 * 5 gives 3-8 (a regression cuts up to half the volume, clinical.md 2d; the
 * progressions of 5d add about as much). {0, 0} when r is not given. */
struct rx_band rx_usual(struct range r);
/* The usual band of the hold: half the content's hold (rounded down) up to its hold
 * plus half, and at least up to RX_HOLD_USUAL_TOP. */
struct rx_band rx_usual_hold(int hold_s);
/* The hold a dose has: its hold, else the hold phase of its tempo, else 0. */
int rx_dose_hold(const struct dose *d);

/* The usual band of each field of a dose of exercise in item it, as rx_check holds a
 * prescription to them ({0, 0}: the exercise has no such field: a timed one has no
 * reps, sets or hold, one of reps no duration). */
struct rx_bands {
	struct rx_band reps, sets, hold, duration;
};
void rx_bands(const struct catalog *c, const struct item *it, const char *exercise, struct rx_bands *out);

/* A prescription's place: "" for an item's dose or exercise, "end" or "before:SLOT" for
 * an exercise added as a new step there, RX_PLACE_OUT for an added step taken out
 * again. rx_place_valid: whether place is one of them (NULL is ""). */
#define RX_PLACE_OUT "out"
bool rx_place_valid(const char *place);
/* Where a step added at place goes among items (n of them): "end" at the end,
 * "before:SLOT" before the first item whose exercise is SLOT (at the end when none is). */
size_t rx_place_index(const struct item *items, size_t n, const char *place);
/* items with one more step before index at: exercise e at its own dose. A new array of
 * n + 1 (free it with free()); the strings and doses are shared with items and e. */
struct item *rx_items_with(const struct item *items, size_t n, size_t at, const struct exercise *e);

/* A prescription in words, as the client sees it: "Glute bridge: 12 reps, 3 sets, 3 s
 * hold", "Shrug roll in place of Glute bridge: 10 reps", "Band pull-apart, a new step
 * before Snow angel: 12 reps", "Band pull-apart, a step added before, taken out again"
 * (slot: the item's own exercise; place: as rx_place_valid says; 0: a field not set). */
struct strbuf;
void rx_describe(const struct catalog *c, const char *slot, const char *exercise, const char *place, int reps,
		 int sets, int hold_s, int duration_s, struct strbuf *out);

/* Check want for item it of routine r. */
void rx_check(const struct catalog *c, const struct routine *r, const struct item *it, const struct rx_want *want,
	      struct rx_check *out);

/* Check adding want->exercise to routine r as a new step at index at (before the item
 * now at that index; r->n_items: at the end), with want's dose held to the exercise's
 * own dose's bands. Refused: no such exercise, or no such place. In the activation
 * routine a place that breaks the chain's order warns, saying why the order matters:
 * a version or stand-in of one of its exercises belongs right before or after it; a
 * relaxation or breathing exercise belongs at the end; any other exercise after the
 * last exercise of the chain, before the relaxation that ends it. An exercise the
 * routine runs already is refused (its dose is changed where it is); one that needs
 * the neck screen notes that the player's gate still decides. */
void rx_check_add(const struct catalog *c, const struct routine *r, size_t at, const struct rx_want *want,
		  struct rx_check *out);

#endif
