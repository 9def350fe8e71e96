/* plan-internal.h: small helpers shared by the plan's parts (plan-assess.c,
 * plan-flare.c, plan-week.c, plan-dose.c); not part of the plan's interface. */
#ifndef UNHUNCH_PLAN_INTERNAL_H
#define UNHUNCH_PLAN_INTERNAL_H

#include "plan.h"
#include "strbuf.h"
#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define EPS 1e-9

/* A value counts as data when it is not STATS_NO_VALUE / ASSESS_SKIPPED. */
static inline bool has(double v)
{
	return v >= 0;
}

/* "3", "3.5": one decimal at most */
void plan_num_describe(double v, struct strbuf *out);

/* The pain recorded on day d, or STATS_NO_VALUE; days sorted by day. */
double plan_pain_on(const struct day *days, size_t n, int d);

#endif
