/* sqlite-audit.c: the SQLite backend's check of a trainer's link (store_bind_as) and
 * the audit log (who read or changed whose records; app/audit.c), and the log's
 * release function (any backend may use it). */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_audit_free(struct audit_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].actor_name);
		free(rows[i].what);
	}
	free(rows);
}

static int bool_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	*(bool *)ctx = sqlite3_column_int(stmt, 0) != 0;
	return 0;
}

int sqlite_trains(struct store *s, int64_t trainer, int64_t client, bool *yes, struct strbuf *err)
{
	struct param p[] = { PINT(trainer), PINT(client) };
	*yes = false;
	return sq_query(sq(s), "SELECT EXISTS(SELECT 1 FROM trainer_clients t JOIN accounts a ON a.id = t.trainer_id"
			       " WHERE t.trainer_id = ? AND t.client_id = ? AND a.role = 'trainer' AND a.disabled_ms = 0)",
			p, COUNT(p), bool_row, yes, "look up the trainer's clients", err) < 0 ? -1 : 0;
}

int sqlite_audit_add(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n,
		     struct strbuf *err)
{
	if (valid_audit(s->person, row, subjects, n, err))
		return -1;
	/* the subjects as a JSON array of numbers, one row each through json_each: one statement */
	struct strbuf ids = STRBUF_INIT;
	store_ids_text(&ids, subjects, n, "[]");
	struct param p[] = { PERSON(s), PTEXT(row->actor_name), PTEXT(row->what), PINT(row->at_ms), PTEXT(ids.buf) };
	int rc = sq_run(sq(s), "INSERT INTO audit(actor_id, actor_name, subject_id, what, at_ms)"
			       " SELECT ?, ?, value, ?, ? FROM json_each(?)",
			p, COUNT(p), "write the audit log", err);
	strbuf_release(&ids);
	return rc < 0 ? -1 : 0;
}

int sqlite_audit_wait(struct store *s, struct strbuf *err)
{
	(void)s;
	(void)err;
	return 0; /* audit_send wrote it */
}

static int audit_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct audit_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct audit_row *a = &v[r->n++];
	a->id = sqlite3_column_int64(stmt, 0);
	a->actor_id = sqlite3_column_int64(stmt, 1);
	a->actor_name = sq_col_str(stmt, 2);
	a->subject_id = sqlite3_column_int64(stmt, 3);
	a->what = sq_col_str(stmt, 4);
	a->at_ms = sqlite3_column_int64(stmt, 5);
	return 0;
}

int sqlite_audit_list(struct store *s, size_t limit, struct audit_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s), PINT(limit ? (int64_t)limit : -1) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT id, actor_id, actor_name, subject_id, what, at_ms FROM audit WHERE subject_id = ?"
			    " ORDER BY at_ms DESC, id DESC LIMIT ?",
		     p, COUNT(p), audit_row, &r, "read the audit log", err) < 0) {
		store_audit_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}
