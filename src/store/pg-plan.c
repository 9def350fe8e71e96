/* pg-plan.c: the PostgreSQL backend's plan records (assessments with their answers and
 * factors, exercise feedback, the dose decisions) and the break coach's log. */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int index_of(const char *const *set, const char *s)
{
	for (int i = 0; s && set[i]; i++)
		if (!strcmp(s, set[i]))
			return i;
	return -1;
}

/* ---- assessments ---- */

int pg_assessment_add(struct store *s, struct assessment_row *row, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "save the assessment";
	if (valid_assessment(row, err))
		return -1;
	if (pg_begin(st, what, err) < 0)
		return -1;
	struct param p[] = { PERSON(s), PTEXT(row->date), PINT(row->at_ms) };
	if (pg_insert(st, "INSERT INTO assessments(person_id, date, at_ms) VALUES ($1, $2, $3) RETURNING id",
		      p, COUNT(p), &row->id, what, err) < 0)
		goto undo;
	for (size_t i = 0; i < row->n_answers; i++) {
		struct param q[] = { PERSON(s), PINT(row->id), PTEXT(row->answers[i].question),
				     PREAL(row->answers[i].value) };
		if (pg_run(st, "INSERT INTO assessment_answers(person_id, assessment_id, question, value)"
			       " VALUES ($1, $2, $3, $4)", q, COUNT(q), what, err) < 0)
			goto undo;
	}
	for (size_t i = 0; i < row->n_factors; i++) {
		const struct factor_row *f = &row->factors[i];
		struct param q[] = { PERSON(s), PINT(row->id), PTEXT(f->factor), PINT(f->strength), PTEXT(f->reason) };
		if (pg_run(st, "INSERT INTO assessment_factors(person_id, assessment_id, factor, strength, reason)"
			       " VALUES ($1, $2, $3, $4, $5)", q, COUNT(q), what, err) < 0)
			goto undo;
	}
	if (pg_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	pg_rollback(st);
	row->id = 0;
	return -1;
}

static int assessment_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct assessment_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct assessment_row *a = &v[r->n++];
	memset(a, 0, sizeof(*a));
	a->id = pg_int(res, i, 0);
	pg_date(a->date, res, i, 1);
	a->at_ms = pg_int(res, i, 2);
	return 0;
}

struct parts {
	struct assessment_row *a;
	size_t alloc;
};

static int answer_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct parts *p = ctx;
	GROW(p->a->answers, p->a->n_answers + 1, p->alloc);
	p->a->answers[p->a->n_answers++] = (struct assess_answer_row){ pg_str(res, i, 0), pg_real(res, i, 1) };
	return 0;
}

static int factor_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct parts *p = ctx;
	GROW(p->a->factors, p->a->n_factors + 1, p->alloc);
	p->a->factors[p->a->n_factors++] =
		(struct factor_row){ pg_str(res, i, 0), (int)pg_int(res, i, 1), pg_str(res, i, 2) };
	return 0;
}

int pg_assessments_list(struct store *s, struct assessment_row **rows, size_t *n, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "list the assessments";
	struct rows r = { 0 };
	struct param me[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (pg_query(st, "SELECT id, date, at_ms FROM assessments WHERE person_id = $1 ORDER BY at_ms, id", me,
		     COUNT(me), assessment_row, &r, what, err) < 0)
		goto fail;
	struct assessment_row *v = r.v;
	for (size_t i = 0; i < r.n; i++) {
		struct param p[] = { PINT(v[i].id), PERSON(s) };
		struct parts ans = { &v[i], 0 }, fac = { &v[i], 0 };
		if (pg_query(st, "SELECT question, value FROM assessment_answers WHERE assessment_id = $1"
				 " AND person_id = $2 ORDER BY id", p, COUNT(p), answer_row, &ans, what, err) < 0 ||
		    pg_query(st, "SELECT factor, strength, reason FROM assessment_factors WHERE assessment_id = $1"
				 " AND person_id = $2 ORDER BY id", p, COUNT(p), factor_row, &fac, what, err) < 0)
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

int pg_feedback_add(struct store *s, struct feedback_row *row, struct strbuf *err)
{
	if (valid_feedback(row, err))
		return -1;
	if (row->session_id && pg_owned(s, "sessions", "session", row->session_id, "save the feedback", err) < 0)
		return -1;
	struct param p[] = { PERSON(s), PTEXT(row->date), PINT(row->at_ms),
			     row->session_id ? PINT(row->session_id) : PNULL,
			     PTEXT(row->routine_id), PTEXT(row->exercise_id), PTEXT(row->feeling),
			     PINT(row->pain_during), PTEXT(row->warning ? "t" : "f") };
	return pg_insert(pg(s), "INSERT INTO exercise_feedback(person_id, date, at_ms, session_id, routine_id,"
				" exercise_id, feeling, pain_during, warning) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
				" RETURNING id", p, COUNT(p), &row->id, "save the feedback", err);
}

static int feedback_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct feedback_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct feedback_row *f = &v[r->n++];
	memset(f, 0, sizeof(*f));
	f->id = pg_int(res, i, 0);
	pg_date(f->date, res, i, 1);
	f->at_ms = pg_int(res, i, 2);
	f->session_id = pg_int(res, i, 3); /* NULL reads as 0 */
	f->routine_id = pg_str(res, i, 4);
	f->exercise_id = pg_str(res, i, 5);
	f->feeling = pg_str(res, i, 6);
	f->pain_during = (int)pg_int(res, i, 7);
	f->warning = pg_bool(res, i, 8);
	return 0;
}

int pg_feedback_list(struct store *s, struct feedback_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	int ret = pg_query(pg(s), "SELECT id, date, at_ms, session_id, routine_id, exercise_id, feeling, pain_during,"
				  " warning FROM exercise_feedback WHERE person_id = $1 ORDER BY at_ms, id",
			   p, COUNT(p), feedback_row, &r, "list the exercise feedback", err);
	if (ret < 0) {
		store_feedback_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}

/* ---- dose decisions ---- */

/* A decision on feedback already decided is ignored (row->id 0): the first stays.
 * The arbiter names the person, so another person's feedback id meets UNIQUE(feedback_id)
 * or the foreign key and is refused, not ignored, even without pg_owned(). */
int pg_plan_change_add(struct store *s, struct plan_change_row *row, struct strbuf *err)
{
	if (valid_plan_change(row, err))
		return -1;
	if (row->feedback_id &&
	    pg_owned(s, "exercise_feedback", "feedback", row->feedback_id, "save the plan change", err) < 0)
		return -1;
	struct param p[] = {
		PERSON(s), PTEXT(row->date), PINT(row->at_ms), row->feedback_id ? PINT(row->feedback_id) : PNULL,
		PTEXT(row->routine_id), PTEXT(row->slot), PTEXT(row->action), PTEXT(row->rule ? row->rule : ""),
		PTEXT(row->from_exercise), PTEXT(row->to_exercise), PINT(row->from_reps), PINT(row->to_reps),
		PINT(row->from_duration_s), PINT(row->to_duration_s), PTEXT(row->paused ? "t" : "f"),
		PTEXT(row->reason),
	};
	return pg_insert(pg(s), "INSERT INTO plan_changes(person_id, date, at_ms, feedback_id, routine_id, slot, action,"
				" rule, from_exercise, to_exercise, from_reps, to_reps, from_duration_s, to_duration_s,"
				" paused, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
				" $15, $16) ON CONFLICT(feedback_id, person_id) DO NOTHING RETURNING id",
			 p, COUNT(p), &row->id, "save the plan change", err);
}

static int change_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct plan_change_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct plan_change_row *c = &v[r->n++];
	memset(c, 0, sizeof(*c));
	c->id = pg_int(res, i, 0);
	pg_date(c->date, res, i, 1);
	c->at_ms = pg_int(res, i, 2);
	c->feedback_id = pg_int(res, i, 3);
	c->routine_id = pg_str(res, i, 4);
	c->slot = pg_str(res, i, 5);
	c->action = pg_str(res, i, 6);
	c->rule = pg_str(res, i, 7);
	c->from_exercise = pg_str(res, i, 8);
	c->to_exercise = pg_str(res, i, 9);
	c->from_reps = (int)pg_int(res, i, 10);
	c->to_reps = (int)pg_int(res, i, 11);
	c->from_duration_s = (int)pg_int(res, i, 12);
	c->to_duration_s = (int)pg_int(res, i, 13);
	c->paused = pg_bool(res, i, 14);
	c->reason = pg_str(res, i, 15);
	return 0;
}

int pg_plan_changes_list(struct store *s, struct plan_change_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	int ret = pg_query(pg(s), "SELECT id, date, at_ms, feedback_id, routine_id, slot, action, rule, from_exercise,"
				  " to_exercise, from_reps, to_reps, from_duration_s, to_duration_s, paused, reason"
				  " FROM plan_changes WHERE person_id = $1 ORDER BY at_ms, id",
			   p, COUNT(p), change_row, &r, "list the plan changes", err);
	if (ret < 0) {
		store_plan_changes_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}

/* ---- the break coach's log ---- */

int pg_break_add(struct store *s, const struct break_row *row, struct strbuf *err)
{
	if (valid_break(row, err))
		return -1;
	struct param p[] = { PERSON(s), PINT(row->at_ms), PTEXT(brk_kind_names[row->kind]),
			     PTEXT(brk_event_names[row->event]), PTEXT(row->exercise_id ? row->exercise_id : ""),
			     PTEXT(row->detail ? row->detail : "") };
	return pg_run(pg(s), "INSERT INTO break_events(person_id, at_ms, kind, event, exercise_id, detail)"
			     " VALUES ($1, $2, $3, $4, $5, $6)", p, COUNT(p), "save the break event", err) < 0 ? -1 : 0;
}

static int break_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	struct rows *r = ctx;
	struct break_row *v = r->v;
	int kind = index_of(brk_kind_names, PQgetvalue(res, i, 1));
	int event = index_of(brk_event_names, PQgetvalue(res, i, 2));
	if (kind < 0 || event < 0)
		return pg_fail(err, "a break event of an unknown kind in the database");
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct break_row){
		.at_ms = pg_int(res, i, 0),
		.kind = (enum brk_kind)kind,
		.event = (enum brk_event_kind)event,
		.exercise_id = pg_str(res, i, 3),
		.detail = pg_str(res, i, 4),
	};
	return 0;
}

int pg_breaks_since(struct store *s, int64_t from_ms, struct break_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s), PINT(from_ms) };
	int ret = pg_query(pg(s), "SELECT at_ms, kind, event, exercise_id, detail FROM break_events"
				  " WHERE person_id = $1 AND at_ms >= $2 ORDER BY at_ms, id",
			   p, COUNT(p), break_row, &r, "read the break log", err);
	if (ret < 0) {
		store_breaks_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}
