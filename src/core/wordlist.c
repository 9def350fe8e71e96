/* wordlist.c: a sorted set of lowercased words (wordlist.h). */
#include "core/wordlist.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

static void lower_ascii(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] - 'A' + 'a');
}

void wordlist_add(struct wordlist *w, const char *word, size_t len)
{
	GROW(w->words, w->n + 1, w->alloc);
	char *copy = xstrndup(word, len);
	lower_ascii(copy, strlen(copy));
	w->words[w->n++] = copy;
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void wordlist_sort(struct wordlist *w)
{
	if (!w->n)
		return;
	qsort(w->words, w->n, sizeof(*w->words), by_bytes);
	size_t out = 1;
	for (size_t i = 1; i < w->n; i++) {
		if (!strcmp(w->words[i], w->words[out - 1]))
			free(w->words[i]);
		else
			w->words[out++] = w->words[i];
	}
	w->n = out;
}

bool wordlist_has(const struct wordlist *w, const char *word, size_t len)
{
	if (!w || !w->n || memchr(word, 0, len))
		return false;
	char *key = xstrndup(word, len);
	lower_ascii(key, len);
	bool found = bsearch(&key, w->words, w->n, sizeof(*w->words), by_bytes) != NULL;
	free(key);
	return found;
}

void wordlist_release(struct wordlist *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->words[i]);
	free(w->words);
	memset(w, 0, sizeof(*w));
}
