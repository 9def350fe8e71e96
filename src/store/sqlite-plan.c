/* sqlite-plan.c: the SQLite backend's plan records: assessments with their answers
 * and factors, exercise feedback, and the dose decisions of the progression rules.
 * Also the release functions for these rows (any backend may use them). */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_date(char *dst, sqlite3_stmt *stmt, int col)
{
	const unsigned char *d = sqlite3_column_text(stmt, col);
	snprintf(dst, 11, "%s", d ? (const char *)d : "");
}

/* ---- release ---- */

void assessment_row_release(struct assessment_row *r)
{
	for (size_t i = 0; i < r->n_answers; i++)
		free(r->answers[i].question);
	for (size_t i = 0; i < r->n_factors; i++) {
		free(r->factors[i].factor);
		free(r->factors[i].reason);
	}
	free(r->answers);
	free(r->factors);
	r->answers = NULL;
	r->factors = NULL;
	r->n_answers = r->n_factors = 0;
}

void store_assessments_free(struct assessment_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assessment_row_release(&rows[i]);
	free(rows);
}

void store_feedback_free(struct feedback_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].routine_id);
		free(rows[i].exercise_id);
		free(rows[i].feeling);
	}
	free(rows);
}

void store_plan_changes_free(struct plan_change_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].routine_id);
		free(rows[i].slot);
		free(rows[i].action);
		free(rows[i].rule);
		free(rows[i].from_exercise);
		free(rows[i].to_exercise);
		free(rows[i].reason);
	}
	free(rows);
}

/* ---- assessments ---- */

int sqlite_assessment_add(struct store *s, struct assessment_row *row, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = "save the assessment";
	if (valid_assessment(row, err))
		return -1;
	if (sq_begin(st, what, err) < 0)
		return -1;
	struct param p[] = { PERSON(s), PTEXT(row->date), PINT(row->at_ms) };
	if (sq_run(st, "INSERT INTO assessments(person_id, date, at_ms) VALUES (?, ?, ?)", p, COUNT(p), what, err) < 0)
		goto undo;
	row->id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < row->n_answers; i++) {
		struct param q[] = { PERSON(s), PINT(row->id), PTEXT(row->answers[i].question),
				     PREAL(row->answers[i].value) };
		if (sq_run(st, "INSERT INTO assessment_answers(person_id, assessment_id, question, value)"
			       " VALUES (?, ?, ?, ?)", q,
			   COUNT(q), what, err) < 0)
			goto undo;
	}
	for (size_t i = 0; i < row->n_factors; i++) {
		const struct factor_row *f = &row->factors[i];
		struct param q[] = { PERSON(s), PINT(row->id), PTEXT(f->factor), PINT(f->strength), PTEXT(f->reason) };
		if (sq_run(st, "INSERT INTO assessment_factors(person_id, assessment_id, factor, strength, reason)"
			       " VALUES (?, ?, ?, ?, ?)", q, COUNT(q), what, err) < 0)
			goto undo;
	}
	if (sq_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	sq_rollback(st);
	return -1;
}

static int assessment_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct assessment_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct assessment_row *a = &v[r->n++];
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(stmt, 0);
	copy_date(a->date, stmt, 1);
	a->at_ms = sqlite3_column_int64(stmt, 2);
	return 0;
}

struct parts {
	struct assessment_row *a;
	size_t alloc;
};

static int answer_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct parts *p = ctx;
	GROW(p->a->answers, p->a->n_answers + 1, p->alloc);
	p->a->answers[p->a->n_answers++] =
		(struct assess_answer_row){ sq_col_str(stmt, 0), sqlite3_column_double(stmt, 1) };
	return 0;
}

static int factor_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct parts *p = ctx;
	GROW(p->a->factors, p->a->n_factors + 1, p->alloc);
	p->a->factors[p->a->n_factors++] =
		(struct factor_row){ sq_col_str(stmt, 0), sqlite3_column_int(stmt, 1), sq_col_str(stmt, 2) };
	return 0;
}

int sqlite_assessments_list(struct store *s, struct assessment_row **rows, size_t *n, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = "list the assessments";
	struct rows r = { 0 };
	struct param me[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(st, "SELECT id, date, at_ms FROM assessments WHERE person_id = ? ORDER BY at_ms, id", me, COUNT(me),
		     assessment_row, &r,
		     what, err) < 0)
		goto fail;
	struct assessment_row *v = r.v;
	for (size_t i = 0; i < r.n; i++) {
		struct param p[] = { PINT(v[i].id) };
		struct parts ans = { &v[i], 0 }, fac = { &v[i], 0 };
		if (sq_query(st, "SELECT question, value FROM assessment_answers WHERE assessment_id = ? ORDER BY rowid", p,
			     COUNT(p), answer_row, &ans, what, err) < 0 ||
		    sq_query(st, "SELECT factor, strength, reason FROM assessment_factors WHERE assessment_id = ?"
				 " ORDER BY rowid", p, COUNT(p), factor_row, &fac, what, err) < 0)
			goto fail;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
fail:
	store_assessments_free(r.v, r.n);
	return -1;
}

/* ---- feedback ---- */

int sqlite_feedback_add(struct store *s, struct feedback_row *row, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (valid_feedback(row, err))
		return -1;
	if (row->session_id && sq_owned(s, "sessions", "session", row->session_id, "save the feedback", err) < 0)
		return -1;
	struct param p[] = { PERSON(s), PTEXT(row->date), PINT(row->at_ms),
			     row->session_id ? PINT(row->session_id) : PNULL,
			     PTEXT(row->routine_id), PTEXT(row->exercise_id), PTEXT(row->feeling),
			     PINT(row->pain_during), PINT(row->warning) };
	if (sq_run(st, "INSERT INTO exercise_feedback(person_id, date, at_ms, session_id, routine_id, exercise_id,"
		       " feeling, pain_during, warning) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p, COUNT(p), "save the feedback",
		   err) < 0)
		return -1;
	row->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int feedback_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct feedback_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct feedback_row *f = &v[r->n++];
	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(stmt, 0);
	copy_date(f->date, stmt, 1);
	f->at_ms = sqlite3_column_int64(stmt, 2);
	f->session_id = sqlite3_column_int64(stmt, 3); /* NULL reads as 0 */
	f->routine_id = sq_col_str(stmt, 4);
	f->exercise_id = sq_col_str(stmt, 5);
	f->feeling = sq_col_str(stmt, 6);
	f->pain_during = sqlite3_column_int(stmt, 7);
	f->warning = sqlite3_column_int(stmt, 8) != 0;
	return 0;
}

int sqlite_feedback_list(struct store *s, struct feedback_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT id, date, at_ms, session_id, routine_id, exercise_id, feeling, pain_during, warning"
			    " FROM exercise_feedback WHERE person_id = ? ORDER BY at_ms, id", p, COUNT(p), feedback_row, &r,
		     "list the exercise feedback", err) < 0) {
		store_feedback_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

/* ---- dose decisions ---- */

int sqlite_plan_change_add(struct store *s, struct plan_change_row *row, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (valid_plan_change(row, err))
		return -1;
	if (row->feedback_id && sq_owned(s, "exercise_feedback", "feedback", row->feedback_id, "save the plan change", err) < 0)
		return -1;
	struct param p[] = {
		PERSON(s), PTEXT(row->date), PINT(row->at_ms), row->feedback_id ? PINT(row->feedback_id) : PNULL,
		PTEXT(row->routine_id), PTEXT(row->slot), PTEXT(row->action), PTEXT(row->rule ? row->rule : ""),
		PTEXT(row->from_exercise), PTEXT(row->to_exercise), PINT(row->from_reps), PINT(row->to_reps),
		PINT(row->from_duration_s), PINT(row->to_duration_s), PINT(row->paused), PTEXT(row->reason),
	};
	if (sq_run(st, "INSERT OR IGNORE INTO plan_changes(person_id, date, at_ms, feedback_id, routine_id, slot, action,"
		       " rule, from_exercise, to_exercise, from_reps, to_reps, from_duration_s, to_duration_s, paused,"
		       " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, COUNT(p), "save the plan change",
		   err) < 0)
		return -1;
	row->id = sqlite3_changes(st->db) ? sqlite3_last_insert_rowid(st->db) : 0;
	return 0;
}

static int change_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct plan_change_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct plan_change_row *c = &v[r->n++];
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(stmt, 0);
	copy_date(c->date, stmt, 1);
	c->at_ms = sqlite3_column_int64(stmt, 2);
	c->feedback_id = sqlite3_column_int64(stmt, 3);
	c->routine_id = sq_col_str(stmt, 4);
	c->slot = sq_col_str(stmt, 5);
	c->action = sq_col_str(stmt, 6);
	c->rule = sq_col_str(stmt, 7);
	c->from_exercise = sq_col_str(stmt, 8);
	c->to_exercise = sq_col_str(stmt, 9);
	c->from_reps = sqlite3_column_int(stmt, 10);
	c->to_reps = sqlite3_column_int(stmt, 11);
	c->from_duration_s = sqlite3_column_int(stmt, 12);
	c->to_duration_s = sqlite3_column_int(stmt, 13);
	c->paused = sqlite3_column_int(stmt, 14) != 0;
	c->reason = sq_col_str(stmt, 15);
	return 0;
}

int sqlite_plan_changes_list(struct store *s, struct plan_change_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT id, date, at_ms, feedback_id, routine_id, slot, action, rule, from_exercise,"
			    " to_exercise, from_reps, to_reps, from_duration_s, to_duration_s, paused, reason"
			    " FROM plan_changes WHERE person_id = ? ORDER BY at_ms, id", p, COUNT(p), change_row, &r, "list the plan changes",
		     err) < 0) {
		store_plan_changes_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}
