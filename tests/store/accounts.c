/* accounts.c: the store conformance suite's clinic accounts, trainers' clients and
 * single-use invitations (store.h), on the backend UNHUNCH_TEST_STORE names as in
 * conformance.c. A shared store (PostgreSQL) is never emptied: each test makes login
 * names and token hashes of its own, and the tests that need an empty database run
 * on SQLite only. Run by conformance.c's main (account_conformance()). */
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


static char *add_invite(struct afx *f, int64_t trainer, int64_t created, int64_t expires)
{
	char *hash = afx_hash(f);
	struct invite_row inv = { 0, trainer, hash, (char *)"Cleo Client", created, expires, 0, 0 };
	OK(f->s->ops->invite_add(f->s, &inv, &f->err));
	assert_true(inv.id > 0);
	return hash;
}

static enum invite_use use(struct afx *f, struct store *s, const char *hash, int64_t now, const char *login,
			   int64_t *client)
{
	struct account_row c = afx_account((char *)login, ROLE_CLIENT, "Cleo Client");
	enum invite_use r;
	OK(s->ops->invite_use(s, hash, now, &c, &r, &f->err));
	if (client)
		*client = c.id;
	return r;
}

/* ---- an empty store ---- */

static void test_accounts_empty(void **state)
{
	struct afx *f = *state;
	struct account_row *rows = NULL, a;
	size_t n = 9;
	bool found = true;
	char *login = afx_login(f, "nobody"), *hash = afx_hash(f);
	if (!f->shared) {
		OK(f->s->ops->accounts_list(f->s, 0, &rows, &n, &f->err));
		assert_int_equal(n, 0);
		store_accounts_free(rows, n);
	}
	OK(f->s->ops->account_get(f->s, 0, login, &a, &found, &f->err));
	assert_false(found);
	OK(f->s->ops->account_get(f->s, 424242424242, NULL, &a, &found, &f->err));
	assert_false(found);
	int64_t trainer = afx_add_trainer(f, "lonely");
	OK(f->s->ops->accounts_list(f->s, trainer, &rows, &n, &f->err));
	assert_int_equal(n, 0); /* a trainer with no client yet */
	store_accounts_free(rows, n);
	struct invite_row inv;
	OK(f->s->ops->invite_find(f->s, hash, &inv, &found, &f->err));
	assert_false(found);
	assert_int_equal(use(f, f->s, hash, 1000, login, NULL), INVITE_UNKNOWN);
	OK(f->s->ops->account_get(f->s, 0, login, &a, &found, &f->err));
	assert_false(found); /* nothing written */
	free(login);
	free(hash);
}

/* ---- accounts: unique login names, read back whole ---- */

static void test_accounts(void **state)
{
	struct afx *f = *state;
	char *login = afx_login(f, "anna");
	struct account_row t = afx_account(login, ROLE_TRAINER, "Anna Ärztin");
	OK(f->s->ops->account_add(f->s, &t, 0, &f->err));
	assert_true(t.id > STORE_LOCAL_PERSON); /* never the terminal's own person */
	struct account_row dup = afx_account(login, ROLE_CLIENT, "Someone Else");
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->account_add(f->s, &dup, 0, &f->err), 1);
	assert_int_equal(dup.id, 0);

	struct account_row got;
	bool found = false;
	OK(f->s->ops->account_get(f->s, 0, login, &got, &found, &f->err));
	assert_true(found);
	assert_int_equal(got.id, t.id);
	assert_int_equal(got.role, ROLE_TRAINER); /* the first stays: not the duplicate's role */
	assert_string_equal(got.display_name, "Anna Ärztin");
	assert_string_equal(got.password_hash, AFX_HASH);
	assert_int_equal(got.created_ms, 1000);
	assert_int_equal(got.disabled_ms, 0);
	account_row_release(&got);

	OK(f->s->ops->account_set_password(f->s, t.id, AFX_HASH2, &f->err));
	OK(f->s->ops->account_get(f->s, t.id, NULL, &got, &found, &f->err));
	assert_true(found);
	assert_string_equal(got.login, login);
	assert_string_equal(got.password_hash, AFX_HASH2);
	account_row_release(&got);
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->account_set_password(f->s, 424242424242, AFX_HASH2, &f->err), -1);
	assert_true(f->err.len > 0);
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->account_set_password(f->s, t.id, "plain words", &f->err), -1);

	/* rows the store cannot keep are refused with a reason */
	struct account_row bad = afx_account(login, ROLE_CLIENT, "");
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->account_add(f->s, &bad, 0, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "name"));
	bad = afx_account(login, ROLE_CLIENT, "Name");
	bad.password_hash = (char *)"secret";
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->account_add(f->s, &bad, 0, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "argon2id"));

	/* every account is listed, by id */
	struct account_row *rows;
	size_t n;
	OK(f->s->ops->accounts_list(f->s, 0, &rows, &n, &f->err));
	bool seen = false;
	for (size_t i = 0; i < n; i++) {
		if (i)
			assert_true(rows[i].id > rows[i - 1].id);
		seen |= rows[i].id == t.id && !strcmp(rows[i].login, login);
	}
	assert_true(seen);
	store_accounts_free(rows, n);
	free(login);
}

/* The first account: only while the database has none (SQLite: a new file). */
static void test_account_first(void **state)
{
	struct afx *f = *state;
	if (f->shared)
		skip(); /* a shared database has accounts of other tests */
	struct account_row a = afx_account((char *)"admin", ROLE_ADMIN, "The Admin");
	OK(f->s->ops->account_add(f->s, &a, STORE_ACCOUNT_FIRST, &f->err));
	assert_int_equal(a.id, 2);
	struct account_row b = afx_account((char *)"admin2", ROLE_ADMIN, "Another Admin");
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->account_add(f->s, &b, STORE_ACCOUNT_FIRST, &f->err), 2);
	struct account_row *rows;
	size_t n;
	OK(f->s->ops->accounts_list(f->s, 0, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	store_accounts_free(rows, n);
	OK(f->s->ops->account_add(f->s, &b, 0, &f->err)); /* without the flag: a second admin */
	assert_int_equal(b.id, 3);
}

/* ---- invitations: used once, linked to the trainer, expiry ---- */

static void test_invite_once(void **state)
{
	struct afx *f = *state;
	int64_t trainer = afx_add_trainer(f, "tina");
	char *hash = add_invite(f, trainer, 1000, 5000);
	char *login = afx_login(f, "cleo"), *other = afx_login(f, "cleo2");
	struct invite_row inv;
	bool found;
	OK(f->s->ops->invite_find(f->s, hash, &inv, &found, &f->err));
	assert_true(found);
	assert_int_equal(inv.trainer_id, trainer);
	assert_string_equal(inv.display_name, "Cleo Client");
	assert_int_equal(inv.expires_ms, 5000);
	assert_int_equal(inv.used_ms, 0);
	assert_int_equal(inv.client_id, 0);
	invite_row_release(&inv);

	int64_t client = 0;
	assert_int_equal(use(f, f->s, hash, 2000, login, &client), INVITE_ACCEPTED);
	assert_true(client > STORE_LOCAL_PERSON);
	assert_int_equal(use(f, f->s, hash, 2001, other, NULL), INVITE_SPENT);
	struct account_row a;
	OK(f->s->ops->account_get(f->s, 0, other, &a, &found, &f->err));
	assert_false(found); /* a spent invitation makes no account */
	OK(f->s->ops->account_get(f->s, client, NULL, &a, &found, &f->err));
	assert_true(found);
	assert_int_equal(a.role, ROLE_CLIENT);
	assert_string_equal(a.login, login);
	account_row_release(&a);
	OK(f->s->ops->invite_find(f->s, hash, &inv, &found, &f->err));
	assert_int_equal(inv.used_ms, 2000);
	assert_int_equal(inv.client_id, client);
	invite_row_release(&inv);
	struct account_row *rows;
	size_t n;
	OK(f->s->ops->accounts_list(f->s, trainer, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, client);
	store_accounts_free(rows, n);

	/* a login name taken: nothing written, the invitation stays usable */
	char *hash2 = add_invite(f, trainer, 1000, 5000);
	assert_int_equal(use(f, f->s, hash2, 2500, login, NULL), INVITE_LOGIN_TAKEN);
	OK(f->s->ops->invite_find(f->s, hash2, &inv, &found, &f->err));
	assert_int_equal(inv.used_ms, 0);
	invite_row_release(&inv);
	assert_int_equal(use(f, f->s, hash2, 2600, other, NULL), INVITE_ACCEPTED);
	OK(f->s->ops->accounts_list(f->s, trainer, &rows, &n, &f->err));
	assert_int_equal(n, 2);
	store_accounts_free(rows, n);

	/* a token hash is kept once */
	struct invite_row again = { 0, trainer, hash, (char *)"Someone", 1, 2, 0, 0 };
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->invite_add(f->s, &again, &f->err), -1);
	free(hash);
	free(hash2);
	free(login);
	free(other);
}

static void test_invite_expiry(void **state)
{
	struct afx *f = *state;
	int64_t trainer = afx_add_trainer(f, "tom");
	char *hash = add_invite(f, trainer, 1000, 5000);
	char *login = afx_login(f, "late");
	assert_int_equal(use(f, f->s, hash, 5000, login, NULL), INVITE_EXPIRED); /* at its expiry: too late */
	assert_int_equal(use(f, f->s, hash, 90000, login, NULL), INVITE_EXPIRED);
	struct account_row a;
	bool found;
	OK(f->s->ops->account_get(f->s, 0, login, &a, &found, &f->err));
	assert_false(found);
	assert_int_equal(use(f, f->s, hash, 4999, login, NULL), INVITE_ACCEPTED); /* just before */
	/* an invitation that expires before it is made is refused */
	char *bad = afx_hash(f);
	struct invite_row inv = { 0, trainer, bad, (char *)"X", 5000, 5000, 0, 0 };
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->invite_add(f->s, &inv, &f->err), -1);
	inv.expires_ms = 6000;
	inv.token_hash = (char *)"not hex!";
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->invite_add(f->s, &inv, &f->err), -1);
	free(bad);
	free(hash);
	free(login);
}

/* Connections of their own use one invitation at once: exactly one is let in. */
#define RACERS 4

struct racer {
	const char *location;
	const char *hash;
	char login[64];
	enum invite_use result;
	int64_t client;
	char msg[256];
};

static void *race_invite(void *arg)
{
	struct racer *w = arg;
	struct strbuf err = STRBUF_INIT;
	struct store_db *db;
	struct store *s;
	w->result = -1;
	if (store_db_open(&db, w->location, 0, &err) || store_bind(&s, db, STORE_LOCAL_PERSON, &err)) {
		snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
		strbuf_release(&err);
		return NULL;
	}
	struct account_row c = afx_account(w->login, ROLE_CLIENT, "Racer");
	enum invite_use r;
	if (s->ops->invite_use(s, w->hash, 2000, &c, &r, &err))
		snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
	else
		w->result = r;
	w->client = c.id;
	store_close(s);
	store_db_close(db);
	strbuf_release(&err);
	return NULL;
}

static void test_invite_race(void **state)
{
	struct afx *f = *state;
	int64_t trainer = afx_add_trainer(f, "rita");
	for (int round = 0; round < 5; round++) {
		char *hash = add_invite(f, trainer, 1000, 5000);
		pthread_t t[RACERS];
		struct racer w[RACERS];
		for (int i = 0; i < RACERS; i++) {
			w[i] = (struct racer){ f->location, hash, "", 0, 0, "" };
			snprintf(w[i].login, sizeof(w[i].login), "racer%d-%d-%s", round, i, f->tag);
			assert_int_equal(pthread_create(&t[i], NULL, race_invite, &w[i]), 0);
		}
		int accepted = 0;
		int64_t client = 0;
		for (int i = 0; i < RACERS; i++) {
			assert_int_equal(pthread_join(t[i], NULL), 0);
			if ((int)w[i].result < 0)
				fail_msg("racer %d: %s", i, w[i].msg);
			if (w[i].result == INVITE_ACCEPTED) {
				accepted++;
				client = w[i].client;
			} else {
				assert_int_equal(w[i].result, INVITE_SPENT);
			}
		}
		assert_int_equal(accepted, 1);
		struct invite_row inv;
		bool found;
		OK(f->s->ops->invite_find(f->s, hash, &inv, &found, &f->err));
		assert_int_equal(inv.client_id, client);
		invite_row_release(&inv);
		free(hash);
	}
	struct account_row *rows;
	size_t n;
	OK(f->s->ops->accounts_list(f->s, trainer, &rows, &n, &f->err));
	assert_int_equal(n, 5); /* one client per invitation, no more */
	store_accounts_free(rows, n);
}

/* ---- two trainers' clients apart; an account's records are its person's ---- */

static void test_clients_apart(void **state)
{
	struct afx *f = *state;
	int64_t t1 = afx_add_trainer(f, "one"), t2 = afx_add_trainer(f, "two");
	char *h1 = add_invite(f, t1, 1000, 5000), *h2 = add_invite(f, t2, 1000, 5000);
	char *l1 = afx_login(f, "c-one"), *l2 = afx_login(f, "c-two");
	int64_t c1, c2;
	assert_int_equal(use(f, f->s, h1, 2000, l1, &c1), INVITE_ACCEPTED);
	assert_int_equal(use(f, f->s, h2, 2000, l2, &c2), INVITE_ACCEPTED);
	struct account_row *rows;
	size_t n;
	OK(f->s->ops->accounts_list(f->s, t1, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, c1);
	store_accounts_free(rows, n);
	OK(f->s->ops->accounts_list(f->s, t2, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, c2);
	store_accounts_free(rows, n);

	/* the account's id is its person: a check-in of c1 is c1's only */
	struct store *s1, *s2;
	OK(store_bind(&s1, f->db, c1, &f->err));
	OK(store_bind(&s2, f->db, c2, &f->err));
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-05-01");
	c.at_ms = 3000;
	c.pain = 4;
	OK(s1->ops->checkin_add(s1, &c, &f->err));
	struct checkin *ck;
	OK(s1->ops->checkins_list(s1, &ck, &n, &f->err));
	assert_int_equal(n, 1);
	store_checkins_free(ck, n);
	OK(s2->ops->checkins_list(s2, &ck, &n, &f->err));
	assert_int_equal(n, 0);
	store_checkins_free(ck, n);
	bool wiped;
	OK(s1->ops->forget_all(s1, &wiped, &f->err));
	/* forgetting a person's records leaves the accounts */
	struct account_row a;
	bool found;
	OK(f->s->ops->account_get(f->s, c1, NULL, &a, &found, &f->err));
	assert_true(found);
	account_row_release(&a);
	store_close(s1);
	store_close(s2);
	free(h1);
	free(h2);
	free(l1);
	free(l2);
}

/* Appointments: the trainer who records one writes it for their own client only, the
 * client reads it (and may restore one with no trainer), no one else sees it. */
static void test_appointments(void **state)
{
	struct afx *f = *state;
	int64_t t1 = afx_add_trainer(f, "ap-one"), t2 = afx_add_trainer(f, "ap-two");
	char *h1 = add_invite(f, t1, 1000, 5000), *h2 = add_invite(f, t2, 1000, 5000);
	char *l1 = afx_login(f, "ap-c-one"), *l2 = afx_login(f, "ap-c-two");
	int64_t c1, c2;
	assert_int_equal(use(f, f->s, h1, 2000, l1, &c1), INVITE_ACCEPTED);
	assert_int_equal(use(f, f->s, h2, 2000, l2, &c2), INVITE_ACCEPTED);
	struct store *st1, *st2, *sc1, *sc2;
	OK(store_bind(&st1, f->db, t1, &f->err));
	OK(store_bind(&st2, f->db, t2, &f->err));
	OK(store_bind(&sc1, f->db, c1, &f->err));
	OK(store_bind(&sc2, f->db, c2, &f->err));
	struct appointment_row later = { 0, c1, "2026-05-09", 3000, t1, (char *)"tess", (char *)"massage",
					 (char *)"chest,ribs,upper-back", (char *)"Tight between the shoulders." };
	struct appointment_row first = { 0, c1, "2026-05-02", 4000, t1, (char *)"tess", (char *)"training",
					 (char *)"", (char *)"" };
	OK(st1->ops->appointment_add(st1, &later, &f->err));
	OK(st1->ops->appointment_add(st1, &first, &f->err));
	assert_true(later.id > 0 && first.id > 0 && later.id != first.id);
	/* refused: another trainer's client, another trainer's name, a client naming a
	 * trainer, a bad kind, areas not a set, a bad date */
	struct appointment_row bad = later;
	bad.person_id = c2;
	assert_int_equal(st1->ops->appointment_add(st1, &bad, &f->err), -1);
	bad = later;
	assert_int_equal(st2->ops->appointment_add(st2, &bad, &f->err), -1);
	bad.trainer_id = t2;
	assert_int_equal(st2->ops->appointment_add(st2, &bad, &f->err), -1);
	bad = later;
	assert_int_equal(sc1->ops->appointment_add(sc1, &bad, &f->err), -1);
	bad.kind = (char *)"sauna";
	assert_int_equal(st1->ops->appointment_add(st1, &bad, &f->err), -1);
	bad = later;
	bad.areas = (char *)"ribs,chest";
	assert_int_equal(st1->ops->appointment_add(st1, &bad, &f->err), -1);
	bad = later;
	snprintf(bad.date, sizeof(bad.date), "9 May");
	assert_int_equal(st1->ops->appointment_add(st1, &bad, &f->err), -1);
	/* a restored one: the client's own, no trainer */
	struct appointment_row restored = { 0, c1, "2026-04-01", 1000, 0, (char *)"tom", (char *)"massage",
					    (char *)"neck", (char *)"" };
	OK(sc1->ops->appointment_add(sc1, &restored, &f->err));
	struct appointment_row *v;
	size_t n;
	OK(sc1->ops->appointments_list(sc1, &v, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(v[0].id, restored.id); /* by date */
	assert_int_equal(v[0].trainer_id, 0);
	assert_string_equal(v[0].trainer_name, "tom");
	assert_int_equal(v[1].id, first.id);
	assert_string_equal(v[1].kind, "training");
	assert_string_equal(v[1].areas, "");
	assert_string_equal(v[2].date, "2026-05-09");
	assert_int_equal(v[2].person_id, c1);
	assert_int_equal(v[2].trainer_id, t1);
	assert_int_equal(v[2].at_ms, 3000);
	assert_string_equal(v[2].kind, "massage");
	assert_string_equal(v[2].areas, "chest,ribs,upper-back");
	assert_string_equal(v[2].note, "Tight between the shoulders.");
	store_appointments_free(v, n);
	OK(sc2->ops->appointments_list(sc2, &v, &n, &f->err));
	assert_int_equal(n, 0);
	store_appointments_free(v, n);
	/* forgetting the client's records takes them */
	bool wiped;
	OK(sc1->ops->forget_all(sc1, &wiped, &f->err));
	OK(sc1->ops->appointments_list(sc1, &v, &n, &f->err));
	assert_int_equal(n, 0);
	store_appointments_free(v, n);
	/* the client ends the trainer's access: no more of theirs; deleting the account
	 * takes the ones recorded before */
	later.id = 0;
	OK(st1->ops->appointment_add(st1, &later, &f->err));
	bool ended = false;
	OK(sc1->ops->link_end(sc1, t1, c1, &ended, &f->err));
	assert_true(ended);
	assert_int_equal(st1->ops->appointment_add(st1, &first, &f->err), -1);
	OK(sc1->ops->appointments_list(sc1, &v, &n, &f->err));
	assert_int_equal(n, 1);
	store_appointments_free(v, n);
	OK(sc1->ops->account_delete(sc1, &f->err));
	OK(sc1->ops->appointments_list(sc1, &v, &n, &f->err));
	assert_int_equal(n, 0);
	store_appointments_free(v, n);
	store_close(st1);
	store_close(st2);
	store_close(sc1);
	store_close(sc2);
	free(h1);
	free(h2);
	free(l1);
	free(l2);
}

/* SQLite: a store of each older schema gets the accounts' tables on upgrade. */
static void test_accounts_upgrade(void **state)
{
	struct afx *f = *state;
	if (f->shared)
		skip();
	for (int v = 1; v < STORE_SCHEMA_VERSION; v++) {
		store_close(f->s);
		store_db_close(f->db);
		char path[128];
		snprintf(path, sizeof(path), "%s/store.db", f->dir);
		unlink(path);
		OK(store_make_old(f->location, v, &f->err));
		OK(store_db_open(&f->db, f->location, 0, &f->err));
		OK(store_bind(&f->s, f->db, STORE_LOCAL_PERSON, &f->err));
		struct account_row a = afx_account((char *)"first", ROLE_ADMIN, "First");
		OK(f->s->ops->account_add(f->s, &a, STORE_ACCOUNT_FIRST, &f->err));
		assert_int_equal(a.id, 2);
		bool ok = false;
		OK(f->s->ops->check(f->s, &ok, &f->err));
		assert_true(ok);
	}
}

int account_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_accounts_empty, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_accounts, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_account_first, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_invite_once, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_invite_expiry, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_invite_race, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_clients_apart, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_appointments, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_accounts_upgrade, afx_setup, afx_teardown),
	};
	return cmocka_run_group_tests_name("store_accounts", tests, NULL, NULL);
}
