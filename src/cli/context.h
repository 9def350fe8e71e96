/* context.h: what a command needs to call the app layer (content, store, now, the local
 * time zone, the emergency number from the settings), and the shared rendering of the
 * gate's answers and of safety messages. */
#ifndef UNHUNCH_CLI_CONTEXT_H
#define UNHUNCH_CLI_CONTEXT_H
#include "app/app.h"
#include "app/gate.h"
#include "core/content.h"
#include <stdio.h>

struct cli_ctx {
	const char *cmd;        /* "start", "screen", ...: for messages */
	struct catalog cat;     /* the content as the person's routines run (with the steps a
				 * trainer added, app/person-content.h) */
	struct catalog base;    /* the content as loaded */
	struct store *st;
	struct app_ctx app;
	char emergency[24];     /* emergency_number from the settings, or "" */
};

/* Load the content, open the store, read the clock once. Prints what went wrong and
 * returns EXIT_PROBLEM, or 0. */
int cli_ctx_open(struct cli_ctx *x, const char *cmd);
/* The same; read_only for commands that only read (the store opened STORE_READ_ONLY). */
int cli_ctx_open_mode(struct cli_ctx *x, const char *cmd, bool read_only);
/* The store and the clock only, for commands that need no content (export, import,
 * history, forget); x->cat is left empty. */
int cli_ctx_open_store(struct cli_ctx *x, const char *cmd, bool read_only);
void cli_ctx_close(struct cli_ctx *x);
/* The emergency number from the settings into out, or "". */
void cli_emergency(char *out, size_t size);
/* Read the clock again (a long session, before its end is stored). */
void cli_ctx_tick(struct cli_ctx *x);

/* Print a safety text wrapped at 78 columns, with the person's emergency number. */
void print_safety(FILE *f, const char *first, const char *rest, const char *text, const struct cli_ctx *x);

/* Ask the gate; when the screen must be answered first and input allows it, run it and
 * ask again. Prints nothing when allowed. Returns 0 with the answer in g, or
 * EXIT_PROBLEM / EXIT_USAGE when the store or the screen failed. */
int cli_gate(struct cli_ctx *x, const struct app_gate_request *rq, struct app_gate_result *g);
/* Print why the gate said no, who to see and what to do, to f. */
void cli_gate_refusal(const struct cli_ctx *x, const struct app_gate_result *g, FILE *f);

/* The screen (cmd-screen.c): ask the questions and store the answers. reasons (enum
 * rescreen_why) say why it is asked; RS_CHEST asks the heart questions first, one at a
 * time, after the emergency wording. out (may be NULL) gets the stored row. Returns 0,
 * or EXIT_PROBLEM / EXIT_USAGE. */
struct screening_row;
int screen_run(struct cli_ctx *x, unsigned reasons, struct screening_row *out);

#endif
