/* screen.h: warning-sign screening, pure. Questions come from content files; answers
 * give an urgency; the gate decides whether exercise may go on and says who to see.
 * The screen is a safety net, not a diagnosis. */
#ifndef UNHUNCH_SCREEN_H
#define UNHUNCH_SCREEN_H
#include "content.h"
#include <stdint.h>

enum urgency { URG_NONE, URG_ROUTINE, URG_DAYS, URG_TODAY, URG_EMERGENCY, URG__COUNT };
extern const char *const urgency_names[URG__COUNT + 1]; /* "none", "routine", "days", "today", "emergency" */

#define SCREEN_VALID_DAYS 28 /* offer the screen again after four weeks */

struct screen_answer {
	const char *id;  /* question id */
	bool yes;
};

/* The urgency each yes answer leads to (escalations applied), and the worst of them.
 * levels (may be NULL) gets one entry per answer. Unknown ids count as URG_NONE. */
enum urgency screen_evaluate(const struct catalog *c, const struct screen_answer *a, size_t n,
			     enum urgency *levels);

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

#endif
