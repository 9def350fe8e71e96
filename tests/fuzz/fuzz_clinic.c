/* fuzz_clinic.c: libFuzzer harness for clinic mode's authenticated API, through the
 * route table without a socket, as server.c wires it (a store handle per request bound
 * to the session's person, the handle of no one for the login steps). Every request
 * arrives with the live session of client A (its cookie first among the headers; the
 * word TOKEN in an X-CSRF-Token header or a csrf= form field stands for A's CSRF token),
 * in a store that also holds client B's records. The input is a request as text, as
 * for fuzz_http: a request line, headers, a blank line, the body. After each input: no
 * 5xx, the security headers, no answer showing anything of B's (B's name, login or
 * the marker in B's note), and B's records exactly as they were (B's whole backup,
 * compared as JSON). A's own session is made again when an input ended it. */
#include "app/accounts.h"
#include "app/backup.h"
#include "app/login.h"
#include "content/load.h"
#include "core/strbuf.h"
#include "format/backup-json.h"
#include "http/handler.h"
#include "store/store.h"
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW_MS 1796000000000LL
/* B's marks, made at random for each run (in B's name and note, and B's login name):
 * never in an answer to A unless A's own request wrote them. Looked for by a plain loop
 * rather than memmem or strstr, whose arguments libFuzzer learns and would then write. */
static char b_mark[24], b_login[24];

static struct catalog content;
static struct server srv;
static struct store_db *db;
static struct store *nobody, *as_b;
static struct app_clinic clinic = { NULL, { 1, 8192 } }; /* libsodium's least cost: fast logins */
static char a_id[APP_SESSION_ID_LEN + 1], a_hash[2 * crypto_generichash_BYTES + 1];
static int64_t a_account;
static struct strbuf b_before = STRBUF_INIT;

__attribute__((noreturn)) static void die(const char *what, const struct strbuf *err)
{
	fprintf(stderr, "fuzz_clinic: %s: %s\n", what, err && err->len ? err->buf : "");
	abort();
}

static struct store *bound_store(struct req *rq, struct strbuf *err)
{
	return req_bound_store(rq, db, err);
}

static struct store *no_one(struct req *rq, struct strbuf *err)
{
	(void)rq;
	(void)err;
	return nobody;
}

/* B's records as they stand: B's whole backup as JSON. */
static void b_records(struct strbuf *out)
{
	struct strbuf err = STRBUF_INIT;
	struct backup b;
	strbuf_reset(out);
	if (backup_load(as_b, &b, &err) || format_backup_json(&b, out, &err))
		die("read B's records", &err);
	backup_release(&b);
	strbuf_release(&err);
}

static int64_t add_client(struct store *op, const char *login, const char *name, const char *pw)
{
	struct strbuf err = STRBUF_INIT;
	char hash[APP_PASSWORD_HASH_MAX];
	if (app_password_hash(pw, strlen(pw), &clinic.cost, hash, &err))
		die("hash", &err);
	struct account_row a = { 0, ROLE_CLIENT, (char *)login, (char *)name, hash, NOW_MS - 1000, 0 };
	if (op->ops->account_add(op, &a, 0, &err))
		die("add an account", &err);
	strbuf_release(&err);
	return a.id;
}

/* A's session, live at NOW_MS: made once by a real login, kept by its hash after */
static void a_session(void)
{
	struct strbuf err = STRBUF_INIT;
	struct login_row row;
	bool found = false;
	if (*a_hash && (nobody->ops->login_get(nobody, a_hash, &row, &found, &err), found)) {
		login_row_release(&row);
		strbuf_release(&err);
		return;
	}
	if (*a_hash) { /* ended by an input (a logout): the same id again, as A */
		struct store *me;
		struct login_row again = { a_hash, a_account, NOW_MS, NOW_MS, false };
		if (store_bind(&me, db, a_account, &err) || me->ops->login_add(me, &again, &err))
			die("A's session again", &err);
		store_close(me);
		strbuf_release(&err);
		return;
	}
	struct app_ctx ctx = { nobody, &content, NOW_MS, NULL };
	struct app_login in;
	static const char pw[] = "fuzz client a's password";
	if (app_login(&ctx, &clinic, "fuzz-a", pw, strlen(pw), "127.0.0.1", &in, &err) != APP_LOGIN_OK)
		die("A's login", &err);
	memcpy(a_id, in.id, sizeof(a_id));
	a_account = in.account.id;
	account_row_release(&in.account);
	unsigned char h[crypto_generichash_BYTES];
	crypto_generichash(h, sizeof(h), (const unsigned char *)a_id, strlen(a_id), NULL, 0);
	sodium_bin2hex(a_hash, sizeof(a_hash), h, sizeof(h));
	strbuf_release(&err);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diags d;
	struct strbuf err = STRBUF_INIT;
	diags_init(&d);
	catalog_init(&content);
	content_load_dir(&content, UNHUNCH_SRC_DATADIR, &d);
	catalog_check_refs(&content, &d);
	catalog_drop_broken(&content);
	diags_release(&d);
	static char dir[] = "/tmp/unhunch-fuzz-clinic-XXXXXX";
	char loc[64];
	struct store *op;
	if (sodium_init() < 0 || !mkdtemp(dir) || snprintf(loc, sizeof(loc), "%s/unhunch.db", dir) < 0 ||
	    store_db_open(&db, loc, 0, &err) || store_bind(&op, db, STORE_LOCAL_PERSON, &err) ||
	    store_bind_no_one(&nobody, db, &err) || server_init(&srv, "127.0.0.1", 8750, &err))
		die("start", &err);
	add_client(op, "fuzz-a", "Client A", "fuzz client a's password");
	unsigned char pw[24];
	char b_pw[64];
	randombytes_buf(pw, sizeof(pw)); /* B's password: no input can know it */
	sodium_bin2hex(b_pw, sizeof(b_pw), pw, sizeof(pw));
	unsigned char r[8];
	randombytes_buf(r, sizeof(r));
	snprintf(b_mark, sizeof(b_mark), "Bm");
	sodium_bin2hex(b_mark + 2, sizeof(b_mark) - 2, r, sizeof(r));
	randombytes_buf(r, sizeof(r));
	snprintf(b_login, sizeof(b_login), "b");
	sodium_bin2hex(b_login + 1, sizeof(b_login) - 1, r, sizeof(r));
	char b_name[64], b_note[64];
	snprintf(b_name, sizeof(b_name), "Bee %s", b_mark);
	snprintf(b_note, sizeof(b_note), "B's own note %s", b_mark);
	int64_t b = add_client(op, b_login, b_name, b_pw);
	store_close(op);
	if (store_bind(&as_b, db, b, &err))
		die("bind B", &err);
	/* B's records: a check-in with the marker, a session */
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-12-01");
	c.at_ms = NOW_MS - 86400000LL;
	c.pain = 6;
	c.note = b_note;
	struct session_row s = { 0, (char *)"upper-back", NOW_MS - 3600000LL, 0, SESSION_RUNNING, 4, -1,
				 (char *)"content", 0, 0, 0 };
	if (as_b->ops->checkin_add(as_b, &c, &err) || as_b->ops->session_begin(as_b, &s, &err))
		die("B's records", &err);
	b_records(&b_before);
	srv.content = &content;
	srv.n_content_dirs = 0;
	srv.version = "fuzz";
	srv.clinic = true;
	srv.accounts = &clinic;
	a_session();
	strbuf_release(&err);
	return 0;
}

/* The next line of text (up to \n, without \r\n); NULL at the end. */
static char *line(char **p, char *end)
{
	if (*p >= end)
		return NULL;
	char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	char *e = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	if (e > s && e[-1] == '\r')
		e--;
	*e = '\0';
	return s;
}

/* Whether s (n bytes) holds mark, ASCII letters of either case alike. */
static bool holds(const char *s, size_t n, const char *mark)
{
	size_t m = strlen(mark);
	for (size_t i = 0; s && i + m <= n; i++) {
		size_t k = 0;
		while (k < m && (s[i + k] | 0x20) == (mark[k] | 0x20))
			k++;
		if (k == m)
			return true;
	}
	return false;
}

/* The answer shows one of B's marks that the request (as sent, or its decoded path and
 * query) did not write itself. */
static bool shows_b(const struct req *rq, const uint8_t *data, size_t size)
{
	const char *const b[] = { b_mark, b_login };
	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
		bool written = holds((const char *)data, size, b[i]) || holds(rq->path, strlen(rq->path), b[i]);
		for (size_t q = 0; q < rq->n_query && !written; q++)
			written = holds(rq->query[q].value, strlen(rq->query[q].value), b[i]) ||
				  holds(rq->query[q].name, strlen(rq->query[q].name), b[i]);
		if (written)
			continue;
		if (holds(rq->out, rq->out_len, b[i]))
			return true;
		for (size_t h = 0; h < rq->n_resp_headers; h++)
			if (holds(rq->resp_headers[h].value, strlen(rq->resp_headers[h].value), b[i]))
				return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char *p = text, *end = text + size;
	char *first = line(&p, end);
	char *sp = first ? strchr(first, ' ') : NULL;
	if (!sp) {
		free(text);
		return 0;
	}
	*sp = '\0';
	char *target = sp + 1, *sp2 = strchr(target, ' ');
	if (sp2)
		*sp2 = '\0';
	char *query = strchr(target, '?');
	if (query)
		*query++ = '\0';
	url_decode(target, strlen(target), false);

	a_session();
	char csrf[APP_CSRF_LEN + 1];
	app_session_csrf(a_id, csrf);
	struct req rq;
	req_init(&rq, &srv, NOW_MS, first, target);
	rq.store_get = bound_store;
	rq.db_get = no_one;
	snprintf(rq.addr, sizeof(rq.addr), "127.0.0.1");
	char cookie[96];
	snprintf(cookie, sizeof(cookie), SESSION_COOKIE "=%s", a_id);
	req_add_header(&rq, "Cookie", cookie); /* the first Cookie header is the one read */
	for (char *h; (h = line(&p, end)) && *h;) {
		char *colon = strchr(h, ':');
		if (!colon)
			continue;
		*colon = '\0';
		const char *v = colon + 1 + (colon[1] == ' ');
		req_add_header(&rq, h, !strcmp(v, "TOKEN") ? csrf : v);
	}
	for (char *pair = query ? strtok(query, "&") : NULL; pair; pair = strtok(NULL, "&")) {
		char *eq = strchr(pair, '=');
		if (eq)
			*eq++ = '\0';
		url_decode(pair, strlen(pair), true);
		if (eq)
			url_decode(eq, strlen(eq), true);
		req_add_query(&rq, pair, eq);
	}
	struct strbuf body = STRBUF_INIT;
	const char *b = p < end ? p : "";
	for (const char *t; (t = strstr(b, "csrf=TOKEN"));) {
		strbuf_add(&body, b, (size_t)(t - b));
		strbuf_addf(&body, "csrf=%s", csrf);
		b = t + 10;
	}
	strbuf_add(&body, b, p < end ? (size_t)(end - b) : 0);
	http_handle(&rq, body.buf, body.len);
	if (rq.status >= 500 || rq.status < 200 || !resp_header(&rq, "Content-Security-Policy")) {
		fprintf(stderr, "fuzz_clinic: %s %s answered %d\n", rq.method, rq.path, rq.status);
		abort();
	}
	if (shows_b(&rq, data, size)) {
		fprintf(stderr, "fuzz_clinic: %s %s (%d) showed B's data to A:\n%.*s\n", rq.method, rq.path, rq.status,
			(int)(rq.out_len > 2000 ? 2000 : rq.out_len), rq.out ? rq.out : "");
		abort();
	}
	strbuf_release(&body);
	req_release(&rq);
	free(text);
	struct strbuf now = STRBUF_INIT;
	b_records(&now);
	if (now.len != b_before.len || memcmp(now.buf, b_before.buf, now.len)) {
		fprintf(stderr, "fuzz_clinic: B's records changed:\nbefore: %s\nafter: %s\n", b_before.buf, now.buf);
		abort();
	}
	strbuf_release(&now);
	return 0;
}
