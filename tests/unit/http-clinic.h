/* http-clinic.h: the server in clinic mode without a socket, for the login and the
 * authorization matrix tests: http-fx.h's server with one database whose requests are
 * each bound to their person, the clinic's people (an admin, two trainers, a client of
 * each), each logged in through POST /login with their cookie and CSRF token kept. */
#ifndef UNHUNCH_TEST_HTTP_CLINIC_H
#define UNHUNCH_TEST_HTTP_CLINIC_H
#include "http-fx.h"
#include "app/accounts.h"
#include "app/login.h"
#include <jansson.h>

#define PW "correct horse battery"

/* Who asks: no one, client A, client B, A's trainer, another trainer (B's), the admin. */
enum actor { ANON, CLIENT_A, CLIENT_B, TRAINER_A, TRAINER_B, ADMIN, N_ACTORS };
static const char *const actor_names[N_ACTORS] = { "anonymous", "client A", "client B", "A's trainer",
						   "another trainer", "admin" };
static const char *const actor_logins[N_ACTORS] = { NULL, "cleo", "cai", "tess", "tom", "ada" };

struct actor_keys {
	int64_t id;
	char cookie[128]; /* "Cookie: __Host-unhunch=..." ("" for no one) */
	char tok[160];    /* "X-CSRF-Token: ..." */
};

static struct app_clinic hcx_cheap; /* libsodium's least cost: the rules are the same */
static struct actor_keys hcx[N_ACTORS];

/* Log actor in through POST /login; its keys kept in hcx[a]. The status. */
static inline int hcx_login(struct hfx *f, enum actor a)
{
	struct req rq;
	char body[160];
	snprintf(body, sizeof(body), "{\"login\":\"%s\",\"password\":\"%s\"}", actor_logins[a], PW);
	hfx_send(f, &rq, "POST", "/login", body, JSON, "Origin: " ORIGIN, NULL);
	int status = rq.status;
	if (status == 200) {
		const char *set = resp_header(&rq, "Set-Cookie");
		snprintf(hcx[a].cookie, sizeof(hcx[a].cookie), "Cookie: %.*s", (int)strcspn(set, ";"), set);
		json_t *v = hfx_json(&rq);
		snprintf(hcx[a].tok, sizeof(hcx[a].tok), "X-CSRF-Token: %s",
			 json_string_value(json_object_get(v, "csrf_token")));
		hcx[a].id = json_integer_value(json_object_get(json_object_get(v, "account"), "id"));
	}
	req_release(&rq);
	return status;
}

static inline int64_t hcx_client(struct hfx *f, struct app_ctx *ctx, int64_t trainer, const char *login,
				 const char *name)
{
	char token[APP_INVITE_TOKEN_LEN + 1];
	struct invite_row inv;
	struct account_row c;
	struct strbuf err = STRBUF_INIT;
	(void)f;
	if (app_clinic_invite(ctx, trainer, name, 7, token, &inv, &err) != CLINIC_OK ||
	    app_clinic_accept(ctx, &hcx_cheap, token, login, PW, strlen(PW), &c, &err) != CLINIC_OK) {
		fprintf(stderr, "client %s: %s\n", login, err.buf);
		return 0;
	}
	invite_row_release(&inv);
	int64_t id = c.id;
	account_row_release(&c);
	strbuf_release(&err);
	return id;
}

/* hfx_setup() in clinic mode with the clinic's people, each logged in. */
static inline int hcx_setup(void **state)
{
	if (hfx_setup(state))
		return -1;
	struct hfx *f = *state;
	struct strbuf err = STRBUF_INIT;
	hcx_cheap = (struct app_clinic){ NULL, { 1, 8192 } };
	f->srv.clinic = true;
	f->srv.accounts = &hcx_cheap;
	if (store_db_open(&f->cdb, f->db, 0, &err) || store_bind(&f->wide, f->cdb, STORE_LOCAL_PERSON, &err)) {
		fprintf(stderr, "store: %s\n", err.buf);
		return -1;
	}
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { f->wide, &f->content, NOW_MS, &utc };
	struct account_row a;
	if (app_clinic_init(&ctx, &hcx_cheap, "ada", "Ada Admin", PW, strlen(PW), &a, &err) != CLINIC_OK)
		return -1;
	int64_t ada = a.id;
	account_row_release(&a);
	int64_t trainer[2];
	const char *tl[2] = { "tess", "tom" };
	for (int i = 0; i < 2; i++) {
		if (app_clinic_add_trainer(&ctx, &hcx_cheap, ada, tl[i], "A Trainer", PW, strlen(PW), &a, &err) !=
		    CLINIC_OK)
			return -1;
		trainer[i] = a.id;
		account_row_release(&a);
	}
	if (!hcx_client(f, &ctx, trainer[0], "cleo", "Cleo Client") ||
	    !hcx_client(f, &ctx, trainer[1], "cai", "Cai Client"))
		return -1;
	strbuf_release(&err);
	memset(hcx, 0, sizeof(hcx));
	for (int i = 1; i < N_ACTORS; i++)
		if (hcx_login(f, (enum actor)i) != 200) {
			fprintf(stderr, "login of %s failed\n", actor_logins[i]);
			return -1;
		}
	return 0;
}
#endif
