/* pg-batch.c: the PostgreSQL backend's forgetting (every record of one person in one
 * transaction), batches (one transaction), and the session lock (one row per person,
 * read and replaced under a row lock). */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "store/person-tables.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int pg_forget_all(struct store *s, bool *wiped, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "delete your data";
	*wiped = false;
	if (st->batch)
		return pg_fail(err, "%s: could not %s: a batch is open", st->where, what);
	if (pg_begin(st, what, err) < 0)
		return -1;
	for (size_t i = 0; i < STORE_RECORD_TABLES; i++) {
		char sql[96];
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE person_id = $1", store_person_tables[i]);
		struct param p[] = { PERSON(s) };
		if (pg_run(st, sql, p, COUNT(p), what, err) < 0) {
			pg_rollback(st);
			return -1;
		}
	}
	if (pg_commit(st, what, err) < 0) {
		pg_rollback(st);
		return -1;
	}
	/* Deleted rows stay in the table files and the write-ahead log until PostgreSQL's
	 * own VACUUM and checkpoints reuse the space: not a wipe this program can finish. */
	pg_fail(err, "%s: the records are deleted; PostgreSQL keeps old copies in its files until its "
		     "clean-up (VACUUM) reuses the space", st->where);
	return 0;
}

/* Whether the person has a record this transaction did not write (a batch writes no
 * savepoints, so its rows carry the transaction's own id in xmin). */
static int others_row(PGresult *res, int row, void *ctx, struct strbuf *err)
{
	(void)err;
	*(bool *)ctx = pg_bool(res, row, 0);
	return 0;
}

static int has_other_rows(struct store *s, bool *found, struct strbuf *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "WITH me AS (SELECT (pg_current_xact_id()::text::numeric % 4294967296)::text AS x) SELECT false");
	for (size_t i = 0; i < STORE_RECORD_TABLES; i++)
		strbuf_addf(&sql, " OR EXISTS(SELECT 1 FROM %s, me WHERE person_id = $1 AND xmin::text <> me.x)",
			    store_person_tables[i]);
	struct param p[] = { PERSON(s) };
	*found = false;
	int ret = pg_query(pg(s), strbuf_str(&sql), p, COUNT(p), others_row, found, "check the store is empty", err);
	strbuf_release(&sql);
	return ret;
}

int pg_batch_begin(struct store *s, unsigned flags, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "begin the batch";
	if (st->batch)
		return pg_fail(err, "%s: could not %s: a batch is open already (batches do not nest)", st->where, what);
	if (pg_begin(st, what, err) < 0)
		return -1;
	st->batch = true;
	st->into_empty = (flags & STORE_BATCH_INTO_EMPTY) != 0;
	bool found = false;
	if (st->into_empty && (has_other_rows(s, &found, err) < 0 || found)) {
		if (found)
			pg_fail(err, "%s: could not %s: the store holds records already", st->where, what);
		PQclear(PQexec(st->conn, "ROLLBACK"));
		st->batch = st->into_empty = false;
		return -1;
	}
	return 0;
}

int pg_batch_end(struct store *s, bool keep, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "keep the batch";
	if (!st->batch)
		return pg_fail(err, "%s: could not end the batch: none is open", st->where);
	bool into_empty = st->into_empty;
	st->batch = st->into_empty = false;
	st->parts = 0; /* the commit or rollback ends the parts still open */
	if (!keep) {
		PQclear(PQexec(st->conn, "ROLLBACK"));
		return 0;
	}
	if (PQtransactionStatus(st->conn) != PQTRANS_INTRANS) {
		PQclear(PQexec(st->conn, "ROLLBACK"));
		return pg_fail(err, "%s: could not %s: one of its writes failed", st->where, what);
	}
	/* Two batches into the same empty person's records wait for each other here, so
	 * the second sees the first's rows and is refused. */
	bool found = false;
	struct param p[] = { PERSON(s) };
	if (into_empty && (pg_run(st, "SELECT pg_advisory_xact_lock(2, hashint8($1))", p, COUNT(p), what, err) < 0 ||
			   has_other_rows(s, &found, err) < 0 || found)) {
		if (found)
			pg_fail(err, "%s: could not %s: records were added meanwhile", st->where, what);
		PQclear(PQexec(st->conn, "ROLLBACK"));
		return -1;
	}
	PGresult *res = PQexec(st->conn, "COMMIT");
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK && !strcmp(PQcmdStatus(res), "COMMIT");
	if (!ok) {
		const char *msg = PQerrorMessage(st->conn);
		pg_fail(err, "%s: could not %s: %.*s", st->where, what, (int)strcspn(msg, "\n"),
			*msg ? msg : "it was rolled back");
	}
	PQclear(res);
	return ok ? 0 : -1;
}

int pg_part_begin(struct store *s, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "begin a part of the batch";
	if (!st->batch || st->into_empty)
		return pg_fail(err, "%s: could not %s: it needs a batch of writes open (not one into an empty store)",
			       st->where, what);
	if (PQtransactionStatus(st->conn) != PQTRANS_INTRANS)
		return pg_fail(err, "%s: could not %s: a write of the batch failed", st->where, what);
	PGresult *res = PQexec(st->conn, "SAVEPOINT unhunch_part");
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok)
		return pg_fail(err, "%s: could not %s", st->where, what);
	st->parts++;
	return 0;
}

int pg_part_end(struct store *s, bool keep, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "keep a part of the batch";
	if (!st->batch || st->parts <= 0)
		return pg_fail(err, "%s: could not %s: none is open", st->where, what);
	st->parts--;
	/* a write of the part that failed spoiled the transaction: only undoing the part
	 * lets the batch go on */
	bool failed = PQtransactionStatus(st->conn) != PQTRANS_INTRANS;
	if (keep && !failed) {
		PGresult *res = PQexec(st->conn, "RELEASE SAVEPOINT unhunch_part");
		bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		PQclear(res);
		if (ok)
			return 0;
	}
	PQclear(PQexec(st->conn, "ROLLBACK TO SAVEPOINT unhunch_part"));
	PQclear(PQexec(st->conn, "RELEASE SAVEPOINT unhunch_part"));
	st->named = 0; /* the person named inside the part is undone with it: name it again */
	if (keep)
		return pg_fail(err, "%s: could not %s: one of its writes failed", st->where, what);
	return 0;
}

/* ---- the session lock ---- */

static int holder_row(PGresult *res, int row, void *ctx, struct strbuf *err)
{
	(void)err;
	char **out = ctx;
	free(*out);
	*out = pg_str(res, row, 0);
	return 0;
}

int pg_session_lock(struct store *s, const struct store_holder *h, int64_t now_ms, char **held_by,
		    struct strbuf *err)
{
	struct pg_store *st = pg(s);
	const char *what = "take the session lock";
	char *cur = NULL;
	*held_by = NULL;
	if (valid_holder(h, err))
		return -1;
	if (pg_begin(st, what, err) < 0)
		return -1;
	struct param me[] = { PERSON(s) };
	/* the row exists (made free if need be), then is locked until the commit */
	if (pg_run(st, "INSERT INTO session_lock(person_id, holder, at_ms) VALUES ($1, '', 0)"
		       " ON CONFLICT(person_id) DO NOTHING", me, COUNT(me), what, err) < 0 ||
	    pg_query(st, "SELECT holder FROM session_lock WHERE person_id = $1 FOR UPDATE", me, COUNT(me), holder_row,
		     &cur, what, err) < 0)
		goto undo;
	if (cur && *cur && strcmp(cur, h->id) && (!h->alive || h->alive(cur, h->ctx))) {
		pg_rollback(st);
		*held_by = cur;
		return 1;
	}
	struct param p[] = { PERSON(s), PTEXT(h->id), PINT(now_ms) };
	if (pg_run(st, "INSERT INTO session_lock(person_id, holder, at_ms) VALUES ($1, $2, $3)"
		       " ON CONFLICT(person_id) DO UPDATE SET holder = excluded.holder, at_ms = excluded.at_ms",
		   p, COUNT(p), what, err) < 0 ||
	    pg_commit(st, what, err) < 0)
		goto undo;
	free(cur);
	return 0;
undo:
	pg_rollback(st);
	free(cur);
	return -1;
}

int pg_session_unlock(struct store *s, const char *h_id, struct strbuf *err)
{
	struct param p[] = { PERSON(s), PTEXT(h_id ? h_id : "") };
	return pg_run(pg(s), "DELETE FROM session_lock WHERE person_id = $1 AND holder = $2", p, COUNT(p),
		      "give back the session lock", err) < 0 ? -1 : 0;
}
