/* reason.h: a sentence of the plan kept as data: its words, with a mark where each of
 * its numbers goes, and the numbers themselves. Whoever shows it writes the numbers:
 * the terminal in the user's locale ("5,5" in German), the machine formats (JSON, the
 * calendar, the pages, the store) in C ("5.5"). A number is written as the plan writes
 * it: whole when it rounds to a whole, else with one decimal ("3", "5.5").
 *
 * Pure: no allocation, no I/O. The plan's note, the assessment's reasons and the dose
 * rules' reasons are reasons (plan.h). */
#ifndef UNHUNCH_REASON_H
#define UNHUNCH_REASON_H
#include "strbuf.h"
#include <stdbool.h>
#include <stddef.h>

#define REASON_MAX 1024  /* bytes of the words, with their NUL */
#define REASON_NUMS 8    /* numbers in one reason, at most */
#define REASON_MARK '\x1f' /* where a number goes in the words */

struct reason {
	char words[REASON_MAX];
	double num[REASON_NUMS];
	unsigned n;               /* numbers used */
};

enum reason_numbers {
	REASON_C,      /* a decimal point whatever the locale: every machine format */
	REASON_LOCALE, /* the locale's LC_NUMERIC: text for a person */
};

void reason_clear(struct reason *r);
bool reason_empty(const struct reason *r);
/* Append words (a REASON_MARK in them is dropped), or words written by fmt (integers
 * and words only: a double goes through reason_num). */
void reason_add(struct reason *r, const char *words);
void reason_addf(struct reason *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a number (rounded to one decimal). */
void reason_num(struct reason *r, double v);
/* Append another reason, numbers and all. */
void reason_cat(struct reason *r, const struct reason *more);
/* The first letter up ("the next morning" -> "The next morning"). */
void reason_capitalize(struct reason *r);

/* Write the sentence with its numbers as `how` says. */
void reason_write(const struct reason *r, enum reason_numbers how, struct strbuf *out);
/* One number as reasons write it: "3", "5.5" (REASON_C) or "5,5" (a German locale). */
void reason_num_write(double v, enum reason_numbers how, struct strbuf *out);

/* Read a sentence back against a pattern whose places "{...}" each stand for a number
 * as reason_num_write(REASON_C) writes it, or for the word "level" (a number not
 * known): the pattern must match from the start of text (its first letter in either
 * case), and the rest of text is kept as words. True, with r filled, when it matches
 * and r written in C gives text back exactly; false (r cleared) otherwise. */
bool reason_read(const char *pattern, const char *text, struct reason *r);
/* The text as words only, no numbers (a stored sentence read back as it is). */
void reason_set_text(struct reason *r, const char *text);

#endif
