/* daemon.h: the break coach's event loop. It sleeps on one timerfd armed at the
 * scheduler's next absolute deadline (CLOCK_REALTIME, so a suspend or a clock change
 * is noticed at once), and otherwise only wakes for an answer: a notification action
 * over D-Bus, a line on standard input (start, later, skip), a presence source
 * saying the user went away or came back (presence.h), or a signal to stop.
 * No polling. */
#ifndef UNHUNCH_BREAKS_DAEMON_H
#define UNHUNCH_BREAKS_DAEMON_H
#include "breaks/config.h"
#include "core/breaks.h"
#include "core/strbuf.h"

struct breaks_hooks {
	/* Persist one event. */
	void (*log)(const struct brk_event *ev, void *ctx);
	/* Words for a reminder: summary and body. *start false: exercise is not allowed now
	 * (the safety gate said no), so the reminder is a plain one without a Start. */
	void (*describe)(const struct brk_show *r, struct strbuf *summary, struct strbuf *body, bool *start,
			 void *ctx);
	/* Guide the reset after "Start" (blocks until it is over). */
	void (*play)(enum brk_kind kind, const char *exercise, void *ctx);
	void *ctx;
};

struct breaks_run_opts {
	const struct breaks_settings *set;
	const char *const *rotation;
	size_t n_rotation;
	const char *move_exercise;
	int reminders;  /* stop once this many reminders were answered or let go; 0: never */
};

/* Run until a signal (SIGINT, SIGTERM, SIGHUP) or the reminder count. Returns 0, or -1
 * on a system error (message on stderr). */
int breaks_run(const struct breaks_run_opts *o, const struct breaks_hooks *h);

#endif
