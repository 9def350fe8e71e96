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
#include "core/checkin.h"
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define D 20600

/* format_history_json_stream() through a sink into a temporary file, read back: the
 * same bytes as format_history_json() writes whole. */
static void assert_streamed_same(const struct app_history *h, const struct tz *z, const char *whole)
{
	FILE *t = tmpfile();
	assert_non_null(t);
	struct outfile_sink *s = calloc(1, sizeof(*s));
	s->fd = fileno(t);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(format_history_json_stream(h, z, s, &err), 0);
	assert_int_equal(s->err, 0);
	assert_int_equal(write(s->fd, s->buf, s->n), (ssize_t)s->n);
	off_t n = lseek(s->fd, 0, SEEK_CUR);
	char *buf = calloc(1, (size_t)n + 1);
	assert_int_equal(pread(s->fd, buf, (size_t)n, 0), (ssize_t)n);
	assert_string_equal(buf, whole);
	free(buf);
	free(s);
	fclose(t);
	strbuf_release(&err);
}

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
	assert_streamed_same(&h, &z, out.buf);
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
	assert_string_equal(out.buf, "{\n  \"sessions\": [],\n  \"massages\": [],\n  \"appointments\": []\n}\n");
	assert_streamed_same(&h, &z, out.buf);
	strbuf_release(&out);
	app_history_release(&h);
}

static void add_checkin(struct fx *f, int day, int massage)
{
	struct checkin c;
	checkin_init(&c);
	day_format(day, c.date);
	c.at_ms = ZDAY(day) + ZHM(20, 0);
	c.pain = 3;
	c.massage = massage;
	assert_int_equal(f->s->ops->checkin_add(f->s, &c, &f->err), 0);
}

/* The days a check-in recorded a massage: once a day, oldest first, among the sessions
 * by date in the table, as dates in JSON (issue 19.3). */
static void test_massage_days(void **state)
{
	struct fx *f = *state;
	struct tz z = tz_fixed(0);
	add_checkin(f, D + 3, 1);
	add_checkin(f, D + 1, 1);
	add_checkin(f, D + 1, 1); /* a second check-in of the same day */
	add_checkin(f, D + 2, 0);
	add_checkin(f, D + 4, CHECKIN_NONE);
	fx_session(f, "act", ZDAY(D + 2) + ZHM(9, 0), 12, 5, 3);
	struct app_ctx ctx = { f->s, NULL, ZDAY(D + 5), &z };
	struct app_history_request rq = { false };
	struct app_history h;
	assert_int_equal(app_history(&ctx, &rq, &h, &f->err), 0);
	assert_int_equal(h.n_massages, 2);
	char d1[11], d2[11], d3[11];
	day_format(D + 1, d1);
	day_format(D + 2, d2);
	day_format(D + 3, d3);
	assert_string_equal(h.massages[0], d1);
	assert_string_equal(h.massages[1], d3);
	struct strbuf out = STRBUF_INIT;
	format_history_text(&h, &z, &out);
	char *m1 = strstr(out.buf, d1), *s2 = strstr(out.buf, d2), *m3 = strstr(out.buf, d3);
	assert_non_null(m1);
	assert_non_null(s2);
	assert_non_null(m3);
	assert_true(m1 < s2 && s2 < m3); /* by date */
	assert_non_null(strstr(m1, "massage (from your check-in)"));
	assert_null(strstr(m1 + 1, d1)); /* once */
	strbuf_reset(&out);
	format_history_json(&h, &z, &out);
	char want[64];
	snprintf(want, sizeof(want), "\"massages\": [\n    \"%s\",\n    \"%s\"\n  ]", d1, d3);
	assert_non_null(strstr(out.buf, want));
	strbuf_release(&out);
	app_history_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_local_times, setup, teardown),
		cmocka_unit_test_setup_teardown(test_none, setup, teardown),
		cmocka_unit_test_setup_teardown(test_massage_days, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
