/* input.c: what a request sends (a JSON body, a form, a query string) checked against
 * the route's fields: unknown fields, wrong types, values out of range and missing
 * fields are refused with a 400 that names the field, before any handler runs. */
#include "http/handler.h"
#include "core/cnum.h"
#include "core/diag.h"
#include "core/strbuf.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_NAME 128 /* longest field path reported, e.g. "regions.neck" */

static const struct field *field_find(const struct field *fields, const char *name)
{
	for (const struct field *f = fields; f && f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static void unknown(struct req *rq, const struct field *fields, const char *path)
{
	const char *names[64];
	size_t n = 0;
	for (const struct field *f = fields; f && f->name && n < 63; f++)
		names[n++] = f->name;
	names[n] = NULL;
	const char *leaf = strrchr(path, '.');
	const char *hint = did_you_mean(leaf ? leaf + 1 : path, names);
	if (hint)
		reply_error(rq, 400, "unknown_field", path, "%s: there is no such field here (did you mean '%s'?)",
			    path, hint);
	else
		reply_error(rq, 400, "unknown_field", path, "%s: there is no such field here", path);
}

/* Whole text as a number; false when it is not one. */
static bool text_number(const char *s, double *out, bool whole)
{
	if (!*s || strlen(s) > 32)
		return false;
	char *end;
	errno = 0;
	if (whole) {
		long long v = strtoll(s, &end, 10);
		*out = (double)v;
	} else {
		*out = cnum_strtod(s, &end);
	}
	return !*end && !errno && isfinite(*out) && !(s[0] == ' ' || s[0] == '+');
}

static json_t *text_bool(const char *s)
{
	static const char *const yes[] = { "true", "on", "1", "yes", NULL }, *const no[] = { "false", "off", "0", "no", NULL };
	for (int i = 0; yes[i]; i++)
		if (!strcmp(s, yes[i]))
			return json_true();
	for (int i = 0; no[i]; i++)
		if (!strcmp(s, no[i]))
			return json_false();
	return NULL;
}

static json_t *check_object(struct req *rq, json_t *in, const struct field *fields, bool from_text, const char *prefix);

/* One value converted and checked; NULL with the answer given. */
static json_t *check_value(struct req *rq, const struct field *f, json_t *v, bool from_text, const char *path)
{
	const char *text = from_text && json_is_string(v) ? json_string_value(v) : NULL;
	switch (f->type) {
	case FIELD_STRING: {
		if (!json_is_string(v))
			break;
		size_t len = json_string_length(v);
		if (memchr(json_string_value(v), '\0', len)) {
			reply_error(rq, 400, "bad_value", path, "%s: must not hold a NUL character", path);
			return NULL;
		}
		if ((f->max > 0 && (double)len > f->max) || (double)len < f->min) {
			if (f->min > 0 && len < f->min)
				reply_error(rq, 400, "bad_value", path, "%s: must not be empty", path);
			else
				reply_error(rq, 400, "bad_value", path, "%s: must be at most %.0f bytes long (it is %zu)",
					    path, f->max, len);
			return NULL;
		}
		return json_incref(v);
	}
	case FIELD_INT:
	case FIELD_NUMBER: {
		double d;
		bool whole = f->type == FIELD_INT;
		if (text ? !text_number(text, &d, whole) : !(json_is_integer(v) || (!whole && json_is_real(v))))
			break;
		if (!text)
			d = json_number_value(v);
		if (d < f->min || d > f->max)
			break;
		return whole ? json_integer((json_int_t)d) : json_real(d);
	}
	case FIELD_BOOL:
		if (text && text_bool(text))
			return text_bool(text);
		if (!text && json_is_boolean(v))
			return json_incref(v);
		break;
	case FIELD_OBJECT:
		if (json_is_object(v) && !from_text)
			return check_object(rq, v, f->inner, from_text, path);
		break;
	}
	switch (f->type) {
	case FIELD_STRING: reply_error(rq, 400, "bad_value", path, "%s: must be text", path); break;
	case FIELD_INT:
		reply_error(rq, 400, "bad_value", path, "%s: must be a whole number from %g to %g", path, f->min, f->max);
		break;
	case FIELD_NUMBER:
		reply_error(rq, 400, "bad_value", path, "%s: must be a number from %g to %g", path, f->min, f->max);
		break;
	case FIELD_BOOL: reply_error(rq, 400, "bad_value", path, "%s: must be true or false", path); break;
	case FIELD_OBJECT: reply_error(rq, 400, "bad_value", path, "%s: must be an object ({...})", path); break;
	}
	return NULL;
}

static void field_path(char *out, size_t size, const char *prefix, const char *name)
{
	if (prefix && *prefix)
		snprintf(out, size, "%s.%s", prefix, name);
	else
		snprintf(out, size, "%s", name);
}

static json_t *check_object(struct req *rq, json_t *in, const struct field *fields, bool from_text, const char *prefix)
{
	char path[MAX_NAME];
	const char *key;
	json_t *v;
	const struct field *any = field_find(fields, FIELD_ANY);
	json_object_foreach(in, key, v) {
		if (!field_find(fields, key) && !any) {
			field_path(path, sizeof(path), prefix, key);
			unknown(rq, fields, path);
			return NULL;
		}
	}
	json_t *out = json_object();
	/* names the content decides (FIELD_ANY): each checked as that field's type; the
	 * handler checks the names */
	json_object_foreach(in, key, v) {
		if (!any || field_find(fields, key))
			continue;
		field_path(path, sizeof(path), prefix, key);
		json_t *ok = check_value(rq, any, v, from_text, path);
		if (!ok) {
			json_decref(out);
			return NULL;
		}
		json_object_set_new(out, key, ok);
	}
	for (const struct field *f = fields; f && f->name; f++) {
		if (f == any)
			continue;
		field_path(path, sizeof(path), prefix, f->name);
		v = json_object_get(in, f->name);
		/* a form's empty box for a number or yes/no that may be left out is a value not
		 * given (text fields keep their "") */
		if (v && from_text && !f->required && f->type != FIELD_STRING && json_is_string(v) &&
		    !json_string_length(v))
			v = NULL;
		if (!v || json_is_null(v)) {
			if (f->required) {
				reply_error(rq, 400, "missing_field", path, "%s: is needed", path);
				json_decref(out);
				return NULL;
			}
			continue;
		}
		json_t *ok = check_value(rq, f, v, from_text, path);
		if (!ok) {
			json_decref(out);
			return NULL;
		}
		json_object_set_new(out, f->name, ok);
	}
	return out;
}

json_t *input_check(struct req *rq, json_t *in, const struct field *fields, bool from_text)
{
	return check_object(rq, in, fields, from_text, "");
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t url_decode(char *s, size_t len, bool plus)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < len && (hi = hexval(s[i + 1])) >= 0 && (lo = hexval(s[i + 2])) >= 0 &&
		    (hi || lo)) {
			s[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			s[o++] = plus && s[i] == '+' ? ' ' : s[i];
		}
	}
	if (o < len)
		s[o] = '\0';
	return o;
}

json_t *form_decode(struct req *rq, const char *s, size_t len)
{
	json_t *o = json_object();
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && s[end] != '&')
			end++;
		if (end > i) {
			char *pair = arena_strndup(&rq->arena, s + i, end - i);
			char *eq = strchr(pair, '=');
			char *value = eq ? eq + 1 : pair + strlen(pair);
			if (eq)
				*eq = '\0';
			url_decode(pair, strlen(pair), true);
			url_decode(value, strlen(value), true);
			json_t *v = json_string(value);
			if (json_object_get(o, pair)) {
				reply_error(rq, 400, "repeated_field", pair, "%s: given more than once", pair);
				json_decref(v);
				json_decref(o);
				return NULL;
			}
			if (!v || json_object_set_new(o, pair, v)) {
				reply_error(rq, 400, "bad_text", NULL, "the form is not valid UTF-8");
				json_decref(o);
				return NULL;
			}
		}
		i = end + 1;
	}
	return o;
}

/* The first place of needle (n bytes) in hay (len bytes), or NULL. */
static const char *find_bytes(const char *hay, size_t len, const char *needle, size_t n)
{
	for (const char *p = hay; n && (size_t)(hay + len - p) >= n; p++) {
		p = memchr(p, needle[0], (size_t)(hay + len - p) - n + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, n))
			return p;
	}
	return NULL;
}

/* The value of parameter name ("boundary") in a header value such as
 * 'multipart/form-data; boundary="x"' (quotes taken off), in the arena; NULL if none. */
static char *header_param(struct req *rq, const char *value, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strchr(value, ';'); p; p = strchr(p + 1, ';')) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t')
			q++;
		if (strncasecmp(q, name, n) || q[n] != '=')
			continue;
		q += n + 1;
		if (*q == '"') {
			const char *end = strchr(q + 1, '"');
			return end ? arena_strndup(&rq->arena, q + 1, (size_t)(end - q - 1)) : NULL;
		}
		size_t len = strcspn(q, "; \t");
		return arena_strndup(&rq->arena, q, len);
	}
	return NULL;
}

/* The part's headers (from h, len bytes): its name from Content-Disposition; NULL when
 * it has none. */
static char *part_name(struct req *rq, const char *h, size_t len)
{
	char *head = arena_strndup(&rq->arena, h, len);
	for (char *line = head; line && *line;) {
		char *next = strstr(line, "\r\n");
		if (next) {
			*next = '\0';
			next += 2;
		}
		if (!strncasecmp(line, "Content-Disposition:", 20))
			return header_param(rq, line + 20, "name");
		line = next;
	}
	return NULL;
}

json_t *multipart_decode(struct req *rq, const char *type, const char *s, size_t len)
{
	const char *b = header_param(rq, type, "boundary");
	size_t blen = b ? strlen(b) : 0;
	if (!blen || blen > 70) {
		reply_error(rq, 400, "bad_form", "Content-Type", "Content-Type: a multipart form needs its boundary");
		return NULL;
	}
	char *delim = arena_printf(&rq->arena, "\r\n--%s", b); /* between parts; the first has no CRLF */
	size_t dlen = blen + 4;
	json_t *o = json_object();
	const char *end = s + len;
	const char *p = len >= dlen - 2 && !memcmp(s, delim + 2, dlen - 2) ? s + dlen - 2 : NULL;
	if (!p) {
		const char *first = find_bytes(s, len, delim, dlen);
		p = first ? first + dlen : NULL;
	}
	while (p) {
		if (end - p >= 2 && !memcmp(p, "--", 2))
			return o; /* the closing delimiter */
		if (end - p < 2 || memcmp(p, "\r\n", 2))
			break;
		p += 2;
		const char *hend = find_bytes(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			break;
		char *name = part_name(rq, p, (size_t)(hend - p));
		const char *data = hend + 4;
		const char *stop = find_bytes(data, (size_t)(end - data), delim, dlen);
		if (!stop)
			break;
		if (!name || !*name) {
			reply_error(rq, 400, "bad_form", NULL, "a part of the form has no name");
			json_decref(o);
			return NULL;
		}
		if (json_object_get(o, name)) {
			reply_error(rq, 400, "repeated_field", name, "%s: given more than once", name);
			json_decref(o);
			return NULL;
		}
		json_t *v = json_stringn(data, (size_t)(stop - data));
		if (!v || json_object_set_new(o, name, v)) {
			reply_error(rq, 400, "bad_text", name, "%s: is not text (UTF-8); a backup is a JSON file", name);
			json_decref(o);
			return NULL;
		}
		p = stop + dlen;
	}
	reply_error(rq, 400, "bad_form", NULL, "the multipart form is cut short or malformed");
	json_decref(o);
	return NULL;
}
