/* pg-web.c: the PostgreSQL backend's records of the web player's uploads: each
 * idempotency key kept once with its first answer, and the session made for a web session. */
#include "store/pg-internal.h"
#include "store/valid.h"
#include <string.h>

static int idem_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct idem_row *r = ctx;
	idem_row_release(r);
	r->key = pg_str(res, i, 0);
	r->request_hash = pg_str(res, i, 1);
	r->status = (int)pg_int(res, i, 2);
	r->answer = pg_str(res, i, 3);
	r->at_ms = pg_int(res, i, 4);
	return 0;
}

int pg_idem_get(struct store *s, const char *key, struct idem_row *out, bool *found, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct param p[] = { PERSON(s), PTEXT(key) };
	if (pg_query(pg(s), "SELECT key, request_hash, status, answer, at_ms FROM idempotency_keys"
			    " WHERE person_id = $1 AND key = $2",
		     p, COUNT(p), idem_read, out, "read an idempotency key", err) < 0) {
		idem_row_release(out);
		return -1;
	}
	*found = out->key != NULL;
	return 0;
}

int pg_idem_put(struct store *s, const struct idem_row *row, struct strbuf *err)
{
	if (valid_idem(row, err))
		return -1;
	struct param p[] = { PERSON(s), PTEXT(row->key), PTEXT(row->request_hash), PINT(row->status),
			     PTEXT(row->answer), PINT(row->at_ms) };
	int n = pg_run(pg(s), "INSERT INTO idempotency_keys(person_id, key, request_hash, status, answer, at_ms)"
			      " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
		       p, COUNT(p), "keep an idempotency key", err);
	return n < 0 ? -1 : n ? 0 : 1;
}

int pg_web_session_add(struct store *s, int64_t session, const char *web_id, const char *pass_id,
			   struct strbuf *err)
{
	const char *what = "record the web session";
	if (valid_web_ids(web_id, pass_id, err) || pg_owned(s, "sessions", "session", session, what, err))
		return -1;
	struct param p[] = { PERSON(s), PINT(session), PTEXT(web_id), PTEXT(pass_id) };
	int n = pg_run(pg(s), "INSERT INTO web_sessions(person_id, session_id, web_id, pass_id) VALUES ($1, $2, $3, $4)"
			      " ON CONFLICT DO NOTHING",
		       p, COUNT(p), what, err);
	return n < 0 ? -1 : n ? 0 : 1;
}

static int id_read(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	*(int64_t *)ctx = pg_int(res, i, 0);
	return 0;
}

int pg_web_session_find(struct store *s, const char *web_id, int64_t *session, struct strbuf *err)
{
	*session = 0;
	struct param p[] = { PERSON(s), PTEXT(web_id) };
	return pg_query(pg(s), "SELECT session_id FROM web_sessions WHERE person_id = $1 AND web_id = $2", p,
			COUNT(p), id_read, session, "read the web session", err) < 0 ? -1 : 0;
}

int pg_web_session_of(struct store *s, int64_t session, bool *web, struct strbuf *err)
{
	int64_t found = 0;
	struct param p[] = { PERSON(s), PINT(session) };
	int rc = pg_query(pg(s), "SELECT session_id FROM web_sessions WHERE person_id = $1 AND session_id = $2", p,
			  COUNT(p), id_read, &found, "read the web session", err) < 0 ? -1 : 0;
	*web = !rc && found == session;
	return rc;
}
