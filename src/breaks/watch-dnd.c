/* watch-dnd.c: the desktop's do-not-disturb, asked on the session bus when a reminder
 * is due (nothing is watched in between): the notification server's pause (dunst's
 * org.dunstproject.cmd0 "paused", KDE's org.freedesktop.Notifications "Inhibited")
 * and GNOME's notification banners setting through the settings portal
 * (org.gnome.desktop.notifications show-banners = false). */
#include "breaks/watch-bus.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

#define N_DEST "org.freedesktop.Notifications"
#define N_PATH "/org/freedesktop/Notifications"
#define P_DEST "org.freedesktop.portal.Desktop"
#define P_PATH "/org/freedesktop/portal/desktop"
#define P_IFACE "org.freedesktop.portal.Settings"

/* Each way of asking; -1: that desktop does not answer it. */
static int ask_flag(sd_bus *bus, const char *iface, const char *prop)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	int v = 0;
	int r = sd_bus_get_property_trivial(bus, N_DEST, N_PATH, iface, prop, &e, 'b', &v);
	sd_bus_error_free(&e);
	return r < 0 ? -1 : v != 0;
}

/* show-banners through the portal: a variant (older portals wrap it twice). */
static int ask_banners(sd_bus *bus)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	int v = -1, b = 0;
	int r = sd_bus_call_method(bus, P_DEST, P_PATH, P_IFACE, "Read", &e, &reply, "ss",
				   "org.gnome.desktop.notifications", "show-banners");
	char type = 0;
	if (r >= 0 && sd_bus_message_enter_container(reply, 'v', NULL) > 0) {
		if (sd_bus_message_peek_type(reply, &type, NULL) > 0 && type == 'v')
			sd_bus_message_enter_container(reply, 'v', NULL);
		if (sd_bus_message_read(reply, "b", &b) > 0)
			v = !b; /* banners off: do not disturb */
	}
	sd_bus_error_free(&e);
	sd_bus_message_unref(reply);
	return v;
}

static const struct {
	const char *name;
	const char *iface, *prop; /* NULL: the portal */
} ways[] = {
	{ "dunst (paused)", "org.dunstproject.cmd0", "paused" },
	{ "the notification server (Inhibited)", N_DEST, "Inhibited" },
	{ "GNOME (notification banners off)", NULL, NULL },
};

static int ask(sd_bus *bus, size_t i)
{
	return ways[i].iface ? ask_flag(bus, ways[i].iface, ways[i].prop) : ask_banners(bus);
}

struct dndw {
	struct busw b;
	unsigned ways;       /* bit i: ways[i] answered at open; only those are asked */
};

static void refresh(struct watch *w)
{
	struct dndw *d = (struct dndw *)w;
	bool dnd = false;
	for (size_t i = 0; i < sizeof(ways) / sizeof(ways[0]); i++)
		if ((d->ways >> i & 1u) && ask(d->b.bus, i) == 1)
			dnd = true;
	if (dnd != w->dnd)
		w->changed = true;
	w->dnd = dnd;
}

struct watch *watch_dnd_open(struct strbuf *why)
{
	sd_bus *bus = NULL;
	int r = sd_bus_open_user(&bus);
	if (r < 0) {
		busw_why(why, "no session bus", NULL, r);
		return NULL;
	}
	/* the portal and the notification server may start on demand: 2 s each */
	sd_bus_set_method_call_timeout(bus, 2 * 1000000ULL);
	const char *name = NULL;
	unsigned found = 0;
	for (size_t i = 0; i < sizeof(ways) / sizeof(ways[0]); i++)
		if (ask(bus, i) >= 0) {
			found |= 1u << i;
			if (!name)
				name = ways[i].name;
		}
	if (!name) {
		strbuf_addstr(why, "neither the notification server nor the settings portal tells do-not-disturb");
		sd_bus_flush_close_unref(bus);
		return NULL;
	}
	struct dndw *d = xcalloc(1, sizeof(*d));
	busw_init(&d->b, name, bus);
	d->ways = found;
	d->b.w.refresh = refresh;
	refresh(&d->b.w);
	d->b.w.changed = false;
	return &d->b.w;
}
