/* routes-library.c: the Library: every routine and exercise, as JSON under /api/v1/ and
 * as pages. A page and its API route render the same view, built on the command line's
 * JSON (format/content-json.c) with what a reader needs besides: names of the easier
 * and harder versions, the routines that use an exercise, minutes. */
#include "http/handler.h"
#include "app/app.h"
#include "app/routines.h"
#include "core/diag.h"
#include "core/mem.h"
#include "core/session.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/content-json.h"
#include "format/figure-svg.h"
#include <stdlib.h>
#include <string.h>

static const char *const module_labels[MOD__COUNT] = {
	"Release the front of the body", "Activate the back", "Breathing", "Relaxation", "Posture breaks",
};
static const char *const category_labels[CAT__COUNT] = {
	"Release", "Activation", "Mobility", "Breathing", "Relaxation", "Posture",
};

/* Where an entry came from stays on this computer: the API tells only whether it is
 * the person's own version of a shipped one. */
static void drop_paths(json_t *o)
{
	json_object_set_new(o, "your_version", json_boolean(json_object_get(o, "overrides") != NULL));
	json_object_del(o, "file");
	json_object_del(o, "overrides");
}

static json_t *link(const struct catalog *c, const char *id)
{
	const struct exercise *e = id ? catalog_exercise(c, id) : NULL;
	if (!id)
		return json_null();
	return json_pack("{s:s, s:s}", "id", id, "name", e ? e->name : id);
}

static json_t *routine_view(const struct catalog *c, const struct routine *r)
{
	json_t *o = routine_json(c, r);
	drop_paths(o);
	json_object_set_new(o, "minutes", json_integer(run_minutes(routine_run_s(c, r, NULL, false, true))));
	json_object_set_new(o, "module_label", json_string(module_labels[r->module]));
	json_object_set_new(o, "exercise_count", json_integer((json_int_t)r->n_items));
	json_t *items = json_object_get(o, "items");
	for (size_t i = 0; i < r->n_items; i++) {
		const struct exercise *e = catalog_exercise(c, r->items[i].exercise);
		if (e)
			json_object_set_new(json_array_get(items, i), "purpose", json_string(e->purpose));
	}
	return o;
}

static bool uses(const struct routine *r, const char *id)
{
	for (size_t i = 0; i < r->n_items; i++)
		if (!strcmp(r->items[i].exercise, id))
			return true;
	return false;
}

static json_t *exercise_view(const struct catalog *c, const struct exercise *e)
{
	json_t *o = exercise_json(e);
	drop_paths(o);
	json_object_set_new(o, "category_label", json_string(category_labels[e->category]));
	json_object_set_new(o, "easier", link(c, e->regression));
	json_object_set_new(o, "harder", link(c, e->progression));
	const char *note = screen_note(e->screen);
	json_object_set_new(o, "screen_note", note ? json_string(note) : json_null());
	json_t *in = json_array();
	for (size_t i = 0; i < c->n_rt; i++)
		if (uses(&c->rt[i], e->id))
			json_array_append_new(in, json_pack("{s:s, s:s}", "id", c->rt[i].id, "name", c->rt[i].name));
	json_object_set_new(o, "used_in", in);
	return o;
}

/* The value of a name filter from the query, checked against names; -1 when absent,
 * -2 when refused (answered). */
static int filter(struct req *rq, const char *field, const char *const *names)
{
	json_t *v = json_object_get(rq->input, field);
	if (!v)
		return -1;
	int i = name_index(names, json_string_value(v));
	if (i < 0) {
		struct strbuf sb = STRBUF_INIT;
		for (int k = 0; names[k]; k++)
			strbuf_addf(&sb, "%s%s", k ? ", " : "", names[k]);
		reply_error(rq, 400, "bad_value", field, "%s: must be one of %s", field, sb.buf);
		strbuf_release(&sb);
		return -2;
	}
	return i;
}

void api_routines(struct req *rq)
{
	const struct catalog *c = rq->srv->content;
	int only = filter(rq, "module", module_names);
	if (only == -2)
		return;
	json_t *a = json_array();
	for (int m = 0; m < MOD__COUNT; m++)
		for (size_t i = 0; i < c->n_rt; i++)
			if ((int)c->rt[i].module == m && (only < 0 || only == m))
				json_array_append_new(a, routine_view(c, &c->rt[i]));
	reply_json(rq, 200, json_pack("{s:o}", "routines", a));
}

void api_exercises(struct req *rq)
{
	const struct catalog *c = rq->srv->content;
	int only = filter(rq, "category", category_names);
	if (only == -2)
		return;
	json_t *a = json_array();
	for (size_t i = 0; i < c->n_ex; i++)
		if (only < 0 || (int)c->ex[i].category == only)
			json_array_append_new(a, exercise_view(c, &c->ex[i]));
	reply_json(rq, 200, json_pack("{s:o}", "exercises", a));
}

static void not_found(struct req *rq, const char *what, const char *id)
{
	const struct catalog *c = rq->srv->content;
	const char **ids = xcalloc(c->n_ex + c->n_rt + 1, sizeof(*ids));
	size_t n = 0;
	for (size_t i = 0; i < c->n_rt; i++)
		ids[n++] = c->rt[i].id;
	for (size_t i = 0; i < c->n_ex; i++)
		ids[n++] = c->ex[i].id;
	const char *hint = did_you_mean(id, ids);
	if (hint)
		reply_error(rq, 404, "not_found", "id", "there is no %s '%s' (did you mean '%s'?)", what, id, hint);
	else
		reply_error(rq, 404, "not_found", "id", "there is no %s '%s'", what, id);
	free(ids);
}

void api_routine(struct req *rq)
{
	const char *id = req_param(rq, "id");
	const struct routine *r = catalog_routine(rq->srv->content, id);
	if (!r) {
		not_found(rq, "routine", id);
		return;
	}
	reply_json(rq, 200, routine_view(rq->srv->content, r));
}

void api_exercise(struct req *rq)
{
	const char *id = req_param(rq, "id");
	const struct exercise *e = catalog_exercise(rq->srv->content, id);
	if (!e) {
		not_found(rq, "exercise", id);
		return;
	}
	reply_json(rq, 200, exercise_view(rq->srv->content, e));
}

void page_library(struct req *rq)
{
	const struct catalog *c = rq->srv->content;
	json_t *modules = json_array();
	for (int m = 0; m < MOD__COUNT; m++) {
		json_t *list = json_array();
		for (size_t i = 0; i < c->n_rt; i++)
			if ((int)c->rt[i].module == m)
				json_array_append_new(list, routine_view(c, &c->rt[i]));
		if (json_array_size(list))
			json_array_append_new(modules, json_pack("{s:s, s:s, s:o}", "key", module_names[m], "label",
								 module_labels[m], "routines", list));
		else
			json_decref(list);
	}
	json_t *categories = json_array();
	for (int k = 0; k < CAT__COUNT; k++) {
		json_t *list = json_array();
		for (size_t i = 0; i < c->n_ex; i++)
			if ((int)c->ex[i].category == k)
				json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "id", c->ex[i].id, "name",
								      c->ex[i].name, "purpose", c->ex[i].purpose));
		if (json_array_size(list))
			json_array_append_new(categories, json_pack("{s:s, s:o}", "label", category_labels[k],
								    "exercises", list));
		else
			json_decref(list);
	}
	reply_page(rq, 200, "library", "library", "Library",
		   json_pack("{s:o, s:o}", "modules", modules, "categories", categories));
}

void page_routine(struct req *rq)
{
	const char *id = req_param(rq, "id");
	const struct routine *r = catalog_routine(rq->srv->content, id);
	if (!r) {
		not_found(rq, "routine", id);
		return;
	}
	json_t *v = routine_view(rq->srv->content, r);
	reply_page(rq, 200, "routine", "library", r->name, json_pack("{s:o}", "routine", v));
}

/* The guided session (web/static/player-page.js): the page holds the routine's id and the
 * engine's address; the script reads the content from the API and asks the gate. The
 * minutes it shows are the next session's at the plan's doses (app_routine_run_s(), as
 * Today and Plan count them), not the content's: the page is worked out from the store
 * (ROUTE_FRESH), and the gate's answer corrects them if pain changes the session. */
void page_play(struct req *rq)
{
	const char *id = req_param(rq, "id");
	const struct routine *r = catalog_routine(rq->srv->content, id);
	if (!r) {
		not_found(rq, "routine", id);
		return;
	}
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return;
	struct strbuf err = STRBUF_INIT;
	int run_s;
	/* the minutes of the person's routine (with the steps their trainer added) */
	if (app_routine_run_s(&ctx, catalog_routine(ctx.content, id), &run_s, &err)) {
		reply_error(rq, 503, "store_unavailable", NULL, "your plan could not be read: %s", err.buf);
		strbuf_release(&err);
		return;
	}
	strbuf_release(&err);
	json_t *v = routine_view(rq->srv->content, r);
	json_object_set_new(v, "minutes", json_integer(run_minutes(run_s)));
	reply_page(rq, 200, "play", "library", r->name, json_pack("{s:o}", "routine", v));
}

void page_exercise(struct req *rq)
{
	const char *id = req_param(rq, "id");
	const struct exercise *e = catalog_exercise(rq->srv->content, id);
	if (!e) {
		not_found(rq, "exercise", id);
		return;
	}
	json_t *v = exercise_view(rq->srv->content, e);
	json_t *ctx = json_pack("{s:o, s:b, s:b, s:b, s:b}", "exercise", v, "has_equipment", e->n_equipment > 0,
				"has_variants", e->regression || e->progression, "in_routines",
				json_array_size(json_object_get(v, "used_in")) > 0, "has_picture", e->picture != NULL);
	reply_page(rq, 200, "exercise", "library", e->name, ctx);
}

static void release_strbuf(void *p)
{
	strbuf_release(p);
}

/* The exercise's pictures, drawn from its pose data (format/figure-svg.c). */
void exercise_picture(struct req *rq)
{
	const char *id = req_param(rq, "id");
	const struct exercise *e = catalog_exercise(rq->srv->content, id);
	if (!e) {
		not_found(rq, "exercise", id);
		return;
	}
	struct strbuf *svg = arena_alloc(&rq->arena, sizeof(*svg));
	strbuf_init(svg);
	arena_defer(&rq->arena, release_strbuf, svg);
	if (!svg_exercise(svg, e, 220)) {
		reply_error(rq, 404, "not_found", "id", "exercise '%s' has no pictures", id);
		return;
	}
	reply(rq, 200, "image/svg+xml", svg->buf, svg->len);
}
