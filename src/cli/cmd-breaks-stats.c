/* cmd-breaks-stats.c: `unhunch breaks stats`: the break coach's counts for today and the
 * last 7 days (app/breaks-stats.c, format/breaks-stats.c). It only reads the store, so
 * it runs in the light binary too: the desktop libraries the rest of `breaks` needs are
 * not loaded for it (helper.c). */
#include "cli.h"
#include "args.h"
#include "context.h"
#include "app/breaks-stats.h"
#include "core/strbuf.h"
#include "format/breaks-stats.h"
#include <string.h>

int breaks_stats(const struct command *self, int argc, char **argv)
{
	struct cli_args a;
	cli_args_init(&a, 0);
	for (int i = 2; i < argc; i++) {
		int t = cli_args_take(self, ARG_JSON, argc, argv, &i, &a, 0);
		if (t < 0)
			return EXIT_USAGE;
		if (!t)
			return usage_error(self, "unknown option '%s'", argv[i]);
	}
	struct cli_ctx x;
	if (cli_ctx_open_store(&x, "breaks", true))
		return EXIT_PROBLEM;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct break_counts c;
	int rc = EXIT_OK;
	if (app_breaks_count(&x.app, &c, &err)) {
		fprintf(stderr, "unhunch breaks: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	} else {
		(a.json ? format_breaks_stats_json : format_breaks_stats_text)(&c, &out);
		fputs(out.buf, stdout);
	}
	strbuf_release(&out);
	strbuf_release(&err);
	cli_ctx_close(&x);
	return rc;
}
