/* test_app_totp.c: two-step login (app/totp.c, app_login_code of app/login.c) at a
 * clock the test sets: on only after a right first code; at login the password alone
 * gives a waiting login that is no session; a code of the window of one step either
 * way is taken once; wrong, used and out-of-window codes are refused alike and count
 * in the throttle, which the right password does not clear while a code is due; the
 * waiting login ends after LOGIN_CODE_MS; turning off needs the password and a code;
 * new codes and turning off meet the login's throttle; the operator's reset. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/login.h"
#include "app/audit.h"
#include "app/password-again.h"
#include "app/recovery.h"
#include "app/totp.h"
#include "core/login.h"
#include "clinic-fx.h"
#include <stdio.h>
#include <string.h>

#define NOW 1780000000000LL /* a multiple of 30 s: step NOW / 30000 */
#define STEP (NOW / TOTP_STEP_MS)
#define GOOD "correct horse battery"

/* ada (admin) and tess (trainer); tess's id */
static int64_t people(struct fx *f)
{
	struct app_ctx ctx = at(f, NOW);
	struct account_row a = { 0 }, t = { 0 };
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, a.id, "tess", "Tess Trainer", GOOD, strlen(GOOD), &t,
						&f->err),
			 CLINIC_OK);
	int64_t id = t.id;
	account_row_release(&a);
	account_row_release(&t);
	return id;
}

/* The code of the key (base32, spaces allowed) at step s. */
static const char *code_at(const char *key, int64_t s)
{
	static char out[8];
	uint8_t k[40];
	int n = totp_base32_decode(key, k, sizeof(k));
	assert_true(n > 0);
	snprintf(out, sizeof(out), "%06u", (unsigned)totp_hotp(k, (size_t)n, (uint64_t)s, TOTP_DIGITS));
	return out;
}

/* the recovery codes the last confirmation showed */
static struct app_recovery shown_codes;

/* tess's factor set up and confirmed at NOW with the code of step STEP - 1; her key in key */
static void turn_on(struct fx *f, int64_t tess, char key[TOTP_BASE32_MAX])
{
	struct app_ctx ctx = at(f, NOW);
	struct app_totp_enrol e;
	assert_int_equal(app_totp_begin(&ctx, tess, &e, &f->err), CLINIC_OK);
	snprintf(key, TOTP_BASE32_MAX, "%s", e.secret);
	assert_int_equal(app_totp_confirm(&ctx, tess, code_at(key, STEP - 1), &shown_codes, &f->err), CLINIC_OK);
}

static void test_enrol(void **state)
{
	struct fx *f = *state;
	int64_t tess = people(f);
	struct app_ctx ctx = at(f, NOW);
	enum app_totp_state st;
	struct app_totp_enrol e, shown;
	assert_int_equal(app_totp_state(&ctx, tess, &st, NULL, &f->err), CLINIC_OK);
	assert_int_equal(st, APP_TOTP_OFF);
	assert_int_equal(app_totp_confirm(&ctx, tess, "123456", &shown_codes, &f->err), CLINIC_NOT_ALLOWED);
	assert_int_equal(app_totp_begin(&ctx, tess, &e, &f->err), CLINIC_OK);
	assert_int_equal(strlen(e.secret), 32); /* 20 bytes */
	assert_int_equal(strlen(e.grouped), 39); /* eight groups of four */
	assert_non_null(strstr(e.uri, "otpauth://totp/unhunch:tess?secret="));
	assert_non_null(strstr(e.uri, e.secret));
	assert_int_equal(app_totp_state(&ctx, tess, &st, &shown, &f->err), CLINIC_OK);
	assert_int_equal(st, APP_TOTP_WAITING);
	assert_string_equal(shown.secret, e.secret);
	/* a wrong code, and one two steps away: still waiting */
	strbuf_reset(&f->err);
	assert_int_equal(app_totp_confirm(&ctx, tess, code_at(e.secret, STEP + 2), &shown_codes, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(app_totp_confirm(&ctx, tess, "12345", &shown_codes, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(app_totp_state(&ctx, tess, &st, NULL, &f->err), CLINIC_OK);
	assert_int_equal(st, APP_TOTP_WAITING);
	/* a new key: the old one's codes no longer count */
	struct app_totp_enrol e2;
	assert_int_equal(app_totp_begin(&ctx, tess, &e2, &f->err), CLINIC_OK);
	assert_string_not_equal(e2.secret, e.secret);
	assert_int_equal(app_totp_confirm(&ctx, tess, code_at(e.secret, STEP), &shown_codes, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(app_totp_confirm(&ctx, tess, code_at(e2.secret, STEP + 1), &shown_codes, &f->err), CLINIC_OK);
	assert_int_equal(app_totp_state(&ctx, tess, &st, NULL, &f->err), CLINIC_OK);
	assert_int_equal(st, APP_TOTP_ON);
	assert_int_equal(app_totp_begin(&ctx, tess, &e, &f->err), CLINIC_NOT_ALLOWED);
	assert_true(app_totp_required(ROLE_TRAINER, true) && app_totp_required(ROLE_ADMIN, true));
	assert_false(app_totp_required(ROLE_CLIENT, true) || app_totp_required(ROLE_TRAINER, false));
}

static enum app_login_status code_try(struct fx *f, int64_t now, const char *id, const char *code, struct app_login *out)
{
	struct app_ctx ctx = at(f, now);
	strbuf_reset(&f->err);
	enum app_login_status st = app_login_code(&ctx, id, code, "10.0.0.1", out, &f->err);
	if (st == APP_LOGIN_FAILED)
		fail_msg("%s", strbuf_str(&f->err));
	if (st == APP_LOGIN_OK)
		account_row_release(&out->account);
	return st;
}

static void password(struct fx *f, int64_t now, struct app_login *out)
{
	struct app_ctx ctx = at(f, now);
	assert_int_equal(app_login(&ctx, &cheap, "tess", GOOD, strlen(GOOD), "10.0.0.1", out, &f->err), APP_LOGIN_CODE);
	account_row_release(&out->account);
}

static void test_login_code(void **state)
{
	struct fx *f = *state;
	int64_t tess = people(f);
	char key[TOTP_BASE32_MAX];
	turn_on(f, tess, key);
	struct app_login p, s;
	password(f, NOW, &p);
	struct app_ctx ctx = at(f, NOW);
	struct account_row a;
	assert_false(app_session_account(&ctx, p.id, &a, &f->err)); /* the waiting login is no session */
	assert_int_equal(code_try(f, NOW, p.id, "000000", &s), APP_LOGIN_REFUSED);
	assert_int_equal(code_try(f, NOW, p.id, code_at(key, STEP - 1), &s), APP_LOGIN_REFUSED); /* used at confirm */
	assert_int_equal(code_try(f, NOW, p.id, code_at(key, STEP + 2), &s), APP_LOGIN_REFUSED); /* outside */
	assert_int_equal(code_try(f, NOW, p.id, code_at(key, STEP - 2), &s), APP_LOGIN_REFUSED);
	assert_int_equal(code_try(f, NOW, p.id, code_at(key, STEP + 1), &s), APP_LOGIN_OK); /* 30 s ahead */
	assert_true(app_session_account(&ctx, s.id, &a, &f->err));
	assert_int_equal(a.id, tess);
	account_row_release(&a);
	assert_int_equal(code_try(f, NOW, p.id, code_at(key, STEP + 1), &s), APP_LOGIN_AGAIN); /* spent */
	/* the same step again at a new login: a replay; the step before it: older */
	password(f, NOW, &p);
	assert_int_equal(code_try(f, NOW, p.id, code_at(key, STEP + 1), &s), APP_LOGIN_REFUSED);
	assert_int_equal(code_try(f, NOW, p.id, code_at(key, STEP), &s), APP_LOGIN_REFUSED);
	/* a waiting login lasts LOGIN_CODE_MS */
	int64_t later = NOW + 10 * 60 * 1000;
	password(f, later, &p);
	int64_t step = later / TOTP_STEP_MS;
	assert_int_equal(code_try(f, later + LOGIN_CODE_MS, p.id, code_at(key, step + 10), &s), APP_LOGIN_AGAIN);
	assert_int_equal(code_try(f, later + LOGIN_CODE_MS, "not-an-id", "123456", &s), APP_LOGIN_AGAIN);
}

/* ten recovery codes shown at the confirmation: each logs in once in place of the
 * app's code, any case, with or without dashes, and the log says so */
static void test_recovery_codes(void **state)
{
	struct fx *f = *state;
	int64_t tess = people(f);
	char key[TOTP_BASE32_MAX];
	turn_on(f, tess, key);
	struct app_recovery codes = shown_codes;
	for (int i = 0; i < APP_RECOVERY_CODES; i++) {
		assert_int_equal(strlen(codes.code[i]), APP_RECOVERY_LEN);
		assert_int_equal(codes.code[i][4], '-');
		assert_true(app_recovery_shape(codes.code[i]));
		for (int k = 0; k < i; k++)
			assert_string_not_equal(codes.code[i], codes.code[k]);
	}
	assert_false(app_recovery_shape("123456"));
	assert_false(app_recovery_shape("abcd-efgh-jkmn-pqr0")); /* no 0 in the alphabet */
	struct app_login p, s;
	password(f, NOW, &p);
	assert_int_equal(code_try(f, NOW, p.id, "abcd-efgh-jkmn-pqrs", &s), APP_LOGIN_REFUSED); /* not one of hers */
	char typed[APP_RECOVERY_LEN + 1];
	size_t n = 0;
	for (const char *c = codes.code[3]; *c; c++) /* as typed from paper: capitals, no dashes */
		if (*c != '-')
			typed[n++] = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
	typed[n] = 0;
	assert_int_equal(code_try(f, NOW, p.id, typed, &s), APP_LOGIN_OK);
	password(f, NOW, &p);
	assert_int_equal(code_try(f, NOW, p.id, codes.code[3], &s), APP_LOGIN_REFUSED); /* once */
	assert_int_equal(code_try(f, NOW, p.id, codes.code[4], &s), APP_LOGIN_OK);
	struct app_ctx ctx = at(f, NOW);
	struct audit_row *rows;
	size_t nr;
	assert_int_equal(app_audit_list(&ctx, tess, &rows, &nr, &f->err), 0);
	size_t seen = 0;
	for (size_t i = 0; i < nr; i++)
		seen += !strcmp(rows[i].what, AUDIT_RECOVERY_USED);
	assert_int_equal(seen, 2);
	store_audit_free(rows, nr);
	/* a reset at the terminal ends them with the factor; a new factor has new ones */
	bool was;
	assert_int_equal(app_totp_reset(&ctx, "tess", &was, &f->err), CLINIC_OK);
	turn_on(f, tess, key);
	password(f, NOW, &p);
	assert_int_equal(code_try(f, NOW, p.id, codes.code[5], &s), APP_LOGIN_REFUSED);
	assert_int_equal(code_try(f, NOW, p.id, shown_codes.code[5], &s), APP_LOGIN_OK);
}

static int left_of(struct fx *f, int64_t account)
{
	struct app_ctx ctx = at(f, NOW);
	int n = -1;
	assert_int_equal(app_recovery_left(&ctx, account, &n, &f->err), CLINIC_OK);
	return n;
}

/* new recovery codes only with the password, in place of the old ones (used or not);
 * how many are left; a recovery code turns the factor off where the app's code would,
 * and a wrong password does not use it up */
static void test_new_codes(void **state)
{
	struct fx *f = *state;
	int64_t tess = people(f);
	char key[TOTP_BASE32_MAX];
	struct app_ctx ctx = at(f, NOW);
	struct app_again ag = { &ctx, "10.0.0.9", 0 }; /* the login's throttle, on the same store */
	struct app_recovery fresh;
	assert_int_equal(app_totp_new_codes(&ctx, &ag, tess, GOOD, strlen(GOOD), &fresh, &f->err), CLINIC_NOT_ALLOWED);
	assert_int_equal(left_of(f, tess), 0);
	turn_on(f, tess, key);
	struct app_recovery first = shown_codes;
	assert_int_equal(left_of(f, tess), APP_RECOVERY_CODES);
	struct app_login p, s;
	password(f, NOW, &p);
	assert_int_equal(code_try(f, NOW, p.id, first.code[0], &s), APP_LOGIN_OK);
	assert_int_equal(left_of(f, tess), APP_RECOVERY_CODES - 1);
	const char *bad = "wrong horse battery";
	assert_int_equal(app_totp_new_codes(&ctx, &ag, tess, bad, strlen(bad), &fresh, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(left_of(f, tess), APP_RECOVERY_CODES - 1); /* the old ones stay */
	assert_int_equal(app_totp_new_codes(&ctx, &ag, tess, GOOD, strlen(GOOD), &fresh, &f->err), CLINIC_OK);
	assert_int_equal(left_of(f, tess), APP_RECOVERY_CODES);
	for (int i = 0; i < APP_RECOVERY_CODES; i++)
		for (int k = 0; k < APP_RECOVERY_CODES; k++)
			assert_string_not_equal(fresh.code[i], first.code[k]);
	password(f, NOW, &p);
	assert_int_equal(code_try(f, NOW, p.id, first.code[1], &s), APP_LOGIN_REFUSED); /* the old: gone */
	/* off with a recovery code; a wrong password leaves it unused */
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, bad, strlen(bad), fresh.code[2], &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(left_of(f, tess), APP_RECOVERY_CODES);
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, GOOD, strlen(GOOD), first.code[2], &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, GOOD, strlen(GOOD), fresh.code[2], &f->err), CLINIC_OK);
	enum app_totp_state st;
	assert_int_equal(app_totp_state(&ctx, tess, &st, NULL, &f->err), CLINIC_OK);
	assert_int_equal(st, APP_TOTP_OFF);
	assert_int_equal(left_of(f, tess), 0); /* gone with the factor */
}

static void test_code_throttle(void **state)
{
	struct fx *f = *state;
	int64_t tess = people(f);
	char key[TOTP_BASE32_MAX];
	turn_on(f, tess, key);
	struct app_login p, s;
	int64_t t = NOW + 60 * 60 * 1000, step = t / TOTP_STEP_MS;
	password(f, t, &p);
	for (int i = 0; i < 3; i++)
		assert_int_equal(code_try(f, t, p.id, "000000", &s), APP_LOGIN_REFUSED);
	password(f, t, &p); /* the right password does not clear the count while a code is due */
	for (int i = 0; i < 3; i++)
		assert_int_equal(code_try(f, t, p.id, "000000", &s), APP_LOGIN_REFUSED);
	/* 6 failures: the next try waits 1 s, the right code included, and is not checked */
	assert_int_equal(code_try(f, t, p.id, code_at(key, step), &s), APP_LOGIN_WAIT);
	assert_true(s.wait_ms > 0 && s.wait_ms <= 1000);
	struct app_ctx ctx = at(f, t);
	assert_int_equal(app_login(&ctx, &cheap, "tess", GOOD, strlen(GOOD), "10.0.0.1", &s, &f->err), APP_LOGIN_WAIT);
	/* after the wait, the right code; the count is then forgotten */
	assert_int_equal(code_try(f, t + 1000, p.id, code_at(key, step), &s), APP_LOGIN_OK);
	password(f, t + 1000, &p);
	for (int i = 0; i < 5; i++)
		assert_int_equal(code_try(f, t + 1000, p.id, "000000", &s), APP_LOGIN_REFUSED);
}

/* new codes and turning off ask for the password again behind the login's throttle: a
 * wrong password, or a wrong code to turn off, counts as a failed login; past five the
 * right ones wait and nothing changes, and so does the login */
static void test_again_throttled(void **state)
{
	struct fx *f = *state;
	char key[TOTP_BASE32_MAX];
	int64_t tess = people(f);
	turn_on(f, tess, key);
	const char *bad = "wrong horse battery";
	struct app_ctx ctx = at(f, NOW);
	struct app_again ag = { &ctx, "10.0.0.9", 0 };
	struct app_recovery fresh;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(app_totp_new_codes(&ctx, &ag, tess, bad, strlen(bad), &fresh, &f->err), CLINIC_BAD_INPUT);
		assert_int_equal(app_totp_off(&ctx, &ag, tess, false, GOOD, strlen(GOOD), "000000", &f->err),
				 CLINIC_BAD_INPUT);
	}
	assert_int_equal(app_totp_new_codes(&ctx, &ag, tess, GOOD, strlen(GOOD), &fresh, &f->err), CLINIC_WAIT);
	assert_true(ag.wait_ms > 0 && ag.wait_ms <= 1000);
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, GOOD, strlen(GOOD), code_at(key, STEP), &f->err),
			 CLINIC_WAIT);
	assert_int_equal(left_of(f, tess), APP_RECOVERY_CODES); /* the old codes stand */
	struct app_login s;
	assert_int_equal(app_login(&ctx, &cheap, "tess", GOOD, strlen(GOOD), "10.0.0.1", &s, &f->err), APP_LOGIN_WAIT);
	ctx.now_ms = NOW + 1000;
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, GOOD, strlen(GOOD), code_at(key, STEP), &f->err),
			 CLINIC_OK);
}

static void test_off_and_reset(void **state)
{
	struct fx *f = *state;
	int64_t tess = people(f);
	char key[TOTP_BASE32_MAX];
	turn_on(f, tess, key);
	struct app_ctx ctx = at(f, NOW);
	struct app_again ag = { &ctx, "10.0.0.9", 0 };
	enum app_totp_state st;
	const char *bad = "wrong horse battery";
	assert_int_equal(app_totp_off(&ctx, &ag, tess, true, GOOD, strlen(GOOD), code_at(key, STEP), &f->err),
			 CLINIC_NOT_ALLOWED); /* required of the role */
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, bad, strlen(bad), code_at(key, STEP), &f->err),
			 CLINIC_BAD_INPUT);
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, GOOD, strlen(GOOD), "000000", &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, GOOD, strlen(GOOD), code_at(key, STEP - 1), &f->err),
			 CLINIC_BAD_INPUT); /* used at confirm */
	assert_int_equal(app_totp_state(&ctx, tess, &st, NULL, &f->err), CLINIC_OK);
	assert_int_equal(st, APP_TOTP_ON);
	assert_int_equal(app_totp_off(&ctx, &ag, tess, false, GOOD, strlen(GOOD), code_at(key, STEP), &f->err), CLINIC_OK);
	assert_int_equal(app_totp_state(&ctx, tess, &st, NULL, &f->err), CLINIC_OK);
	assert_int_equal(st, APP_TOTP_OFF);
	/* the reset: off, and the account's logins end */
	turn_on(f, tess, key);
	struct app_login p;
	password(f, NOW, &p);
	bool was = false;
	assert_int_equal(app_totp_reset(&ctx, "tess", &was, &f->err), CLINIC_OK);
	assert_true(was);
	struct app_login s;
	assert_int_equal(code_try(f, NOW, p.id, code_at(key, STEP + 1), &s), APP_LOGIN_AGAIN);
	assert_int_equal(app_totp_state(&ctx, tess, &st, NULL, &f->err), CLINIC_OK);
	assert_int_equal(st, APP_TOTP_OFF);
	assert_int_equal(app_totp_reset(&ctx, "tess", &was, &f->err), CLINIC_OK);
	assert_false(was);
	assert_int_equal(app_totp_reset(&ctx, "nobody", &was, &f->err), CLINIC_NO_ACCOUNT);
	struct app_login ok;
	assert_int_equal(app_login(&ctx, &cheap, "tess", GOOD, strlen(GOOD), "10.0.0.2", &ok, &f->err), APP_LOGIN_OK);
	account_row_release(&ok.account);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enrol, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recovery_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_again_throttled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_off_and_reset, setup, teardown),
	};
	return cmocka_run_group_tests(tests, clinic_group_setup, NULL);
}
