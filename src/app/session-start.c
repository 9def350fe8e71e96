/* session-start.c (app): the session's own records around a start (session-start.h). */
#include "app/session-start.h"
#include "app/gate.h"
#include "app/web-session.h"
#include <stdlib.h>
#include <string.h>

/* Where to pick up a session that was stopped: the first exercise not yet recorded,
 * and how many of its sets are; last_ms the newest exercise's time. */
static int resume_point(struct store *st, int64_t id, int *item, int *units, int64_t *last_ms, struct strbuf *err)
{
	struct exercise_row *ex = NULL;
	struct set_row *sets = NULL;
	size_t nex = 0, nsets = 0;
	if (st->ops->exercises_of(st, id, &ex, &nex, err) || st->ops->sets_of(st, id, &sets, &nsets, err)) {
		store_exercises_free(ex, nex);
		return -1;
	}
	*item = 0;
	*last_ms = 0;
	for (size_t i = 0; i < nex; i++) {
		if (ex[i].item + 1 > *item)
			*item = ex[i].item + 1;
		if (ex[i].at_ms > *last_ms)
			*last_ms = ex[i].at_ms;
	}
	*units = 0;
	for (size_t i = 0; i < nsets; i++)
		*units += sets[i].item == *item;
	store_exercises_free(ex, nex);
	store_sets_free(sets, nsets);
	return 0;
}

int app_session_unfinished(const struct app_ctx *ctx, struct app_unfinished *out, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct session_row old;
	bool found = false;
	memset(out, 0, sizeof(*out));
	memset(&old, 0, sizeof(old));
	if (st->ops->session_unfinished(st, &old, &found, err))
		return -1;
	if (!found)
		return 0;
	int rc = -1;
	int64_t last_ms = 0;
	if (app_resume_stopped(ctx, &out->stopped, err))
		goto out;
	out->found = true;
	out->id = old.id;
	out->pain_before = old.pain_before;
	out->routine = catalog_routine(ctx->content, old.routine_id);
	if (out->routine && resume_point(st, old.id, &out->item, &out->units, &last_ms, err))
		goto out;
	rc = 0;
	if (out->routine && (size_t)out->item >= out->routine->n_items) {
		/* every exercise is recorded (it ended at the pain-after question): it is
		 * finished, with the pain after unknown, not a session to resume */
		rc = st->ops->session_end(st, old.id, SESSION_FINISHED, -1, last_ms ? last_ms : ctx->now_ms, err) ? -1 : 0;
		out->found = false;
		out->closed = true;
	} else if (st->ops->web_session_of(st, old.id, &out->web, err) ||
		   (out->web && app_session_last_step(st, &old, &out->last_ms, err))) {
		rc = -1;
	} else if (out->web) {
		out->in_browser = ctx->now_ms - out->last_ms < APP_WEB_LIVE_MS;
	}
out:
	session_row_release(&old);
	return rc;
}

int app_session_decline(const struct app_ctx *ctx, int64_t id, struct strbuf *err)
{
	return ctx->store->ops->session_end(ctx->store, id, SESSION_STOPPED, -1, ctx->now_ms, err);
}

int app_session_lock(const struct app_ctx *ctx, const struct store_holder *holder, char **held_by, struct strbuf *err)
{
	return ctx->store->ops->session_lock(ctx->store, holder, ctx->now_ms, held_by, err);
}

int app_session_unlock(const struct app_ctx *ctx, const char *holder_id, struct strbuf *err)
{
	return ctx->store->ops->session_unlock(ctx->store, holder_id, err);
}

/* The session the program holding the lock runs: the newest still marked running that
 * is not a web player's (a session quit earlier, resumable, runs nowhere). */
static int terminal_session(const struct app_ctx *ctx, struct app_running *out, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct session_row *s = NULL;
	size_t n = 0;
	if (st->ops->sessions_list(st, &s, &n, err))
		return -1;
	const struct session_row *newest = NULL;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		bool web = false;
		if (s[i].status != SESSION_RUNNING || (newest && s[i].started_ms < newest->started_ms))
			continue;
		rc = st->ops->web_session_of(st, s[i].id, &web, err);
		if (!rc && !web)
			newest = &s[i];
	}
	if (!rc && newest) {
		out->id = newest->id;
		out->routine = catalog_routine(ctx->content, newest->routine_id);
		rc = app_session_last_step(st, newest, &out->last_ms, err);
	}
	store_sessions_free(s, n);
	return rc ? -1 : 0;
}

int app_session_running(const struct app_ctx *ctx, bool (*alive)(const char *id, void *arg), void *arg, bool end,
			struct app_running *out, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct store_holder probe = { APP_WEB_HOLDER, alive, arg };
	char *held_by = NULL;
	memset(out, 0, sizeof(*out));
	int lk = st->ops->session_lock(st, &probe, ctx->now_ms, &held_by, err);
	if (lk < 0)
		return -1;
	if (lk == 0) /* free, or held by a run that has ended: no session runs elsewhere */
		return st->ops->session_unlock(st, APP_WEB_HOLDER, err) ? -1 : 0;
	out->running = true;
	int rc = terminal_session(ctx, out, err);
	out->can_end = !rc && out->id && ctx->now_ms - out->last_ms >= APP_WEB_LIVE_MS;
	if (!rc && end && out->can_end) {
		/* ended as the terminal ends a browser's session left that long: stopped, at its
		 * last step; the run that holds the lock lets go of it */
		rc = st->ops->session_end(st, out->id, SESSION_STOPPED, -1, out->last_ms, err) ||
			     st->ops->session_unlock(st, held_by, err) ? -1 : 0;
		out->ended = !rc;
		out->running = rc != 0;
	}
	free(held_by);
	return rc;
}

int app_session_open(const struct app_ctx *ctx, const struct routine *r, int64_t resume, int pain_before,
		     const char *pacing, int64_t *id, struct strbuf *err)
{
	struct store *st = ctx->store;
	if (resume) {
		*id = resume;
		return st->ops->session_end(st, resume, SESSION_RUNNING, -1, 0, err);
	}
	struct session_row row = { 0, (char *)r->id, ctx->now_ms, 0, SESSION_RUNNING, pain_before, -1, (char *)pacing,
				   0, 0, 0 };
	if (st->ops->session_begin(st, &row, err))
		return -1;
	*id = row.id;
	return 0;
}

int app_session_tally(const struct app_ctx *ctx, int64_t id, struct app_session_tally *out, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct exercise_row *ex = NULL;
	struct pain_row *pains = NULL;
	size_t n = 0, np = 0;
	memset(out, 0, sizeof(*out));
	int rc = st->ops->exercises_of(st, id, &ex, &n, err) || st->ops->pains_of(st, id, &pains, &np, err) ? -1 : 0;
	for (size_t i = 0; !rc && i < n; i++) {
		out->done += ex[i].status == EX_DONE;
		out->skipped += ex[i].status == EX_SKIPPED;
		if (ex[i].status != EX_STOPPED)
			continue;
		bool warning = false; /* a dizziness stop is not a pain stop */
		for (size_t k = 0; k < np; k++)
			warning |= pains[k].item == ex[i].item && pains[k].score == -1;
		out->for_warning += warning;
		out->for_pain += !warning;
	}
	store_exercises_free(ex, n);
	store_pains_free(pains, np);
	return rc;
}
