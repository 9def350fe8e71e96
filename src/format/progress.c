/* progress.c: `unhunch progress` as terminal text and as JSON (progress.h). */
#include "format/progress.h"
#include "format/wrap.h"
#include "core/plan.h"
#include "core/utf8.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

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

/* The change from the first week, always with the weeks it compares. */
static void change_text(const struct change *c, struct strbuf *out)
{
	char a[11], b[11], x[11], y[11];
	strbuf_addf(out, "\nChange from your first week: ");
	if (c->first_day < 0) {
		strbuf_addf(out, "not enough data yet (no pain ratings)\n");
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
		strbuf_addf(out, "not enough data yet (your ratings span %d day%s, %s to %s; a first week and a later week "
		       "that does not overlap it are needed, so 14 days)\n", span, span == 1 ? "" : "s", f, l);
		return;
	}
	strbuf_addf(out, "%.1f then, %.1f %s: %s %.1f points (%.0f %%)\n", c->baseline, c->current,
	       c->recent ? "now" : "in your latest week", c->drop >= 0 ? "down" : "up", c->drop >= 0 ? c->drop : -c->drop,
	       c->drop_pct >= 0 ? c->drop_pct : -c->drop_pct);
	strbuf_addf(out, "  First week %s to %s (n = %d day%s); %s %s to %s (n = %d day%s).\n", a, b, c->n_baseline,
	       c->n_baseline == 1 ? "" : "s", c->recent ? "last 7 days" : "latest week with ratings", x, y,
	       c->n_current, c->n_current == 1 ? "" : "s");
	if (!c->recent) {
		char l[11];
		day_format(c->last_day, l);
		strbuf_addf(out, "  No pain rating since %s.\n", l);
	}
	strbuf_addf(out, "  %s\n", c->meaningful ? "A clinically meaningful improvement (at least 2 points and 30 %)."
				       : "Not yet a clinically meaningful improvement (that takes at least 2 points and "
					 "30 %).");
}

void format_progress_text(const struct app_progress *r, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	char spark[APP_TREND_MARKS * 3 + 1];
	if (!r->n_days) {
		strbuf_addf(out, "No check-ins or sessions yet. Record how you are with 'unhunch checkin'.\n");
		return;
	}
	static const char *const label[1 + REG__COUNT] = {
		"overall", "neck", "between blades", "upper back", "left shoulder", "right shoulder", "chest",
	};
	if (r->win.recent) {
		strbuf_addf(out, "Pain, last 8 weeks, one mark a day (0 to 10)                      7-day mean\n");
	} else {
		/* no ratings in the last 8 weeks: the span there is, so the trend is not blank */
		char from[11], to[11];
		day_format(r->win.from, from);
		day_format(r->win.to, to);
		strbuf_addf(out, "Pain from %s to %s (none since), one mark %s (0 to 10)   latest 7-day mean\n", from, to,
		       r->win.days_per_mark == 1 ? "a day" : "per few days");
		if (r->win.days_per_mark > 1)
			strbuf_addf(out, "  (each mark is the mean of %d days)\n", r->win.days_per_mark);
	}
	for (int k = 0; k <= REG__COUNT; k++) {
		stats_sparkline(r->trend[k], APP_TREND_MARKS, spark, sizeof(spark));
		double m = r->mean7[k];
		char mean[16] = "-";
		if (m >= 0)
			snprintf(mean, sizeof(mean), "%.1f", m);
		strbuf_addf(out, " %-14s %s %4s\n", label[k], spark, mean);
	}
	change_text(&r->ch, out);
	struct strbuf advice = STRBUF_INIT;
	struct reason course; /* the plan's reason, its numbers in the user's locale as the rest */
	reason_clear(&course);
	plan_course_reason(&r->course, &course);
	reason_write(&course, REASON_LOCALE, &advice);
	if (advice.len)
		format_wrapped(out, "  ", "  ", advice.buf, 78);
	strbuf_release(&advice);
	if (r->n_psfs) {
		strbuf_addf(out, "\nActivities (0 = not at all, 10 = as before the pain):\n");
		for (size_t i = 0; i < r->n_psfs; i++) {
			const struct app_psfs_change *p = &r->psfs[i];
			strbuf_reset(&sb);
			utf8_visible(&sb, p->name, false);
			const char *name = sb.buf;
			if (p->first < 0)
				strbuf_addf(out, "  %-30s not rated yet\n", name);
			else
				strbuf_addf(out, "  %-30s %d (%s) -> %d (%s)%s\n", name, p->first, p->first_date, p->last,
				       p->last_date, p->last - p->first >= 2 ? ": a meaningful gain" : "");
		}
		strbuf_reset(&sb);
	}
	strbuf_addf(out, "\nLasting relief, last 28 days: ");
	if (r->rl.days_with_data)
		strbuf_addf(out, "%d of %d days with pain 2 or less (%.0f %%)\n", r->rl.days_low, r->rl.days_with_data,
		       r->rl.share_low * 100);
	else if (r->ch.last_day >= 0) {
		char l[11];
		day_format(r->ch.last_day, l);
		strbuf_addf(out, "no pain ratings (the last was on %s)\n", l);
	} else
		strbuf_addf(out, "no check-ins\n");
	if (r->rl.first_improved_day >= 0) {
		char d[11];
		day_format(r->rl.first_improved_day, d);
		strbuf_addf(out, "  First meaningful improvement: %s; flare-ups since: %d\n", d, r->rl.flare_ups);
	}
	strbuf_addf(out, "Sessions: %.1f a week over the last 4 weeks; streak: %d day%s\n", r->ad.sessions_per_week,
	       r->ad.streak_days, r->ad.streak_days == 1 ? "" : "s");
	strbuf_addf(out, "Headache days: %.1f a week over the last 4 weeks\n", r->ad.headache_days_per_week);
	strbuf_addf(out, "\nInsights (only with 14 days or more in each group):\n");
	cmp_text(&r->after, "after session days", "after rest days", &sb);
	format_wrapped(out, "  Next-day pain, session days vs rest days: ", "    ", sb.buf, 78);
	strbuf_reset(&sb);
	cmp_text(&r->massage, "after massage only", "after the routine", &sb);
	format_wrapped(out, "  Next-day pain, massage-only days vs routine days: ", "    ", sb.buf, 78);
	strbuf_reset(&sb);
	cor_text(&r->stress, "stress", &sb);
	format_wrapped(out, "  Pain and stress: ", "    ", sb.buf, 78);
	strbuf_reset(&sb);
	cor_text(&r->desk, "desk hours", &sb);
	format_wrapped(out, "  Pain and desk hours: ", "    ", sb.buf, 78);
	strbuf_release(&sb);
}

void format_progress_json(const struct app_progress *r, struct strbuf *out)
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
		for (int i = 0; i < APP_TREND_MARKS; i++)
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
	strbuf_addf(out, "%s\n", s ? s : "{}");
	free(s);
	json_decref(o);
}
