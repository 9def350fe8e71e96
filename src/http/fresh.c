/* fresh.c: a few answers per server thread, each with the store's data version and the
 * minute it was worked out in (fresh.h). Per thread because each thread has its own
 * connection to the store, whose data version is its own. */
#include "http/fresh.h"
#include "core/mem.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct kept {
	char *key;
	char *body;
	size_t len;
	const char *type;
	uint64_t version;
	int64_t minute;
	uint64_t age; /* when put, to find the oldest */
};

struct slots {
	struct kept k[FRESH_SLOTS];
	uint64_t tick, hits;
};

static pthread_key_t slots_key;
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static void slots_free(void *p)
{
	struct slots *s = p;
	for (size_t i = 0; i < FRESH_SLOTS; i++) {
		free(s->k[i].key);
		free(s->k[i].body);
	}
	free(s);
}

static void slots_make_key(void)
{
	pthread_key_create(&slots_key, slots_free);
}

static struct slots *mine(void)
{
	pthread_once(&slots_once, slots_make_key);
	struct slots *s = pthread_getspecific(slots_key);
	if (!s) {
		s = xcalloc(1, sizeof(*s));
		pthread_setspecific(slots_key, s);
	}
	return s;
}

bool fresh_get(const char *key, uint64_t version, int64_t minute, const char **body, size_t *len,
	       const char **type)
{
	struct slots *s = mine();
	for (size_t i = 0; i < FRESH_SLOTS; i++) {
		struct kept *k = &s->k[i];
		if (k->key && k->version == version && k->minute == minute && !strcmp(k->key, key)) {
			*body = k->body;
			*len = k->len;
			*type = k->type;
			s->hits++;
			return true;
		}
	}
	return false;
}

void fresh_put(const char *key, uint64_t version, int64_t minute, const char *body, size_t len, const char *type)
{
	struct slots *s = mine();
	struct kept *slot = NULL;
	for (size_t i = 0; i < FRESH_SLOTS && !slot; i++)
		if (s->k[i].key && !strcmp(s->k[i].key, key))
			slot = &s->k[i]; /* the same question, older data: replaced */
	for (size_t i = 0; i < FRESH_SLOTS && !slot; i++)
		if (!s->k[i].key)
			slot = &s->k[i];
	if (!slot) { /* all full: the oldest goes */
		slot = &s->k[0];
		for (size_t i = 1; i < FRESH_SLOTS; i++)
			if (s->k[i].age < slot->age)
				slot = &s->k[i];
	}
	free(slot->key);
	free(slot->body);
	slot->key = xstrdup(key);
	slot->body = xmalloc(len + 1);
	memcpy(slot->body, body, len);
	slot->body[len] = '\0';
	slot->len = len;
	slot->type = type;
	slot->version = version;
	slot->minute = minute;
	slot->age = ++s->tick;
}

uint64_t fresh_hits(void)
{
	return mine()->hits;
}
