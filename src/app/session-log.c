/* session-log.c (app): an engine's effects saved as rows (see session-log.h). */
#include "app/session-log.h"
#include "app/plan-data.h"
#include "app/safety.h"
#include "core/strbuf.h"
#include <string.h>

void app_session_log_init(struct app_session_log *l, struct store *st, const char *routine, int64_t session)
{
	memset(l, 0, sizeof(*l));
	l->routine = routine;
	l->session = session;
	l->max_pain = -1;
	recorder_init(&l->rec, st, session);
}

void app_session_log_release(struct app_session_log *l)
{
	recorder_release(&l->rec);
}

int app_session_log_resume(struct app_session_log *l, struct strbuf *err)
{
	struct store *st = l->rec.st;
	struct pain_row *p = NULL;
	size_t n = 0;
	if (st->ops->pains_of(st, l->session, &p, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		l->warning |= p[i].score == -1;
		if (p[i].score > l->max_pain)
			l->max_pain = p[i].score;
	}
	store_pains_free(p, n);
	return 0;
}

int app_session_log_effect(const struct app_ctx *ctx, struct app_session_log *l, const struct effect *f, int today)
{
	struct store *st = ctx->store;
	struct strbuf err = STRBUF_INIT;
	int rc = 0;
	int64_t now = ctx->now_ms;
	if (f->kind == FX_SET_DONE) {
		struct set_row r = { f->item, (char *)f->exercise_id, f->set_no, (char *)f->side,
				     f->reps_target, f->reps_done, f->duration_ms, now };
		rc = recorder_set(&l->rec, &r, now);
	} else if (f->kind == FX_EXERCISE_END) {
		struct exercise_row r = { f->item, (char *)f->exercise_id, (enum exercise_status)f->status,
					  f->reps_done, f->duration_ms, now };
		rc = recorder_exercise(&l->rec, &r, now);
	} else if (f->kind == FX_PAIN && f->score == -1 && l->warning) {
		/* a session meets one warning sign (the engine stops there): one that comes again
		 * (the web player's warning sent at once and again with its steps, or a repeat
		 * after a lost answer) is stored once */
		return 0;
	} else if (f->kind == FX_PAIN) {
		struct pain_row r = { f->item, (char *)f->exercise_id, f->score, (char *)f->text, now };
		struct answer_row a;
		struct screening_row w;
		if (f->score == -1) {
			/* at once, before anything else (the pain row too): a crash or a failed
			 * write of the pain row must not lose it */
			app_warning_row(ctx, &a, &w);
			rc |= recorder_warning(&l->rec, &w, now);
			l->warning = true;
		}
		rc |= recorder_pain(&l->rec, &r, now);
		if (f->score > l->max_pain)
			l->max_pain = f->score;
	} else if (f->kind == FX_SESSION_END) {
		rc = recorder_flush(&l->rec, now) ? 1 : 0; /* one more try before the summary */
		/* stopped for safety, or finished (every exercise has run): marked so at once, so
		 * a kill while the advice is still spoken, or at the pain-after question, cannot
		 * leave it "running", offered to resume after its last exercise and not counted
		 * as finished (issue 19.5); app_session_end() completes it later */
		enum session_status to = f->status == 1 ? SESSION_FINISHED : SESSION_STOPPED;
		if ((f->status == 1 || f->status == 3) && st->ops->session_end(st, l->session, to, -1, now, &err))
			rc = 1;
	}
	/* how it felt, for the plan: the answer, or hurt when pain or a warning sign stopped it */
	int how = f->kind == FX_FEEL ? f->status : f->kind == FX_EXERCISE_END && f->status == 2 ? FEEL_HURT : 0;
	struct feedback_row fb;
	if (how > 0 && plan_feedback_row(st, ctx->content, l->routine, f->exercise_id, (enum feeling)how, l->max_pain,
					 l->warning, today, l->session, now, &fb, &err) == 0)
		rc |= recorder_feedback(&l->rec, &fb, now);
	/* else: an exercise the plan does not follow (e.g. an easier one offered after pain) */
	strbuf_release(&err);
	return rc ? -1 : 0;
}
