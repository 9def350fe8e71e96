/* test_http_plan.c: the plan through the route table, without a socket: GET /api/v1/plan
 * and the page /plan give the reason for every part (as `unhunch plan --why`), every
 * dose change with its reason and the dose now; a query it does not take is a 400
 * naming it. The GET stores the dose decisions that are due (docs/api.md says why), once:
 * a second look stores nothing and shows the same, and a session started after it runs
 * what the page showed. The page's buttons (and the API) bring an exercise back as
 * `unhunch plan --resume` and `--back` do. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-fx.h"
#include "app/plan-data.h"
#include "app/safety.h"
#include "app/session.h"
#include "core/screen.h"
#include "core/stats.h"

/* A screen saved at `at`: every answer no, or yes to one question of urgency `yes_at`
 * (URG_NONE: none). With every answer no, a dose is also lowered at once, as after pain. */
static void screen_saved(struct hfx *f, int64_t at, enum urgency yes_at)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { st, &f->content, at, &utc };
	struct screen_answer *a = xcalloc(f->content.n_q, sizeof(*a));
	bool one = false;
	for (size_t i = 0; i < f->content.n_q; i++) {
		bool yes = yes_at != URG_NONE && !one && !f->content.q[i].neck && f->content.q[i].urgency == (int)yes_at;
		one = one || yes;
		a[i] = (struct screen_answer){ f->content.q[i].id, yes };
	}
	assert_true(one == (yes_at != URG_NONE));
	assert_int_equal(app_screen_save(&ctx, a, f->content.n_q, NULL, &err), 0);
	/* a dose lowered at once, with its reason, as after pain */
	if (yes_at == URG_NONE)
		assert_int_equal(plan_lower_now(st, &f->content, "upper-back-activation", "glute-bridge", "pain-rose",
						"your pain the morning after was higher", (int)(NOW_MS / 86400000),
						NOW_MS - 30000, &err), 0);
	free(a);
	store_close(st);
	strbuf_release(&err);
}

/* Screened with every answer no, so the plan holds exercise. */
static void screened(struct hfx *f)
{
	screen_saved(f, NOW_MS - 60000, URG_NONE);
}

static void test_plan_why(void **state)
{
	struct hfx *f = *state;
	screened(f);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *v = json_incref(hfx_json(&rq));
	req_release(&rq);
	assert_true(json_is_true(json_object_get(v, "allowed")));
	json_t *parts = json_object_get(v, "parts");
	assert_true(json_array_size(parts) >= 2);
	size_t i;
	json_t *pt;
	json_array_foreach(parts, i, pt) {
		const char *why = json_string_value(json_object_get(pt, "why"));
		assert_non_null(why);
		assert_true(strlen(why) > 20);
	}
	json_t *ch = json_object_get(v, "changes");
	assert_int_equal(json_array_size(ch), 1);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(ch, 0), "reason")),
			       "your pain the morning after was higher"));
	assert_true(json_array_size(json_object_get(v, "moved")) >= 1);
	/* the page says the same */
	hfx_send(f, &rq, "GET", "/plan", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	json_array_foreach(parts, i, pt) {
		json_t *w = json_object_get(pt, "why");
		/* the reason as the page escapes it: compare up to the first character HTML changes */
		char head[24];
		snprintf(head, sizeof(head), "%.*s", (int)strcspn(json_string_value(w), "&<>\"'"),
			 json_string_value(w));
		assert_non_null(strstr(html, head));
	}
	assert_non_null(strstr(html, "your pain the morning after was higher"));
	assert_non_null(strstr(html, "aria-current=\"page\""));
	assert_null(strstr(html, "Not in the browser yet"));
	req_release(&rq);
	json_decref(v);
}

static void test_plan_new_person_and_bad_query(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_false(json_object_get(hfx_json(&rq), "screened")));
	assert_true(json_is_null(json_object_get(hfx_json(&rq), "assessed")));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/plan?why=1", NULL, NULL);
	assert_int_equal(rq.status, 400);
	assert_string_equal(hfx_code(&rq), "unknown_field");
	assert_string_equal(hfx_field(&rq), "why");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, "Sec-Fetch-Site: cross-site", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
}

static size_t changes_stored(struct hfx *f)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	struct plan_change_row *ch = NULL;
	size_t n = 0;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	assert_int_equal(st->ops->plan_changes_list(st, &ch, &n, &err), 0);
	store_plan_changes_free(ch, n);
	store_close(st);
	strbuf_release(&err);
	return n;
}

static void test_plan_get_decides_once(void **state)
{
	struct hfx *f = *state;
	screened(f);
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	/* how superman felt yesterday: it hurt, a decision due at once */
	assert_int_equal(plan_feedback_record(st, &f->content, "upper-back-activation", "superman", FEEL_HURT, 3,
					      false, (int)(NOW_MS / 86400000) - 1, 0, NOW_MS - 86400000, &err), 0);
	store_close(st);
	size_t before = changes_stored(f);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	char *first = json_dumps(hfx_json(&rq), JSON_SORT_KEYS);
	json_t *ch = json_object_get(hfx_json(&rq), "changes");
	assert_int_equal(json_array_size(ch), before + 1);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(ch, before), "reason")),
			       "You said it hurt"));
	req_release(&rq);
	assert_int_equal(changes_stored(f), before + 1); /* what the page showed is stored */
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	char *second = json_dumps(hfx_json(&rq), JSON_SORT_KEYS);
	assert_string_equal(first, second); /* a second look decides nothing new */
	req_release(&rq);
	assert_int_equal(changes_stored(f), before + 1);
	/* a session started now finds nothing left to decide: it runs the doses shown */
	assert_int_equal(store_open(&st, f->db, &err), 0);
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { st, &f->content, NOW_MS + 60000, &utc };
	struct app_session_ready rd;
	const struct routine *r = catalog_routine(&f->content, "upper-back-activation");
	assert_int_equal(app_session_ready(&ctx, r, true, &rd, &err), 0);
	assert_int_equal(rd.decided, 0);
	free(rd.doses);
	store_close(st);
	free(first);
	free(second);
	strbuf_release(&err);
}

/* Issue 19.3: the Plan page and GET /api/v1/plan say where massage is in the plan and
 * why, and list the professional massages check-ins recorded in the last 7 days; the
 * days recorded are listed while exercise is paused too (a screen answer that needs a
 * clinician), without the advice. */
static void test_plan_massage(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	static const char *const bodies[] = {
		"{\"date\": \"2026-11-20\", \"pain\": 3, \"massage\": true}", /* more than 7 days back */
		"{\"date\": \"2026-11-27\", \"pain\": 3, \"massage\": false}",
		"{\"date\": \"2026-11-28\", \"pain\": 3, \"massage\": true}",
	};
	for (size_t i = 0; i < 3; i++) {
		hfx_send(f, &rq, "POST", "/api/v1/checkins", bodies[i], "Content-Type: application/json", f->tok,
			 "Origin: " ORIGIN, NULL);
		assert_int_equal(rq.status, 201);
		req_release(&rq);
	}
	/* screened: the advice, with the reason, and the same days */
	screened(f);
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *m = json_object_get(hfx_json(&rq), "massage");
	const char *adv = json_string_value(json_object_get(m, "advice"));
	assert_non_null(adv);
	assert_non_null(strstr(adv, "Self-massage of your chest and ribs"));
	assert_non_null(strstr(adv, "chest, ribs and hips as well as your back"));
	assert_non_null(strstr(adv, "massage of the back alone"));
	assert_true(json_is_true(json_object_get(m, "any")));
	assert_int_equal(json_array_size(json_object_get(m, "last_7_days")), 1);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/plan", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "<h2 id=\"massage-h\">Massage</h2>"));
	assert_non_null(strstr(html, "Massage is part of the plan. Self-massage of your chest and ribs"));
	assert_non_null(strstr(html, "Professional massage in the last 7 days: 2026-11-28 (from your check-ins)."));
	assert_null(strstr(html, "2026-11-20"));
	req_release(&rq);
	/* exercise is paused: no advice, the massage still listed */
	screen_saved(f, NOW_MS - 20000, URG_DAYS); /* a yes that needs a clinician within days */
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	m = json_object_get(hfx_json(&rq), "massage");
	assert_true(json_is_false(json_object_get(hfx_json(&rq), "allowed")));
	assert_true(json_is_object(m));
	assert_true(json_is_null(json_object_get(m, "advice")));
	assert_int_equal(json_array_size(json_object_get(m, "last_7_days")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(m, "last_7_days"), 0)), "2026-11-28");
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/plan", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "Professional massage in the last 7 days: 2026-11-28 (from your check-ins)."));
	assert_null(strstr(hfx_body(&rq), "Massage is part of the plan"));
	req_release(&rq);
}

/* The glute bridge at the top of its own harder steps (the loaded bridge) at `at`,
 * paused or not. */
static void bridge_at_top(struct hfx *f, int64_t at, bool paused)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	struct plan_change_row row = { 0, "2026-11-29", at, 0, "upper-back-activation", "glute-bridge",
				       paused ? "pause" : "progress", "two-good-and-easy", "glute-bridge-long-hold",
				       "glute-bridge-loaded", 10, 10, 0, 0, paused, "Two good sessions." };
	assert_int_equal(st->ops->plan_change_add(st, &row, &err), 0);
	store_close(st);
	strbuf_release(&err);
}

/* Issue 19.1: once an exercise has no harder step of its own left, the Plan page and
 * GET /api/v1/plan name the different exercise the content offers, with why, and a
 * button that chooses it; it does not run until chosen. */
static void test_plan_offer(void **state)
{
	struct hfx *f = *state;
	screened(f);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_false(json_object_get(hfx_json(&rq), "has_offers")));
	req_release(&rq);
	bridge_at_top(f, NOW_MS - 20000, false);
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *o = json_array_get(json_object_get(hfx_json(&rq), "offers"), 0);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "id")), "glute-bridge-march");
	assert_string_equal(json_string_value(json_object_get(o, "exercise")), "Glute bridge");
	assert_string_equal(json_string_value(json_object_get(o, "routine_id")), "upper-back-activation");
	assert_non_null(strstr(json_string_value(json_object_get(o, "why")), "pelvis level"));
	assert_true(json_is_false(json_object_get(hfx_json(&rq), "has_replaced")));
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/plan", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "action=\"/plan/switch\""));
	assert_non_null(strstr(html, "name=\"exercise\" value=\"glute-bridge-march\""));
	assert_non_null(strstr(html, "Switch to Glute bridge march"));
	assert_null(strstr(html, "unhunch plan"));
	assert_null(strstr(html, "<code>"));
	req_release(&rq);
}

/* ---- bringing an exercise back in the browser (`unhunch plan --resume` / `--back`) ---- */


/* glute-bridge lowered twice (paused), and the routine's second item running as
 * glute-bridge (a stand-in that is no easier version of it: it goes back only when
 * asked). Returns that item's exercise. */
static const char *paused_and_replaced(struct hfx *f)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	assert_int_equal(plan_lower_now(st, &f->content, "upper-back-activation", "glute-bridge", "pain-rose",
					"your pain rose again after the session", (int)(NOW_MS / 86400000), NOW_MS - 20000,
					&err), 0);
	const struct routine *r = catalog_routine(&f->content, "upper-back-activation");
	assert_non_null(r);
	assert_true(r->n_items >= 2);
	const char *slot = r->items[1].exercise;
	assert_string_not_equal(slot, "glute-bridge");
	struct plan_change_row row = { 0, "", NOW_MS - 10000, 0, (char *)r->id, (char *)slot, (char *)"regress",
				       (char *)"test", (char *)slot, (char *)"glute-bridge", 10, 10, 0, 0, false,
				       (char *)"a stand-in for the test" };
	day_format((int)(NOW_MS / 86400000), row.date);
	assert_int_equal(st->ops->plan_change_add(st, &row, &err), 0);
	store_close(st);
	strbuf_release(&err);
	return slot;
}

static json_t *moved_of(struct hfx *f, const char *item)
{
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *found = NULL, *m;
	size_t i;
	json_array_foreach(json_object_get(hfx_json(&rq), "moved"), i, m)
		if (!strcmp(json_string_value(json_object_get(m, "item")), item))
			found = json_deep_copy(m);
	req_release(&rq);
	return found;
}

/* The Plan page offers a button for each (no command to type), each button's post
 * does what the command does and the page says so; the API does the same as JSON; an
 * exercise or routine that is not one is a 404 naming it. */
static void test_plan_resume_and_back(void **state)
{
	struct hfx *f = *state;
	screened(f);
	const char *slot = paused_and_replaced(f);
	json_t *m = moved_of(f, "glute-bridge");
	assert_non_null(m);
	assert_true(json_is_true(json_object_get(m, "paused")));
	assert_string_equal(json_string_value(json_object_get(m, "routine_id")), "upper-back-activation");
	json_decref(m);

	struct req rq;
	hfx_send(f, &rq, "GET", "/plan", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "action=\"/plan/resume\""));
	assert_non_null(strstr(html, "name=\"exercise\" value=\"glute-bridge\""));
	assert_non_null(strstr(html, "action=\"/plan/back\""));
	char want[160];
	snprintf(want, sizeof(want), "name=\"exercise\" value=\"%s\"", slot);
	assert_non_null(strstr(html, want));
	assert_null(strstr(html, "unhunch plan"));
	assert_null(strstr(html, "unhunch screen"));
	assert_null(strstr(html, "<code>unhunch"));
	req_release(&rq);

	/* the page's button: brought back, and the page says so */
	char form[256];
	snprintf(form, sizeof(form), "csrf=%s&routine=upper-back-activation&exercise=glute-bridge", f->srv.csrf);
	hfx_send(f, &rq, "POST", "/plan/resume", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "data-test=\"done\""));
	assert_non_null(strstr(hfx_body(&rq), "is back in the routine, at the dose it had."));
	req_release(&rq);
	m = moved_of(f, "glute-bridge");
	assert_true(!m || json_is_false(json_object_get(m, "paused")));
	json_decref(m);
	/* the same through the API: nothing left to do */
	hfx_send(f, &rq, "POST", "/api/v1/plan/resume", "{\"routine\": \"upper-back-activation\", \"exercise\": "
		 "\"glute-bridge\"}", JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_false(json_object_get(hfx_json(&rq), "changed")));
	assert_non_null(strstr(json_string_value(json_object_get(hfx_json(&rq), "message")), "is not paused"));
	req_release(&rq);

	/* back to the item's own exercise, by the API */
	char body[256];
	snprintf(body, sizeof(body), "{\"routine\": \"upper-back-activation\", \"exercise\": \"%s\"}", slot);
	hfx_send(f, &rq, "POST", "/api/v1/plan/back", body, JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_true(json_object_get(hfx_json(&rq), "changed")));
	req_release(&rq);
	m = moved_of(f, slot);
	assert_true(!m || strcmp(json_string_value(json_object_get(m, "exercise")), "Glute bridge"));
	json_decref(m);
	/* and the page's button now has nothing to do, and says so */
	snprintf(form, sizeof(form), "csrf=%s&routine=upper-back-activation&exercise=%s", f->srv.csrf, slot);
	hfx_send(f, &rq, "POST", "/plan/back", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(hfx_body(&rq), "runs as itself already"));
	req_release(&rq);

	/* not an exercise of the routine, not a routine; without the token */
	hfx_send(f, &rq, "POST", "/api/v1/plan/resume", "{\"routine\": \"upper-back-activation\", \"exercise\": \"nope\"}",
		 JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 404);
	assert_string_equal(hfx_field(&rq), "exercise");
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/plan/back", "{\"routine\": \"nope\", \"exercise\": \"glute-bridge\"}", JSON, f->tok,
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 404);
	assert_string_equal(hfx_field(&rq), "routine");
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/plan/resume", "routine=upper-back-activation&exercise=glute-bridge", FORM,
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
}

/* The dose glute-bridge runs now, as GET /api/v1/plan's `moved` has it ("" when it
 * runs where it starts). */
static char *bridge_now(struct hfx *f)
{
	json_t *m = moved_of(f, "glute-bridge");
	char *s = xstrdup(m ? json_string_value(json_object_get(m, "exercise")) : "");
	json_decref(m);
	return s;
}

/* Posting the different exercise offered, as `unhunch plan --switch` does: the page's
 * button and the API take it only once it is offered, with the terminal's reasons when
 * not (not yet, never offered, running already, paused; an exercise or a routine that is
 * none is a 400 naming it); the form without its token or from another origin changes
 * nothing. */
static void test_plan_switch(void **state)
{
	struct hfx *f = *state;
	screened(f);
	static const struct {
		const char *body;
		int status;
		const char *field, *words;
	} refused[] = {
		{ "{\"routine\": \"upper-back-activation\", \"exercise\": \"glute-bridge-march\"}", 409, "exercise",
		  "Not switched: Glute bridge still has harder steps of its own" },
		{ "{\"routine\": \"upper-back-activation\", \"exercise\": \"lateral-raise-band\"}", 409, "exercise",
		  "is not offered in place of any exercise" },
		{ "{\"routine\": \"upper-back-activation\", \"exercise\": \"nope\"}", 400, "exercise", "no exercise 'nope'" },
		{ "{\"routine\": \"nope\", \"exercise\": \"glute-bridge-march\"}", 400, "routine", "no routine 'nope'" },
		{ "{\"routine\": \"upper-back-activation\", \"exercise\": 3}", 400, "exercise", NULL },
		{ "{\"routine\": \"upper-back-activation\"}", 400, "exercise", NULL },
	};
	struct req rq;
	size_t before = changes_stored(f);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		hfx_send(f, &rq, "POST", "/api/v1/plan/switch", refused[i].body, JSON, f->tok, "Origin: " ORIGIN, NULL);
		assert_int_equal(rq.status, refused[i].status);
		assert_string_equal(hfx_field(&rq), refused[i].field);
		const char *msg = json_string_value(json_object_get(json_object_get(hfx_json(&rq), "error"), "message"));
		if (refused[i].words && !strstr(msg, refused[i].words))
			fail_msg("%s: '%s' does not say '%s'", refused[i].body, msg, refused[i].words);
		req_release(&rq);
	}
	assert_int_equal(changes_stored(f), before);

	/* at the top of its own steps: offered; the form without its token, or from
	 * another site, changes nothing */
	bridge_at_top(f, NOW_MS - 20000, false);
	char form[256];
	snprintf(form, sizeof(form), "csrf=%s&routine=upper-back-activation&exercise=glute-bridge-march", f->srv.csrf);
	before = changes_stored(f);
	hfx_send(f, &rq, "POST", "/plan/switch", "routine=upper-back-activation&exercise=glute-bridge-march", FORM,
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/plan/switch", form, FORM, "Origin: https://elsewhere.example", NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/api/v1/plan/switch",
		 "{\"routine\": \"upper-back-activation\", \"exercise\": \"glute-bridge-march\"}", JSON, "Origin: " ORIGIN,
		 NULL);
	assert_int_equal(rq.status, 403);
	req_release(&rq);
	assert_int_equal(changes_stored(f), before);
	char *now = bridge_now(f);
	assert_string_equal(now, "Glute bridge with a weight on the hips");
	free(now);
	json_t *m = moved_of(f, "glute-bridge");
	assert_string_equal(json_string_value(json_object_get(m, "dose")), "10 reps");
	json_decref(m);

	/* the page's button takes it, and the page says so, with the way back */
	hfx_send(f, &rq, "POST", "/plan/switch", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "data-test=\"done\""));
	assert_non_null(strstr(html, "Glute bridge march runs in place of Glute bridge from now on"));
	assert_non_null(strstr(html, "action=\"/plan/back\""));
	assert_null(strstr(html, "action=\"/plan/switch\""));
	assert_null(strstr(html, "unhunch plan"));
	assert_null(strstr(html, "<code>"));
	req_release(&rq);
	assert_int_equal(changes_stored(f), before + 1);
	now = bridge_now(f);
	assert_string_equal(now, "Glute bridge march");
	free(now);
	/* its dose as the player counts it: per side (the bridge's own has no sides) */
	m = moved_of(f, "glute-bridge");
	assert_string_equal(json_string_value(json_object_get(m, "dose")), "5 reps per side");
	json_decref(m);
	/* again: it runs already */
	hfx_send(f, &rq, "POST", "/api/v1/plan/switch",
		 "{\"routine\": \"upper-back-activation\", \"exercise\": \"glute-bridge-march\"}", JSON, f->tok,
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 409);
	assert_non_null(strstr(hfx_body(&rq), "runs in place of Glute bridge already"));
	req_release(&rq);
	/* back, then the API takes it */
	hfx_send(f, &rq, "POST", "/api/v1/plan/back", "{\"routine\": \"upper-back-activation\", \"exercise\": "
		 "\"glute-bridge\"}", JSON, f->tok, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	req_release(&rq);
	bridge_at_top(f, NOW_MS + 1000, false); /* after the way back, stored at NOW_MS */
	hfx_send(f, &rq, "POST", "/api/v1/plan/switch",
		 "{\"routine\": \"upper-back-activation\", \"exercise\": \"glute-bridge-march\"}", JSON, f->tok,
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 200);
	assert_true(json_is_true(json_object_get(hfx_json(&rq), "changed")));
	assert_non_null(strstr(json_string_value(json_object_get(hfx_json(&rq), "message")),
			       "Glute bridge march runs in place of Glute bridge"));
	req_release(&rq);

	/* paused at the top: refused with the terminal's reason; the page links the way
	 * back instead of naming a command */
	bridge_at_top(f, NOW_MS + 2000, true);
	hfx_send(f, &rq, "POST", "/api/v1/plan/switch",
		 "{\"routine\": \"upper-back-activation\", \"exercise\": \"glute-bridge-march\"}", JSON, f->tok,
		 "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 409);
	assert_string_equal(hfx_field(&rq), "exercise");
	assert_non_null(strstr(hfx_body(&rq), "Not switched: Glute bridge is paused; it comes back with unhunch plan "
					     "--resume glute-bridge."));
	req_release(&rq);
	hfx_send(f, &rq, "POST", "/plan/switch", form, FORM, "Origin: " ORIGIN, NULL);
	assert_int_equal(rq.status, 409);
	html = hfx_body(&rq);
	assert_non_null(strstr(html, "data-test=\"problem\""));
	assert_non_null(strstr(html, "Not switched: Glute bridge is paused; it comes back with <a href=\"/plan#doses-h\">"
				     "its button on the Plan page</a>."));
	assert_null(strstr(html, "unhunch plan"));
	assert_null(strstr(html, "<code>"));
	req_release(&rq);
}

/* A trainer's prescription in the person's records: the plan's JSON lists it with its
 * note, the dose now is the trainer's (past the content's range, with sets), and the
 * page shows both, the note escaped. */
static void test_plan_prescription(void **state)
{
	struct hfx *f = *state;
	screened(f);
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	assert_int_equal(store_open(&st, f->db, &err), 0);
	struct prescription_row rx = { 0, "2026-03-01", NOW_MS - 10000, 7, (char *)"upper-back-activation",
				       (char *)"v-raise", (char *)"v-raise", 12, 3, 0, 0, (char *)"Slowly <b>now</b>.",
				       (char *)"warning: 12 reps is above the usual range", NULL };
	assert_int_equal(st->ops->prescription_add(st, &rx, &err), 0);
	store_close(st);
	strbuf_release(&err);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/plan", NULL, NULL);
	assert_int_equal(rq.status, 200);
	json_t *v = hfx_json(&rq);
	assert_true(json_is_true(json_object_get(v, "has_prescriptions")));
	json_t *p = json_array_get(json_object_get(v, "prescriptions"), 0);
	assert_string_equal(json_string_value(json_object_get(p, "what")), "V-raise: 12 reps, 3 sets");
	assert_string_equal(json_string_value(json_object_get(p, "note")), "Slowly <b>now</b>.");
	bool moved = false;
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(v, "moved"), i, m) {
		if (strcmp(json_string_value(json_object_get(m, "item")), "v-raise"))
			continue;
		assert_string_equal(json_string_value(json_object_get(m, "dose")), "12 reps, 3 sets");
		moved = true;
	}
	assert_true(moved);
	req_release(&rq);
	hfx_send(f, &rq, "GET", "/plan", NULL, "Accept: text/html", NULL);
	assert_int_equal(rq.status, 200);
	const char *html = hfx_body(&rq);
	assert_non_null(strstr(html, "Your trainer's prescriptions"));
	assert_non_null(strstr(html, "V-raise: 12 reps, 3 sets. Your trainer's note: Slowly &lt;b&gt;now&lt;/b&gt;."));
	req_release(&rq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plan_why, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_prescription, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_new_person_and_bad_query, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_get_decides_once, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_massage, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_offer, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_resume_and_back, hfx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_switch, hfx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
