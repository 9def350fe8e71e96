/* test_http_screen.c: the safety questions through the route table, without a socket:
 * GET and POST /api/v1/screenings (every question answered, or a 400 naming the
 * question with nothing stored), who to see with the settings' emergency number, a
 * clinician's clearance (refused by its field; never for an emergency answer), the page
 * /screening and its two form posts, and a cross-site post to any of them refused with
 * nothing stored. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"


static int setup(void **state)
{
	if (hfx_setup(state))
		return -1;
	struct hfx *f = *state;
	snprintf(f->srv.emergency, sizeof(f->srv.emergency), "%s", "112");
	return 0;
}

/* {"answers": {...}}: every question no, except yes (NULL: none), leaving out skip. */
static char *answers(const struct hfx *f, const char *yes, const char *skip)
{
	json_t *a = json_object();
	for (size_t i = 0; i < f->content.n_q; i++)
		if (!skip || strcmp(skip, f->content.q[i].id))
			json_object_set_new(a, f->content.q[i].id, json_boolean(yes && !strcmp(yes, f->content.q[i].id)));
	json_t *o = json_pack("{s:o}", "answers", a);
	char *s = json_dumps(o, 0);
	json_decref(o);
	return s;
}

/* The state as GET /api/v1/screenings has it; a copy the caller releases. */
static json_t *state_now(struct hfx *f)
{
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/screenings", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *v = json_incref(hfx_json(&rq));
	req_release(&rq);
	return v;
}

static bool found(struct hfx *f)
{
	json_t *v = state_now(f);
	bool r = json_is_true(json_object_get(json_object_get(v, "status"), "found"));
	json_decref(v);
	return r;
}

static void test_new_person(void **state)
{
	struct hfx *f = *state;
	json_t *v = state_now(f);
	json_t *st = json_object_get(v, "status");
	assert_true(json_is_false(json_object_get(st, "found")));
	assert_true(json_is_false(json_object_get(st, "can_clear")));
	json_t *q = json_object_get(v, "questions");
	assert_true(f->content.n_q > 5);
	assert_int_equal(json_array_size(q), f->content.n_q);
	assert_non_null(json_string_value(json_object_get(json_array_get(q, 0), "ask")));
	json_decref(v);
}

/* Bad answers: a 400 naming the question, and nothing stored. */
static void test_bad_answers(void **state)
{
	struct hfx *f = *state;
	char c[64], fl[96], want[96];
	char *body = answers(f, NULL, "dizzy");
	assert_int_equal(hfx_post(f, "/api/v1/screenings", body, c, fl), 400);
	assert_string_equal(c, "missing_field");
	assert_string_equal(fl, "answers.dizzy");
	free(body);
	assert_int_equal(hfx_post(f, "/api/v1/screenings", "{\"answers\": {\"not-a-question\": true}}", c, fl), 400);
	assert_string_equal(c, "unknown_field");
	assert_string_equal(fl, "answers.not-a-question");
	assert_int_equal(hfx_post(f, "/api/v1/screenings", "{\"answers\": {\"dizzy\": \"maybe\"}}", c, fl), 400);
	assert_string_equal(c, "bad_value");
	assert_string_equal(fl, "answers.dizzy");
	assert_int_equal(hfx_post(f, "/api/v1/screenings", "{\"yes\": []}", c, fl), 400);
	assert_string_equal(fl, "yes");
	assert_int_equal(hfx_post(f, "/api/v1/screenings", "{}", c, fl), 400);
	assert_string_equal(fl, "answers");
	/* a form box with a name that is no question */
	struct req rq;
	snprintf(want, sizeof(want), "csrf=%s&not-a-question=yes", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/screening", want, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	assert_non_null(strstr(hfx_body(&rq), "not-a-question"));
	req_release(&rq);
	assert_false(found(f));
}

/* All no: exercise is allowed, and Today no longer sends to the questions. */
static void test_all_no(void **state)
{
	struct hfx *f = *state;
	char c[64], fl[96];
	char *body = answers(f, NULL, NULL);
	assert_int_equal(hfx_post(f, "/api/v1/screenings", body, c, fl), 201);
	free(body);
	json_t *v = state_now(f);
	json_t *st = json_object_get(v, "status");
	assert_true(json_is_true(json_object_get(st, "found")));
	assert_true(json_is_true(json_object_get(st, "exercise_allowed")));
	assert_string_equal(json_string_value(json_object_get(st, "level")), "none");
	assert_true(json_is_null(json_object_get(st, "advice")));
	assert_non_null(strstr(json_string_value(json_object_get(st, "closing")), "No warning signs"));
	assert_true(json_is_false(json_object_get(st, "can_clear")));
	json_decref(v);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/today", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_string_not_equal(json_string_value(json_object_get(json_object_get(hfx_json(&rq), "now"), "action")),
				"screen");
	req_release(&rq);
	/* nothing to clear */
	assert_int_equal(hfx_post(f, "/api/v1/screenings/clearance", "{\"note\": \"Dr Rossi, GP: no concern\"}", c, fl), 409);
	assert_string_equal(c, "nothing_to_clear");
}

/* A "days" answer: who to see; a clearance refused by its field, then recorded. */
static void test_days_and_clearance(void **state)
{
	struct hfx *f = *state;
	char c[64], fl[96];
	char *body = answers(f, "dizzy", NULL);
	assert_int_equal(hfx_post(f, "/api/v1/screenings", body, c, fl), 201);
	free(body);
	json_t *v = state_now(f);
	json_t *st = json_object_get(v, "status");
	assert_string_equal(json_string_value(json_object_get(st, "level")), "days");
	assert_true(json_is_false(json_object_get(st, "exercise_allowed")));
	assert_non_null(json_string_value(json_object_get(st, "advice")));
	assert_true(json_is_true(json_object_get(st, "can_clear")));
	json_t *yes = json_object_get(st, "yes");
	assert_int_equal(json_array_size(yes), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(yes, 0), "id")), "dizzy");
	assert_string_equal(json_string_value(json_object_get(json_array_get(yes, 0), "means")),
			    "see a clinician within days");
	json_decref(v);
	/* refused by field, nothing stored */
	assert_int_equal(hfx_post(f, "/api/v1/screenings/clearance", "{\"note\": \"fine\"}", c, fl), 400);
	assert_string_equal(fl, "note");
	assert_int_equal(hfx_post(f, "/api/v1/screenings/clearance",
			      "{\"note\": \"Dr Rossi, GP: no concern\", \"date\": \"2030-01-01\"}", c, fl), 400);
	assert_string_equal(fl, "date");
	assert_int_equal(hfx_post(f, "/api/v1/screenings/clearance",
			      "{\"note\": \"Dr Rossi, GP: no\\u001b[2J concern\"}", c, fl), 400);
	assert_string_equal(fl, "note");
	assert_int_equal(hfx_post(f, "/api/v1/screenings/clearance", "{\"note\": \"Dr Rossi, GP\", \"who\": 1}", c, fl), 400);
	assert_string_equal(c, "unknown_field");
	assert_int_equal(hfx_post(f, "/api/v1/screenings/clearance", "{\"date\": \"2026-11-30\"}", c, fl), 400);
	assert_string_equal(fl, "note");
	v = state_now(f);
	assert_true(json_is_false(json_object_get(json_object_get(v, "status"), "cleared")));
	json_decref(v);
	/* the page's form: refused, the page again with the note kept and the reason by it */
	struct req rq;
	char form[256];
	snprintf(form, sizeof(form), "csrf=%s&note=fine&date=2026-11-30", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/screening/clearance", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "data-field=\"note\""));
	assert_non_null(strstr(html, "aria-invalid=\"true\" aria-describedby=\"note-err\">fine</textarea>"));
	req_release(&rq);
	/* a note left empty: the route's own check, the page again with the reason by it */
	snprintf(form, sizeof(form), "csrf=%s&note=&date=2026-11-30", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/screening/clearance", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	assert_non_null(strstr(hfx_body(&rq), "<span class=\"field-error\" id=\"note-err\">note: must not be empty</span>"));
	req_release(&rq);
	/* recorded */
	snprintf(form, sizeof(form), "csrf=%s&note=Dr+Rossi%%2C+GP%%3A+no+concern&date=2026-11-30", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/screening/clearance", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 303);
	assert_string_equal(resp_header(&rq, "Location"), "/screening#result");
	req_release(&rq);
	v = state_now(f);
	assert_true(json_is_true(json_object_get(json_object_get(v, "status"), "cleared")));
	assert_true(json_is_true(json_object_get(json_object_get(v, "status"), "exercise_allowed")));
	json_decref(v);
}

/* An emergency answer: the number from the settings in the words, and never cleared here. */
static void test_emergency(void **state)
{
	struct hfx *f = *state;
	char c[64], fl[96];
	char *body = answers(f, "chest-pressure", NULL);
	assert_int_equal(hfx_post(f, "/api/v1/screenings", body, c, fl), 201);
	free(body);
	json_t *v = state_now(f);
	json_t *st = json_object_get(v, "status");
	assert_true(json_is_true(json_object_get(st, "emergency")));
	assert_true(json_is_false(json_object_get(st, "can_clear")));
	assert_non_null(strstr(json_string_value(json_object_get(st, "advice")), "112"));
	json_decref(v);
	assert_int_equal(hfx_post(f, "/api/v1/screenings/clearance", "{\"note\": \"Dr Rossi, GP: no concern\"}", c, fl), 409);
	assert_string_equal(c, "emergency_not_cleared");
	struct req rq;
	char form[256];
	snprintf(form, sizeof(form), "csrf=%s&note=Dr+Rossi%%2C+GP%%3A+no+concern", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/screening/clearance", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 409);
	assert_non_null(strstr(hfx_body(&rq), "<p>An emergency answer cannot be cleared here. Once you have had help"));
	assert_non_null(strstr(hfx_body(&rq), "role=\"alert\" data-test=\"problem\""));
	req_release(&rq);
	v = state_now(f);
	assert_true(json_is_false(json_object_get(json_object_get(v, "status"), "cleared")));
	json_decref(v);
	hfx_send(f, &rq, "GET", "/screening", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "data-test=\"no-clearance\""));
	assert_null(strstr(html, "action=\"/screening/clearance\""));
	assert_non_null(strstr(html, "112"));
	req_release(&rq);
}

/* The page and its questions' form, as a browser sends it without scripts. */
static void test_page(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/screening", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	char want[160];
	for (size_t i = 0; i < f->content.n_q; i++) {
		snprintf(want, sizeof(want), "type=\"checkbox\" name=\"%s\" value=\"yes\"", f->content.q[i].id);
		assert_non_null(strstr(html, want));
	}
	snprintf(want, sizeof(want), "name=\"csrf\" value=\"%s\"", f->srv.csrf);
	assert_non_null(strstr(html, want));
	assert_null(strstr(html, "<script>"));
	assert_null(strstr(html, "data-test=\"result\""));
	req_release(&rq);
	char form[256];
	snprintf(form, sizeof(form), "csrf=%s&effort-pain=yes", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/screening", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 303);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/screening", NULL, "Accept: text/html", NULL);
	html = hfx_body(&rq);
	assert_non_null(strstr(html, "data-test=\"result\" data-level=\"today\""));
	assert_non_null(strstr(html, "see a doctor today"));
	assert_non_null(strstr(html, "action=\"/screening/clearance\""));
	req_release(&rq);
}

/* Another site cannot answer or clear for the person: refused, nothing stored. */
static void test_cross_site(void **state)
{
	struct hfx *f = *state;
	char *body = answers(f, NULL, NULL);
	char form[256];
	snprintf(form, sizeof(form), "csrf=%s&note=Dr+Rossi%%2C+GP%%3A+no+concern", f->srv.csrf);
	static const char *const paths[] = { "/api/v1/screenings", "/screening", "/screening/clearance",
					     "/api/v1/screenings/clearance" };
	for (size_t i = 0; i < 4; i++) {
		struct req rq;
		bool api = !strncmp(paths[i], "/api/", 5);
		hfx_send(f, &rq, "POST", paths[i], api ? body : form, api ? JSON : FORM, f->tok,
			 "Origin: http://evil.example", "Sec-Fetch-Site: cross-site", NULL);
		assert_int_equal(rq.status, 403);
		req_release(&rq);
		/* without the token */
		hfx_send(f, &rq, "POST", paths[i], api ? body : "note=x", api ? JSON : FORM, "Origin: " ORIGIN, NULL);
		assert_int_equal(rq.status, 403);
		req_release(&rq);
	}
	free(body);
	assert_false(found(f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_person, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_bad_answers, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_all_no, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_days_and_clearance, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_emergency, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_page, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_cross_site, setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
