/* mem.h: allocation wrappers that abort on out-of-memory, so callers need not check. */
#ifndef UNHUNCH_MEM_H
#define UNHUNCH_MEM_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *arr (element size elsz) so it holds at least need elements; *alloc tracks capacity. */
void *xgrow(void *arr, size_t elsz, size_t need, size_t *alloc);
#define GROW(arr, need, alloc) ((arr) = xgrow((arr), sizeof(*(arr)), (need), &(alloc)))

#endif
