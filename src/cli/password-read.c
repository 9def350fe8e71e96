/* password-read.c: read a password so that it is never shown, logged or put in
 * argv: on a terminal it is asked without echo (twice for a new one, which must
 * match), and the terminal is given back as it was even on Ctrl-C; from a pipe or a
 * file it is one line of standard input. */
#include "cli.h"
#include "core/strbuf.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static volatile sig_atomic_t echo_off;

static void restore(int sig)
{
	if (echo_off)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void wipe(struct strbuf *sb)
{
	if (sb->buf)
		memset(sb->buf, 0, sb->len);
	strbuf_reset(sb);
}

static bool ask_hidden(const char *prompt, struct strbuf *pw)
{
	fputs(prompt, stderr);
	fflush(stderr);
	struct termios quiet;
	bool hidden = tcgetattr(STDIN_FILENO, &saved) == 0;
	if (hidden) {
		quiet = saved;
		quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		signal(SIGINT, restore);
		signal(SIGTERM, restore);
		signal(SIGHUP, restore);
		echo_off = 1;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool got = read_input_line(pw);
	if (hidden) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		echo_off = 0;
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
	}
	fputs("\n", stderr);
	return got;
}

int password_read(const char *prompt, bool confirm, struct strbuf *pw)
{
	wipe(pw);
	if (!isatty(STDIN_FILENO))
		return read_input_line(pw) ? 0 : -1;
	if (!ask_hidden(prompt, pw))
		return -1;
	if (!confirm)
		return 0;
	struct strbuf again = STRBUF_INIT;
	bool same = ask_hidden("The same password again: ", &again) && again.len == pw->len &&
		    !memcmp(again.buf ? again.buf : "", pw->buf ? pw->buf : "", pw->len);
	wipe(&again);
	strbuf_release(&again);
	if (!same) {
		wipe(pw);
		return -2;
	}
	return 0;
}

void password_wipe(struct strbuf *pw)
{
	wipe(pw);
	strbuf_release(pw);
}
