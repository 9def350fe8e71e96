/* dispatch.c: from a request to its answer, without a socket: the checks every request
 * passes (Host, route, Origin, CSRF token, sizes, input), the handler, and the one
 * error shape. The socket glue (server.c), the tests and the fuzzer all come here. */
#include "http/handler.h"
#include "core/strbuf.h"
#include "format/template.h"
#include "http/cache.h"
#include "http/fresh.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const access_names[ACCESS__COUNT + 1] = { "unsaid", "public", "self", "trainer", "client's trainer", "admin",
								NULL };

void req_init(struct req *rq, const struct server *srv, int64_t now_ms, const char *method, const char *path)
{
	memset(rq, 0, sizeof(*rq));
	rq->srv = srv;
	rq->now_ms = now_ms;
	rq->method = arena_strdup(&rq->arena, method);
	rq->path = arena_strdup(&rq->arena, path);
	if (!srv->clinic) { /* local mode: the one person, the server's token */
		rq->person = STORE_LOCAL_PERSON;
		memcpy(rq->csrf, srv->csrf, sizeof(rq->csrf));
	}
}

void req_release(struct req *rq)
{
	arena_free(&rq->arena);
}

void req_add_header(struct req *rq, const char *name, const char *value)
{
	if (rq->n_headers == REQ_MAX_HEADERS) {
		rq->too_many = true;
		return;
	}
	rq->headers[rq->n_headers++] = (struct kv){ arena_strdup(&rq->arena, name), arena_strdup(&rq->arena, value) };
}

void req_add_query(struct req *rq, const char *name, const char *value)
{
	if (rq->n_query == REQ_MAX_QUERY) {
		rq->too_many = true;
		return;
	}
	rq->query[rq->n_query++] = (struct kv){ arena_strdup(&rq->arena, name),
						arena_strdup(&rq->arena, value ? value : "") };
}

const char *req_header(const struct req *rq, const char *name)
{
	for (size_t i = 0; i < rq->n_headers; i++)
		if (!strcasecmp(rq->headers[i].name, name))
			return rq->headers[i].value;
	return NULL;
}

bool req_wants_json(const struct req *rq)
{
	const char *type = req_header(rq, "Content-Type");
	return type && !strncasecmp(type, "application/json", 16);
}

const char *req_param(const struct req *rq, const char *name)
{
	for (size_t i = 0; i < rq->n_params; i++)
		if (!strcmp(rq->params[i].name, name))
			return rq->params[i].value;
	return NULL;
}

const char *resp_header(const struct req *rq, const char *name)
{
	for (size_t i = 0; i < rq->n_resp_headers; i++)
		if (!strcasecmp(rq->resp_headers[i].name, name))
			return rq->resp_headers[i].value;
	return NULL;
}

void resp_add_header(struct req *rq, const char *name, const char *value)
{
	for (size_t i = 0; i < rq->n_resp_headers; i++)
		if (!strcasecmp(rq->resp_headers[i].name, name)) {
			rq->resp_headers[i].value = value;
			return;
		}
	if (rq->n_resp_headers < RESP_MAX_HEADERS)
		rq->resp_headers[rq->n_resp_headers++] = (struct kv){ name, value };
}

void reply(struct req *rq, int status, const char *type, const char *body, size_t len)
{
	rq->answered = true;
	rq->status = status;
	rq->type = type;
	rq->out = body;
	rq->out_len = len;
	if (!resp_header(rq, "Cache-Control"))
		resp_add_header(rq, "Cache-Control", "no-store");
	security_headers(rq);
}

static void release_json(void *p)
{
	json_decref(p);
}

void reply_json(struct req *rq, int status, json_t *v)
{
	arena_defer(&rq->arena, release_json, v);
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	if (!s) {
		reply(rq, 500, "text/plain; charset=utf-8", "bug: the answer could not be written as JSON\n", 45);
		return;
	}
	arena_defer(&rq->arena, free, s);
	reply(rq, status, "application/json", s, strlen(s));
}

static void release_strbuf(void *p)
{
	strbuf_release(p);
}

void reply_page(struct req *rq, int status, const char *tpl, const char *nav, const char *title, json_t *ctx)
{
	reply_page_markup(rq, status, tpl, nav, title, ctx, NULL, 0);
}

void reply_page_markup(struct req *rq, int status, const char *tpl, const char *nav, const char *title, json_t *ctx,
		       const char *const *markup, size_t n_markup)
{
	json_t *page = page_base(rq, nav, title);
	if (ctx)
		json_object_update(page, ctx);
	json_decref(ctx);
	arena_defer(&rq->arena, release_json, page);
	struct strbuf *out = arena_alloc(&rq->arena, sizeof(*out));
	strbuf_init(out);
	arena_defer(&rq->arena, release_strbuf, out);
	struct strbuf err = STRBUF_INIT;
	if (tpl_render_markup(rq->srv->templates, tpl, page, markup, n_markup, out, &err)) {
		char *msg = arena_printf(&rq->arena, "bug: page %s: %s\n", tpl, err.buf);
		strbuf_release(&err);
		fprintf(stderr, "unhunch serve: %s", msg);
		reply(rq, 500, "text/plain; charset=utf-8", msg, strlen(msg));
		return;
	}
	strbuf_release(&err);
	reply(rq, status, "text/html; charset=utf-8", out->buf, out->len);
}

static bool wants_html(const struct req *rq)
{
	if (rq->route)
		return rq->route->kind == ROUTE_PAGE;
	if (!strncmp(rq->path, "/api/", 5))
		return false;
	const char *accept = req_header(rq, "Accept");
	return accept && strstr(accept, "text/html");
}

void reply_error(struct req *rq, int status, const char *code, const char *field, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	json_t *err = json_pack("{s:s, s:o, s:s}", "code", code, "field", field ? json_string(field) : json_null(),
				"message", sb.buf);
	rq->err_field = field ? arena_strdup(&rq->arena, field) : NULL;
	rq->err_message = arena_strdup(&rq->arena, sb.buf ? sb.buf : "");
	strbuf_release(&sb);
	if (!err) { /* a message that is not UTF-8 (from input): say so plainly */
		err = json_pack("{s:s, s:n, s:s}", "code", code, "field", "message", "the request is not valid");
	}
	if (wants_html(rq)) {
		json_t *ctx = json_pack("{s:o, s:i}", "error", err, "status", status);
		reply_page(rq, status, "error", "", "Something is not right", ctx);
	} else {
		reply_json(rq, status, json_pack("{s:o}", "error", err));
	}
}

/* Does path match pattern? When it does and rq is given, keep the {name} segments. */
static bool match(const char *pattern, const char *path, struct req *rq)
{
	size_t np = 0;
	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return false;
		pattern++, path++;
		size_t pl = strcspn(pattern, "/"), sl = strcspn(path, "/");
		if (pattern[0] == '{') {
			if (!sl || np == REQ_MAX_PARAMS)
				return false;
			if (rq)
				rq->params[np] = (struct kv){ arena_strndup(&rq->arena, pattern + 1, pl - 2),
							      arena_strndup(&rq->arena, path, sl) };
			np++;
		} else if (pl != sl || memcmp(pattern, path, pl)) {
			return false;
		}
		pattern += pl, path += sl;
	}
	if (*pattern || *path)
		return false;
	if (rq)
		rq->n_params = np;
	return true;
}

static bool same_method(const char *route, const char *method)
{
	return !strcmp(route, method) || (!strcmp(route, "GET") && !strcmp(method, "HEAD"));
}

/* A change that needs no CSRF token: clinic mode's public routes (the login). */
static bool csrf_open(const struct req *rq)
{
	return rq->srv->clinic && rq->route && rq->route->who == ACCESS_PUBLIC;
}

static bool changes_state(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

/* Find the route; answer 404 or 405 when there is none. */
static bool route_find(struct req *rq)
{
	struct strbuf allow = STRBUF_INIT;
	for (const struct route *r = rq->srv->routes; r->method; r++) {
		if (!match(r->pattern, rq->path, NULL) || ((r->flags & ROUTE_CLINIC) && !rq->srv->clinic))
			continue;
		if (same_method(r->method, rq->method)) {
			match(r->pattern, rq->path, rq);
			rq->route = r;
			strbuf_release(&allow);
			return true;
		}
		if (!strstr(allow.buf ? allow.buf : "", r->method)) {
			strbuf_addf(&allow, "%s%s", allow.len ? ", " : "", r->method);
			if (!strcmp(r->method, "GET"))
				strbuf_addstr(&allow, ", HEAD");
		}
	}
	if (allow.len) {
		resp_add_header(rq, "Allow", arena_strdup(&rq->arena, allow.buf));
		reply_error(rq, 405, "method_not_allowed", NULL, "%s is not allowed here; this address takes %s",
			    rq->method, allow.buf);
	} else {
		reply_error(rq, 404, "not_found", NULL, "there is nothing at this address");
	}
	strbuf_release(&allow);
	return false;
}

int http_begin(struct req *rq)
{
	if (rq->too_many) {
		reply_error(rq, 431, "too_many_headers", NULL,
			    "the request has more than %d headers or %d query arguments", REQ_MAX_HEADERS, REQ_MAX_QUERY);
		return 1;
	}
	const char *host = req_header(rq, "Host");
	if (!host_allowed(rq->srv, host)) {
		reply_error(rq, 421, "bad_host", "Host",
			    "this server answers only to the names it listens on (such as %s), not to '%s'",
			    rq->srv->hosts[0], host ? host : "");
		return 1;
	}
	if (!route_find(rq))
		return 1;
	/* The API's answers are for this server's own pages only: the browser says where a
	 * request comes from (Sec-Fetch-Site), and another site's <img>, <audio> or script
	 * tag would otherwise make the server work (speech costs a core) or read for it. A
	 * client that sends no such header (curl, a script of the person's own) is let in. */
	const char *site = req_header(rq, "Sec-Fetch-Site");
	if (!changes_state(rq->method) && rq->route->kind == ROUTE_API && site && strcmp(site, "same-origin")) {
		reply_error(rq, 403, "bad_origin", "Sec-Fetch-Site",
			    "the API answers only this server's own pages (the request came from a '%s' place)", site);
		return 1;
	}
	if (rq->route->who == ACCESS_UNSAID || rq->route->who >= ACCESS__COUNT) {
		reply_error(rq, 500, "bug", NULL, "bug: %s %s does not say who may call it", rq->route->method,
			    rq->route->pattern);
		return 1;
	}
	if (changes_state(rq->method)) {
		const char *origin = req_header(rq, "Origin");
		if (!origin_allowed(rq->srv, origin, req_header(rq, "Sec-Fetch-Site"))) {
			reply_error(rq, 403, "bad_origin", "Origin",
				    "changes are taken only from this server's own pages (the request came from '%s')",
				    origin ? origin : "an unknown place");
			return 1;
		}
	}
	if (rq->srv->clinic && !auth_request(rq))
		return 1;
	if (changes_state(rq->method)) {
		const char *token = req_header(rq, "X-CSRF-Token");
		if (token && !csrf_open(rq) && !csrf_matches(rq, token)) {
			reply_error(rq, 403, "bad_csrf", "X-CSRF-Token",
				    "the page's security token is out of date: reload the page and try again");
			return 1;
		}
	}
	const char *length = req_header(rq, "Content-Length");
	if (length) {
		char *end;
		unsigned long long n = strtoull(length, &end, 10);
		if (*end || end == length || n > rq->route->body_max) {
			reply_error(rq, 413, "too_large", NULL, "the body may be at most %zu bytes here",
				    rq->route->body_max);
			return 1;
		}
	}
	return 0;
}

void http_refuse_body(struct req *rq)
{
	reply_error(rq, 413, "too_large", NULL, "the body may be at most %zu bytes here", rq->route->body_max);
}

static bool type_is(const char *type, const char *want)
{
	size_t n = strlen(want);
	return type && !strncasecmp(type, want, n) && (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

static json_t *query_object(struct req *rq)
{
	json_t *o = json_object();
	for (size_t i = 0; i < rq->n_query; i++) {
		if (json_object_get(o, rq->query[i].name)) {
			reply_error(rq, 400, "repeated_field", rq->query[i].name, "%s: given more than once",
				    rq->query[i].name);
			json_decref(o);
			return NULL;
		}
		json_t *v = json_string(rq->query[i].value);
		if (!v || json_object_set_new(o, rq->query[i].name, v)) {
			reply_error(rq, 400, "bad_text", NULL, "the address is not valid UTF-8");
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* The body, read as the Content-Type says, as an object; NULL with the answer given. */
static json_t *body_object(struct req *rq, bool *from_text)
{
	const char *type = req_header(rq, "Content-Type");
	*from_text = false;
	if (type_is(type, "application/json")) {
		json_error_t e;
		json_t *v = json_loadb(rq->body ? rq->body : "", rq->body_len, JSON_REJECT_DUPLICATES, &e);
		if (!v) {
			reply_error(rq, 400, "bad_json", NULL, "the body is not valid JSON: line %d, column %d: %s",
				    e.line, e.column, e.text);
			return NULL;
		}
		if (!json_is_object(v)) {
			json_decref(v);
			reply_error(rq, 400, "bad_json", NULL, "the body must be a JSON object ({...})");
			return NULL;
		}
		return v;
	}
	if (type_is(type, "application/x-www-form-urlencoded")) {
		*from_text = true;
		return form_decode(rq, rq->body ? rq->body : "", rq->body_len);
	}
	if (type_is(type, "multipart/form-data")) { /* a form with a file (a backup to restore) */
		*from_text = true;
		return multipart_decode(rq, type, rq->body ? rq->body : "", rq->body_len);
	}
	if (!rq->body_len && !rq->route->fields) {
		return json_object();
	}
	reply_error(rq, 415, "bad_type", "Content-Type",
		    "Content-Type: send the body as application/json (or a form, application/x-www-form-urlencoded "
			    "or multipart/form-data)");
	return NULL;
}

/* The CSRF token: from the header (checked in http_begin) or, in a form, the csrf field
 * (checked here and taken out of the input). Clinic mode's public changes (the login
 * form, before any session) have no session to tie one to: the Origin check holds them. */
static bool csrf_ok(struct req *rq, json_t *in, bool form)
{
	json_t *t = form ? json_object_get(in, "csrf") : NULL;
	if (csrf_open(rq)) {
		if (t)
			json_object_del(in, "csrf");
		return true;
	}
	if (t && !csrf_matches(rq, json_string_value(t))) {
		reply_error(rq, 403, "bad_csrf", "csrf",
			    "the page's security token is out of date: reload the page and try again");
		return false;
	}
	if (t)
		json_object_del(in, "csrf");
	else if (!req_header(rq, "X-CSRF-Token")) {
		reply_error(rq, 403, "bad_csrf", "X-CSRF-Token",
			    "a change needs the page's security token (the X-CSRF-Token header, or a csrf field)");
		return false;
	}
	return true;
}

static bool read_input(struct req *rq)
{
	const struct route *r = rq->route;
	bool from_text = true;
	json_t *raw;
	if (changes_state(rq->method)) {
		raw = body_object(rq, &from_text);
		if (!raw)
			return false;
		if (!csrf_ok(rq, raw, from_text)) {
			json_decref(raw);
			return false;
		}
	} else {
		if (rq->body_len) {
			reply_error(rq, 413, "too_large", NULL, "a %s request takes no body", rq->method);
			return false;
		}
		if (!r->fields && r->kind != ROUTE_API)
			return true; /* pages and files ignore a query they do not use */
		raw = query_object(rq);
		if (!raw)
			return false;
	}
	json_t *in = input_check(rq, raw, r->fields, from_text);
	if (!in && (r->flags & ROUTE_FORM) && from_text && rq->status == 400) {
		/* the form again, by its handler, with what was sent and why */
		rq->answered = false;
		rq->status = 0;
		rq->out = NULL;
		rq->out_len = 0;
		rq->n_resp_headers = 0;
		rq->form_refused = true;
		in = raw;
		raw = NULL;
	}
	json_decref(raw);
	if (!in)
		return false;
	rq->input = in;
	arena_defer(&rq->arena, release_json, in);
	return true;
}

/* The store's data version, when the store opens and its backend can tell (store.h). */
static bool store_version(struct req *rq, uint64_t *v)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = rq->store_get ? rq->store_get(rq, &err) : NULL;
	bool ok = st && st->ops->data_version && !st->ops->data_version(st, v, &err);
	strbuf_release(&err);
	return ok;
}

/* For a ROUTE_FRESH answer: its key (the store, the path, the input) and the store's
 * data version now; false when nothing can be kept. */
static bool fresh_key(struct req *rq, char **key, uint64_t *version)
{
	if (!store_version(rq, version))
		return false;
	char *in = rq->input ? json_dumps(rq->input, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	*key = arena_printf(&rq->arena, "%s %lld %s %s %s", rq->srv->store_path ? rq->srv->store_path : "",
			    (long long)rq->person, rq->method, rq->path, in ? in : "");
	free(in);
	return true;
}

void http_finish(struct req *rq)
{
	if (rq->answered)
		return;
	if (!read_input(rq))
		return;
	char *key = NULL;
	/* a page carries its person's CSRF token and name: in clinic mode pages are not
	 * shared between people */
	if ((rq->route->flags & ROUTE_CACHED) && rq->srv->cache && !(rq->srv->clinic && rq->route->kind == ROUTE_PAGE)) {
		char *in = rq->input ? json_dumps(rq->input, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		key = arena_printf(&rq->arena, "%s %s", rq->path, in ? in : "");
		free(in);
		const char *body, *type;
		size_t len;
		if (cache_get(rq->srv->cache, key, &body, &len, &type)) {
			reply(rq, 200, type, body, len);
			return;
		}
	}
	uint64_t version = 0;
	if (!key && (rq->route->flags & ROUTE_FRESH) && fresh_key(rq, &key, &version)) {
		const char *body, *type;
		size_t len;
		if (fresh_get(key, version, rq->now_ms / 60000, &body, &len, &type)) {
			char *copy = arena_alloc(&rq->arena, len + 1); /* sent after this thread moves on */
			memcpy(copy, body, len + 1);
			reply(rq, 200, type, copy, len);
			return;
		}
	}
	rq->route->handler(rq);
	if (key && rq->answered && rq->status == 200) {
		uint64_t after = 0;
		if (!(rq->route->flags & ROUTE_FRESH))
			cache_put(rq->srv->cache, key, rq->out, rq->out_len, rq->type);
		else if (store_version(rq, &after) && after == version) /* kept only if it wrote nothing */
			fresh_put(key, version, rq->now_ms / 60000, rq->out, rq->out_len, rq->type);
	}
	if (!rq->answered) {
		fprintf(stderr, "unhunch serve: bug: %s %s gave no answer\n", rq->method, rq->path);
		reply(rq, 500, "text/plain; charset=utf-8", "bug: no answer\n", 15);
	}
}

void http_unsaved(struct req *rq, const char *why)
{
	rq->answered = false;
	rq->n_resp_headers = 0;
	reply_error(rq, 503, "store_unavailable", NULL, "the data store failed and nothing was saved: %s", why);
}

void http_handle(struct req *rq, const char *body, size_t len)
{
	if (http_begin(rq))
		return;
	if (len > rq->route->body_max) {
		http_refuse_body(rq);
		return;
	}
	rq->body = body;
	rq->body_len = len;
	http_finish(rq);
}
