/* json-stream.h: a JSON document written a piece at a time, byte for byte as
 * json_dumps(doc, flags) with JSON_INDENT(n) writes it whole, so that a long list (the
 * check-ins of ten years) is never held as one tree or one string: the document holds
 * a mark where each long list goes, and each list gives its elements one by one. */
#ifndef UNHUNCH_JSON_STREAM_H
#define UNHUNCH_JSON_STREAM_H
#include "core/strbuf.h"
#include "format/outfile.h"
#include <jansson.h>

/* The mark of list i, to put in the document where the list goes (a new reference). */
json_t *json_stream_mark(size_t i);

/* The elements of a list: 1 with a new reference in *out, 0 at the end, -1 with err. */
typedef int (*json_stream_next)(void *arg, json_t **out, struct strbuf *err);
struct json_stream_list {
	json_stream_next next;
	void *arg;
};

/* Write doc with flags (JSON_INDENT(n) and any others), list i where mark i is, then
 * a newline. Returns 0, or -1 with err (what a list said, or out of memory). */
int json_stream_write(json_t *doc, size_t flags, const struct json_stream_list *lists, size_t n,
		      struct outfile_sink *s, struct strbuf *err);

#endif
