/* pose.c: forward kinematics of the stick figure, placing poses on their props, the
 * checks on pictures, mirroring and blending. Pure: no I/O. */
#include "pose.h"
#include "content.h"
#include "mem.h"
#include "session.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const viewpoint_names[VIEW__COUNT + 1] = { "side", "front", "top", "above", NULL };

bool view_profile(enum viewpoint v)
{
	return v == VIEW_SIDE || v == VIEW_ABOVE;
}

bool view_from_above(enum viewpoint v)
{
	return v == VIEW_TOP || v == VIEW_ABOVE;
}
const char *const prop_names[PROP__COUNT + 1] = { "floor", "mat", "wall", "ball", "doorway", "chair", "bed",
						  "dumbbells", "band", NULL };
const char *const joint_names[J__COUNT + 1] = { "torso", "neck", "head", "twist", "blade", "shoulder",
						"elbow", "wrist", "hip", "knee", "ankle", NULL };
const char *const surface_names[SURF__COUNT + 1] = { "floor", "wall", "seat", "bed", "frame", NULL };
const char *const pose_key_names[PK__COUNT + 1] = { "start", "up", "hold", "down", "inhale", "exhale", NULL };

/* Ranges by view: side, front, top (the top view is a front view of someone lying). */
static const struct angle_range ranges[J__COUNT][2] = {
	[J_TORSO] = { { -180, 180 }, { -180, 180 } },
	[J_NECK] = { { -50, 60 }, { -45, 45 } },
	[J_HEAD] = { { -40, 40 }, { -30, 30 } },
	[J_TWIST] = { { -60, 60 }, { -60, 60 } },
	[J_BLADE] = { { -30, 40 }, { -20, 40 } },
	[J_SHOULDER] = { { -60, 190 }, { -40, 180 } },
	[J_ELBOW] = { { -5, 155 }, { -155, 155 } },
	[J_WRIST] = { { -80, 80 }, { -80, 80 } },
	[J_HIP] = { { -30, 130 }, { -20, 60 } },
	[J_KNEE] = { { 0, 155 }, { -10, 10 } },
	[J_ANKLE] = { { -60, 35 }, { -30, 30 } },
};

struct angle_range joint_range(enum joint j, enum viewpoint v)
{
	return ranges[j][view_profile(v) ? 0 : 1];
}

static const char *const bp_names[BP__COUNT] = {
	"head", "back", "chest", "pelvis", "left shoulder", "right shoulder", "left elbow", "right elbow",
	"left forearm", "right forearm", "left hand", "right hand", "left knee", "right knee", "left heel",
	"right heel", "left toe", "right toe",
};

const char *body_point_name(enum body_point p)
{
	return bp_names[p];
}

const char *const body_point_words[] = {
	"head", "back", "chest", "pelvis", "shoulders", "elbows", "forearms", "hands", "knees", "heels", "toes",
	"feet", "left-shoulder", "right-shoulder", "left-elbow", "right-elbow", "left-forearm", "right-forearm",
	"left-hand", "right-hand", "left-knee", "right-knee", "left-heel", "right-heel", "left-toe", "right-toe",
	"left-foot", "right-foot", NULL,
};

size_t body_point_parse(const char *name, enum body_point out[4])
{
	static const struct {
		const char *both;
		const char *one;
		enum body_point left;
	} paired[] = {
		{ "shoulders", "shoulder", BP_SHOULDER_L }, { "elbows", "elbow", BP_ELBOW_L },
		{ "forearms", "forearm", BP_FOREARM_L },    { "hands", "hand", BP_HAND_L },
		{ "knees", "knee", BP_KNEE_L },             { "heels", "heel", BP_HEEL_L },
		{ "toes", "toe", BP_TOE_L },
	};
	for (int i = 0; i <= BP_PELVIS; i++)
		if (!strcmp(name, bp_names[i])) {
			out[0] = (enum body_point)i;
			return 1;
		}
	int side = -1; /* -1: both */
	if (!strncmp(name, "left-", 5))
		side = 0, name += 5;
	else if (!strncmp(name, "right-", 6))
		side = 1, name += 6;
	if (!strcmp(name, side < 0 ? "feet" : "foot")) {
		size_t n = 0;
		for (int s = 0; s < 2; s++)
			if (side < 0 || side == s) {
				out[n++] = (enum body_point)(BP_HEEL_L + s);
				out[n++] = (enum body_point)(BP_TOE_L + s);
			}
		return n;
	}
	for (size_t i = 0; i < sizeof(paired) / sizeof(paired[0]); i++) {
		if (strcmp(name, side < 0 ? paired[i].both : paired[i].one))
			continue;
		size_t n = 0;
		for (int s = 0; s < 2; s++)
			if (side < 0 || side == s)
				out[n++] = (enum body_point)(paired[i].left + s);
		return n;
	}
	return 0;
}

static void pose_set_release(struct pose_set *s)
{
	free(s->name);
	for (size_t i = 0; i < s->n_named; i++)
		free(s->named[i].name);
	free(s->named);
}

void picture_free(struct picture *p)
{
	if (!p)
		return;
	pose_set_release(&p->main);
	for (size_t i = 0; i < p->n_sides; i++)
		pose_set_release(&p->sides[i]);
	free(p->sides);
	free(p);
}

/* ---- forward kinematics ---- */

#define PI 3.14159265358979323846 /* not every libc defines M_PI */
#define DEG (PI / 180.0)

double girdle_length(enum viewpoint v)
{
	return view_profile(v) ? 10.0 : 17.0;
}

double hip_half_width(enum viewpoint v)
{
	return view_profile(v) ? 0.0 : 9.0;
}

/* A bone of length len from p at angle th (radians, counter-clockwise from +x) in the
 * view's plane, turned el radians out of it. */
static struct vec3 bone(struct vec3 p, double len, double th, double el)
{
	return (struct vec3){ p.x + len * cos(el) * cos(th), p.y + len * cos(el) * sin(th), p.z + len * sin(el) };
}

void figure_from_stance(enum viewpoint v, const struct stance *s, struct figure *f)
{
	memset(f, 0, sizeof(*f));
	f->view = v;
	f->near = s->near;
	bool side = view_profile(v);
	double torso = (90 - s->a[J_TORSO][0]) * DEG; /* forward (to +x) is clockwise */
	f->torso_dir = torso;
	f->pelvis = s->root;
	f->neck = bone(f->pelvis, BONE_TORSO, torso, 0);
	f->chest = bone(f->pelvis, BONE_TORSO - TORSO_R, torso, 0);
	double neck = torso - s->a[J_NECK][0] * DEG;
	struct vec3 top = bone(f->neck, BONE_NECK, neck, 0);
	double head = neck - s->a[J_HEAD][0] * DEG;
	f->head = bone(top, HEAD_R - 1, head, 0);
	f->head_up = head;
	f->head_front = head - PI / 2;
	double down = torso + PI; /* limbs hang along the torso at 0 */
	double twist = s->a[J_TWIST][0] * DEG;
	f->twist = twist;
	for (int k = 0; k < 2; k++) {
		/* angles open to the front (side view) or outward (front, top): counter-
		 * clockwise for the left side, which is drawn on the right of a front view */
		double sg = side || k == 0 ? 1 : -1;
		double outward = torso - sg * PI / 2;
		double blade = s->a[J_BLADE][k] * DEG;
		struct vec3 sh;
		if (side)
			sh = bone(f->neck, girdle_length(v), down + blade, 0);
		else
			sh = bone(f->neck, girdle_length(v), outward + sg * blade, (k == 0 ? -1 : 1) * twist);
		f->limb[LP_SHOULDER][k] = sh;
		double th = down + sg * s->a[J_SHOULDER][k] * DEG, el = s->out[J_SHOULDER][k] * DEG;
		f->limb[LP_ELBOW][k] = bone(sh, BONE_UPPER_ARM, th, el);
		th += sg * s->a[J_ELBOW][k] * DEG;
		el += s->out[J_ELBOW][k] * DEG;
		f->limb[LP_WRIST][k] = bone(f->limb[LP_ELBOW][k], BONE_FOREARM, th, el);
		th += sg * s->a[J_WRIST][k] * DEG;
		el += s->out[J_WRIST][k] * DEG;
		f->limb[LP_HAND][k] = bone(f->limb[LP_WRIST][k], BONE_HAND, th, el);

		struct vec3 hip = side ? f->pelvis : bone(f->pelvis, hip_half_width(v), outward, 0);
		f->limb[LP_HIP][k] = hip;
		th = down + sg * s->a[J_HIP][k] * DEG;
		el = s->out[J_HIP][k] * DEG;
		f->limb[LP_KNEE][k] = bone(hip, BONE_THIGH, th, el);
		th -= sg * s->a[J_KNEE][k] * DEG; /* the knee bends backward */
		el += s->out[J_KNEE][k] * DEG;
		struct vec3 ankle = bone(f->limb[LP_KNEE][k], BONE_SHIN, th, el);
		f->limb[LP_ANKLE][k] = ankle;
		if (side) {
			double foot = th + PI / 2 + s->a[J_ANKLE][k] * DEG, sole = foot - PI / 2;
			struct vec3 under = bone(ankle, FOOT_SOLE, sole, 0);
			f->limb[LP_HEEL][k] = bone(under, FOOT_HEEL, foot + PI, 0);
			f->limb[LP_TOE][k] = bone(under, FOOT_TOE, foot, 0);
		} else if (v == VIEW_FRONT) {
			/* the foot points at the viewer: its sole is under the ankle */
			struct vec3 under = bone(ankle, FOOT_SOLE, th + sg * s->a[J_ANKLE][k] * DEG, el);
			f->limb[LP_HEEL][k] = under;
			f->limb[LP_TOE][k] = bone(under, 3, outward, 0);
		} else {
			/* seen from above, a foot flat on the floor is under its ankle */
			struct vec3 under = { ankle.x, ankle.y, ankle.z - FOOT_SOLE };
			f->limb[LP_HEEL][k] = under;
			f->limb[LP_TOE][k] = bone(under, 5, th + sg * s->a[J_ANKLE][k] * DEG, 0);
		}
	}
}

struct vec3 figure_point(const struct figure *f, enum body_point p, double *radius)
{
	static const double r[BP__COUNT] = {
		[BP_HEAD] = HEAD_R, [BP_BACK] = TORSO_R, [BP_CHEST] = TORSO_R, [BP_PELVIS] = PELVIS_R,
		[BP_SHOULDER_L] = 5, [BP_SHOULDER_R] = 5, [BP_ELBOW_L] = 4, [BP_ELBOW_R] = 4,
		[BP_FOREARM_L] = 4, [BP_FOREARM_R] = 4, [BP_HAND_L] = 3, [BP_HAND_R] = 3,
		[BP_KNEE_L] = 5, [BP_KNEE_R] = 5,
	};
	*radius = r[p];
	switch (p) {
	case BP_HEAD: return f->head;
	case BP_BACK:
	case BP_CHEST: return f->chest;
	case BP_PELVIS: return f->pelvis;
	default: break;
	}
	int k = (p - BP_SHOULDER_L) % 2;
	switch ((p - BP_SHOULDER_L) / 2) {
	case 0: return f->limb[LP_SHOULDER][k];
	case 1: return f->limb[LP_ELBOW][k];
	case 2: {
		struct vec3 a = f->limb[LP_ELBOW][k], b = f->limb[LP_WRIST][k];
		return (struct vec3){ (a.x + b.x) / 2, (a.y + b.y) / 2, (a.z + b.z) / 2 };
	}
	case 3: return f->limb[LP_HAND][k];
	case 4: return f->limb[LP_KNEE][k];
	case 5: return f->limb[LP_HEEL][k];
	default: return f->limb[LP_TOE][k];
	}
}

/* ---- mirror, place, blend ---- */

static enum body_point bp_other_side(enum body_point p)
{
	return p >= BP_SHOULDER_L ? (enum body_point)(p ^ 1) : p; /* pairs start at an even number */
}

void pose_mirror(const struct pose *in, struct pose *out)
{
	struct pose m = *in;
	for (int j = 0; j < J__COUNT; j++) {
		if (j <= J__AXIAL_LAST)
			continue;
		m.a[j][0] = in->a[j][1], m.a[j][1] = in->a[j][0];
		m.out[j][0] = in->out[j][1], m.out[j][1] = in->out[j][0];
		m.a_at[j][0] = in->a_at[j][1], m.a_at[j][1] = in->a_at[j][0];
		m.out_at[j][0] = in->out_at[j][1], m.out_at[j][1] = in->out_at[j][0];
	}
	for (size_t i = 0; i < m.n_touch; i++)
		m.touch[i].point = bp_other_side(in->touch[i].point);
	*out = m;
}

/* In a front or top view the sideways angles along the middle change sign too; the
 * side view's are bends forward and back, the same on either side. */
static void mirror_for_view(enum viewpoint v, const struct pose *in, struct pose *out)
{
	pose_mirror(in, out);
	if (!view_profile(v))
		for (int j = 0; j <= J__AXIAL_LAST; j++)
			out->a[j][0] = -in->a[j][0];
}

static bool level(enum surface s)
{
	return s == SURF_FLOOR || s == SURF_SEAT || s == SURF_BED;
}

static double surface_height(enum surface s)
{
	return s == SURF_SEAT ? SEAT_HEIGHT : s == SURF_BED ? BED_HEIGHT : 0;
}

static void stance_of(const struct pose *p, struct stance *s)
{
	memcpy(s->a, p->a, sizeof(s->a));
	memcpy(s->out, p->out, sizeof(s->out));
	s->root = (struct vec3){ 0, 0, 0 };
	s->near = 1;
}

static bool touches(const struct pose *p, enum body_point b, enum surface sf)
{
	for (size_t i = 0; i < p->n_touch; i++)
		if (p->touch[i].point == b && p->touch[i].surface == sf)
			return true;
	return false;
}

/* Move a stance so body point b of figure f (radius r) rests on surface sf at x. */
static void rest_on(enum viewpoint v, struct stance *st, const struct figure *f, enum body_point b, enum surface sf,
		    double x, double y)
{
	double r;
	struct vec3 c = figure_point(f, b, &r);
	if (view_from_above(v)) /* seen from above, the body lies in the floor's plane */
		st->root = (struct vec3){ x - c.x, y - c.y, -c.z };
	else
		st->root = (struct vec3){ x - c.x, surface_height(sf) + r - c.y, 0 };
}

void pose_place(enum viewpoint v, const struct pose *p, const struct pose *start, struct stance *out)
{
	stance_of(p, out);
	struct figure f;
	figure_from_stance(v, out, &f);
	if (start && start != p) {
		/* a point that rests in both poses stays where it is in the start pose */
		struct stance ss;
		struct figure sf;
		pose_place(v, start, NULL, &ss);
		figure_from_stance(v, &ss, &sf);
		for (size_t i = 0; i < p->n_touch; i++) {
			const struct contact *t = &p->touch[i];
			if (!level(t->surface) || !touches(start, t->point, t->surface))
				continue;
			double r;
			struct vec3 there = figure_point(&sf, t->point, &r), here = figure_point(&f, t->point, &r);
			out->root = (struct vec3){ there.x - here.x, there.y - here.y, there.z - here.z };
			return;
		}
	}
	for (size_t i = 0; i < p->n_touch; i++)
		if (level(p->touch[i].surface)) {
			rest_on(v, out, &f, p->touch[i].point, p->touch[i].surface, 0, 0);
			return;
		}
}

static const struct pose *set_pose(const struct pose_set *set, enum pose_key k)
{
	return set && set->pose[k].given ? &set->pose[k] : NULL;
}

const struct pose *pose_lookup(const struct picture *pic, const struct pose_set *set, enum pose_key k)
{
	/* a breathing picture has no start: it rests breathed out */
	static const enum pose_key fallback[PK__COUNT] = {
		[PK_START] = PK_EXHALE, [PK_UP] = PK_START, [PK_HOLD] = PK_UP,
		[PK_DOWN] = PK_START, [PK_INHALE] = PK_START, [PK_EXHALE] = PK_INHALE,
	};
	for (int tries = 0; tries < PK__COUNT; tries++) {
		const struct pose *p = set_pose(set, k);
		if (!p && (!set || set->view == pic->main.view))
			p = set_pose(&pic->main, k);
		if (p)
			return p;
		k = fallback[k];
	}
	return NULL;
}

void stance_lerp(const struct stance *a, const struct stance *b, double t, struct stance *out)
{
	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	for (int j = 0; j < J__COUNT; j++)
		for (int k = 0; k < 2; k++) {
			double d = b->a[j][k] - a->a[j][k];
			if (j == J_TORSO) /* the short way round */
				d = remainder(d, 360.0);
			out->a[j][k] = a->a[j][k] + t * d;
			out->out[j][k] = a->out[j][k] + t * (b->out[j][k] - a->out[j][k]);
		}
	out->root.x = a->root.x + t * (b->root.x - a->root.x);
	out->root.y = a->root.y + t * (b->root.y - a->root.y);
	out->root.z = a->root.z + t * (b->root.z - a->root.z);
	out->near = a->near;
}

/* ---- the props ---- */

/* A ball held between the chest and the wall keeps them its width apart. */
static double ball_between(const struct scene *sc, enum body_point b)
{
	return (sc->props & (1u << PROP_BALL)) && (b == BP_CHEST || b == BP_BACK) ? 2 * BALL_R : 0;
}

static void scene_touch(struct scene *sc, const struct figure *f, const struct contact *c)
{
	double r;
	struct vec3 p = figure_point(f, c->point, &r);
	int dir = p.x >= f->pelvis.x ? 1 : -1;
	if (c->surface == SURF_WALL && !sc->wall) {
		sc->wall = true, sc->wall_dir = dir, sc->wall_x = p.x + dir * (r + ball_between(sc, c->point));
	} else if (c->surface == SURF_FRAME && !sc->frame && sc->view == VIEW_FRONT) {
		/* seen from the front, the posts stand on either side at the forearms */
		sc->frame = true, sc->frame_mid = f->pelvis.x, sc->frame_x = fabs(p.x - f->pelvis.x);
	} else if (c->surface == SURF_FRAME && !sc->frame) {
		sc->frame = true, sc->frame_dir = dir, sc->frame_x = p.x + dir * r;
	} else if (c->surface == SURF_SEAT && !sc->seat) {
		sc->seat = true;
		sc->seat_x = f->pelvis.x;
		sc->seat_dir = f->limb[LP_KNEE][0].x >= f->pelvis.x ? 1 : -1; /* the way the knees point */
	} else if (c->surface == SURF_BED) {
		int hd = f->head.x >= f->pelvis.x ? 1 : -1;
		double edge = p.x + hd * (r + 4);
		if (!sc->bed || hd * (edge - sc->bed_edge) > 0)
			sc->bed_edge = edge;
		sc->bed = true, sc->bed_dir = hd;
	}
}

void scene_build(const struct picture *pic, const struct pose_set *set, bool mirror, struct scene *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->view = set->view;
	sc->props = pic->props;
	for (int k = 0; k < PK__COUNT; k++) {
		const struct pose *p = pose_lookup(pic, set, (enum pose_key)k);
		if (!p)
			continue;
		struct pose m, ms;
		const struct pose *start = pose_lookup(pic, set, PK_START);
		if (mirror) {
			mirror_for_view(set->view, p, &m);
			mirror_for_view(set->view, start, &ms);
			p = &m, start = &ms;
		}
		struct stance st;
		struct figure f;
		pose_place(set->view, p, start, &st);
		figure_from_stance(set->view, &st, &f);
		bool had_bed = sc->bed;
		for (size_t i = 0; i < p->n_touch; i++)
			if (p->touch[i].surface != SURF_BED || !had_bed)
				scene_touch(sc, &f, &p->touch[i]);
	}
}

/* ---- checks ---- */

unsigned picture_needs(const struct dose *d)
{
	unsigned start = 1u << PK_START, up = 1u << PK_UP;
	if (!d || !d->given)
		return start;
	bool breath = false;
	for (size_t i = 0; i < d->n_tempo; i++)
		breath |= d->tempo[i].phase == PH_INHALE || d->tempo[i].phase == PH_EXHALE;
	if (breath)
		return 1u << PK_INHALE | 1u << PK_EXHALE;
	if (d->n_positions)
		return d->n_positions > 1 ? start | up : start;
	if (d->reps.max)
		return start | up;
	return start;
}

struct check {
	const struct picture *pic;
	enum viewpoint view; /* of the set being checked */
	struct diags *dg;
	size_t n;
};

#define PROBLEM(c, p, ...) do { (c)->n++; diags_add((c)->dg, (p), __VA_ARGS__); } while (0)

static void check_angles(struct check *c, const struct pose *p, const char *key)
{
	enum viewpoint v = c->view;
	for (int j = 0; j < J__COUNT; j++)
		for (int k = 0; k < (j <= J__AXIAL_LAST ? 1 : 2); k++) {
			struct angle_range r = joint_range((enum joint)j, v);
			/* one number written for both sides is reported once */
			bool both = j > J__AXIAL_LAST && p->a[j][0] == p->a[j][1] && p->a_at[j][0].line == p->a_at[j][1].line &&
				    p->a_at[j][0].col == p->a_at[j][1].col;
			if (both && k == 1)
				continue;
			const char *side = j <= J__AXIAL_LAST || both ? "" : k ? "right " : "left ";
			if (p->a[j][k] < r.min || p->a[j][k] > r.max)
				PROBLEM(c, p->a_at[j][k], "%s: %s%s %g degrees is outside its range in the %s view (%d to %d) in the %s pose",
					joint_names[j], side, joint_names[j], p->a[j][k], viewpoint_names[v], r.min, r.max, key);
			if (fabs(p->out[j][k]) > OUT_ANGLE_MAX)
				PROBLEM(c, p->out_at[j][k], "out: %s%s %g degrees is outside its range (%d to %d) in the %s pose",
					side, joint_names[j], p->out[j][k], -OUT_ANGLE_MAX, OUT_ANGLE_MAX, key);
		}
}

/* Distance from a point's surface to the surface it should rest on: > 0 a gap,
 * < 0 it goes in. */
static double gap(const struct scene *sc, const struct figure *f, const struct contact *t)
{
	double r;
	struct vec3 p = figure_point(f, t->point, &r);
	switch (t->surface) {
	case SURF_WALL: return sc->wall_dir * (sc->wall_x - p.x) - r - ball_between(sc, t->point);
	case SURF_FRAME:
		if (sc->view == VIEW_FRONT) /* against the face of a post 10 cm wide */
			return fmax(0, fabs(fabs(p.x - f->pelvis.x) - sc->frame_x) - 5);
		return sc->frame_dir * (sc->frame_x - p.x) - r;
	default:
		if (view_from_above(sc->view))
			return p.z;
		return p.y - r - surface_height(t->surface);
	}
}

static void check_contacts(struct check *c, const struct scene *sc, const struct pose *p, const struct pose *start,
			   const char *key)
{
	enum viewpoint v = c->view;
	struct stance st;
	struct figure f;
	pose_place(v, p, start, &st);
	figure_from_stance(v, &st, &f);
	bool rests = view_from_above(v);
	struct pos reported = { NULL, 0, 0 };
	for (size_t i = 0; i < p->n_touch; i++) {
		const struct contact *t = &p->touch[i];
		if (t->at.line && t->at.line == reported.line && t->at.col == reported.col)
			continue; /* "hands": one message for the word */
		rests |= level(t->surface);
		if (!level(t->surface) && v != VIEW_SIDE && !(t->surface == SURF_FRAME && v == VIEW_FRONT)) {
			reported = t->at;
			PROBLEM(c, t->at, "%s: a %s is drawn in a side view only%s", surface_names[t->surface],
				surface_names[t->surface], t->surface == SURF_FRAME ? " or a front view" : "");
			continue;
		}
		double g = gap(sc, &f, t);
		const char *name = body_point_name(t->point), *what = surface_names[t->surface];
		if (fabs(g) > CONTACT_TOLERANCE)
			reported = t->at;
		if (g > CONTACT_TOLERANCE)
			PROBLEM(c, t->at, "%s: the %s should touch the %s but is %.0f cm away from it in the %s pose", what, name,
				what, g, key);
		else if (g < -CONTACT_TOLERANCE)
			PROBLEM(c, t->at, "%s: the %s goes %.0f cm into the %s in the %s pose", what, name, -g, what, key);
	}
	if (!rests)
		PROBLEM(c, p->at, "%s: nothing holds the figure up; say what rests on the floor, a seat or a bed "
				  "(e.g. floor: [feet])", key);
	/* nothing of the body below the floor */
	if (!(c->pic->props & (1u << PROP_FLOOR | 1u << PROP_MAT)))
		return;
	for (int b = 0; b < BP__COUNT; b++) {
		double r;
		struct vec3 q = figure_point(&f, (enum body_point)b, &r);
		double depth = view_from_above(v) ? q.z : q.y - r;
		if (depth < -CONTACT_TOLERANCE) {
			PROBLEM(c, p->at, "%s: the %s goes %.0f cm below the floor", key, body_point_name((enum body_point)b),
				-depth);
			break;
		}
	}
}

static void check_pose(struct check *c, const struct scene *sc, const struct pose_set *set, const struct pose *p,
		       const char *name, const char *what)
{
	char key[240];
	snprintf(key, sizeof(key), "%s%s%s", name, what ? " pose of " : "", what ? what : "");
	check_angles(c, p, key);
	check_contacts(c, sc, p, pose_lookup(c->pic, set, PK_START), key);
}

/* A pose named after a position must name one of the dose's positions. */
static void check_named(struct check *c, const struct pose_set *set, const struct dose *d)
{
	for (size_t i = 0; i < set->n_named; i++) {
		const char *name = set->named[i].name;
		const char *cands[PK__COUNT + 11];
		size_t n = 0;
		bool known = false;
		for (size_t k = 0; k < PK__COUNT; k++)
			cands[n++] = pose_key_names[k];
		for (size_t k = 0; d && d->given && k < d->n_positions && k < 10; k++) {
			cands[n++] = d->positions[k];
			known |= !strcmp(d->positions[k], name);
		}
		cands[n] = NULL;
		if (known || !d)
			continue;
		const char *hint = did_you_mean(name, cands);
		if (hint)
			PROBLEM(c, set->named[i].pose.at, "poses: unknown pose '%s' (did you mean '%s'?)", name, hint);
		else
			PROBLEM(c, set->named[i].pose.at, "poses: unknown pose '%s' (poses: start, up, hold, down, inhale, exhale, "
							  "or a position of the dose's cycles)", name);
	}
}

static void check_set(struct check *c, const struct pose_set *set, const char *what)
{
	struct scene sc;
	c->view = set->view;
	scene_build(c->pic, set, false, &sc);
	if (set != &c->pic->main && set->view != c->pic->main.view && !set->pose[PK_START].given)
		PROBLEM(c, set->at, "sides: '%s' is seen from the %s, so it needs its own start pose", set->name,
			viewpoint_names[set->view]);
	for (int k = 0; k < PK__COUNT; k++)
		if (set->pose[k].given)
			check_pose(c, &sc, set, &set->pose[k], pose_key_names[k], what);
	for (size_t i = 0; i < set->n_named; i++)
		check_pose(c, &sc, set, &set->named[i].pose, set->named[i].name, what);
}

size_t picture_check(const struct picture *pic, const struct dose *d, struct diags *dg)
{
	struct check c = { pic, VIEW_SIDE, dg, 0 };
	unsigned need = picture_needs(d);
	for (int k = 0; k < PK__COUNT; k++)
		if ((need & (1u << k)) && !pic->main.pose[k].given)
			PROBLEM(&c, pic->main.at, "poses: the '%s' pose is missing (this dose needs %s)", pose_key_names[k],
				need & (1u << PK_INHALE) ? "inhale and exhale"
				: need & (1u << PK_UP) ? "start and up" : "start");
	check_named(&c, &pic->main, d);
	check_set(&c, &pic->main, NULL);
	for (size_t i = 0; i < pic->n_sides; i++) {
		const struct pose_set *s = &pic->sides[i];
		const char *names[9] = { NULL };
		size_t n = d && d->given ? d->n_per : 0;
		bool known = false;
		for (size_t k = 0; k < n && k < 8; k++) {
			names[k] = d->per_names[k];
			known |= !strcmp(names[k], s->name);
		}
		if (!known && d) {
			const char *hint = n ? did_you_mean(s->name, names) : NULL;
			if (!n)
				PROBLEM(&c, s->at, "sides: '%s': the exercise's dose has no per_side or per_direction names", s->name);
			else if (hint)
				PROBLEM(&c, s->at, "sides: unknown side or direction '%s' (did you mean '%s'?)", s->name, hint);
			else
				PROBLEM(&c, s->at, "sides: unknown side or direction '%s' (the dose has: %s%s%s%s)", s->name, names[0],
					n > 1 ? ", " : "", n > 1 ? names[1] : "", n > 2 ? ", ..." : "");
		}
		check_named(&c, s, d);
		check_set(&c, s, s->name);
	}
	return c.n;
}

/* ---- drawing an exercise ---- */

static const struct pose_set *find_set(const struct picture *pic, const char *name)
{
	for (size_t i = 0; name && i < pic->n_sides; i++)
		if (!strcmp(pic->sides[i].name, name))
			return &pic->sides[i];
	return NULL;
}

const struct pose_set *picture_side(const struct picture *pic, const struct dose *own, const struct dose *run,
				    int side, bool *mirror)
{
	*mirror = false;
	if (side < 0)
		return &pic->main;
	const struct pose_set *s = NULL;
	if (run && (size_t)side < run->n_per)
		s = find_set(pic, run->per_names[side]);
	if (!s && own && (size_t)side < own->n_per)
		s = find_set(pic, own->per_names[side]);
	if (s && s->mirror) {
		*mirror = true;
		return &pic->main;
	}
	if (s)
		return s;
	enum per_kind per = run && run->n_per ? run->per : own ? own->per : PER_NONE;
	*mirror = per == PER_SIDE && side % 2 == 1;
	return &pic->main;
}

/* Place p as the set's other poses are placed (mirrored when asked). */
static void place_in_set(const struct picture *pic, const struct pose_set *set, bool mirror, const struct pose *p,
			 struct stance *out)
{
	const struct pose *start = pose_lookup(pic, set, PK_START);
	struct pose m, ms;
	if (mirror) {
		mirror_for_view(set->view, p, &m);
		mirror_for_view(set->view, start, &ms);
		p = &m, start = &ms;
	}
	pose_place(set->view, p, start, out);
	/* the other side of a profile is seen from the other side, so the limb that
	 * moves stays in front */
	out->near = mirror ? 1 - pic->near : pic->near;
}

bool picture_stance(const struct picture *pic, const struct pose_set *set, bool mirror, enum pose_key k,
		    struct stance *out)
{
	const struct pose *p = pose_lookup(pic, set, k);
	if (!p)
		return false;
	place_in_set(pic, set, mirror, p, out);
	return true;
}

static const struct pose *named_pose(const struct picture *pic, const struct pose_set *set, const char *name)
{
	for (int k = 0; k < 2; k++) {
		const struct pose_set *s = k ? &pic->main : set;
		for (size_t j = 0; s && j < s->n_named; j++)
			if (!strcmp(s->named[j].name, name))
				return &s->named[j].pose;
	}
	return NULL;
}

bool picture_position(const struct picture *pic, const struct pose_set *set, const struct dose *own, bool mirror,
		      int i, int n, struct stance *out)
{
	/* key frames at fractions of the way from the first position to the last */
	double t = n > 1 ? (double)i / (n - 1) : 0, t0 = 0, t1 = 1;
	const struct pose *a = pose_lookup(pic, set, PK_START), *b = pose_lookup(pic, set, PK_UP);
	if (!a || !b)
		return false;
	size_t np = own ? own->n_positions : 0;
	for (size_t j = 0; j < np; j++) {
		const struct pose *p = named_pose(pic, set, own->positions[j]);
		double tj = np > 1 ? (double)j / (np - 1) : 0;
		if (!p)
			continue;
		if (tj <= t && tj >= t0)
			a = p, t0 = tj;
		if (tj >= t && tj <= t1)
			b = p, t1 = tj;
	}
	struct stance sa, sb;
	place_in_set(pic, set, mirror, a, &sa);
	place_in_set(pic, set, mirror, b, &sb);
	stance_lerp(&sa, &sb, t1 > t0 ? (t - t0) / (t1 - t0) : 0, out);
	return true;
}

static enum pose_key phase_pose(enum phase ph)
{
	switch (ph) {
	case PH_UP: return PK_UP;
	case PH_HOLD: return PK_HOLD;
	case PH_DOWN: return PK_DOWN;
	case PH_INHALE: return PK_INHALE;
	case PH_EXHALE: return PK_EXHALE;
	default: return PK_START;
	}
}

/* The pose a phase starts from: the end of the phase before it in a rep. */
static enum pose_key phase_from(const struct dose *run, enum phase ph)
{
	static const enum phase plain[] = { PH_UP, PH_HOLD, PH_DOWN };
	const enum phase *order = plain;
	size_t n = 3;
	enum phase tmp[PH__COUNT];
	if (run && run->n_tempo) {
		n = 0;
		for (size_t i = 0; i < run->n_tempo && n < PH__COUNT; i++)
			if (run->tempo[i].seconds > 0)
				tmp[n++] = run->tempo[i].phase;
		order = tmp;
	}
	for (size_t i = 0; i < n; i++)
		if (order[i] == ph)
			return phase_pose(order[(i + n - 1) % n]);
	return PK_START;
}

bool picture_at(const struct picture *pic, const struct dose *own, const struct dose *run,
		const struct segment *seg, double t, struct stance *out, enum viewpoint *view)
{
	if (!pic)
		return false;
	bool mirror;
	const struct pose_set *set = picture_side(pic, own, run, seg->side, &mirror);
	*view = set->view;
	switch (seg->kind) {
	case SEG_PHASE: {
		struct stance a, b;
		enum pose_key from = phase_from(run, seg->phase);
		if (seg->phase == PH_UP && seg->rep <= 1) /* the first rep starts from the start */
			from = PK_START;
		if (!picture_stance(pic, set, mirror, from, &a) ||
		    !picture_stance(pic, set, mirror, phase_pose(seg->phase), &b))
			return false;
		stance_lerp(&a, &b, t, out);
		return true;
	}
	case SEG_REP_WAIT:
		return picture_stance(pic, set, mirror, PK_UP, out);
	case SEG_CONTRACT:
	case SEG_RELAX: {
		int n = run ? (int)run->n_positions : 1;
		return picture_position(pic, set, own, mirror, seg->position < 0 ? 0 : seg->position, n, out);
	}
	default:
		return picture_stance(pic, set, mirror, PK_START, out);
	}
}
