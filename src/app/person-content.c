/* person-content.c: the content as one person's routines run, with the steps their
 * trainer added (person-content.h). */
#include "app/person-content.h"
#include "core/mem.h"
#include "core/prescribe.h"
#include <stdlib.h>
#include <string.h>

void app_person_content_of(const struct prescription_row *rows, size_t n, const struct catalog *base,
			   struct catalog *out)
{
	*out = *base;
	for (size_t i = 0; i < n; i++) {
		const struct prescription_row *p = &rows[i];
		if (!p->place || !*p->place)
			continue;
		const struct routine *r = catalog_routine(base, p->routine_id);
		const struct exercise *e = catalog_exercise(base, p->exercise_id);
		if (!r || r->broken || !e || e->broken)
			continue;
		size_t k = (size_t)(r - base->rt);
		if (out->rt == base->rt) {
			out->rt = xcalloc(base->n_rt + 1, sizeof(*out->rt));
			memcpy(out->rt, base->rt, base->n_rt * sizeof(*out->rt));
		}
		struct routine *mine = &out->rt[k];
		size_t there = mine->n_items;
		for (size_t j = 0; j < mine->n_items && there == mine->n_items; j++)
			if (!strcmp(mine->items[j].exercise, e->id))
				there = j;
		if (!strcmp(p->place, RX_PLACE_OUT)) { /* a step added, taken out again: never one of r's own */
			bool own = false;
			for (size_t j = 0; j < r->n_items && !own; j++)
				own = !strcmp(r->items[j].exercise, e->id);
			if (there < mine->n_items && !own) {
				memmove(&mine->items[there], &mine->items[there + 1],
					(mine->n_items - there - 1) * sizeof(*mine->items));
				mine->n_items--;
			}
			continue;
		}
		if (there < mine->n_items)
			continue;
		size_t at = rx_place_index(mine->items, mine->n_items, p->place);
		struct item *v = rx_items_with(mine->items, mine->n_items, at, e);
		if (mine->items != r->items)
			free(mine->items);
		mine->items = v;
		mine->n_items++;
	}
}

int app_person_content(struct store *st, const struct catalog *base, struct catalog *out, struct strbuf *err)
{
	struct prescription_row *rows = NULL;
	size_t n = 0;
	*out = *base;
	if (st->ops->prescriptions_list(st, &rows, &n, err))
		return -1;
	app_person_content_of(rows, n, base, out);
	store_prescriptions_free(rows, n);
	return 0;
}

void app_person_content_release(struct catalog *out, const struct catalog *base)
{
	if (out->rt && out->rt != base->rt) {
		for (size_t k = 0; k < base->n_rt; k++)
			if (out->rt[k].items != base->rt[k].items)
				free(out->rt[k].items);
		free(out->rt);
	}
	*out = *base;
}
