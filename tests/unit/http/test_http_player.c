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
#include "app/session-start.h"
#include "http/fresh.h"
#include "core/plan.h"
#include "core/session.h"
#include "core/stats.h"
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

/* A plan change on item slot of the routine, made at at_ms. */
static void plan_change(struct hfx *f, const char *slot, const char *action, const char *to, int from_reps, int to_reps,
			bool paused, int64_t at_ms)
{
	struct strbuf err = STRBUF_INIT;
	struct plan_change_row row = { 0, "", at_ms, 0, (char *)ROUTINE, (char *)slot, (char *)action, (char *)"test",
				       (char *)slot, (char *)to, from_reps, to_reps, 0, 0, paused, (char *)"for the test" };
	day_format((int)(at_ms / 86400000), row.date);
	assert_int_equal(f->store->ops->plan_change_add(f->store, &row, &err), 0);
	strbuf_release(&err);
}

static json_t *item_of(json_t *session, const char *slot)
{
	json_t *it;
	size_t i;
	json_array_foreach(json_object_get(session, "items"), i, it)
		if (!strcmp(json_string_value(json_object_get(it, "slot")), slot))
			return it;
	fail_msg("no item %s in the session", slot);
	return NULL;
}

/* Issue 17: the web player runs the session the terminal's start would run now (the
 * plan's doses, what it has paused, an exercise run in place of an item), given with the
 * pass; its length is the one Plan shows for the routine. */
static void test_pass_gives_the_plans_session(void **state)
{
	struct hfx *f = *state;
	screen(f, NULL);
	plan_change(f, "v-raise", "progress", "v-raise", 5, 8, false, NOW_MS - 30000);
	plan_change(f, "superman", "pause", "superman", 5, 5, true, NOW_MS - 20000);
	plan_change(f, "glute-bridge", "progress", "glute-bridge-long-hold", 10, 10, false, NOW_MS - 10000);
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 2}", 200);
	assert_true(json_is_true(json_object_get(v, "allowed")));
	json_t *s = json_object_get(v, "session");
	assert_true(json_is_object(s));
	const struct routine *r = catalog_routine(&f->content, ROUTINE);
	assert_int_equal(json_array_size(json_object_get(s, "items")), r->n_items);
	json_t *vr = item_of(s, "v-raise");
	assert_int_equal(json_integer_value(json_object_get(vr, "reps")), 8);
	assert_false(json_is_true(json_object_get(vr, "paused")));
	json_t *sm = item_of(s, "superman");
	assert_true(json_is_true(json_object_get(sm, "paused")));
	assert_int_equal(json_integer_value(json_object_get(sm, "item")), 1);
	json_t *gb = item_of(s, "glute-bridge");
	assert_string_equal(json_string_value(json_object_get(gb, "exercise")), "glute-bridge-long-hold");
	assert_string_equal(json_string_value(json_object_get(gb, "name")), "Glute bridge, longer hold");
	/* an item the plan has not touched runs at its start */
	json_t *sc = item_of(s, "scapular-push-up");
	assert_string_equal(json_string_value(json_object_get(sc, "exercise")), "scapular-push-up");
	assert_false(json_is_true(json_object_get(sc, "paused")));
	int minutes = (int)json_integer_value(json_object_get(s, "minutes"));
	assert_true(minutes > 0);
	req_release(&rq);
	/* Plan shows the same minutes for the routine */
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *pt;
	size_t i;
	int shown = -1;
	json_array_foreach(json_object_get(hfx_json(&rq), "parts"), i, pt)
		if (json_string_value(json_object_get(pt, "href")) &&
		    !strcmp(json_string_value(json_object_get(pt, "href")), "/library/routines/" ROUTINE))
			shown = (int)json_integer_value(json_object_get(pt, "minutes"));
	assert_int_equal(shown, minutes);
	req_release(&rq);
}

/* The player's page shows the minutes of the plan's session from its first render (what
 * the plan paused left out), not the content's, and follows a change of the plan at once
 * though the page is kept in memory (ROUTE_FRESH); the pass gives the same. */
static void test_play_page_minutes(void **state)
{
	struct hfx *f = *state;
	screen(f, NULL);
	plan_change(f, "superman", "pause", "superman", 5, 5, true, NOW_MS - 30000);
	plan_change(f, "snow-angel", "pause", "snow-angel", 0, 0, true, NOW_MS - 20000);
	const struct routine *rt = catalog_routine(&f->content, ROUTINE);
	int content_minutes = run_minutes(routine_run_s(&f->content, rt, NULL, false, true));
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	int minutes = (int)json_integer_value(json_object_get(json_object_get(v, "session"), "minutes"));
	req_release(&rq);
	assert_int_not_equal(content_minutes, minutes); /* else this would show nothing */
	char want[96];
	snprintf(want, sizeof(want), "<span data-player-minutes>%d</span>", minutes);
	uint64_t hits = fresh_hits();
	for (int again = 0; again < 2; again++) { /* the second from memory */
		hfx_send(f, &rq, "GET", "/library/routines/" ROUTINE "/play", NULL, NULL);
		assert_int_equal(rq.status, 200);
		if (!strstr(rq.out, want))
			fprintf(stderr, "wanted %s in the page (the content's: %d)\n", want, content_minutes);
		assert_non_null(strstr(rq.out, want));
		req_release(&rq);
	}
	assert_int_equal(fresh_hits(), hits + 1);
	/* the plan brings the snow angel back: the page follows at once */
	plan_change(f, "snow-angel", "resume", "snow-angel", 0, 0, false, NOW_MS - 5000);
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	int now_minutes = (int)json_integer_value(json_object_get(json_object_get(v, "session"), "minutes"));
	req_release(&rq);
	assert_int_not_equal(now_minutes, minutes);
	snprintf(want, sizeof(want), "<span data-player-minutes>%d</span>", now_minutes);
	hfx_send(f, &rq, "GET", "/library/routines/" ROUTINE "/play", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(rq.out, want));
	req_release(&rq);
}

/* A store that does not open: the pass, a warning sign and the player's page are 503
 * store_unavailable (nothing allowed, the page keeps asking), through req_app() as on
 * every route. */
static void test_player_store_fails(void **state)
{
	struct hfx *f = *state;
	screen(f, NULL);
	struct store *keep = f->store;
	const char *path = f->srv.store_path;
	f->srv.store_path = "/proc/no/such/place/unhunch.db";
	f->store = NULL;
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 2}", 503);
	assert_string_equal(hfx_code(&rq), "store_unavailable");
	assert_true(json_is_object(json_object_get(v, "error")));
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/warnings", "{}", "Origin: " ORIGIN, f->tok,
		 "Content-Type: application/json", NULL);
	assert_int_equal(rq.status, 503);
	assert_string_equal(hfx_code(&rq), "store_unavailable");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/library/routines/" ROUTINE "/play", NULL, NULL);
	assert_int_equal(rq.status, 503);
	req_release(&rq);
	f->store = keep;
	f->srv.store_path = path;
}

/* A terminal session holding the session lock (`unhunch start`) with a step this hour:
 * no web session starts beside it, and it cannot be ended from here. Quiet for two hours
 * or more, the person may end it (end_running): stopped at its last step, the lock let
 * go. A lock left by a run that has ended holds nothing. */
static bool run_alive(const char *id, void *arg)
{
	(void)arg;
	return strcmp(id, "gone-run") != 0;
}

static int64_t terminal_session(struct hfx *f, const char *holder, int64_t last_ms)
{
	struct strbuf err = STRBUF_INIT;
	struct tz utc = tz_fixed(0);
	struct app_ctx c = { f->store, &f->content, last_ms - 60000, &utc };
	struct store_holder h = { holder, run_alive, NULL };
	char *held = NULL;
	assert_int_equal(app_session_lock(&c, &h, &held, &err), 0);
	int64_t id = 0;
	const struct routine *r = catalog_routine(&f->content, ROUTINE);
	assert_int_equal(app_session_open(&c, r, 0, 2, "content", &id, &err), 0);
	struct set_row set = { 0, (char *)r->items[0].exercise, 1, (char *)"", 10, 10, 30000, last_ms };
	assert_int_equal(f->store->ops->set_add(f->store, id, &set, &err), 0);
	strbuf_release(&err);
	return id;
}

static int status_of(struct hfx *f, int64_t id)
{
	struct session_row *s = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(f->store->ops->sessions_list(f->store, &s, &n, &err), 0);
	int st = -1;
	for (size_t i = 0; i < n; i++)
		if (s[i].id == id)
			st = (int)s[i].status;
	store_sessions_free(s, n);
	strbuf_release(&err);
	return st;
}

static void test_pass_refused_while_the_terminal_runs_one(void **state)
{
	struct hfx *f = *state;
	f->srv.holder_alive = run_alive;
	screen(f, NULL);
	int64_t id = terminal_session(f, "host boot 4242 99", NOW_MS - 10 * 60000);
	struct req rq;
	json_t *v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 2}", 409);
	assert_string_equal(hfx_code(&rq), "session_running");
	const char *msg = json_string_value(json_object_get(json_object_get(v, "error"), "message"));
	assert_non_null(strstr(msg, "Your session of Upper back activation is running on the computer. Finish it there"));
	json_t *run = json_object_get(v, "running");
	assert_string_equal(json_string_value(json_object_get(run, "routine")), ROUTINE);
	assert_int_equal(json_integer_value(json_object_get(run, "last_step_ms")), NOW_MS - 10 * 60000);
	assert_false(json_is_true(json_object_get(run, "can_end")));
	assert_null(json_object_get(v, "token"));
	req_release(&rq);
	/* asked to end it: not while it moves on */
	ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"end_running\": true}", 409);
	req_release(&rq);
	assert_int_equal(status_of(f, id), SESSION_RUNNING);
	/* the gate's no comes first: nothing is said of the session there */
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"pain\": 9}", 200);
	assert_string_equal(json_string_value(json_object_get(v, "why")), "gentle_only");
	req_release(&rq);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(f->store->ops->session_unlock(f->store, "host boot 4242 99", &err), 0);
	assert_int_equal(f->store->ops->session_end(f->store, id, SESSION_QUIT, -1, NOW_MS - 5 * 60000, &err), 0);

	/* quiet for three hours: it may be ended from here, when asked */
	id = terminal_session(f, "host boot 4343 99", NOW_MS - 3 * 3600000LL);
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 409);
	if (!json_is_true(json_object_get(json_object_get(v, "running"), "can_end")))
		fprintf(stderr, "%.*s\n", (int)rq.out_len, rq.out);
	assert_true(json_is_true(json_object_get(json_object_get(v, "running"), "can_end")));
	assert_non_null(strstr(json_string_value(json_object_get(json_object_get(v, "error"), "message")),
			       "has not moved on for more than two hours"));
	req_release(&rq);
	assert_int_equal(status_of(f, id), SESSION_RUNNING);
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\", \"end_running\": true}", 200);
	assert_true(json_is_true(json_object_get(v, "allowed")));
	assert_true(json_is_true(json_object_get(v, "ended_running")));
	req_release(&rq);
	assert_int_equal(status_of(f, id), SESSION_STOPPED);
	/* its hold on the lock is gone: a start here or there goes on */
	ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	req_release(&rq);
	char *held = NULL;
	struct store_holder other = { "host boot 4444 99", run_alive, NULL };
	struct tz utc = tz_fixed(0);
	struct app_ctx c = { f->store, &f->content, NOW_MS, &utc };
	assert_int_equal(app_session_lock(&c, &other, &held, &err), 0);
	assert_int_equal(app_session_unlock(&c, "host boot 4444 99", &err), 0);
	free(held);

	/* a lock left by a run that has ended: a web session starts (the session it left is
	 * retired by the web session's first step, as before) */
	id = terminal_session(f, "gone-run", NOW_MS - 60000);
	v = ask_pass(f, &rq, "{\"routine\": \"" ROUTINE "\"}", 200);
	assert_true(json_is_true(json_object_get(v, "allowed")));
	assert_false(json_is_true(json_object_get(v, "ended_running")));
	req_release(&rq);
	assert_int_equal(status_of(f, id), SESSION_RUNNING);
	/* the lock was taken over for a moment and given back: free now */
	assert_int_equal(app_session_lock(&c, &other, &held, &err), 0);
	free(held);
	strbuf_release(&err);
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
		cmocka_unit_test_setup_teardown(test_pass_gives_the_plans_session, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_refused_while_the_terminal_runs_one, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_player_store_fails, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_play_page_minutes, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_warning_stops_the_next_pass, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_settles_kept_warning, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_pass_key_file, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_speech, hfx_setup_pass, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_speech_cap, hfx_setup_pass, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
