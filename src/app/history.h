/* history.h: the history use case: every session, oldest first, and with details what
 * was done in each (exercises, sets, pain reports); and the days a check-in recorded a
 * massage, which belongs to the method as much as a session does; and the appointments
 * a trainer recorded (a massage or a training, the areas worked). */
#ifndef UNHUNCH_APP_HISTORY_H
#define UNHUNCH_APP_HISTORY_H
#include "app/app.h"

struct app_history_session {
	struct session_row row;
	struct exercise_row *exercises;
	struct set_row *sets;
	struct pain_row *pains;
	size_t n_exercises, n_sets, n_pains;
};

struct app_history_request {
	bool details;  /* read each session's exercises, sets and pain reports too */
};

struct app_history {
	struct app_history_session *sessions;
	size_t n;
	char (*massages)[11];  /* YYYY-MM-DD of each check-in with a massage, oldest first */
	size_t n_massages;
	struct appointment_row *appointments; /* a trainer's appointments, oldest first */
	size_t n_appointments;
};

/* Returns -1 with err when the store fails (then h is empty). */
int app_history(const struct app_ctx *ctx, const struct app_history_request *rq, struct app_history *h,
		struct strbuf *err);
void app_history_release(struct app_history *h);

#endif
