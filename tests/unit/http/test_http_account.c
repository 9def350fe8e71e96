/* test_http_account.c: the client in charge of their data in clinic mode, through the
 * dispatcher: ending a trainer's access (only one's own trainer; after it the trainer
 * prescribes no more; the page's box must be ticked), deleting the account (only with
 * the word typed; the session ends at once, the login name is free, the other
 * client's records stay; the only admin is kept), an admin disabling an account
 * (its session ends at once), the downloads showing only the logged-in client's
 * records with their prescriptions, and a backup restored into the logged-in
 * person's empty account only; the password changed (the current one right, throttled,
 * every login ended); new recovery codes of two-step login only with the password,
 * throttled the same way. Each test fails when its protection is taken out. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-clinic.h"
#include "app/custody.h"
#include "app/prescribe.h"
#include "app/recovery.h"
#include "app/totp.h"
#include "core/totp.h"

#define A hcx[CLIENT_A]
#define B hcx[CLIENT_B]

static int ask(struct hfx *f, const char *method, const char *path, const char *body, enum actor a, char **out)
{
	struct req rq;
	if (!strcmp(method, "GET"))
		hfx_send(f, &rq, method, path, NULL, hcx[a].cookie, NULL);
	else
		hfx_send(f, &rq, method, path, body, JSON, "Origin: " ORIGIN, hcx[a].cookie, hcx[a].tok, NULL);
	int s = rq.status;
	if (out)
		*out = xstrdup(hfx_body(&rq));
	req_release(&rq);
	return s;
}

/* The form body with actor a's CSRF token added (free it). */
static char *with_csrf(const char *body, enum actor a)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s&csrf=%s", body, hcx[a].tok + strlen("X-CSRF-Token: "));
	return strbuf_detach(&sb);
}

static int form(struct hfx *f, const char *path, const char *body, enum actor a)
{
	struct req rq;
	char *tok = with_csrf(body, a);
	hfx_send(f, &rq, "POST", path, tok, FORM, "Origin: " ORIGIN, hcx[a].cookie, NULL);
	free(tok);
	int s = rq.status;
	req_release(&rq);
	return s;
}

/* Log login in as hcx_login does, its keys into k. The status. */
static int login_as(struct hfx *f, const char *login, struct actor_keys *k)
{
	struct req rq;
	char body[160];
	snprintf(body, sizeof(body), "{\"login\":\"%s\",\"password\":\"%s\"}", login, PW);
	hfx_send(f, &rq, "POST", "/login", body, JSON, "Origin: " ORIGIN, NULL);
	int status = rq.status;
	if (status == 200) {
		const char *set = resp_header(&rq, "Set-Cookie");
		snprintf(k->cookie, sizeof(k->cookie), "Cookie: %.*s", (int)strcspn(set, ";"), set);
		json_t *v = hfx_json(&rq);
		snprintf(k->tok, sizeof(k->tok), "X-CSRF-Token: %s", json_string_value(json_object_get(v, "csrf_token")));
		k->id = json_integer_value(json_object_get(json_object_get(v, "account"), "id"));
	}
	req_release(&rq);
	return status;
}

static struct app_ctx wide_ctx(struct hfx *f, struct tz *utc)
{
	*utc = tz_fixed(0);
	return (struct app_ctx){ f->wide, &f->content, NOW_MS, utc };
}

/* The trainer prescribes for the client: the status of app_prescribe. */
static enum app_rx_status prescribe(struct hfx *f, enum actor trainer, enum actor client, const char *note)
{
	struct tz utc;
	struct app_ctx ctx = wide_ctx(f, &utc);
	struct app_rx_request rq = { hcx[trainer].id, hcx[client].id, NULL, "v-raise", NULL, 8, 0, 0, 0, note, false, NULL, NULL };
	struct app_rx_result r;
	struct strbuf err = STRBUF_INIT;
	enum app_rx_status st = app_prescribe(&ctx, &rq, &r, &err);
	strbuf_release(&err);
	return st;
}

static int n_trainers(struct hfx *f, enum actor a)
{
	char *body;
	assert_int_equal(ask(f, "GET", "/api/v1/account", NULL, a, &body), 200);
	json_t *v = json_loads(body, 0, NULL);
	int n = (int)json_array_size(json_object_get(v, "trainers"));
	json_decref(v);
	free(body);
	return n;
}

/* Another site's page reads nothing of the account, even with the cookie. */
static void test_cross_site(void **state)
{
	struct hfx *f = *state;
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/account", NULL, A.cookie, "Sec-Fetch-Site: cross-site", NULL);
	assert_int_equal(rq.status, 403);
	assert_string_equal(hfx_code(&rq), "bad_origin");
	req_release(&rq);
}

static void test_end_access(void **state)
{
	struct hfx *f = *state;
	char body[96], *out;
	assert_int_equal(ask(f, "GET", "/api/v1/account", NULL, CLIENT_A, &out), 200);
	assert_non_null(strstr(out, "tess"));
	free(out);
	assert_int_equal(n_trainers(f, CLIENT_A), 1);
	assert_int_equal(prescribe(f, TRAINER_A, CLIENT_A, "first"), APP_RX_SAVED);
	/* B cannot end A's trainer's access, nor learn who it is */
	snprintf(body, sizeof(body), "{\"trainer\":%lld}", (long long)hcx[TRAINER_A].id);
	assert_int_equal(ask(f, "POST", "/api/v1/account/trainers/end", body, CLIENT_B, &out), 404);
	assert_null(strstr(out, "tess"));
	free(out);
	assert_int_equal(n_trainers(f, CLIENT_A), 1);
	/* the page's button needs its box ticked */
	char fb[64];
	snprintf(fb, sizeof(fb), "trainer=%lld", (long long)hcx[TRAINER_A].id);
	assert_int_equal(form(f, "/account/trainers/end", fb, CLIENT_A), 400);
	assert_int_equal(n_trainers(f, CLIENT_A), 1);
	/* A ends it: gone, and the trainer prescribes no more */
	snprintf(fb, sizeof(fb), "trainer=%lld&sure=true", (long long)hcx[TRAINER_A].id);
	assert_int_equal(form(f, "/account/trainers/end", fb, CLIENT_A), 200);
	assert_int_equal(n_trainers(f, CLIENT_A), 0);
	assert_int_equal(prescribe(f, TRAINER_A, CLIENT_A, "after"), APP_RX_NOT_ALLOWED);
	assert_int_equal(ask(f, "POST", "/api/v1/account/trainers/end", body, CLIENT_A, NULL), 404);
	/* B's own trainer is untouched */
	assert_int_equal(n_trainers(f, CLIENT_B), 1);
	assert_int_equal(prescribe(f, TRAINER_B, CLIENT_B, "still"), APP_RX_SAVED);
}

static bool account_exists(struct hfx *f, const char *login)
{
	struct account_row a;
	bool found = true;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(f->wide->ops->account_get(f->wide, 0, login, &a, &found, &err), 0);
	if (found)
		account_row_release(&a);
	strbuf_release(&err);
	return found;
}

static void test_delete(void **state)
{
	struct hfx *f = *state;
	char *out;
	assert_int_equal(ask(f, "POST", "/api/v1/checkins", "{\"pain\":3,\"note\":\"cleo-note\"}", CLIENT_A, NULL), 201);
	assert_int_equal(ask(f, "POST", "/api/v1/checkins", "{\"pain\":4,\"note\":\"cai-note\"}", CLIENT_B, NULL), 201);
	/* only with the word typed */
	assert_int_equal(ask(f, "POST", "/api/v1/account/delete", "{\"confirm\":\"yes\"}", CLIENT_A, NULL), 400);
	assert_int_equal(form(f, "/account/delete", "confirm=Delete", CLIENT_A), 400);
	assert_true(account_exists(f, "cleo"));
	assert_int_equal(ask(f, "GET", "/api/v1/session", NULL, CLIENT_A, NULL), 200);
	/* deleted: the cookie is told gone, and the session is gone everywhere */
	struct req rq;
	hfx_send(f, &rq, "POST", "/api/v1/account/delete", "{\"confirm\":\"delete\"}", JSON, "Origin: " ORIGIN, A.cookie,
		 A.tok, NULL);
	assert_int_equal(rq.status, 200);
	assert_non_null(strstr(resp_header(&rq, "Set-Cookie") ? resp_header(&rq, "Set-Cookie") : "", "Max-Age=0"));
	req_release(&rq);
	assert_int_equal(ask(f, "GET", "/api/v1/session", NULL, CLIENT_A, NULL), 401);
	assert_int_equal(ask(f, "GET", "/api/v1/checkins", NULL, CLIENT_A, NULL), 401);
	assert_false(account_exists(f, "cleo"));
	/* nothing of A's is left under A's person, and B's check-in stays */
	struct store *h;
	struct strbuf err = STRBUF_INIT;
	struct checkin *ck;
	size_t n;
	assert_int_equal(store_bind(&h, f->cdb, A.id, &err), 0);
	assert_int_equal(h->ops->checkins_list(h, &ck, &n, &err), 0);
	assert_int_equal(n, 0);
	store_checkins_free(ck, n);
	store_close(h);
	assert_int_equal(ask(f, "GET", "/api/v1/checkins", NULL, CLIENT_B, &out), 200);
	assert_non_null(strstr(out, "cai-note"));
	free(out);
	/* the login name is free: a new cleo, who sees none of the old one's */
	struct tz utc;
	struct app_ctx ctx = wide_ctx(f, &utc);
	assert_true(hcx_client(f, &ctx, hcx[TRAINER_A].id, "cleo", "Cleo Again") > 0);
	assert_int_equal(hcx_login(f, CLIENT_A), 200);
	assert_int_equal(ask(f, "GET", "/api/v1/checkins", NULL, CLIENT_A, &out), 200);
	assert_null(strstr(out, "cleo-note"));
	free(out);
	/* the only admin is kept */
	assert_int_equal(ask(f, "POST", "/api/v1/account/delete", "{\"confirm\":\"delete\"}", ADMIN, NULL), 409);
	assert_true(account_exists(f, "ada"));
	/* the page's form: deleted, a page without navigation */
	assert_int_equal(form(f, "/account/delete", "confirm=delete", CLIENT_B), 200);
	assert_false(account_exists(f, "cai"));
	strbuf_release(&err);
}

/* POST the form body as actor a (its CSRF token added); the status, the body into out
 * (free it) and whether the answer tells the browser to forget its cookie. */
static int form_out(struct hfx *f, const char *path, const char *body, enum actor a, char **out, bool *gone)
{
	struct req rq;
	char *tok = with_csrf(body, a);
	hfx_send(f, &rq, "POST", path, tok, FORM, "Origin: " ORIGIN, hcx[a].cookie, NULL);
	free(tok);
	int s = rq.status;
	const char *set = resp_header(&rq, "Set-Cookie");
	*gone = set && strstr(set, "Max-Age=0");
	*out = xstrdup(hfx_body(&rq));
	req_release(&rq);
	return s;
}

/* Log in as cleo with password pw (JSON); the status. */
static int login_with(struct hfx *f, const char *pw)
{
	struct req rq;
	char body[200];
	snprintf(body, sizeof(body), "{\"login\":\"cleo\",\"password\":\"%s\"}", pw);
	hfx_send(f, &rq, "POST", "/login", body, JSON, "Origin: " ORIGIN, NULL);
	int status = rq.status;
	req_release(&rq);
	return status;
}

/* Changing the password: the current one must be right (and wrong ones count in the
 * login's throttle), the new one typed twice alike and held to the rules; then every
 * login of the account has ended (this one, and another device's), the old password
 * no longer logs in and the new one does. */
static void test_password_change(void **state)
{
	struct hfx *f = *state;
	char *out;
	bool gone;
	struct actor_keys other; /* cleo on another device */
	assert_int_equal(login_as(f, "cleo", &other), 200);
	/* the page has the form */
	assert_int_equal(ask(f, "GET", "/account", NULL, CLIENT_A, &out), 200);
	assert_non_null(strstr(out, "action=\"/account/password\""));
	assert_non_null(strstr(out, "autocomplete=\"current-password\""));
	free(out);
	/* each answer: its status, then a piece of the page it must hold */
	static const struct {
		const char *now, *pw, *again;
		int status;
		const char *says, *field;
	} tries[] = {
		/* the two new ones differ */
		{ "correct+horse+battery", "plum+tree+river+stone", "plum+tree+river+ston", 400, "not the same",
		  "data-field=\"password_again\"" },
		/* the person's own name (a new account's rules), and the one there is already */
		{ "correct+horse+battery", "Cleo+Client", "Cleo+Client", 400, "the login name or the person&#39;s name",
		  "id=\"new-password-err\"" },
		{ "correct+horse+battery", "correct+horse+battery", "correct+horse+battery", 400, "the one you have",
		  "id=\"new-password-err\"" },
		/* a wrong current one, counted as a failed login: past five, even the right one
		 * waits (a stolen session cannot guess it) */
		{ "not+it+at+all", "plum+tree+river+stone", "plum+tree+river+stone", 400, "That is not your password now",
		  "id=\"current-err\"" },
	};
	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++)
		for (int n = 0; n < (i == 3 ? 6 : 1); n++) {
			char body[200];
			snprintf(body, sizeof(body), "current=%s&password=%s&password_again=%s", tries[i].now, tries[i].pw,
				 tries[i].again);
			assert_int_equal(form_out(f, "/account/password", body, CLIENT_A, &out, &gone), tries[i].status);
			assert_non_null(strstr(out, tries[i].says));
			assert_non_null(strstr(out, tries[i].field));
			assert_false(gone);
			free(out);
		}
	const char *right = "current=correct+horse+battery&password=plum+tree+river+stone"
			    "&password_again=plum+tree+river+stone";
	assert_int_equal(form_out(f, "/account/password", right, CLIENT_A, &out, &gone), 429);
	assert_non_null(strstr(out, "Too many tries"));
	free(out);
	assert_int_equal(login_with(f, PW), 429); /* the login's own throttle, the same count */
	assert_int_equal(ask(f, "GET", "/api/v1/session", NULL, CLIENT_A, NULL), 200); /* nothing changed */
	/* later (the wait past), the right one: changed; every login ended */
	f->now_ms = NOW_MS + 60 * 1000;
	assert_int_equal(form_out(f, "/account/password", right, CLIENT_A, &out, &gone), 200);
	assert_non_null(strstr(out, "Your password is changed"));
	assert_true(gone);
	free(out);
	assert_int_equal(ask(f, "GET", "/api/v1/session", NULL, CLIENT_A, NULL), 401);
	struct req rq;
	hfx_send(f, &rq, "GET", "/api/v1/session", NULL, other.cookie, NULL);
	assert_int_equal(rq.status, 401); /* the other device's too */
	req_release(&rq);
	assert_int_equal(login_with(f, PW), 401);
	f->now_ms = NOW_MS + 2 * 60 * 1000;
	assert_int_equal(login_with(f, "plum tree river stone"), 200);
}

/* New recovery codes need the password, and a wrong one counts in the login's throttle
 * (a stolen session cannot guess it here): past five, even the right one waits and
 * nothing changes; later it gives ten new codes and the old ones stop working. */
static void test_new_codes_throttled(void **state)
{
	struct hfx *f = *state;
	struct tz utc;
	struct app_ctx ctx = wide_ctx(f, &utc);
	struct strbuf err = STRBUF_INIT;
	struct app_totp_enrol e;
	assert_int_equal(app_totp_begin(&ctx, A.id, &e, &err), CLINIC_OK);
	uint8_t key[40];
	int n = totp_base32_decode(e.secret, key, sizeof(key));
	assert_true(n > 0);
	char code[8];
	snprintf(code, sizeof(code), "%06u",
		 (unsigned)totp_hotp(key, (size_t)n, (uint64_t)(NOW_MS / TOTP_STEP_MS), TOTP_DIGITS));
	struct app_recovery first;
	assert_int_equal(app_totp_confirm(&ctx, A.id, code, &first, &err), CLINIC_OK);
	char *out;
	bool gone;
	assert_int_equal(ask(f, "GET", "/account/2fa", NULL, CLIENT_A, &out), 200);
	assert_non_null(strstr(out, "action=\"/account/2fa/codes\""));
	assert_non_null(strstr(out, "10 of 10</strong> recovery codes left"));
	free(out);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(form_out(f, "/account/2fa/codes", "password=not+it+at+all", CLIENT_A, &out, &gone), 400);
		assert_non_null(strstr(out, "The password is not right"));
		assert_null(strstr(out, "data-test=\"recovery-codes\""));
		free(out);
	}
	const char *right = "password=correct+horse+battery";
	assert_int_equal(form_out(f, "/account/2fa/codes", right, CLIENT_A, &out, &gone), 429);
	assert_non_null(strstr(out, "Too many tries"));
	assert_null(strstr(out, "data-test=\"recovery-codes\""));
	free(out);
	assert_int_equal(login_with(f, PW), 429); /* the login's own throttle, the same count */
	bool ok = true;
	ctx.now_ms = NOW_MS + 1;
	f->now_ms = NOW_MS + 60 * 1000;
	assert_int_equal(form_out(f, "/account/2fa/codes", right, CLIENT_A, &out, &gone), 200);
	assert_non_null(strstr(out, "data-test=\"recovery-codes\""));
	assert_null(strstr(out, first.code[0]));
	free(out);
	assert_int_equal(app_recovery_take(&ctx, A.id, first.code[0], &ok, &err), CLINIC_OK);
	assert_false(ok); /* the old ones: gone */
	strbuf_release(&err);
}

static void test_disable(void **state)
{
	struct hfx *f = *state;
	struct tz utc;
	struct app_ctx ctx = wide_ctx(f, &utc);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_custody_disable(&ctx, hcx[TRAINER_A].id, A.id, true, &err), CLINIC_NOT_ALLOWED);
	assert_int_equal(ask(f, "GET", "/api/v1/session", NULL, CLIENT_A, NULL), 200);
	assert_int_equal(app_custody_disable(&ctx, hcx[ADMIN].id, hcx[ADMIN].id, true, &err), CLINIC_NOT_ALLOWED);
	assert_int_equal(app_custody_disable(&ctx, hcx[ADMIN].id, A.id, true, &err), CLINIC_OK);
	assert_int_equal(ask(f, "GET", "/api/v1/session", NULL, CLIENT_A, NULL), 401); /* at once */
	assert_int_equal(hcx_login(f, CLIENT_A), 401);
	assert_int_equal(ask(f, "GET", "/api/v1/session", NULL, CLIENT_B, NULL), 200);
	assert_int_equal(app_custody_disable(&ctx, hcx[ADMIN].id, A.id, false, &err), CLINIC_OK);
	assert_int_equal(hcx_login(f, CLIENT_A), 200);
	strbuf_release(&err);
}

/* Each client's downloads hold their own records only, prescriptions included. */
static void test_exports_apart(void **state)
{
	struct hfx *f = *state;
	char *out;
	assert_int_equal(ask(f, "POST", "/api/v1/checkins", "{\"pain\":3,\"note\":\"cleo-note\"}", CLIENT_A, NULL), 201);
	assert_int_equal(ask(f, "POST", "/api/v1/checkins", "{\"pain\":4,\"note\":\"cai-note\"}", CLIENT_B, NULL), 201);
	assert_int_equal(prescribe(f, TRAINER_A, CLIENT_A, "cleo-rx"), APP_RX_SAVED);
	static const char *const fmts[] = { "json", "csv", "fhir" };
	for (int who = 0; who < 2; who++) {
		enum actor a = who ? CLIENT_B : CLIENT_A;
		const char *mine = who ? "cai-note" : "cleo-note", *theirs = who ? "cleo-note" : "cai-note";
		for (size_t k = 0; k < 3; k++) {
			char path[64];
			snprintf(path, sizeof(path), "/api/v1/export?format=%s", fmts[k]);
			assert_int_equal(ask(f, "GET", path, NULL, a, &out), 200);
			if (k != 2) /* FHIR carries no note */
				assert_non_null(strstr(out, mine));
			assert_null(strstr(out, theirs));
			if (k == 0) {
				json_t *v = json_loads(out, 0, NULL);
				json_t *rx = json_object_get(v, "prescriptions");
				assert_int_equal(json_array_size(rx), who ? 0 : 1);
				if (!who) {
					assert_string_equal(json_string_value(json_object_get(json_array_get(rx, 0), "note")),
							    "cleo-rx");
					assert_string_equal(json_string_value(json_object_get(json_array_get(rx, 0),
											      "trainer")), "tess");
				}
				json_decref(v);
			}
			free(out);
		}
		assert_int_equal(ask(f, "GET", "/api/v1/plan.ics", NULL, a, NULL), 200);
	}
}

/* A's backup restored by a new, empty client lands under that client only. */
static void test_restore_own(void **state)
{
	struct hfx *f = *state;
	char *backup;
	assert_int_equal(ask(f, "POST", "/api/v1/checkins", "{\"pain\":3,\"note\":\"cleo-note\"}", CLIENT_A, NULL), 201);
	assert_int_equal(prescribe(f, TRAINER_A, CLIENT_A, "cleo-rx"), APP_RX_SAVED);
	assert_int_equal(ask(f, "GET", "/api/v1/export?format=json", NULL, CLIENT_A, &backup), 200);
	json_t *doc = json_pack("{s:s}", "backup", backup);
	char *body = json_dumps(doc, 0);
	/* into an account that holds records: refused, nothing changed */
	assert_int_equal(ask(f, "POST", "/api/v1/checkins", "{\"pain\":4,\"note\":\"cai-note\"}", CLIENT_B, NULL), 201);
	assert_int_equal(ask(f, "POST", "/api/v1/restore", body, CLIENT_B, NULL), 409);
	assert_int_equal(ask(f, "POST", "/api/v1/restore", body, CLIENT_A, NULL), 409);
	/* a new client of tess, empty: restored under their own person */
	struct tz utc;
	struct app_ctx ctx = wide_ctx(f, &utc);
	int64_t dee = hcx_client(f, &ctx, hcx[TRAINER_A].id, "dee", "Dee Newcomer");
	assert_true(dee > 0);
	struct actor_keys keep = B;
	assert_int_equal(login_as(f, "dee", &B), 200); /* B's keys are dee's from here */
	assert_int_equal(ask(f, "POST", "/api/v1/restore", body, CLIENT_B, NULL), 201);
	assert_int_equal(ask(f, "POST", "/api/v1/restore", body, CLIENT_B, NULL), 409); /* not empty now */
	struct store *h;
	struct strbuf err = STRBUF_INIT;
	struct checkin *ck;
	struct prescription_row *rx;
	size_t n;
	assert_int_equal(store_bind(&h, f->cdb, dee, &err), 0);
	assert_int_equal(h->ops->checkins_list(h, &ck, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ck[0].note, "cleo-note");
	store_checkins_free(ck, n);
	assert_int_equal(h->ops->prescriptions_list(h, &rx, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rx[0].trainer_id, hcx[TRAINER_A].id); /* found again by name */
	store_prescriptions_free(rx, n);
	store_close(h);
	/* A and cai are as they were */
	int64_t ids[2] = { A.id, keep.id };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(store_bind(&h, f->cdb, ids[i], &err), 0);
		assert_int_equal(h->ops->checkins_list(h, &ck, &n, &err), 0);
		assert_int_equal(n, 1);
		store_checkins_free(ck, n);
		store_close(h);
	}
	/* a backup names no person: a field that would is refused */
	json_t *bad = json_loads(backup, 0, NULL);
	json_object_set_new(bad, "person_id", json_integer(A.id));
	char *bt = json_dumps(bad, 0);
	json_t *bd = json_pack("{s:s}", "backup", bt);
	char *bbody = json_dumps(bd, 0);
	assert_int_equal(ask(f, "POST", "/api/v1/restore", bbody, CLIENT_A, NULL), 400);
	free(bbody);
	json_decref(bd);
	free(bt);
	json_decref(bad);
	B = keep;
	strbuf_release(&err);
	free(body);
	json_decref(doc);
	free(backup);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cross_site, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_end_access, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_delete, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_password_change, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_new_codes_throttled, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_disable, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_exports_apart, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_restore_own, hcx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
