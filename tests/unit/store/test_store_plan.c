/* test_store_plan.c: the store's plan records (schema 3): assessments with answers and
 * factors, exercise feedback, dose decisions, and the upgrade of a schema 2 file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/mem.h"
#include "store/store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-fx.h"

static void test_assessments(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct assess_answer_row ans[] = { { (char *)"desk-hours", 9.5 }, { (char *)"stress", 8 },
					   { (char *)"since", -1 } };
	struct factor_row fac[] = { { (char *)"posture-load", 3, (char *)"Long days." },
				    { (char *)"stress-breathing", 2, (char *)"Stress at 8." } };
	struct assessment_row a = { 0, "2026-03-01", 5000, ans, 3, fac, 2 };
	assert_int_equal(s->ops->assessment_add(s, &a, &f->err), 0);
	assert_true(a.id > 0);
	struct assessment_row b = { 0, "2026-03-15", 6000, ans, 1, fac, 1 };
	assert_int_equal(s->ops->assessment_add(s, &b, &f->err), 0);
	/* a bad strength stores nothing */
	struct factor_row bad[] = { { (char *)"posture-load", 4, (char *)"x" } };
	struct assessment_row c = { 0, "2026-03-16", 7000, ans, 3, bad, 1 };
	assert_int_equal(s->ops->assessment_add(s, &c, &f->err), -1);
	/* a bad date rolls the whole assessment back */
	strbuf_reset(&f->err);
	struct assessment_row d = { 0, "16.3.2026", 7000, ans, 3, fac, 2 };
	assert_int_equal(s->ops->assessment_add(s, &d, &f->err), -1);

	struct assessment_row *rows;
	size_t n;
	assert_int_equal(s->ops->assessments_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].date, "2026-03-01");
	assert_int_equal(rows[0].n_answers, 3);
	assert_string_equal(rows[0].answers[0].question, "desk-hours");
	assert_true(rows[0].answers[0].value == 9.5);
	assert_true(rows[0].answers[2].value == -1);
	assert_int_equal(rows[0].n_factors, 2);
	assert_string_equal(rows[0].factors[1].factor, "stress-breathing");
	assert_int_equal(rows[0].factors[1].strength, 2);
	assert_string_equal(rows[0].factors[1].reason, "Stress at 8.");
	assert_int_equal(rows[1].n_answers, 1);
	assert_int_equal(rows[1].n_factors, 1);
	store_assessments_free(rows, n);
}

static void test_feedback_and_changes(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct feedback_row fb = { 0, "2026-03-02", 1000, 0, (char *)"upper-back-activation", (char *)"v-raise",
				   (char *)"easy", 2, false };
	assert_int_equal(s->ops->feedback_add(s, &fb, &f->err), 0);
	assert_true(fb.id > 0);
	struct feedback_row bad = fb;
	bad.feeling = (char *)"meh";
	assert_int_equal(s->ops->feedback_add(s, &bad, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "'meh' is not easy, right, hard or hurt"));
	bad = fb;
	bad.session_id = 4242; /* no such session */
	assert_int_equal(s->ops->feedback_add(s, &bad, &f->err), -1);

	struct plan_change_row ch = { 0, "2026-03-03", 2000, fb.id, (char *)"upper-back-activation",
				      (char *)"v-raise", (char *)"progress", (char *)"two-good-and-easy",
				      (char *)"v-raise", (char *)"v-raise", 5, 6, 0, 0, false, (char *)"two good" };
	assert_int_equal(s->ops->plan_change_add(s, &ch, &f->err), 0);
	assert_true(ch.id > 0);
	/* the same feedback decided again: the first decision stays */
	struct plan_change_row again = ch;
	again.action = (char *)"regress";
	assert_int_equal(s->ops->plan_change_add(s, &again, &f->err), 0);
	assert_int_equal(again.id, 0);
	/* a change by the user has no feedback */
	struct plan_change_row resume = ch;
	resume.feedback_id = 0;
	resume.action = (char *)"resume";
	resume.at_ms = 3000;
	assert_int_equal(s->ops->plan_change_add(s, &resume, &f->err), 0);
	resume.action = (char *)"jump";
	assert_int_equal(s->ops->plan_change_add(s, &resume, &f->err), -1);

	struct feedback_row *fr;
	struct plan_change_row *cr;
	size_t nf, nc;
	assert_int_equal(s->ops->feedback_list(s, &fr, &nf, &f->err), 0);
	assert_int_equal(nf, 1);
	assert_string_equal(fr[0].feeling, "easy");
	assert_int_equal(fr[0].pain_during, 2);
	assert_int_equal(fr[0].session_id, 0);
	store_feedback_free(fr, nf);
	assert_int_equal(s->ops->plan_changes_list(s, &cr, &nc, &f->err), 0);
	assert_int_equal(nc, 2);
	assert_string_equal(cr[0].action, "progress");
	assert_int_equal(cr[0].to_reps, 6);
	assert_string_equal(cr[0].rule, "two-good-and-easy");
	assert_string_equal(cr[1].action, "resume");
	assert_int_equal(cr[1].feedback_id, 0);
	store_plan_changes_free(cr, nc);
}

/* Feedback tied to a session goes with it. */
static void test_feedback_follows_session(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct session_row r = { 0, (char *)"upper-back-activation", 1000, 0, SESSION_RUNNING, 2, -1,
				 (char *)"content", 0, 0, 0 };
	assert_int_equal(s->ops->session_begin(s, &r, &f->err), 0);
	struct feedback_row fb = { 0, "2026-03-02", 1000, r.id, (char *)"upper-back-activation",
				   (char *)"superman", (char *)"hard", -1, false };
	assert_int_equal(s->ops->feedback_add(s, &fb, &f->err), 0);
	struct feedback_row *fr;
	size_t nf;
	assert_int_equal(s->ops->feedback_list(s, &fr, &nf, &f->err), 0);
	assert_int_equal(nf, 1);
	assert_int_equal(fr[0].session_id, r.id);
	store_feedback_free(fr, nf);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys=ON; DELETE FROM sessions", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(s->ops->feedback_list(s, &fr, &nf, &f->err), 0);
	assert_int_equal(nf, 0);
	store_feedback_free(fr, nf);
}

/* A schema 2 file (made here by taking schema 3's tables away) is upgraded on opening,
 * keeping what it held. */
static void test_upgrade_from_2(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-03-01");
	c.pain = 4;
	assert_int_equal(s->ops->checkin_add(s, &c, &f->err), 0);
	store_close(s);
	f->s = NULL;
	/* schema 2 had exactly these tables (a released migration never changes) */
	static const char *const v2 = "'meta','sessions','sets','exercises','pains','checkins','checkin_regions',"
				      "'screenings','screening_answers','clearances','psfs_activities','psfs_ratings'";
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	for (;;) {
		char sql[512];
		sqlite3_stmt *st;
		snprintf(sql, sizeof(sql), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN (%s)", v2);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			break;
		}
		snprintf(sql, sizeof(sql), "DROP TABLE \"%s\"", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE screening_answers DROP COLUMN locks_neck;"
					  "ALTER TABLE screening_answers DROP COLUMN fact; PRAGMA user_version = 2",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	int orc = store_open(&f->s, f->db, &f->err);
	if (orc)
		fail_msg("%s", strbuf_str(&f->err));
	s = f->s;
	int v = 0;
	assert_int_equal(s->ops->schema_version(s, &v, &f->err), 0);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	struct checkin *rows;
	size_t n;
	assert_int_equal(s->ops->checkins_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 1);
	store_checkins_free(rows, n);
	struct assessment_row *a;
	assert_int_equal(s->ops->assessments_list(s, &a, &n, &f->err), 0);
	assert_int_equal(n, 0);
	store_assessments_free(a, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_assessments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feedback_and_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feedback_follows_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_2, setup, teardown),
	};
	return cmocka_run_group_tests_name("store_plan", tests, NULL, NULL);
}
