/* acting.c: a trainer's view of one client's records (acting.h): the link checked, the
 * audit line written, then a read-only handle acting as the trainer. */
#include "app/acting.h"
#include "app/audit.h"
#include "core/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum app_view app_client_view(const struct app_ctx *ctx, int64_t viewer, int64_t client, const char *what,
			      struct app_ctx *view, struct strbuf *err)
{
	memset(view, 0, sizeof(*view));
	if (viewer <= STORE_LOCAL_PERSON || client <= STORE_LOCAL_PERSON || viewer == client)
		return APP_VIEW_NOT_ALLOWED;
	/* an enabled trainer linked to the client (on PostgreSQL read as the viewer, who
	 * sees their own links only) */
	bool yes = false;
	if (ctx->store->ops->trains(ctx->store, viewer, client, &yes, err))
		return APP_VIEW_FAILED;
	if (!yes)
		return APP_VIEW_NOT_ALLOWED;
	if (app_audit(ctx, viewer, client, what, err))
		return APP_VIEW_FAILED;
	struct store *h = NULL;
	if (store_bind_as(&h, ctx->store->db, client, viewer, err))
		return APP_VIEW_FAILED;
	*view = *ctx;
	view->store = h;
	return APP_VIEW_OK;
}

void app_client_view_close(struct app_ctx *view)
{
	store_close(view->store);
	view->store = NULL;
}

int app_client_records(const struct app_ctx *ctx, const struct app_ctx *view, struct app_client_records *out,
		       struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	struct store *own = ctx->store, *h = view->store;
	bool found = false;
	if (own->ops->account_get(own, h->person, NULL, &out->client, &found, err))
		return -1;
	if (!found) {
		strbuf_addf(err, "there is no account %lld", (long long)h->person);
		return -1;
	}
	if (out->client.password_hash) /* not the page's */
		memset(out->client.password_hash, 0, strlen(out->client.password_hash));
	struct prescription_row *rx = NULL;
	struct session_row *ss = NULL;
	size_t n_rx = 0, n_ss = 0;
	if (h->ops->prescriptions_list(h, &rx, &n_rx, err) || h->ops->sessions_list(h, &ss, &n_ss, err)) {
		store_prescriptions_free(rx, n_rx);
		store_sessions_free(ss, n_ss);
		app_client_records_release(out);
		return -1;
	}
	/* newest first */
	out->rx = xcalloc(n_rx + 1, sizeof(*out->rx));
	out->rx_by = xcalloc(n_rx + 1, sizeof(*out->rx_by));
	out->n_rx = n_rx;
	for (size_t i = 0; i < n_rx; i++) {
		out->rx[i] = rx[n_rx - 1 - i];
		struct account_row t;
		bool seen = false;
		if (out->rx[i].trainer_id == view->store->acting) {
			snprintf(out->rx_by[i], sizeof(out->rx_by[i]), "you");
		} else if (!own->ops->account_get(own, out->rx[i].trainer_id, NULL, &t, &seen, NULL) && seen) {
			snprintf(out->rx_by[i], sizeof(out->rx_by[i]), "%s", t.login);
			account_row_release(&t);
		}
	}
	free(rx);
	size_t keep = n_ss < APP_CLIENT_SESSIONS ? n_ss : APP_CLIENT_SESSIONS;
	out->sessions = xcalloc(keep + 1, sizeof(*out->sessions));
	out->n_sessions = keep;
	for (size_t i = 0; i < n_ss; i++) {
		if (i < keep)
			out->sessions[i] = ss[n_ss - 1 - i];
		else
			session_row_release(&ss[n_ss - 1 - i]);
	}
	free(ss);
	return 0;
}

void app_client_records_release(struct app_client_records *r)
{
	account_row_release(&r->client);
	store_prescriptions_free(r->rx, r->n_rx);
	free(r->rx_by);
	store_sessions_free(r->sessions, r->n_sessions);
	memset(r, 0, sizeof(*r));
}
