/* gate.c: the one gate into exercise (see gate.h): reads the safety status and what is
 * about to run, asks core/safety.c, and seals a session pass when the answer is yes. */
#include "app/gate.h"
#include "app/plan-data.h"
#include <string.h>

const struct app_gate_entry app_gate_entries[GATE__COUNT] = {
	[GATE_START] = { GATE_START, "src/cli/cmd-start.c", "unhunch start [ROUTINE]" },
	[GATE_RESUME] = { GATE_RESUME, "src/cli/cmd-start.c", "unhunch start --resume (or yes to resume)" },
	[GATE_PLAN_RESUME] = { GATE_PLAN_RESUME, "src/cli/cmd-plan.c", "unhunch plan --resume EXERCISE" },
	[GATE_BREAK_REMINDER] = { GATE_BREAK_REMINDER, "src/cli/cmd-breaks.c", "the break coach's reminders" },
	[GATE_BREAK_START] = { GATE_BREAK_START, "src/cli/breaks-play.c", "Start on a break reminder" },
	[GATE_BREAK_PLAY] = { GATE_BREAK_PLAY, "src/cli/breaks-play.c", "unhunch breaks play EXERCISE" },
	[GATE_WEB_PLAYER] = { GATE_WEB_PLAYER, "src/http/routes-player.c",
			      "Start or Resume in the web player (POST /api/v1/session/pass)" },
	/* a new front end adds its row here (and to enum gate_entry) */
};

int app_resume_stopped(const struct app_ctx *ctx, int *why, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct session_row old;
	bool found = false;
	struct pain_row *pains = NULL;
	size_t n = 0;
	*why = 0;
	memset(&old, 0, sizeof(old));
	if (st->ops->session_unfinished(st, &old, &found, err))
		return -1;
	int rc = found ? st->ops->pains_of(st, old.id, &pains, &n, err) : 0;
	for (size_t i = 0; !rc && i < n; i++)
		if (pains[i].score == -1)
			*why = 1;
		else if (pains[i].score >= PAIN_END_SESSION && !*why)
			*why = 2;
	store_pains_free(pains, n);
	if (found)
		session_row_release(&old);
	return rc ? -1 : 0;
}

int app_gate(const struct app_ctx *ctx, const struct app_gate_request *rq, struct app_gate_result *out,
	     struct strbuf *err)
{
	struct app_safety sa;
	if (app_safety(ctx, &sa, err)) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return app_gate_on(ctx, rq, &sa, out, err);
}

int app_gate_on(const struct app_ctx *ctx, const struct app_gate_request *rq, const struct app_safety *sa,
		struct app_gate_result *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	out->safety = *sa;
	if (out->safety.s.neck_lock_id == sa->lock_id)
		out->safety.s.neck_lock_id = out->safety.lock_id; /* it points into the copy */
	struct gate_ask ask = { rq->entry, NULL, NULL, rq->break_routine, rq->pain_before, false, 0, 0 };
	if (rq->entry == GATE_RESUME && app_resume_stopped(ctx, &ask.resume_stopped, err))
		return -1;
	if (rq->routine)
		ask.routine = catalog_routine(ctx->content, rq->routine);
	if (rq->exercise)
		ask.exercise = catalog_exercise(ctx->content, rq->exercise);
	if (rq->entry == GATE_PLAN_RESUME && rq->routine && rq->exercise) {
		/* the exercise as it would come back: its current variant, and why it paused */
		struct plan_pause pp;
		if (plan_pause_info(ctx->store, ctx->content, rq->routine, rq->exercise, &pp, err))
			return -1;
		ask.exercise = pp.variant ? pp.variant : ask.exercise;
		ask.paused_by_warning = pp.by_warning;
		ask.paused_ms = pp.at_ms;
	}
	gate_check(ctx->content, &out->safety.s, &ask, &out->v);
	if (out->v.allowed)
		out->pass = (struct session_pass){ SESSION_PASS_SEAL, (int)rq->entry, out->v.neck_ok, out->v.gentle };
	return 0;
}
