/* watch-bus.h: what the D-Bus presence sources (Mutter, logind, do-not-disturb) share:
 * one sd-bus connection each, polled by the coach's loop like any other source. */
#ifndef UNHUNCH_BREAKS_WATCH_BUS_H
#define UNHUNCH_BREAKS_WATCH_BUS_H
#include "breaks/presence.h"
#include <systemd/sd-bus.h>

struct busw {
	struct watch w;
	sd_bus *bus;
	void (*release)(struct busw *b); /* the source's own clean-up, or NULL */
};

/* Fill the watch's functions and take bus (unref'd at close). */
void busw_init(struct busw *b, const char *name, sd_bus *bus);
/* Say why a call failed: "<what>: <error>". */
void busw_why(struct strbuf *why, const char *what, const sd_bus_error *e, int r);

#endif
