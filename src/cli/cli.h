/* cli.h: the command table and what the command files share (content loading, paths, output). */
#ifndef UNHUNCH_CLI_H
#define UNHUNCH_CLI_H
#include "core/content.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes */
#define EXIT_OK 0
#define EXIT_PROBLEM 1 /* invalid input, not found, refused */
#define EXIT_USAGE 2   /* wrong flags or arguments */

struct command {
	const char *name;
	const char *summary; /* one line for the command list */
	const char *help;    /* full help: usage line, then options */
	int (*run)(int argc, char **argv);
};

extern const struct command commands[];
const struct command *command_find(const char *name);

/* Print a command's help to f. */
void command_help(const struct command *cmd, FILE *f);
/* "unhunch CMD: msg" to stderr plus a hint to run --help; returns EXIT_USAGE. */
int usage_error(const struct command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True when argv holds -h or --help before any "--". */
bool wants_help(int argc, char **argv);

/* Content search path: the installed data folder, then the user's. */
/* The unhunch program the user runs: the running binary, or in unhunch-full or
 * unhunch-player started by it (helper.c) the one that handed over, which says so in
 * UNHUNCH_PROGRAM. */
bool program_path(char *out, size_t size);
const char *datadir_system(void);
char *datadir_user(void); /* caller frees; NULL when there is no home folder */
/* Folder of the database; caller frees. Without a home folder it says so and exits. */
char *datadir_store(void);
/* The user's home folder: $HOME when it is an absolute path, else the one the password
 * database gives; NULL when neither is. */
const char *home_dir(void);

/* Load all content from the search path into c. Problems are printed to stderr
 * as file:line:col; entries with problems are left out. Returns the number of problems. */
size_t content_load_all(struct catalog *c);

/* True when the full-screen player can run: standard input and output are a terminal
 * and TERM names one that takes cursor movement (set, and not "dumb"). */
bool term_full_screen(void);

/* Print text word-wrapped at width (or at the terminal's width when f is a narrower
 * terminal), first line after `first`, others after `rest`. */
void print_wrapped(FILE *f, const char *first, const char *rest, const char *text, int width);
struct strbuf;
/* A question for ask_line: text wrapped as print_wrapped does on stdout, its last line
 * ending in a space where the answer goes. */
void prompt_wrapped(struct strbuf *out, const char *first, const char *rest, const char *text, int width);

/* Check text the user typed for the field named what (e.g. "--note"): no NUL byte (len
 * is its length in bytes), valid UTF-8, no control characters but line breaks and tabs
 * when multiline, at most max characters (0: any). Returns 0, or -1 with a message in
 * err saying what is wrong and what to do ("... so cut 12"). */
struct strbuf;
int text_check(const char *what, const char *s, size_t len, size_t max, bool multiline, struct strbuf *err);
/* Stored text for the terminal on one line, control characters and broken bytes shown
 * as \xNN (utf8_visible); the result lives in sb. */
const char *text_shown(struct strbuf *sb, const char *s);

/* Print diags to f, one per line. */
void diags_print(const struct diags *d, FILE *f);

#define DEFAULT_ROUTINE "upper-back-activation"

/* Ask a question on stdout and read one line from standard input, a byte at a time
 * (so nothing is buffered away from later readers). Returns false at end of input. */
struct strbuf;
bool ask_line(const char *question, struct strbuf *answer);
/* The same without a question: append one line of standard input (no line break, no
 * carriage return) to answer; false at end of input with nothing read. */
bool read_input_line(struct strbuf *answer);
/* Ask for a 0-10 score; empty answer or end of input gives -1. Re-asks on a terminal;
 * returns -2 for a bad answer when input is not a terminal. */
int ask_score(const char *question);
/* Ask yes/no with a default; end of input gives the default. */
bool ask_yes(const char *question, bool dflt);

/* Read a password (password-read.c): on a terminal after prompt (on stderr) without
 * echo, asked twice when confirm (-2 when the two differ); otherwise one line of
 * standard input. -1 at end of input. Wipe it with password_wipe. */
int password_read(const char *prompt, bool confirm, struct strbuf *pw);
void password_wipe(struct strbuf *pw);

/* The store's location: $UNHUNCH_STORE when set (store_named(): a PostgreSQL URL or
 * libpq key=value string, or sqlite:PATH), else the SQLite file in the data folder;
 * caller frees. store_shown() is the same for messages (never a password). */
const char *store_named(void);
char *store_path(void);
char *store_shown(void);
/* The session lock's holder (holder.c): this run's id, whether the run an id names
 * is still going (a store_holder's alive), and the process id in an id (0 if none). */
const char *holder_self(void);
bool holder_alive(const char *id, void *ctx);
long holder_pid(const char *id);

/* The instant this run works at and the user's time zone: read once by main and
 * handed to every use case (through cli_ctx). Only a long session reads the clock
 * again (cli_ctx_tick). */
struct tz;
struct cli_clock {
	int64_t now_ms;
	const struct tz *tz;
};
extern struct cli_clock cli_clock;

/* The environment the commands use, read by main() once before any command runs;
 * nothing else in src/cli calls getenv() for these. NULL when unset. */
struct cli_env {
	const char *home;            /* HOME */
	const char *xdg_data_home;   /* XDG_DATA_HOME */
	const char *xdg_config_home; /* XDG_CONFIG_HOME */
	const char *data_dir;        /* UNHUNCH_DATA_DIR: the shipped content elsewhere */
	const char *program;         /* UNHUNCH_PROGRAM: the light binary that handed over (helper.c) */
	const char *journal_stream;  /* JOURNAL_STREAM: set by systemd for a service */
	const char *systemctl;       /* UNHUNCH_SYSTEMCTL: tests put a fake systemctl here */
	const char *store;           /* UNHUNCH_STORE: the store elsewhere (store_named()) */
	const char *term;            /* TERM: whether the terminal takes the full screen */
	const char *no_color;        /* NO_COLOR: set and not empty, the player uses no colour */
	const char *display;         /* DISPLAY: an X display, for a break's window */
	const char *wayland_display; /* WAYLAND_DISPLAY: a Wayland display, likewise */
	const char *terminal;        /* UNHUNCH_TERMINAL: the terminal a break's window opens in */
	const char *xdg_cache_home;  /* XDG_CACHE_HOME: where the loaded content is kept (paths.c) */
};
/* True when NO_COLOR asks for no colour (https://no-color.org: set and not empty). */
bool cli_no_color(void);
/* Read the most common passwords into w (common-pw.c); -1 with a message on stderr
 * naming the command and the package to install. */
struct wordlist;
int cli_common_passwords(struct wordlist *w, const char *cmd);
extern struct cli_env cli_env;

/* Wall clock, Unix milliseconds (moved by the test clock); main.c reads it, for main
 * and for a long session's cli_ctx_tick. */
int64_t wall_ms(void);
/* Tests only: move wall_ms() by ms (main.c reads UNHUNCH_TEST_NOW). */
void wall_shift_for_tests(int64_t ms);

/* A warning sign the store refused (at the end of a session, or during a break reset)
 * is kept in a file beside the database (warning-file.c), so that no later session
 * starts before it is saved. keep writes it (-1 with err when even that fails); settle
 * saves a kept one (app_warning_settle()) and removes the file: 0 when none is left, -1 (with err)
 * when it is still unsaved. */
struct app_ctx;
struct screening_row;
int warning_file_keep(const struct screening_row *w, struct strbuf *err);
int warning_file_settle(const struct app_ctx *app, struct strbuf *err);

int cmd_screen(int argc, char **argv);
int cmd_checkin(int argc, char **argv);
int cmd_breaks(int argc, char **argv);
/* `breaks stats` (cmd-breaks-stats.c), in both binaries; argv[1] is "stats". */
int breaks_stats(const struct command *self, int argc, char **argv);
/* `unhunch` with no arguments: today on one screen (cmd-plan.c). */
int today_screen(void);
/* The routine the plan has due today and not yet done, into out; -1 when none. */
int today_routine(char *out, size_t size);
int cmd_assess(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_progress(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_forget(int argc, char **argv);
int cmd_start(int argc, char **argv);
#ifdef UNHUNCH_LIGHT
/* helper.c: run the whole argv in unhunch-full (it opens PostgreSQL stores). */
int helper_for_store(char **argv);
#endif
int cmd_history(int argc, char **argv);
int cmd_routines(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_handout(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_clinic(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
