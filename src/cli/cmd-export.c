/* cmd-export.c: `unhunch export`: the check-ins as CSV or FHIR, or everything as a JSON
 * backup that `unhunch import` restores. */
#include "cli.h"
#include "export.h"
#include "core/strbuf.h"
#include "format/outfile.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum format { FMT_NONE, FMT_CSV, FMT_JSON, FMT_FHIR };

static int render(struct store *st, enum format fmt, struct strbuf *out, struct strbuf *err)
{
	json_t *doc = NULL;
	size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
	if (fmt == FMT_CSV)
		return export_csv(st, out, err);
	if (fmt == FMT_JSON ? backup_build(st, &doc, &flags, err) : export_fhir(st, &doc, err))
		return -1;
	char *s = json_dumps(doc, flags);
	json_decref(doc);
	if (!s) {
		strbuf_addstr(err, "cannot write the JSON: out of memory");
		return -1;
	}
	strbuf_addstr(out, s);
	strbuf_addch(out, '\n');
	free(s);
	return 0;
}

static enum format format_named(const char *s)
{
	if (!strcmp(s, "csv"))
		return FMT_CSV;
	if (!strcmp(s, "json"))
		return FMT_JSON;
	if (!strcmp(s, "fhir"))
		return FMT_FHIR;
	return FMT_NONE;
}

int cmd_export(int argc, char **argv)
{
	const struct command *self = command_find("export");
	enum format fmt = FMT_NONE;
	const char *output = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (i + 1 >= argc)
				return usage_error(self, "%s needs a value", a);
			if (strcmp(a, "--format"))
				output = argv[++i];
			else if ((fmt = format_named(argv[++i])) == FMT_NONE)
				return usage_error(self, "unknown format '%s' (csv, json or fhir)", argv[i]);
		} else if (!strncmp(a, "--format=", 9)) {
			if ((fmt = format_named(a + 9)) == FMT_NONE)
				return usage_error(self, "unknown format '%s' (csv, json or fhir)", a + 9);
		} else {
			return usage_error(self, "unexpected argument '%s'", a);
		}
	}
	if (fmt == FMT_NONE)
		return usage_error(self, "say which format: --format csv, json or fhir");

	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct store *st = NULL;
	int rc = EXIT_PROBLEM;
	char *path = store_path();
	if (store_open_readonly(&st, path, &err) || render(st, fmt, &out, &err))
		goto fail;
	if (output && strcmp(output, "-")) {
		if (outfile_write(output, out.buf, out.len, &err))
			goto fail;
	} else if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout)) {
		strbuf_addf(&err, "cannot write to standard output: %s", strerror(errno));
		goto fail;
	}
	rc = EXIT_OK;
	goto out;
fail:
	fprintf(stderr, "unhunch export: %s\n", strbuf_str(&err));
out:
	free(path);
	store_close(st);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc;
}
