/* report-parts.c: the report's style sheet, the sentences that state a number with its
 * interval, the safety-screen section and the exercises done (report-parts.h). */
#include "format/report-parts.h"
#include "format/chart-svg.h"
#include "core/cnum.h"
#include "format/figure-svg.h"
#include "format/markup.h"
#include "format/when.h"

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

void report_comparison(struct strbuf *sb, const char *what, struct comparison c, const char *after)
{
	strbuf_addf(sb, "<li>%s: ", what);
	if (!c.enough) {
		strbuf_addf(sb, "not enough data yet (n = %d and %d days; each needs at least 14).</li>\n", c.n1, c.n2);
		return;
	}
	strbuf_addstr(sb, "mean ");
	chart_num(sb, c.mean1);
	strbuf_addstr(sb, " vs ");
	chart_num(sb, c.mean2);
	strbuf_addstr(sb, ", difference <strong>");
	chart_num(sb, c.diff);
	strbuf_addstr(sb, "</strong> points (95 % CI ");
	chart_num(sb, c.lo);
	strbuf_addstr(sb, " to ");
	chart_num(sb, c.hi);
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
	cnum_addf(sb, "correlation r = <strong>%.2f</strong> (95 %% CI %.2f to %.2f; n = %d days). ", c.r, c.lo, c.hi,
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

void report_safety(struct strbuf *sb, const struct app_report *r)
{
	strbuf_addstr(sb, "<h2>Safety screen</h2>\n");
	if (!r->screened) {
		strbuf_addstr(sb, "<p>No safety screen on record yet (it is asked before the first session: "
				  "<code>unhunch screen</code>).</p>\n");
		return;
	}
	const struct screening_row *scr = &r->screen;
	const struct clearance_row *cl = r->clearance;
	const struct gate *g = &r->gate;
	char when[11];
	format_date(r->tz, scr->at_ms, when);
	strbuf_addf(sb, "<table>\n<tr><th>Last screen</th><td>%s%s</td></tr>\n<tr><th>Result</th><td>%s</td></tr>\n",
		    when, g->offer_again ? " (more than four weeks old: due to be answered again)" : "",
		    level_words(scr->level));
	strbuf_addstr(sb, "<tr><th>Clinician's clearance</th><td>");
	if (cl) {
		strbuf_addf(sb, "cleared on %s: ", cl->date);
		markup_escape(sb, cl->note);
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
		    g->allowed ? "allowed" : "paused until the warning sign is dealt with",
		    scr->neck_clear ? "allowed (every neck question answered no)" : "supported-head version only");
	if (scr->level > URG_NONE && !cl && g->advice)
		strbuf_addf(sb, "<p>%s</p>\n", g->advice);
}

void report_exercises(struct strbuf *sb, const struct app_report *rep)
{
	if (rep->n_routines)
		strbuf_addstr(sb, "<h2>The exercises</h2>\n<p class=\"small\">The routines done in the guided sessions, "
				  "each exercise from its start to its end position.</p>\n");
	for (size_t k = 0; k < rep->n_routines; k++) {
		const struct routine *r = rep->routines[k];
		strbuf_addstr(sb, "<h3>");
		markup_escape(sb, r->name);
		strbuf_addstr(sb, "</h3>\n<div>\n");
		for (size_t i = 0; i < r->n_items; i++) {
			const struct exercise *e = catalog_exercise(rep->content, r->items[i].exercise);
			if (!e)
				continue;
			struct strbuf dose = STRBUF_INIT;
			dose_describe(item_dose(&r->items[i], e), &dose);
			strbuf_addf(sb, "<figure style=\"display:inline-block;vertical-align:top;margin:0 18px 14px 0\">"
					"<figcaption><b>%zu. ", i + 1);
			markup_escape(sb, e->name);
			strbuf_addstr(sb, "</b><br><span class=\"small\">");
			markup_escape(sb, dose.buf);
			strbuf_addstr(sb, "</span></figcaption>\n");
			svg_exercise_strip(sb, e, item_dose(&r->items[i], e), -1, STRIP_ENDS, 110, true);
			strbuf_addstr(sb, "</figure>\n");
			strbuf_release(&dose);
		}
		strbuf_addstr(sb, "</div>\n");
	}
}
