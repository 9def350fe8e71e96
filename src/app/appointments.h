/* appointments.h: a trainer records an appointment with a client (issue 18): a massage
 * or a training on a day, the areas worked, a note. The same rule as a prescription
 * decides who may (app_rx_may: an enabled trainer linked to the client); the row is
 * the client's records, written as the trainer (store.h's appointment_add). The
 * client sees it in their history (app/history.c) and a massage's day counts as a
 * massage day in the insights (app/days.h). */
#ifndef UNHUNCH_APP_APPOINTMENTS_H
#define UNHUNCH_APP_APPOINTMENTS_H
#include "app/app.h"
#include "app/prescribe.h"
#include "core/appointment.h"

struct app_appt_request {
	int64_t trainer_id, client_id;
	const char *kind;  /* "massage" or "training" */
	const char *date;  /* YYYY-MM-DD, today or before; NULL or "": today */
	const char *areas; /* "chest,upper-back": a set of chest, ribs, hips, upper-back, neck */
	const char *note;  /* NULL or "" for none */
};

/* APP_RX_SAVED with the row's id in *id; APP_RX_BAD_INPUT (err names the field),
 * APP_RX_NOT_ALLOWED, APP_RX_NO_ACCOUNT, APP_RX_FAILED. Nothing is saved unless SAVED. */
enum app_rx_status app_appointment_add(const struct app_ctx *ctx, const struct app_appt_request *rq, int64_t *id,
				       struct strbuf *err);

#endif
