/* pass-sign.h: the server's side of the web player's pass (core/pass.h): the key it
 * signs with, kept in the data folder, and the token signed and checked with libsodium's
 * crypto_auth (HMAC-SHA-512-256).
 *
 * The key is kept (a file of 32 random bytes, mode 0600, next to the store) rather than
 * made at each start: the player's outbox sends a session's sets when the server is
 * back, often after a restart (the phone finished the session with the server down),
 * and a new key would make every pass given before it unverifiable, so those sets
 * would be refused. The file is made once, atomically (written aside, then linked into
 * place, so two servers starting at once agree on one key and a crash leaves no half
 * key); one that is readable by others or not 32 bytes long stops the start. */
#ifndef UNHUNCH_HTTP_PASS_SIGN_H
#define UNHUNCH_HTTP_PASS_SIGN_H
#include "core/pass.h"
#include <stddef.h>

struct strbuf;

#define PASS_KEY_BYTES 32
#define PASS_KEY_FILE "pass.key"

/* Read the key from dir/pass.key, making it first when there is none. Returns 0, or -1
 * with err naming the file and what is wrong. */
int pass_key_load(const char *dir, unsigned char key[PASS_KEY_BYTES], struct strbuf *err);

/* The token of claims c (c->id is filled with a new random id): the payload, ".", and
 * its MAC (URL-safe base64 without padding). */
void pass_sign(const unsigned char key[PASS_KEY_BYTES], struct pass_claims *c, struct strbuf *token);

/* Read a token and check its MAC. Returns 0 with the claims, or -1 with err saying
 * what is wrong (in plain words; a token this server did not sign says so). */
int pass_verify(const unsigned char key[PASS_KEY_BYTES], const char *token, struct pass_claims *out,
		struct strbuf *err);

#endif
