/* cmd-report.c: `unhunch report -o FILE`: one self-contained HTML page a user can show a
 * therapist. The figures come from the report use case (app/report.c), the page from
 * format/report-html.c; it is written with outfile_write, so a crash never leaves half
 * a report under the chosen name. */
#include "cli.h"
#include "context.h"
#include "app/report.h"
#include "core/mem.h"
#include "format/outfile.h"
#include "format/report-html.h"
#include <stdlib.h>
#include <string.h>

int cmd_report(int argc, char **argv)
{
	const struct command *self = command_find("report");
	const char *out = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (++i == argc)
				return usage_error(self, "%s needs a file name", a);
			out = argv[i];
		} else if (!strncmp(a, "--output=", 9)) {
			out = a + 9;
		} else {
			return usage_error(self, "unexpected argument '%s'", a);
		}
	}
	if (!out)
		return usage_error(self, "say where to write the report: -o FILE");
	if (!*out)
		return usage_error(self, "the file name after -o is empty");
	struct cli_ctx x;
	if (cli_ctx_open_mode(&x, "report", true))
		return EXIT_PROBLEM;
	struct strbuf err = STRBUF_INIT, html = STRBUF_INIT;
	struct app_report *r = xcalloc(1, sizeof(*r));
	int rc = EXIT_PROBLEM;
	if (app_report(&x.app, r, &err)) {
		fprintf(stderr, "unhunch report: %s\n", strbuf_str(&err));
		goto done;
	}
	format_report_html(r, UNHUNCH_VERSION, &html);
	if (outfile_write(out, html.buf, html.len, &err)) {
		fprintf(stderr, "unhunch report: %s\n", strbuf_str(&err));
		goto done;
	}
	printf("Report written to %s. Open it in a browser, print it, or send it to your therapist.\n", out);
	rc = EXIT_OK;
done:
	app_report_release(r);
	free(r);
	cli_ctx_close(&x);
	strbuf_release(&html);
	strbuf_release(&err);
	return rc;
}
