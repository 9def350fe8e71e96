/* cmd-breaks.c: `unhunch breaks`: the workday break coach in the foreground (or as a
 * systemd user service), its statistics, and installing the service. */
#include "cli.h"
#include "context.h"
#include "breaks-play.h"
#include "args.h"
#include "app/breaks-stats.h"
#include "format/breaks-stats.h"
#include "app/plan-data.h"
#include "breaks/config.h"
#include "breaks/daemon.h"
#include "core/breaks.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include "format/outfile.h"
#include "store/store.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define UNIT_NAME "unhunch-breaks.service"

struct coach {
	struct cli_ctx x;
	struct breaks_settings set;
};

/* "30 min", "90 s" */
static const char *span(char *buf, size_t n, int64_t ms)
{
	if (ms % 60000)
		snprintf(buf, n, "%lld s", (long long)(ms / 1000));
	else
		snprintf(buf, n, "%lld min", (long long)(ms / 60000));
	return buf;
}

static void log_event(const struct brk_event *ev, void *ctx)
{
	struct coach *k = ctx;
	struct strbuf err = STRBUF_INIT;
	if (app_break_log(&k->x.app, ev, &err))
		fprintf(stderr, "unhunch breaks: could not save: %s\n", strbuf_str(&err));
	strbuf_release(&err);
}

/* The words of a plain reminder, when exercise is not allowed now. */
static void plain_reminder(struct coach *k, enum brk_kind kind, const struct app_gate_result *g, struct strbuf *body)
{
	strbuf_addstr(body, kind == BRK_MOVE ? "Get up, walk about, change position." : "Sit tall, let your shoulders drop.");
	strbuf_addstr(body, "\nExercise reminders are paused: ");
	emergency_fill(g->v.reason, k->x.emergency, body);
	if (g->v.why == GATE_SCREEN)
		strbuf_addstr(body, " (unhunch screen)");
	else if (g->v.why == GATE_WARNING_SIGN && g->v.advice) {
		strbuf_addch(body, ' ');
		emergency_fill(g->v.advice, k->x.emergency, body);
	}
}

static void describe(const struct brk_show *r, struct strbuf *sum, struct strbuf *body, bool *start, void *ctx)
{
	struct coach *k = ctx;
	const struct exercise *e = catalog_exercise(&k->x.cat, r->exercise);
	if (r->kind == BRK_MOVE)
	{
		char len[32];
		strbuf_addf(sum, "Movement break: %s", span(len, sizeof(len), k->set.sched.length_ms[BRK_MOVE]));
	}
	else
		strbuf_addstr(sum, "Posture reset");
	if (!e) {
		strbuf_addstr(body, r->kind == BRK_MOVE ? "Get up, walk about, change position." : "Sit tall, let your shoulders drop.");
		return;
	}
	/* the gate: while exercise is not allowed, a plain reminder that says why */
	struct app_gate_request rq = { GATE_BREAK_REMINDER, NULL, r->exercise, k->set.routine, -1 };
	struct app_gate_result g;
	struct strbuf err = STRBUF_INIT;
	cli_ctx_tick(&k->x);
	int failed = app_gate(&k->x.app, &rq, &g, &err);
	strbuf_release(&err);
	if (failed || !g.v.allowed) {
		*start = false;
		if (failed)
			strbuf_addstr(body, r->kind == BRK_MOVE ? "Get up, walk about, change position." : "Sit tall, let your shoulders drop.");
		else
			plain_reminder(k, r->kind, &g, body);
		return;
	}
	struct strbuf dose = STRBUF_INIT;
	const struct item *it = brk_item(&k->x.cat, k->set.routine, r->exercise);
	dose_describe(it ? item_dose(it, e) : &e->dose, &dose);
	strbuf_addstr(body, e->name);
	if (dose.len)
		strbuf_addf(body, " (%s)", dose.buf);
	if (r->kind == BRK_MOVE)
		strbuf_addstr(body, ", then get up and walk about");
	/* the first step, so the reminder is enough even without Start */
	if (e->n_steps)
		strbuf_addf(body, "\n%s", e->steps[0]);
	strbuf_release(&dose);
}

/* "Start": guide the reset here when the coach has a terminal, else in a window of its
 * own. Without one: here all the same (spoken, and in plain lines for whoever reads
 * the output), except as a service with the voice off, where nobody would see it. */
static void play(enum brk_kind kind, const char *exercise, void *ctx)
{
	struct coach *k = ctx;
	/* the gate first, here: a window that opened only to refuse would go unseen */
	struct app_gate_request rq = { GATE_BREAK_START, NULL, exercise, k->set.routine, -1 };
	struct app_gate_result g;
	struct strbuf err = STRBUF_INIT;
	cli_ctx_tick(&k->x);
	int failed = app_gate(&k->x.app, &rq, &g, &err);
	if (failed)
		fprintf(stderr, "unhunch breaks: %s\n", strbuf_str(&err));
	strbuf_release(&err);
	if (failed || !g.v.allowed) {
		if (!failed)
			cli_gate_refusal(&k->x, &g, stdout);
		fflush(stdout);
		return;
	}
	if (!isatty(STDOUT_FILENO)) {
		if (breaks_play_window(kind, exercise, k->set.voice) == 0)
			return;
		const char *journal = cli_env.journal_stream;
		if (!k->set.voice && journal && *journal) {
			printf("  (no terminal and the voice is off: 'unhunch breaks play %s' guides it)\n", exercise);
			fflush(stdout);
			return;
		}
	}
	breaks_play_here(&k->x, GATE_BREAK_START, k->set.routine, kind, exercise, k->set.voice);
}

static int load_settings(struct breaks_settings *set)
{
	breaks_settings_default(set);
	char *path = breaks_config_path(home_dir());
	struct strbuf err = STRBUF_INIT;
	int problems = breaks_config_read(path, set, &err);
	if (problems)
		fprintf(stderr, "%sunhunch breaks: %d problem%s in the settings; nothing was started\n", err.buf,
			problems, problems == 1 ? "" : "s");
	strbuf_release(&err);
	free(path);
	return problems ? -1 : 0;
}

/* focus = auto: favour the resets the latest assessment's factors call for. */
static void focus_from_plan(struct coach *k)
{
	struct profile *pv = NULL;
	size_t n = 0;
	struct strbuf err = STRBUF_INIT;
	if (plan_profiles(k->x.st, &pv, &n, &err))
		fprintf(stderr, "unhunch breaks: %s\n", strbuf_str(&err));
	else if (n) {
		const struct profile *p = &pv[n - 1];
		k->set.focus = brk_focus_from_factors(p->f);
		if (k->set.focus & BRK_FOCUS_CHEST)
			printf("Chest openers come often: your assessment found %s front tightness.\n",
			       strength_names[p->f[F_FRONT].strength]);
		if (k->set.focus & BRK_FOCUS_BREATHING)
			printf("Breathing resets come often: your assessment found %s stress.\n",
			       strength_names[p->f[F_STRESS].strength]);
	}
	free(pv);
	strbuf_release(&err);
}

static int run_coach(const struct command *self, int argc, char **argv)
{
	struct coach k;
	memset(&k, 0, sizeof(k));
	int reminders = 0;
	bool no_voice = false, terminal = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-voice"))
			no_voice = true;
		else if (!strcmp(argv[i], "--terminal"))
			terminal = true;
		else if (!strcmp(argv[i], "--reminders") && i + 1 < argc) {
			char *end;
			long n = strtol(argv[++i], &end, 10);
			if (end == argv[i] || *end || n < 1 || n > 1000000)
				return usage_error(self, "--reminders needs a whole number from 1");
			reminders = (int)n;
		} else
			return usage_error(self, "unknown option or command '%s'", argv[i]);
	}
	if (load_settings(&k.set))
		return EXIT_PROBLEM;
	if (no_voice)
		k.set.voice = false;
	if (terminal)
		k.set.desktop = false;
	int rc = EXIT_PROBLEM;
	const char **rot = NULL;
	if (cli_ctx_open(&k.x, "breaks"))
		goto out;
	if (!catalog_routine(&k.x.cat, k.set.routine)) {
		fprintf(stderr, "unhunch breaks: no routine '%s' for the resets. Run 'unhunch routines' for the list.\n",
			k.set.routine);
		goto out;
	}
	if (k.set.focus_auto)
		focus_from_plan(&k);
	rot = xcalloc(256, sizeof(*rot));
	size_t n = brk_rotation(&k.x.cat, k.set.routine, k.set.focus, rot, 256);
	const struct brk_config *sc = &k.set.sched;
	char a[32], b[32], c[32];
	printf("Break coach: a posture reset every %s of work, a %s movement break every %s, "
	       "%02d:%02d-%02d:%02d (%s mode). Ctrl-C stops.\n",
	       span(a, sizeof(a), sc->every_ms[BRK_MICRO]), span(b, sizeof(b), sc->length_ms[BRK_MOVE]),
	       span(c, sizeof(c), sc->every_ms[BRK_MOVE]), sc->work_start_min / 60, sc->work_start_min % 60,
	       sc->work_end_min / 60, sc->work_end_min % 60, brk_mode_names[sc->mode]);
	fflush(stdout);
	struct breaks_run_opts o = { &k.set, rot, n, brk_move_exercise(&k.x.cat, k.set.routine), reminders };
	struct breaks_hooks h = { log_event, describe, play, &k };
	rc = breaks_run(&o, &h) ? EXIT_PROBLEM : EXIT_OK;
out:
	free(rot);
	cli_ctx_close(&k.x);
	return rc;
}

/* ---- systemd user service ---- */

static const char *systemctl(void)
{
	const char *s = cli_env.systemctl;
	return s && *s ? s : "systemctl";
}

/* Run systemctl --user ARGS quietly; returns its exit status, or -1. */
static int run_systemctl(const char *a1, const char *a2, const char *a3)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		const char *argv[] = { systemctl(), "--user", a1, a2, a3, NULL };
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *unit_path(bool make_dir)
{
	struct strbuf sb = STRBUF_INIT;
	const char *x = cli_env.xdg_config_home;
	const char *home = home_dir();
	if (x && x[0] == '/')
		strbuf_addstr(&sb, x);
	else
		strbuf_addf(&sb, "%s/.config", home ? home : "/nonexistent");
	strbuf_addstr(&sb, "/systemd");
	if (make_dir)
		mkdir(sb.buf, 0755);
	strbuf_addstr(&sb, "/user");
	if (make_dir)
		mkdir(sb.buf, 0755);
	strbuf_addstr(&sb, "/" UNIT_NAME);
	return strbuf_detach(&sb);
}

static bool user_manager_ok(void)
{
	if (run_systemctl("show-environment", NULL, NULL) == 0)
		return true;
	fprintf(stderr, "unhunch breaks: systemctl --user is not available here (no systemd user session).\n"
			"Run 'unhunch breaks' from your desktop's autostart instead.\n");
	return false;
}

static int install(void)
{
	if (!user_manager_ok())
		return EXIT_PROBLEM;
	char exe[4096];
	if (!program_path(exe, sizeof(exe))) {
		fprintf(stderr, "unhunch breaks: cannot find the unhunch program\n");
		return EXIT_PROBLEM;
	}
	char *path = unit_path(true);
	struct strbuf unit = STRBUF_INIT, err = STRBUF_INIT;
	strbuf_addf(&unit, "# Written by 'unhunch breaks install'; 'unhunch breaks uninstall' removes it.\n"
			   "[Unit]\nDescription=unhunch break coach: posture resets during the workday\n"
			   "PartOf=graphical-session.target\nAfter=graphical-session.target\n\n"
			   "[Service]\nExecStart=%s breaks\nRestart=on-failure\n\n"
			   "[Install]\nWantedBy=graphical-session.target\n", exe);
	int werr = outfile_write(path, unit.buf, unit.len, &err);
	if (werr)
		fprintf(stderr, "unhunch breaks: %s\n", err.buf);
	strbuf_release(&unit);
	strbuf_release(&err);
	if (werr || run_systemctl("daemon-reload", NULL, NULL) != 0 ||
	    run_systemctl("enable", "--now", UNIT_NAME) != 0) {
		fprintf(stderr, "unhunch breaks: could not enable %s (see 'systemctl --user status %s')\n", path,
			UNIT_NAME);
		free(path);
		return EXIT_PROBLEM;
	}
	printf("Installed %s and started it.\n", path);
	free(path);
	return EXIT_OK;
}

static int uninstall(void)
{
	if (!user_manager_ok())
		return EXIT_PROBLEM;
	char *path = unit_path(false);
	run_systemctl("disable", "--now", UNIT_NAME);
	int rc = EXIT_OK;
	if (unlink(path) && errno != ENOENT) {
		fprintf(stderr, "unhunch breaks: cannot remove %s: %s\n", path, strerror(errno));
		rc = EXIT_PROBLEM;
	} else {
		run_systemctl("daemon-reload", NULL, NULL);
		printf("Stopped the break coach and removed %s.\n", path);
	}
	free(path);
	return rc;
}

int cmd_breaks(int argc, char **argv)
{
	const struct command *self = command_find("breaks");
	if (wants_help(argc, argv)) {
		command_help(self, stdout);
		return EXIT_OK;
	}
	if (argc > 1 && !strcmp(argv[1], "stats"))
		return breaks_stats(self, argc, argv);
	if (argc > 1 && !strcmp(argv[1], "play"))
		return breaks_play_cmd(self, argc, argv);
	if (argc > 1 && (!strcmp(argv[1], "install") || !strcmp(argv[1], "uninstall"))) {
		if (argc > 2)
			return usage_error(self, "%s takes no options", argv[1]);
		return !strcmp(argv[1], "install") ? install() : uninstall();
	}
	return run_coach(self, argc, argv);
}
