/* test_http_assess.c: the assessment through the route table, without a socket: GET
 * /api/v1/assessments (the questions of `unhunch assess`), POST answers (a profile
 * stored; a bad answer a 400 naming the question, with nothing stored), the page
 * /assessment and its form post (saved: on to the plan; refused: the form again with
 * every answer kept and the reason by the question), and Today's note linking to it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"
#include "core/plan.h"

/* How many assessments the store holds. */
static size_t stored(struct hfx *f)
{
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/assessments", NULL, NULL); /* opens the store */
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/export?format=json", NULL, NULL);
	assert_int_equal(rq.status, 200);
	size_t n = json_array_size(json_object_get(hfx_json(&rq), "assessments"));
	req_release(&rq);
	return n;
}

static int post(struct hfx *f, const char *body, char c[64], char fl[96])
{
	return hfx_post(f, "/api/v1/assessments", body, c, fl);
}

static void test_questions(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/assessments", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *v = hfx_json(&rq);
	json_t *q = json_object_get(v, "questions");
	assert_int_equal(json_array_size(q), AQ__COUNT);
	for (int i = 0; i < AQ__COUNT; i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(q, i), "id")), assess_questions[i].id);
	/* the words without the terminal's typing hint */
	json_t *yn = json_array_get(q, AQ_BREATH_HOLDING);
	assert_string_equal(json_string_value(json_object_get(yn, "kind")), "yes-no");
	assert_null(strstr(json_string_value(json_object_get(yn, "ask")), "[y/n]"));
	assert_int_equal(json_array_size(json_object_get(json_array_get(q, AQ_BREAKS), "choices")), 4);
	assert_true(json_is_null(json_object_get(v, "latest")));
	req_release(&rq);
}

/* Bad answers: 400 naming the question, nothing stored. */
static void test_bad_answers(void **state)
{
	struct hfx *f = *state;
	char c[64], fl[96];
	assert_int_equal(post(f, "{\"answers\": {\"desk-hours\": \"25\"}}", c, fl), 400);
	assert_string_equal(c, "bad_value");
	assert_string_equal(fl, "answers.desk-hours");
	assert_int_equal(post(f, "{\"answers\": {\"stress\": \"8\", \"work-days\": \"someday\"}}", c, fl), 400);
	assert_string_equal(fl, "answers.work-days");
	assert_int_equal(post(f, "{\"answers\": {\"shoe-size\": \"42\"}}", c, fl), 400);
	assert_string_equal(c, "unknown_field");
	assert_string_equal(fl, "answers.shoe-size");
	assert_int_equal(post(f, "{\"answers\": {\"stress\": 8}}", c, fl), 400);
	assert_string_equal(fl, "answers.stress");
	assert_int_equal(post(f, "{\"answers\": {}}", c, fl), 400);
	assert_string_equal(c, "no_answers");
	assert_string_equal(fl, "answers");
	assert_int_equal(post(f, "{}", c, fl), 400);
	assert_string_equal(fl, "answers");
	assert_int_equal(stored(f), 0);
}

/* Answers saved: the profile as the terminal's, and a second time what the plan changes. */
static void test_save(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	const char *body = "{\"answers\": {\"desk-hours\": \"10\", \"work-days\": \"mon-fri\", \"breaks\": \"4\", "
			   "\"slouch\": \"most of the time\", \"stress\": \"9\", \"chest-breathing\": \"y\", "
			   "\"pain-where\": \"neck upper-back\", \"since\": \"\"}}";
	hfx_send(f, &rq, "POST", "/api/v1/assessments", body, JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 201);
	json_t *latest = json_object_get(hfx_json(&rq), "latest");
	assert_string_equal(json_string_value(json_object_get(latest, "date")), "2026-11-30");
	json_t *ans = json_object_get(latest, "answers");
	assert_string_equal(json_string_value(json_object_get(ans, "desk-hours")), "10 hours");
	assert_true(json_is_null(json_object_get(ans, "since")));
	assert_true(json_is_null(json_object_get(hfx_json(&rq), "before")));
	json_t *fac = json_object_get(latest, "factors");
	assert_int_equal(json_array_size(fac), F__COUNT);
	assert_string_equal(json_string_value(json_object_get(json_array_get(fac, F_POSTURE), "level")), "strong");
	req_release(&rq);
	assert_int_equal(stored(f), 1);
	/* again with little load: the plan changes are listed */
	hfx_send(f, &rq, "POST", "/api/v1/assessments", "{\"answers\": {\"desk-hours\": \"2\", \"breaks\": \"1\", "
		 "\"slouch\": \"1\", \"stress\": \"1\", \"chest-breathing\": \"n\"}}", JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 201);
	assert_non_null(json_object_get(json_object_get(hfx_json(&rq), "before"), "factors"));
	assert_true(json_array_size(json_object_get(hfx_json(&rq), "plan_changes")) > 0);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/assessments", NULL, NULL);
	json_t *ans2 = json_object_get(json_object_get(hfx_json(&rq), "latest"), "answers");
	assert_string_equal(json_string_value(json_object_get(ans2, "desk-hours")), "2 hours");
	req_release(&rq);
	assert_int_equal(stored(f), 2);
}

/* The page and its form: saved, on to the plan; refused, the form with every answer kept. */
static void test_page_form(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	/* before: Today's note sends to the assessment page by a link, not to a command */
	hfx_send(f, &rq, "GET", "/", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "<a href=\"/assessment\">the assessment</a>"));
	assert_null(strstr(hfx_body(&rq), "unhunch assess"));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/assessment", NULL, NULL);
	assert_int_equal(rq.status, 200);
	const char *b = hfx_body(&rq);
	assert_non_null(strstr(b, "name=\"work-days.mon\""));
	assert_non_null(strstr(b, "name=\"pain-where.neck\""));
	assert_non_null(strstr(b, "name=\"chest-breathing\" value=\"yes\""));
	assert_null(strstr(b, "[y/n]"));
	req_release(&rq);
	/* a bad hours value: the form again, the days ticked and the choice kept */
	char body[512];
	snprintf(body, sizeof(body), "csrf=%s&desk-hours=30&work-days.mon=yes&work-days.thu=yes&breaks=3&stress=7"
		 "&chest-breathing=yes&pain-where.neck=yes", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/assessment", body, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	b = hfx_body(&rq);
	assert_non_null(strstr(b, "id=\"err-desk-hours\">Give a number of hours from 0 to 24."));
	assert_non_null(strstr(b, "value=\"30\""));
	assert_non_null(strstr(b, "name=\"work-days.mon\" value=\"yes\" checked"));
	assert_non_null(strstr(b, "name=\"work-days.thu\" value=\"yes\" checked"));
	assert_null(strstr(b, "name=\"work-days.tue\" value=\"yes\" checked"));
	assert_non_null(strstr(b, "name=\"breaks\" value=\"3\" checked"));
	assert_non_null(strstr(b, "<option value=\"7\" selected>"));
	assert_non_null(strstr(b, "name=\"pain-where.neck\" value=\"yes\" checked"));
	req_release(&rq);
	assert_int_equal(stored(f), 0);
	/* nothing answered: refused, nothing stored */
	snprintf(body, sizeof(body), "csrf=%s&desk-hours=&breaks=", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/assessment", body, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	assert_non_null(strstr(hfx_body(&rq), "answer at least one question"));
	req_release(&rq);
	/* a box that is no question's: refused */
	snprintf(body, sizeof(body), "csrf=%s&stress=3&shoe.size=yes", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/assessment", body, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	req_release(&rq);
	assert_int_equal(stored(f), 0);
	/* good answers: saved, on to the plan */
	snprintf(body, sizeof(body), "csrf=%s&desk-hours=9.5&work-days.mon=yes&work-days.fri=yes&breaks=4&stress=7"
		 "&chest-breathing=yes&pain-where.neck=yes&pain-where.upper-back=yes&since=", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/assessment", body, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 303);
	assert_string_equal(resp_header(&rq, "Location"), "/plan");
	req_release(&rq);
	assert_int_equal(stored(f), 1);
	hfx_send(f, &rq, "GET", "/api/v1/assessments", NULL, NULL);
	json_t *ans = json_object_get(json_object_get(hfx_json(&rq), "latest"), "answers");
	assert_string_equal(json_string_value(json_object_get(ans, "work-days")), "Mon, Fri");
	assert_string_equal(json_string_value(json_object_get(ans, "pain-where")), "neck, upper-back");
	req_release(&rq);
	/* the page shows the profile; Today no longer asks for it */
	hfx_send(f, &rq, "GET", "/assessment", NULL, NULL);
	assert_non_null(strstr(hfx_body(&rq), "data-test=\"profile\""));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/", NULL, NULL);
	assert_null(strstr(hfx_body(&rq), "href=\"/assessment\">the assessment"));
	req_release(&rq);
}

/* A cross-site post stores nothing. */
static void test_cross_site(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	char body[256];
	snprintf(body, sizeof(body), "csrf=%s&stress=3", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/assessment", body, FORM, "Origin: http://evil.example", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/assessment", "csrf=wrong&stress=3", FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/assessments", "{\"answers\": {\"stress\": \"3\"}}", JSON, "Origin: " ORIGIN,
		 NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	assert_int_equal(stored(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_questions, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_bad_answers, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_save, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_page_form, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_cross_site, hfx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
