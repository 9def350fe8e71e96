/* test_text_render.c: the small renderers every command uses: local dates and times of
 * an instant in the zone given (format/when.c) across a daylight-saving change and at
 * 45-minute and negative offsets, and word-wrapping (format/wrap.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "format/when.h"
#include "format/wrap.h"
#include "zones.h"

static void test_minute_across_dst(void **state)
{
	(void)state;
	struct tz z = zone_berlin();
	char out[17];
	/* 00:59 UTC on 29 March 2026 is 01:59 +01:00; a minute later it is 03:00 +02:00 */
	format_minute(&z, ZDAY(MAR29_2026) + ZHM(0, 59), out);
	assert_string_equal(out, "2026-03-29 01:59");
	format_minute(&z, ZDAY(MAR29_2026) + ZHM(1, 0), out);
	assert_string_equal(out, "2026-03-29 03:00");
	/* and back in October: 00:59 UTC is 02:59 +02:00, then 02:00 +01:00 */
	format_minute(&z, ZDAY(OCT25_2026) + ZHM(0, 59), out);
	assert_string_equal(out, "2026-10-25 02:59");
	format_minute(&z, ZDAY(OCT25_2026) + ZHM(1, 0), out);
	assert_string_equal(out, "2026-10-25 02:00");
}

static void test_odd_offsets(void **state)
{
	(void)state;
	struct tz chatham = zone_chatham(), nepal = zone_nepal(), stjohns = tz_fixed(-(3 * 3600 + 30 * 60));
	char out[17];
	format_minute(&chatham, ZDAY(MAR29_2026) + ZHM(11, 15), out);
	assert_string_equal(out, "2026-03-30 00:00");
	format_minute(&nepal, ZDAY(MAR29_2026) + ZHM(18, 14), out);
	assert_string_equal(out, "2026-03-29 23:59");
	format_minute(&stjohns, ZDAY(MAR29_2026) + ZHM(3, 29), out);
	assert_string_equal(out, "2026-03-28 23:59");
	format_date(&stjohns, ZDAY(MAR29_2026) + ZHM(3, 30), out);
	assert_string_equal(out, "2026-03-29");
}

static void test_wrap(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	format_wrapped(&sb, "> ", "  ", "one two three four five six", 12);
	assert_string_equal(sb.buf, "> one two\n  three four\n  five six\n");
	strbuf_reset(&sb);
	/* a word longer than the width stands alone; line breaks in the text are spaces */
	format_wrapped(&sb, "", "", "a\nverylongwordindeed b", 6);
	assert_string_equal(sb.buf, "a\nverylongwordindeed\nb\n");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minute_across_dst),
		cmocka_unit_test(test_odd_offsets),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
