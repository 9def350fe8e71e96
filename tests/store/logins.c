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
#include "core/mem.h"
#include "store/store.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HASH "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"

struct afx {
	char dir[64];
	char *location;
	bool shared;
	struct store_db *db;
	struct store *s; /* the acting handle: account operations are the database's */
	char tag[32];    /* unique to this test of this run: login names and tokens carry it */
	int serial;
	struct strbuf err;
};

#define OK(call)                                                                 \
	do {                                                                     \
		strbuf_reset(&f->err);                                           \
		if ((call) != 0)                                                 \
			fail_msg("%s: %s", #call, strbuf_str(&f->err));         \
	} while (0)

static int setup(void **state)
{
	static unsigned run;
	struct afx *f = xcalloc(1, sizeof(*f));
	strbuf_init(&f->err);
	const char *v = getenv("UNHUNCH_TEST_STORE");
	f->shared = v && *v && strcmp(v, "sqlite");
	if (f->shared) {
		f->location = xstrdup(v);
	} else {
		snprintf(f->dir, sizeof(f->dir), "/tmp/unhunch-login-XXXXXX");
		if (!mkdtemp(f->dir))
			return -1;
		size_t n = strlen(f->dir) + 32;
		f->location = xmalloc(n);
		snprintf(f->location, n, "sqlite:%s/store.db", f->dir);
	}
	snprintf(f->tag, sizeof(f->tag), "%lx%x%u", (unsigned long)time(NULL), (unsigned)getpid(), ++run);
	if (store_db_open(&f->db, f->location, 0, &f->err) || store_bind(&f->s, f->db, STORE_LOCAL_PERSON, &f->err))
		fail_msg("open %s: %s", f->location, strbuf_str(&f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct afx *f = *state;
	store_close(f->s);
	store_db_close(f->db);
	if (*f->dir) {
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
		if (system(cmd) != 0)
			return -1;
	}
	free(f->location);
	strbuf_release(&f->err);
	free(f);
	return 0;
}

/* A login name or token hash of this test: "<what>-<tag>" / hex made from the tag. */
static char *unique_login(struct afx *f, const char *what)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%s-%s", what, f->tag);
	return xstrdup(buf);
}

static char *unique_hash(struct afx *f)
{
	char buf[96];
	int n = snprintf(buf, sizeof(buf), "%032x", ++f->serial);
	for (const char *t = f->tag; *t && n < 90; t++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%02x", (unsigned char)*t);
	return xstrdup(buf);
}

static struct account_row account(char *login, enum account_role role, const char *name)
{
	return (struct account_row){ 0, role, login, (char *)name, (char *)HASH, 1000, 0 };
}

static int64_t add_trainer(struct afx *f, const char *what)
{
	char *login = unique_login(f, what);
	struct account_row t = account(login, ROLE_TRAINER, "Tess Trainer");
	OK(f->s->ops->account_add(f->s, &t, 0, &f->err));
	assert_true(t.id > STORE_LOCAL_PERSON);
	free(login);
	return t.id;
}


static struct login_row login_of(char *hash, int64_t account, int64_t made, int64_t seen)
{
	return (struct login_row){ hash, account, made, seen };
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
	int64_t a = add_trainer(f, "lena");
	char *h = unique_hash(f), *other = unique_hash(f);
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
	int64_t a = add_trainer(f, "amy"), b = add_trainer(f, "ben");
	char *a1 = unique_hash(f), *a2 = unique_hash(f), *b1 = unique_hash(f);
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
	int64_t a = add_trainer(f, "pia");
	/* far ahead, so the rows made here are the newest: the prune also deletes every older
	 * session of a shared store, which the tests before this one are done with */
	const int64_t T = 4000000000000LL;
	char *idle = unique_hash(f), *old = unique_hash(f), *fresh = unique_hash(f);
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
	char *k = unique_login(f, "account:kim"), *other = unique_login(f, "address:10.0.0.1");
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
	char *k = unique_login(f, "account:race");
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

int login_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logins_end_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logins_prune, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle_race, setup, teardown),
	};
	return cmocka_run_group_tests_name("store_logins", tests, NULL, NULL);
}
