/* routes-progress.c: Progress in the browser: GET /api/v1/progress (the same use case
 * and JSON as `unhunch progress --json`) and the page /progress: the charts of
 * `unhunch report` (format/chart-svg.c, inline SVG), the change from the first week with
 * its verdict, lasting relief, sessions per week against the plan, and the insights
 * with their intervals (the report's sentences); an empty state for a new user. */
#include "http/handler.h"
#include "http/progress-view.h"
#include "app/progress.h"
#include "core/plan.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/chart-svg.h"
#include "core/cnum.h"
#include "format/progress.h"
#include "format/report-parts.h"
#include <stdio.h>
#include <string.h>

void api_progress(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_progress p;
	if (app_progress(&ctx, &p, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
	} else {
		format_progress_json(&p, &out);
		json_t *v = json_loads(strbuf_str(&out), 0, NULL);
		reply_json(rq, 200, v ? v : json_object());
	}
	app_progress_release(&p);
	strbuf_release(&out);
	strbuf_release(&err);
}

/* A new piece; its number goes into the page's data. */
static struct strbuf *piece(struct pieces *pc, json_int_t *index)
{
	*index = (json_int_t)pc->n;
	strbuf_init(&pc->sb[pc->n]);
	return &pc->sb[pc->n++];
}

static json_t *num(double v)
{
	struct strbuf sb = STRBUF_INIT;
	chart_num(&sb, v);
	json_t *s = json_string(sb.buf);
	strbuf_release(&sb);
	return s;
}

/* "n = 1 day", "n = 7 days" */
static json_t *days_n(const char *before, int n)
{
	char s[48];
	snprintf(s, sizeof(s), "%s%d day%s", before, n, n == 1 ? "" : "s");
	return json_string(s);
}

static json_t *day(int d)
{
	char s[11];
	day_format(d, s);
	return json_string(s);
}

/* The change from the first week: the two means with their dates and n, the drop, and
 * which verdict it is. */
static json_t *change_view(const struct app_progress *p)
{
	const struct change *c = &p->ch;
	json_t *o = json_object();
	if (c->first_day < 0) {
		json_object_set_new(o, "none", json_true());
		return o;
	}
	json_object_set_new(o, "rated", json_true());
	json_object_set_new(o, "baseline", num(c->baseline));
	json_object_set_new(o, "baseline_from", day(c->baseline_from));
	json_object_set_new(o, "baseline_to", day(c->baseline_to));
	json_object_set_new(o, "n_baseline", days_n("n = ", c->n_baseline));
	json_object_set_new(o, "current", num(c->current));
	json_object_set_new(o, "current_from", day(c->current_from));
	json_object_set_new(o, "current_to", day(c->current_to));
	json_object_set_new(o, "n_current", days_n("n = ", c->n_current));
	json_object_set_new(o, "recent", json_boolean(c->recent));
	json_object_set_new(o, "last_day", day(c->last_day));
	if (!c->enough) {
		json_object_set_new(o, "early", json_true());
		json_object_set_new(o, "first_day", day(c->first_day));
		json_object_set_new(o, "span", days_n("", c->last_day - c->first_day + 1));
		return o;
	}
	struct strbuf pct = STRBUF_INIT;
	cnum_addf(&pct, "%.0f", c->drop_pct >= 0 ? c->drop_pct : -c->drop_pct);
	json_object_set_new(o, "drop", num(c->drop >= 0 ? c->drop : -c->drop));
	json_object_set_new(o, "drop_pct", json_string(pct.buf));
	strbuf_release(&pct);
	json_object_set_new(o, "lower", json_boolean(c->drop >= 0));
	json_object_set_new(o, c->meaningful ? "good" : c->drop > 0 ? "some" : "bad", json_true());
	return o;
}

/* The pain charts, overall and each region rated in the window; the regions not rated. */
static void charts_view(const struct app_progress *p, struct pieces *pc, json_t *page)
{
	json_t *charts = json_array();
	struct strbuf unrated = STRBUF_INIT;
	for (int k = 0; k <= REG__COUNT; k++) {
		if (k > 0 && !p->rated[k]) {
			strbuf_addf(&unrated, "%s%s", unrated.len ? ", " : "", chart_series_name(k));
			continue;
		}
		json_int_t i;
		chart_pain(piece(pc, &i), p, k);
		json_array_append_new(charts, json_pack("{s:s, s:I, s:s}", "title", chart_series_name(k), "svg", i,
							"id", k ? region_names[k - 1] : "overall"));
	}
	json_object_set_new(page, "charts", charts);
	json_object_set_new(page, "unrated", json_string(unrated.buf ? unrated.buf : ""));
	strbuf_release(&unrated);
	json_object_set_new(page, "window", json_pack("{s:b, s:o, s:o}", "recent", p->win.recent, "from",
						       day(p->win.from), "to", day(p->win.to)));
	if (p->weeks_any) {
		json_int_t i;
		chart_weeks(piece(pc, &i), p);
		json_object_set_new(page, "weeks_svg", json_integer(i));
		json_object_set_new(page, "has_weeks", json_true());
	}
}

static json_t *relief_view(const struct app_progress *p)
{
	const struct relief *l = &p->rl;
	json_t *o = json_pack("{s:i, s:i, s:i}", "days", l->days_with_data, "low", l->days_low, "flare_ups",
			      l->flare_ups);
	if (l->days_with_data) {
		struct strbuf pct = STRBUF_INIT;
		cnum_addf(&pct, "%.0f", l->share_low * 100);
		json_object_set_new(o, "share", json_string(pct.buf));
		strbuf_release(&pct);
	}
	if (l->first_improved_day >= 0)
		json_object_set_new(o, "improved", day(l->first_improved_day));
	return o;
}

static json_t *adherence_view(const struct app_progress *p, int planned)
{
	json_t *o = json_pack("{s:b, s:o, s:i, s:i, s:o}", "sessions", p->sessions > 0, "per_week",
			      num(p->ad.sessions_per_week), "streak", p->ad.streak_days, "headache_rated",
			      p->headache_rated, "headache_per_week", num(p->ad.headache_days_per_week));
	if (planned)
		json_object_set_new(o, "planned", json_integer(planned));
	json_object_set_new(o, "streak_many", json_boolean(p->ad.streak_days > 1));
	return o;
}

/* The insights: the report's sentences, each with its interval and n. */
static json_t *insights_view(const struct app_progress *p, struct pieces *pc)
{
	json_t *a = json_array();
	json_int_t i;
	report_comparison(piece(pc, &i), "Pain the day after a session day vs the day after a day without one",
			  p->after, "after session days");
	json_array_append_new(a, json_integer(i));
	report_comparison(piece(pc, &i), "Pain the day after a massage (without a session) vs the day after a session",
			  p->massage, "after massage days");
	json_array_append_new(a, json_integer(i));
	report_correlation(piece(pc, &i), "stress", p->stress, "stress");
	json_array_append_new(a, json_integer(i));
	report_correlation(piece(pc, &i), "hours at the desk", p->desk, "desk hours");
	json_array_append_new(a, json_integer(i));
	return a;
}

json_t *progress_page_view(const struct app_progress *p, int planned, struct pieces *pc)
{
	pc->n = 0;
	json_t *page = json_object();
	json_object_set_new(page, "any", json_boolean(p->n_days > 0));
	json_object_set_new(page, "your", json_string("your")); /* their trainer's page: "their" */
	if (p->n_days) {
		json_object_set_new(page, "change", change_view(p));
		struct strbuf advice = STRBUF_INIT;
		plan_course_advice(&p->course, &advice);
		if (advice.len)
			json_object_set_new(page, "advice", json_string(advice.buf));
		strbuf_release(&advice);
		charts_view(p, pc, page);
		json_object_set_new(page, "relief", relief_view(p));
		json_object_set_new(page, "adherence", adherence_view(p, planned));
		json_object_set_new(page, "insights", insights_view(p, pc));
	}
	for (size_t i = 0; i < pc->n; i++)
		pc->v[i] = pc->sb[i].buf;
	return page;
}

void pieces_release(struct pieces *pc)
{
	for (size_t i = 0; i < pc->n; i++)
		strbuf_release(&pc->sb[i]);
	pc->n = 0;
}

void page_progress(struct req *rq)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT;
	struct app_progress p;
	int planned;
	if (app_progress_planned(&ctx, &p, &planned, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		app_progress_release(&p);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	struct pieces pc;
	json_t *page = progress_page_view(&p, planned, &pc);
	reply_page_markup(rq, 200, "progress", "progress", "Progress", page, pc.v, pc.n);
	pieces_release(&pc);
	app_progress_release(&p);
}
