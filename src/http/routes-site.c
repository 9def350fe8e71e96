/* routes-site.c: the server itself: its status, the CSRF token for scripts, the static
 * files, and the pages that are not in the browser yet. */
#include "http/handler.h"
#include "core/strbuf.h"
#include "http/assets.h"
#include "app/store-status.h"
#include "core/tz.h"
#include "store/store.h"
#include <string.h>

void api_status(struct req *rq)
{
	const struct catalog *c = rq->srv->content;
	json_t *o = json_pack("{s:s, s:s, s:{s:i, s:i, s:i}}", "version", rq->srv->version ? rq->srv->version : "",
			      "mode", rq->srv->clinic ? "clinic" : "local", "content", "routines", (int)c->n_rt, "exercises", (int)c->n_ex,
			      "questions", (int)c->n_q);
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc)) {
		json_decref(o);
		return;
	}
	struct strbuf err = STRBUF_INIT;
	struct app_store_status ss;
	if (app_store_status(&ctx, &ss, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "the data store does not open: %s", err.buf);
		strbuf_release(&err);
		json_decref(o);
		return;
	}
	strbuf_release(&err);
	json_object_set_new(o, "store", json_pack("{s:s, s:i}", "backend", ss.backend, "schema", ss.schema));
	reply_json(rq, 200, o);
}

void api_session(struct req *rq)
{
	json_t *o = json_pack("{s:s, s:s}", "mode", rq->srv->clinic ? "clinic" : "local", "csrf_token", rq->csrf);
	if (rq->srv->clinic)
		json_object_set_new(o, "account", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)rq->person, "name",
							   rq->person_name ? rq->person_name : "", "role",
							   account_role_names[rq->role]));
	reply_json(rq, 200, o);
}

void page_pending(struct req *rq)
{
	const struct pending *p = rq->route->arg;
	reply_page(rq, 200, "pending", p->nav, p->title,
		   json_pack("{s:s, s:s}", "what", p->what, "command", p->command));
}

void static_file(struct req *rq)
{
	const char *hash = req_param(rq, "hash"), *name = req_param(rq, "name");
	const char *type = asset_type(name);
	const struct asset *a = NULL;
	if (type && !strcmp(hash, web_hash)) {
		char *path = arena_printf(&rq->arena, "static/%s", name);
		a = asset_find(path);
	}
	if (!a) {
		reply_error(rq, 404, "not_found", NULL, "there is no such file");
		return;
	}
	char *etag = arena_printf(&rq->arena, "\"%.32s\"", a->sha256);
	resp_add_header(rq, "ETag", etag);
	resp_add_header(rq, "Cache-Control", "public, max-age=31536000, immutable");
	const char *match = req_header(rq, "If-None-Match");
	if (match && strstr(match, etag)) {
		reply(rq, 304, NULL, "", 0);
		return;
	}
	reply(rq, 200, type, (const char *)a->data, a->len);
}

/* The web player's service worker (web/static/sw.js), served at the root so its scope is
 * the whole site; no-cache, so the browser asks again at each registration. */
void service_worker(struct req *rq)
{
	const struct asset *a = asset_find("static/sw.js");
	if (!a) {
		reply_error(rq, 404, "not_found", NULL, "there is no such file");
		return;
	}
	resp_add_header(rq, "Cache-Control", "no-cache");
	reply(rq, 200, asset_type("sw.js"), (const char *)a->data, a->len);
}
