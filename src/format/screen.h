/* screen.h: a screening's result and the screening state (`screen --status`) as
 * terminal text (the user's words for each yes, who to see, the emergency number
 * filled in), and the state as JSON. */
#ifndef UNHUNCH_FORMAT_SCREEN_H
#define UNHUNCH_FORMAT_SCREEN_H
#include "app/screen-status.h"
#include "core/strbuf.h"

/* The yes answers of r and what they mean. emergency: the person's number, or "". */
void format_screen_result(struct strbuf *out, const struct catalog *cat, const struct screening_row *r,
			  const char *emergency);
void format_screen_status_text(struct strbuf *out, const struct catalog *cat, const struct app_screen_status *st,
			       const struct tz *tz, const char *emergency);
void format_screen_status_json(struct strbuf *out, const struct app_screen_status *st, const struct tz *tz);

#endif
