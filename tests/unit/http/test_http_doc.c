/* test_http_doc.c: docs/api.md matches the route table: every route has its section
 * ("## METHOD /path"), every section is a route, and each states who may call it, the
 * largest body and every field the route takes, as the table says. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/mem.h"
#include "core/strbuf.h"
#include "http/handler.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *doc;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb);
}

/* The text of the section about route r, up to the next heading; NULL when absent. */
static char *section(const struct route *r)
{
	char head[256];
	snprintf(head, sizeof(head), "\n## %s %s\n", r->method, r->pattern);
	const char *s = strstr(doc, head);
	if (!s)
		return NULL;
	s += strlen(head);
	const char *e = strstr(s, "\n#");
	return xstrndup(s, e ? (size_t)(e - s) : strlen(s));
}

static void test_every_route_documented(void **state)
{
	(void)state;
	for (const struct route *r = routes; r->method; r++) {
		char *text = section(r);
		if (!text)
			fail_msg("docs/api.md has no section '## %s %s'", r->method, r->pattern);
		char want[128];
		snprintf(want, sizeof(want), "Access: %s.", access_names[r->who]);
		if (!strstr(text, want))
			fail_msg("docs/api.md, %s %s: should say '%s'", r->method, r->pattern, want);
		if (r->body_max)
			snprintf(want, sizeof(want), "Body: up to %zu KiB.", r->body_max / 1024);
		else
			snprintf(want, sizeof(want), "Body: none.");
		if (!strstr(text, want))
			fail_msg("docs/api.md, %s %s: should say '%s'", r->method, r->pattern, want);
		for (const struct field *f = r->fields; f && f->name; f++) {
			snprintf(want, sizeof(want), "`%s`", f->name);
			if (!strstr(text, want))
				fail_msg("docs/api.md, %s %s: field %s is not described", r->method, r->pattern, want);
		}
		free(text);
	}
}

static void test_every_section_a_route(void **state)
{
	(void)state;
	for (const char *p = strstr(doc, "\n## "); p; p = strstr(p + 1, "\n## ")) {
		char method[16], path[200];
		if (sscanf(p + 4, "%15s %199s", method, path) != 2 || path[0] != '/')
			continue; /* a heading that is not a route */
		const struct route *r = routes;
		while (r->method && (strcmp(r->method, method) || strcmp(r->pattern, path)))
			r++;
		if (!r->method)
			fail_msg("docs/api.md describes '%s %s', which is not in the route table", method, path);
	}
}

int main(void)
{
	doc = slurp(UNHUNCH_SRC_DIR "/docs/api.md");
	if (!doc) {
		fprintf(stderr, "cannot read %s/docs/api.md\n", UNHUNCH_SRC_DIR);
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_documented),
		cmocka_unit_test(test_every_section_a_route),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(doc);
	return rc;
}
