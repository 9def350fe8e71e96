/* gate.h: the one gate every way into exercise passes. A front end that is about to
 * start a session, resume one, bring a paused exercise back, remind of a break reset
 * or play one calls app_gate() with what is about to run, and renders the answer:
 * allowed or not, why, who to see, what is locked, and the gentle alternative. When
 * the answer is yes it carries a sealed session_pass; the session engine refuses to
 * start without one (core/session.h), so a path around the gate cannot run exercise.
 *
 * Every entry point is listed in app_gate_entries[] below (and enum gate_entry in
 * core/safety.h). A new front end (the HTTP server, the web player) adds its row there;
 * tests/cli/t-gate.sh walks every row and fails when one is missing or bypasses the gate. */
#ifndef UNHUNCH_APP_GATE_H
#define UNHUNCH_APP_GATE_H
#include "app/app.h"
#include "app/safety.h"
#include "core/session.h"

struct app_gate_request {
	enum gate_entry entry;
	const char *routine;       /* start, resume: the routine; plan --resume: the exercise's routine */
	const char *exercise;      /* plan --resume and the break entries: the exercise */
	const char *break_routine; /* break entries: the routine the resets come from */
	int pain_before;           /* 0-10; -1 not asked yet (ask again once it is known) */
};

struct app_gate_result {
	struct gate_verdict v;     /* allowed or not, why, who to see, what is locked, alternative */
	struct app_safety safety;  /* the status it was decided on */
	struct session_pass pass;  /* sealed only when v.allowed */
};

/* Decide a request at ctx->now_ms. Returns -1 with err when the store fails (then
 * nothing is allowed), else 0 with the answer in out. */
int app_gate(const struct app_ctx *ctx, const struct app_gate_request *rq, struct app_gate_result *out,
	     struct strbuf *err);
/* The same on a safety status already worked out at ctx->now_ms (app_safety_of), for a
 * use case that has it: the safety facts are not read again. */
int app_gate_on(const struct app_ctx *ctx, const struct app_gate_request *rq, const struct app_safety *sa,
		struct app_gate_result *out, struct strbuf *err);

/* Was the newest unfinished session ended for safety (*why 1: a warning sign in its
 * pain reports, 2: pain of PAIN_END_SESSION or more; 0: no, or there is none)? Such a
 * session is never resumed, even when the process died before marking it stopped;
 * app_gate() asks this for GATE_RESUME. Returns -1 with err when the store fails. */
int app_resume_stopped(const struct app_ctx *ctx, int *why, struct strbuf *err);

/* The registry of ways into exercise: one row per enum gate_entry, naming the front
 * end that uses it. Future front ends register here. */
struct app_gate_entry {
	enum gate_entry entry;
	const char *front_end;  /* the source file that asks the gate */
	const char *what;       /* what the person does */
};
extern const struct app_gate_entry app_gate_entries[GATE__COUNT];

#endif
