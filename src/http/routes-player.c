/* routes-player.c: what the web player needs from the server: the gate's pass (the one
 * safety gate, app_gate(), asked for the web player's entry and its answer signed as
 * a token, pass-sign.h) with the session to run as the terminal's start gets it ready
 * (app_session_ready(): the plan's catch-up and doses, what it has paused), refused
 * while a session runs on the computer (app_session_running()), a warning sign met during a session (stored at once, so the
 * gate sees it before any next session), and spoken words for browsers without a
 * voice (speech.h). */
#include "http/handler.h"
#include "format/kept-warning.h"
#include "app/gate.h"
#include "app/safety.h"
#include "app/session-start.h"
#include "app/session.h"
#include "core/pass.h"
#include "core/screen.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "http/pass-sign.h"
#include "http/speech.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const why_names[] = {
	[GATE_OK] = "ok",
	[GATE_SCREEN] = "screen",
	[GATE_WARNING_SIGN] = "warning_sign",
	[GATE_NECK_LOCKED] = "neck_locked",
	[GATE_GENTLE_ONLY] = "gentle_only",
	[GATE_NOT_GENTLE] = "not_gentle",
	[GATE_NOT_A_BREAK] = "not_a_break",
	[GATE_NO_RESUME] = "no_resume",
};

/* The words the page shows when the gate says no: why, who to see, what to do. */
static char *refusal(struct req *rq, const struct app_gate_result *g)
{
	const struct gate_verdict *v = &g->v;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, v->reason);
	if (v->why == GATE_SCREEN)
		strbuf_addstr(&sb, " Answer the safety questions first (Safety, in the menu), then start again.");
	if (v->why == GATE_WARNING_SIGN && v->advice)
		strbuf_addf(&sb, " %s", v->advice);
	if (v->why == GATE_WARNING_SIGN)
		strbuf_addstr(&sb, " No exercise starts until then.");
	if (v->why == GATE_GENTLE_ONLY && v->alternative) {
		const struct routine *alt = catalog_routine(rq->srv->content, v->alternative);
		strbuf_addf(&sb, " You can do %s instead.", alt ? alt->name : v->alternative);
	}
	char *s = arena_strdup(&rq->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

/* A warning sign a terminal session could not save waits in "unsaved-warning" in the
 * data folder (format/kept-warning.h): saved now, as the terminal saves it before a
 * session, so the gate sees it. -1 with err when it still cannot be saved: until then no
 * pass is given. */
static int warning_settle(struct req *rq, const struct app_ctx *ctx, struct strbuf *err)
{
	const char *db = rq->srv->store_path, *slash = db ? strrchr(db, '/') : NULL;
	char *path = rq->srv->data_dir ? arena_printf(&rq->arena, "%s/" KEPT_WARNING_FILE, rq->srv->data_dir)
		     : slash ? arena_printf(&rq->arena, "%.*s/" KEPT_WARNING_FILE, (int)(slash - db), db)
			     : NULL;
	struct kept_warning w;
	int rc = path ? kept_warning_read(path, &w, err) : 1;
	/* unreadable: the app layer counts it as the sign it stands for */
	if (rc == 0 && (rc = app_warning_settle(ctx, w.readable, w.at_ms, w.level, w.question, err)) == 0)
		unlink(path);
	return rc < 0 ? -1 : 0;
}

/* The session the page runs, as the terminal's start runs it (app_session_ready(): the
 * plan's catch-up with the gate's neck rule, then each item's dose: the exercise in use,
 * reps, seconds, paused), and its length at those doses, as Today and Plan count it.
 * The engine in the page keeps the doses within the content's ranges and applies the
 * pass's limits, as in the terminal. NULL with err when the store fails. */
static json_t *session_json(const struct app_ctx *ctx, const struct routine *r, const struct gate_verdict *v,
			    struct strbuf *err)
{
	struct app_session_ready rd;
	if (app_session_ready(ctx, r, v->neck_ok, &rd, err))
		return NULL;
	json_t *items = json_array();
	for (size_t i = 0; i < r->n_items; i++) {
		const struct dose_state *d = &rd.doses[i];
		const char *id = d->exercise ? d->exercise : r->items[i].exercise;
		const struct exercise *e = catalog_exercise(ctx->content, id);
		json_array_append_new(items, json_pack("{s:i, s:s, s:s, s:s, s:i, s:i, s:b, s:b, s:i, s:i}", "item", (int)i,
						       "slot", r->items[i].exercise, "exercise", id, "name",
						       e ? e->name : id, "reps", d->reps, "duration_s", d->duration_s,
						       "paused", d->paused, "prescribed", d->prescribed, "sets", d->sets,
						       "hold_s", d->hold_s));
	}
	int minutes = run_minutes(routine_run_s(ctx->content, r, rd.doses, v->gentle, true));
	free(rd.doses);
	return json_pack("{s:o, s:i, s:i}", "items", items, "decided", rd.decided, "minutes", minutes);
}

/* 409 session_running: a session runs on the computer (app_session_running()); where it
 * has been quiet long enough, the page offers to end it (end_running). */
static void reply_running(struct req *rq, const struct app_running *run)
{
	const char *name = run->routine ? run->routine->name : "a routine";
	struct strbuf sb = STRBUF_INIT;
	if (!run->id)
		strbuf_addstr(&sb, "A session is being started on the computer. Finish it or close it there, then start "
				   "here.");
	else if (run->can_end)
		strbuf_addf(&sb, "Your session of %s on the computer has not moved on for more than two hours, but the "
				 "program there is still open. End that session to start here: it stays in your history "
				 "as stopped.", name);
	else
		strbuf_addf(&sb, "Your session of %s is running on the computer. Finish it there, then start here.", name);
	json_t *err = json_pack("{s:s, s:n, s:s}", "code", "session_running", "field", "message", sb.buf);
	json_t *where = json_pack("{s:s, s:o, s:o, s:b}", "where", "computer", "routine",
				  run->routine ? json_string(run->routine->id) : json_null(), "last_step_ms",
				  run->id ? json_integer(run->last_ms) : json_null(), "can_end", run->can_end);
	rq->err_message = arena_strdup(&rq->arena, sb.buf);
	strbuf_release(&sb);
	resp_add_header(rq, "Cache-Control", "no-store");
	reply_json(rq, 409, json_pack("{s:o, s:o}", "error", err, "running", where));
}

void api_session_pass(struct req *rq)
{
	const struct server *srv = rq->srv;
	const char *rid = json_string_value(json_object_get(rq->input, "routine"));
	json_t *pain_v = json_object_get(rq->input, "pain");
	int pain = pain_v ? (int)json_integer_value(pain_v) : -1;
	if (!catalog_routine(srv->content, rid)) {
		reply_error(rq, 404, "not_found", "routine", "there is no routine '%s'", rid);
		return;
	}
	if (!srv->pass_keyed) {
		reply_error(rq, 503, "no_pass_key", NULL, "this server has no key to sign a session pass with");
		return;
	}
	/* nothing is allowed when the safety status cannot be read: 503 store_unavailable */
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	/* the routine as the person's runs: with the steps their trainer added */
	const struct routine *r = catalog_routine(ctx.content, rid);
	struct strbuf err = STRBUF_INIT;
	if (warning_settle(rq, &ctx, &err)) {
		reply_json(rq, 200, json_pack("{s:b, s:s, s:s, s:s, s:n, s:s}", "allowed", 0, "routine", r->id, "why",
					      "warning_sign", "reason",
					      "A warning sign from your last session could not be saved yet.", "token",
					      "message",
					      "A warning sign from your last session could not be saved yet, and no exercise "
					      "starts until it is. Press Start again in a little while: it is saved as soon as "
					      "your data can be written again; if this keeps happening, the computer's disk "
					      "may be full."));
		strbuf_release(&err);
		return;
	}
	struct app_gate_request ask = { GATE_WEB_PLAYER, r->id, NULL, NULL, pain };
	struct app_gate_result g;
	if (app_gate(&ctx, &ask, &g, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the safety check could not read your data: %s", err.buf);
		strbuf_release(&err);
		return;
	}
	const struct gate_verdict *v = &g.v;
	/* one session at a time: none starts here beside one running on the computer */
	struct app_running run = { 0 };
	bool end_running = json_is_true(json_object_get(rq->input, "end_running"));
	if (v->allowed && app_session_running(&ctx, srv->holder_alive, NULL, end_running, &run, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the session lock could not be read: %s", err.buf);
		strbuf_release(&err);
		return;
	}
	if (v->allowed && run.running) {
		strbuf_release(&err);
		reply_running(rq, &run);
		return;
	}
	json_t *o = json_pack("{s:b, s:s, s:s, s:s, s:i}", "allowed", v->allowed, "entry", gate_entry_names[GATE_WEB_PLAYER],
			      "routine", r->id, "why", why_names[v->why], "pain", pain);
	json_object_set_new(o, "level", json_string(urgency_names[v->level]));
	json_object_set_new(o, "gentle", json_boolean(v->gentle));
	json_object_set_new(o, "gentle_why", v->gentle_why ? json_string(v->gentle_why) : json_null());
	json_object_set_new(o, "neck_ok", json_boolean(v->neck_ok));
	json_object_set_new(o, "see_someone", json_boolean(v->see_someone));
	json_object_set_new(o, "advice", v->advice ? json_string(v->advice) : json_null());
	json_object_set_new(o, "alternative", v->alternative ? json_string(v->alternative) : json_null());
	if (v->allowed) {
		struct pass_claims c = { GATE_WEB_PLAYER, "", v->neck_ok, v->gentle, pain, rq->now_ms / 1000, "" };
		snprintf(c.routine, sizeof(c.routine), "%s", r->id);
		struct strbuf token = STRBUF_INIT;
		pass_sign(srv->pass_key, &c, &token);
		json_object_set_new(o, "token", json_string(token.buf));
		json_object_set_new(o, "reason", json_null());
		strbuf_release(&token);
		json_t *sj = session_json(&ctx, r, v, &err);
		json_object_set_new(o, "session", sj ? sj : json_null());
		if (!sj) /* as the terminal does: the routine's doses */
			json_object_set_new(o, "session_note", json_string(arena_printf(&rq->arena,
				"The plan's doses could not be read (%s); the routine's are used.", err.buf)));
		json_object_set_new(o, "ended_running", json_boolean(run.ended));
	} else {
		json_object_set_new(o, "token", json_null());
		json_object_set_new(o, "reason", json_string(v->reason));
		json_object_set_new(o, "message", json_string(refusal(rq, &g)));
	}
	strbuf_release(&err);
	resp_add_header(rq, "Cache-Control", "no-store");
	reply_json(rq, 200, o);
}

/* A warning sign (dizziness or the like) in a web session: stored as the terminal stores
 * one (app_record_warning), so exercise waits for a fresh screen or a clearance,
 * whatever front end asks next. With its session's step, key and pass it is stored as
 * the step upload stores that step (the session log keeps one warning sign a session),
 * so the copy the outbox sends later stores nothing twice. It needs no pass: a warning
 * is always taken, alone when its pass is not one this server takes. A store
 * that fails is a 503, and the page keeps asking (it starts nothing meanwhile). */
void api_warning(struct req *rq)
{
	/* with its step, key and a pass this server gave: stored as that step, once */
	if (warning_as_step(rq))
		return;
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) /* 503 store_unavailable: the page keeps asking */
		return;
	struct strbuf err = STRBUF_INIT;
	if (app_record_warning(&ctx, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the warning sign could not be saved: %s", err.buf);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	resp_add_header(rq, "Cache-Control", "no-store");
	reply_json(rq, 201, json_pack("{s:b, s:s}", "saved", 1, "message",
				      "Saved. No exercise starts until you have answered the safety questions again "
				      "or a clinician has cleared you."));
}

void api_speech(struct req *rq)
{
	const char *text = json_string_value(json_object_get(rq->input, "text")), *why;
	/* Rendering costs a core for a moment and memory for the clip: only the server's own
	 * pages may ask; http_begin() refuses another site's GET of the API (Sec-Fetch-Site). */
	if (!speech_text_ok(text, &why)) {
		reply_error(rq, 400, "bad_text", "text", "%s", why);
		return;
	}
	const char *wav;
	size_t len;
	bool hit;
	struct strbuf err = STRBUF_INIT;
	if (speech_wav(rq->srv->speech, text, &rq->arena, &wav, &len, &hit, &err)) {
		reply_error(rq, 503, "no_speech", NULL, "%s", err.buf);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	resp_add_header(rq, "Cache-Control", "public, max-age=86400");
	resp_add_header(rq, "X-Speech-Cache", hit ? "hit" : "miss");
	reply(rq, 200, "audio/wav", wav, len);
}
