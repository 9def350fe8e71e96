/* main.c: entry point; dispatches to a subcommand from the table in commands.c. */
#include "cli.h"
#include "days.h"
#include "store/store.h"
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct cli_clock cli_clock;
struct cli_env cli_env;

static int64_t test_shift_ms; /* set once by test_clock() from UNHUNCH_TEST_NOW; tests only */

void wall_shift_for_tests(int64_t ms)
{
	test_shift_ms = ms;
}

int64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + test_shift_ms;
}

/* The machine's time zone (TZ, or /etc/localtime) as the struct tz every use case
 * takes: the C library's rules, with their daylight-saving changes, asked here only. */
static int local_offset(const struct tz *tz, int64_t utc_s)
{
	(void)tz;
	time_t t = (time_t)utc_s;
	struct tm tm;
	return localtime_r(&t, &tm) ? (int)tm.tm_gmtoff : 0;
}

static const struct tz local_zone = { local_offset, 0, NULL };

bool cli_no_color(void)
{
	return cli_env.no_color && *cli_env.no_color;
}

static void overview(FILE *f)
{
	fprintf(f, "usage: unhunch [--version] [--help] COMMAND [ARGS]\n\n"
		   "unhunch guides a routine for upper back, neck and shoulder pain from desk work.\n\n"
		   "Commands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\nRun 'unhunch COMMAND --help' for the options of one command.\n"
		   "Content is read from %s, then from your own folder (see 'man unhunch').\n",
		datadir_system());
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		overview(stdout);
		return EXIT_OK;
	}
	const struct command *c = command_find(argv[1]);
	if (!c) {
		fprintf(stderr, "unhunch help: no such command '%s'\n", argv[1]);
		return EXIT_USAGE;
	}
	command_help(c, stdout);
	return EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("unhunch %s\n", UNHUNCH_VERSION);
	return EXIT_OK;
}

/* UNHUNCH_TEST_NOW=+Nd (or +Nh, -Nd, ...) moves the program's wall clock by N days
 * (hours, minutes) for the end-to-end tests that jump weeks and months. For tests only:
 * honoured only in a build configured with UNHUNCH_TEST_CLOCK (make check's), refused
 * by any other, and read here, once, and nowhere else; the app and core layers take
 * the time as an input anyway. */
static void test_clock(void)
{
	const char *v = getenv("UNHUNCH_TEST_NOW");
	if (!v || !*v)
		return;
#ifndef UNHUNCH_TEST_CLOCK
	fprintf(stderr, "unhunch: UNHUNCH_TEST_NOW works only in a test build (cmake -DUNHUNCH_TEST_CLOCK=ON, as "
			"make check does); unset it\n");
	exit(EXIT_USAGE);
#endif
	char *end;
	long long n = strtoll(v, &end, 10);
	int64_t unit = *end == 'd' ? 86400000LL : *end == 'h' ? 3600000LL : *end == 'm' ? 60000LL : 0;
	if ((v[0] != '+' && v[0] != '-') || end == v + 1 || !unit || end[1]) {
		fprintf(stderr, "unhunch: UNHUNCH_TEST_NOW must be like +30d, +5h or -90m, not '%s'\n", v);
		exit(EXIT_USAGE);
	}
	wall_shift_for_tests((int64_t)n * unit);
}

/* Output that could not be written (a full disk, a closed pipe) is an error of the
 * command, whatever it printed: standard output is flushed and closed here. */
static int finish_output(int rc)
{
	errno = 0;
	bool bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;
	if (fclose(stdout) != 0 && !bad) {
		bad = true;
		e = errno;
	}
	if (!bad || rc)
		return rc; /* a command that failed has said why */
	fprintf(stderr, "unhunch: cannot write the output: %s\n", e ? strerror(e) : "write error");
	return EXIT_PROBLEM;
}

int main(int argc, char **argv)
{
	/* From the user's locale: the character set (to tell whether the terminal takes
	 * UTF-8) and the numbers of the text people read (a German locale shows "3,0").
	 * Dates and messages stay the program's own words. Every machine format (JSON,
	 * CSV, SVG, FHIR, iCalendar, the backup, SQL) writes and reads its numbers in the C
	 * locale whatever this says, through core/cnum.h or jansson; numbers people type
	 * take a point or a comma (core/number.h). */
	setlocale(LC_CTYPE, "");
	setlocale(LC_NUMERIC, "");
	test_clock();
	tzset();
	cli_clock = (struct cli_clock){ wall_ms(), &local_zone };
	cli_env = (struct cli_env){ getenv("HOME"), getenv("XDG_DATA_HOME"), getenv("XDG_CONFIG_HOME"),
				    getenv("UNHUNCH_DATA_DIR"), getenv("UNHUNCH_PROGRAM"), getenv("JOURNAL_STREAM"),
				    getenv("UNHUNCH_SYSTEMCTL"), getenv("UNHUNCH_STORE"), getenv("TERM"),
				    getenv("NO_COLOR"), getenv("DISPLAY"), getenv("WAYLAND_DISPLAY"),
				    getenv("UNHUNCH_TERMINAL"), getenv("XDG_CACHE_HOME") };
#ifdef UNHUNCH_LIGHT
	if (store_is_pg(cli_env.store))
		return helper_for_store(argv);
#endif
	if (argc < 2)
		return finish_output(today_screen());
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		name = "help", argc = 1;
	else if (!strcmp(name, "--version") || !strcmp(name, "-V"))
		name = "version";
	const struct command *c = command_find(name);
	if (!c) {
		fprintf(stderr, "unhunch: no such command '%s'\n", name);
		if (name[0] == '-')
			fprintf(stderr, "Options come after the command name.\n");
		fprintf(stderr, "Try 'unhunch --help'.\n");
		return EXIT_USAGE;
	}
	if (wants_help(argc - 1, argv + 1)) {
		command_help(c, stdout);
		return finish_output(EXIT_OK);
	}
	return finish_output(c->run(argc - 1, argv + 1));
}
