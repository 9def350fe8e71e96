/* acting.c: the store conformance suite's trainer's read-only view of a client's
 * records (store_bind_as) and the audit log (audit_add, audit_list), on the backend
 * UNHUNCH_TEST_STORE names as in conformance.c. A shared store (PostgreSQL) is never
 * emptied: each test makes accounts of its own. Run by conformance.c's main
 * (acting_conformance()). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "accounts.h"
#include "afx.h"
#include "core/mem.h"
#include "store/pg-internal.h"
#include "store/store.h"
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* refused by the store, saying so */
#define REFUSED(call, words)                                                     \
	do {                                                                     \
		strbuf_reset(&f->err);                                           \
		if ((call) == 0)                                                 \
			fail_msg("%s: not refused", #call);                      \
		if (!strstr(strbuf_str(&f->err), words))                         \
			fail_msg("%s: said \"%s\", not \"%s\"", #call, strbuf_str(&f->err), words); \
	} while (0)

static int64_t add_account(struct afx *f, const char *what, enum account_role role)
{
	char *login = afx_login(f, what);
	struct account_row a = afx_account(login, role, "Someone");
	OK(f->s->ops->account_add(f->s, &a, 0, &f->err));
	free(login);
	return a.id;
}

/* A client of trainer, by a used invitation (the only way a link is made). */
static int64_t add_client(struct afx *f, int64_t trainer, const char *what)
{
	char *hash = afx_hash(f), *login = afx_login(f, what);
	struct invite_row inv = { 0, trainer, hash, (char *)"Cleo Client", 1000, 90000, 0, 0 };
	OK(f->s->ops->invite_add(f->s, &inv, &f->err));
	struct account_row c = afx_account(login, ROLE_CLIENT, "Cleo Client");
	enum invite_use r;
	OK(f->s->ops->invite_use(f->s, hash, 2000, &c, &r, &f->err));
	assert_int_equal(r, INVITE_ACCEPTED);
	free(hash);
	free(login);
	return c.id;
}

/* The client ends the link with their trainer, by SQL of the backend (the store has no
 * operation for it yet): on PostgreSQL as the client, whose policy allows it. Whether
 * row-level policies hold the suite's role (not a superuser, no BYPASSRLS). */
static bool end_link(struct afx *f, int64_t client)
{
	char sql[200];
	if (f->shared) {
		PGconn *c = PQconnectdb(f->location);
		assert_int_equal(PQstatus(c), CONNECTION_OK);
		PGresult *r = PQexec(c, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user");
		assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
		bool held = PQgetvalue(r, 0, 0)[0] == 'f';
		PQclear(r);
		snprintf(sql, sizeof(sql), "BEGIN; SELECT set_config('unhunch.person', '%lld', true);"
			 " DELETE FROM trainer_clients WHERE client_id = %lld; COMMIT", (long long)client, (long long)client);
		r = PQexec(c, sql);
		assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
		PQclear(r);
		PQfinish(c);
		return held;
	}
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->location + strlen("sqlite:"), &db), SQLITE_OK);
	snprintf(sql, sizeof(sql), "DELETE FROM trainer_clients WHERE client_id = %lld", (long long)client);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	return false;
}

static void test_acting_reads(void **state)
{
	struct afx *f = *state;
	int64_t t = add_account(f, "tess", ROLE_TRAINER), other = add_account(f, "otto", ROLE_TRAINER);
	int64_t c1 = add_client(f, t, "cleo"), c2 = add_client(f, other, "cai");
	/* the client's own records */
	struct store *cs;
	OK(store_bind(&cs, f->db, c1, &f->err));
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-05-01");
	c.at_ms = 3000;
	c.pain = 4;
	c.note = xstrdup("only-cleo-knows");
	OK(cs->ops->checkin_add(cs, &c, &f->err));
	free(c.note);
	struct session_row sr = { 0, (char *)"upper-back", 3000, 0, SESSION_RUNNING, 3, -1, (char *)"content", 0, 0, 0 };
	OK(cs->ops->session_begin(cs, &sr, &f->err));
	struct prescription_row rx = { 0, "2026-05-01", 3100, t, (char *)"act", (char *)"lift", (char *)"lift", 8, 2, 0,
				       0, (char *)"Slowly.", (char *)"", NULL };
	OK(cs->ops->prescription_add(cs, &rx, &f->err));
	struct break_row br = { 3000, BRK_MICRO, BEV_TAKEN, (char *)"chin-tuck", (char *)"" };
	OK(cs->ops->break_add(cs, &br, &f->err));

	/* the trainer's view reads them */
	struct store *a;
	OK(store_bind_as(&a, f->db, c1, t, &f->err));
	assert_true(store_is_acting(a));
	assert_false(store_is_acting(cs));
	struct checkin *ck;
	size_t n;
	OK(a->ops->checkins_list(a, &ck, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(ck[0].note, "only-cleo-knows");
	store_checkins_free(ck, n);
	struct session_row *ss;
	OK(a->ops->sessions_list(a, &ss, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(ss[0].id, sr.id);
	store_sessions_free(ss, n);
	struct prescription_row *rv;
	OK(a->ops->prescriptions_list(a, &rv, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(rv[0].note, "Slowly.");
	store_prescriptions_free(rv, n);

	/* what a trainer does not see, and every write, is refused by the store */
	struct break_row *bv = NULL;
	REFUSED(a->ops->breaks_since(a, 0, &bv, &n, &f->err), "refused");
	struct account_row ar;
	bool found;
	REFUSED(a->ops->account_get(a, c1, NULL, &ar, &found, &f->err), "refused");
	struct audit_row *au = NULL;
	REFUSED(a->ops->audit_list(a, 0, &au, &n, &f->err), "refused");
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-05-02");
	c.at_ms = 4000;
	c.pain = 9;
	REFUSED(a->ops->checkin_add(a, &c, &f->err), "only reads");
	struct checkin *day = NULL;
	REFUSED(a->ops->checkin_add_once(a, &c, &day, &n, &f->err), "refused");
	REFUSED(a->ops->session_begin(a, &sr, &f->err), "refused");
	REFUSED(a->ops->session_end(a, sr.id, SESSION_FINISHED, 0, 5000, &f->err), "refused");
	REFUSED(a->ops->prescription_add(a, &rx, &f->err), "refused");
	struct plan_change_row pc = { 0 };
	REFUSED(a->ops->plan_change_add(a, &pc, &f->err), "refused");
	bool wiped;
	REFUSED(a->ops->forget_all(a, &wiped, &f->err), "refused");
	REFUSED(a->ops->batch_begin(a, 0, &f->err), "refused");
	struct audit_row line = { 0, 0, (char *)"Tess", 0, (char *)"progress page", 5000 };
	REFUSED(a->ops->audit_add(a, &line, &c1, 1, &f->err), "refused");
	REFUSED(a->ops->audit_send(a, &line, &c1, 1, &f->err), "refused");
	REFUSED(a->ops->audit_wait(a, &f->err), "refused");
	/* nothing was written */
	OK(cs->ops->checkins_list(cs, &ck, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(ck[0].pain, 4);
	store_checkins_free(ck, n);
	OK(cs->ops->sessions_list(cs, &ss, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(ss[0].status, SESSION_RUNNING);
	store_sessions_free(ss, n);
	store_close(a);

	/* no view for a trainer not linked, a client, oneself, the operator */
	a = (struct store *)1;
	REFUSED(store_bind_as(&a, f->db, c2, t, &f->err), "not an enabled trainer");
	assert_null(a);
	REFUSED(store_bind_as(&a, f->db, c1, other, &f->err), "not an enabled trainer");
	REFUSED(store_bind_as(&a, f->db, c1, c2, &f->err), "not an enabled trainer");
	REFUSED(store_bind_as(&a, f->db, c1, c1, &f->err), "invalid view");
	REFUSED(store_bind_as(&a, f->db, c1, STORE_LOCAL_PERSON, &f->err), "invalid view");
	assert_null(a);
	bool yes = true;
	OK(f->s->ops->trains(f->s, t, c1, &yes, &f->err));
	assert_true(yes);
	OK(f->s->ops->trains(f->s, t, c2, &yes, &f->err));
	assert_false(yes);
	OK(f->s->ops->trains(f->s, c1, t, &yes, &f->err));
	assert_false(yes);

	/* the client ends the link: no new view; on PostgreSQL an open one reads nothing
	 * more at once (its transactions act as the trainer, whom the policies no longer
	 * let read); on SQLite the link is checked when a view is opened (one a request) */
	OK(store_bind_as(&a, f->db, c1, t, &f->err));
	bool policies = end_link(f, c1);
	struct store *b = NULL;
	REFUSED(store_bind_as(&b, f->db, c1, t, &f->err), "not an enabled trainer");
	OK(a->ops->checkins_list(a, &ck, &n, &f->err));
	assert_int_equal(n, policies ? 0 : 1);
	store_checkins_free(ck, n);
	store_close(a);
	OK(cs->ops->checkins_list(cs, &ck, &n, &f->err)); /* the client's own stay theirs */
	assert_int_equal(n, 1);
	store_checkins_free(ck, n);
	store_close(cs);
}

/* The dashboard's facts as h reads them: two clients, c1 with its one assessment and
 * its one session (the two statements PostgreSQL reads on the second connection). */
static void read_dashboard(struct afx *f, struct store *h, int64_t c1)
{
	struct dash_client *v = NULL;
	size_t n = 0;
	OK(h->ops->dashboard_facts(h, "2026-11-01", 0, NULL, 0, &v, &n, &f->err));
	assert_int_equal(n, 2);
	struct dash_client *c = store_dash_find(v, n, c1);
	assert_non_null(c);
	assert_int_equal(c->n_answers, 1);
	assert_string_equal(c->assessed, "2026-11-20");
	assert_int_equal(c->n_sessions, 1);
	assert_int_equal(c->sessions[0].started_ms, 6500);
	store_dash_free(v, n);
}

/* PostgreSQL: the second connection lost while a line is on its way (its server
 * process ended from another connection while the line waits for a lock that
 * connection holds). The read between has all its rows, the wait says the line was
 * not written, and it was not; the next send opens a new connection. */
static void side_lost(struct afx *f, struct store *th, struct store *h1, struct audit_row *line, int64_t c1)
{
	struct audit_row *v = NULL;
	size_t before = 0, after = 0;
	OK(h1->ops->audit_list(h1, 0, &v, &before, &f->err));
	store_audit_free(v, before);
	PGconn *c = PQconnectdb(f->location);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	PGresult *r = PQexec(c, "BEGIN");
	assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
	PQclear(r);
	r = PQexec(c, "LOCK TABLE audit IN SHARE MODE");
	assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
	PQclear(r);
	line->what = (char *)"lost";
	OK(th->ops->audit_send(th, line, &c1, 1, &f->err));
	PGconn *side = ((struct pg_store *)f->db)->side;
	assert_non_null(side);
	char sql[80];
	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%d, 10000)", PQbackendPID(side));
	r = PQexec(c, sql);
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_string_equal(PQgetvalue(r, 0, 0), "t");
	PQclear(r);
	PQclear(PQexec(c, "ROLLBACK"));
	PQfinish(c);
	/* its last words read here, so that the store's look at the connection before the
	 * read finds it closed with the line still on its way (side_drop) */
	PQconsumeInput(side);
	read_dashboard(f, th, c1);
	assert_int_equal(th->ops->audit_wait(th, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "write the audit log"));
	strbuf_reset(&f->err);
	OK(h1->ops->audit_list(h1, 0, &v, &after, &f->err));
	store_audit_free(v, after);
	assert_int_equal(after, before);
	OK(th->ops->audit_send(th, line, &c1, 1, &f->err));
	OK(th->ops->audit_wait(th, &f->err));
	assert_ptr_not_equal(((struct pg_store *)f->db)->side, NULL);
	OK(h1->ops->audit_list(h1, 0, &v, &after, &f->err));
	store_audit_free(v, after);
	assert_int_equal(after, before + 1);
}

static void test_audit(void **state)
{
	struct afx *f = *state;
	int64_t t = add_account(f, "tara", ROLE_TRAINER), other = add_account(f, "omar", ROLE_TRAINER);
	int64_t c1 = add_client(f, t, "cora"), c2 = add_client(f, t, "cole"), c3 = add_client(f, other, "cy");
	struct store *th, *h1, *h2, *h3;
	OK(store_bind(&th, f->db, t, &f->err));
	OK(store_bind(&h1, f->db, c1, &f->err));
	OK(store_bind(&h2, f->db, c2, &f->err));
	OK(store_bind(&h3, f->db, c3, &f->err));
	struct audit_row line = { 0, 0, (char *)"Tara Trainer", 0, (char *)"progress page", 5000 };
	OK(th->ops->audit_add(th, &line, &c1, 1, &f->err));
	int64_t both[] = { c1, c2 };
	line.what = (char *)"dashboard";
	line.at_ms = 6000;
	OK(th->ops->audit_add(th, &line, both, 2, &f->err)); /* one statement for many */
	struct audit_row *v;
	size_t n;
	OK(h1->ops->audit_list(h1, 0, &v, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(v[0].what, "dashboard"); /* newest first */
	assert_int_equal(v[0].at_ms, 6000);
	assert_string_equal(v[1].what, "progress page");
	assert_int_equal(v[1].actor_id, t);
	assert_int_equal(v[1].subject_id, c1);
	assert_string_equal(v[1].actor_name, "Tara Trainer");
	store_audit_free(v, n);
	OK(h1->ops->audit_list(h1, 1, &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].what, "dashboard");
	store_audit_free(v, n);
	OK(h2->ops->audit_list(h2, 0, &v, &n, &f->err));
	assert_int_equal(n, 1);
	store_audit_free(v, n);
	/* no one else's: the other client, the actor */
	OK(h3->ops->audit_list(h3, 0, &v, &n, &f->err));
	assert_int_equal(n, 0);
	store_audit_free(v, n);
	OK(th->ops->audit_list(th, 0, &v, &n, &f->err));
	assert_int_equal(n, 0);
	store_audit_free(v, n);
	/* bad rows */
	REFUSED(th->ops->audit_add(th, &line, &t, 1, &f->err), "not someone else");
	REFUSED(th->ops->audit_add(th, &line, both, 0, &f->err), "invalid audit row");
	line.what = (char *)"";
	REFUSED(th->ops->audit_add(th, &line, both, 2, &f->err), "invalid audit row");
	line.what = (char *)"dashboard";
	line.actor_name = NULL;
	REFUSED(th->ops->audit_add(th, &line, both, 2, &f->err), "invalid audit row");
	line.actor_name = (char *)"Tara Trainer";
	/* in two halves (audit_send, audit_wait; on PostgreSQL a second connection): reads
	 * go on between them, and the lines are there once audit_wait gives 0. The
	 * dashboard's read between them (on PostgreSQL partly on the second connection,
	 * after the lines: pg_query_two) has all of its rows, cora's assessment among them */
	struct assess_answer_row aa = { (char *)"desk-hours", 8 };
	struct assessment_row as = { 0, "2026-11-20", 6000, &aa, 1, NULL, 0 };
	OK(h1->ops->assessment_add(h1, &as, &f->err));
	struct session_row sr = { 0, (char *)"upper-back-activation", 6500, 0, SESSION_RUNNING, 3, -1, (char *)"content",
				  0, 0, 0 };
	OK(h1->ops->session_begin(h1, &sr, &f->err));
	OK(h1->ops->session_end(h1, sr.id, SESSION_FINISHED, 2, 6900, &f->err));
	line.what = (char *)"sent";
	line.at_ms = 7000;
	OK(th->ops->audit_send(th, &line, both, 2, &f->err));
	if (f->db->ops == &store_pg) /* the second connection is the one that writes */
		assert_non_null(((struct pg_store *)f->db)->side);
	struct account_row *cl = NULL;
	size_t ncl = 0;
	OK(th->ops->accounts_list(th, t, &cl, &ncl, &f->err));
	assert_int_equal(ncl, 2);
	store_accounts_free(cl, ncl);
	read_dashboard(f, th, c1);
	if (f->db->ops == &store_pg) { /* its second half read after the lines, their result kept */
		assert_null(((struct pg_store *)f->db)->pending.c);
		assert_true(((struct pg_store *)f->db)->told_later);
		assert_non_null(((struct pg_store *)f->db)->side);
		/* no other write there until that result is asked for */
		struct dash_kept put = { c1, NULL, NULL, 1, (char *)"line" };
		REFUSED(th->ops->dash_kept_put(th, "k", &put, 1, &f->err), "still on its way");
	}
	OK(th->ops->audit_wait(th, &f->err));
	OK(th->ops->audit_wait(th, &f->err)); /* nothing sent: nothing to wait for */
	OK(h2->ops->audit_list(h2, 0, &v, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(v[0].what, "sent");
	assert_int_equal(v[0].at_ms, 7000);
	assert_int_equal(v[0].actor_id, t);
	store_audit_free(v, n);
	/* a line about no one's account is refused at one half or the other, and none of
	 * the send's lines is kept; the handle works after */
	int64_t ghost[] = { c1, c3 + 1000 };
	int rc = th->ops->audit_send(th, &line, ghost, 2, &f->err);
	if (!rc) { /* a read between still has all its rows (on PostgreSQL read again on the first connection) */
		read_dashboard(f, th, c1);
		rc = th->ops->audit_wait(th, &f->err);
	}
	assert_int_equal(rc, -1);
	assert_non_null(strstr(strbuf_str(&f->err), "write the audit log"));
	strbuf_reset(&f->err);
	OK(h1->ops->audit_list(h1, 0, &v, &n, &f->err));
	assert_int_equal(n, 3); /* progress page, dashboard, sent */
	store_audit_free(v, n);
	REFUSED(th->ops->audit_send(th, &line, &t, 1, &f->err), "not someone else");
	OK(th->ops->audit_send(th, &line, &c1, 1, &f->err));
	OK(th->ops->audit_wait(th, &f->err));
	OK(h1->ops->audit_list(h1, 0, &v, &n, &f->err));
	assert_int_equal(n, 4);
	store_audit_free(v, n);
	bool pg = f->db->ops == &store_pg;
	if (pg)
		side_lost(f, th, h1, &line, c1);
	line.what = (char *)"dashboard";
	/* the lines go with the subject's account (the foreign key's cascade, which on
	 * PostgreSQL passes the log's policies: no one may delete a line by hand) */
	OK(h2->ops->account_delete(h2, &f->err));
	OK(h2->ops->audit_list(h2, 0, &v, &n, &f->err));
	assert_int_equal(n, 0);
	store_audit_free(v, n);
	OK(h1->ops->audit_list(h1, 0, &v, &n, &f->err));
	assert_int_equal(n, 4 + pg);
	store_audit_free(v, n);
	/* (PostgreSQL's policy that an actor writes only about the clients they train is
	 * tests/store/rls.sh's: this suite also runs as a role that passes the policies) */
	store_close(th);
	store_close(h1);
	store_close(h2);
	store_close(h3);
}

int acting_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_acting_reads, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_audit, afx_setup, afx_teardown),
	};
	return cmocka_run_group_tests_name("store_acting", tests, NULL, NULL);
}
