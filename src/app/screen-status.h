/* screen-status.h: the screening state use case (`screen --status`, and any page that
 * shows it): the safety status the gate decides from, the latest screening with its
 * answers, whether exercise is allowed now and, when the questions must be answered
 * again, the gate's reason. */
#ifndef UNHUNCH_APP_SCREEN_STATUS_H
#define UNHUNCH_APP_SCREEN_STATUS_H
#include "app/gate.h"
#include "app/safety.h"

struct app_screen_status {
	struct app_safety safety;
	struct screening_row latest;  /* the latest screening, with its answers; when found */
	bool found;
	bool exercise_allowed;        /* allowed, and nothing to answer first */
	bool has_gate;                /* the questions are due again: gate says why */
	struct app_gate_result gate;
};

/* Returns -1 with err when the store fails. Release out afterwards either way. */
int app_screen_status(const struct app_ctx *ctx, struct app_screen_status *out, struct strbuf *err);
void app_screen_status_release(struct app_screen_status *s);

#endif
