/* watch-mutter.c: idle from GNOME's Mutter idle monitor on the session bus
 * (org.gnome.Mutter.IdleMonitor). An idle watch fires each time input has stopped
 * for away_ms; a one-shot user-active watch, set while away, fires at the return.
 * Both arrive as WatchFired signals: nothing is polled. */
#include "breaks/watch-bus.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

#define M_DEST "org.gnome.Mutter.IdleMonitor"
#define M_PATH "/org/gnome/Mutter/IdleMonitor/Core"
#define M_IFACE "org.gnome.Mutter.IdleMonitor"

struct mutter {
	struct busw b;
	int64_t away_ms;
	uint32_t away_id, back_id;
};

static int call_u(struct mutter *m, const char *method, const char *sig, uint64_t arg, uint64_t *out,
		  struct strbuf *why)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	int r = *sig ? sd_bus_call_method(m->b.bus, M_DEST, M_PATH, M_IFACE, method, &e, &reply, sig, arg)
		     : sd_bus_call_method(m->b.bus, M_DEST, M_PATH, M_IFACE, method, &e, &reply, "");
	if (r >= 0) {
		const char *rs = sd_bus_message_get_signature(reply, 1);
		if (rs && rs[0] == 't')
			r = sd_bus_message_read(reply, "t", out);
		else {
			uint32_t u = 0;
			r = sd_bus_message_read(reply, "u", &u);
			*out = u;
		}
	}
	if (r < 0 && why)
		busw_why(why, method, &e, r);
	sd_bus_error_free(&e);
	sd_bus_message_unref(reply);
	return r < 0 ? -1 : 0;
}

static void went_away(struct mutter *m)
{
	uint64_t idle = 0, id = 0;
	/* without a watch for the return the user would stay away for good: not away then */
	if (call_u(m, "AddUserActiveWatch", "", 0, &id, NULL) < 0)
		return;
	m->back_id = (uint32_t)id;
	if (call_u(m, "GetIdletime", "", 0, &idle, NULL) < 0 || (int64_t)idle < m->away_ms)
		idle = (uint64_t)m->away_ms;
	m->b.w.idle_since = presence_now_ms() - (int64_t)idle;
	m->b.w.changed = true;
}

/* Set the idle watch (at open, and when the monitor comes back after a restart of the
 * shell); the user counts as present until it fires. */
static int watch_idle(struct mutter *m, struct strbuf *why)
{
	uint64_t id = 0, idle = 0;
	m->away_id = m->back_id = 0;
	if (call_u(m, "AddIdleWatch", "t", (uint64_t)m->away_ms, &id, why) < 0)
		return -1;
	m->away_id = (uint32_t)id;
	/* asked after the watch is set, so a change in between is not missed */
	if (call_u(m, "GetIdletime", "", 0, &idle, why) < 0)
		return -1;
	if ((int64_t)idle >= m->away_ms)
		went_away(m);
	return 0;
}

/* The shell restarted or quit: its watches are gone. */
static int on_owner(sd_bus_message *msg, void *ctx, sd_bus_error *e)
{
	struct mutter *m = ctx;
	const char *name, *old, *new_owner;
	if (sd_bus_message_read(msg, "sss", &name, &old, &new_owner) < 0 || strcmp(name, M_DEST))
		return 0;
	if (m->b.w.idle_since) {
		m->b.w.idle_since = 0;
		m->b.w.changed = true;
	}
	m->away_id = m->back_id = 0;
	if (*new_owner)
		watch_idle(m, NULL);
	return 0;
}

static int on_fired(sd_bus_message *msg, void *ctx, sd_bus_error *e)
{
	struct mutter *m = ctx;
	uint32_t id;
	if (sd_bus_message_read(msg, "u", &id) < 0)
		return 0;
	if (id == m->away_id && !m->b.w.idle_since)
		went_away(m);
	else if (id && id == m->back_id) {
		m->back_id = 0;
		m->b.w.idle_since = 0;
		m->b.w.changed = true;
	}
	return 0;
}

static void release(struct busw *b)
{
	struct mutter *m = (struct mutter *)b;
	if (m->away_id)
		sd_bus_call_method(b->bus, M_DEST, M_PATH, M_IFACE, "RemoveWatch", NULL, NULL, "u", m->away_id);
	if (m->back_id)
		sd_bus_call_method(b->bus, M_DEST, M_PATH, M_IFACE, "RemoveWatch", NULL, NULL, "u", m->back_id);
}

struct watch *watch_mutter_open(int64_t away_ms, struct strbuf *why)
{
	sd_bus *bus = NULL;
	int r = sd_bus_open_user(&bus);
	if (r < 0) {
		busw_why(why, "no session bus", NULL, r);
		return NULL;
	}
	struct mutter *m = xcalloc(1, sizeof(*m));
	busw_init(&m->b, "mutter", bus);
	m->b.release = release;
	m->away_ms = away_ms > 0 ? away_ms : 1;
	if (sd_bus_match_signal(bus, NULL, NULL, M_PATH, M_IFACE, "WatchFired", on_fired, m) < 0 ||
	    /* only this name's changes (arg0), or every client on the bus would wake us */
	    sd_bus_add_match(bus, NULL,
			     "type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',"
			     "member='NameOwnerChanged',arg0='" M_DEST "'",
			     on_owner, m) < 0) {
		strbuf_addstr(why, "cannot watch the idle monitor's signals");
		goto fail;
	}
	if (watch_idle(m, why) < 0)
		goto fail;
	m->b.w.changed = false;
	return &m->b.w;
fail:
	m->b.w.close(&m->b.w);
	return NULL;
}
