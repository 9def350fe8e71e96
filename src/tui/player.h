/* player.h: runs a session engine in real time on a terminal: full screen (ANSI) or
 * one line per cue (--plain); keys or line commands in; voice, bell and persistence out.
 * Deadlines are absolute on CLOCK_MONOTONIC (timerfd with TFD_TIMER_ABSTIME). */
#ifndef UNHUNCH_PLAYER_H
#define UNHUNCH_PLAYER_H
#include "core/session.h"
#include "voice/voice.h"
#include <stdio.h>

struct player_opts {
	bool plain;               /* one line per cue; line commands on standard input */
	bool color;               /* false when NO_COLOR is set */
	const char *routine_name;
	const char *notice;       /* shown once (plain) or in the footer (full screen) */
	struct voice *voice;
	FILE *cue_log;            /* benchmark: "scheduled_ns actual_ns" per timer wake; may be NULL */
	/* Called for every persist effect (set, exercise, pain, session end); commits it
	 * and returns 0, or -1 when it could not be saved. */
	int (*on_effect)(const struct effect *f, void *ctx);
	void *ctx;
	/* How many steps are not saved yet (kept and tried again), with the store's reason;
	 * shown on screen while any are. May be NULL. */
	size_t (*unsaved)(void *ctx, const char **why);
};

/* Monotonic clock in milliseconds (the engine's time base). */
int64_t player_now_ms(void);

/* Run until the engine is done. Returns 0 when the routine was finished, 1 when the
 * user quit, -1 on a terminal or system error. */
int player_run(struct engine *e, const struct player_opts *o);
/* The signal (SIGINT, SIGTERM, SIGHUP) that ended the last run, or 0. SIGINT, SIGTERM
 * and SIGHUP are unblocked while a run goes on and blocked again after if they were. */
int player_quit_signal(void);

#endif
