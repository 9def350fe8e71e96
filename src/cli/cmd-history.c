/* cmd-history.c: `unhunch history`: past sessions with what was done and pain
 * before/after (app/history.c, format/history.c). */
#include "cli.h"
#include "args.h"
#include "context.h"
#include "app/history.h"
#include "core/strbuf.h"
#include "format/history.h"
#include "format/outfile.h"

struct streamed {
	const struct app_history *h;
	const struct tz *tz;
};

static int fill_json(void *arg, struct outfile_sink *s, struct strbuf *err)
{
	const struct streamed *o = arg;
	return format_history_json_stream(o->h, o->tz, s, err);
}

int cmd_history(int argc, char **argv)
{
	const struct command *self = command_find("history");
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
	if (cli_ctx_open_store(&x, "history", true))
		return EXIT_PROBLEM;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_history_request rq = { a.json };
	struct app_history h;
	int rc = EXIT_OK;
	if (app_history(&x.app, &rq, &h, &err)) {
		fprintf(stderr, "unhunch history: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	} else if (a.json) { /* a session at a time: years of them are never one document */
		struct streamed o = { &h, x.app.tz };
		if (outfile_stream(NULL, fill_json, &o, &err)) {
			fprintf(stderr, "unhunch history: %s\n", strbuf_str(&err));
			rc = EXIT_PROBLEM;
		}
	} else {
		format_history_text(&h, x.app.tz, &out);
		fputs(strbuf_str(&out), stdout);
	}
	app_history_release(&h);
	cli_ctx_close(&x);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc;
}
