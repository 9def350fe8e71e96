/* recovery.c: a second factor's recovery codes (recovery.h): random letters from
 * libsodium, kept by the store as a BLAKE2b digest of each (80 random bits a code: no
 * slow hash is needed to keep a stolen digest from being turned back into its code,
 * and the digest can be looked up, so taking a code is one statement of the store). */
#include "app/recovery.h"
#include <ctype.h>
#include <sodium.h>
#include <string.h>

/* No 0, 1, l or o: nothing to mistake when it is typed from paper. */
static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
_Static_assert(sizeof(alphabet) - 1 == 32, "5 bits a letter");

/* code in its plain form (small letters, no dashes or spaces) into out; false when it is
 * not a code's shape. */
static bool plain(const char *code, char out[APP_RECOVERY_CHARS + 1])
{
	size_t n = 0;
	for (const char *c = code ? code : ""; *c; c++) {
		if (*c == '-' || *c == ' ')
			continue;
		char l = (char)tolower((unsigned char)*c);
		if (!l || !strchr(alphabet, l) || n == APP_RECOVERY_CHARS)
			return false;
		out[n++] = l;
	}
	out[n] = 0;
	return n == APP_RECOVERY_CHARS;
}

static void digest(const char plain_code[APP_RECOVERY_CHARS + 1], char hex[STORE_RECOVERY_HASH_HEX + 1])
{
	static const char context[] = "unhunch recovery code";
	unsigned char d[STORE_RECOVERY_HASH_HEX / 2];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof(d));
	crypto_generichash_update(&st, (const unsigned char *)context, sizeof(context));
	crypto_generichash_update(&st, (const unsigned char *)plain_code, APP_RECOVERY_CHARS);
	crypto_generichash_final(&st, d, sizeof(d));
	sodium_bin2hex(hex, STORE_RECOVERY_HASH_HEX + 1, d, sizeof(d));
}

bool app_recovery_shape(const char *text)
{
	char p[APP_RECOVERY_CHARS + 1];
	return plain(text, p);
}

enum app_clinic_status app_recovery_issue(const struct app_ctx *ctx, int64_t account, struct app_recovery *out,
					  struct strbuf *err)
{
	char hex[APP_RECOVERY_CODES][STORE_RECOVERY_HASH_HEX + 1];
	const char *hashes[APP_RECOVERY_CODES];
	for (size_t i = 0; i < APP_RECOVERY_CODES; i++) {
		char p[APP_RECOVERY_CHARS + 1];
		size_t n = 0;
		for (size_t k = 0; k < APP_RECOVERY_CHARS; k++) {
			p[k] = alphabet[randombytes_uniform(32)];
			if (k && k % 4 == 0)
				out->code[i][n++] = '-';
			out->code[i][n++] = p[k];
		}
		p[APP_RECOVERY_CHARS] = 0;
		out->code[i][n] = 0;
		digest(p, hex[i]);
		hashes[i] = hex[i];
		sodium_memzero(p, sizeof(p));
	}
	return ctx->store->ops->recovery_put(ctx->store, account, hashes, APP_RECOVERY_CODES, err) ? CLINIC_FAILED
												    : CLINIC_OK;
}

enum app_clinic_status app_recovery_take(const struct app_ctx *ctx, int64_t account, const char *code, bool *ok,
					 struct strbuf *err)
{
	char p[APP_RECOVERY_CHARS + 1], hex[STORE_RECOVERY_HASH_HEX + 1];
	*ok = false;
	if (!plain(code, p))
		return CLINIC_OK;
	digest(p, hex);
	sodium_memzero(p, sizeof(p));
	return ctx->store->ops->recovery_use(ctx->store, account, hex, ctx->now_ms, ok, err) ? CLINIC_FAILED : CLINIC_OK;
}

enum app_clinic_status app_recovery_left(const struct app_ctx *ctx, int64_t account, int *left, struct strbuf *err)
{
	return ctx->store->ops->recovery_left(ctx->store, account, left, err) ? CLINIC_FAILED : CLINIC_OK;
}
