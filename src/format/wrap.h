/* wrap.h: text word-wrapped for the terminal. */
#ifndef UNHUNCH_FORMAT_WRAP_H
#define UNHUNCH_FORMAT_WRAP_H
#include "core/strbuf.h"

/* Append text wrapped at width columns to out, the first line after `first`, the
 * others after `rest`, ending with a line break. */
void format_wrapped(struct strbuf *out, const char *first, const char *rest, const char *text, int width);

#endif
