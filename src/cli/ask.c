/* ask.c: questions on the terminal or from scripted standard input, one line each. */
#include "cli.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool read_input_line(struct strbuf *answer)
{
	bool got = false;
	for (;;) {
		char c;
		ssize_t n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got = true;
		if (c == '\n')
			break;
		if (c != '\r')
			strbuf_addch(answer, c);
	}
	return got;
}

bool ask_line(const char *question, struct strbuf *answer)
{
	strbuf_reset(answer);
	fputs(question, stdout);
	fflush(stdout);
	bool got = read_input_line(answer);
	if (!isatty(STDIN_FILENO))
		fputs("\n", stdout); /* keep a transcript readable when answers are piped in */
	return got;
}

int ask_score(const char *question)
{
	struct strbuf a = STRBUF_INIT;
	int tries = isatty(STDIN_FILENO) ? 5 : 1;
	int result = -2;
	while (tries-- > 0) {
		if (!ask_line(question, &a)) {
			result = -1;
			break;
		}
		char *s = a.buf ? a.buf : "";
		while (*s == ' ')
			s++;
		if (!*s) {
			result = -1;
			break;
		}
		char *end;
		long v = strtol(s, &end, 10);
		while (*end == ' ')
			end++;
		if (end != s && !*end && v >= 0 && v <= 10) {
			result = (int)v;
			break;
		}
		fprintf(stderr, "Please give a whole number from 0 to 10, as the question says, or press enter to skip.\n");
	}
	strbuf_release(&a);
	return result;
}

bool ask_yes(const char *question, bool dflt)
{
	struct strbuf a = STRBUF_INIT;
	bool r = dflt;
	if (ask_line(question, &a) && a.len) {
		char c = a.buf[0];
		r = c == 'y' || c == 'Y';
	}
	strbuf_release(&a);
	return r;
}

char *store_path(void)
{
	const char *named = store_named();
	if (named)
		return xstrdup(named);
	char *dir = datadir_store();
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/unhunch.db", dir);
	free(dir);
	return strbuf_detach(&sb);
}
