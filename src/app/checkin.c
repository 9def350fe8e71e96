/* checkin.c: one day's check-in checked and recorded, and what the gate asks after it
 * (see checkin.h). */
#include "app/checkin.h"
#include "app/gate.h"
#include "core/mem.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The field name a front end shows for what checkin_valid() refused. */
static const char *field_of(const char *why)
{
	if (!strcmp(why, "desk-hours"))
		return "desk_hours";
	if (!strcmp(why, "nothing to record"))
		return NULL;
	return why;
}

static bool same_values(const struct checkin *a, const struct checkin *b)
{
	if (a->pain != b->pain || a->headache != b->headache || a->stiffness != b->stiffness ||
	    a->stress != b->stress || a->sleep != b->sleep || a->massage != b->massage ||
	    a->desk_hours != b->desk_hours)
		return false;
	for (int r = 0; r < REG__COUNT; r++)
		if (a->region[r] != b->region[r])
			return false;
	const char *x = a->note && *a->note ? a->note : "", *y = b->note && *b->note ? b->note : "";
	return !strcmp(x, y);
}

/* once_per_day, the day's check-ins v (the store found c's date taken): 1 when one has
 * c's values, else 2 with the first (copied into *found without its note). */
static int day_taken(const struct checkin *v, size_t n, const struct checkin *c, struct checkin *found)
{
	int rc = 0;
	for (size_t i = 0; i < n && rc != 1; i++) {
		rc = same_values(&v[i], c) ? 1 : 2;
		if (rc == 1 || i == 0) {
			*found = v[i];
			found->note = NULL;
		}
	}
	return rc;
}

int app_checkin_record(const struct app_ctx *ctx, const struct app_checkin_request *rq, struct app_checkin_result *out,
		       struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct checkin c = rq->c;
	int today = app_today(ctx), day = today;
	if (c.date[0]) {
		const char *why;
		if (!day_parse(c.date, &day)) {
			out->outcome = APP_CHECKIN_REFUSED;
			out->field = "date";
			strbuf_addf(err, "date: must be a real date written YYYY-MM-DD, not '%s'", c.date);
			return 0;
		}
		if ((why = checkin_day_check(day, today))) {
			out->outcome = APP_CHECKIN_REFUSED;
			out->field = "date";
			strbuf_addf(err, "date: %s %s", c.date, why);
			return 0;
		}
	}
	day_format(day, c.date);
	c.at_ms = ctx->now_ms;
	const char *why;
	if (!checkin_valid(&c, &why)) {
		out->outcome = APP_CHECKIN_REFUSED;
		out->field = field_of(why);
		if (out->field)
			strbuf_addf(err, "%s: is out of its range", out->field);
		else
			strbuf_addstr(err, "nothing to record; give at least one value");
		return 0;
	}
	/* a new note is plain text, as the terminal takes it (a backup restores what it holds) */
	unsigned cp = c.note ? utf8_control(c.note, true) : 0;
	if (cp) {
		char name[16];
		out->outcome = APP_CHECKIN_REFUSED;
		out->field = "note";
		strbuf_addf(err, "note: has a control character (%s); write plain text", utf8_control_name(cp, name));
		return 0;
	}
	out->day = day;
	if (rq->once_per_day) {
		/* the look and the save in one transaction of the store: two posts of the same
		 * day at the same instant never both store */
		struct checkin *v = NULL;
		size_t n = 0;
		int t = ctx->store->ops->checkin_add_once(ctx->store, &c, &v, &n, err);
		if (t < 0)
			return -1;
		if (t) {
			t = day_taken(v, n, &c, &out->saved);
			store_checkins_free(v, n);
			out->outcome = t == 1 ? APP_CHECKIN_REPEAT : APP_CHECKIN_EXISTS;
			if (t == 1)
				out->saved.note = c.note;
			return 0;
		}
	} else if (ctx->store->ops->checkin_add(ctx->store, &c, err)) {
		return -1;
	}
	out->outcome = APP_CHECKIN_SAVED;
	out->saved = c;
	/* what the gate now asks before the next session */
	struct app_gate_request g_rq = { GATE_START, NULL, NULL, NULL, -1 };
	struct app_gate_result g;
	const unsigned news = RS_NEW_REGION | RS_JUMP | RS_CHEST | RS_HEADACHE | RS_FLARE;
	struct app_safety sa;
	if (app_safety_after_checkin(ctx, &c, &sa, err) || app_gate_on(ctx, &g_rq, &sa, &g, err)) {
		out->gate_failed = true;
		return 0;
	}
	out->must_screen = g.v.must_screen & news;
	if (out->must_screen)
		snprintf(out->reason, sizeof(out->reason), "%s", g.v.reason);
	else
		out->high_pain = c.pain >= CHECKIN_HIGH_PAIN || c.headache >= CHECKIN_HIGH_PAIN;
	return 0;
}

int app_checkins_range(const struct app_ctx *ctx, int from, int to, struct checkin **rows, size_t *n,
		       struct strbuf *err)
{
	struct checkin *v = NULL;
	size_t nv = 0;
	*rows = NULL;
	*n = 0;
	if (from > to)
		return 0;
	/* the dates' range of the store (its text order is the days' order), then the days
	 * themselves: a date that is not a real day is left out as before */
	char f[11], t[11];
	day_format(from, f);
	day_format(to, t);
	if (ctx->store->ops->checkins_between(ctx->store, f, t, &v, &nv, err))
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < nv; i++) {
		int d;
		if (day_parse(v[i].date, &d) && d >= from && d <= to)
			v[k++] = v[i];
		else
			free(v[i].note);
	}
	*rows = v;
	*n = k;
	return 0;
}
