/* conformance.c: the store conformance suite. One set of behaviour tests written
 * against the interface of src/store/store.h only (no SQL, no backend's own calls):
 * every operation, ordering, an empty store, idempotent writes, upgrades from each
 * older schema, concurrent writers, and two people's data kept apart.
 *
 * The backend comes from the environment: UNHUNCH_TEST_STORE unset or "sqlite" runs
 * it on SQLite (a new file per test); any other value is a store location (for
 * example postgresql://...), where each test takes two people of its own, never used
 * before, so the tests need no empty database. That is all it takes to run the
 * suite on another backend. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "accounts.h"
#include "core/mem.h"
#include "store/store.h"
#include <pthread.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct fx {
	char dir[64];      /* SQLite: the test's folder ("" otherwise) */
	char *location;    /* the store's location */
	struct store_db *db;
	struct store *p, *q; /* two people on the same database */
	int64_t pid, qid;
	struct strbuf err;
};

static const char *shared_location(void)
{
	const char *v = getenv("UNHUNCH_TEST_STORE");
	return v && *v && strcmp(v, "sqlite") ? v : NULL;
}

/* People of a shared store: new ids for every test of every run. */
static int64_t next_person(void)
{
	static int64_t base, n;
	if (!base)
		base = (int64_t)time(NULL) * 1000 + getpid() % 1000;
	return base * 100 + ++n;
}

static void open_db(struct fx *f)
{
	if (store_db_open(&f->db, f->location, 0, &f->err))
		fail_msg("open %s: %s", f->location, strbuf_str(&f->err));
	if (store_bind(&f->p, f->db, f->pid, &f->err) || store_bind(&f->q, f->db, f->qid, &f->err))
		fail_msg("bind: %s", strbuf_str(&f->err));
}

static void close_db(struct fx *f)
{
	store_close(f->p);
	store_close(f->q);
	store_db_close(f->db);
	f->p = f->q = NULL;
	f->db = NULL;
}

static int setup_bare(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	strbuf_init(&f->err);
	const char *shared = shared_location();
	if (shared) {
		f->location = xstrdup(shared);
		f->pid = next_person();
		f->qid = next_person();
	} else {
		snprintf(f->dir, sizeof(f->dir), "/tmp/unhunch-conf-XXXXXX");
		if (!mkdtemp(f->dir))
			return -1;
		size_t n = strlen(f->dir) + 32;
		f->location = xmalloc(n);
		snprintf(f->location, n, "sqlite:%s/store.db", f->dir);
		f->pid = 1;
		f->qid = 2;
	}
	*state = f;
	return 0;
}

static int setup(void **state)
{
	if (setup_bare(state))
		return -1;
	open_db(*state);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->db && shared_location()) { /* leave the shared store as it was */
		bool wiped;
		f->p->ops->forget_all(f->p, &wiped, NULL);
		f->q->ops->forget_all(f->q, &wiped, NULL);
	}
	close_db(f);
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

#define OK(call)                                                                 \
	do {                                                                     \
		strbuf_reset(&f->err);                                           \
		if ((call) != 0)                                                 \
			fail_msg("%s: %s", #call, strbuf_str(&f->err));         \
	} while (0)
#define REFUSED(call)                                                            \
	do {                                                                     \
		strbuf_reset(&f->err);                                           \
		assert_int_equal((call), -1);                                    \
		assert_true(f->err.len > 0);                                     \
	} while (0)

/* ---- what a person holds, counted through the interface ---- */

struct counts {
	size_t sessions, sets, exercises, pains, checkins, screenings, clearances, activities, ratings,
		assessments, feedback, changes, breaks;
};

static struct counts count_all(struct fx *f, struct store *s)
{
	struct counts c = { 0 };
	struct session_row *ss;
	OK(s->ops->sessions_list(s, &ss, &c.sessions, &f->err));
	for (size_t i = 0; i < c.sessions; i++) {
		struct set_row *sr;
		struct exercise_row *er;
		struct pain_row *pr;
		size_t n;
		OK(s->ops->sets_of(s, ss[i].id, &sr, &n, &f->err));
		c.sets += n;
		store_sets_free(sr, n);
		OK(s->ops->exercises_of(s, ss[i].id, &er, &n, &f->err));
		c.exercises += n;
		store_exercises_free(er, n);
		OK(s->ops->pains_of(s, ss[i].id, &pr, &n, &f->err));
		c.pains += n;
		store_pains_free(pr, n);
	}
	store_sessions_free(ss, c.sessions);
	struct checkin *ci;
	OK(s->ops->checkins_list(s, &ci, &c.checkins, &f->err));
	store_checkins_free(ci, c.checkins);
	struct screening_row *sc;
	OK(s->ops->screenings_list(s, &sc, &c.screenings, &f->err));
	for (size_t i = 0; i < c.screenings; i++)
		screening_row_release(&sc[i]);
	free(sc);
	struct clearance_row *cl;
	OK(s->ops->clearances_list(s, &cl, &c.clearances, &f->err));
	store_clearances_free(cl, c.clearances);
	struct psfs_activity *pa;
	OK(s->ops->psfs_activities(s, &pa, &c.activities, &f->err));
	store_psfs_activities_free(pa, c.activities);
	struct psfs_rating *ra;
	OK(s->ops->psfs_ratings(s, &ra, &c.ratings, &f->err));
	free(ra);
	struct assessment_row *as;
	OK(s->ops->assessments_list(s, &as, &c.assessments, &f->err));
	store_assessments_free(as, c.assessments);
	struct feedback_row *fb;
	OK(s->ops->feedback_list(s, &fb, &c.feedback, &f->err));
	store_feedback_free(fb, c.feedback);
	struct plan_change_row *pc;
	OK(s->ops->plan_changes_list(s, &pc, &c.changes, &f->err));
	store_plan_changes_free(pc, c.changes);
	struct break_row *br;
	OK(s->ops->breaks_since(s, INT64_MIN, &br, &c.breaks, &f->err));
	store_breaks_free(br, c.breaks);
	return c;
}

static size_t total(struct counts c)
{
	return c.sessions + c.sets + c.exercises + c.pains + c.checkins + c.screenings + c.clearances +
	       c.activities + c.ratings + c.assessments + c.feedback + c.changes + c.breaks;
}

/* One record of every kind, so that every list has something: the ids it made. */
struct made {
	int64_t session, screening, activity, feedback;
};

static struct made fill(struct fx *f, struct store *s, int64_t t)
{
	struct made m;
	struct session_row sr = { 0, (char *)"upper-back", t, 0, SESSION_RUNNING, 3, -1, (char *)"content", 0, 0, 0 };
	OK(s->ops->session_begin(s, &sr, &f->err));
	m.session = sr.id;
	struct set_row set = { 0, (char *)"chin-tuck", 1, (char *)"", 5, 5, 3000, t + 1 };
	OK(s->ops->set_add(s, m.session, &set, &f->err));
	struct exercise_row ex = { 0, (char *)"chin-tuck", EX_DONE, 5, 3000, t + 2 };
	OK(s->ops->exercise_add(s, m.session, &ex, &f->err));
	struct pain_row pain = { 0, (char *)"chin-tuck", 2, (char *)"continued", t + 3 };
	OK(s->ops->pain_add(s, m.session, &pain, &f->err));
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-02-01");
	c.at_ms = t;
	c.pain = 4;
	c.region[REG_NECK] = 5;
	OK(s->ops->checkin_add(s, &c, &f->err));
	struct answer_row ans[] = { { (char *)"chest-pressure", true, 4, false, true } };
	struct screening_row scr = { 0, t, 4, false, ans, 1 };
	OK(s->ops->screening_add(s, &scr, &f->err));
	m.screening = scr.id;
	struct clearance_row cl = { 0, t + 5, "2026-02-02", (char *)"Dr Lee: fine", m.screening };
	OK(s->ops->clearance_add(s, &cl, &f->err));
	struct psfs_activity a = { 0, (char *)"lifting", t };
	OK(s->ops->psfs_activity_add(s, &a, &f->err));
	m.activity = a.id;
	struct psfs_rating r = { m.activity, "2026-02-01", 4 };
	OK(s->ops->psfs_rate(s, &r, &f->err));
	struct assess_answer_row aa[] = { { (char *)"desk-hours", 9.5 } };
	struct factor_row fa[] = { { (char *)"posture-load", 3, (char *)"Long days." } };
	struct assessment_row as = { 0, "2026-02-01", t, aa, 1, fa, 1 };
	OK(s->ops->assessment_add(s, &as, &f->err));
	struct feedback_row fb = { 0, "2026-02-01", t, m.session, (char *)"upper-back", (char *)"chin-tuck",
				   (char *)"hard", 3, false };
	OK(s->ops->feedback_add(s, &fb, &f->err));
	m.feedback = fb.id;
	struct plan_change_row pc = { 0, "2026-02-01", t, m.feedback, (char *)"upper-back", (char *)"chin-tuck",
				      (char *)"hold", (char *)"hard-hold", (char *)"chin-tuck", (char *)"chin-tuck",
				      5, 5, 0, 0, false, (char *)"It felt hard." };
	OK(s->ops->plan_change_add(s, &pc, &f->err));
	struct break_row br = { t, BRK_MICRO, BEV_TAKEN, (char *)"chin-tuck", (char *)"" };
	OK(s->ops->break_add(s, &br, &f->err));
	return m;
}

static const struct counts ONE_OF_EACH = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

static void assert_counts(struct counts got, struct counts want)
{
	assert_memory_equal(&got, &want, sizeof(got));
}

/* ---- an empty store ---- */

static void test_empty(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	assert_int_equal(total(count_all(f, s)), 0);
	struct session_row u;
	bool found = true;
	OK(s->ops->session_unfinished(s, &u, &found, &f->err));
	assert_false(found);
	struct screening_row sc;
	found = true;
	OK(s->ops->screening_latest(s, &sc, &found, &f->err));
	assert_false(found);
	int v = 0;
	OK(s->ops->schema_version(s, &v, &f->err));
	assert_true(v > 0);
	bool ok = false;
	OK(s->ops->check(s, &ok, &f->err));
	assert_true(ok);
	/* forgetting an empty store is no error, and leaves it empty */
	bool wiped;
	OK(s->ops->forget_all(s, &wiped, &f->err));
	assert_int_equal(total(count_all(f, s)), 0);
}

/* ---- sessions ---- */

static void test_sessions(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	/* started out of order: listed by start */
	struct session_row late = { 0, (char *)"r-late", 5000, 0, SESSION_RUNNING, 2, -1, (char *)"timed", 0, 0, 0 };
	struct session_row early = { 0, (char *)"r-early", 1000, 0, SESSION_RUNNING, 4, -1, (char *)"content", 0, 0, 0 };
	OK(s->ops->session_begin(s, &late, &f->err));
	OK(s->ops->session_begin(s, &early, &f->err));
	assert_true(late.id > 0 && early.id > 0 && late.id != early.id);

	struct set_row s1 = { 0, (char *)"lift", 1, (char *)"", 8, 8, 3000, 1100 };
	struct set_row s2 = { 0, (char *)"lift", 2, (char *)"", 8, 6, 3100, 1200 };
	struct set_row left = { 1, (char *)"turn", 1, (char *)"left", 5, 5, 900, 1300 };
	struct set_row right = { 1, (char *)"turn", 1, (char *)"right", 5, 5, 950, 1400 };
	OK(s->ops->set_add(s, early.id, &s1, &f->err));
	OK(s->ops->set_add(s, early.id, &s2, &f->err));
	OK(s->ops->set_add(s, early.id, &left, &f->err));
	OK(s->ops->set_add(s, early.id, &right, &f->err));
	/* the same set again (a resumed session) keeps the first */
	struct set_row again = s2;
	again.reps_done = 1;
	OK(s->ops->set_add(s, early.id, &again, &f->err));
	struct exercise_row e0 = { 0, (char *)"lift", EX_DONE, 14, 6100, 1250 };
	struct exercise_row e1 = { 1, (char *)"turn", EX_SKIPPED, 0, 0, 1500 };
	OK(s->ops->exercise_add(s, early.id, &e0, &f->err));
	OK(s->ops->exercise_add(s, early.id, &e1, &f->err));
	struct exercise_row e0again = e0;
	e0again.reps_done = 99;
	OK(s->ops->exercise_add(s, early.id, &e0again, &f->err));
	/* skipped, then gone back to and done: done (a done one never turns skipped) */
	struct exercise_row e2 = { 2, (char *)"bridge", EX_SKIPPED, 0, 0, 1510 };
	OK(s->ops->exercise_add(s, early.id, &e2, &f->err));
	e2.status = EX_DONE;
	e2.reps_done = 10;
	e2.at_ms = 1520;
	OK(s->ops->exercise_add(s, early.id, &e2, &f->err));
	e2.status = EX_SKIPPED;
	e2.reps_done = 0;
	OK(s->ops->exercise_add(s, early.id, &e2, &f->err));
	struct pain_row p1 = { 0, (char *)"lift", 3, (char *)"continued gently", 1150 };
	struct pain_row p2 = { -1, (char *)"", -1, (char *)"stopped: dizzy", 1600 };
	OK(s->ops->pain_add(s, early.id, &p1, &f->err));
	OK(s->ops->pain_add(s, early.id, &p2, &f->err));
	/* bad rows are refused */
	struct set_row bad = { 0, (char *)"lift", 0, (char *)"", 8, 8, 3000, 1 };
	REFUSED(s->ops->set_add(s, early.id, &bad, &f->err));
	REFUSED(s->ops->set_add(s, 987654321, &s1, &f->err));
	struct pain_row badp = { 0, (char *)"lift", 11, (char *)"", 1 };
	REFUSED(s->ops->pain_add(s, early.id, &badp, &f->err));

	struct set_row *sets;
	size_t n;
	OK(s->ops->sets_of(s, early.id, &sets, &n, &f->err));
	assert_int_equal(n, 4); /* in the order recorded */
	assert_int_equal(sets[1].set_no, 2);
	assert_int_equal(sets[1].reps_done, 6);
	assert_string_equal(sets[2].side, "left");
	assert_string_equal(sets[3].side, "right");
	assert_int_equal(sets[3].duration_ms, 950);
	assert_int_equal(sets[0].at_ms, 1100);
	store_sets_free(sets, n);
	struct exercise_row *ex;
	OK(s->ops->exercises_of(s, early.id, &ex, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(ex[0].reps_done, 14);
	assert_int_equal(ex[1].status, EX_SKIPPED);
	assert_int_equal(ex[2].status, EX_DONE);
	assert_int_equal(ex[2].reps_done, 10);
	assert_int_equal(ex[2].at_ms, 1520);
	store_exercises_free(ex, n);
	struct pain_row *pains;
	OK(s->ops->pains_of(s, early.id, &pains, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(pains[0].score, 3);
	assert_string_equal(pains[0].action, "continued gently");
	assert_int_equal(pains[1].score, -1);
	assert_int_equal(pains[1].item, -1);
	store_pains_free(pains, n);

	/* the newest running or quit one can be resumed */
	struct session_row u;
	bool found;
	OK(s->ops->session_unfinished(s, &u, &found, &f->err));
	assert_true(found);
	assert_int_equal(u.id, late.id);
	session_row_release(&u);
	OK(s->ops->session_end(s, late.id, SESSION_FINISHED, 1, 9000, &f->err));
	OK(s->ops->session_end(s, early.id, SESSION_QUIT, -1, 2000, &f->err));
	OK(s->ops->session_unfinished(s, &u, &found, &f->err));
	assert_true(found);
	assert_int_equal(u.id, early.id);
	assert_int_equal(u.status, SESSION_QUIT);
	session_row_release(&u);
	OK(s->ops->session_end(s, early.id, SESSION_STOPPED, -1, 2100, &f->err));
	OK(s->ops->session_unfinished(s, &u, &found, &f->err));
	assert_false(found);
	REFUSED(s->ops->session_end(s, 987654321, SESSION_FINISHED, 1, 1, &f->err));

	struct session_row *rows;
	OK(s->ops->sessions_list(s, &rows, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, early.id);
	assert_string_equal(rows[0].routine_id, "r-early");
	assert_string_equal(rows[0].pacing, "content");
	assert_int_equal(rows[0].status, SESSION_STOPPED);
	assert_int_equal(rows[0].pain_before, 4);
	assert_int_equal(rows[0].exercises_done, 2);
	assert_int_equal(rows[0].exercises_skipped, 1);
	assert_int_equal(rows[0].pain_events, 2);
	assert_int_equal(rows[1].id, late.id);
	assert_int_equal(rows[1].status, SESSION_FINISHED);
	assert_int_equal(rows[1].pain_after, 1);
	assert_int_equal(rows[1].ended_ms, 9000);
	store_sessions_free(rows, n);
	/* taken up again: running, no end */
	OK(s->ops->session_end(s, late.id, SESSION_RUNNING, -1, 0, &f->err));
	OK(s->ops->session_unfinished(s, &u, &found, &f->err));
	assert_true(found);
	assert_int_equal(u.id, late.id);
	assert_int_equal(u.status, SESSION_RUNNING);
	session_row_release(&u);
}

/* ---- check-ins ---- */

static void test_checkins(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	struct checkin a, b, c;
	checkin_init(&a);
	checkin_init(&b);
	checkin_init(&c);
	snprintf(a.date, sizeof(a.date), "2026-03-02");
	a.at_ms = 500;
	a.pain = 4;
	a.desk_hours = 7.25;
	a.massage = 1;
	a.region[REG_NECK] = 5;
	a.region[REG_CHEST] = 0;
	a.note = (char *)"sore, \"very\"\ntired; '); DROP TABLE checkins; --";
	snprintf(b.date, sizeof(b.date), "2026-03-01"); /* a diary entry for the day before */
	b.at_ms = 900;
	b.stress = 6;
	snprintf(c.date, sizeof(c.date), "2026-03-02");
	c.at_ms = 100;
	c.sleep = 3;
	OK(s->ops->checkin_add(s, &a, &f->err));
	OK(s->ops->checkin_add(s, &b, &f->err));
	OK(s->ops->checkin_add(s, &c, &f->err));
	struct checkin bad;
	checkin_init(&bad);
	snprintf(bad.date, sizeof(bad.date), "2026-03-03");
	bad.pain = 11;
	REFUSED(s->ops->checkin_add(s, &bad, &f->err));

	struct checkin *rows;
	size_t n;
	OK(s->ops->checkins_list(s, &rows, &n, &f->err));
	assert_int_equal(n, 3); /* by date, then time */
	assert_int_equal(rows[0].id, b.id);
	assert_int_equal(rows[1].id, c.id);
	assert_int_equal(rows[2].id, a.id);
	assert_int_equal(rows[0].stress, 6);
	assert_int_equal(rows[0].pain, CHECKIN_NONE);
	assert_null(rows[0].note);
	assert_int_equal(rows[2].pain, 4);
	assert_true(rows[2].desk_hours == 7.25);
	assert_int_equal(rows[2].massage, 1);
	assert_int_equal(rows[2].region[REG_NECK], 5);
	assert_int_equal(rows[2].region[REG_CHEST], 0);
	assert_int_equal(rows[2].region[REG_UPPER_BACK], CHECKIN_NONE);
	assert_string_equal(rows[2].note, a.note);
	assert_int_equal(rows[1].desk_hours, CHECKIN_NONE);
	store_checkins_free(rows, n);
}

/* ---- ranged reads: the check-ins of some days, the sessions since a time ---- */

static void add_checkin(struct fx *f, struct store *s, const char *date, int64_t at_ms, int pain, int neck)
{
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "%s", date);
	c.at_ms = at_ms;
	c.pain = pain;
	c.region[REG_NECK] = neck;
	OK(s->ops->checkin_add(s, &c, &f->err));
}

static void test_ranged_reads(void **state)
{
	struct fx *f = *state;
	struct store *p = f->p, *q = f->q;
	struct checkin *rows;
	struct session_row *ss;
	size_t n;
	/* an empty store: nothing in any range */
	OK(p->ops->checkins_between(p, "0000-01-01", "9999-12-31", &rows, &n, &f->err));
	assert_int_equal(n, 0);
	store_checkins_free(rows, n);
	OK(p->ops->sessions_since(p, INT64_MIN, &ss, &n, &f->err));
	assert_int_equal(n, 0);
	store_sessions_free(ss, n);

	/* recorded out of order; q has rows on the same days and times */
	add_checkin(f, p, "2026-03-03", 700, 5, 2);
	add_checkin(f, p, "2026-02-28", 100, 1, -1);
	add_checkin(f, p, "2026-03-01", 900, 2, 4);
	add_checkin(f, p, "2026-03-01", 300, 3, -1);
	add_checkin(f, p, "2026-03-04", 50, 6, -1);
	add_checkin(f, q, "2026-03-01", 300, 9, 9);
	add_checkin(f, q, "2026-03-02", 300, 8, -1);

	/* both ends included, by date then time, the regions with them, p's rows only */
	OK(p->ops->checkins_between(p, "2026-03-01", "2026-03-03", &rows, &n, &f->err));
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].date, "2026-03-01");
	assert_int_equal(rows[0].at_ms, 300);
	assert_int_equal(rows[0].pain, 3);
	assert_int_equal(rows[0].region[REG_NECK], CHECKIN_NONE);
	assert_string_equal(rows[1].date, "2026-03-01");
	assert_int_equal(rows[1].at_ms, 900);
	assert_int_equal(rows[1].region[REG_NECK], 4);
	assert_string_equal(rows[2].date, "2026-03-03");
	assert_int_equal(rows[2].region[REG_NECK], 2);
	store_checkins_free(rows, n);
	/* one day; a day with none; a range wholly before or after the rows */
	OK(p->ops->checkins_between(p, "2026-03-04", "2026-03-04", &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].pain, 6);
	store_checkins_free(rows, n);
	OK(p->ops->checkins_between(p, "2026-03-02", "2026-03-02", &rows, &n, &f->err));
	assert_int_equal(n, 0);
	store_checkins_free(rows, n);
	OK(p->ops->checkins_between(p, "2025-01-01", "2026-02-27", &rows, &n, &f->err));
	assert_int_equal(n, 0);
	store_checkins_free(rows, n);
	/* the whole range is what checkins_list gives */
	struct checkin *all;
	size_t n_all;
	OK(p->ops->checkins_list(p, &all, &n_all, &f->err));
	OK(p->ops->checkins_between(p, "0000-01-01", "9999-12-31", &rows, &n, &f->err));
	assert_int_equal(n, n_all);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rows[i].id, all[i].id);
		assert_int_equal(rows[i].pain, all[i].pain);
		/* each with its own regions (the list reads them apart and matches them by id,
		 * which here do not follow the dates), none of q's */
		for (int r = 0; r < REG__COUNT; r++)
			assert_int_equal(rows[i].region[r], all[i].region[r]);
	}
	assert_int_equal(all[1].region[REG_NECK], CHECKIN_NONE); /* 2026-03-01 300 */
	assert_int_equal(all[2].region[REG_NECK], 4);            /* 2026-03-01 900 */
	assert_int_equal(all[3].region[REG_NECK], 2);            /* 2026-03-03 */
	store_checkins_free(rows, n);
	store_checkins_free(all, n_all);
	OK(q->ops->checkins_between(q, "2026-03-01", "2026-03-02", &rows, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].pain, 9);
	assert_int_equal(rows[0].region[REG_NECK], 9);
	assert_int_equal(rows[1].pain, 8);
	store_checkins_free(rows, n);

	/* sessions: begun out of order, from_ms included, counts filled as sessions_list */
	struct session_row a = { 0, (char *)"r-a", 3000, 0, SESSION_RUNNING, 2, -1, (char *)"content", 0, 0, 0 };
	struct session_row b = { 0, (char *)"r-b", 1000, 0, SESSION_RUNNING, 2, -1, (char *)"content", 0, 0, 0 };
	struct session_row c = { 0, (char *)"r-c", 2000, 0, SESSION_RUNNING, 2, -1, (char *)"content", 0, 0, 0 };
	struct session_row d = { 0, (char *)"r-d", 2000, 0, SESSION_RUNNING, 2, -1, (char *)"content", 0, 0, 0 };
	struct session_row other = { 0, (char *)"r-q", 2500, 0, SESSION_RUNNING, 2, -1, (char *)"content", 0, 0, 0 };
	OK(p->ops->session_begin(p, &a, &f->err));
	OK(p->ops->session_begin(p, &b, &f->err));
	OK(p->ops->session_begin(p, &c, &f->err));
	OK(p->ops->session_begin(p, &d, &f->err));
	OK(q->ops->session_begin(q, &other, &f->err));
	struct exercise_row ex = { 0, (char *)"lift", EX_DONE, 8, 3000, 2100 };
	OK(p->ops->exercise_add(p, c.id, &ex, &f->err));
	struct exercise_row sk = { 1, (char *)"turn", EX_SKIPPED, 0, 0, 2200 };
	OK(p->ops->exercise_add(p, c.id, &sk, &f->err));
	struct pain_row pr = { 0, (char *)"lift", 3, (char *)"continued", 2150 };
	OK(p->ops->pain_add(p, c.id, &pr, &f->err));
	OK(p->ops->session_end(p, c.id, SESSION_FINISHED, 1, 2500, &f->err));
	OK(p->ops->sessions_since(p, 2000, &ss, &n, &f->err));
	assert_int_equal(n, 3); /* c and d (the same start: as begun), then a; not b, not q's */
	assert_int_equal(ss[0].id, c.id);
	assert_int_equal(ss[1].id, d.id);
	assert_int_equal(ss[2].id, a.id);
	assert_string_equal(ss[0].routine_id, "r-c");
	assert_int_equal(ss[0].status, SESSION_FINISHED);
	assert_int_equal(ss[0].ended_ms, 2500);
	assert_int_equal(ss[0].pain_after, 1);
	assert_int_equal(ss[0].exercises_done, 1);
	assert_int_equal(ss[0].exercises_skipped, 1);
	assert_int_equal(ss[0].pain_events, 1);
	assert_int_equal(ss[1].exercises_done, 0);
	store_sessions_free(ss, n);
	OK(p->ops->sessions_since(p, 3001, &ss, &n, &f->err));
	assert_int_equal(n, 0);
	store_sessions_free(ss, n);
	OK(q->ops->sessions_since(q, 0, &ss, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(ss[0].id, other.id);
	store_sessions_free(ss, n);
}

/* ---- screenings and clearances ---- */

static void test_screenings(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	/* each answer keeps what it meant when given: locks_neck, fact */
	struct answer_row a1[] = { { (char *)"numbness", false, 0, true, false },
				   { (char *)"chest-pressure", true, 4, false, true },
				   { (char *)"arm-weakness", true, 2, false, false } };
	struct answer_row a2[] = { { (char *)"numbness", false, 0, true, false } };
	struct screening_row newer = { 0, 2000, 4, false, a1, 3 };
	struct screening_row older = { 0, 1000, 0, true, a2, 1 };
	OK(s->ops->screening_add(s, &newer, &f->err));
	OK(s->ops->screening_add(s, &older, &f->err)); /* recorded later, dated earlier (a wrong clock) */
	struct screening_row bad = { 0, 3000, 5, true, a2, 1 };
	REFUSED(s->ops->screening_add(s, &bad, &f->err));

	/* the latest is the last recorded, whatever its date */
	struct screening_row latest;
	bool found;
	OK(s->ops->screening_latest(s, &latest, &found, &f->err));
	assert_true(found);
	assert_int_equal(latest.id, older.id);
	assert_int_equal(latest.level, 0);
	assert_true(latest.neck_clear);
	assert_int_equal(latest.n_answers, 1);
	assert_true(latest.answers[0].locks_neck);
	screening_row_release(&latest);

	struct screening_row *rows;
	size_t n;
	OK(s->ops->screenings_list(s, &rows, &n, &f->err));
	assert_int_equal(n, 2); /* in the order recorded */
	assert_int_equal(rows[0].id, newer.id);
	assert_false(rows[0].neck_clear);
	assert_int_equal(rows[0].level, 4);
	assert_int_equal(rows[0].at_ms, 2000);
	assert_int_equal(rows[0].n_answers, 3); /* answers in the order given */
	assert_string_equal(rows[0].answers[1].question_id, "chest-pressure");
	assert_true(rows[0].answers[1].yes);
	assert_false(rows[0].answers[1].locks_neck);
	assert_true(rows[0].answers[1].fact);
	assert_int_equal(rows[0].answers[2].level, 2);
	assert_false(rows[0].answers[2].fact);
	assert_int_equal(rows[1].id, older.id);
	assert_true(rows[1].neck_clear);
	assert_int_equal(rows[1].n_answers, 1);
	for (size_t i = 0; i < n; i++)
		screening_row_release(&rows[i]);
	free(rows);

	struct clearance_row c2 = { 0, 4000, "2026-03-04", (char *)"Dr Lee & physio: <fine>", newer.id };
	struct clearance_row c1 = { 0, 3000, "2026-03-03", (char *)"GP", older.id };
	OK(s->ops->clearance_add(s, &c2, &f->err));
	OK(s->ops->clearance_add(s, &c1, &f->err));
	struct clearance_row empty = { 0, 5000, "2026-03-05", (char *)"", newer.id };
	REFUSED(s->ops->clearance_add(s, &empty, &f->err));
	struct clearance_row orphan = { 0, 5000, "2026-03-05", (char *)"x", 987654321 };
	REFUSED(s->ops->clearance_add(s, &orphan, &f->err));
	struct clearance_row *cl;
	OK(s->ops->clearances_list(s, &cl, &n, &f->err));
	assert_int_equal(n, 2); /* oldest first */
	assert_int_equal(cl[0].id, c1.id);
	assert_int_equal(cl[0].screening_id, older.id);
	assert_string_equal(cl[1].note, "Dr Lee & physio: <fine>");
	assert_string_equal(cl[1].date, "2026-03-04");
	assert_int_equal(cl[1].screening_id, newer.id);
	store_clearances_free(cl, n);
}

/* ---- the functional scale ---- */

static void test_psfs(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	struct psfs_activity a = { 0, (char *)"lifting the child", 10 };
	struct psfs_activity b = { 0, (char *)"driving", 20 };
	OK(s->ops->psfs_activity_add(s, &a, &f->err));
	OK(s->ops->psfs_activity_add(s, &b, &f->err));
	struct psfs_activity same = { 0, (char *)"driving", 30 };
	REFUSED(s->ops->psfs_activity_add(s, &same, &f->err));
	struct psfs_rating r1 = { b.id, "2026-03-08", 6 };
	struct psfs_rating r2 = { a.id, "2026-03-01", 3 };
	struct psfs_rating r3 = { b.id, "2026-03-01", 4 };
	OK(s->ops->psfs_rate(s, &r1, &f->err));
	OK(s->ops->psfs_rate(s, &r2, &f->err));
	OK(s->ops->psfs_rate(s, &r3, &f->err));
	struct psfs_rating again = { a.id, "2026-03-01", 5 }; /* the same day: replaced */
	OK(s->ops->psfs_rate(s, &again, &f->err));
	struct psfs_rating bad = { a.id, "2026-03-02", 11 };
	REFUSED(s->ops->psfs_rate(s, &bad, &f->err));
	struct psfs_rating orphan = { 987654321, "2026-03-02", 1 };
	REFUSED(s->ops->psfs_rate(s, &orphan, &f->err));

	struct psfs_activity *acts;
	size_t n;
	OK(s->ops->psfs_activities(s, &acts, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(acts[0].name, "lifting the child");
	assert_int_equal(acts[1].added_ms, 20);
	store_psfs_activities_free(acts, n);
	struct psfs_rating *rows;
	OK(s->ops->psfs_ratings(s, &rows, &n, &f->err));
	assert_int_equal(n, 3); /* by date, then activity */
	assert_string_equal(rows[0].date, "2026-03-01");
	assert_int_equal(rows[0].activity_id, a.id);
	assert_int_equal(rows[0].score, 5);
	assert_int_equal(rows[1].activity_id, b.id);
	assert_int_equal(rows[2].score, 6);
	free(rows);
}

/* ---- the plan ---- */

static void test_plan(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	struct assess_answer_row ans[] = { { (char *)"desk-hours", 9.5 }, { (char *)"since", -1 } };
	struct factor_row fac[] = { { (char *)"posture-load", 3, (char *)"Long days." },
				    { (char *)"stress-breathing", 2, (char *)"Stress at 8." } };
	struct assessment_row later = { 0, "2026-03-15", 6000, ans, 1, fac, 1 };
	struct assessment_row first = { 0, "2026-03-01", 5000, ans, 2, fac, 2 };
	OK(s->ops->assessment_add(s, &later, &f->err));
	OK(s->ops->assessment_add(s, &first, &f->err));
	struct factor_row badf[] = { { (char *)"posture-load", 4, (char *)"x" } };
	struct assessment_row bad = { 0, "2026-03-16", 7000, ans, 2, badf, 1 };
	REFUSED(s->ops->assessment_add(s, &bad, &f->err));
	struct assessment_row baddate = { 0, "16.3.2026", 7000, ans, 2, fac, 2 }; /* all or nothing */
	REFUSED(s->ops->assessment_add(s, &baddate, &f->err));
	struct assessment_row *as;
	size_t n;
	OK(s->ops->assessments_list(s, &as, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(as[0].id, first.id);
	assert_int_equal(as[0].n_answers, 2);
	assert_true(as[0].answers[0].value == 9.5);
	assert_true(as[0].answers[1].value == -1);
	assert_int_equal(as[0].n_factors, 2);
	assert_string_equal(as[0].factors[1].reason, "Stress at 8.");
	assert_int_equal(as[1].n_factors, 1);
	store_assessments_free(as, n);

	struct session_row sr = { 0, (char *)"r", 100, 0, SESSION_RUNNING, 3, -1, (char *)"content", 0, 0, 0 };
	OK(s->ops->session_begin(s, &sr, &f->err));
	struct feedback_row f2 = { 0, "2026-03-02", 300, sr.id, (char *)"r", (char *)"lift", (char *)"hurt", 6, true };
	struct feedback_row f1 = { 0, "2026-03-01", 200, 0, (char *)"r", (char *)"turn", (char *)"easy", -1, false };
	OK(s->ops->feedback_add(s, &f2, &f->err));
	OK(s->ops->feedback_add(s, &f1, &f->err));
	struct feedback_row badfb = { 0, "2026-03-01", 200, 0, (char *)"r", (char *)"turn", (char *)"meh", -1, false };
	REFUSED(s->ops->feedback_add(s, &badfb, &f->err));
	struct feedback_row *fb;
	OK(s->ops->feedback_list(s, &fb, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(fb[0].id, f1.id);
	assert_int_equal(fb[0].session_id, 0);
	assert_int_equal(fb[1].session_id, sr.id);
	assert_string_equal(fb[1].feeling, "hurt");
	assert_int_equal(fb[1].pain_during, 6);
	assert_true(fb[1].warning);
	store_feedback_free(fb, n);

	struct plan_change_row pc = { 0, "2026-03-02", 400, f2.id, (char *)"r", (char *)"lift", (char *)"regress",
				      (char *)"hurt-regress", (char *)"lift", (char *)"lift-short", 8, 5, 0, 30,
				      false, (char *)"It hurt." };
	OK(s->ops->plan_change_add(s, &pc, &f->err));
	assert_true(pc.id > 0);
	struct plan_change_row dup = pc; /* the same feedback judged again: the first stays */
	dup.action = (char *)"progress";
	OK(s->ops->plan_change_add(s, &dup, &f->err));
	assert_int_equal(dup.id, 0);
	struct plan_change_row resume = { 0, "2026-03-03", 350, 0, (char *)"r", (char *)"turn", (char *)"resume",
					  (char *)"", (char *)"turn", (char *)"turn", 5, 5, 0, 0, false, (char *)"Back." };
	OK(s->ops->plan_change_add(s, &resume, &f->err));
	struct plan_change_row badpc = resume;
	badpc.action = (char *)"jump";
	REFUSED(s->ops->plan_change_add(s, &badpc, &f->err));
	struct plan_change_row *ch;
	OK(s->ops->plan_changes_list(s, &ch, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(ch[0].id, resume.id); /* by time */
	assert_int_equal(ch[0].feedback_id, 0);
	assert_string_equal(ch[1].action, "regress");
	assert_string_equal(ch[1].to_exercise, "lift-short");
	assert_int_equal(ch[1].to_duration_s, 30);
	assert_int_equal(ch[1].feedback_id, f2.id);
	store_plan_changes_free(ch, n);
}

/* ---- prescriptions ---- */

static void test_prescriptions(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	struct prescription_row later = { 0, "2026-03-05", 900, 7, (char *)"act", (char *)"lift", (char *)"lift-slow",
					  12, 3, 4, 0, (char *)"Slower, please.", (char *)"12 reps is above the usual range", NULL };
	struct prescription_row first = { 0, "2026-03-04", 800, 7, (char *)"act", (char *)"lift", (char *)"lift", 8, 0,
					  0, 0, (char *)"", (char *)"", NULL };
	OK(s->ops->prescription_add(s, &later, &f->err));
	OK(s->ops->prescription_add(s, &first, &f->err));
	assert_true(later.id > 0 && first.id > 0 && later.id != first.id);
	struct prescription_row bad = first;
	bad.reps = -1;
	REFUSED(s->ops->prescription_add(s, &bad, &f->err));
	bad = first;
	bad.trainer_id = 0;
	REFUSED(s->ops->prescription_add(s, &bad, &f->err));
	bad = first;
	bad.exercise_id = (char *)"";
	REFUSED(s->ops->prescription_add(s, &bad, &f->err));
	struct prescription_row *rx;
	size_t n;
	OK(s->ops->prescriptions_list(s, &rx, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(rx[0].id, first.id); /* by time */
	assert_string_equal(rx[0].date, "2026-03-04");
	assert_string_equal(rx[0].note, "");
	assert_string_equal(rx[1].exercise_id, "lift-slow");
	assert_string_equal(rx[1].slot, "lift");
	assert_string_equal(rx[1].routine_id, "act");
	assert_int_equal(rx[1].trainer_id, 7);
	assert_int_equal(rx[1].at_ms, 900);
	assert_int_equal(rx[1].reps, 12);
	assert_int_equal(rx[1].sets, 3);
	assert_int_equal(rx[1].hold_s, 4);
	assert_int_equal(rx[1].duration_s, 0);
	assert_string_equal(rx[1].note, "Slower, please.");
	assert_string_equal(rx[1].warnings, "12 reps is above the usual range");
	assert_string_equal(rx[1].place, "");
	store_prescriptions_free(rx, n);
	/* a new step: its place kept; a place that is not one, or an added step whose
	 * item is not its exercise, refused */
	struct prescription_row step = { 0, "2026-03-06", 1000, 7, (char *)"act", (char *)"band", (char *)"band", 12,
					 0, 0, 0, (char *)"", (char *)"", (char *)"before:lift" };
	OK(s->ops->prescription_add(s, &step, &f->err));
	bad = step;
	bad.place = (char *)"somewhere";
	REFUSED(s->ops->prescription_add(s, &bad, &f->err));
	bad.place = (char *)"before:";
	REFUSED(s->ops->prescription_add(s, &bad, &f->err));
	bad = step;
	bad.exercise_id = (char *)"lift";
	REFUSED(s->ops->prescription_add(s, &bad, &f->err));
	step.place = (char *)"end";
	step.at_ms = 1100;
	OK(s->ops->prescription_add(s, &step, &f->err));
	OK(s->ops->prescriptions_list(s, &rx, &n, &f->err));
	assert_int_equal(n, 4);
	assert_string_equal(rx[2].place, "before:lift");
	assert_string_equal(rx[2].slot, "band");
	assert_string_equal(rx[3].place, "end");
	store_prescriptions_free(rx, n);
	/* the other person sees none of them; forgetting takes them */
	OK(f->q->ops->prescriptions_list(f->q, &rx, &n, &f->err));
	assert_int_equal(n, 0);
	store_prescriptions_free(rx, n);
	bool wiped = false;
	OK(s->ops->forget_all(s, &wiped, &f->err));
	OK(s->ops->prescriptions_list(s, &rx, &n, &f->err));
	assert_int_equal(n, 0);
	store_prescriptions_free(rx, n);
}

/* ---- breaks ---- */

static void test_breaks(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	struct break_row b3 = { 3000, BRK_MOVE, BEV_SKIPPED, (char *)"", (char *)"in a call" };
	struct break_row b1 = { 1000, BRK_MICRO, BEV_SHOWN, (char *)"chin-tuck", (char *)"" };
	struct break_row b2 = { 2000, BRK_MICRO, BEV_POSTPONED, (char *)"", (char *)"" };
	OK(s->ops->break_add(s, &b3, &f->err));
	OK(s->ops->break_add(s, &b1, &f->err));
	OK(s->ops->break_add(s, &b2, &f->err));
	struct break_row bad = { 1, BRK__COUNT, BEV_SHOWN, (char *)"", (char *)"" };
	REFUSED(s->ops->break_add(s, &bad, &f->err));
	struct break_row *rows;
	size_t n;
	OK(s->ops->breaks_since(s, 2000, &rows, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].at_ms, 2000);
	assert_int_equal(rows[0].event, BEV_POSTPONED);
	assert_int_equal(rows[1].kind, BRK_MOVE);
	assert_string_equal(rows[1].detail, "in a call");
	store_breaks_free(rows, n);
	OK(s->ops->breaks_since(s, 0, &rows, &n, &f->err));
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].exercise_id, "chin-tuck");
	store_breaks_free(rows, n);
}

/* ---- forgetting, batches, the session lock ---- */

static void test_forget(void **state)
{
	struct fx *f = *state;
	fill(f, f->p, 1000);
	fill(f, f->q, 2000);
	bool wiped = false;
	OK(f->p->ops->forget_all(f->p, &wiped, &f->err));
	assert_int_equal(total(count_all(f, f->p)), 0);
	assert_counts(count_all(f, f->q), ONE_OF_EACH); /* the other person's stay */
	/* and the store still works for both */
	fill(f, f->p, 3000);
	assert_counts(count_all(f, f->p), ONE_OF_EACH);
}

static void test_batch(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	/* dropped: nothing of it stays */
	OK(s->ops->batch_begin(s, 0, &f->err));
	fill(f, s, 1000);
	OK(s->ops->batch_end(s, false, &f->err));
	assert_int_equal(total(count_all(f, s)), 0);
	/* kept: all of it */
	OK(s->ops->batch_begin(s, 0, &f->err));
	fill(f, s, 1000);
	REFUSED(s->ops->batch_begin(s, 0, &f->err)); /* batches do not nest */
	OK(s->ops->batch_end(s, true, &f->err));
	assert_counts(count_all(f, s), ONE_OF_EACH);
	/* into an empty store: refused when the person has records... */
	strbuf_reset(&f->err);
	int rc = s->ops->batch_begin(s, STORE_BATCH_INTO_EMPTY, &f->err);
	if (!rc) {
		fill(f, s, 5000);
		rc = s->ops->batch_end(s, true, &f->err);
	}
	assert_int_equal(rc, -1);
	assert_counts(count_all(f, s), ONE_OF_EACH);
	/* ...and kept for a person without any, beside another's records */
	OK(f->q->ops->batch_begin(f->q, STORE_BATCH_INTO_EMPTY, &f->err));
	struct made m = fill(f, f->q, 7000);
	struct set_row more = { 1, (char *)"turn", 1, (char *)"left", 5, 5, 900, 7100 };
	OK(f->q->ops->set_add(f->q, m.session, &more, &f->err)); /* ids made inside the batch work */
	OK(f->q->ops->batch_end(f->q, true, &f->err));
	struct counts want = ONE_OF_EACH;
	want.sets = 2;
	assert_counts(count_all(f, f->q), want);
	assert_counts(count_all(f, s), ONE_OF_EACH);
}

/* The dates of the person's check-ins, oldest first, joined by spaces. */
static void checkin_dates(struct fx *f, struct store *s, char *out, size_t size)
{
	struct checkin *v = NULL;
	size_t n = 0;
	OK(s->ops->checkins_list(s, &v, &n, &f->err));
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "", v[i].date);
	store_checkins_free(v, n);
}

/* Parts of a batch (group commit: many requests' writes in one transaction): a part
 * undone takes only its own writes with it, nested parts too, and the batch keeps the
 * rest; the parts are kept only with the batch. */
static void test_batch_parts(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	char dates[256];
	REFUSED(s->ops->part_begin(s, &f->err)); /* only inside a batch */
	REFUSED(s->ops->part_end(s, true, &f->err));
	OK(s->ops->batch_begin(s, 0, &f->err));
	OK(s->ops->part_begin(s, &f->err));
	add_checkin(f, s, "2026-01-01", 1000, 3, 2); /* kept */
	OK(s->ops->part_end(s, true, &f->err));
	OK(s->ops->part_begin(s, &f->err));
	add_checkin(f, s, "2026-01-02", 2000, 3, 2); /* undone alone */
	OK(s->ops->part_end(s, false, &f->err));
	OK(s->ops->part_begin(s, &f->err));
	add_checkin(f, s, "2026-01-03", 3000, 3, 2); /* kept, with a part inside it undone */
	OK(s->ops->part_begin(s, &f->err));
	add_checkin(f, s, "2026-01-04", 4000, 3, 2);
	OK(s->ops->part_end(s, false, &f->err));
	OK(s->ops->part_end(s, true, &f->err));
	/* a part whose write was refused is undone; the batch goes on */
	OK(s->ops->part_begin(s, &f->err));
	add_checkin(f, s, "2026-01-05", 5000, 3, 2);
	struct checkin bad;
	checkin_init(&bad);
	snprintf(bad.date, sizeof(bad.date), "2026-01-05");
	bad.pain = 11;
	REFUSED(s->ops->checkin_add(s, &bad, &f->err));
	OK(s->ops->part_end(s, false, &f->err));
	OK(s->ops->part_begin(s, &f->err));
	add_checkin(f, s, "2026-01-06", 6000, 3, 2);
	OK(s->ops->part_end(s, true, &f->err));
	REFUSED(s->ops->part_end(s, true, &f->err)); /* none open */
	checkin_dates(f, s, dates, sizeof(dates)); /* the batch reads its own writes */
	assert_string_equal(dates, "2026-01-01 2026-01-03 2026-01-06");
	OK(s->ops->batch_end(s, true, &f->err));
	checkin_dates(f, s, dates, sizeof(dates));
	assert_string_equal(dates, "2026-01-01 2026-01-03 2026-01-06");
	/* a batch dropped drops its parts kept */
	OK(s->ops->batch_begin(s, 0, &f->err));
	OK(s->ops->part_begin(s, &f->err));
	add_checkin(f, s, "2026-01-07", 7000, 3, 2);
	OK(s->ops->part_end(s, true, &f->err));
	OK(s->ops->batch_end(s, false, &f->err));
	/* a part left open ends with its batch */
	OK(s->ops->batch_begin(s, 0, &f->err));
	OK(s->ops->part_begin(s, &f->err));
	add_checkin(f, s, "2026-01-08", 8000, 3, 2);
	OK(s->ops->batch_end(s, true, &f->err));
	REFUSED(s->ops->part_begin(s, &f->err));
	checkin_dates(f, s, dates, sizeof(dates));
	assert_string_equal(dates, "2026-01-01 2026-01-03 2026-01-06 2026-01-08");
	/* not in a batch into an empty store */
	OK(f->q->ops->batch_begin(f->q, STORE_BATCH_INTO_EMPTY, &f->err));
	REFUSED(f->q->ops->part_begin(f->q, &f->err));
	OK(f->q->ops->batch_end(f->q, false, &f->err));
}

/* A batch into an empty store is not kept when the person's first record came in
 * meanwhile, from another connection (another program, another server). */
static void test_batch_into_emptied(void **state)
{
	struct fx *f = *state;
	struct store *s = f->p;
	OK(s->ops->batch_begin(s, STORE_BATCH_INTO_EMPTY, &f->err));
	fill(f, s, 1000);
	struct store_db *db2;
	struct store *other;
	OK(store_db_open(&db2, f->location, 0, &f->err));
	OK(store_bind(&other, db2, f->pid, &f->err));
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-05-01");
	c.at_ms = 9;
	c.pain = 2;
	OK(other->ops->checkin_add(other, &c, &f->err));
	REFUSED(s->ops->batch_end(s, true, &f->err));
	struct counts want = { 0 };
	want.checkins = 1;
	assert_counts(count_all(f, s), want); /* the check-in made meanwhile, none of the batch */
	assert_counts(count_all(f, other), want);
	store_close(other);
	store_db_close(db2);
}

static bool alive_if_listed(const char *id, void *ctx)
{
	return strstr((const char *)ctx, id) != NULL;
}

static void test_session_lock(void **state)
{
	struct fx *f = *state;
	char live[64] = "run-a run-b";
	struct store_holder a = { "run-a", alive_if_listed, live };
	struct store_holder b = { "run-b", alive_if_listed, live };
	char *held = NULL;
	strbuf_reset(&f->err);
	assert_int_equal(f->p->ops->session_lock(f->p, &a, 1000, &held, &f->err), 0);
	assert_int_equal(f->p->ops->session_lock(f->p, &a, 1001, &held, &f->err), 0); /* again: still ours */
	assert_int_equal(f->p->ops->session_lock(f->p, &b, 1002, &held, &f->err), 1);
	assert_string_equal(held, "run-a");
	free(held);
	held = NULL;
	/* one lock per person: the other person's session is not held up */
	assert_int_equal(f->q->ops->session_lock(f->q, &b, 1003, &held, &f->err), 0);
	/* run-a ended without giving it back: taken over */
	snprintf(live, sizeof(live), "run-b");
	assert_int_equal(f->p->ops->session_lock(f->p, &b, 1004, &held, &f->err), 0);
	OK(f->p->ops->session_unlock(f->p, "run-b", &f->err));
	snprintf(live, sizeof(live), "run-a run-b");
	assert_int_equal(f->p->ops->session_lock(f->p, &a, 1005, &held, &f->err), 0);
	/* q's lock is still run-b's */
	struct store_holder c = { "run-c", alive_if_listed, live };
	assert_int_equal(f->q->ops->session_lock(f->q, &c, 1006, &held, &f->err), 1);
	assert_string_equal(held, "run-b");
	free(held);
}

/* ---- two people ---- */

static void test_people_apart(void **state)
{
	struct fx *f = *state;
	struct made m = fill(f, f->p, 1000);
	assert_counts(count_all(f, f->p), ONE_OF_EACH);
	assert_int_equal(total(count_all(f, f->q)), 0); /* q sees none of p's records */
	struct store *q = f->q;
	struct session_row u;
	bool found = true;
	struct session_row run = { 0, (char *)"r", 100, 0, SESSION_RUNNING, 3, -1, (char *)"content", 0, 0, 0 };
	OK(f->p->ops->session_begin(f->p, &run, &f->err));
	OK(q->ops->session_unfinished(q, &u, &found, &f->err));
	assert_false(found);
	struct screening_row sc;
	OK(q->ops->screening_latest(q, &sc, &found, &f->err));
	assert_false(found);
	/* nor can q write into p's records by their ids */
	struct set_row set = { 5, (char *)"x", 1, (char *)"", 1, 1, 1, 1 };
	REFUSED(q->ops->set_add(q, m.session, &set, &f->err));
	struct exercise_row ex = { 5, (char *)"x", EX_DONE, 1, 1, 1 };
	REFUSED(q->ops->exercise_add(q, m.session, &ex, &f->err));
	struct pain_row pain = { 5, (char *)"x", 9, (char *)"", 1 };
	REFUSED(q->ops->pain_add(q, m.session, &pain, &f->err));
	REFUSED(q->ops->session_end(q, m.session, SESSION_STOPPED, 9, 5, &f->err));
	struct clearance_row cl = { 0, 1, "2026-01-01", (char *)"forged", m.screening };
	REFUSED(q->ops->clearance_add(q, &cl, &f->err));
	struct psfs_rating r = { m.activity, "2026-01-09", 0 };
	REFUSED(q->ops->psfs_rate(q, &r, &f->err));
	struct feedback_row fb = { 0, "2026-01-01", 1, m.session, (char *)"r", (char *)"x", (char *)"hurt", 9, true };
	REFUSED(q->ops->feedback_add(q, &fb, &f->err));
	struct plan_change_row pc = { 0, "2026-01-01", 1, m.feedback, (char *)"r", (char *)"x", (char *)"pause",
				      (char *)"", (char *)"x", (char *)"x", 1, 1, 0, 0, true, (char *)"forged" };
	REFUSED(q->ops->plan_change_add(q, &pc, &f->err));
	/* q may use the same names as p */
	struct psfs_activity a = { 0, (char *)"lifting", 1 };
	OK(q->ops->psfs_activity_add(q, &a, &f->err));
	/* p's records are as they were */
	struct counts want = ONE_OF_EACH;
	want.sessions = 2;
	assert_counts(count_all(f, f->p), want);
	struct session_row *rows;
	size_t n;
	OK(f->p->ops->sessions_list(f->p, &rows, &n, &f->err));
	assert_int_equal(rows[1].status, SESSION_RUNNING);
	assert_int_equal(rows[1].pain_after, -1);
	store_sessions_free(rows, n);
}

/* A handle is bound to one person: 0 or less is refused. */
static void test_bind(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	REFUSED(store_bind(&s, f->db, 0, &f->err));
	assert_null(s);
	REFUSED(store_bind(&s, f->db, -3, &f->err));
	struct store_db *other = NULL;
	REFUSED(store_db_open(&other, "nosuch://x", 0, &f->err)); /* an unknown kind of store */
	assert_null(other);
}

/* ---- concurrent writers ---- */

#define WRITERS 4
#define WRITES 40

struct writer {
	const char *location;
	int64_t person;
	int failures;
	char msg[256];
};

static void *write_many(void *arg)
{
	struct writer *w = arg;
	struct strbuf err = STRBUF_INIT;
	struct store_db *db;
	struct store *s;
	if (store_db_open(&db, w->location, 0, &err) || store_bind(&s, db, w->person, &err)) {
		snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
		w->failures = WRITES;
		strbuf_release(&err);
		return NULL;
	}
	for (int i = 0; i < WRITES; i++) {
		struct checkin c;
		checkin_init(&c);
		snprintf(c.date, sizeof(c.date), "2026-04-%02d", 1 + i % 28);
		c.at_ms = i;
		c.pain = i % 11;
		c.region[REG_NECK] = i % 11;
		strbuf_reset(&err);
		if (s->ops->checkin_add(s, &c, &err)) {
			w->failures++;
			snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
		}
	}
	store_close(s);
	store_db_close(db);
	strbuf_release(&err);
	return NULL;
}

static void test_concurrent_writers(void **state)
{
	struct fx *f = *state;
	/* the first open made and upgraded the store; now writers of two people at once */
	pthread_t t[WRITERS];
	struct writer w[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		w[i] = (struct writer){ f->location, i % 2 ? f->qid : f->pid, 0, "" };
		assert_int_equal(pthread_create(&t[i], NULL, write_many, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		if (w[i].failures)
			fail_msg("writer %d: %d failed: %s", i, w[i].failures, w[i].msg);
	}
	struct checkin *rows;
	size_t n;
	OK(f->p->ops->checkins_list(f->p, &rows, &n, &f->err));
	assert_int_equal(n, WRITERS / 2 * WRITES);
	for (size_t i = 0; i < n; i++) /* every check-in whole, with its region */
		assert_int_equal(rows[i].region[REG_NECK], rows[i].pain);
	store_checkins_free(rows, n);
	OK(f->q->ops->checkins_list(f->q, &rows, &n, &f->err));
	assert_int_equal(n, WRITERS / 2 * WRITES);
	store_checkins_free(rows, n);
}

/* ---- the data version: answers kept while nothing changed (the server's Today) ---- */

static uint64_t version_of(struct fx *f, struct store *s)
{
	uint64_t v = 0;
	OK(s->ops->data_version(s, &v, &f->err));
	return v;
}

static void one_checkin(struct fx *f, struct store *s, const char *date)
{
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "%s", date);
	c.pain = 3;
	OK(s->ops->checkin_add(s, &c, &f->err));
}

static void test_data_version(void **state)
{
	struct fx *f = *state;
	if (!f->p->ops->data_version)
		skip(); /* the backend keeps nothing: every answer is worked out again */
	uint64_t v0 = version_of(f, f->p);
	struct checkin *rows;
	size_t n;
	OK(f->p->ops->checkins_list(f->p, &rows, &n, &f->err)); /* reading changes nothing */
	store_checkins_free(rows, n);
	assert_true(version_of(f, f->p) == v0);
	one_checkin(f, f->p, "2026-03-01"); /* a change by this handle */
	uint64_t v1 = version_of(f, f->p);
	assert_true(v1 > v0);
	/* a change by another connection: the terminal beside the server */
	struct store_db *db;
	struct store *other;
	OK(store_db_open(&db, f->location, 0, &f->err));
	OK(store_bind(&other, db, f->pid, &f->err));
	one_checkin(f, other, "2026-03-02");
	store_close(other);
	store_db_close(db);
	uint64_t v2 = version_of(f, f->p);
	assert_true(v2 > v1);
	assert_true(version_of(f, f->p) == v2);
}

/* ---- one check-in a day: the look and the write together ---- */

static void test_checkin_once(void **state)
{
	struct fx *f = *state;
	struct store *p = f->p, *q = f->q;
	struct checkin a, b, *day = NULL;
	size_t n = 0;
	checkin_init(&a);
	snprintf(a.date, sizeof(a.date), "2026-05-04");
	a.at_ms = 100;
	a.pain = 3;
	a.region[REG_NECK] = 2;
	a.note = (char *)"first";
	strbuf_reset(&f->err);
	assert_int_equal(p->ops->checkin_add_once(p, &a, &day, &n, &f->err), 0);
	assert_true(a.id > 0);
	assert_null(day);
	b = a;
	b.id = 0;
	b.at_ms = 200;
	b.pain = 6;
	b.note = NULL;
	assert_int_equal(p->ops->checkin_add_once(p, &b, &day, &n, &f->err), 1); /* the day has one */
	assert_int_equal(b.id, 0);
	assert_int_equal(n, 1);
	assert_int_equal(day[0].id, a.id);
	assert_int_equal(day[0].pain, 3);
	assert_int_equal(day[0].region[REG_NECK], 2);
	assert_string_equal(day[0].note, "first");
	store_checkins_free(day, n);
	/* another day of the same person, and the same day of another person, are free */
	snprintf(b.date, sizeof(b.date), "2026-05-05");
	assert_int_equal(p->ops->checkin_add_once(p, &b, &day, &n, &f->err), 0);
	b.id = 0;
	snprintf(b.date, sizeof(b.date), "2026-05-04");
	assert_int_equal(q->ops->checkin_add_once(q, &b, &day, &n, &f->err), 0);
	/* a day with more than one (the terminal keeps every check-in): all of them, by time */
	OK(p->ops->checkin_add(p, &b, &f->err));
	assert_int_equal(p->ops->checkin_add_once(p, &a, &day, &n, &f->err), 1);
	assert_int_equal(n, 2);
	assert_true(day[0].at_ms <= day[1].at_ms);
	store_checkins_free(day, n);
	/* a bad value is refused, nothing stored */
	struct checkin bad = a;
	snprintf(bad.date, sizeof(bad.date), "2026-05-09");
	bad.pain = 11;
	REFUSED(p->ops->checkin_add_once(p, &bad, &day, &n, &f->err));
	struct checkin *rows;
	OK(p->ops->checkins_list(p, &rows, &n, &f->err));
	assert_int_equal(n, 3);
	store_checkins_free(rows, n);
}

#define RACE_DAYS 12

struct racer {
	const char *location;
	int64_t person;
	int pain;
	int added[RACE_DAYS]; /* 1 added, 0 the day was taken, -1 failed */
	char msg[256];
};

static void *race_days(void *arg)
{
	struct racer *w = arg;
	struct strbuf err = STRBUF_INIT;
	struct store_db *db;
	struct store *s;
	if (store_db_open(&db, w->location, 0, &err) || store_bind(&s, db, w->person, &err)) {
		snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
		for (int d = 0; d < RACE_DAYS; d++)
			w->added[d] = -1;
		strbuf_release(&err);
		return NULL;
	}
	for (int d = 0; d < RACE_DAYS; d++) {
		struct checkin c, *day = NULL;
		size_t n = 0;
		checkin_init(&c);
		snprintf(c.date, sizeof(c.date), "2026-06-%02d", d + 1);
		c.at_ms = d;
		c.pain = w->pain;
		c.region[REG_NECK] = w->pain;
		strbuf_reset(&err);
		int rc = s->ops->checkin_add_once(s, &c, &day, &n, &err);
		w->added[d] = rc == 0 ? 1 : rc == 1 ? 0 : -1;
		if (rc < 0)
			snprintf(w->msg, sizeof(w->msg), "%s", strbuf_str(&err));
		store_checkins_free(day, n);
	}
	store_close(s);
	store_db_close(db);
	strbuf_release(&err);
	return NULL;
}

/* Writers on connections of their own add the same person's days at once: each day
 * gets exactly one check-in, whole, and exactly one writer is told it added it. */
static void test_checkin_once_race(void **state)
{
	struct fx *f = *state;
	pthread_t t[WRITERS];
	struct racer w[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		w[i] = (struct racer){ f->location, f->pid, i + 1, { 0 }, "" };
		assert_int_equal(pthread_create(&t[i], NULL, race_days, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	struct checkin *rows;
	size_t n;
	OK(f->p->ops->checkins_list(f->p, &rows, &n, &f->err));
	assert_int_equal(n, RACE_DAYS);
	for (int d = 0; d < RACE_DAYS; d++) {
		int added = 0, by = -1;
		for (int i = 0; i < WRITERS; i++) {
			if (w[i].added[d] < 0)
				fail_msg("writer %d, day %d: %s", i, d + 1, w[i].msg);
			if (w[i].added[d] == 1) {
				added++;
				by = i;
			}
		}
		assert_int_equal(added, 1);
		assert_int_equal(rows[d].pain, w[by].pain); /* the writer told it added the day's */
		assert_int_equal(rows[d].region[REG_NECK], rows[d].pain);
	}
	store_checkins_free(rows, n);
}

/* ---- the web player's uploads: idempotency keys and web sessions ---- */

static void test_web_uploads(void **state)
{
	struct fx *f = *state;
	struct store *p = f->p, *q = f->q;
	struct idem_row got;
	bool found = true;
	OK(p->ops->idem_get(p, "k-1", &got, &found, &f->err));
	assert_false(found);
	struct idem_row first = { (char *)"k-1", (char *)"hash-a", 201, (char *)"{\"saved\":true}", 5000 };
	struct idem_row again = { (char *)"k-1", (char *)"hash-b", 409, (char *)"{}", 6000 };
	assert_int_equal(p->ops->idem_put(p, &first, &f->err), 0);
	/* a key is kept once: the second put writes nothing and the first answer stays */
	assert_int_equal(p->ops->idem_put(p, &again, &f->err), 1);
	OK(p->ops->idem_get(p, "k-1", &got, &found, &f->err));
	assert_true(found);
	assert_string_equal(got.key, "k-1");
	assert_string_equal(got.request_hash, "hash-a");
	assert_int_equal(got.status, 201);
	assert_string_equal(got.answer, "{\"saved\":true}");
	assert_int_equal(got.at_ms, 5000);
	idem_row_release(&got);
	/* another person's keys are apart: not seen, and the same key is theirs to keep */
	OK(q->ops->idem_get(q, "k-1", &got, &found, &f->err));
	assert_false(found);
	assert_int_equal(q->ops->idem_put(q, &again, &f->err), 0);
	OK(p->ops->idem_get(p, "k-1", &got, &found, &f->err));
	assert_string_equal(got.request_hash, "hash-a");
	idem_row_release(&got);
	struct idem_row bad = { (char *)"no spaces", (char *)"h", 200, (char *)"", 1 };
	REFUSED(p->ops->idem_put(p, &bad, &f->err));
	bad.key = (char *)"k-2";
	bad.status = 42;
	REFUSED(p->ops->idem_put(p, &bad, &f->err));
	/* a key put in a batch that is not kept is not kept either */
	struct idem_row later = { (char *)"k-3", (char *)"h", 201, (char *)"{}", 7000 };
	OK(p->ops->batch_begin(p, 0, &f->err));
	assert_int_equal(p->ops->idem_put(p, &later, &f->err), 0);
	OK(p->ops->batch_end(p, false, &f->err));
	OK(p->ops->idem_get(p, "k-3", &got, &found, &f->err));
	assert_false(found);

	/* web sessions: the session made for the page's session id, found again by it */
	struct session_row row = { 0, (char *)"r-web", 1000, 0, SESSION_RUNNING, 2, -1, (char *)"content", 0, 0, 0 };
	OK(p->ops->session_begin(p, &row, &f->err));
	int64_t id = -1;
	OK(p->ops->web_session_find(p, "web-0001", &id, &f->err));
	assert_int_equal(id, 0);
	assert_int_equal(p->ops->web_session_add(p, row.id, "web-0001", "pass-0001", &f->err), 0);
	OK(p->ops->web_session_find(p, "web-0001", &id, &f->err));
	assert_int_equal(id, row.id);
	/* and known for one: the web player's session, not the terminal's */
	bool web = false;
	OK(p->ops->web_session_of(p, row.id, &web, &f->err));
	assert_true(web);
	/* once per web session: a second session for it is not recorded */
	struct session_row other = row;
	other.id = 0;
	OK(p->ops->session_begin(p, &other, &f->err));
	assert_int_equal(p->ops->web_session_add(p, other.id, "web-0001", "pass-0002", &f->err), 1);
	OK(p->ops->web_session_find(p, "web-0001", &id, &f->err));
	assert_int_equal(id, row.id);
	OK(p->ops->web_session_of(p, other.id, &web, &f->err));
	assert_false(web); /* a session of its own, not the web player's */
	REFUSED(p->ops->web_session_add(p, other.id, "short", "pass-0003", &f->err));
	REFUSED(p->ops->web_session_add(p, other.id, "web-0003", "short", &f->err));
	/* another person neither sees the pass nor ties a pass to this person's session */
	OK(q->ops->web_session_find(q, "web-0001", &id, &f->err));
	assert_int_equal(id, 0);
	OK(q->ops->web_session_of(q, row.id, &web, &f->err));
	assert_false(web);
	REFUSED(q->ops->web_session_add(q, row.id, "web-0002", "pass-0002", &f->err));
	/* forgetting takes both away */
	bool wiped = false;
	OK(p->ops->forget_all(p, &wiped, &f->err));
	OK(p->ops->idem_get(p, "k-1", &got, &found, &f->err));
	assert_false(found);
	OK(p->ops->web_session_find(p, "web-0001", &id, &f->err));
	assert_int_equal(id, 0);
	OK(q->ops->idem_get(q, "k-1", &got, &found, &f->err));
	assert_true(found);
	idem_row_release(&got);
}

/* ---- upgrades ---- */

static void upgrade_from(struct fx *f, int version)
{
	close_db(f);
	if (*f->dir) {
		char path[128];
		snprintf(path, sizeof(path), "%s/store.db", f->dir);
		unlink(path);
	}
	strbuf_reset(&f->err);
	if (store_make_old(f->location, version, &f->err))
		fail_msg("make schema %d: %s", version, strbuf_str(&f->err));
	open_db(f);
	int v = 0;
	OK(f->p->ops->schema_version(f->p, &v, &f->err));
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	bool ok = false;
	OK(f->p->ops->check(f->p, &ok, &f->err));
	assert_true(ok);
	/* an upgraded store holds and keeps apart everything a new one does */
	assert_int_equal(total(count_all(f, f->p)), 0);
	fill(f, f->p, 1000);
	fill(f, f->q, 2000);
	assert_counts(count_all(f, f->p), ONE_OF_EACH);
	assert_counts(count_all(f, f->q), ONE_OF_EACH);
}

static void test_upgrade_each(void **state)
{
	struct fx *f = *state;
	if (shared_location())
		skip(); /* a shared store is not ours to make old */
	for (int v = 1; v < STORE_SCHEMA_VERSION; v++)
		upgrade_from(f, v);
}

/* ---- reopening ---- */

static void test_reopen(void **state)
{
	struct fx *f = *state;
	fill(f, f->p, 1000);
	close_db(f);
	open_db(f);
	assert_counts(count_all(f, f->p), ONE_OF_EACH);
	assert_int_equal(total(count_all(f, f->q)), 0);
	/* the one-person way in sees the same records when bound to that person */
	if (!shared_location() && f->pid == STORE_LOCAL_PERSON) {
		struct store *s;
		OK(store_open_readonly(&s, f->location, &f->err));
		assert_counts(count_all(f, s), ONE_OF_EACH);
		store_close(s);
	}
}

int main(void)
{
	/* numbers the way the environment's locale has them, as the program does (main.c):
	 * under a German locale (make check-locale) a backend must still store 7.25 */
	setlocale(LC_NUMERIC, "");
	const char *shared = shared_location();
	printf("# store conformance on %s\n", shared ? shared : "sqlite (a new file per test)");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranged_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkin_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkin_once_race, setup, teardown),
		cmocka_unit_test_setup_teardown(test_screenings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_psfs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prescriptions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_web_uploads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_into_emptied, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_parts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_each, setup, teardown),
	};
	int failed = cmocka_run_group_tests_name("store_conformance", tests, NULL, NULL);
	return failed + account_conformance() + login_conformance() + custody_conformance() + dash_conformance() +
	       acting_conformance() + totp_conformance() + tables_conformance();
}
