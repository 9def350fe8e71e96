/* figure-svg.c: draws stick figures and their props as SVG from placed poses. The scene
 * is in centimetres with y up; each frame is scaled into pixels with y down. */
#include "figure-svg.h"
#include "markup.h"
#include "core/session.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_H 36.0 /* px under each frame for its label (two lines) */
#define MIN_CELL 128.0 /* px: the narrowest frame, so labels fit */
#define GAP 14.0     /* px between frames */
#define PAD 6.0      /* cm around the drawing */

/* colours */
#define C_NEAR "#2f3e52"
#define C_FAR "#8d9aab"
#define C_GHOST "#7fb0f0"
#define C_ARROW "#d9480f"
#define C_FLOOR "#8a8f98"
#define C_MAT "#cfe5d8"
#define C_WALL "#dde1e7"
#define C_WALL_EDGE "#a3acb8"
#define C_WOOD "#a7774f"
#define C_BED "#ece8e3"
#define C_BALL "#f59f00"
#define C_WEIGHT "#495057"
#define C_BAND "#2f9e44"

/* A number with one decimal and a point, never a comma, whatever the locale. */
static void num(struct strbuf *out, double v)
{
	long t = lround(v * 10);
	if (t < 0) {
		strbuf_addch(out, '-');
		t = -t;
	}
	/* the digits by hand: a figure writes thousands of numbers, and a format
	 * string's parse for each was most of the report's drawing (bench/scale) */
	char d[24];
	size_t n = sizeof(d);
	if (t % 10) {
		d[--n] = (char)('0' + t % 10);
		d[--n] = '.';
	}
	t /= 10;
	do
		d[--n] = (char)('0' + t % 10);
	while ((t /= 10) > 0);
	strbuf_add(out, d + n, sizeof(d) - n);
}

#define xml_text markup_escape

/* ---- canvas: scene cm to frame px ---- */

struct box {
	double x0, y0, x1, y1;
};

static void box_add(struct box *b, double x, double y, double r)
{
	if (x - r < b->x0)
		b->x0 = x - r;
	if (x + r > b->x1)
		b->x1 = x + r;
	if (y - r < b->y0)
		b->y0 = y - r;
	if (y + r > b->y1)
		b->y1 = y + r;
}

struct canvas {
	struct strbuf *out;
	struct box b;   /* scene box shown */
	double k;       /* px per cm */
	double ox, oy;  /* frame's top-left in px */
};

static double px(const struct canvas *c, double x)
{
	return c->ox + (x - c->b.x0) * c->k;
}

static double py(const struct canvas *c, double y)
{
	return c->oy + (c->b.y1 - y) * c->k;
}

static void pt(const struct canvas *c, struct vec3 p)
{
	num(c->out, px(c, p.x));
	strbuf_addch(c->out, ',');
	num(c->out, py(c, p.y));
}

static void line(const struct canvas *c, struct vec3 a, struct vec3 b, double w, const char *color)
{
	strbuf_addstr(c->out, "<path d=\"M");
	pt(c, a);
	strbuf_addstr(c->out, " L");
	pt(c, b);
	strbuf_addf(c->out, "\" stroke=\"%s\" stroke-width=\"", color);
	num(c->out, w * c->k);
	strbuf_addstr(c->out, "\"/>\n");
}

static void polyline(const struct canvas *c, const struct vec3 *v, size_t n, double w, const char *color)
{
	strbuf_addstr(c->out, "<path d=\"M");
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(c->out, " L");
		pt(c, v[i]);
	}
	strbuf_addf(c->out, "\" stroke=\"%s\" stroke-width=\"", color);
	num(c->out, w * c->k);
	strbuf_addstr(c->out, "\"/>\n");
}

static void circle(const struct canvas *c, struct vec3 p, double r, const char *fill)
{
	strbuf_addstr(c->out, "<circle cx=\"");
	num(c->out, px(c, p.x));
	strbuf_addstr(c->out, "\" cy=\"");
	num(c->out, py(c, p.y));
	strbuf_addstr(c->out, "\" r=\"");
	num(c->out, r * c->k);
	strbuf_addf(c->out, "\" fill=\"%s\"/>\n", fill);
}

/* A rectangle between scene corners (x0, y0) and (x1, y1). */
static void rect(const struct canvas *c, double x0, double y0, double x1, double y1, const char *fill,
		 const char *stroke)
{
	if (x0 > x1) {
		double t = x0;
		x0 = x1, x1 = t;
	}
	if (y0 > y1) {
		double t = y0;
		y0 = y1, y1 = t;
	}
	strbuf_addstr(c->out, "<rect x=\"");
	num(c->out, px(c, x0));
	strbuf_addstr(c->out, "\" y=\"");
	num(c->out, py(c, y1));
	strbuf_addstr(c->out, "\" width=\"");
	num(c->out, (x1 - x0) * c->k);
	strbuf_addstr(c->out, "\" height=\"");
	num(c->out, (y1 - y0) * c->k);
	strbuf_addf(c->out, "\" rx=\"%s\" fill=\"%s\"", "1.5", fill);
	if (stroke)
		strbuf_addf(c->out, " stroke=\"%s\" stroke-width=\"1\"", stroke);
	strbuf_addstr(c->out, "/>\n");
}

static struct vec3 v3(double x, double y)
{
	return (struct vec3){ x, y, 0 };
}

/* ---- the figure ---- */

struct palette {
	const char *near, *far, *body;
};

static const struct palette solid = { C_NEAR, C_FAR, C_NEAR };
static const struct palette ghost = { C_GHOST, C_GHOST, C_GHOST };

#define HALO 3.0 /* cm of white around a limb drawn over the body, so it stands out */

static void arm(const struct canvas *c, const struct figure *f, int k, const char *color, bool halo)
{
	struct vec3 v[4] = { f->limb[LP_SHOULDER][k], f->limb[LP_ELBOW][k], f->limb[LP_WRIST][k], f->limb[LP_HAND][k] };
	if (halo)
		polyline(c, v, 4, 6 + HALO, "#ffffff");
	polyline(c, v, 3, 6, color);
	line(c, v[2], v[3], 4.5, color);
}

static void leg(const struct canvas *c, const struct figure *f, int k, const char *color, bool halo)
{
	struct vec3 v[3] = { f->limb[LP_HIP][k], f->limb[LP_KNEE][k], f->limb[LP_ANKLE][k] };
	if (halo)
		polyline(c, v, 3, 8 + HALO, "#ffffff");
	polyline(c, v, 3, 8, color);
	if (view_profile(f->view)) {
		struct vec3 foot[3] = { f->limb[LP_ANKLE][k], f->limb[LP_HEEL][k], f->limb[LP_TOE][k] };
		polyline(c, foot, 3, 5, color);
	} else {
		line(c, f->limb[LP_ANKLE][k], f->limb[LP_TOE][k], 7, color);
	}
	if (view_from_above(f->view) && f->limb[LP_KNEE][k].z > 12) { /* a knee bent up toward the viewer */
		circle(c, f->limb[LP_KNEE][k], 5.5, color);
		circle(c, f->limb[LP_KNEE][k], 2.2, "#ffffff");
	}
}

static void head(const struct canvas *c, const struct figure *f, const struct palette *p)
{
	line(c, f->neck, f->head, 6, p->body);
	circle(c, f->head, HEAD_R, p->body);
	if (!view_profile(f->view) && fabs(f->twist) > 0.1) { /* turned: the nose shows which way */
		struct vec3 a = { f->head.x + 7 * sin(f->twist), f->head.y - 1, 0 };
		struct vec3 b = { f->head.x + 10.5 * sin(f->twist), f->head.y - 3, 0 };
		line(c, a, b, 3, "#ffffff");
	}
	if (view_profile(f->view)) { /* a nose and an eye show which way the face looks */
		double fr = f->head_front, up = f->head_up;
		struct vec3 a = { f->head.x + HEAD_R * 0.8 * cos(fr) - 2 * cos(up), f->head.y + HEAD_R * 0.8 * sin(fr) - 2 * sin(up), 0 };
		struct vec3 b = { a.x + 3.5 * cos(fr) - 1.5 * cos(up), a.y + 3.5 * sin(fr) - 1.5 * sin(up), 0 };
		line(c, a, b, 3.4, p->body);
		if (p == &solid) {
			struct vec3 eye = { f->head.x + 5.5 * cos(fr) + 2.5 * cos(up), f->head.y + 5.5 * sin(fr) + 2.5 * sin(up), 0 };
			circle(c, eye, 1.5, "#ffffff");
		}
	}
}

static void torso(const struct canvas *c, const struct figure *f, const struct palette *p)
{
	if (view_profile(f->view)) {
		circle(c, f->pelvis, PELVIS_R, p->body);
		line(c, f->pelvis, f->chest, 2 * TORSO_R, p->body);
		return;
	}
	/* front and top: shoulders to hips */
	struct vec3 v[5] = { f->limb[LP_SHOULDER][0], f->limb[LP_SHOULDER][1], f->limb[LP_HIP][1], f->limb[LP_HIP][0],
			     f->limb[LP_SHOULDER][0] };
	strbuf_addstr(c->out, "<path d=\"M");
	for (int i = 0; i < 4; i++) {
		if (i)
			strbuf_addstr(c->out, " L");
		pt(c, v[i]);
	}
	strbuf_addf(c->out, " Z\" fill=\"%s\" stroke=\"%s\" stroke-width=\"", p->body, p->body);
	num(c->out, 7 * c->k);
	strbuf_addstr(c->out, "\"/>\n");
}

static void dumbbell(const struct canvas *c, const struct figure *f, int k, const char *color)
{
	struct vec3 w = f->limb[LP_WRIST][k], h = f->limb[LP_HAND][k];
	double dx = h.x - w.x, dy = h.y - w.y, len = hypot(dx, dy);
	if (len < 0.5)
		dx = 1, dy = 0, len = 1;
	double nx = -dy / len, ny = dx / len; /* across the hand */
	struct vec3 m = { (w.x + h.x) / 2, (w.y + h.y) / 2, 0 };
	struct vec3 a = { m.x + 7 * nx, m.y + 7 * ny, 0 }, b = { m.x - 7 * nx, m.y - 7 * ny, 0 };
	line(c, a, b, 2.5, color);
	circle(c, a, 3.2, color);
	circle(c, b, 3.2, color);
}

/* The figure: in a profile the far limbs first and lighter. */
static void figure(const struct canvas *c, const struct figure *f, const struct palette *p, unsigned props)
{
	bool side = view_profile(f->view);
	int nr = f->near, fr = 1 - f->near;
	const char *far = side ? p->far : p->near;
	bool halo = p == &solid;
	if (side) {
		arm(c, f, fr, far, false);
		leg(c, f, fr, far, false);
	}
	if (props & (1u << PROP_BAND) && p == &solid)
		for (int k = 0; k < 2; k++)
			line(c, f->limb[LP_HEEL][k], f->limb[LP_HAND][k], 1.2, C_BAND);
	if (!side) {
		leg(c, f, 0, p->near, false);
		leg(c, f, 1, p->near, false);
	}
	torso(c, f, p);
	head(c, f, p);
	if (side) {
		leg(c, f, nr, p->near, halo);
		arm(c, f, nr, p->near, halo);
	} else {
		arm(c, f, 0, p->near, halo);
		arm(c, f, 1, p->near, halo);
	}
	if (props & (1u << PROP_DUMBBELLS))
		for (int k = 0; k < 2; k++)
			dumbbell(c, f, k, p == &solid ? (side && k == fr ? C_FAR : C_WEIGHT) : C_GHOST);
}

/* ---- the props, behind the figure ---- */

static void props_back(const struct canvas *c, const struct scene *sc, const struct figure *f)
{
	const struct box *b = &c->b;
	if (view_from_above(sc->view)) {
		rect(c, b->x0 + 2, b->y0 + 2, b->x1 - 2, b->y1 - 2, sc->props & (1u << PROP_MAT) ? C_MAT : "#f1f3f5", NULL);
		return;
	}
	if (sc->wall)
		rect(c, sc->wall_x, 0, sc->wall_x + sc->wall_dir * 8, b->y1, C_WALL, C_WALL_EDGE);
	if (sc->frame && sc->view == VIEW_FRONT) {
		double m = sc->frame_mid, h = sc->frame_x;
		rect(c, m - h - 5, 0, m - h + 5, 205, "#e9dccb", C_WOOD);
		rect(c, m + h - 5, 0, m + h + 5, 205, "#e9dccb", C_WOOD);
		rect(c, m - h - 5, 195, m + h + 5, 205, "#e9dccb", C_WOOD);
	} else if (sc->frame) {
		rect(c, sc->frame_x, 0, sc->frame_x + sc->frame_dir * 9, b->y1, "#e9dccb", C_WOOD);
	}
	if (sc->bed) {
		double e = sc->bed_edge, far = sc->bed_dir > 0 ? b->x0 : b->x1;
		rect(c, e, BED_HEIGHT - 14, far, BED_HEIGHT, C_BED, "#b9b2a9");
		rect(c, e, BED_HEIGHT - 24, far, BED_HEIGHT - 14, C_WOOD, NULL);
		rect(c, e - sc->bed_dir * 4, 0, e - sc->bed_dir * 9, BED_HEIGHT - 24, C_WOOD, NULL);
	}
	if (sc->seat && f) {
		double x = sc->seat_x, d = sc->view == VIEW_SIDE ? sc->seat_dir : 0;
		if (sc->view == VIEW_SIDE) {
			double back = x - d * 16, front = x + d * 18;
			rect(c, back, SEAT_HEIGHT - 4, front, SEAT_HEIGHT, C_WOOD, NULL);
			rect(c, back - d * 4, SEAT_HEIGHT - 4, back, SEAT_HEIGHT + 44, C_WOOD, NULL);
			line(c, v3(back - d * 2, 0), v3(back - d * 2, SEAT_HEIGHT - 4), 2.5, C_WOOD);
			line(c, v3(front - d * 2, 0), v3(front - d * 2, SEAT_HEIGHT - 4), 2.5, C_WOOD);
		} else {
			rect(c, x - 24, SEAT_HEIGHT + 8, x + 24, SEAT_HEIGHT + 46, "#c9a27e", NULL);
			rect(c, x - 24, SEAT_HEIGHT - 4, x + 24, SEAT_HEIGHT, C_WOOD, NULL);
			line(c, v3(x - 21, 0), v3(x - 21, SEAT_HEIGHT - 4), 2.5, C_WOOD);
			line(c, v3(x + 21, 0), v3(x + 21, SEAT_HEIGHT - 4), 2.5, C_WOOD);
		}
	}
	if (sc->props & (1u << PROP_MAT)) {
		double x0 = f ? f->pelvis.x : 0, x1 = x0;
		for (int k = 0; f && k < 2; k++)
			for (int l = 0; l < LP__COUNT; l++) {
				x0 = fmin(x0, f->limb[l][k].x), x1 = fmax(x1, f->limb[l][k].x);
			}
		if (f)
			x0 = fmin(x0, f->head.x - HEAD_R), x1 = fmax(x1, f->head.x + HEAD_R);
		rect(c, fmax(x0 - 8, b->x0 + 1), -1.8, fmin(x1 + 8, b->x1 - 1), 0, C_MAT, "#9cc5ad");
	}
	if (sc->props & (1u << PROP_FLOOR | 1u << PROP_MAT) || sc->seat || sc->wall || sc->frame || sc->bed)
		line(c, v3(b->x0, -0.2), v3(b->x1, -0.2), 0.6, C_FLOOR);
}

static void props_front(const struct canvas *c, const struct scene *sc, const struct figure *f)
{
	if (!(sc->props & (1u << PROP_BALL)) || !f)
		return;
	/* the ball sits between the chest and the wall, below the collarbone */
	double r = BALL_R;
	if (sc->view == VIEW_SIDE && sc->wall) {
		circle(c, v3(sc->wall_x - sc->wall_dir * r, f->chest.y + 2), r, C_BALL);
	} else {
		double d = f->limb[LP_SHOULDER][0].x - f->neck.x;
		circle(c, v3(f->neck.x + d * 0.55, f->chest.y - 4), r, C_BALL);
	}
}

/* ---- frames ---- */

static void figure_box(struct box *b, const struct figure *f)
{
	box_add(b, f->head.x, f->head.y, HEAD_R + 1);
	box_add(b, f->pelvis.x, f->pelvis.y, PELVIS_R);
	box_add(b, f->neck.x, f->neck.y, TORSO_R);
	for (int k = 0; k < 2; k++)
		for (int l = 0; l < LP__COUNT; l++)
			box_add(b, f->limb[l][k].x, f->limb[l][k].y, 5);
}

static void scene_box(struct box *b, const struct scene *sc)
{
	if (view_from_above(sc->view))
		return;
	if (sc->props & (1u << PROP_FLOOR | 1u << PROP_MAT) || sc->seat || sc->bed)
		box_add(b, b->x0, -2, 0);
	if (sc->wall)
		box_add(b, sc->wall_x + sc->wall_dir * 8, 0, 1);
	if (sc->frame && sc->view == VIEW_FRONT) {
		box_add(b, sc->frame_mid - sc->frame_x - 6, 207, 0);
		box_add(b, sc->frame_mid + sc->frame_x + 6, 0, 0);
	} else if (sc->frame) {
		box_add(b, sc->frame_x + sc->frame_dir * 9, 0, 1);
	}
	if (sc->seat) {
		box_add(b, sc->seat_x - 24, SEAT_HEIGHT + 46, 0);
		box_add(b, sc->seat_x + 24, 0, 0);
	}
	if (sc->bed)
		box_add(b, sc->bed_edge - sc->bed_dir * 40, 0, 0);
}

/* The point that moves most from a to b, for the arrow; false when nothing moves much. */
static bool moving_point(const struct figure *a, const struct figure *b, struct vec3 *from, struct vec3 *to)
{
	/* in order of preference when two move as far */
	static const enum body_point cand[] = { BP_SHOULDER_L, BP_SHOULDER_R, BP_HEAD,   BP_PELVIS, BP_HAND_L,
						BP_HAND_R,     BP_KNEE_L,     BP_KNEE_R, BP_HEEL_L, BP_HEEL_R,
						BP_ELBOW_L,    BP_ELBOW_R,    BP_CHEST };
	double best = 5; /* cm: smaller moves are shown by the ghost alone */
	bool found = false;
	for (size_t i = 0; i < sizeof(cand) / sizeof(cand[0]); i++) {
		double r;
		struct vec3 p = figure_point(a, cand[i], &r), q = figure_point(b, cand[i], &r);
		double d = hypot(q.x - p.x, q.y - p.y);
		if (d > best + 0.5) {
			best = d, *from = p, *to = q, found = true;
		}
	}
	return found;
}

/* A curved arrow from a to b, bowed away from the body's middle m. */
static void arrow(const struct canvas *c, struct vec3 a, struct vec3 b, struct vec3 m)
{
	double dx = b.x - a.x, dy = b.y - a.y, len = hypot(dx, dy);
	double nx = -dy / len, ny = dx / len;
	struct vec3 mid = { (a.x + b.x) / 2, (a.y + b.y) / 2, 0 };
	if ((mid.x - m.x) * nx + (mid.y - m.y) * ny < 0)
		nx = -nx, ny = -ny;
	double bow = 0.25 * len;
	struct vec3 ctl = { mid.x + bow * nx, mid.y + bow * ny, 0 };
	/* start and end a little off the body */
	double ux = (ctl.x - a.x), uy = (ctl.y - a.y), ul = hypot(ux, uy);
	struct vec3 s = { a.x + 5 * ux / ul, a.y + 5 * uy / ul, 0 };
	double vx = (b.x - ctl.x), vy = (b.y - ctl.y), vl = hypot(vx, vy);
	struct vec3 e = { b.x - 5 * vx / vl, b.y - 5 * vy / vl, 0 };
	strbuf_addstr(c->out, "<path d=\"M");
	pt(c, s);
	strbuf_addstr(c->out, " Q");
	pt(c, ctl);
	strbuf_addch(c->out, ' ');
	pt(c, e);
	strbuf_addstr(c->out, "\" stroke=\"" C_ARROW "\" stroke-width=\"2.2\" stroke-dasharray=\"5 3\"/>\n");
	/* the head, drawn as a shape so the document needs no markers or ids */
	double hx = vx / vl, hy = vy / vl, h = 9 / c->k;
	struct vec3 tip = { e.x + 0.5 * hx * h, e.y + 0.5 * hy * h, 0 };
	struct vec3 l = { tip.x - h * hx + 0.55 * h * -hy, tip.y - h * hy + 0.55 * h * hx, 0 };
	struct vec3 r = { tip.x - h * hx - 0.55 * h * -hy, tip.y - h * hy - 0.55 * h * hx, 0 };
	strbuf_addstr(c->out, "<path d=\"M");
	pt(c, tip);
	strbuf_addstr(c->out, " L");
	pt(c, l);
	strbuf_addstr(c->out, " L");
	pt(c, r);
	strbuf_addstr(c->out, " Z\" fill=\"" C_ARROW "\" stroke=\"none\"/>\n");
}

/* A label under a frame, on two lines when it is wider than the frame. */
static void label(const struct canvas *c, const char *text, double x, double y, double w)
{
	if (!*text)
		return;
	size_t per_line = (size_t)(w / 7.0), len = strlen(text);
	const char *cut = NULL;
	if (len > per_line)
		for (const char *p = text; *p && (size_t)(p - text) <= per_line; p++)
			if (*p == ' ')
				cut = p;
	strbuf_addstr(c->out, "<text x=\"");
	num(c->out, x);
	strbuf_addstr(c->out, "\" y=\"");
	num(c->out, y);
	strbuf_addstr(c->out, "\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"13\" fill=\"#343a40\">");
	if (!cut) {
		xml_text(c->out, text);
	} else {
		char first[80];
		snprintf(first, sizeof(first), "%.*s", (int)(cut - text), text);
		xml_text(c->out, first);
		strbuf_addstr(c->out, "<tspan x=\"");
		num(c->out, x);
		strbuf_addstr(c->out, "\" dy=\"15\">");
		xml_text(c->out, cut + 1);
		strbuf_addstr(c->out, "</tspan>");
	}
	strbuf_addstr(c->out, "</text>\n");
}

struct frame {
	struct stance st;
	struct figure f;
	char label[80];
};

static void frame_draw(const struct canvas *c, const struct scene *sc, const struct frame *fr, const struct frame *next,
		       double w)
{
	props_back(c, sc, &fr->f);
	strbuf_addstr(c->out, "<g fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
	if (next) {
		strbuf_addstr(c->out, "<g opacity=\"0.6\">\n");
		figure(c, &next->f, &ghost, sc->props);
		strbuf_addstr(c->out, "</g>\n");
	}
	figure(c, &fr->f, &solid, sc->props);
	props_front(c, sc, &fr->f);
	struct vec3 a, b;
	if (next && moving_point(&fr->f, &next->f, &a, &b))
		arrow(c, a, b, fr->f.pelvis);
	strbuf_addstr(c->out, "</g>\n");
}

/* Lay frames out side by side at one scale, height px high at most (less when the
 * figures lie down, so lying figures do not leave empty space), and draw them. */
static void strip_draw(struct strbuf *out, const struct scene *sc, struct frame *fr, size_t n, const char *title,
		       int height, double xoff, double yoff, double *w_out, double *h_out)
{
	struct box b = { 1e9, 1e9, -1e9, -1e9 };
	for (size_t i = 0; i < n; i++)
		figure_box(&b, &fr[i].f);
	scene_box(&b, sc);
	b.x0 -= PAD, b.x1 += PAD, b.y0 -= PAD, b.y1 += PAD;
	double bw = b.x1 - b.x0, bh = b.y1 - b.y0;
	double avail = height - LABEL_H;
	double k = avail / bh;
	if (k * bw > 1.7 * height) /* a lying figure: as wide as a standing one is high, or a bit more */
		k = 1.7 * height / bw;
	double fw = bw * k, cell = fw < MIN_CELL ? MIN_CELL : fw;
	(void)title;
	for (size_t i = 0; i < n; i++) {
		struct canvas c = { out, b, k, xoff + i * (cell + GAP) + (cell - fw) / 2, yoff };
		frame_draw(&c, sc, &fr[i], i + 1 < n ? &fr[i + 1] : NULL, fw);
		label(&c, fr[i].label, xoff + i * (cell + GAP) + cell / 2, yoff + bh * k + 15, cell);
	}
	*w_out = n * cell + (n ? (n - 1) * GAP : 0);
	*h_out = bh * k + LABEL_H;
}

/* in_html: inside an HTML page, where the namespace is implied (and a page that must
 * name no web address can hold it) */
static void svg_open(struct strbuf *out, double w, double h, const char *label, bool in_html)
{
	strbuf_addstr(out, in_html ? "<svg width=\"" : "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
	num(out, w);
	strbuf_addstr(out, "\" height=\"");
	num(out, h);
	strbuf_addstr(out, "\" viewBox=\"0 0 ");
	num(out, w);
	strbuf_addch(out, ' ');
	num(out, h);
	strbuf_addch(out, '"');
	if (in_html) { /* its own size, whatever a page's style does with pictures */
		strbuf_addstr(out, " style=\"width:");
		num(out, w);
		strbuf_addstr(out, "px;max-width:100%;height:auto\"");
	}
	strbuf_addstr(out, " role=\"img\" aria-label=\"");
	xml_text(out, label);
	strbuf_addstr(out, "\">\n<title>");
	xml_text(out, label);
	strbuf_addstr(out, "</title>\n");
}

void svg_stance(struct strbuf *out, const struct scene *sc, const struct stance *st, const char *label, int height)
{
	struct frame fr = { *st, { 0 }, "" };
	figure_from_stance(sc->view, st, &fr.f);
	struct strbuf body = STRBUF_INIT;
	double w, h;
	strip_draw(&body, sc, &fr, 1, label, height + (int)LABEL_H, 0, 0, &w, &h);
	svg_open(out, w, h - LABEL_H, label, false);
	strbuf_add(out, body.buf, body.len);
	strbuf_addstr(out, "</svg>\n");
	strbuf_release(&body);
}

/* ---- an exercise's key poses ---- */

static const char *cue_or(const struct exercise *e, enum phase ph, const char *dflt)
{
	return e->cues[ph] ? e->cues[ph] : dflt;
}

static size_t frames_of(const struct exercise *e, const struct dose *run, const struct pose_set *set, bool mirror,
			enum strip_kind kind, struct frame *fr)
{
	const struct picture *pic = e->picture;
	const struct dose *d = run ? run : &e->dose;
	unsigned need = picture_needs(d);
	size_t n = 0;
	if (d->n_positions) {
		int np = (int)d->n_positions;
		for (int i = 0; i < np && n < 6; i++) {
			if (kind == STRIP_ENDS && i && i != np - 1)
				continue;
			if (picture_position(pic, set, &e->dose, mirror, i, np, &fr[n].st)) {
				snprintf(fr[n].label, sizeof(fr[n].label), "%s", d->positions[i]);
				n++;
			}
		}
	} else if (need & (1u << PK_INHALE)) {
		if (picture_stance(pic, set, mirror, PK_INHALE, &fr[n].st))
			snprintf(fr[n++].label, sizeof(fr[0].label), "%s", cue_or(e, PH_INHALE, "Breathe in"));
		if (picture_stance(pic, set, mirror, PK_EXHALE, &fr[n].st))
			snprintf(fr[n++].label, sizeof(fr[0].label), "%s", cue_or(e, PH_EXHALE, "Breathe out"));
	} else {
		if (picture_stance(pic, set, mirror, PK_START, &fr[n].st))
			snprintf(fr[n++].label, sizeof(fr[0].label), "%s", need & (1u << PK_UP) ? "Start" : "");
		if ((need & (1u << PK_UP)) && picture_stance(pic, set, mirror, PK_UP, &fr[n].st))
			snprintf(fr[n++].label, sizeof(fr[0].label), "%s", cue_or(e, PH_UP, "Up"));
		const struct pose *down = pose_lookup(pic, set, PK_DOWN), *start = pose_lookup(pic, set, PK_START);
		if ((need & (1u << PK_UP)) && down != start && picture_stance(pic, set, mirror, PK_DOWN, &fr[n].st))
			snprintf(fr[n++].label, sizeof(fr[0].label), "%s", cue_or(e, PH_DOWN, "Down"));
	}
	for (size_t i = 0; i < n; i++)
		figure_from_stance(set->view, &fr[i].st, &fr[i].f);
	return n;
}

static void strip_body(struct strbuf *out, const struct exercise *e, const struct dose *run, const struct pose_set *set,
		       bool mirror, enum strip_kind kind, int height, double xoff, double yoff, double *w, double *h)
{
	struct frame fr[6];
	size_t n = frames_of(e, run, set, mirror, kind, fr);
	struct scene sc;
	scene_build(e->picture, set, mirror, &sc);
	strip_draw(out, &sc, fr, n, e->name, height, xoff, yoff, w, h);
}

bool svg_exercise_strip(struct strbuf *out, const struct exercise *e, const struct dose *run, int side,
			enum strip_kind kind, int height, bool in_html)
{
	if (!e->picture)
		return false;
	bool mirror;
	const struct pose_set *set = picture_side(e->picture, &e->dose, run ? run : &e->dose, side, &mirror);
	struct strbuf body = STRBUF_INIT;
	double w, h;
	strip_body(&body, e, run, set, mirror, kind, height, 0, 0, &w, &h);
	svg_open(out, w, h, e->name, in_html);
	strbuf_add(out, body.buf, body.len);
	strbuf_addstr(out, "</svg>\n");
	strbuf_release(&body);
	return true;
}

bool svg_exercise_moment(struct strbuf *out, const struct exercise *e, const struct dose *run,
			 const struct segment *seg, double t, int height)
{
	const struct picture *pic = e->picture;
	struct frame fr[7];
	enum viewpoint view;
	if (!pic || !picture_at(pic, &e->dose, run, seg, t < 0 ? 0 : t > 1 ? 1 : t, &fr[0].st, &view))
		return false;
	figure_from_stance(view, &fr[0].st, &fr[0].f);
	/* framed to hold every key pose of this side and the moves between them (not the
	 * moment drawn, which would make the frame breathe), so the figure keeps its size
	 * and place as it moves */
	bool mirror;
	const struct pose_set *set = picture_side(pic, &e->dose, run, seg->side, &mirror);
	size_t n = 1 + frames_of(e, run, set, mirror, STRIP_ALL, fr + 1);
	struct scene sc;
	scene_build(pic, set, mirror, &sc);
	struct box b = { 1e9, 1e9, -1e9, -1e9 };
	for (size_t i = 1; i < n; i++) {
		figure_box(&b, &fr[i].f);
		for (size_t j = i + 1; j < n; j++)
			for (int k = 1; k < 8; k++) {
				struct stance mid;
				struct figure f;
				stance_lerp(&fr[i].st, &fr[j].st, k / 8.0, &mid);
				figure_from_stance(set->view, &mid, &f);
				figure_box(&b, &f);
			}
	}
	if (n == 1) /* no key pose but the moment's own */
		figure_box(&b, &fr[0].f);
	scene_box(&b, &sc);
	b.x0 -= PAD, b.x1 += PAD, b.y0 -= PAD, b.y1 += PAD;
	double k = height / (b.y1 - b.y0);
	if (k * (b.x1 - b.x0) > 1.7 * height) /* a lying figure, as in a strip */
		k = 1.7 * height / (b.x1 - b.x0);
	double w = (b.x1 - b.x0) * k, h = (b.y1 - b.y0) * k;
	struct canvas c = { out, b, k, 0, 0 };
	svg_open(out, w, h, e->name, false);
	frame_draw(&c, &sc, &fr[0], NULL, w);
	strbuf_addstr(out, "</svg>\n");
	return true;
}

bool svg_exercise(struct strbuf *out, const struct exercise *e, int height)
{
	const struct picture *pic = e->picture;
	if (!pic)
		return false;
	/* one strip per set, named when there is more than one, laid out left to right
	 * in rows no wider than a few frames */
	double row_max = 4.6 * height, x = 0, y = 0, row_h = 0, wmax = 0, w, h;
	struct strbuf body = STRBUF_INIT;
	for (size_t i = 0; i <= pic->n_sides; i++) {
		const struct pose_set *set = i ? &pic->sides[i - 1] : &pic->main;
		bool mirror = set->mirror;
		if (mirror)
			set = &pic->main;
		struct strbuf strip = STRBUF_INIT;
		double top = pic->n_sides ? 22 : 0;
		strip_body(&strip, e, NULL, set, mirror, STRIP_ALL, height, 0, 0, &w, &h);
		strbuf_release(&strip);
		if (x > 0 && x + w > row_max) {
			x = 0;
			y += row_h + 12;
			row_h = 0;
		}
		if (pic->n_sides) { /* name the side */
			const char *name = i ? pic->sides[i - 1].name : e->dose.n_per ? e->dose.per_names[0] : "";
			strbuf_addstr(&body, "<text x=\"");
			num(&body, x);
			strbuf_addstr(&body, "\" y=\"");
			num(&body, y + 15);
			strbuf_addstr(&body, "\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"bold\" fill=\"#343a40\">");
			xml_text(&body, name);
			strbuf_addstr(&body, "</text>\n");
		}
		strip_body(&body, e, NULL, set, mirror, STRIP_ALL, height, x, y + top, &w, &h);
		x += w + 3 * GAP;
		row_h = fmax(row_h, h + top);
		wmax = fmax(wmax, x - 3 * GAP);
	}
	svg_open(out, wmax, y + row_h, e->name, false);
	strbuf_addstr(out, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
	strbuf_add(out, body.buf, body.len);
	strbuf_addstr(out, "</svg>\n");
	strbuf_release(&body);
	return true;
}
