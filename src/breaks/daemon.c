/* daemon.c: the break coach's event loop (see daemon.h). */
#include "breaks/daemon.h"
#include "breaks/notify.h"
#include "breaks/presence.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include "os/deadline.h"
#include <time.h>
#include <unistd.h>

struct loop {
	const struct breaks_run_opts *o;
	const struct breaks_hooks *h;
	struct brk_sched s;
	struct notifier *nt;
	struct presence pr;   /* idle and do-not-disturb sources */
	bool desktop_ok;      /* the last notification was shown on the desktop */
	bool stdin_open;
	struct strbuf line;
	int resolved;         /* reminders answered or let go */
};

static int utc_offset(int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	return localtime_r(&t, &tm) ? (int)tm.tm_gmtoff : 0;
}

/* The scheduler's input now (do-not-disturb is filled in by update()). */
static struct brk_input input_now(struct loop *l)
{
	struct brk_input in = { presence_now_ms(), 0, 0, false };
	in.utc_offset_s = utc_offset(in.now);
	in.idle_ms = presence_idle_ms(&l->pr, in.now);
	return in;
}

static void stamp(char *buf, size_t n, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, n, "%H:%M:%S", &tm);
}

static void show(struct loop *l, const struct brk_show *r)
{
	struct strbuf sum = STRBUF_INIT, body = STRBUF_INIT;
	bool start = true;
	l->h->describe(r, &sum, &body, &start, l->h->ctx);
	bool actions = r->actions && start;
	char why[256] = "";
	l->desktop_ok = false;
	if (l->nt && notify_show(l->nt, sum.buf, body.buf, actions, r->can_skip,
				 (int)l->o->set->sched.answer_ms, why, sizeof(why)) == 0)
		l->desktop_ok = true;
	char t[16];
	stamp(t, sizeof(t), presence_now_ms());
	if (!l->desktop_ok)
		fputc('\a', stdout);
	printf("%s %s: ", t, sum.buf);
	for (const char *c = body.buf; *c; c++) /* later lines of the body indented */
		fputs(*c == '\n' ? "\n  " : (char[]){ *c, 0 }, stdout);
	putchar('\n');
	if (actions)
		printf("  Answer: start, later%s\n", r->can_skip ? ", skip" : " (no skips left today)");
	if (l->nt && !l->desktop_ok && why[0])
		printf("  (no desktop notification: %s)\n", why);
	fflush(stdout);
	strbuf_release(&sum);
	strbuf_release(&body);
}

/* Log and print the effects of the last scheduler call; play a reset after Start. */
static void effects(struct loop *l)
{
	struct brk_sched *s = &l->s;
	if (s->withdraw) {
		notify_withdraw(l->nt);
		l->resolved++;
	}
	const char *play = NULL;
	enum brk_kind play_kind = BRK_MICRO;
	for (size_t i = 0; i < s->n_ev; i++) {
		const struct brk_event *e = &s->ev[i];
		l->h->log(e, l->h->ctx);
		char t[16];
		stamp(t, sizeof(t), e->at);
		printf("%s %s %s break%s%s%s%s\n", t, brk_event_names[e->what], brk_kind_names[e->kind],
		       *e->exercise ? " " : "", e->exercise, *e->detail ? ": " : "", e->detail);
		if (e->what != BEV_SHOWN && !(e->what == BEV_POSTPONED && !strcmp(e->detail, "do not disturb")) &&
		    e->what != BEV_NATURAL)
			l->resolved++;
		if (e->what == BEV_TAKEN) {
			play = e->exercise;
			play_kind = e->kind;
		}
	}
	fflush(stdout);
	if (s->show) {
		show(l, &s->reminder);
		if (!s->reminder.actions)
			l->resolved++;
	}
	if (play && *play)
		l->h->play(play_kind, play, l->h->ctx);
}

static void answer(struct loop *l, enum brk_action a)
{
	struct brk_input in = input_now(l);
	notify_withdraw(l->nt);
	brk_act(&l->s, &in, a);
	effects(l);
}

/* Time passed or presence changed. Do-not-disturb may cost calls on the bus, so it is
 * asked only when a trial run on a copy of the scheduler would show a reminder. */
static void update(struct loop *l)
{
	struct brk_input in = input_now(l);
	struct brk_sched trial = l->s;
	brk_update(&trial, &in);
	if (trial.show)
		in.dnd = presence_dnd(&l->pr);
	brk_update(&l->s, &in);
	effects(l);
}

static void read_line(struct loop *l)
{
	char c;
	ssize_t r = read(STDIN_FILENO, &c, 1); /* a byte at a time: later lines are left for the reset */
	if (r <= 0) {
		if (r == 0 || (errno != EINTR && errno != EAGAIN))
			l->stdin_open = false;
		return;
	}
	if (c != '\n') {
		if (l->line.len < 64)
			strbuf_addch(&l->line, c);
		return;
	}
	const char *w = strbuf_str(&l->line);
	if (!strcmp(w, "start") || !strcmp(w, "s"))
		answer(l, BACT_START);
	else if (!strcmp(w, "later") || !strcmp(w, "l"))
		answer(l, BACT_POSTPONE);
	else if (!strcmp(w, "skip") || !strcmp(w, "k"))
		answer(l, BACT_SKIP);
	else if (*w)
		printf("  (answers: start, later, skip)\n");
	fflush(stdout);
	strbuf_reset(&l->line);
}

int breaks_run(const struct breaks_run_opts *o, const struct breaks_hooks *h)
{
	struct loop l;
	memset(&l, 0, sizeof(l));
	l.o = o;
	l.h = h;
	l.stdin_open = true;
	strbuf_init(&l.line);
	char why[256] = "";
	if (o->set->desktop && !(l.nt = notify_open(why, sizeof(why))))
		printf("No desktop notifications (%s): reminders come here, with a bell.\n", why);

	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	int tfd = deadline_open(DEADLINE_WALL);
	if (sfd < 0 || tfd < 0) {
		perror("unhunch breaks");
		if (sfd >= 0)
			close(sfd);
		if (tfd >= 0)
			close(tfd);
		notify_close(l.nt);
		sigprocmask(SIG_UNBLOCK, &mask, NULL);
		strbuf_release(&l.line);
		return -1;
	}
	struct strbuf said = STRBUF_INIT;
	presence_open(&l.pr, o->set->idle, o->set->dnd, o->set->sched.away_ms, &said);
	fputs(said.buf, stdout);
	fflush(stdout);
	strbuf_release(&said);
	struct brk_input in = input_now(&l);
	brk_init(&l.s, &o->set->sched, o->rotation, o->n_rotation, o->move_exercise, &in);
	int rc = 0;
	for (;;) {
		if (o->reminders && l.resolved >= o->reminders)
			break;
		deadline_arm(tfd, DEADLINE_WALL, brk_deadline(&l.s, utc_offset(presence_now_ms())));
		/* the buses' own timeouts (pending method calls), if any */
		int timeout = -1;
		uint64_t bt = presence_timeout(&l.pr);
		if (l.nt && notify_timeout(l.nt) < bt)
			bt = notify_timeout(l.nt);
		if (bt != UINT64_MAX) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			uint64_t mono = (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
			timeout = bt <= mono ? 0 : (int)((bt - mono) / 1000 + 1);
		}
		struct pollfd fds[4 + PRESENCE_MAX] = {
			{ tfd, POLLIN, 0 },
			{ sfd, POLLIN, 0 },
			{ l.stdin_open ? STDIN_FILENO : -1, POLLIN, 0 },
			{ l.nt ? notify_fd(l.nt) : -1, l.nt ? notify_events(l.nt) : 0, 0 },
		};
		int nfds = 4 + presence_fds(&l.pr, fds + 4);
		if (poll(fds, (nfds_t)nfds, timeout) < 0) {
			if (errno == EINTR)
				continue;
			perror("unhunch breaks");
			rc = -1;
			break;
		}
		if (fds[1].revents & POLLIN) {
			/* taken off the signalfd, or it would still be pending, and kill us, once
			 * the mask is lifted below */
			struct signalfd_siginfo si;
			ssize_t got = read(sfd, &si, sizeof(si));
			(void)got;
			break;
		}
		if (fds[0].revents & POLLIN) {
			if (!deadline_take(tfd))
				continue;
			/* a deadline, or the clock was set: recompute either way */
			update(&l);
		}
		if (presence_process(&l.pr))
			update(&l); /* away, back, or do-not-disturb changed */
		if (l.stdin_open && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)))
			read_line(&l);
		if (l.nt) {
			notify_process(l.nt);
			enum notify_answer a = notify_take_answer(l.nt);
			if (a != NOTIFY_NONE)
				answer(&l, a == NOTIFY_START ? BACT_START : a == NOTIFY_LATER ? BACT_POSTPONE : BACT_SKIP);
		}
	}
	notify_withdraw(l.nt);
	notify_close(l.nt);
	presence_close(&l.pr);
	close(tfd);
	close(sfd);
	sigprocmask(SIG_UNBLOCK, &mask, NULL);
	strbuf_release(&l.line);
	return rc;
}
