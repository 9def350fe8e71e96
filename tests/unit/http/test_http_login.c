/* test_http_login.c: clinic mode's logins through the dispatcher: the cookie's flags, a
 * new id at every login (the old one ended: no fixation), anonymous pages sent to the
 * login and the API refused, the same answer for an unknown name and a wrong password,
 * the throttle's 429, the CSRF token tied to the session, logging out here and
 * everywhere, the idle timeout, and one client's check-in never shown to another.
 * Each test fails when its protection is taken out. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-clinic.h"
#include "core/login.h"

#define A hcx[CLIENT_A]
#define B hcx[CLIENT_B]

static int status_of(struct hfx *f, const char *method, const char *path, const char *body, const char *cookie,
		     const char *tok)
{
	struct req rq;
	if (!strcmp(method, "GET"))
		hfx_send(f, &rq, method, path, NULL, cookie, NULL);
	else
		hfx_send(f, &rq, method, path, body, JSON, "Origin: " ORIGIN, cookie, tok, NULL);
	int s = rq.status;
	req_release(&rq);
	return s;
}

static void test_cookie(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "POST", "/login", "{\"login\":\"CLEO\",\"password\":\"" PW "\"}", JSON, "Origin: " ORIGIN,
		 A.cookie, NULL);
	assert_int_equal(rq.status, 200);
	const char *set = resp_header(&rq, "Set-Cookie");
	assert_non_null(set);
	assert_int_equal(strncmp(set, "__Host-unhunch=", 15), 0);
	assert_non_null(strstr(set, "; Path=/"));
	assert_non_null(strstr(set, "; Secure"));
	assert_non_null(strstr(set, "; HttpOnly"));
	assert_non_null(strstr(set, "; SameSite=Strict"));
	assert_null(strstr(set, "Domain"));
	char fresh[128];
	snprintf(fresh, sizeof(fresh), "Cookie: %.*s", (int)strcspn(set, ";"), set);
	req_release(&rq);
	/* a new id at every login, and the one the browser came with ends (fixation) */
	assert_string_not_equal(fresh, A.cookie);
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, A.cookie, NULL), 401);
	hfx_send(f, &rq, "GET", "/api/v1/session", NULL, A.cookie, NULL); /* the browser told to forget it */
	assert_non_null(strstr(resp_header(&rq, "Set-Cookie") ? resp_header(&rq, "Set-Cookie") : "", "Max-Age=0"));
	req_release(&rq);
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, fresh, NULL), 200);
}

static void test_anonymous(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/progress", NULL, NULL);
	assert_int_equal(rq.status, 303);
	assert_string_equal(resp_header(&rq, "Location"), "/login");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/today", NULL, NULL);
	assert_int_equal(rq.status, 401);
	assert_string_equal(hfx_code(&rq), "login_needed");
	req_release(&rq);
	assert_int_equal(status_of(f, "POST", "/api/v1/checkins", "{\"pain\":3}", NULL, NULL), 401);
	assert_int_equal(status_of(f, "GET", "/api/v1/today", NULL, "Cookie: __Host-unhunch=forged", NULL), 401);
	assert_int_equal(status_of(f, "GET", "/api/v1/today", NULL,
				   "Cookie: __Host-unhunch=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL), 401);
	/* the login page and the static files need no one */
	assert_int_equal(status_of(f, "GET", "/login", NULL, NULL, NULL), 200);
	assert_int_equal(status_of(f, "GET", "/login", NULL, A.cookie, NULL), 303); /* logged in already */
	char path[128];
	snprintf(path, sizeof(path), "%s/app.css", f->srv.static_prefix);
	assert_int_equal(status_of(f, "GET", path, NULL, NULL, NULL), 200);
}

static void test_same_answer(void **state)
{
	struct hfx *f = *state;
	struct req unknown, wrong;
	hfx_send(f, &unknown, "POST", "/login", "{\"login\":\"nobody\",\"password\":\"wrong horse\"}", JSON,
		 "Origin: " ORIGIN, NULL);
	hfx_send(f, &wrong, "POST", "/login", "{\"login\":\"cleo\",\"password\":\"wrong horse\"}", JSON,
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(unknown.status, 401);
	assert_int_equal(wrong.status, 401);
	assert_string_equal(hfx_body(&unknown), hfx_body(&wrong));
	assert_null(resp_header(&wrong, "Set-Cookie"));
	req_release(&unknown);
	req_release(&wrong);
	/* the form gets the form again, the same for both */
	hfx_send(f, &unknown, "POST", "/login", "login=nobody&password=wrong+horse", FORM, "Origin: " ORIGIN, NULL);
	hfx_send(f, &wrong, "POST", "/login", "login=nobody&password=wrong+horse", FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(unknown.status, 401);
	assert_non_null(strstr(hfx_body(&unknown), "do not match an account"));
	req_release(&unknown);
	req_release(&wrong);
	/* the login form is held by the Origin check */
	struct req rq;
	hfx_send(f, &rq, "POST", "/login", "{\"login\":\"cleo\",\"password\":\"" PW "\"}", JSON,
		 "Origin: http://evil.example", NULL);
	assert_int_equal(rq.status, 403);
	assert_null(resp_header(&rq, "Set-Cookie"));
	req_release(&rq);
}

static void test_throttle(void **state)
{
	struct hfx *f = *state;
	snprintf(f->addr, sizeof(f->addr), "192.0.2.7");
	for (int i = 0; i <= throttle_by_name.free; i++)
		assert_int_equal(status_of(f, "POST", "/login", "{\"login\":\"cai\",\"password\":\"guess\"}", NULL, NULL),
				 401);
	struct req rq;
	hfx_send(f, &rq, "POST", "/login", "{\"login\":\"cai\",\"password\":\"" PW "\"}", JSON, "Origin: " ORIGIN,
		 NULL);
	assert_int_equal(rq.status, 429);
	assert_string_equal(hfx_code(&rq), "too_many_tries");
	assert_string_equal(resp_header(&rq, "Retry-After"), "1");
	assert_null(resp_header(&rq, "Set-Cookie"));
	req_release(&rq);
	f->now_ms = NOW_MS + 1000; /* waited */
	assert_int_equal(hcx_login(f, CLIENT_B), 200);
}

static void test_csrf_of_session(void **state)
{
	struct hfx *f = *state;
	const char *body = "{\"pain\":3}";
	char local[160];
	snprintf(local, sizeof(local), "X-CSRF-Token: %s", f->srv.csrf);
	assert_int_equal(status_of(f, "POST", "/api/v1/checkins", body, A.cookie, B.tok), 403);  /* B's token */
	assert_int_equal(status_of(f, "POST", "/api/v1/checkins", body, A.cookie, local), 403);  /* the server's */
	assert_int_equal(status_of(f, "POST", "/api/v1/checkins", body, A.cookie, NULL), 403);   /* none */
	assert_int_equal(status_of(f, "POST", "/api/v1/checkins", body, A.cookie, A.tok), 201);  /* A's own */
	/* a form's token too */
	struct req rq;
	char form[200];
	assert_true(snprintf(form, sizeof(form), "csrf=%s", B.tok + 14) < (int)sizeof(form));
	hfx_send(f, &rq, "POST", "/logout", form, FORM, "Origin: " ORIGIN, A.cookie, NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	/* pages carry the session's token */
	hfx_send(f, &rq, "GET", "/checkin", NULL, A.cookie, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), A.tok + 14));
	assert_null(strstr(hfx_body(&rq), f->srv.csrf));
	req_release(&rq);
	/* ... a page made from the content alone too, not the first asker's */
	for (int a = CLIENT_A; a <= CLIENT_B; a++) {
		hfx_send(f, &rq, "GET", "/library", NULL, hcx[a].cookie, NULL);
		assert_int_equal(rq.status, 200);
		assert_non_null(strstr(hfx_body(&rq), hcx[a].tok + 14));
		req_release(&rq);
	}
}

static void test_logout(void **state)
{
	struct hfx *f = *state;
	struct actor_keys first = A;
	assert_int_equal(hcx_login(f, CLIENT_A), 200); /* a second device */
	struct req rq;
	hfx_send(f, &rq, "POST", "/logout", "{}", JSON, "Origin: " ORIGIN, A.cookie, A.tok, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(resp_header(&rq, "Set-Cookie"), "Max-Age=0"));
	req_release(&rq);
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, A.cookie, NULL), 401);
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, first.cookie, NULL), 200);
	/* everywhere: the first device too; B stays */
	assert_int_equal(hcx_login(f, CLIENT_A), 200);
	hfx_send(f, &rq, "POST", "/logout", "{\"everywhere\":true}", JSON, "Origin: " ORIGIN, A.cookie, A.tok, NULL);
	assert_int_equal(rq.status, 200);
	assert_int_equal(json_integer_value(json_object_get(hfx_json(&rq), "ended")), 2);
	req_release(&rq);
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, first.cookie, NULL), 401);
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, A.cookie, NULL), 401);
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, B.cookie, NULL), 200);
}

static void test_idle(void **state)
{
	struct hfx *f = *state;
	f->now_ms = NOW_MS + 20 * 60 * 1000;
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, A.cookie, NULL), 200);
	f->now_ms += LOGIN_IDLE_MS - 1;
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, A.cookie, NULL), 200);
	f->now_ms += LOGIN_IDLE_MS; /* B idle since login */
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, B.cookie, NULL), 401);
	f->now_ms = NOW_MS + LOGIN_ABSOLUTE_MS;
	assert_int_equal(status_of(f, "GET", "/api/v1/session", NULL, A.cookie, NULL), 401);
}

/* A's check-in is A's: B, the trainers and the admin see none of it, on the API, on the
 * Today page kept per minute, and in the answers kept for the store's data version. */
static void test_apart(void **state)
{
	struct hfx *f = *state;
	assert_int_equal(status_of(f, "POST", "/api/v1/checkins", "{\"pain\":7,\"note\":\"only-cleo-knows\"}",
				   A.cookie, A.tok),
			 201);
	static const char *const reads[] = { "/api/v1/checkins", "/api/v1/today", "/", "/api/v1/export?format=json" };
	for (size_t r = 0; r < sizeof(reads) / sizeof(reads[0]); r++)
		for (int a = CLIENT_A; a < N_ACTORS; a++) {
			struct req rq;
			hfx_send(f, &rq, "GET", reads[r], NULL, hcx[a].cookie, NULL);
			assert_int_equal(rq.status, 200);
			bool shown = strstr(hfx_body(&rq), "only-cleo-knows") || strstr(hfx_body(&rq), "\"pain\":7");
			if (shown != (a == CLIENT_A))
				fail_msg("GET %s as %s: A's check-in %s", reads[r], actor_names[a],
					 shown ? "shown" : "missing");
			req_release(&rq);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cookie, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_anonymous, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_same_answer, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_throttle, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_csrf_of_session, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_logout, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_idle, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_apart, hcx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
