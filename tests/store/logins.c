/* logins.c: the store conformance suite's login sessions and failed-login counts
 * (store.h), on the backend UNHUNCH_TEST_STORE names as in conformance.c. A shared
 * store (PostgreSQL) is never emptied: each test makes accounts, session hashes and
 * throttle keys of its own. Run by conformance.c's main (login_conformance()). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "accounts.h"
#include "afx.h"
#include "core/mem.h"
#include "store/store.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>



static struct login_row login_of(char *hash, int64_t account, int64_t made, int64_t seen)
{
	return (struct login_row){ hash, account, made, seen, false };
}

static void expect_login(struct afx *f, const char *hash, bool there, int64_t account, int64_t seen)
{
	struct login_row got;
	bool found = !there;
	OK(f->s->ops->login_get(f->s, hash, &got, &found, &f->err));
	assert_int_equal(found, there);
	if (there) {
		assert_string_equal(got.id_hash, hash);
		assert_int_equal(got.account_id, account);
		assert_int_equal(got.seen_ms, seen);
	}
	login_row_release(&got);
}

/* ---- one session: kept by its hash, used, ended ---- */

static void test_login_one(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "lena");
	char *h = afx_hash(f), *other = afx_hash(f);
	expect_login(f, h, false, 0, 0);
	struct login_row row = login_of(h, a, 10000, 10000);
	OK(f->s->ops->login_add(f->s, &row, &f->err));
	struct login_row got;
	bool found = false;
	OK(f->s->ops->login_get(f->s, h, &got, &found, &f->err));
	assert_true(found);
	assert_int_equal(got.account_id, a);
	assert_int_equal(got.created_ms, 10000);
	assert_int_equal(got.seen_ms, 10000);
	login_row_release(&got);
	expect_login(f, other, false, 0, 0);

	/* used: seen moves forward, never back */
	OK(f->s->ops->login_seen(f->s, h, 20000, &f->err));
	expect_login(f, h, true, a, 20000);
	OK(f->s->ops->login_seen(f->s, h, 15000, &f->err));
	expect_login(f, h, true, a, 20000);

	/* a hash kept already is refused; so is one that is not a hash, or no account */
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->login_add(f->s, &row, &f->err), -1);
	struct login_row bad = login_of((char *)"not a hash", a, 1, 1);
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->login_add(f->s, &bad, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "hex"));
	bad = login_of(other, 424242424242, 1, 1);
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->login_add(f->s, &bad, &f->err), -1);
	expect_login(f, other, false, 0, 0);

	/* ended: gone; ending again is no error */
	OK(f->s->ops->login_end(f->s, h, &f->err));
	expect_login(f, h, false, 0, 0);
	OK(f->s->ops->login_end(f->s, h, &f->err));
	free(h);
	free(other);
}

/* ---- log out everywhere: every session of one account, no one else's ---- */

static void test_logins_end_all(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "amy"), b = afx_add_trainer(f, "ben");
	char *a1 = afx_hash(f), *a2 = afx_hash(f), *b1 = afx_hash(f);
	struct login_row r1 = login_of(a1, a, 1000, 1000), r2 = login_of(a2, a, 2000, 3000),
			 r3 = login_of(b1, b, 1000, 1000);
	OK(f->s->ops->login_add(f->s, &r1, &f->err));
	OK(f->s->ops->login_add(f->s, &r2, &f->err));
	OK(f->s->ops->login_add(f->s, &r3, &f->err));
	int ended = -1;
	OK(f->s->ops->logins_end_all(f->s, a, &ended, &f->err));
	assert_int_equal(ended, 2);
	expect_login(f, a1, false, 0, 0);
	expect_login(f, a2, false, 0, 0);
	expect_login(f, b1, true, b, 1000);
	OK(f->s->ops->logins_end_all(f->s, a, &ended, &f->err));
	assert_int_equal(ended, 0);
	free(a1);
	free(a2);
	free(b1);
}

/* ---- old sessions pruned: idle too long, or made too long ago ---- */

static void test_logins_prune(void **state)
{
	struct afx *f = *state;
	int64_t a = afx_add_trainer(f, "pia");
	/* far ahead, so the rows made here are the newest: the prune also deletes every older
	 * session of a shared store, which the tests before this one are done with */
	const int64_t T = 4000000000000LL;
	char *idle = afx_hash(f), *old = afx_hash(f), *fresh = afx_hash(f);
	struct login_row r1 = login_of(idle, a, T, T + 10), r2 = login_of(old, a, T - 5000, T + 900),
			 r3 = login_of(fresh, a, T, T + 900);
	OK(f->s->ops->login_add(f->s, &r1, &f->err));
	OK(f->s->ops->login_add(f->s, &r2, &f->err));
	OK(f->s->ops->login_add(f->s, &r3, &f->err));
	OK(f->s->ops->logins_prune(f->s, T + 100, T - 1000, &f->err));
	expect_login(f, idle, false, 0, 0);
	expect_login(f, old, false, 0, 0);
	expect_login(f, fresh, true, a, T + 900);
	OK(f->s->ops->login_end(f->s, fresh, &f->err));
	free(idle);
	free(old);
	free(fresh);
}

/* ---- failed logins counted by key, forgotten after a while, cleared ---- */

static void test_throttle(void **state)
{
	struct afx *f = *state;
	char *k = afx_login(f, "account:kim"), *other = afx_login(f, "address:10.0.0.1");
	int n = -1;
	int64_t last = -1;
	OK(f->s->ops->throttle_get(f->s, k, &n, &last, &f->err));
	assert_int_equal(n, 0);
	assert_int_equal(last, 0);
	for (int i = 1; i <= 3; i++) {
		OK(f->s->ops->throttle_fail(f->s, k, 1000 * i, 0, &n, &f->err));
		assert_int_equal(n, i);
	}
	OK(f->s->ops->throttle_get(f->s, k, &n, &last, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(last, 3000);
	/* a failure with an older time counts but keeps the newest time */
	OK(f->s->ops->throttle_fail(f->s, k, 2500, 0, &n, &f->err));
	assert_int_equal(n, 4);
	OK(f->s->ops->throttle_get(f->s, k, &n, &last, &f->err));
	assert_int_equal(last, 3000);
	/* keys apart */
	OK(f->s->ops->throttle_get(f->s, other, &n, &last, &f->err));
	assert_int_equal(n, 0);
	/* the last failure long ago: counting starts again */
	OK(f->s->ops->throttle_fail(f->s, k, 900000, 800000, &n, &f->err));
	assert_int_equal(n, 1);
	OK(f->s->ops->throttle_clear(f->s, k, &f->err));
	OK(f->s->ops->throttle_get(f->s, k, &n, &last, &f->err));
	assert_int_equal(n, 0);
	/* pruned: the keys last failed before the time go, the others stay */
	const int64_t T = 4000000000000LL; /* far ahead, as in test_logins_prune */
	OK(f->s->ops->throttle_fail(f->s, k, T, 0, &n, &f->err));
	OK(f->s->ops->throttle_fail(f->s, other, T + 10, 0, &n, &f->err));
	OK(f->s->ops->throttle_prune(f->s, T + 5, &f->err));
	OK(f->s->ops->throttle_get(f->s, k, &n, &last, &f->err));
	assert_int_equal(n, 0);
	OK(f->s->ops->throttle_get(f->s, other, &n, &last, &f->err));
	assert_int_equal(n, 1);
	OK(f->s->ops->throttle_clear(f->s, other, &f->err));
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->throttle_fail(f->s, "", 1, 0, &n, &f->err), -1);
	free(k);
	free(other);
}

/* ---- two connections counting at once both count ---- */

#define COUNTERS 4
#define COUNTS 25

struct counter {
	const char *location, *key;
	char msg[256];
};

static void *count_failures(void *arg)
{
	struct counter *w = arg;
	struct strbuf err = STRBUF_INIT;
	struct store_db *db;
	struct store *s;
	if (store_db_open(&db, w->location, 0, &err) || store_bind(&s, db, STORE_LOCAL_PERSON, &err)) {
		snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
		strbuf_release(&err);
		return NULL;
	}
	int n;
	for (int i = 0; i < COUNTS && !*w->msg; i++)
		if (s->ops->throttle_fail(s, w->key, 1000 + i, 0, &n, &err))
			snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
	store_close(s);
	store_db_close(db);
	strbuf_release(&err);
	return NULL;
}

static void test_throttle_race(void **state)
{
	struct afx *f = *state;
	char *k = afx_login(f, "account:race");
	pthread_t t[COUNTERS];
	struct counter w[COUNTERS];
	for (int i = 0; i < COUNTERS; i++) {
		w[i] = (struct counter){ f->location, k, "" };
		assert_int_equal(pthread_create(&t[i], NULL, count_failures, &w[i]), 0);
	}
	for (int i = 0; i < COUNTERS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		if (*w[i].msg)
			fail_msg("counter %d: %s", i, w[i].msg);
	}
	int n;
	int64_t last;
	OK(f->s->ops->throttle_get(f->s, k, &n, &last, &f->err));
	assert_int_equal(n, COUNTERS * COUNTS);
	free(k);
}

/* ---- the server's handle of no one: the steps before a person is known, no records ---- */

static void test_no_one(void **state)
{
	struct afx *f = *state;
	struct store *nobody;
	OK(store_bind_no_one(&nobody, f->db, &f->err));
	bool any = true;
	if (!f->shared) { /* a new SQLite file has none; the shared database may have some */
		OK(nobody->ops->accounts_exist(nobody, &any, &f->err));
		assert_false(any);
	}
	char *login = afx_login(f, "nora");
	struct account_row c = afx_account(login, ROLE_CLIENT, "Nora Client");
	OK(f->s->ops->account_add(f->s, &c, 0, &f->err));
	struct store *me;
	OK(store_bind(&me, f->db, c.id, &f->err));
	OK(nobody->ops->accounts_exist(nobody, &any, &f->err));
	assert_true(any);
	assert_int_equal(nobody->person, STORE_NO_ONE);
	/* the client's own records, and a session of theirs */
	struct session_row sr = { 0, (char *)"upper-back", 5000, 0, SESSION_RUNNING, 3, -1, (char *)"content", 0, 0, 0 };
	OK(me->ops->session_begin(me, &sr, &f->err));
	char *h = afx_hash(f), *old = afx_hash(f);
	struct login_row l = login_of(h, c.id, 5000, 5000), gone = login_of(old, c.id, 10, 10);
	OK(me->ops->login_add(me, &l, &f->err));
	OK(me->ops->login_add(me, &gone, &f->err));

	/* no one has records: every read and write of them fails, and nothing is seen */
	struct session_row *rows = NULL;
	size_t n = 0;
	struct session_row mine = { 0, (char *)"upper-back", 6000, 0, SESSION_RUNNING, 3, -1, (char *)"content", 0, 0, 0 };
	assert_int_not_equal(nobody->ops->session_begin(nobody, &mine, &f->err), 0);
	assert_non_null(strstr(strbuf_str(&f->err), "no one"));
	strbuf_reset(&f->err);
	assert_int_not_equal(nobody->ops->sessions_list(nobody, &rows, &n, &f->err), 0);
	assert_int_equal(n, 0);
	bool wiped = true;
	strbuf_reset(&f->err);
	assert_int_not_equal(nobody->ops->forget_all(nobody, &wiped, &f->err), 0);
	OK(me->ops->sessions_list(me, &rows, &n, &f->err));
	assert_int_equal(n, 1); /* the client's session is still theirs */
	store_sessions_free(rows, n);

	/* what a server does before it knows who: a session by its hash, an account by
	 * its exact name, the throttle's counts, forgetting what is past its time */
	struct login_row got;
	bool found = false;
	OK(nobody->ops->login_get(nobody, h, &got, &found, &f->err));
	assert_true(found);
	assert_int_equal(got.account_id, c.id);
	login_row_release(&got);
	struct account_row a;
	OK(nobody->ops->account_get(nobody, 0, login, &a, &found, &f->err));
	assert_true(found);
	assert_int_equal(a.id, c.id);
	account_row_release(&a);
	char key[96];
	snprintf(key, sizeof(key), "name:nobody-%s", f->tag);
	int failures = 0;
	int64_t last = 0;
	OK(nobody->ops->throttle_fail(nobody, key, 7000, 0, &failures, &f->err));
	OK(nobody->ops->throttle_fail(nobody, key, 7001, 0, &failures, &f->err));
	assert_int_equal(failures, 2);
	OK(nobody->ops->throttle_get(nobody, key, &failures, &last, &f->err));
	assert_int_equal(failures, 2);
	assert_int_equal(last, 7001);
	OK(nobody->ops->throttle_clear(nobody, key, &f->err));
	OK(nobody->ops->throttle_get(nobody, key, &failures, &last, &f->err));
	assert_int_equal(failures, 0);
	OK(nobody->ops->logins_prune(nobody, 1000, 0, &f->err));
	OK(nobody->ops->throttle_prune(nobody, 0, &f->err));
	OK(nobody->ops->login_get(nobody, old, &got, &found, &f->err));
	assert_false(found);
	OK(nobody->ops->login_get(nobody, h, &got, &found, &f->err));
	assert_true(found);
	login_row_release(&got);

	if (store_is_pg(f->location) && getenv("UNHUNCH_TEST_RLS")) {
		/* on PostgreSQL, as a role held to the policies (t-postgres.sh says so: its
		 * superuser passes them), no one reaches no account and no session but
		 * through those */
		OK(nobody->ops->account_get(nobody, c.id, NULL, &a, &found, &f->err));
		assert_false(found);
		struct account_row *all = NULL;
		OK(nobody->ops->accounts_list(nobody, 0, &all, &n, &f->err));
		assert_int_equal(n, 0);
		store_accounts_free(all, n);
		int ended = -1;
		OK(nobody->ops->logins_end_all(nobody, c.id, &ended, &f->err));
		assert_int_equal(ended, 0);
		OK(nobody->ops->login_end(nobody, h, &f->err));
		OK(nobody->ops->login_get(nobody, h, &got, &found, &f->err));
		assert_true(found);
		login_row_release(&got);
	}
	store_close(nobody);
	store_close(me);
	free(login);
	free(h);
	free(old);
}

int login_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_one, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_logins_end_all, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_logins_prune, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_throttle, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_race, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_no_one, afx_setup, afx_teardown),
	};
	return cmocka_run_group_tests_name("store_logins", tests, NULL, NULL);
}
