/* picture.c: an exercise's pose data (core/pose.h) built record by record, as the page
 * reads it out of the server's JSON ("picture" of format/content-json.c), so the engine
 * can draw the moving figure. Records go to the exercise open in content.c:
 *
 *   picture VIEW, a near (0 left, 1 right) | prop NAME
 *   side NAME, a mirror (0/1) | side_view VIEW       (a side or direction drawn otherwise)
 *   pose KEY                                          (start, up, ... or a position's name)
 *   angle JOINT a degrees, b which (0 left, 1 right, 2 both) | out JOINT a, b (the same)
 *   rest.SURFACE POINT                                (floor, wall, seat, bed, frame; e.g. left-heel)
 *
 * Angles are whole degrees within -360..360 as in a content file; the geometry (ranges,
 * contacts) is checked with the rest of the content (picture_check in content.c). */
#include "wasm/export.h"
#include "core/mem.h"
#include "core/pose.h"
#include <stdlib.h>
#include <string.h>

static int bad(const char *key, const char *what)
{
	strbuf_addf(ux_err_buf(), "%s: %s", key, what);
	return -1;
}

static struct pose_set *cur_set(struct picture *pic, const struct ux_picture_open *o)
{
	return o->set < 0 ? &pic->main : &pic->sides[o->set];
}

static struct pose *cur_pose(struct picture *pic, const struct ux_picture_open *o)
{
	struct pose_set *s = cur_set(pic, o);
	return o->pose >= 0 ? &s->pose[o->pose] : &s->named[-o->pose - 1].pose;
}

static int angle(const char *key, double (*a)[2], struct pos (*at)[2], const char *joint, int deg, int which,
		 bool limbs_only, struct pos here)
{
	int j = name_index(joint_names, joint);
	if (j < 0 || (limbs_only && j <= J__AXIAL_LAST))
		return bad(key, limbs_only ? "not a limb's joint" : "not a joint");
	if (deg < -360 || deg > 360)
		return bad(key, "not a whole number of degrees from -360 to 360");
	if (which < 0 || which > 2 || (j <= J__AXIAL_LAST && which == 1))
		return bad(key, "not 0 (left), 1 (right) or 2 (both)");
	for (int k = 0; k < 2; k++)
		if (which == 2 || which == k) {
			a[j][k] = deg;
			at[j][k] = here;
		}
	return 0;
}

int ux_picture_put(struct ux_picture_open *o, struct exercise *e, const char *file, const char *key,
		   const char *text, int a, int b)
{
	struct pos here = { file, 0, 0 };
	if (!strcmp(key, "picture")) {
		int v = name_index(viewpoint_names, text);
		if (e->picture)
			return bad(key, "given twice");
		if (v < 0)
			return bad(key, "not a view (side, front, top, above)");
		if (a != 0 && a != 1)
			return bad(key, "near is 0 (left) or 1 (right)");
		e->picture = xcalloc(1, sizeof(*e->picture));
		e->picture->at = e->picture->main.at = here;
		e->picture->main.view = (enum viewpoint)v;
		e->picture->near = a;
		o->set = -1;
		o->pose = PK__COUNT; /* none open */
		return 0;
	}
	struct picture *pic = e->picture;
	if (!pic)
		return bad(key, "no picture is open");
	if (!strcmp(key, "prop")) {
		int p = name_index(prop_names, text);
		if (p < 0)
			return bad(key, "not a prop");
		pic->props |= 1u << p;
		return 0;
	}
	if (!strcmp(key, "side")) {
		if (!*text)
			return bad(key, "an empty name");
		if (a != 0 && a != 1)
			return bad(key, "mirror is 0 or 1");
		pic->sides = xrealloc(pic->sides, (pic->n_sides + 1) * sizeof(*pic->sides));
		struct pose_set *s = &pic->sides[pic->n_sides++];
		memset(s, 0, sizeof(*s));
		s->name = xstrdup(text);
		s->view = pic->main.view;
		s->mirror = a;
		s->at = here;
		o->set = (int)pic->n_sides - 1;
		o->pose = PK__COUNT;
		return 0;
	}
	if (!strcmp(key, "side_view")) {
		int v = name_index(viewpoint_names, text);
		if (o->set < 0)
			return bad(key, "no side is open");
		if (v < 0)
			return bad(key, "not a view (side, front, top, above)");
		cur_set(pic, o)->view = (enum viewpoint)v;
		return 0;
	}
	if (!strcmp(key, "pose")) {
		struct pose_set *s = cur_set(pic, o);
		int k = name_index(pose_key_names, text);
		if (!*text)
			return bad(key, "an empty name");
		if (s->mirror)
			return bad(key, "a mirrored side has no poses of its own");
		if (k >= 0) {
			if (s->pose[k].given)
				return bad(key, "this pose is given twice");
			o->pose = k;
		} else {
			s->named = xrealloc(s->named, (s->n_named + 1) * sizeof(*s->named));
			memset(&s->named[s->n_named], 0, sizeof(*s->named));
			s->named[s->n_named].name = xstrdup(text);
			o->pose = -(int)++s->n_named;
		}
		struct pose *p = cur_pose(pic, o);
		p->given = true;
		p->at = here;
		return 0;
	}
	if (o->pose == PK__COUNT)
		return bad(key, "no pose is open");
	struct pose *p = cur_pose(pic, o);
	if (!strcmp(key, "angle"))
		return angle(key, p->a, p->a_at, text, a, b, false, here);
	if (!strcmp(key, "out"))
		return angle(key, p->out, p->out_at, text, a, b, true, here);
	if (!strncmp(key, "rest.", 5)) {
		int surf = name_index(surface_names, key + 5);
		enum body_point bp[4];
		size_t n = body_point_parse(text, bp);
		if (surf < 0)
			return bad(key, "not a surface (floor, wall, seat, bed, frame)");
		if (!n)
			return bad(key, "not a body point");
		if (p->n_touch + n > POSE_MAX_TOUCH)
			return bad(key, "too many contact points in one pose");
		for (size_t i = 0; i < n; i++)
			p->touch[p->n_touch++] = (struct contact){ bp[i], (enum surface)surf, here };
		return 0;
	}
	return bad(key, "not a field of the content");
}

bool ux_picture_key(const char *key)
{
	static const char *const keys[] = { "picture", "prop", "side", "side_view", "pose", "angle", "out", NULL };
	return name_index(keys, key) >= 0 || !strncmp(key, "rest.", 5);
}
