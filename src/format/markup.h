/* markup.h: text made safe inside HTML and XML (SVG) documents. */
#ifndef UNHUNCH_MARKUP_H
#define UNHUNCH_MARKUP_H
#include "core/strbuf.h"

/* Append s with & < > " ' escaped, so any text is shown as text, never markup.
 * Control characters other than tab and newline are dropped. NULL appends nothing. */
void markup_escape(struct strbuf *out, const char *s);

#endif
