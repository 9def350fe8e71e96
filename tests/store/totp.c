/* totp.c: the store conformance suite's second factors (store.h totp_*), their recovery
 * codes (recovery_*) and the login session that waits for a code (login_row.code_due), on the backend UNHUNCH_TEST_STORE
 * names as in conformance.c. Run by conformance.c's main (totp_conformance()). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "accounts.h"
#include "afx.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECRET1 "3132333435363738393031323334353637383930"
#define SECRET2 "0102030405060708090a0b0c0d0e0f1011121314"
/* recovery codes' digests: 64 hex digits */
#define RECOVERY1 "1111111111111111111111111111111111111111111111111111111111111111"
#define RECOVERY2 "2222222222222222222222222222222222222222222222222222222222222222"
#define RECOVERY3 "3333333333333333333333333333333333333333333333333333333333333333"
#define RECOVERY4 "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"

static struct totp_row totp_of(int64_t account, const char *secret)
{
	struct totp_row r = { account, "", 0, 0 };
	snprintf(r.secret, sizeof(r.secret), "%s", secret);
	return r;
}

static void expect_totp(struct afx *f, struct store *s, int64_t account, bool there, const char *secret,
			int64_t confirmed, int64_t last)
{
	struct totp_row got;
	bool found = !there;
	OK(s->ops->totp_get(s, account, &got, &found, &f->err));
	assert_int_equal(found, there);
	if (there) {
		assert_int_equal(got.account_id, account);
		assert_string_equal(got.secret, secret);
		assert_int_equal(got.confirmed_ms, confirmed);
		assert_int_equal(got.last_step, last);
	}
}

static bool use(struct afx *f, struct store *s, int64_t account, int64_t step, int64_t now)
{
	bool used = !false;
	OK(s->ops->totp_use(s, account, step, now, &used, &f->err));
	return used;
}

/* ---- one account's factor: kept, a code taken once and only forward, replaced, cleared ---- */

static void test_totp_one(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "tia"), b = afx_add_trainer(f, "tom");
	expect_totp(f, f->s, a, false, NULL, 0, 0);
	assert_false(use(f, f->s, a, 5, 1000)); /* nothing to take a code for */
	struct totp_row row = totp_of(a, SECRET1);
	OK(f->s->ops->totp_put(f->s, &row, &f->err));
	expect_totp(f, f->s, a, true, SECRET1, 0, 0);
	expect_totp(f, f->s, b, false, NULL, 0, 0);
	/* the first code confirms it; the same step again, or an older one, is refused */
	assert_true(use(f, f->s, a, 100, 3000000));
	expect_totp(f, f->s, a, true, SECRET1, 3000000, 100);
	assert_false(use(f, f->s, a, 100, 3010000));
	assert_false(use(f, f->s, a, 99, 3010000));
	expect_totp(f, f->s, a, true, SECRET1, 3000000, 100);
	assert_true(use(f, f->s, a, 101, 3030000));
	expect_totp(f, f->s, a, true, SECRET1, 3000000, 101); /* confirmed when it was first */
	/* a new secret starts again: not confirmed, no step */
	row = totp_of(a, SECRET2);
	OK(f->s->ops->totp_put(f->s, &row, &f->err));
	expect_totp(f, f->s, a, true, SECRET2, 0, 0);
	bool cleared = false;
	OK(f->s->ops->totp_clear(f->s, a, &cleared, &f->err));
	assert_true(cleared);
	expect_totp(f, f->s, a, false, NULL, 0, 0);
	OK(f->s->ops->totp_clear(f->s, a, &cleared, &f->err));
	assert_false(cleared);
	OK(f->s->ops->totp_clear(f->s, a, NULL, &f->err));
}

/* ---- what the store will not keep ---- */

static void test_totp_refused(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "ria");
	const char *bad[] = { "", "abc", "3132333435363738393", "3132333435363738393G", "313233343536373839303132333435363738393" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct totp_row row = totp_of(a, bad[i]);
		strbuf_reset(&f->err);
		assert_int_not_equal(f->s->ops->totp_put(f->s, &row, &f->err), 0);
		assert_non_null(strstr(strbuf_str(&f->err), "secret"));
	}
	struct totp_row row = totp_of(STORE_LOCAL_PERSON, SECRET1);
	strbuf_reset(&f->err);
	assert_int_not_equal(f->s->ops->totp_put(f->s, &row, &f->err), 0);
	row = totp_of(a, SECRET1);
	row.last_step = -1;
	strbuf_reset(&f->err);
	assert_int_not_equal(f->s->ops->totp_put(f->s, &row, &f->err), 0);
	expect_totp(f, f->s, a, false, NULL, 0, 0);
}

/* ---- the factor goes with its account ---- */

static void test_totp_account_gone(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "gus");
	struct totp_row row = totp_of(a, SECRET1);
	OK(f->s->ops->totp_put(f->s, &row, &f->err));
	const char *codes[] = { RECOVERY1 };
	OK(f->s->ops->recovery_put(f->s, a, codes, 1, &f->err)); /* they go with it too */
	struct store *me;
	OK(store_bind(&me, f->db, a, &f->err));
	OK(me->ops->account_delete(me, &f->err));
	store_close(me);
	expect_totp(f, f->s, a, false, NULL, 0, 0);
}

/* ---- recovery codes: each taken once, replaced whole, gone with the factor ---- */

static bool take_code(struct afx *f, struct store *s, int64_t account, const char *hash, int64_t now)
{
	bool used = true;
	OK(s->ops->recovery_use(s, account, hash, now, &used, &f->err));
	return used;
}

static int left(struct afx *f, struct store *s, int64_t account)
{
	int n = -1;
	OK(s->ops->recovery_left(s, account, &n, &f->err));
	return n;
}

static void test_recovery(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "rae"), b = afx_add_trainer(f, "rob");
	const char *three[] = { RECOVERY1, RECOVERY2, RECOVERY3 }, *two[] = { RECOVERY3, RECOVERY4 };
	strbuf_reset(&f->err);
	assert_int_not_equal(f->s->ops->recovery_put(f->s, a, three, 3, &f->err), 0); /* no factor yet */
	struct totp_row row = totp_of(a, SECRET1), rb = totp_of(b, SECRET2);
	OK(f->s->ops->totp_put(f->s, &row, &f->err));
	OK(f->s->ops->totp_put(f->s, &rb, &f->err));
	assert_int_equal(left(f, f->s, a), 0);
	OK(f->s->ops->recovery_put(f->s, a, three, 3, &f->err));
	assert_int_equal(left(f, f->s, a), 3);
	assert_false(take_code(f, f->s, b, RECOVERY2, 5000)); /* a's, not b's */
	assert_false(take_code(f, f->s, a, RECOVERY4, 5000)); /* not one of a's */
	assert_true(take_code(f, f->s, a, RECOVERY2, 5000));
	assert_false(take_code(f, f->s, a, RECOVERY2, 6000)); /* once */
	assert_true(take_code(f, f->s, a, RECOVERY1, 6000));
	assert_int_equal(left(f, f->s, a), 1); /* counted unused, not tried */
	assert_int_equal(left(f, f->s, b), 0);
	/* new codes replace the old, used or not */
	OK(f->s->ops->recovery_put(f->s, a, two, 2, &f->err));
	assert_int_equal(left(f, f->s, a), 2);
	assert_false(take_code(f, f->s, a, RECOVERY1, 7000));
	assert_false(take_code(f, f->s, a, RECOVERY2, 7000));
	assert_true(take_code(f, f->s, a, RECOVERY3, 7000)); /* a new code, though its digest was there */
	/* a digest of another shape is refused, and nothing changes */
	const char *bad[] = { RECOVERY1, "not-hex" };
	strbuf_reset(&f->err);
	assert_int_not_equal(f->s->ops->recovery_put(f->s, a, bad, 2, &f->err), 0);
	assert_non_null(strstr(strbuf_str(&f->err), "invalid recovery codes"));
	assert_true(take_code(f, f->s, a, RECOVERY4, 8000)); /* the codes before it stay */
	/* the factor turned off: its codes go with it, and a new factor has none */
	OK(f->s->ops->recovery_put(f->s, a, two, 2, &f->err));
	bool cleared;
	OK(f->s->ops->totp_clear(f->s, a, &cleared, &f->err));
	OK(f->s->ops->totp_put(f->s, &row, &f->err));
	assert_false(take_code(f, f->s, a, RECOVERY4, 9000));
	assert_int_equal(left(f, f->s, a), 0);
	/* none: n 0 */
	OK(f->s->ops->recovery_put(f->s, b, two, 2, &f->err));
	OK(f->s->ops->recovery_put(f->s, b, NULL, 0, &f->err));
	assert_false(take_code(f, f->s, b, RECOVERY4, 9000));
}

/* ---- the account itself reaches its own; on PostgreSQL no other account does ---- */

static void test_totp_own(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "ona"), b = afx_add_trainer(f, "oto");
	struct store *me, *other;
	OK(store_bind(&me, f->db, a, &f->err));
	OK(store_bind(&other, f->db, b, &f->err));
	struct totp_row row = totp_of(a, SECRET1);
	OK(me->ops->totp_put(me, &row, &f->err));
	expect_totp(f, me, a, true, SECRET1, 0, 0);
	assert_true(use(f, me, a, 7, 210000));
	expect_totp(f, f->s, a, true, SECRET1, 210000, 7); /* the operator sees it */
	if (store_is_pg(f->location) && getenv("UNHUNCH_TEST_RLS")) { /* row-level security (as the application
								 * role): another account sees nothing, changes nothing */
		expect_totp(f, other, a, false, NULL, 0, 0);
		assert_false(use(f, other, a, 8, 240000));
		bool cleared = true;
		OK(other->ops->totp_clear(other, a, &cleared, &f->err));
		assert_false(cleared);
		struct totp_row theirs = totp_of(a, SECRET2);
		strbuf_reset(&f->err);
		assert_int_not_equal(other->ops->totp_put(other, &theirs, &f->err), 0);
		expect_totp(f, me, a, true, SECRET1, 210000, 7);
		const char *codes[] = { RECOVERY1, RECOVERY2 };
		OK(me->ops->recovery_put(me, a, codes, 2, &f->err));
		assert_false(take_code(f, other, a, RECOVERY1, 250000));
		assert_int_equal(left(f, other, a), 0); /* another account counts none of them */
		assert_int_equal(left(f, me, a), 2);
		strbuf_reset(&f->err);
		assert_int_not_equal(other->ops->recovery_put(other, a, codes, 1, &f->err), 0);
		assert_true(take_code(f, me, a, RECOVERY1, 250000)); /* still there, unused */
	}
	store_close(other);
	store_close(me);
}

/* ---- an enabled admin turns another account's factor off and ends its logins (the
 * clinic's page); on PostgreSQL without reading the factor, and a disabled admin does
 * nothing ---- */

static void test_totp_admin_clears(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "ada-t");
	char *login = afx_login(f, "ada-admin");
	struct account_row ad = afx_account(login, ROLE_ADMIN, "Ada Admin");
	OK(f->s->ops->account_add(f->s, &ad, 0, &f->err));
	free(login);
	struct store *admin;
	OK(store_bind(&admin, f->db, ad.id, &f->err));
	struct totp_row row = totp_of(a, SECRET1);
	const char *codes[] = { RECOVERY1, RECOVERY2 };
	char *h = afx_hash(f);
	struct login_row in = { h, a, 5000, 5000, false };
	bool rls = store_is_pg(f->location) && getenv("UNHUNCH_TEST_RLS");
	bool cleared;
	int ended;
	if (rls) { /* a disabled admin: nothing */
		OK(f->s->ops->totp_put(f->s, &row, &f->err));
		OK(f->s->ops->recovery_put(f->s, a, codes, 2, &f->err));
		OK(f->s->ops->login_add(f->s, &in, &f->err));
		OK(f->s->ops->account_set_disabled(f->s, ad.id, 9000, &f->err));
		OK(admin->ops->totp_clear(admin, a, &cleared, &f->err));
		OK(admin->ops->logins_end_all(admin, a, &ended, &f->err));
		assert_false(cleared);
		assert_int_equal(ended, 0);
		expect_totp(f, f->s, a, true, SECRET1, 0, 0);
		OK(f->s->ops->account_set_disabled(f->s, ad.id, 0, &f->err));
		/* enabled: the secret and the codes stay out of reach */
		expect_totp(f, admin, a, false, NULL, 0, 0);
		assert_int_equal(left(f, admin, a), 0);
	} else {
		OK(f->s->ops->totp_put(f->s, &row, &f->err));
		OK(f->s->ops->recovery_put(f->s, a, codes, 2, &f->err));
		OK(f->s->ops->login_add(f->s, &in, &f->err));
	}
	OK(admin->ops->totp_clear(admin, a, &cleared, &f->err));
	assert_true(cleared);
	OK(admin->ops->logins_end_all(admin, a, &ended, &f->err));
	assert_int_equal(ended, 1);
	expect_totp(f, f->s, a, false, NULL, 0, 0);
	assert_int_equal(left(f, f->s, a), 0); /* the codes went with it */
	struct login_row got;
	bool found = true;
	OK(f->s->ops->login_get(f->s, h, &got, &found, &f->err));
	assert_false(found);
	OK(admin->ops->totp_clear(admin, a, &cleared, &f->err)); /* nothing left */
	assert_false(cleared);
	free(h);
	store_close(admin);
}

/* ---- a login session that waits for the code ---- */

static void test_login_code_due(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "dee");
	char *h = afx_hash(f), *h2 = afx_hash(f);
	struct login_row due = { h, a, 5000, 5000, true }, full = { h2, a, 5000, 5000, false };
	OK(f->s->ops->login_add(f->s, &due, &f->err));
	OK(f->s->ops->login_add(f->s, &full, &f->err));
	struct login_row got;
	bool found = false;
	OK(f->s->ops->login_get(f->s, h, &got, &found, &f->err));
	assert_true(found);
	assert_true(got.code_due);
	login_row_release(&got);
	OK(f->s->ops->login_get(f->s, h2, &got, &found, &f->err));
	assert_true(found);
	assert_false(got.code_due);
	login_row_release(&got);
	free(h);
	free(h2);
}

int totp_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_totp_one, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_totp_refused, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_totp_account_gone, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_recovery, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_totp_own, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_totp_admin_clears, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_login_code_due, afx_setup, afx_teardown),
	};
	return cmocka_run_group_tests_name("store_totp", tests, NULL, NULL);
}
