/* reason.c: a sentence of the plan kept as data, written with its numbers in C or in
 * the user's locale (reason.h). */
#include "reason.h"
#include "cnum.h"
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void reason_clear(struct reason *r)
{
	r->words[0] = '\0';
	r->n = 0;
}

bool reason_empty(const struct reason *r)
{
	return !r->words[0];
}

/* Append n bytes of s, keeping the NUL; what does not fit is cut, as snprintf does. */
static void put(struct reason *r, const char *s, size_t n, bool marks)
{
	size_t len = strlen(r->words);
	for (size_t i = 0; i < n && s[i] && len + 1 < sizeof(r->words); i++)
		if (s[i] != REASON_MARK || marks)
			r->words[len++] = s[i];
	r->words[len] = '\0';
}

void reason_add(struct reason *r, const char *words)
{
	put(r, words, strlen(words), false);
}

void reason_addf(struct reason *r, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	reason_add(r, sb.buf);
	strbuf_release(&sb);
}

void reason_num(struct reason *r, double v)
{
	size_t len = strlen(r->words);
	if (r->n == REASON_NUMS || len + 2 > sizeof(r->words))
		return;
	r->num[r->n++] = v;
	put(r, (char[]){ REASON_MARK, 0 }, 1, true);
}

void reason_cat(struct reason *r, const struct reason *more)
{
	unsigned k = 0;
	for (const char *p = more->words; *p; p++) {
		if (*p == REASON_MARK && k < more->n)
			reason_num(r, more->num[k++]);
		else if (*p != REASON_MARK)
			put(r, p, 1, false);
	}
}

void reason_capitalize(struct reason *r)
{
	r->words[0] = (char)toupper((unsigned char)r->words[0]);
}

void reason_num_write(double v, enum reason_numbers how, struct strbuf *out)
{
	double x = round(v * 10) / 10;
	if (fabs(x - round(x)) < 1e-9)
		strbuf_addf(out, "%d", (int)round(x));
	else if (how == REASON_C)
		cnum_addf(out, "%.1f", x);
	else
		strbuf_addf(out, "%.1f", x);
}

void reason_write(const struct reason *r, enum reason_numbers how, struct strbuf *out)
{
	unsigned k = 0;
	for (const char *p = r->words; *p; p++) {
		const char *q = strchr(p, REASON_MARK);
		size_t n = q ? (size_t)(q - p) : strlen(p);
		strbuf_add(out, p, n);
		p += n;
		if (!*p)
			break;
		if (k < r->n)
			reason_num_write(r->num[k++], how, out);
	}
}

void reason_set_text(struct reason *r, const char *text)
{
	reason_clear(r);
	reason_add(r, text);
}

/* A number as reason_num_write(REASON_C) writes it: digits, then a point and one digit. */
static size_t read_num(const char *s, double *v)
{
	size_t n = 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	if (!n)
		return 0;
	if (s[n] == '.' && isdigit((unsigned char)s[n + 1]))
		n += 2;
	char *end;
	*v = cnum_strtod(s, &end);
	return (size_t)(end - s) == n ? n : 0;
}

bool reason_read(const char *pattern, const char *text, struct reason *r)
{
	reason_clear(r);
	const char *s = text;
	for (const char *p = pattern; *p;) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close)
				goto no;
			double v;
			size_t n;
			if (!strncmp(s, "level", 5)) {
				reason_add(r, "level");
				s += 5;
			} else if ((n = read_num(s, &v))) {
				reason_num(r, v);
				s += n;
			} else {
				goto no;
			}
			p = close + 1;
			continue;
		}
		if (s == text ? tolower((unsigned char)*s) != tolower((unsigned char)*p) : *s != *p)
			goto no;
		put(r, s, 1, false);
		s++, p++;
	}
	reason_add(r, s);
	struct strbuf back = STRBUF_INIT;
	reason_write(r, REASON_C, &back);
	bool same = !strcmp(back.buf ? back.buf : "", text);
	strbuf_release(&back);
	if (same)
		return true;
no:
	reason_clear(r);
	return false;
}
