/* audit.c: the audit log's use cases (audit.h): a line for every read and write of
 * another person's records, written in the actor's name before the read or write is
 * done, and the subject's list of them. */
#include "app/audit.h"
#include "core/mem.h"
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

int app_audit_many(const struct app_ctx *ctx, int64_t actor, const int64_t *subjects, size_t n, const char *what,
		   struct strbuf *err)
{
	int64_t *others = xcalloc(n + 1, sizeof(*others));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (subjects[i] != actor)
			others[k++] = subjects[i];
	struct store *h = NULL;
	char *name = NULL;
	int rc = 0;
	if (k && (store_bind(&h, ctx->store->db, actor, err) || actor_name(h, actor, &name, err))) {
		rc = -1;
	} else if (k) {
		struct audit_row row = { 0, actor, name, 0, (char *)what, ctx->now_ms };
		rc = h->ops->audit_add(h, &row, others, k, err);
	}
	if (rc)
		strbuf_addstr(err, " (nothing was read or changed: the audit log must say who did)");
	free(name);
	store_close(h);
	free(others);
	return rc;
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
