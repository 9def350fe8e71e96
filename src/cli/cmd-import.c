/* cmd-import.c: `unhunch import FILE.json`: restore a backup made by `unhunch export
 * --format json` into an empty store. The whole file is checked first; only a file
 * without problems is written, and a failed write is undone, so the store ends up
 * either holding the whole backup or nothing. */
#include "cli.h"
#include "export.h"
#include "core/strbuf.h"
#include "days.h"
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
	struct backup b;
	struct store *st = NULL;
	int rc = EXIT_PROBLEM;
	char *path = NULL;
	json_t *doc = load(file, &err);
	memset(&b, 0, sizeof(b));
	if (!doc) {
		strbuf_addstr(&err, "Nothing was imported.\n");
		goto report;
	}
	if (backup_parse(file, doc, days_today(), &b, &err)) {
		strbuf_addstr(&err, "Nothing was imported.\n");
		goto report;
	}
	path = store_path();
	if (store_open(&st, path, &err) || store_contents(st, &what, &err))
		goto store_failed;
	if (what.len) {
		strbuf_addf(&err, "unhunch import: %s already holds %s.\nImport restores a backup only into an empty store, so nothing "
				  "was imported. To replace what is there, keep a copy with 'unhunch export --format "
				  "json -o FILE', then run 'unhunch forget --all' and import again.\n",
			    path, what.buf);
		goto report;
	}
	if (backup_restore(st, &b, &err))
		goto store_failed;
	strbuf_reset(&what);
	if (store_contents(st, &what, &err))
		goto store_failed;
	printf("Imported from %s: %s.\n", file, what.len ? what.buf : "nothing (the backup holds no records)");
	rc = EXIT_OK;
	goto out;
store_failed:
	fprintf(stderr, "unhunch import: %s\n", strbuf_str(&err));
	goto out;
report:
	fputs(strbuf_str(&err), stderr); /* whole lines, each naming the file */
out:
	backup_release(&b);
	json_decref(doc);
	store_close(st);
	free(path);
	strbuf_release(&what);
	strbuf_release(&err);
	return rc;
}
