/* json-stream.c: a JSON document written a piece at a time (see json-stream.h). */
#include "format/json-stream.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK "@@unhunch-stream-%zu@@"

json_t *json_stream_mark(size_t i)
{
	char m[48];
	snprintf(m, sizeof(m), MARK, i);
	return json_string(m);
}

/* An element dumped alone, each of its lines after the first moved in by indent. */
struct indented {
	struct outfile_sink *s;
	size_t indent;
};

static const char spaces[] = "                                                                ";

static void put_indent(struct outfile_sink *s, size_t n)
{
	for (; n > sizeof(spaces) - 1; n -= sizeof(spaces) - 1)
		outfile_put(s, spaces, sizeof(spaces) - 1);
	outfile_put(s, spaces, n);
}

static int put_indented(const char *buf, size_t len, void *data)
{
	struct indented *in = data;
	while (len) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) + 1 : len;
		outfile_put(in->s, buf, n);
		if (nl)
			put_indent(in->s, in->indent);
		buf += n;
		len -= n;
	}
	return in->s->err ? -1 : 0;
}

static int write_list(const struct json_stream_list *l, size_t indent, size_t flags, struct outfile_sink *s,
		      struct strbuf *err)
{
	struct indented in = { s, indent + (flags & 0x1f) }; /* JSON_INDENT(n) is n in the low bits */
	size_t k = 0;
	outfile_put(s, "[", 1);
	for (;; k++) {
		json_t *e = NULL;
		int rc = l->next(l->arg, &e, err);
		if (rc < 0)
			return -1;
		if (!rc)
			break;
		outfile_put(s, k ? ",\n" : "\n", k ? 2 : 1);
		put_indent(s, in.indent);
		int d = json_dump_callback(e, put_indented, &in, flags);
		json_decref(e);
		if (d && !s->err) {
			strbuf_addstr(err, "cannot write the JSON: out of memory");
			return -1;
		}
	}
	if (k) {
		outfile_put(s, "\n", 1);
		put_indent(s, indent);
	}
	outfile_put(s, "]", 1);
	return 0;
}

int json_stream_write(json_t *doc, size_t flags, const struct json_stream_list *lists, size_t n,
		      struct outfile_sink *s, struct strbuf *err)
{
	char *head = json_dumps(doc, flags);
	if (!head) {
		strbuf_addstr(err, "cannot write the JSON: out of memory");
		return -1;
	}
	const char *at = head;
	int ret = 0;
	for (size_t i = 0; i < n && !ret; i++) {
		char m[48];
		snprintf(m, sizeof(m), "\"" MARK "\"", i);
		const char *p = strstr(at, m);
		if (!p)
			continue; /* the list is not in the document */
		const char *line = p;
		while (line > head && line[-1] != '\n')
			line--;
		size_t indent = strspn(line, " ");
		outfile_put(s, at, (size_t)(p - at));
		ret = write_list(&lists[i], indent, flags, s, err);
		at = p + strlen(m);
	}
	if (!ret) {
		outfile_put(s, at, strlen(at));
		outfile_put(s, "\n", 1);
	}
	free(head);
	return ret;
}
