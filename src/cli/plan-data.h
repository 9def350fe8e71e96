/* plan-data.h: the plan's records read from and written to the store, for the
 * assess and plan commands (and the player, for the adapted doses): profiles,
 * the safety status, feedback judged into dose decisions, and the current doses.
 * The rules themselves live in core/plan.h; this is the glue around them. */
#ifndef UNHUNCH_PLAN_DATA_H
#define UNHUNCH_PLAN_DATA_H
#include "core/plan.h"
#include "store/store.h"

/* Every stored assessment as a profile, oldest first (caller frees *v). The factors
 * are those stored (what the user was shown); any the store lacks are scored anew. */
int plan_profiles(struct store *st, struct profile **v, size_t *n, struct strbuf *err);

/* What the last safety screen and clearance allow at now_ms. */
struct plan_status {
	bool screened, allowed, neck_clear;
	const char *advice; /* who to see, or NULL */
};
int plan_screen_status(struct store *st, int64_t now_ms, struct plan_status *out, struct strbuf *err);

/* Record how an exercise of a routine felt. exercise may be the item's own id or the
 * variant it now runs as; it is stored as the item's own. day is the session's day. */
int plan_feedback_record(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
			 enum feeling feel, int pain_during, bool warning, int day, int64_t session_id, int64_t now_ms,
			 struct strbuf *err);

/* Judge all feedback not yet decided, oldest first, with the days (check-ins) and
 * today, storing each decision (waiting ones stay undecided). Returns how many were
 * decided, or -1 with err. */
int plan_catch_up(struct store *st, const struct catalog *c, const struct day *days, size_t n, int today,
		  bool neck_clear, int64_t now_ms, struct strbuf *err);

/* The current dose of each item of routine r (states has r->n_items entries): the
 * latest decision for it, or where it starts. */
int plan_doses(struct store *st, const struct catalog *c, const struct routine *r, struct dose_state *states,
	       struct strbuf *err);

/* Bring a paused exercise back at the dose it had. Returns 1 when it was not paused. */
int plan_resume(struct store *st, const struct catalog *c, const char *routine, const char *exercise, int today,
		int64_t now_ms, struct strbuf *err);

#endif
