/* test_http_checkin.c: the day and the check-in through the route table, without a
 * socket: GET /api/v1/today, POST and GET /api/v1/checkins (the body map's regions, a
 * back-filled day, a 400 naming the field with nothing stored, one check-in a day), the
 * pages / and /checkin and the form's post, and a cross-site post to either refused with
 * nothing stored. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"
#include "http/fresh.h"
#include "app/safety.h"
#include "app/today.h"
#include "core/mem.h"
#include <sqlite3.h>

#define TODAY "2026-11-30" /* NOW_MS, in UTC (the fixture's server has no zone) */

static int post(struct hfx *f, const char *body, char code[64], char field[96])
{
	return hfx_post(f, "/api/v1/checkins", body, code, field);
}

/* The check-ins stored, as the API lists them (the last 30 days). */
static size_t listed(struct hfx *f)
{
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/checkins?from=2026-01-01&to=" TODAY, NULL, NULL);
	assert_int_equal(rq.status, 200);
	size_t n = json_array_size(json_object_get(hfx_json(&rq), "checkins"));
	req_release(&rq);
	return n;
}

static void test_today_new_person(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/today", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *v = hfx_json(&rq);
	assert_string_equal(json_string_value(json_object_get(v, "date")), TODAY);
	assert_string_equal(json_string_value(json_object_get(v, "weekday")), "Monday");
	assert_true(json_is_false(json_object_get(v, "screened")));
	json_t *now = json_object_get(v, "now");
	assert_string_equal(json_string_value(json_object_get(now, "action")), "screen");
	assert_string_equal(json_string_value(json_object_get(now, "href")), "/screening");
	assert_true(json_is_null(json_object_get(v, "last_checkin")));
	assert_true(json_is_array(json_object_get(v, "due")));
	assert_true(json_is_true(json_object_get(v, "waits_screen")));
	req_release(&rq);
	/* the page's "Due today" says why nothing is due yet, with the way to the questions,
	 * without repeating the explanation the button above it gives */
	hfx_send(f, &rq, "GET", "/", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *due = strstr(hfx_body(&rq), "<h2 id=\"due-h\">Due today</h2>");
	assert_non_null(due);
	assert_non_null(strstr(due, "<p data-test=\"waits-screen\">Nothing until "
				    "<a href=\"/screening\">the safety questions</a> are answered.</p>"));
	const char *waits = "Exercise waits until you have answered the safety questions";
	const char *once = strstr(hfx_body(&rq), waits);
	assert_non_null(once);
	assert_null(strstr(once + 1, waits));
	assert_null(strstr(hfx_body(&rq), "exercise waits until you have answered"));
	req_release(&rq);
	/* the API takes no query it does not know */
	hfx_send(f, &rq, "GET", "/api/v1/today?day=1", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_code(&rq), "unknown_field");
	req_release(&rq);
}

/* Today is worked out once while nothing changes, and again as soon as anything is
 * written, by the server or by another program (the terminal) on the same file. */
static void test_today_kept_while_nothing_changes(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/today", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_null(json_object_get(hfx_json(&rq), "last_checkin")));
	req_release(&rq);
	uint64_t hits = fresh_hits();
	hfx_send(f, &rq, "GET", "/api/v1/today", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_null(json_object_get(hfx_json(&rq), "last_checkin")));
	req_release(&rq);
	assert_int_equal(fresh_hits(), hits + 1); /* the second one from memory */
	/* the terminal checks in, on its own connection */
	struct store *term;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(store_open(&term, f->db, &err), 0);
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), TODAY);
	c.pain = 6;
	assert_int_equal(term->ops->checkin_add(term, &c, &err), 0);
	store_close(term);
	strbuf_release(&err);
	hfx_send(f, &rq, "GET", "/api/v1/today", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(hfx_json(&rq), "last_checkin"), "pain")), 6);
	req_release(&rq);
	assert_int_equal(fresh_hits(), hits + 1);
	/* and one through the server */
	assert_int_equal(post(f, "{\"date\": \"2026-11-29\", \"pain\": 2}", NULL, NULL), 201);
	hfx_send(f, &rq, "GET", "/", NULL, NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/", NULL, NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	assert_int_equal(fresh_hits(), hits + 2);
	hfx_send(f, &rq, "GET", "/api/v1/checkins?from=2026-11-29&to=2026-11-29", NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(hfx_json(&rq), "checkins")), 1);
	req_release(&rq);
}

static void test_checkin_body_map(void **state)
{
	struct hfx *f = *state;
	assert_int_equal(post(f, "{\"pain\": 4, \"stress\": 6, \"desk_hours\": 7.5, \"massage\": false, \"note\": \"long day\","
				 " \"regions\": {\"neck\": 5, \"between-shoulder-blades\": 7, \"right-shoulder\": 2}}",
			      NULL, NULL),
			 201);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/checkins", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *v = hfx_json(&rq);
	assert_string_equal(json_string_value(json_object_get(v, "to")), TODAY);
	assert_string_equal(json_string_value(json_object_get(v, "from")), "2026-11-01");
	json_t *c = json_array_get(json_object_get(v, "checkins"), 0);
	assert_non_null(c);
	assert_string_equal(json_string_value(json_object_get(c, "date")), TODAY);
	assert_int_equal(json_integer_value(json_object_get(c, "pain")), 4);
	assert_true(json_is_null(json_object_get(c, "headache")));
	assert_true(json_real_value(json_object_get(c, "desk_hours")) == 7.5);
	assert_true(json_is_false(json_object_get(c, "massage")));
	assert_string_equal(json_string_value(json_object_get(c, "note")), "long day");
	json_t *r = json_object_get(c, "regions");
	assert_int_equal(json_integer_value(json_object_get(r, "neck")), 5);
	assert_int_equal(json_integer_value(json_object_get(r, "between-shoulder-blades")), 7);
	assert_int_equal(json_integer_value(json_object_get(r, "right-shoulder")), 2);
	assert_true(json_is_null(json_object_get(r, "chest")));
	req_release(&rq);
	/* Today shows it */
	hfx_send(f, &rq, "GET", "/api/v1/today", NULL, NULL);
	v = hfx_json(&rq);
	assert_true(json_is_true(json_object_get(v, "checked_in_today")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(v, "last_checkin"), "pain")), 4);
	req_release(&rq);
	/* a missed day, back-filled */
	assert_int_equal(post(f, "{\"date\": \"2026-11-27\", \"pain\": 6}", NULL, NULL), 201);
	hfx_send(f, &rq, "GET", "/api/v1/checkins?from=2026-11-27&to=2026-11-27", NULL, NULL);
	v = hfx_json(&rq);
	assert_int_equal(json_array_size(json_object_get(v, "checkins")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(v, "checkins"), 0), "pain")),
			 6);
	req_release(&rq);
}

/* Each bad value is a 400 naming its field, and nothing is stored. */
static void test_checkin_refused(void **state)
{
	struct hfx *f = *state;
	static const struct {
		const char *body, *code, *field;
	} cases[] = {
		{ "{\"pain\": 11}", "bad_value", "pain" },
		{ "{\"pain\": -1}", "bad_value", "pain" },
		{ "{\"pain\": 2.5}", "bad_value", "pain" },
		{ "{\"pain\": \"4\"}", "bad_value", "pain" },
		{ "{\"regions\": {\"neck\": 12}}", "bad_value", "regions.neck" },
		{ "{\"regions\": {\"nek\": 3}}", "unknown_field", "regions.nek" },
		{ "{\"regions\": [3]}", "bad_value", "regions" },
		{ "{\"desk_hours\": 25}", "bad_value", "desk_hours" },
		{ "{\"massage\": \"yes\"}", "bad_value", "massage" },
		{ "{\"date\": \"2026-12-01\", \"pain\": 3}", "bad_value", "date" }, /* tomorrow */
		{ "{\"date\": \"2026-02-30\", \"pain\": 3}", "bad_value", "date" },
		{ "{\"date\": \"1899-12-31\", \"pain\": 3}", "bad_value", "date" },
		{ "{\"pian\": 3}", "unknown_field", "pian" },
		{ "{}", "missing_field", "" },
		{ "{\"pain\": 3", "bad_json", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char code[64], field[96];
		int status = post(f, cases[i].body, code, field);
		if (status != 400 || strcmp(code, cases[i].code) || strcmp(field, cases[i].field))
			fail_msg("%s: %d %s %s, not 400 %s %s", cases[i].body, status, code, field, cases[i].code,
				 cases[i].field);
	}
	/* a note of 2001 characters (each two bytes) */
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "{\"note\": \"");
	for (int i = 0; i < 2001; i++)
		strbuf_addstr(&sb, "\xc3\xa9");
	strbuf_addstr(&sb, "\"}");
	char code[64], field[96];
	assert_int_equal(post(f, sb.buf, code, field), 400);
	assert_string_equal(field, "note");
	strbuf_release(&sb);
	assert_int_equal(listed(f), 0);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/checkins?from=2026-11-31", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_field(&rq), "from");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/checkins?from=2026-11-20&to=2026-11-10", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_field(&rq), "from");
	req_release(&rq);
}

/* One a day here: the same again is a harmless repeat, other values are refused. */
static void test_checkin_once_a_day(void **state)
{
	struct hfx *f = *state;
	char code[64], field[96];
	assert_int_equal(post(f, "{\"pain\": 3, \"regions\": {\"neck\": 4}}", NULL, NULL), 201);
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/checkins", "{\"pain\": 3, \"regions\": {\"neck\": 4}}", JSON, f->tok,
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_false(json_object_get(hfx_json(&rq), "saved")));
	req_release(&rq);
	assert_int_equal(post(f, "{\"pain\": 5}", code, field), 409);
	assert_string_equal(code, "already_checked_in");
	assert_string_equal(field, "date");
	assert_int_equal(listed(f), 1);
}

/* POST with an Idempotency-Key: its status, the answer's body (static copy) and
 * whether it was a replay. */
static int post_keyed(struct hfx *f, const char *key, const char *body, char *answer, size_t cap, bool *replayed)
{
	struct req rq;
	char kh[160];
	snprintf(kh, sizeof(kh), "Idempotency-Key: %s", key);
	hfx_send(f, &rq, "POST", "/api/v1/checkins", body, JSON, f->tok, "Origin: " ORIGIN, kh, NULL);
	int status = rq.status;
	snprintf(answer, cap, "%s", hfx_body(&rq));
	const char *r = resp_header(&rq, "Idempotent-Replayed");
	*replayed = r && !strcmp(r, "true");
	req_release(&rq);
	return status;
}

/* An Idempotency-Key: a repeat of the request gets the first answer (201, saved) again
 * and stores nothing; the key with another body is 409 key_reused; a key of the wrong
 * form 400 bad_key; a refusal (409 already_checked_in) is not kept under its key. */
static void test_checkin_idempotent(void **state)
{
	struct hfx *f = *state;
	char first[4096], again[4096];
	bool replayed;
	const char *body = "{\"pain\": 4, \"regions\": {\"neck\": 5}}";
	assert_int_equal(post_keyed(f, "k-1", body, first, sizeof(first), &replayed), 201);
	assert_false(replayed);
	assert_int_equal(post_keyed(f, "k-1", body, again, sizeof(again), &replayed), 201); /* not 200 saved:false */
	assert_true(replayed);
	assert_string_equal(again, first);
	assert_int_equal(listed(f), 1);
	assert_int_equal(post_keyed(f, "k-1", "{\"pain\": 6}", again, sizeof(again), &replayed), 409);
	assert_non_null(strstr(again, "key_reused"));
	assert_int_equal(post_keyed(f, "bad key!", body, again, sizeof(again), &replayed), 400);
	assert_non_null(strstr(again, "bad_key"));
	/* another value the same day under a new key: refused, and so again (not kept) */
	assert_int_equal(post_keyed(f, "k-2", "{\"pain\": 6}", again, sizeof(again), &replayed), 409);
	assert_non_null(strstr(again, "already_checked_in"));
	assert_int_equal(post_keyed(f, "k-2", "{\"pain\": 6}", again, sizeof(again), &replayed), 409);
	assert_false(replayed);
	/* a new day under that key is then taken */
	assert_int_equal(post_keyed(f, "k-2", "{\"pain\": 6, \"date\": \"2026-11-29\"}", again, sizeof(again),
				    &replayed), 201);
	assert_int_equal(listed(f), 2);
}

/* A post from another site, without the page's token or with a foreign Origin, to the
 * API or the form, is refused and stores nothing. */
/* Saved, but the gate could not be asked afterwards (its table is gone, as a broken
 * database would have it): the answer says so, never "nothing to answer". */
static void test_checkin_gate_unknown(void **state)
{
	struct hfx *f = *state;
	assert_int_equal(post(f, "{\"pain\": 2, \"date\": \"2026-11-28\"}", NULL, NULL), 201);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE screenings RENAME TO screenings_gone", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/checkins", "{\"pain\": 3}", JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 201);
	json_t *fu = json_object_get(hfx_json(&rq), "follow_up");
	assert_true(json_is_null(json_object_get(fu, "screen")));
	const char *why = json_string_value(json_object_get(fu, "gate_error"));
	assert_non_null(why);
	assert_non_null(strstr(why, "screenings"));
	req_release(&rq);
}

static void test_cross_site_refused(void **state)
{
	struct hfx *f = *state;
	char form[256];
	snprintf(form, sizeof(form), "csrf=%s&pain=4", f->srv.csrf);
	static const char *const origins[] = { "Origin: http://evil.example", "Origin: null", "Origin: http://127.0.0.1:9999" };
	struct req rq;
	for (size_t i = 0; i < 3; i++) {
		hfx_send(f, &rq, "POST", "/api/v1/checkins", "{\"pain\": 4}", JSON, f->tok, origins[i], NULL);
		assert_int_equal(rq.status, 403);
		assert_string_equal(hfx_code(&rq), "bad_origin");
		req_release(&rq);
		hfx_send(f, &rq, "POST", "/checkin", form, FORM, origins[i], "Sec-Fetch-Site: cross-site", NULL);
		assert_int_equal(rq.status, 403);
		req_release(&rq);
	}
	hfx_send(f, &rq, "POST", "/api/v1/checkins", "{\"pain\": 4}", JSON, "Origin: " ORIGIN, NULL); /* no token */
	assert_int_equal(rq.status, 403);
	assert_string_equal(hfx_code(&rq), "bad_csrf");
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/checkin", "pain=4", FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/checkins", "{\"pain\": 4}", JSON, "X-CSRF-Token: 00", "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	assert_int_equal(listed(f), 0);
}

/* The pages: the form with its body map, a post without scripts, Today showing it. */
static void test_pages(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/checkin", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	static const char *const regions[] = { "neck", "between-shoulder-blades", "upper-back", "left-shoulder",
					       "right-shoulder", "chest" };
	char want[96];
	for (int i = 0; i < 6; i++) {
		snprintf(want, sizeof(want), "class=\"region\" data-region=\"%s\"", regions[i]);
		assert_non_null(strstr(html, want)); /* tappable on the map */
		snprintf(want, sizeof(want), "<select id=\"r-%s\" name=\"%s\"", regions[i], regions[i]);
		assert_non_null(strstr(html, want)); /* and a plain field of the form */
	}
	assert_non_null(strstr(html, "max=\"" TODAY "\""));
	snprintf(want, sizeof(want), "name=\"csrf\" value=\"%s\"", f->srv.csrf);
	assert_non_null(strstr(html, want));
	assert_null(strstr(html, "<script>")); /* no inline script */
	assert_null(strstr(html, "style=\""));
	req_release(&rq);
	/* the form's post, as a browser sends it without scripts: empty boxes are not given */
	char form[512];
	snprintf(form, sizeof(form),
		 "csrf=%s&date=" TODAY "&neck=6&between-shoulder-blades=&upper-back=3&left-shoulder=&right-shoulder=&chest="
		 "&pain=4&headache=&stiffness=&stress=2&sleep=&desk_hours=6.5&massage=no&note=stiff+after+the+drive",
		 f->srv.csrf);
	hfx_send(f, &rq, "POST", "/checkin", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 303);
	assert_string_equal(resp_header(&rq, "Location"), "/");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	html = hfx_body(&rq);
	assert_non_null(strstr(html, "data-test=\"last-pain\">4<"));
	assert_non_null(strstr(html, "stiff after the drive"));
	assert_non_null(strstr(html, "<span class=\"region-name\" data-region=\"neck\">Neck</span> <strong>6</strong>"));
	assert_non_null(strstr(html, "class=\"button big\" href=\"/screening\"")); /* not screened yet */
	req_release(&rq);
	/* a second one for the day: the form again, saying why; nothing stored */
	snprintf(form, sizeof(form), "csrf=%s&date=" TODAY "&pain=7", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/checkin", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 409);
	html = hfx_body(&rq);
	assert_non_null(strstr(html, "checked in for " TODAY " already"));
	assert_non_null(strstr(html, "<option selected>7</option>")); /* what was typed is kept */
	req_release(&rq);
	/* a value out of range: the form again, with what was typed kept and the reason by
	 * the field (not the error page); nothing stored */
	snprintf(form, sizeof(form), "csrf=%s&date=2026-11-29&pain=11&stress=3&desk_hours=5&note=long+day&neck=4",
		 f->srv.csrf);
	hfx_send(f, &rq, "POST", "/checkin", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	html = hfx_body(&rq);
	assert_non_null(strstr(html, "<form class=\"form checkin\""));
	assert_non_null(strstr(html, "data-field=\"pain\""));
	assert_non_null(strstr(html, "<select id=\"s-pain\" name=\"pain\" aria-invalid=\"true\" aria-describedby=\"err-pain\">"));
	assert_non_null(strstr(html, "<span class=\"field-error\" id=\"err-pain\">pain: must be a whole number from 0 to 10</span>"));
	assert_non_null(strstr(html, "value=\"2026-11-29\""));
	assert_non_null(strstr(html, ">long day</textarea>"));
	assert_non_null(strstr(html, "value=\"5\""));
	assert_non_null(strstr(html, "<option selected>3</option>")); /* stress kept */
	assert_non_null(strstr(html, "<option selected>4</option>")); /* neck kept */
	req_release(&rq);
	/* a field the form does not have: the same */
	snprintf(form, sizeof(form), "csrf=%s&date=2026-11-29&pian=3", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/checkin", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	assert_non_null(strstr(hfx_body(&rq), "pian: there is no such field here"));
	req_release(&rq);
	/* a bad token is still refused outright, before any form */
	hfx_send(f, &rq, "POST", "/checkin", "csrf=nope&pain=11", FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	assert_int_equal(listed(f), 1);
}

/* A pain of 0 is a pain given: Today shows it (a section on a 0 would hide it), and a
 * note with a control character is refused as the terminal refuses it. */
static void test_pain_zero_and_control(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	char form[256];
	snprintf(form, sizeof(form), "csrf=%s&date=" TODAY "&pain=0&note=a%%1B%%5B2Jb", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/checkin", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 400);
	assert_non_null(strstr(hfx_body(&rq), "note"));
	req_release(&rq);
	snprintf(form, sizeof(form), "csrf=%s&date=" TODAY "&pain=0", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/checkin", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 303);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "data-test=\"last-pain\">0<"));
	req_release(&rq);
}

/* Every safety question answered `yes_all` (an emergency) or no, then, with no, a warning
 * sign during exercise (days) a minute later. */
static void paused_by(struct hfx *f, bool yes_all)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { st, &f->content, NOW_MS - 120000, &utc };
	struct screen_answer *a = xcalloc(f->content.n_q, sizeof(*a));
	for (size_t i = 0; i < f->content.n_q; i++)
		a[i] = (struct screen_answer){ f->content.q[i].id, yes_all };
	assert_int_equal(app_screen_save(&ctx, a, f->content.n_q, NULL, &err), 0);
	ctx.now_ms = NOW_MS - 60000;
	if (!yes_all)
		assert_int_equal(app_record_warning(&ctx, &err), 0);
	free(a);
	store_close(st);
	strbuf_release(&err);
}

/* Issue 19.7: while exercise is paused, Today says what is paused and what is still fine
 * in the app's words (the terminal prints the same), never a rest day; after an
 * emergency answer it does not tell the person to get up and move. */
static void test_today_paused_says_what_is_fine(void **state)
{
	struct hfx *f = *state;
	for (int yes_all = 0; yes_all < 2; yes_all++) {
		if (yes_all) {
			hfx_teardown(state);
			assert_int_equal(hfx_setup(state), 0);
			f = *state;
		}
		paused_by(f, yes_all);
		struct safety_status ss = { .screened = true, .allowed = false,
					    .level = yes_all ? URG_EMERGENCY : URG_DAYS, .warning_open = !yes_all };
		const char *what, *fine;
		app_pause_words(&ss, &what, &fine);
		struct req rq;
		hfx_send(f, &rq, "GET", "/api/v1/today", NULL, NULL);
		assert_int_equal(rq.status, 200);
		json_t *v = hfx_json(&rq);
		assert_true(json_is_false(json_object_get(v, "rest_day")));
		assert_true(json_is_false(json_object_get(v, "waits_screen"))); /* answered: paused, not waiting */
		assert_string_equal(json_string_value(json_object_get(v, "paused_what")), what);
		assert_string_equal(json_string_value(json_object_get(v, "still_fine")), fine);
		req_release(&rq);
		hfx_send(f, &rq, "GET", "/", NULL, "Accept: text/html", NULL);
		assert_int_equal(rq.status, 200);
		const char *html = hfx_body(&rq);
		assert_non_null(strstr(html, "data-test=\"still-fine\""));
		assert_null(strstr(html, "data-test=\"waits-screen\""));
		assert_null(strstr(html, "rest day"));
		if (yes_all) {
			assert_non_null(strstr(html, "Nothing else for now: follow the advice above first."));
			assert_null(strstr(html, "Still fine"));
		} else {
			assert_non_null(strstr(html, "Still fine: sit tall and get up to move gently"));
			assert_non_null(strstr(html, "as long as it does not make you dizzy"));
		}
		req_release(&rq);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_today_new_person, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_checkin_body_map, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_checkin_refused, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_checkin_once_a_day, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_checkin_idempotent, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_checkin_gate_unknown, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_cross_site_refused, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pages, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_today_kept_while_nothing_changes, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pain_zero_and_control, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_today_paused_says_what_is_fine, hfx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests_name("http_checkin", tests, NULL, NULL);
}
