/* test_http_history.c: History and Breaks through the route table, without a socket:
 * GET /api/v1/history (as `unhunch history --json`) and /history with a session stored,
 * GET /api/v1/breaks/stats and /breaks with the break log counted; a query they do not
 * take is a 400 naming it, and another site's read is refused; /history lists the
 * check-ins of the last 30 days, newest first, with the places of the body map. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"

static void stored(struct hfx *f)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	struct session_row s = { 0 };
	s.routine_id = "upper-back-activation";
	s.started_ms = NOW_MS - 3600000;
	s.pain_before = 0;
	s.pain_after = -1;
	s.pacing = "content";
	assert_int_equal(st->ops->session_begin(st, &s, &err), 0);
	assert_int_equal(st->ops->session_end(st, s.id, SESSION_FINISHED, 2, NOW_MS - 3000000, &err), 0);
	struct break_row b = { NOW_MS - 600000, BRK_MICRO, BEV_TAKEN, "", "" };
	assert_int_equal(st->ops->break_add(st, &b, &err), 0);
	b.event = BEV_SKIPPED;
	b.kind = BRK_MOVE;
	b.at_ms = NOW_MS - 3 * 86400000LL;
	assert_int_equal(st->ops->break_add(st, &b, &err), 0);
	store_close(st);
	strbuf_release(&err);
}

static void test_history(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/history", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "data-test=\"none\""));
	req_release(&rq);
	stored(f);
	hfx_send(f, &rq, "GET", "/api/v1/history", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *s = json_array_get(json_object_get(hfx_json(&rq), "sessions"), 0);
	assert_string_equal(json_string_value(json_object_get(s, "routine")), "upper-back-activation");
	assert_string_equal(json_string_value(json_object_get(s, "status")), "finished");
	assert_int_equal(json_integer_value(json_object_get(s, "pain_after")), 2);
	assert_true(json_is_array(json_object_get(s, "sets"))); /* the details, as --json */
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/history", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	const struct routine *r = catalog_routine(&f->content, "upper-back-activation");
	assert_non_null(strstr(html, r->name));
	assert_non_null(strstr(html, "<td>0 to 2</td>")); /* a pain of 0 before is shown */
	assert_non_null(strstr(html, "10 min"));
	assert_null(strstr(html, "Not in the browser yet"));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/history?details=1", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_field(&rq), "details");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/history", NULL, "Sec-Fetch-Site: cross-site", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
}

static void test_checkins(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/history", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "No check-ins in these days."));
	req_release(&rq);
	static const char *const bodies[] = {
		"{\"date\": \"2026-10-01\", \"pain\": 9}", /* too old for the page */
		"{\"date\": \"2026-11-20\", \"pain\": 2, \"note\": \"older\"}",
		"{\"date\": \"2026-11-29\", \"pain\": 5, \"regions\": {\"neck\": 6}, \"note\": \"after a long day\"}",
	};
	for (size_t i = 0; i < 3; i++) {
		hfx_send(f, &rq, "POST", "/api/v1/checkins", bodies[i], "Content-Type: application/json", f->tok,
			 "Origin: " ORIGIN, NULL);
		assert_int_equal(rq.status, 201);
		req_release(&rq);
	}
	hfx_send(f, &rq, "GET", "/history", NULL, NULL);
	assert_int_equal(rq.status, 200);
	const char *b = hfx_body(&rq);
	const char *newest = strstr(b, "<strong>2026-11-29</strong>: pain 5 of 10"), *older = strstr(b, "<strong>2026-11-20</strong>");
	assert_non_null(newest);
	assert_non_null(older);
	assert_true(newest < older);
	assert_non_null(strstr(newest, "data-region=\"neck\">Neck 6</span>"));
	assert_non_null(strstr(newest, "after a long day"));
	assert_null(strstr(b, "2026-10-01"));
	req_release(&rq);
}

static void test_breaks(void **state)
{
	struct hfx *f = *state;
	stored(f);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/breaks/stats", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *v = hfx_json(&rq);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(v, "today"), "micro"), "taken")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(v, "today"), "move"), "skipped")), 0);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(v, "last_7_days"), "move"), "skipped")), 1);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/breaks", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "<tr data-test=\"today\"><th scope=\"row\">Posture resets</th><td>0</td><td>1</td>"));
	assert_non_null(strstr(html, "<tr data-test=\"week\"><th scope=\"row\">Movement breaks</th><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td>"));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/breaks/stats?days=7", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_field(&rq), "days");
	req_release(&rq);
}

/* Issue 19.3: a massage recorded in a check-in is in the history: GET /api/v1/history
 * lists the days (as `unhunch history --json`), oldest first, once each, and the page
 * shows them under Massages; a check-in without one adds nothing. */
static void test_massages(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/history", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	assert_null(strstr(hfx_body(&rq), "id=\"massage-h\""));
	req_release(&rq);
	static const char *const bodies[] = {
		"{\"date\": \"2026-11-26\", \"pain\": 4, \"massage\": true}",
		"{\"date\": \"2026-11-27\", \"pain\": 3, \"massage\": false}",
		"{\"date\": \"2026-11-12\", \"pain\": 5, \"massage\": true}",
	};
	for (size_t i = 0; i < 3; i++) {
		hfx_send(f, &rq, "POST", "/api/v1/checkins", bodies[i], "Content-Type: application/json", f->tok,
			 "Origin: " ORIGIN, NULL);
		assert_int_equal(rq.status, 201);
		req_release(&rq);
	}
	hfx_send(f, &rq, "GET", "/api/v1/history", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *m = json_object_get(hfx_json(&rq), "massages");
	assert_int_equal(json_array_size(m), 2);
	assert_string_equal(json_string_value(json_array_get(m, 0)), "2026-11-12");
	assert_string_equal(json_string_value(json_array_get(m, 1)), "2026-11-26");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/history", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	const char *sec = strstr(html, "<h2 id=\"massage-h\">Massages</h2>");
	assert_non_null(sec);
	const char *end = strstr(sec, "</section>");
	assert_non_null(end);
	char part[512];
	snprintf(part, sizeof(part), "%.*s", (int)(end - sec), sec);
	assert_non_null(strstr(part, "From your check-ins: 2026-11-12 2026-11-26"));
	assert_null(strstr(part, "2026-11-27"));
	req_release(&rq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_history, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_breaks, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_checkins, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_massages, hfx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
