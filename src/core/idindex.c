/* idindex.c: an id -> position hash for arrays of content entries (see idindex.h). */
#include "idindex.h"
#include "mem.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void id_index_release(struct id_index *x)
{
	free(x->slot);
	memset(x, 0, sizeof(*x));
}

/* Where id is, or the empty slot where it would go. */
static size_t probe(const struct id_index *x, const void *arr, id_of_fn id_of, const char *id)
{
	size_t mask = x->cap - 1, k = (size_t)hash(id) & mask;
	while (x->slot[k] && strcmp(id_of(arr, x->slot[k] - 1), id))
		k = (k + 1) & mask;
	return k;
}

static void place(struct id_index *x, const void *arr, id_of_fn id_of, size_t pos)
{
	size_t k = probe(x, arr, id_of, id_of(arr, pos));
	if (!x->slot[k])
		x->slot[k] = pos + 1;
}

void id_index_build(struct id_index *x, const void *arr, id_of_fn id_of, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n + 2)
		cap *= 2;
	free(x->slot);
	x->slot = xcalloc(cap, sizeof(*x->slot));
	x->cap = cap;
	for (size_t i = 0; i < n; i++)
		place(x, arr, id_of, i);
	x->n = n;
}

void id_index_push(struct id_index *x, const void *arr, id_of_fn id_of)
{
	if (2 * (x->n + 1) + 2 > x->cap) {
		id_index_build(x, arr, id_of, x->n + 1);
		return;
	}
	place(x, arr, id_of, x->n++);
}

bool id_index_find(const struct id_index *x, const void *arr, id_of_fn id_of, const char *id, size_t *pos)
{
	if (!x->cap)
		return false;
	size_t k = probe(x, arr, id_of, id);
	if (!x->slot[k])
		return false;
	*pos = x->slot[k] - 1;
	return true;
}
