/* diag.c: collecting and formatting input problems; did-you-mean suggestions. */
#include "diag.h"
#include "mem.h"
#include "strbuf.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diags_init(struct diags *d)
{
	d->v = NULL;
	d->n = d->alloc = 0;
}

void diags_release(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diags_init(d);
}

void diags_add(struct diags *d, struct pos p, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	GROW(d->v, d->n + 1, d->alloc);
	struct diag *g = &d->v[d->n++];
	g->file = xstrdup(p.file ? p.file : "");
	g->line = p.line;
	g->col = p.col;
	g->msg = strbuf_detach(&sb);
}

static int cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

void diags_sort(struct diags *d)
{
	/* insertion sort keeps equal entries in the order found (qsort is not stable) */
	for (size_t i = 1; i < d->n; i++) {
		struct diag t = d->v[i];
		size_t j = i;
		while (j > 0 && cmp(&d->v[j - 1], &t) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = t;
	}
}

char *diag_format(const struct diag *g)
{
	struct strbuf sb = STRBUF_INIT;
	if (g->file[0])
		strbuf_addf(&sb, "%s:", g->file);
	if (g->line > 0)
		strbuf_addf(&sb, "%d:", g->line);
	if (g->line > 0 && g->col > 0)
		strbuf_addf(&sb, "%d:", g->col);
	if (sb.len)
		strbuf_addch(&sb, ' ');
	strbuf_addstr(&sb, g->msg);
	return strbuf_detach(&sb);
}

size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xmalloc((lb + 1) * sizeof(*row));
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t r = row[lb];
	free(row);
	return r;
}

const char *did_you_mean(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (size_t i = 0; candidates[i]; i++) {
		size_t d = edit_distance(word, candidates[i]);
		if (d < bestd) {
			bestd = d;
			best = candidates[i];
		}
	}
	/* close enough: at most a third of the word's letters differ, and at least one */
	size_t limit = strlen(word) / 3;
	if (limit < 2)
		limit = 2;
	return bestd <= limit ? best : NULL;
}
