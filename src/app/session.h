/* session.h (app): the use cases around a guided session, so the dose and pain rules
 * act where the exercise happens: getting it ready (the plan's catch-up and doses, what
 * the plan has paused), ending it (the pain-after rule, then the catch-up again),
 * bringing a paused exercise back through the gate, and going back from a stand-in to
 * the routine's own exercise. */
#ifndef UNHUNCH_APP_SESSION_H
#define UNHUNCH_APP_SESSION_H
#include "app/app.h"
#include "app/gate.h"
#include "core/plan.h"

#define APP_MAX_PAUSED 16

struct app_session_ready {
	struct dose_state *doses;  /* one per item of the routine (caller frees); NULL when unreadable */
	int decided;               /* dose decisions the catch-up made now */
	size_t n_paused;
	const struct exercise *paused[APP_MAX_PAUSED]; /* items the plan has paused */
};

/* Before a session of r: judge the feedback whose time has come (neck_ok from the gate
 * decides whether a progression may reach neck-screened work), then read the doses.
 * Returns -1 with err when the store fails. */
int app_session_ready(const struct app_ctx *ctx, const struct routine *r, bool neck_ok, struct app_session_ready *out,
		      struct strbuf *err);

struct app_session_end {
	bool after_bad;   /* pain after rose PAIN_AFTER_RISE or more, or reached PAIN_AFTER_HIGH: advise,
			   * lower the doses, ask for a check-in the next morning */
	int lowered;      /* exercises whose dose was lowered now */
	int decided;      /* decisions of the catch-up after it */
};

/* The session ended (finished, quit or stopped for safety): store it, apply the
 * pain-after rule to the exercises done (those without feedback are lowered now; the
 * others by the catch-up, which reads the session's scores), and catch up. */
int app_session_end(const struct app_ctx *ctx, int64_t session_id, const struct routine *r,
		    enum session_status status, int pain_before, int pain_after, bool neck_ok,
		    struct app_session_end *out, struct strbuf *err);

/* `plan --resume`: bring a paused exercise of routine back, if the gate allows it
 * (gate gets its answer). Returns 0 when resumed, 1 when it was not paused, 2 when the
 * gate refused (see gate->v), -1 with err. */
int app_plan_resume(const struct app_ctx *ctx, const char *routine, const char *exercise,
		    struct app_gate_result *gate, struct strbuf *err);

/* `plan --back`: plan_back() (plan-data.h) for the person of ctx, today. Returns 0 when
 * done, 1 when the exercise runs as itself already, 2 when it runs an easier stand-in
 * after pain, -1 with err. */
int app_plan_back(const struct app_ctx *ctx, const char *routine, const char *exercise, struct strbuf *err);

/* `plan --switch`: run exercise `to` in place of the item of routine it is offered for,
 * because the person chose it (plan_switch(), plan-data.h), today. Returns 0 when done,
 * 1 when not allowed (not offered for an item of that routine, not yet, the item paused
 * or running as another: why_not says why, without a full stop), 2 when the content has
 * no exercise `to` or no such routine (why_not says which), -1 with err when the store
 * failed. */
int app_plan_switch(const struct app_ctx *ctx, const char *routine, const char *to, struct strbuf *why_not,
		    struct strbuf *err);

/* Is a next-morning check-in still owed for a session whose pain rose (the latest
 * finished session, from yesterday or today, with no check-in dated after its day)? */
bool app_checkin_owed(const struct app_ctx *ctx, const struct session_row *s, size_t ns, const struct day *days,
		      size_t nd);

#endif
