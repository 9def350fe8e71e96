/* content-json.c: JSON views of exercises, doses and routines, for the command line's --json
 * output and the web API. */
#include "format/content-json.h"
#include "core/pose.h"
#include "core/session.h"
#include "core/strbuf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static json_t *strv(char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *range_json(struct range r)
{
	return json_pack("{s:i, s:i}", "min", r.min, "max", r.max);
}

json_t *dose_json(const struct dose *d)
{
	json_t *o = json_object();
	struct strbuf sb = STRBUF_INIT;
	dose_describe(d, &sb);
	json_object_set_new(o, "text", json_string(strbuf_str(&sb)));
	strbuf_release(&sb);
	if (d->reps.max)
		json_object_set_new(o, "reps", range_json(d->reps));
	json_object_set_new(o, "sets", json_integer(d->sets ? d->sets : 1));
	if (d->rest_s)
		json_object_set_new(o, "rest_s", json_integer(d->rest_s));
	if (d->n_per) {
		json_object_set_new(o, d->per == PER_SIDE ? "per_side" : "per_direction", strv(d->per_names, d->n_per));
	}
	if (d->hold_s)
		json_object_set_new(o, "hold_s", json_integer(d->hold_s));
	if (d->n_tempo) {
		json_t *t = json_array();
		for (size_t i = 0; i < d->n_tempo; i++)
			json_array_append_new(t, json_pack("{s:s, s:i}", "phase", phase_names[d->tempo[i].phase],
							   "seconds", d->tempo[i].seconds));
		json_object_set_new(o, "tempo", t);
	}
	if (d->n_positions)
		json_object_set_new(o, "cycles", json_pack("{s:i, s:i, s:o}", "contract_s", d->contract_s, "relax_s",
							   d->relax_s, "positions", strv(d->positions, d->n_positions)));
	if (d->duration_s.max)
		json_object_set_new(o, "duration_s", range_json(d->duration_s));
	json_object_set_new(o, "pacing", json_string(pacing_names[d->pacing]));
	if (d->note)
		json_object_set_new(o, "note", json_string(d->note));
	json_object_set_new(o, "estimate_s", json_integer(dose_estimate_s(d)));
	return o;
}

/* ---- pictures: the pose data as the content file says it, so the web player's engine
 * can draw the moving figure (src/wasm/content.c reads it back) ---- */

/* An angle: one number for the joints along the body's middle, [left, right] for the others. */
static void angles_json(json_t *o, const double (*a)[2])
{
	for (int j = 0; j < J__COUNT; j++) {
		if (j <= J__AXIAL_LAST) {
			if (a[j][0] != 0)
				json_object_set_new(o, joint_names[j], json_integer(lround(a[j][0])));
		} else if (a[j][0] != 0 || a[j][1] != 0) {
			json_object_set_new(o, joint_names[j], json_pack("[I, I]", (json_int_t)lround(a[j][0]),
									 (json_int_t)lround(a[j][1])));
		}
	}
}

/* {"torso": -90, "shoulder": [-3, -3], "out": {...}, "rests": [{"on": "floor", "point": "left-heel"}...]};
 * the points in their order, which decides what places the figure */
static json_t *pose_json(const struct pose *p)
{
	json_t *o = json_object(), *out = json_object(), *rests = json_array();
	angles_json(o, p->a);
	angles_json(out, p->out);
	if (json_object_size(out))
		json_object_set(o, "out", out);
	json_decref(out);
	for (size_t i = 0; i < p->n_touch; i++) {
		char word[32];
		snprintf(word, sizeof(word), "%s", body_point_name(p->touch[i].point));
		for (char *c = word; *c; c++)
			if (*c == ' ')
				*c = '-';
		json_array_append_new(rests, json_pack("{s:s, s:s}", "on", surface_names[p->touch[i].surface], "point", word));
	}
	json_object_set_new(o, "rests", rests);
	return o;
}

static json_t *poses_json(const struct pose_set *s)
{
	json_t *o = json_object();
	for (int k = 0; k < PK__COUNT; k++)
		if (s->pose[k].given)
			json_object_set_new(o, pose_key_names[k], pose_json(&s->pose[k]));
	for (size_t i = 0; i < s->n_named; i++)
		json_object_set_new(o, s->named[i].name, pose_json(&s->named[i].pose));
	return o;
}

json_t *picture_json(const struct picture *pic)
{
	json_t *props = json_array(), *sides = json_array();
	for (int k = 0; k < PROP__COUNT; k++)
		if (pic->props & (1u << k))
			json_array_append_new(props, json_string(prop_names[k]));
	for (size_t i = 0; i < pic->n_sides; i++) {
		const struct pose_set *s = &pic->sides[i];
		json_t *so = json_pack("{s:s}", "name", s->name);
		if (s->mirror) {
			json_object_set_new(so, "mirror", json_true());
		} else {
			json_object_set_new(so, "view", json_string(viewpoint_names[s->view]));
			json_object_set_new(so, "poses", poses_json(s));
		}
		json_array_append_new(sides, so);
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:o}", "view", viewpoint_names[pic->main.view], "near",
			 pic->near ? "right" : "left", "props", props, "poses", poses_json(&pic->main), "sides", sides);
}

json_t *exercise_json(const struct exercise *e)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s}", "id", e->id, "name", e->name, "category",
			      category_names[e->category], "purpose", e->purpose, "steps", strv(e->steps, e->n_steps),
			      "cautions", strv(e->cautions, e->n_cautions), "screen", screen_names[e->screen], "file",
			      e->at.file);
	json_t *eq = json_array();
	for (size_t i = 0; i < e->n_equipment; i++)
		json_array_append_new(eq, json_pack("{s:s, s:o, s:b}", "name", e->equipment[i].name, "or",
						    strv(e->equipment[i].stand_ins, e->equipment[i].n_stand_ins),
						    "optional", e->equipment[i].optional));
	json_object_set_new(o, "equipment", eq);
	json_object_set_new(o, "regression", e->regression ? json_string(e->regression) : json_null());
	json_object_set_new(o, "progression", e->progression ? json_string(e->progression) : json_null());
	json_object_set_new(o, "version_of", e->version_of ? json_string(e->version_of) : json_null());
	json_t *cues = json_object();
	for (int p = 0; p < PH__COUNT; p++)
		if (e->cues[p])
			json_object_set_new(cues, phase_names[p], json_string(e->cues[p]));
	json_object_set_new(o, "cues", cues);
	if (e->dose.given)
		json_object_set_new(o, "dose", dose_json(&e->dose));
	if (e->gentle_skip) /* left out of gentle sessions: the web player's engine needs it */
		json_object_set_new(o, "gentle", json_false());
	if (e->overrides)
		json_object_set_new(o, "overrides", json_string(e->overrides));
	if (e->picture && !e->picture->broken)
		json_object_set_new(o, "picture", picture_json(e->picture));
	return o;
}

json_t *routine_json(const struct catalog *c, const struct routine *r)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "id", r->id, "name", r->name, "module",
			      module_names[r->module], "description", r->description, "file", r->at.file,
			      "estimate_s", routine_run_s(c, r, NULL, false, true));
	if (r->overrides)
		json_object_set_new(o, "overrides", json_string(r->overrides));
	if (r->ready_s)
		json_object_set_new(o, "ready_s", json_integer(r->ready_s));
	json_t *items = json_array();
	for (size_t i = 0; i < r->n_items; i++) {
		const struct item *it = &r->items[i];
		const struct exercise *e = catalog_exercise(c, it->exercise);
		json_t *jo = json_pack("{s:i, s:s}", "number", (int)i + 1, "exercise", it->exercise);
		if (e)
			json_object_set_new(jo, "name", json_string(e->name));
		json_object_set_new(jo, "dose", dose_json(item_dose(it, e)));
		json_array_append_new(items, jo);
	}
	json_object_set_new(o, "items", items);
	return o;
}

const char *screen_note(enum screen s)
{
	if (s != SCREEN_NECK)
		return NULL;
	return "Needs the neck screen first: it is only for people with no dizziness, double vision, slurred "
	       "speech, trouble swallowing, drop attacks, unsteadiness, nausea, numbness or flickering eyes. "
	       "Stop at once if any of these comes on.";
}

void json_print(json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (s)
		printf("%s\n", s);
	free(s);
	json_decref(v);
}
