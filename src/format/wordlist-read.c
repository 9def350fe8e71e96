/* wordlist-read.c: a word list file into a struct wordlist (wordlist-read.h). */
#include "format/wordlist-read.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wordlist_read(struct wordlist *w, const char *path, struct strbuf *err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		strbuf_addf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len == 0 || !strncmp(line, "#!comment:", 10))
			continue;
		wordlist_add(w, line, (size_t)len);
	}
	int failed = ferror(f);
	free(line);
	fclose(f);
	if (failed) {
		strbuf_addf(err, "%s: could not read it", path);
		return -1;
	}
	if (!w->n) {
		strbuf_addf(err, "%s: holds no word", path);
		return -1;
	}
	wordlist_sort(w);
	return 0;
}
