/* step-json.c: what one call of the engine did, as JSON for the page: the effects in
 * order and the screen after it. The same text is the event trace the trace test
 * compares between the native and the WebAssembly builds.
 *
 *   {"now": 1000, "input": "tick", "fx": [EFFECT...], "view": VIEW}
 *   EFFECT: {"fx": "say", "text"} | {"fx": "beep"} | {"fx": "show"}
 *     | {"fx": "set", "item", "exercise", "set", "side", "reps_target", "reps_done", "duration_ms"}
 *     | {"fx": "exercise_end", "item", "exercise", "status", "reps_done", "duration_ms"}
 *     | {"fx": "pain", "item", "exercise", "score", "text"} | {"fx": "feel", "item", "exercise", "status"}
 *     | {"fx": "end", "status", "text", "duration_ms"}
 *   VIEW: {"state", "item", "items", "exercise": {"id", "name", "replaced"} | null,
 *     "segment": {"kind", "phase", "rep", "reps", "set", "sets", "side", "side_no",
 *     "position", "position_no", "start", "dur_ms"} | null (side_no, position_no: from 0,
 *     -1 for none), "deadline", "seconds_left", "remaining_s",
 *     "next": {"id", "name"} | null, "offer", "stop"}
 * Times are the page's clock in ms; "deadline" is null while the engine waits. */
#include "wasm/export.h"
#include <inttypes.h>
#include <math.h>

static const char *const fx_names[] = {
	[FX_SHOW] = "show", [FX_SAY] = "say", [FX_BEEP] = "beep", [FX_SET_DONE] = "set",
	[FX_EXERCISE_END] = "exercise_end", [FX_PAIN] = "pain", [FX_SESSION_END] = "end", [FX_FEEL] = "feel",
};
static const char *const stop_names[] = { [STOP_NONE] = "none", [STOP_PAIN] = "pain", [STOP_WARNING] = "warning" };

static void key(struct strbuf *o, const char *k)
{
	strbuf_addch(o, ',');
	ux_json_str(o, k);
	strbuf_addch(o, ':');
}

static void key_str(struct strbuf *o, const char *k, const char *v)
{
	key(o, k);
	if (v)
		ux_json_str(o, v);
	else
		strbuf_addstr(o, "null");
}

static void key_int(struct strbuf *o, const char *k, int64_t v)
{
	key(o, k);
	strbuf_addf(o, "%" PRId64, v);
}

static void effect_json(const struct effect *f, struct strbuf *o)
{
	strbuf_addstr(o, "{\"fx\":");
	ux_json_str(o, fx_names[f->kind]);
	switch (f->kind) {
	case FX_SHOW:
	case FX_BEEP:
		break;
	case FX_SAY:
		key_str(o, "text", f->text);
		break;
	case FX_SET_DONE:
		key_int(o, "item", f->item);
		key_str(o, "exercise", f->exercise_id);
		key_int(o, "set", f->set_no);
		key_str(o, "side", f->side);
		key_int(o, "reps_target", f->reps_target);
		key_int(o, "reps_done", f->reps_done);
		key_int(o, "duration_ms", f->duration_ms);
		break;
	case FX_EXERCISE_END:
		key_int(o, "item", f->item);
		key_str(o, "exercise", f->exercise_id);
		key_int(o, "status", f->status);
		key_int(o, "reps_done", f->reps_done);
		key_int(o, "duration_ms", f->duration_ms);
		break;
	case FX_PAIN:
		key_int(o, "item", f->item);
		key_str(o, "exercise", f->exercise_id);
		key_int(o, "score", f->score);
		key_str(o, "text", f->text);
		break;
	case FX_FEEL:
		key_int(o, "item", f->item);
		key_str(o, "exercise", f->exercise_id);
		key_int(o, "status", f->status);
		break;
	case FX_SESSION_END:
		key_int(o, "status", f->status);
		key_str(o, "text", f->text);
		key_int(o, "duration_ms", f->duration_ms);
		break;
	}
	strbuf_addch(o, '}');
}

static void segment_json(const struct engine *e, const struct segment *s, struct strbuf *o)
{
	const struct run_item *ri = &e->items[e->item];
	strbuf_addstr(o, "{\"kind\":");
	ux_json_str(o, seg_kind_names[s->kind]);
	key_str(o, "phase", s->kind == SEG_PHASE ? phase_names[s->phase] : NULL);
	key_int(o, "rep", s->rep);
	key_int(o, "reps", s->n_reps);
	key_int(o, "set", s->set_no);
	key_int(o, "sets", s->n_sets);
	key_str(o, "side", engine_side_name(e));
	key_int(o, "side_no", s->side);
	key_str(o, "position", s->position >= 0 && (size_t)s->position < ri->dose.n_positions ?
				       ri->dose.positions[s->position] : NULL);
	key_int(o, "position_no", s->position);
	key_int(o, "start", e->seg_start);
	key_int(o, "dur_ms", s->dur_ms);
	strbuf_addch(o, '}');
}

void ux_view_json(const struct engine *e, double now, struct strbuf *o)
{
	int64_t t = (int64_t)llround(now);
	const struct run_item *cur = engine_current(e), *next = engine_next_item(e);
	const struct segment *s = engine_segment(e);
	strbuf_addstr(o, "{\"state\":");
	ux_json_str(o, engine_state_names[e->state]); /* core/session.c */
	key_int(o, "item", (int64_t)e->item);
	key_int(o, "items", (int64_t)e->n_items);
	key(o, "exercise");
	if (cur) {
		strbuf_addstr(o, "{\"id\":");
		ux_json_str(o, cur->ex->id);
		key_str(o, "name", cur->ex->name);
		key(o, "replaced");
		strbuf_addstr(o, cur->replaced ? "true}" : "false}");
	} else {
		strbuf_addstr(o, "null");
	}
	key(o, "segment");
	if (s && cur)
		segment_json(e, s, o);
	else
		strbuf_addstr(o, "null");
	int64_t dl = engine_deadline(e);
	key(o, "deadline");
	if (dl == ENGINE_NO_DEADLINE)
		strbuf_addstr(o, "null");
	else
		strbuf_addf(o, "%" PRId64, dl);
	key_int(o, "seconds_left", engine_seconds_left(e, t));
	key_int(o, "remaining_s", engine_remaining_s(e, t));
	key(o, "next");
	if (next) {
		strbuf_addstr(o, "{\"id\":");
		ux_json_str(o, next->ex->id);
		key_str(o, "name", next->ex->name);
		strbuf_addch(o, '}');
	} else {
		strbuf_addstr(o, "null");
	}
	key_str(o, "offer", e->state == ENGINE_OFFER ? engine_offer_text(e) : NULL);
	key_str(o, "stop", stop_names[e->stop]);
	strbuf_addch(o, '}');
}

void ux_step_json(const struct engine *e, double now, const char *input, struct strbuf *o)
{
	strbuf_addf(o, "{\"now\":%" PRId64, (int64_t)llround(now));
	key_str(o, "input", input);
	key(o, "fx");
	strbuf_addch(o, '[');
	for (size_t i = 0; i < e->n_fx; i++) {
		if (i)
			strbuf_addch(o, ',');
		effect_json(&e->fx[i], o);
	}
	strbuf_addch(o, ']');
	key(o, "view");
	ux_view_json(e, now, o);
	strbuf_addch(o, '}');
}
