/* prescribe.c: a trainer's prescriptions: who may prescribe for whom, the rules'
 * verdict (core/prescribe.c), and the versions kept in the client's records (see
 * prescribe.h). */
#include "app/prescribe.h"
#include "app/audit.h"
#include "app/group.h"
#include "app/person-content.h"
#include "app/plan-data.h"
#include "core/mem.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether client_id is one of trainer_id's clients. */
static int linked(struct store *s, int64_t trainer_id, int64_t client_id, bool *yes, struct strbuf *err)
{
	struct account_row *v = NULL;
	size_t n = 0;
	*yes = false;
	if (s->ops->accounts_list(s, trainer_id, &v, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		*yes = *yes || v[i].id == client_id;
	store_accounts_free(v, n);
	return 0;
}

/* The account id, which must exist; its row in *a (release it). */
static enum app_rx_status account(const struct app_ctx *ctx, int64_t id, struct account_row *a, struct strbuf *err)
{
	bool found = false;
	memset(a, 0, sizeof(*a));
	if (ctx->store->ops->account_get(ctx->store, id, NULL, a, &found, err))
		return APP_RX_FAILED;
	if (!found) {
		strbuf_addf(err, "there is no account %lld", (long long)id);
		return APP_RX_NO_ACCOUNT;
	}
	return APP_RX_SAVED;
}

/* The trainer may act for the client: an enabled trainer linked to them. */
enum app_rx_status app_rx_may(const struct app_ctx *ctx, int64_t trainer_id, int64_t client_id, const char *what,
			      struct strbuf *err)
{
	return app_rx_client(ctx, trainer_id, client_id, what, NULL, err);
}

enum app_rx_status app_rx_client(const struct app_ctx *ctx, int64_t trainer_id, int64_t client_id, const char *what,
				 struct account_row *client, struct strbuf *err)
{
	struct account_row t, c;
	enum app_rx_status st = account(ctx, trainer_id, &t, err);
	if (st != APP_RX_SAVED)
		return st;
	st = account(ctx, client_id, &c, err);
	bool yes = false;
	if (st != APP_RX_SAVED) {
		/* said */
	} else if (t.disabled_ms) {
		strbuf_addf(err, "%s's account is disabled", t.login);
		st = APP_RX_NOT_ALLOWED;
	} else if (t.role != ROLE_TRAINER) {
		strbuf_addf(err, "only a trainer may %s, and %s is a%s %s", what, t.login, t.role == ROLE_ADMIN ? "n" : "",
			    account_role_names[t.role]);
		st = APP_RX_NOT_ALLOWED;
	} else if (linked(ctx->store, trainer_id, client_id, &yes, err)) {
		st = APP_RX_FAILED;
	} else if (!yes) {
		strbuf_addf(err, "%s is not a client of %s (a trainer may %s only for the clients they invited)",
			    c.login, t.login, what);
		st = APP_RX_NOT_ALLOWED;
	}
	account_row_release(&t);
	if (client && st == APP_RX_SAVED)
		*client = c; /* the caller's now */
	else
		account_row_release(&c);
	return st;
}

int app_rx_clients(const struct app_ctx *ctx, int64_t trainer_id, struct account_row **rows, size_t *n,
		   struct strbuf *err)
{
	return ctx->store->ops->accounts_list(ctx->store, trainer_id, rows, n, err);
}

static enum app_rx_status check_request(const struct app_rx_request *rq, struct strbuf *err)
{
	if (rq->add && *rq->add) {
		if (!rq->routine || !*rq->routine) {
			strbuf_addstr(err, "routine: say which routine the new step goes into");
			return APP_RX_BAD_INPUT;
		}
		const char *pl = rq->place && *rq->place ? rq->place : "end";
		if (!rx_place_valid(pl)) {
			strbuf_addf(err, "place: '%s' is not a place: \"end\", \"before:\" and the step it goes before, "
				    "or \"" RX_PLACE_OUT "\" to take a step added before out again", pl);
			return APP_RX_BAD_INPUT;
		}
		if (!strcmp(pl, RX_PLACE_OUT) && (rq->reps || rq->sets || rq->hold_s || rq->duration_s)) {
			strbuf_addstr(err, "reps: a step taken out has no dose; leave the dose empty");
			return APP_RX_BAD_INPUT;
		}
	} else if (!rq->exercise || !*rq->exercise) {
		strbuf_addstr(err, "exercise: say which exercise of the routine to change");
		return APP_RX_BAD_INPUT;
	}
	bool note = rq->note && *rq->note;
	if (!rq->reps && !rq->sets && !rq->hold_s && !rq->duration_s && !rq->swap && !note && !(rq->add && *rq->add)) {
		strbuf_addstr(err, "say what to change: the reps, sets, hold or duration, another exercise, or a note");
		return APP_RX_BAD_INPUT;
	}
	if (note) {
		size_t n = strlen(rq->note);
		char name[16];
		if (n > APP_RX_NOTE_MAX) {
			strbuf_addf(err, "note: %zu bytes is longer than %d", n, APP_RX_NOTE_MAX);
			return APP_RX_BAD_INPUT;
		}
		if (!utf8_valid_str(rq->note)) {
			strbuf_addstr(err, "note: not valid UTF-8 text");
			return APP_RX_BAD_INPUT;
		}
		unsigned cp = utf8_control(rq->note, true);
		if (cp) {
			strbuf_addf(err, "note: a control character (%s) is not allowed", utf8_control_name(cp, name));
			return APP_RX_BAD_INPUT;
		}
	}
	return APP_RX_SAVED;
}

/* The routine and item that runs exercise (its own, or the one it runs now), with the
 * item's dose now in *now. */
static enum app_rx_status find_item(const struct app_ctx *ctx, struct store *h, const struct app_rx_request *rq,
				    struct app_rx_result *out, struct strbuf *err)
{
	const struct catalog *c = &out->person;
	if (rq->routine && !catalog_routine(c, rq->routine)) {
		strbuf_addf(err, "routine: there is no routine '%s'", rq->routine);
		return APP_RX_BAD_INPUT;
	}
	for (size_t k = 0; k < c->n_rt; k++) {
		const struct routine *r = &c->rt[k];
		if (r->broken || (rq->routine && strcmp(r->id, rq->routine)))
			continue;
		struct dose_state *st = xcalloc(r->n_items + 1, sizeof(*st));
		if (plan_doses(h, c, r, st, err)) {
			free(st);
			return APP_RX_FAILED;
		}
		for (size_t i = 0; i < r->n_items && !out->item; i++) {
			if (strcmp(r->items[i].exercise, rq->exercise) && strcmp(st[i].exercise, rq->exercise))
				continue;
			out->routine = r;
			out->item = &r->items[i];
			out->before = st[i];
		}
		free(st);
		if (out->item)
			return APP_RX_SAVED;
	}
	strbuf_addf(err, "exercise: %s '%s'", rq->routine ? "the routine has no exercise" : "no routine has the exercise",
		    rq->exercise);
	return APP_RX_BAD_INPUT;
}

static void findings_text(const struct rx_check *ck, struct strbuf *out)
{
	for (size_t i = 0; i < ck->n; i++)
		strbuf_addf(out, "%s%s: %s.", i ? "\n" : "", rx_level_names[ck->f[i].level], ck->f[i].text);
}

/* A new step: where it goes in the client's routine and what the rules say of it. */
static enum app_rx_status place_step(const struct app_ctx *ctx, const struct app_rx_request *rq,
				     struct app_rx_result *out, struct strbuf *err)
{
	const struct routine *r = catalog_routine(&out->person, rq->routine);
	if (!r || r->broken) {
		strbuf_addf(err, "routine: there is no routine '%s'", rq->routine);
		return APP_RX_BAD_INPUT;
	}
	const char *pl = rq->place && *rq->place ? rq->place : "end";
	if (!strcmp(pl, RX_PLACE_OUT)) { /* an added step taken out: only a step added, never r's own */
		const struct routine *own = catalog_routine(ctx->content, r->id);
		size_t at = r->n_items, k = own->n_items;
		for (size_t i = 0; i < r->n_items && at == r->n_items; i++)
			if (!strcmp(r->items[i].exercise, rq->add))
				at = i;
		for (size_t i = 0; i < own->n_items && k == own->n_items; i++)
			if (!strcmp(own->items[i].exercise, rq->add))
				k = i;
		if (at == r->n_items || k < own->n_items) {
			const struct exercise *e = catalog_exercise(ctx->content, rq->add);
			strbuf_addf(err, k < own->n_items ? "add: %s is one of %s's own steps; only a step added for the client can be taken out"
							  : "add: %s is not a step added to the client's %s",
				    e ? e->name : rq->add, r->name);
			return APP_RX_BAD_INPUT;
		}
		out->routine = r;
		out->removed = true;
		out->step = at;
		return APP_RX_SAVED;
	}
	size_t at = rx_place_index(r->items, r->n_items, pl);
	if (strcmp(pl, "end") && at == r->n_items) {
		strbuf_addf(err, "place: %s has no step '%s'", r->name, pl + 7);
		return APP_RX_BAD_INPUT;
	}
	out->routine = r;
	out->added = true;
	out->step = at;
	struct rx_want want = { rq->add, rq->reps, rq->sets, rq->hold_s, rq->duration_s, false };
	rx_check_add(&out->person, r, at, &want, &out->check);
	return APP_RX_SAVED;
}

void app_rx_result_release(struct app_rx_result *r)
{
	if (r->base)
		app_person_content_release(&r->person, r->base);
	r->base = NULL;
	r->routine = NULL;
	r->item = NULL;
}

enum app_rx_status app_prescribe(const struct app_ctx *ctx, const struct app_rx_request *rq,
				 struct app_rx_result *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	out->base = ctx->content;
	out->person = *ctx->content;
	enum app_rx_status st = check_request(rq, err);
	if (st == APP_RX_SAVED)
		st = app_rx_may(ctx, rq->trainer_id, rq->client_id, "prescribe", err);
	if (st != APP_RX_SAVED)
		return st;
	struct store *h = NULL;
	if (store_bind(&h, ctx->store->db, rq->client_id, err))
		return APP_RX_FAILED;
	bool adding = rq->add && *rq->add;
	if (app_person_content(h, ctx->content, &out->person, err)) {
		st = APP_RX_FAILED;
		goto out;
	}
	st = adding ? place_step(ctx, rq, out, err) : find_item(ctx, h, rq, out, err);
	if (st != APP_RX_SAVED)
		goto out;
	const char *exercise = adding ? rq->add : rq->swap ? rq->swap : out->before.exercise;
	if (!adding) {
		struct rx_want want = { exercise, rq->reps, rq->sets, rq->hold_s, rq->duration_s,
					rq->swap && strcmp(rq->swap, out->before.exercise) };
		rx_check(&out->person, out->routine, out->item, &want, &out->check);
	}
	if (out->check.level == RX_REFUSE) {
		st = APP_RX_REFUSED;
		goto out;
	}
	if (out->check.level == RX_WARN && !rq->accept_warnings) {
		st = APP_RX_NEEDS_ACCEPT;
		goto out;
	}
	/* a version says the whole prescription: sets and hold carry over from the one in
	 * force for the same exercise; reps and time left out keep what runs now */
	bool same = !adding && out->before.prescribed && !strcmp(out->before.exercise, exercise);
	const struct exercise *e = catalog_exercise(ctx->content, exercise);
	if (!e) {
		strbuf_addf(err, "%s: there is no exercise '%s'", adding ? "add" : "swap", exercise);
		st = APP_RX_BAD_INPUT;
		goto out;
	}
	struct strbuf said = STRBUF_INIT;
	findings_text(&out->check, &said);
	const char *place = adding ? (rq->place && *rq->place ? rq->place : "end") : "";
	struct prescription_row row = {
		0, "", ctx->now_ms, rq->trainer_id, (char *)out->routine->id, adding ? e->id : out->item->exercise, e->id,
		rq->reps, rq->sets ? rq->sets : same ? out->before.sets : 0,
		rq->hold_s ? rq->hold_s : same ? out->before.hold_s : 0, rq->duration_s,
		(char *)(rq->note ? rq->note : ""), said.buf ? said.buf : (char *)"", (char *)place,
	};
	day_format(app_today(ctx), row.date);
	/* the prescription and its line in the client's audit log, together or neither */
	bool kept = false;
	if (!app_write_begin(ctx, err)) {
		const char *what = out->removed ? AUDIT_RX_STEP_OUT : adding ? AUDIT_RX_STEP : AUDIT_RX_ADDED;
		kept = !app_audit(ctx, rq->trainer_id, rq->client_id, what, err) &&
		       !h->ops->prescription_add(h, &row, err);
		struct strbuf end = STRBUF_INIT;
		if (app_write_end(ctx, kept, &end) && kept) {
			strbuf_addstr(err, strbuf_str(&end));
			kept = false;
		}
		strbuf_release(&end);
	}
	if (kept && adding) { /* the client's routine with the step in it (or out of it) now */
		const char *rid = out->routine->id;
		app_person_content_release(&out->person, ctx->content);
		if (app_person_content(h, ctx->content, &out->person, err))
			kept = false;
		out->routine = catalog_routine(&out->person, rid);
		out->item = out->routine && !out->removed ? &out->routine->items[out->step] : NULL;
		kept = kept && out->routine && (out->item || out->removed);
	}
	if (!kept) {
		st = APP_RX_FAILED;
	} else if (out->removed) {
		out->id = row.id;
	} else {
		out->id = row.id;
		struct dose_state *now = xcalloc(out->routine->n_items + 1, sizeof(*now));
		if (plan_doses(h, &out->person, out->routine, now, err))
			st = APP_RX_FAILED;
		else
			out->after = now[out->item - out->routine->items];
		free(now);
	}
	strbuf_release(&said);
out:
	store_close(h);
	return st;
}

enum app_rx_status app_rx_doses(const struct app_ctx *ctx, int64_t trainer_id, int64_t client_id,
				struct app_rx_doses *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	enum app_rx_status st = app_rx_may(ctx, trainer_id, client_id, "prescribe", err);
	if (st == APP_RX_SAVED && app_audit(ctx, trainer_id, client_id, AUDIT_RX_DOSES, err))
		st = APP_RX_FAILED;
	if (st != APP_RX_SAVED)
		return st;
	struct store *h = NULL;
	if (store_bind(&h, ctx->store->db, client_id, err))
		return APP_RX_FAILED;
	out->base = ctx->content;
	if (app_person_content(h, ctx->content, &out->person, err)) {
		store_close(h);
		out->base = NULL;
		return APP_RX_FAILED;
	}
	const struct catalog *c = &out->person;
	out->n = c->n_rt;
	out->rt = xcalloc(c->n_rt + 1, sizeof(*out->rt));
	for (size_t k = 0; k < c->n_rt && st == APP_RX_SAVED; k++) {
		if (c->rt[k].broken)
			continue;
		out->rt[k] = xcalloc(c->rt[k].n_items + 1, sizeof(**out->rt));
		if (plan_doses(h, c, &c->rt[k], out->rt[k], err))
			st = APP_RX_FAILED;
	}
	store_close(h);
	if (st != APP_RX_SAVED)
		app_rx_doses_release(out);
	return st;
}

void app_rx_doses_release(struct app_rx_doses *d)
{
	for (size_t k = 0; k < d->n; k++)
		free(d->rt[k]);
	free(d->rt);
	if (d->base)
		app_person_content_release(&d->person, d->base);
	memset(d, 0, sizeof(*d));
}

enum app_rx_status app_prescriptions(const struct app_ctx *ctx, int64_t viewer_id, int64_t client_id,
				     struct app_rx_history *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct account_row v, c;
	enum app_rx_status st = account(ctx, viewer_id, &v, err);
	if (st != APP_RX_SAVED)
		return st;
	st = account(ctx, client_id, &c, err);
	bool yes = viewer_id == client_id || v.role == ROLE_ADMIN;
	if (st == APP_RX_SAVED && v.disabled_ms) {
		strbuf_addf(err, "%s's account is disabled", v.login);
		st = APP_RX_NOT_ALLOWED;
	} else if (st == APP_RX_SAVED && !yes && v.role == ROLE_TRAINER &&
		   linked(ctx->store, viewer_id, client_id, &yes, err)) {
		st = APP_RX_FAILED;
	} else if (st == APP_RX_SAVED && !yes) {
		strbuf_addf(err, "%s may not see %s's prescriptions (only the client, their trainer or an admin)",
			    v.login, c.login);
		st = APP_RX_NOT_ALLOWED;
	}
	account_row_release(&v);
	account_row_release(&c);
	if (st == APP_RX_SAVED && app_audit(ctx, viewer_id, client_id, AUDIT_RX_READ, err))
		st = APP_RX_FAILED; /* not read: the audit log must say who did */
	if (st != APP_RX_SAVED)
		return st;
	struct store *h = NULL;
	if (store_bind(&h, ctx->store->db, client_id, err))
		return APP_RX_FAILED;
	if (h->ops->prescriptions_list(h, &out->v, &out->n, err))
		st = APP_RX_FAILED;
	store_close(h);
	out->by = xcalloc(out->n + 1, sizeof(*out->by));
	for (size_t i = 0; st == APP_RX_SAVED && i < out->n; i++) {
		struct account_row t;
		bool found = false;
		if (ctx->store->ops->account_get(ctx->store, out->v[i].trainer_id, NULL, &t, &found, err)) {
			st = APP_RX_FAILED;
			break;
		}
		if (found)
			snprintf(out->by[i], sizeof(out->by[i]), "%s", t.login);
		account_row_release(&t);
	}
	if (st != APP_RX_SAVED)
		app_rx_history_release(out);
	return st;
}

void app_rx_history_release(struct app_rx_history *h)
{
	store_prescriptions_free(h->v, h->n);
	free(h->by);
	h->by = NULL;
	h->v = NULL;
	h->n = 0;
}
