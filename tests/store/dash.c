/* dash.c: the store conformance suite's facts for the trainer's dashboard
 * (dashboard_facts, store.h) on the backend UNHUNCH_TEST_STORE names, as conformance.c:
 * called on the trainer's handle, it gives each linked client's facts and no one
 * else's, and a client whose link was ended is gone. On PostgreSQL it runs as the
 * trainer under row-level security. Run by conformance.c's main (dash_conformance()). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "accounts.h"
#include "afx.h"
#include "core/mem.h"
#include "core/screen.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DAY_MS 86400000LL
#define FROM "2026-11-01"
#define FROM_MS 1793491200000LL /* 2026-11-01 00:00 UTC */

static int64_t add_account(struct afx *f, const char *what, enum account_role role)
{
	char *login = afx_login(f, what);
	struct account_row a = afx_account(login, role, what);
	OK(f->s->ops->account_add(f->s, &a, 0, &f->err));
	free(login);
	return a.id;
}

/* A client of trainer, by an invitation accepted at 2026-08-01 (the link's day). */
static int64_t add_client(struct afx *f, int64_t trainer, const char *what)
{
	char *hash = afx_hash(f), *login = afx_login(f, what);
	int64_t at = FROM_MS - 92 * DAY_MS;
	struct invite_row inv = { 0, trainer, hash, (char *)what, at - 1000, at + DAY_MS, 0, 0 };
	OK(f->s->ops->invite_add(f->s, &inv, &f->err));
	struct account_row c = { 0, ROLE_CLIENT, login, (char *)what, (char *)AFX_HASH, at, 0 };
	enum invite_use r;
	OK(f->s->ops->invite_use(f->s, hash, at, &c, &r, &f->err));
	assert_int_equal(r, INVITE_ACCEPTED);
	free(hash);
	free(login);
	return c.id;
}

static void checkin(struct afx *f, struct store *s, const char *date, int pain, int neck)
{
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "%s", date);
	c.at_ms = FROM_MS;
	c.pain = pain;
	c.region[REG_NECK] = neck;
	OK(s->ops->checkin_add(s, &c, &f->err));
}

static int64_t session(struct afx *f, struct store *s, int64_t at, int pain_score)
{
	struct session_row r = { 0, (char *)"upper-back-activation", at, 0, SESSION_RUNNING, 3, -1, (char *)"content",
				 0, 0, 0 };
	OK(s->ops->session_begin(s, &r, &f->err));
	struct exercise_row e = { 0, (char *)"glute-bridge", EX_DONE, 10, 30000, at + 30000 };
	OK(s->ops->exercise_add(s, r.id, &e, &f->err));
	if (pain_score != -2) {
		struct pain_row p = { 1, (char *)"v-raise", pain_score, (char *)"stopped", at + 60000 };
		OK(s->ops->pain_add(s, r.id, &p, &f->err));
	}
	OK(s->ops->session_end(s, r.id, SESSION_FINISHED, 2, at + 600000, &f->err));
	return r.id;
}

static void feel_of(struct afx *f, struct store *s, const char *exercise, const char *date, int64_t at,
		    const char *feeling)
{
	struct feedback_row r = { 0, "", at, 0, (char *)"upper-back-activation", (char *)exercise,
				  (char *)feeling, 3, false };
	snprintf(r.date, sizeof(r.date), "%s", date);
	OK(s->ops->feedback_add(s, &r, &f->err));
}

static void feel(struct afx *f, struct store *s, const char *date, const char *feeling)
{
	feel_of(f, s, "v-raise", date, FROM_MS, feeling);
}

static struct dash_client *facts(struct afx *f, struct store *trainer, size_t *n)
{
	struct dash_client *rows = NULL;
	OK(trainer->ops->dashboard_facts(trainer, FROM, FROM_MS, NULL, 0, &rows, n, &f->err));
	return rows;
}

/* End the link between a client and their trainer, as the client (the Account page's
 * End access). */
static void end_link(struct afx *f, struct store *client, int64_t trainer)
{
	bool ended = false;
	OK(client->ops->link_end(client, trainer, client->person, &ended, &f->err));
	assert_true(ended);
}

static void test_dashboard_facts(void **state)
{
	struct afx *f = *state;
	int64_t tess = add_account(f, "tess", ROLE_TRAINER), tom = add_account(f, "tom", ROLE_TRAINER);
	int64_t cleo = add_client(f, tess, "cleo"), cid = add_client(f, tess, "cid"), cai = add_client(f, tom, "cai");
	struct store *a, *c, *b, *t1, *t2;
	OK(store_bind(&a, f->db, cleo, &f->err));
	OK(store_bind(&c, f->db, cid, &f->err));
	OK(store_bind(&b, f->db, cai, &f->err));
	OK(store_bind(&t1, f->db, tess, &f->err));
	OK(store_bind(&t2, f->db, tom, &f->err));

	/* cleo: a first week, one check-in between (not read), the window */
	checkin(f, a, "2026-09-01", 6, 5);
	checkin(f, a, "2026-09-05", 7, -1);
	checkin(f, a, "2026-09-20", 9, 9);
	checkin(f, a, "2026-11-10", 2, 4);
	/* ... and one the same day, earlier in it, recorded after: read in the day's order */
	struct checkin early;
	checkin_init(&early);
	snprintf(early.date, sizeof(early.date), "2026-11-10");
	early.at_ms = FROM_MS - 5000;
	early.pain = 1;
	OK(a->ops->checkin_add(a, &early, &f->err));
	/* cid: stopped checking in before the window: the latest week with data is read */
	checkin(f, c, "2026-08-01", 5, -1);
	checkin(f, c, "2026-08-20", 5, -1);
	checkin(f, c, "2026-09-01", 4, -1);
	checkin(f, c, "2026-09-03", 3, -1);
	/* cid's feedback: two exercises, the later id first, the newest not the last added */
	feel_of(f, c, "w-raise", "2026-11-03", FROM_MS + 2 * DAY_MS, "hard");
	feel_of(f, c, "chin-tuck", "2026-11-04", FROM_MS + 3 * DAY_MS, "right");
	feel_of(f, c, "w-raise", "2026-11-07", FROM_MS + 6 * DAY_MS, "hard");
	feel_of(f, c, "w-raise", "2026-11-05", FROM_MS + 4 * DAY_MS, "easy");
	feel_of(f, c, "w-raise", "2026-10-20", FROM_MS - 12 * DAY_MS, "hurt"); /* before the window */
	/* cai, tom's client; a check-in with every place of the body map rated, the lowest
	 * and the highest score among them (the SQLite backend reads them packed) */
	checkin(f, b, "2026-11-10", 8, 8);
	struct checkin all;
	checkin_init(&all);
	snprintf(all.date, sizeof(all.date), "2026-11-11");
	all.at_ms = FROM_MS + 10 * DAY_MS;
	all.pain = 10;
	static const int places[REG__COUNT] = { 0, 10, 3, 10, 0, 1 };
	memcpy(all.region, places, sizeof(places));
	OK(b->ops->checkin_add(b, &all, &f->err));
	session(f, b, FROM_MS + DAY_MS, 9);

	/* cleo's sessions: one before the window, one in it stopped by a warning sign */
	session(f, a, FROM_MS - 10 * DAY_MS, -2);
	session(f, a, FROM_MS + 3 * DAY_MS, -1);
	feel(f, a, "2026-10-01", "hard"); /* before the window */
	feel(f, a, "2026-11-05", "easy");
	feel(f, a, "2026-11-06", "hurt");
	/* a warning sign, then cleared */
	struct answer_row ans = { (char *)SCREEN_WARNING_ID, true, URG_DAYS, true, false };
	struct screening_row scr = { 0, FROM_MS + 3 * DAY_MS, URG_DAYS, false, &ans, 1 };
	OK(a->ops->screening_add(a, &scr, &f->err));
	struct clearance_row cl = { 0, FROM_MS + 5 * DAY_MS, "2026-11-06", (char *)"Dr Who said it is fine", scr.id };
	OK(a->ops->clearance_add(a, &cl, &f->err));
	struct assess_answer_row aa[2] = { { (char *)"desk-hours", 8 }, { (char *)"work-days", 31 } };
	struct assessment_row as = { 0, "2026-09-01", FROM_MS - 60 * DAY_MS, aa, 2, NULL, 0 };
	OK(a->ops->assessment_add(a, &as, &f->err));
	/* cid: an open warning from the screen */
	struct answer_row ans2 = { (char *)"chest-pain", true, URG_TODAY, false, false };
	struct screening_row scr2 = { 0, FROM_MS + 2 * DAY_MS, URG_TODAY, true, &ans2, 1 };
	OK(c->ops->screening_add(c, &scr2, &f->err));

	size_t n = 0;
	struct dash_client *v = facts(f, t1, &n);
	assert_int_equal(n, 2);
	assert_true(v[0].id < v[1].id);
	struct dash_client *x = store_dash_find(v, n, cleo), *y = store_dash_find(v, n, cid);
	assert_non_null(x);
	assert_non_null(y);
	assert_null(store_dash_find(v, n, cai));
	assert_string_equal(x->display_name, "cleo");
	assert_int_equal(x->screening_level, URG_DAYS);
	assert_true(x->screening_warning);
	assert_true(x->screening_cleared);
	assert_int_equal(x->last_session_ms, FROM_MS + 3 * DAY_MS);
	assert_int_equal(x->n_checkins, 4); /* 09-01, 09-05 (the first week), 11-10 twice; not 09-20 */
	assert_string_equal(x->checkins[0].date, "2026-09-01");
	assert_int_equal(x->checkins[0].region[REG_NECK], 5);
	assert_string_equal(x->checkins[1].date, "2026-09-05");
	assert_int_equal(x->checkins[1].region[REG_NECK], CHECKIN_NONE);
	assert_string_equal(x->checkins[2].date, "2026-11-10");
	assert_int_equal(x->checkins[2].pain, 1); /* the earlier in the day first */
	assert_string_equal(x->checkins[3].date, "2026-11-10");
	assert_int_equal(x->checkins[3].pain, 2);
	assert_int_equal(x->n_sessions, 1);
	assert_int_equal(x->sessions[0].started_ms, FROM_MS + 3 * DAY_MS);
	assert_true(x->sessions[0].warning);
	assert_int_equal(x->sessions[0].max_pain, -1);
	assert_int_equal(x->sessions[0].exercises_done, 1);
	assert_int_equal(x->sessions[0].status, SESSION_FINISHED);
	assert_int_equal(x->n_feel, 1);
	assert_string_equal(x->feel[0].exercise_id, "v-raise");
	assert_int_equal(x->feel[0].easy, 1);
	assert_int_equal(x->feel[0].hurt, 1);
	assert_int_equal(x->feel[0].hard, 0);
	assert_string_equal(x->assessed, "2026-09-01");
	assert_int_equal(x->n_answers, 2);
	assert_string_equal(x->answers[0].question, "desk-hours");
	assert_true(x->answers[0].value == 8);

	assert_int_equal(y->screening_level, URG_TODAY);
	assert_false(y->screening_warning);
	assert_false(y->screening_cleared);
	assert_int_equal(y->last_session_ms, 0);
	assert_int_equal(y->n_sessions, 0);
	assert_int_equal(y->n_checkins, 3); /* 08-01 (the first week), 09-01 and 09-03 (the last); not 08-20 */
	assert_string_equal(y->checkins[0].date, "2026-08-01");
	assert_string_equal(y->checkins[1].date, "2026-09-01");
	assert_string_equal(y->checkins[2].date, "2026-09-03");
	assert_string_equal(y->assessed, "");
	assert_int_equal(y->n_feel, 2); /* by exercise id */
	assert_string_equal(y->feel[0].exercise_id, "chin-tuck");
	assert_int_equal(y->feel[0].right, 1);
	assert_int_equal(y->feel[0].easy + y->feel[0].hard + y->feel[0].hurt, 0);
	assert_true(y->feel[0].last_ms == FROM_MS + 3 * DAY_MS);
	assert_string_equal(y->feel[1].exercise_id, "w-raise");
	assert_int_equal(y->feel[1].hard, 2);
	assert_int_equal(y->feel[1].easy, 1);
	assert_int_equal(y->feel[1].right + y->feel[1].hurt, 0);
	assert_true(y->feel[1].last_ms == FROM_MS + 6 * DAY_MS);
	store_dash_free(v, n);

	/* only the clients asked for: the same facts */
	int64_t only[1] = { cid };
	OK(t1->ops->dashboard_facts(t1, FROM, FROM_MS, only, 1, &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, cid);
	assert_int_equal(v[0].n_checkins, 3);
	assert_int_equal(v[0].n_feel, 2);
	assert_int_equal(v[0].screening_level, URG_TODAY);
	store_dash_free(v, n);
	OK(t1->ops->dashboard_facts(t1, FROM, FROM_MS, only, 0, &v, &n, &f->err)); /* none */
	assert_int_equal(n, 0);
	store_dash_free(v, n);
	only[0] = cai; /* not tess's client */
	OK(t1->ops->dashboard_facts(t1, FROM, FROM_MS, only, 1, &v, &n, &f->err));
	assert_int_equal(n, 0);
	store_dash_free(v, n);

	/* the other trainer sees their own client only */
	v = facts(f, t2, &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, cai);
	assert_int_equal(v[0].n_sessions, 1);
	assert_int_equal(v[0].sessions[0].max_pain, 9);
	assert_int_equal(v[0].n_checkins, 2);
	for (int r = 0; r < REG__COUNT; r++)
		assert_int_equal(v[0].checkins[0].region[r], r == REG_NECK ? 8 : CHECKIN_NONE);
	assert_int_equal(v[0].checkins[1].pain, 10);
	for (int r = 0; r < REG__COUNT; r++)
		assert_int_equal(v[0].checkins[1].region[r], places[r]);
	store_dash_free(v, n);

	/* a client's own handle sees no one; cleo ends the link: gone from tess's */
	v = facts(f, a, &n);
	assert_int_equal(n, 0);
	store_dash_free(v, n);
	end_link(f, a, tess);
	v = facts(f, t1, &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, cid);
	store_dash_free(v, n);

	store_close(a);
	store_close(b);
	store_close(c);
	store_close(t1);
	store_close(t2);
}

/* The kept lines of trainer t: n rows; the row of client id (its text NULL when
 * nothing is kept under key at its version). */
static struct dash_kept *kept(struct afx *f, struct store *t, const char *key, size_t *n)
{
	struct dash_kept *rows = NULL;
	OK(t->ops->dash_kept_get(t, key, &rows, n, &f->err));
	return rows;
}

static const struct dash_kept *kept_of(const struct dash_kept *rows, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].id == id)
			return &rows[i];
	return NULL;
}

/* Keep "line" for client under key at the version the trainer's get gives now; then
 * whether it is there. */
static void keep(struct afx *f, struct store *t, const char *key, int64_t client, const char *line)
{
	size_t n = 0;
	struct dash_kept *v = kept(f, t, key, &n);
	const struct dash_kept *k = kept_of(v, n, client);
	assert_non_null(k);
	struct dash_kept put = { client, NULL, NULL, k->version, (char *)line };
	OK(t->ops->dash_kept_put(t, key, &put, 1, &f->err));
	store_dash_kept_free(v, n);
}

static bool is_kept(struct afx *f, struct store *t, const char *key, int64_t client, const char *line)
{
	size_t n = 0;
	struct dash_kept *v = kept(f, t, key, &n);
	const struct dash_kept *k = kept_of(v, n, client);
	bool yes = k && k->text && !strcmp(k->text, line);
	store_dash_kept_free(v, n);
	return yes;
}

/* A client with no records yet: there, with nothing read for them (and nothing sorted
 * from nothing: the suite runs under UBSan). */
static void test_dashboard_facts_none(void **state)
{
	struct afx *f = *state;
	int64_t tess = add_account(f, "tess", ROLE_TRAINER);
	int64_t nell = add_client(f, tess, "nell"), cleo = add_client(f, tess, "cleo");
	struct store *t, *c;
	OK(store_bind(&t, f->db, tess, &f->err));
	OK(store_bind(&c, f->db, cleo, &f->err));
	checkin(f, c, "2026-11-10", 3, 2);
	size_t n = 0;
	struct dash_client *v = facts(f, t, &n);
	assert_int_equal(n, 2);
	struct dash_client *x = store_dash_find(v, n, nell), *y = store_dash_find(v, n, cleo);
	assert_non_null(x);
	assert_non_null(y);
	assert_string_equal(x->display_name, "nell");
	assert_int_equal(x->n_checkins + x->n_sessions + x->n_feel + x->n_answers, 0);
	assert_null(x->checkins);
	assert_int_equal(x->screening_level, -1);
	assert_int_equal(x->last_session_ms, 0);
	assert_string_equal(x->assessed, "");
	assert_int_equal(y->n_checkins, 1);
	assert_int_equal(y->checkins[0].region[REG_NECK], 2);
	store_dash_free(v, n);
	store_close(c);
	store_close(t);
}

/* Every write of a record the dashboard reads moves the client's version, so what was
 * kept before it is not given again; the version moves with the write's transaction
 * whoever writes (here the client). */
static void test_dash_kept(void **state)
{
	struct afx *f = *state;
	int64_t tess = add_account(f, "tess", ROLE_TRAINER), tom = add_account(f, "tom", ROLE_TRAINER);
	int64_t cleo = add_client(f, tess, "cleo"), cid = add_client(f, tess, "cid"), cai = add_client(f, tom, "cai");
	struct store *a, *c, *t1, *t2;
	OK(store_bind(&a, f->db, cleo, &f->err));
	OK(store_bind(&c, f->db, cid, &f->err));
	OK(store_bind(&t1, f->db, tess, &f->err));
	OK(store_bind(&t2, f->db, tom, &f->err));

	size_t n = 0;
	struct dash_kept *v = kept(f, t1, "k1", &n);
	assert_int_equal(n, 2); /* tess's clients, by id, nothing kept yet */
	assert_true(v[0].id < v[1].id);
	assert_non_null(kept_of(v, n, cleo));
	assert_string_equal(kept_of(v, n, cleo)->display_name, "cleo");
	assert_non_null(kept_of(v, n, cleo)->login);
	assert_null(kept_of(v, n, cleo)->text);
	assert_null(kept_of(v, n, cai));
	store_dash_kept_free(v, n);

	keep(f, t1, "k1", cleo, "line one");
	keep(f, t1, "k1", cid, "cid's line");
	assert_true(is_kept(f, t1, "k1", cleo, "line one"));
	assert_false(is_kept(f, t1, "k2", cleo, "line one")); /* another day or format */
	keep(f, t1, "k1", cleo, "line two");                  /* in place of the first */
	assert_true(is_kept(f, t1, "k1", cleo, "line two"));

	/* each kind of record the dashboard reads, written by the client: the line is gone */
	for (int w = 0; w < 6; w++) {
		keep(f, t1, "k1", cleo, "fresh");
		assert_true(is_kept(f, t1, "k1", cleo, "fresh"));
		switch (w) {
		case 0:
			checkin(f, a, "2026-11-10", 2, 4);
			break;
		case 1:
			session(f, a, FROM_MS + DAY_MS, 3); /* and its exercise, pain and end */
			break;
		case 2:
			feel(f, a, "2026-11-05", "easy");
			break;
		case 3: {
			struct answer_row ans = { (char *)SCREEN_WARNING_ID, true, URG_DAYS, true, false };
			struct screening_row scr = { 0, FROM_MS + 3 * DAY_MS, URG_DAYS, false, &ans, 1 };
			OK(a->ops->screening_add(a, &scr, &f->err));
			keep(f, t1, "k1", cleo, "fresh");
			struct clearance_row cl = { 0, FROM_MS + 5 * DAY_MS, "2026-11-06", (char *)"fine", scr.id };
			OK(a->ops->clearance_add(a, &cl, &f->err));
			break;
		}
		case 4: {
			struct assess_answer_row aa[1] = { { (char *)"desk-hours", 8 } };
			struct assessment_row as = { 0, "2026-09-01", FROM_MS - 60 * DAY_MS, aa, 1, NULL, 0 };
			OK(a->ops->assessment_add(a, &as, &f->err));
			break;
		}
		case 5: {
			bool any = false;
			OK(a->ops->forget_all(a, &any, &f->err));
			break;
		}
		}
		assert_false(is_kept(f, t1, "k1", cleo, "fresh"));
	}
	/* cid's line stays: the writes were cleo's */
	assert_true(is_kept(f, t1, "k1", cid, "cid's line"));
	/* many lines at once, any text */
	for (int i = 0; i < 40; i++) {
		char name[16];
		snprintf(name, sizeof(name), "more%d", i);
		add_client(f, tess, name);
	}
	v = kept(f, t1, "k2", &n);
	assert_int_equal(n, 42);
	for (size_t i = 0; i < n; i++) {
		free(v[i].text);
		v[i].text = xstrdup(i % 2 ? "a \"quoted\", {braced} \\ line" : "NULL");
	}
	OK(t1->ops->dash_kept_put(t1, "k2", v, n, &f->err));
	for (size_t i = 0; i < n; i++)
		assert_true(is_kept(f, t1, "k2", v[i].id, i % 2 ? "a \"quoted\", {braced} \\ line" : "NULL"));
	store_dash_kept_free(v, n);
	keep(f, t1, "k1", cid, "cid's line");

	/* not for another trainer: tom sees his own client's row only; a line of a client
	 * not his is passed over */
	v = kept(f, t2, "k1", &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, cai);
	assert_null(v[0].text);
	store_dash_kept_free(v, n);
	struct dash_kept put = { cid, NULL, NULL, 0, (char *)"tom's" };
	OK(t2->ops->dash_kept_put(t2, "k1", &put, 1, &f->err));
	assert_true(is_kept(f, t1, "k1", cid, "cid's line"));
	/* refused: a key too long, no text */
	char key[STORE_DASH_KEY_MAX + 2];
	memset(key, 'k', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	put = (struct dash_kept){ cid, NULL, NULL, 0, (char *)"x" };
	assert_int_equal(t1->ops->dash_kept_put(t1, key, &put, 1, &f->err), -1);
	strbuf_reset(&f->err);
	put.text = NULL;
	assert_int_equal(t1->ops->dash_kept_put(t1, "k1", &put, 1, &f->err), -1);
	strbuf_reset(&f->err);
	assert_true(is_kept(f, t1, "k1", cid, "cid's line"));

	/* the link ended: the line goes with it, and none is kept for cid any more */
	end_link(f, c, tess);
	v = kept(f, t1, "k1", &n);
	assert_int_equal(n, 41);
	assert_null(kept_of(v, n, cid));
	assert_non_null(kept_of(v, n, cleo));
	store_dash_kept_free(v, n);
	put = (struct dash_kept){ cid, NULL, NULL, 0, (char *)"after" }; /* passed over */
	OK(t1->ops->dash_kept_put(t1, "k1", &put, 1, &f->err));
	assert_false(is_kept(f, t1, "k1", cid, "after"));

	store_close(a);
	store_close(c);
	store_close(t1);
	store_close(t2);
}

int dash_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dashboard_facts, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_dashboard_facts_none, afx_setup, afx_teardown),
		cmocka_unit_test_setup_teardown(test_dash_kept, afx_setup, afx_teardown),
	};
	return cmocka_run_group_tests_name("store_dashboard", tests, NULL, NULL);
}
