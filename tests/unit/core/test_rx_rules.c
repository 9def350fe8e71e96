/* test_rx_rules.c: the rules a trainer's prescription is checked against
 * (core/prescribe.c), on the shipped content; adding an exercise as a new step of a
 * routine (rx_check_add): where it may go in the activation chain without a warning,
 * and the warning saying why the order matters where it may not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sim.h"
#include "core/prescribe.h"

static struct catalog cat;
static const struct routine *act;

static int setup(void **state)
{
	(void)state;
	if (sim_shipped(&cat))
		return -1;
	act = catalog_routine(&cat, "upper-back-activation");
	return act ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(&cat);
	return 0;
}

static const struct item *item(const struct routine *r, const char *id)
{
	for (size_t i = 0; i < r->n_items; i++)
		if (!strcmp(r->items[i].exercise, id))
			return &r->items[i];
	fail_msg("no item %s", id);
	return NULL;
}

static struct rx_check check(const char *slot, struct rx_want w)
{
	struct rx_check c;
	rx_check(&cat, act, item(act, slot), &w, &c);
	return c;
}

static bool says(const struct rx_check *c, enum rx_level lv, const char *field, const char *text)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->f[i].level == lv && !strcmp(c->f[i].field, field) && strstr(c->f[i].text, text))
			return true;
	for (size_t i = 0; i < c->n; i++)
		print_message("  %s %s: %s\n", rx_level_names[c->f[i].level], c->f[i].field, c->f[i].text);
	return false;
}

static void test_bands(void **state)
{
	(void)state;
	struct rx_band b = rx_usual((struct range){ 5, 10 });
	assert_int_equal(b.min, 5);
	assert_int_equal(b.max, 10);
	b = rx_usual((struct range){ 10, 10 });
	assert_int_equal(b.min, 5);
	assert_int_equal(b.max, 15);
	b = rx_usual((struct range){ 5, 5 });
	assert_int_equal(b.min, 3);
	assert_int_equal(b.max, 8);
	b = rx_usual_hold(2);
	assert_int_equal(b.min, 1);
	assert_int_equal(b.max, 5);
	b = rx_usual_hold(5);
	assert_int_equal(b.min, 2);
	assert_int_equal(b.max, 8);
}

static void test_inside_usual_range_is_fine(void **state)
{
	(void)state;
	struct rx_check c = check("v-raise", (struct rx_want){ NULL, 8, 2, 2, 0, false });
	assert_int_equal(c.level, RX_OK);
	assert_int_equal(c.n, 0);
	c = check("glute-bridge", (struct rx_want){ NULL, 12, 3, 0, 0, false }); /* 10 as written: 5-15 */
	assert_int_equal(c.level, RX_OK);
}

static void test_outside_usual_range_warns_with_the_range(void **state)
{
	(void)state;
	struct rx_check c = check("v-raise", (struct rx_want){ NULL, 12, 0, 0, 0, false });
	assert_int_equal(c.level, RX_WARN);
	assert_true(says(&c, RX_WARN, "reps", "12 reps is above the usual range for V-raise (5-10 reps)"));
	c = check("glute-bridge", (struct rx_want){ NULL, 4, 4, 0, 0, false });
	assert_int_equal(c.level, RX_WARN);
	assert_true(says(&c, RX_WARN, "reps", "below the usual range for Glute bridge (5-15 reps)"));
	assert_true(says(&c, RX_WARN, "sets", "4 sets is above the usual range for Glute bridge (1-3 sets)"));
	c = check("superman", (struct rx_want){ NULL, 0, 0, 7, 0, false }); /* hold 2: 1-5 s */
	assert_true(says(&c, RX_WARN, "hold", "(1-5 s)"));
	c = check("relaxation-snow-angel", (struct rx_want){ NULL, 0, 0, 0, 240, false });
	assert_true(says(&c, RX_WARN, "duration", "(60-120 s)"));
}

static void test_outside_safe_limits_is_refused_with_the_limit(void **state)
{
	(void)state;
	struct rx_check c = check("v-raise", (struct rx_want){ NULL, 31, 0, 0, 0, false });
	assert_int_equal(c.level, RX_REFUSE);
	assert_true(says(&c, RX_REFUSE, "reps", "31 reps is above the safe limit of 30 reps"));
	c = check("v-raise", (struct rx_want){ NULL, -2, 0, 0, 0, false });
	assert_true(says(&c, RX_REFUSE, "reps", "below the safe limit of 1 reps"));
	c = check("glute-bridge", (struct rx_want){ NULL, 0, 6, 0, 0, false });
	assert_true(says(&c, RX_REFUSE, "sets", "above the safe limit of 5 sets"));
	c = check("superman", (struct rx_want){ NULL, 0, 0, 31, 0, false });
	assert_true(says(&c, RX_REFUSE, "hold", "above the safe limit of 30 s"));
	c = check("relaxation-snow-angel", (struct rx_want){ NULL, 0, 0, 0, 601, false });
	assert_true(says(&c, RX_REFUSE, "duration", "above the safe limit of 600 s"));
	/* a field the exercise does not have */
	c = check("relaxation-snow-angel", (struct rx_want){ NULL, 10, 0, 0, 0, false });
	assert_true(says(&c, RX_REFUSE, "reps", "not counted in reps"));
	c = check("v-raise", (struct rx_want){ "no-such-thing", 0, 0, 0, 0, false });
	assert_true(says(&c, RX_REFUSE, "exercise", "there is no exercise 'no-such-thing'"));
}

static void test_swap_breaking_the_order_warns_and_says_why(void **state)
{
	(void)state;
	/* a version of the item's own exercise keeps the order */
	struct rx_check c = check("glute-bridge", (struct rx_want){ "glute-bridge-long-hold", 0, 0, 0, 0, true });
	assert_int_equal(c.level, RX_OK);
	/* the content's own alternative keeps it too */
	c = check("glute-bridge", (struct rx_want){ "glute-bridge-march", 0, 0, 0, 0, true });
	assert_int_equal(c.level, RX_OK);
	/* another exercise of the routine, moved: out of order and twice */
	c = check("glute-bridge", (struct rx_want){ "shrug-roll", 0, 0, 0, 0, true });
	assert_int_equal(c.level, RX_WARN);
	assert_true(says(&c, RX_WARN, "exercise", "breaks the activation routine's order"));
	assert_true(says(&c, RX_WARN, "exercise", "each exercise getting the muscles ready for the next"));
	assert_true(says(&c, RX_WARN, "exercise", "is exercise 7 of Upper back activation already"));
	/* once swapped in (and accepted), a later change of its dose does not warn again */
	c = check("glute-bridge", (struct rx_want){ "shrug-roll", 10, 0, 0, 0, false });
	assert_int_equal(c.level, RX_OK);
}

static void test_neck_screened_swap_stays_behind_the_gate(void **state)
{
	(void)state;
	const struct exercise *neck = NULL;
	for (size_t i = 0; i < cat.n_ex && !neck; i++)
		if (cat.ex[i].screen == SCREEN_NECK && !cat.ex[i].broken)
			neck = &cat.ex[i];
	assert_non_null(neck);
	struct rx_check c = check("neck-range-supported", (struct rx_want){ neck->id, 0, 0, 0, 0, true });
	assert_true(says(&c, RX_NOTE, "exercise", "needs the neck screen"));
	assert_true(says(&c, RX_NOTE, "exercise", "a prescription does not change that"));
}

static struct rx_check add_at(const char *routine, const char *exercise, size_t at, int reps)
{
	struct rx_check c;
	struct rx_want w = { exercise, reps, 0, 0, 0, false };
	const struct routine *r = catalog_routine(&cat, routine);
	assert_non_null(r);
	rx_check_add(&cat, r, at, &w, &c);
	return c;
}

static bool any_place_warning(const struct rx_check *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->f[i].field, "place"))
			return true;
	return false;
}

/* The shipped chain: glute bridge, superman, V-raise, scapular push-up, snow angel,
 * neck range, shrug roll (steps 1-7), then the relaxation snow angel (step 8). */
static void test_add_outside_the_chain_goes_after_it(void **state)
{
	(void)state;
	assert_int_equal(act->n_items, 8);
	/* after the shrug roll, before the relaxation: in order */
	struct rx_check c = add_at("upper-back-activation", "lateral-raise-band", 7, 0);
	assert_true(c.level < RX_WARN);
	assert_false(any_place_warning(&c));
	/* between superman and the V-raise: a warning saying why the order matters */
	c = add_at("upper-back-activation", "lateral-raise-band", 2, 0);
	assert_int_equal(c.level, RX_WARN);
	assert_true(says(&c, RX_WARN, "place", "as step 3 breaks the activation routine's order"));
	assert_true(says(&c, RX_WARN, "place", "each exercise getting the muscles ready for the next"));
	assert_true(says(&c, RX_WARN, "place", "its place is step 8, after the chain and before the relaxation"));
	/* first, or after the relaxation that ends it: out of order too */
	assert_int_equal(add_at("upper-back-activation", "lateral-raise-band", 0, 0).level, RX_WARN);
	assert_int_equal(add_at("upper-back-activation", "lateral-raise-band", 8, 0).level, RX_WARN);
}

static void test_add_a_version_goes_next_to_its_own(void **state)
{
	(void)state;
	/* a version of the glute bridge: right before or after it */
	assert_false(any_place_warning(&(struct rx_check){ 0 }));
	struct rx_check c = add_at("upper-back-activation", "glute-bridge-long-hold", 1, 0);
	assert_false(any_place_warning(&c));
	c = add_at("upper-back-activation", "glute-bridge-long-hold", 0, 0);
	assert_false(any_place_warning(&c));
	c = add_at("upper-back-activation", "glute-bridge-long-hold", 4, 0);
	assert_true(says(&c, RX_WARN, "place", "goes with Glute bridge (step 1), so its place is right before or after it"));
	/* a stand-in the content offers in the V-raise's place (its home is step 3) */
	c = add_at("upper-back-activation", "wall-slide-v", 3, 0);
	assert_false(any_place_warning(&c));
	c = add_at("upper-back-activation", "wall-slide-v", 6, 0);
	assert_int_equal(c.level, RX_WARN);
}

static void test_add_relaxation_goes_at_the_end(void **state)
{
	(void)state;
	struct rx_check c = add_at("upper-back-activation", "diaphragmatic-breathing", 8, 0);
	assert_false(any_place_warning(&c));
	c = add_at("upper-back-activation", "diaphragmatic-breathing", 7, 0);
	assert_false(any_place_warning(&c));
	c = add_at("upper-back-activation", "diaphragmatic-breathing", 3, 0);
	assert_true(says(&c, RX_WARN, "place", "in the middle lets the muscles woken so far go"));
	/* outside the activation routine the order is not fixed */
	c = add_at("front-release", "diaphragmatic-breathing", 0, 0);
	assert_false(any_place_warning(&c));
}

static void test_add_refusals_and_doses(void **state)
{
	(void)state;
	struct rx_check c = add_at("upper-back-activation", "lateral-raise-band", 9, 0);
	assert_int_equal(c.level, RX_REFUSE);
	assert_true(says(&c, RX_REFUSE, "place", "has 8 steps, so a new one can be step 1 to 9, not 10"));
	c = add_at("upper-back-activation", "no-such-exercise", 7, 0);
	assert_true(says(&c, RX_REFUSE, "exercise", "there is no exercise 'no-such-exercise'"));
	/* the dose against the exercise's own (10-15 reps): inside fine, outside a warning,
	 * beyond the safe limit refused */
	assert_true(add_at("upper-back-activation", "lateral-raise-band", 7, 12).level < RX_WARN);
	c = add_at("upper-back-activation", "lateral-raise-band", 7, 20);
	assert_true(says(&c, RX_WARN, "reps", "above the usual range"));
	c = add_at("upper-back-activation", "lateral-raise-band", 7, 40);
	assert_true(says(&c, RX_REFUSE, "reps", "40 reps is above the safe limit of 30 reps"));
	/* one the routine runs already: refused (its dose is changed where it is) */
	c = add_at("upper-back-activation", "shrug-roll", 7, 0);
	assert_true(says(&c, RX_REFUSE, "exercise", "is step 7 of Upper back activation already"));
	/* the neck screen still decides */
	c = add_at("upper-back-activation", "neck-range-bed-edge", 6, 0);
	assert_true(says(&c, RX_NOTE, "exercise", "needs the neck screen"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_inside_usual_range_is_fine),
		cmocka_unit_test(test_outside_usual_range_warns_with_the_range),
		cmocka_unit_test(test_outside_safe_limits_is_refused_with_the_limit),
		cmocka_unit_test(test_swap_breaking_the_order_warns_and_says_why),
		cmocka_unit_test(test_neck_screened_swap_stays_behind_the_gate),
		cmocka_unit_test(test_add_outside_the_chain_goes_after_it),
		cmocka_unit_test(test_add_a_version_goes_next_to_its_own),
		cmocka_unit_test(test_add_relaxation_goes_at_the_end),
		cmocka_unit_test(test_add_refusals_and_doses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
