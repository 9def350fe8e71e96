/* psfs.c: the activities of the functional scale and their ratings (psfs.h). */
#include "app/psfs.h"
#include "core/mem.h"
#include "core/stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t find_activity(const struct psfs_activity *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].id;
	return -1;
}

int app_psfs_save(const struct app_ctx *ctx, char *const *add, size_t n_add, const struct app_psfs_rating *r,
		  size_t n_r, const char *date, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct psfs_activity *acts = NULL;
	size_t n = 0;
	int rc = -1;
	if (!n_add && !n_r)
		return 0;
	if (st->ops->psfs_activities(st, &acts, &n, err))
		return -1;
	size_t new_ones = 0;
	for (size_t i = 0; i < n_add; i++)
		new_ones += find_activity(acts, n, add[i]) < 0;
	if (n + new_ones > APP_PSFS_MAX) {
		strbuf_addf(err, "you already follow %zu activit%s; at most %d in all", n, n == 1 ? "y" : "ies",
			    APP_PSFS_MAX);
		goto out;
	}
	for (size_t i = 0; i < n_r; i++) {
		bool named = find_activity(acts, n, r[i].name) >= 0;
		for (size_t k = 0; k < n_add && !named; k++)
			named = !strcmp(add[k], r[i].name);
		if (!named) {
			strbuf_addf(err, "--psfs: no activity '%s'; name it first with --psfs-add", r[i].name);
			goto out;
		}
	}
	for (size_t i = 0; i < n_add; i++) {
		if (find_activity(acts, n, add[i]) >= 0)
			continue;
		struct psfs_activity x = { 0, add[i], ctx->now_ms };
		if (st->ops->psfs_activity_add(st, &x, err))
			goto out;
		size_t cap = n;
		GROW(acts, n + 1, cap);
		acts[n++] = (struct psfs_activity){ x.id, xstrdup(x.name), x.added_ms };
	}
	for (size_t i = 0; i < n_r; i++) {
		struct psfs_rating row = { find_activity(acts, n, r[i].name), "", r[i].score };
		snprintf(row.date, sizeof(row.date), "%s", date);
		if (st->ops->psfs_rate(st, &row, err))
			goto out;
	}
	rc = 0;
out:
	store_psfs_activities_free(acts, n);
	return rc;
}

int app_psfs_load(struct store *st, struct app_psfs_records *r, struct strbuf *err)
{
	memset(r, 0, sizeof(*r));
	if (st->ops->psfs_activities(st, &r->acts, &r->n_acts, err) ||
	    st->ops->psfs_ratings(st, &r->ratings, &r->n_ratings, err)) {
		app_psfs_records_release(r);
		return -1;
	}
	return 0;
}

void app_psfs_records_release(struct app_psfs_records *r)
{
	store_psfs_activities_free(r->acts, r->n_acts);
	free(r->ratings);
	memset(r, 0, sizeof(*r));
}

int app_psfs_due(const struct app_ctx *ctx, struct app_psfs_due *out, struct strbuf *err)
{
	struct app_psfs_records p;
	memset(out, 0, sizeof(*out));
	if (app_psfs_load(ctx->store, &p, err))
		return -1;
	int last = -100000;
	for (size_t i = 0; i < p.n_ratings; i++) {
		int d;
		if (day_parse(p.ratings[i].date, &d) && d > last)
			last = d;
	}
	out->names = xcalloc(p.n_acts + 1, sizeof(*out->names));
	for (size_t i = 0; i < p.n_acts; i++)
		out->names[i] = xstrdup(p.acts[i].name);
	out->n = p.n_acts;
	out->due = !p.n_acts || app_today(ctx) - last >= 7;
	app_psfs_records_release(&p);
	return 0;
}

void app_psfs_due_release(struct app_psfs_due *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	d->names = NULL;
	d->n = 0;
}
