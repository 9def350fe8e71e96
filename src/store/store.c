/* store.c: the backend-independent part of the store: opening the default backend,
 * the status names, and freeing the rows the backends hand out. */
#include "store/store.h"
#include <stdlib.h>

const char *const session_status_names[] = { "running", "finished", "quit", "stopped", NULL };
const char *const exercise_status_names[] = { "done", "skipped", "stopped", NULL };

int store_open(struct store **out, const char *path, struct strbuf *err)
{
	return store_sqlite.open(out, path, 0, err);
}

int store_open_readonly(struct store **out, const char *path, struct strbuf *err)
{
	return store_sqlite.open(out, path, STORE_READ_ONLY, err);
}

void store_close(struct store *s)
{
	if (s)
		s->ops->close(s);
}

void session_row_release(struct session_row *r)
{
	free(r->routine_id);
	free(r->pacing);
	r->routine_id = NULL;
	r->pacing = NULL;
}

void store_sets_free(struct set_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].exercise_id);
		free(rows[i].side);
	}
	free(rows);
}

void store_exercises_free(struct exercise_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].exercise_id);
	free(rows);
}

void store_pains_free(struct pain_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].exercise_id);
		free(rows[i].action);
	}
	free(rows);
}

void store_sessions_free(struct session_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		session_row_release(&rows[i]);
	free(rows);
}

void store_checkins_free(struct checkin *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].note);
	free(rows);
}

void screening_row_release(struct screening_row *r)
{
	for (size_t i = 0; i < r->n_answers; i++)
		free(r->answers[i].question_id);
	free(r->answers);
	r->answers = NULL;
	r->n_answers = 0;
}

void store_clearances_free(struct clearance_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].note);
	free(rows);
}

void store_psfs_activities_free(struct psfs_activity *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
}
