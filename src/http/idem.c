/* idem.c: idempotency keys for the API's writes (idem.h). */
#include "http/idem.h"
#include "core/strbuf.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

bool idem_key_ok(const char *k)
{
	size_t n = k ? strlen(k) : 0;
	return n >= 1 && n <= 100 &&
	       strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-") == n;
}

bool idem_key_refused(struct req *rq, const char *key)
{
	if (idem_key_ok(key))
		return false;
	reply_error(rq, 400, "bad_key", NULL, "the Idempotency-Key must be 1 to 100 letters, digits, '_', '.', ':' or '-'");
	return true;
}

void idem_request_hash(const json_t *input, char hex[65])
{
	char *text = json_dumps(input, JSON_COMPACT | JSON_SORT_KEYS);
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)text, text ? strlen(text) : 0, NULL, 0);
	free(text);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

void idem_replay(struct req *rq, const struct idem_row *first, const char *hash)
{
	if (strcmp(first->request_hash, hash)) {
		reply_error(rq, 409, "key_reused", NULL, "this Idempotency-Key was used for another request");
		return;
	}
	resp_add_header(rq, "Idempotent-Replayed", "true");
	char *body = arena_strdup(&rq->arena, first->answer);
	reply(rq, first->status, "application/json", body, strlen(body));
}
