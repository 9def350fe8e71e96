/* cmd-assess.c: `unhunch assess`: short questions on the workday, posture, a chest
 * self-test, hips, stress, breathing, headaches and the pain, one answer a line (so a
 * script can pipe them in); the answers become a profile of likely contributors, each with its
 * strength and reason, stored with the date. `--show` prints the latest profile. */
#include "cli.h"
#include "core/mem.h"
#include "core/plan.h"
#include "core/strbuf.h"
#include "days.h"
#include "app/plan-data.h"
#include "store/store.h"
#include <jansson.h>
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

static void print_profile(const struct profile *p, const struct profile *before)
{
	char date[11];
	day_format(p->day, date);
	printf("Your profile (%s): what adds to your pain, and how much\n\n", date);
	for (int f = 0; f < F__COUNT; f++) {
		struct strbuf head = STRBUF_INIT;
		strbuf_addf(&head, "%s: %s", factor_titles[f], strength_names[p->f[f].strength]);
		if (before && before->f[f].strength != p->f[f].strength)
			strbuf_addf(&head, " (was %s)", strength_names[before->f[f].strength]);
		printf("  %s\n", head.buf);
		print_wrapped(stdout, "    ", "    ", p->f[f].reason, WIDTH);
		strbuf_release(&head);
	}
}

/* The plan from the last assessment beside the plan from this one. */
static void print_plan_changes(const struct profile *before, const struct profile *now)
{
	struct flare none = { false, -1, -1, -1, -1, 0, -1 };
	struct plan_input in = { before, NULL, true, true, false, none, -1, false, false, { 0 } };
	struct plan a, b;
	plan_build(&in, &a);
	in.profile = now;
	plan_build(&in, &b);
	struct strbuf sb = STRBUF_INIT;
	char date[11];
	day_format(before->day, date);
	if (!plan_compare(&a, &b, &sb)) {
		printf("\nYour plan stays as it was after the assessment of %s.\n", date);
	} else {
		printf("\nWhat changes in your plan since the assessment of %s:\n", date);
		char *save = NULL;
		for (char *line = strtok_r(sb.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			print_wrapped(stdout, "  ", "    ", line, WIDTH);
	}
	strbuf_release(&sb);
}

static json_t *profile_json(const struct profile *p)
{
	char date[11];
	day_format(p->day, date);
	json_t *factors = json_array(), *answers = json_object();
	for (int f = 0; f < F__COUNT; f++)
		json_array_append_new(factors, json_pack("{s:s, s:i, s:s, s:s}", "factor", factor_names[f], "strength",
							 p->f[f].strength, "level", strength_names[p->f[f].strength],
							 "reason", p->f[f].reason));
	for (int q = 0; q < AQ__COUNT; q++) {
		if (p->answers[q] < 0) {
			json_object_set_new(answers, assess_questions[q].id, json_null());
			continue;
		}
		struct strbuf sb = STRBUF_INIT;
		assess_describe((enum aq)q, p->answers[q], &sb);
		json_object_set_new(answers, assess_questions[q].id, json_string(sb.buf));
		strbuf_release(&sb);
	}
	return json_pack("{s:s, s:o, s:o}", "date", date, "factors", factors, "answers", answers);
}

static int save(struct store *st, const struct profile *p, struct strbuf *err)
{
	struct assess_answer_row ans[AQ__COUNT];
	struct factor_row fac[F__COUNT];
	for (int q = 0; q < AQ__COUNT; q++)
		ans[q] = (struct assess_answer_row){ (char *)assess_questions[q].id, p->answers[q] };
	for (int f = 0; f < F__COUNT; f++)
		fac[f] = (struct factor_row){ (char *)factor_names[f], p->f[f].strength, (char *)p->f[f].reason };
	struct assessment_row row = { 0, "", wall_ms(), ans, AQ__COUNT, fac, F__COUNT };
	day_format(p->day, row.date);
	return st->ops->assessment_add(st, &row, err);
}

static int show(struct store *st, bool json)
{
	struct profile *v = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	int rc = EXIT_PROBLEM;
	if (plan_profiles(st, &v, &n, &err)) {
		fprintf(stderr, "unhunch assess: %s\n", strbuf_str(&err));
		goto out;
	}
	rc = EXIT_OK;
	if (json) {
		json_t *o = n ? profile_json(&v[n - 1]) : json_null();
		char *s = json_dumps(o, JSON_INDENT(2) | JSON_ENCODE_ANY);
		printf("%s\n", s);
		free(s);
		json_decref(o);
	} else if (!n) {
		printf("No assessment yet. Answer the questions with: unhunch assess\n");
	} else {
		print_profile(&v[n - 1], n > 1 ? &v[n - 2] : NULL);
	}
out:
	free(v);
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
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	struct profile *old = NULL;
	size_t n_old = 0;
	char *path = store_path();
	int rc = EXIT_PROBLEM;
	if (store_open(&st, path, &err) || plan_profiles(st, &old, &n_old, &err)) {
		fprintf(stderr, "unhunch assess: %s\n", strbuf_str(&err));
		goto out;
	}
	if (show_only) {
		rc = show(st, json);
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
	struct profile p;
	profile_build(&p, days_today(), a);
	if (save(st, &p, &err)) {
		fprintf(stderr, "unhunch assess: %s\n", strbuf_str(&err));
		goto out;
	}
	print_profile(&p, n_old ? &old[n_old - 1] : NULL);
	if (n_old)
		print_plan_changes(&old[n_old - 1], &p);
	printf("\nSaved. Your plan follows from this: unhunch plan --why\n");
	rc = EXIT_OK;
out:
	free(old);
	free(path);
	store_close(st);
	strbuf_release(&err);
	return rc;
}
