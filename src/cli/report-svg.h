/* report-svg.h: the building blocks of `unhunch report`'s page: HTML escaping, the
 * inline style sheet, inline SVG charts, and the sentences that state a number with its
 * interval. Everything is appended to a strbuf; nothing is fetched or scripted, so the
 * page works offline and prints as shown. */
#ifndef UNHUNCH_REPORT_SVG_H
#define UNHUNCH_REPORT_SVG_H
#include "core/stats.h"
#include "core/strbuf.h"
#include <stdint.h>

/* Append s with & < > " ' escaped, so any user text is shown as text, never markup.
 * Control characters other than tab and newline are dropped. NULL appends nothing. */
void html_escape(struct strbuf *out, const char *s);

/* The page's <style> element (inline CSS, print-friendly). */
void report_style(struct strbuf *out);

/* A line chart of a daily series on the 0-10 pain scale. v[i] is the value of day
 * first_day + i (i < n), STATS_NO_VALUE for a day without data; consecutive days with
 * data are joined, each is marked with a dot. The band 0-2 (little or no pain) is shaded. When ref
 * is a value (>= 0), a dashed line labelled ref_label is drawn at it. label names the
 * chart for screen readers. Week ticks every 7 days from first_day. */
void svg_line_chart(struct strbuf *out, const char *label, const double *v, int first_day, int n, double ref,
		    const char *ref_label);

/* One series of bars per week, with its legend text and a CSS class for its colour. */
struct bar_series {
	const char *label;
	const char *css_class;
	const int *values; /* one per week, 0..max */
};

/* Grouped bars: for each of nweeks weeks (week w starts on day week_start[w]), one bar
 * per series, with the count written above it. The y axis runs from 0 to max. */
void svg_week_bars(struct strbuf *out, const char *label, const int *week_start, int nweeks,
		   const struct bar_series *s, int nseries, int max);

/* A number with one decimal, never "-0.0"; a day number as YYYY-MM-DD. */
void report_num(struct strbuf *sb, double v);
void report_day(int day, struct strbuf *sb);

/* One <li> for a comparison of next-day pain: the two means, the difference with its
 * 95 % CI and both n, and what it shows ("Pain was lower <after>.", or that the interval
 * includes zero); or "not enough data yet (n = ...)". what opens the line. */
void report_comparison(struct strbuf *sb, const char *what, struct comparison c, const char *after);
/* One <li> for a correlation of pain with x on the same day, same rules. */
void report_correlation(struct strbuf *sb, const char *what, struct correlation c, const char *x);

/* The safety-screen section: date, result in plain words, the clinician's clearance
 * (cl, NULL when none is recorded for scr), whether exercise and the head-over-the-edge
 * neck exercise are allowed at now_ms, and who to see while not cleared. scr NULL: no
 * screen yet. */
struct screening_row;
struct clearance_row;
void report_safety(struct strbuf *sb, const struct screening_row *scr, const struct clearance_row *cl,
		   int64_t now_ms);

/* The exercises of the routines done in sessions s[0..ns), each with a strip of
 * pictures of its start and end (report-exercises.c). Nothing when none was done. */
struct catalog;
struct session_row;
void report_exercises(struct strbuf *sb, const struct catalog *c, const struct session_row *s, size_t ns);

#endif
