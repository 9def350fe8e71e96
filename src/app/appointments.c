/* appointments.c: a trainer's appointment with a client: the input checked, who may
 * record it (app_rx_may), and the row written as the trainer (appointments.h). */
#include "app/appointments.h"
#include "app/audit.h"
#include "app/group.h"
#include "core/stats.h"
#include "core/utf8.h"
#include <stdio.h>
#include <string.h>

static enum app_rx_status check(const struct app_ctx *ctx, const struct app_appt_request *rq, int kind,
				char date[11], char areas[APPT_AREAS_TEXT_MAX], struct strbuf *err)
{
	if (kind < 0) {
		strbuf_addf(err, "kind: '%s' is not massage or training", rq->kind ? rq->kind : "");
		return APP_RX_BAD_INPUT;
	}
	int today = app_today(ctx), day = today;
	if (rq->date && *rq->date && !day_parse(rq->date, &day)) {
		strbuf_addf(err, "date: '%s' is not a day as YYYY-MM-DD", rq->date);
		return APP_RX_BAD_INPUT;
	}
	if (day > today) {
		strbuf_addf(err, "date: %s is after today (record an appointment once it has taken place)", rq->date);
		return APP_RX_BAD_INPUT;
	}
	day_format(day, date);
	const char *bad;
	size_t len;
	unsigned set = appt_areas_parse(rq->areas, &bad, &len);
	if (bad) {
		strbuf_addf(err, "areas: '%.*s' is not one of chest, ribs, hips, upper-back and neck, or is named twice",
			    (int)len, bad);
		return APP_RX_BAD_INPUT;
	}
	if (!set && kind == APPT_MASSAGE) {
		strbuf_addstr(err, "areas: say which areas the massage worked (chest, ribs, hips, upper-back, neck)");
		return APP_RX_BAD_INPUT;
	}
	appt_areas_format(set, areas);
	if (rq->note && *rq->note) {
		char name[16];
		unsigned cp;
		if (strlen(rq->note) > APPT_NOTE_MAX) {
			strbuf_addf(err, "note: %zu bytes is longer than %d", strlen(rq->note), APPT_NOTE_MAX);
			return APP_RX_BAD_INPUT;
		}
		if (!utf8_valid_str(rq->note)) {
			strbuf_addstr(err, "note: not valid UTF-8 text");
			return APP_RX_BAD_INPUT;
		}
		if ((cp = utf8_control(rq->note, true))) {
			strbuf_addf(err, "note: a control character (%s) is not allowed", utf8_control_name(cp, name));
			return APP_RX_BAD_INPUT;
		}
	}
	return APP_RX_SAVED;
}

enum app_rx_status app_appointment_add(const struct app_ctx *ctx, const struct app_appt_request *rq, int64_t *id,
				       struct strbuf *err)
{
	char date[11], areas[APPT_AREAS_TEXT_MAX];
	int kind = appt_kind_of(rq->kind);
	*id = 0;
	enum app_rx_status st = check(ctx, rq, kind, date, areas, err);
	if (st == APP_RX_SAVED)
		st = app_rx_may(ctx, rq->trainer_id, rq->client_id, "record an appointment", err);
	if (st != APP_RX_SAVED)
		return st;
	struct account_row t;
	bool found = false;
	if (ctx->store->ops->account_get(ctx->store, rq->trainer_id, NULL, &t, &found, err))
		return APP_RX_FAILED;
	/* written as the trainer: on PostgreSQL the trainer's own policy, nobody else's */
	struct store *h = NULL;
	if (store_bind(&h, ctx->store->db, rq->trainer_id, err)) {
		account_row_release(&t);
		return APP_RX_FAILED;
	}
	struct appointment_row row = {
		0, rq->client_id, "", ctx->now_ms, rq->trainer_id, found ? t.login : (char *)"",
		(char *)appt_kind_names[kind], areas, (char *)(rq->note ? rq->note : ""),
	};
	memcpy(row.date, date, sizeof(row.date));
	/* the appointment and its line in the client's audit log, together or neither */
	bool kept = false;
	if (!app_write_begin(ctx, err)) {
		kept = !app_audit(ctx, rq->trainer_id, rq->client_id, AUDIT_APPT_ADDED, err) &&
		       !h->ops->appointment_add(h, &row, err);
		struct strbuf end = STRBUF_INIT;
		if (app_write_end(ctx, kept, &end) && kept) {
			strbuf_addstr(err, strbuf_str(&end));
			kept = false;
		}
		strbuf_release(&end);
	}
	if (kept)
		*id = row.id;
	else
		st = APP_RX_FAILED;
	store_close(h);
	if (found)
		account_row_release(&t);
	return st;
}
