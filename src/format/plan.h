/* plan.h: the plan rendered for machines: `unhunch plan --json`, and the date and
 * reason values the plan's JSON (the terminal's and the server's, routes-plan.c)
 * writes its days and its sentences as. */
#ifndef UNHUNCH_FORMAT_PLAN_H
#define UNHUNCH_FORMAT_PLAN_H
#include "app/plan-view.h"
#include "core/strbuf.h"
#include <jansson.h>

/* A day number as "YYYY-MM-DD", or JSON null when d < 0 (no such day). */
json_t *format_json_day(int d);
/* A reason (core/reason.h) as a JSON string, its numbers written in C ("5.5"). */
json_t *format_json_reason(const struct reason *r);
/* The trainer's prescriptions of the plan, oldest first: [{date, routine, item,
 * exercise, what (in words), reps, sets, hold_s, duration_s (0: not set), note,
 * warnings (what the rules warned of, accepted by the trainer; one a line)}]. */
json_t *format_prescriptions_json(const struct catalog *c, const struct app_plan *v);
/* The plan after app_plan_view() as `unhunch plan --json` writes it (indented, no
 * final line break). */
void format_plan_json(const struct catalog *c, const struct app_plan *v, struct strbuf *out);

#endif
