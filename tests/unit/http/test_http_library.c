/* test_http_library.c: the routes that need only content, through the real route table
 * without a socket: the Library (API and pages), checking a content file, the status,
 * the static files and the pages not in the browser yet. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"
#include "http/assets.h"

static json_t *get_json(struct hfx *f, struct req *rq, const char *path, int status)
{
	hfx_send(f, rq, "GET", path, NULL, NULL);
	if (rq->status != status)
		fprintf(stderr, "%s: %d %.*s\n", path, rq->status, (int)rq->out_len, rq->out);
	assert_int_equal(rq->status, status);
	assert_string_equal(rq->type, "application/json");
	json_t *v = hfx_json(rq);
	assert_non_null(v);
	return v;
}

/* No answer tells where a file is on this computer. */
static void no_paths(struct req *rq)
{
	const char *body = hfx_body(rq);
	assert_null(strstr(body, UNHUNCH_SRC_DATADIR));
	assert_null(strstr(body, "\"file\""));
	assert_null(strstr(body, ".yaml"));
}

static void test_routines(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	json_t *v = json_object_get(get_json(f, &rq, "/api/v1/routines", 200), "routines");
	assert_int_equal(json_array_size(v), f->content.n_rt);
	/* in order of module: release first */
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 0), "module")), "release");
	json_t *act = NULL;
	for (size_t i = 0; i < json_array_size(v); i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(v, i), "id")), "upper-back-activation"))
			act = json_array_get(v, i);
	assert_non_null(act);
	assert_int_equal(json_array_size(json_object_get(act, "items")), 8);
	assert_int_equal(json_integer_value(json_object_get(act, "exercise_count")), 8);
	assert_true(json_integer_value(json_object_get(act, "minutes")) > 0);
	assert_true(json_is_false(json_object_get(act, "your_version")));
	no_paths(&rq);
	req_release(&rq);

	v = json_object_get(get_json(f, &rq, "/api/v1/routines?module=activation", 200), "routines");
	assert_int_equal(json_array_size(v), 1);
	req_release(&rq);
	get_json(f, &rq, "/api/v1/routines?module=cardio", 400);
	assert_string_equal(hfx_field(&rq), "module");
	req_release(&rq);
	get_json(f, &rq, "/api/v1/routines?modul=activation", 400);
	assert_string_equal(hfx_code(&rq), "unknown_field");
	req_release(&rq);

	v = get_json(f, &rq, "/api/v1/routines/upper-back-activation", 200);
	json_t *first = json_array_get(json_object_get(v, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "exercise")), "glute-bridge");
	assert_string_equal(json_string_value(json_object_get(json_object_get(first, "dose"), "text")),
			    "10 reps, 1 s hold in each rep");
	assert_true(json_string_length(json_object_get(first, "purpose")) > 10);
	no_paths(&rq);
	req_release(&rq);
	get_json(f, &rq, "/api/v1/routines/upper-back-activaton", 404);
	const char *msg = json_string_value(json_object_get(json_object_get(hfx_json(&rq), "error"), "message"));
	assert_non_null(strstr(msg, "did you mean 'upper-back-activation'?"));
	req_release(&rq);
}

static void test_exercises(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	json_t *v = json_object_get(get_json(f, &rq, "/api/v1/exercises", 200), "exercises");
	assert_int_equal(json_array_size(v), f->content.n_ex);
	no_paths(&rq);
	req_release(&rq);
	v = json_object_get(get_json(f, &rq, "/api/v1/exercises?category=breathing", 200), "exercises");
	assert_true(json_array_size(v) > 0 && json_array_size(v) < f->content.n_ex);
	for (size_t i = 0; i < json_array_size(v); i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(v, i), "category")), "breathing");
	req_release(&rq);

	v = get_json(f, &rq, "/api/v1/exercises/glute-bridge", 200);
	assert_true(json_array_size(json_object_get(v, "steps")) > 2);
	assert_true(json_array_size(json_object_get(v, "cautions")) > 0);
	const struct exercise *e = catalog_exercise(&f->content, "glute-bridge");
	const struct exercise *easier = catalog_exercise(&f->content, e->regression);
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "easier"), "name")), easier->name);
	json_t *in = json_object_get(v, "used_in");
	assert_string_equal(json_string_value(json_object_get(json_array_get(in, 0), "id")), "upper-back-activation");
	assert_true(json_is_null(json_object_get(v, "screen_note")));
	no_paths(&rq);
	req_release(&rq);
	v = get_json(f, &rq, "/api/v1/exercises/neck-range-bed-edge", 200);
	assert_non_null(strstr(json_string_value(json_object_get(v, "screen_note")), "neck screen"));
	req_release(&rq);
	get_json(f, &rq, "/api/v1/exercises/glute-brige", 404);
	assert_string_equal(hfx_field(&rq), "id");
	req_release(&rq);
}

static void page(struct hfx *f, struct req *rq, const char *path, int status)
{
	hfx_send(f, rq, "GET", path, NULL, "Accept: text/html", NULL);
	assert_int_equal(rq->status, status);
	assert_string_equal(rq->type, "text/html; charset=utf-8");
	const char *html = hfx_body(rq);
	assert_non_null(strstr(html, "<!doctype html>"));
	assert_non_null(strstr(html, "<html lang=\"en\">"));
	assert_non_null(strstr(html, f->srv.static_prefix)); /* styles and script by hash */
	assert_non_null(strstr(html, f->srv.csrf));          /* the token for forms and scripts */
	assert_null(strstr(html, "{{"));                      /* nothing left unrendered */
	assert_null(strstr(html, "http://"));                 /* nothing from anywhere else */
	assert_null(strstr(html, "https://"));
	assert_null(strstr(html, "<script>"));                /* no inline script */
	assert_null(strstr(html, "style=\""));                /* no inline style */
}

static void test_library_pages(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	page(f, &rq, "/library", 200);
	const char *html = hfx_body(&rq);
	for (size_t i = 0; i < f->content.n_rt; i++) {
		char link[160];
		snprintf(link, sizeof(link), "href=\"/library/routines/%s\"", f->content.rt[i].id);
		assert_non_null(strstr(html, link));
	}
	for (size_t i = 0; i < f->content.n_ex; i++) {
		char link[160];
		snprintf(link, sizeof(link), "href=\"/library/exercises/%s\"", f->content.ex[i].id);
		assert_non_null(strstr(html, link));
	}
	assert_non_null(strstr(html, "<a href=\"/library\" aria-current=\"page\">Library</a>"));
	req_release(&rq);

	page(f, &rq, "/library/routines/upper-back-activation", 200);
	html = hfx_body(&rq);
	const char *bridge = strstr(html, "Glute bridge"), *relax = strstr(html, "Relaxation snow angel");
	assert_true(bridge && relax && bridge < relax); /* in order */
	assert_non_null(strstr(html, "10 reps, 1 s hold in each rep"));
	req_release(&rq);

	page(f, &rq, "/library/exercises/glute-bridge", 200);
	html = hfx_body(&rq);
	const struct exercise *e = catalog_exercise(&f->content, "glute-bridge");
	assert_non_null(strstr(html, "<h2>Steps</h2>"));
	assert_non_null(strstr(html, "<h2>Cautions</h2>"));
	assert_non_null(strstr(html, "Easier: "));
	char easier[160];
	snprintf(easier, sizeof(easier), "href=\"/library/exercises/%s\"", e->regression);
	assert_non_null(strstr(html, easier));
	assert_non_null(strstr(html, "<img src=\"/library/exercises/glute-bridge/picture.svg\""));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/library/exercises/glute-bridge/picture.svg", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_string_equal(rq.type, "image/svg+xml");
	html = hfx_body(&rq);
	assert_true(!strncmp(html, "<svg ", 5));
	assert_null(strstr(html, "<script"));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/library/exercises/no-such/picture.svg", NULL, NULL);
	assert_int_equal(rq.status, 404);
	req_release(&rq);

	page(f, &rq, "/library/exercises/neck-range-bed-edge", 200);
	assert_non_null(strstr(hfx_body(&rq), "Needs the neck screen first"));
	req_release(&rq);

	page(f, &rq, "/library/exercises/no-such-thing", 404);
	assert_non_null(strstr(hfx_body(&rq), "there is no exercise"));
	req_release(&rq);
}

static void test_pending_pages(void **state)
{
	struct hfx *f = *state;
	static const char *const paths[] = { "/", "/checkin", "/progress", "/plan", "/assessment", "/screening",
					     "/history", "/breaks", "/data", "/library/check" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct req rq;
		page(f, &rq, paths[i], 200);
		assert_non_null(strstr(hfx_body(&rq), "aria-current=\"page\""));
		req_release(&rq);
	}
	struct req rq;
	page(f, &rq, "/assessment", 200); /* every page is in the browser now: no command to run instead */
	assert_non_null(strstr(hfx_body(&rq), "action=\"/assessment\""));
	assert_null(strstr(hfx_body(&rq), "Not in the browser yet"));
	req_release(&rq);
}

static void check(struct hfx *f, struct req *rq, const char *body, int status)
{
	hfx_send(f, rq, "POST", "/api/v1/content/check", body, "Origin: " ORIGIN, f->tok, "Content-Type: application/json",
		 NULL);
	if (rq->status != status)
		fprintf(stderr, "%d %.*s\n", rq->status, (int)rq->out_len, rq->out);
	assert_int_equal(rq->status, status);
}

static void test_content_check(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	/* a routine of one's own using a shipped exercise */
	check(f, &rq,
	      "{\"name\": \"mine.yaml\", \"text\": \"routines:\\n  - id: my-short\\n    name: Mine\\n    module: activation\\n"
	      "    description: Two of them.\\n    items:\\n      - exercise: glute-bridge\\n        reps: 8\\n\"}",
	      200);
	json_t *v = hfx_json(&rq);
	if (!json_is_true(json_object_get(v, "valid")))
		fprintf(stderr, "%.*s\n", (int)rq.out_len, rq.out);
	assert_true(json_is_true(json_object_get(v, "valid")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(v, "found"), "routines")), 1);
	req_release(&rq);
	/* an unknown exercise: a problem with its line */
	check(f, &rq,
	      "{\"text\": \"routines:\\n  - id: my-short\\n    name: Mine\\n    module: activation\\n"
	      "    description: Two of them.\\n    items:\\n      - exercise: glute-brige\\n        reps: 8\\n\"}",
	      200);
	v = hfx_json(&rq);
	assert_true(json_is_false(json_object_get(v, "valid")));
	json_t *p = json_array_get(json_object_get(v, "problems"), 0);
	assert_int_equal(json_integer_value(json_object_get(p, "line")), 7);
	assert_non_null(strstr(json_string_value(json_object_get(p, "message")), "did you mean 'glute-bridge'?"));
	assert_string_equal(json_string_value(json_object_get(v, "name")), "yours.yaml");
	req_release(&rq);
	/* not YAML at all */
	check(f, &rq, "{\"text\": \"routines: [\"}", 200);
	assert_true(json_is_false(json_object_get(hfx_json(&rq), "valid")));
	req_release(&rq);
	check(f, &rq, "{\"text\": 5}", 400);
	assert_string_equal(hfx_field(&rq), "text");
	req_release(&rq);
	check(f, &rq, "{\"text\": \"\"}", 400);
	assert_string_equal(hfx_field(&rq), "text");
	req_release(&rq);
	check(f, &rq, "{\"text\": \"a: b\", \"name\": \"../etc/passwd\"}", 400);
	assert_string_equal(hfx_field(&rq), "name");
	req_release(&rq);

	/* the same as a form, answered with a page that works without scripts */
	char body[256];
	snprintf(body, sizeof(body), "csrf=%s&name=x.yaml&text=routines%%3A+%%5B", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/library/check", body, "Origin: " ORIGIN,
		 "Content-Type: application/x-www-form-urlencoded", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "Problems found"));
	assert_non_null(strstr(html, "<code>x.yaml:2:1</code> flow sequence"));
	assert_non_null(strstr(html, ">routines: [</textarea>")); /* the text comes back to fix */
	req_release(&rq);
}

static void test_status(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	json_t *v = get_json(f, &rq, "/api/v1/status", 200);
	assert_string_equal(json_string_value(json_object_get(v, "mode")), "local");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(v, "store"), "schema")),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(v, "content"), "routines")),
			 f->content.n_rt);
	req_release(&rq);
	v = get_json(f, &rq, "/api/v1/session", 200);
	assert_string_equal(json_string_value(json_object_get(v, "csrf_token")), f->srv.csrf);
	req_release(&rq);
	/* a store that does not open: 503, not a crash */
	f->srv.store_path = "/proc/no/such/place/unhunch.db";
	struct store *keep = f->store;
	f->store = NULL;
	get_json(f, &rq, "/api/v1/status", 503);
	assert_string_equal(hfx_code(&rq), "store_unavailable");
	req_release(&rq);
	f->store = keep;
}

static void test_static(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	char path[160];
	snprintf(path, sizeof(path), "%s/app.css", f->srv.static_prefix);
	hfx_send(f, &rq, "GET", path, NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_string_equal(rq.type, "text/css; charset=utf-8");
	assert_string_equal(resp_header(&rq, "Cache-Control"), "public, max-age=31536000, immutable");
	const struct asset *a = asset_find("static/app.css");
	assert_int_equal(rq.out_len, a->len);
	char etag[80];
	snprintf(etag, sizeof(etag), "If-None-Match: %s", resp_header(&rq, "ETag"));
	req_release(&rq);
	hfx_send(f, &rq, "GET", path, NULL, etag, NULL);
	assert_int_equal(rq.status, 304);
	assert_int_equal(rq.out_len, 0);
	req_release(&rq);
	snprintf(path, sizeof(path), "%s/app.js", f->srv.static_prefix);
	hfx_send(f, &rq, "GET", path, NULL, NULL);
	assert_string_equal(rq.type, "text/javascript; charset=utf-8");
	req_release(&rq);
	/* an old hash, a template, a file that is not there, a way out of the folder */
	static const char *const missing[] = { "/static/0123456789abcdef/app.css", "%s/head.html", "%s/nope.css",
					       "%s/..", "/static/%s/app.css" };
	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		snprintf(path, sizeof(path), missing[i], f->srv.static_prefix);
		hfx_send(f, &rq, "GET", path, NULL, NULL);
		assert_int_equal(rq.status, 404);
		req_release(&rq);
	}
	snprintf(path, sizeof(path), "%s/app.css", f->srv.static_prefix);
	hfx_send(f, &rq, "POST", path, "", "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 405);
	req_release(&rq);
}

/* Answers built from the content alone are kept after the first request: the second is
 * the same, headers and all; different query values are kept apart; errors are not kept. */
static void test_cache(void **state)
{
	struct hfx *f = *state;
	struct req a, b;
	hfx_send(f, &a, "GET", "/library", NULL, NULL);
	hfx_send(f, &b, "GET", "/library", NULL, NULL);
	assert_int_equal(a.status, 200);
	assert_int_equal(b.status, 200);
	assert_int_equal(a.out_len, b.out_len);
	assert_memory_equal(a.out, b.out, a.out_len);
	assert_ptr_not_equal(a.out, b.out);
	assert_string_equal(b.type, "text/html; charset=utf-8");
	assert_non_null(resp_header(&b, "Content-Security-Policy"));
	assert_string_equal(resp_header(&b, "Cache-Control"), "no-store");
	req_release(&a);
	req_release(&b);
	json_t *v = json_object_get(get_json(f, &a, "/api/v1/routines?module=release", 200), "routines");
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 0), "module")), "release");
	v = json_object_get(get_json(f, &b, "/api/v1/routines?module=activation", 200), "routines");
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 0), "module")), "activation");
	req_release(&a);
	req_release(&b);
	for (int i = 0; i < 2; i++) {
		get_json(f, &a, "/api/v1/routines?module=cardio", 400);
		req_release(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_routines, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_exercises, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_library_pages, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pending_pages, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_content_check, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_status, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_static, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_cache, hfx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
