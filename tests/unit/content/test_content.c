/* test_content.c: the content model and loader: ranges, durations, doses in words,
 * estimates, overrides, did-you-mean, broken entries. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sim.h"

static size_t parse(struct catalog *c, struct diags *d, const char *yaml)
{
	catalog_init(c);
	diags_init(d);
	return content_parse(c, "t.yaml", yaml, strlen(yaml), d);
}

#define EX_HEAD "exercises:\n  - id: a\n    name: A\n    category: activation\n    purpose: P.\n" \
		"    steps: [S.]\n    cautions: [C.]\n"

static void describe_item(const char *item, const char *want)
{
	struct strbuf y = STRBUF_INIT, out = STRBUF_INIT;
	strbuf_addf(&y, EX_HEAD "routines:\n  - id: r\n    name: R\n    description: D.\n    module: activation\n"
			"    items:\n      - {exercise: a, %s}\n", item);
	struct catalog c;
	struct diags d;
	assert_int_equal(parse(&c, &d, y.buf), 0);
	dose_describe(&c.rt[0].items[0].dose, &out);
	assert_string_equal(out.buf, want);
	strbuf_release(&y);
	strbuf_release(&out);
	catalog_free(&c);
	diags_release(&d);
}

static void test_dose_words(void **state)
{
	(void)state;
	describe_item("reps: 10, hold: 1", "10 reps, 1 s hold in each rep");
	describe_item("reps: 5-10", "5-10 reps");
	describe_item("reps: '5 - 10'", "5-10 reps");
	describe_item("reps: 8, per_direction: [left, right, up, down]",
		      "8 reps per direction (left, right, up, down)");
	describe_item("reps: 10, sets: 3, rest: 30", "3 sets of 10 reps, 30 s rest between sets");
	describe_item("duration: 1-2 min", "1-2 min");
	describe_item("duration: 45s", "45 s");
	describe_item("duration: 90", "90 s");
	describe_item("duration: 20 s, sets: 2, per_side: [left, right]", "2 sets of 20 s per side (left, right)");
	describe_item("duration: 3 min, tempo: {inhale: 4, exhale: 6}", "3 min, breathing inhale 4 s, exhale 6 s");
	describe_item("cycles: {contract: 5, relax: 10, positions: [low, high]}",
		      "5 s contraction and 10 s relaxation at each of 2 positions (low, high)");
	describe_item("reps: 6, tempo: {up: 2, hold: 1, down: 3}, pacing: self",
		      "6 reps, tempo up 2 s, hold 1 s, down 3 s, at your own pace");
}

static void test_estimates(void **state)
{
	(void)state;
	struct catalog c;
	struct diags d;
	assert_int_equal(parse(&c, &d, EX_HEAD "routines:\n  - id: r\n    name: R\n    description: D.\n"
					  "    module: activation\n    items:\n"
					  "      - {exercise: a, reps: 10, tempo: {up: 2, down: 2}}\n"
					  "      - {exercise: a, duration: 1-2 min}\n"
					  "      - {exercise: a, reps: 2, per_side: [left, right], tempo: {up: 1, down: 1}}\n"),
			 0);
	assert_int_equal(dose_estimate_s(&c.rt[0].items[0].dose), 40);
	assert_int_equal(dose_estimate_s(&c.rt[0].items[1].dose), 90);
	assert_int_equal(dose_estimate_s(&c.rt[0].items[2].dose), 2 * 2 * 2 + 3);
	catalog_free(&c);
	diags_release(&d);
}

/* A user's file with the same id replaces the shipped entry and says where it came from. */
static void test_override(void **state)
{
	(void)state;
	struct catalog sys, mine;
	struct diags d;
	assert_int_equal(parse(&sys, &d, EX_HEAD "    dose: {reps: 5}\n"), 0);
	diags_release(&d);
	diags_init(&d);
	catalog_init(&mine);
	const char *y = "exercises:\n  - id: a\n    name: Mine\n    category: activation\n    purpose: P.\n"
			"    steps: [S.]\n    cautions: [C.]\n    dose: {reps: 7}\n";
	assert_int_equal(content_parse(&mine, "mine.yaml", y, strlen(y), &d), 0);
	catalog_merge(&sys, &mine, true, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(sys.n_ex, 1);
	assert_string_equal(sys.ex[0].name, "Mine");
	assert_string_equal(sys.ex[0].overrides, "t.yaml");
	assert_string_equal(sys.ex[0].at.file, "mine.yaml");
	catalog_free(&sys);
	diags_release(&d);
}

/* Entries with problems are kept for reference checks, then dropped with the routines
 * that need them. */
static void test_drop_broken(void **state)
{
	(void)state;
	struct catalog c;
	struct diags d;
	size_t n = parse(&c, &d, EX_HEAD "    dose: {reps: 5}\n  - id: b\n    name: B\n    category: nope\n"
					"    purpose: P.\n    steps: [S.]\n    cautions: [C.]\n    dose: {reps: 5}\n"
					"routines:\n  - {id: r1, name: R, description: D., module: activation, items: [{exercise: a}]}\n"
					"  - {id: r2, name: R, description: D., module: activation, items: [{exercise: b}]}\n");
	assert_int_equal(n, 1);
	catalog_check_refs(&c, &d);
	assert_int_equal(d.n, 1); /* b is known, so r2 gives no second problem */
	catalog_drop_broken(&c);
	assert_int_equal(c.n_ex, 1);
	assert_int_equal(c.n_rt, 1);
	assert_string_equal(c.rt[0].id, "r1");
	catalog_free(&c);
	diags_release(&d);
}

/* instead_of (issue 19.1): a different exercise offered in place of another, with why;
 * read from the file, and every mistake named with its place: an unknown exercise, a
 * missing why, one that is also a version, one without its own dose. */
static void test_instead_of(void **state)
{
	(void)state;
	struct catalog c;
	struct diags d;
	const char *ok = EX_HEAD "    dose: {reps: 5}\n  - id: b\n    name: B\n    category: activation\n"
			 "    purpose: P.\n    steps: [S.]\n    cautions: [C.]\n    dose: {reps: 5}\n"
			 "    instead_of:\n      exercise: a\n      why: Because.\n";
	assert_int_equal(parse(&c, &d, ok), 0);
	catalog_check_refs(&c, &d);
	assert_int_equal(d.n, 0);
	const struct exercise *b = catalog_exercise(&c, "b");
	assert_string_equal(b->instead_of, "a");
	assert_string_equal(b->instead_why, "Because.");
	catalog_free(&c);
	diags_release(&d);
	static const struct {
		const char *tail, *want;
	} bad[] = {
		{ "    dose: {reps: 5}\n    instead_of: {exercise: nope, why: W.}\n",
		  "t.yaml:16:28: instead_of: exercise: unknown exercise 'nope'" },
		{ "    dose: {reps: 5}\n    instead_of: {exercise: a}\n", "t.yaml:16:5: instead_of: missing required key 'why'" },
		{ "    dose: {reps: 5}\n    version_of: a\n    instead_of: {exercise: a, why: W.}\n",
		  "t.yaml:17:28: instead_of: 'b' is a version of 'a' (version_of), not a different exercise; give it one of "
		  "the two" },
		{ "    instead_of: {exercise: a, why: W.}\n",
		  "t.yaml:15:28: instead_of: 'b' needs a dose of its own (it starts at it)" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct strbuf y = STRBUF_INIT;
		strbuf_addf(&y, EX_HEAD "    dose: {reps: 5}\n  - id: b\n    name: B\n    category: activation\n"
				"    purpose: P.\n    steps: [S.]\n    cautions: [C.]\n%s", bad[i].tail);
		parse(&c, &d, y.buf);
		catalog_check_refs(&c, &d);
		assert_true(d.n >= 1);
		char *got = diag_format(&d.v[0]);
		assert_string_equal(got, bad[i].want);
		free(got);
		catalog_free(&c);
		diags_release(&d);
		strbuf_release(&y);
	}
}

static void test_did_you_mean(void **state)
{
	(void)state;
	const char *const words[] = { "reps", "sets", "rest", "per_side", "per_direction", "duration", NULL };
	assert_string_equal(did_you_mean("rep", words), "reps");
	assert_string_equal(did_you_mean("per_sides", words), "per_side");
	assert_string_equal(did_you_mean("duraton", words), "duration");
	assert_null(did_you_mean("colour", words));
	assert_int_equal(edit_distance("kitten", "sitting"), 3);
	assert_int_equal(edit_distance("", "abc"), 3);
}

static void test_diag_format_and_sort(void **state)
{
	(void)state;
	struct diags d;
	diags_init(&d);
	diags_add(&d, (struct pos){ "b.yaml", 2, 1 }, "two");
	diags_add(&d, (struct pos){ "a.yaml", 9, 3 }, "nine");
	diags_add(&d, (struct pos){ "a.yaml", 1, 5 }, "one");
	diags_add(&d, (struct pos){ "c.yaml", 0, 0 }, "no position");
	diags_sort(&d);
	char *s0 = diag_format(&d.v[0]), *s3 = diag_format(&d.v[3]);
	assert_string_equal(s0, "a.yaml:1:5: one");
	assert_string_equal(s3, "c.yaml: no position");
	assert_string_equal(d.v[1].msg, "nine");
	free(s0);
	free(s3);
	diags_release(&d);
}

/* The shipped content: every exercise has a purpose, steps and cautions; the activation
 * routine has the 8 exercises in order with the doses of the method. */
static void test_shipped_content(void **state)
{
	(void)state;
	struct catalog c;
	struct diags d;
	catalog_init(&c);
	diags_init(&d);
	content_load_dir(&c, UNHUNCH_SRC_DATADIR, &d);
	catalog_check_refs(&c, &d);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "%s:%d:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg);
	assert_int_equal(d.n, 0);
	for (size_t i = 0; i < c.n_ex; i++) {
		assert_true(c.ex[i].n_steps > 0);
		assert_true(c.ex[i].n_cautions > 0);
		assert_non_null(c.ex[i].purpose);
	}
	const struct routine *r = catalog_routine(&c, "upper-back-activation");
	assert_non_null(r);
	assert_int_equal(r->n_items, 8);
	struct { int reps_min, reps_max, hold; } want[8] = {
		{ 10, 10, 1 }, { 5, 5, -1 }, { 5, 10, 0 }, { 10, 10, 0 }, { 0, 0, 0 }, { 5, 10, 0 }, { 10, 10, 0 }, { 0, 0, 0 },
	};
	for (size_t i = 0; i < 8; i++) {
		const struct exercise *e = catalog_exercise(&c, r->items[i].exercise);
		assert_non_null(e);
		const struct dose *ds = item_dose(&r->items[i], e);
		assert_int_equal(ds->reps.min, want[i].reps_min);
		assert_int_equal(ds->reps.max, want[i].reps_max);
		if (want[i].hold >= 0)
			assert_int_equal(ds->hold_s, want[i].hold);
	}
	const struct dose *superman = item_dose(&r->items[1], NULL);
	assert_true(superman->hold_s > 0); /* a brief hold at the top */
	const struct dose *angel = item_dose(&r->items[4], NULL);
	assert_int_equal(angel->contract_s, 5);
	assert_int_equal(angel->relax_s, 10);
	assert_true(angel->n_positions >= 2);
	const struct exercise *neck = catalog_exercise(&c, r->items[5].exercise);
	assert_int_equal(neck->screen, SCREEN_NONE); /* the supported-head variant is the default */
	assert_int_equal(item_dose(&r->items[5], neck)->per, PER_DIRECTION);
	assert_non_null(neck->progression);
	assert_int_equal(catalog_exercise(&c, neck->progression)->screen, SCREEN_NECK);
	assert_int_equal(item_dose(&r->items[6], NULL)->per, PER_DIRECTION);
	const struct dose *relax = item_dose(&r->items[7], NULL);
	assert_int_equal(relax->duration_s.min, 60);
	assert_int_equal(relax->duration_s.max, 120);
	/* posture resets: at least 8, each under a minute */
	const struct routine *pb = catalog_routine(&c, "posture-breaks");
	assert_non_null(pb);
	assert_true(pb->n_items >= 8);
	for (size_t i = 0; i < pb->n_items; i++) {
		const struct exercise *e = catalog_exercise(&c, pb->items[i].exercise);
		assert_true(dose_estimate_s(item_dose(&pb->items[i], e)) < 60);
	}
	assert_non_null(catalog_routine(&c, "front-release"));
	assert_non_null(catalog_routine(&c, "breathe-and-relax"));
	catalog_free(&c);
	diags_release(&d);
}

/* docs/method.md rows 4 to 8, 11 to 13: the release routine loosens the front in the
 * method's parts (chest self-massage with a ball, a chest stretch, the ribs turning and
 * breathing into them, the hip flexors), and the breathing routine breathes out longer
 * than in, then a body scan. */
static int tempo_s(const struct dose *ds, enum phase ph)
{
	for (size_t i = 0; i < ds->n_tempo; i++)
		if (ds->tempo[i].phase == ph)
			return ds->tempo[i].seconds;
	return -1;
}

static void test_release_and_breathing_of_the_method(void **state)
{
	(void)state;
	struct catalog c;
	assert_int_equal(sim_shipped(&c), 0);
	const struct routine *r = catalog_routine(&c, "front-release");
	assert_non_null(r);
	static const char *const release[] = { "chest-ball-massage", "doorway-chest-stretch", "open-book",
					       "rib-breathing", "hip-flexor-stretch" };
	/* row 1: the cause, not only where it hurts; the front pulls the upper back */
	assert_non_null(r->description);
	assert_non_null(strstr(r->description, "Where it hurts is often not where the problem is."));
	assert_non_null(strstr(r->description, "your upper back works"));
	assert_int_equal(r->n_items, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(r->items[i].exercise, release[i]);
	const struct exercise *e = catalog_exercise(&c, "chest-ball-massage");
	bool wall = false;
	for (size_t i = 0; i < e->n_steps; i++)
		wall |= strstr(e->steps[i], "ball") && strstr(e->steps[i], "wall");
	assert_true(wall);
	const struct dose *ds = item_dose(&r->items[3], catalog_exercise(&c, "rib-breathing"));
	assert_true(tempo_s(ds, PH_EXHALE) > tempo_s(ds, PH_INHALE) && tempo_s(ds, PH_INHALE) > 0);
	r = catalog_routine(&c, "breathe-and-relax");
	assert_non_null(r);
	assert_int_equal(r->n_items, 2);
	assert_string_equal(r->items[0].exercise, "diaphragmatic-breathing");
	assert_string_equal(r->items[1].exercise, "body-scan");
	ds = item_dose(&r->items[0], catalog_exercise(&c, "diaphragmatic-breathing"));
	assert_true(tempo_s(ds, PH_EXHALE) > tempo_s(ds, PH_INHALE) && tempo_s(ds, PH_INHALE) > 0);
	catalog_free(&c);
}

/* Many entries: every id is found through the index, the first of a repeated id stays,
 * and the index is rebuilt when broken entries are dropped (positions move). Loading
 * is linear in the entries; bench/content-load/run.sh measures the time. */
static void test_many_entries_indexed(void **state)
{
	(void)state;
	enum { N = 11000 }; /* as many as fit in the 1 MB a content file may have */
	struct strbuf y = STRBUF_INIT;
	strbuf_addstr(&y, "exercises:\n");
	for (int i = 0; i < N; i++)
		strbuf_addf(&y, "- {id: e%d, name: E, category: posture, purpose: P, steps: [S], cautions: [C]}\n", i);
	/* a repeat of e7 (reported, the first kept) and a broken one (no steps) */
	strbuf_addstr(&y, "- {id: e7, name: Again, category: posture, purpose: P, steps: [S], cautions: [C]}\n"
			  "- {id: broken, name: B, category: posture, purpose: P, cautions: [C]}\n");
	struct catalog c;
	struct diags d;
	size_t problems = parse(&c, &d, y.buf);
	assert_int_equal(problems, 2);
	assert_int_equal(c.n_ex, N + 1);
	assert_int_equal(c.ix_ex.n, c.n_ex); /* the index covers every entry */
	for (int i = 0; i < N; i += 997) {
		char id[16];
		snprintf(id, sizeof(id), "e%d", i);
		const struct exercise *e = catalog_exercise(&c, id);
		assert_non_null(e);
		assert_string_equal(e->id, id);
	}
	assert_string_equal(catalog_exercise(&c, "e7")->name, "E");
	assert_null(catalog_exercise(&c, "e11000"));
	catalog_drop_broken(&c);
	assert_int_equal(c.n_ex, N);
	assert_int_equal(c.ix_ex.n, N);
	assert_null(catalog_exercise(&c, "broken"));
	assert_string_equal(catalog_exercise(&c, "e10999")->id, "e10999");
	strbuf_release(&y);
	catalog_free(&c);
	diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dose_words),
		cmocka_unit_test(test_estimates),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_drop_broken),
		cmocka_unit_test(test_instead_of),
		cmocka_unit_test(test_did_you_mean),
		cmocka_unit_test(test_diag_format_and_sort),
		cmocka_unit_test(test_shipped_content),
		cmocka_unit_test(test_release_and_breathing_of_the_method),
		cmocka_unit_test(test_many_entries_indexed),
	};
	return cmocka_run_group_tests_name("content", tests, NULL, NULL);
}
