/* afx.h: the fixture of the store conformance suite's clinic tests (accounts.c,
 * logins.c, and the clinic's later tables): a store on the backend UNHUNCH_TEST_STORE
 * names (a fresh SQLite file, or the shared PostgreSQL database, never emptied), a
 * handle acting for the database, and names and hashes unique to one test of one run. */
#ifndef UNHUNCH_TEST_STORE_AFX_H
#define UNHUNCH_TEST_STORE_AFX_H
#include <stdbool.h>
#include <stdint.h>
#include "core/strbuf.h"
#include "store/store.h"

/* Two argon2id hashes in the PHC format (no password matches them). */
#define AFX_HASH "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"
#define AFX_HASH2 "$argon2id$v=19$m=65536,t=2,p=1$b3RoZXJzYWx0b3RoZXI$b3RoZXJoYXNob3RoZXJoYXNob3RoZXJoYXNob3RoZXI"

struct afx {
	char dir[64];
	char *location;
	bool shared;
	struct store_db *db;
	struct store *s; /* the acting handle: account operations are the database's */
	char tag[32];    /* unique to this test of this run: login names and tokens carry it */
	int serial;
	struct strbuf err;
};

/* Fail the test with the call and the store's message when call does not return 0. */
#define OK(call)                                                                 \
	do {                                                                     \
		strbuf_reset(&f->err);                                           \
		if ((call) != 0)                                                 \
			fail_msg("%s: %s", #call, strbuf_str(&f->err));         \
	} while (0)

/* cmocka's setup and teardown: *state is the struct afx. */
int afx_setup(void **state);
int afx_teardown(void **state);
/* A login name of this test, "<what>-<tag>" (free it). */
char *afx_login(struct afx *f, const char *what);
/* A token or session hash of this test, new at each call (free it). */
char *afx_hash(struct afx *f);
/* An account row with AFX_HASH, made at 1000 ms (login and name are borrowed). */
struct account_row afx_account(char *login, enum account_role role, const char *name);
/* A new trainer account of this test; its id. */
int64_t afx_add_trainer(struct afx *f, const char *what);
#endif
