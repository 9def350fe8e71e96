/* text.c: text in and out of the terminal: word-wrapping, checking what the user
 * typed, and showing stored text with its control characters made visible. */
#include "cli.h"
#include "core/utf8.h"
#include "format/wrap.h"
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define NARROWEST 30 /* columns: below this, wrap at this all the same */

/* width, or the terminal's when f is one and it is narrower (a column spare, so a line
 * that fills it is not wrapped a second time by the terminal). */
static int fit_width(FILE *f, int width)
{
	struct winsize ws;
	int fd = fileno(f);
	if (fd < 0 || !isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) || !ws.ws_col || ws.ws_col - 1 >= width)
		return width;
	return ws.ws_col - 1 < NARROWEST ? NARROWEST : ws.ws_col - 1;
}

void print_wrapped(FILE *f, const char *first, const char *rest, const char *text, int width)
{
	struct strbuf sb = STRBUF_INIT;
	format_wrapped(&sb, first, rest, text, fit_width(f, width));
	fputs(strbuf_str(&sb), f);
	strbuf_release(&sb);
}

void prompt_wrapped(struct strbuf *out, const char *first, const char *rest, const char *text, int width)
{
	format_wrapped(out, first, rest, text, fit_width(stdout, width));
	/* the answer is typed on the last line, after a space */
	if (out->len && out->buf[out->len - 1] == '\n')
		out->buf[out->len - 1] = ' ';
}

bool term_full_screen(void)
{
	const char *term = cli_env.term;
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && *term && strcmp(term, "dumb");
}

int text_check(const char *what, const char *s, size_t len, size_t max, bool multiline, struct strbuf *err)
{
	size_t bad;
	if (memchr(s, '\0', len)) {
		strbuf_addf(err, "%s holds a NUL byte, which text may not hold (nothing after it would be kept)", what);
		return -1;
	}
	if (!utf8_valid(s, len, &bad)) {
		strbuf_addf(err, "%s is not valid UTF-8 text (a broken character at byte %zu); set the terminal to "
				 "UTF-8 (for example LANG=C.UTF-8) and type it again", what, bad + 1);
		return -1;
	}
	unsigned cp = utf8_control(s, multiline);
	char name[8];
	if (cp == '\n' || cp == '\t') {
		strbuf_addf(err, "%s must be one line (it holds a %s)", what, cp == '\n' ? "line break" : "tab");
		return -1;
	}
	if (cp) {
		strbuf_addf(err, "%s holds a control character (%s); type it again without it (an arrow or Ctrl key "
				 "may have slipped in)", what, utf8_control_name(cp, name));
		return -1;
	}
	size_t n = utf8_chars(s);
	if (max && n > max) {
		strbuf_addf(err, "%s is %zu characters long; at most %zu fit, so cut %zu", what, n, max, n - max);
		return -1;
	}
	return 0;
}

const char *text_shown(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	utf8_visible(sb, s ? s : "", false);
	return sb->buf;
}
