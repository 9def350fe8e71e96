/* test_store_safety.c: what keeps the store honest under other programs and odd files:
 * the session lock (one run at a time, taken over from a dead run), an import batch that
 * does not block other writers and keeps nothing when the store filled meanwhile,
 * read-only opening that writes and creates nothing, the repair of text that is not
 * UTF-8 on upgrade, forgetting while another reader holds old pages, and a FIFO where
 * the database should be. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/mem.h"
#include "core/utf8.h"
#include "store/store.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store-fx.h"
#include <sqlite3.h>

static int add_checkin(struct store *s, const char *date, const char *note, struct strbuf *err)
{
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "%s", date);
	c.pain = 3;
	c.note = (char *)note;
	strbuf_reset(err);
	return s->ops->checkin_add(s, &c, err);
}

static size_t count_checkins(struct store *s, struct strbuf *err)
{
	struct checkin *rows;
	size_t n;
	assert_int_equal(s->ops->checkins_list(s, &rows, &n, err), 0);
	store_checkins_free(rows, n);
	return n;
}

static size_t files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

/* ---- the session lock ---- */

static bool alive_unless_dead(const char *id, void *ctx)
{
	const char *dead = ctx;
	return !dead || strcmp(id, dead);
}

static void test_session_lock(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s, *s2;
	assert_int_equal(store_open(&s2, f->db, &f->err), 0);
	struct store_holder a = { "host:100:1", alive_unless_dead, NULL };
	struct store_holder b = { "host:200:1", alive_unless_dead, NULL };
	char *held = NULL;
	assert_int_equal(s->ops->session_lock(s, &a, 1000, &held, &f->err), 0);
	assert_null(held);
	/* a second run is refused while the first is alive, and told who holds it */
	assert_int_equal(s2->ops->session_lock(s2, &b, 1001, &held, &f->err), 1);
	assert_string_equal(held, "host:100:1");
	free(held);
	held = NULL;
	/* taking it again by the holder itself is fine */
	assert_int_equal(s->ops->session_lock(s, &a, 1002, &held, &f->err), 0);
	/* once the first run is dead, the lock is taken over */
	b.ctx = (void *)"host:100:1";
	assert_int_equal(s2->ops->session_lock(s2, &b, 1003, &held, &f->err), 0);
	assert_null(held);
	a.ctx = NULL;
	assert_int_equal(s->ops->session_lock(s, &a, 1004, &held, &f->err), 1);
	free(held);
	held = NULL;
	/* only the holder gives it back */
	assert_int_equal(s->ops->session_unlock(s, a.id, &f->err), 0);
	assert_int_equal(s->ops->session_lock(s, &a, 1005, &held, &f->err), 1);
	free(held);
	held = NULL;
	assert_int_equal(s2->ops->session_unlock(s2, b.id, &f->err), 0);
	assert_int_equal(s->ops->session_lock(s, &a, 1006, &held, &f->err), 0);
	store_close(s2);
}

/* ---- a batch into an empty store ---- */

/* While an import batch is open, another program's check-in goes through at once; the
 * import is then refused at its commit, and nothing of it is kept. */
static void test_batch_into_empty(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s, *other;
	assert_int_equal(store_open(&other, f->db, &f->err), 0);
	assert_int_equal(s->ops->batch_begin(s, STORE_BATCH_INTO_EMPTY, &f->err), 0);
	assert_int_equal(add_checkin(s, "2026-01-01", "imported", &f->err), 0);
	assert_int_equal(add_checkin(s, "2026-01-02", "imported", &f->err), 0);
	assert_int_equal(count_checkins(s, &f->err), 2); /* the batch sees its own */
	/* busy_timeout is 5 s: a write lock held by the batch would make this wait */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 100);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(add_checkin(other, "2026-02-01", "typed meanwhile", &f->err), 0);
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->batch_end(s, true, &f->err), -1);
	assert_non_null(strstr(f->err.buf, "not empty any more"));
	assert_int_equal(count_checkins(s, &f->err), 1); /* only the one typed meanwhile */

	/* into a store that stays empty, it is all kept, ids and references too */
	bool wiped;
	assert_int_equal(s->ops->forget_all(s, &wiped, &f->err), 0);
	assert_int_equal(s->ops->batch_begin(s, STORE_BATCH_INTO_EMPTY, &f->err), 0);
	struct screening_row sc = { 0, 5, 2, false, NULL, 0 };
	assert_int_equal(s->ops->screening_add(s, &sc, &f->err), 0);
	struct clearance_row cl = { 0, 6, "2026-01-03", "Dr Lee: fine", sc.id };
	assert_int_equal(s->ops->clearance_add(s, &cl, &f->err), 0);
	assert_int_equal(add_checkin(s, "2026-01-01", "imported", &f->err), 0);
	assert_int_equal(s->ops->batch_end(s, true, &f->err), 0);
	assert_int_equal(count_checkins(other, &f->err), 1);
	struct clearance_row *c;
	size_t n;
	assert_int_equal(other->ops->clearances_list(other, &c, &n, &f->err), 0);
	assert_int_equal(n, 1);
	struct screening_row latest;
	bool found;
	assert_int_equal(other->ops->screening_latest(other, &latest, &found, &f->err), 0);
	assert_true(found);
	assert_int_equal(c[0].screening_id, latest.id);
	screening_row_release(&latest);
	store_clearances_free(c, n);
	/* and a batch given up keeps nothing */
	assert_int_equal(s->ops->batch_begin(s, STORE_BATCH_INTO_EMPTY, &f->err), 0);
	assert_int_equal(add_checkin(s, "2026-01-05", "dropped", &f->err), 0);
	assert_int_equal(s->ops->batch_end(s, false, &f->err), 0);
	assert_int_equal(count_checkins(s, &f->err), 1);
	store_close(other);
}

/* ---- read-only ---- */

static void test_read_only_missing_creates_nothing(void **state)
{
	struct fx *f = *state;
	char path[160];
	snprintf(path, sizeof(path), "%s/none/unhunch.db", f->dir);
	struct store *s;
	assert_int_equal(store_open_readonly(&s, path, &f->err), 0);
	assert_int_equal(count_checkins(s, &f->err), 0);
	store_close(s);
	struct stat sb;
	assert_int_equal(stat(path, &sb), -1);
	snprintf(path, sizeof(path), "%s/none", f->dir);
	assert_int_equal(stat(path, &sb), -1);
}

/* A read-only file (mode 0400, as root too) is read without writing and leaves no -wal
 * or -shm behind; a read-write open of it is refused. */
static void test_read_only_file(void **state)
{
	struct fx *f = *state;
	assert_int_equal(add_checkin(f->s, "2026-01-01", "kept", &f->err), 0);
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(chmod(f->db, 0400), 0);
	size_t before = files_in(f->dir);
	struct store *s;
	if (store_open_readonly(&s, f->db, &f->err))
		fail_msg("%s", f->err.buf);
	assert_int_equal(count_checkins(s, &f->err), 1);
	store_close(s);
	assert_int_equal(files_in(f->dir), before);
	chmod(f->db, 0600);
}

/* ---- UTF-8 repair on upgrade ---- */

static void test_upgrade_repairs_text(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	struct psfs_activity a = { 0, "caf\xc3\xa9 visits", 1 };
	assert_int_equal(s->ops->psfs_activity_add(s, &a, &f->err), 0);
	store_close(s);
	f->s = NULL;
	/* what an older unhunch stored from a Latin-1 terminal: bytes that are not UTF-8 */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db,
				      "DROP TABLE session_lock; ALTER TABLE screening_answers DROP COLUMN locks_neck;"
				      "ALTER TABLE screening_answers DROP COLUMN fact; PRAGMA user_version = 4;"
				      "INSERT INTO checkins(date, at_ms, pain, note) VALUES ('2026-01-01', 1, 3,"
				      " CAST(X'4e61636b656e207363686d65727a7420fc6265722064656d20427261756e' AS TEXT));"
				      "INSERT INTO psfs_activities(name, added_ms) VALUES (CAST(X'636166e9207669736974' || "
				      " X'73' AS TEXT), 2), ('plain', 3);"
				      "INSERT INTO screenings(at_ms, level, neck_clear) VALUES (1, 2, 0);"
				      "INSERT INTO clearances(at_ms, date, note, screening_id) VALUES (2, '2026-01-02',"
				      " CAST(X'4472204dfc6c6c6572' AS TEXT), 1);",
				      NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s", msg);
	sqlite3_close(db);
	if (store_open(&f->s, f->db, &f->err))
		fail_msg("%s", f->err.buf);
	s = f->s;
	struct checkin *rows;
	size_t n;
	assert_int_equal(s->ops->checkins_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].note, "Nacken schmerzt \xc3\xbc" "ber dem Braun");
	store_checkins_free(rows, n);
	struct psfs_activity *acts;
	assert_int_equal(s->ops->psfs_activities(s, &acts, &n, &f->err), 0);
	assert_int_equal(n, 3);
	/* the same name once repaired: kept apart, not lost */
	assert_string_equal(acts[0].name, "caf\xc3\xa9 visits");
	assert_string_equal(acts[1].name, "caf\xc3\xa9 visits (2)");
	assert_string_equal(acts[2].name, "plain");
	store_psfs_activities_free(acts, n);
	struct clearance_row *c;
	assert_int_equal(s->ops->clearances_list(s, &c, &n, &f->err), 0);
	assert_string_equal(c[0].note, "Dr M\xc3\xbcller");
	store_clearances_free(c, n);
	/* and the store refuses such text from now on */
	assert_int_equal(add_checkin(s, "2026-01-03", "bad \xfc text", &f->err), -1);
	assert_non_null(strstr(f->err.buf, "not valid UTF-8"));
}

/* ---- forgetting while another program reads ---- */

static void test_forget_with_reader(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	assert_int_equal(add_checkin(s, "2026-01-01", "a secret that must go", &f->err), 0);
	/* another program in the middle of reading the old data */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT note FROM checkins", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	bool wiped = true;
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->forget_all(s, &wiped, &f->err), 0); /* deleted all the same */
	assert_false(wiped);
	assert_non_null(strstr(f->err.buf, "another program still reads the database"));
	assert_int_equal(count_checkins(s, &f->err), 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* once it is gone, forgetting again finishes the wipe */
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->forget_all(s, &wiped, &f->err), 0);
	assert_true(wiped);
	struct strbuf cmd = STRBUF_INIT;
	strbuf_addf(&cmd, "grep -c 'a secret' '%s' '%s-wal' >/dev/null 2>&1", f->db, f->db);
	assert_int_not_equal(system(cmd.buf), 0);
	strbuf_release(&cmd);
}

/* ---- not a regular file ---- */

static void test_fifo_refused(void **state)
{
	struct fx *f = *state;
	char path[160];
	snprintf(path, sizeof(path), "%s/fifo.db", f->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	pid_t pid = fork();
	if (pid == 0) { /* a hang would end the test by this alarm */
		alarm(10);
		struct store *s;
		struct strbuf err = STRBUF_INIT;
		int a = store_open(&s, path, &err);
		bool said = strstr(strbuf_str(&err), "not a regular file") != NULL;
		strbuf_reset(&err);
		int b = store_open_readonly(&s, path, &err);
		said = said && strstr(strbuf_str(&err), "not a regular file");
		_exit(a == -1 && b == -1 && said ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_session_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_into_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_missing_creates_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_repairs_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_with_reader, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_refused, setup, teardown),
	};
	return cmocka_run_group_tests_name("store_safety", tests, NULL, NULL);
}
