/* web-steps.h (app): one step of a web player's session (a set done, an exercise ended,
 * a pain report, how it felt, the end), uploaded under an idempotency key. The step's
 * rows and the answer given for it are kept in one batch, so a repeat of the request
 * gets the first answer back and stores nothing twice, and a kill in between stores
 * neither. The route checks the pass and reads the step; this stores it. */
#ifndef UNHUNCH_APP_WEB_STEPS_H
#define UNHUNCH_APP_WEB_STEPS_H
#include "app/app.h"
#include "app/web-session.h"
#include "core/session.h"
#include "core/strbuf.h"
#include <stdbool.h>

/* What the step did, for the answer. */
struct app_web_step_done {
	int64_t session;  /* the session it belongs to */
	bool ended;       /* it was the session's end */
	bool after_bad;   /* then: the pain after rose (app_session_end) */
};

struct app_web_step {
	const char *key;               /* the request's idempotency key */
	const char *hash;              /* a digest of the request, to tell a repeat from another use of key */
	struct app_web_start start;    /* the session the step belongs to */
	const struct routine *routine; /* the pass's routine */
	const struct effect *fx;       /* the step, as the engine's effect */
	int64_t at_ms;                 /* when it happened (the page's clock, kept between the pass and now) */
	int pain_after;                /* for an end: the pain after a finished session; -1 not asked */
	bool neck_ok;                  /* the pass's: exercises that load the neck are allowed */
	int status;                    /* the status of the answer, kept with it */
	/* The answer to keep under the key, made from what the step did (newly allocated;
	 * NULL when out of memory). */
	char *(*answer)(void *arg, const struct app_web_step_done *done);
	void *arg;
};

struct app_web_step_result {
	bool repeat;                   /* the key was used before: first holds what was kept */
	struct idem_row first;         /* then: its status, request hash and answer */
	char *answer;                  /* otherwise: the answer kept now (freed by release) */
	int status;                    /* and its status */
};

/* Store step s at ctx->now_ms (the key's time; the step's own rows at s->at_ms). Returns
 * 0 with out filled: stored now, or a repeat (out->repeat: the caller compares
 * first.request_hash with its own); -1 with err when nothing was stored (the page sends
 * it again). */
int app_web_step(const struct app_ctx *ctx, const struct app_web_step *s, struct app_web_step_result *out,
		 struct strbuf *err);
void app_web_step_result_release(struct app_web_step_result *r);

#endif
