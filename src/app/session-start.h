/* session-start.h (app): the session's own records around `unhunch start`: the newest
 * unfinished session and where it stopped (resumed, or closed when declined, or closed
 * as finished when every exercise is recorded), a session opened or reopened, and what
 * a session saved, counted for its summary. The gate and the doses are gate.h's and
 * session.h's. */
#ifndef UNHUNCH_APP_SESSION_START_H
#define UNHUNCH_APP_SESSION_START_H
#include "app/app.h"

/* A web player's session with a step this recent is taken to be running in the browser
 * (a routine takes a quarter of an hour; a pause, a reload or a phone put aside leaves
 * it there); one older than this was left. The same holds for a terminal's session seen
 * from the browser (app_session_running). */
#define APP_WEB_LIVE_MS (2 * 3600 * 1000LL)

struct app_unfinished {
	bool found;          /* an unfinished session to resume or close */
	int64_t id;
	const struct routine *routine; /* NULL when the content has it no more */
	int stopped;         /* ended for safety (app_resume_stopped()): 1 a warning sign, 2 pain of
			      * 8 or more; never resumed */
	int item, units;     /* the first exercise not recorded, and how many of its sets are */
	int pain_before;
	bool closed;         /* every exercise was recorded: stored now as finished, pain after
			      * unknown (found is false then) */
	bool web;            /* begun in the web player: never resumed in the terminal */
	bool in_browser;     /* web, with a step in the last APP_WEB_LIVE_MS: running there now,
			      * so neither resumed nor ended by a start in the terminal unless
			      * the person asks for a fresh one */
	int64_t last_ms;     /* web: its last step (its start when none) */
};
/* The newest unfinished session. -1 with err when the store fails. */
int app_session_unfinished(const struct app_ctx *ctx, struct app_unfinished *out, struct strbuf *err);
/* An unfinished session the person chose not to resume: it stays in the history as
 * stopped, and is not offered again. */
int app_session_decline(const struct app_ctx *ctx, int64_t id, struct strbuf *err);

/* One session at a time: take the store's session lock for holder (a second start
 * would stop or repeat the running one). 0 when taken, 1 when another holds it
 * (*held_by: its id, caller frees), -1 with err. unlock gives it back. */
int app_session_lock(const struct app_ctx *ctx, const struct store_holder *holder, char **held_by, struct strbuf *err);
int app_session_unlock(const struct app_ctx *ctx, const char *holder_id, struct strbuf *err);

/* A session a program runs now (it holds the session lock: `unhunch start`), seen from a
 * start in the web player, which holds no lock while its page runs the session: no web
 * session starts beside it. As the terminal's start does with a session running in the
 * browser, one quiet for APP_WEB_LIVE_MS or more may be ended from the browser when the
 * person asks; one with a more recent step is not (finish it there). */
struct app_running {
	bool running;                  /* a program runs a session now: no web session starts */
	bool can_end;                  /* its session's last step is APP_WEB_LIVE_MS old or more */
	bool ended;                    /* asked and allowed: it was ended as stopped now */
	int64_t id;                    /* its session; 0 when it has stored none yet (it is being
					* started there, at a question) */
	const struct routine *routine; /* its routine; NULL with id 0, or when the content has it no more */
	int64_t last_ms;               /* its last step (its start when none) */
};
/* Is a session running in a program now? The lock is taken for a moment under the web
 * player's name (APP_WEB_HOLDER) and given back: held by another run that alive (as for
 * app_session_lock; NULL: every holder is taken to be running) says is going, it is.
 * With end, a session that can_end is ended as stopped at its last step, and the run's
 * hold on the lock dropped (running false, ended true). -1 with err when the store fails. */
#define APP_WEB_HOLDER "web-player"
int app_session_running(const struct app_ctx *ctx, bool (*alive)(const char *id, void *arg), void *arg, bool end,
			struct app_running *out, struct strbuf *err);

/* Open a session of r (resume 0: a new one, started now with pain_before and pacing
 * "content", "timed" or "self"; else that session, running again). *id gets its id. */
int app_session_open(const struct app_ctx *ctx, const struct routine *r, int64_t resume, int pain_before,
		     const char *pacing, int64_t *id, struct strbuf *err);

/* What a session saved: exercises done, skipped, and stopped for pain or for a warning
 * sign (a dizziness stop is not a pain stop). */
struct app_session_tally {
	int done, skipped, for_pain, for_warning;
};
int app_session_tally(const struct app_ctx *ctx, int64_t id, struct app_session_tally *out, struct strbuf *err);

#endif
