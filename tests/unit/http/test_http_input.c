/* test_http_input.c: bad requests get a 400 (or 404, 405, 413, 415) in the one error
 * shape, naming the field, and the handler never runs: malformed JSON, wrong types,
 * values out of range, unknown, repeated and missing fields, in JSON, forms and query
 * strings. Also the arena that holds a request's memory. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"
#include <stdalign.h>

static int runs;
static json_t *seen; /* the checked input the handler got */

static void take(struct req *rq)
{
	runs++;
	json_decref(seen);
	seen = json_deep_copy(rq->input);
	reply_json(rq, 201, json_object());
}

static const struct field regions[] = {
	{ "neck", FIELD_INT, false, 0, 10, NULL, NULL },
	{ "chest", FIELD_INT, false, 0, 10, NULL, NULL },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field fields[] = {
	{ "pain", FIELD_INT, true, 0, 10, NULL, NULL },
	{ "desk_hours", FIELD_NUMBER, false, 0, 24, NULL, NULL },
	{ "massage", FIELD_BOOL, false, 0, 0, NULL, NULL },
	{ "note", FIELD_STRING, false, 0, 20, NULL, NULL },
	{ "regions", FIELD_OBJECT, false, 0, 0, regions, NULL },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field query[] = {
	{ "limit", FIELD_INT, false, 1, 100, NULL, NULL },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct route test_routes[] = {
	{ "POST", "/t/checkins", take, ACCESS_SELF, 4096, fields, ROUTE_API, "", NULL, 0 },
	{ "GET", "/t/checkins", take, ACCESS_SELF, 0, query, ROUTE_API, "", NULL, 0 },
	{ "GET", "/t/items/{id}/parts/{part}", take, ACCESS_SELF, 0, NULL, ROUTE_API, "", NULL, 0 },
	{ "GET", "/t/page", take, ACCESS_SELF, 0, NULL, ROUTE_PAGE, "", NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, NULL, 0, NULL, NULL, 0 },
};

static int setup(void **state)
{
	if (hfx_setup(state))
		return -1;
	((struct hfx *)*state)->srv.routes = test_routes;
	runs = 0;
	return 0;
}

static int teardown(void **state)
{
	json_decref(seen);
	seen = NULL;
	return hfx_teardown(state);
}

/* POST body as JSON with a good origin and token; expect status, error code and field. */
static void post(struct hfx *f, const char *type, const char *body, int status, const char *code, const char *field)
{
	char ct[128];
	snprintf(ct, sizeof(ct), "Content-Type: %s", type);
	struct req rq;
	int before = runs;
	hfx_send(f, &rq, "POST", "/t/checkins", body, "Origin: " ORIGIN, f->tok, ct, NULL);
	if (rq.status != status)
		fprintf(stderr, "body %s: %d %.*s\n", body, rq.status, (int)rq.out_len, rq.out);
	assert_int_equal(rq.status, status);
	if (code) {
		assert_string_equal(hfx_code(&rq), code);
		assert_string_equal(hfx_field(&rq), field ? field : "");
		json_t *msg = json_object_get(json_object_get(hfx_json(&rq), "error"), "message");
		assert_true(json_is_string(msg) && json_string_length(msg) > 0);
		if (field) /* the message names the field too */
			assert_non_null(strstr(json_string_value(msg), field));
		assert_int_equal(runs, before);
	} else {
		assert_int_equal(runs, before + 1);
	}
	req_release(&rq);
}

#define TYPE_JSON "application/json"
#define TYPE_FORM "application/x-www-form-urlencoded"

static void test_json(void **state)
{
	struct hfx *f = *state;
	post(f, TYPE_JSON, "{\"pain\": 4, \"desk_hours\": 7.5, \"massage\": true, \"note\": \"ok\", \"regions\": {\"neck\": 3}}",
	     201, NULL, NULL);
	assert_int_equal(json_integer_value(json_object_get(seen, "pain")), 4);
	assert_true(json_real_value(json_object_get(seen, "desk_hours")) == 7.5);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(seen, "regions"), "neck")), 3);
	post(f, TYPE_JSON, "{\"pain\": 4", 400, "bad_json", NULL);
	post(f, TYPE_JSON, "", 400, "bad_json", NULL);
	post(f, TYPE_JSON, "[1, 2]", 400, "bad_json", NULL);
	post(f, TYPE_JSON, "\"pain\"", 400, "bad_json", NULL);
	post(f, TYPE_JSON, "{\"pain\": 4, \"pain\": 5}", 400, "bad_json", NULL);
	post(f, TYPE_JSON, "{\"pian\": 4}", 400, "unknown_field", "pian");
	post(f, TYPE_JSON, "{\"pain\": 4, \"regions\": {\"nekc\": 2}}", 400, "unknown_field", "regions.nekc");
	post(f, TYPE_JSON, "{}", 400, "missing_field", "pain");
	post(f, TYPE_JSON, "{\"pain\": null}", 400, "missing_field", "pain");
	post(f, TYPE_JSON, "{\"pain\": \"4\"}", 400, "bad_value", "pain");
	post(f, TYPE_JSON, "{\"pain\": 4.5}", 400, "bad_value", "pain");
	post(f, TYPE_JSON, "{\"pain\": 11}", 400, "bad_value", "pain");
	post(f, TYPE_JSON, "{\"pain\": -1}", 400, "bad_value", "pain");
	post(f, TYPE_JSON, "{\"pain\": 1e300}", 400, "bad_value", "pain");
	post(f, TYPE_JSON, "{\"pain\": 4, \"desk_hours\": 25}", 400, "bad_value", "desk_hours");
	post(f, TYPE_JSON, "{\"pain\": 4, \"massage\": 1}", 400, "bad_value", "massage");
	post(f, TYPE_JSON, "{\"pain\": 4, \"note\": 7}", 400, "bad_value", "note");
	post(f, TYPE_JSON, "{\"pain\": 4, \"note\": \"this note is far too long\"}", 400, "bad_value", "note");
	post(f, TYPE_JSON, "{\"pain\": 4, \"note\": \"a\\u0000b\"}", 400, "bad_json", NULL); /* no NUL in text */
	post(f, TYPE_JSON, "{\"pain\": 4, \"regions\": [3]}", 400, "bad_value", "regions");
	post(f, TYPE_JSON, "{\"pain\": 4, \"regions\": {\"neck\": 12}}", 400, "bad_value", "regions.neck");
	post(f, "application/json; charset=utf-8", "{\"pain\": 0}", 201, NULL, NULL);
	post(f, "text/plain", "{\"pain\": 0}", 415, "bad_type", "Content-Type");
	post(f, "application/xml", "<pain>0</pain>", 415, "bad_type", "Content-Type");
	/* a multipart form (a form with a file) is read as a form: here without its fields */
	post(f, "multipart/form-data; boundary=x", "--x--", 400, "missing_field", "pain");
	post(f, "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"pain\"\r\n\r\n3\r\n--x--",
	     201, NULL, NULL);
	post(f, "multipart/form-data", "--x--", 400, "bad_form", "Content-Type");
}

static void test_did_you_mean(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "POST", "/t/checkins", "{\"pian\": 4}", "Origin: " ORIGIN, f->tok, JSON, NULL);
	const char *msg = json_string_value(json_object_get(json_object_get(hfx_json(&rq), "error"), "message"));
	assert_non_null(strstr(msg, "did you mean 'pain'?"));
	req_release(&rq);
}

static void test_form(void **state)
{
	struct hfx *f = *state;
	char body[256];
	snprintf(body, sizeof(body), "pain=7&desk_hours=8.5&massage=on&note=a+b%%21&csrf=%s", f->srv.csrf);
	post(f, TYPE_FORM, body, 201, NULL, NULL);
	assert_int_equal(json_integer_value(json_object_get(seen, "pain")), 7);
	assert_true(json_is_true(json_object_get(seen, "massage")));
	assert_string_equal(json_string_value(json_object_get(seen, "note")), "a b!");
	assert_null(json_object_get(seen, "csrf")); /* the token is not input */
	post(f, TYPE_FORM, "pain=7x", 400, "bad_value", "pain");
	post(f, TYPE_FORM, "pain=+7", 400, "bad_value", "pain");
	post(f, TYPE_FORM, "pain=", 400, "bad_value", "pain");
	/* an empty box that may be left out is not given; a required one is still wrong */
	post(f, TYPE_FORM, "pain=7&desk_hours=&massage=", 201, NULL, NULL);
	assert_null(json_object_get(seen, "desk_hours"));
	assert_null(json_object_get(seen, "massage"));
	post(f, TYPE_FORM, "pain=7&pain=8", 400, "repeated_field", "pain");
	post(f, TYPE_FORM, "pain=7&massage=maybe", 400, "bad_value", "massage");
	post(f, TYPE_FORM, "pain=7&mood=5", 400, "unknown_field", "mood");
	post(f, TYPE_FORM, "pain=7&note=%ff%fe", 400, "bad_text", NULL);
	post(f, TYPE_FORM, "pain=7&regions=1", 400, "bad_value", "regions");
}

static void get(struct hfx *f, const char *target, int status, const char *code, const char *field)
{
	struct req rq;
	int before = runs;
	hfx_send(f, &rq, "GET", target, NULL, NULL);
	assert_int_equal(rq.status, status);
	if (code) {
		assert_string_equal(hfx_code(&rq), code);
		assert_string_equal(hfx_field(&rq), field ? field : "");
		assert_int_equal(runs, before);
	}
	req_release(&rq);
}

static void test_query_and_routes(void **state)
{
	struct hfx *f = *state;
	get(f, "/t/checkins?limit=5", 201, NULL, NULL);
	assert_int_equal(json_integer_value(json_object_get(seen, "limit")), 5);
	get(f, "/t/checkins?limit=0", 400, "bad_value", "limit");
	get(f, "/t/checkins?limit=5&limit=6", 400, "repeated_field", "limit");
	get(f, "/t/checkins?order=desc", 400, "unknown_field", "order");
	get(f, "/t/page?utm=x", 201, NULL, NULL); /* pages ignore a query they do not use */
	get(f, "/t/items/a/parts/b", 201, NULL, NULL);
	get(f, "/t/items/a/parts", 404, "not_found", NULL);
	get(f, "/t/items/a/parts/b/c", 404, "not_found", NULL);
	get(f, "/t/items//parts/b", 404, "not_found", NULL);
	get(f, "/t/checkins/", 404, "not_found", NULL);
	get(f, "", 404, "not_found", NULL);
	get(f, "t/checkins", 404, "not_found", NULL);
	/* path parameters */
	struct req rq;
	hfx_send(f, &rq, "GET", "/t/items/x1/parts/y2", NULL, NULL);
	assert_string_equal(req_param(&rq, "id"), "x1");
	assert_string_equal(req_param(&rq, "part"), "y2");
	assert_null(req_param(&rq, "other"));
	req_release(&rq);
	/* a method the path does not take: 405 naming the ones it does */
	hfx_send(f, &rq, "PUT", "/t/checkins", NULL, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 405);
	assert_string_equal(hfx_code(&rq), "method_not_allowed");
	assert_string_equal(resp_header(&rq, "Allow"), "POST, GET, HEAD");
	req_release(&rq);
	/* HEAD is answered as GET */
	hfx_send(f, &rq, "HEAD", "/t/checkins", NULL, NULL);
	assert_int_equal(rq.status, 201);
	req_release(&rq);
	/* an unknown page asked for by a browser is a page; by a script, JSON */
	hfx_send(f, &rq, "GET", "/nowhere", NULL, "Accept: text/html,application/xhtml+xml", NULL);
	assert_int_equal(rq.status, 404);
	assert_non_null(strstr(rq.type, "text/html"));
	assert_non_null(strstr(hfx_body(&rq), "there is nothing at this address"));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/nowhere", NULL, "Accept: text/html", NULL);
	assert_string_equal(rq.type, "application/json");
	req_release(&rq);
}

static void test_url_decode(void **state)
{
	(void)state;
	char a[] = "a%20b+c%2Fd%00e%zz%4";
	size_t n = url_decode(a, strlen(a), true);
	assert_int_equal(n, strlen(a));
	assert_string_equal(a, "a b c/d%00e%zz%4"); /* %00 stays: no NUL inside a string */
	char b[] = "x+y%2b";
	url_decode(b, strlen(b), false);
	assert_string_equal(b, "x+y+");
}

static int order[4], n_order;
static void note(void *p)
{
	order[n_order++] = (int)(intptr_t)p;
}

static void test_arena(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *s = arena_strdup(&a, "hello");
	double *d = arena_alloc(&a, sizeof(double) * 3);
	assert_int_equal((uintptr_t)d % alignof(max_align_t), 0);
	d[2] = 1.5;
	char *big = arena_alloc(&a, 100000); /* larger than a block */
	big[99999] = 'x';
	char *after = arena_printf(&a, "%s-%d", s, 42);
	assert_string_equal(after, "hello-42");
	assert_string_equal(s, "hello");
	assert_true(a.used >= 100000 + 6 + 24);
	for (int i = 0; i < 1000; i++) /* many small ones over many blocks */
		assert_non_null(arena_strdup(&a, "0123456789abcdef0123456789abcdef"));
	n_order = 0;
	arena_defer(&a, note, (void *)1);
	arena_defer(&a, note, (void *)2);
	arena_free(&a);
	assert_int_equal(n_order, 2);
	assert_int_equal(order[0], 2); /* last deferred, first called */
	assert_int_equal(order[1], 1);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
	arena_strdup(&a, "reusable");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_did_you_mean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_and_routes, setup, teardown),
		cmocka_unit_test(test_url_decode),
		cmocka_unit_test(test_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
