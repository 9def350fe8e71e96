/* wordlist.h: a set of words looked up by binary search, for the list of the most
 * common passwords (app/password.c). Pure: the file is read by format/wordlist-read.c. */
#ifndef UNHUNCH_WORDLIST_H
#define UNHUNCH_WORDLIST_H
#include <stdbool.h>
#include <stddef.h>

struct wordlist {
	char **words; /* lowercased (ASCII), sorted, no duplicates once wordlist_sort ran */
	size_t n, alloc;
};

/* Add a copy of word[0..len), lowercased (ASCII letters). */
void wordlist_add(struct wordlist *w, const char *word, size_t len);
/* Sort and drop duplicates; call once after the last add and before wordlist_has. */
void wordlist_sort(struct wordlist *w);
/* Whether word[0..len), lowercased, is in the list. */
bool wordlist_has(const struct wordlist *w, const char *word, size_t len);
void wordlist_release(struct wordlist *w);

#endif
