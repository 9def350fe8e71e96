/* test_chart_svg.c: the pain charts of the report and the Progress page
 * (format/chart-svg.c): a day's value lands where the scale says, a gap breaks the
 * line, the first week's mean is the reference line, and the numbers are written with a
 * point under a German locale too (where printf would write 2,5). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "format/chart-svg.h"
#include <locale.h>
#include <string.h>

static void test_line_chart(void **state)
{
	(void)state;
	double v[15];
	for (int i = 0; i < 15; i++)
		v[i] = i == 7 ? STATS_NO_VALUE : 2.5;
	struct strbuf sb = STRBUF_INIT;
	svg_line_chart(&sb, "Pain <overall>", v, 20600, 15, 6.25, "first week 6.3");
	/* 2.5 of 10 on the y axis from 160 (0) to 12 (10): 160 - 148 * 0.25 = 123 */
	assert_non_null(strstr(sb.buf, "<circle class=\"dot\" cx=\"34.0\" cy=\"123.0\" r=\"2.6\"/>"));
	/* two runs: days 0-6 and 8-14 */
	const char *first = strstr(sb.buf, "<polyline"), *second = first ? strstr(first + 1, "<polyline") : NULL;
	assert_non_null(second);
	assert_null(strstr(second + 1, "<polyline"));
	assert_non_null(strstr(sb.buf, "aria-label=\"Pain &lt;overall&gt;\""));
	assert_non_null(strstr(sb.buf, ">first week 6.3</text>"));
	assert_non_null(strstr(sb.buf, "y1=\"67.5\"")); /* the reference at 6.25 */
	strbuf_release(&sb);
}

static void test_locale(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
		skip();
		return;
	}
	struct strbuf probe = STRBUF_INIT;
	strbuf_addf(&probe, "%.1f", 2.5);
	assert_string_equal(probe.buf, "2,5"); /* the locale is in force */
	strbuf_release(&probe);
	double v[2] = { 2.5, 7.5 };
	int weeks[1] = { 1 }, start[1] = { 20600 };
	struct bar_series s = { "days", "b1", weeks };
	struct strbuf sb = STRBUF_INIT;
	svg_line_chart(&sb, "x", v, 20600, 2, 2.5, "ref");
	svg_week_bars(&sb, "y", start, 1, &s, 1, 7);
	chart_num(&sb, 2.25);
	setlocale(LC_ALL, "C");
	assert_non_null(strstr(sb.buf, "cy=\"123.0\""));
	assert_null(strstr(sb.buf, ",0\""));
	assert_null(strstr(sb.buf, ",5\""));
	assert_non_null(strstr(sb.buf, "2.2")); /* chart_num */
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_chart),
		cmocka_unit_test(test_locale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
