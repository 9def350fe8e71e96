/* dashboard.c: the trainer's dashboard (dashboard.h): the clients with their lines as
 * kept when their records have not changed that day (dash-kept.h); for the rest one
 * read of the store (dashboard_facts), then each client's days folded as the client's
 * own progress folds them (app_days_fold), the plan's due days from their latest
 * assessment, the line kept; and the order of core/attention.c. */
#include "app/dashboard.h"
#include "app/audit.h"
#include "app/dash-kept.h"
#include "app/days.h"
#include "core/mem.h"
#include "core/plan.h"
#include "core/screen.h"
#include <stdlib.h>
#include <string.h>

/* The plan's days for a client: from their latest assessment (the starting plan
 * without one), as plan_build makes it; none while a warning sign holds. */
static void client_plan(const struct dash_client *c, const struct attention_facts *af, struct plan *p)
{
	struct profile prof;
	bool have = c->assessed[0] != '\0';
	if (have) {
		double a[AQ__COUNT];
		for (int q = 0; q < AQ__COUNT; q++)
			a[q] = ASSESS_SKIPPED;
		for (size_t k = 0; k < c->n_answers; k++) {
			int q = assess_find(c->answers[k].question);
			if (q >= 0)
				a[q] = c->answers[k].value;
		}
		int day = 0;
		day_parse(c->assessed, &day);
		profile_build(&prof, day, a);
	}
	bool screened = c->screening_level >= 0;
	bool allowed = !screened || c->screening_cleared ||
		       (c->screening_level < URG_DAYS && !c->screening_warning);
	struct plan_input in = { have ? &prof : NULL, NULL, screened, allowed, true, af->flare, -1,
				 false, false, af->course, false };
	plan_build(&in, p);
}

/* Is a session due on day d by plan p (a part with a routine or exercise, not the
 * posture breaks spread over the day)? */
static bool due_on(const struct plan *p, int d)
{
	size_t idx[PLAN_MAX_PARTS];
	size_t n = plan_due(p, d, idx);
	for (size_t i = 0; i < n; i++)
		if (!p->parts[idx[i]].all_day && !p->parts[idx[i]].add_on)
			return true;
	return false;
}

static void one_client(const struct app_ctx *ctx, int today, int first_day, const struct dash_client *c,
		       struct app_dash_client *out)
{
	memset(out, 0, sizeof(*out));
	out->facts = c;
	struct session_row *ss = xcalloc(c->n_sessions + 1, sizeof(*ss));
	struct attention_facts af = { .today = today, .screening_level = c->screening_level,
				      .screening_warning = c->screening_warning,
				      .screening_cleared = c->screening_cleared, .stopped_day = -1,
				      .last_session_day = -1 };
	af.screening_day = c->screening_ms ? tz_day_of_ms(ctx->tz, c->screening_ms) : -1;
	af.linked_day = tz_day_of_ms(ctx->tz, c->linked_ms);
	for (size_t i = 0; i < c->n_sessions; i++) {
		const struct dash_session *x = &c->sessions[i];
		ss[i].started_ms = x->started_ms;
		ss[i].status = x->status;
		ss[i].exercises_done = x->exercises_done;
		int why = attention_stop_why(x->warning, x->max_pain);
		if (why) {
			af.stopped_day = tz_day_of_ms(ctx->tz, x->started_ms);
			af.stopped_why = why;
		}
	}
	if (c->last_session_ms) {
		af.last_session_day = tz_day_of_ms(ctx->tz, c->last_session_ms);
		out->days_since_session = today - af.last_session_day;
	} else {
		out->days_since_session = -1;
	}
	struct day *days = NULL;
	size_t nd = 0;
	app_days_fold(c->checkins, c->n_checkins, ss, c->n_sessions, ctx->tz, &days, &nd);
	free(ss);
	af.flare = plan_flare(days, nd, today);
	af.course = stats_course(days, nd, today);
	out->change = stats_change(days, nd, today);
	out->course = af.course;
	attention_judge(&af, &out->att);

	for (int k = 0; k < DASH_SERIES; k++)
		for (int i = 0; i < DASH_DAYS; i++)
			out->pain[k][i] = STATS_NO_VALUE;
	for (size_t i = stats_day_index(days, nd, first_day); i < nd && days[i].day <= today; i++) {
		int at = days[i].day - first_day;
		for (int k = 0; k < DASH_SERIES; k++) {
			double v = k ? days[i].region[k - 1] : days[i].pain;
			out->pain[k][at] = v;
			if (v >= 0)
				out->rated[k] = true;
		}
	}

	struct plan p;
	client_plan(c, &af, &p);
	out->paused = !p.allowed;
	for (size_t i = 0; i < p.n_parts; i++)
		if (!p.parts[i].all_day && !p.parts[i].add_on)
			out->has_plan = true;
	for (int d = today - 29; d <= today; d++) {
		if (d < af.linked_day)
			continue;
		size_t k = stats_day_index(days, nd, d);
		bool done = k < nd && days[k].day == d && days[k].session;
		bool due = due_on(&p, d);
		out->done30 += done;
		out->due30 += due;
		if (d > today - 7) {
			out->done7 += done;
			out->due7 += due;
		}
	}
	free(days);
}

static int by_attention(const void *a, const void *b)
{
	const struct app_dash_client *x = a, *y = b;
	int c = attention_cmp(&x->att, &y->att);
	if (c)
		return c;
	c = strcmp(x->facts->display_name, y->facts->display_name);
	if (c)
		return c;
	return x->facts->id < y->facts->id ? -1 : x->facts->id > y->facts->id;
}

/* Move the fresh facts (by id, as the kept rows) into the lines not kept, and drop the
 * lines of clients the fresh read did not find (unlinked meanwhile); a client linked
 * after the kept rows were read waits for the next read. Returns how many lines are
 * left; folded[i] says a line still to fold, version[i] the version it is made from. */
static size_t merge(struct app_dashboard *out, const struct dash_kept *kept, size_t n_kept, const bool *hit,
		    struct dash_client *fresh, size_t n_fresh, bool *folded, int64_t *version)
{
	size_t j = 0, n = 0, spare = 0;
	for (size_t i = 0; i < n_kept; i++) {
		struct dash_client *f = &out->facts[i];
		if (!hit[i]) {
			while (j < n_fresh && fresh[j].id < kept[i].id)
				fresh[spare++] = fresh[j++];
			free(f->login);
			free(f->display_name);
			if (j < n_fresh && fresh[j].id == kept[i].id) {
				*f = fresh[j++];
			} else {
				memset(f, 0, sizeof(*f));
				continue;
			}
		}
		out->facts[n] = *f;
		out->clients[n] = out->clients[i];
		folded[n] = !hit[i];
		version[n] = kept[i].version;
		n++;
	}
	while (j < n_fresh)
		fresh[spare++] = fresh[j++];
	store_dash_free(fresh, spare);
	for (size_t i = 0; i < n; i++)
		out->clients[i].facts = &out->facts[i];
	return n;
}

/* Keep the lines folded here. Not keeping them is no error of the read: the next
 * read folds them again. */
static void keep_lines(struct store *st, const char *key, const struct app_dashboard *d, const bool *folded,
		       const int64_t *version)
{
	struct dash_kept *put = xcalloc(d->n + 1, sizeof(*put));
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (folded[i])
			put[n++] = (struct dash_kept){ .id = d->facts[i].id, .version = version[i],
						       .text = dash_kept_encode(&d->clients[i]) };
	struct strbuf err = STRBUF_INIT;
	if (n)
		st->ops->dash_kept_put(st, key, put, n, &err);
	strbuf_release(&err);
	for (size_t i = 0; i < n; i++)
		free(put[i].text);
	free(put);
}

int app_dashboard(const struct app_ctx *ctx, struct app_dashboard *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct store *st = ctx->store;
	struct account_row me;
	bool found = false;
	if (st->ops->account_get(st, st->person, NULL, &me, &found, err))
		return -1;
	bool trainer = found && me.role == ROLE_TRAINER && !me.disabled_ms;
	char *name = NULL; /* the trainer's, for the audit lines */
	if (found) {
		name = me.display_name;
		me.display_name = NULL;
		account_row_release(&me);
	}
	if (!trainer) {
		free(name);
		return 1;
	}
	out->today = app_today(ctx);
	out->first_day = out->today - (DASH_DAYS - 1);
	/* the flare-up needs the 7 days before the window's first */
	int from_day = out->first_day - 7;
	char from[11], key[STORE_DASH_KEY_MAX + 1];
	day_format(from_day, from);
	int64_t from_ms = tz_day_start_ms(ctx->tz, from_day);
	dash_kept_key(out->today, from_ms, tz_day_start_ms(ctx->tz, out->today), key, sizeof(key));

	/* the clients, with their lines as kept when their records have not changed since */
	struct dash_kept *kept = NULL;
	size_t n_kept = 0;
	if (st->ops->dash_kept_get(st, key, &kept, &n_kept, err)) {
		free(name);
		return -1;
	}
	out->facts = xcalloc(n_kept + 1, sizeof(*out->facts));
	out->clients = xcalloc(n_kept + 1, sizeof(*out->clients));
	bool *hit = xcalloc(n_kept + 1, sizeof(*hit)), *folded = xcalloc(n_kept + 1, sizeof(*folded));
	int64_t *miss = xcalloc(n_kept + 1, sizeof(*miss)), *version = xcalloc(n_kept + 1, sizeof(*version));
	size_t n_miss = 0;
	for (size_t i = 0; i < n_kept; i++) {
		struct dash_client *f = &out->facts[i];
		f->id = kept[i].id;
		f->login = kept[i].login;
		f->display_name = kept[i].display_name;
		kept[i].login = kept[i].display_name = NULL;
		out->clients[i].facts = f;
		hit[i] = kept[i].text && !dash_kept_decode(kept[i].text, &out->clients[i], f);
		if (!hit[i])
			miss[n_miss++] = kept[i].id;
	}
	out->n_facts = n_kept;
	/* each client's audit log says the trainer saw them here before anything is shown:
	 * the lines are written while the records are read (app_audit_start), and a line
	 * that cannot be written shows nothing. They name every client listed now; those
	 * shown are among them (merge drops a client whose link ends meanwhile; on
	 * PostgreSQL the log's policy then refuses the lines, and this read fails). */
	int64_t *ids = xcalloc(n_kept + 1, sizeof(*ids));
	for (size_t i = 0; i < n_kept; i++)
		ids[i] = kept[i].id;
	struct app_audit_pending audit = { 0 };
	int rc = n_kept ? app_audit_start(ctx, st->person, name, ids, n_kept, AUDIT_DASHBOARD, &audit, err) : 0;
	free(ids);
	free(name);
	/* the rest from their records, read after their versions: a line made from records
	 * newer than its version is only folded again next time */
	struct dash_client *fresh = NULL;
	size_t n_fresh = 0;
	if (!rc && n_miss)
		rc = st->ops->dashboard_facts(st, from, from_ms, n_miss == n_kept ? NULL : miss, n_miss, &fresh,
					      &n_fresh, err);
	struct strbuf ignored = STRBUF_INIT; /* the read's own error is the one to tell */
	if (app_audit_finish(&audit, rc ? &ignored : err))
		rc = -1;
	strbuf_release(&ignored);
	if (!rc)
		out->n = out->n_facts = merge(out, kept, n_kept, hit, fresh, n_fresh, folded, version);
	else
		store_dash_free(fresh, n_fresh);
	free(miss);
	free(hit);

	if (!rc) {
		for (size_t i = 0; i < out->n; i++)
			if (folded[i])
				one_client(ctx, out->today, out->first_day, &out->facts[i], &out->clients[i]);
		keep_lines(st, key, out, folded, version);
		qsort(out->clients, out->n, sizeof(*out->clients), by_attention);
	}
	free(folded);
	free(version);
	store_dash_kept_free(kept, n_kept);
	if (rc) {
		app_dashboard_release(out);
		return -1;
	}
	return 0;
}

void app_dashboard_release(struct app_dashboard *d)
{
	store_dash_free(d->facts, d->n_facts);
	free(d->clients);
	memset(d, 0, sizeof(*d));
}
