/* wrap.c: word-wrapping for the terminal (wrap.h). */
#include "format/wrap.h"
#include <string.h>

void format_wrapped(struct strbuf *out, const char *first, const char *rest, const char *text, int width)
{
	size_t line = out->len; /* where the current line starts in out */
	strbuf_addstr(out, first);
	int col = (int)(out->len - line), start = col;
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (!*p)
			break;
		size_t w = strcspn(p, " \n");
		if (col > start && col + 1 + (int)w > width) {
			strbuf_addch(out, '\n');
			line = out->len;
			strbuf_addstr(out, rest);
			col = start = (int)(out->len - line);
		} else if (col > start) {
			strbuf_addch(out, ' ');
			col++;
		}
		strbuf_add(out, p, w);
		col += (int)w;
		p += w;
	}
	strbuf_addch(out, '\n');
}
