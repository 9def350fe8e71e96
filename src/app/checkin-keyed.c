/* checkin-keyed.c (app): a check-in and its answer kept under an idempotency key in one
 * batch (checkin-keyed.h), as app/web-steps.c keeps the web player's steps. */
#include "app/checkin-keyed.h"
#include "app/group.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first answer kept under the key, after another request with it was faster. */
static int repeat_of(struct store *st, const char *key, struct app_checkin_keyed_result *out, struct strbuf *err)
{
	bool found = false;
	if (st->ops->idem_get(st, key, &out->first, &found, err))
		return -1;
	if (!found) {
		strbuf_addf(err, "the answer kept under the key %s is gone", key);
		return -1;
	}
	out->repeat = true;
	return 0;
}

int app_checkin_keyed(const struct app_ctx *ctx, const struct app_checkin_keyed *k, struct app_checkin_keyed_result *out,
		      struct strbuf *err)
{
	struct store *st = ctx->store;
	memset(out, 0, sizeof(*out));
	if (app_write_begin(ctx, err))
		return -1;
	bool found = false;
	if (st->ops->idem_get(st, k->key, &out->first, &found, err))
		goto undo;
	if (found) {
		out->repeat = true;
		app_write_end(ctx, false, NULL);
		return 0;
	}
	struct strbuf why = STRBUF_INIT;
	int rc = app_checkin_record(ctx, k->rq, &out->res, &why);
	if (rc || out->res.outcome == APP_CHECKIN_REFUSED || out->res.outcome == APP_CHECKIN_EXISTS) {
		/* nothing to keep: a failure, or a refusal the same request meets again */
		if (rc)
			strbuf_addstr(err, strbuf_str(&why));
		else if (out->res.outcome == APP_CHECKIN_REFUSED)
			snprintf(out->words, sizeof(out->words), "%s", strbuf_str(&why)); /* the refusal's words */
		strbuf_release(&why);
		app_write_end(ctx, false, NULL);
		return rc ? -1 : 0;
	}
	if (out->res.gate_failed)
		snprintf(out->words, sizeof(out->words), "%s", strbuf_str(&why));
	strbuf_release(&why);
	out->answer = k->answer(k->arg, &out->res, out->words, &out->status);
	if (!out->answer) {
		strbuf_addstr(err, "out of memory for the answer");
		goto undo;
	}
	struct idem_row row = { (char *)k->key, (char *)k->hash, out->status, out->answer, ctx->now_ms };
	int put = st->ops->idem_put(st, &row, err);
	if (put < 0)
		goto undo;
	if (put == 0)
		return app_write_end(ctx, true, err) ? -1 : 0;
	/* another request with this key was faster: its answer stands, this one is undone */
	app_write_end(ctx, false, NULL);
	free(out->answer);
	out->answer = NULL;
	return repeat_of(st, k->key, out, err);
undo:
	app_write_end(ctx, false, NULL);
	return -1;
}

void app_checkin_keyed_release(struct app_checkin_keyed_result *r)
{
	if (r->repeat)
		idem_row_release(&r->first);
	free(r->answer);
	memset(r, 0, sizeof(*r));
}
