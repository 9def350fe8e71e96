/* test_pass.c: the text form of a gate's pass (core/pass.h), which the server writes
 * and the web player's engine reads: what it carries round trip, and every malformed
 * token refused with the part that is wrong named. Then the export layer of the web
 * player (src/wasm, built natively here): no session without a token, none for another
 * routine, the token's limits and pain score used, not the page's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/pass.h"
#include "core/safety.h"
#include "core/strbuf.h"
#include "wasm/export.h"
#include <string.h>

#define MAC "0123456789abcdef0123"

static void test_round_trip(void **state)
{
	(void)state;
	struct pass_claims c = { GATE_RESUME, "upper-back-activation", true, true, 7, 0, "pass-id_0001" }, back;
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	pass_token_payload(&c, &sb);
	assert_string_equal(sb.buf, "up1.resume.upper-back-activation.ng.7.pass-id_0001");
	strbuf_addstr(&sb, "." MAC);
	assert_int_equal(pass_token_parse(sb.buf, &back, &err), 0);
	assert_int_equal(back.entry, GATE_RESUME);
	assert_string_equal(back.routine, "upper-back-activation");
	assert_true(back.neck_ok && back.gentle);
	assert_int_equal(back.pain_before, 7);
	assert_string_equal(back.id, "pass-id_0001");
	for (int flags = 0; flags < 4; flags++) {
		struct pass_claims d = { GATE_START, "t-fast", flags & 1, flags & 2, -1, 0, "abcdefgh" };
		strbuf_reset(&sb);
		pass_token_payload(&d, &sb);
		strbuf_addstr(&sb, "." MAC);
		assert_int_equal(pass_token_parse(sb.buf, &back, &err), 0);
		assert_int_equal(back.neck_ok, !!(flags & 1));
		assert_int_equal(back.gentle, !!(flags & 2));
		assert_int_equal(back.pain_before, -1);
	}
	/* with the issue time: the current form */
	struct pass_claims t = { GATE_WEB_PLAYER, "t-fast", true, false, 3, 1765000000, "abcdefgh" };
	strbuf_reset(&sb);
	pass_token_payload(&t, &sb);
	assert_string_equal(sb.buf, "up2.web-player.t-fast.n.3.1765000000.abcdefgh");
	strbuf_addstr(&sb, "." MAC);
	assert_int_equal(pass_token_parse(sb.buf, &back, &err), 0);
	assert_int_equal(back.issued_s, 1765000000);
	assert_string_equal(back.id, "abcdefgh");
	assert_int_equal(back.pain_before, 3);
	strbuf_release(&sb);
	strbuf_release(&err);
}

static void test_refused(void **state)
{
	(void)state;
	static const struct { const char *token, *why; } bad[] = {
		{ "", "there is none" },
		{ "up1.start.t-fast.-.0.abcdefgh", "too few parts" },
		{ "up2.start.t-fast.-.0.abcdefgh." MAC, "too few parts" },
		{ "up2.start.t-fast.-.0.x1765000000.abcdefgh." MAC, "issue time" },
		{ "up2.start.t-fast.-.0.01765000000.abcdefgh." MAC, "issue time" },
		{ "up2.start.t-fast.-.0.1765000000123.abcdefgh." MAC, "issue time" },
		{ "up2.start.t-fast.-.0.17650000a0.abcdefgh." MAC, "issue time" },
		{ "up3.start.t-fast.-.0.1.abcdefgh." MAC, "version" },
		{ "up1.start.t-fast.-.0.abcdefgh." MAC ".x", "too many parts" },
		{ "up0.start.t-fast.-.0.abcdefgh." MAC, "version" },
		{ "up1.web.t-fast.-.0.abcdefgh." MAC, "no known way into exercise" },
		{ "up1.start.T-Fast.-.0.abcdefgh." MAC, "routine" },
		{ "up1.start..-.0.abcdefgh." MAC, "routine" },
		{ "up1.start.t-fast.nn.0.abcdefgh." MAC, "limits" },
		{ "up1.start.t-fast.x.0.abcdefgh." MAC, "limits" },
		{ "up1.start.t-fast..0.abcdefgh." MAC, "limits" },
		{ "up1.start.t-fast.-.11.abcdefgh." MAC, "pain score" },
		{ "up1.start.t-fast.-.-2.abcdefgh." MAC, "pain score" },
		{ "up1.start.t-fast.-.05.abcdefgh." MAC, "pain score" },
		{ "up1.start.t-fast.-.x.abcdefgh." MAC, "pain score" },
		{ "up1.start.t-fast.-.0.short." MAC, "its id" },
		{ "up1.start.t-fast.-.0.abc/defgh." MAC, "its id" },
		{ "up1.start.t-fast.-.0.abcdefgh.", "signature" },
		{ "up1.start.t-fast.-.0.abcdefgh.tooshort", "signature" },
		{ "up1.start.t-fast.-.0.abcdefgh.0123456789abcdef012=", "signature" },
	};
	struct pass_claims c;
	struct strbuf err = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strbuf_reset(&err);
		if (pass_token_parse(bad[i].token, &c, &err) != -1 || !strstr(err.buf, bad[i].why))
			fail_msg("token %s: expected refusal naming [%s], got [%s]", bad[i].token, bad[i].why, err.buf);
	}
	char big[PASS_TOKEN_MAX + 50];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	strbuf_reset(&err);
	assert_int_equal(pass_token_parse(big, &c, &err), -1);
	strbuf_release(&err);
}

/* A tiny routine through the export layer, as the page builds it. */
static struct ux_content *content(void)
{
	struct ux_content *c = ux_content_new();
	assert_int_equal(ux_content_put(c, "exercise", "lift", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "name", "Lift", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "exercise", "neck", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "name", "Neck over the edge", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "screen", "neck", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "routine", "r", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "name", "R", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "item", "lift", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "dose", "", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "reps", "", 4, 4), 0);
	assert_int_equal(ux_content_put(c, "tempo", "up", 1, 0), 0);
	assert_int_equal(ux_content_put(c, "item", "neck", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "dose", "", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "reps", "", 2, 2), 0);
	assert_int_equal(ux_content_check(c), 0);
	return c;
}

static void test_session_needs_the_token(void **state)
{
	(void)state;
	struct ux_content *c = content();
	struct ux_session *s = ux_session_new(c, "r");
	assert_int_equal(ux_session_start(s, NULL, 0), UX_NO_PASS);
	assert_non_null(strstr(ux_error(), "there is none"));
	assert_int_equal(ux_session_start(s, "up1.start.r.-.0.abcdefgh", 0), UX_NO_PASS);
	assert_int_equal(ux_session_start(s, "up1.start.other.-.0.abcdefgh." MAC, 0), UX_WRONG_PASS);
	assert_non_null(strstr(ux_error(), "for routine other, not r"));
	assert_null(ux_session_input(s, "tick", 0, 0)); /* nothing runs before a start */
	/* with a pass: the gentle way halves the reps, and no neck work without "n" */
	assert_int_equal(ux_session_start(s, "up1.start.r.g.3.abcdefgh." MAC, 0), 0);
	assert_int_equal(ux_session_start(s, "up1.start.r.-.0.abcdefgh." MAC, 0), UX_STARTED);
	const char *first = ux_session_last();
	assert_non_null(strstr(first, "\"input\":\"start\""));
	assert_non_null(strstr(first, "\"next\":null")); /* the neck item is left out */
	const char *step = ux_session_input(s, "done", 100, 0);
	assert_non_null(strstr(step, "\"reps\":3")); /* 4 reps, halved, kept at 3 (issue 19.10) */
	/* the pain score before is the token's (3): 5 is a rise of 2, and stops */
	step = ux_session_input(s, "hurt", 200, 5);
	assert_non_null(strstr(step, "Stop this exercise: 5 out of 10"));
	assert_null(ux_session_input(s, "jump", 300, 0));
	assert_string_equal(ux_error(), "not an input");
	ux_session_free(s);
	ux_content_free(c);
}

static void test_content_records_checked(void **state)
{
	(void)state;
	struct ux_content *c = ux_content_new();
	assert_int_equal(ux_content_put(c, "name", "x", 0, 0), -1);
	assert_string_equal(ux_error(), "name: no exercise or routine that has it is open");
	assert_int_equal(ux_content_put(c, "exercise", "Bad Id", 0, 0), -1);
	assert_int_equal(ux_content_put(c, "exercise", "e", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "exercise", "e", 0, 0), -1);
	assert_string_equal(ux_error(), "exercise: this id is given twice");
	assert_int_equal(ux_content_put(c, "reps", "", 1, 2), -1);
	assert_string_equal(ux_error(), "reps: no dose is open");
	assert_int_equal(ux_content_put(c, "dose", "", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "reps", "", 3, 2), -1);
	assert_int_equal(ux_content_put(c, "tempo", "switch", 2, 0), -1);
	assert_string_equal(ux_error(), "tempo: not a phase of a rep or a breath");
	assert_int_equal(ux_content_put(c, "cue.sideways", "x", 0, 0), -1);
	assert_int_equal(ux_content_put(c, "per_side", "left", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "per_direction", "up", 0, 0), -1);
	assert_int_equal(ux_content_put(c, "colour", "red", 0, 0), -1);
	assert_string_equal(ux_error(), "colour: not a field of the content");
	assert_int_equal(ux_content_check(c), -1);
	assert_string_equal(ux_error(), "exercise e: no name");
	assert_int_equal(ux_content_put(c, "name", "E", 0, 0), 0);
	assert_int_equal(ux_content_put(c, "regression", "gone", 0, 0), 0);
	assert_int_equal(ux_content_check(c), -1);
	assert_string_equal(ux_error(), "exercise e: regression gone is not in the content");
	assert_null(ux_session_new(c, "nothing"));
	ux_content_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_session_needs_the_token),
		cmocka_unit_test(test_content_records_checked),
	};
	return cmocka_run_group_tests_name("pass", tests, NULL, NULL);
}
