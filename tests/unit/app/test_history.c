/* test_history.c: the history use case (app/history.c) and its renderers with a fixed
 * zone: start times are local (+05:45 here), the details come only when asked. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/history.h"
#include "app-fx.h"
#include "format/history.h"
#include "zones.h"

#define D 20600

static void test_local_times(void **state)
{
	struct fx *f = *state;
	struct tz z = zone_nepal();
	int64_t id = fx_session(f, "act", ZDAY(D) + ZHM(18, 20), 12, 5, 3); /* 00:05 local on D+1 */
	struct exercise_row e = { 0, (char *)"lift", EX_DONE, 8, 30000, ZDAY(D) + ZHM(18, 25) };
	assert_int_equal(f->s->ops->exercise_add(f->s, id, &e, &f->err), 0);
	struct app_ctx ctx = { f->s, NULL, ZDAY(D + 2), &z };
	struct app_history_request rq = { false };
	struct app_history h;
	assert_int_equal(app_history(&ctx, &rq, &h, &f->err), 0);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.sessions[0].n_exercises, 0);
	struct strbuf out = STRBUF_INIT;
	format_history_text(&h, &z, &out);
	char want[40];
	day_format(D + 1, want);
	strcat(want, " 00:05");
	assert_non_null(strstr(out.buf, want));
	assert_non_null(strstr(out.buf, " 12 min "));
	assert_non_null(strstr(out.buf, "5>3"));
	app_history_release(&h);
	strbuf_reset(&out);
	rq.details = true;
	assert_int_equal(app_history(&ctx, &rq, &h, &f->err), 0);
	assert_int_equal(h.sessions[0].n_exercises, 2); /* fx_session's own and lift */
	format_history_json(&h, &z, &out);
	assert_non_null(strstr(out.buf, want));
	assert_non_null(strstr(out.buf, "\"exercise\": \"lift\""));
	strbuf_release(&out);
	app_history_release(&h);
}

static void test_none(void **state)
{
	struct fx *f = *state;
	struct tz z = tz_fixed(0);
	struct app_ctx ctx = { f->s, NULL, ZDAY(D), &z };
	struct app_history_request rq = { true };
	struct app_history h;
	assert_int_equal(app_history(&ctx, &rq, &h, &f->err), 0);
	struct strbuf out = STRBUF_INIT;
	format_history_text(&h, &z, &out);
	assert_string_equal(out.buf, "No sessions yet. Run 'unhunch start' for your first one.\n");
	strbuf_reset(&out);
	format_history_json(&h, &z, &out);
	assert_string_equal(out.buf, "{\n  \"sessions\": [],\n  \"massages\": []\n}\n"); /* an object since d31bf40 */
	strbuf_release(&out);
	app_history_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_local_times, setup, teardown),
		cmocka_unit_test_setup_teardown(test_none, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
