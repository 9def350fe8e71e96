/* cmd-progress.c: `unhunch progress`: trends, change from baseline with the
 * clinically meaningful change verdict, lasting relief, adherence, headache days and
 * honest insights (never a claim without its interval). */
#include "cli.h"
#include "core/mem.h"
#include "core/plan.h"
#include "core/stats.h"
#include "core/strbuf.h"
#include "days.h"
#include "store/store.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define TREND_DAYS 56 /* eight weeks */

static double value_of(const struct day *d, int region)
{
	return region < 0 ? d->pain : d->region[region];
}

/* The mean of one series over days [from, to]. */
static double mean_of(const struct day *d, size_t n, int region, int from, int to)
{
	double s = 0;
	int c = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i].day >= from && d[i].day <= to && value_of(&d[i], region) >= 0)
			s += value_of(&d[i], region), c++;
	return c ? s / c : STATS_NO_VALUE;
}

/* One series in TREND_DAYS marks over the window: each the mean of its days. */
static void series(const struct day *d, size_t n, const struct trend_window *w, int region, double *out)
{
	for (int k = 0; k < TREND_DAYS; k++) {
		int from = w->from + k * w->days_per_mark;
		out[k] = mean_of(d, n, region, from, from + w->days_per_mark - 1);
	}
}

struct psfs_change {
	const char *name;
	int first, last;       /* scores; -1 when none */
	char first_date[11], last_date[11];
};

static size_t psfs_changes(const struct psfs_activity *a, size_t na, const struct psfs_rating *r, size_t nr,
			   struct psfs_change *out)
{
	for (size_t i = 0; i < na; i++) {
		out[i] = (struct psfs_change){ a[i].name, -1, -1, "", "" };
		for (size_t k = 0; k < nr; k++) { /* ratings come by date */
			if (r[k].activity_id != a[i].id)
				continue;
			if (out[i].first < 0) {
				out[i].first = r[k].score;
				memcpy(out[i].first_date, r[k].date, sizeof(out[i].first_date));
			}
			out[i].last = r[k].score;
			memcpy(out[i].last_date, r[k].date, sizeof(out[i].last_date));
		}
	}
	return na;
}

static void cmp_text(const struct comparison *c, const char *a, const char *b, struct strbuf *out)
{
	if (!c->enough) {
		strbuf_addf(out, "not enough data yet (n = %d and %d; 14 days in each are needed)", c->n1, c->n2);
		return;
	}
	strbuf_addf(out, "%s %.1f vs %s %.1f: difference %+.1f (95 %% CI %+.1f to %+.1f), n = %d and %d", a, c->mean1,
		    b, c->mean2, c->diff, c->lo, c->hi, c->n1, c->n2);
	if (c->lo > 0 || c->hi < 0)
		strbuf_addstr(out, "; the interval leaves out 0");
	else
		strbuf_addstr(out, "; the interval includes 0, so no clear difference yet");
}

static void cor_text(const struct correlation *c, const char *x, struct strbuf *out)
{
	if (!c->enough && c->n >= 14) {
		strbuf_addf(out, "nothing to compare yet: the same %s%s every day (n = %d days)", c->x_varies ? "pain" : x,
			    !c->x_varies && !c->pain_varies ? " and pain" : "", c->n);
		return;
	}
	if (!c->enough) {
		strbuf_addf(out, "not enough data yet (n = %d; 14 days with both are needed)", c->n);
		return;
	}
	strbuf_addf(out, "r = %+.2f (95 %% CI %+.2f to %+.2f), n = %d", c->r, c->lo, c->hi, c->n);
}

static json_t *num(double v)
{
	return v < 0 ? json_null() : json_real((double)(int)(v * 100 + 0.5) / 100);
}

static json_t *cmp_json(const struct comparison *c)
{
	json_t *o = json_pack("{s:b, s:i, s:i}", "enough", c->enough, "n1", c->n1, "n2", c->n2);
	if (c->enough) {
		json_object_set_new(o, "mean1", json_real(c->mean1));
		json_object_set_new(o, "mean2", json_real(c->mean2));
		json_object_set_new(o, "difference", json_real(c->diff));
		json_object_set_new(o, "ci95", json_pack("[f, f]", c->lo, c->hi));
	}
	return o;
}

static json_t *cor_json(const struct correlation *c)
{
	json_t *o = json_pack("{s:b, s:i, s:b, s:b}", "enough", c->enough, "n", c->n, "x_varies", c->x_varies,
			      "pain_varies", c->pain_varies);
	if (c->enough) {
		json_object_set_new(o, "r", json_real(c->r));
		json_object_set_new(o, "ci95", json_pack("[f, f]", c->lo, c->hi));
	}
	return o;
}

struct report {
	int today;
	struct trend_window win;
	double trend[1 + REG__COUNT][TREND_DAYS];
	double mean7[1 + REG__COUNT]; /* the latest 7 days of the window */
	struct change ch;
	struct course course;
	struct relief rl;
	struct adherence ad;
	struct comparison after, massage;
	struct correlation stress, desk;
	struct psfs_change psfs[8];
	size_t n_psfs;
	size_t n_days;
};

/* The change from the first week, always with the weeks it compares. */
static void print_change(const struct change *c)
{
	char a[11], b[11], x[11], y[11];
	printf("\nChange from your first week: ");
	if (c->first_day < 0) {
		printf("not enough data yet (no pain ratings)\n");
		return;
	}
	day_format(c->baseline_from, a);
	day_format(c->baseline_to, b);
	day_format(c->current_from, x);
	day_format(c->current_to, y);
	if (!c->enough) {
		char f[11], l[11];
		day_format(c->first_day, f);
		day_format(c->last_day, l);
		int span = c->last_day - c->first_day + 1;
		printf("not enough data yet (your ratings span %d day%s, %s to %s; a first week and a later week "
		       "that does not overlap it are needed, so 14 days)\n", span, span == 1 ? "" : "s", f, l);
		return;
	}
	printf("%.1f then, %.1f %s: %s %.1f points (%.0f %%)\n", c->baseline, c->current,
	       c->recent ? "now" : "in your latest week", c->drop >= 0 ? "down" : "up", c->drop >= 0 ? c->drop : -c->drop,
	       c->drop_pct >= 0 ? c->drop_pct : -c->drop_pct);
	printf("  First week %s to %s (n = %d day%s); %s %s to %s (n = %d day%s).\n", a, b, c->n_baseline,
	       c->n_baseline == 1 ? "" : "s", c->recent ? "last 7 days" : "latest week with ratings", x, y,
	       c->n_current, c->n_current == 1 ? "" : "s");
	if (!c->recent) {
		char l[11];
		day_format(c->last_day, l);
		printf("  No pain rating since %s.\n", l);
	}
	printf("  %s\n", c->meaningful ? "A clinically meaningful improvement (at least 2 points and 30 %)."
				       : "Not yet a clinically meaningful improvement (that takes at least 2 points and "
					 "30 %).");
}

static void print_text(const struct report *r)
{
	struct strbuf sb = STRBUF_INIT;
	char spark[TREND_DAYS * 3 + 1];
	if (!r->n_days) {
		printf("No check-ins or sessions yet. Record how you are with 'unhunch checkin'.\n");
		return;
	}
	static const char *const label[1 + REG__COUNT] = {
		"overall", "neck", "between blades", "upper back", "left shoulder", "right shoulder", "chest",
	};
	if (r->win.recent) {
		printf("Pain, last 8 weeks, one mark a day (0 to 10)                      7-day mean\n");
	} else {
		/* no ratings in the last 8 weeks: the span there is, so the trend is not blank */
		char from[11], to[11];
		day_format(r->win.from, from);
		day_format(r->win.to, to);
		printf("Pain from %s to %s (none since), one mark %s (0 to 10)   latest 7-day mean\n", from, to,
		       r->win.days_per_mark == 1 ? "a day" : "per few days");
		if (r->win.days_per_mark > 1)
			printf("  (each mark is the mean of %d days)\n", r->win.days_per_mark);
	}
	for (int k = 0; k <= REG__COUNT; k++) {
		stats_sparkline(r->trend[k], TREND_DAYS, spark, sizeof(spark));
		double m = r->mean7[k];
		char mean[16] = "-";
		if (m >= 0)
			snprintf(mean, sizeof(mean), "%.1f", m);
		printf(" %-14s %s %4s\n", label[k], spark, mean);
	}
	print_change(&r->ch);
	struct strbuf advice = STRBUF_INIT;
	plan_course_advice(&r->course, &advice);
	if (advice.len)
		print_wrapped(stdout, "  ", "  ", advice.buf, 78);
	strbuf_release(&advice);
	if (r->n_psfs) {
		printf("\nActivities (0 = not at all, 10 = as before the pain):\n");
		for (size_t i = 0; i < r->n_psfs; i++) {
			const struct psfs_change *p = &r->psfs[i];
			const char *name = text_shown(&sb, p->name);
			if (p->first < 0)
				printf("  %-30s not rated yet\n", name);
			else
				printf("  %-30s %d (%s) -> %d (%s)%s\n", name, p->first, p->first_date, p->last,
				       p->last_date, p->last - p->first >= 2 ? ": a meaningful gain" : "");
		}
		strbuf_reset(&sb);
	}
	printf("\nLasting relief, last 28 days: ");
	if (r->rl.days_with_data)
		printf("%d of %d days with pain 2 or less (%.0f %%)\n", r->rl.days_low, r->rl.days_with_data,
		       r->rl.share_low * 100);
	else if (r->ch.last_day >= 0) {
		char l[11];
		day_format(r->ch.last_day, l);
		printf("no pain ratings (the last was on %s)\n", l);
	} else
		printf("no check-ins\n");
	if (r->rl.first_improved_day >= 0) {
		char d[11];
		day_format(r->rl.first_improved_day, d);
		printf("  First meaningful improvement: %s; flare-ups since: %d\n", d, r->rl.flare_ups);
	}
	printf("Sessions: %.1f a week over the last 4 weeks; streak: %d day%s\n", r->ad.sessions_per_week,
	       r->ad.streak_days, r->ad.streak_days == 1 ? "" : "s");
	printf("Headache days: %.1f a week over the last 4 weeks\n", r->ad.headache_days_per_week);
	printf("\nInsights (only with 14 days or more in each group):\n");
	cmp_text(&r->after, "after session days", "after rest days", &sb);
	print_wrapped(stdout, "  Next-day pain, session days vs rest days: ", "    ", sb.buf, 78);
	strbuf_reset(&sb);
	cmp_text(&r->massage, "after massage only", "after the routine", &sb);
	print_wrapped(stdout, "  Next-day pain, massage-only days vs routine days: ", "    ", sb.buf, 78);
	strbuf_reset(&sb);
	cor_text(&r->stress, "stress", &sb);
	print_wrapped(stdout, "  Pain and stress: ", "    ", sb.buf, 78);
	strbuf_reset(&sb);
	cor_text(&r->desk, "desk hours", &sb);
	print_wrapped(stdout, "  Pain and desk hours: ", "    ", sb.buf, 78);
	strbuf_release(&sb);
}

static void print_json(const struct report *r)
{
	json_t *o = json_object();
	char d[11];
	day_format(r->today, d);
	json_object_set_new(o, "today", json_string(d));
	json_t *trend = json_object();
	char from[11], to[11];
	day_format(r->win.from, from);
	day_format(r->win.to, to);
	json_object_set_new(trend, "from", json_string(from));
	json_object_set_new(trend, "to", json_string(to));
	json_object_set_new(trend, "days_per_mark", json_integer(r->win.days_per_mark));
	for (int k = 0; k <= REG__COUNT; k++) {
		json_t *a = json_array();
		for (int i = 0; i < TREND_DAYS; i++)
			json_array_append_new(a, num(r->trend[k][i]));
		json_t *t = json_pack("{s:o, s:o}", "mean_7_days", num(r->mean7[k]), "daily", a);
		json_object_set_new(trend, k ? region_names[k - 1] : "overall", t);
	}
	json_object_set_new(o, "pain_trend", trend);
	json_t *ch = json_pack("{s:b, s:o, s:o, s:o, s:o, s:b, s:b}", "enough", r->ch.enough, "baseline",
			       num(r->ch.enough ? r->ch.baseline : -1), "current", num(r->ch.enough ? r->ch.current : -1),
			       "drop", r->ch.enough ? json_real(r->ch.drop) : json_null(), "drop_pct",
			       r->ch.enough ? json_real(r->ch.drop_pct) : json_null(), "meaningful", r->ch.meaningful,
			       "recent", r->ch.recent);
	if (r->ch.first_day >= 0) {
		char a[11], b[11], x[11], y[11];
		day_format(r->ch.baseline_from, a);
		day_format(r->ch.baseline_to, b);
		day_format(r->ch.current_from, x);
		day_format(r->ch.current_to, y);
		json_object_set_new(ch, "first_week", json_pack("[s, s]", a, b));
		json_object_set_new(ch, "latest_week", json_pack("[s, s]", x, y));
	}
	json_object_set_new(o, "change", ch);
	json_t *p = json_array();
	for (size_t i = 0; i < r->n_psfs; i++)
		json_array_append_new(p, json_pack("{s:s, s:o, s:o, s:b}", "activity", r->psfs[i].name, "first",
						   r->psfs[i].first < 0 ? json_null() : json_integer(r->psfs[i].first),
						   "last", r->psfs[i].last < 0 ? json_null() : json_integer(r->psfs[i].last),
						   "meaningful", r->psfs[i].first >= 0 && r->psfs[i].last - r->psfs[i].first >= 2));
	json_object_set_new(o, "psfs", p);
	{
		static const char *const states[] = { "early", "improving", "so-far", "not-improving", "worse" };
		struct strbuf advice = STRBUF_INIT;
		plan_course_advice(&r->course, &advice);
		json_object_set_new(o, "course", json_pack("{s:s, s:b, s:s?}", "state", states[r->course.state],
							   "see_clinician", r->course.see_clinician, "advice",
							   advice.len ? advice.buf : NULL));
		strbuf_release(&advice);
	}
	json_object_set_new(o, "relief", json_pack("{s:i, s:i, s:o, s:i}", "days_with_data", r->rl.days_with_data,
						   "days_low", r->rl.days_low, "share_low",
						   r->rl.share_low < 0 ? json_null() : json_real(r->rl.share_low),
						   "flare_ups", r->rl.flare_ups));
	json_object_set_new(o, "adherence", json_pack("{s:f, s:i, s:f}", "sessions_per_week", r->ad.sessions_per_week,
						      "streak_days", r->ad.streak_days, "headache_days_per_week",
						      r->ad.headache_days_per_week));
	json_object_set_new(o, "insights", json_pack("{s:o, s:o, s:o, s:o}", "after_sessions", cmp_json(&r->after),
						     "massage_vs_routine", cmp_json(&r->massage), "pain_vs_stress",
						     cor_json(&r->stress), "pain_vs_desk_hours", cor_json(&r->desk)));
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	printf("%s\n", s);
	free(s);
	json_decref(o);
}

int cmd_progress(int argc, char **argv)
{
	const struct command *self = command_find("progress");
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else
			return usage_error(self, "unexpected argument '%s'", argv[i]);
	}
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	struct day *days = NULL;
	size_t n = 0, na = 0, nr = 0;
	struct psfs_activity *acts = NULL;
	struct psfs_rating *rates = NULL;
	struct report *r = xcalloc(1, sizeof(*r));
	int rc = EXIT_PROBLEM;
	char *path = store_path();
	if (store_open_readonly(&st, path, &err) || days_load(st, &days, &n, &err) ||
	    st->ops->psfs_activities(st, &acts, &na, &err) || st->ops->psfs_ratings(st, &rates, &nr, &err)) {
		fprintf(stderr, "unhunch progress: %s\n", strbuf_str(&err));
		goto out;
	}
	r->today = days_today();
	r->n_days = n;
	r->win = stats_trend_window(days, n, r->today, TREND_DAYS);
	for (int k = 0; k <= REG__COUNT; k++) {
		series(days, n, &r->win, k - 1, r->trend[k]);
		r->mean7[k] = mean_of(days, n, k - 1, r->win.to - 6, r->win.to);
	}
	r->ch = stats_change(days, n, r->today);
	r->course = stats_course(days, n, r->today);
	r->rl = stats_relief(days, n, r->today);
	r->ad = stats_adherence(days, n, r->today);
	r->after = stats_after_sessions(days, n);
	r->massage = stats_massage_vs_routine(days, n);
	r->stress = stats_pain_vs_stress(days, n);
	r->desk = stats_pain_vs_desk_hours(days, n);
	r->n_psfs = psfs_changes(acts, na < 8 ? na : 8, rates, nr, r->psfs);
	if (json)
		print_json(r);
	else
		print_text(r);
	rc = EXIT_OK;
out:
	free(path);
	free(days);
	free(rates);
	store_psfs_activities_free(acts, na);
	store_close(st);
	strbuf_release(&err);
	free(r);
	return rc;
}
