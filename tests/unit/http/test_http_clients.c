/* test_http_clients.c: a trainer's page of a client (GET /clients/{id} and its JSON)
 * and the client's audit log (GET /data/audit) in clinic mode: the trainer sees the
 * client's Progress charts, prescriptions and sessions; each look and each
 * prescription is written to the client's log, which the client reads and no one
 * else; another trainer gets the 404 of an empty address and leaves no line; and when
 * the line cannot be written, nothing is shown and nothing is prescribed; the trainer
 * opening the page 30 times in a day reads as one line with its count; the prescription
 * form says beside each dose field the client's dose now and the usual range, and adds
 * an exercise as a new step (a place that breaks the activation order: 409, saying why
 * the order matters; accepted or in order: saved, in the client's plan). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-clinic.h"
#include "app/audit.h"
#include "app/prescribe.h"
#include <sqlite3.h>

#define A hcx[CLIENT_A]

/* GET path as actor: the status, the body copied into out (size bytes). */
static int get(struct hfx *f, enum actor a, const char *path, char *out, size_t size)
{
	struct req rq;
	hfx_send(f, &rq, "GET", path, NULL, a == ANON ? NULL : hcx[a].cookie, NULL);
	int s = rq.status;
	if (out)
		snprintf(out, size, "%s", hfx_body(&rq));
	req_release(&rq);
	return s;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Tess (A's trainer) prescribes a note for Cleo, as the terminal and the web do. */
static enum app_rx_status prescribe(struct hfx *f, const char *note)
{
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { f->wide, &f->content, NOW_MS, &utc };
	struct app_rx_request rq = { hcx[TRAINER_A].id, A.id, NULL, f->content.rt[0].items[0].exercise, NULL, 0, 0,
				     0, 0, note, false, NULL, NULL };
	struct app_rx_result r;
	struct strbuf err = STRBUF_INIT;
	enum app_rx_status st = app_prescribe(&ctx, &rq, &r, &err);
	strbuf_release(&err);
	return st;
}

static char *big(void)
{
	return malloc(1 << 20);
}

static void test_client_page(void **state)
{
	struct hfx *f = *state;
	char path[64], api[64], *body = big();
	snprintf(path, sizeof(path), "/clients/%lld", (long long)A.id);
	snprintf(api, sizeof(api), "/api/v1/clients/%lld", (long long)A.id);
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/checkins", "{\"pain\":6,\"regions\":{\"neck\":5}}", JSON, "Origin: " ORIGIN, A.cookie, A.tok,
		 NULL);
	assert_int_equal(rq.status, 201);
	req_release(&rq);
	assert_int_equal(prescribe(f, "Slowly, shoulders down."), APP_RX_SAVED);

	/* the trainer: the client's name, the Progress page's charts, the prescription */
	assert_int_equal(get(f, TRAINER_A, path, body, 1 << 20), 200);
	assert_non_null(strstr(body, "data-test=\"client-name\">Cleo Client<"));
	assert_non_null(strstr(body, "data-test=\"chart-overall\""));
	assert_non_null(strstr(body, "data-test=\"chart-neck\""));
	assert_non_null(strstr(body, "<svg"));
	assert_non_null(strstr(body, "Slowly, shoulders down."));
	assert_non_null(strstr(body, "(by you)"));
	/* the routine and the exercise by their names, not their ids */
	char named[300];
	const struct routine *rt0 = &f->content.rt[0];
	const struct exercise *ex0 = catalog_exercise(&f->content, rt0->items[0].exercise);
	assert_non_null(ex0);
	snprintf(named, sizeof(named), ", %s, in %s (by you)", ex0->name, rt0->name);
	assert_non_null(strstr(body, named));
	assert_non_null(strstr(body, "No session yet."));
	/* in the trainer's words: the client is "their", and nothing asks the trainer to
	 * do what the client's page asks of the client (no link to their own pages) */
	assert_null(strstr(body, ">Your plan</a>"));
	assert_null(strstr(body, "Your plan says which days"));
	assert_null(strstr(body, "Start a session from"));
	assert_null(strstr(body, "To show your therapist"));
	assert_null(strstr(body, "sees it"));
	assert_null(strstr(body, "your first week"));
	assert_null(strstr(body, "}}"));
	assert_non_null(strstr(body, "mean pain in their first week"));
	assert_non_null(strstr(body, "Each line compares their own days."));
	/* the same charts the client's own Progress page draws (one renderer) */
	char *own = big();
	assert_int_equal(get(f, CLIENT_A, "/progress", own, 1 << 20), 200);
	assert_non_null(strstr(own, ">Your plan</a>"));
	assert_non_null(strstr(own, "mean pain in your first week"));
	assert_non_null(strstr(own, "To show your therapist"));
	const char *c1 = strstr(body, "data-test=\"chart-overall\""), *c2 = strstr(own, "data-test=\"chart-overall\"");
	const char *end = strstr(c2, "</figure>");
	assert_non_null(c1);
	assert_non_null(end);
	assert_int_equal(strncmp(c1, c2, (size_t)(end - c2)), 0);
	free(own);
	assert_int_equal(get(f, TRAINER_A, api, body, 1 << 20), 200);
	json_t *v = json_loads(body, 0, NULL);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "client"), "name")), "Cleo Client");
	assert_non_null(json_object_get(v, "progress"));
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(v, "prescriptions"), 0),
							      "note")),
			    "Slowly, shoulders down.");
	json_decref(v);

	/* the client's log: the prescription, the page, the API; newest first */
	assert_int_equal(get(f, CLIENT_A, "/data/audit", body, 1 << 20), 200);
	assert_int_equal(count(body, "A Trainer"), 3);
	assert_int_equal(count(body, AUDIT_RX_ADDED), 1);
	assert_int_equal(count(body, AUDIT_PROGRESS_PAGE), 1);
	assert_int_equal(count(body, AUDIT_PROGRESS_API), 1);
	assert_true(strstr(body, AUDIT_PROGRESS_API) < strstr(body, AUDIT_RX_ADDED));
	/* another trainer, the admin, client B: nothing, and no line */
	char *none = big();
	assert_int_equal(get(f, TRAINER_B, path, none, 1 << 20), 404);
	assert_null(strstr(none, "Cleo Client"));
	assert_int_equal(get(f, ADMIN, path, NULL, 0), 404);
	assert_int_equal(get(f, CLIENT_B, path, NULL, 0), 404);
	assert_int_equal(get(f, CLIENT_A, "/data/audit", none, 1 << 20), 200);
	assert_string_equal(none, body);
	/* client B's log is B's: empty */
	assert_int_equal(get(f, CLIENT_B, "/data/audit", none, 1 << 20), 200);
	assert_non_null(strstr(none, "No one else has looked at your records."));
	assert_null(strstr(none, "A Trainer"));
	free(none);
	free(body);
}

/* The audit log cannot be written (its table gone): the page shows nothing (503) and
 * a prescription is not saved. */
static void test_no_log_no_look(void **state)
{
	struct hfx *f = *state;
	sqlite3 *db;
	const char *file = strncmp(f->db, "sqlite:", 7) ? f->db : f->db + 7;
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE audit RENAME TO audit_gone", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	char path[64], *body = big();
	snprintf(path, sizeof(path), "/clients/%lld", (long long)A.id);
	assert_int_equal(get(f, TRAINER_A, path, body, 1 << 20), 503);
	assert_null(strstr(body, "client-name"));
	assert_non_null(strstr(body, "audit log"));
	snprintf(path, sizeof(path), "/api/v1/clients/%lld", (long long)A.id);
	assert_int_equal(get(f, TRAINER_A, path, body, 1 << 20), 503);
	assert_null(strstr(body, "Cleo Client"));
	assert_int_equal(prescribe(f, "Not without a line."), APP_RX_FAILED);
	/* nothing was prescribed */
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { f->wide, &f->content, NOW_MS, &utc };
	struct app_rx_history h;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_prescriptions(&ctx, A.id, A.id, &h, &err), APP_RX_SAVED);
	assert_int_equal(h.n, 0);
	app_rx_history_release(&h);
	/* a trainer's look at the prescriptions is refused too */
	assert_int_equal(app_prescriptions(&ctx, hcx[TRAINER_A].id, A.id, &h, &err), APP_RX_FAILED);
	strbuf_release(&err);
	free(body);
}

/* 30 looks in a day: one line on the client's page, with the count and the first and
 * last time; the log still holds all 30. */
static void test_repeated_looks(void **state)
{
	struct hfx *f = *state;
	char path[64], *body = big();
	snprintf(path, sizeof(path), "/clients/%lld", (long long)A.id);
	for (int i = 0; i < 30; i++)
		assert_int_equal(get(f, TRAINER_A, path, NULL, 0), 200);
	assert_int_equal(get(f, CLIENT_A, "/data/audit", body, 1 << 20), 200);
	assert_int_equal(count(body, AUDIT_PROGRESS_PAGE), 1);
	assert_int_equal(count(body, "A Trainer"), 1);
	assert_non_null(strstr(body, AUDIT_PROGRESS_PAGE " (30 times)"));
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { f->wide, &f->content, NOW_MS, &utc };
	struct audit_row *v;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_audit_list(&ctx, A.id, &v, &n, &err), 0);
	assert_int_equal(n, 30);
	store_audit_free(v, n);
	strbuf_release(&err);
	free(body);
}

/* The form: the dose now and the usual range beside each field, for the first item (and
 * in each choice's data for the script); after a prescription of 12 reps, "now: 12". */
static void test_prescribe_hints(void **state)
{
	struct hfx *f = *state;
	char path[80], *body = big();
	snprintf(path, sizeof(path), "/clinic/clients/%lld/prescribe", (long long)A.id);
	const struct item *it = &f->content.rt[0].items[0];
	struct rx_bands b;
	rx_bands(&f->content, it, it->exercise, &b);
	assert_true(b.reps.max > 0); /* the first item is counted in reps */
	char want[96];
	assert_int_equal(get(f, TRAINER_A, path, body, 1 << 20), 200);
	snprintf(want, sizeof(want), "data-test=\"hint-reps\">now: %d reps; usual %d-%d<", it->dose.reps.min, b.reps.min,
		 b.reps.max);
	assert_non_null(strstr(body, want));
	snprintf(want, sizeof(want), "data-test=\"hint-sets\">now: ");
	assert_non_null(strstr(body, want));
	assert_non_null(strstr(body, "data-test=\"hint-duration\">not a timed exercise<"));
	assert_non_null(strstr(body, "data-reps=\"now: "));
	/* the trainer's look at the doses is in the client's log */
	assert_int_equal(get(f, CLIENT_A, "/data/audit", body, 1 << 20), 200);
	assert_non_null(strstr(body, AUDIT_RX_DOSES));
	/* a prescription of 12 reps: the form says so */
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { f->wide, &f->content, NOW_MS, &utc };
	struct app_rx_request rq = { hcx[TRAINER_A].id, A.id, f->content.rt[0].id, it->exercise, NULL, 12, 0, 0, 0,
				     NULL, true, NULL, NULL };
	struct app_rx_result r;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_prescribe(&ctx, &rq, &r, &err), APP_RX_SAVED);
	strbuf_release(&err);
	assert_int_equal(get(f, TRAINER_A, path, body, 1 << 20), 200);
	snprintf(want, sizeof(want), "data-test=\"hint-reps\">now: 12 reps; usual %d-%d<", b.reps.min, b.reps.max);
	assert_non_null(strstr(body, want));
	/* another trainer: no form, no hints */
	assert_int_equal(get(f, TRAINER_B, path, body, 1 << 20), 404);
	assert_null(strstr(body, "now: "));
	free(body);
}

/* A form post as actor; the status, the body copied into out (size bytes). */
static int post_form(struct hfx *f, enum actor a, const char *path, const char *body, char *out, size_t size)
{
	struct req rq;
	char full[1024];
	snprintf(full, sizeof(full), "%s&csrf=%s", body, hcx[a].tok + strlen("X-CSRF-Token: "));
	hfx_send(f, &rq, "POST", path, full, FORM, "Origin: " ORIGIN, hcx[a].cookie, NULL);
	int s = rq.status;
	if (out)
		snprintf(out, size, "%s", hfx_body(&rq));
	req_release(&rq);
	return s;
}

static void test_prescribe_adds_a_step(void **state)
{
	struct hfx *f = *state;
	char path[80], *body = big();
	snprintf(path, sizeof(path), "/clinic/clients/%lld/prescribe", (long long)A.id);
	const char *item = "item=upper-back-activation%3Aglute-bridge&add=lateral-raise-band&reps=12";
	char b[512];
	/* between superman's neighbours: a warning saying why the order matters, nothing saved */
	snprintf(b, sizeof(b), "%s&place=upper-back-activation%%3Abefore%%3Asuperman", item);
	assert_int_equal(post_form(f, TRAINER_A, path, b, body, 1 << 20), 409);
	assert_non_null(strstr(body, "breaks the activation routine&#39;s order"));
	assert_non_null(strstr(body, "each exercise getting the muscles ready for the next"));
	assert_non_null(strstr(body, "name=\"place\" value=\"upper-back-activation:before:superman\""));
	assert_int_equal(get(f, CLIENT_A, "/api/v1/plan", body, 1 << 20), 200);
	assert_null(strstr(body, "lateral-raise-band"));
	/* before the relaxation that ends the chain: saved as step 8 */
	snprintf(b, sizeof(b), "%s&place=upper-back-activation%%3Abefore%%3Arelaxation-snow-angel", item);
	assert_int_equal(post_form(f, TRAINER_A, path, b, body, 1 << 20), 201);
	assert_non_null(strstr(body, "(a new step 8)"));
	/* the client's plan runs it, and the form lists it with its dose now */
	assert_int_equal(get(f, CLIENT_A, "/api/v1/plan", body, 1 << 20), 200);
	assert_non_null(strstr(body, "\"lateral-raise-band\""));
	assert_int_equal(get(f, TRAINER_A, path, body, 1 << 20), 200);
	assert_non_null(strstr(body, "value=\"upper-back-activation:lateral-raise-band\""));
	assert_non_null(strstr(body, "data-reps=\"now: 12 reps; usual 10-15\""));
	/* said as a new step wherever a prescription is listed: the client's plan, the
	 * prescribe form's list and the trainer's page of the client */
	const char *said = "Side raise with an elastic band, a new step before Relaxation snow angel: 12 reps";
	assert_int_equal(get(f, CLIENT_A, "/api/v1/plan", body, 1 << 20), 200);
	assert_non_null(strstr(body, said));
	assert_int_equal(get(f, TRAINER_A, path, body, 1 << 20), 200);
	assert_non_null(strstr(body, said));
	char page[64];
	snprintf(page, sizeof(page), "/clients/%lld", (long long)A.id);
	assert_int_equal(get(f, TRAINER_A, page, body, 1 << 20), 200);
	assert_non_null(strstr(body, said));
	snprintf(page, sizeof(page), "/api/v1/clients/%lld", (long long)A.id);
	assert_int_equal(get(f, TRAINER_A, page, body, 1 << 20), 200);
	assert_non_null(strstr(body, "\"place\":\"before:relaxation-snow-angel\""));
	/* the client's log says a step was added */
	assert_int_equal(get(f, CLIENT_A, "/data/audit", body, 1 << 20), 200);
	assert_non_null(strstr(body, AUDIT_RX_STEP));
	/* another trainer: 404, nothing added */
	assert_int_equal(post_form(f, TRAINER_B, path, b, body, 1 << 20), 404);
	/* taken out again: the form offers it for the routine with a step added */
	assert_int_equal(get(f, TRAINER_A, path, body, 1 << 20), 200);
	assert_non_null(strstr(body, "value=\"upper-back-activation:out\""));
	const char *out_own = "item=upper-back-activation%3Aglute-bridge&add=superman&place=upper-back-activation%3Aout";
	const char *out_added =
		"item=upper-back-activation%3Aglute-bridge&add=lateral-raise-band&place=upper-back-activation%3Aout";
	assert_int_equal(post_form(f, TRAINER_A, path, out_own, body, 1 << 20), 400);
	assert_non_null(strstr(body, "data-field=\"add\""));
	assert_non_null(strstr(body, "one of Upper back activation&#39;s own steps"));
	assert_int_equal(post_form(f, TRAINER_A, path, out_added, body, 1 << 20), 201);
	assert_non_null(strstr(body, "Side raise with an elastic band, a step added before, taken out again"));
	assert_null(strstr(body, "value=\"upper-back-activation:out\"")); /* nothing added is left */
	assert_int_equal(get(f, CLIENT_A, "/api/v1/plan", body, 1 << 20), 200);
	assert_non_null(strstr(body, "taken out again"));
	assert_null(strstr(body, "\"exercise\":\"lateral-raise-band\",\"reps\""));
	assert_int_equal(get(f, CLIENT_A, "/data/audit", body, 1 << 20), 200);
	assert_non_null(strstr(body, AUDIT_RX_STEP_OUT));
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_client_page, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_no_log_no_look, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_repeated_looks, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_prescribe_hints, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_prescribe_adds_a_step, hcx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
