/* pg-dash.c: the PostgreSQL backend's facts for the trainer's dashboard (store.h,
 * dashboard_facts): five statements for every client of the trainer at once, each
 * joined through trainer_clients, sent together on two connections when a second can
 * be had (pg_query_two).
 * They run as the trainer (the handle's person), so row-level security (schema 7) is
 * what lets them read the clients' records at all: only while the link stands and the
 * trainer's account is an enabled trainer's. A check-in's places and a session's
 * counts are read from their own rows (schema 18 keeps them). */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "core/screen.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A check-in's places as schema 18 keeps them on its row: 4 bits a place (its score
 * plus 1; 0 not rated) in the order of enum region, unpacked in checkin_row. */
#define REGION_BITS 4
_Static_assert(REG__COUNT == 6 && REG_NECK == 0 && REG_BETWEEN == 1 && REG_UPPER_BACK == 2 &&
		       REG_LEFT_SHOULDER == 3 && REG_RIGHT_SHOULDER == 4 && REG_CHEST == 5,
	       "schema 18's unhunch_region_shift packs the places in the order of enum region");

/* Only the clients of parameter n, an array of their ids, when it is not NULL. */
#define ONLY(n) " AND (" n "::bigint[] IS NULL OR t.client_id = ANY(" n "::bigint[]))"

static const char clients_sql[] =
	"SELECT a.id, a.login, a.display_name, t.since_ms, coalesce(s.level, -1), coalesce(s.at_ms, 0),"
	" s.id IS NOT NULL AND EXISTS(SELECT 1 FROM screening_answers q WHERE q.screening_id = s.id"
	"  AND q.question_id = $2 AND q.yes),"
	" s.id IS NOT NULL AND EXISTS(SELECT 1 FROM clearances c WHERE c.screening_id = s.id),"
	" coalesce((SELECT max(x.started_ms) FROM sessions x WHERE x.person_id = a.id), 0),"
	" coalesce((SELECT m.date FROM assessments m WHERE m.person_id = a.id ORDER BY m.id DESC LIMIT 1), '')"
	" FROM trainer_clients t JOIN accounts a ON a.id = t.client_id"
	" LEFT JOIN LATERAL (SELECT z.id, z.at_ms, z.level FROM screenings z WHERE z.person_id = a.id"
	"  ORDER BY z.id DESC LIMIT 1) s ON true"
	" WHERE t.trainer_id = $1 AND a.disabled_ms = 0" ONLY("$3") " ORDER BY a.id";

/* The window, the first week and the latest week with data as two ranges of the
 * (person_id, date) index a client that do not overlap: the first week up to the day
 * before lo, and from lo on, lo being the window's first day or the latest week's,
 * the earlier (nothing is dated after the latest). Each range a LATERAL of its own
 * (kept apart by OFFSET 0), so it is an index range, not a scan of every check-in; no
 * UNION to merge, no grouping of the places (345-366 -> 186 ms at 1,000 clients;
 * docs/clinic.md, "Where the time goes"). Not sorted here: each client's few are
 * sorted per client once read (checkin_order), cheaper than the server's sort of all of them. */
static const char checkins_sql[] =
	"WITH c AS (SELECT t.client_id AS id, f.first,"
	"  least(to_char(f.first::date + 6, 'YYYY-MM-DD'), to_char(least($2::date, f.last::date - 6) - 1, 'YYYY-MM-DD'))"
	"   AS first_to, to_char(least($2::date, f.last::date - 6), 'YYYY-MM-DD') AS lo"
	"  FROM trainer_clients t, LATERAL (SELECT min(k.date) AS first, max(k.date) AS last FROM checkins k"
	"   WHERE k.person_id = t.client_id) f"
	"  WHERE t.trainer_id = $1 AND f.first IS NOT NULL" ONLY("$3") "),"
	" k AS (SELECT k.* FROM c CROSS JOIN LATERAL (SELECT k.id, k.person_id, k.date, k.at_ms, k.pain, k.regions"
	"   FROM checkins k"
	"   WHERE k.person_id = c.id AND k.date >= c.first AND k.date <= c.first_to OFFSET 0) k"
	"  UNION ALL SELECT k.* FROM c CROSS JOIN LATERAL (SELECT k.id, k.person_id, k.date, k.at_ms, k.pain,"
	"   k.regions FROM checkins k WHERE k.person_id = c.id AND k.date >= c.lo OFFSET 0) k)"
	" SELECT k.person_id, k.id, k.date, k.at_ms, k.pain, k.regions FROM k";

/* The sessions of each client by a range of (person_id, started_ms) of its own (the
 * LATERAL, kept apart by OFFSET 0): joined as a set, the planner walked the whole
 * index in person order with the start as a filter (430 -> 345 ms at 1,000 clients);
 * a session's pain reports in one lookup, not two (345 -> 98 ms; docs/clinic.md,
 * "Where the time goes"), and only when it has any, its exercises done counted on its
 * row (schema 18). */
static const char sessions_sql[] =
	"SELECT x.person_id, x.started_ms, x.status,"
	" CASE WHEN x.n_pains > 0 THEN"
	"  (SELECT (min(p.score) = -1)::int * 64 + max(p.score) + 1 FROM pains p WHERE p.session_id = x.id) END,"
	" x.n_done"
	" FROM trainer_clients t CROSS JOIN LATERAL (SELECT x.id, x.person_id, x.started_ms, x.status, x.n_pains,"
	"  x.n_done FROM sessions x"
	"  WHERE x.person_id = t.client_id AND x.started_ms >= $2 OFFSET 0) x"
	" WHERE t.trainer_id = $1" ONLY("$3") " ORDER BY x.person_id, x.started_ms, x.id";

static const char feel_sql[] =
	"SELECT f.person_id, f.exercise_id, count(*) FILTER (WHERE f.feeling = 'easy'),"
	" count(*) FILTER (WHERE f.feeling = 'right'), count(*) FILTER (WHERE f.feeling = 'hard'),"
	" count(*) FILTER (WHERE f.feeling = 'hurt'), max(f.at_ms)"
	" FROM trainer_clients t JOIN exercise_feedback f ON f.person_id = t.client_id AND f.date >= $2"
	" WHERE t.trainer_id = $1" ONLY("$3") " GROUP BY f.person_id, f.exercise_id ORDER BY f.person_id, f.exercise_id";

static const char answers_sql[] =
	"SELECT t.client_id, w.question, w.value FROM trainer_clients t"
	" JOIN assessment_answers w ON w.assessment_id ="
	"  (SELECT max(m.id) FROM assessments m WHERE m.person_id = t.client_id)"
	" WHERE t.trainer_id = $1" ONLY("$2") " ORDER BY t.client_id, w.question";

struct acc {
	struct rows r;
	size_t alloc[4];
	struct dash_client *last;
};

static struct dash_client *client_of(struct acc *a, int64_t id)
{
	if (!a->last || a->last->id != id) {
		a->last = store_dash_find(a->r.v, a->r.n, id);
		memset(a->alloc, 0, sizeof(a->alloc));
	}
	return a->last;
}

static int client_row(PGresult *q, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct acc *a = ctx;
	struct dash_client *v = a->r.v;
	GROW(v, a->r.n + 1, a->r.alloc);
	a->r.v = v;
	struct dash_client *c = &v[a->r.n++];
	memset(c, 0, sizeof(*c));
	c->id = pg_int(q, i, 0);
	c->login = pg_str(q, i, 1);
	c->display_name = pg_str(q, i, 2);
	c->linked_ms = pg_int(q, i, 3);
	c->screening_level = (int)pg_int(q, i, 4);
	c->screening_ms = pg_int(q, i, 5);
	c->screening_warning = pg_bool(q, i, 6);
	c->screening_cleared = pg_bool(q, i, 7);
	c->last_session_ms = pg_int(q, i, 8);
	snprintf(c->assessed, sizeof(c->assessed), "%s", PQgetvalue(q, i, 9));
	return 0;
}

static int int_or_none(PGresult *q, int i, int col)
{
	return pg_null(q, i, col) ? CHECKIN_NONE : (int)pg_int(q, i, col);
}

static int checkin_row(PGresult *q, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct acc *a = ctx;
	struct dash_client *c = client_of(a, pg_int(q, i, 0));
	if (!c)
		return 0;
	GROW(c->checkins, c->n_checkins + 1, a->alloc[0]);
	struct checkin *k = &c->checkins[c->n_checkins++];
	checkin_init(k);
	k->id = pg_int(q, i, 1);
	pg_date(k->date, q, i, 2);
	k->at_ms = pg_int(q, i, 3);
	k->pain = int_or_none(q, i, 4);
	int64_t places = pg_int(q, i, 5); /* packed by schema 18's triggers */
	for (int r = 0; r < REG__COUNT; r++) {
		int v = (int)((places >> (REGION_BITS * r)) & ((1 << REGION_BITS) - 1));
		k->region[r] = v ? v - 1 : CHECKIN_NONE;
	}
	return 0;
}

static int session_row(PGresult *q, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct acc *a = ctx;
	struct dash_client *c = client_of(a, pg_int(q, i, 0));
	if (!c)
		return 0;
	GROW(c->sessions, c->n_sessions + 1, a->alloc[1]);
	struct dash_session *x = &c->sessions[c->n_sessions++];
	x->started_ms = pg_int(q, i, 1);
	const char *status = PQgetvalue(q, i, 2);
	x->status = SESSION_FINISHED;
	for (int k = 0; session_status_names[k]; k++)
		if (!strcmp(status, session_status_names[k]))
			x->status = (enum session_status)k;
	/* a session's pain reports in one lookup: 64 when one was a warning sign (-1), plus the
	 * highest score plus 1; NULL none */
	int pains = pg_null(q, i, 3) ? 0 : (int)pg_int(q, i, 3);
	x->warning = pains & 64;
	x->max_pain = (pains & 63) - 1;
	x->exercises_done = (int)pg_int(q, i, 4);
	return 0;
}

static int feel_row(PGresult *q, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct acc *a = ctx;
	struct dash_client *c = client_of(a, pg_int(q, i, 0));
	if (!c)
		return 0;
	GROW(c->feel, c->n_feel + 1, a->alloc[2]);
	struct dash_feel *f = &c->feel[c->n_feel++];
	f->exercise_id = pg_str(q, i, 1);
	f->easy = (int)pg_int(q, i, 2);
	f->right = (int)pg_int(q, i, 3);
	f->hard = (int)pg_int(q, i, 4);
	f->hurt = (int)pg_int(q, i, 5);
	f->last_ms = pg_int(q, i, 6);
	return 0;
}

static int answer_row(PGresult *q, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct acc *a = ctx;
	struct dash_client *c = client_of(a, pg_int(q, i, 0));
	if (!c)
		return 0;
	GROW(c->answers, c->n_answers + 1, a->alloc[3]);
	struct assess_answer_row *w = &c->answers[c->n_answers++];
	w->question = pg_str(q, i, 1);
	w->value = pg_real(q, i, 2);
	return 0;
}

int pg_dashboard_facts(struct store *s, const char *from, int64_t from_ms, const int64_t *only, size_t n_only,
		       struct dash_client **rows, size_t *n, struct strbuf *err)
{
	const char *what = "read the dashboard";
	struct pg_store *st = pg(s);
	struct acc a = { 0 };
	struct strbuf ids = STRBUF_INIT;
	if (only)
		store_ids_text(&ids, only, n_only, "{}");
	struct param these = only ? PTEXT(ids.buf) : PNULL;
	struct param p_clients[] = { PERSON(s), PTEXT(SCREEN_WARNING_ID), these };
	struct param p_day[] = { PERSON(s), PTEXT(from), these };
	struct param p_ms[] = { PERSON(s), PINT(from_ms), these };
	struct param p_one[] = { PERSON(s), these };
	/* the clients first: the rows of the others are theirs. The last two on the side
	 * connection, after the audit lines the dashboard sends there first: the server's
	 * time about even between the two (a tenth of 1,000 clients read: 8-11 ms of audit
	 * lines and 5-6 ms of these beside 14-15 ms of the first three; docs/clinic.md,
	 * "Two connections") */
	const struct pg_step steps[] = {
		{ clients_sql, p_clients, COUNT(p_clients), client_row, &a },
		{ checkins_sql, p_day, COUNT(p_day), checkin_row, &a },
		{ feel_sql, p_day, COUNT(p_day), feel_row, &a },
		{ sessions_sql, p_ms, COUNT(p_ms), session_row, &a },
		{ answers_sql, p_one, COUNT(p_one), answer_row, &a },
	};
	int rc = pg_query_two(st, steps, COUNT(steps), 2, what, err);
	struct dash_client *v = a.r.v;
	for (size_t i = 0; !rc && i < a.r.n; i++)
		if (v[i].n_checkins > 1)
			qsort(v[i].checkins, v[i].n_checkins, sizeof(*v[i].checkins), checkin_order);
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
