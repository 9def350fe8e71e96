/* password.c: the clinic's password rules and argon2id hashing (password.h).
 *
 * The cost: bench/password/run.sh times crypto_pwhash_str on this project's machine
 * beside libsodium's presets; docs/clinic.md has the figures. 3 passes over 64 MiB
 * take about 0.29 s of CPU a hash there (INTERACTIVE, 2 x 64 MiB: 0.23 s; MODERATE,
 * 3 x 256 MiB: 1.4 s); OWASP ASVS 5.0 appendix C asks at least 2 passes over 19 MiB.
 * A server hashing for N logins at once needs N x 64 MiB. */
#include "app/password.h"
#include "core/utf8.h"
#include <sodium.h>
#include <string.h>

_Static_assert(APP_PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "the hash string's size");

const struct app_pwhash app_pwhash_default = {
	.opslimit = 3,
	.memlimit = 64u * 1024 * 1024,
};

static bool same_ignoring_case(const char *a, size_t alen, const char *b)
{
	if (!b || strlen(b) != alen)
		return false;
	for (size_t i = 0; i < alen; i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

/* One character (its UTF-8 bytes) again and again. */
static bool one_repeated(const char *pw, size_t len)
{
	size_t step = 1;
	while (step < len && ((unsigned char)pw[step] & 0xC0) == 0x80)
		step++;
	if (len % step)
		return false;
	for (size_t i = step; i < len; i += step)
		if (memcmp(pw, pw + i, step))
			return false;
	return true;
}

/* One of the common passwords, or one with digits or signs added at its end (the
 * change people make most: "letmein1", "sunshine2024!"). */
static bool common_password(const struct wordlist *common, const char *pw, size_t len)
{
	if (wordlist_has(common, pw, len))
		return true;
	size_t base = len;
	while (base > 0 && strchr("0123456789!?.,;:_-+*#$%&@~^=/\\|'\" ", pw[base - 1]))
		base--;
	return base >= 4 && base < len && wordlist_has(common, pw, base);
}

enum app_password_problem app_password_check(const char *pw, size_t len, const struct wordlist *common,
					     const char *login, const char *name)
{
	if (len > APP_PASSWORD_MAX)
		return PW_LONG;
	if (memchr(pw, 0, len) || !utf8_valid(pw, len, NULL))
		return PW_NOT_TEXT;
	char buf[APP_PASSWORD_MAX + 1];
	memcpy(buf, pw, len);
	buf[len] = 0;
	enum app_password_problem p = PW_OK;
	if (utf8_control(buf, false))
		p = PW_NOT_TEXT;
	else if (utf8_chars(buf) < APP_PASSWORD_MIN)
		p = PW_SHORT;
	else if (common_password(common, pw, len))
		p = PW_COMMON;
	else if (same_ignoring_case(pw, len, login) || same_ignoring_case(pw, len, name))
		p = PW_NAME;
	else if (one_repeated(pw, len))
		p = PW_REPEATED;
	sodium_memzero(buf, sizeof(buf));
	return p;
}

const char *app_password_problem_text(enum app_password_problem p)
{
	switch (p) {
	case PW_OK:
		return "the password is fine";
	case PW_SHORT:
		return "the password is too short: use at least 8 characters (a few words make a good one)";
	case PW_LONG:
		return "the password is too long: use at most 4096 bytes";
	case PW_NOT_TEXT:
		return "the password has a character that cannot be typed (a control character or broken text)";
	case PW_COMMON:
		return "that password is one of the most common ones (or one with digits added), which are "
		       "tried first: choose another";
	case PW_NAME:
		return "the password is the login name or the person's name: choose another";
	case PW_REPEATED:
		return "the password is one character repeated: choose another";
	}
	return "the password is refused";
}

int app_password_hash(const char *pw, size_t len, const struct app_pwhash *cost, char out[APP_PASSWORD_HASH_MAX],
		      struct strbuf *err)
{
	if (sodium_init() < 0) {
		strbuf_addstr(err, "the cryptography library could not start");
		return -1;
	}
	if (crypto_pwhash_str(out, pw, len, cost->opslimit, cost->memlimit) != 0) {
		strbuf_addf(err, "could not hash the password: not enough memory (it takes %zu MiB)",
			    cost->memlimit >> 20);
		return -1;
	}
	return 0;
}

bool app_password_matches(const char *hash, const char *pw, size_t len)
{
	return sodium_init() >= 0 && hash && crypto_pwhash_str_verify(hash, pw, len) == 0;
}

bool app_password_stale(const char *hash, const struct app_pwhash *cost)
{
	return sodium_init() < 0 || !hash ||
	       crypto_pwhash_str_needs_rehash(hash, cost->opslimit, cost->memlimit) != 0;
}
