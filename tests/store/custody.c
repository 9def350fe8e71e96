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
#include "core/mem.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HASH "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"

struct cfx {
	char dir[64];
	char *location;
	struct store_db *db;
	struct store *op; /* the operator's handle (person 1) */
	char tag[32];
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
	struct cfx *f = xcalloc(1, sizeof(*f));
	strbuf_init(&f->err);
	const char *v = getenv("UNHUNCH_TEST_STORE");
	if (v && *v && strcmp(v, "sqlite")) {
		f->location = xstrdup(v);
	} else {
		snprintf(f->dir, sizeof(f->dir), "/tmp/unhunch-custody-XXXXXX");
		if (!mkdtemp(f->dir))
			return -1;
		size_t n = strlen(f->dir) + 32;
		f->location = xmalloc(n);
		snprintf(f->location, n, "sqlite:%s/store.db", f->dir);
	}
	snprintf(f->tag, sizeof(f->tag), "%lx%x%u", (unsigned long)time(NULL), (unsigned)getpid(), ++run);
	if (store_db_open(&f->db, f->location, 0, &f->err) || store_bind(&f->op, f->db, STORE_LOCAL_PERSON, &f->err))
		fail_msg("open %s: %s", f->location, strbuf_str(&f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct cfx *f = *state;
	store_close(f->op);
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

static void name(struct cfx *f, const char *what, char out[64])
{
	snprintf(out, 64, "%s-%s", what, f->tag);
}

static void hash_of(struct cfx *f, char out[96])
{
	int n = snprintf(out, 96, "%032x", ++f->serial);
	for (const char *t = f->tag; *t && n < 90; t++)
		n += snprintf(out + n, 96 - (size_t)n, "%02x", (unsigned char)*t);
}

static int64_t add_trainer(struct cfx *f, const char *what)
{
	char login[64];
	name(f, what, login);
	struct account_row t = { 0, ROLE_TRAINER, login, (char *)"Tess Trainer", (char *)HASH, 1000, 0 };
	OK(f->op->ops->account_add(f->op, &t, 0, &f->err));
	return t.id;
}

/* A client of trainer, made by an invitation as in clinic mode; its token hash in hash. */
static int64_t add_client(struct cfx *f, int64_t trainer, const char *what, char hash[96])
{
	char login[64];
	name(f, what, login);
	hash_of(f, hash);
	struct invite_row inv = { 0, trainer, hash, (char *)"Cleo Client", 1000, 5000, 0, 0 };
	OK(f->op->ops->invite_add(f->op, &inv, &f->err));
	struct account_row c = { 0, ROLE_CLIENT, login, (char *)"Cleo Client", (char *)HASH, 1000, 0 };
	enum invite_use r;
	OK(f->op->ops->invite_use(f->op, hash, 2000, &c, &r, &f->err));
	assert_int_equal(r, INVITE_ACCEPTED);
	return c.id;
}

static size_t count_clients(struct cfx *f, int64_t trainer)
{
	struct account_row *rows;
	size_t n;
	OK(f->op->ops->accounts_list(f->op, trainer, &rows, &n, &f->err));
	store_accounts_free(rows, n);
	return n;
}

static void test_link_end(void **state)
{
	struct cfx *f = *state;
	int64_t t1 = add_trainer(f, "t-one"), t2 = add_trainer(f, "t-two");
	char h[96], h2[96];
	int64_t c = add_client(f, t1, "cleo", h), other = add_client(f, t1, "cai", h2);
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
}

static void test_disable(void **state)
{
	struct cfx *f = *state;
	int64_t t = add_trainer(f, "dis");
	OK(f->op->ops->account_set_disabled(f->op, t, 7000, &f->err));
	struct account_row a;
	bool found;
	OK(f->op->ops->account_get(f->op, t, NULL, &a, &found, &f->err));
	assert_true(found);
	assert_int_equal(a.disabled_ms, 7000);
	account_row_release(&a);
	OK(f->op->ops->account_set_disabled(f->op, t, 0, &f->err));
	OK(f->op->ops->account_get(f->op, t, NULL, &a, &found, &f->err));
	assert_int_equal(a.disabled_ms, 0);
	account_row_release(&a);
	strbuf_reset(&f->err);
	assert_int_equal(f->op->ops->account_set_disabled(f->op, 424242424242, 7000, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "no such account"));
}

static void add_records(struct cfx *f, struct store *s, int64_t trainer, int pain)
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
	struct cfx *f = *state;
	int64_t t = add_trainer(f, "del");
	char hc[96], hd[96];
	int64_t c = add_client(f, t, "gone", hc), d = add_client(f, t, "stays", hd);
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
	OK(f->op->ops->account_get(f->op, c, NULL, &a, &found, &f->err));
	assert_false(found);
	struct login_row lr;
	OK(f->op->ops->login_get(f->op, lg.id_hash, &lr, &found, &f->err));
	assert_false(found);
	struct invite_row inv;
	OK(f->op->ops->invite_find(f->op, hc, &inv, &found, &f->err));
	assert_false(found);
	OK(f->op->ops->invite_find(f->op, hd, &inv, &found, &f->err));
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
	char login[64];
	name(f, "gone", login);
	struct account_row again = { 0, ROLE_CLIENT, login, (char *)"Someone Else", (char *)HASH, 9000, 0 };
	OK(f->op->ops->account_add(f->op, &again, 0, &f->err));
	assert_true(again.id != c);

	/* a trainer deleting theirs: their links and invitations go, the clients' records stay */
	struct store *ts;
	OK(store_bind(&ts, f->db, t, &f->err));
	OK(ts->ops->account_delete(ts, &f->err));
	OK(f->op->ops->invite_find(f->op, hd, &inv, &found, &f->err));
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
}

int custody_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_link_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_delete, setup, teardown),
	};
	return cmocka_run_group_tests_name("store_custody", tests, NULL, NULL);
}
