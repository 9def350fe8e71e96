/* test_login_rules.c: when a login session ends (idle, absolute, a clock gone back) and the
 * throttle's waits (core/login.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/login.h"

#define T 1780000000000LL
#define MIN (60LL * 1000)

static void test_session_state(void **state)
{
	(void)state;
	assert_int_equal(login_state(T, T, T), LOGIN_LIVE);
	assert_int_equal(login_state(T, T, T + 30 * MIN - 1), LOGIN_LIVE);
	assert_int_equal(login_state(T, T, T + 30 * MIN), LOGIN_IDLE);
	/* used now and then: live until the absolute limit, then over whatever */
	assert_int_equal(login_state(T, T + 11 * 60 * MIN, T + 11 * 60 * MIN + 20 * MIN), LOGIN_LIVE);
	assert_int_equal(login_state(T, T + 12 * 60 * MIN - MIN, T + 12 * 60 * MIN), LOGIN_EXPIRED);
	/* a session from the future (a clock set back) is not trusted */
	assert_int_equal(login_state(T + MIN, T + MIN, T), LOGIN_EXPIRED);
	assert_string_equal(login_state_names[LOGIN_IDLE], "idle");
}

static void test_throttle_waits(void **state)
{
	(void)state;
	const struct throttle_rule *r = &throttle_by_name;
	for (int n = 0; n <= r->free; n++)
		assert_int_equal(throttle_wait_ms(r, n, T, T), 0);
	assert_int_equal(throttle_wait_ms(r, r->free + 1, T, T), 1000);
	assert_int_equal(throttle_wait_ms(r, r->free + 2, T, T), 2000);
	assert_int_equal(throttle_wait_ms(r, r->free + 4, T, T), 8000);
	assert_int_equal(throttle_wait_ms(r, r->free + 4, T, T + 3000), 5000); /* time passes */
	assert_int_equal(throttle_wait_ms(r, r->free + 4, T, T + 9000), 0);
	assert_int_equal(throttle_wait_ms(r, 1000000, T, T), 15 * MIN);       /* at most 15 minutes */
	assert_int_equal(throttle_wait_ms(r, 1000000, T, T + 24 * 60 * MIN), 0); /* forgotten after a day */
	assert_int_equal(throttle_wait_ms(r, r->free + 1, T + 60 * MIN, T), 1000); /* stamped in the future */
	/* an address gets more free tries than a name */
	assert_true(throttle_by_address.free > throttle_by_name.free);
	assert_int_equal(throttle_wait_ms(&throttle_by_address, throttle_by_name.free + 1, T, T), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session_state),
		cmocka_unit_test(test_throttle_waits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
