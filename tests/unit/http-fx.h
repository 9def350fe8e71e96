/* http-fx.h: the server without a socket, for handler tests: the shipped content, a
 * store in a temporary folder, the server listening (in name) on 127.0.0.1:8750 (with a
 * key for the web player's passes when asked), and helpers that send one request through
 * the dispatcher: any request, or a JSON post with this server's token and origin. */
#ifndef UNHUNCH_TEST_HTTP_FX_H
#define UNHUNCH_TEST_HTTP_FX_H
#include "core/mem.h"
#include "core/strbuf.h"
#include "http/handler.h"
#include "http/pass-sign.h"
#include "sim.h"
#include "store/store.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOST "127.0.0.1:8750"
#define ORIGIN "http://" HOST
#define NOW_MS 1796000000000LL /* 2026-11-30: tests give the time; nothing reads a clock */
#define JSON "Content-Type: application/json"
#define FORM "Content-Type: application/x-www-form-urlencoded"

struct hfx {
	struct catalog content;
	struct server srv;
	char dir[64], db[128];
	struct store *store;
	char tok[160]; /* "X-CSRF-Token: " and the server's token, a header for hfx_send */
	/* clinic mode (hfx_clinic): one database, each request bound to its person */
	struct store_db *cdb;
	struct store *wide;
	char addr[64]; /* the client's address requests come from ("" 127.0.0.1) */
	int64_t now_ms; /* the time requests come in (0: NOW_MS) */
};

static struct hfx *hfx_current;

static inline struct store *hfx_store(struct req *rq, struct strbuf *err)
{
	struct hfx *f = hfx_current;
	if (!f->store && store_open(&f->store, rq->srv->store_path, err))
		return NULL;
	return f->store;
}

static inline struct store *hfx_clinic_store(struct req *rq, struct strbuf *err)
{
	return req_bound_store(rq, hfx_current->cdb, err);
}

static inline struct store *hfx_clinic_db(struct req *rq, struct strbuf *err)
{
	(void)rq;
	(void)err;
	return hfx_current->wide;
}

static inline int hfx_setup(void **state)
{
	struct hfx *f = xcalloc(1, sizeof(*f));
	if (sim_shipped(&f->content))
		return -1;
	struct strbuf err = STRBUF_INIT;
	if (server_init(&f->srv, "127.0.0.1", 8750, &err)) {
		fprintf(stderr, "server_init: %s\n", err.buf);
		return -1;
	}
	strbuf_release(&err);
	snprintf(f->dir, sizeof(f->dir), "/tmp/unhunch-http-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/unhunch.db", f->dir);
	static const char *dirs[] = { UNHUNCH_SRC_DATADIR };
	f->srv.content = &f->content;
	f->srv.store_path = f->db;
	f->srv.content_dirs = dirs;
	f->srv.n_content_dirs = 1;
	f->srv.version = "test";
	snprintf(f->tok, sizeof(f->tok), "X-CSRF-Token: %s", f->srv.csrf);
	hfx_current = f;
	*state = f;
	return 0;
}

/* hfx_setup(), and the key that signs the web player's passes, in the store's folder. */
static inline int hfx_setup_pass(void **state)
{
	if (hfx_setup(state))
		return -1;
	struct hfx *f = *state;
	struct strbuf err = STRBUF_INIT;
	int rc = pass_key_load(f->dir, f->srv.pass_key, &err);
	if (rc)
		fprintf(stderr, "pass_key_load: %s\n", err.buf);
	strbuf_release(&err);
	f->srv.pass_keyed = rc == 0;
	return rc;
}

static inline int hfx_teardown(void **state)
{
	struct hfx *f = *state;
	if (f->store)
		store_close(f->store);
	store_close(f->wide);
	if (f->cdb)
		store_db_close(f->cdb);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	server_release(&f->srv);
	catalog_free(&f->content);
	free(f);
	return 0;
}

/* Send METHOD PATH with headers given as "Name: value" strings (a NULL ends them; Host
 * is added unless given) and body (NULL for none) to the dispatcher; the caller checks
 * rq and then calls req_release(rq). A query string after '?' is split as a browser
 * sends it. */
static inline void hfx_send(struct hfx *f, struct req *rq, const char *method, const char *target, const char *body,
			    ...)
{
	char path[512];
	snprintf(path, sizeof(path), "%s", target);
	char *q = strchr(path, '?');
	if (q)
		*q++ = '\0';
	req_init(rq, &f->srv, f->now_ms ? f->now_ms : NOW_MS, method, path);
	rq->store_get = hfx_store;
	if (f->srv.clinic) {
		rq->store_get = hfx_clinic_store;
		rq->db_get = hfx_clinic_db;
	}
	snprintf(rq->addr, sizeof(rq->addr), "%s", *f->addr ? f->addr : "127.0.0.1");
	bool host = false;
	va_list ap;
	va_start(ap, body);
	for (const char *h; (h = va_arg(ap, const char *));) {
		const char *colon = strchr(h, ':');
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)(colon - h), h);
		req_add_header(rq, name, colon + 2);
		host |= !strcmp(name, "Host");
	}
	va_end(ap);
	if (!host)
		req_add_header(rq, "Host", HOST);
	for (char *pair = q ? strtok(q, "&") : NULL; pair; pair = strtok(NULL, "&")) {
		char *eq = strchr(pair, '=');
		if (eq)
			*eq++ = '\0';
		url_decode(pair, strlen(pair), true);
		if (eq)
			url_decode(eq, strlen(eq), true);
		req_add_query(rq, pair, eq);
	}
	char len[32];
	if (body) {
		snprintf(len, sizeof(len), "%zu", strlen(body));
		req_add_header(rq, "Content-Length", len);
	}
	http_handle(rq, body, body ? strlen(body) : 0);
}

/* The answer's body as a NUL-terminated copy in the request's arena. */
static inline const char *hfx_body(struct req *rq)
{
	return arena_strndup(&rq->arena, rq->out ? rq->out : "", rq->out_len);
}

static inline void hfx_decref(void *v)
{
	json_decref(v);
}

/* The JSON answer, parsed; owned by the request's arena. */
static inline json_t *hfx_json(struct req *rq)
{
	json_error_t e;
	json_t *v = json_loadb(rq->out ? rq->out : "", rq->out_len, 0, &e);
	if (!v) {
		fprintf(stderr, "not JSON (%s): %.*s\n", e.text, (int)rq->out_len, rq->out);
		return NULL;
	}
	arena_defer(&rq->arena, hfx_decref, v);
	return v;
}

/* The error code of an answer in the one error shape, or "" when it is not one. */
static inline const char *hfx_code(struct req *rq)
{
	json_t *v = hfx_json(rq);
	const char *c = json_string_value(json_object_get(json_object_get(v, "error"), "code"));
	return c ? c : "";
}

static inline const char *hfx_field(struct req *rq)
{
	json_t *v = hfx_json(rq);
	const char *c = json_string_value(json_object_get(json_object_get(v, "error"), "field"));
	return c ? c : "";
}

/* POST a JSON body to path with this server's token and Origin; the status, with an
 * error's code and field (a 4xx or 5xx; "" otherwise) copied into code and field when
 * they are not NULL. */
static inline int hfx_post(struct hfx *f, const char *path, const char *body, char code[64], char field[96])
{
	struct req rq;
	hfx_send(f, &rq, "POST", path, body, JSON, f->tok, "Origin: " ORIGIN, NULL);
	int status = rq.status;
	if (code)
		snprintf(code, 64, "%s", status >= 400 ? hfx_code(&rq) : "");
	if (field)
		snprintf(field, 96, "%s", status >= 400 ? hfx_field(&rq) : "");
	req_release(&rq);
	return status;
}

#endif
