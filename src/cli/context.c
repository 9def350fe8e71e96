/* context.c: opening what the app layer needs, and rendering the gate's answers. */
#include "context.h"
#include "cli.h"
#include "days.h"
#include "app/person-content.h"
#include "breaks/config.h"
#include "core/safety.h"
#include "core/strbuf.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

#define WIDTH 78

int cli_ctx_open(struct cli_ctx *x, const char *cmd)
{
	return cli_ctx_open_mode(x, cmd, false);
}

static int ctx_open(struct cli_ctx *x, const char *cmd, bool read_only, bool content)
{
	memset(x, 0, sizeof(*x));
	x->cmd = cmd;
	catalog_init(&x->base);
	if (content)
		content_load_all(&x->base);
	x->cat = x->base;
	struct strbuf err = STRBUF_INIT;
	char *path = store_path();
	int rc = read_only ? store_open_readonly(&x->st, path, &err) : store_open(&x->st, path, &err);
	free(path);
	if (rc) {
		fprintf(stderr, "unhunch %s: %s\n", cmd, strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	/* the person's routines: with the steps their trainer added */
	if (content && app_person_content(x->st, &x->base, &x->cat, &err)) {
		fprintf(stderr, "unhunch %s: %s\n", cmd, strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	strbuf_release(&err);
	cli_emergency(x->emergency, sizeof(x->emergency));
	x->app = (struct app_ctx){ x->st, &x->cat, cli_clock.now_ms, cli_clock.tz };
	return 0;
}

int cli_ctx_open_mode(struct cli_ctx *x, const char *cmd, bool read_only)
{
	return ctx_open(x, cmd, read_only, true);
}

int cli_ctx_open_store(struct cli_ctx *x, const char *cmd, bool read_only)
{
	return ctx_open(x, cmd, read_only, false);
}

void cli_emergency(char *out, size_t size)
{
	/* from the settings; a bad settings file is the break coach's to report */
	struct breaks_settings set;
	breaks_settings_default(&set);
	char *conf = breaks_config_path(home_dir());
	struct strbuf ignored = STRBUF_INIT;
	breaks_config_read(conf, &set, &ignored);
	strbuf_release(&ignored);
	free(conf);
	snprintf(out, size, "%s", set.emergency);
}

void cli_ctx_close(struct cli_ctx *x)
{
	store_close(x->st);
	x->st = NULL;
	app_person_content_release(&x->cat, &x->base);
	catalog_free(&x->base);
	x->cat = x->base;
}

void cli_ctx_tick(struct cli_ctx *x)
{
	x->app.now_ms = wall_ms();
}

void print_safety(FILE *f, const char *first, const char *rest, const char *text, const struct cli_ctx *x)
{
	struct strbuf sb = STRBUF_INIT;
	emergency_fill(text, x ? x->emergency : NULL, &sb);
	print_wrapped(f, first, rest, sb.buf, WIDTH);
	strbuf_release(&sb);
}

int cli_gate(struct cli_ctx *x, const struct app_gate_request *rq, struct app_gate_result *g)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;
	/* a warning sign a past session could not save: saved now (the gate then sees it),
	 * or nothing starts */
	if (warning_file_settle(&x->app, &err) < 0) {
		memset(g, 0, sizeof(*g));
		fprintf(stderr, "unhunch %s: not today. A warning sign from your last session could not be saved yet "
				"(%s); no exercise starts until it is.\n", x->cmd, strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	for (int round = 0;; round++) {
		cli_ctx_tick(x);
		if (app_gate(&x->app, rq, g, &err)) {
			fprintf(stderr, "unhunch %s: %s\n", x->cmd, strbuf_str(&err));
			rc = EXIT_PROBLEM;
			break;
		}
		if (g->v.allowed || !g->v.must_screen || round > 0)
			break;
		/* the screen must be answered first: ask it now, from a terminal or from the
		 * lines of standard input; answers that run out save nothing and refuse */
		print_safety(stdout, "", "", g->v.reason, x);
		printf("\n");
		if ((rc = screen_run(x, g->v.must_screen, NULL)) != 0)
			break;
		printf("\n");
	}
	strbuf_release(&err);
	return rc;
}

void cli_gate_refusal(const struct cli_ctx *x, const struct app_gate_result *g, FILE *f)
{
	const struct gate_verdict *v = &g->v;
	fprintf(f, "unhunch %s: not now.\n", x->cmd);
	print_safety(f, "", "", v->reason, x);
	switch (v->why) {
	case GATE_SCREEN:
		fprintf(f, "Answer the safety questions with: unhunch screen\n");
		break;
	case GATE_WARNING_SIGN:
		if (v->advice)
			print_safety(f, "", "", v->advice, x);
		if (v->level == URG_EMERGENCY)
			fprintf(f, "Once you have had help and are well again, answer the questions again with "
				   "'unhunch screen'.\n");
		else {
			const struct safety_status *s = &g->safety.s;
			struct strbuf sb = STRBUF_INIT;
			strbuf_addstr(&sb, "After you have been seen, record it with: unhunch screen --clearance \"who you "
					   "saw and what they said\" --date YYYY-MM-DD.");
			if (s->warning_open && !s->held)
				strbuf_addstr(&sb, " If it was a passing warning sign during exercise and it has fully "
						   "gone, you may answer the safety questions again instead (unhunch screen).");
			if (s->neck_locked)
				strbuf_addstr(&sb, " The head-over-the-edge neck exercise stays locked until a clearance.");
			print_wrapped(f, "", "", sb.buf, WIDTH);
			strbuf_release(&sb);
		}
		break;
	case GATE_NECK_LOCKED:
		print_wrapped(f, "", "",
			      "After a clinician has seen you, record it with: unhunch screen --clearance \"who you saw "
			      "and what they said\" --date YYYY-MM-DD.", WIDTH);
		break;
	case GATE_GENTLE_ONLY:
		if (v->alternative)
			fprintf(f, "A gentle routine instead: unhunch start %s\n", v->alternative);
		if (v->see_someone)
			fprintf(f, "Your pain has been high for several days: see a physiotherapist or a doctor.\n");
		break;
	case GATE_NOT_GENTLE:
	case GATE_NOT_A_BREAK:
		fprintf(f, "The resets you can play: unhunch show posture-breaks\n");
		break;
	case GATE_NO_RESUME:
		fprintf(f, "Start a new session with: unhunch start\n");
		break;
	case GATE_OK:
		break;
	}
}
