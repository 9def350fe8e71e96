/* text.c: word-wrapping for terminal output. */
#include "cli.h"
#include <string.h>

void print_wrapped(FILE *f, const char *first, const char *rest, const char *text, int width)
{
	const char *indent = first;
	int col = fprintf(f, "%s", indent);
	int start = col;
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (!*p)
			break;
		size_t w = strcspn(p, " \n");
		if (col > start && col + 1 + (int)w > width) {
			indent = rest;
			col = fprintf(f, "\n%s", indent) - 1;
			start = col;
		} else if (col > start) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, w, f);
		col += (int)w;
		p += w;
	}
	fputc('\n', f);
}
