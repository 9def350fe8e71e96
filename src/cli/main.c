/* main.c: entry point; dispatches to a subcommand from the table in commands.c. */
#include "cli.h"
#include <locale.h>
#include <string.h>

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

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc < 2)
		return today_screen();
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
		return EXIT_OK;
	}
	return c->run(argc - 1, argv + 1);
}
