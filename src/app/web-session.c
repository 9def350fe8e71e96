/* web-session.c (app): a web session found or begun, and older running ones retired
 * (see web-session.h). */
#include "app/web-session.h"
#include "store/store.h"

int app_session_last_step(struct store *st, const struct session_row *s, int64_t *at, struct strbuf *err)
{
	struct set_row *sets = NULL;
	struct exercise_row *ex = NULL;
	struct pain_row *pains = NULL;
	size_t ns = 0, ne = 0, np = 0;
	*at = s->started_ms;
	int rc = st->ops->sets_of(st, s->id, &sets, &ns, err) || st->ops->exercises_of(st, s->id, &ex, &ne, err) ||
		 st->ops->pains_of(st, s->id, &pains, &np, err) ? -1 : 0;
	for (size_t i = 0; i < ns; i++)
		*at = sets[i].at_ms > *at ? sets[i].at_ms : *at;
	for (size_t i = 0; i < ne; i++)
		*at = ex[i].at_ms > *at ? ex[i].at_ms : *at;
	for (size_t i = 0; i < np; i++)
		*at = pains[i].at_ms > *at ? pains[i].at_ms : *at;
	store_sets_free(sets, ns);
	store_exercises_free(ex, ne);
	store_pains_free(pains, np);
	return rc;
}

int app_sessions_retire(const struct app_ctx *ctx, int64_t keep, int64_t started_ms, int *n, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct session_row *s = NULL;
	size_t ns = 0;
	int rc = 0, retired = 0;
	if (st->ops->sessions_list(st, &s, &ns, err))
		return -1;
	for (size_t i = 0; !rc && i < ns; i++) {
		if (s[i].id == keep || s[i].status != SESSION_RUNNING || s[i].started_ms >= started_ms)
			continue;
		int64_t at;
		rc = app_session_last_step(st, &s[i], &at, err) || st->ops->session_end(st, s[i].id, SESSION_STOPPED, -1, at, err)
			     ? -1 : 0;
		retired += !rc;
	}
	store_sessions_free(s, ns);
	if (n)
		*n = retired;
	return rc;
}

int app_web_session(const struct app_ctx *ctx, const struct app_web_start *s, int64_t *id, struct strbuf *err)
{
	struct store *st = ctx->store;
	if (st->ops->web_session_find(st, s->web_id, id, err))
		return -1;
	if (*id)
		return 0;
	struct session_row row = { 0, (char *)s->routine, s->started_ms, 0, SESSION_RUNNING, s->pain_before, -1,
				   (char *)"content", 0, 0, 0 };
	if (st->ops->session_begin(st, &row, err))
		return -1;
	int added = st->ops->web_session_add(st, row.id, s->web_id, s->pass_id, err);
	if (added == 1)
		strbuf_addstr(err, "the session was being recorded by another request");
	if (added)
		return added;
	*id = row.id;
	return app_sessions_retire(ctx, row.id, row.started_ms, NULL, err);
}
