/* cmd-start.c: `unhunch start [ROUTINE]`: a guided session, saved as it goes, resumable.
 * Every way in (with or without a routine, a resume) asks the gate (app/gate.h) first;
 * the dose and pain rules run in app/session.c and the engine. */
#include "cli.h"
#include "context.h"
#include "app/plan-data.h"
#include "app/safety.h"
#include "app/session.h"
#include "app/record.h"
#include "app/session-log.h"
#include "app/session-start.h"
#include "app/web-session.h"
#include "core/mem.h"
#include "core/session.h"
#include "core/strbuf.h"
#include "days.h"
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
	struct cli_ctx *x;
	struct app_session_log log; /* each effect saved at once (app/session-log.h) */
};

/* Persist one effect at once, in its own transaction; a step the store refuses is kept
 * by the log's recorder and tried again, and reported unsaved (-1) until it is saved. */
static int persist(const struct effect *f, void *ctx)
{
	struct sink *k = ctx;
	cli_ctx_tick(k->x);
	return app_session_log_effect(&k->x->app, &k->log, f, days_today());
}

/* For the player: how many steps are not saved yet, and the store's reason. */
static size_t unsaved(void *ctx, const char **why)
{
	struct sink *k = ctx;
	*why = recorder_why(&k->log.rec);
	return recorder_unsaved(&k->log.rec);
}

/* The last tries at the end of a session: whatever is still unsaved is said so, never
 * called saved; a warning sign is kept in a file so no session starts before it is
 * saved. Returns 0 when everything is saved. */
static int save_the_rest(struct sink *k)
{
	for (int tries = 0; recorder_unsaved(&k->log.rec) && tries < 2; tries++) {
		if (tries)
			sleep(1);
		recorder_flush(&k->log.rec, wall_ms());
	}
	size_t n = recorder_unsaved(&k->log.rec);
	if (!n)
		return 0;
	fprintf(stderr, "unhunch start: NOT saved: %zu step%s of this session (%s).\n", n, n == 1 ? "" : "s",
		recorder_why(&k->log.rec));
	if (recorder_warning_unsaved(&k->log.rec)) {
		struct strbuf err = STRBUF_INIT;
		for (size_t i = 0; i < k->log.rec.n; i++)
			if (k->log.rec.q[i].kind == RECORD_WARNING && warning_file_keep(&k->log.rec.q[i].u.warning, &err))
				fprintf(stderr, "unhunch start: the warning sign could not be kept either (%s). Do not "
						"exercise again before you have seen a doctor or a physiotherapist.\n",
					strbuf_str(&err));
		strbuf_release(&err);
		fprintf(stderr, "The warning sign is kept aside: no session starts until it is saved.\n");
	}
	return -1;
}

static const char *item_name(const struct catalog *c, const struct routine *r, int item)
{
	if (item < 0 || (size_t)item >= r->n_items)
		return "the end";
	const struct exercise *e = catalog_exercise(c, r->items[item].exercise);
	return e ? e->name : r->items[item].exercise;
}

/* Offer to resume the newest unfinished session; fills id and the engine options. A
 * session ended for safety is never offered (app_session_unfinished()), nor one begun in
 * the web player: while it runs there, no start here unless a fresh one is asked for
 * (returns 1, said on stderr); one left there is ended as stopped, said so. A session
 * asked to resume (--resume) that had every exercise recorded is closed as finished and
 * nothing new starts (returns 2). */
static int offer_resume(const struct start_args *a, const struct app_ctx *app, const char **routine_id,
			struct engine_opts *opt, int64_t *id, struct strbuf *err)
{
	struct app_unfinished u;
	if (app_session_unfinished(app, &u, err))
		return -1;
	if (u.stopped && (u.found || u.closed))
		printf("Your last session ended because of %s, so it cannot be resumed; a new one starts.\n",
		       u.stopped == 1 ? "a warning sign" : "pain of 8 or more");
	if (u.closed && a->resume && !u.stopped) {
		printf("Your last session of %s had every exercise done, so it is saved as finished: there is "
		       "nothing left to resume.\n", u.routine ? u.routine->name : "a routine");
		return 2;
	}
	if (!u.found)
		return 0;
	const struct routine *r = u.routine;
	if (u.web) {
		const char *name = r ? r->name : "a routine";
		if (u.in_browser && !a->fresh) {
			int sod = tz_seconds_of_day(app->tz, u.last_ms);
			fprintf(stderr, "unhunch start: your session of %s is running in the browser (its last step at "
					"%02d:%02d). Finish it there, or run 'unhunch start --fresh' to end it and start a "
					"new one here.\n", name, sod / 3600, sod / 60 % 60);
			return 1;
		}
		printf("Your session of %s in the browser was not finished: it stays in your history as stopped, and "
		       "a new one starts here.\n", name);
		return app_sessions_retire(app, 0, app->now_ms + 1, NULL, err) ? -1 : 0;
	}
	bool same = r && !u.stopped && (!a->routine || !strcmp(a->routine, r->id));
	bool resume = false;
	if (same && !a->fresh) {
		struct strbuf q = STRBUF_INIT;
		strbuf_addf(&q, "Your last session of %s stopped at exercise %d of %zu (%s). Resume there? [Y/n] ",
			    r->name, u.item + 1, r->n_items, item_name(app->content, r, u.item));
		resume = a->resume || ask_yes(q.buf, true);
		strbuf_release(&q);
	}
	if (!resume) /* declined: it stays in the history as stopped and is not offered again */
		return app_session_decline(app, u.id, err) ? -1 : 0;
	*id = u.id;
	*routine_id = r->id;
	opt->resume_item = u.item;
	opt->resume_units = u.units;
	opt->pain_before = u.pain_before;
	return 0;
}

static void summary(const struct app_ctx *app, int64_t id, bool resumable)
{
	struct app_session_tally n;
	struct strbuf err = STRBUF_INIT;
	if (app_session_tally(app, id, &n, &err) == 0) {
		printf("Saved: %d exercise%s done, %d skipped, %d stopped for pain", n.done, n.done == 1 ? "" : "s",
		       n.skipped, n.for_pain);
		if (n.for_warning)
			printf(", %d stopped for a warning sign", n.for_warning);
		printf(".\n");
		if (resumable)
			printf("Run 'unhunch start' to resume where you left off.\n");
	}
	strbuf_release(&err);
}

/* Ask the gate for entry with rid and pain; when only a gentle routine is allowed and
 * none was named, switch to the gate's gentle alternative (said so) and ask again.
 * Prints the refusal. Returns 0 when allowed, else the exit code. */
static int gate_for(struct cli_ctx *x, enum gate_entry entry, const char **rid, int pain, bool named,
		    struct app_gate_result *g)
{
	for (int round = 0; round < 3; round++) {
		struct app_gate_request rq = { entry, *rid, NULL, NULL, pain };
		int rc = cli_gate(x, &rq, g);
		if (rc)
			return rc;
		if (g->v.allowed)
			return 0;
		if (g->v.why != GATE_GENTLE_ONLY || named || !g->v.alternative)
			break;
		const struct routine *alt = catalog_routine(&x->cat, g->v.alternative);
		print_safety(stdout, "", "", g->v.reason, x);
		printf("Starting %s instead.\n", alt ? alt->name : g->v.alternative);
		*rid = g->v.alternative;
	}
	cli_gate_refusal(x, g, stderr);
	return EXIT_PROBLEM;
}

/* What the plan says before the session: exercises it has paused, decisions just made,
 * the gentle way and why, and when to see someone. */
static void before_words(const struct cli_ctx *x, const struct app_gate_result *g, const struct app_session_ready *rd)
{
	for (size_t i = 0; i < rd->n_paused; i++)
		printf("%s is paused: check with a physiotherapist; then unhunch plan --resume %s\n", rd->paused[i]->name,
		       rd->paused[i]->id);
	if (rd->decided > 0)
		printf("%d dose decision%s made now from your last sessions and check-ins (unhunch plan --why).\n",
		       rd->decided, rd->decided == 1 ? "" : "s");
	if (g->v.gentle) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "Today's session runs the gentle way because of %s: half doses, and no neck stretches or "
				 "head-over-the-edge work. Go gently.", g->v.gentle_why);
		print_safety(stdout, "", "", sb.buf, x);
		strbuf_release(&sb);
	}
	if (g->v.see_someone) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "Your pain has been 2 or more points above your usual for %d days in a row: if it does "
				 "not ease, see a physiotherapist or a doctor.", g->safety.s.flare.high_days);
		print_safety(stdout, "", "", sb.buf, x);
		strbuf_release(&sb);
	}
}

int cmd_start(int argc, char **argv)
{
	struct start_args a;
	int rc = parse_args(argc, argv, &a);
	if (rc >= 0)
		return rc;
	struct cli_ctx x;
	struct strbuf err = STRBUF_INIT;
	struct voice v = { VOICE_OFF, -1, -1 };
	struct engine e;
	bool engine_ready = false;
	FILE *cue_log = NULL;
	struct app_session_ready ready;
	memset(&ready, 0, sizeof(ready));
	bool locked = false, sink_ready = false;
	struct sink sink;
	if ((rc = cli_ctx_open(&x, "start")) != 0)
		goto out;
	rc = EXIT_PROBLEM;
	/* one session at a time: a second start would stop or repeat the running one */
	struct store_holder me = { holder_self(), holder_alive, NULL };
	char *held_by = NULL;
	int lk = app_session_lock(&x.app, &me, &held_by, &err);
	if (lk) {
		if (lk > 0)
			fprintf(stderr, "unhunch start: a session is already running (unhunch process %ld). Finish it "
					"there first; if that program hangs, stop it (kill %ld) and start again.\n",
				holder_pid(held_by), holder_pid(held_by));
		else
			fprintf(stderr, "unhunch start: %s\n", strbuf_str(&err));
		free(held_by);
		goto out;
	}
	locked = true;

	/* no routine named: what the plan has due today, else the activation routine */
	char due[128];
	const char *rid = a.routine ? a.routine : today_routine(due, sizeof(due)) == 0 ? due : DEFAULT_ROUTINE;
	if (!catalog_routine(&x.cat, rid)) {
		fprintf(stderr, "unhunch start: no routine '%s'. Run 'unhunch routines' for the list.\n", rid);
		goto out;
	}
	/* the gate before anything: the first screen, a screen that is due, warning signs */
	struct app_gate_result g;
	if ((rc = gate_for(&x, GATE_START, &rid, -1, a.routine != NULL, &g)) != 0)
		goto out;
	rc = EXIT_PROBLEM;
	struct engine_opts opt = { a.pace, -1, 0, 0, NULL, true, NULL };
	int64_t id = 0;
	int offered = offer_resume(&a, &x.app, &rid, &opt, &id, &err);
	if (offered) {
		if (offered < 0)
			fprintf(stderr, "unhunch start: %s\n", strbuf_str(&err));
		if (offered == 2)
			rc = EXIT_OK;
		goto out;
	}
	if (id) {
		/* resuming passes the same gate, with the routine and today's pain (given, or
		 * asked again: the score it started with may be days old) */
		int now_pain = a.pain >= 0 ? a.pain : ask_score("Before you go on: how much does it hurt right now, "
								"0 to 10? (enter to skip) ");
		if (now_pain == -2) {
			fprintf(stderr, "unhunch start: the pain score must be a whole number from 0 to 10\n");
			goto out;
		}
		if (now_pain >= 0)
			opt.pain_before = now_pain;
		if ((rc = gate_for(&x, GATE_RESUME, &rid, opt.pain_before, true, &g)) != 0)
			goto out;
		rc = EXIT_PROBLEM;
	} else {
		opt.pain_before = a.pain >= 0 ? a.pain : ask_score("Before you start: how much does it hurt right now, "
								   "0 to 10? (enter to skip) ");
		if (opt.pain_before == -2) {
			fprintf(stderr, "unhunch start: the pain score must be a whole number from 0 to 10\n");
			goto out;
		}
		if ((rc = gate_for(&x, GATE_START, &rid, opt.pain_before, a.routine != NULL, &g)) != 0)
			goto out;
		rc = EXIT_PROBLEM;
	}
	const struct routine *r = catalog_routine(&x.cat, rid);
	cli_ctx_tick(&x);
	if (app_session_open(&x.app, r, id, opt.pain_before,
			     a.pace == PACE_TIMED ? "timed" : a.pace == PACE_SELF ? "self" : "content", &id, &err)) {
		fprintf(stderr, "unhunch start: %s\n", strbuf_str(&err));
		goto out;
	}
	if (a.cue_log && !(cue_log = fopen(a.cue_log, "w"))) {
		fprintf(stderr, "unhunch start: cannot write %s\n", a.cue_log);
		goto out;
	}
	/* the plan's catch-up and doses, where the exercise happens */
	if (app_session_ready(&x.app, r, g.v.neck_ok, &ready, &err)) {
		fprintf(stderr, "unhunch start: the plan's doses could not be read (%s); the routine's are used\n",
			strbuf_str(&err));
		strbuf_reset(&err);
	}
	opt.doses = ready.doses;
	opt.pass = &g.pass;
	before_words(&x, &g, &ready);
	char notice[200];
	voice_start(&v, a.voice, a.speak_to, notice, sizeof(notice));
	int init = engine_init(&e, &x.cat, r, &opt, player_now_ms());
	if (init) {
		fprintf(stderr, "unhunch start: %s\n", init == ENGINE_NO_PASS ? "the safety gate did not let this session start"
				: "the routine uses an exercise that is missing");
		goto out;
	}
	engine_ready = true;
	sink.x = &x;
	app_session_log_init(&sink.log, x.st, r->id, id);
	sink_ready = true;
	bool plain = a.plain || !term_full_screen();
	struct player_opts po = { plain, !cli_no_color(), r->name, notice[0] ? notice : NULL,
				  &v, cue_log, persist, &sink, unsaved };
	int result = player_run(&e, &po);
	if (result < 0) {
		fprintf(stderr, "unhunch start: terminal error\n");
		goto out;
	}
	bool finished = result == 0;
	/* the full screen is gone, and with it the stop advice: say it again, first */
	if (!plain && e.stop_advice)
		print_safety(stdout, "", "", e.stop_advice, &x);
	voice_stop(&v);
	if (e.stop == STOP_WARNING)
		print_safety(stdout, "", "",
			     "Because of the warning sign, the session has ended and the next one waits until you have "
			     "seen a doctor or a physiotherapist (then: unhunch screen --clearance \"...\"), or, once it "
			     "has fully passed, until you answer the safety questions again (unhunch screen). The "
			     "head-over-the-edge neck exercise stays locked until a clearance is recorded.", &x);
	else if (e.stop == STOP_PAIN)
		print_safety(stdout, "", "",
			     "The session has ended: pain of 8 or more is too much. Rest. If the pain stays this high, or "
			     "something new comes with it, see a doctor or a physiotherapist.", &x);
	int after = -1;
	if (finished) {
		after = ask_score("And now, after the session: how much does it hurt, 0 to 10? (enter to skip) ");
		if (after < -1)
			after = -1;
	}
	int rest = save_the_rest(&sink);
	cli_ctx_tick(&x);
	enum session_status status = finished ? SESSION_FINISHED : e.stop ? SESSION_STOPPED : SESSION_QUIT;
	struct app_session_end end;
	if (app_session_end(&x.app, id, r, status, opt.pain_before, after, g.v.neck_ok, &end, &err)) {
		fprintf(stderr, "unhunch start: NOT saved: how the session ended (%s); it stays resumable.\n",
			strbuf_str(&err));
		goto out;
	}
	summary(&x.app, id, status == SESSION_QUIT);
	if (end.decided + end.lowered > 0)
		printf("%d dose decision%s made now (unhunch plan --why).\n", end.decided + end.lowered,
		       end.decided + end.lowered == 1 ? "" : "s");
	if (end.after_bad) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "Your pain after the session (%d) is %s: the next doses are lower. Please check in "
				 "tomorrow morning (unhunch checkin) so the plan can see how it settled. If it stays high, "
				 "see a physiotherapist or a doctor.",
			    after, opt.pain_before >= 0 && after >= opt.pain_before + PAIN_AFTER_RISE
					   ? "2 or more points above where you started" : "6 or more");
		print_safety(stdout, "", "", sb.buf, &x);
		strbuf_release(&sb);
	}
	rc = rest ? EXIT_PROBLEM : EXIT_OK;
	if (player_quit_signal()) /* Ctrl-C: saved, and the shell learns it was interrupted */
		rc = 128 + player_quit_signal();
out:
	voice_stop(&v);
	free(ready.doses);
	if (engine_ready)
		engine_release(&e);
	if (cue_log)
		fclose(cue_log);
	if (sink_ready)
		app_session_log_release(&sink.log);
	if (locked)
		app_session_unlock(&x.app, holder_self(), &err);
	cli_ctx_close(&x);
	strbuf_release(&err);
	return rc;
}
