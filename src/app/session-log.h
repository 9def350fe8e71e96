/* session-log.h (app): what a guided session's engine hands out (a set done, an
 * exercise ended, a pain report, how it felt, the end) turned into the store's rows,
 * each saved at once through a recorder (record.h), with the plan's feedback made from
 * how it felt. One use case for every front end that runs the engine: the terminal
 * player saves each effect as it comes; the web player's upload route saves the effects
 * the page ran in the browser. */
#ifndef UNHUNCH_APP_SESSION_LOG_H
#define UNHUNCH_APP_SESSION_LOG_H
#include "app/app.h"
#include "app/record.h"
#include "core/session.h"
#include <stdbool.h>

struct app_session_log {
	const char *routine;   /* the session's routine id (not copied) */
	int64_t session;
	struct recorder rec;   /* saves each step; keeps and retries what the store refuses */
	int max_pain;          /* highest pain reported during the session; -1 none */
	bool warning;          /* a warning sign came up */
};

void app_session_log_init(struct app_session_log *l, struct store *st, const char *routine, int64_t session);
void app_session_log_release(struct app_session_log *l);

/* Take up a session already under way (its effects saved by earlier calls, perhaps by
 * another process): the highest pain and any warning sign are read back from its pain
 * reports, so how it felt is judged as if every effect came through this log. */
int app_session_log_resume(struct app_session_log *l, struct strbuf *err);

/* Save one effect at ctx->now_ms (today: the person's day, for the plan's feedback).
 * A warning sign (a pain report with score -1) is saved first, before its pain row,
 * and once: a second one in the same session (known to the log, or read back by
 * app_session_log_resume) stores nothing. The end of a session that finished or was
 * stopped for safety stores that status at once (the pain after unknown until
 * app_session_end() stores it), so a session cut off at the pain-after question is
 * finished, not one to resume.
 * Returns 0 when it and every step before it is saved, -1 when some are kept unsaved
 * (recorder_unsaved() says how many, recorder_why() why). */
int app_session_log_effect(const struct app_ctx *ctx, struct app_session_log *l, const struct effect *f, int today);

#endif
