/* pg-audit.c: the PostgreSQL backend's check of a trainer's link (store_bind_as) and
 * the audit log (who read or changed whose records; app/audit.c), under the policies
 * of schema 8: the actor adds rows in their own name, the subject reads them. */
#include "store/pg-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bool_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	*(bool *)ctx = pg_bool(res, i, 0);
	return 0;
}

int pg_trains(struct store *s, int64_t trainer, int64_t client, bool *yes, struct strbuf *err)
{
	struct param p[] = { PINT(trainer), PINT(client) };
	*yes = false;
	return pg_query(pg(s), "SELECT EXISTS(SELECT 1 FROM trainer_clients t JOIN accounts a ON a.id = t.trainer_id"
			       " WHERE t.trainer_id = $1 AND t.client_id = $2 AND a.role = 'trainer' AND a.disabled_ms = 0)",
			p, COUNT(p), bool_row, yes, "look up the trainer's clients", err);
}

/* The rows, now (pg_run) or sent on the side connection (pg_side_send). */
static int audit_insert(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n, bool side,
			struct strbuf *err)
{
	if (valid_audit(s->person, row, subjects, n, err))
		return -1;
	/* the subjects as one array parameter, a row each: one statement. No RETURNING: the
	 * actor may add rows it may not read */
	static const char sql[] = "INSERT INTO audit(actor_id, actor_name, subject_id, what, at_ms)"
				  " SELECT $1, $2, unnest($3::bigint[]), $4, $5";
	struct strbuf ids = STRBUF_INIT;
	store_ids_text(&ids, subjects, n, "{}");
	struct param p[] = { PERSON(s), PTEXT(row->actor_name), PTEXT(ids.buf), PTEXT(row->what), PINT(row->at_ms) };
	int rc = side ? pg_side_send(pg(s), sql, p, COUNT(p), "write the audit log", err)
		      : pg_run(pg(s), sql, p, COUNT(p), "write the audit log", err);
	strbuf_release(&ids);
	return rc < 0 ? -1 : 0;
}

int pg_audit_add(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n,
		 struct strbuf *err)
{
	return audit_insert(s, row, subjects, n, false, err);
}

int pg_audit_send(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n,
		  struct strbuf *err)
{
	return audit_insert(s, row, subjects, n, true, err);
}

int pg_audit_wait(struct store *s, struct strbuf *err)
{
	return pg_side_wait(pg(s), err);
}

static int audit_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct audit_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	struct audit_row *a = &v[r->n++];
	a->id = pg_int(res, i, 0);
	a->actor_id = pg_int(res, i, 1);
	a->actor_name = pg_str(res, i, 2);
	a->subject_id = pg_int(res, i, 3);
	a->what = pg_str(res, i, 4);
	a->at_ms = pg_int(res, i, 5);
	return 0;
}

int pg_audit_list(struct store *s, size_t limit, struct audit_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	/* LIMIT NULL is no limit */
	struct param p[] = { PERSON(s), limit ? PINT((int64_t)limit) : PNULL };
	int ret = pg_query(pg(s), "SELECT id, actor_id, actor_name, subject_id, what, at_ms FROM audit"
				  " WHERE subject_id = $1 ORDER BY at_ms DESC, id DESC LIMIT $2",
			   p, COUNT(p), audit_row, &r, "read the audit log", err);
	if (ret < 0) {
		store_audit_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}
