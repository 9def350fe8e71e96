/* test_http_progress.c: Progress through the route table, without a socket: a new user
 * gets the page's empty state with what to do; with three weeks of check-ins and
 * sessions, GET /api/v1/progress is the JSON of `unhunch progress --json` and the page
 * shows the use case's own numbers (the change, its verdict, relief, sessions per week
 * against the plan, the insights' intervals) and its charts as inline SVG; another
 * site's read is refused and a query it does not take is a 400 naming it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"
#include "app/progress.h"
#include "core/checkin.h"
#include "core/tz.h"
#include "format/chart-svg.h"
#include "format/progress.h"

#define DAY_MS 86400000LL

/* 21 days of check-ins ending today: pain 6 in the first week, then 5, then 2 and 3 in
 * the last week; the neck rated 1 point more; stress every day; a session (one exercise
 * done) on 5 of the last 7 days. */
static void stored(struct hfx *f)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	int today = (int)(NOW_MS / DAY_MS);
	for (int i = 20; i >= 0; i--) {
		struct checkin c;
		checkin_init(&c);
		day_format(today - i, c.date);
		c.at_ms = NOW_MS - i * DAY_MS;
		c.pain = i >= 14 ? 6 : i >= 7 ? 5 : 2 + i % 2;
		c.region[REG_NECK] = c.pain + 1;
		c.stress = 3 + i % 4;
		c.headache = i % 3 ? 0 : 2;
		assert_int_equal(st->ops->checkin_add(st, &c, &err), 0);
	}
	for (int i = 0; i < 5; i++) {
		int64_t start = NOW_MS - i * DAY_MS - 3600000;
		struct session_row s = { 0, (char *)"upper-back-activation", start, 0, SESSION_RUNNING, 3, -1,
					 (char *)"content", 0, 0, 0 };
		assert_int_equal(st->ops->session_begin(st, &s, &err), 0);
		struct exercise_row ex = { 0, (char *)"glute-bridge", EX_DONE, 1, 60000, start + 60000 };
		assert_int_equal(st->ops->exercise_add(st, s.id, &ex, &err), 0);
		assert_int_equal(st->ops->session_end(st, s.id, SESSION_FINISHED, 2, start + 900000, &err), 0);
	}
	store_close(st);
	strbuf_release(&err);
}

/* What the use case says, on the same store, clock and zone as the server (UTC). */
static void use_case(struct hfx *f, struct app_progress *p)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { st, &f->content, NOW_MS, &utc };
	assert_int_equal(app_progress(&ctx, p, &err), 0);
	store_close(st);
	strbuf_release(&err);
}

static void test_empty(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/progress", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "data-test=\"empty\""));
	assert_non_null(strstr(html, "Nothing to show yet"));
	assert_non_null(strstr(html, "<a href=\"/checkin\">Check in</a>"));
	assert_null(strstr(html, "<svg"));
	assert_null(strstr(html, "Not in the browser yet"));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/progress", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_null(json_object_get(json_object_get(hfx_json(&rq), "change"), "baseline")));
	req_release(&rq);
}

static void assert_shows(const char *html, const char *before, double v, const char *after)
{
	struct strbuf want = STRBUF_INIT;
	strbuf_addstr(&want, before);
	chart_num(&want, v);
	strbuf_addstr(&want, after);
	if (!strstr(html, want.buf))
		fail_msg("the page does not show '%s'", want.buf);
	strbuf_release(&want);
}

static void test_page(void **state)
{
	struct hfx *f = *state;
	stored(f);
	struct app_progress p;
	use_case(f, &p);
	assert_true(p.ch.enough); /* the data are what the test means them to be */
	assert_true(p.ch.meaningful);
	assert_true(p.stress.enough);
	struct req rq;
	hfx_send(f, &rq, "GET", "/progress", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_null(strstr(html, "data-test=\"empty\""));
	/* the change from the first week with its verdict */
	assert_shows(html, "<strong data-test=\"baseline\">", p.ch.baseline, "</strong>");
	assert_shows(html, "<strong data-test=\"current\">", p.ch.current, "</strong>");
	assert_shows(html, "<strong data-test=\"drop\">", p.ch.drop, " points</strong>");
	char n[64];
	snprintf(n, sizeof(n), "n = %d days", p.ch.n_baseline);
	assert_non_null(strstr(html, n));
	assert_non_null(strstr(html, "<span class=\"verdict good\">A clinically meaningful improvement"));
	/* lasting relief, sessions per week against the plan */
	snprintf(n, sizeof(n), "<strong>%d of %d</strong> days with a rating", p.rl.days_low, p.rl.days_with_data);
	assert_non_null(strstr(html, n));
	assert_shows(html, "<strong data-test=\"per-week\">", p.ad.sessions_per_week, "</strong>");
	assert_non_null(strstr(html, "<strong data-test=\"planned\">"));
	/* the insights with their intervals: the stress correlation's r and CI */
	snprintf(n, sizeof(n), "r = <strong>%.2f</strong> (95 %% CI %.2f to %.2f; n = %d days)", p.stress.r, p.stress.lo,
		 p.stress.hi, p.stress.n);
	assert_non_null(strstr(html, n));
	/* the charts: overall with the first week's line, the neck, the weekly bars; the
	 * regions not rated are named, not drawn */
	assert_non_null(strstr(html, "data-test=\"chart-overall\""));
	assert_non_null(strstr(html, "data-test=\"chart-neck\""));
	assert_null(strstr(html, "data-test=\"chart-chest\""));
	assert_non_null(strstr(html, "data-test=\"chart-weeks\""));
	assert_shows(html, "text-anchor=\"end\">first week ", p.ch.baseline, "</text>");
	assert_non_null(strstr(html, "<svg viewBox=\"0 0 560 190\" role=\"img\" aria-label=\"Pain overall\">"));
	assert_non_null(strstr(html, "Not rated in these weeks: Between the shoulder blades"));
	req_release(&rq);

	/* the API: the JSON of `unhunch progress --json`, from the same use case */
	struct strbuf out = STRBUF_INIT;
	format_progress_json(&p, &out);
	json_t *want = json_loads(out.buf, 0, NULL);
	assert_non_null(want);
	hfx_send(f, &rq, "GET", "/api/v1/progress", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_equal(hfx_json(&rq), want));
	json_decref(want);
	strbuf_release(&out);
	req_release(&rq);
	app_progress_release(&p);

	hfx_send(f, &rq, "GET", "/api/v1/progress?weeks=8", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_field(&rq), "weeks");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/progress", NULL, "Sec-Fetch-Site: cross-site", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_page, hfx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
