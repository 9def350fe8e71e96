/* test_activation.c: the whole shipped activation routine run through the engine with
 * a fake clock: order, reps, sides, cycles, timed relaxation and exact cue times. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <time.h>
#include "sim.h"

static const char *const ORDER[8] = {
	"glute-bridge", "superman", "v-raise", "scapular-push-up",
	"snow-angel", "neck-range-supported", "shrug-roll", "relaxation-snow-angel",
};

struct cue {
	int64_t t;
	char kind;     /* 's' say, 'x' exercise end, 'e' session end, 'S' set */
	char text[200];
	int item, reps;
};

static struct cue cues[4000];
static size_t n_cues;

static void collect(const struct engine *e, int64_t t)
{
	for (size_t i = 0; i < e->n_fx && n_cues < 4000; i++) {
		const struct effect *f = &e->fx[i];
		struct cue *c = &cues[n_cues];
		c->t = t;
		c->item = f->item;
		c->reps = f->reps_done;
		if (f->kind == FX_SAY) {
			c->kind = 's';
			snprintf(c->text, sizeof(c->text), "%s", f->text);
		} else if (f->kind == FX_EXERCISE_END) {
			c->kind = 'x';
			snprintf(c->text, sizeof(c->text), "%s", f->exercise_id);
		} else if (f->kind == FX_SET_DONE) {
			c->kind = 'S';
			snprintf(c->text, sizeof(c->text), "%s", f->side);
		} else if (f->kind == FX_SESSION_END) {
			c->kind = 'e';
		} else {
			continue;
		}
		n_cues++;
	}
}

static void test_whole_routine(void **state)
{
	(void)state;
	struct catalog c;
	struct diags d;
	catalog_init(&c);
	diags_init(&d);
	content_load_dir(&c, UNHUNCH_SRC_DATADIR, &d);
	assert_int_equal(d.n, 0);
	const struct routine *r = catalog_routine(&c, "upper-back-activation");
	assert_non_null(r);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct engine e;
	struct engine_opts o = { PACE_DEFAULT, 3, 0, 0, NULL, false, &SIM_PASS };
	assert_int_equal(engine_init(&e, &c, r, &o, 0), 0);
	collect(&e, 0);
	int64_t t = 0;
	while (e.state != ENGINE_DONE) {
		int64_t dl = engine_deadline(&e);
		struct input in = { dl == ENGINE_NO_DEADLINE ? IN_DONE : IN_TICK, dl == ENGINE_NO_DEADLINE ? t + 3000 : dl, 0 };
		t = in.now;
		engine_input(&e, in);
		collect(&e, t);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	print_message("whole activation routine: %zu effects, %lld s simulated in %.2f ms of real time\n", n_cues,
		      (long long)(t / 1000), ms);

	/* the eight exercises end in order, each done, with the reps of the method
	 * (ranges start at their low end) */
	int want_reps[8] = { 10, 5, 5, 10, 0, 5 * 4, 10 * 2, 0 };
	int x = 0;
	int64_t item_start[9] = { 0 };
	for (size_t i = 0; i < n_cues; i++) {
		if (cues[i].kind != 'x')
			continue;
		assert_true(x < 8);
		assert_string_equal(cues[i].text, ORDER[x]);
		assert_int_equal(cues[i].reps, want_reps[x]);
		item_start[++x] = cues[i].t;
	}
	assert_int_equal(x, 8);
	assert_int_equal(cues[n_cues - 1].kind, 'e');

	/* glute bridge: after get-ready, rep k starts exactly (k-1) * (2 + 1 + 2) s later */
	const struct exercise *gb = catalog_exercise(&c, "glute-bridge");
	int reps_seen = 0;
	int64_t first = -1;
	for (size_t i = 0; i < n_cues && cues[i].t < item_start[1]; i++) {
		char want[64];
		snprintf(want, sizeof(want), "%d. %s", reps_seen + 1, gb->cues[PH_UP] ? gb->cues[PH_UP] : "Up");
		if (cues[i].kind == 's' && !strcmp(cues[i].text, want)) {
			if (first < 0)
				first = cues[i].t;
			assert_int_equal(cues[i].t, first + (int64_t)reps_seen * 5000);
			reps_seen++;
		}
	}
	assert_int_equal(reps_seen, 10);

	/* snow angel: four contractions of 5 s and relaxations of 10 s, back to back */
	int contracts = 0, relaxes = 0;
	for (size_t i = 0; i < n_cues; i++)
		if (cues[i].kind == 's' && cues[i].t >= item_start[4] && cues[i].t < item_start[5]) {
			const struct exercise *sa = catalog_exercise(&c, "snow-angel");
			const char *relax = sa->cues[PH_RELAX] ? sa->cues[PH_RELAX] : "Relax";
			if (strstr(cues[i].text, sa->cues[PH_CONTRACT] ? sa->cues[PH_CONTRACT] : "Press and hold"))
				contracts++;
			else if (!strcmp(cues[i].text, relax))
				relaxes++;
		}
	assert_int_equal(contracts, 4);
	assert_int_equal(relaxes, 4);

	/* neck: one set per direction, in the order written; shrugs both directions */
	const char *dirs[4] = { "tilt left", "tilt right", "look up", "look down" };
	int k = 0, shrug_sets = 0;
	for (size_t i = 0; i < n_cues; i++) {
		if (cues[i].kind == 'S' && cues[i].item == 5)
			assert_string_equal(cues[i].text, dirs[k++]);
		if (cues[i].kind == 'S' && cues[i].item == 6)
			shrug_sets++;
	}
	assert_int_equal(k, 4);
	assert_int_equal(shrug_sets, 2);

	/* the relaxation snow angel lasts one minute after its get-ready */
	int64_t relax_start = -1;
	for (size_t i = 0; i < n_cues; i++)
		if (cues[i].kind == 's' && cues[i].t > item_start[7] && relax_start < 0 &&
		    strncmp(cues[i].text, "Next:", 5) && !(cues[i].text[0] >= '1' && cues[i].text[0] <= '3' && !cues[i].text[1]))
			relax_start = cues[i].t;
	assert_int_equal(item_start[8] - relax_start, 60000);
	engine_release(&e);
	catalog_free(&c);
	diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_routine),
	};
	return cmocka_run_group_tests_name("activation", tests, NULL, NULL);
}
