/* cmd-start.c: `unhunch start [ROUTINE]`: a guided session, saved as it goes, resumable. */
#include "cli.h"
#include "core/mem.h"
#include "core/session.h"
#include "core/strbuf.h"
#include "days.h"
#include "plan-data.h"
#include "store/store.h"
#include "tui/player.h"
#include "voice/voice.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct start_args {
	const char *routine;
	bool plain, voice, resume, fresh;
	enum pacing pace;
	int pain;
	const char *speak_to, *cue_log;
};

static int parse_args(int argc, char **argv, struct start_args *a)
{
	const struct command *self = command_find("start");
	memset(a, 0, sizeof(*a));
	a->voice = true;
	a->pain = -1;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(o, "--plain"))
			a->plain = true;
		else if (!strcmp(o, "--no-voice"))
			a->voice = false;
		else if (!strcmp(o, "--resume"))
			a->resume = true;
		else if (!strcmp(o, "--fresh"))
			a->fresh = true;
		else if (!strcmp(o, "--pace") || !strcmp(o, "--pain") || !strcmp(o, "--speak-to") || !strcmp(o, "--cue-log")) {
			if (!val)
				return usage_error(self, "%s needs a value", o);
			i++;
			if (!strcmp(o, "--pace")) {
				if (!strcmp(val, "timed"))
					a->pace = PACE_TIMED;
				else if (!strcmp(val, "self"))
					a->pace = PACE_SELF;
				else if (!strcmp(val, "content"))
					a->pace = PACE_DEFAULT;
				else
					return usage_error(self, "--pace must be timed, self or content, not '%s'", val);
			} else if (!strcmp(o, "--pain")) {
				char *end;
				long v = strtol(val, &end, 10);
				if (end == val || *end || v < 0 || v > 10)
					return usage_error(self, "--pain must be a whole number from 0 to 10, not '%s'", val);
				a->pain = (int)v;
			} else if (!strcmp(o, "--speak-to")) {
				a->speak_to = val;
			} else {
				a->cue_log = val;
			}
		} else if (o[0] == '-' && o[1]) {
			return usage_error(self, "unknown option '%s'", o);
		} else if (a->routine) {
			return usage_error(self, "one routine at a time, please");
		} else {
			a->routine = o;
		}
	}
	if (a->resume && a->fresh)
		return usage_error(self, "--resume and --fresh contradict each other");
	return -1;
}

struct sink {
	struct store *st;
	const struct catalog *c;
	const char *routine;
	int64_t session;
	int errors;
	int max_pain;       /* highest pain reported during the session; -1 none */
	bool warning;       /* a warning sign came up */
};

/* Persist one effect at once, in its own transaction. */
static int persist(const struct effect *f, void *ctx)
{
	struct sink *k = ctx;
	struct strbuf err = STRBUF_INIT;
	int rc = 0;
	int64_t now = wall_ms();
	if (f->kind == FX_SET_DONE) {
		struct set_row r = { f->item, (char *)f->exercise_id, f->set_no, (char *)f->side,
				     f->reps_target, f->reps_done, f->duration_ms, now };
		rc = k->st->ops->set_add(k->st, k->session, &r, &err);
	} else if (f->kind == FX_EXERCISE_END) {
		struct exercise_row r = { f->item, (char *)f->exercise_id, (enum exercise_status)f->status,
					  f->reps_done, f->duration_ms, now };
		rc = k->st->ops->exercise_add(k->st, k->session, &r, &err);
	} else if (f->kind == FX_PAIN) {
		struct pain_row r = { f->item, (char *)f->exercise_id, f->score, (char *)f->text, now };
		rc = k->st->ops->pain_add(k->st, k->session, &r, &err);
		if (f->score == -1) {
			screen_record_warning(k->st, k->c); /* at once: a crash must not lose it */
			k->warning = true;
		}
		if (f->score > k->max_pain)
			k->max_pain = f->score;
	}
	/* how it felt, for the plan: the answer, or hurt when pain or a warning sign stopped it */
	int how = f->kind == FX_FEEL ? f->status : f->kind == FX_EXERCISE_END && f->status == 2 ? FEEL_HURT : 0;
	if (!rc && how > 0 &&
	    plan_feedback_record(k->st, k->c, k->routine, f->exercise_id, (enum feeling)how, k->max_pain, k->warning,
				 days_today(), k->session, now, &err)) {
		/* an exercise the plan does not follow (e.g. an easier one offered after pain) */
		strbuf_reset(&err);
	}
	if (rc) {
		k->errors++;
		fprintf(stderr, "unhunch: could not save: %s\n", strbuf_str(&err));
	}
	strbuf_release(&err);
	return rc ? -1 : 0;
}

/* Where to pick up a session that was stopped: the first exercise not yet recorded,
 * and how many of its sets are. */
static int resume_point(struct store *st, int64_t id, int *item, int *units, struct strbuf *err)
{
	struct exercise_row *ex = NULL;
	struct set_row *sets = NULL;
	size_t nex = 0, nsets = 0;
	if (st->ops->exercises_of(st, id, &ex, &nex, err) || st->ops->sets_of(st, id, &sets, &nsets, err)) {
		store_exercises_free(ex, nex);
		return -1;
	}
	*item = 0;
	for (size_t i = 0; i < nex; i++)
		if (ex[i].item + 1 > *item)
			*item = ex[i].item + 1;
	*units = 0;
	for (size_t i = 0; i < nsets; i++)
		*units += sets[i].item == *item;
	store_exercises_free(ex, nex);
	store_sets_free(sets, nsets);
	return 0;
}

static const char *item_name(const struct catalog *c, const struct routine *r, int item)
{
	if (item < 0 || (size_t)item >= r->n_items)
		return "the end";
	const struct exercise *e = catalog_exercise(c, r->items[item].exercise);
	return e ? e->name : r->items[item].exercise;
}

/* Offer to resume the newest unfinished session; fills id and the engine options. */
static int offer_resume(const struct start_args *a, struct store *st, const struct catalog *c,
			const char **routine_id, struct engine_opts *opt, int64_t *id, struct strbuf *err)
{
	struct session_row old;
	bool found = false;
	memset(&old, 0, sizeof(old));
	if (st->ops->session_unfinished(st, &old, &found, err))
		return -1;
	if (!found)
		return 0;
	const struct routine *r = catalog_routine(c, old.routine_id);
	bool same = r && (!a->routine || !strcmp(a->routine, old.routine_id));
	int item = 0, units = 0;
	if (same && resume_point(st, old.id, &item, &units, err)) {
		session_row_release(&old);
		return -1;
	}
	bool resume = false;
	if (same && !a->fresh) {
		struct strbuf q = STRBUF_INIT;
		strbuf_addf(&q, "Your last session of %s stopped at exercise %d of %zu (%s). Resume there? [Y/n] ",
			    r->name, item + 1, r->n_items, item_name(c, r, item));
		resume = a->resume || ask_yes(q.buf, true);
		strbuf_release(&q);
	}
	if (resume) {
		*id = old.id;
		*routine_id = r->id;
		opt->resume_item = item;
		opt->resume_units = units;
		opt->pain_before = old.pain_before;
	} else if (st->ops->session_end(st, old.id, SESSION_STOPPED, -1, wall_ms(), err)) {
		/* declined: it stays in the history as stopped and is not offered again */
		session_row_release(&old);
		return -1;
	}
	session_row_release(&old);
	return 0;
}

static void summary(struct store *st, int64_t id, bool finished)
{
	struct exercise_row *ex = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	if (st->ops->exercises_of(st, id, &ex, &n, &err) == 0) {
		int done = 0, skipped = 0, stopped = 0;
		for (size_t i = 0; i < n; i++) {
			done += ex[i].status == EX_DONE;
			skipped += ex[i].status == EX_SKIPPED;
			stopped += ex[i].status == EX_STOPPED;
		}
		printf("Saved: %d exercise%s done, %d skipped, %d stopped for pain.\n", done, done == 1 ? "" : "s",
		       skipped, stopped);
		if (!finished)
			printf("Run 'unhunch start' to resume where you left off.\n");
	}
	store_exercises_free(ex, n);
	strbuf_release(&err);
}

int cmd_start(int argc, char **argv)
{
	struct start_args a;
	int rc = parse_args(argc, argv, &a);
	if (rc >= 0)
		return rc;
	struct catalog c;
	catalog_init(&c);
	content_load_all(&c);
	struct store *st = NULL;
	struct strbuf err = STRBUF_INIT;
	struct voice v = { VOICE_OFF, -1, -1 };
	struct engine e;
	bool engine_ready = false;
	FILE *cue_log = NULL;
	struct dose_state *doses = NULL;
	rc = EXIT_PROBLEM;

	/* no routine named: what the plan has due today, else the activation routine */
	char due[128];
	const char *rid = a.routine ? a.routine : today_routine(due, sizeof(due)) == 0 ? due : DEFAULT_ROUTINE;
	if (!catalog_routine(&c, rid)) {
		fprintf(stderr, "unhunch start: no routine '%s'. Run 'unhunch routines' for the list.\n", rid);
		goto out;
	}
	char *path = store_path();
	if (store_open(&st, path, &err)) {
		fprintf(stderr, "unhunch start: %s\n", strbuf_str(&err));
		free(path);
		goto out;
	}
	free(path);

	struct engine_opts opt = { a.pace, -1, 0, 0, false, NULL, false, true };
	int64_t id = 0;
	if ((rc = screen_before_start(st, &c, &opt.neck_clear)) != 0)
		goto out;
	rc = EXIT_PROBLEM;
	if (offer_resume(&a, st, &c, &rid, &opt, &id, &err)) {
		fprintf(stderr, "unhunch start: %s\n", strbuf_str(&err));
		goto out;
	}
	const struct routine *r = catalog_routine(&c, rid);
	if (!id) {
		opt.pain_before = a.pain >= 0 ? a.pain : ask_score("Before you start: how much does it hurt right now, "
								   "0 to 10? (enter to skip) ");
		if (opt.pain_before == -2) {
			fprintf(stderr, "unhunch start: the pain score must be a whole number from 0 to 10\n");
			goto out;
		}
		if (opt.pain_before >= 8)
			printf("That is a lot of pain. Go very gently today; the release or breathing routine may suit "
			       "you better. If pain stays this high, see a doctor or physiotherapist.\n");
		struct session_row row = { 0, (char *)r->id, wall_ms(), 0, SESSION_RUNNING, opt.pain_before, -1,
					   (char *)(a.pace == PACE_TIMED ? "timed" : a.pace == PACE_SELF ? "self" : "content"),
					   0, 0, 0 };
		if (st->ops->session_begin(st, &row, &err)) {
			fprintf(stderr, "unhunch start: %s\n", strbuf_str(&err));
			goto out;
		}
		id = row.id;
	} else if (st->ops->session_end(st, id, SESSION_RUNNING, -1, 0, &err)) {
		fprintf(stderr, "unhunch start: %s\n", strbuf_str(&err));
		goto out;
	}
	if (a.cue_log && !(cue_log = fopen(a.cue_log, "w"))) {
		fprintf(stderr, "unhunch start: cannot write %s\n", a.cue_log);
		goto out;
	}

	/* the plan's doses (moved up or down by feedback) and the gentle plan of a flare-up */
	doses = xcalloc(r->n_items + 1, sizeof(*doses));
	if (plan_doses(st, &c, r, doses, &err) == 0)
		opt.doses = doses;
	else
		fprintf(stderr, "unhunch start: the plan's doses could not be read (%s); the routine's are used\n",
			strbuf_str(&err));
	strbuf_reset(&err);
	struct day *days = NULL;
	size_t ndays = 0;
	if (days_load(st, &days, &ndays, &err) == 0 && plan_flare(days, ndays, days_today()).active) {
		opt.halved = true;
		printf("You are in a flare-up: today's doses are halved. Go gently.\n");
	}
	free(days);
	strbuf_reset(&err);
	char notice[200];
	voice_start(&v, a.voice, a.speak_to, notice, sizeof(notice));
	if (engine_init(&e, &c, r, &opt, player_now_ms())) {
		fprintf(stderr, "unhunch start: routine '%s' uses an exercise that is missing\n", r->id);
		goto out;
	}
	engine_ready = true;
	struct sink sink = { st, &c, r->id, id, 0, -1, false };
	const char *no_color = getenv("NO_COLOR");
	bool plain = a.plain || !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO);
	struct player_opts po = { plain, !(no_color && *no_color), r->name, notice[0] ? notice : NULL,
				  &v, cue_log, persist, &sink };
	int result = player_run(&e, &po);
	if (result < 0) {
		fprintf(stderr, "unhunch start: terminal error\n");
		goto out;
	}
	bool finished = result == 0;
	voice_stop(&v);
	if (e.warning_sign)
		printf("Because of the warning sign, the next session waits until you have seen a doctor or a "
		       "physiotherapist (then: unhunch screen --clearance \"...\"), or answer the safety questions "
		       "again with 'unhunch screen' once it has fully passed.\n");
	int after = -1;
	if (finished) {
		after = ask_score("And now, after the session: how much does it hurt, 0 to 10? (enter to skip) ");
		if (after < -1)
			after = -1;
	}
	if (st->ops->session_end(st, id, finished ? SESSION_FINISHED : SESSION_QUIT, after, wall_ms(), &err)) {
		fprintf(stderr, "unhunch start: %s\n", strbuf_str(&err));
		goto out;
	}
	summary(st, id, finished);
	rc = sink.errors ? EXIT_PROBLEM : EXIT_OK;
out:
	voice_stop(&v);
	free(doses);
	if (engine_ready)
		engine_release(&e);
	if (cue_log)
		fclose(cue_log);
	store_close(st);
	strbuf_release(&err);
	catalog_free(&c);
	return rc;
}
