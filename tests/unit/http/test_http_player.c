/* test_http_player.c: the web player's routes through the dispatcher: the gate's pass
 * (refused before the first screen, allowed after a clear one, signed so that a changed
 * or foreign token fails, the pain rule), the pass key in the data folder, and spoken
 * words rendered once and kept. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"
#include "app/app.h"
#include "app/safety.h"
#include "core/screen.h"
#include "core/tz.h"
#include "format/kept-warning.h"
#include "http/pass-sign.h"
#include "http/speech.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROUTINE "upper-back-activation"

/* POST the pass route with body; returns the answer (status checked). */
static json_t *ask_pass(struct hfx *f, struct req *rq, const char *body, int status)
{
	hfx_send(f, rq, "POST", "/api/v1/session/pass", body, "Origin: " ORIGIN, f->tok, "Content-Type: application/json",
		 NULL);
	if (rq->status != status)
		fprintf(stderr, "%d %.*s\n", rq->status, (int)rq->out_len, rq->out);
	assert_int_equal(rq->status, status);
	return hfx_json(rq);
}

/* Every question of the shipped screen answered no (or one yes), through the app layer. */
static void screen(struct hfx *f, const char *yes_to)
{
	struct strbuf err = STRBUF_INIT;
	if (!f->store)
		assert_int_equal(store_open(&f->store, f->db, &err), 0);
	struct store *st = f->store;
	struct tz utc = tz_fixed(0);
	struct app_ctx c = { st, &f->content, NOW_MS - 60000, &utc };
	struct screen_answer *a = xcalloc(f->content.n_q, sizeof(*a));
	for (size_t i = 0; i < f->content.n_q; i++)
		a[i] = (struct screen_answer){ f->content.q[i].id, yes_to && !strcmp(yes_to, f->content.q[i].id) };
	assert_int_equal(app_screen_save(&c, a, f->content.n_q, NULL, &err), 0);
	free(a);
	strbuf_release(&err);
}

static void test_pass_needs_a_screen(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	assert_false(json_is_true(json_object_get(v, "allowed")));
	assert_string_equal(json_string_value(json_object_get(v, "why")), "screen");
	assert_true(json_is_null(json_object_get(v, "token")));
	/* the way there in the browser, no command to type */
	assert_non_null(strstr(json_string_value(json_object_get(v, "message")), "Safety, in the menu"));
	assert_null(strstr(json_string_value(json_object_get(v, "message")), "unhunch "));
	assert_string_equal(resp_header(&rq, "Cache-Control"), "no-store");
	req_release(&rq);
}

static void test_pass_signed(void **state)
{
	struct hfx *f = *state;
	screen(f, NULL);
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 3, \"resume\": false}", 200);
	assert_true(json_is_true(json_object_get(v, "allowed")));
	assert_string_equal(json_string_value(json_object_get(v, "why")), "ok");
	const char *token = json_string_value(json_object_get(v, "token"));
	assert_non_null(token);
	assert_true(!strncmp(token, "up2.web-player." ROUTINE ".n.3.", strlen("up2.web-player." ROUTINE ".n.3.")));
	struct pass_claims c;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(pass_verify(f->srv.pass_key, token, &c, &err), 0);
	assert_int_equal(c.entry, GATE_WEB_PLAYER);
	assert_string_equal(c.routine, ROUTINE);
	assert_int_equal(c.pain_before, 3);
	assert_true(c.neck_ok);
	assert_false(c.gentle);
	assert_int_equal(c.issued_s, NOW_MS / 1000); /* when the gate gave it */
	/* a changed claim (the pain score) no longer matches its signature */
	char *forged = xstrdup(token);
	forged[strlen("up2.web-player." ROUTINE ".n.")] = '1';
	strbuf_reset(&err);
	assert_int_equal(pass_verify(f->srv.pass_key, forged, &c, &err), -1);
	assert_non_null(strstr(err.buf, "this server did not sign it"));
	/* signed under another key */
	unsigned char other[PASS_KEY_BYTES];
	memcpy(other, f->srv.pass_key, sizeof(other));
	other[0] ^= 1;
	strbuf_reset(&err);
	assert_int_equal(pass_verify(other, token, &c, &err), -1);
	/* every pass has its own id */
	struct req rq2;
	json_t *v2 = ask_pass(f, &rq2, "{\"routine\": \"" ROUTINE "\", \"pain\": 3}", 200);
	assert_string_not_equal(json_string_value(json_object_get(v2, "token")), token);
	req_release(&rq2);
	free(forged);
	strbuf_release(&err);
	req_release(&rq);
}

/* The pain rule as the terminal's start applies it: 8 or more before the session allows
 * only a gentle routine, and says which one instead; without a pain score the gate
 * decides on the rest. */
static void test_pass_pain_rule(void **state)
{
	struct hfx *f = *state;
	screen(f, NULL);
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 8}", 200);
	assert_false(json_is_true(json_object_get(v, "allowed")));
	assert_string_equal(json_string_value(json_object_get(v, "why")), "gentle_only");
	assert_non_null(json_string_value(json_object_get(v, "alternative")));
	assert_non_null(strstr(json_string_value(json_object_get(v, "message")), "instead"));
	assert_true(json_is_null(json_object_get(v, "token")));
	req_release(&rq);
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	assert_true(json_is_true(json_object_get(v, "allowed")));
	assert_int_equal(json_integer_value(json_object_get(v, "pain")), -1);
	req_release(&rq);
	/* the gentle routine it offers is allowed, the gentle way */
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 9}", 200);
	char body[200];
	snprintf(body, sizeof(body), "{\"routine\": \"%s\", \"pain\": 9}",
		 json_string_value(json_object_get(v, "alternative")));
	struct req rq2;
	json_t *g = ask_pass(f, &rq2, body, 200);
	assert_true(json_is_true(json_object_get(g, "allowed")));
	assert_true(json_is_true(json_object_get(g, "gentle")));
	assert_non_null(strstr(json_string_value(json_object_get(g, "token")), "g.9.")); /* "g" or "ng" */
	req_release(&rq2);
	req_release(&rq);
}

/* A warning sign stops exercise: refused, with who to see. */
static void test_pass_warning_sign(void **state)
{
	struct hfx *f = *state;
	const char *emergency = NULL;
	for (size_t i = 0; i < f->content.n_q; i++)
		if (f->content.q[i].urgency == URG_EMERGENCY)
			emergency = f->content.q[i].id;
	assert_non_null(emergency);
	screen(f, emergency);
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 1}", 200);
	assert_false(json_is_true(json_object_get(v, "allowed")));
	assert_string_equal(json_string_value(json_object_get(v, "why")), "warning_sign");
	assert_string_equal(json_string_value(json_object_get(v, "level")), "emergency");
	const char *advice = json_string_value(json_object_get(v, "advice"));
	assert_non_null(advice);
	assert_non_null(strstr(json_string_value(json_object_get(v, "message")), advice));
	assert_true(json_is_null(json_object_get(v, "token")));
	req_release(&rq);
}

/* A warning sign met in a web session is stored at once through the app layer, and the
 * next pass is refused with who to see; it needs the CSRF token like every change. */
static void test_warning_stops_the_next_pass(void **state)
{
	struct hfx *f = *state;
	screen(f, NULL);
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	assert_true(json_is_true(json_object_get(v, "allowed")));
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/warnings", "{}", "Origin: " ORIGIN, "Content-Type: application/json", NULL);
	assert_int_equal(rq.status, 403); /* no CSRF token */
	req_release(&rq);
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	assert_true(json_is_true(json_object_get(v, "allowed"))); /* nothing was stored */
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/warnings", "{\"dizzy\": true}", "Origin: " ORIGIN, f->tok,
		 "Content-Type: application/json", NULL);
	assert_int_equal(rq.status, 400); /* no fields */
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/warnings", "{}", "Origin: " ORIGIN, f->tok, "Content-Type: application/json",
		 NULL);
	assert_int_equal(rq.status, 201);
	assert_true(json_is_true(json_object_get(hfx_json(&rq), "saved")));
	req_release(&rq);
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	assert_false(json_is_true(json_object_get(v, "allowed")));
	assert_string_equal(json_string_value(json_object_get(v, "why")), "warning_sign");
	assert_true(json_is_null(json_object_get(v, "token")));
	assert_non_null(json_string_value(json_object_get(v, "advice")));
	req_release(&rq);
}

/* A warning sign a terminal session could not save, kept in "unsaved-warning" beside
 * the store: the next pass saves it first, as the terminal does, and is refused on it
 * (with who to see, no command to type); it stays refused once the file is gone. A
 * kept file that cannot be read refuses the pass with what to do in the browser. */
static void test_pass_settles_kept_warning(void **state)
{
	struct hfx *f = *state;
	screen(f, NULL);
	char path[192];
	snprintf(path, sizeof(path), "%s/" KEPT_WARNING_FILE, f->dir);
	assert_int_equal(symlink(KEPT_WARNING_FILE, path), 0); /* a loop: it cannot be read */
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	assert_false(json_is_true(json_object_get(v, "allowed")));
	assert_string_equal(json_string_value(json_object_get(v, "why")), "warning_sign");
	const char *msg = json_string_value(json_object_get(v, "message"));
	assert_non_null(strstr(msg, "could not be saved yet"));
	assert_non_null(strstr(msg, "Press Start again in a little while"));
	assert_null(strstr(msg, "unhunch"));
	assert_null(strstr(msg, "terminal"));
	req_release(&rq);
	assert_int_equal(unlink(path), 0);

	struct strbuf err = STRBUF_INIT;
	assert_int_equal(kept_warning_write(path, NOW_MS - 5000, URG_DAYS, f->content.q[0].id, &err), 0);
	strbuf_release(&err);
	for (int round = 0; round < 2; round++) {
		v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
		assert_false(json_is_true(json_object_get(v, "allowed")));
		assert_string_equal(json_string_value(json_object_get(v, "why")), "warning_sign");
		assert_true(json_is_null(json_object_get(v, "token")));
		assert_non_null(json_string_value(json_object_get(v, "advice")));
		assert_null(strstr(json_string_value(json_object_get(v, "message")), "unhunch"));
		req_release(&rq);
		assert_int_equal(access(path, F_OK), -1); /* saved, so gone */
	}
}

static void test_pass_bad_requests(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	ask_pass(f, &rq, "{\"routine\": \"no-such\"}", 404);
	assert_string_equal(hfx_field(&rq), "routine");
	req_release(&rq);
	ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 11}", 400);
	assert_string_equal(hfx_field(&rq), "pain");
	req_release(&rq);
	ask_pass(f, &rq, "{}", 400);
	req_release(&rq);
	/* no CSRF token: refused before the gate is asked */
	hfx_send(f, &rq, "POST", "/api/v1/session/pass", "{\"routine\": \"" ROUTINE "\"}", "Origin: " ORIGIN,
		 "Content-Type: application/json", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	/* no key: no pass */
	f->srv.pass_keyed = false;
	ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 503);
	req_release(&rq);
}

/* The key is made once, 0600, and read back the same; one readable by others or of the
 * wrong length stops the start with the file named. */
static void test_pass_key_file(void **state)
{
	struct hfx *f = *state;
	char path[200];
	snprintf(path, sizeof(path), "%s/" PASS_KEY_FILE, f->dir);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, PASS_KEY_BYTES);
	unsigned char again[PASS_KEY_BYTES];
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(pass_key_load(f->dir, again, &err), 0);
	assert_memory_equal(again, f->srv.pass_key, PASS_KEY_BYTES);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(pass_key_load(f->dir, again, &err), -1);
	assert_non_null(strstr(err.buf, "can be read by others"));
	assert_non_null(strstr(err.buf, path));
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(truncate(path, 5), 0);
	strbuf_reset(&err);
	assert_int_equal(pass_key_load(f->dir, again, &err), -1);
	assert_non_null(strstr(err.buf, "5 bytes, not 32"));
	/* a FIFO where the key should be is refused at once, not waited on */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkfifo(path, 0600), 0);
	strbuf_reset(&err);
	assert_int_equal(pass_key_load(f->dir, again, &err), -1);
	assert_non_null(strstr(err.buf, "not a plain file"));
	assert_int_equal(unlink(path), 0);
	strbuf_release(&err);
}

static void test_speech(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/speech?text=Lift+your+arms+slowly", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_string_equal(rq.type, "audio/wav");
	assert_string_equal(resp_header(&rq, "X-Speech-Cache"), "miss");
	assert_true(rq.out_len > 44 + 16000); /* more than a moment of 16-bit samples */
	assert_memory_equal(rq.out, "RIFF", 4);
	assert_memory_equal(rq.out + 8, "WAVEfmt ", 8);
	size_t first = rq.out_len;
	req_release(&rq);
	assert_int_equal(speech_renders(f->srv.speech), 1);
	hfx_send(f, &rq, "GET", "/api/v1/speech?text=Lift+your+arms+slowly", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_string_equal(resp_header(&rq, "X-Speech-Cache"), "hit");
	assert_int_equal(rq.out_len, first);
	req_release(&rq);
	assert_int_equal(speech_renders(f->srv.speech), 1); /* not rendered again */
	/* another site's page (an <audio> pointed here) is refused before anything is rendered */
	hfx_send(f, &rq, "GET", "/api/v1/speech?text=Something+new", NULL, "Sec-Fetch-Site: cross-site", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/speech?text=Something+new", NULL, "Sec-Fetch-Site: same-site", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	assert_int_equal(speech_renders(f->srv.speech), 1);
	hfx_send(f, &rq, "GET", "/api/v1/speech?text=Lift+your+arms+slowly", NULL, "Sec-Fetch-Site: same-origin", NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	/* the limits */
	const char *bad[] = { "/api/v1/speech", "/api/v1/speech?text=", "/api/v1/speech?text=+++",
			      "/api/v1/speech?text=a%07b", "/api/v1/speech?text=%ff%fe" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		hfx_send(f, &rq, "GET", bad[i], NULL, NULL);
		if (rq.status != 400)
			fprintf(stderr, "%s: %d %.*s\n", bad[i], rq.status, (int)rq.out_len, rq.out);
		assert_int_equal(rq.status, 400);
		req_release(&rq);
	}
	char longer[SPEECH_TEXT_MAX + 2];
	memset(longer, 'a', sizeof(longer) - 1);
	longer[SPEECH_TEXT_MAX + 1] = '\0';
	const char *why;
	assert_false(speech_text_ok(longer, &why)); /* the route's own limit is tested in tests/http */
	longer[SPEECH_TEXT_MAX] = '\0';
	assert_true(speech_text_ok(longer, &why));
	assert_int_equal(speech_renders(f->srv.speech), 1);
}

/* The cache keeps at most its cap: the oldest clip goes first. */
static void test_speech_cap(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	const char *wav;
	size_t len, len2;
	bool hit;
	struct strbuf err = STRBUF_INIT;
	struct speech *s = speech_new(SPEECH_CACHE_MAX);
	assert_int_equal(speech_wav(s, "one", &a, &wav, &len, &hit, &err), 0);
	assert_int_equal(speech_wav(s, "two", &a, &wav, &len2, &hit, &err), 0);
	speech_free(s);
	s = speech_new((len > len2 ? len : len2) + 1000); /* room for one of them, not both */
	assert_int_equal(speech_wav(s, "one", &a, &wav, &len, &hit, &err), 0);
	assert_false(hit);
	assert_int_equal(speech_wav(s, "one", &a, &wav, &len, &hit, &err), 0);
	assert_true(hit);
	assert_int_equal(speech_wav(s, "two", &a, &wav, &len, &hit, &err), 0);
	assert_int_equal(speech_wav(s, "one", &a, &wav, &len, &hit, &err), 0);
	assert_false(hit); /* "two" pushed it out */
	assert_int_equal(speech_renders(s), 3);
	arena_free(&a);
	strbuf_release(&err);
	speech_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pass_needs_a_screen, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_signed, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_pain_rule, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_warning_sign, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_bad_requests, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_warning_stops_the_next_pass, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_settles_kept_warning, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_key_file, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_speech, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_speech_cap, hfx_setup_pass, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
