/* presence.c: choosing and combining the idle and do-not-disturb sources (see
 * presence.h). */
#include "breaks/presence.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t presence_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void add(struct presence *p, struct watch *w)
{
	if (w && p->n < PRESENCE_MAX)
		p->w[p->n++] = w;
	else if (w)
		w->close(w);
}

/* A Wayland session: X11 there is Xwayland, which sees only X11 clients' input and
 * windows (and connecting may start it), so the X11 sources are left out. */
static bool wayland_session(void)
{
	const char *w = getenv("WAYLAND_DISPLAY"), *t = getenv("XDG_SESSION_TYPE");
	return (w && *w) || (t && !strcmp(t, "wayland"));
}

static struct watch *open_idle(enum presence_idle which, int64_t away_ms, bool fullscreen, struct strbuf *why)
{
	switch (which) {
	case PIDLE_MUTTER:
		return watch_mutter_open(away_ms, why);
	case PIDLE_WAYLAND:
		return watch_wayland_open(away_ms, why);
	case PIDLE_X11:
		return watch_x11_open(away_ms, true, fullscreen, why);
	case PIDLE_LOGIND:
		return watch_logind_open(away_ms, why);
	default:
		return NULL;
	}
}

void presence_open(struct presence *p, enum presence_idle idle, bool dnd, int64_t away_ms, struct strbuf *said)
{
	memset(p, 0, sizeof(*p));
	struct strbuf why = STRBUF_INIT;
	if (idle != PIDLE_OFF) {
		enum presence_idle from = idle == PIDLE_AUTO ? PIDLE_MUTTER : idle;
		enum presence_idle to = idle == PIDLE_AUTO ? PIDLE_LOGIND : idle;
		for (int i = (int)from; i <= (int)to && !p->idle; i++) {
			if (idle == PIDLE_AUTO && i == PIDLE_X11 && wayland_session())
				continue;
			strbuf_reset(&why);
			p->idle = open_idle((enum presence_idle)i, away_ms, dnd, &why);
			if (!p->idle && idle != PIDLE_AUTO)
				strbuf_addf(said, "Idle source %s: %s\n", presence_idle_names[i], strbuf_str(&why));
		}
		if (p->idle)
			strbuf_addf(said, "Away from the desk: told by %s\n", p->idle->name);
		else if (idle == PIDLE_AUTO)
			strbuf_addstr(said, "Away from the desk: no idle source here; the timers run on the clock\n");
		add(p, p->idle);
	}
	if (dnd) {
		strbuf_reset(&why);
		struct watch *w = watch_dnd_open(&why);
		if (w)
			strbuf_addf(said, "Do not disturb: told by %s\n", w->name);
		add(p, w);
		/* full screen comes from X11: with the X11 idle source it is already watched */
		if ((!p->idle || strcmp(p->idle->name, "x11")) && !wayland_session()) {
			strbuf_reset(&why);
			w = watch_x11_open(away_ms, false, true, &why);
			if (w)
				strbuf_addstr(said, "Full-screen windows: watched on X11\n");
			add(p, w);
		}
	}
	/* what the openers' round trips left queued is handled now, not at the next wake */
	for (int i = 0; i < p->n; i++) {
		p->w[i]->process(p->w[i]);
		p->w[i]->changed = false;
	}
	strbuf_release(&why);
}

void presence_close(struct presence *p)
{
	for (int i = 0; i < p->n; i++)
		p->w[i]->close(p->w[i]);
	memset(p, 0, sizeof(*p));
}

int presence_fds(struct presence *p, struct pollfd *fds)
{
	for (int i = 0; i < p->n; i++)
		fds[i] = (struct pollfd){ p->w[i]->fd(p->w[i]), p->w[i]->events(p->w[i]), 0 };
	return p->n;
}

uint64_t presence_timeout(struct presence *p)
{
	uint64_t t = UINT64_MAX;
	for (int i = 0; i < p->n; i++) {
		uint64_t u = p->w[i]->timeout ? p->w[i]->timeout(p->w[i]) : UINT64_MAX;
		if (u < t)
			t = u;
	}
	return t;
}

bool presence_process(struct presence *p)
{
	bool changed = false;
	for (int i = 0; i < p->n; i++) {
		p->w[i]->process(p->w[i]);
		changed |= p->w[i]->changed;
		p->w[i]->changed = false;
	}
	return changed;
}

int64_t presence_idle_ms(const struct presence *p, int64_t now)
{
	if (!p->idle || !p->idle->idle_since)
		return 0;
	return now > p->idle->idle_since ? now - p->idle->idle_since : 0;
}

bool presence_dnd(struct presence *p)
{
	for (int i = 0; i < p->n; i++)
		if (p->w[i]->refresh)
			p->w[i]->refresh(p->w[i]);
	for (int i = 0; i < p->n; i++)
		if (p->w[i]->dnd)
			return true;
	return false;
}
