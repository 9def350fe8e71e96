/* chart-svg.h: the pain charts as inline SVG, one renderer for `unhunch report`'s page
 * and the progress page of `unhunch serve`: pain by day on the 0-10 scale, and days with
 * a session and with a headache per week. Colours come from CSS classes (the report's
 * style sheet, the pages' app.css), so the SVG stays small, follows a dark scheme and
 * prints the same. A fixed viewBox that scales to the width of its container; numbers
 * are written with a point whatever the locale; nothing is fetched or scripted. */
#ifndef UNHUNCH_FORMAT_CHART_SVG_H
#define UNHUNCH_FORMAT_CHART_SVG_H
#include "app/progress.h"
#include "core/strbuf.h"

/* A line chart of a daily series on the 0-10 pain scale. v[i] is the value of day
 * first_day + i (i < n), STATS_NO_VALUE for a day without data; consecutive days with
 * data are joined, each is marked with a dot. The band 0-2 (little or no pain) is shaded. When ref
 * is a value (>= 0), a dashed line labelled ref_label is drawn at it. label names the
 * chart for screen readers. Week ticks every 7 days from first_day. */
void svg_line_chart(struct strbuf *out, const char *label, const double *v, int first_day, int n, double ref,
		    const char *ref_label);

/* A sparkline of a daily series on the same 0-10 scale (the trainer's dashboard): the
 * line without axes, the 0-2 band shaded, the latest value marked; a day alone between
 * gaps is a dot. Small (viewBox 120 x 28) and labelled for screen readers. */
void svg_sparkline(struct strbuf *out, const char *label, const double *v, int n);

/* One series of bars per week, with its legend text and a CSS class for its colour. */
struct bar_series {
	const char *label;
	const char *css_class;
	const int *values; /* one per week, 0..max */
};

/* Grouped bars, one group per week (x labels: the week's first day, MM-DD), with a
 * legend; the y axis runs from 0 to max. */
void svg_week_bars(struct strbuf *out, const char *label, const int *week_start, int nweeks,
		   const struct bar_series *s, int nseries, int max);

/* The series of app_progress.daily: 0 is pain overall, 1.. each region. */
const char *chart_series_name(int k);
/* The chart of series k of p (app_progress.daily), overall with the first week's mean
 * as its reference line. */
void chart_pain(struct strbuf *out, const struct app_progress *p, int k);
/* The last eight weeks' bars of p: days with a session, days with a headache. */
void chart_weeks(struct strbuf *out, const struct app_progress *p);

/* A number with one decimal, never "-0.0"; a day number as YYYY-MM-DD. */
void chart_num(struct strbuf *sb, double v);
void chart_day(int day, struct strbuf *sb);

#endif
