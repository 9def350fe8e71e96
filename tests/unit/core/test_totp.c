/* test_totp.c: SHA-1 (FIPS 180-4's examples), HMAC-SHA-1 (RFC 2202), HOTP (RFC 4226
 * appendix D), TOTP (RFC 6238 appendix B, SHA-1) and the window, replay and shape of
 * codes, and base32 (RFC 4648's examples) of core/totp.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/totp.h"
#include <stdio.h>
#include <string.h>

static void hex(const uint8_t *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

static void test_sha1(void **state)
{
	(void)state;
	uint8_t d[20];
	char h[41];
	totp_sha1((const uint8_t *)"abc", 3, d);
	hex(d, 20, h);
	assert_string_equal(h, "a9993e364706816aba3e25717850c26c9cd0d89d");
	totp_sha1((const uint8_t *)"", 0, d);
	hex(d, 20, h);
	assert_string_equal(h, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 56 bytes: two blocks */
	totp_sha1((const uint8_t *)two, strlen(two), d);
	hex(d, 20, h);
	assert_string_equal(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	static uint8_t million[1000000];
	memset(million, 'a', sizeof(million));
	totp_sha1(million, sizeof(million), d);
	hex(d, 20, h);
	assert_string_equal(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

static void test_hmac(void **state)
{
	(void)state;
	uint8_t d[20], k[80];
	char h[41];
	memset(k, 0x0b, 20);
	totp_hmac_sha1(k, 20, (const uint8_t *)"Hi There", 8, d);
	hex(d, 20, h);
	assert_string_equal(h, "b617318655057264e28bc0b6fb378c8ef146be00");
	totp_hmac_sha1((const uint8_t *)"Jefe", 4, (const uint8_t *)"what do ya want for nothing?", 28, d);
	hex(d, 20, h);
	assert_string_equal(h, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	memset(k, 0xaa, 80); /* a key longer than a block, and data longer than one */
	const char *m = "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";
	totp_hmac_sha1(k, 80, (const uint8_t *)m, strlen(m), d);
	hex(d, 20, h);
	assert_string_equal(h, "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

static const uint8_t *rfc_key = (const uint8_t *)"12345678901234567890";

static void test_hotp(void **state)
{
	(void)state;
	static const uint32_t want[] = { 755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489 };
	for (uint64_t c = 0; c < 10; c++)
		assert_int_equal(totp_hotp(rfc_key, 20, c, 6), want[c]);
}

static void test_totp_rfc6238(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		uint32_t code;
	} v[] = { { 59, 94287082 }, { 1111111109, 7081804 }, { 1111111111, 14050471 },
		  { 1234567890, 89005924 }, { 2000000000, 69279037 }, { 20000000000LL, 65353130 } };
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(totp_hotp(rfc_key, 20, (uint64_t)totp_step(v[i].t * 1000), 8), v[i].code);
}

static void code_at(int64_t ms, char out[7])
{
	snprintf(out, 7, "%06u", (unsigned)totp_hotp(rfc_key, 20, (uint64_t)totp_step(ms), 6));
}

static void test_check(void **state)
{
	(void)state;
	int64_t now = 1111111111000LL, step;
	char c[7], before[7], after[7], far[7];
	code_at(now, c);
	code_at(now - 30000, before);
	code_at(now + 30000, after);
	code_at(now + 90000, far);
	assert_true(totp_check(rfc_key, 20, now, c, 0, &step));
	assert_int_equal(step, totp_step(now));
	/* a clock 30 s off either way */
	assert_true(totp_check(rfc_key, 20, now, before, 0, &step));
	assert_int_equal(step, totp_step(now) - 1);
	assert_true(totp_check(rfc_key, 20, now, after, 0, &step));
	/* further off, or used already (its step or a later one kept as the last) */
	assert_false(totp_check(rfc_key, 20, now, far, 0, &step));
	assert_int_equal(step, 0);
	assert_false(totp_check(rfc_key, 20, now, c, totp_step(now), &step));
	assert_false(totp_check(rfc_key, 20, now, before, totp_step(now) - 1, &step));
	/* another key, and codes of another shape */
	assert_false(totp_check((const uint8_t *)"12345678901234567891", 20, now, c, 0, &step));
	const char *bad[] = { "", "12345", "1234567", "12345a", " 12345", "-12345", "+12345", NULL };
	for (int i = 0; i < 7; i++)
		assert_false(totp_check(rfc_key, 20, now, bad[i], 0, &step));
	assert_false(totp_check(rfc_key, 20, now, NULL, 0, &step));
}

static void test_base32(void **state)
{
	(void)state;
	static const char *const want[] = { "", "MY", "MZXQ", "MZXW6", "MZXW6YQ", "MZXW6YTB", "MZXW6YTBOI" };
	char out[TOTP_BASE32_MAX];
	uint8_t back[40];
	for (size_t n = 0; n <= 6; n++) {
		totp_base32((const uint8_t *)"foobar", n, out, sizeof(out));
		assert_string_equal(out, want[n]);
		assert_int_equal(totp_base32_decode(want[n], back, sizeof(back)), (int)n);
		assert_memory_equal(back, "foobar", n);
	}
	totp_base32(rfc_key, 20, out, sizeof(out));
	assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(totp_base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", back, sizeof(back)), 20);
	assert_memory_equal(back, rfc_key, 20);
	assert_int_equal(totp_base32_decode("MZXW6===", back, sizeof(back)), 3);
	assert_int_equal(totp_base32_decode("MZ1W", back, sizeof(back)), -1);
	assert_int_equal(totp_base32_decode("MZXW6YTBOI", back, 5), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1),
		cmocka_unit_test(test_hmac),
		cmocka_unit_test(test_hotp),
		cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_base32),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
