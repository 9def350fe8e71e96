/* pg-kept.c: the PostgreSQL backend's kept dashboard results (store.h, dash_kept_get
 * and dash_kept_put; schema 16): each client of the trainer with the version of their
 * records now, and what was kept for them when it was made from that version. Run as
 * the trainer: row-level security lets them reach only their own kept rows, about the
 * clients whose records they may read. */
#include "store/pg-internal.h"
#include "store/valid.h"
#include "core/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char get_sql[] =
	"SELECT a.id, a.login, a.display_name, a.records_version,"
	" CASE WHEN d.key = $2 AND d.version = a.records_version THEN d.kept END"
	" FROM trainer_clients t JOIN accounts a ON a.id = t.client_id"
	" LEFT JOIN dash_kept d ON d.trainer_id = t.trainer_id AND d.client_id = t.client_id"
	" WHERE t.trainer_id = $1 AND a.disabled_ms = 0 ORDER BY a.id";

/* All the rows in one statement, as three arrays (a statement takes a few parameters). */

static int kept_row(PGresult *q, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct dash_kept *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct dash_kept *k = &v[r->n++];
	k->id = pg_int(q, i, 0);
	k->login = pg_str(q, i, 1);
	k->display_name = pg_str(q, i, 2);
	k->version = pg_int(q, i, 3);
	k->text = pg_null(q, i, 4) ? NULL : pg_str(q, i, 4);
	return 0;
}

int pg_dash_kept_get(struct store *s, const char *key, struct dash_kept **rows, size_t *n, struct strbuf *err)
{
	const char *what = "read the dashboard";
	struct pg_store *st = pg(s);
	struct rows r = { 0 };
	struct param p[] = { PERSON(s), PTEXT(key) };
	pg_side_drain(st); /* the lines put last, if still on their way, kept first */
	/* one statement: a transaction of its own, in one round trip (pg_query) */
	int rc = pg_query(st, get_sql, p, COUNT(p), kept_row, &r, what, err);
	if (rc < 0) {
		store_dash_kept_free(r.v, r.n);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

/* In place of what was kept, and only while the link stands. */
static const char put_sql[] =
	"INSERT INTO dash_kept(trainer_id, client_id, key, version, kept)"
	" SELECT $1, v.c, $2, v.v, v.k FROM unnest($3::bigint[], $4::bigint[], $5::text[]) AS v(c, v, k)"
	" WHERE EXISTS(SELECT 1 FROM trainer_clients t WHERE t.trainer_id = $1 AND t.client_id = v.c)"
	" ON CONFLICT (trainer_id, client_id) DO UPDATE SET key = excluded.key, version = excluded.version,"
	" kept = excluded.kept";

/* An array's element: quoted, with its quotes and backslashes escaped. */
static void add_element(struct strbuf *a, const char *s, bool first)
{
	strbuf_addch(a, first ? '{' : ',');
	strbuf_addch(a, '"');
	while (*s) { /* a run with nothing to escape, at once (a line is base64 and a few letters) */
		size_t run = strcspn(s, "\"\\");
		strbuf_add(a, s, run);
		s += run;
		if (*s) {
			strbuf_addch(a, '\\');
			strbuf_addch(a, *s++);
		}
	}
	strbuf_addch(a, '"');
}

int pg_dash_kept_put(struct store *s, const char *key, const struct dash_kept *rows, size_t n, struct strbuf *err)
{
	const char *what = "keep the dashboard";
	struct pg_store *st = pg(s);
	if (valid_dash_kept(key, rows, n, err))
		return -1;
	if (!n)
		return 0;
	struct strbuf ids = STRBUF_INIT, versions = STRBUF_INIT, texts = STRBUF_INIT;
	int64_t *id = xcalloc(n, sizeof(*id)), *version = xcalloc(n, sizeof(*version));
	for (size_t i = 0; i < n; i++) {
		id[i] = rows[i].id;
		version[i] = rows[i].version;
		add_element(&texts, rows[i].text, i == 0);
	}
	store_ids_text(&ids, id, n, "{}");
	store_ids_text(&versions, version, n, "{}");
	strbuf_addch(&texts, '}');
	free(id);
	free(version);
	struct param p[] = { PERSON(s), PTEXT(key), PTEXT(ids.buf), PTEXT(versions.buf), PTEXT(texts.buf) };
	/* on the side connection, not waited for: the dashboard is shown meanwhile */
	int rc = pg_side_post(st, put_sql, p, COUNT(p), what, err) < 0 ? -1 : 0;
	strbuf_release(&ids);
	strbuf_release(&versions);
	strbuf_release(&texts);
	return rc;
}
