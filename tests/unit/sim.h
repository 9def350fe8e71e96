/* sim.h: test helpers: build a catalog from YAML text or the shipped content, and drive the session engine
 * with a fake clock, recording every effect as a line of text. */
#ifndef UNHUNCH_TEST_SIM_H
#define UNHUNCH_TEST_SIM_H
#include "content/load.h"
#include "core/session.h"
#include "core/strbuf.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Passes for tests of the engine alone; the front ends get theirs from app_gate(). */
static const struct session_pass SIM_PASS = { SESSION_PASS_SEAL, 0, false, false };
static const struct session_pass SIM_PASS_NECK = { SESSION_PASS_SEAL, 0, true, false };
static const struct session_pass SIM_PASS_GENTLE = { SESSION_PASS_SEAL, 0, false, true };

/* Parse YAML text into c; abort the test program on any problem. */
static inline void sim_catalog(struct catalog *c, const char *yaml)
{
	struct diags d;
	diags_init(&d);
	catalog_init(c);
	content_parse(c, "fixture.yaml", yaml, strlen(yaml), &d);
	catalog_check_refs(c, &d);
	for (size_t i = 0; i < d.n; i++) {
		char *s = diag_format(&d.v[i]);
		fprintf(stderr, "fixture problem: %s\n", s);
		free(s);
	}
	if (d.n)
		abort();
	diags_release(&d);
}

/* Load the shipped content (data/) into c; returns the number of problems found. */
static inline int sim_shipped(struct catalog *c)
{
	struct diags d;
	catalog_init(c);
	diags_init(&d);
	content_load_dir(c, UNHUNCH_SRC_DATADIR, &d);
	catalog_check_refs(c, &d);
	int n = (int)d.n;
	diags_release(&d);
	return n;
}

/* Append the effects of the last engine call to trace, one line each. */
static inline void sim_record(const struct engine *e, int64_t t, struct strbuf *trace)
{
	for (size_t i = 0; i < e->n_fx; i++) {
		const struct effect *f = &e->fx[i];
		switch (f->kind) {
		case FX_SHOW:
			break;
		case FX_SAY:
			strbuf_addf(trace, "%" PRId64 " say %s\n", t, f->text);
			break;
		case FX_BEEP:
			strbuf_addf(trace, "%" PRId64 " beep\n", t);
			break;
		case FX_SET_DONE:
			strbuf_addf(trace, "%" PRId64 " set %d %s#%d %s %d/%d %" PRId64 "ms\n", t, f->item, f->exercise_id,
				    f->set_no, f->side[0] ? f->side : "-", f->reps_done, f->reps_target, f->duration_ms);
			break;
		case FX_EXERCISE_END:
			strbuf_addf(trace, "%" PRId64 " exercise %d %s status=%d reps=%d %" PRId64 "ms\n", t, f->item,
				    f->exercise_id, f->status, f->reps_done, f->duration_ms);
			break;
		case FX_PAIN:
			strbuf_addf(trace, "%" PRId64 " pain %d %s %d: %s\n", t, f->item, f->exercise_id, f->score, f->text);
			break;
		case FX_SESSION_END:
			strbuf_addf(trace, "%" PRId64 " end status=%d %" PRId64 "ms\n", t, f->status, f->duration_ms);
			break;
		case FX_FEEL:
			strbuf_addf(trace, "%" PRId64 " feel %d %s %d\n", t, f->item, f->exercise_id, f->status);
			break;
		}
	}
}

/* Run to the end: tick at every deadline; answer waits with "done" after wait_ms.
 * Returns the simulated end time. Stops after max_steps calls as a guard. */
static inline int64_t sim_run(struct engine *e, int64_t t, int64_t wait_ms, struct strbuf *trace)
{
	for (int steps = 0; e->state != ENGINE_DONE && steps < 100000; steps++) {
		int64_t dl = engine_deadline(e);
		struct input in = { IN_TICK, dl, 0 };
		if (dl == ENGINE_NO_DEADLINE) {
			in.kind = IN_DONE;
			in.now = t + wait_ms;
		}
		t = in.now;
		engine_input(e, in);
		sim_record(e, t, trace);
	}
	return t;
}

/* Tick at every deadline up to t, as a running player would, then at t. */
static inline void sim_until(struct engine *e, int64_t t, struct strbuf *trace)
{
	int64_t dl;
	while (e->state == ENGINE_RUNNING && (dl = engine_deadline(e)) <= t) {
		struct input in = { IN_TICK, dl, 0 };
		engine_input(e, in);
		sim_record(e, dl, trace);
	}
	struct input in = { IN_TICK, t, 0 };
	engine_input(e, in);
	sim_record(e, t, trace);
}

static inline void sim_send(struct engine *e, enum input_kind k, int64_t t, int score, struct strbuf *trace)
{
	struct input in = { k, t, score };
	engine_input(e, in);
	sim_record(e, t, trace);
}

#endif
