/* cnum.h: numbers written with a decimal point whatever the user's locale (a German
 * locale would write 7,5), for SVG coordinates and the numbers of the report and the
 * pages. */
#ifndef UNHUNCH_FORMAT_CNUM_H
#define UNHUNCH_FORMAT_CNUM_H
#include "core/strbuf.h"

/* strbuf_addf in the C locale, on this thread only (uselocale); any thread may call it. */
void cnum_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
