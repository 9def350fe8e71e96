/* test_text.c: text and numbers from people: strict UTF-8, characters counted (not
 * bytes), Latin-1 bytes repaired without losing one, control characters found and made
 * visible, and decimals read the same whatever the locale; numbers for machines written
 * and read with a point under a German locale (core/cnum.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/cnum.h"
#include "core/number.h"
#include "core/utf8.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_utf8_valid(void **state)
{
	(void)state;
	size_t bad = 0;
	assert_true(utf8_valid_str("plain, caf\xc3\xa9, \xe4\xb8\xad, \xf0\x9f\xa7\x98"));
	assert_false(utf8_valid("caf\xe9!", 5, &bad)); /* Latin-1 e-acute */
	assert_int_equal(bad, 3);
	assert_false(utf8_valid_str("\xc0\xaf"));         /* overlong '/' */
	assert_false(utf8_valid_str("\xed\xa0\x80"));     /* a surrogate */
	assert_false(utf8_valid_str("\xf4\x90\x80\x80")); /* above U+10FFFF */
	assert_false(utf8_valid_str("\xe2\x82"));         /* cut short */
	assert_int_equal(utf8_chars("\xc3\xa9\xc3\xa9x"), 3);
	assert_int_equal(utf8_chars("\xf0\x9f\xa7\x98"), 1);
}

static void test_utf8_repair(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	const char *latin1 = "Gr\xfc\xdf" "e aus K\xf6ln, caf\xc3\xa9";
	utf8_repair(&sb, latin1, strlen(latin1));
	assert_string_equal(sb.buf, "Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln, caf\xc3\xa9");
	assert_true(utf8_valid_str(sb.buf));
	strbuf_release(&sb);
}

static void test_controls(void **state)
{
	(void)state;
	char name[8];
	assert_int_equal(utf8_control("two\nlines\tand a tab", true), 0);
	assert_int_equal(utf8_control("two\nlines", false), '\n');
	assert_int_equal(utf8_control("red \x1b[31m", true), 0x1b);
	assert_int_equal(utf8_control("next line \xc2\x85", true), 0x85); /* C1 */
	assert_string_equal(utf8_control_name(0x1b, name), "ESC");
	assert_string_equal(utf8_control_name(0x85, name), "U+0085");
	struct strbuf sb = STRBUF_INIT;
	utf8_visible(&sb, "\x1b[2J\x07ok \xc2\x9b \xff caf\xc3\xa9\r\n", false);
	assert_string_equal(sb.buf, "\\x1B[2J\\x07ok \\u009B \\xFF caf\xc3\xa9\\x0D\\x0A");
	strbuf_reset(&sb);
	utf8_visible(&sb, "line\n\tnext", true);
	assert_string_equal(sb.buf, "line\n\tnext");
	strbuf_release(&sb);
}

static void test_number_parse(void **state)
{
	(void)state;
	double v;
	assert_true(number_parse("7.5", &v));
	assert_true(v == 7.5);
	assert_true(number_parse("7,5", &v));
	assert_true(v == 7.5);
	assert_true(number_parse(" 8 ", &v));
	assert_true(v == 8);
	assert_true(number_parse("7.3", &v));
	assert_true(v == 7.3); /* correctly rounded, as strtod in C */
	assert_true(number_parse("0.1", &v) && v == 0.1);
	static const char *const bad[] = { "", " ", "0x5", "1e1", "inf", "nan", "-1", "+2", "7.", ".5", "7,5,0",
					   "7.5.1", "7 5", "1,000.5", "1234567890123456", NULL };
	for (int i = 0; bad[i]; i++)
		assert_false(number_parse(bad[i], &v));
	/* the locale does not change it (when a German locale is there to try) */
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8")) {
		assert_true(number_parse("7.5", &v) && v == 7.5);
		assert_true(number_parse("7,5", &v) && v == 7.5);
		setlocale(LC_NUMERIC, "C");
	}
}

/* Under a German LC_NUMERIC (as main sets it from such an environment) printf writes
 * a comma; cnum writes and reads a point, and leaves the locale as it was. */
static void test_cnum(void **state)
{
	(void)state;
	if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "de_DE.utf8"))
		skip(); /* no German locale here: scripts/deps.sh test installs it */
	char buf[32];
	snprintf(buf, sizeof(buf), "%.1f", 7.5);
	assert_string_equal(buf, "7,5"); /* the locale is in force */
	struct strbuf sb = STRBUF_INIT;
	cnum_addf(&sb, "%.1f %g %.17g", 7.5, 0.25, 7.3);
	assert_string_equal(sb.buf, "7.5 0.25 7.2999999999999998");
	strbuf_release(&sb);
	assert_int_equal(cnum_snprintf(buf, sizeof(buf), "%.2f", 3.0), 4);
	assert_string_equal(buf, "3.00");
	char *end;
	assert_true(cnum_strtod("9.5", &end) == 9.5 && !*end);
	assert_true(cnum_strtod("9,5", &end) == 9 && *end == ',');
	snprintf(buf, sizeof(buf), "%.1f", 3.0);
	assert_string_equal(buf, "3,0"); /* and still in force after */
	setlocale(LC_NUMERIC, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_number_parse),
		cmocka_unit_test(test_cnum),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
