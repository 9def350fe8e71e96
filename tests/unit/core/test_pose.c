/* test_pose.c: the pictures' geometry (bone lengths kept, mirror images, blending), the
 * shipped pictures (every exercise drawn, every contact touching, the movement where the
 * method puts it), the figure at each moment of a session, and the V-raise as the
 * method describes it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "core/pose.h"
#include "sim.h"

static struct catalog cat;

static int setup(void **state)
{
	(void)state;
	return sim_shipped(&cat) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(&cat);
	return 0;
}

static double dist(struct vec3 a, struct vec3 b)
{
	return sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}

#define NEAR(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) < (eps))

/* Every bone of f has its fixed length, whatever the angles. */
static void check_bones(const struct figure *f)
{
	NEAR(dist(f->pelvis, f->neck), BONE_TORSO, 1e-6);
	/* the head sits HEAD_R - 1 beyond the neck, at the head's angle to it */
	double h = HEAD_R - 1;
	double d = dist(f->neck, f->head);
	assert_true(d <= BONE_NECK + h + 1e-6 && d >= sqrt(BONE_NECK * BONE_NECK + h * h) - 1e-6);
	for (int k = 0; k < 2; k++) {
		NEAR(dist(f->neck, f->limb[LP_SHOULDER][k]), girdle_length(f->view), 1e-6);
		NEAR(dist(f->limb[LP_SHOULDER][k], f->limb[LP_ELBOW][k]), BONE_UPPER_ARM, 1e-6);
		NEAR(dist(f->limb[LP_ELBOW][k], f->limb[LP_WRIST][k]), BONE_FOREARM, 1e-6);
		NEAR(dist(f->limb[LP_WRIST][k], f->limb[LP_HAND][k]), BONE_HAND, 1e-6);
		NEAR(dist(f->pelvis, f->limb[LP_HIP][k]), hip_half_width(f->view), 1e-6);
		NEAR(dist(f->limb[LP_HIP][k], f->limb[LP_KNEE][k]), BONE_THIGH, 1e-6);
		NEAR(dist(f->limb[LP_KNEE][k], f->limb[LP_ANKLE][k]), BONE_SHIN, 1e-6);
	}
}

/* A stance from a small deterministic generator: any angles within each joint's range. */
static void some_stance(enum viewpoint v, unsigned seed, struct stance *s)
{
	memset(s, 0, sizeof(*s));
	for (int j = 0; j < J__COUNT; j++)
		for (int k = 0; k < 2; k++) {
			seed = seed * 1103515245u + 12345u;
			struct angle_range r = joint_range((enum joint)j, v);
			s->a[j][k] = r.min + (double)(seed >> 8 & 0xffff) / 0xffff * (r.max - r.min);
			seed = seed * 1103515245u + 12345u;
			s->out[j][k] = j > J__AXIAL_LAST ? ((double)(seed >> 8 & 0xff) - 128) / 2 : 0;
		}
	s->root = (struct vec3){ 3, 40, 0 };
}

static void test_bone_lengths(void **state)
{
	(void)state;
	for (int v = 0; v < VIEW__COUNT; v++)
		for (unsigned seed = 1; seed < 200; seed++) {
			struct stance s;
			struct figure f;
			some_stance((enum viewpoint)v, seed, &s);
			figure_from_stance((enum viewpoint)v, &s, &f);
			check_bones(&f);
		}
	/* and every pose of every shipped picture */
	size_t poses = 0;
	for (size_t i = 0; i < cat.n_ex; i++) {
		const struct picture *pic = cat.ex[i].picture;
		for (size_t si = 0; pic && si <= pic->n_sides; si++) {
			const struct pose_set *set = si ? &pic->sides[si - 1] : &pic->main;
			for (int k = 0; k < PK__COUNT; k++) {
				struct stance s;
				struct figure f;
				if (!set->pose[k].given || !picture_stance(pic, set, false, (enum pose_key)k, &s))
					continue;
				figure_from_stance(set->view, &s, &f);
				check_bones(&f);
				poses++;
			}
		}
	}
	assert_true(poses >= 80);
}

/* Seen from the front, the mirror image of a pose is the pose reflected left to right. */
static void test_mirror_front(void **state)
{
	(void)state;
	for (int v = VIEW_FRONT; v <= VIEW_TOP; v++)
		for (unsigned seed = 1; seed < 100; seed++) {
			struct stance s;
			some_stance((enum viewpoint)v, seed, &s);
			s.root = (struct vec3){ 0, 0, 0 };
			struct pose p, m;
			memset(&p, 0, sizeof(p));
			memcpy(p.a, s.a, sizeof(p.a));
			memcpy(p.out, s.out, sizeof(p.out));
			p.touch[p.n_touch++] = (struct contact){ BP_HAND_L, SURF_FLOOR, { NULL, 0, 0 } };
			pose_mirror(&p, &m);
			assert_int_equal(m.touch[0].point, BP_HAND_R);
			/* pose_mirror swaps sides; the sideways angles along the middle change sign in these views */
			for (int j = 0; j <= J__AXIAL_LAST; j++)
				m.a[j][0] = -m.a[j][0];
			struct stance ms = s;
			memcpy(ms.a, m.a, sizeof(ms.a));
			memcpy(ms.out, m.out, sizeof(ms.out));
			struct figure f, g;
			figure_from_stance((enum viewpoint)v, &s, &f);
			figure_from_stance((enum viewpoint)v, &ms, &g);
			NEAR(g.head.x, -f.head.x, 1e-6);
			NEAR(g.head.y, f.head.y, 1e-6);
			for (int l = 0; l < LP__COUNT; l++)
				for (int k = 0; k < 2; k++) {
					NEAR(g.limb[l][k].x, -f.limb[l][1 - k].x, 1e-6);
					NEAR(g.limb[l][k].y, f.limb[l][1 - k].y, 1e-6);
					NEAR(g.limb[l][k].z, f.limb[l][1 - k].z, 1e-6);
				}
		}
}

/* In a profile the other side is the same shape with the limbs swapped. */
static void test_mirror_side(void **state)
{
	(void)state;
	const struct exercise *e = catalog_exercise(&cat, "glute-bridge-march");
	assert_non_null(e);
	const struct picture *pic = e->picture;
	bool mirror;
	const struct pose_set *left = picture_side(pic, &e->dose, &e->dose, 0, &mirror);
	assert_false(mirror);
	const struct pose_set *right = picture_side(pic, &e->dose, &e->dose, 1, &mirror);
	assert_true(mirror);
	struct stance a, b;
	struct figure f, g;
	assert_true(picture_stance(pic, left, false, PK_UP, &a));
	assert_true(picture_stance(pic, right, true, PK_UP, &b));
	figure_from_stance(VIEW_SIDE, &a, &f);
	figure_from_stance(VIEW_SIDE, &b, &g);
	for (int l = 0; l < LP__COUNT; l++)
		for (int k = 0; k < 2; k++) {
			NEAR(g.limb[l][k].x, f.limb[l][1 - k].x, 1e-6);
			NEAR(g.limb[l][k].y, f.limb[l][1 - k].y, 1e-6);
		}
	/* the foot that lifts is the left one first, the right one after */
	assert_true(f.limb[LP_HEEL][0].y > 10 && f.limb[LP_HEEL][1].y < 3);
	assert_true(g.limb[LP_HEEL][1].y > 10 && g.limb[LP_HEEL][0].y < 3);
	/* and it is drawn in front on both sides */
	assert_int_equal(a.near, 0);
	assert_int_equal(b.near, 1);
}

static void test_lerp_keeps_bones(void **state)
{
	(void)state;
	struct stance a, b, m;
	some_stance(VIEW_SIDE, 7, &a);
	some_stance(VIEW_SIDE, 8, &b);
	for (int i = 0; i <= 10; i++) {
		struct figure f;
		stance_lerp(&a, &b, i / 10.0, &m);
		figure_from_stance(VIEW_SIDE, &m, &f);
		check_bones(&f);
	}
	stance_lerp(&a, &b, 0, &m);
	NEAR(m.a[J_KNEE][1], a.a[J_KNEE][1], 1e-9);
	stance_lerp(&a, &b, 1, &m);
	NEAR(m.a[J_KNEE][1], b.a[J_KNEE][1], 1e-9);
	NEAR(m.root.y, b.root.y, 1e-9);
	/* the torso turns the short way round */
	a.a[J_TORSO][0] = 170, b.a[J_TORSO][0] = -170;
	stance_lerp(&a, &b, 0.5, &m);
	NEAR(fabs(m.a[J_TORSO][0]), 180, 1e-9);
}

static void key_figure(const char *id, enum pose_key k, struct figure *f)
{
	const struct exercise *e = catalog_exercise(&cat, id);
	assert_non_null(e);
	assert_non_null(e->picture);
	struct stance s;
	if (!picture_stance(e->picture, &e->picture->main, false, k, &s))
		fail_msg("%s has no %s pose", id, pose_key_names[k]);
	figure_from_stance(e->picture->main.view, &s, f);
}

static void test_every_shipped_exercise_drawn(void **state)
{
	(void)state;
	assert_true(cat.n_ex >= 40);
	for (size_t i = 0; i < cat.n_ex; i++) {
		const struct exercise *e = &cat.ex[i];
		if (!e->picture)
			fail_msg("%s has no picture", e->id);
		struct diags d;
		diags_init(&d);
		assert_int_equal(picture_check(e->picture, &e->dose, &d), 0);
		diags_release(&d);
		/* every pose the dose needs is there */
		unsigned need = picture_needs(&e->dose);
		for (int k = 0; k < PK__COUNT; k++)
			if (need & (1u << k))
				assert_true(e->picture->main.pose[k].given);
		/* and every contact touches what it rests on */
		for (int k = 0; k < PK__COUNT; k++) {
			const struct pose *p = &e->picture->main.pose[k];
			if (!p->given)
				continue;
			struct stance s;
			struct figure f;
			struct scene sc;
			scene_build(e->picture, &e->picture->main, false, &sc);
			assert_true(picture_stance(e->picture, &e->picture->main, false, (enum pose_key)k, &s));
			figure_from_stance(sc.view, &s, &f);
			for (size_t t = 0; t < p->n_touch; t++) {
				if (p->touch[t].surface != SURF_FLOOR)
					continue;
				double r;
				struct vec3 q = figure_point(&f, p->touch[t].point, &r);
				double gap = view_from_above(sc.view) ? q.z : q.y - r;
				if (fabs(gap) > CONTACT_TOLERANCE)
					fail_msg("%s %s: %s is %.1f cm off the floor", e->id, pose_key_names[k],
						 body_point_name(p->touch[t].point), gap);
			}
		}
	}
}

/* The phases differ where the method says the movement is. */
static void test_movement_where_the_method_says(void **state)
{
	(void)state;
	struct figure a, b;
	/* the hips are higher at the top of a bridge than at its start */
	key_figure("glute-bridge", PK_START, &a);
	key_figure("glute-bridge", PK_UP, &b);
	assert_true(b.pelvis.y > a.pelvis.y + 15);
	NEAR(b.limb[LP_HEEL][1].y, a.limb[LP_HEEL][1].y, 1e-6); /* the feet stay where they are */
	NEAR(b.limb[LP_HEEL][1].x, a.limb[LP_HEEL][1].x, 1e-6);
	/* a superman lifts arms, chest and legs off the floor, face down */
	key_figure("superman", PK_START, &a);
	key_figure("superman", PK_UP, &b);
	assert_true(sin(a.head_front) < -0.9); /* the face looks at the floor */
	assert_true(b.limb[LP_HAND][1].y > a.limb[LP_HAND][1].y + 5);
	assert_true(b.chest.y > a.chest.y + 2);
	assert_true(b.limb[LP_ANKLE][1].y > a.limb[LP_ANKLE][1].y + 5);
	/* the arms are higher at the top of a V-raise */
	key_figure("v-raise", PK_START, &a);
	key_figure("v-raise", PK_UP, &b);
	for (int k = 0; k < 2; k++)
		assert_true(b.limb[LP_HAND][k].y > a.limb[LP_HAND][k].y + 100);
	/* scapular push-up: the chest rises when the shoulder blades spread, sinks when they pinch */
	struct figure c;
	key_figure("scapular-push-up", PK_START, &a);
	key_figure("scapular-push-up", PK_UP, &b);
	key_figure("scapular-push-up", PK_DOWN, &c);
	assert_true(b.chest.y > a.chest.y + 2 && c.chest.y < a.chest.y - 2);
	/* snow angel: the hands go from by the waist to overhead */
	key_figure("snow-angel", PK_START, &a);
	key_figure("snow-angel", PK_UP, &b);
	double head = b.head.x - b.pelvis.x; /* the head's way along the body */
	for (int k = 0; k < 2; k++)
		assert_true((b.limb[LP_HAND][k].x - b.pelvis.x) * head > (a.limb[LP_HAND][k].x - a.pelvis.x) * head + 40);
	/* shrugs lift the shoulders */
	key_figure("shrug-roll", PK_START, &a);
	key_figure("shrug-roll", PK_UP, &b);
	for (int k = 0; k < 2; k++)
		assert_true(b.limb[LP_SHOULDER][k].y > a.limb[LP_SHOULDER][k].y + 5);
}

/* Who lies face down, who lies on the back, who stands or sits. */
static void test_positions_of_the_method(void **state)
{
	(void)state;
	static const struct {
		const char *id;
		int lie; /* 1 face down, -1 on the back, 0 upright */
	} want[] = {
		{ "glute-bridge", -1 },     { "superman", 1 },         { "superman-arms-only", 1 },
		{ "v-raise", 0 },           { "v-raise-prone", 1 },    { "v-raise-weighted", 1 },
		{ "scapular-push-up", 1 },  { "shrug-roll", 0 },       { "neck-range-supported", 0 },
		{ "wall-slide-v", 0 },      { "chin-tuck", 0 },        { "diaphragmatic-breathing", -1 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct figure f;
		key_figure(want[i].id, PK_START, &f);
		double up = sin(f.torso_dir);
		if (want[i].lie) {
			assert_true(fabs(up) < 0.6); /* lying (a plank slopes a little) */
			if (f.view != VIEW_TOP)
				assert_true(sin(f.head_front) * want[i].lie < -0.5); /* face down or up */
		} else {
			assert_true(up > 0.95);
		}
	}
	/* the snow angels lie on the back, seen from above, with the knees bent up */
	struct figure f;
	key_figure("snow-angel", PK_START, &f);
	assert_int_equal(f.view, VIEW_TOP);
	assert_true(f.limb[LP_KNEE][0].z > 20 && fabs(f.limb[LP_HEEL][0].z) < CONTACT_TOLERANCE);
}

static bool mentions(const struct exercise *e, const char *words)
{
	for (size_t i = 0; i < e->n_steps; i++)
		if (strstr(e->steps[i], words))
			return true;
	return false;
}

/* Issue 12, point 11: the V-raise as the method describes it: standing or sitting tall,
 * arms at the sides, raised out and up on a diagonal into a V, shoulder blades down and
 * back; the lying version stays a harder one, after the slow one. */
static void test_v_raise_is_the_methods(void **state)
{
	(void)state;
	const struct exercise *e = catalog_exercise(&cat, "v-raise");
	assert_non_null(e);
	assert_true(mentions(e, "Stand tall") && mentions(e, "sit tall"));
	assert_false(mentions(e, "face down"));
	assert_true(mentions(e, "shoulder blades down and back"));
	assert_true(mentions(e, "into a V"));
	assert_non_null(e->picture);
	const struct pose *start = &e->picture->main.pose[PK_START], *up = &e->picture->main.pose[PK_UP];
	assert_true(start->given && up->given);
	assert_int_equal(e->picture->main.view, VIEW_FRONT);
	for (int k = 0; k < 2; k++) {
		assert_true(start->a[J_SHOULDER][k] < 30);                                 /* arms at the sides */
		assert_true(up->a[J_SHOULDER][k] >= 110 && up->a[J_SHOULDER][k] <= 160); /* a V, not straight up */
		assert_true(up->a[J_BLADE][k] <= 0);                                      /* shoulder blades down */
	}
	struct figure a, b;
	key_figure("v-raise", PK_START, &a);
	key_figure("v-raise", PK_UP, &b);
	assert_true(sin(a.torso_dir) > 0.95 && sin(b.torso_dir) > 0.95); /* upright */
	for (int k = 0; k < 2; k++) {
		assert_true(a.limb[LP_HAND][k].y < a.pelvis.y + 10); /* hands by the sides */
		assert_true(b.limb[LP_HAND][k].y > b.head.y);        /* above the head */
		/* out on a diagonal: the hands wider apart than the shoulders */
		assert_true(fabs(b.limb[LP_HAND][k].x - b.neck.x) > fabs(b.limb[LP_SHOULDER][k].x - b.neck.x) + 20);
	}
	/* the lying one is a harder version of the same exercise, after the slow one
	 * (issue 19.1: slower first, then more load) */
	assert_non_null(e->progression);
	const struct exercise *h = catalog_exercise(&cat, e->progression);
	assert_non_null(h);
	assert_string_equal(h->version_of, "v-raise");
	assert_string_equal(h->regression, "v-raise");
	h = catalog_exercise(&cat, h->progression);
	assert_non_null(h);
	assert_true(mentions(h, "face down"));
	assert_string_equal(h->version_of, "v-raise");
	struct figure p;
	key_figure(h->id, PK_START, &p);
	assert_true(fabs(sin(p.torso_dir)) < 0.2 && sin(p.head_front) < -0.9);
	/* and the routine runs the method's version */
	const struct routine *r = catalog_routine(&cat, "upper-back-activation");
	assert_string_equal(r->items[2].exercise, "v-raise");
}

/* The figure at each moment of a session follows the engine's segments. */
static void test_figure_follows_the_engine(void **state)
{
	(void)state;
	const struct exercise *e = catalog_exercise(&cat, "glute-bridge");
	struct stance s0, s1, got;
	enum viewpoint v;
	assert_true(picture_stance(e->picture, &e->picture->main, false, PK_START, &s0));
	assert_true(picture_stance(e->picture, &e->picture->main, false, PK_UP, &s1));
	struct segment seg = { .kind = SEG_PHASE, .phase = PH_UP, .side = -1, .rep = 1, .position = -1 };
	assert_true(picture_at(e->picture, &e->dose, &e->dose, &seg, 0, &got, &v));
	NEAR(got.a[J_HIP][0], s0.a[J_HIP][0], 1e-9);
	NEAR(got.root.y, s0.root.y, 1e-9);
	assert_true(picture_at(e->picture, &e->dose, &e->dose, &seg, 1, &got, &v));
	NEAR(got.a[J_HIP][0], s1.a[J_HIP][0], 1e-9);
	assert_true(picture_at(e->picture, &e->dose, &e->dose, &seg, 0.5, &got, &v));
	NEAR(got.a[J_KNEE][0], (s0.a[J_KNEE][0] + s1.a[J_KNEE][0]) / 2, 1e-9);
	seg.phase = PH_HOLD; /* held at the top */
	assert_true(picture_at(e->picture, &e->dose, &e->dose, &seg, 0.3, &got, &v));
	NEAR(got.a[J_HIP][0], s1.a[J_HIP][0], 1e-9);
	seg.phase = PH_DOWN; /* from the top back to the start */
	assert_true(picture_at(e->picture, &e->dose, &e->dose, &seg, 0.25, &got, &v));
	NEAR(got.a[J_HIP][0], s1.a[J_HIP][0] + 0.25 * (s0.a[J_HIP][0] - s1.a[J_HIP][0]), 1e-9);
	/* a cycle's position: the snow angel's second position is its own pose */
	e = catalog_exercise(&cat, "snow-angel");
	seg = (struct segment){ .kind = SEG_CONTRACT, .side = -1, .position = 1 };
	assert_true(picture_at(e->picture, &e->dose, &e->dose, &seg, 0.5, &got, &v));
	assert_int_equal(v, VIEW_TOP);
	NEAR(got.a[J_SHOULDER][0], 90, 1e-9);
	/* a direction seen from another side: looking up is drawn in profile */
	e = catalog_exercise(&cat, "neck-range-supported");
	seg = (struct segment){ .kind = SEG_REP_WAIT, .side = 2, .position = -1 };
	assert_true(picture_at(e->picture, &e->dose, &e->dose, &seg, 0, &got, &v));
	assert_int_equal(v, VIEW_SIDE);
	assert_true(got.a[J_NECK][0] < -20);
	seg.side = 1; /* tilt right: the mirror of tilt left */
	assert_true(picture_at(e->picture, &e->dose, &e->dose, &seg, 0, &got, &v));
	assert_int_equal(v, VIEW_FRONT);
	assert_true(got.a[J_NECK][0] < -20);
	/* no picture, no figure */
	assert_false(picture_at(NULL, &e->dose, &e->dose, &seg, 0, &got, &v));
}

/* Problems in a picture are reported where they are written. */
static void test_problems_located(void **state)
{
	(void)state;
	const char *yaml = "exercises:\n"
			   "  - id: a\n    name: A\n    category: activation\n    purpose: P.\n"
			   "    steps: [S.]\n    cautions: [C.]\n    dose: {reps: 5}\n"
			   "    picture:\n      view: front\n      poses:\n"
			   "        start: {shoulder: 200, floor: [feet]}\n"
			   "        up: {knee: 40, floor: [feet, hands]}\n";
	struct catalog c;
	struct diags d;
	catalog_init(&c);
	diags_init(&d);
	assert_int_equal(content_parse(&c, "p.yaml", yaml, strlen(yaml), &d), 3);
	diags_sort(&d);
	char *s = diag_format(&d.v[0]);
	assert_string_equal(s, "p.yaml:12:27: shoulder: shoulder 200 degrees is outside its range in the front view "
			       "(-40 to 180) in the start pose");
	free(s);
	s = diag_format(&d.v[1]);
	assert_string_equal(s, "p.yaml:13:20: knee: knee 40 degrees is outside its range in the front view (-10 to 10) "
			       "in the up pose");
	free(s);
	s = diag_format(&d.v[2]);
	assert_true(strstr(s, "p.yaml:13:38: floor: the left hand should touch the floor but is ") == s);
	free(s);
	catalog_free(&c);
	diags_release(&d);
}

/* Issue 19.2: the shipped words say what the method says (PRODUCT.md): the bridge works
 * the core too; the shrug roll squeezes at each of the four points of the circle and
 * says how its 10 reps are read; the snow angel presses while the arms slide, then 5 s
 * and 10 s; the relaxation lies back down after the standing shrugs; the routine does not
 * call itself all floor work; the body scan is named as mindfulness. */
static bool purpose_says(const struct exercise *e, const char *words)
{
	return e->purpose && strstr(e->purpose, words);
}

static void test_words_of_the_method(void **state)
{
	(void)state;
	const struct exercise *e = catalog_exercise(&cat, "glute-bridge");
	assert_true(purpose_says(e, "core") && mentions(e, "belly"));
	e = catalog_exercise(&cat, "shrug-roll");
	assert_true(mentions(e, "back and squeeze, up toward your ears and squeeze, forward and squeeze, then down and squeeze"));
	assert_true(mentions(e, "Ten circles backward, then ten forward"));
	assert_non_null(strstr(e->cues[PH_UP], "squeeze"));
	assert_non_null(strstr(e->cues[PH_DOWN], "squeeze"));
	const struct routine *r = catalog_routine(&cat, "upper-back-activation");
	assert_non_null(r->items[6].dose.note);
	assert_non_null(strstr(r->items[6].dose.note, "ten circles backward, then ten forward"));
	e = catalog_exercise(&cat, "snow-angel");
	assert_true(mentions(e, "keep pressing while you slide your arms"));
	assert_true(mentions(e, "hold the press for 5 seconds, then let go completely for 10 seconds"));
	e = catalog_exercise(&cat, "relaxation-snow-angel");
	assert_true(mentions(e, "Lie back down"));
	assert_false(mentions(e, "Stay on your back"));
	assert_null(strstr(r->description, "floor exercises"));
	assert_non_null(strstr(r->description, "standing or sitting"));
	/* and says where each of them is done: five on the floor, the neck sitting or lying */
	assert_non_null(strstr(r->description, "five on the floor"));
	assert_non_null(strstr(r->description, "the neck exercise sitting or lying on a bed"));
	e = catalog_exercise(&cat, "body-scan");
	assert_true(purpose_says(e, "mindfulness"));
}

/* docs/method.md rows 19, 23, 25, 27 and 29: the superman keeps the neck neutral; the
 * scapular push-up is a plank on the hands or forearms with straight elbows; the snow
 * angel bends the elbows to a right angle; the bed-edge neck exercise draws the
 * shoulders down and works on the side, then on the back; the supported neck exercise
 * moves slowly (3 s each way) in every direction. */
static void test_more_words_of_the_method(void **state)
{
	(void)state;
	const struct exercise *e = catalog_exercise(&cat, "superman");
	assert_true(mentions(e, "Keep looking at the floor, so your neck stays long"));
	e = catalog_exercise(&cat, "scapular-push-up");
	assert_true(mentions(e, "plank on your hands") && mentions(e, "forearms instead"));
	assert_true(mentions(e, "Keep your elbows straight"));
	assert_true(mentions(e, "shoulder blades spread apart") && mentions(e, "shoulder blades pinch together"));
	e = catalog_exercise(&cat, "snow-angel");
	assert_true(mentions(e, "Bend your elbows to a right angle"));
	e = catalog_exercise(&cat, "neck-range-bed-edge");
	assert_int_equal(e->screen, SCREEN_NECK);
	assert_true(mentions(e, "head and neck just past its edge"));
	assert_true(mentions(e, "Draw your shoulders down"));
	assert_true(mentions(e, "On your side") && mentions(e, "On your back"));
	const struct routine *r = catalog_routine(&cat, "upper-back-activation");
	const struct dose *ds = &r->items[5].dose;
	assert_string_equal(r->items[5].exercise, "neck-range-supported");
	assert_int_equal(ds->n_per, 4);
	int up = 0, down = 0;
	for (size_t i = 0; i < ds->n_tempo; i++) {
		up += ds->tempo[i].phase == PH_UP ? ds->tempo[i].seconds : 0;
		down += ds->tempo[i].phase == PH_DOWN ? ds->tempo[i].seconds : 0;
	}
	assert_int_equal(up, 3);
	assert_int_equal(down, 3);
	assert_non_null(strstr(ds->note, "slowly"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bone_lengths),
		cmocka_unit_test(test_mirror_front),
		cmocka_unit_test(test_mirror_side),
		cmocka_unit_test(test_lerp_keeps_bones),
		cmocka_unit_test(test_every_shipped_exercise_drawn),
		cmocka_unit_test(test_movement_where_the_method_says),
		cmocka_unit_test(test_positions_of_the_method),
		cmocka_unit_test(test_v_raise_is_the_methods),
		cmocka_unit_test(test_words_of_the_method),
		cmocka_unit_test(test_more_words_of_the_method),
		cmocka_unit_test(test_figure_follows_the_engine),
		cmocka_unit_test(test_problems_located),
	};
	return cmocka_run_group_tests_name("pose", tests, setup, teardown);
}
