/* screen.h: warning-sign screening, pure. Questions come from content files; answers
 * give an urgency; the gate decides whether exercise may go on and says who to see.
 * The screen is a safety net, not a diagnosis. */
#ifndef UNHUNCH_SCREEN_H
#define UNHUNCH_SCREEN_H
#include "content.h"
#include <stdint.h>

enum urgency { URG_NONE, URG_ROUTINE, URG_DAYS, URG_TODAY, URG_EMERGENCY, URG__COUNT };
extern const char *const urgency_names[URG__COUNT + 1]; /* "none", "routine", "days", "today", "emergency" */

#define SCREEN_VALID_DAYS 28 /* the screen must be answered again after four weeks */
/* The answer a warning sign during exercise is stored as (one yes, urgency days): the
 * next session waits for a fresh screen or a clearance, and head-over-the-edge work
 * stays locked until a clearance (core/safety.h). */
#define SCREEN_WARNING_ID "warning-during-exercise"
/* Two or more red-flag answers (urgency routine or above) raise the result one level,
 * up to "today" (clinical.md §0: two or more flags make serious disease far likelier). */
#define SCREEN_COMBO_FLAGS 2

struct screen_answer {
	const char *id;  /* question id */
	bool yes;
};

/* The urgency each yes answer leads to (escalate_with applied), and the result: the
 * worst of them, one level higher (at most "today") when two or more red flags were
 * answered yes. levels (may be NULL) gets one entry per answer. Unknown ids count as
 * URG_NONE. */
enum urgency screen_evaluate(const struct catalog *c, const struct screen_answer *a, size_t n,
			     enum urgency *levels);

/* The same, where carried[i] (may be NULL) marks a once-ever fact answered yes in an
 * earlier screen and kept: it counts as a red flag for the combination rule, but its
 * own urgency and lock stay with the answer that first gave it (level URG_NONE). */
enum urgency screen_evaluate_carried(const struct catalog *c, const struct screen_answer *a, size_t n,
				     const bool *carried, enum urgency *levels);

/* True when every neck question of the catalog is answered, and answered no. */
bool screen_neck_clear(const struct catalog *c, const struct screen_answer *a, size_t n);

/* What the last screening and clearance allow now. */
struct gate_input {
	bool screened;          /* a screening exists */
	enum urgency level;     /* its result */
	int64_t screened_ms;    /* when (wall ms) */
	bool cleared;           /* a clinician's clearance was recorded after it */
	int64_t now_ms;
};

struct gate {
	bool must_screen;   /* no screening yet: ask before the first session */
	bool allowed;       /* exercise may go on */
	bool offer_again;   /* the screening is older than SCREEN_VALID_DAYS */
	enum urgency level;
	const char *advice; /* who to see and how soon, in plain words; NULL for none */
};
struct gate gate_decide(const struct gate_input *in);

/* Plain words for each level: who to see and how soon. */
const char *urgency_advice(enum urgency u);

/* Does a yes to this stored answer lock head-over-the-edge work (a neck or neck_lock
 * question of c, or a warning sign during exercise)? */
bool screen_answer_locks_neck(const struct catalog *c, const char *id);

/* The words every safety message uses for the emergency number. */
#define EMERGENCY_WORDS "your local emergency number"
/* Copy text into out, adding the person's own number after EMERGENCY_WORDS when one is
 * set ("your local emergency number (112)"); number NULL or "" leaves it as it is. */
struct strbuf;
void emergency_fill(const char *text, const char *number, struct strbuf *out);

#endif
