/* session.c: one guided session in the page: the engine of src/core, started only with
 * a pass the server's gate issued (core/pass.h), fed the page's clock and inputs.
 *
 * This file is the web player's way into exercise. The gate runs on the server; its
 * answer reaches the page as a token, and this is the only place in the browser that
 * turns one into the sealed session_pass the engine asks for. The token names the
 * routine, the limits (head-over-the-edge work, the gentle way) and the pain score
 * before the session, so none of those can come from the page; a pass for another
 * routine is refused. */
#include "wasm/export.h"
#include "core/mem.h"
#include "core/pass.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct ux_session {
	const struct catalog *cat;
	const struct routine *rt;
	struct engine e;
	struct engine_opts opt;
	struct dose_state *doses; /* per routine item, from the plan; exercise NULL: not given */
	char **dose_ids;
	bool have_doses, started;
	struct session_pass pass;
};

const char *const ux_input_names[] = {
	[IN_TICK] = "tick", [IN_PAUSE] = "pause", [IN_RESUME] = "resume", [IN_TOGGLE] = "toggle",
	[IN_SKIP] = "skip", [IN_BACK] = "back", [IN_DONE] = "done", [IN_HURT] = "hurt",
	[IN_SYMPTOM] = "dizzy", [IN_FEEL] = "feel", [IN_QUIT] = "quit", NULL,
};

static int64_t ms(double t)
{
	return (int64_t)llround(t);
}

struct ux_session *ux_session_new(const struct ux_content *c, const char *routine)
{
	strbuf_reset(ux_err_buf());
	const struct catalog *cat = ux_content_catalog(c);
	const struct routine *rt = routine ? catalog_routine(cat, routine) : NULL;
	if (!rt) {
		strbuf_addf(ux_err_buf(), "routine %s is not in the content", routine ? routine : "(none)");
		return NULL;
	}
	struct ux_session *s = xcalloc(1, sizeof(*s));
	s->cat = cat;
	s->rt = rt;
	s->opt.pain_before = -1;
	s->doses = xcalloc(rt->n_items ? rt->n_items : 1, sizeof(*s->doses));
	s->dose_ids = xcalloc(rt->n_items ? rt->n_items : 1, sizeof(*s->dose_ids));
	return s;
}

/* Options of a session that are not a safety limit: "pacing" (0 as written, 1 timed,
 * 2 self-paced), "ask_feel" (0/1), "resume_item", "resume_units" (where a session
 * that stopped goes on). Before ux_session_start only. */
int ux_session_opt(struct ux_session *s, const char *key, int value)
{
	strbuf_reset(ux_err_buf());
	if (s->started) {
		strbuf_addstr(ux_err_buf(), "the session has started");
		return -1;
	}
	if (!strcmp(key, "pacing") && value >= 0 && value < PACE__COUNT)
		s->opt.pacing = (enum pacing)value;
	else if (!strcmp(key, "ask_feel") && (value == 0 || value == 1))
		s->opt.ask_feel = value;
	else if (!strcmp(key, "resume_item") && value >= 0 && (size_t)value < s->rt->n_items)
		s->opt.resume_item = value;
	else if (!strcmp(key, "resume_units") && value >= 0 && value <= 1000)
		s->opt.resume_units = value;
	else {
		strbuf_addf(ux_err_buf(), "%s: not an option, or %d is not a value it takes", key, value);
		return -1;
	}
	return 0;
}

/* The plan's dose for routine item `item` (from 0): the exercise in use (NULL or "":
 * the item's own), reps, seconds, and whether it is left out. The engine keeps every
 * dose inside the content's ranges, as it does for the terminal. */
int ux_session_dose(struct ux_session *s, int item, const char *exercise, int reps, int duration_s, int paused)
{
	strbuf_reset(ux_err_buf());
	if (s->started || item < 0 || (size_t)item >= s->rt->n_items || reps < 0 || duration_s < 0) {
		strbuf_addf(ux_err_buf(), "dose for item %d: %s", item,
			    s->started ? "the session has started" : "no such item, or a negative dose");
		return -1;
	}
	const char *id = exercise && *exercise ? exercise : s->rt->items[item].exercise;
	if (!catalog_exercise(s->cat, id)) {
		strbuf_addf(ux_err_buf(), "dose for item %d: exercise %s is not in the content", item, id);
		return -1;
	}
	free(s->dose_ids[item]);
	s->dose_ids[item] = xstrdup(id);
	s->doses[item] = dose_state_of(s->dose_ids[item], reps, duration_s, paused != 0);
	s->have_doses = true;
	return 0;
}

/* A trainer's prescription in force for routine item `item`, after its dose: its reps
 * and seconds are kept within the safe limits rather than the content's range, and it
 * runs sets and a hold at the top of each rep (0: the content's), as in the terminal
 * (core/prescribe.h). */
int ux_session_prescribed(struct ux_session *s, int item, int sets, int hold_s)
{
	strbuf_reset(ux_err_buf());
	if (s->started || item < 0 || (size_t)item >= s->rt->n_items || !s->doses[item].exercise || sets < 0 ||
	    hold_s < 0) {
		strbuf_addf(ux_err_buf(), "prescription for item %d: %s", item,
			    s->started ? "the session has started" : "no such item or dose, or a negative value");
		return -1;
	}
	s->doses[item].prescribed = true;
	s->doses[item].sets = sets;
	s->doses[item].hold_s = hold_s;
	return 0;
}

/* Start at now with the server's pass. 0, with the first effects as a step (input
 * "start") in ux_session_last(); or UX_NO_PASS, UX_WRONG_PASS, UX_NO_ROUTINE,
 * UX_STARTED with ux_error() saying why. */
int ux_session_start(struct ux_session *s, const char *pass_token, double now)
{
	struct strbuf *err = ux_err_buf();
	strbuf_reset(err);
	if (s->started) {
		strbuf_addstr(err, "the session has started");
		return UX_STARTED;
	}
	struct pass_claims pc;
	if (pass_token_parse(pass_token, &pc, err))
		return UX_NO_PASS;
	if (strcmp(pc.routine, s->rt->id)) {
		strbuf_addf(err, "the session pass is for routine %s, not %s", pc.routine, s->rt->id);
		return UX_WRONG_PASS;
	}
	s->pass = (struct session_pass){ SESSION_PASS_SEAL, pc.entry, pc.neck_ok, pc.gentle };
	for (size_t i = 0; s->have_doses && i < s->rt->n_items; i++)
		if (!s->doses[i].exercise) /* not given: the item's own at the content's start */
			s->doses[i] = dose_state_of(s->rt->items[i].exercise, 0, 0, false);
	s->opt.doses = s->have_doses ? s->doses : NULL;
	s->opt.pain_before = pc.pain_before;
	s->opt.pass = &s->pass;
	int rc = engine_init(&s->e, s->cat, s->rt, &s->opt, ms(now));
	if (rc == ENGINE_NO_PASS) {
		strbuf_addstr(err, "the session pass is not valid");
		return UX_NO_PASS;
	}
	if (rc) {
		strbuf_addf(err, "routine %s cannot run: one of its exercises is missing", s->rt->id);
		return UX_NO_ROUTINE;
	}
	s->started = true;
	struct strbuf *out = ux_out_buf();
	strbuf_reset(out);
	ux_step_json(&s->e, now, "start", out);
	return 0;
}

/* Feed one input at now ("tick", "pause", ... as ux_input_names; score for "hurt" and
 * "feel"). Returns the step as JSON (see step-json.c), or NULL with ux_error(). */
const char *ux_session_input(struct ux_session *s, const char *input, double now, int score)
{
	strbuf_reset(ux_err_buf());
	int kind = input ? name_index(ux_input_names, input) : -1;
	if (!s->started || kind < 0) {
		strbuf_addf(ux_err_buf(), "%s", !s->started ? "the session has not started" : "not an input");
		return NULL;
	}
	engine_input(&s->e, (struct input){ (enum input_kind)kind, ms(now), score });
	struct strbuf *out = ux_out_buf();
	strbuf_reset(out);
	ux_step_json(&s->e, now, input, out);
	return out->buf;
}

const char *ux_session_last(void)
{
	return strbuf_str(ux_out_buf());
}

/* When the engine next needs a tick, or +Infinity when it waits for the person. */
double ux_session_deadline(const struct ux_session *s)
{
	if (!s->started)
		return INFINITY;
	int64_t d = engine_deadline(&s->e);
	return d == ENGINE_NO_DEADLINE ? INFINITY : (double)d;
}

const char *ux_session_view(const struct ux_session *s, double now)
{
	struct strbuf *out = ux_out_buf();
	strbuf_reset(out);
	if (s->started)
		ux_view_json(&s->e, now, out);
	else
		strbuf_addstr(out, "null");
	return out->buf;
}

void ux_session_free(struct ux_session *s)
{
	if (!s)
		return;
	if (s->started)
		engine_release(&s->e);
	for (size_t i = 0; i < s->rt->n_items; i++)
		free(s->dose_ids[i]);
	free(s->dose_ids);
	free(s->doses);
	free(s);
}

const struct engine *ux_session_engine(const struct ux_session *s)
{
	return s && s->started ? &s->e : NULL;
}

int ux_stall_ms(void)
{
	return ENGINE_STALL_MS;
}
