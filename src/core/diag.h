/* diag.h: a list of problems found in input, each with file, line and column (1-based). */
#ifndef UNHUNCH_DIAG_H
#define UNHUNCH_DIAG_H
#include <stddef.h>

struct pos {
	const char *file; /* borrowed; must outlive the diag list */
	int line;         /* 1-based; 0 when unknown */
	int col;          /* 1-based; 0 when unknown */
};

struct diag {
	char *file;
	int line, col;
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, alloc;
};

void diags_init(struct diags *d);
void diags_release(struct diags *d);
void diags_add(struct diags *d, struct pos p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Stable sort by file, then line, then column. */
void diags_sort(struct diags *d);
/* Format one as "file:line:col: msg" (parts left out when unknown); caller frees. */
char *diag_format(const struct diag *g);

/* Edit distance, for did-you-mean suggestions. */
size_t edit_distance(const char *a, const char *b);
/* The closest of candidates (NULL-terminated) to word, or NULL when none is close. */
const char *did_you_mean(const char *word, const char *const *candidates);

#endif
