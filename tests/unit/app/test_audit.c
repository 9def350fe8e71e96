/* test_audit.c: the audit log's use cases (app/audit.c) and a trainer's view of a
 * client (app/acting.c): a line per subject, many in one call with the actor left out,
 * none for one's own records, the actor's name kept, refused when it cannot be
 * written; the view only for the client's own trainer, its line written before it
 * opens, read-only, and none opened (nor written) for anyone else. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/accounts.h"
#include "app/acting.h"
#include "app/audit.h"
#include "format/wordlist-read.h"
#include "sim.h"
#include "store-fx.h"
#include <string.h>

#define NOW 1780000000000LL
#define GOOD "correct horse battery"

static struct wordlist common;
static struct app_clinic cheap;
static struct catalog cat;
static struct tz utc;

static int group_setup(void **state)
{
	(void)state;
	struct strbuf err = STRBUF_INIT;
	if (wordlist_read(&common, "/usr/share/john/password.lst", &err))
		return -1;
	strbuf_release(&err);
	cheap = (struct app_clinic){ &common, { 1, 8192 } };
	utc = tz_fixed(0);
	return sim_shipped(&cat);
}

static int group_teardown(void **state)
{
	(void)state;
	wordlist_release(&common);
	catalog_free(&cat);
	return 0;
}

struct people {
	int64_t admin, trainer, other, c1, c2;
};

static int64_t client(struct fx *f, struct app_ctx *ctx, int64_t trainer, const char *login)
{
	char token[APP_INVITE_TOKEN_LEN + 1];
	struct invite_row inv;
	struct account_row a = { 0 };
	assert_int_equal(app_clinic_invite(ctx, trainer, "Cleo Client", 7, token, &inv, &f->err), CLINIC_OK);
	invite_row_release(&inv);
	assert_int_equal(app_clinic_accept(ctx, &cheap, token, login, GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	int64_t id = a.id;
	account_row_release(&a);
	return id;
}

static struct people clinic(struct fx *f, struct app_ctx *ctx)
{
	struct people p;
	struct account_row a = { 0 };
	assert_int_equal(app_clinic_init(ctx, &cheap, "ada", "Ada Admin", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	p.admin = a.id;
	account_row_release(&a);
	const char *logins[2] = { "tess", "otto" }, *names[2] = { "Tess Trainer", "Otto Other" };
	int64_t *ids[2] = { &p.trainer, &p.other };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(app_clinic_add_trainer(ctx, &cheap, p.admin, logins[i], names[i], GOOD, strlen(GOOD), &a,
							&f->err),
				 CLINIC_OK);
		*ids[i] = a.id;
		account_row_release(&a);
	}
	p.c1 = client(f, ctx, p.trainer, "cleo");
	p.c2 = client(f, ctx, p.trainer, "cole");
	return p;
}

static size_t lines(struct fx *f, struct app_ctx *ctx, int64_t subject, struct audit_row **v)
{
	size_t n = 0;
	assert_int_equal(app_audit_list(ctx, subject, v, &n, &f->err), 0);
	return n;
}

static void test_audit_many(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = { f->s, &cat, NOW, &utc };
	struct people p = clinic(f, &ctx);
	int64_t all[] = { p.c1, p.trainer, p.c2 };
	assert_int_equal(app_audit_many(&ctx, p.trainer, all, 3, AUDIT_DASHBOARD, &f->err), 0);
	assert_int_equal(app_audit(&ctx, p.trainer, p.trainer, AUDIT_PROGRESS_PAGE, &f->err), 0); /* one's own: none */
	struct audit_row *v;
	assert_int_equal(lines(f, &ctx, p.c1, &v), 1);
	assert_string_equal(v[0].actor_name, "Tess Trainer");
	assert_string_equal(v[0].what, AUDIT_DASHBOARD);
	assert_int_equal(v[0].at_ms, NOW);
	assert_int_equal(v[0].actor_id, p.trainer);
	store_audit_free(v, 1);
	assert_int_equal(lines(f, &ctx, p.c2, &v), 1);
	store_audit_free(v, 1);
	assert_int_equal(lines(f, &ctx, p.trainer, &v), 0);
	store_audit_free(v, 0);
	/* an actor with no account: refused, saying why, and nothing written */
	strbuf_reset(&f->err);
	assert_int_equal(app_audit(&ctx, 999, p.c1, AUDIT_PROGRESS_PAGE, &f->err), -1);
	assert_non_null(strstr(f->err.buf, "nothing was read or changed"));
	assert_int_equal(lines(f, &ctx, p.c1, &v), 1);
	store_audit_free(v, 1);
	/* the terminal's operator is named as such */
	assert_int_equal(app_audit(&ctx, STORE_LOCAL_PERSON, p.c2, AUDIT_RX_READ, &f->err), 0);
	assert_int_equal(lines(f, &ctx, p.c2, &v), 2);
	assert_string_equal(v[0].actor_name, "the clinic's operator (at the terminal)");
	store_audit_free(v, 2);
}

static void test_client_view(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = { f->s, &cat, NOW, &utc };
	struct people p = clinic(f, &ctx);
	struct app_ctx view;
	struct audit_row *v;
	/* anyone but the client's trainer: no view, no line */
	int64_t others[] = { p.other, p.admin, p.c2, p.c1, STORE_LOCAL_PERSON };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		assert_int_equal(app_client_view(&ctx, others[i], p.c1, AUDIT_PROGRESS_PAGE, &view, &f->err),
				 APP_VIEW_NOT_ALLOWED);
	assert_int_equal(app_client_view(&ctx, p.trainer, 4242, AUDIT_PROGRESS_PAGE, &view, &f->err),
			 APP_VIEW_NOT_ALLOWED);
	assert_int_equal(lines(f, &ctx, p.c1, &v), 0);
	store_audit_free(v, 0);
	/* the trainer: the line first, then a read-only view of the client's records */
	assert_int_equal(app_client_view(&ctx, p.trainer, p.c1, AUDIT_PROGRESS_PAGE, &view, &f->err), APP_VIEW_OK);
	assert_true(store_is_acting(view.store));
	assert_int_equal(view.store->person, p.c1);
	assert_int_equal(view.store->acting, p.trainer);
	assert_int_equal(lines(f, &ctx, p.c1, &v), 1);
	assert_string_equal(v[0].what, AUDIT_PROGRESS_PAGE);
	store_audit_free(v, 1);
	struct app_client_records r;
	assert_int_equal(app_client_records(&ctx, &view, &r, &f->err), 0);
	assert_string_equal(r.client.login, "cleo");
	assert_int_equal(r.n_rx, 0);
	assert_int_equal(r.n_sessions, 0);
	app_client_records_release(&r);
	app_client_view_close(&view);
	assert_null(view.store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_audit_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_view, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
