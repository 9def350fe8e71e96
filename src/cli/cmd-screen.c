/* cmd-screen.c: `unhunch screen`: warning-sign questions, the result with who to see,
 * a clinician's clearance, and the status the gate (app/gate.h) decides from. The
 * rules are in core/screen.c and core/safety.c; this file asks and prints. */
#include "cli.h"
#include "context.h"
#include "app/safety.h"
#include "app/screen-status.h"
#include "core/mem.h"
#include "core/safety.h"
#include "core/stats.h"
#include "core/strbuf.h"
#include "days.h"
#include "format/screen.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CLEARANCE_MAX 2000 /* characters of a clearance note */

static const char INTRO[] =
	"These questions look for signs that need a doctor rather than exercise.\n"
	"It is a safety net, not a diagnosis: if you are worried, see a doctor whatever\n"
	"your answers. Answer y (yes) or n (no).\n\n";

static const char FIRST_RUN[] =
	"unhunch is a self-care coach, not a diagnosis or a treatment: it cannot tell what causes your pain, "
	"and it does not replace a doctor or a physiotherapist. If something feels wrong, stop and get it seen.";

/* Ask one yes/no question; 1 yes, 0 no, -1 end of input, -2 a bad answer (not a terminal). */
static int ask_yes_no(const char *q)
{
	struct strbuf a = STRBUF_INIT;
	int tries = isatty(STDIN_FILENO) ? 5 : 1, r = -2;
	while (tries-- > 0) {
		if (!ask_line(q, &a)) {
			r = -1;
			break;
		}
		const char *s = strbuf_str(&a);
		if (!strcmp(s, "y") || !strcmp(s, "Y") || !strcmp(s, "yes") || !strcmp(s, "Yes")) {
			r = 1;
			break;
		}
		if (!strcmp(s, "n") || !strcmp(s, "N") || !strcmp(s, "no") || !strcmp(s, "No")) {
			r = 0;
			break;
		}
		fprintf(stderr, "Please answer y or n.\n");
	}
	if (r == -2)
		fprintf(stderr, "unhunch screen: '%s' is not y or n\n", strbuf_str(&a));
	strbuf_release(&a);
	return r;
}

static void print_result(const struct cli_ctx *x, const struct screening_row *r)
{
	struct strbuf sb = STRBUF_INIT;
	format_screen_result(&sb, &x->cat, r, x->emergency);
	fputs(strbuf_str(&sb), stdout);
	strbuf_release(&sb);
}

/* Ask one question; adds the answer. 0, or the ask_yes_no failure code. */
static int ask_one(const struct question *q, size_t num, struct screen_answer *a, size_t *n)
{
	struct strbuf text = STRBUF_INIT, ask = STRBUF_INIT;
	char first[24], rest[24];
	snprintf(first, sizeof first, "%zu. ", num);
	size_t indent = strlen(first);
	memset(rest, ' ', indent);
	rest[indent] = '\0';
	strbuf_addf(&ask, "%s [y/n]", q->ask);
	/* a long question wraps under itself, the answer after its last line */
	prompt_wrapped(&text, first, rest, ask.buf, 78);
	int yes = ask_yes_no(text.buf);
	strbuf_release(&ask);
	strbuf_release(&text);
	if (yes < 0)
		return yes;
	a[*n].id = q->id;
	a[(*n)++].yes = yes;
	return 0;
}

struct asking {
	const struct catalog *c;
	struct screen_answer *a;
	bool *done;
	size_t n, num;
};

/* Ask question i on its own. 1 when the answers so far are an emergency (stop asking). */
static int ask_alone(struct asking *k, size_t i)
{
	k->done[i] = true;
	int yes = ask_one(&k->c->q[i], ++k->num, k->a, &k->n);
	if (yes < 0)
		return yes;
	return screen_evaluate(k->c, k->a, k->n, NULL) == URG_EMERGENCY;
}

/* The questions of group g not asked yet and not neck questions (those go one by one):
 * one list; only a yes asks them one by one. */
static int ask_group(struct asking *k, const char *group)
{
	size_t in_group = 0, first = 0;
	for (size_t i = 0; i < k->c->n_q; i++)
		if (!k->done[i] && !k->c->q[i].neck && !strcmp(k->c->q[i].group, group) && !in_group++)
			first = i;
	if (in_group == 1)
		return ask_alone(k, first);
	if (!in_group)
		return 0;
	printf("\n%zu. Does any of these apply to you?\n", ++k->num);
	for (size_t i = 0; i < k->c->n_q; i++)
		if (!k->done[i] && !k->c->q[i].neck && !strcmp(k->c->q[i].group, group))
			print_wrapped(stdout, "   - ", "     ", k->c->q[i].ask, 78);
	int yes = ask_yes_no("   [y/n] ");
	if (yes < 0)
		return yes;
	if (yes)
		printf("   Then one at a time:\n");
	for (size_t i = 0; i < k->c->n_q; i++) {
		if (k->done[i] || k->c->q[i].neck || strcmp(k->c->q[i].group, group))
			continue;
		k->done[i] = true;
		if (!yes) {
			k->a[k->n].id = k->c->q[i].id;
			k->a[k->n++].yes = false;
			continue;
		}
		int r = ask_one(&k->c->q[i], k->num, k->a, &k->n);
		if (r < 0)
			return r;
		if (screen_evaluate(k->c, k->a, k->n, NULL) == URG_EMERGENCY)
			return 1;
	}
	return 0;
}

/* Group by group in the order the groups first appear (most urgent first): the neck
 * questions of a group one at a time, the rest of it as one list. After new chest pain,
 * the heart questions come first, one at a time. Stops at the first emergency. */
/* The once-ever facts the app kept from an earlier screen (answered no, or not asked, now). */
static void kept_facts(struct cli_ctx *x, const struct asking *k)
{
	const struct question *q[64];
	struct strbuf err = STRBUF_INIT;
	int n = app_screen_kept_facts(&x->app, k->a, k->n, q, sizeof(q) / sizeof(q[0]), &err);
	for (int i = 0; i < n; i++)
		printf("Kept from an earlier screen, as it does not change: %s\n", q[i]->ask);
	strbuf_release(&err);
}

int screen_run(struct cli_ctx *x, unsigned reasons, struct screening_row *out)
{
	const struct catalog *c = &x->cat;
	if (!c->n_q) {
		fprintf(stderr, "unhunch screen: no screening questions found in the content\n");
		return EXIT_PROBLEM;
	}
	if (reasons & RS_FIRST)
		print_safety(stdout, "", "", FIRST_RUN, x), printf("\n");
	printf("%s", INTRO);
	struct asking k = { c, xcalloc(c->n_q + 1, sizeof(*k.a)), xcalloc(c->n_q + 1, sizeof(bool)), 0, 0 };
	int r = 0;
	if (reasons & RS_CHEST)
		for (size_t i = 0; i < c->n_q && !r; i++)
			if (!strcmp(c->q[i].group, "heart"))
				r = ask_alone(&k, i);
	for (size_t g = 0; g < c->n_q && !r; g++) {
		if (k.done[g])
			continue;
		for (size_t i = g; i < c->n_q && !r; i++)
			if (!k.done[i] && c->q[i].neck && !strcmp(c->q[i].group, c->q[g].group))
				r = ask_alone(&k, i);
		if (!r)
			r = ask_group(&k, c->q[g].group);
	}
	int rc = 0;
	if (r < 0) {
		fprintf(stderr, "unhunch screen: %s; nothing was saved\n",
			r == -1 ? "the answers ended before the last question" : "stopped");
		rc = r == -1 ? EXIT_PROBLEM : EXIT_USAGE;
		goto out;
	}
	cli_ctx_tick(x);
	struct strbuf err = STRBUF_INIT;
	struct screening_row row;
	if (app_screen_save(&x->app, k.a, k.n, &row, &err)) {
		fprintf(stderr, "unhunch screen: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	} else {
		/* the result, with each yes and its level, as stored */
		struct answer_row *rows = xcalloc(k.n + 1, sizeof(*rows));
		enum urgency *lv = xcalloc(k.n + 1, sizeof(*lv));
		screen_evaluate(c, k.a, k.n, lv);
		for (size_t i = 0; i < k.n; i++)
			rows[i] = (struct answer_row){ (char *)k.a[i].id, k.a[i].yes, (int)lv[i], false, false };
		row.answers = rows;
		row.n_answers = k.n;
		printf("\n");
		print_result(x, &row);
		kept_facts(x, &k);
		struct app_safety sa;
		if (!app_safety(&x->app, &sa, &err) && !sa.s.neck_ok)
			printf("The head-over-the-edge neck exercise stays off; the supported version is used%s.\n",
			       sa.s.neck_locked ? " (locked until a clinician's clearance is recorded)" : "");
		free(rows);
		free(lv);
		if (out) {
			*out = row;
			out->answers = NULL;
			out->n_answers = 0;
		}
	}
	strbuf_release(&err);
out:
	free(k.a);
	free(k.done);
	return rc;
}

static int status(struct cli_ctx *x, bool json)
{
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct app_screen_status st;
	int rc = EXIT_OK;
	if (app_screen_status(&x->app, &st, &err)) {
		fprintf(stderr, "unhunch screen: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	} else {
		if (json)
			format_screen_status_json(&out, &st, x->app.tz);
		else
			format_screen_status_text(&out, &x->cat, &st, x->app.tz, x->emergency);
		fputs(strbuf_str(&out), stdout);
	}
	app_screen_status_release(&st);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc;
}

static int clearance(struct cli_ctx *x, const char *note, const char *date)
{
	struct strbuf err = STRBUF_INIT;
	int rc = EXIT_OK;
	if (app_record_clearance(&x->app, note, date, &err)) {
		print_wrapped(stderr, "unhunch screen: ", "  ", strbuf_str(&err), 78);
		rc = EXIT_PROBLEM;
	} else {
		struct strbuf shown = STRBUF_INIT;
		struct app_safety sa;
		printf("Clearance recorded (%s): %s\n", date, text_shown(&shown, note));
		if (app_safety(&x->app, &sa, &err) == 0 && sa.s.allowed && !sa.s.must_screen)
			printf("Exercise is allowed again. Go gently at first.\n");
		else if (err.len == 0 && sa.s.must_screen)
			printf("Before the next session, answer the safety questions (unhunch screen).\n");
		strbuf_release(&shown);
	}
	strbuf_release(&err);
	return rc;
}

int cmd_screen(int argc, char **argv)
{
	const struct command *self = command_find("screen");
	bool want_status = false, json = false;
	const char *note = NULL, *date = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--status"))
			want_status = true;
		else if (!strcmp(argv[i], "--json"))
			json = want_status = true;
		else if (!strcmp(argv[i], "--clearance") || !strcmp(argv[i], "--date")) {
			if (i + 1 >= argc)
				return usage_error(self, "%s needs a value", argv[i]);
			if (!strcmp(argv[i], "--date"))
				date = argv[++i];
			else
				note = argv[++i];
		} else
			return usage_error(self, "unexpected argument '%s'", argv[i]);
	}
	char today[11];
	int d;
	if (date && !day_parse(date, &d))
		return usage_error(self, "--date must be a real date written YYYY-MM-DD, not '%s'", date);
	if (date && !note)
		return usage_error(self, "--date goes with --clearance");
	if (note && !*note)
		return usage_error(self, "--clearance needs a few words: who you saw and what they said");
	struct strbuf bad = STRBUF_INIT;
	if (note && text_check("--clearance", note, strlen(note), CLEARANCE_MAX, true, &bad)) {
		int u = usage_error(self, "%s", bad.buf);
		strbuf_release(&bad);
		return u;
	}
	if (!date) {
		day_format(days_today(), today);
		date = today;
	}
	struct cli_ctx x;
	/* the status only reads */
	int rc = cli_ctx_open_mode(&x, "screen", want_status && !note);
	if (rc)
		goto out;
	if (note)
		rc = clearance(&x, note, date);
	else if (want_status)
		rc = status(&x, json);
	else {
		struct app_safety sa;
		struct strbuf err = STRBUF_INIT;
		unsigned why = app_safety(&x.app, &sa, &err) ? 0 : sa.s.must_screen;
		strbuf_release(&err);
		rc = screen_run(&x, why, NULL);
	}
out:
	cli_ctx_close(&x);
	return rc;
}
