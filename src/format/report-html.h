/* report-html.h: `unhunch report`'s page: one self-contained HTML page (inline CSS and
 * SVG, no scripts, no web addresses) that a user can show a therapist: pain by region,
 * change from the first week, lasting relief, adherence, headaches, the exercises done,
 * PSFS activities, insights with their intervals, the safety screen and the notes. The
 * charts are format/chart-svg.h's, the same the progress page of `unhunch serve` shows.
 * Dates and times are the report's time zone's; numbers are written with a point
 * whatever the locale. */
#ifndef UNHUNCH_FORMAT_REPORT_HTML_H
#define UNHUNCH_FORMAT_REPORT_HTML_H
#include "app/report.h"
#include "core/strbuf.h"

/* The whole page, made by unhunch `version`. */
void format_report_html(const struct app_report *r, const char *version, struct strbuf *out);

#endif
