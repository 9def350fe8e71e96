/* test_screen_status.c: the screening state (app/screen-status.c) and its renderers
 * with a fixed clock and zone: nothing answered yet asks for the first screen; after
 * a screen with no yes, exercise is allowed and the date is local (+12:45 here); a
 * warning sign pauses exercise. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/screen-status.h"
#include "format/screen.h"
#include "sim.h"
#include "store-fx.h"
#include "zones.h"
#include <string.h>

static const char *FIXTURE =
	"exercises:\n"
	"  - {id: tuck, name: Tuck, category: posture, purpose: Chin back., steps: [Tuck.], cautions: [Gently.],\n"
	"     dose: {reps: 4}}\n"
	"routines:\n"
	"  - {id: act, name: Activation, description: Test., module: activation, items: [{exercise: tuck}]}\n"
	"screening:\n"
	"  - {id: q-heart, group: heart, ask: Heart?, urgency: emergency}\n"
	"  - {id: q-dizzy, group: neck, ask: Dizzy?, urgency: days, neck: true}\n";

#define D 20600

static void test_states(void **state)
{
	struct fx *f = *state;
	struct catalog cat;
	sim_catalog(&cat, FIXTURE);
	struct tz z = zone_chatham();
	struct app_ctx ctx = { f->s, &cat, ZDAY(D) + ZHM(11, 20), &z }; /* 00:05 local on D+1 */
	struct app_screen_status st;
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(app_screen_status(&ctx, &st, &f->err), 0);
	assert_false(st.found);
	assert_false(st.exercise_allowed);
	format_screen_status_json(&out, &st, &z);
	assert_non_null(strstr(out.buf, "\"screened\": false, \"date\": \"never\""));
	assert_non_null(strstr(out.buf, "\"answer_again_because\": [\"first\"]"));
	app_screen_status_release(&st);

	struct screen_answer no[] = { { "q-heart", false }, { "q-dizzy", false } };
	assert_int_equal(app_screen_save(&ctx, no, 2, NULL, &f->err), 0);
	assert_int_equal(app_screen_status(&ctx, &st, &f->err), 0);
	assert_true(st.found);
	assert_true(st.exercise_allowed);
	assert_false(st.has_gate);
	strbuf_reset(&out);
	format_screen_status_json(&out, &st, &z);
	char want[64];
	day_format(D + 1, want);
	strcat(want, " 00:05");
	assert_non_null(strstr(out.buf, want));
	assert_non_null(strstr(out.buf, "\"exercise_allowed\": true"));
	strbuf_reset(&out);
	format_screen_status_text(&out, &cat, &st, &z, "112");
	assert_non_null(strstr(out.buf, want));
	assert_non_null(strstr(out.buf, "No warning signs."));
	assert_non_null(strstr(out.buf, "Exercise: allowed"));
	app_screen_status_release(&st);

	/* a warning sign during exercise: paused until it is dealt with */
	ctx.now_ms += 3600000;
	assert_int_equal(app_record_warning(&ctx, &f->err), 0);
	assert_int_equal(app_screen_status(&ctx, &st, &f->err), 0);
	assert_false(st.exercise_allowed);
	strbuf_reset(&out);
	format_screen_status_text(&out, &cat, &st, &z, "112");
	assert_non_null(strstr(out.buf, "A warning sign (dizziness or the like) during exercise"));
	assert_non_null(strstr(out.buf, "Exercise: paused until the warning sign is dealt with"));
	app_screen_status_release(&st);
	strbuf_release(&out);
	catalog_free(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_states, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
