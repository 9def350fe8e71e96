/* cmd-progress.c: `unhunch progress`: trends, change from baseline with the
 * clinically meaningful change verdict, lasting relief, adherence, headache days and
 * honest insights (computed in app/progress.c, written by format/progress.c). */
#include "cli.h"
#include "args.h"
#include "context.h"
#include "app/progress.h"
#include "core/mem.h"
#include "format/progress.h"
#include <stdlib.h>

int cmd_progress(int argc, char **argv)
{
	const struct command *self = command_find("progress");
	struct cli_args a;
	cli_args_init(&a, 0);
	for (int i = 1; i < argc; i++) {
		int t = cli_args_take(self, ARG_JSON, argc, argv, &i, &a, 0);
		if (t < 0)
			return EXIT_USAGE;
		if (!t)
			return usage_error(self, "unexpected argument '%s'", argv[i]);
	}
	struct cli_ctx x;
	if (cli_ctx_open_store(&x, "progress", true))
		return EXIT_PROBLEM;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_progress *p = xcalloc(1, sizeof(*p));
	int rc = EXIT_OK;
	if (app_progress(&x.app, p, &err)) {
		fprintf(stderr, "unhunch progress: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	} else {
		(a.json ? format_progress_json : format_progress_text)(p, &out);
		fputs(strbuf_str(&out), stdout);
	}
	app_progress_release(p);
	free(p);
	cli_ctx_close(&x);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc;
}
