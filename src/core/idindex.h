/* idindex.h: finding an entry of an array by its id in constant time, so content with
 * tens of thousands of entries loads in a blink instead of comparing every id with
 * every other. An open-addressing hash of positions; the array itself is not held, so
 * the owner passes it (and how to read an entry's id) on each call, and keeps the
 * index up to date when the array changes (n says how many entries it covers). */
#ifndef UNHUNCH_IDINDEX_H
#define UNHUNCH_IDINDEX_H
#include <stdbool.h>
#include <stddef.h>

struct id_index {
	size_t *slot; /* position + 1; 0 is empty */
	size_t cap;   /* a power of two, or 0 */
	size_t n;     /* entries 0..n-1 of the array are indexed */
};

typedef const char *(*id_of_fn)(const void *arr, size_t i);

void id_index_release(struct id_index *x);
/* Index entries 0..n-1 afresh. */
void id_index_build(struct id_index *x, const void *arr, id_of_fn id_of, size_t n);
/* Index entry x->n (the next one appended). Of equal ids the first stays found. */
void id_index_push(struct id_index *x, const void *arr, id_of_fn id_of);
/* The position of id, or false. */
bool id_index_find(const struct id_index *x, const void *arr, id_of_fn id_of, const char *id, size_t *pos);

#endif
