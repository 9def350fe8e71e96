/* player.c: the real-time loop around the session engine: timerfd deadlines, key and
 * line input, signals, drawing, voice, bell and persistence. */
#define _GNU_SOURCE
#include "player.h"
#include "view.h"
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include "os/deadline.h"
#include <sys/prctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int sig_pipe[2] = { -1, -1 };

static int quit_signal; /* SIGINT, SIGTERM or SIGHUP that ended the last run, or 0 */

int player_quit_signal(void)
{
	return quit_signal;
}

static void on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;
	ssize_t w = write(sig_pipe[1], &c, 1);
	(void)w;
	errno = saved;
}

int64_t player_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct player {
	struct engine *e;
	const struct player_opts *o;
	bool tty_in, raw, dirty, finished, quit;
	struct termios saved;
	struct view view;
	struct strbuf prompt;  /* pain score being typed after 'h' */
	bool asking;
	bool paused_for_prompt;
	struct strbuf inbuf;   /* partial input line or key sequence */
	int64_t start_ms;
	size_t unsaved;        /* steps the store has refused so far, kept to be tried again */
	struct strbuf alert;   /* what the screen says about them */
};

/* ---- terminal ---- */

static void term_enter(struct player *p)
{
	if (!p->tty_in || tcgetattr(STDIN_FILENO, &p->saved) < 0)
		return;
	struct termios t = p->saved;
	t.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
	t.c_iflag &= (tcflag_t) ~IXON; /* Ctrl-S must not freeze the screen and the keys */
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		p->raw = true;
	fputs("\x1b[?1049h\x1b[?25l", stdout);
	fflush(stdout);
}

static void term_leave(struct player *p)
{
	if (p->o->plain)
		return;
	fputs("\x1b[0m\x1b[?25h\x1b[?1049l", stdout);
	fflush(stdout);
	if (p->raw)
		tcsetattr(STDIN_FILENO, TCSANOW, &p->saved);
	p->raw = false;
}

static void term_size(int *rows, int *cols)
{
	struct winsize ws;
	*rows = 24;
	*cols = 80;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
}

static const char *style_sgr(enum line_style s)
{
	switch (s) {
	case LS_TITLE: return "\x1b[1m";
	case LS_RULE: return "\x1b[2m";
	case LS_PHASE: return "\x1b[1;36m";
	case LS_BIG: return "\x1b[1;33m";
	case LS_DIM: return "\x1b[2m";
	case LS_KEYS: return "\x1b[7m";
	case LS_ALERT: return "\x1b[1;31m";
	default: return "";
	}
}

static void draw(struct player *p, int64_t now)
{
	int rows, cols;
	term_size(&rows, &cols);
	struct view_extra x = {
		p->o->routine_name, p->asking ? p->prompt.buf : NULL, p->o->notice,
		strcmp(nl_langinfo(CODESET), "UTF-8") != 0, p->unsaved ? p->alert.buf : NULL,
	};
	view_render(&p->view, p->e, now, &x, rows, cols);
	struct strbuf out = STRBUF_INIT;
	for (int r = 0; r < p->view.rows; r++) {
		strbuf_addf(&out, "\x1b[%d;1H", r + 1);
		if (p->o->color)
			strbuf_addstr(&out, style_sgr(p->view.style[r]));
		else if (p->view.style[r] == LS_KEYS)
			strbuf_addstr(&out, "\x1b[7m"); /* reverse video carries no colour */
		strbuf_addstr(&out, strbuf_str(&p->view.line[r]));
		strbuf_addstr(&out, "\x1b[0m\x1b[K");
	}
	fwrite(out.buf, 1, out.len, stdout);
	fflush(stdout);
	strbuf_release(&out);
	p->dirty = false;
}

/* ---- effects ---- */

static void print_cue(struct player *p, int64_t now, const char *text)
{
	int s = (int)((now - p->start_ms) / 1000);
	const struct run_item *ri = engine_current(p->e);
	printf("[%02d:%02d] %s%s%s\n", s / 60, s % 60, ri ? ri->ex->name : "", ri ? ": " : "", text);
	fflush(stdout);
}

/* Plain mode says what was saved, so a listener (or a test) knows it is safe. */
static void print_saved(struct player *p, int64_t now, const struct effect *f)
{
	int s = (int)((now - p->start_ms) / 1000);
	static const char *const status[] = { "done", "skipped", "stopped" }; /* the pain line before says why */
	if (f->kind == FX_SET_DONE)
		printf("[%02d:%02d] saved: item %d %s set %d%s%s, %d of %d reps\n", s / 60, s % 60, f->item + 1,
		       f->exercise_id, f->set_no, f->side[0] ? " " : "", f->side, f->reps_done, f->reps_target);
	else if (f->kind == FX_EXERCISE_END)
		printf("[%02d:%02d] saved: item %d %s %s\n", s / 60, s % 60, f->item + 1, f->exercise_id,
		       status[f->status < 0 || f->status > 2 ? 0 : f->status]);
	else if (f->kind == FX_PAIN)
		printf("[%02d:%02d] saved: pain %d, %s\n", s / 60, s % 60, f->score, f->text);
	else if (f->kind == FX_FEEL)
		printf("[%02d:%02d] saved: item %d %s felt %s\n", s / 60, s % 60, f->item + 1, f->exercise_id,
		       f->status == 1 ? "easy" : f->status == 2 ? "right" : f->status == 3 ? "hard" : "hurt");
	fflush(stdout);
}

/* A step the store refused: said at once, never called saved. */
static void print_unsaved(struct player *p, int64_t now, const struct effect *f, const char *why)
{
	int s = (int)((now - p->start_ms) / 1000);
	static const char *const what[] = { [FX_SET_DONE] = "a set", [FX_EXERCISE_END] = "the end of an exercise",
					    [FX_PAIN] = "a pain report", [FX_FEEL] = "how it felt",
					    [FX_SESSION_END] = "the session" };
	const char *w = f->kind < sizeof(what) / sizeof(what[0]) && what[f->kind] ? what[f->kind] : "a step";
	printf("[%02d:%02d] NOT saved yet: %s of item %d %s (%s); kept and tried again\n", s / 60, s % 60, w,
	       f->item + 1, f->exercise_id ? f->exercise_id : "", why && *why ? why : "the store refused it");
	fflush(stdout);
}

/* After a step: what is still unsaved, for the screen (and, in plain mode, a line when
 * steps kept earlier have now been saved). */
static void note_unsaved(struct player *p, int64_t now)
{
	if (!p->o->unsaved)
		return;
	const char *why = NULL;
	size_t before = p->unsaved;
	p->unsaved = p->o->unsaved(p->o->ctx, &why);
	strbuf_reset(&p->alert);
	if (p->unsaved)
		strbuf_addf(&p->alert, "NOT saved yet: %zu step%s (%s); kept and tried again", p->unsaved,
			    p->unsaved == 1 ? "" : "s", why && *why ? why : "the store refused them");
	if (p->o->plain && before && p->unsaved < before) {
		int s = (int)((now - p->start_ms) / 1000);
		printf("[%02d:%02d] saved now: %zu step%s kept earlier\n", s / 60, s % 60, before - p->unsaved,
		       before - p->unsaved == 1 ? "" : "s");
		fflush(stdout);
	}
	if (before != p->unsaved)
		p->dirty = true;
}

static void bell(struct player *p)
{
	if (p->o->voice && p->o->voice->mode == VOICE_BELL) {
		fputc('\a', stdout);
		fflush(stdout);
	}
}

static void handle_effects(struct player *p, int64_t now)
{
	struct engine *e = p->e;
	for (size_t i = 0; i < e->n_fx; i++) {
		const struct effect *f = &e->fx[i];
		switch (f->kind) {
		case FX_SHOW:
			p->dirty = true;
			break;
		case FX_SAY:
			if (p->o->voice && (p->o->voice->mode == VOICE_SPEAK || p->o->voice->mode == VOICE_WAV))
				voice_say(p->o->voice, f->text);
			else
				bell(p);
			if (p->o->plain) {
				print_cue(p, now, f->text);
				const struct segment *sg = engine_segment(p->e);
				const struct run_item *ri = engine_current(p->e);
				if (sg && ri && sg->kind == SEG_READY && !strncmp(f->text, "Next:", 5))
					print_cue(p, now, ri->ex->purpose); /* why, for screen readers too */
			}
			break;
		case FX_BEEP:
			break;
		case FX_SESSION_END:
			p->finished = f->status == 1;
			p->quit = f->status == 2;
			/* fall through */
		case FX_SET_DONE:
		case FX_EXERCISE_END:
		case FX_PAIN:
		case FX_FEEL:
			if (!p->o->on_effect)
				break;
			if (p->o->on_effect(f, p->o->ctx) == 0) {
				if (p->o->plain && f->kind != FX_SESSION_END)
					print_saved(p, now, f);
			} else if (p->o->plain && f->kind != FX_SESSION_END) {
				const char *why = NULL;
				if (p->o->unsaved)
					p->o->unsaved(p->o->ctx, &why);
				print_unsaved(p, now, f, why);
			}
			note_unsaved(p, now);
			break;
		}
	}
}

static void send(struct player *p, enum input_kind k, int score)
{
	int64_t now = player_now_ms();
	if (p->o->voice && (k == IN_SKIP || k == IN_BACK || k == IN_QUIT || k == IN_PAUSE || k == IN_TOGGLE))
		voice_cancel(p->o->voice);
	struct input in = { k, now, score };
	engine_input(p->e, in);
	handle_effects(p, now);
}

/* ---- input ---- */

static bool parse_score(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (end == s || *end || v < 0 || v > 10)
		return false;
	*out = (int)v;
	return true;
}

/* A line command (plain mode): pause, resume, skip, back, done, hurt N, quit. */
static void command(struct player *p, const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	int score;
	if (!*line)
		send(p, IN_DONE, 0); /* a bare enter is "done", as in the full screen */
	else if (!strcmp(line, "pause"))
		send(p, IN_PAUSE, 0);
	else if (!strcmp(line, "resume"))
		send(p, IN_RESUME, 0);
	else if (!strcmp(line, "skip") || !strcmp(line, "n"))
		send(p, IN_SKIP, 0);
	else if (!strcmp(line, "back") || !strcmp(line, "b"))
		send(p, IN_BACK, 0);
	else if (!strcmp(line, "done"))
		send(p, IN_DONE, 0);
	else if (!strcmp(line, "easy") || !strcmp(line, "1"))
		send(p, IN_FEEL, 1);
	else if (!strcmp(line, "right") || !strcmp(line, "2"))
		send(p, IN_FEEL, 2);
	else if (!strcmp(line, "hard") || !strcmp(line, "3"))
		send(p, IN_FEEL, 3);
	else if (!strcmp(line, "dizzy") || !strcmp(line, "d"))
		send(p, IN_SYMPTOM, 0);
	else if (!strcmp(line, "quit") || !strcmp(line, "q"))
		send(p, IN_QUIT, 0);
	else if (!strncmp(line, "hurt ", 5) && parse_score(line + 5, &score))
		send(p, IN_HURT, score);
	else
		fprintf(stderr, "unhunch: unknown command '%s' (pause, resume, skip, back, done, hurt N, dizzy, easy, right, hard, quit)\n", line);
}

static void prompt_open(struct player *p)
{
	p->asking = true;
	p->paused_for_prompt = p->e->state == ENGINE_RUNNING;
	if (p->paused_for_prompt)
		send(p, IN_PAUSE, 0);
	strbuf_reset(&p->prompt);
	strbuf_addstr(&p->prompt, " How much does it hurt, 0 to 10? (enter to confirm, esc to cancel) ");
	p->dirty = true;
}

static void prompt_close(struct player *p, bool ok)
{
	const char *q = strrchr(p->prompt.buf, ')');
	int score = -1;
	if (ok && q && !parse_score(q + 2, &score))
		score = -1;
	p->asking = false;
	if (score >= 0)
		send(p, IN_HURT, score);
	if (p->paused_for_prompt && p->e->state == ENGINE_PAUSED)
		send(p, IN_RESUME, 0);
	p->dirty = true;
}

static void key(struct player *p, const char *k, size_t n)
{
	if (p->asking) {
		if (k[0] == '\r' || k[0] == '\n')
			prompt_close(p, true);
		else if (k[0] == 27 && n == 1)
			prompt_close(p, false);
		else if ((k[0] == 127 || k[0] == 8) && p->prompt.buf[p->prompt.len - 1] != ' ')
			p->prompt.buf[--p->prompt.len] = '\0';
		else if (k[0] >= '0' && k[0] <= '9' && p->prompt.len < 90)
			strbuf_addch(&p->prompt, k[0]);
		p->dirty = true;
		return;
	}
	if (n >= 3 && k[0] == 27 && k[1] == '[') {
		if (k[2] == 'C')
			send(p, IN_SKIP, 0);
		else if (k[2] == 'D')
			send(p, IN_BACK, 0);
		return;
	}
	switch (k[0]) {
	case ' ': case 'p': send(p, IN_TOGGLE, 0); break;
	case 'n': send(p, IN_SKIP, 0); break;
	case 'b': send(p, IN_BACK, 0); break;
	case '\r': case '\n': send(p, IN_DONE, 0); break;
	case 'h': prompt_open(p); break;
	case 'd': send(p, IN_SYMPTOM, 0); break;
	case '1': case '2': case '3': send(p, IN_FEEL, k[0] - '0'); break;
	case 'q': send(p, IN_QUIT, 0); break;
	default: break;
	}
}

/* Read what standard input has; false at end of input. */
static bool read_input(struct player *p)
{
	char buf[256];
	ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	if (p->raw) {
		/* keys: escape sequences arrive whole in one read */
		for (ssize_t i = 0; i < n;) {
			size_t len = 1;
			if (buf[i] == 27 && i + 2 < n && buf[i + 1] == '[')
				len = 3;
			key(p, buf + i, len);
			i += (ssize_t)len;
		}
		return true;
	}
	strbuf_add(&p->inbuf, buf, (size_t)n);
	char *nl;
	while ((nl = memchr(p->inbuf.buf, '\n', p->inbuf.len))) {
		*nl = '\0';
		if (nl > p->inbuf.buf && nl[-1] == '\r')
			nl[-1] = '\0';
		char *line = strdup(p->inbuf.buf);
		size_t rest = p->inbuf.len - (size_t)(nl + 1 - p->inbuf.buf);
		memmove(p->inbuf.buf, nl + 1, rest);
		p->inbuf.len = rest;
		p->inbuf.buf[rest] = '\0';
		if (line)
			command(p, line);
		free(line);
		if (p->e->state == ENGINE_DONE)
			break;
	}
	return true;
}

/* ---- loop ---- */

/* The next moment the full screen needs a redraw: the next whole second of the
 * current countdown, so the big number changes on time. */
static int64_t next_redraw(const struct player *p, int64_t now)
{
	if (p->o->plain || p->e->state == ENGINE_DONE)
		return ENGINE_NO_DEADLINE;
	int64_t base = p->e->state == ENGINE_RUNNING ? p->e->seg_start : p->start_ms;
	return base + ((now - base) / 1000 + 1) * 1000;
}

int player_run(struct engine *e, const struct player_opts *o)
{
	struct player p;
	memset(&p, 0, sizeof(p));
	p.e = e;
	p.o = o;
	p.start_ms = e->started;
	p.tty_in = isatty(STDIN_FILENO);
	view_init(&p.view);
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN); /* a speaker that died must not take the session with it */
	/* a caller that blocks these (the break coach) gets them here while the routine
	 * runs, now that the handlers are in place, and blocked again after */
	quit_signal = 0;
	sigset_t quit_set, old_mask;
	sigemptyset(&quit_set);
	sigaddset(&quit_set, SIGINT);
	sigaddset(&quit_set, SIGTERM);
	sigaddset(&quit_set, SIGHUP);
	sigprocmask(SIG_UNBLOCK, &quit_set, &old_mask);
	prctl(PR_SET_TIMERSLACK, 1UL); /* wake within microseconds of each deadline */
	int tfd = deadline_open(DEADLINE_MONOTONIC);
	if (tfd < 0) {
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		close(sig_pipe[0]);
		close(sig_pipe[1]);
		sig_pipe[0] = sig_pipe[1] = -1;
		return -1;
	}
	if (!o->plain)
		term_enter(&p);
	else if (o->notice)
		printf("%s\n", o->notice);
	handle_effects(&p, e->started);
	bool input_open = true;
	int rc = 0;
	while (e->state != ENGINE_DONE) {
		int64_t now = player_now_ms();
		if (p.dirty && !o->plain)
			draw(&p, now);
		int64_t dl = engine_deadline(e);
		int64_t redraw = next_redraw(&p, now);
		deadline_arm(tfd, DEADLINE_MONOTONIC, dl < redraw ? dl : redraw);
		struct pollfd fds[3] = {
			{ tfd, POLLIN, 0 }, { sig_pipe[0], POLLIN, 0 }, { input_open ? STDIN_FILENO : -1, POLLIN, 0 },
		};
		if (poll(fds, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		if (fds[0].revents & POLLIN) {
			(void)deadline_take(tfd); /* the monotonic clock is never set */
			int64_t t_ns = now_ns();
			if (o->cue_log && dl != ENGINE_NO_DEADLINE && t_ns / 1000000 >= dl)
				fprintf(o->cue_log, "%lld %lld\n", (long long)dl * 1000000, (long long)t_ns);
			int64_t t = t_ns / 1000000;
			struct input in = { IN_TICK, t, 0 };
			engine_input(e, in);
			handle_effects(&p, t);
			if (!o->plain)
				p.dirty = true;
		}
		if (fds[1].revents & POLLIN) {
			char sig;
			while (read(sig_pipe[0], &sig, 1) == 1) {
				if (sig == SIGWINCH) {
					p.dirty = true;
				} else if (sig == SIGTSTP) {
					/* Ctrl-Z: pause, give the terminal back, stop; SIGCONT comes back here */
					send(&p, IN_PAUSE, 0);
					term_leave(&p);
					signal(SIGTSTP, SIG_DFL);
					raise(SIGTSTP);
				} else if (sig == SIGCONT) {
					sigaction(SIGTSTP, &sa, NULL);
					if (!o->plain)
						term_enter(&p);
					p.dirty = true;
				} else {
					quit_signal = sig;
					send(&p, IN_QUIT, 0);
				}
			}
		}
		if (input_open && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)))
			input_open = read_input(&p);
	}
	if (!o->plain) {
		draw(&p, player_now_ms());
		term_leave(&p);
	}
	close(tfd);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
	signal(SIGWINCH, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGCONT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	view_release(&p.view);
	strbuf_release(&p.alert);
	strbuf_release(&p.prompt);
	strbuf_release(&p.inbuf);
	if (rc < 0)
		return rc;
	return p.finished ? 0 : 1;
}
