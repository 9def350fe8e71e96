/* history.c: the sessions and, when asked, what was done in each; the days with a
 * massage (history.h). */
#include "app/history.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

static int by_date(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The days whose check-in says there was a massage, oldest first. */
static int massages(struct store *st, struct app_history *h, struct strbuf *err)
{
	struct checkin *c = NULL;
	size_t n = 0;
	if (st->ops->checkins_list(st, &c, &n, err)) {
		app_history_release(h);
		return -1;
	}
	h->massages = xcalloc(n + 1, sizeof(*h->massages));
	for (size_t i = 0; i < n; i++)
		if (c[i].massage == 1)
			memcpy(h->massages[h->n_massages++], c[i].date, sizeof(c[i].date));
	qsort(h->massages, h->n_massages, sizeof(*h->massages), by_date);
	size_t k = 0; /* two check-ins of one day are one massage day */
	for (size_t i = 0; i < h->n_massages; i++)
		if (!k || strcmp(h->massages[k - 1], h->massages[i]))
			memmove(h->massages[k++], h->massages[i], sizeof(*h->massages));
	h->n_massages = k;
	store_checkins_free(c, n);
	return 0;
}

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
	if (st->ops->appointments_list(st, &h->appointments, &h->n_appointments, err)) {
		app_history_release(h);
		return -1;
	}
	return massages(st, h, err);
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
	free(h->massages);
	store_appointments_free(h->appointments, h->n_appointments);
	memset(h, 0, sizeof(*h));
}
