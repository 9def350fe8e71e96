/* assets.c: finding an embedded file, and the types static files are served as. */
#include "http/assets.h"
#include <string.h>

const struct asset *asset_find(const char *path)
{
	for (size_t i = 0; i < web_n_assets; i++)
		if (!strcmp(web_assets[i].path, path))
			return &web_assets[i];
	return NULL;
}

const char *asset_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".webmanifest", "application/manifest+json" },
		{ ".wasm", "application/wasm" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return NULL;
}
