/* report-parts.h: pieces of the report's page (report-parts.c) that report-html.c puts
 * together: the style sheet, the sentences that give a number with its interval, the
 * safety-screen section and the exercises done. */
#ifndef UNHUNCH_FORMAT_REPORT_PARTS_H
#define UNHUNCH_FORMAT_REPORT_PARTS_H
#include "app/report.h"
#include "core/strbuf.h"

/* One <li> for a comparison of next-day pain: the two means, the difference with its
 * 95 % CI and both n, and what it shows ("Pain was lower <after>.", or that the interval
 * includes zero); or "not enough data yet (n = ...)". what opens the line. */
void report_comparison(struct strbuf *sb, const char *what, struct comparison c, const char *after);
/* One <li> for a correlation of pain with x on the same day, same rules. */
void report_correlation(struct strbuf *sb, const char *what, struct correlation c, const char *x);

/* The page's <style> element (inline CSS, print-friendly). */
void report_style(struct strbuf *out);
/* The safety-screen section: date, result in plain words, the clinician's clearance,
 * whether exercise and the head-over-the-edge neck exercise are allowed now, and who to
 * see while not cleared. */
void report_safety(struct strbuf *sb, const struct app_report *r);
/* The exercises of the routines done, each with a strip of pictures of its start and
 * end. Nothing when none was done. */
void report_exercises(struct strbuf *sb, const struct app_report *r);

#endif
