/* commands.c: the one table of subcommands, and the helpers every command uses for usage. */
#include "cli.h"
#include "core/strbuf.h"
#include <stdarg.h>
#include <string.h>

const struct command commands[] = {
	{ "start", "guide a session of a routine, hands-free",
	  "usage: unhunch start [options] [ROUTINE]\n\n"
	  "Guides you through a routine (default: " DEFAULT_ROUTINE ") with spoken cues and a\n"
	  "full-screen countdown, so you never need to look at the screen. It asks how much it\n"
	  "hurts before and after. Every finished set is saved at once; if the program is\n"
	  "stopped, 'unhunch start' offers to resume at the exercise in progress.\n\n"
	  "Keys: space pause/resume, n or right skip, b or left back, enter rep done,\n"
	  "      h it hurts (type 0-10), d dizzy or another warning sign, q quit (saves)\n\n"
	  "  --plain            one line per cue instead of the full screen; when input is not\n"
	  "                     a terminal, reads commands line by line: pause, resume, skip,\n"
	  "                     back, done, hurt N, dizzy, quit\n"
	  "  --no-voice         no speech (no bell either)\n"
	  "  --pace PACE        timed (the program counts every rep), self (a key per rep) or\n"
	  "                     content (as the routine says; the default)\n"
	  "  --pain N           pain before starting, 0-10, instead of asking\n"
	  "  --resume, --fresh  answer the resume question in advance\n"
	  "  --speak-to FILE    write the speech to a WAV file instead of the speakers\n"
	  "  --cue-log FILE     write each timer wake (scheduled and actual, ns) for benchmarks\n\n"
	  "Safety: before the first session you answer the safety questions (see 'unhunch\n"
	  "screen'); while a warning sign is unresolved, start refuses and says who to see.\n"
	  "Press d (or type 'dizzy') for dizziness or any sign like it: the exercise stops at once.\n\n"
	  "Pain rules: pain above 5 out of 10, or 2 points above where you started, stops the\n"
	  "exercise and offers an easier version. NO_COLOR turns colours off.\n",
	  cmd_start },
	{ "screen", "safety questions: signs that need a doctor instead of exercise",
	  "usage: unhunch screen [--status [--json] | --clearance TEXT [--date YYYY-MM-DD]]\n\n"
	  "Asks yes/no questions about warning signs (heart, stroke and neck arteries, injury,\n"
	  "nerves and spinal cord, cancer, infection, inflammation, the shoulder) and says who\n"
	  "to see and how soon. It is a safety net, not a diagnosis. It is asked before your\n"
	  "first session and offered again every four weeks. While an answer needs a doctor\n"
	  "today or within days, 'start' refuses until you record a clinician's clearance; an\n"
	  "emergency answer is never cleared here: answer again once you are well.\n"
	  "The head-over-the-edge neck exercise is only used after every neck question\n"
	  "(dizziness, vision, speech, swallowing, falls, balance, nausea, numbness, eyes) is no.\n\n"
	  "  --status          the last result, and whether exercise is allowed\n"
	  "  --json            the status as JSON\n"
	  "  --clearance TEXT  record that a clinician has seen you: who, and what they said\n"
	  "  --date DATE       the day you were seen (default today)\n",
	  cmd_screen },
	{ "history", "list past sessions",
	  "usage: unhunch history [--json]\n\n"
	  "Lists sessions, oldest first: date, routine, duration, exercises done and skipped,\n"
	  "pain before and after, and pain reported during the session.\n\n"
	  "  --json    print as JSON, with every set, exercise and pain report\n",
	  cmd_history },
	{ "routines", "list the routines, with module and estimated duration",
	  "usage: unhunch routines [--json]\n\n"
	  "Lists every routine found on the content search path, in order of module.\n\n"
	  "  --json    print the list as JSON\n",
	  cmd_routines },
	{ "show", "show a routine or an exercise in full",
	  "usage: unhunch show [--json] ID\n\n"
	  "Shows a routine (each exercise in order with its dose) or an exercise (purpose,\n"
	  "numbered steps, cautions, equipment, easier and harder versions), and the file\n"
	  "it came from. When a file in your own content folder replaces a shipped one,\n"
	  "show says so.\n\n"
	  "  --json    print it as JSON\n",
	  cmd_show },
	{ "validate", "check content files and report every problem",
	  "usage: unhunch validate [--alone] FILE...\n\n"
	  "Checks YAML content files and prints every problem as file:line:col: message.\n"
	  "References to exercises are resolved against the given files together with the\n"
	  "content on the search path (so a routine may use shipped exercises).\n\n"
	  "  --alone   resolve references only among the given files\n\n"
	  "Exit status: 0 when all files are valid, 1 when any problem was found,\n"
	  "2 for a usage error.\n",
	  cmd_validate },
	{ "help", "show help for unhunch or for one command",
	  "usage: unhunch help [COMMAND]\n", cmd_help },
	{ "version", "print the version", "usage: unhunch version\n", cmd_version },
	{ NULL, NULL, NULL, NULL },
};

const struct command *command_find(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void command_help(const struct command *cmd, FILE *f)
{
	fprintf(f, "unhunch %s: %s\n\n%s", cmd->name, cmd->summary, cmd->help);
}

int usage_error(const struct command *cmd, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	fprintf(stderr, "unhunch %s: %s\nTry 'unhunch %s --help'.\n", cmd->name, sb.buf, cmd->name);
	strbuf_release(&sb);
	return EXIT_USAGE;
}

bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	}
	return false;
}
