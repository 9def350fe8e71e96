/* fake-desktop.c: stands in for parts of a desktop on a private D-Bus bus, for the
 * break coach's presence tests: GNOME's Mutter idle monitor ("mutter"), logind's
 * manager, user and session ("logind"), and the settings portal ("portal").
 * Usage: fake-desktop mutter|logind|portal, on the bus in DBUS_SESSION_BUS_ADDRESS
 * (logind: DBUS_SYSTEM_BUS_ADDRESS). It prints "ready" once its name is owned, then
 * takes lines on standard input: "away" (the user goes idle), "back", "banners on",
 * "banners off", and prints each call it answers. */
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <time.h>
#include <unistd.h>

static sd_bus *bus;
static int64_t idle_since_ms;   /* 0: active */
static bool banners = true;
static uint32_t next_id = 1;
static struct { uint32_t id; uint64_t interval; bool active; } watches[64];
static int n_watches;

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void said(const char *what)
{
	printf("%s\n", what);
	fflush(stdout);
}

/* ---- Mutter ---- */
#define M_PATH "/org/gnome/Mutter/IdleMonitor/Core"
#define M_IFACE "org.gnome.Mutter.IdleMonitor"

static uint64_t idle_time(void)
{
	return idle_since_ms ? (uint64_t)(now_ms() - idle_since_ms) : 0;
}

static int m_get(sd_bus_message *m, void *u, sd_bus_error *e)
{
	said("GetIdletime");
	return sd_bus_reply_method_return(m, "t", idle_time());
}

static int add_watch(sd_bus_message *m, uint64_t interval, bool active)
{
	if (n_watches == 64)
		return sd_bus_reply_method_errorf(m, SD_BUS_ERROR_LIMITS_EXCEEDED, "too many watches");
	watches[n_watches].id = next_id++;
	watches[n_watches].interval = interval;
	watches[n_watches].active = active;
	return sd_bus_reply_method_return(m, "u", watches[n_watches++].id);
}

static int m_add_idle(sd_bus_message *m, void *u, sd_bus_error *e)
{
	uint64_t interval;
	int r = sd_bus_message_read(m, "t", &interval);
	if (r < 0)
		return r;
	printf("AddIdleWatch %llu\n", (unsigned long long)interval);
	fflush(stdout);
	return add_watch(m, interval, false);
}

static int m_add_active(sd_bus_message *m, void *u, sd_bus_error *e)
{
	said("AddUserActiveWatch");
	return add_watch(m, 0, true);
}

static void drop(int i)
{
	watches[i] = watches[--n_watches];
}

static int m_remove(sd_bus_message *m, void *u, sd_bus_error *e)
{
	uint32_t id;
	int r = sd_bus_message_read(m, "u", &id);
	if (r < 0)
		return r;
	said("RemoveWatch");
	for (int i = 0; i < n_watches; i++)
		if (watches[i].id == id)
			drop(i);
	return sd_bus_reply_method_return(m, "");
}

static const sd_bus_vtable mutter_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("GetIdletime", "", "t", m_get, 0),
	SD_BUS_METHOD("AddIdleWatch", "t", "u", m_add_idle, 0),
	SD_BUS_METHOD("AddUserActiveWatch", "", "u", m_add_active, 0),
	SD_BUS_METHOD("RemoveWatch", "u", "", m_remove, 0),
	SD_BUS_SIGNAL("WatchFired", "u", 0),
	SD_BUS_VTABLE_END
};

static void mutter_fire(bool away)
{
	for (int i = 0; i < n_watches; i++) {
		if (watches[i].active == away)
			continue;
		sd_bus_emit_signal(bus, M_PATH, M_IFACE, "WatchFired", "u", watches[i].id);
		if (watches[i].active)
			drop(i--); /* user-active watches fire once */
	}
}

/* ---- logind ---- */
#define L_SESSION "/org/freedesktop/login1/session/c1"
#define L_USER "/org/freedesktop/login1/user/_1000"

static int l_get_session(sd_bus_message *m, void *u, sd_bus_error *e)
{
	said("GetSession");
	return sd_bus_reply_method_return(m, "o", L_SESSION);
}

static int l_get_user(sd_bus_message *m, void *u, sd_bus_error *e)
{
	said("GetUser");
	return sd_bus_reply_method_return(m, "o", L_USER);
}

static int l_display(sd_bus *b, const char *path, const char *iface, const char *prop, sd_bus_message *reply,
		     void *u, sd_bus_error *e)
{
	return sd_bus_message_append(reply, "(so)", "c1", L_SESSION);
}

static int l_hint(sd_bus *b, const char *path, const char *iface, const char *prop, sd_bus_message *reply,
		  void *u, sd_bus_error *e)
{
	return sd_bus_message_append(reply, "b", idle_since_ms != 0);
}

static int l_since(sd_bus *b, const char *path, const char *iface, const char *prop, sd_bus_message *reply,
		   void *u, sd_bus_error *e)
{
	return sd_bus_message_append(reply, "t", (uint64_t)idle_since_ms * 1000);
}

static const sd_bus_vtable manager_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("GetSession", "s", "o", l_get_session, 0),
	SD_BUS_METHOD("GetUser", "u", "o", l_get_user, 0),
	SD_BUS_VTABLE_END
};
static const sd_bus_vtable user_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Display", "(so)", l_display, 0, 0),
	SD_BUS_VTABLE_END
};
static const sd_bus_vtable session_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("IdleHint", "b", l_hint, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("IdleSinceHint", "t", l_since, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_VTABLE_END
};

/* ---- the settings portal ---- */

static int p_read(sd_bus_message *m, void *u, sd_bus_error *e)
{
	const char *ns, *key;
	int r = sd_bus_message_read(m, "ss", &ns, &key);
	if (r < 0)
		return r;
	said("Read");
	if (strcmp(ns, "org.gnome.desktop.notifications") || strcmp(key, "show-banners"))
		return sd_bus_reply_method_errorf(m, "org.freedesktop.portal.Error.NotFound", "no such key");
	sd_bus_message *reply = NULL;
	r = sd_bus_message_new_method_return(m, &reply);
	if (r >= 0)
		r = sd_bus_message_append(reply, "v", "v", "b", banners); /* wrapped twice, like older portals */
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
	sd_bus_message_unref(reply);
	return r;
}

static const sd_bus_vtable portal_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("Read", "ss", "v", p_read, 0),
	SD_BUS_VTABLE_END
};

/* ---- main ---- */

static void command(const char *mode, const char *line)
{
	if (!strcmp(line, "away"))
		idle_since_ms = now_ms();
	else if (!strcmp(line, "back"))
		idle_since_ms = 0;
	else if (!strcmp(line, "banners on"))
		banners = true;
	else if (!strcmp(line, "banners off"))
		banners = false;
	else
		return;
	bool away = idle_since_ms != 0;
	if (!strcmp(mode, "mutter"))
		mutter_fire(away);
	else if (!strcmp(mode, "logind"))
		sd_bus_emit_properties_changed(bus, L_SESSION, "org.freedesktop.login1.Session", "IdleHint",
					       "IdleSinceHint", NULL);
	said(line);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int r;
	if (!strcmp(mode, "mutter")) {
		r = sd_bus_open_user(&bus);
		if (r >= 0)
			r = sd_bus_add_object_vtable(bus, NULL, M_PATH, M_IFACE, mutter_vtable, NULL);
		if (r >= 0)
			r = sd_bus_request_name(bus, "org.gnome.Mutter.IdleMonitor", 0);
	} else if (!strcmp(mode, "logind")) {
		r = sd_bus_open_system(&bus);
		if (r >= 0)
			r = sd_bus_add_object_vtable(bus, NULL, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
						     manager_vtable, NULL);
		if (r >= 0)
			r = sd_bus_add_object_vtable(bus, NULL, L_USER, "org.freedesktop.login1.User", user_vtable, NULL);
		if (r >= 0)
			r = sd_bus_add_object_vtable(bus, NULL, L_SESSION, "org.freedesktop.login1.Session",
						     session_vtable, NULL);
		if (r >= 0)
			r = sd_bus_request_name(bus, "org.freedesktop.login1", 0);
	} else if (!strcmp(mode, "portal")) {
		r = sd_bus_open_user(&bus);
		if (r >= 0)
			r = sd_bus_add_object_vtable(bus, NULL, "/org/freedesktop/portal/desktop",
						     "org.freedesktop.portal.Settings", portal_vtable, NULL);
		if (r >= 0)
			r = sd_bus_request_name(bus, "org.freedesktop.portal.Desktop", 0);
	} else {
		fprintf(stderr, "usage: fake-desktop mutter|logind|portal\n");
		return 2;
	}
	if (r < 0) {
		fprintf(stderr, "fake-desktop %s: %s\n", mode, strerror(-r));
		return 1;
	}
	said("ready");
	char line[128];
	size_t len = 0;
	for (;;) {
		while (sd_bus_process(bus, NULL) > 0)
			;
		/* asked after processing: sd-bus asks for no POLLIN while its queue holds messages */
		struct pollfd fds[2] = { { STDIN_FILENO, POLLIN, 0 }, { sd_bus_get_fd(bus), (short)sd_bus_get_events(bus), 0 } };
		if (poll(fds, 2, -1) < 0)
			return 1;
		if (fds[0].revents) {
			char c;
			if (read(STDIN_FILENO, &c, 1) <= 0)
				break;
			if (c == '\n') {
				line[len] = 0;
				command(mode, line);
				len = 0;
			} else if (len + 1 < sizeof(line))
				line[len++] = c;
		}
	}
	sd_bus_flush_close_unref(bus);
	return 0;
}
