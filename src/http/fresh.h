/* fresh.h: answers worked out from the store (Today, Progress), kept by each server
 * thread while the store has not changed and the minute is the same, and sent again
 * from memory. A change committed by anyone (this server, the terminal, another
 * process) moves the store's data version (store.h) and the kept answer is not used.
 * The key (dispatch.c, fresh_key) is the store's location, the method, the path and the
 * input: the routes kept are ACCESS_SELF, one person's; a route of many people's data
 * must put the person in the key before it is flagged ROUTE_FRESH. */
#ifndef UNHUNCH_HTTP_FRESH_H
#define UNHUNCH_HTTP_FRESH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FRESH_SLOTS 16 /* answers kept per thread; the oldest goes first */

/* The body and type kept under key for that data version and minute; the body stays
 * valid until this thread's next fresh_put. */
bool fresh_get(const char *key, uint64_t version, int64_t minute, const char **body, size_t *len,
	       const char **type);
/* Keep a copy of body and type (a string constant) under key. */
void fresh_put(const char *key, uint64_t version, int64_t minute, const char *body, size_t len, const char *type);
/* Answers this thread sent from memory so far (for tests). */
uint64_t fresh_hits(void);

#endif
