/* sqlite-kept.c: the SQLite backend's kept dashboard results (store.h, dash_kept_get
 * and dash_kept_put; schema 19): each client of the trainer with the version of their
 * records now, and what was kept for them when it was made from that version. */
#include "store/sqlite-internal.h"
#include "store/valid.h"
#include "core/mem.h"
#include <string.h>

static const char get_sql[] =
	"SELECT a.id, a.login, a.display_name, a.records_version,"
	" CASE WHEN d.key = ?2 AND d.version = a.records_version THEN d.kept END"
	" FROM trainer_clients t JOIN accounts a ON a.id = t.client_id"
	" LEFT JOIN dash_kept d ON d.trainer_id = t.trainer_id AND d.client_id = t.client_id"
	" WHERE t.trainer_id = ?1 AND a.disabled_ms = 0 ORDER BY a.id";

/* In place of what was kept, and only while the link stands. */
static const char put_sql[] =
	"INSERT INTO dash_kept(trainer_id, client_id, key, version, kept)"
	" SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS(SELECT 1 FROM trainer_clients t"
	"  WHERE t.trainer_id = ?1 AND t.client_id = ?2)"
	" ON CONFLICT(trainer_id, client_id) DO UPDATE SET key = excluded.key, version = excluded.version,"
	" kept = excluded.kept";

static int kept_row(struct sqlite_store *st, sqlite3_stmt *q, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct rows *r = ctx;
	struct dash_kept *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct dash_kept *k = &v[r->n++];
	k->id = sqlite3_column_int64(q, 0);
	k->login = sq_col_str(q, 1);
	k->display_name = sq_col_str(q, 2);
	k->version = sqlite3_column_int64(q, 3);
	k->text = sqlite3_column_type(q, 4) == SQLITE_NULL ? NULL : sq_col_str(q, 4);
	return 0;
}

int sqlite_dash_kept_get(struct store *s, const char *key, struct dash_kept **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s), PTEXT(key) };
	if (sq_query(sq(s), get_sql, p, COUNT(p), kept_row, &r, "read the dashboard", err) < 0) {
		store_dash_kept_free(r.v, r.n);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

int sqlite_dash_kept_put(struct store *s, const char *key, const struct dash_kept *rows, size_t n,
			 struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	const char *what = "keep the dashboard";
	if (valid_dash_kept(key, rows, n, err))
		return -1;
	/* lost to a power cut, a line is only folded again: its version says what it was
	 * made from, so it is never shown stale; the commit need not wait for the disk */
	bool light = sq_light_begin(st);
	int rc = sq_begin(st, what, err);
	for (size_t i = 0; i < n && !rc; i++) {
		struct param p[] = { PERSON(s), PINT(rows[i].id), PTEXT(key), PINT(rows[i].version),
				     PTEXT(rows[i].text) };
		rc = sq_run(st, put_sql, p, COUNT(p), what, err);
	}
	if (!rc)
		rc = sq_commit(st, what, err);
	if (rc < 0)
		sq_rollback(st);
	return sq_light_end(st, light, err) < 0 ? -1 : rc;
}
