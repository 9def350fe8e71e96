/* cmd-forget.c: `unhunch forget --all`: delete every record, after the user types the
 * word delete; anything else deletes nothing. */
#include "cli.h"
#include "core/strbuf.h"
#include "store/store.h"
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

	struct strbuf err = STRBUF_INIT, answer = STRBUF_INIT;
	struct store *st = NULL;
	int rc = EXIT_PROBLEM;
	char *path = store_path();
	if (store_open(&st, path, &err)) {
		fprintf(stderr, "unhunch forget: %s\n", strbuf_str(&err));
		goto out;
	}
	printf("This deletes every session, check-in, screening, clearance and functional-scale rating\n"
	       "in %s. It cannot be undone; 'unhunch export --format json -o FILE' keeps a copy.\n", path);
	if (!ask_line("Type " CONFIRM_WORD " to delete everything: ", &answer) || strcmp(strbuf_str(&answer), CONFIRM_WORD)) {
		fprintf(stderr, "unhunch forget: you did not type '" CONFIRM_WORD "'; nothing was deleted.\n");
		goto out;
	}
	bool wiped;
	if (st->ops->forget_all(st, &wiped, &err)) {
		fprintf(stderr, "unhunch forget: %s\nNothing was deleted.\n", strbuf_str(&err));
		goto out;
	}
	if (!wiped) {
		/* say what really happened: the records are gone, old copies are not yet */
		printf("Every record is deleted, but the wipe is not finished: %s.\n"
		       "Close the other program (or wait for it) and run 'unhunch forget --all' again to finish it.\n",
		       strbuf_str(&err));
		goto out;
	}
	printf("Everything is deleted.\n");
	rc = EXIT_OK;
out:
	free(path);
	store_close(st);
	strbuf_release(&answer);
	strbuf_release(&err);
	return rc;
}
