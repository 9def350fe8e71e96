/* assets.h: the files of web/ (templates, styles, scripts, icons), embedded in the
 * binary at build time by cmake/embed.cmake. Static files are served under
 * /static/<web_hash>/NAME, so their URLs change whenever any of them changes and they
 * can be cached for a year. */
#ifndef UNHUNCH_HTTP_ASSETS_H
#define UNHUNCH_HTTP_ASSETS_H
#include <stddef.h>

struct asset {
	const char *path;           /* relative to web/, e.g. "static/app.css" */
	const unsigned char *data;  /* followed by a NUL byte not counted in len */
	size_t len;
	const char *sha256;         /* hex */
};

extern const struct asset web_assets[];
extern const size_t web_n_assets;
extern const char web_hash[]; /* 16 hex digits of a hash over every file */

const struct asset *asset_find(const char *path);
/* Content-Type for a file name, from its extension; NULL when it is not served. */
const char *asset_type(const char *name);

#endif
