/* cmd-screen.c: `unhunch screen`: warning-sign questions, the result with who to see,
 * a clinician's clearance, and the gate that `start` passes through. */
#include "cli.h"
#include "core/mem.h"
#include "core/screen.h"
#include "core/stats.h"
#include "core/strbuf.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char INTRO[] =
	"These questions look for signs that need a doctor rather than exercise.\n"
	"It is a safety net, not a diagnosis: if you are worried, see a doctor whatever\n"
	"your answers. Answer y (yes) or n (no).\n\n";

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

static void print_result(const struct catalog *c, const struct screening_row *r)
{
	bool any = false;
	for (size_t i = 0; i < r->n_answers; i++) {
		if (!r->answers[i].yes)
			continue;
		const struct question *q = catalog_question(c, r->answers[i].question_id);
		if (!any)
			printf("You answered yes to:\n");
		any = true;
		printf("  - %s (%s)\n", q ? q->ask : r->answers[i].question_id, urgency_names[r->answers[i].level]);
	}
	const char *advice = urgency_advice((enum urgency)r->level);
	if (advice)
		print_wrapped(stdout, any ? "\n" : "", "", advice, 78);
	else
		printf("No warning signs. You can exercise; listen to your body and stop if something feels wrong.\n");
	if (!r->neck_clear)
		printf("The head-over-the-edge neck exercise stays off; the supported version is used.\n");
}

/* Ask one question; adds the answer. 0, or the ask_yes_no failure code. */
static int ask_one(const struct question *q, size_t num, struct screen_answer *a, size_t *n)
{
	struct strbuf text = STRBUF_INIT;
	strbuf_addf(&text, "%zu. %s [y/n] ", num, q->ask);
	int yes = ask_yes_no(text.buf);
	strbuf_release(&text);
	if (yes < 0)
		return yes;
	a[*n].id = q->id;
	a[(*n)++].yes = yes;
	return 0;
}

/* Ask the questions group by group (heart, stroke, injury, ...), in the order the
 * groups first appear (the most urgent first): a group of several questions is shown
 * as one list, and only a yes to the list asks its questions one by one. Stops at the
 * first emergency. Stores the result. Returns 0, or EXIT_PROBLEM / EXIT_USAGE. */
int screen_run(struct store *st, const struct catalog *c, struct screening_row *out)
{
	printf("%s", INTRO);
	struct screen_answer *a = xcalloc(c->n_q + 1, sizeof(*a));
	bool *done = xcalloc(c->n_q + 1, sizeof(*done));
	size_t n = 0, num = 0;
	int rc = 0, yes = 0;
	for (size_t g = 0; g < c->n_q && rc == 0; g++) {
		if (done[g])
			continue;
		const char *group = c->q[g].group;
		size_t in_group = 0;
		for (size_t i = g; i < c->n_q; i++)
			in_group += !done[i] && !strcmp(c->q[i].group, group);
		bool ask_each = in_group == 1;
		if (!ask_each) {
			printf("\n%zu. Does any of these apply to you?\n", ++num);
			for (size_t i = g; i < c->n_q; i++)
				if (!done[i] && !strcmp(c->q[i].group, group))
					print_wrapped(stdout, "   - ", "     ", c->q[i].ask, 78);
			yes = ask_yes_no("   [y/n] ");
			if (yes < 0)
				break;
			ask_each = yes;
			if (yes)
				printf("   Then one at a time:\n");
		}
		for (size_t i = g; i < c->n_q; i++) {
			if (done[i] || strcmp(c->q[i].group, group))
				continue;
			done[i] = true;
			if (!ask_each) {
				a[n].id = c->q[i].id;
				a[n++].yes = false;
				continue;
			}
			if ((yes = ask_one(&c->q[i], in_group == 1 ? ++num : num, a, &n)) < 0)
				break;
			if (screen_evaluate(c, a, n, NULL) == URG_EMERGENCY)
				break; /* no more questions: this needs help now */
		}
		if (yes < 0)
			break;
		if (screen_evaluate(c, a, n, NULL) == URG_EMERGENCY)
			break;
	}
	free(done);
	if (yes < 0) {
		fprintf(stderr, "unhunch screen: %s; nothing was saved\n",
			yes == -1 ? "the answers ended before the last question" : "stopped");
		rc = yes == -1 ? EXIT_PROBLEM : EXIT_USAGE;
		goto out;
	}
	enum urgency *levels = xcalloc(n + 1, sizeof(*levels));
	enum urgency worst = screen_evaluate(c, a, n, levels);
	struct answer_row *rows = xcalloc(n + 1, sizeof(*rows));
	for (size_t i = 0; i < n; i++)
		rows[i] = (struct answer_row){ (char *)a[i].id, a[i].yes, (int)levels[i] };
	struct screening_row r = { 0, wall_ms(), (int)worst, screen_neck_clear(c, a, n), rows, n };
	struct strbuf err = STRBUF_INIT;
	if (st->ops->screening_add(st, &r, &err)) {
		fprintf(stderr, "unhunch screen: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	} else {
		printf("\n");
		print_result(c, &r);
		if (out) {
			*out = r;
			out->answers = NULL;
			out->n_answers = 0;
		}
	}
	strbuf_release(&err);
	free(rows);
	free(levels);
out:
	free(a);
	return rc;
}

/* Is the last screening cleared by a clinician's clearance recorded after it? */
static int cleared(struct store *st, const struct screening_row *r, bool *yes, struct strbuf *err)
{
	struct clearance_row *c = NULL;
	size_t n = 0;
	*yes = false;
	if (st->ops->clearances_list(st, &c, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (c[i].screening_id == r->id)
			*yes = true;
	store_clearances_free(c, n);
	return 0;
}

int screen_before_start(struct store *st, const struct catalog *c, bool *neck_clear)
{
	*neck_clear = false;
	struct strbuf err = STRBUF_INIT;
	struct screening_row r;
	bool found, ok = false;
	int rc = EXIT_PROBLEM;
	if (st->ops->screening_latest(st, &r, &found, &err) || (found && cleared(st, &r, &ok, &err)))
		goto fail;
	struct gate_input in = { found, found ? (enum urgency)r.level : URG_NONE, found ? r.at_ms : 0, ok, wall_ms() };
	struct gate g = gate_decide(&in);
	if (g.must_screen && !c->n_q) {
		/* nothing to ask (no questions in the content): a saved result still counts */
		fprintf(stderr, "unhunch: no screening questions found in the content; the screen is skipped\n");
		g.must_screen = false;
		g.allowed = true;
	} else if (g.must_screen) {
		printf("Before your first session, a few safety questions.\n");
		screening_row_release(&r);
		if ((rc = screen_run(st, c, &r)))
			goto out;
		found = true;
		in = (struct gate_input){ true, (enum urgency)r.level, r.at_ms, false, wall_ms() };
		g = gate_decide(&in);
		printf("\n");
	} else if (g.offer_again && c->n_q && isatty(STDIN_FILENO) &&
		   ask_yes("Your last safety screen is more than four weeks old. Answer the questions again now? [Y/n] ",
			   true)) {
		screening_row_release(&r);
		if ((rc = screen_run(st, c, &r)))
			goto out;
		found = true;
		in = (struct gate_input){ true, (enum urgency)r.level, r.at_ms, false, wall_ms() };
		g = gate_decide(&in);
	}
	*neck_clear = found && r.neck_clear;
	if (!g.allowed) {
		fprintf(stderr, "unhunch start: not today. Your last safety screen found a warning sign.\n");
		if (g.advice)
			fprintf(stderr, "%s\n", g.advice);
		if (g.level == URG_EMERGENCY)
			fprintf(stderr, "Once you have had help and are well again, answer the questions again with "
					"'unhunch screen'.\n");
		else
			fprintf(stderr, "After you have been seen, record it with: unhunch screen --clearance \"who you saw "
					"and what they said\"\n");
		rc = EXIT_PROBLEM;
		goto out;
	}
	if (g.level == URG_ROUTINE)
		printf("Reminder from your safety screen: %s\n", g.advice);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "unhunch: %s\n", strbuf_str(&err));
out:
	screening_row_release(&r); /* idempotent; r is zeroed when nothing was read */
	strbuf_release(&err);
	return rc;
}

void screen_record_warning(struct store *st, const struct catalog *c)
{
	/* a warning sign during exercise counts as a yes to the mildest neck question that
	 * still pauses the program (dizziness: see a clinician within days), so the next
	 * start waits for a clearance or a clear screen */
	const struct question *q = NULL;
	for (size_t i = 0; i < c->n_q; i++)
		if (c->q[i].neck && c->q[i].urgency >= URG_DAYS && (!q || c->q[i].urgency < q->urgency))
			q = &c->q[i];
	if (!q)
		return;
	struct answer_row a = { q->id, true, q->urgency };
	struct screening_row r = { 0, wall_ms(), q->urgency, false, &a, 1 };
	struct strbuf err = STRBUF_INIT;
	if (st->ops->screening_add(st, &r, &err))
		fprintf(stderr, "unhunch: %s\n", strbuf_str(&err));
	strbuf_release(&err);
}

static int status(struct store *st, const struct catalog *c, bool json)
{
	struct strbuf err = STRBUF_INIT;
	struct screening_row r;
	bool found, ok = false;
	if (st->ops->screening_latest(st, &r, &found, &err) || (found && cleared(st, &r, &ok, &err))) {
		fprintf(stderr, "unhunch screen: %s\n", strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	struct gate_input in = { found, found ? (enum urgency)r.level : URG_NONE, found ? r.at_ms : 0, ok, wall_ms() };
	struct gate g = gate_decide(&in);
	char date[32] = "never";
	if (found) {
		time_t t = (time_t)(r.at_ms / 1000);
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M", &tm);
	}
	if (json) {
		printf("{\"screened\": %s, \"date\": \"%s\", \"level\": \"%s\", \"cleared\": %s, \"exercise_allowed\": %s, "
		       "\"neck_clear\": %s, \"due_again\": %s}\n",
		       found ? "true" : "false", date, urgency_names[g.level], ok ? "true" : "false",
		       g.allowed ? "true" : "false", found && r.neck_clear ? "true" : "false",
		       g.must_screen || g.offer_again ? "true" : "false");
	} else if (!found) {
		printf("No safety screen yet. Run 'unhunch screen' (it is also asked before your first session).\n");
	} else {
		printf("Last safety screen: %s\n", date);
		print_result(c, &r);
		if (ok)
			printf("A clinician's clearance is recorded for it.\n");
		printf("Exercise: %s\n", g.allowed ? "allowed" : "paused until the warning sign is dealt with");
		if (g.offer_again)
			printf("It is more than four weeks old: please answer the questions again.\n");
	}
	if (found)
		screening_row_release(&r);
	strbuf_release(&err);
	return EXIT_OK;
}

static int clearance(struct store *st, const char *note, const char *date)
{
	struct strbuf err = STRBUF_INIT;
	struct screening_row r;
	bool found;
	int rc = EXIT_PROBLEM;
	if (st->ops->screening_latest(st, &r, &found, &err)) {
		fprintf(stderr, "unhunch screen: %s\n", strbuf_str(&err));
		goto out;
	}
	if (!found || r.level < URG_DAYS) {
		fprintf(stderr, "unhunch screen: your last screen has nothing that needs clearing\n");
	} else if (r.level == URG_EMERGENCY) {
		fprintf(stderr, "unhunch screen: an emergency answer cannot be cleared here. Once you have had help and\n"
				"are well again, answer the questions again with 'unhunch screen'.\n");
	} else {
		struct clearance_row c = { 0, wall_ms(), "", (char *)note, r.id };
		snprintf(c.date, sizeof(c.date), "%s", date);
		if (st->ops->clearance_add(st, &c, &err))
			fprintf(stderr, "unhunch screen: %s\n", strbuf_str(&err));
		else {
			printf("Clearance recorded (%s): %s\nExercise is allowed again. Go gently at first.\n", c.date, note);
			rc = EXIT_OK;
		}
	}
	if (found)
		screening_row_release(&r);
out:
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
	if (!date) {
		day_format((int)(wall_ms() / 86400000), today);
		date = today;
	}
	struct catalog c;
	catalog_init(&c);
	content_load_all(&c);
	struct store *st = NULL;
	struct strbuf err = STRBUF_INIT;
	char *path = store_path();
	int rc = EXIT_PROBLEM;
	if (store_open(&st, path, &err)) {
		fprintf(stderr, "unhunch screen: %s\n", strbuf_str(&err));
		goto out;
	}
	if (note)
		rc = clearance(st, note, date);
	else if (want_status)
		rc = status(st, &c, json);
	else if (!c.n_q) {
		fprintf(stderr, "unhunch screen: no screening questions found in the content\n");
	} else {
		rc = screen_run(st, &c, NULL);
	}
out:
	free(path);
	store_close(st);
	strbuf_release(&err);
	catalog_free(&c);
	return rc;
}
