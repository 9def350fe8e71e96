/* attention.h: the trainer's dashboard order, pure: which of a trainer's clients needs
 * attention first, and why in plain words. The facts come in (app/dashboard.c reads
 * them), and so does today; nothing is read here. The order: a warning-sign answer not
 * yet cleared, a flare-up, a session stopped for pain or dizziness, no session for
 * ATTENTION_ABSENT_DAYS days, then good news (a meaningful improvement, as
 * stats_course() judges it), then a client who has not started yet (no session ever,
 * joined fewer than ATTENTION_ABSENT_DAYS days ago: nothing is overdue, but nothing
 * goes well yet either; from that day on it is an absence), then everyone else. */
#ifndef UNHUNCH_ATTENTION_H
#define UNHUNCH_ATTENTION_H
#include "plan.h"
#include "stats.h"
#include <stdbool.h>
#include <stddef.h>

#define ATTENTION_ABSENT_DAYS 5   /* no session for this many days: ask how it goes */
#define ATTENTION_STOPPED_DAYS 14 /* a session stopped for safety this recently is shown */
#define ATTENTION_REASON_MAX 240

enum attention_kind {
	ATT_WARNING,  /* a warning-sign answer (or a screen result that needs a clinician), not cleared */
	ATT_FLARE,    /* a flare-up now (plan_flare) */
	ATT_STOPPED,  /* a session stopped for pain or dizziness, lately */
	ATT_ABSENT,   /* no session for ATTENTION_ABSENT_DAYS days or more */
	ATT_IMPROVED, /* good news: a meaningful improvement since the first week */
	ATT_NEW,      /* not started yet: no session ever, joined fewer than ATTENTION_ABSENT_DAYS days ago */
	ATT_NONE,     /* nothing to say */
	ATT__COUNT
};
extern const char *const attention_names[ATT__COUNT + 1]; /* "warning", "flare", "stopped", "absent", "improved", "new", "none" */

/* Why a session stopped for safety: 1 a warning sign (dizziness and the like), 2 pain of
 * PAIN_END_SESSION or more, 0 neither. The same rule as a session that cannot be resumed. */
int attention_stop_why(bool warning, int max_pain);

struct attention_facts {
	int today;               /* local day number */
	int screening_level;     /* the latest screening's result (enum urgency), -1 none */
	int screening_day;       /* its day */
	bool screening_warning;  /* it is a warning sign during exercise */
	bool screening_cleared;  /* a clearance is recorded for it */
	struct flare flare;      /* plan_flare() up to today */
	int stopped_day;         /* the latest day a session stopped for safety, -1 none */
	int stopped_why;         /* attention_stop_why() of that session */
	int last_session_day;    /* -1 none ever */
	int linked_day;          /* the day the client was linked to the trainer */
	struct course course;    /* stats_course() up to today */
};

struct attention {
	enum attention_kind kind;
	double weight;           /* within a kind, the larger first */
	char reason[ATTENTION_REASON_MAX]; /* in plain words, for the trainer */
};

void attention_judge(const struct attention_facts *f, struct attention *out);
/* Negative when a comes before b: by kind, then by weight (larger first); 0 when even. */
int attention_cmp(const struct attention *a, const struct attention *b);

#endif
