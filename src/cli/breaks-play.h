/* breaks-play.h: guiding one break reset, for the coach's "Start": here when the coach
 * has a terminal, else in a terminal window of its own (`unhunch breaks play`), so
 * a coach running as a service still shows the steps as well as speaking them. */
#ifndef UNHUNCH_CLI_BREAKS_PLAY_H
#define UNHUNCH_CLI_BREAKS_PLAY_H
#include "core/breaks.h"
#include "core/content.h"
#include "core/safety.h"
#include <stdbool.h>

struct command;
struct cli_ctx;

/* Guide the reset in this terminal (plain lines when it is not one), at the dose
 * routine_id gives it (else the exercise's own), once the gate (entry GATE_BREAK_START
 * or GATE_BREAK_PLAY) allows it; a warning sign during it is stored at once. Returns 0
 * when it ran, EXIT_PROBLEM when the gate refused (said why on stdout) or it failed. */
int breaks_play_here(struct cli_ctx *x, enum gate_entry entry, const char *routine_id, enum brk_kind kind,
		     const char *exercise, bool voice);
/* Open a terminal window running `unhunch breaks play` (the program named by
 * $UNHUNCH_TERMINAL, else x-terminal-emulator), without waiting for it. Returns 0,
 * or -1 when there is no display or no terminal program. */
int breaks_play_window(enum brk_kind kind, const char *exercise, bool voice);
/* `unhunch breaks play EXERCISE [--move] [--no-voice]` */
int breaks_play_cmd(const struct command *self, int argc, char **argv);

#endif
