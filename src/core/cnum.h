/* cnum.h: numbers written and read with a decimal point whatever the user's locale (a
 * German LC_NUMERIC, which main takes from the environment for the terminal's text,
 * would write 7,5 and read "7.5" as 7). Every machine format goes through these: the
 * SVG coordinates, the numbers of the report and the pages, CSV, the backup, the SQL
 * parameters and results of the PostgreSQL backend, the numbers a request carries.
 * (JSON written and read by jansson is safe on its own: it swaps the point itself.) */
#ifndef UNHUNCH_CNUM_H
#define UNHUNCH_CNUM_H
#include "core/strbuf.h"
#include <stddef.h>

/* strbuf_addf in the C locale, on this thread only (uselocale); any thread may call it. */
void cnum_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* snprintf in the C locale, the same way. */
int cnum_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* strtod in the C locale, the same way. */
double cnum_strtod(const char *s, char **end);

#endif
