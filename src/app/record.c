/* record.c: a session's steps saved in order, kept and retried when the store refuses
 * (see record.h). */
#include "app/record.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

void recorder_init(struct recorder *r, struct store *st, int64_t session)
{
	memset(r, 0, sizeof(*r));
	r->st = st;
	r->session = session;
	strbuf_init(&r->why);
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

static void step_release(struct record_step *s)
{
	switch (s->kind) {
	case RECORD_SET:
		free(s->u.set.exercise_id);
		free(s->u.set.side);
		break;
	case RECORD_EXERCISE:
		free(s->u.exercise.exercise_id);
		break;
	case RECORD_PAIN:
		free(s->u.pain.exercise_id);
		free(s->u.pain.action);
		break;
	case RECORD_FEEDBACK:
		free(s->u.feedback.routine_id);
		free(s->u.feedback.exercise_id);
		free(s->u.feedback.feeling);
		break;
	case RECORD_WARNING:
		screening_row_release(&s->u.warning); /* frees each question id and the array */
		break;
	}
}

void recorder_release(struct recorder *r)
{
	for (size_t i = 0; i < r->n; i++)
		step_release(&r->q[i]);
	free(r->q);
	strbuf_release(&r->why);
	memset(r, 0, sizeof(*r));
}

static int save(struct recorder *r, struct record_step *s, struct strbuf *err)
{
	struct store *st = r->st;
	switch (s->kind) {
	case RECORD_SET:
		return st->ops->set_add(st, r->session, &s->u.set, err);
	case RECORD_EXERCISE:
		return st->ops->exercise_add(st, r->session, &s->u.exercise, err);
	case RECORD_PAIN:
		return st->ops->pain_add(st, r->session, &s->u.pain, err);
	case RECORD_FEEDBACK:
		return st->ops->feedback_add(st, &s->u.feedback, err);
	case RECORD_WARNING:
		return st->ops->screening_add(st, &s->u.warning, err);
	}
	return -1;
}

size_t recorder_flush(struct recorder *r, int64_t now_ms)
{
	size_t done = 0;
	struct strbuf err = STRBUF_INIT;
	while (done < r->n) {
		strbuf_reset(&err);
		if (save(r, &r->q[done], &err)) {
			strbuf_reset(&r->why);
			strbuf_addstr(&r->why, strbuf_str(&err));
			r->retry_at_ms = now_ms + RECORD_RETRY_MS;
			break;
		}
		step_release(&r->q[done++]);
	}
	if (done) {
		memmove(r->q, r->q + done, (r->n - done) * sizeof(*r->q));
		r->n -= done;
	}
	if (!r->n) {
		r->retry_at_ms = 0;
		strbuf_reset(&r->why);
	}
	strbuf_release(&err);
	return r->n;
}

/* Queue the step (already copied) and save what the store will take. */
static int push(struct recorder *r, struct record_step s, int64_t now_ms)
{
	GROW(r->q, r->n + 1, r->alloc);
	r->q[r->n++] = s;
	if (r->retry_at_ms && now_ms < r->retry_at_ms)
		return 1; /* the store refused a moment ago: keep it for the next try */
	return recorder_flush(r, now_ms) ? 1 : 0;
}

int recorder_set(struct recorder *r, const struct set_row *row, int64_t now_ms)
{
	struct record_step s = { .kind = RECORD_SET, .u.set = *row };
	s.u.set.exercise_id = dup_or_empty(row->exercise_id);
	s.u.set.side = dup_or_empty(row->side);
	return push(r, s, now_ms);
}

int recorder_exercise(struct recorder *r, const struct exercise_row *row, int64_t now_ms)
{
	struct record_step s = { .kind = RECORD_EXERCISE, .u.exercise = *row };
	s.u.exercise.exercise_id = dup_or_empty(row->exercise_id);
	return push(r, s, now_ms);
}

int recorder_pain(struct recorder *r, const struct pain_row *row, int64_t now_ms)
{
	struct record_step s = { .kind = RECORD_PAIN, .u.pain = *row };
	s.u.pain.exercise_id = dup_or_empty(row->exercise_id);
	s.u.pain.action = dup_or_empty(row->action);
	return push(r, s, now_ms);
}

int recorder_feedback(struct recorder *r, const struct feedback_row *row, int64_t now_ms)
{
	struct record_step s = { .kind = RECORD_FEEDBACK, .u.feedback = *row };
	s.u.feedback.routine_id = dup_or_empty(row->routine_id);
	s.u.feedback.exercise_id = dup_or_empty(row->exercise_id);
	s.u.feedback.feeling = dup_or_empty(row->feeling);
	return push(r, s, now_ms);
}

int recorder_warning(struct recorder *r, const struct screening_row *row, int64_t now_ms)
{
	struct record_step s = { .kind = RECORD_WARNING, .u.warning = *row };
	s.u.warning.answers = xcalloc(row->n_answers + 1, sizeof(*row->answers));
	for (size_t i = 0; i < row->n_answers; i++) {
		s.u.warning.answers[i] = row->answers[i];
		s.u.warning.answers[i].question_id = dup_or_empty(row->answers[i].question_id);
	}
	return push(r, s, now_ms);
}

size_t recorder_unsaved(const struct recorder *r)
{
	return r->n;
}

bool recorder_warning_unsaved(const struct recorder *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->q[i].kind == RECORD_WARNING)
			return true;
	return false;
}

const char *recorder_why(const struct recorder *r)
{
	return strbuf_str(&r->why);
}
