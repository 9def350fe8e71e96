/* sqlite-health.c: the SQLite backend's health records: check-ins with region scores,
 * screenings with their answers, clinicians' clearances, the functional scale, and
 * forgetting everything. Groups of writes run in one transaction. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/person-tables.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A group of writes: a transaction, or a savepoint inside an open batch. */
int sq_begin(struct sqlite_store *st, const char *what, struct strbuf *err)
{
	return sq_exec(st, st->batch ? "SAVEPOINT unhunch_group" : "BEGIN IMMEDIATE", what, err);
}

int sq_commit(struct sqlite_store *st, const char *what, struct strbuf *err)
{
	return sq_exec(st, st->batch ? "RELEASE unhunch_group" : "COMMIT", what, err);
}

void sq_rollback(struct sqlite_store *st)
{
	if (st->batch)
		sqlite3_exec(st->db, "ROLLBACK TO unhunch_group; RELEASE unhunch_group", NULL, NULL, NULL);
	else if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The tables a staged batch copies, in the order the schema made them (parents
 * before children), which are also the tables of a person's records; the session
 * lock stays live in the store, and meta (unused), the clinic's accounts and its
 * login sessions, failed logins, second factors and their recovery codes
 * (sqlite-accounts.c, sqlite-logins.c, sqlite-totp.c: the database's, not one
 * person's) and the dashboard's kept lines (sqlite-kept.c: made from the records)
 * hold no one's records. */
#define STAGED_TABLES "SELECT name, sql FROM main.sqlite_master WHERE type = 'table'" \
	" AND name NOT LIKE 'sqlite_%' AND name NOT IN ('session_lock', 'meta', 'accounts', 'trainer_clients'," \
	" 'invites', 'logins', 'login_failures', 'audit', 'account_totp'," \
	" 'recovery_codes', 'dash_kept') ORDER BY rowid"

struct stage_sql {
	struct strbuf sql; /* statements, ';'-separated */
	const char *fmt;   /* one table's statement: %w is its name */
};

static int stage_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct stage_sql *x = ctx;
	const char *name = (const char *)sqlite3_column_text(stmt, 0);
	const char *sql = (const char *)sqlite3_column_text(stmt, 1);
	if (!name || !sql)
		return 0;
	if (!x->fmt) { /* CREATE TABLE x(...) becomes CREATE TEMP TABLE x(...) */
		strbuf_addf(&x->sql, "CREATE TEMP TABLE%s;", sql + strlen("CREATE TABLE"));
		return 0;
	}
	char *one = sqlite3_mprintf(x->fmt, name, name, name);
	strbuf_addstr(&x->sql, one);
	sqlite3_free(one);
	return 0;
}

/* Statements for every staged table: CREATE TEMP copies (fmt NULL), or fmt per table. */
static int stage_statements(struct sqlite_store *st, const char *fmt, struct strbuf *out, struct strbuf *err)
{
	struct stage_sql x = { STRBUF_INIT, fmt };
	int ret = sq_query(st, STAGED_TABLES, NULL, 0, stage_row, &x, "prepare the batch", err);
	strbuf_addstr(out, strbuf_str(&x.sql));
	strbuf_release(&x.sql);
	return ret;
}

/* Whether any table has a row matching cond ("person_id = ?1" or its opposite, ?1
 * being the handle's person): *any is 1 or 0. */
static int any_rows(struct store *s, const char *cond, int64_t *any, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	struct strbuf sql = STRBUF_INIT;
	char *fmt = sqlite3_mprintf("SELECT 1 FROM main.\"%%w\" WHERE %s UNION ALL ", cond);
	int ret = stage_statements(st, fmt, &sql, err);
	sqlite3_free(fmt);
	*any = 0;
	if (!ret) {
		strbuf_addstr(&sql, "SELECT 0 LIMIT 1");
		struct param p[] = { PERSON(s) };
		sqlite3_stmt *stmt = sq_prepare(st, sql.buf, p, COUNT(p), "look at the store", err);
		if (!stmt)
			ret = -1;
		else if (sqlite3_step(stmt) == SQLITE_ROW)
			*any = sqlite3_column_int64(stmt, 0);
		sq_finish(st, stmt);
	}
	strbuf_release(&sql);
	return ret;
}

static void unstage(struct sqlite_store *st)
{
	struct strbuf drop = STRBUF_INIT;
	if (stage_statements(st, "DROP TABLE IF EXISTS temp.\"%w\";", &drop, NULL) == 0)
		sqlite3_exec(st->db, drop.buf, NULL, NULL, NULL);
	strbuf_release(&drop);
	st->staged = false;
	sq_cache_flush(st);
}

int sqlite_batch_begin(struct store *s, unsigned flags, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (st->batch) {
		strbuf_addstr(err, "a batch of writes is already open");
		return -1;
	}
	sq_cache_flush(st); /* the batch may put TEMP tables in front of the real ones */
	int64_t others = 0;
	if ((flags & STORE_BATCH_INTO_EMPTY) && any_rows(s, "person_id <> ?1", &others, err) < 0)
		return -1;
	/* The staged copy keeps the rows' ids, which only fit a store with no one's
	 * records; beside other people's records the batch is one write transaction. */
	st->into_empty = (flags & STORE_BATCH_INTO_EMPTY) && others;
	if ((flags & STORE_BATCH_INTO_EMPTY) && !others) {
		/* TEMP tables of the same names come first in name lookup: the batch's writes
		 * go there, with every constraint, and hold no lock on the file. They have no
		 * triggers: the sums migration 18 keeps (a check-in's places, a session's
		 * counts) are made by main's triggers when merge_staged copies the rows,
		 * parents first; nothing reads the staged rows before that */
		struct strbuf create = STRBUF_INIT;
		int rc = stage_statements(st, NULL, &create, err);
		if (!rc)
			rc = sq_exec(st, create.buf, "prepare the batch", err);
		strbuf_release(&create);
		st->staged = true;
		if (rc || sq_exec(st, "BEGIN", "start writing", err) < 0) {
			unstage(st);
			return -1;
		}
	} else if (sq_exec(st, "BEGIN IMMEDIATE", "start writing", err) < 0) {
		return -1;
	} else if (st->into_empty) {
		/* the write lock is held from here on: the person stays without records */
		int64_t mine = 0;
		if (any_rows(s, "person_id = ?1", &mine, err) < 0 || mine) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			if (mine)
				sq_fail(err, "%s: the store already holds records of this person", st->path);
			return -1;
		}
	}
	st->batch = true;
	return 0;
}

/* Copy the staged rows into the store in one short write transaction, which holds
 * only when the store is still empty. */
static int merge_staged(struct sqlite_store *st, struct strbuf *err)
{
	struct strbuf copy = STRBUF_INIT, count = STRBUF_INIT;
	int ret = -1;
	if (sq_exec(st, "COMMIT", "save the records", err) < 0 ||
	    stage_statements(st, "INSERT INTO main.\"%w\" SELECT * FROM temp.\"%w\";", &copy, err) < 0 ||
	    stage_statements(st, "SELECT 1 FROM main.\"%w\" UNION ALL ", &count, err) < 0)
		goto out;
	strbuf_addstr(&count, "SELECT 0 LIMIT 1");
	if (sq_exec(st, "BEGIN IMMEDIATE", "save the records", err) < 0)
		goto out;
	int64_t any = 0;
	sqlite3_stmt *stmt = sq_prepare(st, count.buf, NULL, 0, "save the records", err);
	if (!stmt)
		goto undo;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		any = sqlite3_column_int64(stmt, 0);
	sq_finish(st, stmt);
	if (any) {
		sq_fail(err, "%s: the store is not empty any more (another program wrote to it meanwhile)", st->path);
		goto undo;
	}
	if (sq_exec(st, copy.buf, "save the records", err) < 0 || sq_exec(st, "COMMIT", "save the records", err) < 0)
		goto undo;
	ret = 0;
	goto out;
undo:
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
out:
	strbuf_release(&copy);
	strbuf_release(&count);
	return ret;
}

int sqlite_batch_end(struct store *s, bool keep, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (!st->batch)
		return 0;
	st->batch = false;
	st->parts = 0; /* the commit or rollback ends the parts still open */
	sq_cache_flush(st);
	if (st->staged) {
		int ret = 0;
		if (keep)
			ret = merge_staged(st, err);
		else if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		unstage(st);
		return ret;
	}
	if (keep && sq_exec(st, "COMMIT", "save the records", err) == 0)
		return 0;
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return keep ? -1 : 0;
}

int sqlite_part_begin(struct store *s, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (!st->batch || st->staged || st->into_empty)
		return sq_fail(err, "%s: a part of a batch needs a batch of writes open (not one into an empty store)",
			       st->path);
	if (sq_exec(st, "SAVEPOINT unhunch_part", "start writing", err) < 0)
		return -1;
	st->parts++;
	return 0;
}

int sqlite_part_end(struct store *s, bool keep, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (!st->batch || st->parts <= 0)
		return sq_fail(err, "%s: could not end a part of a batch: none is open", st->path);
	st->parts--;
	/* a failed write of the part rolled its own group back already; SQLite's own
	 * rollback of the whole transaction (a full disk, say) leaves nothing to keep */
	if (sqlite3_get_autocommit(st->db)) { /* batch_end(keep = true) fails then too */
		st->parts = 0;
		return keep ? sq_fail(err, "%s: could not keep the writes: the batch was rolled back", st->path) : 0;
	}
	if (keep && sq_exec(st, "RELEASE unhunch_part", "save the records", err) == 0)
		return 0;
	sqlite3_exec(st->db, "ROLLBACK TO unhunch_part; RELEASE unhunch_part", NULL, NULL, NULL);
	return keep ? -1 : 0;
}

static struct param opt_int(int v)
{
	return v == CHECKIN_NONE ? PNULL : PINT(v);
}

static int opt_col(sqlite3_stmt *stmt, int i)
{
	return sqlite3_column_type(stmt, i) == SQLITE_NULL ? CHECKIN_NONE : sqlite3_column_int(stmt, i);
}

/* ---- check-ins ---- */

/* The check-in's row and its region scores, inside the caller's transaction. */
static int checkin_insert(struct store *s, struct checkin *c, const char *what, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	struct param p[] = {
		PERSON(s), PTEXT(c->date), PINT(c->at_ms), opt_int(c->pain), opt_int(c->headache), opt_int(c->stiffness),
		opt_int(c->stress), opt_int(c->sleep),
		c->desk_hours == CHECKIN_NONE ? PNULL : PREAL(c->desk_hours), opt_int(c->massage),
		c->note ? PTEXT(c->note) : PNULL,
	};
	if (sq_run(st, "INSERT INTO checkins(person_id, date, at_ms, pain, headache, stiffness, stress, sleep,"
		       " desk_hours, massage, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, COUNT(p), what, err) < 0)
		return -1;
	c->id = sqlite3_last_insert_rowid(st->db);
	for (int r = 0; r < REG__COUNT; r++) {
		if (c->region[r] == CHECKIN_NONE)
			continue;
		struct param q[] = { PERSON(s), PINT(c->id), PTEXT(region_names[r]), PINT(c->region[r]) };
		if (sq_run(st, "INSERT INTO checkin_regions(person_id, checkin_id, region, score) VALUES (?, ?, ?, ?)", q, COUNT(q),
			   what, err) < 0)
			return -1;
	}
	return 0;
}

int sqlite_checkin_add(struct store *s, struct checkin *c, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (valid_checkin(c, err))
		return -1;
	const char *what = "save the check-in";
	if (sq_begin(st, what, err) < 0)
		return -1;
	if (checkin_insert(s, c, what, err) < 0 || sq_commit(st, what, err) < 0) {
		sq_rollback(st);
		return -1;
	}
	return 0;
}

/* A row of CHECKIN_SELECT into c: its columns, and its places as kept packed on the
 * row (checkins.regions, SQ_REGION_SHIFT). */
static void checkin_cols(sqlite3_stmt *stmt, struct checkin *c)
{
	checkin_init(c);
	c->id = sqlite3_column_int64(stmt, 0);
	const unsigned char *d = sqlite3_column_text(stmt, 1);
	size_t n = d ? strnlen((const char *)d, sizeof(c->date) - 1) : 0;
	memcpy(c->date, d ? (const char *)d : "", n);
	c->date[n] = '\0';
	c->at_ms = sqlite3_column_int64(stmt, 2);
	c->pain = opt_col(stmt, 3);
	c->headache = opt_col(stmt, 4);
	c->stiffness = opt_col(stmt, 5);
	c->stress = opt_col(stmt, 6);
	c->sleep = opt_col(stmt, 7);
	c->desk_hours = sqlite3_column_type(stmt, 8) == SQLITE_NULL ? CHECKIN_NONE : sqlite3_column_double(stmt, 8);
	c->massage = opt_col(stmt, 9);
	c->note = sqlite3_column_type(stmt, 10) == SQLITE_NULL ? NULL : sq_col_str(stmt, 10);
	int64_t packed = sqlite3_column_int64(stmt, 11);
	for (int r = 0; r < REG__COUNT; r++) {
		int score = SQ_REGION_SCORE(packed, r);
		if (score >= 0)
			c->region[r] = score;
	}
}

static int checkin_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct checkin *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	checkin_cols(stmt, &v[r->n++]);
	return 0;
}

/* One table, one row a check-in: its places are on the row (migration 18), so years
 * of check-ins are one range of the index checkins_person, with no second read of
 * checkin_regions (bench/startup). */
#define CHECKIN_SELECT \
	"SELECT c.id, c.date, c.at_ms, c.pain, c.headache, c.stiffness, c.stress, c.sleep," \
	" c.desk_hours, c.massage, c.note, c.regions FROM checkins c WHERE c.person_id = ?1"

/* The person's check-ins by date, then time; only those dated from..to when from is
 * not NULL (a range the index checkins_person reads, not every row). */
static int checkins_of(struct store *s, const char *from, const char *to, struct checkin **rows, size_t *n,
		       const char *what, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s), from ? PTEXT(from) : PNULL, to ? PTEXT(to) : PNULL };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), from ? CHECKIN_SELECT " AND c.date BETWEEN ?2 AND ?3 ORDER BY c.date, c.at_ms, c.id"
				 : CHECKIN_SELECT " ORDER BY c.date, c.at_ms, c.id",
		     p, from ? COUNT(p) : 1, checkin_row, &r, what, err) < 0) {
		store_checkins_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

int sqlite_checkins_list(struct store *s, struct checkin **rows, size_t *n, struct strbuf *err)
{
	return checkins_of(s, NULL, NULL, rows, n, "list the check-ins", err);
}

int sqlite_checkins_between(struct store *s, const char *from, const char *to, struct checkin **rows, size_t *n,
			    struct strbuf *err)
{
	return checkins_of(s, from, to, rows, n, "read the check-ins of the days asked", err);
}

int sqlite_checkin_add_once(struct store *s, struct checkin *c, struct checkin **day, size_t *n, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	*day = NULL;
	*n = 0;
	if (valid_checkin(c, err))
		return -1;
	const char *what = "save the check-in";
	/* BEGIN IMMEDIATE takes the write lock before the look: a second writer waits for
	 * the commit and then finds the day taken */
	if (sq_begin(st, what, err) < 0)
		return -1;
	if (checkins_of(s, c->date, c->date, day, n, what, err) < 0)
		goto undo;
	if (*n) {
		sq_rollback(st);
		return 1;
	}
	if (checkin_insert(s, c, what, err) < 0 || sq_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	sq_rollback(st);
	store_checkins_free(*day, *n);
	*day = NULL;
	*n = 0;
	return -1;
}

/* ---- screenings and clearances ---- */

int sqlite_screening_add(struct store *s, struct screening_row *row, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = "save the screening";
	if (valid_screening(row, err))
		return -1;
	if (sq_begin(st, what, err) < 0)
		return -1;
	struct param p[] = { PERSON(s), PINT(row->at_ms), PINT(row->level), PINT(row->neck_clear) };
	if (sq_run(st, "INSERT INTO screenings(person_id, at_ms, level, neck_clear) VALUES (?, ?, ?, ?)", p, COUNT(p), what, err) < 0)
		goto undo;
	row->id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < row->n_answers; i++) {
		const struct answer_row *a = &row->answers[i];
		struct param q[] = { PERSON(s), PINT(row->id), PTEXT(a->question_id), PINT(a->yes), PINT(a->level),
				     PINT(a->locks_neck), PINT(a->fact) };
		if (sq_run(st, "INSERT INTO screening_answers(person_id, screening_id, question_id, yes, level,"
			       " locks_neck, fact) VALUES (?, ?, ?, ?, ?, ?, ?)", q, COUNT(q), what, err) < 0)
			goto undo;
	}
	if (sq_commit(st, what, err) < 0)
		goto undo;
	return 0;
undo:
	sq_rollback(st);
	return -1;
}

static int screening_head(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct screening_row *out = ctx;
	out->id = sqlite3_column_int64(stmt, 0);
	out->at_ms = sqlite3_column_int64(stmt, 1);
	out->level = sqlite3_column_int(stmt, 2);
	out->neck_clear = sqlite3_column_int(stmt, 3) != 0;
	return 0;
}

struct answers {
	struct answer_row *v;
	size_t n, alloc;
};

static int answer_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct answers *a = ctx;
	GROW(a->v, a->n + 1, a->alloc);
	a->v[a->n++] = (struct answer_row){ sq_col_str(stmt, 0), sqlite3_column_int(stmt, 1) != 0,
					    sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 3) != 0,
					    sqlite3_column_int(stmt, 4) != 0 };
	return 0;
}

/* Fill out->answers in the order they were recorded; on failure out holds none. */
static int screening_answers(struct sqlite_store *st, struct screening_row *out, const char *what,
			     struct strbuf *err)
{
	struct answers a = { NULL, 0, 0 };
	struct param p[] = { PINT(out->id) };
	int ret = sq_query(st, "SELECT question_id, yes, level, locks_neck, fact FROM screening_answers WHERE screening_id = ?"
			       " ORDER BY rowid", p, COUNT(p), answer_row, &a, what, err);
	out->answers = a.v;
	out->n_answers = a.n;
	if (ret < 0)
		screening_row_release(out);
	return ret;
}

int sqlite_screening_latest(struct store *s, struct screening_row *out, bool *found, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	struct param p[] = { PERSON(s) };
	memset(out, 0, sizeof(*out));
	out->id = -1;
	*found = false;
	if (sq_query(st, "SELECT id, at_ms, level, neck_clear FROM screenings WHERE person_id = ?"
			 " ORDER BY id DESC LIMIT 1", p, COUNT(p), screening_head, out, "read the last screening", err) < 0)
		return -1;
	if (out->id < 0)
		return 0;
	if (screening_answers(st, out, "read the last screening", err) < 0)
		return -1;
	*found = true;
	return 0;
}

static int screening_list_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	struct rows *r = ctx;
	struct screening_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	memset(&v[r->n], 0, sizeof(v[r->n]));
	return screening_head(st, stmt, &v[r->n++], err);
}

int sqlite_screenings_list(struct store *s, struct screening_row **rows, size_t *n, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	struct rows r = { 0 };
	struct screening_row *v;
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(st, "SELECT id, at_ms, level, neck_clear FROM screenings WHERE person_id = ? ORDER BY id",
		     p, COUNT(p),
		     screening_list_row, &r, "list the screenings", err) < 0)
		goto fail;
	v = r.v;
	for (size_t i = 0; i < r.n; i++)
		if (screening_answers(st, &v[i], "list the screenings", err) < 0)
			goto fail;
	*rows = r.v;
	*n = r.n;
	return 0;
fail:
	v = r.v;
	for (size_t i = 0; i < r.n; i++)
		screening_row_release(&v[i]);
	free(r.v);
	return -1;
}

int sqlite_clearance_add(struct store *s, struct clearance_row *row, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (valid_clearance(row, err))
		return -1;
	struct param p[] = { PERSON(s), PINT(row->at_ms), PTEXT(row->date), PTEXT(row->note), PINT(row->screening_id) };
	if (sq_owned(s, "screenings", "screening", row->screening_id, "save the clearance", err) < 0)
		return -1;
	if (sq_run(st, "INSERT INTO clearances(person_id, at_ms, date, note, screening_id) VALUES (?, ?, ?, ?, ?)",
		   p, COUNT(p),
		   "save the clearance", err) < 0)
		return -1;
	row->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int clearance_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct clearance_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct clearance_row *c = &v[r->n++];
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(stmt, 0);
	c->at_ms = sqlite3_column_int64(stmt, 1);
	const unsigned char *d = sqlite3_column_text(stmt, 2);
	snprintf(c->date, sizeof(c->date), "%s", d ? (const char *)d : "");
	c->note = sq_col_str(stmt, 3);
	c->screening_id = sqlite3_column_int64(stmt, 4);
	return 0;
}

int sqlite_clearances_list(struct store *s, struct clearance_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT id, at_ms, date, note, screening_id FROM clearances WHERE person_id = ?"
			    " ORDER BY at_ms, id", p, COUNT(p),
		     clearance_row, &r, "list the clearances", err) < 0) {
		store_clearances_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

/* ---- functional scale ---- */

int sqlite_psfs_activity_add(struct store *s, struct psfs_activity *a, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (valid_activity(a, err))
		return -1;
	struct param p[] = { PERSON(s), PTEXT(a->name), PINT(a->added_ms) };
	if (sq_run(st, "INSERT INTO psfs_activities(person_id, name, added_ms) VALUES (?, ?, ?)", p, COUNT(p), "add the activity",
		   err) < 0)
		return -1;
	a->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int activity_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct psfs_activity *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct psfs_activity){ sqlite3_column_int64(stmt, 0), sq_col_str(stmt, 1),
					    sqlite3_column_int64(stmt, 2) };
	return 0;
}

int sqlite_psfs_activities(struct store *s, struct psfs_activity **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT id, name, added_ms FROM psfs_activities WHERE person_id = ? ORDER BY id", p, COUNT(p), activity_row, &r,
		     "list the activities", err) < 0) {
		store_psfs_activities_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

int sqlite_psfs_rate(struct store *s, const struct psfs_rating *rt, struct strbuf *err)
{
	if (valid_rating(rt, err))
		return -1;
	struct param p[] = { PERSON(s), PINT(rt->activity_id), PTEXT(rt->date), PINT(rt->score) };
	if (sq_owned(s, "psfs_activities", "activity", rt->activity_id, "save the rating", err) < 0)
		return -1;
	return sq_run(sq(s), "INSERT INTO psfs_ratings(person_id, activity_id, date, score) VALUES (?, ?, ?, ?)"
			     " ON CONFLICT(activity_id, date) DO UPDATE SET score = excluded.score",
		      p, COUNT(p), "save the rating", err);
}

static int rating_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct psfs_rating *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct psfs_rating *x = &v[r->n++];
	x->activity_id = sqlite3_column_int64(stmt, 0);
	const unsigned char *d = sqlite3_column_text(stmt, 1);
	snprintf(x->date, sizeof(x->date), "%s", d ? (const char *)d : "");
	x->score = sqlite3_column_int(stmt, 2);
	return 0;
}

int sqlite_psfs_ratings(struct store *s, struct psfs_rating **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT activity_id, date, score FROM psfs_ratings WHERE person_id = ?"
			    " ORDER BY date, activity_id", p, COUNT(p),
		     rating_row, &r, "list the ratings", err) < 0) {
		free(r.v);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

/* The result row of PRAGMA wal_checkpoint: busy, frames in the log, frames copied. */
static int checkpoint_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	int *busy = ctx;
	*busy = sqlite3_column_int(stmt, 0);
	return 0;
}

int sqlite_forget_all(struct store *s, bool *wiped, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = "delete your data";
	*wiped = false;
	/* deleted rows are overwritten with zeros, not only marked free */
	if (sq_exec(st, "PRAGMA secure_delete=ON", what, err) < 0 || sq_begin(st, what, err) < 0)
		return -1;
	for (size_t i = 0; i < STORE_RECORD_TABLES; i++) {
		char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE person_id = ?", store_person_tables[i]);
		struct param p[] = { PERSON(s) };
		int rc = sq_run(st, sql, p, COUNT(p), what, err);
		sqlite3_free(sql);
		if (rc < 0) {
			sq_rollback(st);
			return -1;
		}
	}
	if (sq_commit(st, what, err) < 0) {
		sq_rollback(st);
		return -1;
	}
	/* The records are deleted. Now leave no old copy of them in free pages, the
	 * write-ahead log or the file: that needs every other reader of the old data gone. */
	int busy = 1;
	if (sq_exec(st, "VACUUM", "wipe the old copies", err) < 0 ||
	    sq_query(st, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, 0, checkpoint_row, &busy, "wipe the old copies",
		     err) < 0)
		return 0;
	if (busy) {
		sq_fail(err, "%s: another program still reads the database, so old copies of the deleted records "
			     "stay in the file until it closes", st->path);
		return 0;
	}
	*wiped = true;
	return 0;
}
