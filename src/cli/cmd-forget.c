/* cmd-forget.c: `unhunch forget --all`: delete every record, after the user types the
 * word delete; anything else deletes nothing (app/forget.c). */
#include "cli.h"
#include "core/strbuf.h"
#include "context.h"
#include "app/forget.h"
#include <stdlib.h>
#include <string.h>

#define CONFIRM_WORD "delete"

int cmd_forget(int argc, char **argv)
{
	const struct command *self = command_find("forget");
	bool all = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--all"))
			all = true;
		else
			return usage_error(self, "unexpected argument '%s'", argv[i]);
	}
	if (!all)
		return usage_error(self, "say --all: forget deletes everything or nothing");

	struct cli_ctx x;
	if (cli_ctx_open_store(&x, "forget", false))
		return EXIT_PROBLEM;
	struct strbuf err = STRBUF_INIT, answer = STRBUF_INIT;
	int rc = EXIT_PROBLEM;
	char *path = store_shown();
	printf("This deletes every session, check-in, screening, clearance and functional-scale rating\n"
	       "in %s. It cannot be undone; 'unhunch export --format json -o FILE' keeps a copy.\n", path);
	if (!ask_line("Type " CONFIRM_WORD " to delete everything: ", &answer) || strcmp(strbuf_str(&answer), CONFIRM_WORD)) {
		fprintf(stderr, "unhunch forget: you did not type '" CONFIRM_WORD "'; nothing was deleted.\n");
		goto out;
	}
	switch (app_forget_all(&x.app, &err)) {
	case APP_FORGET_FAILED:
		fprintf(stderr, "unhunch forget: %s\nNothing was deleted.\n", strbuf_str(&err));
		break;
	case APP_FORGET_UNFINISHED:
		/* say what really happened: the records are gone, old copies are not yet */
		printf("Every record is deleted, but the wipe is not finished: %s.\n"
		       "Close the other program (or wait for it) and run 'unhunch forget --all' again to finish it.\n",
		       strbuf_str(&err));
		break;
	case APP_FORGET_DONE:
		printf("Everything is deleted.\n");
		rc = EXIT_OK;
		break;
	}
out:
	free(path);
	cli_ctx_close(&x);
	strbuf_release(&answer);
	strbuf_release(&err);
	return rc;
}
