/* report-svg.c: the report's building blocks: HTML escaping, the style sheet, inline SVG
 * charts, the sentences that give a number with its interval, the safety-screen table,
 * and the atomic write.
 * Charts use a fixed viewBox and scale with the page; colours come from the style sheet
 * through classes, so the SVG stays small and prints the same. */
#include "report-svg.h"
#include "format/markup.h"
#include "core/screen.h"
#include "store/store.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Chart geometry in viewBox units. */
#define W 560
#define H 190
#define X0 34.0
#define X1 548.0
#define Y0 12.0
#define Y1 160.0

void html_escape(struct strbuf *out, const char *s)
{
	markup_escape(out, s);
}

void report_style(struct strbuf *out)
{
	strbuf_addstr(out,
		"<style>\n"
		"body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;"
		"max-width:1100px;margin:0 auto;padding:24px 32px;background:#fff}\n"
		"h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;padding-bottom:4px;"
		"border-bottom:2px solid #e3e3e3}h3{font-size:15px;margin:0 0 2px}\n"
		".meta{color:#555;margin:0}.notice{background:#fff7e0;border-left:4px solid #e0a800;"
		"padding:8px 12px;margin:14px 0}\n"
		".empty{background:#f1f5fb;border-left:4px solid #2b6cb0;padding:8px 12px}\n"
		".cards{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}.card{border:1px solid #ddd;"
		"border-radius:6px;padding:8px 14px;min-width:150px}.card b{display:block;font-size:24px}\n"
		".card span{color:#555;font-size:13px}\n"
		".verdict{font-weight:600;padding:6px 10px;border-radius:4px;display:inline-block}\n"
		".good{background:#e6f4ea;color:#1e5e2f}.some{background:#fff7e0;color:#6b4e00}"
		".none{background:#f3f3f3;color:#333}.bad{background:#fde8e8;color:#8a1c1c}\n"
		".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:10px 24px}\n"
		"figure{margin:0;break-inside:avoid}svg{width:100%;height:auto;display:block}\n"
		"table{border-collapse:collapse;margin:6px 0}th,td{border-bottom:1px solid #e3e3e3;"
		"padding:4px 12px 4px 0;text-align:left;vertical-align:top}th{font-size:13px;color:#555}\n"
		"td.num{text-align:right}.note{white-space:pre-wrap}code{white-space:nowrap}\n"
		"ul.insights li{margin-bottom:6px}.small{font-size:13px;color:#555}\n"
		".grid{stroke:#e6e6e6;stroke-width:1}.axis{fill:#555;font-size:12px}"
		".lowband{fill:#e9f6ec}\n"
		".line{fill:none;stroke:#2b6cb0;stroke-width:2}.dot{fill:#2b6cb0}"
		".ref{stroke:#9a6b00;stroke-width:1.5;stroke-dasharray:5 4}.reftext{fill:#9a6b00;font-size:11px}\n"
		".nodata{fill:#888;font-size:14px}.barval{fill:#333;font-size:10px}"
		".b1{fill:#2b6cb0}.b2{fill:#d9822b}\n"
		"@media print{body{padding:0;font-size:12px}h2{break-after:avoid}"
		".charts{grid-template-columns:1fr 1fr}}\n"
		"</style>\n");
}

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
	html_escape(out, label);
	strbuf_addstr(out, "\"><title>");
	html_escape(out, label);
	strbuf_addstr(out, "</title>\n");
}

/* Horizontal grid lines with their values, every step from 0 to max. */
static void y_grid(struct strbuf *out, int max, int step)
{
	for (int g = 0; g <= max; g += step) {
		double y = y_of(g, max);
		strbuf_addf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", X0, y, X1, y);
		strbuf_addf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", X0 - 6,
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
		strbuf_addf(out, "%s%.1f,%.1f", i > from ? " " : "", x_of(i, n), y_of(v[i], 10));
	strbuf_addstr(out, "\"/>\n");
}

void svg_line_chart(struct strbuf *out, const char *label, const double *v, int first_day, int n, double ref,
		    const char *ref_label)
{
	svg_open(out, label, H);
	strbuf_addf(out, "<rect class=\"lowband\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", X0,
		    y_of(2, 10), X1 - X0, y_of(0, 10) - y_of(2, 10));
	y_grid(out, 10, 2);
	for (int i = 0; i < n; i += 7) {
		char md[6];
		month_day(first_day + i, md);
		strbuf_addf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", x_of(i, n),
			    Y1 + 18, md);
	}
	strbuf_addch(out, '\n');
	if (ref >= 0) {
		double y = y_of(ref, 10);
		strbuf_addf(out, "<line class=\"ref\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", X0, y, X1, y);
		strbuf_addf(out, "<text class=\"reftext\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", X1 - 4, y - 5);
		html_escape(out, ref_label);
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
			strbuf_addf(out, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\"/>", x_of(i, n),
				    y_of(v[i], 10));
			points++;
		}
	}
	if (!points)
		strbuf_addf(out, "<text class=\"nodata\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">no ratings in "
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
			strbuf_addf(out, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
				    s[k].css_class, x, y, bw - 2, Y1 - y);
			strbuf_addf(out, "<text class=\"barval\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
				    x + (bw - 2) / 2, y - 3, v);
		}
		char md[6];
		month_day(week_start[w], md);
		strbuf_addf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
			    X0 + slot * (w + 0.5), Y1 + 18, md);
	}
	for (int k = 0; k < nseries; k++) {
		double x = X0 + 8 + 190 * k;
		strbuf_addf(out, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\"/>", s[k].css_class, x,
			    H + 5.0);
		strbuf_addf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">", x + 14, H + 14.0);
		html_escape(out, s[k].label);
		strbuf_addstr(out, "</text>\n");
	}
	strbuf_addstr(out, "</svg>\n");
}

/* ---- sentences ---- */

/* One decimal, never "-0.0". */
void report_num(struct strbuf *sb, double v)
{
	strbuf_addf(sb, "%.1f", fabs(v) < 0.05 ? 0.0 : v);
}

void report_day(int day, struct strbuf *sb)
{
	char d[11];
	day_format(day, d);
	strbuf_addstr(sb, d);
}

void report_comparison(struct strbuf *sb, const char *what, struct comparison c, const char *after)
{
	strbuf_addf(sb, "<li>%s: ", what);
	if (!c.enough) {
		strbuf_addf(sb, "not enough data yet (n = %d and %d days; each needs at least 14).</li>\n", c.n1, c.n2);
		return;
	}
	strbuf_addstr(sb, "mean ");
	report_num(sb, c.mean1);
	strbuf_addstr(sb, " vs ");
	report_num(sb, c.mean2);
	strbuf_addstr(sb, ", difference <strong>");
	report_num(sb, c.diff);
	strbuf_addstr(sb, "</strong> points (95 % CI ");
	report_num(sb, c.lo);
	strbuf_addstr(sb, " to ");
	report_num(sb, c.hi);
	strbuf_addf(sb, "; n = %d and %d days). ", c.n1, c.n2);
	if (c.hi < 0)
		strbuf_addf(sb, "Pain was lower %s.</li>\n", after);
	else if (c.lo > 0)
		strbuf_addf(sb, "Pain was higher %s.</li>\n", after);
	else
		strbuf_addstr(sb, "The interval includes zero: no clear difference yet.</li>\n");
}

void report_correlation(struct strbuf *sb, const char *what, struct correlation c, const char *x)
{
	strbuf_addf(sb, "<li>Pain and %s on the same day: ", what);
	if (!c.enough && c.n >= 14) { /* enough days: the reason is that one never changes */
		strbuf_addf(sb, "nothing to compare yet: the same %s%s every day (n = %d days).</li>\n",
			    c.x_varies ? "pain" : what, !c.x_varies && !c.pain_varies ? " and pain" : "", c.n);
		return;
	}
	if (!c.enough) {
		strbuf_addf(sb, "not enough data yet (n = %d days; needs at least 14).</li>\n", c.n);
		return;
	}
	strbuf_addf(sb, "correlation r = <strong>%.2f</strong> (95 %% CI %.2f to %.2f; n = %d days). ", c.r, c.lo, c.hi,
		    c.n);
	if (c.lo > 0)
		strbuf_addf(sb, "More %s went with more pain.</li>\n", x);
	else if (c.hi < 0)
		strbuf_addf(sb, "More %s went with less pain.</li>\n", x);
	else
		strbuf_addstr(sb, "The interval includes zero: no clear link yet.</li>\n");
}

static const char *level_words(int level)
{
	static const char *const words[URG__COUNT] = {
		"no warning signs",
		"a sign to mention to a doctor or physiotherapist at a routine visit",
		"a sign that needs a doctor or physiotherapist within a few days",
		"a sign that needs a doctor today",
		"a sign that needs emergency help",
	};
	return level >= 0 && level < URG__COUNT ? words[level] : "unknown";
}

void report_safety(struct strbuf *sb, const struct screening_row *scr, const struct clearance_row *cl, int64_t now_ms)
{
	strbuf_addstr(sb, "<h2>Safety screen</h2>\n");
	if (!scr) {
		strbuf_addstr(sb, "<p>No safety screen on record yet (it is asked before the first session: "
				  "<code>unhunch screen</code>).</p>\n");
		return;
	}
	struct gate_input in = { true, (enum urgency)scr->level, scr->at_ms, cl != NULL, now_ms };
	struct gate g = gate_decide(&in);
	char when[32];
	time_t t = (time_t)(scr->at_ms / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d", &tm);
	strbuf_addf(sb, "<table>\n<tr><th>Last screen</th><td>%s%s</td></tr>\n<tr><th>Result</th><td>%s</td></tr>\n",
		    when, g.offer_again ? " (more than four weeks old: due to be answered again)" : "",
		    level_words(scr->level));
	strbuf_addstr(sb, "<tr><th>Clinician's clearance</th><td>");
	if (cl) {
		strbuf_addf(sb, "cleared on %s: ", cl->date);
		html_escape(sb, cl->note);
	} else if (scr->level == URG_EMERGENCY) {
		strbuf_addstr(sb, "not cleared: an emergency answer is never cleared here; the questions must be "
				  "answered again once well");
	} else if (scr->level >= URG_DAYS) {
		strbuf_addstr(sb, "not cleared yet");
	} else {
		strbuf_addstr(sb, "none needed");
	}
	strbuf_addf(sb, "</td></tr>\n<tr><th>Exercise</th><td>%s</td></tr>\n<tr><th>Head-over-the-edge neck "
			"exercise</th><td>%s</td></tr>\n</table>\n",
		    g.allowed ? "allowed" : "paused until the warning sign is dealt with",
		    scr->neck_clear ? "allowed (every neck question answered no)" : "supported-head version only");
	if (scr->level > URG_NONE && !cl && g.advice)
		strbuf_addf(sb, "<p>%s</p>\n", g.advice);
}
