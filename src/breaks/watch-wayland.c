/* watch-wayland.c: idle from the Wayland compositor's ext-idle-notify-v1: one idle
 * notification with a timeout of away_ms sends "idled" when input stops that long
 * and "resumed" when it comes back. The protocol code is generated at build time by
 * wayland-scanner from Debian's wayland-protocols. */
#include "breaks/presence.h"
#include "core/mem.h"
#include "ext-idle-notify-v1-client-protocol.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wayland-client.h>

struct wlw {
	struct watch w;
	struct wl_display *d;
	struct wl_registry *reg;
	struct wl_seat *seat;
	struct ext_idle_notifier_v1 *notifier;
	struct ext_idle_notification_v1 *note;
	int64_t away_ms;
	bool dead;
};

static void on_idled(void *data, struct ext_idle_notification_v1 *n)
{
	struct wlw *x = data;
	x->w.idle_since = presence_now_ms() - x->away_ms;
	x->w.changed = true;
}

static void on_resumed(void *data, struct ext_idle_notification_v1 *n)
{
	struct wlw *x = data;
	x->w.idle_since = 0;
	x->w.changed = true;
}

static const struct ext_idle_notification_v1_listener note_listener = { on_idled, on_resumed };

static void on_global(void *data, struct wl_registry *reg, uint32_t name, const char *iface, uint32_t version)
{
	struct wlw *x = data;
	if (!strcmp(iface, ext_idle_notifier_v1_interface.name) && !x->notifier)
		x->notifier = wl_registry_bind(reg, name, &ext_idle_notifier_v1_interface, 1);
	else if (!strcmp(iface, wl_seat_interface.name) && !x->seat)
		x->seat = wl_registry_bind(reg, name, &wl_seat_interface, 1);
}

static void on_global_remove(void *data, struct wl_registry *reg, uint32_t name)
{
}

static const struct wl_registry_listener reg_listener = { on_global, on_global_remove };

static int fd_of(struct watch *w)
{
	struct wlw *x = (struct wlw *)w;
	return x->dead ? -1 : wl_display_get_fd(x->d);
}

static short events_of(struct watch *w)
{
	return POLLIN;
}

static void gone(struct wlw *x)
{
	x->dead = true;
	if (x->w.idle_since) {
		x->w.idle_since = 0;
		x->w.changed = true;
	}
}

static void process(struct watch *w)
{
	struct wlw *x = (struct wlw *)w;
	if (x->dead)
		return;
	/* read what is there without blocking, then run the listeners */
	if (wl_display_prepare_read(x->d) == 0) {
		struct pollfd p = { wl_display_get_fd(x->d), POLLIN, 0 };
		if (poll(&p, 1, 0) > 0)
			wl_display_read_events(x->d);
		else
			wl_display_cancel_read(x->d);
	}
	if (wl_display_dispatch_pending(x->d) < 0 || (wl_display_flush(x->d) < 0 && errno != EAGAIN) ||
	    wl_display_get_error(x->d))
		gone(x);
}

static void close_wl(struct watch *w)
{
	struct wlw *x = (struct wlw *)w;
	if (x->note)
		ext_idle_notification_v1_destroy(x->note);
	if (x->notifier)
		ext_idle_notifier_v1_destroy(x->notifier);
	if (x->seat)
		wl_seat_destroy(x->seat);
	if (x->reg)
		wl_registry_destroy(x->reg);
	wl_display_disconnect(x->d);
	free(x);
}

struct watch *watch_wayland_open(int64_t away_ms, struct strbuf *why)
{
	const char *name = getenv("WAYLAND_DISPLAY");
	if (!name || !*name) {
		strbuf_addstr(why, "no Wayland display (WAYLAND_DISPLAY is not set)");
		return NULL;
	}
	struct wl_display *d = wl_display_connect(NULL);
	if (!d) {
		strbuf_addf(why, "cannot connect to the Wayland display %s", name);
		return NULL;
	}
	struct wlw *x = xcalloc(1, sizeof(*x));
	x->d = d;
	x->away_ms = away_ms > 0 ? away_ms : 1;
	x->w = (struct watch){ "wayland", 0, false, false, fd_of, events_of, NULL, process, close_wl, NULL };
	x->reg = wl_display_get_registry(d);
	wl_registry_add_listener(x->reg, &reg_listener, x);
	if (wl_display_roundtrip(d) < 0) {
		strbuf_addstr(why, "the Wayland compositor did not answer");
		goto fail;
	}
	if (!x->notifier || !x->seat) {
		strbuf_addstr(why, x->notifier ? "the Wayland compositor has no seat"
					       : "the Wayland compositor offers no ext-idle-notify-v1");
		goto fail;
	}
	x->note = ext_idle_notifier_v1_get_idle_notification(x->notifier, (uint32_t)x->away_ms, x->seat);
	ext_idle_notification_v1_add_listener(x->note, &note_listener, x);
	wl_display_flush(d);
	return &x->w;
fail:
	close_wl(&x->w);
	return NULL;
}
