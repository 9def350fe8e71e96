/* test_login.c: clinic logins (app/login.c): a new id at every login kept only as a
 * hash, the session checked at each request with its idle and absolute timeouts,
 * logging out here and everywhere, the throttle by name and by address kept in the
 * store, the CSRF token tied to the session, and the unknown name checked against a
 * hash of the real cost. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/login.h"
#include "core/login.h"
#include "clinic-fx.h"
#include <sodium.h>
#include <string.h>

#define NOW 1780000000000LL
#define MIN (60LL * 1000)
#define GOOD "correct horse battery"

static int64_t admin(struct fx *f, const char *login)
{
	struct app_ctx ctx = at(f, NOW);
	struct account_row a = { 0 };
	if (!strcmp(login, "ada")) {
		assert_int_equal(app_clinic_init(&ctx, &cheap, login, "Ada Admin", GOOD, strlen(GOOD), &a, &f->err),
				 CLINIC_OK);
	} else {
		int64_t ada;
		assert_int_equal(app_clinic_account_id(&ctx, "ada", &ada, &f->err), CLINIC_OK);
		assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, ada, login, "Tess Trainer", GOOD, strlen(GOOD), &a,
							&f->err),
				 CLINIC_OK);
	}
	int64_t id = a.id;
	account_row_release(&a);
	return id;
}

static enum app_login_status try(struct fx *f, int64_t now, const char *login, const char *pw, const char *addr,
				 struct app_login *out)
{
	struct app_ctx ctx = at(f, now);
	strbuf_reset(&f->err);
	enum app_login_status st = app_login(&ctx, &cheap, login, pw, strlen(pw), addr, out, &f->err);
	if (st == APP_LOGIN_FAILED)
		fail_msg("%s", strbuf_str(&f->err));
	return st;
}

/* The account of a session at now, or 0. */
static int64_t who(struct fx *f, int64_t now, const char *id)
{
	struct app_ctx ctx = at(f, now);
	struct account_row a;
	strbuf_reset(&f->err);
	if (!app_session_account(&ctx, id, &a, &f->err)) {
		assert_int_equal(f->err.len, 0);
		return 0;
	}
	int64_t r = a.id;
	account_row_release(&a);
	return r;
}

static void test_new_id_each_login(void **state)
{
	struct fx *f = *state;
	int64_t ada = admin(f, "ada");
	struct app_login one, two;
	assert_int_equal(try(f, NOW, "ada", GOOD, "10.0.0.1", &one), APP_LOGIN_OK);
	assert_int_equal(try(f, NOW, "Ada", GOOD, "10.0.0.1", &two), APP_LOGIN_OK);
	assert_int_equal(one.account.id, ada);
	assert_int_equal(strlen(one.id), APP_SESSION_ID_LEN);
	assert_string_not_equal(one.id, two.id); /* a new id at every login */
	assert_int_equal(who(f, NOW, one.id), ada);
	assert_int_equal(who(f, NOW, two.id), ada);
	/* the store keeps a hash, never the id: looked up by the id itself, nothing */
	struct login_row row;
	bool found = true;
	assert_int_equal(f->s->ops->login_get(f->s, one.id, &row, &found, &f->err), 0);
	assert_false(found);
	/* ids not of ours are no one's */
	assert_int_equal(who(f, NOW, "x"), 0);
	assert_int_equal(who(f, NOW, NULL), 0);
	char forged[APP_SESSION_ID_LEN + 1];
	memcpy(forged, one.id, sizeof(forged));
	forged[0] = forged[0] == 'A' ? 'B' : 'A';
	assert_int_equal(who(f, NOW, forged), 0);
	/* the CSRF token belongs to its session */
	char c1[APP_CSRF_LEN + 1], c1b[APP_CSRF_LEN + 1], c2[APP_CSRF_LEN + 1];
	app_session_csrf(one.id, c1);
	app_session_csrf(one.id, c1b);
	app_session_csrf(two.id, c2);
	assert_string_equal(c1, c1b);
	assert_string_not_equal(c1, c2);
	assert_int_equal(strlen(c1), APP_CSRF_LEN);
	account_row_release(&one.account);
	account_row_release(&two.account);
}

static void test_timeouts(void **state)
{
	struct fx *f = *state;
	int64_t ada = admin(f, "ada");
	struct app_login in;
	assert_int_equal(try(f, NOW, "ada", GOOD, "a", &in), APP_LOGIN_OK);
	account_row_release(&in.account);
	/* each request keeps it going: 25 minutes apart, for hours */
	int64_t t = NOW;
	for (; t + 25 * MIN < NOW + LOGIN_ABSOLUTE_MS; t += 25 * MIN)
		assert_int_equal(who(f, t, in.id), ada);
	/* ... but not past the absolute limit */
	assert_int_equal(who(f, NOW + LOGIN_ABSOLUTE_MS, in.id), 0);
	/* idle for 30 minutes: over, and forgotten (not live again with an older clock) */
	assert_int_equal(try(f, NOW, "ada", GOOD, "a", &in), APP_LOGIN_OK);
	account_row_release(&in.account);
	assert_int_equal(who(f, NOW + 29 * MIN, in.id), ada);
	assert_int_equal(who(f, NOW + 29 * MIN + LOGIN_IDLE_MS, in.id), 0);
	assert_int_equal(who(f, NOW + 30 * MIN, in.id), 0);
}

static void test_logout(void **state)
{
	struct fx *f = *state;
	int64_t ada = admin(f, "ada"), tess = admin(f, "tess");
	struct app_login a1, a2, t1;
	assert_int_equal(try(f, NOW, "ada", GOOD, "a", &a1), APP_LOGIN_OK);
	assert_int_equal(try(f, NOW, "ada", GOOD, "b", &a2), APP_LOGIN_OK);
	assert_int_equal(try(f, NOW, "tess", GOOD, "a", &t1), APP_LOGIN_OK);
	struct app_ctx ctx = at(f, NOW);
	assert_int_equal(app_logout(&ctx, a1.id, &f->err), 0);
	assert_int_equal(who(f, NOW, a1.id), 0);
	assert_int_equal(who(f, NOW, a2.id), ada);
	account_row_release(&a1.account);
	assert_int_equal(try(f, NOW, "ada", GOOD, "c", &a1), APP_LOGIN_OK);
	int ended = 0;
	assert_int_equal(app_logout_everywhere(&ctx, ada, &ended, &f->err), 0);
	assert_int_equal(ended, 2);
	assert_int_equal(who(f, NOW, a1.id), 0);
	assert_int_equal(who(f, NOW, a2.id), 0);
	assert_int_equal(who(f, NOW, t1.id), tess); /* someone else's stays */
	account_row_release(&a1.account);
	account_row_release(&a2.account);
	account_row_release(&t1.account);
}

static void test_throttle_by_name(void **state)
{
	struct fx *f = *state;
	admin(f, "ada");
	struct app_login in;
	int n = throttle_by_name.free + 1;
	for (int i = 0; i < n; i++) /* from many addresses: the name counts */
		assert_int_equal(try(f, NOW, "ada", "wrong guess", i % 2 ? "10.0.0.1" : "10.0.0.2", &in),
				 APP_LOGIN_REFUSED);
	/* now even the right password waits, and says for how long */
	assert_int_equal(try(f, NOW, "ada", GOOD, "10.0.0.3", &in), APP_LOGIN_WAIT);
	assert_int_equal(in.wait_ms, 1000);
	assert_int_equal(try(f, NOW + 400, "ADA", GOOD, "10.0.0.3", &in), APP_LOGIN_WAIT);
	assert_int_equal(in.wait_ms, 600);
	/* a wrong one after the wait doubles it */
	assert_int_equal(try(f, NOW + 1000, "ada", "wrong guess", "10.0.0.3", &in), APP_LOGIN_REFUSED);
	assert_int_equal(try(f, NOW + 1000, "ada", GOOD, "10.0.0.3", &in), APP_LOGIN_WAIT);
	assert_int_equal(in.wait_ms, 2000);
	/* the right one after it goes, and clears the name's count */
	assert_int_equal(try(f, NOW + 3000, "ada", GOOD, "10.0.0.3", &in), APP_LOGIN_OK);
	account_row_release(&in.account);
	assert_int_equal(try(f, NOW + 3000, "ada", "wrong guess", "10.0.0.3", &in), APP_LOGIN_REFUSED);
	assert_int_equal(try(f, NOW + 3000, "ada", GOOD, "10.0.0.3", &in), APP_LOGIN_OK);
	account_row_release(&in.account);
	/* an unknown name is throttled the same: nothing tells it from a real one */
	for (int i = 0; i < n; i++)
		assert_int_equal(try(f, NOW, "nobody", "wrong guess", "10.0.0.4", &in), APP_LOGIN_REFUSED);
	assert_int_equal(try(f, NOW, "nobody", "wrong guess", "10.0.0.4", &in), APP_LOGIN_WAIT);
	assert_int_equal(in.wait_ms, 1000);
}

static void test_throttle_by_address(void **state)
{
	struct fx *f = *state;
	admin(f, "ada");
	struct app_login in;
	char name[32];
	for (int i = 0; i <= throttle_by_address.free; i++) { /* one address, many names */
		snprintf(name, sizeof(name), "guess%d", i);
		assert_int_equal(try(f, NOW, name, "wrong guess", "192.0.2.9", &in), APP_LOGIN_REFUSED);
	}
	assert_int_equal(try(f, NOW, "ada", GOOD, "192.0.2.9", &in), APP_LOGIN_WAIT);
	assert_int_equal(try(f, NOW, "ada", GOOD, "192.0.2.10", &in), APP_LOGIN_OK); /* another address goes */
	account_row_release(&in.account);
}

/* An unknown name's password is checked against a hash of the cost real ones have. */
static void test_dummy_hash(void **state)
{
	(void)state;
	assert_false(app_password_stale(app_clinic_dummy_hash, &app_pwhash_default));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_id_each_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeouts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle_by_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle_by_address, setup, teardown),
		cmocka_unit_test(test_dummy_hash),
	};
	return cmocka_run_group_tests(tests, clinic_group_setup, NULL);
}
