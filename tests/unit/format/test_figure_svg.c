/* test_figure_svg.c: the web player's moving figure (svg_exercise_moment): the frame holds
 * every moment of a movement at one size, so the figure does not jump or shrink as it
 * moves; the drawing follows the phase; every document is self-contained. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/pose.h"
#include "core/session.h"
#include "format/figure-svg.h"
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

static char *moment(const struct exercise *e, const struct segment *seg, double t)
{
	struct strbuf sb = STRBUF_INIT;
	assert_true(svg_exercise_moment(&sb, e, &e->dose, seg, t, 200));
	return strbuf_detach(&sb);
}

/* The opening tag, up to its first '>' (the size and the viewBox). */
static char *opening(const char *svg)
{
	const char *end = strchr(svg, '>');
	assert_non_null(end);
	size_t n = (size_t)(end - svg);
	char *s = malloc(n + 1);
	memcpy(s, svg, n);
	s[n] = 0;
	return s;
}

/* Every point drawn (path points and circle centres) lies inside the picture. */
static void inside(const char *svg)
{
	double w, h;
	const char *vb = strstr(svg, "viewBox=\"0 0 ");
	assert_non_null(vb);
	assert_int_equal(sscanf(vb, "viewBox=\"0 0 %lf %lf", &w, &h), 2);
	for (const char *p = svg; (p = strstr(p, " d=\"M")); p++) {
		const char *q = p + 5;
		double x, y;
		int used;
		while (sscanf(q, "%lf,%lf%n", &x, &y, &used) == 2) {
			assert_true(x >= -0.1 && x <= w + 0.1 && y >= -0.1 && y <= h + 0.1);
			q += used;
			while (*q == ' ' || *q == 'L' || *q == 'Q')
				q++;
		}
	}
	for (const char *p = svg; (p = strstr(p, "<circle cx=\"")); p++) {
		double x, y;
		assert_int_equal(sscanf(p, "<circle cx=\"%lf\" cy=\"%lf\"", &x, &y), 2);
		assert_true(x >= 0 && x <= w && y >= 0 && y <= h);
	}
}

static void test_moves_in_one_frame(void **state)
{
	(void)state;
	const struct exercise *e = catalog_exercise(&cat, "glute-bridge");
	struct segment up = { .kind = SEG_PHASE, .phase = PH_UP, .side = -1, .rep = 1, .position = -1 };
	struct segment hold = up, down = up, ready = { .kind = SEG_READY, .side = -1, .position = -1 };
	hold.phase = PH_HOLD;
	down.phase = PH_DOWN;
	char *a = moment(e, &up, 0), *b = moment(e, &up, 0.5), *c = moment(e, &up, 1);
	char *h0 = moment(e, &hold, 0), *h1 = moment(e, &hold, 0.9), *d1 = moment(e, &down, 1), *r = moment(e, &ready, 0.4);
	/* the same frame all through */
	char *oa = opening(a), *ob = opening(b), *oc = opening(c), *od = opening(d1);
	assert_string_equal(oa, ob);
	assert_string_equal(oa, oc);
	assert_string_equal(oa, od);
	/* and the figure moves in it: lifting, held at the top, back to the start */
	assert_string_not_equal(a, b);
	assert_string_not_equal(b, c);
	assert_string_equal(c, h0);
	assert_string_equal(h0, h1);
	assert_string_equal(d1, a);
	assert_string_equal(r, a);
	/* t outside 0..1 is taken as its end */
	char *over = moment(e, &up, 7);
	assert_string_equal(over, c);
	char *docs[] = { a, b, c, h0, h1, d1, r, over, oa, ob, oc, od };
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		free(docs[i]);
}

/* Every shipped picture, every key moment of its first side: inside one frame, and
 * nothing a page could fetch or run. */
static void test_every_picture_in_its_frame(void **state)
{
	(void)state;
	size_t drawn = 0;
	for (size_t i = 0; i < cat.n_ex; i++) {
		const struct exercise *e = &cat.ex[i];
		if (!e->picture)
			continue;
		int side = e->dose.n_per ? (int)(e->dose.n_per - 1) : -1;
		struct segment segs[] = {
			{ .kind = SEG_READY, .side = side, .position = -1 },
			{ .kind = SEG_PHASE, .phase = PH_UP, .side = side, .rep = 2, .position = -1 },
			{ .kind = SEG_PHASE, .phase = PH_DOWN, .side = side, .rep = 2, .position = -1 },
			{ .kind = SEG_PHASE, .phase = PH_INHALE, .side = side, .rep = 1, .position = -1 },
			{ .kind = SEG_CONTRACT, .side = side, .position = e->dose.n_positions ? (int)e->dose.n_positions - 1 : -1 },
			{ .kind = SEG_TIMED, .side = side, .position = -1 },
		};
		char *first = NULL;
		for (size_t k = 0; k < sizeof(segs) / sizeof(segs[0]); k++)
			for (double t = 0; t <= 1.0001; t += 0.25) {
				struct strbuf sb = STRBUF_INIT;
				if (!svg_exercise_moment(&sb, e, &e->dose, &segs[k], t, 200)) {
					strbuf_release(&sb);
					continue; /* a phase this exercise has no pose for */
				}
				inside(sb.buf);
				assert_null(strstr(sb.buf, "href"));
				assert_null(strstr(sb.buf, "<script"));
				assert_null(strstr(sb.buf, "url("));
				assert_null(strstr(sb.buf, "style="));
				char *o = opening(sb.buf);
				if (!first)
					first = o;
				else {
					assert_string_equal(o, first); /* one frame for the whole side */
					free(o);
				}
				strbuf_release(&sb);
				drawn++;
			}
		free(first);
	}
	assert_true(drawn > 200);
	/* no picture: nothing */
	struct exercise none = { .id = "none", .name = "None" };
	struct segment s = { .kind = SEG_READY, .side = -1, .position = -1 };
	struct strbuf sb = STRBUF_INIT;
	assert_false(svg_exercise_moment(&sb, &none, NULL, &s, 0, 200));
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves_in_one_frame),
		cmocka_unit_test(test_every_picture_in_its_frame),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
