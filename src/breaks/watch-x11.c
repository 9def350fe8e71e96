/* watch-x11.c: presence on X11. Idle: two XSync alarms on the server's IDLETIME
 * counter (one fires when input has stopped for away_ms, the other when input comes
 * back), with XScreenSaverQueryInfo for when the idle stretch began. Full screen:
 * PropertyNotify on the root window's _NET_ACTIVE_WINDOW and the active window's
 * _NET_WM_STATE (EWMH). The process sleeps until the X server sends one of these. */
#include "breaks/presence.h"
#include "core/mem.h"
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>
#include <X11/extensions/sync.h>
#include <stdlib.h>
#include <string.h>

struct x11w {
	struct watch w;
	Display *dpy;
	bool dead;              /* the X server went away: the watch says nothing more */
	int64_t away_ms;
	/* idle */
	bool idle_on;
	int sync_base;
	XSyncCounter counter;
	XSyncAlarm away_alarm, back_alarm;
	/* full screen */
	bool fs_on;
	Window root, active;
	Atom a_active, a_state, a_fullscreen;
};

/* Xlib's own I/O error handler exits; this one returns, and on_io_exit marks the
 * watch dead instead, so the coach outlives the X server. */
static int on_io_error(Display *dpy)
{
	return 0;
}

static void on_io_exit(Display *dpy, void *ctx)
{
	struct x11w *x = ctx;
	x->dead = true;
	x->w.idle_since = 0;
	x->w.dnd = false;
	x->w.changed = true;
}

/* A window that went away between the event and our question is not an error. */
static int on_error(Display *dpy, XErrorEvent *e)
{
	return 0;
}

static int fd_of(struct watch *w)
{
	struct x11w *x = (struct x11w *)w;
	return x->dead ? -1 : ConnectionNumber(x->dpy);
}

static short events_of(struct watch *w)
{
	return POLLIN;
}

/* ---- idle ---- */

static void set_alarm(struct x11w *x, XSyncAlarm *alarm, XSyncTestType test, int64_t value)
{
	XSyncAlarmAttributes a;
	memset(&a, 0, sizeof(a));
	a.trigger.counter = x->counter;
	a.trigger.value_type = XSyncAbsolute;
	XSyncIntsToValue(&a.trigger.wait_value, (unsigned)(value & 0xffffffffu), (int)(value >> 32));
	a.trigger.test_type = test;
	XSyncIntToValue(&a.delta, 0);
	a.events = True;
	unsigned long mask = XSyncCACounter | XSyncCAValueType | XSyncCAValue | XSyncCATestType | XSyncCADelta |
			     XSyncCAEvents;
	if (*alarm)
		XSyncChangeAlarm(x->dpy, *alarm, mask, &a);
	else
		*alarm = XSyncCreateAlarm(x->dpy, mask, &a);
}

/* How long the user has been idle, in ms. */
static int64_t idle_now(struct x11w *x)
{
	XScreenSaverInfo *info = XScreenSaverAllocInfo();
	int64_t ms = 0;
	if (info && XScreenSaverQueryInfo(x->dpy, x->root, info))
		ms = (int64_t)info->idle;
	XFree(info);
	return ms;
}

/* Wait for the user to go away (idle reaches away_ms). */
static void arm_away(struct x11w *x)
{
	set_alarm(x, &x->away_alarm, XSyncPositiveComparison, x->away_ms);
	if (x->back_alarm) {
		XSyncDestroyAlarm(x->dpy, x->back_alarm);
		x->back_alarm = 0;
	}
}

/* Wait for the user to come back (idle drops below what it is now). */
static void arm_back(struct x11w *x, int64_t idle)
{
	set_alarm(x, &x->back_alarm, XSyncNegativeComparison, idle > 1 ? idle - 1 : 0);
}

static bool open_idle(struct x11w *x, struct strbuf *why)
{
	int ev, err, major, minor;
	if (!XScreenSaverQueryExtension(x->dpy, &ev, &err)) {
		strbuf_addstr(why, "the X server has no MIT-SCREEN-SAVER extension");
		return false;
	}
	if (!XSyncQueryExtension(x->dpy, &x->sync_base, &err) || !XSyncInitialize(x->dpy, &major, &minor)) {
		strbuf_addstr(why, "the X server has no SYNC extension");
		return false;
	}
	int n = 0;
	XSyncSystemCounter *list = XSyncListSystemCounters(x->dpy, &n);
	for (int i = 0; i < n; i++)
		if (!strcmp(list[i].name, "IDLETIME"))
			x->counter = list[i].counter;
	if (list)
		XSyncFreeSystemCounterList(list);
	if (!x->counter) {
		strbuf_addstr(why, "the X server has no IDLETIME counter");
		return false;
	}
	x->idle_on = true;
	arm_away(x);
	return true;
}

static void on_alarm(struct x11w *x, XSyncAlarmNotifyEvent *e)
{
	if (e->alarm == x->away_alarm && !x->w.idle_since) {
		int64_t idle = idle_now(x);
		if (idle < x->away_ms)
			idle = x->away_ms;
		x->w.idle_since = presence_now_ms() - idle;
		x->w.changed = true;
		arm_back(x, idle);
	} else if (e->alarm == x->back_alarm && x->w.idle_since) {
		x->w.idle_since = 0;
		x->w.changed = true;
		arm_away(x);
	}
}

/* ---- full screen ---- */

static Window active_window(struct x11w *x)
{
	Atom type;
	int format;
	unsigned long n, left;
	unsigned char *data = NULL;
	Window w = 0;
	if (XGetWindowProperty(x->dpy, x->root, x->a_active, 0, 1, False, AnyPropertyType, &type, &format, &n,
			       &left, &data) == Success && data && format == 32 && n == 1)
		w = (Window)((unsigned long *)data)[0];
	XFree(data);
	return w;
}

static bool is_fullscreen(struct x11w *x, Window win)
{
	Atom type;
	int format;
	unsigned long n = 0, left;
	unsigned char *data = NULL;
	bool fs = false;
	if (win && XGetWindowProperty(x->dpy, win, x->a_state, 0, 64, False, AnyPropertyType, &type, &format, &n,
				      &left, &data) == Success && data && format == 32)
		for (unsigned long i = 0; i < n; i++)
			if (((unsigned long *)data)[i] == x->a_fullscreen)
				fs = true;
	XFree(data);
	return fs;
}

static void refresh_fullscreen(struct x11w *x)
{
	Window a = active_window(x);
	if (a != x->active) {
		if (x->active)
			XSelectInput(x->dpy, x->active, NoEventMask); /* only the active window is watched */
		if (a)
			XSelectInput(x->dpy, a, PropertyChangeMask);
		x->active = a;
	}
	bool fs = is_fullscreen(x, a);
	if (fs != x->w.dnd) {
		x->w.dnd = fs;
		x->w.changed = true;
	}
}

/* ---- events ---- */

static void process(struct watch *w)
{
	struct x11w *x = (struct x11w *)w;
	if (x->dead)
		return;
	while (!x->dead && XPending(x->dpy)) {
		XEvent e;
		XNextEvent(x->dpy, &e);
		if (x->idle_on && e.type == x->sync_base + XSyncAlarmNotify)
			on_alarm(x, (XSyncAlarmNotifyEvent *)&e);
		else if (x->fs_on && e.type == PropertyNotify &&
			 ((e.xproperty.window == x->root && e.xproperty.atom == x->a_active) ||
			  (e.xproperty.window == x->active && e.xproperty.atom == x->a_state)))
			refresh_fullscreen(x);
	}
	if (!x->dead)
		XFlush(x->dpy);
}

static void close_x11(struct watch *w)
{
	struct x11w *x = (struct x11w *)w;
	if (!x->dead) {
		if (x->away_alarm)
			XSyncDestroyAlarm(x->dpy, x->away_alarm);
		if (x->back_alarm)
			XSyncDestroyAlarm(x->dpy, x->back_alarm);
	}
	XCloseDisplay(x->dpy); /* also after the server went away: frees the connection */
	free(x);
}

struct watch *watch_x11_open(int64_t away_ms, bool idle, bool fullscreen, struct strbuf *why)
{
	const char *d = getenv("DISPLAY");
	if (!d || !*d) {
		strbuf_addstr(why, "no X display (DISPLAY is not set)");
		return NULL;
	}
	Display *dpy = XOpenDisplay(NULL);
	if (!dpy) {
		strbuf_addf(why, "cannot open the X display %s", d);
		return NULL;
	}
	struct x11w *x = xcalloc(1, sizeof(*x));
	x->dpy = dpy;
	x->away_ms = away_ms > 0 ? away_ms : 1;
	x->root = DefaultRootWindow(dpy);
	x->w = (struct watch){ "x11", 0, false, false, fd_of, events_of, NULL, process, close_x11, NULL };
	XSetIOErrorHandler(on_io_error);
	XSetIOErrorExitHandler(dpy, on_io_exit, x);
	XSetErrorHandler(on_error);
	if (idle && !open_idle(x, why)) {
		close_x11(&x->w);
		return NULL;
	}
	if (fullscreen) {
		x->fs_on = true;
		x->a_active = XInternAtom(dpy, "_NET_ACTIVE_WINDOW", False);
		x->a_state = XInternAtom(dpy, "_NET_WM_STATE", False);
		x->a_fullscreen = XInternAtom(dpy, "_NET_WM_STATE_FULLSCREEN", False);
		XSelectInput(dpy, x->root, PropertyChangeMask);
		refresh_fullscreen(x);
		x->w.changed = false;
	}
	XFlush(dpy);
	return &x->w;
}
