/* app.h: what every use case in src/app takes. A use case is called by a front end
 * (the command line, the terminal player, the HTTP server) with an open store bound to
 * one person, the loaded content, the time it is now and the person's time zone. It
 * returns plain structs; it never reads the clock, the environment or a terminal, and
 * never prints. */
#ifndef UNHUNCH_APP_H
#define UNHUNCH_APP_H
#include "core/content.h"
#include "core/tz.h"
#include "store/store.h"
#include <stdint.h>

struct app_ctx {
	struct store *store;            /* open; bound to the person whose data it is */
	const struct catalog *content;  /* exercises, routines, screening questions */
	int64_t now_ms;                 /* wall clock, Unix milliseconds, read once by the caller */
	const struct tz *tz;            /* the person's time zone */
};

/* Today's local day number (days since 1970-01-01) in the context's zone. */
int app_today(const struct app_ctx *ctx);

#endif
