/* cmd-validate.c: `unhunch validate FILE...`: report every problem in content files. */
#include "cli.h"
#include "content/check.h"
#include "content/load.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

int cmd_validate(int argc, char **argv)
{
	const struct command *self = command_find("validate");
	bool alone = false;
	char **files = xcalloc((size_t)argc, sizeof(*files));
	int nfiles = 0;
	bool opts = true;
	for (int i = 1; i < argc; i++) {
		if (opts && !strcmp(argv[i], "--")) {
			opts = false;
		} else if (opts && !strcmp(argv[i], "--alone")) {
			alone = true;
		} else if (opts && argv[i][0] == '-' && argv[i][1]) {
			free(files);
			return usage_error(self, "unknown option '%s'", argv[i]);
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (!nfiles) {
		free(files);
		return usage_error(self, "no files given");
	}

	struct diags d;
	diags_init(&d);
	struct catalog given;
	catalog_init(&given);
	for (int i = 0; i < nfiles; i++)
		content_load_file(&given, files[i], &d);
	/* the search path is context only: its own problems are not this run's business */
	char *user = datadir_user(); /* NULL without a home folder */
	const char *dirs[] = { datadir_system(), user };
	content_check_given(&given, dirs, alone ? 0 : user ? 2 : 1, &d);
	free(user);
	diags_print(&d, stdout);
	int rc = d.n ? EXIT_PROBLEM : EXIT_OK;
	if (d.n)
		fprintf(stderr, "%zu problem%s found\n", d.n, d.n == 1 ? "" : "s");
	else
		fprintf(stderr, "%d file%s valid\n", nfiles, nfiles == 1 ? "" : "s");
	diags_release(&d);
	free(files);
	return rc;
}
