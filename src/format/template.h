/* template.h: HTML templates, a small logic-less language (a subset of Mustache) filled
 * from a JSON value (jansson), so a page and its API route render the same data.
 *
 *   {{name}}            the value of name, HTML-escaped (strings; numbers as written;
 *                       true, false, null and missing names give nothing; escaped
 *                       by markup_escape: & < > " ' become character references,
 *                       control characters but tab and newline are dropped)
 *   {{a.b}}             b inside a; {{.}} the current value
 *   {{#name}}..{{/name}} once per element of an array, once with an object as the current
 *                       value, once for any other true value (not false, null, 0, "" or [])
 *   {{^name}}..{{/name}} once when the section above would not run
 *   {{> other}}         another template of the set, with the current value
 *   {{! comment }}
 *   {{*name}}           piece number N of the markup the program handed to
 *                       tpl_render_markup, where N is the integer value of name
 *                       (nothing for any other value); the pieces are made by C code
 *                       (the charts of format/chart-svg.h), never taken from the data
 *
 * Names are looked up from the innermost section outwards, as in Mustache. There is no
 * way to write unescaped text from data: a template cannot produce markup from data, only
 * choose among the pieces the program made.
 *
 * A set is compiled once (every problem reported with the template's name and line) and
 * is then read-only: any number of threads may render from it at the same time. */
#ifndef UNHUNCH_TEMPLATE_H
#define UNHUNCH_TEMPLATE_H
#include "core/strbuf.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct tpl_set;

struct tpl_set *tpl_set_new(void);
void tpl_set_free(struct tpl_set *set);
/* Compile text (len bytes) as template name. On a syntax error returns -1 with
 * "name:line: what" in err, and the set is unchanged. */
int tpl_add(struct tpl_set *set, const char *name, const char *text, size_t len, struct strbuf *err);
/* Check that every partial a template names exists; -1 with the first one missing. */
int tpl_check_partials(const struct tpl_set *set, struct strbuf *err);
bool tpl_has(const struct tpl_set *set, const char *name);

/* Render template name with ctx as the current value, appending to out. */
int tpl_render(const struct tpl_set *set, const char *name, json_t *ctx, struct strbuf *out, struct strbuf *err);
/* The same with markup[0..n_markup) for the {{*name}} tags. */
int tpl_render_markup(const struct tpl_set *set, const char *name, json_t *ctx, const char *const *markup,
		      size_t n_markup, struct strbuf *out, struct strbuf *err);

#endif
