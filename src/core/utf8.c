/* utf8.c: UTF-8 checks, Latin-1 repair and safe display of text (see utf8.h). */
#include "utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Length of the well-formed sequence at s (at most n bytes) and its code point, or 0
 * when the bytes there do not start one (RFC 3629, Unicode table 3-7). */
static size_t seq(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	unsigned lo = 0x80, hi = 0xBF, v;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
	else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	v = v << 6 | (s[1] & 0x3F);
	for (size_t i = 2; i < len; i++) {
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

bool utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;
	for (size_t i = 0; i < n;) {
		size_t k = seq(u + i, n - i, &cp);
		if (!k) {
			if (bad)
				*bad = i;
			return false;
		}
		i += k;
	}
	return true;
}

bool utf8_valid_str(const char *s)
{
	return !s || utf8_valid(s, strlen(s), NULL);
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		n += (*u & 0xC0) != 0x80;
	return n;
}

static void add_cp(struct strbuf *out, unsigned cp)
{
	if (cp < 0x80) {
		strbuf_addch(out, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addch(out, (char)(0xC0 | cp >> 6));
		strbuf_addch(out, (char)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(out, (char)(0xE0 | cp >> 12));
		strbuf_addch(out, (char)(0x80 | (cp >> 6 & 0x3F)));
		strbuf_addch(out, (char)(0x80 | (cp & 0x3F)));
	}
}

void utf8_repair(struct strbuf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;
	for (size_t i = 0; i < n;) {
		size_t k = seq(u + i, n - i, &cp);
		if (k) {
			strbuf_add(out, s + i, k);
			i += k;
		} else {
			add_cp(out, u[i++]); /* Latin-1: the byte is the code point */
		}
	}
	if (!out->buf)
		strbuf_addstr(out, "");
}

static bool is_control(unsigned cp, bool multiline)
{
	if (multiline && (cp == '\n' || cp == '\t'))
		return false;
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

unsigned utf8_control(const char *s, bool multiline)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	unsigned cp;
	for (size_t i = 0; i < n;) {
		size_t k = seq(u + i, n - i, &cp);
		if (!k) {
			i++;
			continue;
		}
		if (is_control(cp, multiline))
			return cp ? cp : 0x100; /* never reached for a C string, but never 0 */
		i += k;
	}
	return 0;
}

const char *utf8_control_name(unsigned cp, char *buf)
{
	static const struct {
		unsigned cp;
		const char *name;
	} names[] = { { 0x1B, "ESC" }, { 0x07, "BEL" }, { 0x0D, "CR" }, { 0x0A, "LF" },
		      { 0x09, "TAB" }, { 0x08, "BS" },  { 0x7F, "DEL" } };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].cp == cp)
			return names[i].name;
	snprintf(buf, 8, "U+%04X", cp & 0xFFFF);
	return buf;
}

void utf8_visible(struct strbuf *out, const char *s, bool multiline)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	unsigned cp;
	for (size_t i = 0; i < n;) {
		size_t k = seq(u + i, n - i, &cp);
		if (!k) {
			strbuf_addf(out, "\\x%02X", u[i++]);
		} else if (is_control(cp, multiline)) {
			if (cp < 0x100 && k == 1)
				strbuf_addf(out, "\\x%02X", cp);
			else
				strbuf_addf(out, "\\u%04X", cp);
			i += k;
		} else {
			strbuf_add(out, s + i, k);
			i += k;
		}
	}
	if (!out->buf)
		strbuf_addstr(out, "");
}
