/* sqlite-dash.c: the SQLite backend's facts for the trainer's dashboard (store.h,
 * dashboard_facts): five statements for every client of the trainer at once, each
 * joined through trainer_clients, so a client whose link was ended is not read. A
 * check-in's places and a session's counts are read from their own rows (migration
 * 18 keeps them), not looked up row by row. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "core/screen.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Only the clients of ?3, a JSON array of their ids, when it is not NULL. */
#define ONLY " AND (?3 IS NULL OR t.client_id IN (SELECT value FROM json_each(?3)))"

static const char clients_sql[] =
	"SELECT a.id, a.login, a.display_name, t.since_ms, coalesce(s.level, -1), coalesce(s.at_ms, 0),"
	" s.id IS NOT NULL AND EXISTS(SELECT 1 FROM screening_answers q WHERE q.screening_id = s.id"
	"  AND q.question_id = ?2 AND q.yes = 1),"
	" s.id IS NOT NULL AND EXISTS(SELECT 1 FROM clearances c WHERE c.screening_id = s.id),"
	" coalesce((SELECT max(x.started_ms) FROM sessions x WHERE x.person_id = a.id), 0),"
	" coalesce((SELECT m.date FROM assessments m WHERE m.person_id = a.id ORDER BY m.id DESC LIMIT 1), '')"
	" FROM trainer_clients t JOIN accounts a ON a.id = t.client_id"
	" LEFT JOIN screenings s ON s.id = (SELECT z.id FROM screenings z WHERE z.person_id = a.id"
	"  ORDER BY z.id DESC LIMIT 1)"
	" WHERE t.trainer_id = ?1 AND a.disabled_ms = 0" ONLY " ORDER BY a.id";

/* The window, the first week and the latest week with data, as two ranges of the
 * (person_id, date) index a client that do not overlap: from lo on (lo the window's
 * first day or the latest week's, the earlier: nothing is dated after the latest), and
 * the first week before lo. UNION ALL and no ORDER BY: the three ranges merged by UNION,
 * looked up by id and sorted cost three temporary b-trees (48 -> 16 ms at 1,000 clients,
 * bench/dashboard); each client's rows are put in order after (in_order). */
static const char checkins_sql[] =
	"WITH c AS (SELECT t.client_id AS id,"
	"  (SELECT min(k.date) FROM checkins k WHERE k.person_id = t.client_id) AS first,"
	"  min(?2, date((SELECT max(k.date) FROM checkins k WHERE k.person_id = t.client_id), '-6 days')) AS lo"
	"  FROM trainer_clients t WHERE t.trainer_id = ?1" ONLY ")"
	" SELECT k.person_id, k.id, k.date, k.at_ms, k.pain, k.regions FROM c JOIN checkins k"
	"  ON k.person_id = c.id AND k.date >= c.first AND k.date <= date(c.first, '+6 days') AND k.date < c.lo"
	" UNION ALL SELECT k.person_id, k.id, k.date, k.at_ms, k.pain, k.regions FROM c JOIN checkins k"
	"  ON k.person_id = c.id AND k.date >= c.lo";

/* A session's pain reports in one lookup, and none for a session without any (its
 * count is on its row, migration 18): 64 when one was a warning sign (-1), plus the
 * highest score plus 1 (NULL: none). Its exercises done are counted on its row. */
static const char sessions_sql[] =
	"SELECT x.person_id, x.started_ms, x.status,"
	" CASE WHEN x.n_pains > 0 THEN"
	"  (SELECT (min(p.score) = -1) * 64 + max(p.score) + 1 FROM pains p WHERE p.session_id = x.id) END,"
	" x.n_done"
	" FROM trainer_clients t JOIN sessions x ON x.person_id = t.client_id AND x.started_ms >= ?2"
	" WHERE t.trainer_id = ?1" ONLY " ORDER BY x.person_id, x.started_ms, x.id";

/* The feedback rows themselves, client by client in the order the link's index gives
 * (no sort), counted by exercise in feel_row and put in order of exercise id after:
 * SQLite's GROUP BY sorted every row first (43 -> 18 ms at 1,000 clients). */
static const char feel_sql[] =
	"SELECT t.client_id, f.exercise_id, f.feeling, f.at_ms"
	" FROM trainer_clients t JOIN exercise_feedback f ON f.person_id = t.client_id AND f.date >= ?2"
	" WHERE t.trainer_id = ?1" ONLY " ORDER BY t.client_id";

static const char answers_sql[] =
	"SELECT t.client_id, w.question, w.value FROM trainer_clients t"
	" JOIN assessment_answers w ON w.assessment_id ="
	"  (SELECT max(m.id) FROM assessments m WHERE m.person_id = t.client_id)"
	" WHERE t.trainer_id = ?1" ONLY " ORDER BY t.client_id, w.question";

struct acc {
	struct rows r;             /* the clients */
	size_t alloc[4];           /* per client being filled: checkins, sessions, feel, answers */
	struct dash_client *last;  /* the client the last row went to */
};

static struct dash_client *client_of(struct acc *a, int64_t id)
{
	if (!a->last || a->last->id != id) {
		a->last = store_dash_find(a->r.v, a->r.n, id);
		memset(a->alloc, 0, sizeof(a->alloc));
	}
	return a->last;
}

static int client_row(struct sqlite_store *st, sqlite3_stmt *q, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct acc *a = ctx;
	struct dash_client *v = a->r.v;
	GROW(v, a->r.n + 1, a->r.alloc);
	a->r.v = v;
	struct dash_client *c = &v[a->r.n++];
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(q, 0);
	c->login = sq_col_str(q, 1);
	c->display_name = sq_col_str(q, 2);
	c->linked_ms = sqlite3_column_int64(q, 3);
	c->screening_level = sqlite3_column_int(q, 4);
	c->screening_ms = sqlite3_column_int64(q, 5);
	c->screening_warning = sqlite3_column_int(q, 6);
	c->screening_cleared = sqlite3_column_int(q, 7);
	c->last_session_ms = sqlite3_column_int64(q, 8);
	const char *d = (const char *)sqlite3_column_text(q, 9);
	snprintf(c->assessed, sizeof(c->assessed), "%s", d ? d : "");
	return 0;
}

static int int_or_none(sqlite3_stmt *q, int col)
{
	return sqlite3_column_type(q, col) == SQLITE_NULL ? CHECKIN_NONE : sqlite3_column_int(q, col);
}

static int checkin_row(struct sqlite_store *st, sqlite3_stmt *q, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct acc *a = ctx;
	struct dash_client *c = client_of(a, sqlite3_column_int64(q, 0));
	if (!c)
		return 0;
	GROW(c->checkins, c->n_checkins + 1, a->alloc[0]);
	struct checkin *k = &c->checkins[c->n_checkins++];
	checkin_init(k);
	k->id = sqlite3_column_int64(q, 1);
	const char *d = (const char *)sqlite3_column_text(q, 2);
	snprintf(k->date, sizeof(k->date), "%s", d ? d : "");
	k->at_ms = sqlite3_column_int64(q, 3);
	k->pain = int_or_none(q, 4);
	sqlite3_int64 places = sqlite3_column_int64(q, 5); /* packed by migration 18's triggers */
	for (int r = 0; r < REG__COUNT; r++) {
		int v = SQ_REGION_SCORE(places, r);
		k->region[r] = v >= 0 ? v : CHECKIN_NONE;
	}
	return 0;
}

static int session_row(struct sqlite_store *st, sqlite3_stmt *q, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct acc *a = ctx;
	struct dash_client *c = client_of(a, sqlite3_column_int64(q, 0));
	if (!c)
		return 0;
	GROW(c->sessions, c->n_sessions + 1, a->alloc[1]);
	struct dash_session *x = &c->sessions[c->n_sessions++];
	x->started_ms = sqlite3_column_int64(q, 1);
	const char *status = (const char *)sqlite3_column_text(q, 2);
	x->status = SESSION_FINISHED;
	for (int i = 0; session_status_names[i]; i++)
		if (status && !strcmp(status, session_status_names[i]))
			x->status = (enum session_status)i;
	/* a session's pain reports in one lookup: 64 when one was a warning sign (-1), plus the
	 * highest score plus 1; NULL (0) none */
	int pains = sqlite3_column_int(q, 3);
	x->warning = pains & 64;
	x->max_pain = (pains & 63) - 1;
	x->exercises_done = sqlite3_column_int(q, 4);
	return 0;
}

static int feel_row(struct sqlite_store *st, sqlite3_stmt *q, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct acc *a = ctx;
	struct dash_client *c = client_of(a, sqlite3_column_int64(q, 0));
	if (!c)
		return 0;
	const char *id = (const char *)sqlite3_column_text(q, 1);
	const char *feeling = (const char *)sqlite3_column_text(q, 2);
	int64_t at = sqlite3_column_int64(q, 3);
	struct dash_feel *f = NULL;
	for (size_t i = c->n_feel; i > 0 && !f; i--) /* a client's few exercises */
		if (!strcmp(c->feel[i - 1].exercise_id, id ? id : ""))
			f = &c->feel[i - 1];
	if (!f) {
		GROW(c->feel, c->n_feel + 1, a->alloc[2]);
		f = &c->feel[c->n_feel++];
		memset(f, 0, sizeof(*f));
		f->exercise_id = sq_col_str(q, 1);
		f->last_ms = at;
	}
	if (!feeling)
		return 0;
	f->easy += !strcmp(feeling, "easy");
	f->right += !strcmp(feeling, "right");
	f->hard += !strcmp(feeling, "hard");
	f->hurt += !strcmp(feeling, "hurt");
	if (at > f->last_ms)
		f->last_ms = at;
	return 0;
}

/* A client's check-ins by date, then time, then id, as dashboard_facts gives them.
 * The plan reads each range in the order of the (person_id, date, at_ms) index and the
 * first week before the window, so they come in order already; without an ORDER BY
 * nothing promises it, so insertion sorting makes sure (n - 1 comparisons when sorted). */
static void in_order(struct checkin *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct checkin x = v[i];
		size_t j = i;
		for (; j > 0; j--) {
			const struct checkin *y = &v[j - 1];
			int c = strcmp(y->date, x.date);
			if (c < 0 || (!c && (y->at_ms < x.at_ms || (y->at_ms == x.at_ms && y->id <= x.id))))
				break;
			v[j] = *y;
		}
		v[j] = x;
	}
}

static int by_exercise(const void *a, const void *b)
{
	return strcmp(((const struct dash_feel *)a)->exercise_id, ((const struct dash_feel *)b)->exercise_id);
}

static int answer_row(struct sqlite_store *st, sqlite3_stmt *q, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct acc *a = ctx;
	struct dash_client *c = client_of(a, sqlite3_column_int64(q, 0));
	if (!c)
		return 0;
	GROW(c->answers, c->n_answers + 1, a->alloc[3]);
	struct assess_answer_row *w = &c->answers[c->n_answers++];
	w->question = sq_col_str(q, 1);
	w->value = sqlite3_column_double(q, 2);
	return 0;
}

int sqlite_dashboard_facts(struct store *s, const char *from, int64_t from_ms, const int64_t *only, size_t n_only,
			   struct dash_client **rows, size_t *n, struct strbuf *err)
{
	const char *what = "read the dashboard";
	struct sqlite_store *st = sq(s);
	struct acc a = { 0 };
	struct strbuf ids = STRBUF_INIT;
	if (only)
		store_ids_text(&ids, only, n_only, "[]");
	struct param these = only ? PTEXT(ids.buf) : PNULL;
	struct param p_clients[] = { PERSON(s), PTEXT(SCREEN_WARNING_ID), these };
	struct param p_day[] = { PERSON(s), PTEXT(from), these };
	struct param p_ms[] = { PERSON(s), PINT(from_ms), these };
	struct param p_one[] = { PERSON(s), PNULL, these };
	int rc = sq_query(st, clients_sql, p_clients, COUNT(p_clients), client_row, &a, what, err);
	if (!rc && a.r.n) {
		a.last = NULL;
		rc = sq_query(st, checkins_sql, p_day, COUNT(p_day), checkin_row, &a, what, err);
		struct dash_client *got = a.r.v;
		for (size_t i = 0; !rc && i < a.r.n; i++)
			in_order(got[i].checkins, got[i].n_checkins);
		a.last = NULL;
		if (!rc)
			rc = sq_query(st, sessions_sql, p_ms, COUNT(p_ms), session_row, &a, what, err);
		a.last = NULL;
		if (!rc)
			rc = sq_query(st, feel_sql, p_day, COUNT(p_day), feel_row, &a, what, err);
		struct dash_client *v = a.r.v;
		for (size_t i = 0; !rc && i < a.r.n; i++) /* by exercise id, as GROUP BY gave them */
			if (v[i].n_feel > 1)
				qsort(v[i].feel, v[i].n_feel, sizeof(*v[i].feel), by_exercise);
		a.last = NULL;
		if (!rc)
			rc = sq_query(st, answers_sql, p_one, COUNT(p_one), answer_row, &a, what, err);
	}
	strbuf_release(&ids);
	if (rc < 0) {
		store_dash_free(a.r.v, a.r.n);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	*rows = a.r.v;
	*n = a.r.n;
	return 0;
}
