/* cmd-export.c: `unhunch export`: the check-ins as CSV or FHIR, or everything as a JSON
 * backup that `unhunch import` restores. Reading is app/export.c; writing format/. */
#include "cli.h"
#include "args.h"
#include "context.h"
#include "app/export.h"
#include "core/strbuf.h"
#include "format/backup-json.h"
#include "format/export-checkins.h"
#include "format/outfile.h"
#include <stdlib.h>
#include <string.h>

#define FMT_NONE (-1)

/* CSV whole (a small table); the JSON backup and the FHIR bundle streamed into the
 * output a record at a time, so that years of data are never held as one document. */
struct streamed {
	const struct app_export *e;
	int fmt;
	const struct tz *tz;
};

static int fill(void *arg, struct outfile_sink *s, struct strbuf *err)
{
	const struct streamed *o = arg;
	if (o->fmt == APP_EXPORT_JSON)
		return format_backup_json_stream(&o->e->backup, s, err);
	return format_checkins_fhir_stream(o->e->checkins, o->e->n_checkins, o->tz,
					   JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15), s, err);
}

static int write_out(const struct app_export *e, int fmt, const struct tz *tz, const char *output,
		     struct strbuf *err)
{
	if (fmt != APP_EXPORT_CSV) {
		struct streamed o = { e, fmt, tz };
		return outfile_stream(output, fill, &o, err);
	}
	struct strbuf out = STRBUF_INIT;
	format_checkins_csv(e->checkins, e->n_checkins, tz, &out);
	int rc = cli_write_output(output, out.buf, out.len, err);
	strbuf_release(&out);
	return rc;
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
	struct strbuf err = STRBUF_INIT;
	struct app_export e;
	int rc = EXIT_OK;
	if (app_export(&x.app, fmt, &e, &err) || write_out(&e, fmt, x.app.tz, a.output, &err)) {
		fprintf(stderr, "unhunch export: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	}
	app_export_release(&e);
	cli_ctx_close(&x);
	strbuf_release(&err);
	return rc;
}
