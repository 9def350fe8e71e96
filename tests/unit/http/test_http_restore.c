/* test_http_restore.c: restoring a backup and deleting everything through the route
 * table, without a socket: a store that holds anything refuses a restore and keeps every
 * row (the backup exported before and after is the same, byte for byte), a broken file
 * lists its problems and changes nothing, deleting needs the word typed, a restore into
 * the emptied store brings every record back (the page's file form, multipart, and the
 * JSON API), and without a same-origin Origin and the right token nothing is changed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"

#define BOUNDARY "----unhunchtest7MA4YWxkTrZu0gW"
#define MULTIPART "Content-Type: multipart/form-data; boundary=" BOUNDARY

static int setup(void **state)
{
	if (hfx_setup(state))
		return -1;
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/checkins", "{\"date\": \"2026-11-29\", \"pain\": 4, \"regions\": {\"neck\": 6}}",
		 JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 201);
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/assessments", "{\"answers\": {\"desk-hours\": \"9\", \"stress\": \"6\"}}", JSON,
		 f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 201);
	req_release(&rq);
	return 0;
}

/* The JSON backup of everything the store holds now (the caller frees it). */
static char *backup(struct hfx *f)
{
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/export?format=json", NULL, NULL);
	assert_int_equal(rq.status, 200);
	char *s = xstrndup(rq.out, rq.out_len);
	req_release(&rq);
	return s;
}

static size_t records(struct hfx *f, const char *kind)
{
	char *b = backup(f);
	json_t *v = json_loads(b, 0, NULL);
	assert_non_null(v);
	size_t n = json_array_size(json_object_get(v, kind));
	json_decref(v);
	free(b);
	return n;
}

/* The page's restore form as a browser sends it: the token, then the file. */
static char *multipart(const char *csrf, const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	if (csrf)
		strbuf_addf(&sb, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", csrf);
	strbuf_addf(&sb, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"backup\"; filename=\"my backup.json\"\r\n"
			 "Content-Type: application/json\r\n\r\n%s\r\n--" BOUNDARY "--\r\n", file);
	return strbuf_detach(&sb);
}

static int restore_page(struct hfx *f, const char *csrf, const char *file, const char *origin, char **page)
{
	char *body = multipart(csrf, file);
	struct req rq;
	hfx_send(f, &rq, "POST", "/data/restore", body, MULTIPART, origin, NULL);
	int status = rq.status;
	if (page)
		*page = xstrdup(hfx_body(&rq));
	req_release(&rq);
	free(body);
	return status;
}

static int forget_page(struct hfx *f, const char *body, const char *origin)
{
	struct req rq;
	hfx_send(f, &rq, "POST", "/data/forget", body, FORM, origin, NULL);
	int status = rq.status;
	req_release(&rq);
	return status;
}

/* A store with data refuses a restore, by the page and the API, and keeps every row. */
static void test_refused_restore_keeps_rows(void **state)
{
	struct hfx *f = *state;
	char *before = backup(f), *page;
	assert_int_equal(records(f, "checkins"), 1);
	assert_int_equal(records(f, "assessments"), 1);
	/* the same backup again: the store is not empty */
	assert_int_equal(restore_page(f, f->srv.csrf, before, "Origin: " ORIGIN, &page), 409);
	assert_non_null(strstr(page, "This store already holds 1 check-in, 1 assessment"));
	assert_non_null(strstr(page, "nothing was changed"));
	free(page);
	char *after = backup(f);
	assert_string_equal(before, after);
	free(after);
	/* the API says the same */
	json_t *o = json_pack("{s:s}", "backup", before);
	char *body = json_dumps(o, 0);
	json_decref(o);
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/restore", body, JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 409);
	assert_string_equal(hfx_code(&rq), "not_empty");
	req_release(&rq);
	free(body);
	/* a broken file: its problems listed, nothing changed */
	assert_int_equal(restore_page(f, f->srv.csrf, "{\"format\": \"unhunch-backup\", \"version\": 1, \"checkins\": 3",
				      "Origin: " ORIGIN, &page),
			 400);
	assert_non_null(strstr(page, "the backup:1:"));
	free(page);
	hfx_send(f, &rq, "POST", "/api/v1/restore", "{\"backup\": \"[1, 2]\"}", JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_field(&rq), "backup");
	assert_true(json_array_size(json_object_get(json_object_get(hfx_json(&rq), "error"), "problems")) > 0);
	req_release(&rq);
	/* no file chosen */
	assert_int_equal(restore_page(f, f->srv.csrf, "", "Origin: " ORIGIN, &page), 400);
	assert_non_null(strstr(page, "Choose the backup file first"));
	free(page);
	after = backup(f);
	assert_string_equal(before, after);
	free(after);
	free(before);
}

/* Delete needs the word; then a restore into the empty store brings everything back. */
static void test_forget_then_restore(void **state)
{
	struct hfx *f = *state;
	char *before = backup(f), body[256], *page;
	snprintf(body, sizeof(body), "csrf=%s&confirm=", f->srv.csrf);
	assert_int_equal(forget_page(f, body, "Origin: " ORIGIN), 400);
	snprintf(body, sizeof(body), "csrf=%s&confirm=Delete", f->srv.csrf);
	assert_int_equal(forget_page(f, body, "Origin: " ORIGIN), 400);
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/forget", "{\"confirm\": \"yes\"}", JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_field(&rq), "confirm");
	req_release(&rq);
	char *after = backup(f);
	assert_string_equal(before, after);
	free(after);
	/* the word typed: everything goes */
	snprintf(body, sizeof(body), "csrf=%s&confirm=delete", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/data/forget", body, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "deleted"));
	assert_non_null(strstr(hfx_body(&rq), "This store holds nothing."));
	req_release(&rq);
	assert_int_equal(records(f, "checkins"), 0);
	assert_int_equal(records(f, "assessments"), 0);
	/* the backup back by the page's file form */
	assert_int_equal(restore_page(f, f->srv.csrf, before, "Origin: " ORIGIN, &page), 200);
	assert_non_null(strstr(page, "Restored: 1 check-in, 1 assessment."));
	free(page);
	after = backup(f);
	assert_string_equal(before, after);
	free(after);
	/* and by the API, after the API's delete */
	hfx_send(f, &rq, "POST", "/api/v1/forget", "{\"confirm\": \"delete\"}", JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	assert_int_equal(records(f, "checkins"), 0);
	json_t *o = json_pack("{s:s}", "backup", before);
	char *json = json_dumps(o, 0);
	json_decref(o);
	hfx_send(f, &rq, "POST", "/api/v1/restore", json, JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 201);
	req_release(&rq);
	free(json);
	after = backup(f);
	assert_string_equal(before, after);
	free(after);
	free(before);
}

/* Without the same origin and the right token, neither deletes nor restores anything. */
static void test_fails_closed(void **state)
{
	struct hfx *f = *state;
	char *before = backup(f), body[256];
	snprintf(body, sizeof(body), "csrf=%s&confirm=delete", f->srv.csrf);
	assert_int_equal(forget_page(f, body, "Origin: http://evil.example"), 403);
	assert_int_equal(forget_page(f, "csrf=0000&confirm=delete", "Origin: " ORIGIN), 403);
	assert_int_equal(forget_page(f, "confirm=delete", "Origin: " ORIGIN), 403);
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/forget", "{\"confirm\": \"delete\"}", JSON, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/forget", "{\"confirm\": \"delete\"}", JSON, f->tok, "Origin: http://evil.example",
		 NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	char *after = backup(f);
	assert_string_equal(before, after);
	free(after);
	/* an empty store: a restore from elsewhere is refused and it stays empty */
	hfx_send(f, &rq, "POST", "/api/v1/forget", "{\"confirm\": \"delete\"}", JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	assert_int_equal(restore_page(f, f->srv.csrf, before, "Origin: http://evil.example", NULL), 403);
	assert_int_equal(restore_page(f, "0000", before, "Origin: " ORIGIN, NULL), 403);
	assert_int_equal(restore_page(f, NULL, before, "Origin: " ORIGIN, NULL), 403);
	assert_int_equal(records(f, "checkins"), 0);
	assert_int_equal(records(f, "assessments"), 0);
	free(before);
}

/* A malformed multipart body is a 400, not a crash, and changes nothing. */
static void test_bad_multipart(void **state)
{
	struct hfx *f = *state;
	static const char *const bodies[] = {
		"", "--" BOUNDARY, "--" BOUNDARY "\r\n", "--" BOUNDARY "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--"
		BOUNDARY "--", "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"backup\"\r\n\r\n{}",
		"no delimiter at all",
	};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		struct req rq;
		hfx_send(f, &rq, "POST", "/data/restore", bodies[i], MULTIPART, "Origin: " ORIGIN, NULL);
		assert_int_equal(rq.status, 400);
		req_release(&rq);
	}
	struct req rq;
	hfx_send(f, &rq, "POST", "/data/restore", "--x--", "Content-Type: multipart/form-data", "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	req_release(&rq);
	assert_int_equal(records(f, "checkins"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_refused_restore_keeps_rows, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_forget_then_restore, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_fails_closed, setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_bad_multipart, setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
