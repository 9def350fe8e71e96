/* pg-health.c: the PostgreSQL backend's health records: check-ins with their regions,
 * screenings with their answers, clinicians' clearances, and the functional scale. */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct param opt_int(int v)
{
	return v == CHECKIN_NONE ? PNULL : PINT(v);
}

static int opt_col(PGresult *res, int i, int col)
{
	return pg_null(res, i, col) ? CHECKIN_NONE : (int)pg_int(res, i, col);
}

/* ---- check-ins ---- */

/* The check-in's row and its region scores, inside the caller's transaction. */
static int checkin_insert(struct store *s, struct checkin *c, const char *what, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	struct param p[] = {
		PERSON(s), PTEXT(c->date), PINT(c->at_ms), opt_int(c->pain), opt_int(c->headache), opt_int(c->stiffness),
		opt_int(c->stress), opt_int(c->sleep),
		c->desk_hours == CHECKIN_NONE ? PNULL : PREAL(c->desk_hours), opt_int(c->massage),
		c->note ? PTEXT(c->note) : PNULL,
	};
	if (pg_insert(st, "INSERT INTO checkins(person_id, date, at_ms, pain, headache, stiffness, stress, sleep,"
			  " desk_hours, massage, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
		      p, COUNT(p), &c->id, what, err) < 0)
		return -1;
	for (int r = 0; r < REG__COUNT; r++) {
		if (c->region[r] == CHECKIN_NONE)
			continue;
		struct param q[] = { PERSON(s), PINT(c->id), PTEXT(region_names[r]), PINT(c->region[r]) };
		if (pg_run(st, "INSERT INTO checkin_regions(person_id, checkin_id, region, score) VALUES ($1, $2, $3, $4)",
			   q, COUNT(q), what, err) < 0)
			return -1;
	}
	return 0;
}

int pg_checkin_add(struct store *s, struct checkin *c, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	if (valid_checkin(c, err))
		return -1;
	const char *what = "save the check-in";
	if (pg_begin(st, what, err) < 0)
		return -1;
	if (checkin_insert(s, c, what, err) < 0 || pg_commit(st, what, err) < 0) {
		pg_rollback(st);
		return -1;
	}
	return 0;
}

static int checkin_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct checkin *v = r->v;
	int64_t id = pg_int(res, i, 0);
	if (!r->n || v[r->n - 1].id != id) {
		GROW(v, r->n + 1, r->alloc);
		r->v = v;
		struct checkin *c = &v[r->n++];
		checkin_init(c);
		c->id = id;
		pg_date(c->date, res, i, 1);
		c->at_ms = pg_int(res, i, 2);
		c->pain = opt_col(res, i, 3);
		c->headache = opt_col(res, i, 4);
		c->stiffness = opt_col(res, i, 5);
		c->stress = opt_col(res, i, 6);
		c->sleep = opt_col(res, i, 7);
		c->desk_hours = pg_null(res, i, 8) ? CHECKIN_NONE : pg_real(res, i, 8);
		c->massage = opt_col(res, i, 9);
		c->note = pg_null(res, i, 10) ? NULL : pg_str(res, i, 10);
	}
	if (!pg_null(res, i, 11))
		for (int k = 0; k < REG__COUNT; k++)
			if (!strcmp(PQgetvalue(res, i, 11), region_names[k]))
				v[r->n - 1].region[k] = (int)pg_int(res, i, 12);
	return 0;
}

#define CHECKIN_SELECT \
	"SELECT c.id, c.date, c.at_ms, c.pain, c.headache, c.stiffness, c.stress, c.sleep," \
	" c.desk_hours, c.massage, c.note, g.region, g.score" \
	" FROM checkins c LEFT JOIN checkin_regions g ON g.checkin_id = c.id WHERE c.person_id = $1"

/* The person's check-ins by date, then time; only those dated from..to when from is
 * not NULL (a range of the index checkins_person). */
static int checkins_of(struct store *s, const char *from, const char *to, struct rows *r, const char *what,
		       struct strbuf *err)
{
	struct param p[] = { PERSON(s), from ? PTEXT(from) : PNULL, to ? PTEXT(to) : PNULL };
	int ret = pg_query(pg(s), from ? CHECKIN_SELECT " AND c.date BETWEEN $2 AND $3 ORDER BY c.date, c.at_ms, c.id"
				       : CHECKIN_SELECT " ORDER BY c.date, c.at_ms, c.id",
			   p, from ? COUNT(p) : 1, checkin_row, r, what, err);
	if (ret < 0) {
		store_checkins_free(r->v, r->n);
		*r = (struct rows){ 0 };
	}
	return ret;
}

int pg_checkins_list(struct store *s, struct checkin **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	int ret = checkins_of(s, NULL, NULL, &r, "list the check-ins", err);
	*rows = r.v;
	*n = r.n;
	return ret;
}

int pg_checkins_between(struct store *s, const char *from, const char *to, struct checkin **rows, size_t *n,
			struct strbuf *err)
{
	struct rows r = { 0 };
	int ret = checkins_of(s, from, to, &r, "read the check-ins of the days asked", err);
	*rows = r.v;
	*n = r.n;
	return ret;
}

int pg_checkin_add_once(struct store *s, struct checkin *c, struct checkin **day, size_t *n, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	struct rows r = { 0 };
	*day = NULL;
	*n = 0;
	if (valid_checkin(c, err))
		return -1;
	const char *what = "save the check-in";
	if (pg_begin(st, what, err) < 0)
		return -1;
	/* The person's check-ins of a day are looked at and added one writer at a time:
	 * the lock lasts to the end of the transaction (of the batch, inside one), and the
	 * look after it (a statement of its own, read committed) sees what the one before
	 * committed. */
	struct param me[] = { PERSON(s) };
	if (pg_run(st, "SELECT pg_advisory_xact_lock(3, hashint8($1))", me, COUNT(me), what, err) < 0 ||
	    checkins_of(s, c->date, c->date, &r, what, err) < 0)
		goto undo;
	if (r.n) {
		pg_rollback(st);
		*day = r.v;
		*n = r.n;
		return 1;
	}
	if (checkin_insert(s, c, what, err) < 0 || pg_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	pg_rollback(st);
	store_checkins_free(r.v, r.n);
	return -1;
}

/* ---- screenings and clearances ---- */

int pg_screening_add(struct store *s, struct screening_row *row, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "save the screening";
	if (valid_screening(row, err))
		return -1;
	if (pg_begin(st, what, err) < 0)
		return -1;
	struct param p[] = { PERSON(s), PINT(row->at_ms), PINT(row->level), PTEXT(row->neck_clear ? "t" : "f") };
	if (pg_insert(st, "INSERT INTO screenings(person_id, at_ms, level, neck_clear) VALUES ($1, $2, $3, $4)"
			  " RETURNING id", p, COUNT(p), &row->id, what, err) < 0)
		goto undo;
	for (size_t i = 0; i < row->n_answers; i++) {
		const struct answer_row *a = &row->answers[i];
		struct param q[] = { PERSON(s), PINT(row->id), PTEXT(a->question_id), PTEXT(a->yes ? "t" : "f"),
				     PINT(a->level), PTEXT(a->locks_neck ? "t" : "f"), PTEXT(a->fact ? "t" : "f") };
		if (pg_run(st, "INSERT INTO screening_answers(person_id, screening_id, question_id, yes, level,"
			       " locks_neck, fact) VALUES ($1, $2, $3, $4, $5, $6, $7)", q, COUNT(q), what, err) < 0)
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

static int screening_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct screening_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct screening_row){ pg_int(res, i, 0), pg_int(res, i, 1), (int)pg_int(res, i, 2),
					    pg_bool(res, i, 3), NULL, 0 };
	return 0;
}

struct answers {
	struct screening_row *row;
	size_t alloc;
};

static int answer_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct answers *a = ctx;
	struct screening_row *o = a->row;
	GROW(o->answers, o->n_answers + 1, a->alloc);
	o->answers[o->n_answers++] = (struct answer_row){ pg_str(res, i, 0), pg_bool(res, i, 1),
							  (int)pg_int(res, i, 2), pg_bool(res, i, 3),
							  pg_bool(res, i, 4) };
	return 0;
}

/* The person's screenings (tail orders and limits them), each with its answers in the
 * order given; on failure none. */
static int screenings_where(struct store *s, const char *tail, struct rows *r, const char *what, struct strbuf *err)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT id, at_ms, level, neck_clear FROM screenings WHERE person_id = $1%s", tail);
	struct param p[] = { PERSON(s) };
	int ret = pg_query(pg(s), sql, p, COUNT(p), screening_row, r, what, err);
	struct screening_row *v = r->v;
	for (size_t i = 0; i < r->n && !ret; i++) {
		struct param q[] = { PINT(v[i].id), PERSON(s) };
		struct answers a = { &v[i], 0 };
		ret = pg_query(pg(s), "SELECT question_id, yes, level, locks_neck, fact FROM screening_answers"
				      " WHERE screening_id = $1 AND person_id = $2 ORDER BY id",
			       q, COUNT(q), answer_row, &a, what, err);
	}
	if (ret < 0) {
		for (size_t i = 0; i < r->n; i++)
			screening_row_release(&v[i]);
		free(r->v);
		*r = (struct rows){ 0 };
	}
	return ret;
}

int pg_screening_latest(struct store *s, struct screening_row *out, bool *found, struct strbuf *err)
{
	struct rows r = { 0 };
	memset(out, 0, sizeof(*out));
	out->id = -1;
	*found = false;
	if (screenings_where(s, " ORDER BY id DESC LIMIT 1", &r, "read the last screening", err) < 0)
		return -1;
	if (r.n) {
		*out = ((struct screening_row *)r.v)[0];
		*found = true;
	}
	free(r.v);
	return 0;
}

int pg_screenings_list(struct store *s, struct screening_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	int ret = screenings_where(s, " ORDER BY id", &r, "list the screenings", err);
	*rows = r.v;
	*n = r.n;
	return ret;
}

int pg_clearance_add(struct store *s, struct clearance_row *row, struct strbuf *err)
{
	if (valid_clearance(row, err))
		return -1;
	if (pg_owned(s, "screenings", "screening", row->screening_id, "save the clearance", err) < 0)
		return -1;
	struct param p[] = { PERSON(s), PINT(row->at_ms), PTEXT(row->date), PTEXT(row->note), PINT(row->screening_id) };
	return pg_insert(pg(s), "INSERT INTO clearances(person_id, at_ms, date, note, screening_id)"
				" VALUES ($1, $2, $3, $4, $5) RETURNING id",
			 p, COUNT(p), &row->id, "save the clearance", err);
}

static int clearance_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct clearance_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct clearance_row *c = &v[r->n++];
	memset(c, 0, sizeof(*c));
	c->id = pg_int(res, i, 0);
	c->at_ms = pg_int(res, i, 1);
	pg_date(c->date, res, i, 2);
	c->note = pg_str(res, i, 3);
	c->screening_id = pg_int(res, i, 4);
	return 0;
}

int pg_clearances_list(struct store *s, struct clearance_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	int ret = pg_query(pg(s), "SELECT id, at_ms, date, note, screening_id FROM clearances WHERE person_id = $1"
				  " ORDER BY at_ms, id", p, COUNT(p), clearance_row, &r, "list the clearances", err);
	if (ret < 0) {
		store_clearances_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}

/* ---- functional scale ---- */

int pg_psfs_activity_add(struct store *s, struct psfs_activity *a, struct strbuf *err)
{
	if (valid_activity(a, err))
		return -1;
	struct param p[] = { PERSON(s), PTEXT(a->name), PINT(a->added_ms) };
	return pg_insert(pg(s), "INSERT INTO psfs_activities(person_id, name, added_ms) VALUES ($1, $2, $3) RETURNING id",
			 p, COUNT(p), &a->id, "add the activity", err);
}

static int activity_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct psfs_activity *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct psfs_activity){ pg_int(res, i, 0), pg_str(res, i, 1), pg_int(res, i, 2) };
	return 0;
}

int pg_psfs_activities(struct store *s, struct psfs_activity **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	int ret = pg_query(pg(s), "SELECT id, name, added_ms FROM psfs_activities WHERE person_id = $1 ORDER BY id",
			   p, COUNT(p), activity_row, &r, "list the activities", err);
	if (ret < 0) {
		store_psfs_activities_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}

int pg_psfs_rate(struct store *s, const struct psfs_rating *rt, struct strbuf *err)
{
	if (valid_rating(rt, err))
		return -1;
	if (pg_owned(s, "psfs_activities", "activity", rt->activity_id, "save the rating", err) < 0)
		return -1;
	struct param p[] = { PERSON(s), PINT(rt->activity_id), PTEXT(rt->date), PINT(rt->score) };
	return pg_run(pg(s), "INSERT INTO psfs_ratings(person_id, activity_id, date, score) VALUES ($1, $2, $3, $4)"
			     " ON CONFLICT(activity_id, date) DO UPDATE SET score = excluded.score",
		      p, COUNT(p), "save the rating", err) < 0 ? -1 : 0;
}

static int rating_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct psfs_rating *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct psfs_rating *x = &v[r->n++];
	x->activity_id = pg_int(res, i, 0);
	pg_date(x->date, res, i, 1);
	x->score = (int)pg_int(res, i, 2);
	return 0;
}

int pg_psfs_ratings(struct store *s, struct psfs_rating **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	int ret = pg_query(pg(s), "SELECT activity_id, date, score FROM psfs_ratings WHERE person_id = $1"
				  " ORDER BY date, activity_id", p, COUNT(p), rating_row, &r, "list the ratings", err);
	if (ret < 0) {
		free(r.v);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}
