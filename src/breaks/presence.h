/* presence.h: is the user at the desk, and may a reminder disturb them? One front for
 * the desktop's own answers, each an event source (no polling):
 *   idle: GNOME's Mutter idle monitor (D-Bus watches), Wayland ext-idle-notify-v1,
 *         X11 (XScreenSaver for the idle time, XSync IDLETIME alarms for the events),
 *         logind's IdleHint (system bus); the first that answers is used.
 *   do not disturb: the notification server's pause (dunst's "paused", KDE's
 *         "Inhibited"), GNOME's show-banners through the settings portal, and a
 *         full-screen active window on X11 (EWMH).
 * Without any, idle is "unknown" (the timers run on the wall clock) and do-not-disturb
 * is off. The caller polls presence_fds() with its other descriptors. */
#ifndef UNHUNCH_BREAKS_PRESENCE_H
#define UNHUNCH_BREAKS_PRESENCE_H
#include "core/strbuf.h"
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

/* One source: a descriptor to wait on and what it knows. */
struct watch {
	const char *name;          /* "x11", "mutter", ... */
	int64_t idle_since;        /* Unix ms the user went idle; 0 while present */
	bool dnd;                  /* this source says: do not disturb */
	bool changed;              /* set by process() when idle_since or dnd changed */
	int (*fd)(struct watch *w);
	short (*events)(struct watch *w);
	uint64_t (*timeout)(struct watch *w); /* CLOCK_MONOTONIC µs, UINT64_MAX: none */
	void (*process)(struct watch *w);
	void (*close)(struct watch *w);
	void (*refresh)(struct watch *w);     /* ask afresh now; NULL: events keep it current */
};

/* Unix ms now, for the sources' idle_since. */
int64_t presence_now_ms(void);

/* Each opener returns NULL (with why filled) when its source is not there. away_ms is
 * how long without input counts as away (the sources tell the change at that mark). */
struct watch *watch_mutter_open(int64_t away_ms, struct strbuf *why);
struct watch *watch_logind_open(int64_t away_ms, struct strbuf *why);
struct watch *watch_x11_open(int64_t away_ms, bool idle, bool fullscreen, struct strbuf *why);
struct watch *watch_wayland_open(int64_t away_ms, struct strbuf *why);
struct watch *watch_dnd_open(struct strbuf *why);

enum presence_idle { PIDLE_AUTO, PIDLE_MUTTER, PIDLE_WAYLAND, PIDLE_X11, PIDLE_LOGIND, PIDLE_OFF, PIDLE__COUNT };
extern const char *const presence_idle_names[PIDLE__COUNT + 1]; /* "auto", "mutter", ... */

#define PRESENCE_MAX 4

struct presence {
	struct watch *w[PRESENCE_MAX];
	int n;
	struct watch *idle;        /* the idle source, or NULL */
};

/* Open the idle source asked for (auto: the first that answers) and, when dnd is
 * true, the do-not-disturb sources. What was found and what was not goes to said,
 * a line each. */
void presence_open(struct presence *p, enum presence_idle idle, bool dnd, int64_t away_ms, struct strbuf *said);
void presence_close(struct presence *p);
/* Fill fds (room for PRESENCE_MAX) for poll; returns how many. */
int presence_fds(struct presence *p, struct pollfd *fds);
/* The earliest bus timeout of the sources (CLOCK_MONOTONIC µs), UINT64_MAX when none. */
uint64_t presence_timeout(struct presence *p);
/* Let every source handle what it has; true when something changed. */
bool presence_process(struct presence *p);
/* How long the user has been idle at now (0: present or unknown). */
int64_t presence_idle_ms(const struct presence *p, int64_t now);
/* Whether any source says do not disturb, asking the sources that are asked rather
 * than told (called when a reminder is due). */
bool presence_dnd(struct presence *p);

#endif
