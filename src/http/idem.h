/* idem.h: idempotency keys for the API's writes (the Idempotency-Key header of the web
 * player's steps and of check-ins): the key's form, a digest of the request to tell a
 * repeat from another request under the same key, the first answer kept under the key
 * (in the same batch as the request's rows), and a repeat answered with it. */
#ifndef UNHUNCH_HTTP_IDEM_H
#define UNHUNCH_HTTP_IDEM_H
#include "http/handler.h"
#include "store/store.h"

/* 1 to 100 letters, digits, '_', '.', ':' or '-'. */
bool idem_key_ok(const char *key);
/* A key given (not NULL) that is not of that form: answered 400 bad_key, true. */
bool idem_key_refused(struct req *rq, const char *key);
/* A digest of the checked input in one canonical form (64 hex digits). */
void idem_request_hash(const json_t *input, char hex[65]);
/* Answer a repeat with the first answer (Idempotent-Replayed: true), or 409 key_reused
 * when hash is not the first request's. */
void idem_replay(struct req *rq, const struct idem_row *first, const char *hash);

#endif
