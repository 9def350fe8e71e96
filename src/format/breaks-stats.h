/* breaks-stats.h: `unhunch breaks stats` rendered, as text or JSON. */
#ifndef UNHUNCH_FORMAT_BREAKS_STATS_H
#define UNHUNCH_FORMAT_BREAKS_STATS_H
#include "app/breaks-stats.h"
#include "core/strbuf.h"

void format_breaks_stats_text(const struct break_counts *c, struct strbuf *out);
void format_breaks_stats_json(const struct break_counts *c, struct strbuf *out);

#endif
