/* restore-check.h: what an import may bring into the safety record. A backup can be
 * edited by hand or come from another program, so before it is written its safety
 * records are held to the rules the program itself keeps: each screening's result and
 * each answer's urgency are at least what the answers mean with the content in use
 * (screen_evaluate), the neck screen is clear only when its answers say so, a yes to
 * a locking question is stored as locking, every clearance passes clearance_ok() for
 * the day of the screening it clears, and every warning sign in a session's pain
 * reports has the warning screening that locks and pauses exercise. */
#ifndef UNHUNCH_APP_RESTORE_CHECK_H
#define UNHUNCH_APP_RESTORE_CHECK_H
#include "app/app.h"
#include "core/strbuf.h"

/* A warning sign in a session's pain reports (score null): where, and when. */
struct restore_warning {
	size_t session, report;
	int64_t at_ms;
};

struct restore_safety {
	struct screening_row *screenings;         /* raised in place where weaker */
	size_t n_screenings;
	const struct clearance_row *clearances;   /* screening_id: an index into screenings */
	size_t n_clearances;
	const struct restore_warning *warnings;
	size_t n_warnings;
};

/* Check r against ctx->content and today. Screenings weaker than their answers are
 * raised (counted in *raised); a clearance the program would refuse, or a warning
 * sign without a warning screening, is a problem: one line each in problems, as
 * "PATH: what is wrong" (clearances[2], sessions[0].pain_reports[1]). Returns the number of problems;
 * nothing may be written unless it is 0. */
size_t app_restore_check(const struct app_ctx *ctx, struct restore_safety *r, size_t *raised,
			 struct strbuf *problems);

#endif
