/* cache.h: answers that cannot change while the server runs (the Library: the content is
 * loaded once at start), kept after their first request and sent again from memory.
 * Bounded (CACHE_SLOTS entries; beyond that nothing more is kept) and safe to use from
 * every server thread at once. */
#ifndef UNHUNCH_HTTP_CACHE_H
#define UNHUNCH_HTTP_CACHE_H
#include <stddef.h>

#define CACHE_SLOTS 1024

struct cache;

struct cache *cache_new(void);
void cache_free(struct cache *c);
/* The body and type kept under key, or 0 when none; the pointers stay valid until
 * cache_free. */
int cache_get(struct cache *c, const char *key, const char **body, size_t *len, const char **type);
/* Keep a copy of body and type under key (a key already kept is left as it is). */
void cache_put(struct cache *c, const char *key, const char *body, size_t len, const char *type);

#endif
