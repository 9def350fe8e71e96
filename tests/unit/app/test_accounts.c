/* test_accounts.c: the clinic's account rules (app/accounts.c, app/password.c): the
 * first admin once, unique login names, who may invite, invitations that expire and
 * work once, the password rules (short, common, the name, repeated refused; long and
 * any characters accepted), and the login with its hash made again at a new cost. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/accounts.h"
#include "format/wordlist-read.h"
#include "store-fx.h"
#include <string.h>

#define NOW 1780000000000LL
#define DAY (24LL * 3600 * 1000)
#define GOOD "correct horse battery"

static struct wordlist common;
/* Most tests hash at libsodium's least cost (the rules are the same); the login test
 * uses the real one. */
static struct app_clinic cheap;

static int group_setup(void **state)
{
	(void)state;
	struct strbuf err = STRBUF_INIT;
	if (wordlist_read(&common, "/usr/share/john/password.lst", &err)) {
		fprintf(stderr, "%s (scripts/deps.sh installs john-data)\n", strbuf_str(&err));
		return -1;
	}
	strbuf_release(&err);
	cheap = (struct app_clinic){ &common, { 1, 8192 } };
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	wordlist_release(&common);
	return 0;
}

static struct app_ctx ctx_at(struct fx *f, int64_t now)
{
	static struct tz utc;
	utc = tz_fixed(0);
	return (struct app_ctx){ f->s, NULL, now, &utc };
}

static int64_t make(struct fx *f, enum account_role role, const char *login)
{
	struct app_ctx ctx = ctx_at(f, NOW);
	struct account_row a = { 0 };
	strbuf_reset(&f->err);
	if (role == ROLE_ADMIN) {
		assert_int_equal(app_clinic_init(&ctx, &cheap, login, "Ada Admin", GOOD, strlen(GOOD), &a, &f->err),
				 CLINIC_OK);
	} else {
		int64_t admin;
		assert_int_equal(app_clinic_account_id(&ctx, "ada", &admin, &f->err), CLINIC_OK);
		assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, admin, login, "Tess Trainer", GOOD, strlen(GOOD),
							&a, &f->err),
				 CLINIC_OK);
	}
	int64_t id = a.id;
	account_row_release(&a);
	return id;
}

static void test_first_admin_once(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = ctx_at(f, NOW);
	struct account_row a;
	assert_int_equal(app_clinic_init(&ctx, &cheap, "Ada", "Ada Admin", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	assert_int_equal(a.role, ROLE_ADMIN);
	assert_string_equal(a.login, "ada"); /* login names are lowercased */
	assert_true(a.id > STORE_LOCAL_PERSON);
	assert_int_equal(strncmp(a.password_hash, "$argon2id$", 10), 0);
	assert_null(strstr(a.password_hash, GOOD));
	assert_true(app_password_matches(a.password_hash, GOOD, strlen(GOOD)));
	assert_false(app_password_matches(a.password_hash, "correct horse batterY", strlen(GOOD)));
	account_row_release(&a);
	assert_int_equal(app_clinic_init(&ctx, &cheap, "bob", "Bob", GOOD, strlen(GOOD), &a, &f->err),
			 CLINIC_HAS_ACCOUNTS);
}

static void test_duplicate_login(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = ctx_at(f, NOW);
	int64_t admin = make(f, ROLE_ADMIN, "ada");
	make(f, ROLE_TRAINER, "tess");
	struct account_row a = { 0 };
	assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, admin, "TESS", "Another Tess", GOOD, strlen(GOOD), &a,
						&f->err),
			 CLINIC_LOGIN_TAKEN);
	assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, admin, "ada", "Ada Again", GOOD, strlen(GOOD), &a, &f->err),
			 CLINIC_LOGIN_TAKEN);
	/* bad names, each with a reason naming the field */
	const char *bad[] = { "ab", "-tess", "te ss", "tess!", "tëss", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strbuf_reset(&f->err);
		assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, admin, bad[i], "Name", GOOD, strlen(GOOD), &a, &f->err),
				 CLINIC_BAD_INPUT);
		assert_non_null(strstr(strbuf_str(&f->err), "login name"));
	}
	strbuf_reset(&f->err);
	assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, admin, "newt", "Bad\x1b[2Jname", GOOD, strlen(GOOD), &a,
						&f->err),
			 CLINIC_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "name"));
}

static enum app_password_problem check(const char *pw)
{
	return app_password_check(pw, strlen(pw), &common, "tess", "Tess Trainer");
}

static void test_password_rules(void **state)
{
	(void)state;
	assert_int_equal(check("short"), PW_SHORT);
	assert_int_equal(check("1234567"), PW_SHORT);
	assert_int_equal(check("äöüßäöü"), PW_SHORT); /* 7 characters, 14 bytes */
	assert_int_equal(check("password"), PW_COMMON);
	assert_int_equal(check("PassWord1"), PW_COMMON);
	assert_int_equal(check("12345678"), PW_COMMON);
	assert_int_equal(check("letmein1"), PW_COMMON);     /* a common one with digits added */
	assert_int_equal(check("Sunshine2024!"), PW_COMMON);
	assert_int_equal(check("letmeinside"), PW_OK);       /* a common one inside a longer word is not */
	assert_int_equal(check("Tess Trainer"), PW_NAME);
	assert_int_equal(check("zzzzzzzzzzzz"), PW_REPEATED);
	assert_int_equal(check("ääääääääää"), PW_REPEATED);
	assert_int_equal(check("tab\there too"), PW_NOT_TEXT);
	assert_int_equal(app_password_check("bad\xff bytes here", 15, &common, NULL, NULL), PW_NOT_TEXT);
	assert_int_equal(app_password_check("nul\0inside here", 15, &common, NULL, NULL), PW_NOT_TEXT);
	/* no composition rules: lowercase words, spaces, any script are fine */
	assert_int_equal(check("correct horse battery"), PW_OK);
	assert_int_equal(check("äöüßäöüß"), PW_OK);
	assert_int_equal(check("пароль для клиники"), PW_OK);
	char big[APP_PASSWORD_MAX + 2];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	assert_int_equal(app_password_check(big, 1024, &common, NULL, NULL), PW_OK);
	assert_int_equal(app_password_check(big, APP_PASSWORD_MAX, &common, NULL, NULL), PW_OK);
	assert_int_equal(app_password_check(big, APP_PASSWORD_MAX + 1, &common, NULL, NULL), PW_LONG);
	assert_non_null(strstr(app_password_problem_text(PW_SHORT), "at least 8"));
}

/* Through a use case: a weak password is refused with its reason and nothing is kept. */
static void test_weak_password_refused(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = ctx_at(f, NOW);
	struct account_row a = { 0 };
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", "letmein1", 8, &a, &f->err), CLINIC_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "most common"));
	strbuf_reset(&f->err);
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", "Ada Admin", 9, &a, &f->err), CLINIC_BAD_INPUT);
	strbuf_reset(&f->err);
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", "ada", 3, &a, &f->err), CLINIC_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "too short"));
	struct app_clinic_people p;
	assert_int_equal(app_clinic_list(&ctx, &p, &f->err), CLINIC_OK);
	assert_int_equal(p.n, 0);
	app_clinic_people_release(&p);
}

static void test_long_password_accepted(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = ctx_at(f, NOW);
	char pw[1025];
	for (size_t i = 0; i < 1024; i++)
		pw[i] = (char)(' ' + (i * 7) % 95);
	pw[1024] = 0;
	struct account_row a = { 0 }, in = { 0 };
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", pw, 1024, &a, &f->err), CLINIC_OK);
	assert_int_equal(app_clinic_login(&ctx, &cheap, "ada", pw, 1024, &in, &f->err), CLINIC_OK);
	assert_int_equal(in.id, a.id);
	account_row_release(&in);
	/* the whole of it counts, not a prefix */
	pw[1023] = pw[1023] == 'x' ? 'y' : 'x';
	assert_int_equal(app_clinic_login(&ctx, &cheap, "ada", pw, 1024, &in, &f->err), CLINIC_NO_ACCOUNT);
	account_row_release(&a);
}

static void test_wrong_role_cannot_invite(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = ctx_at(f, NOW);
	int64_t admin = make(f, ROLE_ADMIN, "ada"), trainer = make(f, ROLE_TRAINER, "tess");
	char token[APP_INVITE_TOKEN_LEN + 1];
	struct invite_row inv;
	assert_int_equal(app_clinic_invite(&ctx, admin, "Cleo Client", 7, token, &inv, &f->err), CLINIC_NOT_ALLOWED);
	assert_non_null(strstr(strbuf_str(&f->err), "only a trainer may invite"));
	assert_int_equal(app_clinic_invite(&ctx, 999, "Cleo Client", 7, token, &inv, &f->err), CLINIC_NO_ACCOUNT);
	assert_int_equal(app_clinic_invite(&ctx, trainer, "Cleo Client", 7, token, &inv, &f->err), CLINIC_OK);
	invite_row_release(&inv);
	struct account_row c = { 0 };
	assert_int_equal(app_clinic_accept(&ctx, &cheap, token, "cleo", GOOD, strlen(GOOD), &c, &f->err), CLINIC_OK);
	assert_int_equal(c.role, ROLE_CLIENT);
	assert_string_equal(c.display_name, "Cleo Client");
	/* a client cannot invite, nor add a trainer; a trainer cannot add one either */
	strbuf_reset(&f->err);
	assert_int_equal(app_clinic_invite(&ctx, c.id, "Friend", 7, token, &inv, &f->err), CLINIC_NOT_ALLOWED);
	struct account_row t = { 0 };
	assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, c.id, "newt", "Newt", GOOD, strlen(GOOD), &t, &f->err),
			 CLINIC_NOT_ALLOWED);
	assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, trainer, "newt", "Newt", GOOD, strlen(GOOD), &t, &f->err),
			 CLINIC_NOT_ALLOWED);
	/* days out of range and a bad name are refused */
	assert_int_equal(app_clinic_invite(&ctx, trainer, "Cleo", 0, token, &inv, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(app_clinic_invite(&ctx, trainer, "Cleo", 31, token, &inv, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(app_clinic_invite(&ctx, trainer, "", 7, token, &inv, &f->err), CLINIC_BAD_INPUT);
	account_row_release(&c);
}

static void invite(struct fx *f, int64_t trainer, int64_t at, int days, char token[APP_INVITE_TOKEN_LEN + 1])
{
	struct app_ctx ctx = ctx_at(f, at);
	struct invite_row inv;
	assert_int_equal(app_clinic_invite(&ctx, trainer, "Cleo Client", days, token, &inv, &f->err), CLINIC_OK);
	assert_int_equal(inv.expires_ms, at + days * DAY);
	/* only a hash of the token is kept: the token itself finds nothing */
	bool found;
	struct invite_row raw;
	assert_int_equal(strlen(token), APP_INVITE_TOKEN_LEN);
	assert_string_not_equal(inv.token_hash, token);
	assert_int_equal(f->s->ops->invite_find(f->s, token, &raw, &found, &f->err), 0);
	assert_false(found);
	invite_row_release(&inv);
}

static void test_invite_expires(void **state)
{
	struct fx *f = *state;
	make(f, ROLE_ADMIN, "ada");
	int64_t trainer = make(f, ROLE_TRAINER, "tess");
	char token[APP_INVITE_TOKEN_LEN + 1];
	invite(f, trainer, NOW, APP_INVITE_DAYS, token);
	struct app_ctx late = ctx_at(f, NOW + 7 * DAY), in_time = ctx_at(f, NOW + 7 * DAY - 1);
	struct invite_row inv;
	struct account_row c = { 0 };
	assert_int_equal(app_clinic_invite_look(&late, token, &inv, &f->err), CLINIC_INVITE_EXPIRED);
	assert_int_equal(app_clinic_accept(&late, &cheap, token, "cleo", GOOD, strlen(GOOD), &c, &f->err),
			 CLINIC_INVITE_EXPIRED);
	assert_int_equal(app_clinic_invite_look(&in_time, token, &inv, &f->err), CLINIC_OK);
	assert_string_equal(inv.display_name, "Cleo Client");
	invite_row_release(&inv);
	assert_int_equal(app_clinic_accept(&in_time, &cheap, token, "cleo", GOOD, strlen(GOOD), &c, &f->err), CLINIC_OK);
	account_row_release(&c);
}

static void test_invite_used_once(void **state)
{
	struct fx *f = *state;
	make(f, ROLE_ADMIN, "ada");
	int64_t trainer = make(f, ROLE_TRAINER, "tess");
	char token[APP_INVITE_TOKEN_LEN + 1], other[APP_INVITE_TOKEN_LEN + 1];
	invite(f, trainer, NOW, 3, token);
	invite(f, trainer, NOW, 3, other);
	assert_string_not_equal(token, other);
	struct app_ctx ctx = ctx_at(f, NOW + DAY);
	struct account_row c = { 0 };
	/* a weak password leaves the invitation unused */
	assert_int_equal(app_clinic_accept(&ctx, &cheap, token, "cleo", "qwertyuiop", 10, &c, &f->err), CLINIC_BAD_INPUT);
	assert_int_equal(app_clinic_accept(&ctx, &cheap, token, "tess", GOOD, strlen(GOOD), &c, &f->err),
			 CLINIC_LOGIN_TAKEN);
	assert_int_equal(app_clinic_accept(&ctx, &cheap, token, "cleo", GOOD, strlen(GOOD), &c, &f->err), CLINIC_OK);
	int64_t cleo = c.id;
	account_row_release(&c);
	assert_int_equal(app_clinic_accept(&ctx, &cheap, token, "cleo2", GOOD, strlen(GOOD), &c, &f->err),
			 CLINIC_INVITE_USED);
	struct invite_row inv;
	assert_int_equal(app_clinic_invite_look(&ctx, token, &inv, &f->err), CLINIC_INVITE_USED);
	/* a mistyped or made-up link finds nothing */
	char typo[APP_INVITE_TOKEN_LEN + 1];
	memcpy(typo, other, sizeof(typo));
	typo[5] = typo[5] == 'A' ? 'B' : 'A';
	assert_int_equal(app_clinic_invite_look(&ctx, typo, &inv, &f->err), CLINIC_INVITE_UNKNOWN);
	assert_int_equal(app_clinic_invite_look(&ctx, "short", &inv, &f->err), CLINIC_INVITE_UNKNOWN);
	assert_int_equal(app_clinic_invite_look(&ctx, "' OR 1=1 --", &inv, &f->err), CLINIC_INVITE_UNKNOWN);
	/* the list shows the client with the trainer who invited them */
	struct app_clinic_people p;
	assert_int_equal(app_clinic_list(&ctx, &p, &f->err), CLINIC_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.v[2].account.id, cleo);
	assert_int_equal(p.v[2].trainer_id, trainer);
	assert_int_equal(p.v[1].trainer_id, 0);
	app_clinic_people_release(&p);
}

/* The login at the real cost: the same answer for an unknown name, a wrong password;
 * a hash of an older cost is made again at the new one. */
static void test_login(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = ctx_at(f, NOW);
	struct app_clinic real = { &common, app_pwhash_default };
	struct account_row a = { 0 }, in = { 0 };
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	assert_true(app_password_stale(a.password_hash, &real.cost));
	assert_int_equal(app_clinic_login(&ctx, &real, "nobody", GOOD, strlen(GOOD), &in, &f->err), CLINIC_NO_ACCOUNT);
	assert_int_equal(app_clinic_login(&ctx, &real, "ada", "wrong horse battery", 19, &in, &f->err), CLINIC_NO_ACCOUNT);
	assert_int_equal(app_clinic_login(&ctx, &real, "ADA", GOOD, strlen(GOOD), &in, &f->err), CLINIC_OK);
	assert_int_equal(in.id, a.id);
	assert_false(app_password_stale(in.password_hash, &real.cost));
	account_row_release(&in);
	struct account_row stored;
	bool found;
	assert_int_equal(f->s->ops->account_get(f->s, a.id, NULL, &stored, &found, &f->err), 0);
	assert_false(app_password_stale(stored.password_hash, &real.cost)); /* kept at the new cost */
	assert_true(app_password_matches(stored.password_hash, GOOD, strlen(GOOD)));
	account_row_release(&stored);
	account_row_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_admin_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_login, setup, teardown),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test_setup_teardown(test_weak_password_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_password_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_role_cannot_invite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invite_expires, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invite_used_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
