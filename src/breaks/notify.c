/* notify.c: freedesktop notifications over sd-bus (see notify.h). */
#include "breaks/notify.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

#define N_DEST "org.freedesktop.Notifications"
#define N_PATH "/org/freedesktop/Notifications"

struct notifier {
	sd_bus *bus;
	uint32_t id;          /* the notification on screen, 0 when none */
	enum notify_answer answer;
	int caps_known;       /* 0 unknown, 1 known */
	bool actions;
	bool markup;          /* the server reads the body as markup: escape & < > */
};

static int on_action(sd_bus_message *m, void *ctx, sd_bus_error *e)
{
	struct notifier *n = ctx;
	uint32_t id;
	const char *key;
	if (sd_bus_message_read(m, "us", &id, &key) < 0 || id != n->id)
		return 0;
	if (!strcmp(key, "start") || !strcmp(key, "default"))
		n->answer = NOTIFY_START;
	else if (!strcmp(key, "later"))
		n->answer = NOTIFY_LATER;
	else if (!strcmp(key, "skip"))
		n->answer = NOTIFY_SKIP;
	return 0;
}

static int on_closed(sd_bus_message *m, void *ctx, sd_bus_error *e)
{
	struct notifier *n = ctx;
	uint32_t id, reason;
	if (sd_bus_message_read(m, "uu", &id, &reason) >= 0 && id == n->id) {
		n->id = 0;
		/* closed by the user (2): a skip; the scheduler keeps strict mode's limit */
		if (reason == 2 && n->answer == NOTIFY_NONE)
			n->answer = NOTIFY_SKIP;
	}
	return 0;
}

struct notifier *notify_open(char *why, size_t why_len)
{
	sd_bus *bus = NULL;
	int r = sd_bus_open_user(&bus);
	if (r < 0) {
		snprintf(why, why_len, "no session bus (%s)", strerror(-r));
		return NULL;
	}
	struct notifier *n = xcalloc(1, sizeof(*n));
	n->bus = bus;
	sd_bus_set_method_call_timeout(bus, 5 * 1000000ULL); /* a hung server holds us 5 s at most */
	if (sd_bus_match_signal(bus, NULL, NULL, N_PATH, N_DEST, "ActionInvoked", on_action, n) < 0 ||
	    sd_bus_match_signal(bus, NULL, NULL, N_PATH, N_DEST, "NotificationClosed", on_closed, n) < 0) {
		snprintf(why, why_len, "cannot watch the notification server's answers");
		notify_close(n);
		return NULL;
	}
	return n;
}

void notify_close(struct notifier *n)
{
	if (!n)
		return;
	sd_bus_flush_close_unref(n->bus);
	free(n);
}

int notify_fd(struct notifier *n)
{
	return sd_bus_get_fd(n->bus);
}

short notify_events(struct notifier *n)
{
	int e = sd_bus_get_events(n->bus);
	return e < 0 ? POLLIN : (short)e;
}

uint64_t notify_timeout(struct notifier *n)
{
	uint64_t t = UINT64_MAX;
	if (sd_bus_get_timeout(n->bus, &t) < 0)
		return UINT64_MAX;
	return t;
}

void notify_process(struct notifier *n)
{
	while (sd_bus_process(n->bus, NULL) > 0)
		;
}

static void load_caps(struct notifier *n)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	/* known only once the server answered: one that starts later gets asked again */
	if (sd_bus_call_method(n->bus, N_DEST, N_PATH, N_DEST, "GetCapabilities", &e, &reply, "") < 0)
		goto out;
	n->caps_known = 1;
	char **caps = NULL;
	if (sd_bus_message_read_strv(reply, &caps) >= 0 && caps) {
		for (char **c = caps; *c; c++) {
			if (!strcmp(*c, "actions"))
				n->actions = true;
			if (!strcmp(*c, "body-markup"))
				n->markup = true;
			free(*c);
		}
		free(caps);
	}
out:
	sd_bus_error_free(&e);
	sd_bus_message_unref(reply);
}

bool notify_has_actions(struct notifier *n)
{
	return n && n->actions;
}

/* The body as the server will read it: with markup, a trainer's "&" or "<" is text. */
static void body_text(const struct notifier *n, const char *body, struct strbuf *out)
{
	for (const char *c = body; *c; c++) {
		if (n->markup && *c == '&')
			strbuf_addstr(out, "&amp;");
		else if (n->markup && *c == '<')
			strbuf_addstr(out, "&lt;");
		else if (n->markup && *c == '>')
			strbuf_addstr(out, "&gt;");
		else
			strbuf_addch(out, *c);
	}
}

int notify_show(struct notifier *n, const char *summary, const char *body, bool actions, bool can_skip,
		int timeout_ms, char *why, size_t why_len)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *m = NULL, *reply = NULL;
	int rc = -1;
	if (!n->caps_known)
		load_caps(n);
	struct strbuf text = STRBUF_INIT;
	body_text(n, body, &text);
	int r = sd_bus_message_new_method_call(n->bus, &m, N_DEST, N_PATH, N_DEST, "Notify");
	if (r >= 0)
		r = sd_bus_message_append(m, "susss", "unhunch", n->id, "", summary, strbuf_str(&text));
	strbuf_release(&text);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "s");
	if (r >= 0 && actions && n->actions) {
		/* "default" is a click on the notification itself: it starts the reset too */
		r = sd_bus_message_append(m, "ssssss", "default", "Start", "start", "Start", "later", "In 5 min");
		if (r >= 0 && can_skip)
			r = sd_bus_message_append(m, "ss", "skip", "Skip");
	}
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r >= 0)
		r = sd_bus_message_append(m, "a{sv}", 2, "urgency", "y", (uint8_t)1, "desktop-entry", "s", "unhunch");
	if (r >= 0)
		r = sd_bus_message_append(m, "i", (int32_t)timeout_ms);
	if (r < 0) {
		snprintf(why, why_len, "cannot build the notification: %s", strerror(-r));
		goto out;
	}
	r = sd_bus_call(n->bus, m, 5 * 1000000ULL, &e, &reply);
	if (r < 0) {
		snprintf(why, why_len, "%s", e.message ? e.message : strerror(-r));
		goto out;
	}
	uint32_t id = 0;
	if (sd_bus_message_read(reply, "u", &id) < 0)
		goto out;
	n->id = id;
	n->answer = NOTIFY_NONE;
	rc = 0;
out:
	sd_bus_error_free(&e);
	sd_bus_message_unref(m);
	sd_bus_message_unref(reply);
	return rc;
}

void notify_withdraw(struct notifier *n)
{
	if (!n || !n->id)
		return;
	sd_bus_call_method(n->bus, N_DEST, N_PATH, N_DEST, "CloseNotification", NULL, NULL, "u", n->id);
	n->id = 0;
}

enum notify_answer notify_take_answer(struct notifier *n)
{
	enum notify_answer a = n ? n->answer : NOTIFY_NONE;
	if (n)
		n->answer = NOTIFY_NONE;
	return a;
}
