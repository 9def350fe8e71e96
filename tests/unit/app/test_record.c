/* test_record.c: a session's steps through the recorder on an injected failing store
 * (a table of functions around the SQLite backend that refuses writes while told to,
 * as a full disk or a held lock would): a refused step is kept, retried in order and
 * saved exactly once; a refused warning sign is known to be unsaved until it is saved. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/record.h"
#include "core/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-fx.h"

/* ---- the failing store: forwards to a real one, refuses writes while failing ---- */

struct faulty {
	struct store base;
	struct store *inner;
	bool failing;
	int attempts; /* writes tried, refused or not */
};

static struct faulty *F(struct store *s)
{
	return (struct faulty *)s;
}

static int refuse(struct faulty *f, struct strbuf *err)
{
	f->attempts++;
	if (!f->failing)
		return 0;
	strbuf_addstr(err, "could not save: database or disk is full (injected)");
	return -1;
}

static int f_set_add(struct store *s, int64_t session, const struct set_row *row, struct strbuf *err)
{
	return refuse(F(s), err) ? -1 : F(s)->inner->ops->set_add(F(s)->inner, session, row, err);
}

static int f_exercise_add(struct store *s, int64_t session, const struct exercise_row *row, struct strbuf *err)
{
	return refuse(F(s), err) ? -1 : F(s)->inner->ops->exercise_add(F(s)->inner, session, row, err);
}

static int f_pain_add(struct store *s, int64_t session, const struct pain_row *row, struct strbuf *err)
{
	return refuse(F(s), err) ? -1 : F(s)->inner->ops->pain_add(F(s)->inner, session, row, err);
}

static int f_feedback_add(struct store *s, struct feedback_row *row, struct strbuf *err)
{
	return refuse(F(s), err) ? -1 : F(s)->inner->ops->feedback_add(F(s)->inner, row, err);
}

static int f_screening_add(struct store *s, struct screening_row *row, struct strbuf *err)
{
	return refuse(F(s), err) ? -1 : F(s)->inner->ops->screening_add(F(s)->inner, row, err);
}

static struct store_ops faulty_ops;

static void faulty_init(struct faulty *f, struct store *inner)
{
	faulty_ops = *inner->ops; /* reads and the rest go straight through... */
	faulty_ops.name = "faulty";
	faulty_ops.set_add = f_set_add; /* ...but these are the recorder's writes */
	faulty_ops.exercise_add = f_exercise_add;
	faulty_ops.pain_add = f_pain_add;
	faulty_ops.feedback_add = f_feedback_add;
	faulty_ops.screening_add = f_screening_add;
	*f = (struct faulty){ { .ops = &faulty_ops, .db = inner->db, .person = inner->person }, inner, false, 0 };
}

/* ---- helpers ---- */

static int64_t begin_session(struct fx *fx)
{
	struct session_row sr = { 0, "r", 1000, 0, SESSION_RUNNING, 3, -1, "content", 0, 0, 0 };
	assert_int_equal(fx->s->ops->session_begin(fx->s, &sr, &fx->err), 0);
	return sr.id;
}

static struct set_row set_of(int item, int set_no, const char *side)
{
	return (struct set_row){ item, "lift", set_no, (char *)side, 5, 5, 3000, 2000 + set_no };
}

static size_t count_sets(struct fx *fx, int64_t session, struct set_row **rows)
{
	size_t n;
	assert_int_equal(fx->s->ops->sets_of(fx->s, session, rows, &n, &fx->err), 0);
	return n;
}

/* ---- tests ---- */

static void test_saved_at_once(void **state)
{
	struct fx *fx = *state;
	int64_t id = begin_session(fx);
	struct faulty f;
	faulty_init(&f, fx->s);
	struct recorder r;
	recorder_init(&r, &f.base, id);
	struct set_row s1 = set_of(0, 1, "");
	assert_int_equal(recorder_set(&r, &s1, 100), 0);
	assert_int_equal(recorder_unsaved(&r), 0);
	struct set_row *rows;
	assert_int_equal(count_sets(fx, id, &rows), 1);
	store_sets_free(rows, 1);
	recorder_release(&r);
}

/* A refused set is kept; the steps after it wait behind it (no write is tried within
 * the retry pause), and once the store takes writes again all are saved, in order,
 * each once. */
static void test_refused_kept_and_retried(void **state)
{
	struct fx *fx = *state;
	int64_t id = begin_session(fx);
	struct faulty f;
	faulty_init(&f, fx->s);
	struct recorder r;
	recorder_init(&r, &f.base, id);
	f.failing = true;
	struct set_row s1 = set_of(0, 1, "left"), s2 = set_of(0, 1, "right");
	assert_int_equal(recorder_set(&r, &s1, 1000), 1);
	assert_int_equal(recorder_unsaved(&r), 1);
	assert_non_null(strstr(recorder_why(&r), "disk is full"));
	int tried = f.attempts;
	assert_int_equal(recorder_set(&r, &s2, 2000), 1); /* within the pause: kept, not tried */
	assert_int_equal(f.attempts, tried);
	struct exercise_row ex = { 0, "lift", EX_DONE, 10, 6000, 2100 };
	assert_int_equal(recorder_exercise(&r, &ex, 3000), 1);
	assert_int_equal(recorder_unsaved(&r), 3);
	struct set_row *rows;
	assert_int_equal(count_sets(fx, id, &rows), 0);
	free(rows);
	/* after the pause a new step tries them all again: still refused */
	struct pain_row p = { 0, "lift", 3, "continued gently", 2200 };
	assert_int_equal(recorder_pain(&r, &p, 1000 + RECORD_RETRY_MS), 1);
	assert_int_equal(recorder_unsaved(&r), 4);
	/* the store takes writes again */
	f.failing = false;
	assert_int_equal(recorder_flush(&r, 1000 + 2 * RECORD_RETRY_MS), 0);
	assert_int_equal(recorder_unsaved(&r), 0);
	assert_string_equal(recorder_why(&r), "");
	size_t n = count_sets(fx, id, &rows);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].side, "left");
	assert_string_equal(rows[1].side, "right");
	store_sets_free(rows, n);
	struct exercise_row *exs;
	assert_int_equal(fx->s->ops->exercises_of(fx->s, id, &exs, &n, &fx->err), 0);
	assert_int_equal(n, 1);
	store_exercises_free(exs, n);
	struct pain_row *pains;
	assert_int_equal(fx->s->ops->pains_of(fx->s, id, &pains, &n, &fx->err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(pains[0].action, "continued gently");
	store_pains_free(pains, n);
	/* flushing again saves nothing twice */
	assert_int_equal(recorder_flush(&r, 1000 + 3 * RECORD_RETRY_MS), 0);
	n = count_sets(fx, id, &rows);
	assert_int_equal(n, 2);
	store_sets_free(rows, n);
	recorder_release(&r);
}

/* A warning sign the store refuses is known to be unsaved (so no session may start)
 * until it is saved; the recorder holds its own copies of the texts. */
static void test_warning_unsaved_until_saved(void **state)
{
	struct fx *fx = *state;
	int64_t id = begin_session(fx);
	struct faulty f;
	faulty_init(&f, fx->s);
	struct recorder r;
	recorder_init(&r, &f.base, id);
	f.failing = true;
	char *qid = xstrdup("dizziness");
	struct answer_row a = { qid, true, 2, true, false };
	struct screening_row w = { 0, 5000, 2, false, &a, 1 };
	assert_int_equal(recorder_warning(&r, &w, 5000), 1);
	free(qid); /* the caller's text is gone; the kept step has its own */
	char feeling[] = "hurt";
	struct feedback_row fb = { 0, "2026-01-01", 5001, id, "r", "lift", feeling, 6, true };
	assert_int_equal(recorder_feedback(&r, &fb, 5001), 1);
	assert_true(recorder_warning_unsaved(&r));
	struct screening_row got;
	bool found;
	assert_int_equal(fx->s->ops->screening_latest(fx->s, &got, &found, &fx->err), 0);
	assert_false(found);
	f.failing = false;
	assert_int_equal(recorder_flush(&r, 5000 + RECORD_RETRY_MS), 0);
	assert_false(recorder_warning_unsaved(&r));
	assert_int_equal(fx->s->ops->screening_latest(fx->s, &got, &found, &fx->err), 0);
	assert_true(found);
	assert_int_equal(got.level, 2);
	assert_int_equal(got.n_answers, 1);
	assert_string_equal(got.answers[0].question_id, "dizziness");
	screening_row_release(&got);
	struct feedback_row *fr;
	size_t n;
	assert_int_equal(fx->s->ops->feedback_list(fx->s, &fr, &n, &fx->err), 0);
	assert_int_equal(n, 1);
	assert_true(fr[0].warning);
	store_feedback_free(fr, n);
	recorder_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_saved_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_kept_and_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warning_unsaved_until_saved, setup, teardown),
	};
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
