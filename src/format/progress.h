/* progress.h: `unhunch progress` rendered for the terminal (sparklines, the change
 * with its dates, honest insights) or as JSON. */
#ifndef UNHUNCH_FORMAT_PROGRESS_H
#define UNHUNCH_FORMAT_PROGRESS_H
#include "app/progress.h"
#include "core/strbuf.h"

void format_progress_text(const struct app_progress *p, struct strbuf *out);
void format_progress_json(const struct app_progress *p, struct strbuf *out);

#endif
