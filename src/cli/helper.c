/* helper.c: the commands that need speech and sound (start), the desktop (breaks), a
 * web server (serve) or PDF drawing (handout) live in a helper binary, unhunch-full,
 * installed in libexec. The unhunch command itself is built without them (with
 * UNHUNCH_LIGHT) and hands those commands over with execv(): same process, same
 * arguments, same standard streams. So every other command starts without loading the
 * eighty-odd shared libraries those need (bench/startup measures it). */
#include "cli.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef UNHUNCH_LIGHT

#define HELPER_NAME "unhunch-full"

/* Next to the running binary first (the build folder), else the installed one. */
static int run_helper(char **argv)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - sizeof(HELPER_NAME) - 1);
	if (n > 0) {
		path[n] = 0;
		setenv("UNHUNCH_PROGRAM", path, 1); /* paths.c: where content is, what a unit file runs */
		char *slash = strrchr(path, '/');
		if (slash) {
			strcpy(slash + 1, HELPER_NAME);
			execv(path, argv);
		}
	}
	execv(UNHUNCH_LIBEXECDIR "/" HELPER_NAME, argv);
	fprintf(stderr,
		"unhunch %s: this command runs in %s, which could not be started (%s).\n"
		"Reinstall unhunch: it belongs next to the program or in %s.\n",
		argv[1], HELPER_NAME, strerror(errno), UNHUNCH_LIBEXECDIR);
	return EXIT_PROBLEM;
}

/* main hands each command argv + 1: argv[-1] is the program's own name. */
int cmd_start(int argc, char **argv)
{
	(void)argc;
	return run_helper(argv - 1);
}

int cmd_breaks(int argc, char **argv)
{
	(void)argc;
	return run_helper(argv - 1);
}

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
