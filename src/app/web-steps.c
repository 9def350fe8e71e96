/* web-steps.c (app): one uploaded step of a web player's session, kept with its answer
 * under an idempotency key in one batch (see web-steps.h). */
#include "app/web-steps.h"
#include "app/session-log.h"
#include "app/session.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

/* The step's rows, in the batch begun by the caller: 1 when another request began the
 * same session meanwhile (the batch is to be rolled back and the step tried again). */
static int store_step(const struct app_ctx *now, const struct app_web_step *s, struct app_web_step_done *done,
		      struct strbuf *err)
{
	struct app_ctx ctx = *now;
	ctx.now_ms = s->at_ms; /* the session's records by the page's clock */
	int begun = app_web_session(&ctx, &s->start, &done->session, err);
	if (begun)
		return begun;
	struct app_session_log log;
	app_session_log_init(&log, ctx.store, s->routine->id, done->session);
	int rc = app_session_log_resume(&log, err);
	if (!rc && app_session_log_effect(&ctx, &log, s->fx, app_today(&ctx))) {
		strbuf_addstr(err, recorder_why(&log.rec));
		rc = -1;
	}
	app_session_log_release(&log);
	if (rc || s->fx->kind != FX_SESSION_END)
		return rc;
	/* the session is over: stored as the terminal's end is, with the pain after a
	 * finished session as the page asked it */
	static const enum session_status ends[] = { 0, SESSION_FINISHED, SESSION_QUIT, SESSION_STOPPED };
	struct app_session_end end = { 0 };
	int after = s->fx->status == 1 ? s->pain_after : -1;
	if (app_session_end(&ctx, done->session, s->routine, ends[s->fx->status], s->start.pain_before, after,
			    s->neck_ok, &end, err))
		return -1;
	done->ended = true;
	done->after_bad = end.after_bad;
	return 0;
}

/* Two steps of one session sent at once (two tabs, or a retry crossing the first try)
 * can both find no session yet and both begin one; the later one's is refused by the
 * store's unique web id. Its batch is rolled back and the step tried again, finding the
 * session the other request kept. Three tries at most, then the store's refusal stands. */
enum { STEP_TRIES = 3 };

int app_web_step(const struct app_ctx *ctx, const struct app_web_step *s, struct app_web_step_result *out,
		 struct strbuf *err)
{
	struct store *st = ctx->store;
	bool found = false;
	memset(out, 0, sizeof(*out));
	struct app_web_step_done done;
	for (int tries = 1;; tries++) {
		if (st->ops->batch_begin(st, 0, err))
			return -1;
		if (st->ops->idem_get(st, s->key, &out->first, &found, err))
			goto fail;
		if (found) {
			st->ops->batch_end(st, false, NULL);
			out->repeat = true;
			return 0;
		}
		memset(&done, 0, sizeof(done));
		int rc = store_step(ctx, s, &done, err);
		if (rc == 1 && tries < STEP_TRIES) {
			st->ops->batch_end(st, false, NULL);
			strbuf_reset(err);
			continue;
		}
		if (rc)
			goto fail;
		break;
	}
	out->answer = s->answer(s->arg, &done);
	out->status = s->status;
	if (!out->answer) {
		strbuf_addstr(err, "out of memory");
		goto fail;
	}
	struct idem_row row = { (char *)s->key, (char *)s->hash, s->status, out->answer, ctx->now_ms };
	int put = st->ops->idem_put(st, &row, err);
	if (put < 0)
		goto fail;
	if (put == 1) { /* another request with this key was faster: its answer stands */
		st->ops->batch_end(st, false, NULL);
		free(out->answer);
		out->answer = NULL;
		if (st->ops->idem_get(st, s->key, &out->first, &found, err))
			return -1;
		if (!found) {
			strbuf_addstr(err, "the answer kept under the key is gone");
			return -1;
		}
		out->repeat = true;
		return 0;
	}
	if (st->ops->batch_end(st, true, err)) {
		free(out->answer);
		out->answer = NULL;
		return -1;
	}
	return 0;
fail:
	st->ops->batch_end(st, false, NULL);
	free(out->answer);
	out->answer = NULL;
	return -1;
}

void app_web_step_result_release(struct app_web_step_result *r)
{
	idem_row_release(&r->first);
	free(r->answer);
	memset(r, 0, sizeof(*r));
}
