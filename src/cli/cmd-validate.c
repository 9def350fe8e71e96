/* cmd-validate.c: `unhunch validate FILE...`: report every problem in content files. */
#include "cli.h"
#include "content/load.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

static bool in_files(const char *file, char **files, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(files[i], file))
			return true;
	return false;
}

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

	struct diags d, ignored;
	diags_init(&d);
	diags_init(&ignored);
	struct catalog given, all;
	catalog_init(&given);
	catalog_init(&all);
	for (int i = 0; i < nfiles; i++)
		content_load_file(&given, files[i], &d);
	if (!alone) {
		/* the search path is context only: its own problems are not this run's business */
		content_load_dir(&all, datadir_system(), &ignored);
		char *user = datadir_user();
		struct catalog mine;
		catalog_init(&mine);
		content_load_dir(&mine, user, &ignored);
		catalog_merge(&all, &mine, true, &ignored);
		free(user);
	}
	catalog_merge(&all, &given, true, &ignored);
	struct diags refs;
	diags_init(&refs);
	catalog_check_refs(&all, &refs);
	for (size_t i = 0; i < refs.n; i++)
		if (in_files(refs.v[i].file, files, nfiles))
			diags_add(&d, (struct pos){ refs.v[i].file, refs.v[i].line, refs.v[i].col }, "%s", refs.v[i].msg);
	diags_sort(&d);
	diags_print(&d, stdout);
	int rc = d.n ? EXIT_PROBLEM : EXIT_OK;
	if (d.n)
		fprintf(stderr, "%zu problem%s found\n", d.n, d.n == 1 ? "" : "s");
	else
		fprintf(stderr, "%d file%s valid\n", nfiles, nfiles == 1 ? "" : "s");
	diags_release(&refs);
	diags_release(&d);
	diags_release(&ignored);
	catalog_free(&all);
	free(files);
	return rc;
}
