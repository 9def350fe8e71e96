/* helper.c: the commands that need speech and sound (start), the desktop (breaks), a
 * web server (serve) or PDF drawing (handout) live in helper binaries installed in
 * libexec. The unhunch command itself is built without them (with UNHUNCH_LIGHT) and
 * hands those commands over with execv(): same process, same arguments, same standard
 * streams. So every other command starts without loading the eighty-odd shared
 * libraries those need (bench/startup measures it). start goes to unhunch-player: the
 * light commands and the player (UNHUNCH_PLAYER), with speech but without the desktop,
 * the web server, PDF drawing or libpq, so a session's memory is a third of what it is
 * in unhunch-full (bench/session-memory); breaks goes to unhunch-breaks (UNHUNCH_BREAKS):
 * the light commands, the break coach and the player it starts, with the desktop and
 * speech but without the web server, PDF drawing or libpq, so the coach that stays up
 * all day holds a tenth of the lightest other coach's memory (bench/breaks-footprint;
 * in unhunch-full it held twice that); the others go to unhunch-full, which has every
 * command. */
#include "cli.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef UNHUNCH_LIGHT

#define HELPER_NAME "unhunch-full"
#define PLAYER_NAME "unhunch-player"
#define BREAKS_NAME "unhunch-breaks"

/* The helper name: next to the running binary (the build folder); in
 * BINDIR/../libexec/unhunch for a binary installed wherever it was installed (make
 * install PREFIX=...); else where it was configured to go. */
static int run_named(char **argv, const char *name)
{
	char self[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = 0;
		/* paths.c: where content is, what a unit file runs; in unhunch-player and
		 * unhunch-breaks, handed over by unhunch, the program stays the one the user ran */
#if defined(UNHUNCH_PLAYER) || defined(UNHUNCH_BREAKS)
		setenv("UNHUNCH_PROGRAM", self, 0);
#else
		setenv("UNHUNCH_PROGRAM", self, 1);
#endif
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = 0;
			snprintf(path, sizeof(path), "%s/%s", self, name);
			execv(path, argv);
			snprintf(path, sizeof(path), "%s/../" UNHUNCH_LIBEXEC_REL "/%s", self, name);
			execv(path, argv);
		}
	}
	snprintf(path, sizeof(path), UNHUNCH_LIBEXECDIR "/%s", name);
	execv(path, argv);
	fprintf(stderr,
		"unhunch %s: this command runs in %s, which could not be started (%s).\n"
		"Reinstall unhunch: it belongs next to the program, in ../%s from it, or in %s.\n",
		argv[1] ? argv[1] : "(the today screen)", name, strerror(errno), UNHUNCH_LIBEXEC_REL, UNHUNCH_LIBEXECDIR);
	return EXIT_PROBLEM;
}

static int run_helper(char **argv)
{
	return run_named(argv, HELPER_NAME);
}

/* A PostgreSQL store is opened only by the helper (this binary has no libpq): with
 * UNHUNCH_STORE naming one, main hands over every command, the today screen too. */
int helper_for_store(char **argv)
{
	return run_helper(argv);
}

#ifndef UNHUNCH_PLAYER
/* main hands each command argv + 1: argv[-1] is the program's own name. */
int cmd_start(int argc, char **argv)
{
	(void)argc;
	return run_named(argv - 1, PLAYER_NAME);
}
#endif

#ifndef UNHUNCH_BREAKS
int cmd_breaks(int argc, char **argv)
{
	/* the counts only read the store: here, without the desktop's libraries */
	if (argc > 1 && !strcmp(argv[1], "stats"))
		return breaks_stats(command_find("breaks"), argc, argv);
	return run_named(argv - 1, BREAKS_NAME);
}
#endif

int cmd_serve(int argc, char **argv)
{
	(void)argc;
	return run_helper(argv - 1);
}

int cmd_handout(int argc, char **argv)
{
	(void)argc;
	return run_helper(argv - 1);
}

#endif
