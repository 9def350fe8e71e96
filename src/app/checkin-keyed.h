/* checkin-keyed.h (app): a check-in sent under an idempotency key (the Idempotency-Key of
 * POST /api/v1/checkins). The check-in and the answer given for it are kept in one
 * batch, so a repeat of the request gets the first answer back and stores nothing
 * twice; a check-in refused (a bad value, another one that day) keeps nothing under the
 * key, so the same request is refused again the same way. */
#ifndef UNHUNCH_APP_CHECKIN_KEYED_H
#define UNHUNCH_APP_CHECKIN_KEYED_H
#include "app/app.h"
#include "app/checkin.h"
#include "core/strbuf.h"
#include "store/store.h"
#include <stdbool.h>

struct app_checkin_keyed {
	const char *key;                        /* the request's idempotency key */
	const char *hash;                       /* a digest of the request, to tell a repeat from another use */
	const struct app_checkin_request *rq;   /* the check-in */
	/* The answer to keep for a check-in recorded (saved, or the same again), with its
	 * status; gate_why is why the gate could not be asked ("" when it was). Newly
	 * allocated; NULL when out of memory. */
	char *(*answer)(void *arg, const struct app_checkin_result *res, const char *gate_why, int *status);
	void *arg;
};

struct app_checkin_keyed_result {
	bool repeat;                    /* the key was used before: first holds what was kept */
	struct idem_row first;
	struct app_checkin_result res;  /* otherwise: the check-in's outcome, as app_checkin_record */
	char *answer;                   /* for a check-in recorded: the answer kept (freed by release) */
	int status;
	char words[512];                /* refused: why; recorded but the gate not asked: why; else "" */
};

/* Returns 0 with out filled (a repeat, a refusal with nothing kept, or recorded and its
 * answer kept), or -1 with err when the store failed and nothing was stored. */
int app_checkin_keyed(const struct app_ctx *ctx, const struct app_checkin_keyed *k, struct app_checkin_keyed_result *out,
		      struct strbuf *err);
void app_checkin_keyed_release(struct app_checkin_keyed_result *r);

#endif
