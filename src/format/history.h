/* history.h: `unhunch history` rendered: a table for the terminal, or JSON (every
 * session with its exercises, sets and pain reports). Times local to the zone given. */
#ifndef UNHUNCH_FORMAT_HISTORY_H
#define UNHUNCH_FORMAT_HISTORY_H
#include "app/history.h"
#include "core/strbuf.h"
#include "format/outfile.h"

void format_history_text(const struct app_history *h, const struct tz *tz, struct strbuf *out);
void format_history_json(const struct app_history *h, const struct tz *tz, struct strbuf *out);
/* The same JSON written into s a session at a time. Returns 0, or -1 with err. */
int format_history_json_stream(const struct app_history *h, const struct tz *tz, struct outfile_sink *s,
			       struct strbuf *err);

#endif
