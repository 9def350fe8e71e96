/* cache.c: an open-addressing table of answers, under a read-write lock; entries are
 * never changed or removed once in, so readers may use them without the lock. */
#include "http/cache.h"
#include "core/mem.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *key;
	char *body;
	size_t len;
	const char *type; /* a string constant of the route */
};

struct cache {
	pthread_rwlock_t lock;
	struct entry slot[CACHE_SLOTS * 2]; /* at most half full, so probes stay short */
	size_t n;
};

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

struct cache *cache_new(void)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	pthread_rwlock_init(&c->lock, NULL);
	return c;
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < CACHE_SLOTS * 2; i++) {
		free(c->slot[i].key);
		free(c->slot[i].body);
	}
	pthread_rwlock_destroy(&c->lock);
	free(c);
}

/* The slot holding key, or the empty slot where it would go. */
static struct entry *probe(struct cache *c, const char *key)
{
	size_t i = hash(key) % (CACHE_SLOTS * 2);
	while (c->slot[i].key && strcmp(c->slot[i].key, key))
		i = (i + 1) % (CACHE_SLOTS * 2);
	return &c->slot[i];
}

int cache_get(struct cache *c, const char *key, const char **body, size_t *len, const char **type)
{
	pthread_rwlock_rdlock(&c->lock);
	struct entry *e = probe(c, key);
	int found = e->key != NULL;
	if (found) {
		*body = e->body;
		*len = e->len;
		*type = e->type;
	}
	pthread_rwlock_unlock(&c->lock);
	return found;
}

void cache_put(struct cache *c, const char *key, const char *body, size_t len, const char *type)
{
	pthread_rwlock_wrlock(&c->lock);
	struct entry *e = probe(c, key);
	if (!e->key && c->n < CACHE_SLOTS) {
		e->body = xmalloc(len + 1);
		memcpy(e->body, body, len);
		e->body[len] = '\0';
		e->len = len;
		e->type = type;
		e->key = xstrdup(key);
		c->n++;
	}
	pthread_rwlock_unlock(&c->lock);
}
