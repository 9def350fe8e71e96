/* watch-bus.c: the parts the D-Bus presence sources share (see watch-bus.h). */
#include "breaks/watch-bus.h"
#include <stdlib.h>
#include <string.h>

void busw_why(struct strbuf *why, const char *what, const sd_bus_error *e, int r)
{
	strbuf_addf(why, "%s: %s", what, e && e->message ? e->message : strerror(r < 0 ? -r : r));
}

static int fd_of(struct watch *w)
{
	return sd_bus_get_fd(((struct busw *)w)->bus);
}

static short events_of(struct watch *w)
{
	int e = sd_bus_get_events(((struct busw *)w)->bus);
	return e < 0 ? POLLIN : (short)e;
}

static uint64_t timeout_of(struct watch *w)
{
	uint64_t t = UINT64_MAX;
	if (sd_bus_get_timeout(((struct busw *)w)->bus, &t) < 0)
		return UINT64_MAX;
	return t;
}

static void process(struct watch *w)
{
	struct busw *b = (struct busw *)w;
	while (sd_bus_process(b->bus, NULL) > 0)
		;
	if (!sd_bus_is_open(b->bus) && (w->idle_since || w->dnd)) {
		/* the bus went away: what it said no longer holds */
		w->idle_since = 0;
		w->dnd = false;
		w->changed = true;
	}
}

static void close_bus(struct watch *w)
{
	struct busw *b = (struct busw *)w;
	if (b->release)
		b->release(b);
	sd_bus_flush_close_unref(b->bus);
	free(b);
}

void busw_init(struct busw *b, const char *name, sd_bus *bus)
{
	/* a desktop service that hangs must not hold the coach for sd-bus's default 25 s */
	sd_bus_set_method_call_timeout(bus, 2 * 1000000ULL);
	b->w = (struct watch){ name, 0, false, false, fd_of, events_of, timeout_of, process, close_bus, NULL };
	b->bus = bus;
}
