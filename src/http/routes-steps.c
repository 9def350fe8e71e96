/* routes-steps.c: the web player's upload (POST /api/v1/session/steps). Each step the
 * page's engine handed out (a set done, an exercise ended, a pain report, how it felt,
 * the end) comes from the page's outbox, one per request, and is stored through the
 * same use case as the terminal player's (app/session-log.h, through app/web-steps.h),
 * under a pass this server signed (pass_verify) and not too old, with an idempotency
 * key: the key is stored in the same batch as the step's rows, so a repeat returns the
 * first answer and stores nothing twice, and a key reused for another request is
 * refused (409). */
#include "http/handler.h"
#include "app/web-steps.h"
#include "core/pass.h"
#include "core/safety.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "http/idem.h"
#include "http/pass-sign.h"
#include <string.h>

/* How long after the gate gave a pass its session's steps are taken. A session begun
 * with the server in reach may be finished without it (a phone on the floor out of
 * Wi-Fi, a laptop shut, a weekend away), and its sets must still be saved when the
 * page comes back; a week covers that. Past it, a pass that leaked cannot add records
 * for ever. The pass itself only lets a session start: the page asks the gate again
 * for every start and resume, so an old pass starts nothing. */
#define PASS_UPLOAD_MAX_S (7 * 86400LL)
/* A pass from the future by more than this is not this server's clock's. */
#define PASS_CLOCK_SKEW_S 300

static const char *const fx_names[] = { "set", "exercise_end", "pain", "feel", "end", NULL };
enum { S_SET, S_EXERCISE_END, S_PAIN, S_FEEL, S_END };

static int int_of(const json_t *step, const char *name, int dflt)
{
	json_t *v = json_object_get(step, name);
	return v ? (int)json_integer_value(v) : dflt;
}

static const char *str_of(const json_t *step, const char *name)
{
	return json_string_value(json_object_get(step, name));
}

/* The step as the engine's effect; NULL field name when whole, else the missing one. */
static const char *effect_of(const json_t *step, int kind, const struct routine *r, const struct catalog *c,
			     struct effect *f)
{
	static const char *const need[][7] = {
		[S_SET] = { "item", "exercise", "set", "reps_target", "reps_done", "duration_ms", NULL },
		[S_EXERCISE_END] = { "item", "exercise", "status", "reps_done", "duration_ms", NULL },
		[S_PAIN] = { "item", "score", NULL },
		[S_FEEL] = { "item", "exercise", "status", NULL },
		[S_END] = { "status", NULL },
	};
	for (int i = 0; need[kind][i]; i++)
		if (!json_object_get(step, need[kind][i]))
			return need[kind][i];
	static const enum effect_kind kinds[] = { FX_SET_DONE, FX_EXERCISE_END, FX_PAIN, FX_FEEL, FX_SESSION_END };
	memset(f, 0, sizeof(*f));
	f->kind = kinds[kind];
	f->item = int_of(step, "item", -1);
	f->exercise_id = str_of(step, "exercise") ? str_of(step, "exercise") : "";
	f->set_no = int_of(step, "set", 0);
	f->side = str_of(step, "side") ? str_of(step, "side") : "";
	f->reps_target = int_of(step, "reps_target", 0);
	f->reps_done = int_of(step, "reps_done", 0);
	f->duration_ms = (int64_t)json_number_value(json_object_get(step, "duration_ms"));
	f->status = int_of(step, "status", 0);
	f->score = int_of(step, "score", 0);
	f->text = str_of(step, "text") ? str_of(step, "text") : "";
	if (kind != S_END && kind != S_PAIN && (f->item < 0 || (size_t)f->item >= r->n_items))
		return "item";
	if (kind == S_PAIN && (f->item < -1 || f->item >= (int)r->n_items))
		return "item";
	if (*f->exercise_id && !catalog_exercise(c, f->exercise_id))
		return "exercise";
	if ((kind == S_EXERCISE_END && f->status > 2) || (kind == S_FEEL && (f->status < 1 || f->status > 4)) ||
	    (kind == S_END && (f->status < 1 || f->status > 3)))
		return "status";
	return NULL;
}

/* The answer to a step stored now, kept under its key (app_web_step). */
static char *step_answer(void *arg, const struct app_web_step_done *d)
{
	const char *fx = arg;
	json_t *o = json_pack("{s:b, s:I, s:s}", "saved", 1, "session", (json_int_t)d->session, "step", fx);
	if (o && d->ended)
		json_object_set_new(o, "after_bad", json_boolean(d->after_bad));
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return text;
}

/* A time the page gives (name, Unix ms), kept between the pass and now; dflt when absent. */
static int64_t page_time(const struct req *rq, const char *name, const struct pass_claims *c, int64_t dflt)
{
	json_t *v = json_object_get(rq->input, name);
	int64_t at = v ? (int64_t)json_number_value(v) : dflt;
	if (at < c->issued_s * 1000)
		return c->issued_s * 1000;
	return at > rq->now_ms ? rq->now_ms : at;
}

/* The request's pass: this server's, for the web player, not too old. 0 when it is;
 * 1 (not ours or not the web player's) or 2 (too old or from the future) with why. */
static int pass_check(const struct req *rq, struct pass_claims *c, struct strbuf *err)
{
	if (pass_verify(rq->srv->pass_key, str_of(rq->input, "pass"), c, err))
		return 1;
	if (c->entry != GATE_WEB_PLAYER || !c->issued_s) {
		strbuf_addstr(err, "the session pass is not one the web player was given");
		return 1;
	}
	long long now_s = rq->now_ms / 1000;
	if (c->issued_s > now_s + PASS_CLOCK_SKEW_S || now_s - c->issued_s > PASS_UPLOAD_MAX_S) {
		strbuf_addstr(err, "the session pass is more than 7 days old (or from the future): its steps are not taken");
		return 2;
	}
	return 0;
}

bool warning_as_step(struct req *rq)
{
	json_t *step = json_object_get(rq->input, "step");
	struct pass_claims c;
	struct strbuf err = STRBUF_INIT;
	bool ok = step && idem_key_ok(req_header(rq, "Idempotency-Key")) && rq->srv->pass_keyed &&
		  json_is_string(json_object_get(rq->input, "session")) && !strcmp(str_of(step, "fx") ? str_of(step, "fx") : "", "pain") &&
		  int_of(step, "score", 0) == -1 && pass_check(rq, &c, &err) == 0;
	strbuf_release(&err);
	if (ok)
		api_session_steps(rq);
	return ok;
}

void api_session_steps(struct req *rq)
{
	const struct server *srv = rq->srv;
	const char *key = req_header(rq, "Idempotency-Key");
	if (!key) {
		reply_error(rq, 400, "no_key", NULL, "an Idempotency-Key header is needed, so a repeat stores nothing twice");
		return;
	}
	if (idem_key_refused(rq, key))
		return;
	if (!srv->pass_keyed) {
		reply_error(rq, 503, "no_pass_key", NULL, "this server has no key to check a session pass with");
		return;
	}
	struct pass_claims c;
	struct strbuf err = STRBUF_INIT;
	int refused = pass_check(rq, &c, &err);
	if (refused) {
		reply_error(rq, 403, refused == 2 ? "pass_expired" : "bad_pass", "pass", "%s", err.buf);
		strbuf_release(&err);
		return;
	}
	/* the routine as the person's runs: with the steps their trainer added */
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) {
		strbuf_release(&err);
		return;
	}
	const struct routine *r = catalog_routine(ctx.content, c.routine);
	if (!r) {
		reply_error(rq, 404, "not_found", "pass", "there is no routine '%s' any more", c.routine);
		strbuf_release(&err);
		return;
	}
	json_t *step = json_object_get(rq->input, "step");
	const char *fx = str_of(step, "fx");
	int kind = -1;
	for (int i = 0; fx && fx_names[i]; i++)
		if (!strcmp(fx, fx_names[i]))
			kind = i;
	if (kind < 0) {
		reply_error(rq, 400, "bad_value", "step.fx", "step.fx: must be set, exercise_end, pain, feel or end");
		strbuf_release(&err);
		return;
	}
	struct effect f;
	const char *bad = effect_of(step, kind, r, ctx.content, &f);
	if (bad) {
		reply_error(rq, 400, "bad_value", arena_printf(&rq->arena, "step.%s", bad),
			    "step.%s: missing, or not one of this routine's", bad);
		strbuf_release(&err);
		return;
	}
	char hash[65];
	idem_request_hash(rq->input, hash);
	/* the times by the page's clock (when the session began, when the step happened),
	 * kept between the pass and now */
	struct app_web_step s = {
		key, hash,
		{ str_of(rq->input, "session"), c.routine, c.id, page_time(rq, "started_ms", &c, c.issued_s * 1000),
		  c.pain_before },
		r, &f, page_time(rq, "at_ms", &c, rq->now_ms), int_of(step, "pain_after", -1), c.neck_ok, 201,
		step_answer, (void *)fx,
	};
	struct app_web_step_result res;
	if (app_web_step(&ctx, &s, &res, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the step could not be saved (the page keeps it and sends it "
								 "again): %s", err.len ? err.buf : "the store refused it");
	} else if (res.repeat) {
		idem_replay(rq, &res.first, hash);
	} else {
		resp_add_header(rq, "Cache-Control", "no-store");
		reply(rq, res.status, "application/json", arena_strdup(&rq->arena, res.answer), strlen(res.answer));
	}
	app_web_step_result_release(&res);
	strbuf_release(&err);
}
