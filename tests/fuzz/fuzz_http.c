/* fuzz_http.c: libFuzzer harness for the request handlers, through the route table
 * without a socket. The input is a request as text: a request line, headers, a blank
 * line, the body. The word TOKEN in an X-CSRF-Token header or a csrf= form field stands
 * for the server's token, so the fuzzer can get past the CSRF check. Any bytes must give
 * an answer below 500 with the security headers: never a crash, a leak, a hang or a 5xx. */
#include "content/load.h"
#include "core/strbuf.h"
#include "http/handler.h"
#include "store/store.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog content;
static struct server srv;
static struct store *store;

static struct store *get_store(struct req *rq, struct strbuf *err)
{
	(void)rq;
	(void)err;
	return store;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diags d;
	struct strbuf err = STRBUF_INIT;
	diags_init(&d);
	catalog_init(&content);
	content_load_dir(&content, UNHUNCH_SRC_DATADIR, &d);
	catalog_check_refs(&content, &d);
	catalog_drop_broken(&content);
	diags_release(&d);
	static char dir[] = "/tmp/unhunch-fuzz-http-XXXXXX";
	char db[64];
	if (!mkdtemp(dir) || snprintf(db, sizeof(db), "%s/unhunch.db", dir) < 0 || store_open(&store, db, &err) ||
	    server_init(&srv, "127.0.0.1", 8750, &err)) {
		fprintf(stderr, "fuzz_http: %s\n", err.buf);
		abort();
	}
	srv.content = &content;
	/* checks of a posted file resolve references within it only (no folders read per
	 * request: that would make each such input 100 times slower to fuzz) */
	srv.n_content_dirs = 0;
	srv.version = "fuzz";
	strbuf_release(&err);
	return 0;
}

/* The next line of text (up to \n, without \r\n); NULL at the end. */
static char *line(char **p, char *end)
{
	if (*p >= end)
		return NULL;
	char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	char *e = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	if (e > s && e[-1] == '\r')
		e--;
	*e = '\0';
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char *p = text, *end = text + size;
	char *first = line(&p, end);
	char *sp = first ? strchr(first, ' ') : NULL;
	if (!sp) {
		free(text);
		return 0;
	}
	*sp = '\0';
	char *target = sp + 1, *sp2 = strchr(target, ' ');
	if (sp2)
		*sp2 = '\0';
	char *query = strchr(target, '?');
	if (query)
		*query++ = '\0';
	url_decode(target, strlen(target), false);

	struct req rq;
	req_init(&rq, &srv, 1796000000000LL, first, target);
	rq.store_get = get_store;
	for (char *h; (h = line(&p, end)) && *h;) {
		char *colon = strchr(h, ':');
		if (!colon)
			continue;
		*colon = '\0';
		const char *v = colon + 1 + (colon[1] == ' ');
		req_add_header(&rq, h, !strcmp(v, "TOKEN") ? srv.csrf : v);
	}
	for (char *pair = query ? strtok(query, "&") : NULL; pair; pair = strtok(NULL, "&")) {
		char *eq = strchr(pair, '=');
		if (eq)
			*eq++ = '\0';
		url_decode(pair, strlen(pair), true);
		if (eq)
			url_decode(eq, strlen(eq), true);
		req_add_query(&rq, pair, eq);
	}
	struct strbuf body = STRBUF_INIT;
	const char *b = p < end ? p : "";
	for (const char *t; (t = strstr(b, "csrf=TOKEN"));) {
		strbuf_add(&body, b, (size_t)(t - b));
		strbuf_addf(&body, "csrf=%s", srv.csrf);
		b = t + 10;
	}
	strbuf_add(&body, b, p < end ? (size_t)(end - b) : 0);
	http_handle(&rq, body.buf, body.len);
	if (rq.status >= 500 || rq.status < 200 || !resp_header(&rq, "Content-Security-Policy")) {
		fprintf(stderr, "fuzz_http: %s %s answered %d\n", rq.method, rq.path, rq.status);
		abort();
	}
	strbuf_release(&body);
	req_release(&rq);
	free(text);
	return 0;
}
