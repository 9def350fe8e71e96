/* store-counts.h: what a store holds, in words ("3 sessions, 1 check-in"). */
#ifndef UNHUNCH_FORMAT_STORE_COUNTS_H
#define UNHUNCH_FORMAT_STORE_COUNTS_H
#include "app/export.h"
#include "core/strbuf.h"

/* Appends the words to out; nothing when the store is empty. */
void format_store_counts(const struct app_store_counts *c, struct strbuf *out);

#endif
