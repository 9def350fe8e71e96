/* custody.c: the store conformance suite's steps of a client in charge of their data
 * (store.h: trainers_list, link_end, account_set_disabled, account_delete), on the
 * backend UNHUNCH_TEST_STORE names as in conformance.c. A shared store (PostgreSQL)
 * is never emptied: each test makes login names and token hashes of its own. Every
 * step runs on a handle of the person who takes it in clinic mode (the client, or
 * the operator for disabling), so on PostgreSQL as the application's role the
 * row-level security policies must let it through. Run by conformance.c's main. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "accounts.h"
#include "afx.h"
#include "core/mem.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A client of trainer, made by an invitation as in clinic mode; its token hash in
 * *hash (free it). */
static int64_t add_client(struct afx *f, int64_t trainer, const char *what, char **hash)
{
	char *login = afx_login(f, what);
	*hash = afx_hash(f);
	struct invite_row inv = { 0, trainer, *hash, (char *)"Cleo Client", 1000, 5000, 0, 0 };
	OK(f->s->ops->invite_add(f->s, &inv, &f->err));
	struct account_row c = afx_account(login, ROLE_CLIENT, "Cleo Client");
	enum invite_use r;
	OK(f->s->ops->invite_use(f->s, *hash, 2000, &c, &r, &f->err));
	assert_int_equal(r, INVITE_ACCEPTED);
	free(login);
	return c.id;
}

static size_t count_clients(struct afx *f, int64_t trainer)
{
	struct account_row *rows;
	size_t n;
	OK(f->s->ops->accounts_list(f->s, trainer, &rows, &n, &f->err));
	store_accounts_free(rows, n);
	return n;
}

static void test_link_end(void **state)
{
	struct afx *f = *state;
	int64_t t1 = afx_add_trainer(f, "t-one"), t2 = afx_add_trainer(f, "t-two");
	char *h, *h2;
	int64_t c = add_client(f, t1, "cleo", &h), other = add_client(f, t1, "cai", &h2);
	struct store *cs;
	OK(store_bind(&cs, f->db, c, &f->err));
	struct account_row *rows;
	size_t n;
	OK(cs->ops->trainers_list(cs, c, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, t1);
	assert_int_equal(rows[0].role, ROLE_TRAINER);
	store_accounts_free(rows, n);
	OK(cs->ops->trainers_list(cs, t2, &rows, &n, &f->err));
	assert_int_equal(n, 0);
	store_accounts_free(rows, n);

	bool ended = false;
	OK(cs->ops->link_end(cs, t2, c, &ended, &f->err)); /* not linked: nothing */
	assert_false(ended);
	OK(cs->ops->link_end(cs, t1, c, &ended, &f->err));
	assert_true(ended);
	OK(cs->ops->link_end(cs, t1, c, &ended, &f->err));
	assert_false(ended);
	OK(cs->ops->trainers_list(cs, c, &rows, &n, &f->err));
	assert_int_equal(n, 0);
	store_accounts_free(rows, n);
	assert_int_equal(count_clients(f, t1), 1); /* the other client stays theirs */
	(void)other;
	store_close(cs);
	free(h);
	free(h2);
}

static void test_disable(void **state)
{
	struct afx *f = *state;
	int64_t t = afx_add_trainer(f, "dis");
	OK(f->s->ops->account_set_disabled(f->s, t, 7000, &f->err));
	struct account_row a;
	bool found;
	OK(f->s->ops->account_get(f->s, t, NULL, &a, &found, &f->err));
	assert_true(found);
	assert_int_equal(a.disabled_ms, 7000);
	account_row_release(&a);
	OK(f->s->ops->account_set_disabled(f->s, t, 0, &f->err));
	OK(f->s->ops->account_get(f->s, t, NULL, &a, &found, &f->err));
	assert_int_equal(a.disabled_ms, 0);
	account_row_release(&a);
	strbuf_reset(&f->err);
	assert_int_equal(f->s->ops->account_set_disabled(f->s, 424242424242, 7000, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "no such account"));
}

static void add_records(struct afx *f, struct store *s, int64_t trainer, int pain)
{
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-05-01");
	c.at_ms = 3000;
	c.pain = pain;
	OK(s->ops->checkin_add(s, &c, &f->err));
	struct session_row sr = { 0, (char *)"activation", 3000, 0, SESSION_RUNNING, 2, -1, (char *)"content", 0, 0, 0 };
	OK(s->ops->session_begin(s, &sr, &f->err));
	struct prescription_row rx = { 0, "2026-05-01", 3000, trainer, (char *)"act", (char *)"lift", (char *)"lift",
				       8, 2, 0, 0, (char *)"slowly", (char *)"", NULL };
	OK(s->ops->prescription_add(s, &rx, &f->err));
}

static void test_account_delete(void **state)
{
	struct afx *f = *state;
	int64_t t = afx_add_trainer(f, "del");
	char *hc, *hd;
	int64_t c = add_client(f, t, "gone", &hc), d = add_client(f, t, "stays", &hd);
	struct store *cs, *ds;
	OK(store_bind(&cs, f->db, c, &f->err));
	OK(store_bind(&ds, f->db, d, &f->err));
	add_records(f, cs, t, 4);
	add_records(f, ds, t, 6);
	struct login_row lg = { (char *)"0123456789abcdef0123456789abcdef", c, 3000, 3000, false };
	OK(cs->ops->login_add(cs, &lg, &f->err));

	OK(cs->ops->account_delete(cs, &f->err));
	/* the account, its session, its link and the invitation that made it are gone */
	struct account_row a;
	bool found = true;
	OK(f->s->ops->account_get(f->s, c, NULL, &a, &found, &f->err));
	assert_false(found);
	struct login_row lr;
	OK(f->s->ops->login_get(f->s, lg.id_hash, &lr, &found, &f->err));
	assert_false(found);
	struct invite_row inv;
	OK(f->s->ops->invite_find(f->s, hc, &inv, &found, &f->err));
	assert_false(found);
	OK(f->s->ops->invite_find(f->s, hd, &inv, &found, &f->err));
	assert_true(found);
	invite_row_release(&inv);
	assert_int_equal(count_clients(f, t), 1);
	/* and every record of theirs; the other client's stay */
	struct checkin *ck;
	struct prescription_row *rx;
	struct session_row *ss;
	size_t n;
	OK(cs->ops->checkins_list(cs, &ck, &n, &f->err));
	assert_int_equal(n, 0);
	store_checkins_free(ck, n);
	OK(cs->ops->prescriptions_list(cs, &rx, &n, &f->err));
	assert_int_equal(n, 0);
	store_prescriptions_free(rx, n);
	OK(cs->ops->sessions_list(cs, &ss, &n, &f->err));
	assert_int_equal(n, 0);
	store_sessions_free(ss, n);
	OK(ds->ops->checkins_list(ds, &ck, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(ck[0].pain, 6);
	store_checkins_free(ck, n);
	OK(ds->ops->prescriptions_list(ds, &rx, &n, &f->err));
	assert_int_equal(n, 1);
	store_prescriptions_free(rx, n);

	/* deleted twice: refused, nothing to delete */
	strbuf_reset(&f->err);
	assert_int_equal(cs->ops->account_delete(cs, &f->err), -1);
	/* the login name is free again */
	char *login = afx_login(f, "gone");
	struct account_row again = { 0, ROLE_CLIENT, login, (char *)"Someone Else", (char *)AFX_HASH, 9000, 0 };
	OK(f->s->ops->account_add(f->s, &again, 0, &f->err));
	assert_true(again.id != c);
	free(login);

	/* a trainer deleting theirs: their links and invitations go, the clients' records stay */
	struct store *ts;
	OK(store_bind(&ts, f->db, t, &f->err));
	OK(ts->ops->account_delete(ts, &f->err));
	OK(f->s->ops->invite_find(f->s, hd, &inv, &found, &f->err));
	assert_false(found);
	struct account_row *rows;
	OK(ds->ops->trainers_list(ds, d, &rows, &n, &f->err));
	assert_int_equal(n, 0);
	store_accounts_free(rows, n);
	OK(ds->ops->checkins_list(ds, &ck, &n, &f->err));
	assert_int_equal(n, 1);
	store_checkins_free(ck, n);
	store_close(ts);
	store_close(cs);
	store_close(ds);
	free(hc);
	free(hd);
}

int custody_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_link_end, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_disable, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_account_delete, afx_setup, afx_teardown),
	};
	return cmocka_run_group_tests_name("store_custody", tests, NULL, NULL);
}
