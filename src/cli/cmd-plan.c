/* cmd-plan.c: `unhunch plan`: the weekly plan built by core/plan.c from the latest
 * assessment, the safety screen and the check-ins (a flare-up turns it gentle), with
 * what is due today; --why gives the reasons and every dose change; --ics writes the
 * next four weeks as a calendar; --feedback records how exercises felt, and every
 * run judges the feedback whose time has come into dose decisions. */
#include "cli.h"
#include "args.h"
#include "core/mem.h"
#include "core/plan.h"
#include "core/prescribe.h"
#include "core/strbuf.h"
#include "app/person-content.h"
#include "app/breaks-stats.h"
#include "days.h"
#include "app/plan-data.h"
#include "app/plan-view.h"
#include "app/safety.h"
#include "app/session.h"
#include "app/today.h"
#include "context.h"
#include "format/outfile.h"
#include "format/plan.h"
#include "store/store.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 78
#define ICS_DAYS 28
#define MAX_FEEDBACK 16

struct plan_args {
	bool why, json, ics;
	const char *out;
	const char *routine;
	const char *date;
	int pain_during;
	struct {
		const char *exercise; /* points into argv */
		size_t len;
		enum feeling feel;
	} fb[MAX_FEEDBACK];
	int n_fb;
	const char *resume;
	const char *back;
	const char *switch_to;
};

static int parse_feedback(const struct command *self, const char *v, struct plan_args *a)
{
	const char *eq = strrchr(v, '=');
	if (!eq || eq == v)
		return usage_error(self, "--feedback takes EXERCISE=FEELING, e.g. --feedback glute-bridge=easy (got '%s')",
				   v);
	int k = name_index(feeling_names, eq + 1);
	if (k <= 0)
		return usage_error(self, "--feedback %.*s: '%s' is not easy, right, hard or hurt", (int)(eq - v), v,
				   eq + 1);
	if (a->n_fb == MAX_FEEDBACK)
		return usage_error(self, "at most %d --feedback at once", MAX_FEEDBACK);
	a->fb[a->n_fb].exercise = v;
	a->fb[a->n_fb].len = (size_t)(eq - v);
	a->fb[a->n_fb++].feel = (enum feeling)k;
	return -1;
}

static int parse_args(int argc, char **argv, struct plan_args *a)
{
	const struct command *self = command_find("plan");
	static const char *const flags[] = { "--why", "--json", "--ics", NULL };
	static const char *const valued[] = { "-o", "--output", "--feedback", "--pain-during", "--date", "--routine",
					      "--resume", "--back", "--switch", NULL };
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "--why"))
			a->why = true;
		else if (!strcmp(o, "--json"))
			a->json = true;
		else if (!strcmp(o, "--ics"))
			a->ics = true;
		else if (name_index(valued, o) < 0) {
			const char *hint = o[0] == '-' ? did_you_mean(o, valued) : NULL;
			if (!hint && o[0] == '-')
				hint = did_you_mean(o, flags);
			return usage_error(self, "%s '%s'%s%s%s", o[0] == '-' ? "unknown option" : "unexpected argument", o,
					   hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
		} else if (i + 1 >= argc) {
			return usage_error(self, "%s needs a value", o);
		} else {
			const char *v = argv[++i];
			int rc;
			if (!strcmp(o, "-o") || !strcmp(o, "--output"))
				a->out = v;
			else if (!strcmp(o, "--routine"))
				a->routine = v;
			else if (!strcmp(o, "--resume"))
				a->resume = v;
			else if (!strcmp(o, "--back"))
				a->back = v;
			else if (!strcmp(o, "--switch"))
				a->switch_to = v;
			else if (!strcmp(o, "--feedback") && (rc = parse_feedback(self, v, a)) >= 0)
				return rc;
			else if (!strcmp(o, "--pain-during")) {
				char *end;
				long p = strtol(v, &end, 10);
				if (end == v || *end || p < 0 || p > 10)
					return usage_error(self, "--pain-during: '%s' is not a whole number from 0 to 10", v);
				a->pain_during = (int)p;
			} else if (!strcmp(o, "--date")) {
				int d;
				if (cli_date_check(self, "--date", v, days_today(), &d))
					return EXIT_USAGE;
				a->date = v;
			}
		}
	}
	if (a->out && !a->ics)
		return usage_error(self, "-o goes with --ics");
	if ((a->pain_during >= 0 || a->date) && !a->n_fb)
		return usage_error(self, "--pain-during and --date go with --feedback");
	bool change = a->n_fb || a->resume || a->back || a->switch_to;
	if (change + a->ics + a->json > 1 || (!!a->n_fb + !!a->resume + !!a->back + !!a->switch_to) > 1)
		return usage_error(self, "use one of --feedback, --resume, --back, --switch, --ics and --json at a time");
	return -1;
}

/* A reason of the plan as text for a person: its numbers in the user's locale
 * (LC_NUMERIC, which main takes from the environment), "5,5" in German. */
static void print_reason(const char *first, const char *rest, const struct reason *r)
{
	struct strbuf sb = STRBUF_INIT;
	reason_write(r, REASON_LOCALE, &sb);
	print_wrapped(stdout, first, rest, strbuf_str(&sb), WIDTH);
	strbuf_release(&sb);
}

static const char *const wd[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

static void print_today_of(const struct plan *plan, int today, const struct safety_status *ss)
{
	size_t idx[PLAN_MAX_PARTS];
	size_t n = plan_due(plan, today, idx);
	char date[11];
	day_format(today, date);
	const char *what, *fine;
	app_pause_words(ss, &what, &fine);
	if (what) {
		/* not a rest day: exercise is paused, and the app says what is still fine */
		printf("Today, %s %s: exercise is paused, so no session (see why above).\n", wd[day_weekday(today)],
		       date);
		print_wrapped(stdout, "  ", "  ", what, WIDTH);
		print_wrapped(stdout, "  ", "  ", fine, WIDTH);
		return;
	}
	printf("Today, %s %s:%s\n", wd[day_weekday(today)], date, n ? "" : " nothing planned, a rest day.");
	for (size_t i = 0; i < n; i++) {
		const struct plan_part *pt = &plan->parts[idx[i]];
		struct strbuf how = STRBUF_INIT;
		if (pt->all_day)
			strbuf_addstr(&how, "through the workday");
		else if (pt->routine)
			strbuf_addf(&how, "unhunch start %s", pt->routine);
		else
			strbuf_addf(&how, "unhunch show %s", pt->exercise);
		if (pt->add_on)
			strbuf_addstr(&how, " (optional)");
		printf("  %-24s %s\n", pt->title, how.buf);
		strbuf_release(&how);
	}
}

static void print_change(const struct catalog *cat, const struct plan_change_row *c)
{
	struct reason head, why;
	const struct exercise *e = catalog_exercise(cat, c->slot);
	reason_clear(&head);
	reason_addf(&head, "%s %s, %s: ", c->date, e ? e->name : c->slot, c->action);
	plan_change_reason(c->reason, &why); /* stored in C: its numbers read back apart */
	reason_cat(&head, &why);
	print_reason("  ", "      ", &head);
}

/* The dose decisions app_plan_decide() made now. */
static void print_made(const struct catalog *cat, const struct app_plan *v)
{
	if (v->made <= 0)
		return;
	printf("Dose decisions made now:\n");
	for (size_t i = 0; i < v->n_changes; i++)
		if (v->changes[i].id > v->made_after)
			print_change(cat, &v->changes[i]);
}

/* A different exercise offered, by the content and with its reason, in place of one at
 * the top of its own steps: only if the person chooses it (--switch). */
static void print_offers(const struct app_plan *v)
{
	for (size_t k = 0; k < v->n_doses; k++) {
		const struct app_plan_dose *d = &v->doses[k];
		if (!d->offer)
			continue;
		const char *own = d->own ? d->own->name : d->item->exercise;
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s has no harder step of its own left. If you want a change: %s. %s To choose it: "
				 "unhunch plan --switch %s (and unhunch plan --back %s to return).",
			    own, d->offer->name, d->offer->instead_why, d->offer->id, d->item->exercise);
		printf("\n");
		print_wrapped(stdout, "", "  ", sb.buf, WIDTH);
		strbuf_release(&sb);
	}
}

/* Which routine exercises run as a different exercise now, and how each comes back. */
static void print_replaced(const struct app_plan *v)
{
	bool any = false;
	for (size_t k = 0; k < v->n_doses; k++) {
		const struct app_plan_dose *d = &v->doses[k];
		if (!d->replaced)
			continue;
		const char *own = d->own ? d->own->name : d->item->exercise;
		struct strbuf sb = STRBUF_INIT;
		if (!any)
			printf("\nExercises of your routines that run as a different exercise for now:\n");
		any = true;
		strbuf_addf(&sb, "%s: %s instead. ", own, d->runs_as ? d->runs_as->name : d->now.exercise);
		if (d->leads_back)
			strbuf_addstr(&sb, "It is easier, after pain; it goes back step by step after good sessions "
					   "(two that felt easy, settled by the next morning).");
		else
			strbuf_addf(&sb, "To go back to %s: unhunch plan --back %s", own, d->item->exercise);
		print_wrapped(stdout, "  ", "      ", sb.buf, WIDTH);
		strbuf_release(&sb);
	}
	if (!any) {
		printf("\n");
		print_wrapped(stdout, "", "",
			      "No exercise of your routines is replaced: each runs as written, or as a harder or easier "
			      "version of the same exercise (more reps, longer holds, a slower pace, then more weight).",
			      WIDTH);
	}
	print_offers(v);
}

/* The trainer's prescriptions, each version with its note: what the plan starts from. */
static void print_prescriptions(const struct catalog *cat, const struct app_plan *v)
{
	if (!v->n_prescriptions)
		return;
	printf("\nYour trainer's prescriptions (the doses your plan starts from; the newest counts):\n");
	for (size_t i = 0; i < v->n_prescriptions; i++) {
		const struct prescription_row *p = &v->prescriptions[i];
		struct strbuf sb = STRBUF_INIT, shown = STRBUF_INIT;
		strbuf_addf(&sb, "%s ", p->date);
		rx_describe(cat, p->slot, p->exercise_id, p->place, p->reps, p->sets, p->hold_s, p->duration_s, &sb);
		strbuf_addch(&sb, '.');
		if (*p->note)
			strbuf_addf(&sb, " Your trainer's note: %s", text_shown(&shown, p->note));
		print_wrapped(stdout, "  ", "      ", sb.buf, WIDTH);
		strbuf_release(&sb);
		strbuf_release(&shown);
	}
}

/* Every dose change, then the current dose of each item of the routines in the plan,
 * where it moved. */
static void print_doses(const struct catalog *cat, const struct app_plan *v)
{
	print_prescriptions(cat, v);
	printf("\nDose changes, from how the exercises felt and how the pain responded:\n");
	if (!v->n_changes)
		printf("  none yet. After a session, say how each exercise felt, e.g.\n"
		       "    unhunch plan --feedback glute-bridge=easy --pain-during 2\n"
		       "  and check in the next morning. Doses go up after two good sessions and\n"
		       "  down at once when something hurts.\n");
	for (size_t i = 0; i < v->n_changes; i++)
		print_change(cat, &v->changes[i]);
	const struct routine *shown = NULL;
	for (size_t k = 0; k < v->n_doses; k++) {
		const struct app_plan_dose *d = &v->doses[k];
		if (!d->moved)
			continue;
		if (d->routine != shown)
			printf("Doses now in %s:\n", d->routine->name);
		shown = d->routine;
		struct strbuf ds = STRBUF_INIT;
		app_plan_dose_describe(cat, d, &ds);
		if (v->plan.gentle)
			strbuf_addstr(&ds, " (halved while the flare-up lasts)");
		printf("  %s%s%s%s\n", d->runs_as ? d->runs_as->name : d->now.exercise, ds.len ? ": " : "",
		       strbuf_str(&ds),
		       d->now.paused ? " (paused: check with a physiotherapist; then unhunch plan --resume)" : "");
		strbuf_release(&ds);
	}
	print_replaced(v);
}

/* Massage: where the plan holds it, why (with --why), and this week's from check-ins
 * (shown while exercise is paused too). */
static void print_massage(const struct app_plan *v, bool why)
{
	struct strbuf sb = STRBUF_INIT;
	plan_massage_advice(&v->plan, &sb);
	/* the advice while the plan holds exercise; the massages recorded always */
	if (sb.len && why)
		print_wrapped(stdout, "", "", sb.buf, WIDTH);
	else if (sb.len)
		printf("Massage: self-massage in the front release; a professional one is an option (--why).\n");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "Professional massage in the last 7 days: ");
	for (size_t i = 0; i < v->n_massage_days; i++) {
		char s[11];
		day_format(v->massage_days[i], s);
		strbuf_addf(&sb, "%s%s", i ? ", " : "", s);
	}
	strbuf_addstr(&sb, v->n_massage_days ? " (from your check-ins)." : "none recorded (unhunch checkin --massage).");
	print_wrapped(stdout, "", "", sb.buf, WIDTH);
	printf("\n");
	strbuf_release(&sb);
}

static void print_text(const struct catalog *cat, const struct app_plan *v, bool why)
{
	const struct plan *p = &v->plan;
	char date[11];
	if (p->assessed) {
		day_format(p->assessed_day, date);
		printf("Your plan, from your assessment of %s%s\n\n", date, p->gentle ? ": gentle for now" : "");
	} else {
		printf("Your plan%s\n\n", p->gentle ? ": gentle for now" : "");
	}
	if (!reason_empty(&p->note)) {
		print_reason("", "", &p->note);
		if (!p->allowed && v->safety.s.advice)
			print_wrapped(stdout, "", "", v->safety.s.advice, WIDTH);
		printf("\n");
	}
	for (size_t i = 0; i < p->n_parts; i++) {
		const struct plan_part *pt = &p->parts[i];
		struct strbuf days = STRBUF_INIT, len = STRBUF_INIT;
		plan_days_describe(pt->days, p->work_days, &days);
		if (pt->all_day)
			strbuf_addstr(&len, "through the workday");
		else if (pt->minutes)
			strbuf_addf(&len, "about %d min", pt->minutes);
		if (pt->add_on)
			strbuf_addstr(&len, ", optional");
		printf("  %-24s %-26s %s\n", pt->title, days.buf, len.buf);
		if (why)
			print_wrapped(stdout, "      ", "      ", pt->why, WIDTH);
		strbuf_release(&days);
		strbuf_release(&len);
	}
	if (p->n_parts)
		printf("\n");
	print_massage(v, why);
	print_today_of(p, v->today, &v->safety.s);
	if (!why)
		return;
	if (p->assessed) {
		const struct profile *pr = &v->profiles[v->n_profiles - 1];
		printf("\nWhat your assessment found:\n");
		for (int f = 0; f < F__COUNT; f++) {
			struct reason line;
			reason_clear(&line);
			reason_addf(&line, "%s, %s: ", factor_titles[f], strength_names[pr->f[f].strength]);
			reason_cat(&line, &pr->f[f].reason);
			print_reason("  ", "      ", &line);
		}
	}
	print_doses(cat, v);
}

static int write_ics(const struct app_plan *v, int64_t now, const char *out)
{
	struct strbuf sb = STRBUF_INIT;
	plan_ics(&v->plan, v->today, ICS_DAYS, now, &sb);
	int rc = EXIT_OK;
	if (!out || !strcmp(out, "-")) {
		if (fwrite(sb.buf, 1, sb.len, stdout) != sb.len || fflush(stdout)) {
			fprintf(stderr, "unhunch plan: cannot write the calendar: %s\n", strerror(errno));
			rc = EXIT_PROBLEM;
		}
	} else {
		struct strbuf err = STRBUF_INIT;
		if (outfile_write(out, sb.buf, sb.len, &err)) {
			fprintf(stderr, "unhunch plan: %s\n", err.buf);
			rc = EXIT_PROBLEM;
		} else {
			size_t events = 0;
			for (const char *s = sb.buf; (s = strstr(s, "BEGIN:VEVENT")); s++)
				events++;
			printf("Wrote %zu planned sessions for the next 4 weeks to %s.\n", events, out);
			if (v->plan.gentle)
				printf("The plan is gentle for now (a flare-up); export again once it has settled.\n");
		}
		strbuf_release(&err);
	}
	strbuf_release(&sb);
	return rc;
}

static int record_feedback(const struct app_ctx *app, const struct plan_args *a, int today)
{
	struct strbuf err = STRBUF_INIT;
	int day = today;
	if (a->date)
		day_parse(a->date, &day);
	struct app_feedback fb[MAX_FEEDBACK];
	for (int i = 0; i < a->n_fb; i++)
		fb[i] = (struct app_feedback){ xstrndup(a->fb[i].exercise, a->fb[i].len), a->fb[i].feel };
	size_t saved;
	int rc = app_plan_feedback(app, a->routine ? a->routine : DEFAULT_ROUTINE, fb, (size_t)a->n_fb, a->pain_during,
				   day, &saved, &err);
	for (int i = 0; i < a->n_fb; i++)
		free((char *)fb[i].exercise);
	if (rc) {
		fprintf(stderr, "unhunch plan: %s%s\n", strbuf_str(&err),
			saved ? " (the feedback before it was saved)" : "; nothing was saved");
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	char d[11];
	day_format(day, d);
	printf("Saved how %d exercise%s felt on %s. Doses go up only once the next morning's\n"
	       "check-in is in; they come down at once when something hurt.\n", a->n_fb, a->n_fb == 1 ? "" : "s", d);
	strbuf_release(&err);
	return EXIT_OK;
}

int cmd_plan(int argc, char **argv)
{
	struct plan_args a;
	memset(&a, 0, sizeof(a));
	a.pain_during = -1;
	int rc = parse_args(argc, argv, &a);
	if (rc >= 0)
		return rc;
	const char *routine = a.routine ? a.routine : DEFAULT_ROUTINE;
	bool change = a.n_fb || a.resume || a.back || a.switch_to;
	struct catalog base, cat;
	struct store *st = NULL;
	struct app_plan v;
	memset(&v, 0, sizeof(v));
	struct strbuf err = STRBUF_INIT;
	catalog_init(&base);
	rc = EXIT_PROBLEM;
	content_load_all(&base);
	cat = base;
	if (!catalog_routine(&cat, routine)) {
		fprintf(stderr, "unhunch plan: no routine '%s'. Run 'unhunch routines' for the list.\n", routine);
		goto out;
	}
	char *path = store_path();
	int opened = store_open(&st, path, &err);
	free(path);
	/* the person's routines: with the steps their trainer added */
	if (opened || app_person_content(st, &base, &cat, &err))
		goto fail;
	struct app_ctx app = { st, &cat, cli_clock.now_ms, cli_clock.tz };
	if (app_plan_load(&app, &v, &err))
		goto fail;
	if (a.n_fb) {
		rc = record_feedback(&app, &a, v.today);
		if (rc != EXIT_OK)
			goto out;
	} else if (a.resume) {
		struct app_gate_result g;
		int r = app_plan_resume(&app, routine, a.resume, &g, &err);
		if (r < 0)
			goto fail;
		if (r == 2) { /* the gate said no */
			struct cli_ctx cx = { "plan", { 0 }, { 0 }, st, app, "" };
			cli_emergency(cx.emergency, sizeof(cx.emergency));
			cli_gate_refusal(&cx, &g, stderr);
			rc = EXIT_PROBLEM;
			goto out;
		}
		printf(r ? "%s is not paused.\n" : "%s is back in the routine, at the dose it had.\n", a.resume);
	} else if (a.back) {
		int r = app_plan_back(&app, routine, a.back, &err);
		if (r < 0)
			goto fail;
		if (r == 1)
			printf("%s runs as itself already: nothing to go back to.\n", a.back);
		else if (r == 2)
			printf("%s runs as an easier exercise after pain; it comes back step by step after good "
			       "sessions.\n", a.back);
		else
			printf("%s is back in the routine as itself, at its starting dose.\n", a.back);
	} else if (a.switch_to) {
		struct strbuf no = STRBUF_INIT;
		int r = app_plan_switch(&app, routine, a.switch_to, &no, &err);
		if (r > 0) {
			fprintf(stderr, r == 1 ? "unhunch plan: not switched: %s.\n" : "unhunch plan: %s\n", no.buf);
			strbuf_release(&no);
			goto out;
		}
		strbuf_release(&no);
		if (r < 0)
			goto fail;
		const struct exercise *e = catalog_exercise(&cat, a.switch_to), *own = catalog_exercise(&cat, e->instead_of);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s runs in place of %s from now on, at its starting dose. To go back: unhunch plan "
				 "--back %s", e->name, own ? own->name : e->instead_of, e->instead_of);
		print_wrapped(stdout, "", "", sb.buf, WIDTH);
		strbuf_release(&sb);
	}
	if (app_plan_decide(&app, &v, &err))
		goto fail;
	rc = EXIT_OK;
	if (change) {
		print_made(&cat, &v);
	} else if (a.ics) {
		rc = write_ics(&v, app.now_ms, a.out);
	} else if (a.json) {
		struct strbuf js = STRBUF_INIT;
		format_plan_json(&cat, &v, &js);
		printf("%s\n", js.buf);
		strbuf_release(&js);
	} else {
		print_text(&cat, &v, a.why);
	}
	goto out;
fail:
	fprintf(stderr, "unhunch plan: %s\n", strbuf_str(&err));
	rc = EXIT_PROBLEM;
out:
	app_plan_release(&v);
	store_close(st);
	app_person_content_release(&cat, &base);
	catalog_free(&base);
	strbuf_release(&err);
	return rc;
}

/* Content and store for the today functions, and the day worked out (app/today.h);
 * what failed is said when loud. */
static int today_open(struct cli_ctx *x, struct app_today *t, bool loud)
{
	memset(t, 0, sizeof(*t));
	memset(x, 0, sizeof(*x));
	x->cmd = "today";
	catalog_init(&x->base);
	content_load_all(&x->base);
	x->cat = x->base;
	struct strbuf err = STRBUF_INIT;
	char *path = store_path();
	/* read only: the today screen writes nothing (app_today_load only reads), so it
	 * skips the quick_check of every page an opening for writing runs; a store of an
	 * older schema is still upgraded, and a missing one reads as empty */
	int rc = store_open_readonly(&x->st, path, &err);
	free(path);
	if (!rc) /* the person's routines: with the steps their trainer added */
		rc = app_person_content(x->st, &x->base, &x->cat, &err);
	x->app = (struct app_ctx){ x->st, &x->cat, cli_clock.now_ms, cli_clock.tz };
	if (!rc)
		rc = app_today_load(&x->app, t, &err);
	if (rc && loud)
		fprintf(stderr, "unhunch: %s\n", strbuf_str(&err));
	strbuf_release(&err);
	return rc;
}

int today_routine(char *out, size_t size)
{
	struct cli_ctx x;
	struct app_today t;
	int rc = -1;
	if (!today_open(&x, &t, false) && t.next_routine) {
		snprintf(out, size, "%s", t.next_routine);
		rc = 0;
	}
	app_today_release(&t);
	cli_ctx_close(&x);
	return rc;
}

/* The break coach's day in one line, or how to start it when it has not run this week. */
static void print_breaks(const struct app_today *t)
{
	if (!t->breaks_ok)
		return;
	const struct break_counts *c = &t->breaks;
	int done = 0, natural = 0, skipped = 0, week = 0;
	for (int k = 0; k < BRK__COUNT; k++) {
		done += c->today[k][BEV_TAKEN];
		natural += c->today[k][BEV_NATURAL];
		skipped += c->today[k][BEV_SKIPPED];
		for (int e = 0; e < BEV__COUNT; e++)
			week += c->week[k][e];
	}
	if (done + natural + skipped)
		printf("Breaks today: %d taken, %d away from the desk, %d skipped (unhunch breaks stats)\n", done,
		       natural, skipped);
	else if (!week)
		printf("Break reminders through the workday: unhunch breaks (or unhunch breaks install)\n");
}

/* The exercises the plan has paused, and how each comes back. */
static void print_paused(const struct app_today *t)
{
	for (size_t i = 0; i < t->n_paused; i++) {
		const struct today_paused *p = &t->paused[i];
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "Paused in %s: %s. Check with a physiotherapist; then unhunch plan --resume %s",
			    p->routine_name, p->name, p->exercise);
		print_wrapped(stdout, "", "  ", sb.buf, WIDTH);
		strbuf_release(&sb);
	}
}

/* The safety part of the today screen: the first-run notice, a pause and who to see,
 * the screen due, a check-in owed after a session that raised the pain, and the course
 * of the pain when it calls for a clinician. */
static void today_safety(struct cli_ctx *cx, const struct app_today *t)
{
	const struct safety_status *ss = &t->safety.s;
	cli_emergency(cx->emergency, sizeof(cx->emergency));
	if (!ss->screened) /* what the questions are for is said once, on the day's line */
		printf("unhunch is a self-care coach, not a diagnosis or a treatment.\n");
	if (ss->screened && !ss->allowed && ss->advice)
		print_safety(stdout, "Exercise is paused: ", "  ", ss->advice, cx);
	else if (t->gate_asked)
		print_safety(stdout, "Exercise waits: ", "  ", t->gate.reason, cx);
	if (t->checkin_owed)
		printf("Your pain went up after your last session: please check in this morning (unhunch checkin).\n");
	/* the course of the pain is in the plan's note, printed below */
}

int today_screen(void)
{
	struct cli_ctx x;
	struct app_today t;
	int rc = EXIT_PROBLEM;
	if (today_open(&x, &t, true))
		goto out;
	printf("unhunch: a coach for upper back, neck and shoulder pain from desk work\n\n");
	today_safety(&x, &t);
	if (!reason_empty(&t.plan.note))
		print_reason("", "", &t.plan.note);
	if (t.day == DAY_WAITS_SCREEN) {
		char date[11];
		day_format(t.today, date);
		printf("Today, %s %s:\n", wd[day_weekday(t.today)], date);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s Answer them with: unhunch screen", t.day_text);
		print_wrapped(stdout, "  ", "  ", sb.buf, WIDTH);
		strbuf_release(&sb);
	} else {
		print_today_of(&t.plan, t.today, &t.safety.s);
	}
	print_paused(&t);
	/* one line per routine: finished when any session of it was; attempts quit before
	 * any exercise was done are not sessions */
	for (size_t k = 0; k < t.n_done; k++)
		printf("%s  %s: %s\n", k ? "" : "Done today:\n", t.done[k].name,
		       t.done[k].finished ? "finished" : "started, not finished");
	if (t.next_routine && t.day != DAY_WAITS_SCREEN)
		printf("Next: unhunch start %s\n", t.next_routine);
	print_breaks(&t);
	if (t.last_day < 0) {
		printf("No check-in yet: unhunch checkin\n");
	} else {
		char d[11];
		day_format(t.last_day, d);
		printf("Last check-in: %s, pain %.1f\n", d, t.last_pain);
		if (t.today - t.last_day >= 3)
			printf("No check-in for %d days: a quick one helps you see what works (unhunch checkin).\n",
			       t.today - t.last_day);
	}
	printf("\nAll commands: unhunch help\n");
	rc = EXIT_OK;
out:
	app_today_release(&t);
	cli_ctx_close(&x);
	return rc;
}
