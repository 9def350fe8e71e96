/* test_http_steps.c: the web player's upload (POST /api/v1/session/steps) through the
 * dispatcher: a whole web session stored as an ordinary session (sets, exercises, how it
 * felt, its end), a repeat with the same key answered with the first answer and stored
 * once, a key reused for another request refused, and every protection (the key, the
 * pass's signature, its entry, its age, the step's fields) refusing with nothing stored;
 * a warning sign stored once, the pain after the session, an older running session
 * retired when a newer one begins; a step whose session another request began meanwhile
 * tried again and stored in that session. */
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
#include "http/pass-sign.h"

#define ROUTINE "upper-back-activation"
#define WEB_ID "web-session-0001"

/* A pass as the gate signs it for the web player, issued at issued_s (0: the old form). */
static char *pass(struct hfx *f, int entry, long long issued_s)
{
	struct pass_claims c = { entry, ROUTINE, true, false, 2, issued_s, "" };
	struct strbuf sb = STRBUF_INIT;
	pass_sign(f->srv.pass_key, &c, &sb);
	return strbuf_detach(&sb);
}

/* POST body to path with key (NULL: no header); returns the status, rq kept for the caller. */
static int post_body(struct hfx *f, struct req *rq, const char *path, const char *key, const char *body)
{
	char k[160];
	snprintf(k, sizeof(k), "Idempotency-Key: %s", key ? key : "");
	hfx_send(f, rq, "POST", path, body, "Origin: " ORIGIN, f->tok, "Content-Type: application/json", key ? k : NULL,
		 NULL);
	return rq->status;
}

static int post_body_ok(struct hfx *f, const char *path, const char *key, const char *body, int want)
{
	struct req rq;
	int got = post_body(f, &rq, path, key, body);
	if (got != want)
		fprintf(stderr, "%d %.*s\n", got, (int)rq.out_len, rq.out);
	assert_int_equal(got, want);
	req_release(&rq);
	return got;
}

/* The body of one step's request under token, for the session WEB_ID. */
static char *step_body(const char *token, const char *step)
{
	size_t n = strlen(token) + strlen(step) + 128;
	char *body = xmalloc(n);
	snprintf(body, n, "{\"pass\": \"%s\", \"session\": \"" WEB_ID "\", \"at_ms\": %lld, \"step\": %s}", token,
		 NOW_MS - 1000, step);
	return body;
}

/* POST one step with key (NULL: no header); returns the status. */
static int post(struct hfx *f, struct req *rq, const char *key, const char *token, const char *step)
{
	char *body = step_body(token, step);
	int status = post_body(f, rq, "/api/v1/session/steps", key, body);
	free(body);
	return status;
}

static int post_ok(struct hfx *f, const char *key, const char *token, const char *step, int want)
{
	char *body = step_body(token, step);
	int status = post_body_ok(f, "/api/v1/session/steps", key, body, want);
	free(body);
	return status;
}

static size_t n_sessions(struct hfx *f)
{
	struct strbuf err = STRBUF_INIT;
	if (!f->store)
		assert_int_equal(store_open(&f->store, f->db, &err), 0);
	struct session_row *s = NULL;
	size_t n = 0;
	assert_int_equal(f->store->ops->sessions_list(f->store, &s, &n, &err), 0);
	store_sessions_free(s, n);
	strbuf_release(&err);
	return n;
}

static const char *first_exercise(struct hfx *f)
{
	return catalog_routine(&f->content, ROUTINE)->items[0].exercise;
}

static char *set_step(struct hfx *f, int set_no)
{
	char *s = xmalloc(300);
	snprintf(s, 300, "{\"fx\": \"set\", \"item\": 0, \"exercise\": \"%s\", \"set\": %d, \"side\": \"\", "
		 "\"reps_target\": 8, \"reps_done\": 8, \"duration_ms\": 30000}", first_exercise(f), set_no);
	return s;
}

static void test_a_whole_session(void **state)
{
	struct hfx *f = *state;
	char *token = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 600);
	char *s1 = set_step(f, 1), *s2 = set_step(f, 2), ex[300], feel[300];
	snprintf(ex, sizeof(ex), "{\"fx\": \"exercise_end\", \"item\": 0, \"exercise\": \"%s\", \"status\": 0, "
		 "\"reps_done\": 16, \"duration_ms\": 60000}", first_exercise(f));
	snprintf(feel, sizeof(feel), "{\"fx\": \"feel\", \"item\": 0, \"exercise\": \"%s\", \"status\": 2}",
		 first_exercise(f));
	post_ok(f, "k-1", token, s1, 201);
	post_ok(f, "k-2", token, s2, 201);
	post_ok(f, "k-3", token, ex, 201);
	post_ok(f, "k-4", token, feel, 201);
	post_ok(f, "k-5", token, "{\"fx\": \"end\", \"status\": 1, \"duration_ms\": 70000}", 201);
	/* one ordinary session, finished, with its sets, exercise and feedback */
	struct strbuf err = STRBUF_INIT;
	struct store *st = f->store;
	struct session_row *s = NULL;
	size_t n = 0;
	assert_int_equal(st->ops->sessions_list(st, &s, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(s[0].routine_id, ROUTINE);
	assert_int_equal(s[0].status, SESSION_FINISHED);
	assert_int_equal(s[0].pain_before, 2);
	assert_int_equal(s[0].started_ms, (NOW_MS / 1000 - 600) * 1000);
	assert_int_equal(s[0].exercises_done, 1);
	int64_t id = s[0].id;
	store_sessions_free(s, n);
	struct set_row *sets = NULL;
	assert_int_equal(st->ops->sets_of(st, id, &sets, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(sets[0].exercise_id, first_exercise(f));
	assert_int_equal(sets[1].set_no, 2);
	assert_int_equal(sets[0].at_ms, NOW_MS - 1000); /* the page's time, between the pass and now */
	store_sets_free(sets, n);
	struct feedback_row *fb = NULL;
	assert_int_equal(st->ops->feedback_list(st, &fb, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(fb[0].session_id, id);
	store_feedback_free(fb, n);
	int64_t found = 0;
	assert_int_equal(st->ops->web_session_find(st, WEB_ID, &found, &err), 0);
	assert_int_equal(found, id);
	free(s1);
	free(s2);
	free(token);
	strbuf_release(&err);
}

static void test_repeat_and_reuse(void **state)
{
	struct hfx *f = *state;
	char *token = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 60);
	char *s1 = set_step(f, 1), *s2 = set_step(f, 2);
	struct req a, b;
	assert_int_equal(post(f, &a, "key-1", token, s1), 201);
	assert_null(resp_header(&a, "Idempotent-Replayed"));
	/* the same request again (an answer lost, a reload): the first answer, nothing stored twice */
	assert_int_equal(post(f, &b, "key-1", token, s1), 201);
	assert_string_equal(resp_header(&b, "Idempotent-Replayed"), "true");
	assert_int_equal(a.out_len, b.out_len);
	assert_memory_equal(a.out, b.out, a.out_len);
	req_release(&a);
	req_release(&b);
	/* the key used for another step: refused, and that step is not stored */
	assert_int_equal(post(f, &a, "key-1", token, s2), 409);
	assert_string_equal(json_string_value(json_object_get(json_object_get(hfx_json(&a), "error"), "code")),
			    "key_reused");
	req_release(&a);
	struct strbuf err = STRBUF_INIT;
	struct session_row *s = NULL;
	size_t n = 0;
	assert_int_equal(f->store->ops->sessions_list(f->store, &s, &n, &err), 0);
	assert_int_equal(n, 1);
	struct set_row *sets = NULL;
	size_t ns = 0;
	assert_int_equal(f->store->ops->sets_of(f->store, s[0].id, &sets, &ns, &err), 0);
	assert_int_equal(ns, 1);
	store_sets_free(sets, ns);
	store_sessions_free(s, n);
	free(s1);
	free(s2);
	free(token);
	strbuf_release(&err);
}

/* The store's web_session_find, saying "none yet" once when told to: what a request sees
 * when another one begins the same session between its look and its insert (PostgreSQL
 * at read committed: the insert then waits for the other and is refused). */
static struct store_ops lying;
static const struct store_ops *truthful;
static int lies;

static int find_after_lie(struct store *s, const char *web_id, int64_t *session, struct strbuf *err)
{
	if (lies > 0) {
		lies--;
		*session = 0;
		return 0;
	}
	return truthful->web_session_find(s, web_id, session, err);
}

static void test_session_begun_meanwhile(void **state)
{
	struct hfx *f = *state;
	char *token = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 60);
	char *s1 = set_step(f, 1), *s2 = set_step(f, 2);
	post_ok(f, "m-1", token, s1, 201);
	assert_int_equal(n_sessions(f), 1);
	truthful = f->store->ops;
	lying = *truthful;
	lying.web_session_find = find_after_lie;
	f->store->ops = &lying;
	/* the second step finds no session, begins one, and the store refuses its web id:
	 * tried again, it finds the session the first step kept; 201, one session, two sets */
	lies = 1;
	post_ok(f, "m-2", token, s2, 201);
	assert_int_equal(lies, 0);
	/* told "none yet" every time, it gives up after its tries with the store's refusal */
	lies = 100;
	char *s3 = set_step(f, 3);
	post_ok(f, "m-3", token, s3, 503);
	assert_int_equal(lies, 97);
	lies = 0;
	f->store->ops = truthful;
	assert_int_equal(n_sessions(f), 1);
	struct strbuf err = STRBUF_INIT;
	struct session_row *s = NULL;
	size_t n = 0;
	assert_int_equal(f->store->ops->sessions_list(f->store, &s, &n, &err), 0);
	struct set_row *sets = NULL;
	size_t ns = 0;
	assert_int_equal(f->store->ops->sets_of(f->store, s[0].id, &sets, &ns, &err), 0);
	assert_int_equal(ns, 2);
	store_sets_free(sets, ns);
	store_sessions_free(s, n);
	free(s1);
	free(s2);
	free(s3);
	free(token);
	strbuf_release(&err);
}

static void test_refusals(void **state)
{
	struct hfx *f = *state;
	char *good = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 60);
	char *s1 = set_step(f, 1);
	/* no key, a key that is not one */
	post_ok(f, NULL, good, s1, 400);
	post_ok(f, "has space", good, s1, 400);
	/* a pass changed after signing (the pain score), or signed with another key */
	char *forged = xstrdup(good);
	char *pain = strstr(forged, ".n.2.");
	pain[3] = '1';
	post_ok(f, "r-1", forged, s1, 403);
	unsigned char keep[PASS_KEY_BYTES];
	memcpy(keep, f->srv.pass_key, sizeof(keep));
	f->srv.pass_key[0] ^= 1;
	char *foreign = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 60);
	memcpy(f->srv.pass_key, keep, sizeof(keep));
	post_ok(f, "r-2", foreign, s1, 403);
	/* a pass for another way into exercise, a pass without its issue time */
	char *terminal = pass(f, GATE_START, NOW_MS / 1000 - 60);
	post_ok(f, "r-3", terminal, s1, 403);
	char *old_form = pass(f, GATE_WEB_PLAYER, 0);
	post_ok(f, "r-4", old_form, s1, 403);
	/* too old (8 days), or from the future (an hour ahead); 6 days is still taken below */
	char *stale = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 8 * 86400);
	post_ok(f, "r-5", stale, s1, 403);
	char *ahead = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 + 3600);
	post_ok(f, "r-6", ahead, s1, 403);
	/* steps the route's fields or the routine do not allow */
	post_ok(f, "r-7", good, "{\"fx\": \"dance\"}", 400);
	post_ok(f, "r-8", good, "{\"fx\": \"set\", \"item\": 0}", 400);
	post_ok(f, "r-9", good, "{\"fx\": \"set\", \"item\": 99, \"exercise\": \"x\", \"set\": 1, \"reps_target\": 1, "
				 "\"reps_done\": 1, \"duration_ms\": 1}", 400);
	post_ok(f, "r-10", good, "{\"fx\": \"end\", \"status\": 1, \"extra\": 1}", 400);
	assert_int_equal(n_sessions(f), 0);
	/* and a week-old session finished offline is still taken */
	char *six_days = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 6 * 86400);
	post_ok(f, "r-11", six_days, s1, 201);
	assert_int_equal(n_sessions(f), 1);
	free(six_days);
	free(stale);
	free(ahead);
	free(old_form);
	free(terminal);
	free(foreign);
	free(forged);
	free(s1);
	free(good);
}

static size_t n_warnings(struct hfx *f)
{
	struct strbuf err = STRBUF_INIT;
	if (!f->store)
		assert_int_equal(store_open(&f->store, f->db, &err), 0);
	struct screening_row *rows = NULL;
	size_t n = 0, w = 0;
	assert_int_equal(f->store->ops->screenings_list(f->store, &rows, &n, &err), 0);
	for (size_t i = 0; i < n; i++) {
		w += rows[i].n_answers == 1 && !strcmp(rows[i].answers[0].question_id, SCREEN_WARNING_ID);
		screening_row_release(&rows[i]);
	}
	free(rows);
	strbuf_release(&err);
	return w;
}

static size_t n_pains(struct hfx *f, int64_t session)
{
	struct strbuf err = STRBUF_INIT;
	struct pain_row *p = NULL;
	size_t n = 0;
	assert_int_equal(f->store->ops->pains_of(f->store, session, &p, &n, &err), 0);
	store_pains_free(p, n);
	strbuf_release(&err);
	return n;
}

/* The session of the page's id web (0 when none). */
static int64_t session_of(struct hfx *f, const char *web)
{
	struct strbuf err = STRBUF_INIT;
	int64_t id = 0;
	assert_int_equal(f->store->ops->web_session_find(f->store, web, &id, &err), 0);
	strbuf_release(&err);
	return id;
}

static struct session_row one_session(struct hfx *f, int64_t id)
{
	struct strbuf err = STRBUF_INIT;
	struct session_row *s = NULL, out = { 0 };
	size_t n = 0;
	assert_int_equal(f->store->ops->sessions_list(f->store, &s, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		if (s[i].id == id)
			out = (struct session_row){ s[i].id, NULL, s[i].started_ms, s[i].ended_ms, s[i].status,
						    s[i].pain_before, s[i].pain_after, NULL, 0, 0, 0 };
	store_sessions_free(s, n);
	strbuf_release(&err);
	assert_int_equal(out.id, id);
	return out;
}

/* A warning sign sent at once with its step (POST /api/v1/warnings) and again by the
 * outbox (the same key, or another one): one warning screening, one pain row. */
static void test_warning_stored_once(void **state)
{
	struct hfx *f = *state;
	char *token = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 600);
	char body[1024], other[1024];
	snprintf(body, sizeof(body), "{\"pass\": \"%s\", \"session\": \"" WEB_ID "\", \"at_ms\": %lld, "
		 "\"step\": {\"fx\": \"pain\", \"item\": 0, \"exercise\": \"%s\", \"score\": -1, "
		 "\"text\": \"Stop.\"}}", token, NOW_MS - 1000, first_exercise(f));
	post_body_ok(f, "/api/v1/warnings", "w-1", body, 201);
	assert_int_equal(n_warnings(f), 1);
	int64_t id = session_of(f, WEB_ID);
	assert_true(id > 0);
	assert_int_equal(n_pains(f, id), 1);
	/* the outbox's copy under the same key: the first answer, nothing stored */
	struct req rq;
	assert_int_equal(post_body(f, &rq, "/api/v1/session/steps", "w-1", body), 201);
	assert_string_equal(resp_header(&rq, "Idempotent-Replayed"), "true");
	req_release(&rq);
	/* under another key (an older page): the session log keeps one warning a session */
	snprintf(other, sizeof(other), "%s", body);
	post_body_ok(f, "/api/v1/session/steps", "w-2", other, 201);
	assert_int_equal(n_warnings(f), 1);
	assert_int_equal(n_pains(f, id), 1);
	/* a warning without its step, or under a pass this server does not take: stored alone */
	post_body_ok(f, "/api/v1/warnings", NULL, "{}", 201);
	assert_int_equal(n_warnings(f), 2);
	char *stale = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 8 * 86400);
	snprintf(other, sizeof(other), "{\"pass\": \"%s\", \"session\": \"web-session-0002\", "
		 "\"step\": {\"fx\": \"pain\", \"item\": 0, \"score\": -1}}", stale);
	post_body_ok(f, "/api/v1/warnings", "w-3", other, 201);
	assert_int_equal(n_warnings(f), 3);
	assert_int_equal(session_of(f, "web-session-0002"), 0);
	free(stale);
	free(token);
}

/* The pain after a finished web session is stored, and its rule applied, as the
 * terminal's; the answer says when it was too high. */
static void test_pain_after(void **state)
{
	struct hfx *f = *state;
	char *token = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 600); /* pain before: 2 */
	char *s1 = set_step(f, 1);
	post_ok(f, "p-1", token, s1, 201);
	struct req rq;
	char body[1024];
	snprintf(body, sizeof(body), "{\"pass\": \"%s\", \"session\": \"" WEB_ID "\", \"step\": {\"fx\": "
		 "\"end\", \"status\": 1, \"pain_after\": 5}}", token);
	assert_int_equal(post_body(f, &rq, "/api/v1/session/steps", "p-2", body), 201);
	assert_true(json_is_true(json_object_get(hfx_json(&rq), "after_bad"))); /* 3 above where it started */
	req_release(&rq);
	struct session_row s = one_session(f, session_of(f, WEB_ID));
	assert_int_equal(s.status, SESSION_FINISHED);
	assert_int_equal(s.pain_before, 2);
	assert_int_equal(s.pain_after, 5);
	free(s1);
	free(token);
}

/* A web session whose end never came is ended as stopped, at its last step, when a newer
 * session begins; its own end, arriving later, is stored over it. */
static void test_older_running_session_retired(void **state)
{
	struct hfx *f = *state;
	char *token = pass(f, GATE_WEB_PLAYER, NOW_MS / 1000 - 7200);
	char *s1 = set_step(f, 1), body[1024];
	snprintf(body, sizeof(body), "{\"pass\": \"%s\", \"session\": \"web-a-0001\", \"started_ms\": %lld, "
		 "\"at_ms\": %lld, \"step\": %s}", token, NOW_MS - 7000000, NOW_MS - 6900000, s1);
	post_body_ok(f, "/api/v1/session/steps", "a-1", body, 201);
	int64_t a = session_of(f, "web-a-0001");
	assert_int_equal(one_session(f, a).started_ms, NOW_MS - 7000000); /* the page's start, not the pass's */
	assert_int_equal(one_session(f, a).status, SESSION_RUNNING);
	/* a newer session (the same pass, offline: its own start) */
	snprintf(body, sizeof(body), "{\"pass\": \"%s\", \"session\": \"web-b-0001\", \"started_ms\": %lld, "
		 "\"at_ms\": %lld, \"step\": %s}", token, NOW_MS - 3000000, NOW_MS - 2900000, s1);
	post_body_ok(f, "/api/v1/session/steps", "b-1", body, 201);
	int64_t b = session_of(f, "web-b-0001");
	struct session_row sa = one_session(f, a);
	assert_int_equal(sa.status, SESSION_STOPPED);
	assert_int_equal(sa.ended_ms, NOW_MS - 6900000);
	assert_int_equal(one_session(f, b).status, SESSION_RUNNING);
	/* the older one's end after all */
	snprintf(body, sizeof(body), "{\"pass\": \"%s\", \"session\": \"web-a-0001\", \"at_ms\": %lld, "
		 "\"step\": {\"fx\": \"end\", \"status\": 2}}", token, NOW_MS - 6800000);
	post_body_ok(f, "/api/v1/session/steps", "a-2", body, 201);
	assert_int_equal(one_session(f, a).status, SESSION_QUIT);
	assert_int_equal(one_session(f, b).status, SESSION_RUNNING);
	free(s1);
	free(token);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_whole_session, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_repeat_and_reuse, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_session_begun_meanwhile, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_warning_stored_once, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pain_after, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_older_running_session_retired, hfx_setup_pass, hfx_teardown),
	};
	return cmocka_run_group_tests_name("http_steps", tests, NULL, NULL);
}
