/* cmd-import.c: `unhunch import FILE.json`: restore a backup made by `unhunch export
 * --format json` into an empty store. The whole file is checked first; only a file
 * without problems is written, and a failed write is undone, so the store ends up
 * either holding the whole backup or nothing (app/export.c). */
#include "cli.h"
#include "context.h"
#include "app/export.h"
#include "core/strbuf.h"
#include "format/backup-read.h"
#include "format/store-counts.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Parse FILE; syntax errors come out as FILE:LINE:COLUMN: what. */
static json_t *load(const char *file, struct strbuf *err)
{
	struct stat sb;
	if (stat(file, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		strbuf_addf(err, "%s: is a folder; give the backup file itself (made by 'unhunch export --format json "
				 "-o FILE')\n", file);
		return NULL;
	}
	FILE *f = fopen(file, "rb");
	if (!f) {
		strbuf_addf(err, "%s: cannot read: %s\n", file, strerror(errno));
		return NULL;
	}
	json_error_t je;
	json_t *doc = json_loadf(f, JSON_REJECT_DUPLICATES, &je);
	fclose(f);
	if (!doc)
		strbuf_addf(err, "%s:%d:%d: %s\n", file, je.line, je.column, je.text);
	return doc;
}

int cmd_import(int argc, char **argv)
{
	const struct command *self = command_find("import");
	const char *file = NULL;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return usage_error(self, "unknown option '%s'", argv[i]);
		if (file)
			return usage_error(self, "give one backup file (got '%s' and '%s')", file, argv[i]);
		file = argv[i];
	}
	if (!file)
		return usage_error(self, "give the backup file to restore (made by 'unhunch export --format json')");

	struct strbuf err = STRBUF_INIT, what = STRBUF_INIT;
	json_t *doc = load(file, &err);
	if (!doc) {
		fprintf(stderr, "%sNothing was imported.\n", strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	struct cli_ctx x;
	if (cli_ctx_open_mode(&x, "import", false)) { /* with the content: the safety records are checked */
		json_decref(doc);
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	struct app_import_request rq = { file, backup_read_doc, doc };
	struct app_import_result res;
	app_import(&x.app, &rq, &res, &err);
	format_store_counts(&res.counts, &what);
	int rc = EXIT_PROBLEM;
	switch (res.status) {
	case APP_IMPORT_DONE:
		printf("Imported from %s: %s.\n", file, what.len ? what.buf : "nothing (the backup holds no records)");
		if (res.raised)
			printf("%zu screening%s stored weaker than %s answers mean; %s stored as the answers say.\n",
			       res.raised, res.raised == 1 ? " was" : "s were", res.raised == 1 ? "its" : "their",
			       res.raised == 1 ? "it is" : "they are");
		rc = EXIT_OK;
		break;
	case APP_IMPORT_BAD_FILE: /* whole lines, each naming the file */
		fprintf(stderr, "%sNothing was imported.\n", strbuf_str(&err));
		break;
	case APP_IMPORT_NOT_EMPTY: {
		char *path = store_shown();
		fprintf(stderr, "unhunch import: %s already holds %s.\nImport restores a backup only into an empty store, so "
				"nothing was imported. To replace what is there, keep a copy with 'unhunch export --format "
				"json -o FILE', then run 'unhunch forget --all' and import again.\n",
			path, what.buf);
		free(path);
		break;
	}
	case APP_IMPORT_FAILED:
		fprintf(stderr, "unhunch import: %s\n", strbuf_str(&err));
		break;
	}
	cli_ctx_close(&x);
	json_decref(doc);
	strbuf_release(&what);
	strbuf_release(&err);
	return rc;
}
