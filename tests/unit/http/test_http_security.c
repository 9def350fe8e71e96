/* test_http_security.c: the protections of local mode, without a socket: Host names,
 * Origin and CSRF token on changes, security headers on every answer, body limits,
 * and loopback-only listening (beyond it clinic mode's only, with TLS or a named
 * proxy). Each test fails when its protection is taken out. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"
#include "http/http.h"

static int changes; /* how many times the test handler below ran */

static void change(struct req *rq)
{
	changes++;
	reply_json(rq, 200, json_pack("{s:b}", "changed", 1));
}

static const struct field change_fields[] = {
	{ "pain", FIELD_INT, false, 0, 10, NULL, NULL },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* A route that changes something, as the check-in route will. */
static const struct route test_routes[] = {
	{ "POST", "/t/change", change, ACCESS_SELF, 128, change_fields, ROUTE_API, "a change", NULL, 0 },
	{ "GET", "/t/look", change, ACCESS_SELF, 0, NULL, ROUTE_API, "a look", NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, NULL, 0, NULL, NULL, 0 },
};

static int setup(void **state)
{
	if (hfx_setup(state))
		return -1;
	((struct hfx *)*state)->srv.routes = test_routes;
	changes = 0;
	return 0;
}

static void test_host(void **state)
{
	struct hfx *f = *state;
	static const struct {
		const char *host;
		int status;
	} cases[] = {
		{ "Host: 127.0.0.1:8750", 200 },
		{ "Host: localhost:8750", 200 },
		{ "Host: LOCALHOST:8750", 200 },
		{ "Host: evil.example", 421 },           /* DNS rebinding: a foreign name on our address */
		{ "Host: evil.example:8750", 421 },
		{ "Host: 127.0.0.1:8751", 421 },
		{ "Host: 127.0.0.1", 421 },
		{ "Host: 127.0.0.1:8750.evil.example", 421 },
		{ "Host: ", 421 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct req rq;
		hfx_send(f, &rq, "GET", "/t/look", NULL, cases[i].host, NULL);
		assert_int_equal(rq.status, cases[i].status);
		if (cases[i].status == 421) {
			assert_string_equal(hfx_code(&rq), "bad_host");
			assert_string_equal(hfx_field(&rq), "Host");
		}
		req_release(&rq);
	}
	assert_int_equal(changes, 3);
	/* no Host at all */
	struct req rq;
	req_init(&rq, &f->srv, NOW_MS, "GET", "/t/look");
	http_handle(&rq, NULL, 0);
	assert_int_equal(rq.status, 421);
	req_release(&rq);
	assert_int_equal(changes, 3);
}


static void test_origin(void **state)
{
	struct hfx *f = *state;
	static const char *const bad[] = {
		"Origin: http://evil.example", "Origin: null", "Origin: https://127.0.0.1:8750",
		"Origin: http://127.0.0.1:8751", "Origin: http://127.0.0.1:8750.evil.example", "Origin: ",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct req rq;
		hfx_send(f, &rq, "POST", "/t/change", "{}", "Content-Type: application/json", f->tok, bad[i], NULL);
		assert_int_equal(rq.status, 403);
		assert_string_equal(hfx_code(&rq), "bad_origin");
		req_release(&rq);
	}
	struct req rq;
	hfx_send(f, &rq, "POST", "/t/change", "{}", "Content-Type: application/json", f->tok, NULL); /* no Origin */
	assert_int_equal(rq.status, 403);
	assert_string_equal(hfx_code(&rq), "bad_origin");
	req_release(&rq);
	assert_int_equal(changes, 0);
	hfx_send(f, &rq, "POST", "/t/change", "{}", "Content-Type: application/json", f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/t/change", "{}", "Content-Type: application/json", f->tok,
		 "Origin: http://localhost:8750", NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	assert_int_equal(changes, 2);
	/* a browser's own form under Referrer-Policy: no-referrer sends Origin: null; it
	 * passes only when the browser also says the request is same-origin */
	static const struct {
		const char *origin, *site;
		int status;
	} nulls[] = {
		{ "Origin: null", "Sec-Fetch-Site: same-origin", 200 },
		{ "Origin: null", "Sec-Fetch-Site: same-site", 403 }, /* another port of 127.0.0.1 */
		{ "Origin: null", "Sec-Fetch-Site: cross-site", 403 },
		{ "Origin: null", "Sec-Fetch-Site: none", 403 },
		{ "Origin: " ORIGIN, "Sec-Fetch-Site: cross-site", 403 },
		{ "Origin: " ORIGIN, "Sec-Fetch-Site: same-origin", 200 },
		{ "Origin: http://evil.example", "Sec-Fetch-Site: same-origin", 403 },
	};
	for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++) {
		hfx_send(f, &rq, "POST", "/t/change", "{}", "Content-Type: application/json", f->tok, nulls[i].origin,
			 nulls[i].site, NULL);
		assert_int_equal(rq.status, nulls[i].status);
		req_release(&rq);
	}
	assert_int_equal(changes, 4);
}

static void test_csrf(void **state)
{
	struct hfx *f = *state;
	char form[256];
	struct req rq;
	/* no token */
	hfx_send(f, &rq, "POST", "/t/change", "{}", "Content-Type: application/json", "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	assert_string_equal(hfx_code(&rq), "bad_csrf");
	req_release(&rq);
	/* a wrong token, one of the right length, one cut short, an empty one */
	char wrong[128];
	snprintf(wrong, sizeof(wrong), "X-CSRF-Token: %s", f->srv.csrf);
	wrong[strlen(wrong) - 1] ^= 1;
	const char *bad[] = { wrong, "X-CSRF-Token: 1234", "X-CSRF-Token: " };
	for (size_t i = 0; i < 3; i++) {
		hfx_send(f, &rq, "POST", "/t/change", "{}", "Content-Type: application/json", "Origin: " ORIGIN, bad[i],
			 NULL);
		assert_int_equal(rq.status, 403);
		assert_string_equal(hfx_code(&rq), "bad_csrf");
		req_release(&rq);
	}
	/* in a form field: right and wrong */
	snprintf(form, sizeof(form), "pain=3&csrf=%s", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/t/change", form, "Content-Type: application/x-www-form-urlencoded",
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	form[strlen(form) - 1] ^= 1;
	hfx_send(f, &rq, "POST", "/t/change", form, "Content-Type: application/x-www-form-urlencoded",
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	assert_string_equal(hfx_code(&rq), "bad_csrf");
	req_release(&rq);
	assert_int_equal(changes, 1);
	/* the token is not a constant: two servers, two tokens */
	struct server other;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(server_init(&other, "127.0.0.1", 8750, &err), 0);
	assert_int_equal(strlen(other.csrf), 64);
	assert_string_not_equal(other.csrf, f->srv.csrf);
	server_release(&other);
	strbuf_release(&err);
}

static void check_headers(struct req *rq)
{
	const char *csp = resp_header(rq, "Content-Security-Policy");
	assert_non_null(csp);
	assert_non_null(strstr(csp, "default-src 'self'"));
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_non_null(strstr(csp, "script-src 'self'"));
	assert_null(strstr(csp, "unsafe-inline"));
	assert_null(strstr(csp, "unsafe-eval"));
	assert_string_equal(resp_header(rq, "X-Content-Type-Options"), "nosniff");
	assert_string_equal(resp_header(rq, "Referrer-Policy"), "no-referrer");
	const char *pp = resp_header(rq, "Permissions-Policy");
	assert_non_null(pp);
	assert_non_null(strstr(pp, "camera=()"));
	assert_non_null(strstr(pp, "microphone=()"));
	assert_non_null(strstr(pp, "geolocation=()"));
	assert_non_null(resp_header(rq, "Cache-Control"));
}

/* Every kind of answer carries the headers: pages, API, files, and every error. */
static void test_headers_everywhere(void **state)
{
	struct hfx *f = *state;
	f->srv.routes = routes;
	char css[128];
	snprintf(css, sizeof(css), "%s/app.css", f->srv.static_prefix);
	static const struct {
		const char *method, *path, *host, *origin;
		int status;
	} cases[] = {
		{ "GET", "/library", HOST, NULL, 200 },
		{ "GET", "/api/v1/routines", HOST, NULL, 200 },
		{ "GET", "/api/v1/status", HOST, NULL, 200 },
		{ "GET", "/nothing-here", HOST, NULL, 404 },
		{ "GET", "/api/v1/nothing", HOST, NULL, 404 },
		{ "DELETE", "/api/v1/routines", HOST, NULL, 405 },
		{ "GET", "/library", "evil.example", NULL, 421 },
		{ "POST", "/api/v1/content/check", HOST, "http://evil.example", 403 },
		{ "GET", "/api/v1/routines?colour=red", HOST, NULL, 400 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char host[128], origin[128];
		snprintf(host, sizeof(host), "Host: %s", cases[i].host);
		snprintf(origin, sizeof(origin), "Origin: %s", cases[i].origin ? cases[i].origin : ORIGIN);
		struct req rq;
		hfx_send(f, &rq, cases[i].method, cases[i].path, NULL, host, origin, f->tok, "Accept: text/html", NULL);
		assert_int_equal(rq.status, cases[i].status);
		check_headers(&rq);
		req_release(&rq);
	}
	struct req rq;
	hfx_send(f, &rq, "GET", css, NULL, NULL);
	assert_int_equal(rq.status, 200);
	check_headers(&rq);
	req_release(&rq);
	/* a body over the limit */
	static char big[2 * 1024 * 1024];
	memset(big, 'a', sizeof(big) - 1);
	hfx_send(f, &rq, "POST", "/api/v1/content/check", big, "Origin: " ORIGIN, f->tok,
		 "Content-Type: application/json", NULL);
	assert_int_equal(rq.status, 413);
	check_headers(&rq);
	req_release(&rq);
}

/* Every change the real table holds (the check-in, the pass, the upload of a web
 * session's steps, ...) is refused from a foreign Host, without our Origin and without
 * the CSRF token, before its handler runs; with all three it reaches its handler. */
static void test_every_change_route(void **state)
{
	struct hfx *f = *state;
	f->srv.routes = routes;
	int checked = 0;
	bool steps = false;
	for (const struct route *r = routes; r->method; r++) {
		if (strcmp(r->method, "POST") || (r->flags & ROUTE_CLINIC)) /* clinic mode's: test_http_login.c */
			continue;
		char path[160];
		snprintf(path, sizeof(path), "%s", r->pattern);
		char *brace = strchr(path, '{');
		if (brace)
			snprintf(brace, sizeof(path) - (size_t)(brace - path), "x");
		steps |= !strcmp(path, "/api/v1/session/steps");
		struct req rq;
		hfx_send(f, &rq, "POST", path, "{}", "Host: evil.example", "Origin: " ORIGIN, f->tok,
			 "Content-Type: application/json", "Idempotency-Key: k", NULL);
		assert_int_equal(rq.status, 421);
		req_release(&rq);
		hfx_send(f, &rq, "POST", path, "{}", "Origin: http://evil.example", f->tok, "Content-Type: application/json",
			 "Idempotency-Key: k", NULL);
		assert_int_equal(rq.status, 403);
		req_release(&rq);
		hfx_send(f, &rq, "POST", path, "{}", f->tok, "Content-Type: application/json", "Idempotency-Key: k", NULL);
		assert_int_equal(rq.status, 403);
		req_release(&rq);
		hfx_send(f, &rq, "POST", path, "{}", "Origin: " ORIGIN, "Content-Type: application/json",
			 "Idempotency-Key: k", NULL);
		assert_int_equal(rq.status, 403);
		req_release(&rq);
		/* all three right: past the protections (the empty body may still be refused) */
		hfx_send(f, &rq, "POST", path, "{}", "Origin: " ORIGIN, f->tok, "Content-Type: application/json",
			 "Idempotency-Key: k", NULL);
		assert_true(rq.status != 403 && rq.status != 421);
		req_release(&rq);
		checked++;
	}
	assert_true(checked >= 4);
	assert_true(steps);
}

/* Every GET of the API in the table, from another site (Sec-Fetch-Site), is refused
 * before its handler runs; from the server's own page, or from a client that sends no
 * such header, it is not; pages may be linked from anywhere. */
static void test_api_reads_same_origin(void **state)
{
	struct hfx *f = *state;
	f->srv.routes = routes;
	size_t n = 0;
	for (const struct route *r = routes; r->method; r++) {
		if (strcmp(r->method, "GET") || (r->flags & ROUTE_CLINIC))
			continue; /* clinic mode's routes are not there in local mode (test_http_account.c) */
		/* a path for the pattern: each {param} as "x" */
		char path[256];
		size_t o = 0;
		for (const char *p = r->pattern; *p && o < sizeof(path) - 2; p++) {
			if (*p == '{') {
				path[o++] = 'x';
				while (*p && *p != '}')
					p++;
			} else {
				path[o++] = *p;
			}
		}
		path[o] = '\0';
		static const char *const foreign[] = { "cross-site", "same-site", "none" };
		for (size_t i = 0; i < 3; i++) {
			char site[64];
			snprintf(site, sizeof(site), "Sec-Fetch-Site: %s", foreign[i]);
			struct req rq;
			hfx_send(f, &rq, "GET", path, NULL, site, NULL);
			if (r->kind == ROUTE_API) {
				if (rq.status != 403)
					fail_msg("GET %s with %s: %d, not 403", path, site, rq.status);
				assert_string_equal(hfx_code(&rq), "bad_origin");
				assert_string_equal(hfx_field(&rq), "Sec-Fetch-Site");
				n++;
			} else {
				assert_int_not_equal(rq.status, 403);
			}
			req_release(&rq);
		}
		if (r->kind != ROUTE_API || strchr(r->pattern, '{'))
			continue;
		struct req rq;
		hfx_send(f, &rq, "GET", path, NULL, "Sec-Fetch-Site: same-origin", NULL);
		assert_int_not_equal(rq.status, 403);
		req_release(&rq);
		hfx_send(f, &rq, "GET", path, NULL, NULL);
		assert_int_not_equal(rq.status, 403);
		req_release(&rq);
	}
	assert_true(n >= 3 * 8); /* the table's API reads were all tried */
}

static void test_body_limit(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	/* declared too long: refused before the body is read */
	req_init(&rq, &f->srv, NOW_MS, "POST", "/t/change");
	req_add_header(&rq, "Host", HOST);
	req_add_header(&rq, "Origin", ORIGIN);
	req_add_header(&rq, "X-CSRF-Token", f->srv.csrf);
	req_add_header(&rq, "Content-Length", "129");
	assert_int_equal(http_begin(&rq), 1);
	assert_int_equal(rq.status, 413);
	assert_string_equal(hfx_code(&rq), "too_large");
	req_release(&rq);
	/* a body of 129 bytes without a declared length */
	char body[160];
	snprintf(body, sizeof(body), "{\"pain\": 3%118s}", "");
	assert_int_equal(strlen(body), 129);
	req_init(&rq, &f->srv, NOW_MS, "POST", "/t/change");
	req_add_header(&rq, "Host", HOST);
	req_add_header(&rq, "Origin", ORIGIN);
	req_add_header(&rq, "X-CSRF-Token", f->srv.csrf);
	req_add_header(&rq, "Content-Type", "application/json");
	http_handle(&rq, body, strlen(body));
	assert_int_equal(rq.status, 413);
	req_release(&rq);
	/* at the limit: fine */
	snprintf(body, sizeof(body), "{\"pain\": 3%117s}", "");
	assert_int_equal(strlen(body), 128);
	hfx_send(f, &rq, "POST", "/t/change", body, "Origin: " ORIGIN, f->tok, "Content-Type: application/json", NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	/* a GET takes no body */
	hfx_send(f, &rq, "GET", "/t/look", "x", NULL);
	assert_int_equal(rq.status, 413);
	req_release(&rq);
	assert_int_equal(changes, 1);
	/* too many headers */
	req_init(&rq, &f->srv, NOW_MS, "GET", "/t/look");
	req_add_header(&rq, "Host", HOST);
	for (int i = 0; i < REQ_MAX_HEADERS + 1; i++)
		req_add_header(&rq, "X-Filler", "1");
	http_handle(&rq, NULL, 0);
	assert_int_equal(rq.status, 431);
	req_release(&rq);
	assert_int_equal(changes, 1);
}

static void test_listen(void **state)
{
	(void)state;
	static const char *const ok[] = { "127.0.0.1:8750", "localhost:8750", "[::1]:0", "8750", "127.1.2.3:80",
					  "127.0.0.1:0" };
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct listen_addr a;
		struct strbuf err = STRBUF_INIT;
		assert_int_equal(listen_parse(ok[i], &a, &err), 0);
		strbuf_release(&err);
	}
	struct listen_addr a;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(listen_parse("localhost:8750", &a, &err), 0);
	assert_string_equal(a.host, "127.0.0.1");
	assert_int_equal(a.port, 8750);
	static const char *const refused[] = { "0.0.0.0:8750", "192.168.1.20:8750", "[::]:8750", "[::ffff:127.0.0.1]:1",
					       "example.com:8750", "10.0.0.1:80", ":8750x" };
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		strbuf_reset(&err);
		assert_int_equal(listen_parse(refused[i], &a, &err), -1);
		if (strncmp(refused[i], ":8", 2)) {
			assert_non_null(strstr(err.buf, "not this computer's own"));
			assert_non_null(strstr(err.buf, "reverse proxy"));
		}
	}
	/* clinic mode: beyond loopback only with TLS or a named proxy; a name never */
	struct listen_addr any;
	strbuf_reset(&err);
	assert_int_equal(listen_parse_any("0.0.0.0:8750", &any, &err), 0);
	assert_false(any.loopback);
	assert_int_equal(listen_allowed(&any, false, true, true, &err), -1);  /* local mode: never */
	strbuf_reset(&err);
	assert_int_equal(listen_allowed(&any, true, false, false, &err), -1); /* clinic, in the clear */
	assert_non_null(strstr(err.buf, "without TLS"));
	assert_int_equal(listen_allowed(&any, true, true, false, &err), 0);
	assert_int_equal(listen_allowed(&any, true, false, true, &err), 0);
	assert_int_equal(listen_parse_any("[::1]:1", &any, &err), 0);
	assert_true(any.loopback);
	assert_int_equal(listen_allowed(&any, false, false, false, &err), 0);
	assert_int_equal(listen_parse_any("example.com:443", &any, &err), -1);
	static const char *const malformed[] = { "127.0.0.1:99999", "127.0.0.1:", "abc", "[::1]8750", "127.0.0.1:-1" };
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		strbuf_reset(&err);
		assert_int_equal(listen_parse(malformed[i], &a, &err), -1);
	}
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_host, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_origin, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_csrf, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_headers_everywhere, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_every_change_route, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_body_limit, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_api_reads_same_origin, setup, hfx_teardown),
		cmocka_unit_test(test_listen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
