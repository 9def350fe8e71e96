/* assess.h: an assessment's profile for the terminal (each factor, its strength, what
 * changed since the one before, the reason) or as JSON, and what changes in the plan. */
#ifndef UNHUNCH_FORMAT_ASSESS_H
#define UNHUNCH_FORMAT_ASSESS_H
#include "app/assess.h"
#include "core/strbuf.h"

/* before may be NULL. */
void format_profile_text(struct strbuf *out, const struct profile *p, const struct profile *before);
/* The profile as a JSON object; "null" when there is none. */
void format_assessment_json(struct strbuf *out, const struct app_assessment *a);
/* The plan of the last assessment beside the plan of this one. */
void format_plan_changes_text(struct strbuf *out, const struct app_assess_saved *s);

#endif
