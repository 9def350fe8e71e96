/* audit.c: the audit log's use cases (audit.h): a line for every read and write of
 * another person's records, written in the actor's name before the read or write is
 * done (or while a read is done, nothing of it shown unless the line was written:
 * app_audit_start), and the subject's list of them. */
#include "app/audit.h"
#include "core/mem.h"
#include "core/tz.h"
#include <stdlib.h>
#include <string.h>

/* The actor's name as the log keeps it: the account's name, or the operator's. */
static int actor_name(struct store *h, int64_t actor, char **name, struct strbuf *err)
{
	*name = NULL;
	if (actor == STORE_LOCAL_PERSON) {
		*name = xstrdup("the clinic's operator (at the terminal)");
		return 0;
	}
	struct account_row a;
	bool found = false;
	if (h->ops->account_get(h, actor, NULL, &a, &found, err))
		return -1;
	if (!found) {
		strbuf_addf(err, "the audit log: there is no account %lld", (long long)actor);
		return -1;
	}
	*name = xstrdup(a.display_name);
	account_row_release(&a);
	return 0;
}

#define NOT_DONE " (nothing was read or changed: the audit log must say who did)"

/* The lines written (audit_add), or sent (audit_send: send) through a handle of actor's
 * left in p for app_audit_finish. */
static int audit_begin(const struct app_ctx *ctx, int64_t actor, const char *known, const int64_t *subjects, size_t n,
		       const char *what, bool send, struct app_audit_pending *p, struct strbuf *err)
{
	p->h = NULL;
	int64_t *others = xcalloc(n + 1, sizeof(*others));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (subjects[i] != actor)
			others[k++] = subjects[i];
	struct store *h = NULL;
	char *name = NULL;
	int rc = 0;
	if (k) {
		if (store_bind(&h, ctx->store->db, actor, err))
			rc = -1;
		else if (known)
			name = xstrdup(known);
		else
			rc = actor_name(h, actor, &name, err);
	}
	if (k && !rc) {
		struct audit_row row = { 0, actor, name, 0, (char *)what, ctx->now_ms };
		rc = send ? h->ops->audit_send(h, &row, others, k, err) : h->ops->audit_add(h, &row, others, k, err);
	}
	free(name);
	free(others);
	if (rc) {
		strbuf_addstr(err, NOT_DONE);
		store_close(h);
		return -1;
	}
	p->h = h;
	return 0;
}

int app_audit_start(const struct app_ctx *ctx, int64_t actor, const char *name, const int64_t *subjects, size_t n,
		    const char *what, struct app_audit_pending *p, struct strbuf *err)
{
	return audit_begin(ctx, actor, name, subjects, n, what, true, p, err);
}

int app_audit_finish(struct app_audit_pending *p, struct strbuf *err)
{
	if (!p->h)
		return 0;
	int rc = p->h->ops->audit_wait(p->h, err);
	if (rc)
		strbuf_addstr(err, NOT_DONE);
	store_close(p->h);
	p->h = NULL;
	return rc;
}

int app_audit_many(const struct app_ctx *ctx, int64_t actor, const int64_t *subjects, size_t n, const char *what,
		   struct strbuf *err)
{
	struct app_audit_pending p;
	if (audit_begin(ctx, actor, NULL, subjects, n, what, false, &p, err))
		return -1;
	store_close(p.h); /* written */
	return 0;
}

int app_audit(const struct app_ctx *ctx, int64_t actor, int64_t subject, const char *what, struct strbuf *err)
{
	return app_audit_many(ctx, actor, &subject, 1, what, err);
}

int app_audit_list(const struct app_ctx *ctx, int64_t subject, struct audit_row **rows, size_t *n,
		   struct strbuf *err)
{
	struct store *h = NULL;
	*rows = NULL;
	*n = 0;
	if (store_bind(&h, ctx->store->db, subject, err))
		return -1;
	int rc = h->ops->audit_list(h, APP_AUDIT_SHOWN, rows, n, err);
	store_close(h);
	return rc;
}

size_t app_audit_fold(const struct tz *tz, const struct audit_row *rows, size_t n, struct app_audit_line *out)
{
	size_t k = 0, day_from = 0; /* the lines of the day being folded start at day_from */
	int day = 0;
	for (size_t i = 0; i < n; i++) {
		const struct audit_row *r = &rows[i];
		int d = tz_day_of_ms(tz, r->at_ms);
		if (!i || d != day) {
			day = d;
			day_from = k;
		}
		size_t j = day_from;
		while (j < k && (out[j].actor_id != r->actor_id || strcmp(out[j].what, r->what) ||
				 strcmp(out[j].actor_name, r->actor_name)))
			j++;
		if (j == k)
			out[k++] = (struct app_audit_line){ r->actor_id, r->actor_name, r->what, r->at_ms, r->at_ms, 0 };
		struct app_audit_line *l = &out[j];
		l->count++;
		if (r->at_ms < l->first_ms)
			l->first_ms = r->at_ms;
		if (r->at_ms > l->last_ms)
			l->last_ms = r->at_ms;
	}
	return k;
}

int app_audit_view(const struct app_ctx *ctx, int64_t subject, struct app_audit_view *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct store *h = NULL;
	if (store_bind(&h, ctx->store->db, subject, err))
		return -1;
	int rc = h->ops->audit_list(h, APP_AUDIT_READ, &out->rows, &out->n_rows, err);
	store_close(h);
	if (rc)
		return -1;
	out->lines = xcalloc(out->n_rows + 1, sizeof(*out->lines));
	out->n = app_audit_fold(ctx->tz, out->rows, out->n_rows, out->lines);
	out->more = out->n_rows >= APP_AUDIT_READ;
	if (out->n > APP_AUDIT_SHOWN) {
		out->n = APP_AUDIT_SHOWN;
		out->more = true;
	}
	return 0;
}

void app_audit_view_release(struct app_audit_view *v)
{
	store_audit_free(v->rows, v->n_rows);
	free(v->lines);
	memset(v, 0, sizeof(*v));
}
