/* web-session.h (app): the session a web player's steps belong to, and the rule that
 * keeps an unfinished one from staying "running" for ever. The page names its session
 * with its own id (kept across a reload, so a resumed session stays one session); the
 * first step of an id that reaches the server begins the session. A session begun ends
 * every older session still marked running: one person does one session at a time, and
 * a page that was closed for good sends no end. The older one is ended as stopped (as
 * the terminal's start retires a session the person chose not to resume), at the time
 * of its last recorded step; if its own end arrives later (an outbox that drains days
 * after), that end is stored over it. */
#ifndef UNHUNCH_APP_WEB_SESSION_H
#define UNHUNCH_APP_WEB_SESSION_H
#include "app/app.h"
#include "core/strbuf.h"

struct app_web_start {
	const char *web_id;    /* the page's id of the session */
	const char *routine;   /* the routine its pass allows */
	const char *pass_id;   /* the pass it ran under */
	int64_t started_ms;    /* when the page began it */
	int pain_before;       /* the pass's pain score; -1 when not asked */
};

/* *id: the session of s->web_id, found, or begun now (then older running sessions are
 * retired: app_sessions_retire). Returns 0; 1 when another request began the same
 * session meanwhile (err says so: undo the batch, the page sends again); -1 with err. */
int app_web_session(const struct app_ctx *ctx, const struct app_web_start *s, int64_t *id, struct strbuf *err);

/* End as stopped every session other than keep still marked running that began before
 * started_ms, at the time of its last recorded step (its start when it has none).
 * *n (may be NULL) gets how many. Returns -1 with err when the store fails. */
int app_sessions_retire(const struct app_ctx *ctx, int64_t keep, int64_t started_ms, int *n, struct strbuf *err);

/* *at: the time of the last step (set, exercise or pain report) recorded for session s;
 * its start when it has none. */
int app_session_last_step(struct store *st, const struct session_row *s, int64_t *at, struct strbuf *err);

#endif
