/* test_view.c: the player screen rendered into text at 80x24 and other sizes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sim.h"
#include "tui/view.h"

static const char *FIXTURE =
	"exercises:\n"
	"  - id: bridge\n    name: Glute bridge\n    category: activation\n    purpose: Steady the pelvis.\n"
	"    steps: [Lie on your back with knees bent., Press through the heels and lift the hips., Lower slowly.]\n"
	"    cautions: [Stop if the low back pinches.]\n    cues: {up: Lift, hold: Hold, down: Lower}\n"
	"  - id: turn\n    name: Neck turn\n    category: mobility\n    purpose: Move the neck.\n"
	"    steps: [Sit tall.]\n    cautions: [Slowly.]\n"
	"routines:\n"
	"  - id: r\n    name: Test routine\n    description: Test.\n    module: activation\n    items:\n"
	"      - {exercise: bridge, reps: 10, hold: 1}\n"
	"      - {exercise: turn, reps: 5, per_direction: [left, right], pacing: self}\n";

static struct catalog cat;

static int setup(void **state)
{
	(void)state;
	sim_catalog(&cat, FIXTURE);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(&cat);
	return 0;
}

static void dump(const struct view *v)
{
	for (int i = 0; i < v->rows; i++)
		fprintf(stderr, "%2d|%s|\n", i, strbuf_str(&v->line[i]));
}

static bool screen_has(const struct view *v, const char *needle)
{
	for (int i = 0; i < v->rows; i++)
		if (strstr(strbuf_str(&v->line[i]), needle))
			return true;
	return false;
}

static int line_width(const char *s)
{
	int w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static void test_layout_80x24(void **state)
{
	(void)state;
	struct engine e;
	struct engine_opts o = { PACE_DEFAULT, -1, 0, 0, NULL, false, &SIM_PASS };
	assert_int_equal(engine_init(&e, &cat, catalog_routine(&cat, "r"), &o, 0), 0);
	struct input go = { IN_DONE, 1000, 0 }, in = { IN_TICK, 3500, 0 }; /* rep 1, in the 1 s hold */
	engine_input(&e, go);
	engine_input(&e, in);
	struct view v;
	view_init(&v);
	struct view_extra x = { "Test routine", NULL, NULL, true, NULL };
	view_render(&v, &e, 3500, &x, 24, 80);
	assert_int_equal(v.rows, 24);
	if (!screen_has(&v, " Hold"))
		dump(&v);
	for (int i = 0; i < 24; i++)
		assert_true(line_width(strbuf_str(&v.line[i])) <= 80);
	assert_true(strstr(strbuf_str(&v.line[0]), "unhunch: Test routine") != NULL);
	assert_true(strstr(strbuf_str(&v.line[0]), "elapsed 00:03") != NULL);
	assert_true(screen_has(&v, "1/2  Glute bridge"));
	assert_true(screen_has(&v, " Hold"));
	assert_true(screen_has(&v, "rep 1 of 10"));
	assert_true(screen_has(&v, " 1. Lie on your back with knees bent."));
	assert_true(screen_has(&v, "Next: Neck turn (5 reps per direction (left, right), at your own pace)"));
	assert_true(strstr(strbuf_str(&v.line[22]), "space pause") != NULL);
	/* the warning-sign key has the last line, whole */
	assert_true(strstr(strbuf_str(&v.line[23]), "d: dizzy or another warning sign") != NULL);
	/* the big countdown shows 1 (a one-second hold): the "1" glyph in ascii */
	assert_true(screen_has(&v, "##"));
	assert_false(screen_has(&v, "Take care:")); /* during the exercise, the steps */
	view_release(&v);
	engine_release(&e);
}

/* Before an exercise starts, its cautions are on the screen as well as spoken. */
static void test_cautions_shown(void **state)
{
	(void)state;
	struct engine e;
	struct engine_opts o = { PACE_DEFAULT, -1, 0, 0, NULL, false, &SIM_PASS };
	assert_int_equal(engine_init(&e, &cat, catalog_routine(&cat, "r"), &o, 0), 0);
	struct view v;
	view_init(&v);
	struct view_extra x = { "Test routine", NULL, NULL, true, NULL };
	view_render(&v, &e, 500, &x, 24, 80);
	assert_true(screen_has(&v, " Take care: Stop if the low back pinches."));
	view_release(&v);
	engine_release(&e);
}

static void test_side_pause_and_small_screen(void **state)
{
	(void)state;
	struct engine e;
	struct engine_opts o = { PACE_DEFAULT, -1, 0, 0, NULL, false, &SIM_PASS };
	assert_int_equal(engine_init(&e, &cat, catalog_routine(&cat, "r"), &o, 0), 0);
	struct input skip = { IN_SKIP, 1000, 0 }, done = { IN_DONE, 2000, 0 }, pause = { IN_PAUSE, 2500, 0 };
	engine_input(&e, skip);
	engine_input(&e, done);
	engine_input(&e, pause);
	struct view v;
	view_init(&v);
	struct view_extra x = { "Test routine", " How much does it hurt, 0 to 10? 4", NULL, false, NULL };
	view_render(&v, &e, 3000, &x, 24, 80);
	assert_true(screen_has(&v, "2/2  Neck turn"));
	assert_true(screen_has(&v, "left"));
	assert_true(screen_has(&v, "Your pace: press enter after each rep  (paused)"));
	assert_true(screen_has(&v, "How much does it hurt, 0 to 10? 4"));
	assert_true(screen_has(&v, "Next: the end of the routine"));
	/* a tiny terminal: nothing overflows, the keys stay on the last line */
	view_render(&v, &e, 3000, &x, 12, 40);
	for (int i = 0; i < 12; i++)
		assert_true(line_width(strbuf_str(&v.line[i])) <= 40);
	assert_true(strstr(strbuf_str(&v.line[11]), "d: dizzy or another warning") != NULL);
	view_release(&v);
	engine_release(&e);
}

/* After an exercise, the screen asks how it felt (and does not crash past the last segment). */
static void test_ask_screen(void **state)
{
	(void)state;
	struct engine e;
	struct engine_opts o = { PACE_DEFAULT, -1, 0, 0, NULL, true, &SIM_PASS };
	assert_int_equal(engine_init(&e, &cat, catalog_routine(&cat, "r"), &o, 0), 0);
	struct input go = { IN_DONE, 1000, 0 };
	engine_input(&e, go);
	for (int64_t t = 1000; e.state == ENGINE_RUNNING;) {
		struct input in = { IN_TICK, t = engine_deadline(&e), 0 };
		engine_input(&e, in);
	}
	assert_int_equal(e.state, ENGINE_ASK);
	struct view v;
	view_init(&v);
	struct view_extra x = { "Test routine", NULL, NULL, true, NULL };
	view_render(&v, &e, engine_deadline(&e) - 1000, &x, 24, 80);
	assert_true(screen_has(&v, "Done. How was that?"));
	assert_true(screen_has(&v, "Press 1 if it was easy, 2 if it was right, 3 if it was hard."));
	assert_true(screen_has(&v, "1/2  Glute bridge"));
	view_release(&v);
	engine_release(&e);
}

static bool has_braille(const char *s)
{
	return strstr(s, "\xe2\xa0") || strstr(s, "\xe2\xa1") || strstr(s, "\xe2\xa2") || strstr(s, "\xe2\xa3");
}

/* Where the screen is wide enough, a braille figure of the exercise moves with it. */
static void test_braille_figure(void **state)
{
	(void)state;
	struct catalog c;
	assert_int_equal(sim_shipped(&c), 0);
	const struct routine *r = catalog_routine(&c, "upper-back-activation");
	struct engine e;
	struct engine_opts o = { PACE_DEFAULT, 2, 0, 0, NULL, false, &SIM_PASS };
	assert_int_equal(engine_init(&e, &c, r, &o, 0), 0);
	while (engine_segment(&e)->kind == SEG_READY) /* to the first lift of the bridge */
		engine_input(&e, (struct input){ IN_TICK, engine_deadline(&e), 0 });
	assert_int_equal(engine_segment(&e)->phase, PH_UP);
	int64_t t0 = e.seg_start, dur = engine_segment(&e)->dur_ms;
	struct view v, w;
	view_init(&v);
	view_init(&w);
	struct view_extra x = { "Upper back activation", NULL, NULL, false, NULL };
	view_render(&v, &e, t0, &x, 30, 120);
	view_render(&w, &e, t0 + dur, &x, 30, 120); /* at the top of the lift */
	int rows = 0, differ = 0;
	for (int i = 0; i < v.rows; i++) {
		if (has_braille(strbuf_str(&v.line[i]))) {
			rows++;
			assert_int_equal(line_width(strbuf_str(&v.line[i])), 120); /* beside the text, within the screen */
		}
		differ += strcmp(strbuf_str(&v.line[i]), strbuf_str(&w.line[i])) != 0;
	}
	assert_true(rows >= 6);
	assert_true(differ >= 3); /* the hips rise */
	if (rows < 6 || getenv("SHOW_FIGURE")) {
		dump(&v);
		dump(&w);
	}
	/* not on a narrow screen, nor without UTF-8 */
	view_render(&v, &e, t0, &x, 30, 90);
	for (int i = 0; i < v.rows; i++)
		assert_false(has_braille(strbuf_str(&v.line[i])));
	x.ascii = true;
	view_render(&v, &e, t0, &x, 30, 120);
	for (int i = 0; i < v.rows; i++)
		assert_false(has_braille(strbuf_str(&v.line[i])));
	view_release(&v);
	view_release(&w);
	engine_release(&e);
	catalog_free(&c);
}

/* Steps the store refused are said on the screen, in the alert style, in place of the
 * notice: the full screen never lets an unsaved step pass as saved. */
static void test_unsaved_alert(void **state)
{
	(void)state;
	struct engine e;
	struct engine_opts o = { PACE_DEFAULT, -1, 0, 0, NULL, false, &SIM_PASS };
	assert_int_equal(engine_init(&e, &cat, catalog_routine(&cat, "r"), &o, 0), 0);
	struct view v;
	view_init(&v);
	struct view_extra x = { "Test routine", NULL, "No sound device: cues as a bell", true,
				"NOT saved yet: 2 steps (database is locked); kept and tried again" };
	view_render(&v, &e, 500, &x, 24, 80);
	bool found = false;
	for (int i = 0; i < v.rows; i++)
		if (strstr(strbuf_str(&v.line[i]), "NOT saved yet: 2 steps (database is locked)")) {
			found = true;
			assert_int_equal(v.style[i], LS_ALERT);
		}
	assert_true(found);
	assert_false(screen_has(&v, "No sound device"));
	view_release(&v);
	engine_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_80x24),
		cmocka_unit_test(test_cautions_shown),
		cmocka_unit_test(test_side_pause_and_small_screen),
		cmocka_unit_test(test_ask_screen),
		cmocka_unit_test(test_braille_figure),
		cmocka_unit_test(test_unsaved_alert),
	};
	return cmocka_run_group_tests_name("view", tests, setup, teardown);
}
