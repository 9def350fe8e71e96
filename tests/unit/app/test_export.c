/* test_export.c: export and import (app/export.c) with a fixed clock and zone: a backup
 * loaded from a store, written as JSON and restored into an empty store gives the
 * same bytes again, a store that holds anything
 * is refused, a bad backup writes nothing and names the field; CSV and FHIR write the
 * local time of the zone given (+12:45 here) in the C locale's numbers; the streamed
 * JSON backup and FHIR bundle are byte for byte the documents written whole, empty or
 * not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/export.h"
#include "app-fx.h"
#include "format/backup-json.h"
#include "format/backup-read.h"
#include "format/export-checkins.h"
#include "format/store-counts.h"
#include "zones.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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
	struct app_import_request rq = { "backup.json", backup_read_doc, doc };
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
	struct app_import_request rq = { "b.json", backup_read_doc, doc };
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


struct export_pair {
	const struct app_export *e;
	const struct tz *tz;
};

static int stream_json(const struct export_pair *p, struct outfile_sink *s, struct strbuf *err)
{
	return format_backup_json_stream(&p->e->backup, s, err);
}

static int stream_fhir(const struct export_pair *p, struct outfile_sink *s, struct strbuf *err)
{
	return format_checkins_fhir_stream(p->e->checkins, p->e->n_checkins, p->tz,
					   JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15), s, err);
}

/* What a streamed writer put through a sink (flushed as outfile_stream flushes it),
 * read back from a temporary file. */
static char *streamed(int (*fill)(const struct export_pair *, struct outfile_sink *, struct strbuf *),
		      const struct export_pair *p, struct strbuf *err)
{
	FILE *t = tmpfile();
	assert_non_null(t);
	struct outfile_sink *s = calloc(1, sizeof(*s));
	s->fd = fileno(t);
	assert_int_equal(fill(p, s, err), 0);
	assert_int_equal(s->err, 0);
	assert_int_equal(write(s->fd, s->buf, s->n), (ssize_t)s->n);
	off_t n = lseek(s->fd, 0, SEEK_CUR);
	char *buf = calloc(1, (size_t)n + 1);
	assert_int_equal(pread(s->fd, buf, (size_t)n, 0), (ssize_t)n);
	free(s);
	fclose(t);
	return buf;
}

static void same_bytes(struct fx *f, const struct tz *z)
{
	struct app_ctx ctx = { f->s, NULL, ZDAY(D + 3), z };
	struct app_export e, c;
	assert_int_equal(app_export(&ctx, APP_EXPORT_JSON, &e, &f->err), 0);
	assert_int_equal(app_export(&ctx, APP_EXPORT_FHIR, &c, &f->err), 0);
	struct strbuf whole = STRBUF_INIT;
	assert_int_equal(format_backup_json(&e.backup, &whole, &f->err), 0);
	struct export_pair pj = { &e, z }, pf = { &c, z };
	char *s = streamed(stream_json, &pj, &f->err);
	assert_string_equal(s, whole.buf);
	free(s);
	json_t *fhir = format_checkins_fhir(c.checkins, c.n_checkins, z);
	char *w = json_dumps(fhir, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	s = streamed(stream_fhir, &pf, &f->err);
	assert_int_equal(strlen(s), strlen(w) + 1);
	assert_memory_equal(s, w, strlen(w));
	assert_int_equal(s[strlen(w)], '\n');
	free(s);
	free(w);
	json_decref(fhir);
	strbuf_release(&whole);
	app_export_release(&e);
	app_export_release(&c);
}

/* Streamed and whole give the same bytes: an empty store (no FHIR entry at all, empty
 * lists in the backup), then sessions and check-ins with a desk-hours decimal, a note
 * with characters to escape, and a check-in of a note alone (no observation). */
static void test_streamed_same_bytes(void **state)
{
	struct fx *f = *state;
	struct tz z = zone_chatham();
	same_bytes(f, &z);
	fx_session(f, "act", ZDAY(D) + ZHM(9, 0), 10, 4, 2);
	fx_session(f, "act", ZDAY(D + 1) + ZHM(9, 0), 10, 3, 1);
	fx_checkin(f, D, ZDAY(D) + ZHM(9, 30), 4);
	struct checkin c = { 0 };
	checkin_init(&c);
	day_format(D + 1, c.date);
	c.at_ms = ZDAY(D + 1) + ZHM(10, 0);
	c.desk_hours = 7.25;
	c.note = "a \"quoted\" note\twith a tab";
	assert_int_equal(f->s->ops->checkin_add(f->s, &c, &f->err), 0);
	struct checkin bare = { 0 };
	checkin_init(&bare);
	day_format(D + 2, bare.date);
	bare.at_ms = ZDAY(D + 2) + ZHM(10, 0);
	bare.note = "only a note";
	assert_int_equal(f->s->ops->checkin_add(f->s, &bare, &f->err), 0);
	same_bytes(f, &z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_backup_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_fhir_local_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_streamed_same_bytes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
