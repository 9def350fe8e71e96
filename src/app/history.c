/* history.c: the sessions and, when asked, what was done in each (history.h). */
#include "app/history.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

int app_history(const struct app_ctx *ctx, const struct app_history_request *rq, struct app_history *h,
		struct strbuf *err)
{
	struct store *st = ctx->store;
	struct session_row *rows = NULL;
	size_t n = 0;
	memset(h, 0, sizeof(*h));
	if (st->ops->sessions_list(st, &rows, &n, err))
		return -1;
	h->sessions = xcalloc(n + 1, sizeof(*h->sessions));
	for (size_t i = 0; i < n; i++, h->n++) {
		struct app_history_session *s = &h->sessions[i];
		s->row = rows[i];
		memset(&rows[i], 0, sizeof(rows[i])); /* owned by h now */
		if (rq->details && (st->ops->exercises_of(st, s->row.id, &s->exercises, &s->n_exercises, err) ||
				    st->ops->sets_of(st, s->row.id, &s->sets, &s->n_sets, err) ||
				    st->ops->pains_of(st, s->row.id, &s->pains, &s->n_pains, err))) {
			h->n++;
			store_sessions_free(rows, n);
			app_history_release(h);
			return -1;
		}
	}
	store_sessions_free(rows, n);
	return 0;
}

void app_history_release(struct app_history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		struct app_history_session *s = &h->sessions[i];
		session_row_release(&s->row);
		store_exercises_free(s->exercises, s->n_exercises);
		store_sets_free(s->sets, s->n_sets);
		store_pains_free(s->pains, s->n_pains);
	}
	free(h->sessions);
	memset(h, 0, sizeof(*h));
}
