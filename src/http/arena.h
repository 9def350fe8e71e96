/* arena.h: memory that lives as long as one request (after nginx's pools and h2o's
 * req->pool). Everything a request allocates comes from its arena and is freed at once
 * when the request ends; handlers never free. Things that own memory elsewhere (a
 * jansson value, a strbuf) are handed to the arena with arena_defer, which releases them
 * with it. Not thread-safe: one arena belongs to one request. Out of memory aborts. */
#ifndef UNHUNCH_ARENA_H
#define UNHUNCH_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct arena_block;
struct arena_defer;

struct arena {
	struct arena_block *head; /* newest block first */
	struct arena_defer *defer;
	size_t used;              /* bytes handed out, for limits and tests */
};

#define ARENA_INIT { NULL, NULL, 0 }

/* Aligned memory for any type; zeroed. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Call fn(p) when the arena is freed (last deferred, first called). */
void arena_defer(struct arena *a, void (*fn)(void *), void *p);
/* Run the deferred calls and free every block; the arena is empty and reusable after. */
void arena_free(struct arena *a);

#endif
