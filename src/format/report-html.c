/* report-html.c: `unhunch report`'s page put together from the report use case
 * (report-html.h). */
#include "format/report-html.h"
#include "core/plan.h"
#include "format/chart-svg.h"
#include "core/cnum.h"
#include "format/markup.h"
#include "format/report-parts.h"
#include "format/when.h"
#include <math.h>

#define SPAN (APP_WEEKS * 7)

static void section_head(struct strbuf *sb, const struct app_report *r, const char *version)
{
	const struct app_progress *p = &r->progress;
	char made[17];
	format_minute(r->tz, r->now_ms, made);
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			  "<title>Self-care record: neck, upper back and shoulders</title>\n");
	report_style(sb);
	strbuf_addf(sb, "</head>\n<body>\n<h1>Self-care record: neck, upper back and shoulders</h1>\n"
			"<p class=\"meta\">Made with unhunch %s on %s.", version, made);
	if (p->n_days) {
		strbuf_addstr(sb, " Records from ");
		chart_day(p->first_day, sb);
		strbuf_addstr(sb, " to ");
		chart_day(p->last_day, sb);
		strbuf_addf(sb, ": %d day%s with a pain rating, %zu guided session%s.", p->pain_days,
			    p->pain_days == 1 ? "" : "s", p->sessions, p->sessions == 1 ? "" : "s");
		if (!p->win.recent) {
			/* no rating in the last 8 weeks: the pain charts show the span with ratings,
			 * the weekly tables still the last 8 weeks; say where each begins */
			strbuf_addstr(sb, " The pain charts below cover ");
			chart_day(p->win.from, sb);
			strbuf_addstr(sb, " to ");
			chart_day(p->win.to, sb);
			strbuf_addstr(sb, ", the latest ratings; the weekly tables and the notes cover the last 8 weeks, "
					  "from ");
			chart_day(p->today - SPAN + 1, sb);
			strbuf_addstr(sb, ".");
		} else if (p->first_day < p->today - SPAN + 1) {
			/* older records than the tables show: say where the tables begin */
			strbuf_addstr(sb, " The charts and tables below cover the last 8 weeks, from ");
			chart_day(p->today - SPAN + 1, sb);
			strbuf_addstr(sb, ".");
		}
	}
	strbuf_addstr(sb, "</p>\n<p class=\"notice\"><strong>This is a self-care record, not a diagnosis.</strong> "
			  "The person who kept it rated their own pain (0 = none, 10 = the worst imaginable) and "
			  "logged their own exercise sessions. The numbers describe their days; they do not say what "
			  "causes the pain. Please weigh them against your own examination.</p>\n");
	if (!p->n_days)
		strbuf_addstr(sb, "<p class=\"empty\"><strong>No data yet.</strong> There are no check-ins or "
				  "sessions on record. Record how you feel with <code>unhunch checkin</code> and do a "
				  "session with <code>unhunch start</code>; the next report will show the trends.</p>\n");
}

/* A mean pain over [from, to] with the dates and the number of days it rests on. */
static void card(struct strbuf *sb, double v, const char *what, int from, int to, int n)
{
	strbuf_addstr(sb, "<div class=\"card\"><b>");
	if (v >= 0)
		chart_num(sb, v);
	else
		strbuf_addstr(sb, "&ndash;");
	strbuf_addf(sb, "</b><span>%s<br>", what);
	if (v >= 0) {
		chart_day(from, sb);
		strbuf_addstr(sb, " to ");
		chart_day(to, sb);
		strbuf_addf(sb, ", n = %d day%s", n, n == 1 ? "" : "s");
	} else {
		strbuf_addstr(sb, "no rating yet");
	}
	strbuf_addstr(sb, "</span></div>\n");
}

static void section_change(struct strbuf *sb, const struct app_report *r)
{
	const struct change c = r->progress.ch;
	strbuf_addstr(sb, "<h2>Pain at the start and now</h2>\n<div class=\"cards\">\n");
	card(sb, c.first_day >= 0 ? c.baseline : STATS_NO_VALUE, "mean pain in the first week", c.baseline_from,
	     c.baseline_to, c.n_baseline);
	card(sb, c.first_day >= 0 ? c.current : STATS_NO_VALUE,
	     c.recent || c.first_day < 0 ? "mean pain in the last 7 days" : "mean pain in the latest week with ratings",
	     c.current_from, c.current_to, c.n_current);
	if (c.enough) {
		strbuf_addstr(sb, "<div class=\"card\"><b>");
		chart_num(sb, fabs(c.drop));
		cnum_addf(sb, " points</b><span>%s than in the first week<br>%s of %.0f %%</span></div>\n",
			  c.drop >= 0 ? "lower" : "higher", c.drop >= 0 ? "a drop" : "a rise", fabs(c.drop_pct));
	}
	strbuf_addstr(sb, "</div>\n<p>");
	if (c.first_day < 0) {
		strbuf_addstr(sb, "<span class=\"verdict none\">Not enough data yet (n = 0 days with a pain rating).</span>");
	} else if (!c.enough) {
		strbuf_addf(sb, "<span class=\"verdict none\">Too early to compare: the ratings span %d day%s (", 
			    c.last_day - c.first_day + 1, c.last_day == c.first_day ? "" : "s");
		chart_day(c.first_day, sb);
		strbuf_addstr(sb, " to ");
		chart_day(c.last_day, sb);
		strbuf_addstr(sb, "), so the first week and the latest week still overlap; 14 days are needed.</span>");
	} else if (c.meaningful) {
		strbuf_addstr(sb, "<span class=\"verdict good\">A clinically meaningful improvement: at least 2 points "
				  "and at least 30 % lower than in the first week.</span>");
	} else if (c.drop > 0) {
		strbuf_addstr(sb, "<span class=\"verdict some\">Better, but not yet a clinically meaningful change "
				  "(that needs at least 2 points and at least 30 % lower).</span>");
	} else {
		strbuf_addstr(sb, "<span class=\"verdict bad\">No improvement compared with the first week.</span>");
	}
	if (c.first_day >= 0 && !c.recent) {
		strbuf_addstr(sb, " <span class=\"small\">No pain rating since ");
		chart_day(c.last_day, sb);
		strbuf_addstr(sb, ".</span>");
	}
	strbuf_addstr(sb, "</p>\n");
	struct strbuf advice = STRBUF_INIT;
	plan_course_advice(&r->progress.course, &advice);
	if (advice.len) {
		strbuf_addstr(sb, "<p><span class=\"verdict bad\">");
		markup_escape(sb, advice.buf);
		strbuf_addstr(sb, "</span></p>\n");
	}
	strbuf_release(&advice);
}

static void section_trends(struct strbuf *sb, const struct app_report *r)
{
	const struct app_progress *p = &r->progress;
	if (p->win.recent) {
		strbuf_addstr(sb, "<h2>Pain by region, last 8 weeks</h2>\n");
	} else {
		strbuf_addstr(sb, "<h2>Pain by region, ");
		chart_day(p->win.from, sb);
		strbuf_addstr(sb, " to ");
		chart_day(p->win.to, sb);
		strbuf_addstr(sb, " (no ratings since)</h2>\n");
	}
	strbuf_addstr(sb, "<p class=\"small\">The mean of each day's "
			  "check-ins, 0 to 10. A gap is a day without a rating. Green band: little or no pain (2 or "
			  "less).</p>\n<div class=\"charts\">\n");
	struct strbuf unrated = STRBUF_INIT;
	for (int k = 0; k <= REG__COUNT; k++) {
		if (k > 0 && !p->rated[k]) {
			strbuf_addf(&unrated, "%s%s", unrated.len ? ", " : "", chart_series_name(k));
			continue;
		}
		strbuf_addf(sb, "<figure><h3>%s</h3>\n", chart_series_name(k));
		chart_pain(sb, p, k);
		strbuf_addstr(sb, "</figure>\n");
	}
	strbuf_addstr(sb, "</div>\n");
	if (unrated.len)
		strbuf_addf(sb, "<p class=\"small\">Not rated in these %s: %s.</p>\n", p->win.recent ? "8 weeks" : "days",
			    unrated.buf);
	strbuf_release(&unrated);
}

static void section_relief(struct strbuf *sb, const struct app_report *r)
{
	const struct relief l = r->progress.rl;
	strbuf_addstr(sb, "<h2>Does the relief last?</h2>\n<ul>\n<li>Days with little or no pain (2 or less) in the "
			  "last 28 days: ");
	if (l.days_with_data)
		cnum_addf(sb, "<strong>%d of %d</strong> days with a rating (%.0f %%).", l.days_low, l.days_with_data,
			  l.share_low * 100);
	else
		strbuf_addstr(sb, "not enough data yet (n = 0 days with a rating).");
	strbuf_addstr(sb, "</li>\n<li>Flare-ups (a day at least 2 points above the mean of the 7 days before it): ");
	if (l.first_improved_day < 0) {
		strbuf_addstr(sb, "counted from the first clinically meaningful improvement, which has not happened yet.");
	} else {
		strbuf_addf(sb, "<strong>%d</strong> since the first clinically meaningful improvement (the week ending ",
			    l.flare_ups);
		chart_day(l.first_improved_day, sb);
		strbuf_addstr(sb, ").");
	}
	strbuf_addstr(sb, "</li>\n</ul>\n");
}

static void section_adherence(struct strbuf *sb, const struct app_report *r)
{
	const struct app_progress *p = &r->progress;
	const struct adherence a = p->ad;
	strbuf_addstr(sb, "<h2>Sessions and headaches</h2>\n<ul>\n<li>Guided sessions: ");
	if (p->sessions) {
		strbuf_addstr(sb, "on <strong>");
		chart_num(sb, a.sessions_per_week);
		strbuf_addstr(sb, "</strong> days a week over the last 4 weeks (or since the first session); ");
		if (a.streak_days > 1)
			strbuf_addf(sb, "current streak <strong>%d</strong> days in a row.", a.streak_days);
		else
			strbuf_addstr(sb, a.streak_days ? "current streak <strong>1</strong> day."
							: "no session today or yesterday.");
	} else {
		strbuf_addstr(sb, "none yet.");
	}
	strbuf_addstr(sb, "</li>\n<li>Headache days (a headache of 1 or more): ");
	if (p->headache_rated) {
		strbuf_addstr(sb, "<strong>");
		chart_num(sb, a.headache_days_per_week);
		strbuf_addf(sb, "</strong> a week over the last 4 weeks (n = %d days with a headache rating).",
			    p->headache_rated);
	} else {
		strbuf_addstr(sb, "not enough data yet (n = 0 days with a headache rating in the last 4 weeks).");
	}
	strbuf_addstr(sb, "</li>\n</ul>\n");
	if (!p->weeks_any)
		return;
	strbuf_addstr(sb, "<div class=\"charts\"><figure><h3>Per week, last 8 weeks (week starting)</h3>\n");
	chart_weeks(sb, p);
	strbuf_addstr(sb, "</figure></div>\n");
}

static void section_psfs(struct strbuf *sb, const struct app_report *r)
{
	const struct app_progress *p = &r->progress;
	strbuf_addstr(sb, "<h2>Everyday activities (Patient-Specific Functional Scale)</h2>\n");
	if (!p->n_psfs) {
		strbuf_addstr(sb, "<p>No activities chosen yet.</p>\n");
		return;
	}
	strbuf_addstr(sb, "<p class=\"small\">Activities the person finds hard because of the pain, rated 0 (unable to "
			  "do it) to 10 (able to do it as before the problem).</p>\n<table>\n<tr><th>Activity</th>"
			  "<th>First rating</th><th>Latest rating</th><th>Change</th><th>Ratings</th></tr>\n");
	for (size_t i = 0; i < p->n_psfs; i++) {
		const struct app_psfs_change *a = &p->psfs[i];
		strbuf_addstr(sb, "<tr><td>");
		markup_escape(sb, a->name);
		if (a->first < 0) {
			strbuf_addstr(sb, "</td><td>&ndash;</td><td>&ndash;</td><td>&ndash;</td><td class=\"num\">0</td></tr>\n");
			continue;
		}
		strbuf_addf(sb, "</td><td>%d (%s)</td><td>%d (%s)</td><td class=\"num\">%+d</td><td class=\"num\">%d</td></tr>\n",
			    a->first, a->first_date, a->last, a->last_date, a->last - a->first, a->count);
	}
	strbuf_addstr(sb, "</table>\n");
}

static void section_insights(struct strbuf *sb, const struct app_report *r)
{
	const struct app_progress *p = &r->progress;
	strbuf_addstr(sb, "<h2>What goes with less pain?</h2>\n<p class=\"small\">Each line compares the person's own "
			  "days. The 95 % confidence interval (CI) is the range the real value is likely in; when it "
			  "includes zero the data do not show a difference yet. These are associations, not proof of "
			  "cause.</p>\n<ul class=\"insights\">\n");
	report_comparison(sb, "Pain the day after a session day vs the day after a day without one", p->after,
			  "after session days");
	report_comparison(sb, "Pain the day after a massage (without a session) vs the day after a session",
			  p->massage, "after massage days");
	report_correlation(sb, "stress", p->stress, "stress");
	report_correlation(sb, "hours at the desk", p->desk, "desk hours");
	strbuf_addstr(sb, "</ul>\n");
}

/* The notes of the last 8 weeks, oldest first; at most APP_REPORT_NOTES, the newest. */
static void section_notes(struct strbuf *sb, const struct app_report *r)
{
	strbuf_addstr(sb, "<h2>Notes, last 8 weeks</h2>\n");
	if (!r->notes_total) {
		strbuf_addstr(sb, "<p>No notes.</p>\n");
		return;
	}
	if (r->notes_total > APP_REPORT_NOTES)
		strbuf_addf(sb, "<p class=\"small\">The %d most recent of %zu notes.</p>\n", APP_REPORT_NOTES,
			    r->notes_total);
	strbuf_addstr(sb, "<table>\n<tr><th>Date</th><th>Note</th></tr>\n");
	for (size_t i = 0; i < r->n_notes; i++) {
		strbuf_addf(sb, "<tr><td>%s</td><td class=\"note\">", r->notes[i].date);
		markup_escape(sb, r->notes[i].text);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	strbuf_addstr(sb, "</table>\n");
}

void format_report_html(const struct app_report *r, const char *version, struct strbuf *sb)
{
	section_head(sb, r, version);
	section_change(sb, r);
	section_trends(sb, r);
	section_relief(sb, r);
	section_adherence(sb, r);
	report_exercises(sb, r);
	section_psfs(sb, r);
	section_insights(sb, r);
	report_safety(sb, r);
	section_notes(sb, r);
	strbuf_addstr(sb, "<p class=\"small\">Made with unhunch, a self-care coach for desk-work neck, upper-back and "
			  "shoulder pain. A self-care record, not a diagnosis.</p>\n</body>\n</html>\n");
}
