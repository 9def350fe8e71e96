/* cmd-checkin.c: `unhunch checkin`: record pain by region, headache, stiffness, stress,
 * sleep, desk hours, massage and a note; by flags (for scripts and paper diaries) or by
 * questions. Weekly: the Patient-Specific Functional Scale. Bad values store nothing. */
#include "cli.h"
#include "args.h"
#include "context.h"
#include "core/checkin.h"
#include "core/safety.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/stats.h"
#include "core/strbuf.h"
#include "days.h"
#include "store/store.h"
#include "app/checkin.h"
#include "app/psfs.h"
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <unistd.h>

#define PSFS_MAX APP_PSFS_MAX
#define PSFS_NAME_MAX 200 /* characters */

struct rating_arg {
	char *name;
	int score;
};

struct checkin_args {
	struct checkin c;
	bool any_flag;
	const char *date;
	struct rating_arg psfs[PSFS_MAX * 2];
	int n_psfs;
	char *add[PSFS_MAX * 2];
	int n_add;
};

static bool parse_score(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < 0 || v > 10)
		return false;
	*out = (int)v;
	return true;
}

/* Hours 0-24 with a decimal point or comma, whatever the locale. */
static bool parse_hours(const char *s, double *out)
{
	double v;
	if (!number_parse(s, &v) || v > 24)
		return false;
	*out = v;
	return true;
}

/* "neck=3": region and score; false with why (an unknown region with a did-you-mean),
 * worded for the --region flag or for the question. */
static bool region_parse(const char *arg, struct checkin *c, bool asked, struct strbuf *why)
{
	const char *eq = strchr(arg, '=');
	if (!eq) {
		strbuf_addf(why, asked ? "write each place as NAME=SCORE, like neck=3 (got '%s')"
				       : "--region takes NAME=SCORE, e.g. --region neck=3 (got '%s')", arg);
		return false;
	}
	char *name = xstrndup(arg, (size_t)(eq - arg));
	bool ok = false;
	int r = name_index(region_names, name);
	int v;
	if (r < 0) {
		const char *hint = did_you_mean(name, region_names);
		strbuf_addf(why, "unknown region '%s'%s%s%s (regions: neck, between-shoulder-blades, upper-back, "
				 "left-shoulder, right-shoulder, chest)",
			    name, hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
	} else if (!parse_score(eq + 1, &v)) {
		strbuf_addf(why, "%s%s: '%s' is not a score from 0 to 10", asked ? "" : "--region ", name, eq + 1);
	} else if (c->region[r] != CHECKIN_NONE) {
		strbuf_addf(why, "%s is given twice (%d and %d); give each region once", name, c->region[r], v);
	} else {
		c->region[r] = v;
		ok = true;
	}
	free(name);
	return ok;
}

static int parse_region(const struct command *self, const char *arg, struct checkin *c)
{
	struct strbuf why = STRBUF_INIT;
	int rc = region_parse(arg, c, false, &why) ? -1 : usage_error(self, "%s", why.buf);
	strbuf_release(&why);
	return rc;
}

static int parse_args(int argc, char **argv, struct checkin_args *a)
{
	const struct command *self = command_find("checkin");
	static const char *const scored[] = { "--pain", "--headache", "--stiffness", "--stress", "--sleep", NULL };
	int *slots[] = { &a->c.pain, &a->c.headache, &a->c.stiffness, &a->c.stress, &a->c.sleep };
	unsigned given = 0;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int k = name_index(scored, o);
		a->any_flag |= strcmp(o, "--date") != 0; /* a date alone still asks the questions */
		if (!strcmp(o, "--massage")) {
			a->c.massage = 1;
			continue;
		}
		if (!strcmp(o, "--no-massage")) {
			a->c.massage = 0;
			continue;
		}
		if (o[0] != '-')
			return usage_error(self, "unexpected argument '%s'", o);
		static const char *const valued[] = { "--pain", "--headache", "--stiffness", "--stress", "--sleep",
						       "--region", "--desk-hours", "--note", "--date", "--psfs",
						       "--psfs-add", NULL };
		if (name_index(valued, o) < 0) {
			const char *hint = did_you_mean(o, valued);
			return usage_error(self, "unknown option '%s'%s%s%s", o, hint ? " (did you mean '" : "",
					   hint ? hint : "", hint ? "'?)" : "");
		}
		if (!v)
			return usage_error(self, "%s needs a value", o);
		i++;
		/* one value each: a second would silently win */
		int once = name_index(valued, o);
		if (once < 9 && strcmp(o, "--region") && (given & 1u << once))
			return usage_error(self, "%s is given twice; give it once", o);
		given |= 1u << once;
		struct strbuf why = STRBUF_INIT;
		int rc = -1;
		if (k >= 0) {
			if (!parse_score(v, slots[k]))
				rc = usage_error(self, "%s: '%s' is not a whole number from 0 to 10", o, v);
		} else if (!strcmp(o, "--region")) {
			if (parse_region(self, v, &a->c) >= 0)
				rc = EXIT_USAGE;
		} else if (!strcmp(o, "--desk-hours")) {
			if (!parse_hours(v, &a->c.desk_hours))
				rc = usage_error(self, "--desk-hours: '%s' is not a number of hours from 0 to 24 (like 7.5)", v);
		} else if (!strcmp(o, "--note")) {
			if (text_check("--note", v, strlen(v), CHECKIN_NOTE_MAX, true, &why))
				rc = usage_error(self, "%s", why.buf);
			a->c.note = (char *)v;
		} else if (!strcmp(o, "--date")) {
			int d;
			if (cli_date_check(self, "--date", v, days_today(), &d))
				rc = EXIT_USAGE;
			a->date = v;
		} else if (!strcmp(o, "--psfs")) {
			const char *eq = strrchr(v, '=');
			int sc;
			if (!eq || eq == v || !parse_score(eq + 1, &sc))
				rc = usage_error(self, "--psfs takes \"ACTIVITY=SCORE\" with a score from 0 to 10 (got '%s')", v);
			else if (a->n_psfs == PSFS_MAX)
				rc = usage_error(self, "at most %d activities", PSFS_MAX);
			else if (text_check("the activity", v, (size_t)(eq - v), PSFS_NAME_MAX, false, &why))
				rc = usage_error(self, "--psfs: %s", why.buf);
			else
				a->psfs[a->n_psfs++] = (struct rating_arg){ xstrndup(v, (size_t)(eq - v)), sc };
		} else {
			if (a->n_add == PSFS_MAX)
				rc = usage_error(self, "at most %d activities", PSFS_MAX);
			else if (text_check("--psfs-add", v, strlen(v), PSFS_NAME_MAX, false, &why))
				rc = usage_error(self, "%s", why.buf);
			else
				a->add[a->n_add++] = xstrdup(v);
		}
		strbuf_release(&why);
		if (rc >= 0)
			return rc;
	}
	return -1;
}

/* The note, checked. One that cannot be kept (too long, not UTF-8, a NUL) is asked
 * again on a terminal; from a script it is left out and *dropped says why, so the rest
 * of the check-in is still saved. */
static void ask_note(struct checkin *c, struct strbuf *note, struct strbuf *dropped)
{
	struct strbuf a = STRBUF_INIT;
	for (int tries = isatty(STDIN_FILENO) ? 5 : 1; tries > 0; tries--) {
		strbuf_reset(dropped);
		if (!ask_line("A note (enter to skip)? ", &a) || !a.len)
			break;
		if (!text_check("the note", a.buf, a.len, CHECKIN_NOTE_MAX, true, dropped)) {
			strbuf_addstr(note, a.buf);
			c->note = note->buf;
			break;
		}
		if (tries > 1)
			fprintf(stderr, "unhunch checkin: %s. Type it again, or press enter to leave it out.\n",
				dropped->buf);
	}
	strbuf_release(&a);
}

/* An answer that does not fit is asked again on a terminal, with what fits; from a
 * script it stores nothing (EXIT_PROBLEM), as a wrong flag would. 0 when answered or
 * skipped. */
static int ask_again(const char *why, int *tries)
{
	bool tty = isatty(STDIN_FILENO);
	if (tty && --*tries > 0) {
		fprintf(stderr, "%s Try again, or press enter to skip.\n", why);
		return 0;
	}
	fprintf(stderr, "%s Nothing was saved.\n", why);
	return EXIT_PROBLEM;
}

static int ask_hours(const char *q, double *out)
{
	struct strbuf a = STRBUF_INIT, why = STRBUF_INIT;
	int rc = 0;
	for (int tries = 5; !rc && ask_line(q, &a) && a.len && !parse_hours(a.buf, out);) {
		strbuf_reset(&why);
		strbuf_addf(&why, "'%s' is not a number of hours from 0 to 24, like 7.5.", a.buf);
		if ((rc = ask_again(why.buf, &tries)) == 0)
			*out = CHECKIN_NONE;
	}
	strbuf_release(&a);
	strbuf_release(&why);
	return rc;
}

/* y or yes, n or no (any case); enter is no. */
static int ask_massage(const char *q, int *out)
{
	struct strbuf a = STRBUF_INIT, why = STRBUF_INIT;
	int rc = 0;
	for (int tries = 5; !rc && ask_line(q, &a) && a.len;) {
		static const char *const yes[] = { "y", "yes", NULL }, *const no[] = { "n", "no", NULL };
		for (char *p = a.buf; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (name_index(yes, a.buf) >= 0 || name_index(no, a.buf) >= 0) {
			*out = name_index(yes, a.buf) >= 0;
			break;
		}
		strbuf_reset(&why);
		strbuf_addf(&why, "Please answer y or n (enter for no), not '%s'.", a.buf);
		rc = ask_again(why.buf, &tries);
	}
	strbuf_release(&a);
	strbuf_release(&why);
	return rc;
}

/* Interactive (or line-by-line from a pipe): one question per value; enter skips.
 * date is the day asked about (NULL: today), for a diary kept on paper. */
static int ask_all(struct checkin *c, const char *date, struct strbuf *note, struct strbuf *dropped)
{
	char on[32], that[32];
	snprintf(on, sizeof(on), date ? "on %s" : "right now", date ? date : "");
	snprintf(that, sizeof(that), date ? "on %s" : "today", date ? date : "");
	char q[5][96];
	snprintf(q[0], sizeof(q[0]), "Pain overall %s, 0 (none) to 10 (worst)? ", on);
	snprintf(q[1], sizeof(q[1]), "Headache %s, 0 to 10? ", that);
	snprintf(q[2], sizeof(q[2]), "Stiffness %s, 0 to 10? ", that);
	snprintf(q[3], sizeof(q[3]), "Stress %s, 0 to 10? ", that);
	snprintf(q[4], sizeof(q[4]), "Sleep quality %s, 0 (awful) to 10 (great)? ",
		 date ? "the night before" : "last night");
	int *slots[] = { &c->pain, &c->headache, &c->stiffness, &c->stress, &c->sleep };
	if (date)
		printf("Your check-in for %s.\n", date);
	printf("Press enter to skip any question.\n");
	for (int i = 0; i < 5; i++) {
		int v = ask_score(q[i]);
		if (v == -2)
			return EXIT_PROBLEM;
		*slots[i] = v;
	}
	struct strbuf a = STRBUF_INIT;
	int rc = 0;
	for (int tries = 0; tries < 5; tries++) {
		if (!ask_line("Where does it hurt? e.g. neck=3 upper-back=5 (regions: neck, between-shoulder-blades,\n"
			      "upper-back, left-shoulder, right-shoulder, chest): ", &a) || !a.len)
			break;
		int kept[REG__COUNT];
		memcpy(kept, c->region, sizeof(kept));
		bool ok = true;
		char *save = NULL;
		struct strbuf why = STRBUF_INIT;
		for (char *tok = strtok_r(a.buf, " ,", &save); tok && ok; tok = strtok_r(NULL, " ,", &save))
			ok = region_parse(tok, c, true, &why);
		if (!ok) {
			memcpy(c->region, kept, sizeof(kept)); /* the whole answer again, not half of it */
			fprintf(stderr, "%c%s. %s\n", toupper((unsigned char)why.buf[0]), why.buf + 1,
				isatty(STDIN_FILENO) ? "Try again, or press enter to skip." : "Nothing was saved.");
		}
		strbuf_release(&why);
		if (ok)
			break;
		if (!isatty(STDIN_FILENO)) {
			rc = EXIT_PROBLEM;
			break;
		}
	}
	char hq[96], mq[112];
	snprintf(hq, sizeof(hq), "Hours at a desk %s (enter to skip)? ", that);
	snprintf(mq, sizeof(mq), "Did you have a professional massage %s? [y/N] ", that);
	if (!rc)
		rc = ask_hours(hq, &c->desk_hours);
	if (!rc)
		rc = ask_massage(mq, &c->massage);
	strbuf_release(&a);
	if (!rc)
		ask_note(c, note, dropped);
	return rc;
}

/* Add named activities and save ratings, all checked first (app/psfs.c). */
static int save_psfs(const struct app_ctx *app, struct checkin_args *a, const char *date, struct strbuf *err)
{
	struct app_psfs_rating r[PSFS_MAX * 2];
	for (int i = 0; i < a->n_psfs; i++)
		r[i] = (struct app_psfs_rating){ a->psfs[i].name, a->psfs[i].score };
	return app_psfs_save(app, a->add, (size_t)a->n_add, r, (size_t)a->n_psfs, date, err);
}

/* Weekly, when asked by questions: rate the activities again, or name them once. */
static int ask_psfs(const struct app_ctx *app, struct checkin_args *a, const char *date, struct strbuf *err)
{
	struct app_psfs_due d;
	if (app_psfs_due(app, &d, err))
		return -1;
	size_t n = d.n;
	struct strbuf ans = STRBUF_INIT;
	if (!n) {
		printf("\nWeekly check of what your pain makes hard. Name up to 3 activities (for example\n"
		       "'carry the shopping' or 'turn my head when driving'); enter to skip.\n");
		for (int tries = 0; a->n_add < PSFS_MAX && tries < 10 && ask_line("Activity: ", &ans) && ans.len; tries++) {
			struct strbuf why = STRBUF_INIT;
			if (text_check("the activity", ans.buf, ans.len, PSFS_NAME_MAX, false, &why))
				fprintf(stderr, "unhunch checkin: %s\n", why.buf);
			else
				a->add[a->n_add++] = xstrdup(ans.buf);
			strbuf_release(&why);
		}
	}
	if ((n || a->n_add) && d.due) {
		if (date)
			printf("How well could you do each one on %s, 0 (not at all) to 10 (as before the pain)?\n", date);
		else
			printf("How well can you do each one today, 0 (not at all) to 10 (as before the pain)?\n");
		for (size_t i = 0; i < (n ? n : (size_t)a->n_add); i++) {
			const char *name = n ? d.names[i] : a->add[i];
			struct strbuf q = STRBUF_INIT, shown = STRBUF_INIT;
			strbuf_addf(&q, "  %s: ", text_shown(&shown, name));
			strbuf_release(&shown);
			int v = ask_score(q.buf);
			strbuf_release(&q);
			if (v >= 0 && a->n_psfs < PSFS_MAX)
				a->psfs[a->n_psfs++] = (struct rating_arg){ xstrdup(name), v };
		}
	}
	strbuf_release(&ans);
	app_psfs_due_release(&d);
	return 0;
}

/* After a check-in: what the gate now asks before the next session (app/checkin.c
 * asked it), said at once, with the screen offered now when answering by questions. */
static int follow_up(struct cli_ctx *x, const struct app_checkin_result *r, const struct strbuf *err, bool interactive)
{
	int rc = EXIT_OK;
	if (r->gate_failed) {
		fprintf(stderr, "unhunch checkin: %s\n", strbuf_str(err));
		rc = EXIT_PROBLEM;
	} else if (r->must_screen) {
		print_safety(stdout, "", "", r->reason, x);
		if (interactive && ask_yes("Answer the safety questions now? [Y/n] ", true))
			rc = screen_run(x, r->must_screen, NULL);
		else
			printf("Exercise waits until you answer them: unhunch screen\n");
	} else if (r->high_pain) {
		printf("That is a lot of pain. If something new has come on, answer the safety questions again: "
		       "unhunch screen\n");
	}
	return rc;
}

int cmd_checkin(int argc, char **argv)
{
	struct checkin_args a;
	memset(&a, 0, sizeof(a));
	checkin_init(&a.c);
	struct strbuf note = STRBUF_INIT, err = STRBUF_INIT, dropped = STRBUF_INIT;
	struct cli_ctx x;
	bool opened = false;
	int rc = parse_args(argc, argv, &a);
	if (rc >= 0)
		goto out;
	char today_s[11];
	day_format(days_today(), today_s);
	if (!a.any_flag && (rc = ask_all(&a.c, a.date && strcmp(a.date, today_s) ? a.date : NULL, &note, &dropped)) != 0)
		goto out;
	rc = EXIT_PROBLEM;
	char today[11];
	day_format(days_today(), today);
	snprintf(a.c.date, sizeof(a.c.date), "%s", a.date ? a.date : today);
	a.c.at_ms = wall_ms();
	const char *why;
	bool has_values = checkin_valid(&a.c, &why);
	if (!has_values && !(a.n_psfs || a.n_add)) {
		fprintf(stderr, "unhunch checkin: %s\n", !strcmp(why, "nothing to record") ? "nothing to record; give at "
			"least one value (see 'unhunch checkin --help')" : why);
		goto out;
	}
	opened = true; /* closed in any case: a store that does not open leaves the content loaded */
	if (cli_ctx_open(&x, "checkin"))
		goto out;
	if (!a.any_flag && ask_psfs(&x.app, &a, strcmp(a.c.date, today) ? a.c.date : NULL, &err)) {
		fprintf(stderr, "unhunch checkin: %s\n", strbuf_str(&err));
		goto out;
	}
	struct app_checkin_request crq = { a.c, false };
	struct app_checkin_result res = { 0 };
	if (has_values && app_checkin_record(&x.app, &crq, &res, &err)) {
		fprintf(stderr, "unhunch checkin: %s\n", strbuf_str(&err));
		goto out;
	}
	if (has_values && res.outcome != APP_CHECKIN_SAVED) { /* checked above: a bug if it happens */
		fprintf(stderr, "unhunch checkin: %s\n", strbuf_str(&err));
		goto out;
	}
	struct strbuf gate_err = STRBUF_INIT;
	strbuf_addstr(&gate_err, strbuf_str(&err));
	strbuf_reset(&err);
	if (save_psfs(&x.app, &a, a.c.date, &err)) {
		fprintf(stderr, "unhunch checkin: %s\n", strbuf_str(&err));
		strbuf_release(&gate_err);
		goto out;
	}
	if (dropped.len)
		printf("Saved your check-in for %s, without the note: %s.\n", a.c.date, dropped.buf);
	else
		printf("Saved your check-in for %s.\n", a.c.date);
	rc = has_values ? follow_up(&x, &res, &gate_err, !a.any_flag) : EXIT_OK;
	strbuf_release(&gate_err);
	if (rc == EXIT_OK && dropped.len)
		rc = EXIT_PROBLEM; /* the rest is saved, but not all that was typed */
out:
	for (int i = 0; i < a.n_psfs; i++)
		free(a.psfs[i].name);
	for (int i = 0; i < a.n_add; i++)
		free(a.add[i]);
	if (opened)
		cli_ctx_close(&x);
	strbuf_release(&note);
	strbuf_release(&dropped);
	strbuf_release(&err);
	return rc;
}
