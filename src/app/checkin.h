/* checkin.h: recording one day's check-in (today's or a back-filled day's) for every
 * front end (`unhunch checkin`, POST /api/v1/checkins, the web's Check-in page): the
 * same checks of the day and the values, the save, and what the safety gate asks
 * afterwards (a new place, a jump, new chest pain, a first severe headache, a flare-up
 * make exercise wait for the screen; core/safety.c decides). Also the check-ins of a
 * range of days, for the API. */
#ifndef UNHUNCH_APP_CHECKIN_H
#define UNHUNCH_APP_CHECKIN_H
#include "app/app.h"
#include "core/checkin.h"
#include "core/safety.h"

/* Pain or headache from this high, with no new screen asked, gets a reminder that the
 * safety questions are there when something new came on. */
#define CHECKIN_HIGH_PAIN 8

struct app_checkin_request {
	struct checkin c;     /* the values (checkin_init first); c.date "" means today */
	bool once_per_day;    /* a day holds one check-in: a second one for a day that has one is
			       * refused (APP_CHECKIN_EXISTS), an identical repeat saves nothing
			       * (APP_CHECKIN_REPEAT). The command line keeps every check-in. */
};

enum app_checkin_outcome {
	APP_CHECKIN_SAVED,    /* stored; out->saved holds its id and date */
	APP_CHECKIN_REFUSED,  /* bad input: out->field names the field, err says why; nothing stored */
	APP_CHECKIN_EXISTS,   /* once_per_day: that day has a different check-in; nothing stored */
	APP_CHECKIN_REPEAT,   /* once_per_day: the same values are stored for that day already */
};

struct app_checkin_result {
	enum app_checkin_outcome outcome;
	const char *field;    /* REFUSED: "date", "pain", "neck", ..., "desk_hours", "note", or NULL */
	struct checkin saved; /* SAVED, REPEAT, EXISTS: the stored check-in of that day (id, date, at_ms,
			       * values; note points into the request or is NULL) */
	int day;              /* its local day number */
	/* after a save, what the gate asks before the next session: */
	unsigned must_screen; /* enum rescreen_why bits among RS_NEW_REGION, RS_JUMP, RS_CHEST,
			       * RS_HEADACHE, RS_FLARE; 0 none */
	char reason[GATE_REASON_MAX]; /* the gate's words when must_screen */
	bool high_pain;       /* pain or headache CHECKIN_HIGH_PAIN+ with must_screen 0 */
	bool gate_failed;     /* saved, but the gate could not be asked: err says why */
};

/* Check and record rq at ctx->now_ms (the check-in's at_ms). Returns 0 with the outcome
 * in out, or -1 with err when the store fails (nothing is reported saved then). */
int app_checkin_record(const struct app_ctx *ctx, const struct app_checkin_request *rq, struct app_checkin_result *out,
		       struct strbuf *err);

/* The check-ins whose date is from..to (days, inclusive), oldest first. Caller frees
 * with store_checkins_free. Returns -1 with err when the store fails. */
int app_checkins_range(const struct app_ctx *ctx, int from, int to, struct checkin **rows, size_t *n,
		       struct strbuf *err);

#endif
