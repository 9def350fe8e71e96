/* breaks-play.c: guiding one break reset (see breaks-play.h). */
#include "breaks-play.h"
#include "cli.h"
#include "context.h"
#include "app/safety.h"
#include "breaks/config.h"
#include "core/session.h"
#include "tui/player.h"
#include "voice/voice.h"
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* A warning sign during a reset is stored at once, as during a session. */
static int persist(const struct effect *f, void *ctx)
{
	struct cli_ctx *x = ctx;
	if (f->kind != FX_PAIN || f->score != -1)
		return 0;
	struct strbuf err = STRBUF_INIT;
	cli_ctx_tick(x);
	int rc = app_record_warning(&x->app, &err);
	if (rc) {
		/* kept beside the database, so no exercise starts before it is saved */
		struct answer_row a;
		struct screening_row w;
		app_warning_row(&x->app, &a, &w);
		fprintf(stderr, "unhunch: NOT saved: the warning sign (%s)", strbuf_str(&err));
		strbuf_reset(&err);
		if (warning_file_keep(&w, &err))
			fprintf(stderr, "; it could not be kept either (%s). Do not exercise again before you have seen "
					"a doctor or a physiotherapist.\n", strbuf_str(&err));
		else
			fprintf(stderr, "; it is kept aside and no exercise starts until it is saved.\n");
	}
	strbuf_release(&err);
	return rc;
}

int breaks_play_here(struct cli_ctx *x, enum gate_entry entry, const char *routine_id, enum brk_kind kind,
		     const char *exercise, bool voice_on)
{
	const struct catalog *c = &x->cat;
	struct app_gate_request rq = { entry, NULL, exercise, routine_id, -1 };
	struct app_gate_result g;
	struct strbuf err = STRBUF_INIT;
	cli_ctx_tick(x);
	if (app_gate(&x->app, &rq, &g, &err)) {
		fprintf(stderr, "unhunch breaks: %s\n", strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	strbuf_release(&err);
	if (!g.v.allowed) {
		cli_gate_refusal(x, &g, stdout);
		fflush(stdout);
		return EXIT_PROBLEM;
	}
	struct routine r;
	struct item it;
	memset(&r, 0, sizeof(r));
	memset(&it, 0, sizeof(it));
	const struct item *planned = brk_item(c, routine_id, exercise);
	if (planned)
		it = *planned; /* borrowed: the catalog owns what it points to */
	it.exercise = (char *)exercise;
	r.id = (char *)"break";
	r.name = (char *)(kind == BRK_MOVE ? "Movement break" : "Posture reset");
	r.module = MOD_POSTURE_BREAK;
	r.ready_s = 3;
	r.items = &it;
	r.n_items = 1;
	if (!catalog_exercise(c, exercise))
		return EXIT_PROBLEM;
	struct voice v = { VOICE_OFF, -1, -1 };
	char notice[200];
	voice_start(&v, voice_on, NULL, notice, sizeof(notice));
	struct engine_opts opt = { PACE_DEFAULT, -1, 0, 0, NULL, false, &g.pass };
	struct engine e;
	int sig = 0, rc = EXIT_PROBLEM;
	if (engine_init(&e, c, &r, &opt, player_now_ms()) == 0) {
		bool plain = !term_full_screen();
		struct player_opts po = { plain, !cli_no_color(), r.name, NULL, &v, NULL, persist, x, NULL };
		player_run(&e, &po); /* Ctrl-C stops the reset */
		sig = player_quit_signal();
		if (!plain && e.stop_advice) /* the full screen is gone, and the advice with it */
			print_safety(stdout, "", "", e.stop_advice, x);
		if (e.stop == STOP_WARNING)
			print_safety(stdout, "", "",
				     "Because of the warning sign, exercise reminders pause until you have seen a doctor or a "
				     "physiotherapist (unhunch screen --clearance), or answer the safety questions again "
				     "(unhunch screen) once it has fully passed.", x);
		engine_release(&e);
		rc = EXIT_OK;
	}
	voice_stop(&v);
	fflush(stdout);
	/* a stop (the service manager) or a closed terminal ends the coach too: raised
	 * again, it waits blocked for the coach's own loop (or ends `breaks play`) */
	if (sig == SIGTERM || sig == SIGHUP)
		kill(getpid(), sig);
	return rc;
}

int breaks_play_window(enum brk_kind kind, const char *exercise, bool voice_on)
{
	const char *d = cli_env.display, *w = cli_env.wayland_display, *term = cli_env.terminal;
	if ((!d || !*d) && (!w || !*w))
		return -1;
	if (!term || !*term)
		term = "x-terminal-emulator";
	char self[4096];
	if (!program_path(self, sizeof(self)))
		return -1;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		; /* windows of earlier resets that have closed */
	char *argv[10];
	int a = 0;
	argv[a++] = (char *)term;
	argv[a++] = (char *)"-e";
	argv[a++] = self;
	argv[a++] = (char *)"breaks";
	argv[a++] = (char *)"play";
	argv[a++] = (char *)exercise;
	if (kind == BRK_MOVE)
		argv[a++] = (char *)"--move";
	if (!voice_on)
		argv[a++] = (char *)"--no-voice";
	argv[a] = NULL;
	/* the window must not inherit the coach's blocked signals */
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	sigset_t none;
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
	pid_t pid;
	int r = posix_spawnp(&pid, term, NULL, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	if (r) {
		printf("  (no terminal window for the reset: %s: %s)\n", term, strerror(r));
		return -1;
	}
	return 0;
}

int breaks_play_cmd(const struct command *self, int argc, char **argv)
{
	const char *exercise = NULL;
	bool move = false, no_voice = false;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--move"))
			move = true;
		else if (!strcmp(argv[i], "--no-voice"))
			no_voice = true;
		else if (argv[i][0] == '-' || exercise)
			return usage_error(self, "play takes one EXERCISE and --move or --no-voice (got '%s')", argv[i]);
		else
			exercise = argv[i];
	}
	if (!exercise)
		return usage_error(self, "play needs an EXERCISE, e.g. unhunch breaks play chin-tuck");
	struct breaks_settings set;
	breaks_settings_default(&set);
	char *path = breaks_config_path(home_dir());
	struct strbuf err = STRBUF_INIT;
	if (breaks_config_read(path, &set, &err))
		fprintf(stderr, "%s(the settings were not used)\n", err.buf);
	strbuf_release(&err);
	free(path);
	struct cli_ctx x;
	int rc = cli_ctx_open(&x, "breaks");
	if (rc)
		goto out;
	if (!catalog_exercise(&x.cat, exercise)) {
		fprintf(stderr, "unhunch breaks: no exercise '%s'. Run 'unhunch show' for the list.\n", exercise);
		rc = EXIT_PROBLEM;
	} else {
		rc = breaks_play_here(&x, GATE_BREAK_PLAY, set.routine, move ? BRK_MOVE : BRK_MICRO, exercise,
				      set.voice && !no_voice);
		if (!rc && player_quit_signal() == SIGINT)
			rc = 128 + SIGINT; /* Ctrl-C, as the shell reports it */
	}
out:
	cli_ctx_close(&x);
	return rc;
}
