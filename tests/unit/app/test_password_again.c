/* test_password_again.c: the password asked again behind the login's throttle
 * (app/password-again.c) and its one check (app_clinic_password_is), at a clock the
 * test sets: a guarded step runs only while no wait is due, a wrong try counts as a
 * failed login (past five even the right password waits, and so does the login), a
 * refusal that guessed nothing does not count, a success clears the name's count as a
 * login does; and the password change (app/password-change.c) through it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/login.h"
#include "app/password-again.h"
#include "clinic-fx.h"
#include <string.h>

#define NOW 1780000000000LL
#define GOOD "correct horse battery"
#define ADDR "10.0.0.7"

/* ada, the clinic's admin; her id */
static int64_t ada(struct fx *f)
{
	struct app_ctx ctx = at(f, NOW);
	struct account_row a = { 0 };
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	int64_t id = a.id;
	account_row_release(&a);
	return id;
}

static void test_password_is(void **state)
{
	struct fx *f = *state;
	int64_t id = ada(f);
	struct app_ctx ctx = at(f, NOW);
	bool right = true;
	struct account_row a;
	assert_int_equal(app_clinic_password_is(&ctx, id, GOOD, strlen(GOOD), &right, &a, &f->err), CLINIC_OK);
	assert_true(right);
	assert_string_equal(a.login, "ada");
	account_row_release(&a);
	assert_int_equal(app_clinic_password_is(&ctx, id, "wrong horse battery", 19, &right, NULL, &f->err), CLINIC_OK);
	assert_false(right);
	assert_int_equal(app_clinic_password_is(&ctx, id, GOOD, strlen(GOOD) - 1, &right, NULL, &f->err), CLINIC_OK);
	assert_false(right); /* the length given is the password's */
	assert_int_equal(app_clinic_password_is(&ctx, id, NULL, 0, &right, NULL, &f->err), CLINIC_OK);
	assert_false(right);
	char *huge = calloc(APP_PASSWORD_MAX + 2, 1);
	memset(huge, 'x', APP_PASSWORD_MAX + 1);
	assert_int_equal(app_clinic_password_is(&ctx, id, huge, APP_PASSWORD_MAX + 1, &right, NULL, &f->err), CLINIC_OK);
	assert_false(right); /* past the limit: not even hashed */
	free(huge);
	right = true;
	assert_int_equal(app_clinic_password_is(&ctx, id + 100, GOOD, strlen(GOOD), &right, NULL, &f->err),
			 CLINIC_NO_ACCOUNT);
	assert_false(right);
	assert_int_equal(f->err.len, 0); /* the caller says whose */
}

/* A step that says what it is told and counts its runs. */
struct told {
	enum app_clinic_status st;
	bool wrong;
	int runs;
};

static enum app_clinic_status step(const struct app_ctx *ctx, void *arg, bool *wrong, struct strbuf *err)
{
	(void)ctx;
	(void)err;
	struct told *t = arg;
	t->runs++;
	*wrong = t->wrong;
	return t->st;
}

/* How long a login of ada from another address must wait now. */
static int64_t name_wait(struct fx *f, int64_t now)
{
	struct app_ctx ctx = at(f, now);
	int64_t w = -1;
	assert_int_equal(app_login_wait(&ctx, "ada", "10.9.9.9", &w, &f->err), 0);
	return w;
}

static void test_throttle(void **state)
{
	struct fx *f = *state;
	int64_t id = ada(f);
	struct app_ctx ctx = at(f, NOW);
	struct app_again again = { &ctx, ADDR, 0 };
	/* refusals that guessed nothing (a rule of the step's own) do not count */
	struct told t = { CLINIC_BAD_INPUT, false, 0 };
	for (int i = 0; i < 8; i++)
		assert_int_equal(app_password_again(&ctx, id, &again, step, &t, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(name_wait(f, NOW), 0);
	/* five wrong tries are free, the sixth makes the next wait */
	t = (struct told){ CLINIC_BAD_INPUT, true, 0 };
	for (int i = 0; i < 6; i++)
		assert_int_equal(app_password_again(&ctx, id, &again, step, &t, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(t.runs, 6);
	t = (struct told){ CLINIC_OK, false, 0 };
	assert_int_equal(app_password_again(&ctx, id, &again, step, &t, &f->err), CLINIC_WAIT);
	assert_true(again.wait_ms > 0 && again.wait_ms <= 1000);
	assert_int_equal(t.runs, 0); /* nothing was tried */
	/* the login's own throttle: the same count, by the name from any address */
	assert_true(name_wait(f, NOW) > 0);
	struct app_login in;
	assert_int_equal(app_login(&ctx, &cheap, "ada", GOOD, strlen(GOOD), "10.9.9.9", &in, &f->err), APP_LOGIN_WAIT);
	/* after the wait the step runs; its success clears the name's count, as a login's does */
	ctx.now_ms = NOW + 1000;
	assert_int_equal(app_password_again(&ctx, id, &again, step, &t, &f->err), CLINIC_OK);
	assert_int_equal(again.wait_ms, 0);
	assert_int_equal(t.runs, 1);
	t.wrong = true; /* one wrong try more is the first of a new count, free */
	t.st = CLINIC_BAD_INPUT;
	assert_int_equal(app_password_again(&ctx, id, &again, step, &t, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(name_wait(f, NOW + 1000), 0);
	/* an account that is not there: the store's answer, the step not run */
	assert_int_equal(app_password_again(&ctx, id + 100, &again, step, &t, &f->err), CLINIC_FAILED);
	assert_non_null(strstr(strbuf_str(&f->err), "no account of this session"));
	assert_int_equal(t.runs, 2);
}

/* The password change through it: a wrong current one counts; past five even the right
 * one waits and nothing changes; a new one the rules refuse does not count. */
static void test_change(void **state)
{
	struct fx *f = *state;
	int64_t id = ada(f);
	struct app_ctx ctx = at(f, NOW);
	struct app_again again = { &ctx, ADDR, 0 };
	const char *next = "plum tree river stone";
	int ended = -1;
	for (int i = 0; i < 6; i++) {
		strbuf_reset(&f->err);
		assert_int_equal(app_clinic_password_change(&ctx, &cheap, &again, id, GOOD, strlen(GOOD), GOOD,
							    strlen(GOOD), &ended, &f->err),
				 CLINIC_BAD_INPUT); /* the one there is: no guess */
		assert_non_null(strstr(strbuf_str(&f->err), "password: "));
	}
	assert_int_equal(name_wait(f, NOW), 0);
	for (int i = 0; i < 6; i++) {
		strbuf_reset(&f->err);
		assert_int_equal(app_clinic_password_change(&ctx, &cheap, &again, id, "not it at all", 13, next,
							    strlen(next), &ended, &f->err),
				 CLINIC_BAD_INPUT);
		assert_non_null(strstr(strbuf_str(&f->err), "current: "));
	}
	assert_int_equal(app_clinic_password_change(&ctx, &cheap, &again, id, GOOD, strlen(GOOD), next, strlen(next),
						    &ended, &f->err),
			 CLINIC_WAIT);
	assert_true(again.wait_ms > 0);
	bool right = false;
	assert_int_equal(app_clinic_password_is(&ctx, id, GOOD, strlen(GOOD), &right, NULL, &f->err), CLINIC_OK);
	assert_true(right); /* unchanged */
	ctx.now_ms = NOW + 1000;
	assert_int_equal(app_clinic_password_change(&ctx, &cheap, &again, id, GOOD, strlen(GOOD), next, strlen(next),
						    &ended, &f->err),
			 CLINIC_OK);
	assert_int_equal(app_clinic_password_is(&ctx, id, next, strlen(next), &right, NULL, &f->err), CLINIC_OK);
	assert_true(right);
	assert_int_equal(app_clinic_password_change(&ctx, &cheap, &again, id, GOOD, strlen(GOOD), next, strlen(next),
						    &ended, &f->err),
			 CLINIC_BAD_INPUT); /* the old one now: wrong, the first of a new count */
	assert_int_equal(name_wait(f, NOW + 1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_password_is, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change, setup, teardown),
	};
	return cmocka_run_group_tests(tests, clinic_group_setup, NULL);
}
