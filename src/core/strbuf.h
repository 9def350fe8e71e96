/* strbuf.h: a growable, always NUL-terminated string buffer (after git's strbuf). */
#ifndef UNHUNCH_STRBUF_H
#define UNHUNCH_STRBUF_H
#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;   /* never NULL after init; NUL-terminated */
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* Hand the buffer to the caller (who frees it) and reset sb. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* The contents, or "" for a buffer never written. */
const char *strbuf_str(const struct strbuf *sb);

#endif
