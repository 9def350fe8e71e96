/* totp.h: one-time codes for a second factor (issue 18.2): TOTP (RFC 6238) over HOTP
 * (RFC 4226) with HMAC-SHA-1 (RFC 2104, FIPS 180-4), and the secret's base32 (RFC 4648)
 * for an authenticator app's otpauth:// link. Pure: the time is passed in.
 *
 * Why SHA-1 of our own: the authenticator apps people have (Google Authenticator,
 * FreeOTP, most password managers) take SHA-1 codes, and several ignore another
 * algorithm asked for; libsodium, the project's cryptography, has HMAC-SHA-256 and -512
 * but no SHA-1; liboath would be one more library in every program that runs `unhunch
 * clinic`, the light `unhunch` included (docs/ARCHITECTURE.md). SHA-1's known
 * collisions do not touch HMAC-SHA-1 as a keyed function (RFC 6238 still names it).
 *
 * Used by app/totp.c (enrolment, the login's code; docs/clinic.md, "Two-step login"). */
#ifndef UNHUNCH_CORE_TOTP_H
#define UNHUNCH_CORE_TOTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOTP_STEP_MS 30000   /* RFC 6238's default time step */
#define TOTP_DIGITS 6        /* what the apps show */
#define TOTP_SECRET_BYTES 20 /* 160 bits, RFC 4226's recommendation */
#define TOTP_BASE32_MAX 64   /* base32 of up to 40 bytes, with its NUL */

void totp_sha1(const uint8_t *msg, size_t len, uint8_t out[20]);
void totp_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *msg, size_t len, uint8_t out[20]);
/* RFC 4226's HOTP value of counter: digits (6 to 8) decimal digits, as a number. */
uint32_t totp_hotp(const uint8_t *key, size_t key_len, uint64_t counter, int digits);
/* The time step of now_ms (Unix milliseconds; before 1970 is step 0). */
int64_t totp_step(int64_t now_ms);
/* Whether code (TOTP_DIGITS digits, nothing else) is the key's code for the step of
 * now_ms or the one before or after (a clock off by up to 30 s either way), and that
 * step is after last_step (a code is good once: the caller keeps *step, the step it
 * matched, as the account's new last step). Every step of the window is computed and
 * compared, so the time taken does not say which matched. */
bool totp_check(const uint8_t *key, size_t key_len, int64_t now_ms, const char *code, int64_t last_step,
		int64_t *step);
/* RFC 4648 base32 without padding (out: at least TOTP_BASE32_MAX for up to 40 bytes);
 * decoding takes capitals or small letters, skips spaces and '=' and returns the bytes
 * written, or -1 on another character or more than out_size bytes. */
void totp_base32(const uint8_t *in, size_t len, char *out, size_t out_size);
int totp_base32_decode(const char *in, uint8_t *out, size_t out_size);
#endif
