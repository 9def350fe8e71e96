/* figure.c: rasterises the stick figure into braille dots and lays it beside the
 * player's text. Pure: the engine's state and the time in, lines of text out. */
#include "figure.h"
#include "view.h"
#include <math.h>
#include <string.h>

#define DOTS_W (FIGURE_COLS * 2)
#define DOTS_H (FIGURE_ROWS * 4)

struct raster {
	int w, h;
	unsigned char dot[DOTS_H][DOTS_W];
	double x0, y0, k; /* scene to dots */
};

static void plot(struct raster *r, double x, double y)
{
	int px = (int)lround((x - r->x0) * r->k), py = (int)lround((r->y0 - y) * r->k);
	if (px >= 0 && px < r->w && py >= 0 && py < r->h)
		r->dot[py][px] = 1;
}

/* A segment as a run of dots, thick dots wide. */
static void seg(struct raster *r, struct vec3 a, struct vec3 b, double thick)
{
	double len = hypot(b.x - a.x, b.y - a.y) * r->k;
	int n = (int)len * 2 + 1;
	for (int i = 0; i <= n; i++) {
		double t = (double)i / n, x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
		plot(r, x, y);
		for (double d = 1; d <= thick / 2; d++) {
			plot(r, x + d / r->k, y);
			plot(r, x, y + d / r->k);
		}
	}
}

static void ring(struct raster *r, struct vec3 c, double radius)
{
	for (int i = 0; i < 48; i++) {
		double a = i * 6.283185307179586 / 48;
		plot(r, c.x + radius * cos(a), c.y + radius * sin(a));
	}
}

static void draw(struct raster *r, const struct figure *f)
{
	seg(r, f->pelvis, f->neck, 2);
	seg(r, f->neck, f->head, 0);
	ring(r, f->head, HEAD_R * 0.8);
	for (int k = 0; k < 2; k++) {
		struct vec3 arm[4] = { f->limb[LP_SHOULDER][k], f->limb[LP_ELBOW][k], f->limb[LP_WRIST][k], f->limb[LP_HAND][k] };
		struct vec3 leg[4] = { f->limb[LP_HIP][k], f->limb[LP_KNEE][k], f->limb[LP_ANKLE][k], f->limb[LP_TOE][k] };
		seg(r, f->neck, arm[0], 0);
		seg(r, f->pelvis, leg[0], 0);
		for (int i = 0; i < 3; i++) {
			seg(r, arm[i], arm[i + 1], 0);
			seg(r, leg[i], leg[i + 1], 0);
		}
	}
}

static void box(const struct figure *f, double b[4])
{
	const struct vec3 *pts[] = { &f->head, &f->pelvis, &f->neck };
	for (size_t i = 0; i < 3; i++) {
		b[0] = fmin(b[0], pts[i]->x - HEAD_R), b[1] = fmin(b[1], pts[i]->y - HEAD_R);
		b[2] = fmax(b[2], pts[i]->x + HEAD_R), b[3] = fmax(b[3], pts[i]->y + HEAD_R);
	}
	for (int l = 0; l < LP__COUNT; l++)
		for (int k = 0; k < 2; k++) {
			b[0] = fmin(b[0], f->limb[l][k].x), b[1] = fmin(b[1], f->limb[l][k].y);
			b[2] = fmax(b[2], f->limb[l][k].x), b[3] = fmax(b[3], f->limb[l][k].y);
		}
}

void figure_braille(enum viewpoint v, unsigned props, const struct stance *st, size_t n, int cols, int rows,
		    struct strbuf *lines)
{
	static struct raster r;
	memset(&r, 0, sizeof(r));
	r.w = cols * 2 > DOTS_W ? DOTS_W : cols * 2;
	r.h = rows * 4 > DOTS_H ? DOTS_H : rows * 4;
	double b[4] = { 1e9, 1e9, -1e9, -1e9 };
	struct figure f;
	for (size_t i = 0; i < n; i++) {
		figure_from_stance(v, &st[i], &f);
		box(&f, b);
	}
	bool floor = !view_from_above(v) && (props & (1u << PROP_FLOOR | 1u << PROP_MAT));
	if (floor)
		b[1] = fmin(b[1], 0);
	double bw = b[2] - b[0] + 4, bh = b[3] - b[1] + 4;
	r.k = fmin((r.w - 1) / bw, (r.h - 1) / bh);
	/* centred */
	r.x0 = b[0] - 2 - ((r.w - 1) / r.k - bw) / 2;
	r.y0 = b[3] + 2 + ((r.h - 1) / r.k - bh) / 2;
	figure_from_stance(v, &st[0], &f);
	draw(&r, &f);
	if (floor)
		for (int x = 0; x < r.w; x++)
			plot(&r, r.x0 + x / r.k, 0);
	/* each character holds dots 2 wide and 4 high (Unicode braille patterns) */
	static const int bit[4][2] = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 } };
	for (int row = 0; row < rows; row++) {
		strbuf_reset(&lines[row]);
		for (int col = 0; col < cols; col++) {
			int code = 0;
			for (int dy = 0; dy < 4; dy++)
				for (int dx = 0; dx < 2; dx++) {
					int y = row * 4 + dy, x = col * 2 + dx;
					if (y < r.h && x < r.w && r.dot[y][x])
						code |= bit[dy][dx];
				}
			unsigned cp = 0x2800 + (unsigned)code;
			strbuf_addch(&lines[row], (char)(0xe0 | (cp >> 12)));
			strbuf_addch(&lines[row], (char)(0x80 | ((cp >> 6) & 0x3f)));
			strbuf_addch(&lines[row], (char)(0x80 | (cp & 0x3f)));
		}
	}
}

/* Cut a line to w columns, then pad it with spaces to w. */
static void fit(struct strbuf *sb, int w)
{
	int cols = 0;
	size_t i = 0;
	for (; i < sb->len; i++) {
		bool lead = ((unsigned char)sb->buf[i] & 0xc0) != 0x80;
		if (lead && cols == w)
			break;
		cols += lead;
	}
	if (i < sb->len) {
		sb->len = i;
		sb->buf[i] = '\0';
	}
	for (; cols < w; cols++)
		strbuf_addch(sb, ' ');
}

bool figure_fits(const struct engine *e, int rows, int cols)
{
	const struct run_item *ri = engine_current(e);
	return ri && engine_segment(e) && ri->ex->picture && e->state != ENGINE_DONE && cols >= FIGURE_MIN_SCREEN_COLS &&
	       rows >= FIGURE_ROWS + 8;
}

void view_figure(struct view *v, const struct engine *e, int64_t now)
{
	const struct run_item *ri = engine_current(e);
	const struct segment *s = engine_segment(e);
	if (!figure_fits(e, v->rows, v->cols))
		return;
	const struct picture *pic = ri->ex->picture;
	double t = s->dur_ms > 0 ? (double)(now - e->seg_start) / (double)s->dur_ms : 1;
	if (e->state == ENGINE_PAUSED && s->dur_ms > 0)
		t = 1 - (double)e->paused_left / (double)s->dur_ms;
	struct stance st[3];
	enum viewpoint view;
	if (!picture_at(pic, &ri->ex->dose, &ri->dose, s, t, &st[0], &view))
		return;
	/* the box of the movement's ends, so the figure does not change size as it moves */
	bool mirror;
	const struct pose_set *set = picture_side(pic, &ri->ex->dose, &ri->dose, s->side, &mirror);
	size_t n = 1;
	if (picture_stance(pic, set, mirror, PK_START, &st[n]))
		n++;
	if (picture_stance(pic, set, mirror, PK_UP, &st[n]))
		n++;
	struct strbuf lines[FIGURE_ROWS];
	for (int i = 0; i < FIGURE_ROWS; i++)
		strbuf_init(&lines[i]);
	figure_braille(view, pic->props, st, n, FIGURE_COLS, FIGURE_ROWS, lines);
	int left = v->cols - FIGURE_COLS - 2;
	for (int i = 0; i < FIGURE_ROWS; i++) {
		struct strbuf *row = &v->line[3 + i];
		fit(row, left);
		strbuf_addstr(row, "  ");
		strbuf_addstr(row, lines[i].buf);
		strbuf_release(&lines[i]);
	}
}
