/* cmd-report.c: `unhunch report -o FILE`: one self-contained HTML page (inline CSS and
 * SVG, no scripts, no web addresses) that a user can show a therapist: pain by region,
 * change from the first week, lasting relief, adherence, headaches, PSFS activities,
 * insights with their intervals, and the safety screen. The page is written with
 * outfile_write, so a crash never leaves half a report under the chosen name. */
#include "cli.h"
#include "core/mem.h"
#include "core/plan.h"
#include "core/stats.h"
#include "days.h"
#include "format/outfile.h"
#include "report-svg.h"
#include "store/store.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WEEKS 8
#define SPAN (WEEKS * 7)
#define MAX_NOTES 30

static const char *const region_label[REG__COUNT] = { "Neck", "Between the shoulder blades", "Upper back",
						       "Left shoulder", "Right shoulder", "Chest" };

/* Everything the report shows, read from the store once. */
struct report {
	int today;
	int64_t now_ms;
	struct checkin *c;
	size_t nc;
	struct session_row *s;
	size_t ns;
	struct day *days;
	size_t nd;
	struct psfs_activity *act;
	size_t nact;
	struct psfs_rating *rat;
	size_t nrat;
	struct screening_row scr;
	bool screened;
	struct clearance_row *clr;
	size_t nclr;
	struct catalog cat; /* for the pictures of the exercises done */
};

static int report_load(struct store *st, struct report *r, struct strbuf *err)
{
	const struct store_ops *o = st->ops;
	if (o->checkins_list(st, &r->c, &r->nc, err) || o->sessions_list(st, &r->s, &r->ns, err) ||
	    o->psfs_activities(st, &r->act, &r->nact, err) || o->psfs_ratings(st, &r->rat, &r->nrat, err) ||
	    o->screening_latest(st, &r->scr, &r->screened, err) || o->clearances_list(st, &r->clr, &r->nclr, err))
		return -1;
	days_fold(r->c, r->nc, r->s, r->ns, &r->days, &r->nd);
	return 0;
}

static void report_release(struct report *r)
{
	store_checkins_free(r->c, r->nc);
	store_sessions_free(r->s, r->ns);
	free(r->days);
	store_psfs_activities_free(r->act, r->nact);
	free(r->rat);
	if (r->screened)
		screening_row_release(&r->scr);
	store_clearances_free(r->clr, r->nclr);
	catalog_free(&r->cat);
}

static void section_head(struct strbuf *sb, const struct report *r)
{
	char made[32];
	time_t t = (time_t)(r->now_ms / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(made, sizeof(made), "%Y-%m-%d %H:%M", &tm);
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			  "<title>Self-care record: neck, upper back and shoulders</title>\n");
	report_style(sb);
	strbuf_addf(sb, "</head>\n<body>\n<h1>Self-care record: neck, upper back and shoulders</h1>\n"
			"<p class=\"meta\">Made with unhunch %s on %s.", UNHUNCH_VERSION, made);
	int checkin_days = 0;
	size_t guided = app_sessions_counted(r->s, r->ns);
	for (size_t i = 0; i < r->nd; i++)
		checkin_days += r->days[i].pain >= 0;
	if (r->nd) {
		strbuf_addstr(sb, " Records from ");
		report_day(r->days[0].day, sb);
		strbuf_addstr(sb, " to ");
		report_day(r->days[r->nd - 1].day, sb);
		strbuf_addf(sb, ": %d day%s with a pain rating, %zu guided session%s.", checkin_days,
			    checkin_days == 1 ? "" : "s", guided, guided == 1 ? "" : "s");
		if (r->days[0].day < r->today - SPAN + 1) {
			/* older records than the tables show: say where the tables begin */
			strbuf_addstr(sb, " The charts and tables below cover the last 8 weeks, from ");
			report_day(r->today - SPAN + 1, sb);
			strbuf_addstr(sb, ".");
		}
	}
	strbuf_addstr(sb, "</p>\n<p class=\"notice\"><strong>This is a self-care record, not a diagnosis.</strong> "
			  "The person who kept it rated their own pain (0 = none, 10 = the worst imaginable) and "
			  "logged their own exercise sessions. The numbers describe their days; they do not say what "
			  "causes the pain. Please weigh them against your own examination.</p>\n");
	if (!r->nd)
		strbuf_addstr(sb, "<p class=\"empty\"><strong>No data yet.</strong> There are no check-ins or "
				  "sessions on record. Record how you feel with <code>unhunch checkin</code> and do a "
				  "session with <code>unhunch start</code>; the next report will show the trends.</p>\n");
}

/* A mean pain over [from, to] with the dates and the number of days it rests on. */
static void card(struct strbuf *sb, const struct report *r, double v, const char *what, int from, int to)
{
	int n = 0;
	for (size_t i = stats_day_index(r->days, r->nd, from); i < r->nd && r->days[i].day <= to; i++)
		n += r->days[i].pain >= 0;
	strbuf_addstr(sb, "<div class=\"card\"><b>");
	if (v >= 0)
		report_num(sb, v);
	else
		strbuf_addstr(sb, "&ndash;");
	strbuf_addf(sb, "</b><span>%s<br>", what);
	if (v >= 0) {
		report_day(from, sb);
		strbuf_addstr(sb, " to ");
		report_day(to, sb);
		strbuf_addf(sb, ", n = %d day%s", n, n == 1 ? "" : "s");
	} else {
		strbuf_addstr(sb, "no rating yet");
	}
	strbuf_addstr(sb, "</span></div>\n");
}

static void section_change(struct strbuf *sb, const struct report *r)
{
	struct change c = stats_change(r->days, r->nd, r->today);
	strbuf_addstr(sb, "<h2>Pain at the start and now</h2>\n<div class=\"cards\">\n");
	card(sb, r, c.first_day >= 0 ? c.baseline : STATS_NO_VALUE, "mean pain in the first week", c.baseline_from,
	     c.baseline_to);
	card(sb, r, c.first_day >= 0 ? c.current : STATS_NO_VALUE,
	     c.recent || c.first_day < 0 ? "mean pain in the last 7 days" : "mean pain in the latest week with ratings",
	     c.current_from, c.current_to);
	if (c.enough) {
		strbuf_addstr(sb, "<div class=\"card\"><b>");
		report_num(sb, fabs(c.drop));
		strbuf_addf(sb, " points</b><span>%s than in the first week<br>%s of %.0f %%</span></div>\n",
			    c.drop >= 0 ? "lower" : "higher", c.drop >= 0 ? "a drop" : "a rise", fabs(c.drop_pct));
	}
	strbuf_addstr(sb, "</div>\n<p>");
	if (c.first_day < 0) {
		strbuf_addstr(sb, "<span class=\"verdict none\">Not enough data yet (n = 0 days with a pain rating).</span>");
	} else if (!c.enough) {
		strbuf_addf(sb, "<span class=\"verdict none\">Too early to compare: the ratings span %d day%s (", 
			    c.last_day - c.first_day + 1, c.last_day == c.first_day ? "" : "s");
		report_day(c.first_day, sb);
		strbuf_addstr(sb, " to ");
		report_day(c.last_day, sb);
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
		report_day(c.last_day, sb);
		strbuf_addstr(sb, ".</span>");
	}
	strbuf_addstr(sb, "</p>\n");
	struct course k = stats_course(r->days, r->nd, r->today);
	struct strbuf advice = STRBUF_INIT;
	plan_course_advice(&k, &advice);
	if (advice.len) {
		strbuf_addstr(sb, "<p><span class=\"verdict bad\">");
		html_escape(sb, advice.buf);
		strbuf_addstr(sb, "</span></p>\n");
	}
	strbuf_release(&advice);
}

static void section_trends(struct strbuf *sb, const struct report *r)
{
	/* the last 8 weeks; when they hold no rating, the span that has them */
	struct trend_window w = stats_trend_window(r->days, r->nd, r->today, SPAN);
	int from = w.from, len = SPAN * w.days_per_mark;
	double *v = xcalloc((size_t)len, sizeof(*v)), base = stats_change(r->days, r->nd, r->today).baseline;
	if (w.recent) {
		strbuf_addstr(sb, "<h2>Pain by region, last 8 weeks</h2>\n");
	} else {
		strbuf_addstr(sb, "<h2>Pain by region, ");
		report_day(w.from, sb);
		strbuf_addstr(sb, " to ");
		report_day(w.to, sb);
		strbuf_addstr(sb, " (no ratings since)</h2>\n");
	}
	strbuf_addstr(sb, "<p class=\"small\">The mean of each day's "
			  "check-ins, 0 to 10. A gap is a day without a rating. Green band: little or no pain (2 or "
			  "less).</p>\n<div class=\"charts\">\n");
	struct strbuf unrated = STRBUF_INIT, ref = STRBUF_INIT;
	for (int k = -1; k < REG__COUNT; k++) {
		bool any = false;
		for (int i = 0; i < len; i++)
			v[i] = STATS_NO_VALUE;
		for (size_t i = stats_day_index(r->days, r->nd, from); i < r->nd && r->days[i].day < from + len; i++) {
			int d = r->days[i].day - from;
			v[d] = k < 0 ? r->days[i].pain : r->days[i].region[k];
			any |= v[d] >= 0;
		}
		if (k >= 0 && !any) {
			strbuf_addf(&unrated, "%s%s", unrated.len ? ", " : "", region_label[k]);
			continue;
		}
		const char *name = k < 0 ? "Pain overall" : region_label[k];
		strbuf_reset(&ref);
		if (k < 0 && base >= 0) {
			strbuf_addstr(&ref, "first week ");
			report_num(&ref, base);
		}
		strbuf_addf(sb, "<figure><h3>%s</h3>\n", name);
		svg_line_chart(sb, name, v, from, len, k < 0 ? base : STATS_NO_VALUE, strbuf_str(&ref));
		strbuf_addstr(sb, "</figure>\n");
	}
	strbuf_addstr(sb, "</div>\n");
	if (unrated.len)
		strbuf_addf(sb, "<p class=\"small\">Not rated in these %s: %s.</p>\n", w.recent ? "8 weeks" : "days",
			    unrated.buf);
	strbuf_release(&unrated);
	strbuf_release(&ref);
	free(v);
}

static void section_relief(struct strbuf *sb, const struct report *r)
{
	struct relief l = stats_relief(r->days, r->nd, r->today);
	strbuf_addstr(sb, "<h2>Does the relief last?</h2>\n<ul>\n<li>Days with little or no pain (2 or less) in the "
			  "last 28 days: ");
	if (l.days_with_data)
		strbuf_addf(sb, "<strong>%d of %d</strong> days with a rating (%.0f %%).", l.days_low, l.days_with_data,
			    l.share_low * 100);
	else
		strbuf_addstr(sb, "not enough data yet (n = 0 days with a rating).");
	strbuf_addstr(sb, "</li>\n<li>Flare-ups (a day at least 2 points above the mean of the 7 days before it): ");
	if (l.first_improved_day < 0) {
		strbuf_addstr(sb, "counted from the first clinically meaningful improvement, which has not happened yet.");
	} else {
		strbuf_addf(sb, "<strong>%d</strong> since the first clinically meaningful improvement (the week ending ",
			    l.flare_ups);
		report_day(l.first_improved_day, sb);
		strbuf_addstr(sb, ").");
	}
	strbuf_addstr(sb, "</li>\n</ul>\n");
}

static void section_adherence(struct strbuf *sb, const struct report *r)
{
	struct adherence a = stats_adherence(r->days, r->nd, r->today);
	int start[WEEKS], sess[WEEKS] = { 0 }, head[WEEKS] = { 0 }, from = r->today - SPAN + 1, rated = 0;
	bool any = false;
	for (int w = 0; w < WEEKS; w++)
		start[w] = from + 7 * w;
	for (size_t i = stats_day_index(r->days, r->nd, from); i < r->nd; i++) {
		int d = r->days[i].day - from;
		if (d >= SPAN)
			break;
		sess[d / 7] += r->days[i].session;
		head[d / 7] += r->days[i].headache >= 1;
		rated += d >= SPAN - 28 && r->days[i].headache >= 0;
		any |= r->days[i].session || r->days[i].headache >= 0;
	}
	strbuf_addstr(sb, "<h2>Sessions and headaches</h2>\n<ul>\n<li>Guided sessions: ");
	if (app_sessions_counted(r->s, r->ns)) {
		strbuf_addstr(sb, "on <strong>");
		report_num(sb, a.sessions_per_week);
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
	if (rated) {
		strbuf_addstr(sb, "<strong>");
		report_num(sb, a.headache_days_per_week);
		strbuf_addf(sb, "</strong> a week over the last 4 weeks (n = %d days with a headache rating).", rated);
	} else {
		strbuf_addstr(sb, "not enough data yet (n = 0 days with a headache rating in the last 4 weeks).");
	}
	strbuf_addstr(sb, "</li>\n</ul>\n");
	if (!any)
		return;
	strbuf_addstr(sb, "<div class=\"charts\"><figure><h3>Per week, last 8 weeks (week starting)</h3>\n");
	struct bar_series s[2] = { { "days with a session", "b1", sess }, { "days with a headache", "b2", head } };
	svg_week_bars(sb, "Days with a session and days with a headache, per week", start, WEEKS, s, 2, 7);
	strbuf_addstr(sb, "</figure></div>\n");
}

static void section_psfs(struct strbuf *sb, const struct report *r)
{
	strbuf_addstr(sb, "<h2>Everyday activities (Patient-Specific Functional Scale)</h2>\n");
	if (!r->nact) {
		strbuf_addstr(sb, "<p>No activities chosen yet.</p>\n");
		return;
	}
	strbuf_addstr(sb, "<p class=\"small\">Activities the person finds hard because of the pain, rated 0 (unable to "
			  "do it) to 10 (able to do it as before the problem).</p>\n<table>\n<tr><th>Activity</th>"
			  "<th>First rating</th><th>Latest rating</th><th>Change</th><th>Ratings</th></tr>\n");
	for (size_t i = 0; i < r->nact; i++) {
		const struct psfs_rating *first = NULL, *last = NULL;
		int count = 0;
		for (size_t j = 0; j < r->nrat; j++) { /* ratings come sorted by date */
			if (r->rat[j].activity_id != r->act[i].id)
				continue;
			if (!first)
				first = &r->rat[j];
			last = &r->rat[j];
			count++;
		}
		strbuf_addstr(sb, "<tr><td>");
		html_escape(sb, r->act[i].name);
		if (!first) {
			strbuf_addstr(sb, "</td><td>&ndash;</td><td>&ndash;</td><td>&ndash;</td><td class=\"num\">0</td></tr>\n");
			continue;
		}
		strbuf_addf(sb, "</td><td>%d (%s)</td><td>%d (%s)</td><td class=\"num\">%+d</td><td class=\"num\">%d</td></tr>\n",
			    first->score, first->date, last->score, last->date, last->score - first->score, count);
	}
	strbuf_addstr(sb, "</table>\n");
}

static void section_insights(struct strbuf *sb, const struct report *r)
{
	strbuf_addstr(sb, "<h2>What goes with less pain?</h2>\n<p class=\"small\">Each line compares the person's own "
			  "days. The 95 % confidence interval (CI) is the range the real value is likely in; when it "
			  "includes zero the data do not show a difference yet. These are associations, not proof of "
			  "cause.</p>\n<ul class=\"insights\">\n");
	report_comparison(sb, "Pain the day after a session day vs the day after a day without one",
			stats_after_sessions(r->days, r->nd), "after session days");
	report_comparison(sb, "Pain the day after a massage (without a session) vs the day after a session",
			stats_massage_vs_routine(r->days, r->nd), "after massage days");
	report_correlation(sb, "stress", stats_pain_vs_stress(r->days, r->nd), "stress");
	report_correlation(sb, "hours at the desk", stats_pain_vs_desk_hours(r->days, r->nd), "desk hours");
	strbuf_addstr(sb, "</ul>\n");
}

static void section_safety(struct strbuf *sb, const struct report *r)
{
	const struct clearance_row *cl = NULL;
	for (size_t i = 0; r->screened && i < r->nclr; i++)
		if (r->clr[i].screening_id == r->scr.id)
			cl = &r->clr[i];
	report_safety(sb, r->screened ? &r->scr : NULL, cl, r->now_ms);
}

static bool has_note(const struct checkin *c)
{
	return c->note && *c->note;
}

/* The notes of the last 8 weeks, oldest first; at most MAX_NOTES, the newest. */
static void section_notes(struct strbuf *sb, const struct report *r)
{
	char from[11];
	day_format(r->today - SPAN + 1, from);
	size_t total = 0, first = r->nc;
	for (size_t i = r->nc; i > 0 && strcmp(r->c[i - 1].date, from) >= 0; i--)
		if (has_note(&r->c[i - 1]) && ++total <= MAX_NOTES)
			first = i - 1;
	strbuf_addstr(sb, "<h2>Notes, last 8 weeks</h2>\n");
	if (!total) {
		strbuf_addstr(sb, "<p>No notes.</p>\n");
		return;
	}
	if (total > MAX_NOTES)
		strbuf_addf(sb, "<p class=\"small\">The %d most recent of %zu notes.</p>\n", MAX_NOTES, total);
	strbuf_addstr(sb, "<table>\n<tr><th>Date</th><th>Note</th></tr>\n");
	for (size_t i = first; i < r->nc; i++) {
		if (!has_note(&r->c[i]))
			continue;
		strbuf_addf(sb, "<tr><td>%s</td><td class=\"note\">", r->c[i].date);
		html_escape(sb, r->c[i].note);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	strbuf_addstr(sb, "</table>\n");
}

static void report_html(struct strbuf *sb, const struct report *r)
{
	section_head(sb, r);
	section_change(sb, r);
	section_trends(sb, r);
	section_relief(sb, r);
	section_adherence(sb, r);
	report_exercises(sb, &r->cat, r->s, r->ns);
	section_psfs(sb, r);
	section_insights(sb, r);
	section_safety(sb, r);
	section_notes(sb, r);
	strbuf_addstr(sb, "<p class=\"small\">Made with unhunch, a self-care coach for desk-work neck, upper-back and "
			  "shoulder pain. A self-care record, not a diagnosis.</p>\n</body>\n</html>\n");
}

int cmd_report(int argc, char **argv)
{
	const struct command *self = command_find("report");
	const char *out = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (++i == argc)
				return usage_error(self, "%s needs a file name", a);
			out = argv[i];
		} else if (!strncmp(a, "--output=", 9)) {
			out = a + 9;
		} else {
			return usage_error(self, "unexpected argument '%s'", a);
		}
	}
	if (!out)
		return usage_error(self, "say where to write the report: -o FILE");
	if (!*out)
		return usage_error(self, "the file name after -o is empty");
	struct strbuf err = STRBUF_INIT, html = STRBUF_INIT;
	struct store *st = NULL;
	struct report r = { .today = days_today(), .now_ms = wall_ms() };
	int rc = EXIT_PROBLEM;
	char *path = store_path();
	if (store_open_readonly(&st, path, &err) || report_load(st, &r, &err)) {
		fprintf(stderr, "unhunch report: %s\n", strbuf_str(&err));
		goto done;
	}
	content_load_all(&r.cat);
	report_html(&html, &r);
	if (outfile_write(out, html.buf, html.len, &err)) {
		fprintf(stderr, "unhunch report: %s\n", strbuf_str(&err));
		goto done;
	}
	printf("Report written to %s. Open it in a browser, print it, or send it to your therapist.\n", out);
	rc = EXIT_OK;
done:
	report_release(&r);
	free(path);
	store_close(st);
	strbuf_release(&html);
	strbuf_release(&err);
	return rc;
}
