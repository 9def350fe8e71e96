/* cmd-assess.c: `unhunch assess`: short questions on the workday, posture, a chest
 * self-test, hips, stress, breathing, headaches and the pain, one answer a line (so a
 * script can pipe them in); the answers become a profile of likely contributors, each with its
 * strength and reason, stored with the date. `--show` prints the latest profile. */
#include "cli.h"
#include "args.h"
#include "context.h"
#include "app/assess.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include "format/assess.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WIDTH 78

/* Ask question q until it parses (once when input is not a terminal). 1 answered
 * (maybe skipped), 0 end of input, -1 a bad answer from a script. */
static int ask_one(enum aq q, int num, double *value)
{
	const struct assess_question *aq = &assess_questions[q];
	struct strbuf prompt = STRBUF_INIT, a = STRBUF_INIT;
	printf("\n");
	if (aq->intro)
		print_wrapped(stdout, "", "", aq->intro, WIDTH);
	strbuf_addf(&prompt, "%d. %s", num, aq->ask);
	print_wrapped(stdout, "", "   ", prompt.buf, WIDTH);
	strbuf_reset(&prompt);
	if (aq->kind == AQK_CHOICE)
		for (int i = 0; aq->choices[i]; i++)
			printf("   %d) %s\n", i + 1, aq->choices[i]);
	strbuf_addstr(&prompt, "   > ");
	int tries = isatty(STDIN_FILENO) ? 5 : 1, rc = -1;
	while (tries-- > 0) {
		if (!ask_line(prompt.buf, &a)) {
			rc = 0;
			break;
		}
		const char *why;
		if (assess_parse(q, strbuf_str(&a), value, &why)) {
			rc = 1;
			break;
		}
		fprintf(stderr, "%s%s (or press enter to skip).\n", tries > 0 ? "Please " : "unhunch assess: ", why);
		if (!tries)
			fprintf(stderr, "unhunch assess: question %d: '%s' is not an answer; nothing was saved\n", num,
				strbuf_str(&a));
	}
	strbuf_release(&prompt);
	strbuf_release(&a);
	return rc;
}

static int show(struct cli_ctx *x, bool json)
{
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_assessment a;
	int rc = EXIT_OK;
	if (app_assessment_latest(&x->app, &a, &err)) {
		fprintf(stderr, "unhunch assess: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	} else if (json) {
		format_assessment_json(&out, &a);
	} else if (!a.has_latest) {
		strbuf_addstr(&out, "No assessment yet. Answer the questions with: unhunch assess\n");
	} else {
		format_profile_text(&out, &a.latest, a.has_before ? &a.before : NULL);
	}
	fputs(strbuf_str(&out), stdout);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc;
}

int cmd_assess(int argc, char **argv)
{
	const struct command *self = command_find("assess");
	bool show_only = false, json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--show"))
			show_only = true;
		else if (!strcmp(argv[i], "--json"))
			json = show_only = true;
		else
			return usage_error(self, "unexpected argument '%s'", argv[i]);
	}
	struct cli_ctx x;
	if (cli_ctx_open_store(&x, "assess", show_only))
		return EXIT_PROBLEM;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	int rc = EXIT_PROBLEM;
	if (show_only) {
		rc = show(&x, json);
		goto out;
	}
	printf("A few questions about your days, your posture, stress and the pain, so the plan\n"
	       "works on what likely adds to it, not only on the spot that hurts. About five\n"
	       "minutes; two small tests can be done where you sit or on the floor. Press enter to\n"
	       "skip a question.\n");
	double a[AQ__COUNT];
	int answered = 0;
	for (int q = 0; q < AQ__COUNT; q++)
		a[q] = ASSESS_SKIPPED;
	for (int q = 0; q < AQ__COUNT; q++) {
		int r = ask_one((enum aq)q, q + 1, &a[q]);
		if (r < 0)
			goto out;
		if (r == 0)
			break;
		answered += a[q] >= 0;
	}
	printf("\n");
	if (!answered) {
		fprintf(stderr, "unhunch assess: no answers; nothing was saved\n");
		goto out;
	}
	struct app_assess_saved *saved = xcalloc(1, sizeof(*saved));
	if (app_assess_save(&x.app, a, saved, &err)) {
		fprintf(stderr, "unhunch assess: %s\n", strbuf_str(&err));
		free(saved);
		goto out;
	}
	format_profile_text(&out, &saved->a.latest, saved->a.has_before ? &saved->a.before : NULL);
	format_plan_changes_text(&out, saved);
	strbuf_addstr(&out, "\nSaved. Your plan follows from this: unhunch plan --why\n");
	fputs(out.buf, stdout);
	free(saved);
	rc = EXIT_OK;
out:
	cli_ctx_close(&x);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc;
}
