/* pose.h: an exercise's pictures as data (a view, props and key poses of a stick
 * figure), and the pure geometry on them: forward kinematics with fixed bone lengths,
 * placing a pose on its floor or prop, the checks that contact points really touch,
 * mirroring for the other side, and blending between poses for a moving figure.
 *
 * A pose is a set of joint angles in degrees. The figure is drawn in one plane (the
 * view): a side view (the figure faces right; angles are flexion and extension), a
 * front view, or a top view of someone lying on the floor (angles are raising out to
 * the side and tilting). A limb may also turn out of that plane by an `out` angle,
 * which shortens it as seen (a bent knee seen from above). Units are centimetres of a
 * figure about 176 cm tall. */
#ifndef UNHUNCH_POSE_H
#define UNHUNCH_POSE_H
#include "diag.h"
#include <stdbool.h>
#include <stddef.h>

/* side: the profile, standing or lying; front: the front of the body (or the back);
 * top: the front of someone lying on the floor, seen from above; above: the profile of
 * someone lying on their side, seen from above. */
enum viewpoint { VIEW_SIDE, VIEW_FRONT, VIEW_TOP, VIEW_ABOVE, VIEW__COUNT };
extern const char *const viewpoint_names[VIEW__COUNT + 1];
/* Profile views bend limbs forward and back; the others raise them out to the side. */
bool view_profile(enum viewpoint v);
/* Seen from above: the floor is the picture's plane, and "down" is into the page. */
bool view_from_above(enum viewpoint v);

enum prop { PROP_FLOOR, PROP_MAT, PROP_WALL, PROP_BALL, PROP_DOORWAY, PROP_CHAIR, PROP_BED, PROP_DUMBBELLS,
	    PROP_BAND, PROP__COUNT };
extern const char *const prop_names[PROP__COUNT + 1];

/* Joints. The first four are along the middle of the body (one angle); the others come
 * in pairs, [0] left and [1] right. */
enum joint { J_TORSO, J_NECK, J_HEAD, J_TWIST, J_BLADE, J_SHOULDER, J_ELBOW, J_WRIST, J_HIP, J_KNEE, J_ANKLE,
	     J__COUNT };
#define J__AXIAL_LAST J_TWIST
extern const char *const joint_names[J__COUNT + 1];

/* The range of a joint's angle in a view (degrees). */
struct angle_range {
	int min, max;
};
struct angle_range joint_range(enum joint j, enum viewpoint v);
#define OUT_ANGLE_MAX 160 /* an out-of-plane angle, either way */

/* What a point of the body can rest on. Walls and door frames are upright; the
 * floor, a chair's seat and a bed are level. */
enum surface { SURF_FLOOR, SURF_WALL, SURF_SEAT, SURF_BED, SURF_FRAME, SURF__COUNT };
extern const char *const surface_names[SURF__COUNT + 1];
#define BALL_R 5.5 /* a massage ball held between the chest (or back) and a wall */
#define SEAT_HEIGHT 42
#define BED_HEIGHT 55
#define CONTACT_TOLERANCE 3 /* cm: closer than this touches; deeper than this goes through */

/* Points of the body that can touch something. */
enum body_point {
	BP_HEAD, BP_BACK, BP_CHEST, BP_PELVIS,
	BP_SHOULDER_L, BP_SHOULDER_R, BP_ELBOW_L, BP_ELBOW_R, BP_FOREARM_L, BP_FOREARM_R,
	BP_HAND_L, BP_HAND_R, BP_KNEE_L, BP_KNEE_R, BP_HEEL_L, BP_HEEL_R, BP_TOE_L, BP_TOE_R,
	BP__COUNT
};
/* "left heel", "head" */
const char *body_point_name(enum body_point p);
/* Parse a name as written in a content file: "head", "hands", "left-hand", "feet",
 * "right-foot" (heel and toe)... Fills up to 4 points; returns how many, 0 when unknown. */
size_t body_point_parse(const char *name, enum body_point out[4]);
extern const char *const body_point_words[]; /* the names body_point_parse knows */

/* The key poses, named after the engine's phases. */
enum pose_key { PK_START, PK_UP, PK_HOLD, PK_DOWN, PK_INHALE, PK_EXHALE, PK__COUNT };
extern const char *const pose_key_names[PK__COUNT + 1];

#define POSE_MAX_TOUCH 16

struct contact {
	enum body_point point;
	enum surface surface;
	struct pos at;
};

struct pose {
	bool given;
	struct pos at;
	double a[J__COUNT][2];   /* degrees; axial joints use [0] */
	double out[J__COUNT][2]; /* degrees out of the view's plane (limbs only) */
	struct pos a_at[J__COUNT][2], out_at[J__COUNT][2]; /* where each was written; line 0 when not */
	struct contact touch[POSE_MAX_TOUCH]; /* the first level one places the figure */
	size_t n_touch;
};

/* A pose at one of the positions of a contact/relax cycle, named as in the dose. */
struct named_pose {
	char *name;
	struct pose pose;
};

/* The poses of one side or direction. Poses left out fall back on the main set's. */
struct pose_set {
	char *name; /* side or direction name; NULL for the main set */
	enum viewpoint view; /* a direction may be seen from another side (a tilt from the front) */
	bool mirror;         /* drawn as the mirror image of the main set (tilt right after tilt left) */
	struct pos at;
	struct pose pose[PK__COUNT];
	struct named_pose *named; /* positions of the exercise's own cycles, between start and up */
	size_t n_named;
};

struct picture {
	bool broken; /* had problems when read, so its geometry is not checked */
	unsigned props;
	int near; /* in a profile, the side toward the viewer, drawn in front: 0 left, 1 right */ /* 1 << enum prop */
	struct pos at;
	struct pose_set main;
	struct pose_set *sides; /* sides or directions that are not drawn like the main set */
	size_t n_sides;
};

void picture_free(struct picture *p);

/* ---- geometry ---- */

struct vec3 {
	double x, y, z; /* x right, y up; z toward the viewer (side, front) or up from the floor (top) */
};

/* A pose placed in space: its angles and where the pelvis is. Enough to draw it. */
struct stance {
	double a[J__COUNT][2], out[J__COUNT][2];
	struct vec3 root;
	int near; /* in a profile, the side drawn in front (0 left, 1 right) */
};

/* Points of a figure worked out from a stance. */
enum limb_point { LP_SHOULDER, LP_ELBOW, LP_WRIST, LP_HAND, LP_HIP, LP_KNEE, LP_ANKLE, LP_HEEL, LP_TOE, LP__COUNT };
struct figure {
	enum viewpoint view;
	int near;
	struct vec3 pelvis, chest, neck, head; /* neck: top of the torso; head: centre */
	struct vec3 limb[LP__COUNT][2];
	double head_up, head_front;        /* directions in the view's plane, radians */
	double torso_dir;                  /* pelvis to neck, radians */
	double twist;                      /* the upper body's turn (front view), radians */
};

/* Bone lengths and sizes, in cm */
#define BONE_TORSO 52.0
#define BONE_NECK 9.0
#define HEAD_R 11.0
#define BONE_UPPER_ARM 30.0
#define BONE_FOREARM 26.0
#define BONE_HAND 9.0
#define BONE_THIGH 44.0
#define BONE_SHIN 43.0
#define FOOT_SOLE 6.0  /* ankle above the sole */
#define FOOT_HEEL 3.0  /* heel behind the ankle */
#define FOOT_TOE 13.0  /* toes in front of the ankle */
#define TORSO_R 8.0    /* half the torso's depth (side view) */
#define PELVIS_R 9.0

/* Length of the shoulder girdle (neck to shoulder joint) and half the hip width, as
 * seen in view v. */
double girdle_length(enum viewpoint v);
double hip_half_width(enum viewpoint v);

/* Forward kinematics: the figure of a stance in view v. */
void figure_from_stance(enum viewpoint v, const struct stance *s, struct figure *f);
/* Where a body point of f is, and its radius (how far the body's surface is from it). */
struct vec3 figure_point(const struct figure *f, enum body_point p, double *radius);

/* The mirror image of a pose (the other side): left and right swap, and in the front
 * and top views sideways angles change sign. Contacts swap sides too. */
void pose_mirror(const struct pose *in, struct pose *out);

/* Where the props stand, worked out from the poses that touch them. */
struct scene {
	enum viewpoint view;
	unsigned props;
	bool wall, frame;   /* an upright wall or door frame at wall_x / frame_x */
	double wall_x, frame_x; /* in a front view, frame_x is half the doorway's width */
	double frame_mid;       /* front view: the middle of the doorway */
	int wall_dir, frame_dir; /* +1: on the figure's right of the picture; -1: left */
	bool bed;
	double bed_edge;     /* the bed runs from its edge away in -bed_dir */
	int bed_dir;
	bool seat;
	double seat_x;       /* under the pelvis in the pose that sits */
	int seat_dir;        /* the way the sitter faces */
};

/* Place a pose. The first point that rests on the floor, a seat or a bed in both this
 * pose and start (the set's start pose, placed first) stays exactly where it is in start,
 * so a foot that stays on the floor does not slide; without one, the pose's first resting
 * point is put on its surface at x = 0 (the origin in a top view); without any, the
 * pelvis is at the origin. start may be NULL or p itself. */
void pose_place(enum viewpoint v, const struct pose *p, const struct pose *start, struct stance *out);
/* The scene of a pose set: props placed from the first pose that touches each. */
void scene_build(const struct picture *pic, const struct pose_set *set, bool mirror, struct scene *sc);

/* The pose a set uses for key k: its own, the main set's, or the one it falls back on
 * (hold: up; down, up: start; start: exhale, then inhale). NULL when none of those. */
const struct pose *pose_lookup(const struct picture *pic, const struct pose_set *set, enum pose_key k);

/* Blend two stances: angles and the pelvis move evenly with t in [0, 1], so bones keep
 * their lengths mid-way. */
void stance_lerp(const struct stance *a, const struct stance *b, double t, struct stance *out);

/* ---- checks ---- */

struct dose;
/* The key poses a dose needs: a bit per enum pose_key. Reps: start and up; breathing:
 * inhale and exhale; cycles: start, and up (the last position) with more than one
 * position; a timed stretch or no dose: start. */
unsigned picture_needs(const struct dose *d);
/* Check a picture against its exercise's own dose: required poses, angles within each
 * joint's range, contacts that touch, nothing through the floor, side names that the
 * dose has. d NULL (a dose with problems of its own): only the geometry. Problems go
 * into dg at the place they were written; returns how many. */
size_t picture_check(const struct picture *pic, const struct dose *d, struct diags *dg);

/* ---- drawing an exercise ---- */

/* The set side i of dose `run` is drawn with, and whether it is the main set's mirror
 * image. own is the exercise's own dose, whose side names the sets are written under. */
const struct pose_set *picture_side(const struct picture *pic, const struct dose *own, const struct dose *run,
				    int side, bool *mirror);

/* A placed key pose of a side (mirrored as picture_side says); false when missing. */
bool picture_stance(const struct picture *pic, const struct pose_set *set, bool mirror, enum pose_key k,
		    struct stance *out);

/* The stance at position i of n of a contact/relax cycle. Start is the first position
 * and up the last; a pose named after one of the positions of own (the exercise's
 * dose) is that position; between them the figure is blended evenly. */
bool picture_position(const struct picture *pic, const struct pose_set *set, const struct dose *own, bool mirror,
		      int i, int n, struct stance *out);

struct segment;
/* The figure's stance during a segment of a session, t in [0, 1] through it: moving
 * from the pose before the phase to the phase's pose (up, hold, down, inhale, exhale),
 * at the position of a cycle, or still at the start (get ready, rest, switch, a timed
 * stretch). run is the dose the session runs. Returns false without a picture. */
bool picture_at(const struct picture *pic, const struct dose *own, const struct dose *run,
		const struct segment *seg, double t, struct stance *out, enum viewpoint *view);

#endif
