/* test_store_health.c: the store's health records: check-ins with regions, screenings
 * with answers, clearances, the functional scale, and forgetting everything; the SQLite
 * backend's batches, checkpoint thread and commits that skip the disk's wait. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/mem.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-fx.h"
#include "store/sqlite-internal.h"
#include <sqlite3.h>
#include <time.h>

static int add_day(struct fx *f, const char *date, int neck)
{
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "%s", date);
	c.pain = 3;
	c.region[REG_NECK] = neck;
	strbuf_reset(&f->err);
	return f->s->ops->checkin_add(f->s, &c, &f->err);
}

static size_t count_checkins(struct fx *f)
{
	struct checkin *rows;
	size_t n;
	assert_int_equal(f->s->ops->checkins_list(f->s, &rows, &n, &f->err), 0);
	store_checkins_free(rows, n);
	return n;
}

/* A batch keeps all of its writes or none; a group that fails inside it is undone on
 * its own (a savepoint) and the batch goes on. */
static void test_batch(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	/* a second connection adds a trigger that fails a region insert with score 7:
	 * the check-in row of that group is already written when it fails */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER fail7 BEFORE INSERT ON checkin_regions WHEN NEW.score = 7 "
					  "BEGIN SELECT RAISE(ABORT, 'test failure'); END;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(add_day(f, "2026-11-01", 1), 0);
	assert_int_equal(s->ops->batch_begin(s, 0, &f->err), 0);
	assert_int_equal(add_day(f, "2026-11-02", 2), 0);
	assert_int_equal(add_day(f, "2026-11-03", 7), -1);   /* its group is undone */
	assert_int_equal(add_day(f, "2026-11-04", 4), 0);
	assert_int_equal(count_checkins(f), 3);               /* 01, 02, 04: seen inside */
	assert_int_equal(s->ops->batch_begin(s, 0, &f->err), -1); /* no nesting */
	assert_int_equal(s->ops->batch_end(s, false, &f->err), 0);
	assert_int_equal(count_checkins(f), 1);               /* the batch is gone */

	assert_int_equal(s->ops->batch_begin(s, 0, &f->err), 0);
	assert_int_equal(add_day(f, "2026-11-05", 5), 0);
	assert_int_equal(add_day(f, "2026-11-06", 7), -1);
	assert_int_equal(s->ops->batch_end(s, true, &f->err), 0);
	assert_int_equal(count_checkins(f), 2);               /* 01 and 05 */
	assert_int_equal(add_day(f, "2026-11-07", 6), 0);     /* on its own again */
	assert_int_equal(count_checkins(f), 3);
}

static void test_checkins(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-11-20");
	c.at_ms = 1000;
	c.pain = 4;
	c.region[REG_NECK] = 3;
	c.region[REG_BETWEEN] = 5;
	c.headache = 2;
	c.stress = 6;
	c.desk_hours = 8.5;
	c.massage = 1;
	c.note = "long day";
	assert_int_equal(s->ops->checkin_add(s, &c, &f->err), 0);
	assert_true(c.id > 0);
	struct checkin d;
	checkin_init(&d);
	snprintf(d.date, sizeof(d.date), "2026-11-19");
	d.at_ms = 2000;
	d.pain = 6;
	assert_int_equal(s->ops->checkin_add(s, &d, &f->err), 0);

	/* out of range: refused, nothing stored */
	struct checkin bad;
	checkin_init(&bad);
	snprintf(bad.date, sizeof(bad.date), "2026-11-21");
	bad.pain = 3;
	bad.region[REG_CHEST] = 11;
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->checkin_add(s, &bad, &f->err), -1);
	assert_non_null(strstr(f->err.buf, "chest"));
	struct checkin empty;
	checkin_init(&empty);
	snprintf(empty.date, sizeof(empty.date), "2026-11-21");
	assert_int_equal(s->ops->checkin_add(s, &empty, &f->err), -1);

	struct checkin *rows;
	size_t n;
	assert_int_equal(s->ops->checkins_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].date, "2026-11-19"); /* by date */
	assert_int_equal(rows[0].pain, 6);
	assert_int_equal(rows[0].region[REG_NECK], CHECKIN_NONE);
	assert_null(rows[0].note);
	assert_int_equal(rows[1].pain, 4);
	assert_int_equal(rows[1].region[REG_NECK], 3);
	assert_int_equal(rows[1].region[REG_BETWEEN], 5);
	assert_int_equal(rows[1].region[REG_CHEST], CHECKIN_NONE);
	assert_int_equal(rows[1].headache, 2);
	assert_int_equal(rows[1].stress, 6);
	assert_int_equal(rows[1].stiffness, CHECKIN_NONE);
	assert_true(rows[1].desk_hours > 8.49 && rows[1].desk_hours < 8.51);
	assert_int_equal(rows[1].massage, 1);
	assert_string_equal(rows[1].note, "long day");
	store_checkins_free(rows, n);
}

static void test_screening_and_clearance(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct screening_row r;
	bool found = true;
	assert_int_equal(s->ops->screening_latest(s, &r, &found, &f->err), 0);
	assert_false(found);
	struct answer_row a[2] = { { "dizziness", true, 2, true, false }, { "chest-pressure", false, 0, false, true } };
	struct screening_row w = { 0, 5000, 2, false, a, 2 };
	assert_int_equal(s->ops->screening_add(s, &w, &f->err), 0);
	struct answer_row b[1] = { { "dizziness", false, 0, true, false } };
	struct screening_row w2 = { 0, 9000, 0, true, b, 1 };
	assert_int_equal(s->ops->screening_add(s, &w2, &f->err), 0);
	assert_int_equal(s->ops->screening_latest(s, &r, &found, &f->err), 0);
	assert_true(found);
	assert_int_equal(r.id, w2.id);
	assert_int_equal(r.level, 0);
	assert_true(r.neck_clear);
	assert_int_equal(r.n_answers, 1);
	assert_string_equal(r.answers[0].question_id, "dizziness");
	assert_false(r.answers[0].yes);
	assert_true(r.answers[0].locks_neck);
	assert_false(r.answers[0].fact);
	screening_row_release(&r);
	/* what each answer meant when given comes back with it */
	struct screening_row *all;
	size_t nall;
	assert_int_equal(s->ops->screenings_list(s, &all, &nall, &f->err), 0);
	assert_int_equal(nall, 2);
	assert_true(all[0].answers[0].locks_neck);
	assert_false(all[0].answers[1].locks_neck);
	assert_true(all[0].answers[1].fact);
	for (size_t i = 0; i < nall; i++)
		screening_row_release(&all[i]);
	free(all);

	struct clearance_row c = { 0, 6000, "2026-11-22", "Dr Lee, physio: fine to exercise", w.id };
	assert_int_equal(s->ops->clearance_add(s, &c, &f->err), 0);
	struct clearance_row empty = { 0, 6000, "2026-11-22", "", w.id };
	assert_int_equal(s->ops->clearance_add(s, &empty, &f->err), -1);
	struct clearance_row *rows;
	size_t n;
	assert_int_equal(s->ops->clearances_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].screening_id, w.id);
	assert_string_equal(rows[0].note, "Dr Lee, physio: fine to exercise");
	store_clearances_free(rows, n);
}

static void test_psfs(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct psfs_activity a = { 0, "carry the shopping", 100, };
	assert_int_equal(s->ops->psfs_activity_add(s, &a, &f->err), 0);
	struct psfs_activity dup = { 0, "carry the shopping", 200 };
	assert_int_equal(s->ops->psfs_activity_add(s, &dup, &f->err), -1);
	struct psfs_rating r1 = { a.id, "2026-11-01", 3 }, r2 = { a.id, "2026-11-01", 4 }, r3 = { a.id, "2026-11-08", 6 };
	assert_int_equal(s->ops->psfs_rate(s, &r1, &f->err), 0);
	assert_int_equal(s->ops->psfs_rate(s, &r2, &f->err), 0); /* same day: replaced */
	assert_int_equal(s->ops->psfs_rate(s, &r3, &f->err), 0);
	struct psfs_rating bad = { a.id, "2026-11-09", 12 };
	assert_int_equal(s->ops->psfs_rate(s, &bad, &f->err), -1);
	struct psfs_rating *rows;
	size_t n;
	assert_int_equal(s->ops->psfs_ratings(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].score, 4);
	assert_int_equal(rows[1].score, 6);
	free(rows);
}

static void test_forget_all(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-11-20");
	c.pain = 2;
	c.note = "a private note that must go";
	assert_int_equal(s->ops->checkin_add(s, &c, &f->err), 0);
	struct session_row sr = { 0, "r", 1, 0, SESSION_RUNNING, 3, -1, "content", 0, 0, 0 };
	assert_int_equal(s->ops->session_begin(s, &sr, &f->err), 0);
	bool wiped = false;
	assert_int_equal(s->ops->forget_all(s, &wiped, &f->err), 0);
	assert_true(wiped);
	struct checkin *rows;
	size_t n;
	assert_int_equal(s->ops->checkins_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 0);
	free(rows);
	struct session_row *ss;
	assert_int_equal(s->ops->sessions_list(s, &ss, &n, &f->err), 0);
	assert_int_equal(n, 0);
	free(ss);
	/* the note's text is gone from the file itself */
	struct strbuf cmd = STRBUF_INIT;
	strbuf_addf(&cmd, "grep -c 'a private note' '%s' '%s-wal' >/dev/null 2>&1", f->db, f->db);
	assert_int_not_equal(system(cmd.buf), 0);
	strbuf_release(&cmd);
}

/* STORE_CHECKPOINT_APART (the server's group commit, the clinic's connections): the
 * handle's commits leave the write-ahead log's checkpoint to a thread of its own, which
 * copies the log back once it passes 1,000 pages; the writer goes on meanwhile and
 * nothing it wrote is lost. A handle without the flag has no such thread (its commits
 * checkpoint, as SQLite does). */
static void test_checkpoint_apart(void **state)
{
	struct fx *f = *state;
	assert_int_equal(sq_ckpt_runs(sq(f->s)), 0);
	struct store *s;
	assert_int_equal(store_open_flags(&s, f->db, STORE_CHECKPOINT_APART, &f->err), 0);
	sqlite3 *db = sq(s)->db;
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE scratch(x BLOB)", NULL, NULL, NULL), SQLITE_OK);
	struct stat file;
	assert_int_equal(stat(f->db, &file), 0);
	off_t before = file.st_size;
	for (int i = 0; i < 1200; i++) /* one commit each, a page or more apiece */
		assert_int_equal(sqlite3_exec(db, "INSERT INTO scratch VALUES (zeroblob(4000))", NULL, NULL, NULL),
				 SQLITE_OK);
	unsigned long runs = 0;
	for (int i = 0; i < 500 && !(runs = sq_ckpt_runs(sq(s))); i++)
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
	assert_true(runs > 0);
	/* and the thread's checkpoint copied the log into the file (a connection that has
	 * read nothing checkpoints nothing: the log then grew until a commit copied it);
	 * the thread wakes at 1,000 pages, some 300 commits of 3 pages: 100 pages at least */
	assert_int_equal(stat(f->db, &file), 0);
	assert_true(file.st_size - before > 100 * 4096);
	store_close(s);
	/* everything written is there, read through another connection */
	sqlite3 *other;
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_open(f->db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(other, "SELECT count(*) FROM scratch", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), 1200);
	sqlite3_finalize(stmt);
	sqlite3_close(other);
}

static int sync_level(sqlite3 *db)
{
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA synchronous", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	int level = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return level;
}

/* the statements a connection ran, one per line (sqlite3_trace_v2) */
static int traced(unsigned what, void *ctx, void *p, void *x)
{
	(void)what;
	(void)p;
	strbuf_addf(ctx, "%s\n", (const char *)x);
	return 0;
}

/* The kept dashboard lines' commit does not wait for the disk (synchronous=NORMAL in
 * WAL mode, they are folded again if lost); every other commit does (FULL), which the
 * connection is put back to at once, or before its next statement should that fail;
 * inside a transaction the level stays as it is. */
static void test_light_commit(void **state)
{
	struct fx *f = *state;
	struct sqlite_store *st = sq(f->s);
	assert_true(st->wal);
	assert_int_equal(sync_level(st->db), 2);
	/* the kept lines' put: NORMAL for its commit, FULL after */
	struct strbuf trace = STRBUF_INIT;
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, traced, &trace);
	struct dash_kept put = { .id = 999, .version = 1, .text = (char *)"a line" };
	assert_int_equal(f->s->ops->dash_kept_put(f->s, "k", &put, 1, &f->err), 0);
	sqlite3_trace_v2(st->db, 0, NULL, NULL);
	const char *normal = strstr(trace.buf, "PRAGMA synchronous=NORMAL"), *begin = strstr(trace.buf, "BEGIN");
	const char *commit = strstr(trace.buf, "COMMIT"), *full = strstr(trace.buf, "PRAGMA synchronous=FULL");
	assert_true(normal && begin && commit && full && normal < begin && begin < commit && commit < full);
	strbuf_release(&trace);
	assert_int_equal(sync_level(st->db), 2);
	assert_false(st->light);
	/* inside a transaction the level may not change: left FULL */
	assert_int_equal(sq_begin(st, "test", &f->err), 0);
	assert_false(sq_light_begin(st));
	assert_int_equal(sync_level(st->db), 2);
	sq_rollback(st);
	/* FULL not put back (a transaction opened meanwhile): the next statement puts it
	 * back before it runs, and a write goes through as FULL */
	assert_true(sq_light_begin(st));
	assert_int_equal(sync_level(st->db), 1);
	assert_int_equal(sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	strbuf_reset(&f->err);
	assert_int_equal(sq_light_end(st, true, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "could not make the next commits wait for the disk again"));
	assert_true(st->light);
	assert_int_equal(sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sync_level(st->db), 1);
	assert_int_equal(count_checkins(f), 0); /* a read: a statement of its own */
	assert_false(st->light);
	assert_int_equal(sync_level(st->db), 2);
	assert_true(sq_light_begin(st)); /* again, for a write */
	assert_int_equal(sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sq_light_end(st, true, &f->err), -1);
	assert_int_equal(sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(add_day(f, "2026-11-05", 2), 0);
	assert_false(st->light);
	assert_int_equal(sync_level(st->db), 2);
	/* and a statement that cannot put it back is not run */
	assert_true(sq_light_begin(st));
	assert_int_equal(sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sq_light_end(st, true, &f->err), -1);
	assert_int_equal(add_day(f, "2026-11-06", 2), -1);
	assert_int_equal(sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(add_day(f, "2026-11-06", 2), 0);
	assert_int_equal(sync_level(st->db), 2);
	assert_int_equal(count_checkins(f), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_checkins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_screening_and_clearance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_psfs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkpoint_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_light_commit, setup, teardown),
	};
	return cmocka_run_group_tests_name("store-health", tests, NULL, NULL);
}
