/* template.c: compiling and rendering the logic-less HTML templates of template.h. */
#include "format/template.h"
#include "core/mem.h"
#include "core/cnum.h"
#include "format/markup.h"
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32    /* nested sections and partials at render time */
#define MAX_PARTIALS 16 /* partials inside partials */

enum tk { TK_TEXT, TK_VAR, TK_SECTION, TK_INVERTED, TK_PARTIAL, TK_MARKUP };

struct token {
	enum tk kind;
	const char *s; /* the text, or the name */
	size_t len;
	size_t end;    /* sections: index of the first token after the section */
};

struct tpl {
	char *name;
	char *text; /* own copy; tokens point into it */
	struct token *t;
	size_t n, alloc;
};

struct tpl_set {
	struct tpl *v;
	size_t n, alloc;
};

struct tpl_set *tpl_set_new(void)
{
	return xcalloc(1, sizeof(struct tpl_set));
}

static void tpl_release(struct tpl *t)
{
	free(t->name);
	free(t->text);
	free(t->t);
}

void tpl_set_free(struct tpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		tpl_release(&set->v[i]);
	free(set->v);
	free(set);
}

static const struct tpl *find(const struct tpl_set *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->n; i++)
		if (strlen(set->v[i].name) == len && !memcmp(set->v[i].name, name, len))
			return &set->v[i];
	return NULL;
}

bool tpl_has(const struct tpl_set *set, const char *name)
{
	return find(set, name, strlen(name)) != NULL;
}

static struct token *push(struct tpl *t, enum tk kind, const char *s, size_t len)
{
	GROW(t->t, t->n + 1, t->alloc);
	struct token *k = &t->t[t->n++];
	*k = (struct token){ kind, s, len, 0 };
	return k;
}

static int line_of(const char *text, const char *at)
{
	int line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

static bool name_ok(const char *s, size_t len)
{
	if (!len)
		return false;
	if (len == 1 && s[0] == '.')
		return true;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
			    c == '-';
		if (!word && !(c == '.' && i > 0 && i + 1 < len && s[i + 1] != '.'))
			return false;
	}
	return true;
}

static int compile(struct tpl *t, struct strbuf *err)
{
	size_t open[MAX_DEPTH];
	size_t depth = 0;
	const char *p = t->text;
	for (;;) {
		const char *tag = strstr(p, "{{");
		size_t textlen = tag ? (size_t)(tag - p) : strlen(p);
		if (textlen)
			push(t, TK_TEXT, p, textlen);
		if (!tag)
			break;
		const char *close = strstr(tag + 2, "}}");
		if (!close) {
			strbuf_addf(err, "%s:%d: '{{' is never closed by '}}'", t->name, line_of(t->text, tag));
			return -1;
		}
		const char *s = tag + 2, *e = close;
		char sigil = *s;
		if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>' || sigil == '!' || sigil == '*')
			s++;
		p = close + 2;
		if (sigil == '!')
			continue;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		size_t len = (size_t)(e - s);
		if (!name_ok(s, len)) {
			strbuf_addf(err, "%s:%d: '%.*s' is not a name (letters, digits, _ - and dots)", t->name,
				    line_of(t->text, tag), (int)(close - tag - 2), tag + 2);
			return -1;
		}
		if (sigil == '#' || sigil == '^') {
			if (depth == MAX_DEPTH) {
				strbuf_addf(err, "%s:%d: sections nested too deep", t->name, line_of(t->text, tag));
				return -1;
			}
			open[depth++] = t->n;
			push(t, sigil == '#' ? TK_SECTION : TK_INVERTED, s, len);
		} else if (sigil == '/') {
			if (!depth || t->t[open[depth - 1]].len != len || memcmp(t->t[open[depth - 1]].s, s, len)) {
				strbuf_addf(err, "%s:%d: {{/%.*s}} closes no open section", t->name,
					    line_of(t->text, tag), (int)len, s);
				if (depth)
					strbuf_addf(err, " (the open one is '%.*s')", (int)t->t[open[depth - 1]].len,
						    t->t[open[depth - 1]].s);
				return -1;
			}
			t->t[open[--depth]].end = t->n;
		} else {
			push(t, sigil == '>' ? TK_PARTIAL : sigil == '*' ? TK_MARKUP : TK_VAR, s, len);
		}
	}
	if (depth) {
		const struct token *k = &t->t[open[depth - 1]];
		strbuf_addf(err, "%s:%d: section '%.*s' is never closed", t->name, line_of(t->text, k->s), (int)k->len,
			    k->s);
		return -1;
	}
	return 0;
}

int tpl_add(struct tpl_set *set, const char *name, const char *text, size_t len, struct strbuf *err)
{
	struct tpl t = { xstrdup(name), xstrndup(text, len), NULL, 0, 0 };
	if (strlen(t.text) != len) {
		strbuf_addf(err, "%s: holds a NUL byte", name);
		tpl_release(&t);
		return -1;
	}
	if (compile(&t, err)) {
		tpl_release(&t);
		return -1;
	}
	GROW(set->v, set->n + 1, set->alloc);
	set->v[set->n++] = t;
	return 0;
}

int tpl_check_partials(const struct tpl_set *set, struct strbuf *err)
{
	for (size_t i = 0; i < set->n; i++)
		for (size_t k = 0; k < set->v[i].n; k++) {
			const struct token *tk = &set->v[i].t[k];
			if (tk->kind == TK_PARTIAL && !find(set, tk->s, tk->len)) {
				strbuf_addf(err, "%s:%d: no template '%.*s' for {{> %.*s}}", set->v[i].name,
					    line_of(set->v[i].text, tk->s), (int)tk->len, tk->s, (int)tk->len, tk->s);
				return -1;
			}
		}
	return 0;
}

struct render {
	const struct tpl_set *set;
	json_t *stack[MAX_DEPTH];
	size_t depth;
	int partials;
	struct strbuf *out, *err;
	const char *const *markup; /* the caller's pieces for {{*name}} */
	size_t n_markup;
};

/* The value a (possibly dotted) name stands for, or NULL. */
static json_t *lookup(const struct render *r, const char *s, size_t len)
{
	if (len == 1 && s[0] == '.')
		return r->stack[r->depth - 1];
	const char *dot = memchr(s, '.', len);
	size_t first = dot ? (size_t)(dot - s) : len;
	char key[128];
	if (first >= sizeof(key))
		return NULL;
	memcpy(key, s, first);
	key[first] = '\0';
	json_t *v = NULL;
	for (size_t i = r->depth; i-- > 0 && !v;)
		v = json_is_object(r->stack[i]) ? json_object_get(r->stack[i], key) : NULL;
	while (v && dot) {
		const char *next = dot + 1;
		dot = memchr(next, '.', len - (size_t)(next - s));
		size_t n = dot ? (size_t)(dot - next) : len - (size_t)(next - s);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, next, n);
		key[n] = '\0';
		v = json_is_object(v) ? json_object_get(v, key) : NULL;
	}
	return v;
}

static bool truthy(json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT: return true;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_STRING: return json_string_length(v) > 0;
	case JSON_INTEGER: return json_integer_value(v) != 0;
	case JSON_REAL: return json_real_value(v) != 0;
	case JSON_TRUE: return true;
	default: return false;
	}
}

static void put_value(struct render *r, json_t *v)
{
	if (json_is_string(v))
		markup_escape(r->out, json_string_value(v));
	else if (json_is_integer(v))
		strbuf_addf(r->out, "%" PRId64, (int64_t)json_integer_value(v));
	else if (json_is_real(v))
		cnum_addf(r->out, "%g", json_real_value(v));
}

/* The caller's piece of markup that the integer v names; nothing for anything else. */
static void put_markup(struct render *r, json_t *v)
{
	if (json_is_integer(v) && json_integer_value(v) >= 0 && (size_t)json_integer_value(v) < r->n_markup &&
	    r->markup[json_integer_value(v)])
		strbuf_addstr(r->out, r->markup[json_integer_value(v)]);
}

static int run(struct render *r, const struct tpl *t, size_t from, size_t to);

static int with(struct render *r, const struct tpl *t, json_t *v, size_t from, size_t to)
{
	if (r->depth == MAX_DEPTH) {
		strbuf_addf(r->err, "%s: sections nested too deep", t->name);
		return -1;
	}
	r->stack[r->depth++] = v;
	int rc = run(r, t, from, to);
	r->depth--;
	return rc;
}

static int section(struct render *r, const struct tpl *t, size_t i)
{
	const struct token *k = &t->t[i];
	json_t *v = lookup(r, k->s, k->len);
	if (k->kind == TK_INVERTED)
		return truthy(v) ? 0 : run(r, t, i + 1, k->end);
	if (!truthy(v))
		return 0;
	if (!json_is_array(v))
		return with(r, t, v, i + 1, k->end);
	for (size_t n = 0; n < json_array_size(v); n++)
		if (with(r, t, json_array_get(v, n), i + 1, k->end))
			return -1;
	return 0;
}

static int partial(struct render *r, const struct tpl *t, const struct token *k)
{
	const struct tpl *p = find(r->set, k->s, k->len);
	if (!p) {
		strbuf_addf(r->err, "%s: no template '%.*s'", t->name, (int)k->len, k->s);
		return -1;
	}
	if (r->partials == MAX_PARTIALS) {
		strbuf_addf(r->err, "%s: partials nested too deep", p->name);
		return -1;
	}
	r->partials++;
	int rc = run(r, p, 0, p->n);
	r->partials--;
	return rc;
}

static int run(struct render *r, const struct tpl *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const struct token *k = &t->t[i];
		switch (k->kind) {
		case TK_TEXT:
			strbuf_add(r->out, k->s, k->len);
			break;
		case TK_VAR:
			put_value(r, lookup(r, k->s, k->len));
			break;
		case TK_MARKUP:
			put_markup(r, lookup(r, k->s, k->len));
			break;
		case TK_SECTION:
		case TK_INVERTED:
			if (section(r, t, i))
				return -1;
			i = k->end - 1;
			break;
		case TK_PARTIAL:
			if (partial(r, t, k))
				return -1;
			break;
		}
	}
	return 0;
}

int tpl_render(const struct tpl_set *set, const char *name, json_t *ctx, struct strbuf *out, struct strbuf *err)
{
	return tpl_render_markup(set, name, ctx, NULL, 0, out, err);
}

int tpl_render_markup(const struct tpl_set *set, const char *name, json_t *ctx, const char *const *markup,
		      size_t n_markup, struct strbuf *out, struct strbuf *err)
{
	const struct tpl *t = find(set, name, strlen(name));
	if (!t) {
		strbuf_addf(err, "no template '%s'", name);
		return -1;
	}
	struct render r = { .set = set, .depth = 1, .out = out, .err = err, .markup = markup, .n_markup = n_markup };
	r.stack[0] = ctx;
	return run(&r, t, 0, t->n);
}
