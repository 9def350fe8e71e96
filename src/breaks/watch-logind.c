/* watch-logind.c: idle from logind's IdleHint on the system bus, for desktops that
 * set it (the hint follows the desktop's own idle delay, not away_after). The
 * session is $XDG_SESSION_ID's, else the user's display session; changes arrive as
 * PropertiesChanged signals. */
#include "breaks/watch-bus.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define L_DEST "org.freedesktop.login1"
#define L_PATH "/org/freedesktop/login1"
#define L_MANAGER "org.freedesktop.login1.Manager"
#define L_SESSION "org.freedesktop.login1.Session"

struct logind {
	struct busw b;
	char *path;
	int64_t away_ms;
};

static void read_hint(struct logind *l)
{
	int hint = 0;
	uint64_t since = 0;
	sd_bus_error e = SD_BUS_ERROR_NULL;
	if (sd_bus_get_property_trivial(l->b.bus, L_DEST, l->path, L_SESSION, "IdleHint", &e, 'b', &hint) < 0) {
		sd_bus_error_free(&e);
		return;
	}
	sd_bus_get_property_trivial(l->b.bus, L_DEST, l->path, L_SESSION, "IdleSinceHint", &e, 't', &since);
	sd_bus_error_free(&e);
	int64_t was = l->b.w.idle_since;
	if (!hint) {
		l->b.w.idle_since = 0;
	} else if (!was) {
		/* the hint comes after the desktop's own idle delay and means away: at least
		 * away_ms back, so the scheduler takes it as away at once */
		int64_t at = since ? (int64_t)(since / 1000) : presence_now_ms();
		int64_t latest = presence_now_ms() - l->away_ms;
		l->b.w.idle_since = at < latest ? at : latest;
	}
	if ((was != 0) != (l->b.w.idle_since != 0))
		l->b.w.changed = true;
}

static int on_changed(sd_bus_message *m, void *ctx, sd_bus_error *e)
{
	read_hint(ctx);
	return 0;
}

static void release(struct busw *b)
{
	free(((struct logind *)b)->path);
}

/* The object path of the session to watch (caller frees), or NULL. */
static char *session_path(sd_bus *bus, struct strbuf *why)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	char *path = NULL;
	const char *id = getenv("XDG_SESSION_ID"), *p = NULL;
	int r;
	if (id && *id) {
		r = sd_bus_call_method(bus, L_DEST, L_PATH, L_MANAGER, "GetSession", &e, &reply, "s", id);
		if (r >= 0 && sd_bus_message_read(reply, "o", &p) >= 0)
			path = xstrdup(p);
	} else {
		r = sd_bus_call_method(bus, L_DEST, L_PATH, L_MANAGER, "GetUser", &e, &reply, "u", (uint32_t)getuid());
		const char *user = NULL;
		if (r >= 0 && sd_bus_message_read(reply, "o", &user) >= 0) {
			sd_bus_message *d = NULL;
			const char *sid = NULL;
			r = sd_bus_get_property(bus, L_DEST, user, "org.freedesktop.login1.User", "Display", &e, &d,
						"(so)");
			if (r >= 0 && sd_bus_message_read(d, "(so)", &sid, &p) >= 0 && p && strcmp(p, "/"))
				path = xstrdup(p);
			else if (r >= 0)
				strbuf_addstr(why, "logind knows no display session of this user");
			sd_bus_message_unref(d);
		}
	}
	if (!path && !why->len)
		busw_why(why, "logind", &e, r);
	sd_bus_error_free(&e);
	sd_bus_message_unref(reply);
	return path;
}

struct watch *watch_logind_open(int64_t away_ms, struct strbuf *why)
{
	sd_bus *bus = NULL;
	int r = sd_bus_open_system(&bus);
	if (r < 0) {
		busw_why(why, "no system bus", NULL, r);
		return NULL;
	}
	struct logind *l = xcalloc(1, sizeof(*l));
	busw_init(&l->b, "logind", bus);
	l->b.release = release;
	l->away_ms = away_ms;
	if (!(l->path = session_path(bus, why)))
		goto fail;
	if (sd_bus_match_signal(bus, NULL, L_DEST, l->path, "org.freedesktop.DBus.Properties", "PropertiesChanged",
				on_changed, l) < 0) {
		strbuf_addstr(why, "cannot watch the session's properties");
		goto fail;
	}
	read_hint(l);
	l->b.w.changed = false;
	return &l->b.w;
fail:
	l->b.w.close(&l->b.w);
	return NULL;
}
