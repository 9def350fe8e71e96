/* test_audit.c: the audit log's use cases (app/audit.c) and a trainer's view of a
 * client (app/acting.c): a line per subject, many in one call with the actor left out,
 * none for one's own records, the actor's name kept, refused when it cannot be
 * written; the view only for the client's own trainer, its line written before it
 * opens, read-only, and none opened (nor written) for anyone else; repeated looks fold
 * into one line a day as the person reads the log, while the log keeps every line; the
 * person's backup holds their audit log, oldest first, and a restore reads it without
 * writing it back. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/accounts.h"
#include "app/acting.h"
#include "app/audit.h"
#include "app/export.h"
#include "format/backup-json.h"
#include "format/backup-read.h"
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

static struct audit_row row(int64_t actor, const char *name, const char *what, int64_t at_ms)
{
	return (struct audit_row){ 0, actor, (char *)name, 0, (char *)what, at_ms };
}

/* The fold: the same actor doing the same thing on one local day is one line (count,
 * first, last), placed at the newest; another day, actor or thing is its own line. */
static void test_fold(void **state)
{
	(void)state;
	struct tz plus1 = tz_fixed(3600);
	const int64_t day = 86400000LL, midnight = 1780012800000LL - 3600000LL; /* local midnight in +01:00 */
	struct audit_row v[40];
	size_t n = 0;
	/* newest first: the next day one look; the day before 30 looks by Tess between two by
	 * Otto, and one other thing by Tess; local midnight splits the days, not UTC's */
	v[n++] = row(2, "Tess", AUDIT_PROGRESS_PAGE, midnight + 60000);
	v[n++] = row(3, "Otto", AUDIT_PROGRESS_PAGE, midnight - 60000);
	for (int i = 0; i < 30; i++)
		v[n++] = row(2, "Tess", AUDIT_PROGRESS_PAGE, midnight - 120000 - i * 600000LL);
	v[n++] = row(2, "Tess", AUDIT_RX_ADDED, midnight - day / 2);
	v[n++] = row(3, "Otto", AUDIT_PROGRESS_PAGE, midnight - day / 2 - 1000);
	struct app_audit_line out[40];
	size_t k = app_audit_fold(&plus1, v, n, out);
	assert_int_equal(k, 4);
	assert_int_equal(out[0].count, 1);
	assert_int_equal(out[0].last_ms, midnight + 60000);
	assert_int_equal(out[1].actor_id, 3);
	assert_int_equal(out[1].count, 2);
	assert_int_equal(out[1].first_ms, midnight - day / 2 - 1000);
	assert_int_equal(out[1].last_ms, midnight - 60000);
	assert_int_equal(out[2].actor_id, 2);
	assert_string_equal(out[2].what, AUDIT_PROGRESS_PAGE);
	assert_int_equal(out[2].count, 30);
	assert_int_equal(out[2].last_ms, midnight - 120000);
	assert_int_equal(out[2].first_ms, midnight - 120000 - 29 * 600000LL);
	assert_string_equal(out[3].what, AUDIT_RX_ADDED);
	assert_int_equal(out[3].count, 1);
	/* in UTC the first look is on the same day as the rest: it folds in */
	struct tz utc0 = tz_fixed(0);
	k = app_audit_fold(&utc0, v, n, out);
	assert_int_equal(k, 3);
	assert_int_equal(out[0].count, 31);
}

/* Through the store: 30 looks in a day read as one line; the log keeps all 30. */
static void test_fold_view(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = { f->s, &cat, NOW, &utc };
	struct people p = clinic(f, &ctx);
	for (int i = 0; i < 30; i++) {
		ctx.now_ms = NOW + i * 60000LL;
		assert_int_equal(app_audit(&ctx, p.trainer, p.c1, AUDIT_PROGRESS_PAGE, &f->err), 0);
	}
	struct audit_row *raw;
	assert_int_equal(lines(f, &ctx, p.c1, &raw), 30);
	store_audit_free(raw, 30);
	struct app_audit_view view;
	assert_int_equal(app_audit_view(&ctx, p.c1, &view, &f->err), 0);
	assert_int_equal(view.n, 1);
	assert_false(view.more);
	assert_int_equal(view.lines[0].count, 30);
	assert_int_equal(view.lines[0].first_ms, NOW);
	assert_int_equal(view.lines[0].last_ms, NOW + 29 * 60000LL);
	assert_string_equal(view.lines[0].actor_name, "Tess Trainer");
	app_audit_view_release(&view);
}

/* The backup of the client's records holds the audit log about them (who, what, when,
 * oldest first); a restore into an empty store takes the file with it and writes none
 * of its lines (the new log starts empty). */
static void test_backup_holds_audit(void **state)
{
	struct fx *f = *state;
	struct app_ctx ctx = { f->s, &cat, NOW, &utc };
	struct people p = clinic(f, &ctx);
	assert_int_equal(app_audit(&ctx, p.trainer, p.c1, AUDIT_PROGRESS_PAGE, &f->err), 0);
	ctx.now_ms = NOW + 1000;
	assert_int_equal(app_audit(&ctx, STORE_LOCAL_PERSON, p.c1, AUDIT_RX_READ, &f->err), 0);
	assert_int_equal(app_audit(&ctx, p.trainer, p.c2, AUDIT_RX_ADDED, &f->err), 0); /* not cleo's */
	struct store *h = NULL;
	assert_int_equal(store_bind(&h, f->s->db, p.c1, &f->err), 0);
	struct app_ctx own = { h, &cat, NOW + 2000, &utc };
	struct app_export e;
	assert_int_equal(app_export(&own, APP_EXPORT_JSON, &e, &f->err), 0);
	struct strbuf text = STRBUF_INIT;
	assert_int_equal(format_backup_json(&e.backup, &text, &f->err), 0);
	app_export_release(&e);
	store_close(h);
	json_t *doc = json_loads(text.buf, 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "version")), 3);
	json_t *a = json_object_get(doc, "audit");
	assert_int_equal(json_array_size(a), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "who")), "Tess Trainer");
	assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "what")), AUDIT_PROGRESS_PAGE);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 0), "at_ms")), NOW);
	assert_string_equal(json_string_value(json_object_get(json_array_get(a, 1), "who")),
			    "the clinic's operator (at the terminal)");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 1), "at_ms")), NOW + 1000);
	assert_null(strstr(text.buf, AUDIT_RX_ADDED));

	/* restored into an empty store: done, and its log is empty */
	char db[160];
	struct store *b = NULL;
	snprintf(db, sizeof(db), "%s/second.db", f->dir);
	assert_int_equal(store_open(&b, db, &f->err), 0);
	struct app_ctx bctx = { b, &cat, NOW + 2000, &utc };
	struct app_import_request rq = { "backup.json", backup_read_doc, doc };
	struct app_import_result res;
	app_import(&bctx, &rq, &res, &f->err);
	assert_int_equal(res.status, APP_IMPORT_DONE);
	struct audit_row *v;
	assert_int_equal(lines(f, &bctx, b->person, &v), 0);
	store_audit_free(v, 0);
	/* a line that is not one is named */
	json_object_set_new(json_array_get(a, 0), "what", json_integer(5));
	struct backup bk;
	strbuf_reset(&f->err);
	assert_true(backup_read_doc(doc, "backup.json", 20000, &bk, &f->err) > 0);
	assert_non_null(strstr(f->err.buf, "audit[0].what"));
	backup_release(&bk);
	json_decref(doc);
	strbuf_release(&text);
	store_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_audit_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_view, setup, teardown),
		cmocka_unit_test(test_fold),
		cmocka_unit_test_setup_teardown(test_backup_holds_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fold_view, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
