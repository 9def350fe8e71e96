/* plan-data.h: the plan's records read from and written to the store, for the
 * assess and plan commands (and the player, for the adapted doses): profiles,
 * feedback judged into dose decisions, and the current doses (clamped to the
 * content's ranges as they are now). The rules live in core/plan.h. */
#ifndef UNHUNCH_PLAN_DATA_H
#define UNHUNCH_PLAN_DATA_H
#include "core/plan.h"
#include "store/store.h"

/* Every stored assessment as a profile, oldest first (caller frees *v). The factors
 * are those stored (what the user was shown); any the store lacks are scored anew. */
int plan_profiles(struct store *st, struct profile **v, size_t *n, struct strbuf *err);

/* Record how an exercise of a routine felt. exercise may be the item's own id or the
 * variant it now runs as; it is stored as the item's own. day is the session's day. */
int plan_feedback_record(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
			 enum feeling feel, int pain_during, bool warning, int day, int64_t session_id, int64_t now_ms,
			 struct strbuf *err);
/* The same feedback as a row, for whoever saves it (its texts point into c and the
 * arguments); -1 with err when the routine does not follow that exercise. */
int plan_feedback_row(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
		      enum feeling feel, int pain_during, bool warning, int day, int64_t session_id, int64_t now_ms,
		      struct feedback_row *row, struct strbuf *err);

/* Judge all feedback not yet decided, oldest first, with the days (check-ins), the
 * sessions' pain before and after, and today, storing each decision (waiting ones
 * stay undecided). Returns how many were decided, or -1 with err. */
int plan_catch_up(struct store *st, const struct catalog *c, const struct day *days, size_t n, int today,
		  bool neck_clear, int64_t now_ms, struct strbuf *err);

/* The current dose of each item of routine r (states has r->n_items entries): the
 * latest decision for it, or where it starts. */
int plan_doses(struct store *st, const struct catalog *c, const struct routine *r, struct dose_state *states,
	       struct strbuf *err);

/* Bring a paused exercise back at the dose it had. Returns 1 when it was not paused. */
int plan_resume(struct store *st, const struct catalog *c, const char *routine, const char *exercise, int today,
		int64_t now_ms, struct strbuf *err);

/* Seconds a hands-free run of routine r takes at its current doses (the content's when
 * st is NULL or cannot say), the gentle way when gentle: core's routine_run_s(). */
int plan_routine_s(struct store *st, const struct catalog *c, const struct routine *r, bool gentle);
/* The plan's routine parts timed at the current doses (to the nearest minute). */
void plan_minutes_now(struct store *st, const struct catalog *c, struct plan *p);

/* Go back from a different exercise the plan moved to (one the content no longer
 * offers as a harder step, or the head-over-the-edge neck exercise) to the routine
 * item's own exercise at its starting dose; a pause stays. Returns 1 when the item runs
 * its own exercise (or a version of it) already, 2 when it runs an easier stand-in
 * after pain (the dose rules bring it back), 0 when done, -1 with err. */
int plan_back(struct store *st, const struct catalog *c, const char *routine, const char *exercise, int today,
	      int64_t now_ms, struct strbuf *err);

/* Run exercise `to` in place of the routine item it is offered for (`instead_of`),
 * because the person chose it: only as core's dose_switch() allows, at its starting
 * dose; plan_back() undoes it. Returns 0 when done, 1 when not allowed (why_not says
 * why, without a full stop), -1 with err (no such exercise, or the store failed). */
int plan_switch(struct store *st, const struct catalog *c, const char *routine, const char *to, int today,
		int64_t now_ms, struct strbuf *why_not, struct strbuf *err);

/* Lower an exercise's dose now, outside the feedback it would otherwise wait for (pain
 * after a session rose): a regression (a pause when it was lowered last time too),
 * stored with rule and why (a sentence without its full stop). Returns 1 when it is
 * paused already (nothing to lower), 0 when lowered, -1 with err. */
int plan_lower_now(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
		   const char *rule, const char *why, int today, int64_t now_ms, struct strbuf *err);

/* Where a routine's exercise stands: its item, the variant in use, and whether it is
 * paused, and by a warning sign (with when). -1 with err when the routine has no such
 * exercise. */
struct plan_pause {
	const struct item *item;
	const struct exercise *variant;
	bool paused, by_warning;
	int64_t at_ms;
};
int plan_pause_info(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
		    struct plan_pause *out, struct strbuf *err);

#endif
