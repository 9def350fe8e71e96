/* test_export.c: export and import (app/export.c) with a fixed clock and zone: a backup
 * loaded from a store, written as JSON and restored into an empty store gives the
 * same bytes again, a store that holds anything
 * is refused, a bad backup writes nothing and names the field; CSV and FHIR write the
 * local time of the zone given (+12:45 here) in the C locale's numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/export.h"
#include "app-fx.h"
#include "format/backup-json.h"
#include "format/export-checkins.h"
#include "format/store-counts.h"
#include "zones.h"

#define D 20600

static struct store *second_store(struct fx *f)
{
	char db[160];
	struct store *s = NULL;
	snprintf(db, sizeof(db), "%s/second.db", f->dir);
	assert_int_equal(store_open(&s, db, &f->err), 0);
	return s;
}

static void test_roundtrip(void **state)
{
	struct fx *f = *state;
	struct tz z = zone_chatham();
	fx_session(f, "act", ZDAY(D) + ZHM(9, 0), 10, 4, 2);
	fx_checkin(f, D, ZDAY(D) + ZHM(9, 30), 4);
	struct app_ctx ctx = { f->s, NULL, ZDAY(D + 1), &z };
	struct app_export e;
	assert_int_equal(app_export(&ctx, APP_EXPORT_JSON, &e, &f->err), 0);
	struct strbuf text = STRBUF_INIT, again = STRBUF_INIT;
	assert_int_equal(format_backup_json(&e.backup, &text, &f->err), 0);
	app_export_release(&e);
	json_t *doc = json_loads(text.buf, 0, NULL);
	assert_non_null(doc);

	struct store *b = second_store(f);
	struct app_ctx bctx = { b, NULL, ZDAY(D + 1), &z };
	struct app_import_request rq = { "backup.json", doc };
	struct app_import_result res;
	app_import(&bctx, &rq, &res, &f->err);
	assert_int_equal(res.status, APP_IMPORT_DONE);
	struct strbuf words = STRBUF_INIT;
	format_store_counts(&res.counts, &words);
	assert_string_equal(words.buf, "1 session, 1 check-in");
	/* the same document again: the store is no longer empty */
	app_import(&bctx, &rq, &res, &f->err);
	assert_int_equal(res.status, APP_IMPORT_NOT_EMPTY);
	/* and it exports the same bytes */
	assert_int_equal(app_export(&bctx, APP_EXPORT_JSON, &e, &f->err), 0);
	assert_int_equal(format_backup_json(&e.backup, &again, &f->err), 0);
	assert_string_equal(again.buf, text.buf);
	app_export_release(&e);
	strbuf_release(&again);
	strbuf_release(&text);
	strbuf_release(&words);
	json_decref(doc);
	store_close(b);
}

static void test_bad_backup_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct tz z = tz_fixed(0);
	json_t *doc = json_loads("{\"format\": \"unhunch-backup\", \"version\": 1, \"checkins\": [{\"date\": \"2026-05-01\", "
				 "\"at_ms\": 1, \"pain\": 11}]}", 0, NULL);
	assert_non_null(doc);
	struct app_ctx ctx = { f->s, NULL, ZDAY(D), &z };
	struct app_import_request rq = { "b.json", doc };
	struct app_import_result res;
	app_import(&ctx, &rq, &res, &f->err);
	assert_int_equal(res.status, APP_IMPORT_BAD_FILE);
	assert_non_null(strstr(f->err.buf, "b.json: checkins[0].pain"));
	struct app_store_counts n;
	assert_int_equal(app_store_count(f->s, &n, &f->err), 0);
	assert_true(app_store_counts_empty(&n));
	json_decref(doc);
}

/* A check-in at 11:20 UTC is 00:05 local in +12:45, on its own date. */
static void test_csv_fhir_local_time(void **state)
{
	struct fx *f = *state;
	struct tz z = zone_chatham();
	fx_checkin(f, D + 1, ZDAY(D) + ZHM(11, 20), 3);
	struct app_ctx ctx = { f->s, NULL, ZDAY(D + 2), &z };
	struct app_export e;
	assert_int_equal(app_export(&ctx, APP_EXPORT_CSV, &e, &f->err), 0);
	struct strbuf out = STRBUF_INIT;
	format_checkins_csv(e.checkins, e.n_checkins, &z, &out);
	char want[40];
	day_format(D + 1, want);
	strcat(want, ",00:05,3,");
	assert_non_null(strstr(out.buf, want));
	json_t *fhir = format_checkins_fhir(e.checkins, e.n_checkins, &z);
	char *s = json_dumps(fhir, 0);
	day_format(D + 1, want);
	strcat(want, "T00:05:00+12:45");
	assert_non_null(strstr(s, want));
	free(s);
	json_decref(fhir);
	strbuf_release(&out);
	app_export_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_backup_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_fhir_local_time, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
