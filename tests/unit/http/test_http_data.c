/* test_http_data.c: Your data through the route table, without a socket: the downloads
 * (JSON backup, check-ins as CSV and FHIR, the plan's calendar) with their names, a
 * format it does not know is a 400 naming it, another site cannot read them, and the
 * page /data links them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"

#define TODAY "2026-11-30"

static int setup(void **state)
{
	if (hfx_setup(state))
		return -1;
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/checkins", "{\"date\": \"" TODAY "\", \"pain\": 4, \"note\": \"a, \\\"quoted\\\" note\"}",
		 "Content-Type: application/json", f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 201);
	req_release(&rq);
	return 0;
}

static void test_downloads(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/export?format=csv", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_string_equal(rq.type, "text/csv; charset=utf-8");
	assert_string_equal(resp_header(&rq, "Content-Disposition"), "attachment; filename=\"unhunch-checkins-" TODAY ".csv\"");
	assert_non_null(strstr(hfx_body(&rq), TODAY));
	assert_non_null(strstr(hfx_body(&rq), "\"a, \"\"quoted\"\" note\"")); /* RFC 4180 quoting */
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/export?format=json", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *v = hfx_json(&rq);
	assert_non_null(v);
	assert_non_null(strstr(resp_header(&rq, "Content-Disposition"), "unhunch-backup-" TODAY ".json"));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/export?format=fhir", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_string_equal(json_string_value(json_object_get(hfx_json(&rq), "resourceType")), "Bundle");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/plan.ics", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "BEGIN:VCALENDAR"));
	assert_non_null(strstr(resp_header(&rq, "Content-Disposition"), "unhunch-plan-" TODAY ".ics"));
	req_release(&rq);
}

static void test_bad_and_foreign(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/export?format=xml", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_field(&rq), "format");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/export", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_code(&rq), "missing_field");
	assert_string_equal(hfx_field(&rq), "format");
	req_release(&rq);
	/* another site's link or script cannot read a person's backup */
	hfx_send(f, &rq, "GET", "/api/v1/export?format=json", NULL, "Sec-Fetch-Site: cross-site", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	/* the page's own link can */
	hfx_send(f, &rq, "GET", "/api/v1/export?format=json", NULL, "Sec-Fetch-Site: same-origin", NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/data", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "href=\"/api/v1/export?format=json\" download"));
	assert_non_null(strstr(html, "href=\"/api/v1/export?format=csv\" download"));
	assert_non_null(strstr(html, "href=\"/api/v1/export?format=fhir\" download"));
	assert_non_null(strstr(html, "href=\"/api/v1/plan.ics\" download"));
	req_release(&rq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_downloads, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_bad_and_foreign, setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
