/* args.h: the flags that repeat across commands, parsed in one place: --json, -o /
 * --output FILE, --date YYYY-MM-DD (checked with the one rule for dates a person
 * gives: a real date, not in the future, not before 1900). */
#ifndef UNHUNCH_CLI_ARGS_H
#define UNHUNCH_CLI_ARGS_H
#include "cli.h"

enum {
	ARG_JSON = 1 << 0,
	ARG_OUTPUT = 1 << 1,
	ARG_DATE = 1 << 2,
};

struct cli_args {
	bool json;            /* --json */
	const char *output;   /* -o / --output: NULL, or "-" for standard output */
	const char *date;     /* --date as given; NULL when not */
	int day;              /* --date as a day number; today when not given */
};

/* Before the loop: *a cleared, a->day = today. */
void cli_args_init(struct cli_args *a, int today);

/* When argv[*i] is one of the flags in `which`, take it (and its value, moving *i on)
 * and return 1; 0 when it is none of them; -1 after printing a usage error (the command
 * then returns EXIT_USAGE). today: the day --date is checked against. */
int cli_args_take(const struct command *self, unsigned which, int argc, char **argv, int *i, struct cli_args *a,
		  int today);

/* The --date rule alone, for a date given another way: 0 with *day set, or -1 after
 * printing a usage error naming flag. */
int cli_date_check(const struct command *self, const char *flag, const char *value, int today, int *day);

/* Write len bytes of buf where -o said: standard output when output is NULL or "-",
 * else the file, whole or not at all (format/outfile.h). -1 with err on failure. */
struct strbuf;
int cli_write_output(const char *output, const void *buf, size_t len, struct strbuf *err);

#endif
