/* cmd-export.c: `unhunch export`: the check-ins as CSV or FHIR, or everything as a JSON
 * backup that `unhunch import` restores. Reading is app/export.c; writing format/. */
#include "cli.h"
#include "args.h"
#include "context.h"
#include "app/export.h"
#include "core/strbuf.h"
#include "format/backup-json.h"
#include "format/export-checkins.h"
#include <stdlib.h>
#include <string.h>

#define FMT_NONE (-1)

static int render(const struct app_export *e, int fmt, const struct tz *tz, struct strbuf *out, struct strbuf *err)
{
	if (fmt == APP_EXPORT_CSV) {
		format_checkins_csv(e->checkins, e->n_checkins, tz, out);
		return 0;
	}
	if (fmt == APP_EXPORT_JSON)
		return format_backup_json(&e->backup, out, err);
	json_t *fhir = format_checkins_fhir(e->checkins, e->n_checkins, tz);
	char *s = json_dumps(fhir, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(fhir);
	if (!s) {
		strbuf_addstr(err, "cannot write the JSON: out of memory");
		return -1;
	}
	strbuf_addstr(out, s);
	strbuf_addch(out, '\n');
	free(s);
	return 0;
}

static int format_named(const char *s)
{
	if (!strcmp(s, "csv"))
		return APP_EXPORT_CSV;
	if (!strcmp(s, "json"))
		return APP_EXPORT_JSON;
	if (!strcmp(s, "fhir"))
		return APP_EXPORT_FHIR;
	return FMT_NONE;
}

int cmd_export(int argc, char **argv)
{
	const struct command *self = command_find("export");
	int fmt = FMT_NONE;
	struct cli_args a;
	cli_args_init(&a, 0);
	for (int i = 1; i < argc; i++) {
		const char *v = argv[i];
		int t = cli_args_take(self, ARG_OUTPUT, argc, argv, &i, &a, 0);
		if (t < 0)
			return EXIT_USAGE;
		if (t)
			continue;
		if (!strcmp(v, "--format")) {
			if (i + 1 >= argc)
				return usage_error(self, "%s needs a value", v);
			v = argv[++i];
		} else if (!strncmp(v, "--format=", 9)) {
			v += 9;
		} else {
			return usage_error(self, "unexpected argument '%s'", v);
		}
		if ((fmt = format_named(v)) == FMT_NONE)
			return usage_error(self, "unknown format '%s' (csv, json or fhir)", v);
	}
	if (fmt == FMT_NONE)
		return usage_error(self, "say which format: --format csv, json or fhir");

	struct cli_ctx x;
	if (cli_ctx_open_store(&x, "export", true))
		return EXIT_PROBLEM;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_export e;
	int rc = EXIT_OK;
	if (app_export(&x.app, fmt, &e, &err) || render(&e, fmt, x.app.tz, &out, &err) ||
	    cli_write_output(a.output, out.buf, out.len, &err)) {
		fprintf(stderr, "unhunch export: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	}
	app_export_release(&e);
	cli_ctx_close(&x);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc;
}
