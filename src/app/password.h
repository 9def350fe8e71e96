/* password.h: the clinic's password rules and their hashing, written once for the
 * terminal and the web. Rules (OWASP ASVS 5.0 6.2, NIST SP 800-63B): at least 8
 * characters, up to 4096 bytes (no cap near 64), any characters (valid UTF-8, no
 * control characters), no composition rules; refused when it is one of the most
 * common passwords (a word list the front end loads), the login name or the person's
 * name, or one character repeated. Hashing: argon2id from libsodium
 * (crypto_pwhash_str), at a cost chosen by measurement (bench/password/run.sh). */
#ifndef UNHUNCH_APP_PASSWORD_H
#define UNHUNCH_APP_PASSWORD_H
#include "core/strbuf.h"
#include "core/wordlist.h"
#include <stdbool.h>
#include <stddef.h>

#define APP_PASSWORD_MIN 8      /* characters */
#define APP_PASSWORD_MAX 4096   /* bytes */
#define APP_PASSWORD_HASH_MAX 128 /* bytes of a hash string with its NUL (crypto_pwhash_STRBYTES) */

/* argon2id's cost: passes over memlimit bytes (one lane, as libsodium does). */
struct app_pwhash {
	unsigned long long opslimit;
	size_t memlimit;
};
/* The cost new hashes get (password.c says how it was chosen); a stored hash of
 * another cost is made again at the next correct password (app_password_verify). */
extern const struct app_pwhash app_pwhash_default;

enum app_password_problem {
	PW_OK,
	PW_SHORT,      /* fewer than APP_PASSWORD_MIN characters */
	PW_LONG,       /* more than APP_PASSWORD_MAX bytes */
	PW_NOT_TEXT,   /* not UTF-8, or a control character */
	PW_COMMON,     /* one of the most common passwords */
	PW_NAME,       /* the login name or the person's name */
	PW_REPEATED,   /* one character repeated */
};

/* Check a new password (pw[0..len), not NUL-terminated necessarily) against the
 * rules; common may be NULL only in tests that say so. login and name may be NULL. */
enum app_password_problem app_password_check(const char *pw, size_t len, const struct wordlist *common,
					     const char *login, const char *name);
/* What is wrong, in plain words, for the person choosing it. */
const char *app_password_problem_text(enum app_password_problem p);

/* Hash pw into out (APP_PASSWORD_HASH_MAX bytes); 0, or -1 with err (out of memory). */
int app_password_hash(const char *pw, size_t len, const struct app_pwhash *cost, char out[APP_PASSWORD_HASH_MAX],
		      struct strbuf *err);
/* Whether pw matches hash (in constant time for a given hash). */
bool app_password_matches(const char *hash, const char *pw, size_t len);
/* Whether hash was made at another cost than cost (or is not an argon2id hash). */
bool app_password_stale(const char *hash, const struct app_pwhash *cost);

#endif
