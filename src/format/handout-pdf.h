/* handout-pdf.h: a printable handout of routines as a PDF (A4), drawn with cairo, its
 * pictures drawn from the exercises' poses with librsvg: for each exercise in order,
 * its number and name, the dose, the pictures, the steps and what to take care of. */
#ifndef UNHUNCH_HANDOUT_PDF_H
#define UNHUNCH_HANDOUT_PDF_H
#include "app/handout.h"
#include "core/strbuf.h"

/* One routine: its exercises in the order they are done. */
struct handout_section {
	const char *title;
	const char *text; /* a paragraph under the title, or NULL */
	const struct app_handout_item *items; /* the use case's (app/handout.h) */
	size_t n;
};

struct handout {
	const char *title;
	const char *subtitle; /* or NULL */
	const struct handout_section *sec;
	size_t n;
	const char *left_out; /* a line about exercises left out for now, or NULL */
};

/* Append the handout as a PDF document to out. Returns -1 with the reason in err when
 * cairo or librsvg fail. */
int handout_pdf(const struct handout *h, struct strbuf *out, struct strbuf *err);

#endif
