/* cache.h: a loaded catalog kept in a binary file, so a command reads it back in a
 * blink instead of parsing every YAML file again. Only a catalog loaded without a
 * single problem is kept (a broken file is parsed, and reported, every time). The file
 * is tied to a key (the caller's: which content files, their sizes and change times,
 * and which program wrote it) and is read only by the same program: it holds the
 * catalog's structures as this build lays them out. */
#ifndef UNHUNCH_CONTENT_CACHE_H
#define UNHUNCH_CONTENT_CACHE_H
#include "../core/content.h"

/* Write c to path (a temporary file beside it, then renamed over it), tagged with key
 * (len bytes). Returns 0, or -1 when it could not be written (nothing is left behind). */
int content_cache_write(const struct catalog *c, const char *path, const char *key, size_t len);

/* Read the catalog kept at path into c (initialised and empty) when its key is key:
 * 0. -1 when there is none, its key differs or it is damaged; c is then left empty. */
int content_cache_read(struct catalog *c, const char *path, const char *key, size_t len);

#endif
