/* chart-svg.c: the pain charts as inline SVG (chart-svg.h). */
#include "format/chart-svg.h"
#include "core/cnum.h"
#include "format/markup.h"
#include <math.h>

/* Chart geometry in viewBox units. */
#define W 560
#define H 190
#define X0 34.0
#define X1 548.0
#define Y0 12.0
#define Y1 160.0

static double x_of(int i, int n)
{
	return n > 1 ? X0 + (X1 - X0) * i / (n - 1) : (X0 + X1) / 2;
}

static double y_of(double v, double max)
{
	return Y1 - (Y1 - Y0) * v / max;
}

/* No xmlns: inline SVG in HTML needs none, and the page names no web address at all. */
static void svg_open(struct strbuf *out, const char *label, int height)
{
	strbuf_addf(out, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, height);
	markup_escape(out, label);
	strbuf_addstr(out, "\"><title>");
	markup_escape(out, label);
	strbuf_addstr(out, "</title>\n");
}

/* Horizontal grid lines with their values, every step from 0 to max. */
static void y_grid(struct strbuf *out, int max, int step)
{
	for (int g = 0; g <= max; g += step) {
		double y = y_of(g, max);
		cnum_addf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", X0, y, X1, y);
		cnum_addf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", X0 - 6,
			  y + 4, g);
	}
}

/* "MM-DD" of a day number. */
static void month_day(int day, char out[6])
{
	char d[11];
	day_format(day, d);
	for (int i = 0; i < 5; i++)
		out[i] = d[5 + i];
	out[5] = '\0';
}

static void polyline(struct strbuf *out, const double *v, int from, int to, int n)
{
	if (to - from < 2)
		return;
	strbuf_addstr(out, "<polyline class=\"line\" points=\"");
	for (int i = from; i < to; i++)
		cnum_addf(out, "%s%.1f,%.1f", i > from ? " " : "", x_of(i, n), y_of(v[i], 10));
	strbuf_addstr(out, "\"/>\n");
}

void svg_line_chart(struct strbuf *out, const char *label, const double *v, int first_day, int n, double ref,
		    const char *ref_label)
{
	svg_open(out, label, H);
	cnum_addf(out, "<rect class=\"lowband\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", X0,
		  y_of(2, 10), X1 - X0, y_of(0, 10) - y_of(2, 10));
	y_grid(out, 10, 2);
	for (int i = 0; i < n; i += 7) {
		char md[6];
		month_day(first_day + i, md);
		cnum_addf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", x_of(i, n),
			  Y1 + 18, md);
	}
	strbuf_addch(out, '\n');
	if (ref >= 0) {
		double y = y_of(ref, 10);
		cnum_addf(out, "<line class=\"ref\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", X0, y, X1, y);
		cnum_addf(out, "<text class=\"reftext\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", X1 - 4, y - 5);
		markup_escape(out, ref_label);
		strbuf_addstr(out, "</text>\n");
	}
	int run = -1, points = 0;
	for (int i = 0; i <= n; i++) {
		bool has = i < n && v[i] >= 0;
		if (has && run < 0)
			run = i;
		if (!has && run >= 0) {
			polyline(out, v, run, i, n);
			run = -1;
		}
	}
	for (int i = 0; i < n; i++) {
		if (v[i] >= 0) {
			cnum_addf(out, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\"/>", x_of(i, n),
				  y_of(v[i], 10));
			points++;
		}
	}
	if (!points)
		cnum_addf(out, "<text class=\"nodata\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">no ratings in "
			       "these 8 weeks</text>",
			  (X0 + X1) / 2, (Y0 + Y1) / 2);
	strbuf_addstr(out, "\n</svg>\n");
}

void svg_week_bars(struct strbuf *out, const char *label, const int *week_start, int nweeks,
		   const struct bar_series *s, int nseries, int max)
{
	svg_open(out, label, H + 18);
	y_grid(out, max, 1);
	double slot = (X1 - X0) / nweeks, bw = (slot - 14) / nseries;
	for (int w = 0; w < nweeks; w++) {
		double left = X0 + slot * w + 7;
		for (int k = 0; k < nseries; k++) {
			int v = s[k].values[w];
			double x = left + bw * k, y = y_of(v, max);
			cnum_addf(out, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
				  s[k].css_class, x, y, bw - 2, Y1 - y);
			cnum_addf(out, "<text class=\"barval\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
				  x + (bw - 2) / 2, y - 3, v);
		}
		char md[6];
		month_day(week_start[w], md);
		cnum_addf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
			  X0 + slot * (w + 0.5), Y1 + 18, md);
	}
	for (int k = 0; k < nseries; k++) {
		double x = X0 + 8 + 190 * k;
		cnum_addf(out, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\"/>", s[k].css_class, x,
			  H + 5.0);
		cnum_addf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">", x + 14, H + 14.0);
		markup_escape(out, s[k].label);
		strbuf_addstr(out, "</text>\n");
	}
	strbuf_addstr(out, "</svg>\n");
}

const char *chart_series_name(int k)
{
	static const char *const names[1 + REG__COUNT] = { "Pain overall", "Neck", "Between the shoulder blades",
							   "Upper back", "Left shoulder", "Right shoulder", "Chest" };
	return k >= 0 && k <= REG__COUNT ? names[k] : "";
}

void chart_pain(struct strbuf *out, const struct app_progress *p, int k)
{
	struct strbuf ref = STRBUF_INIT;
	double base = p->ch.baseline;
	if (k == 0 && base >= 0) {
		strbuf_addstr(&ref, "first week ");
		chart_num(&ref, base);
	}
	svg_line_chart(out, chart_series_name(k), p->daily[k], p->win.from, p->chart_len,
		       k == 0 ? base : STATS_NO_VALUE, strbuf_str(&ref));
	strbuf_release(&ref);
}

void chart_weeks(struct strbuf *out, const struct app_progress *p)
{
	struct bar_series s[2] = { { "days with a session", "b1", p->week_sessions },
				   { "days with a headache", "b2", p->week_headaches } };
	svg_week_bars(out, "Days with a session and days with a headache, per week", p->week_start, APP_WEEKS, s, 2,
		      7);
}

void chart_num(struct strbuf *sb, double v)
{
	cnum_addf(sb, "%.1f", fabs(v) < 0.05 ? 0.0 : v);
}

void chart_day(int day, struct strbuf *sb)
{
	char d[11];
	day_format(day, d);
	strbuf_addstr(sb, d);
}

/* Sparkline geometry: a small chart of the same scale, no axes (the dashboard). */
#define SW 120.0
#define SH 28.0
#define SPAD 2.0

static double sx_of(int i, int n)
{
	return n > 1 ? SPAD + (SW - 2 * SPAD) * i / (n - 1) : SW / 2;
}

static double sy_of(double v)
{
	return SH - SPAD - (SH - 2 * SPAD) * v / 10;
}

void svg_sparkline(struct strbuf *out, const char *label, const double *v, int n)
{
	strbuf_addstr(out, "<svg class=\"spark\" viewBox=\"0 0 120 28\" role=\"img\" aria-label=\"");
	markup_escape(out, label);
	strbuf_addstr(out, "\"><title>");
	markup_escape(out, label);
	strbuf_addstr(out, "</title>");
	cnum_addf(out, "<rect class=\"lowband\" x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\"/>", sy_of(2), SW,
		  sy_of(0) - sy_of(2) + SPAD);
	int run = -1, last = -1;
	for (int i = 0; i <= n; i++) {
		bool has = i < n && v[i] >= 0;
		if (has) {
			last = i;
			if (run < 0)
				run = i;
		}
		if (!has && run >= 0) {
			if (i - run >= 2) {
				strbuf_addstr(out, "<polyline class=\"line\" points=\"");
				for (int k = run; k < i; k++)
					cnum_addf(out, "%s%.1f,%.1f", k > run ? " " : "", sx_of(k, n), sy_of(v[k]));
				strbuf_addstr(out, "\"/>");
			} else {
				cnum_addf(out, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\"/>", sx_of(run, n),
					  sy_of(v[run]));
			}
			run = -1;
		}
	}
	if (last >= 0)
		cnum_addf(out, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\"/>", sx_of(last, n), sy_of(v[last]));
	strbuf_addstr(out, "</svg>");
}
