/* test_store.c: the SQLite store in a temporary folder: creation and settings, a whole
 * session written and read back, duplicates, resume, reopening, and refusal of files
 * that are newer, foreign, truncated or damaged (which must be left byte for byte). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "store/store.h"
#include "core/mem.h"
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fx {
	char dir[64];
	char *db; /* dir/data/unhunch.db: the data folder does not exist yet */
	struct strbuf err;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/unhunch-store-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/data/unhunch.db", f->dir);
	f->db = strbuf_detach(&sb);
	strbuf_init(&f->err);
	*state = f;
	return 0;
}

static void rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "%s/%s", path, e->d_name);
			rm_rf(sb.buf);
			strbuf_release(&sb);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rm_rf(f->dir);
	free(f->db);
	strbuf_release(&f->err);
	free(f);
	return 0;
}

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static void spit(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static bool sidecar(const char *path, const char *suffix)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s%s", path, suffix);
	bool yes = exists(sb.buf);
	strbuf_release(&sb);
	return yes;
}

static struct store *open_ok(struct fx *f)
{
	struct store *s = NULL;
	strbuf_reset(&f->err);
	int rc = store_open(&s, f->db, &f->err);
	if (rc)
		fprintf(stderr, "store_open: %s\n", strbuf_str(&f->err));
	assert_int_equal(rc, 0);
	assert_non_null(s);
	return s;
}

/* store_open must fail with a message holding path and want, and leave the file as it was. */
static void assert_refused(struct fx *f, const char *want)
{
	size_t before_len, after_len;
	char *before = slurp(f->db, &before_len);
	struct store *s = (struct store *)1;
	strbuf_reset(&f->err);
	assert_int_equal(store_open(&s, f->db, &f->err), -1);
	assert_null(s);
	const char *msg = strbuf_str(&f->err);
	if (!strstr(msg, want) || strncmp(msg, f->db, strlen(f->db)))
		fprintf(stderr, "message: %s\n", msg);
	assert_non_null(strstr(msg, want));
	assert_int_equal(strncmp(msg, f->db, strlen(f->db)), 0);
	char *after = slurp(f->db, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	assert_false(sidecar(f->db, "-wal"));
	free(before);
	free(after);
}

/* Run one SQL text on the file through a connection of its own (no unhunch involved).
 * With crash set, the connection closes without checkpointing, as if the program had
 * died: the writes stay in the -wal file beside the database. */
static void raw_exec_crash(const char *path, const char *sql, bool crash)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	if (crash)
		assert_int_equal(sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc)
		fprintf(stderr, "%s: %s\n", sql, msg);
	sqlite3_free(msg);
	assert_int_equal(rc, SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void raw_exec(const char *path, const char *sql)
{
	raw_exec_crash(path, sql, false);
}

/* The first column of the first row of sql, as text (caller frees). */
static char *raw_text(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *out = xstrdup(t ? (const char *)t : "(null)");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	return out;
}

static void assert_raw(const char *path, const char *sql, const char *want)
{
	char *got = raw_text(path, sql);
	assert_string_equal(got, want);
	free(got);
}

static int64_t begin(struct fx *f, struct store *s, const char *routine, int64_t started)
{
	struct session_row r = {
		.routine_id = (char *)routine, .started_ms = started, .status = SESSION_RUNNING,
		.pain_before = 3, .pain_after = -1, .pacing = (char *)"timed",
	};
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->session_begin(s, &r, &f->err), 0);
	assert_true(r.id > 0);
	return r.id;
}

static void add_set(struct fx *f, struct store *s, int64_t id, int item, const char *ex, int set_no,
		    const char *side, int reps, int64_t at)
{
	struct set_row r = {
		.item = item, .exercise_id = (char *)ex, .set_no = set_no, .side = (char *)side,
		.reps_target = 10, .reps_done = reps, .duration_ms = 30000 + item, .at_ms = at,
	};
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->set_add(s, id, &r, &f->err), 0);
}

static void add_exercise(struct fx *f, struct store *s, int64_t id, int item, const char *ex,
			 enum exercise_status st, int reps, int64_t at)
{
	struct exercise_row r = {
		.item = item, .exercise_id = (char *)ex, .status = st, .reps_done = reps,
		.duration_ms = 60000 + item, .at_ms = at,
	};
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->exercise_add(s, id, &r, &f->err), 0);
}

/* A database of several pages: many sets with long names. */
static void fill(struct fx *f, int sessions)
{
	struct store *s = open_ok(f);
	char ex[200];
	for (int k = 0; k < sessions; k++) {
		int64_t id = begin(f, s, "morning-routine-with-a-long-name", 1000 * k);
		for (int i = 0; i < 100; i++) {
			snprintf(ex, sizeof(ex), "exercise-%d-%d-padded-so-the-rows-take-room-on-the-pages-%0100d", k, i, i);
			add_set(f, s, id, i, ex, 1, "", 5, 1000 * k + i);
		}
	}
	store_close(s);
}

/* ---- tests ---- */

static void test_create(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	assert_string_equal(s->ops->name, "sqlite");
	int v = -1;
	assert_int_equal(s->ops->schema_version(s, &v, &f->err), 0);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	bool ok = false;
	assert_int_equal(s->ops->check(s, &ok, &f->err), 0);
	assert_true(ok);
	assert_string_equal(strbuf_str(&f->err), "");
	assert_true(sidecar(f->db, "-wal"));
	store_close(s);
	/* The connection closed cleanly: the WAL was checkpointed and removed. */
	assert_false(sidecar(f->db, "-wal"));

	struct stat st;
	assert_int_equal(stat(f->db, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	char *dir = xstrdup(f->db);
	*strrchr(dir, '/') = '\0';
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0700);
	free(dir);

	assert_raw(f->db, "PRAGMA journal_mode", "wal");
	assert_raw(f->db, "PRAGMA user_version", "19");
	assert_raw(f->db, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
		   " WHERE type = 'table' ORDER BY name)", "account_totp,accounts,appointments,assessment_answers,assessment_factors,assessments,audit,break_events,checkin_regions,checkins,clearances,dash_kept,exercise_feedback,exercises,idempotency_keys,invites,login_failures,logins,meta,pains,plan_changes,prescriptions,psfs_activities,psfs_ratings,recovery_codes,screening_answers,screenings,session_lock,sessions,sets,sqlite_sequence,trainer_clients,web_sessions");
	assert_raw(f->db, "SELECT \"table\" || '.' || \"from\" || ' ' || on_delete"
		   " FROM pragma_foreign_key_list('sets')", "sessions.session_id CASCADE");
}

/* The store's own connection enforces foreign keys (SQLite's default is off). */
static void test_foreign_keys_on(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	struct set_row set = { .item = 0, .exercise_id = (char *)"x", .set_no = 1, .side = (char *)"" };
	assert_int_equal(s->ops->set_add(s, 4242, &set, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "no such session"));
	struct exercise_row ex = { .item = 0, .exercise_id = (char *)"x", .status = EX_DONE };
	assert_int_equal(s->ops->exercise_add(s, 4242, &ex, &f->err), -1);
	struct pain_row pain = { .item = -1, .exercise_id = (char *)"", .score = 2, .action = (char *)"" };
	assert_int_equal(s->ops->pain_add(s, 4242, &pain, &f->err), -1);
	store_close(s);
	assert_raw(f->db, "SELECT (SELECT count(*) FROM sets) + (SELECT count(*) FROM exercises)"
		   " + (SELECT count(*) FROM pains)", "0");
}

static void test_round_trip(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	int64_t id = begin(f, s, "morning", 1700000000000);
	int64_t other = begin(f, s, "evening", 1700000009000);
	add_set(f, s, id, 0, "cat-cow", 1, "", 8, 1700000001000);
	add_set(f, s, id, 1, "side-bend", 1, "left", 5, 1700000002000);
	add_set(f, s, id, 1, "side-bend", 1, "right", 4, 1700000003000);
	add_exercise(f, s, id, 0, "cat-cow", EX_DONE, 8, 1700000001500);
	add_exercise(f, s, id, 1, "side-bend", EX_SKIPPED, 9, 1700000003500);
	add_exercise(f, s, id, 2, "bridge", EX_STOPPED, 2, 1700000004000);
	add_exercise(f, s, id, 3, "rest", EX_DONE, 0, 1700000004500);
	struct pain_row p1 = { .item = 2, .exercise_id = (char *)"bridge", .score = 7,
			       .action = (char *)"stopped; offered glute-bridge-short", .at_ms = 1700000003900 };
	struct pain_row p2 = { .item = -1, .exercise_id = (char *)"", .score = 1, .action = (char *)"noted",
			       .at_ms = 1700000004200 };
	assert_int_equal(s->ops->pain_add(s, id, &p1, &f->err), 0);
	assert_int_equal(s->ops->pain_add(s, id, &p2, &f->err), 0);
	assert_int_equal(s->ops->session_end(s, id, SESSION_FINISHED, 2, 1700000005000, &f->err), 0);

	struct set_row *sets;
	size_t n;
	assert_int_equal(s->ops->sets_of(s, id, &sets, &n, &f->err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(sets[0].item, 0);
	assert_string_equal(sets[0].exercise_id, "cat-cow");
	assert_int_equal(sets[0].set_no, 1);
	assert_string_equal(sets[0].side, "");
	assert_int_equal(sets[0].reps_target, 10);
	assert_int_equal(sets[0].reps_done, 8);
	assert_int_equal(sets[0].duration_ms, 30000);
	assert_int_equal(sets[0].at_ms, 1700000001000);
	assert_string_equal(sets[1].side, "left");
	assert_int_equal(sets[1].reps_done, 5);
	assert_int_equal(sets[1].duration_ms, 30001);
	assert_string_equal(sets[2].side, "right");
	assert_string_equal(sets[2].exercise_id, "side-bend");
	assert_int_equal(sets[2].reps_done, 4);
	assert_int_equal(sets[2].at_ms, 1700000003000);
	store_sets_free(sets, n);

	struct exercise_row *ex;
	assert_int_equal(s->ops->exercises_of(s, id, &ex, &n, &f->err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(ex[0].item, 0);
	assert_string_equal(ex[0].exercise_id, "cat-cow");
	assert_int_equal(ex[0].status, EX_DONE);
	assert_int_equal(ex[0].reps_done, 8);
	assert_int_equal(ex[0].duration_ms, 60000);
	assert_int_equal(ex[0].at_ms, 1700000001500);
	assert_int_equal(ex[1].status, EX_SKIPPED);
	assert_int_equal(ex[1].reps_done, 9);
	assert_int_equal(ex[2].status, EX_STOPPED);
	assert_string_equal(ex[2].exercise_id, "bridge");
	assert_int_equal(ex[2].duration_ms, 60002);
	assert_int_equal(ex[3].item, 3);
	store_exercises_free(ex, n);

	struct pain_row *pains;
	assert_int_equal(s->ops->pains_of(s, id, &pains, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(pains[0].item, 2);
	assert_string_equal(pains[0].exercise_id, "bridge");
	assert_int_equal(pains[0].score, 7);
	assert_string_equal(pains[0].action, "stopped; offered glute-bridge-short");
	assert_int_equal(pains[0].at_ms, 1700000003900);
	assert_int_equal(pains[1].item, -1);
	assert_string_equal(pains[1].exercise_id, "");
	assert_int_equal(pains[1].score, 1);
	assert_string_equal(pains[1].action, "noted");
	store_pains_free(pains, n);

	/* Nothing leaks into the other session. */
	assert_int_equal(s->ops->sets_of(s, other, &sets, &n, &f->err), 0);
	assert_int_equal(n, 0);
	store_sets_free(sets, n);

	struct session_row *rows;
	assert_int_equal(s->ops->sessions_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, id);
	assert_string_equal(rows[0].routine_id, "morning");
	assert_int_equal(rows[0].started_ms, 1700000000000);
	assert_int_equal(rows[0].ended_ms, 1700000005000);
	assert_int_equal(rows[0].status, SESSION_FINISHED);
	assert_int_equal(rows[0].pain_before, 3);
	assert_int_equal(rows[0].pain_after, 2);
	assert_string_equal(rows[0].pacing, "timed");
	assert_int_equal(rows[0].exercises_done, 2);
	assert_int_equal(rows[0].exercises_skipped, 1);
	assert_int_equal(rows[0].pain_events, 2);
	assert_int_equal(rows[1].id, other);
	assert_string_equal(rows[1].routine_id, "evening");
	assert_int_equal(rows[1].status, SESSION_RUNNING);
	assert_int_equal(rows[1].ended_ms, 0);
	assert_int_equal(rows[1].pain_after, -1);
	assert_int_equal(rows[1].exercises_done, 0);
	assert_int_equal(rows[1].exercises_skipped, 0);
	assert_int_equal(rows[1].pain_events, 0);
	store_sessions_free(rows, n);
	store_close(s);
}

static void test_duplicates_keep_first(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	int64_t id = begin(f, s, "morning", 1000);
	add_set(f, s, id, 0, "cat-cow", 1, "left", 8, 2000);
	add_set(f, s, id, 0, "cat-cow", 1, "left", 3, 9000); /* resumed: same key */
	add_set(f, s, id, 0, "cat-cow", 1, "right", 6, 3000); /* another side: a new row */
	add_set(f, s, id, 0, "cat-cow", 2, "left", 7, 4000);  /* another set: a new row */
	add_exercise(f, s, id, 0, "cat-cow", EX_DONE, 8, 5000);
	add_exercise(f, s, id, 0, "cat-cow", EX_SKIPPED, 1, 9500);
	/* an easier exercise run in the same place after pain: rows of its own */
	add_set(f, s, id, 0, "cat-cow-easy", 1, "left", 4, 9700);
	add_exercise(f, s, id, 0, "cat-cow-easy", EX_DONE, 4, 9800);

	struct set_row *sets;
	size_t n;
	assert_int_equal(s->ops->sets_of(s, id, &sets, &n, &f->err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(sets[3].exercise_id, "cat-cow-easy");
	assert_string_equal(sets[0].side, "left");
	assert_int_equal(sets[0].set_no, 1);
	assert_int_equal(sets[0].reps_done, 8);
	assert_int_equal(sets[0].at_ms, 2000);
	assert_string_equal(sets[1].side, "right");
	assert_int_equal(sets[2].set_no, 2);
	store_sets_free(sets, n);

	struct exercise_row *ex;
	assert_int_equal(s->ops->exercises_of(s, id, &ex, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ex[0].status, EX_DONE);
	assert_int_equal(ex[0].reps_done, 8);
	assert_int_equal(ex[0].at_ms, 5000);
	assert_string_equal(ex[1].exercise_id, "cat-cow-easy");
	store_exercises_free(ex, n);
	store_close(s);
}

/* Issue 19.5: skipping an exercise, then going back and doing it, counts it as done
 * (a done one never turns skipped again). */
static void test_skipped_then_done(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	int64_t id = begin(f, s, "morning", 1000);
	add_exercise(f, s, id, 0, "cat-cow", EX_SKIPPED, 0, 2000);
	add_exercise(f, s, id, 0, "cat-cow", EX_DONE, 8, 3000);
	add_exercise(f, s, id, 0, "cat-cow", EX_SKIPPED, 0, 4000);
	add_exercise(f, s, id, 1, "bridge", EX_SKIPPED, 0, 5000);
	struct exercise_row *ex;
	size_t n;
	assert_int_equal(s->ops->exercises_of(s, id, &ex, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ex[0].status, EX_DONE);
	assert_int_equal(ex[0].reps_done, 8);
	assert_int_equal(ex[0].at_ms, 3000);
	assert_int_equal(ex[1].status, EX_SKIPPED);
	store_exercises_free(ex, n);
	struct session_row *rows;
	assert_int_equal(s->ops->sessions_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].exercises_done, 1);
	assert_int_equal(rows[0].exercises_skipped, 1);
	store_sessions_free(rows, n);
	store_close(s);
}

/* The sums migration 18 keeps on the rows (a check-in's places, a session's counts)
 * equal what the rows they sum say, after the upgrade of a store written by hand, after
 * the program's writes (a skipped exercise done after all, a pain report) and after more
 * writes by hand: inserts, an update and deletes. */
#define SUMS_TRUE \
	"SELECT (SELECT count(*) FROM checkins c WHERE c.regions <> coalesce((SELECT sum((r.score + 1) << (4 *" \
	" (CASE r.region WHEN 'neck' THEN 0 WHEN 'between-shoulder-blades' THEN 1 WHEN 'upper-back' THEN 2" \
	" WHEN 'left-shoulder' THEN 3 WHEN 'right-shoulder' THEN 4 ELSE 5 END))) FROM checkin_regions r" \
	" WHERE r.checkin_id = c.id), 0))" \
	" + (SELECT count(*) FROM sessions s WHERE" \
	" s.n_done <> (SELECT count(*) FROM exercises e WHERE e.session_id = s.id AND e.status = 'done')" \
	" OR s.n_skipped <> (SELECT count(*) FROM exercises e WHERE e.session_id = s.id AND e.status = 'skipped')" \
	" OR s.n_pains <> (SELECT count(*) FROM pains p WHERE p.session_id = s.id))"

static void expect_places(struct fx *f, struct store *s, const int want[][REG__COUNT], size_t n_want)
{
	struct checkin *c = NULL;
	size_t n = 0;
	assert_int_equal(s->ops->checkins_list(s, &c, &n, &f->err), 0);
	assert_int_equal(n, n_want);
	for (size_t i = 0; i < n; i++)
		for (int r = 0; r < REG__COUNT; r++)
			assert_int_equal(c[i].region[r], want[i][r]);
	store_checkins_free(c, n);
}

static void expect_counts(struct fx *f, struct store *s, const int want[][3], size_t n_want)
{
	struct session_row *rows = NULL;
	size_t n = 0;
	assert_int_equal(s->ops->sessions_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, n_want);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rows[i].exercises_done, want[i][0]);
		assert_int_equal(rows[i].exercises_skipped, want[i][1]);
		assert_int_equal(rows[i].pain_events, want[i][2]);
	}
	store_sessions_free(rows, n);
}

static void test_sums_kept(void **state)
{
	struct fx *f = *state;
	char *dir = xstrdup(f->db);
	*strrchr(dir, '/') = '\0';
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	if (store_make_old(f->db, STORE_SCHEMA_VERSION - 1, &f->err))
		fail_msg("%s", strbuf_str(&f->err));
	raw_exec(f->db, "INSERT INTO checkins(id, date, at_ms, pain) VALUES (1, '2026-03-01', 1, 4), (2, '2026-03-02', 2, 5),"
			" (3, '2026-03-03', 3, 6);"
			"INSERT INTO checkin_regions(checkin_id, region, score) VALUES (1, 'neck', 0), (1, 'chest', 10),"
			" (1, 'right-shoulder', 7), (2, 'upper-back', 3), (2, 'between-shoulder-blades', 10),"
			" (2, 'left-shoulder', 1);"
			"INSERT INTO sessions(id, routine_id, started_ms, status, pacing) VALUES (1, 'a', 10, 'finished', 'timed'),"
			" (2, 'b', 20, 'quit', 'timed'), (3, 'c', 30, 'running', 'timed');"
			"INSERT INTO exercises(session_id, item, exercise_id, status, reps_done, duration_ms, at_ms) VALUES"
			" (1, 0, 'x', 'done', 8, 1, 11), (1, 1, 'y', 'done', 8, 1, 12), (1, 2, 'z', 'skipped', 0, 0, 13),"
			" (2, 0, 'x', 'stopped', 2, 1, 21), (2, 1, 'y', 'skipped', 0, 0, 22);"
			"INSERT INTO pains(session_id, item, score, at_ms) VALUES (1, -1, 3, 14), (2, 0, -1, 23), (2, 1, 9, 24);");
	struct store *s = open_ok(f); /* the upgrade fills the sums */
	const int N = CHECKIN_NONE;
	const int places[][REG__COUNT] = { { 0, N, N, N, 7, 10 }, { N, 10, 3, 1, N, N }, { N, N, N, N, N, N } };
	expect_places(f, s, places, 3);
	const int counts[][3] = { { 2, 1, 1 }, { 0, 1, 2 }, { 0, 0, 0 } };
	expect_counts(f, s, counts, 3);
	/* the program's writes: the skipped one done after all, a new one, a pain report */
	add_exercise(f, s, 2, 1, "y", EX_DONE, 8, 25);
	add_exercise(f, s, 3, 0, "x", EX_SKIPPED, 0, 31);
	struct pain_row pain = { .item = -1, .exercise_id = (char *)"", .score = 2, .action = (char *)"", .at_ms = 32 };
	assert_int_equal(s->ops->pain_add(s, 3, &pain, &f->err), 0);
	struct checkin c;
	checkin_init(&c);
	snprintf(c.date, sizeof(c.date), "2026-03-04");
	c.at_ms = 4;
	c.pain = 2;
	c.region[REG_NECK] = 9;
	c.region[REG_CHEST] = 0;
	assert_int_equal(s->ops->checkin_add(s, &c, &f->err), 0);
	const int places2[][REG__COUNT] = { { 0, N, N, N, 7, 10 }, { N, 10, 3, 1, N, N }, { N, N, N, N, N, N },
					    { 9, N, N, N, N, 0 } };
	expect_places(f, s, places2, 4);
	const int counts2[][3] = { { 2, 1, 1 }, { 1, 0, 2 }, { 0, 1, 1 } };
	expect_counts(f, s, counts2, 3);
	store_close(s);
	/* writes by hand: a place rated anew, one taken back, one added; an exercise and a
	 * pain report deleted, one moved to another session */
	raw_exec(f->db, "UPDATE checkin_regions SET score = 4 WHERE checkin_id = 1 AND region = 'chest';"
			"DELETE FROM checkin_regions WHERE checkin_id = 2 AND region = 'upper-back';"
			"INSERT INTO checkin_regions(checkin_id, region, score) VALUES (3, 'upper-back', 6);"
			"DELETE FROM exercises WHERE session_id = 1 AND item = 0;"
			"UPDATE exercises SET session_id = 3 WHERE session_id = 1 AND item = 2;"
			"DELETE FROM pains WHERE session_id = 2 AND score = 9;"
			"UPDATE pains SET session_id = 1 WHERE session_id = 3;");
	assert_raw(f->db, SUMS_TRUE, "0");
	s = open_ok(f);
	const int places3[][REG__COUNT] = { { 0, N, N, N, 7, 4 }, { N, 10, N, 1, N, N }, { N, N, 6, N, N, N },
					    { 9, N, N, N, N, 0 } };
	expect_places(f, s, places3, 4);
	const int counts3[][3] = { { 1, 0, 2 }, { 1, 0, 1 }, { 0, 2, 0 } };
	expect_counts(f, s, counts3, 3);
	/* the whole person forgotten: nothing left to sum */
	bool wiped = false;
	assert_int_equal(s->ops->forget_all(s, &wiped, &f->err), 0);
	store_close(s);
	assert_raw(f->db, SUMS_TRUE, "0");
	assert_raw(f->db, "SELECT count(*) FROM checkins", "0");
}

static void test_unfinished(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	struct session_row r;
	bool found = true;
	assert_int_equal(s->ops->session_unfinished(s, &r, &found, &f->err), 0);
	assert_false(found);
	session_row_release(&r);

	int64_t a = begin(f, s, "a", 1000);
	int64_t b = begin(f, s, "b", 2000);
	assert_int_equal(s->ops->session_end(s, b, SESSION_FINISHED, 4, 2500, &f->err), 0);
	add_exercise(f, s, a, 0, "cat-cow", EX_DONE, 8, 1100);
	assert_int_equal(s->ops->session_unfinished(s, &r, &found, &f->err), 0);
	assert_true(found);
	assert_int_equal(r.id, a);
	assert_string_equal(r.routine_id, "a");
	assert_int_equal(r.status, SESSION_RUNNING);
	assert_int_equal(r.exercises_done, 1);
	session_row_release(&r);

	int64_t c = begin(f, s, "c", 3000);
	assert_int_equal(s->ops->session_unfinished(s, &r, &found, &f->err), 0);
	assert_true(found);
	assert_int_equal(r.id, c);
	session_row_release(&r);

	/* quit by the user: still offered for resuming */
	assert_int_equal(s->ops->session_end(s, c, SESSION_QUIT, -1, 3200, &f->err), 0);
	assert_int_equal(s->ops->session_unfinished(s, &r, &found, &f->err), 0);
	assert_true(found);
	assert_int_equal(r.id, c);
	assert_int_equal(r.status, SESSION_QUIT);
	session_row_release(&r);

	assert_int_equal(s->ops->session_end(s, c, SESSION_STOPPED, -1, 3500, &f->err), 0);
	assert_int_equal(s->ops->session_end(s, a, SESSION_FINISHED, 0, 3600, &f->err), 0);
	assert_int_equal(s->ops->session_unfinished(s, &r, &found, &f->err), 0);
	assert_false(found);
	session_row_release(&r);

	/* A missing session is named as such. */
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->session_end(s, 777, SESSION_QUIT, 5, 9999, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "no such session"));

	struct session_row *rows;
	size_t n;
	assert_int_equal(s->ops->sessions_list(s, &rows, &n, &f->err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].status, SESSION_FINISHED);
	assert_int_equal(rows[0].pain_after, 0);
	assert_int_equal(rows[0].ended_ms, 3600);
	assert_int_equal(rows[1].status, SESSION_FINISHED);
	assert_int_equal(rows[1].pain_after, 4);
	assert_int_equal(rows[2].status, SESSION_STOPPED);
	assert_int_equal(rows[2].pain_after, -1);
	store_sessions_free(rows, n);

	/* Ending with SESSION_RUNNING takes a session up again (resume). */
	assert_int_equal(s->ops->session_end(s, c, SESSION_RUNNING, -1, 0, &f->err), 0);
	assert_int_equal(s->ops->session_unfinished(s, &r, &found, &f->err), 0);
	assert_true(found);
	assert_int_equal(r.id, c);
	assert_int_equal(r.ended_ms, 0);
	session_row_release(&r);
	assert_raw(f->db, "SELECT quote(ended_ms) FROM sessions WHERE status = 'running'", "NULL");
	store_close(s);
}

static void test_invalid_input(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	int64_t id = begin(f, s, "morning", 1000);

	struct session_row bad = { .routine_id = (char *)"r", .status = SESSION_RUNNING, .pain_before = 11,
				   .pain_after = -1, .pacing = (char *)"self" };
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->session_begin(s, &bad, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "pain_before"));
	bad.pain_before = -1;
	bad.routine_id = (char *)"";
	assert_int_equal(s->ops->session_begin(s, &bad, &f->err), -1);
	bad.routine_id = (char *)"r";
	bad.pacing = NULL;
	assert_int_equal(s->ops->session_begin(s, &bad, &f->err), -1);

	struct set_row set = { .item = 0, .exercise_id = (char *)"x", .set_no = 0, .side = (char *)"" };
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->set_add(s, id, &set, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "set_no"));
	set.set_no = 1;
	set.reps_done = -2;
	assert_int_equal(s->ops->set_add(s, id, &set, &f->err), -1);

	struct exercise_row ex = { .item = 0, .exercise_id = (char *)"x", .status = (enum exercise_status)7 };
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->exercise_add(s, id, &ex, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "status"));

	struct pain_row pain = { .item = -1, .exercise_id = (char *)"", .score = 11, .action = (char *)"" };
	strbuf_reset(&f->err);
	assert_int_equal(s->ops->pain_add(s, id, &pain, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "score"));

	assert_int_equal(s->ops->session_end(s, id, (enum session_status)9, 1, 2000, &f->err), -1);
	assert_int_equal(s->ops->session_end(s, id, SESSION_FINISHED, 12, 2000, &f->err), -1);
	/* err may be NULL */
	assert_int_equal(s->ops->session_end(s, id, SESSION_FINISHED, -2, 2000, NULL), -1);
	store_close(s);

	assert_raw(f->db, "SELECT count(*) || ' ' || status FROM sessions", "1 running");
	assert_raw(f->db, "SELECT (SELECT count(*) FROM sets) + (SELECT count(*) FROM exercises)"
		   " + (SELECT count(*) FROM pains)", "0");
}

static void test_reopen_keeps_data(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	int64_t id = begin(f, s, "morning", 1000);
	add_set(f, s, id, 0, "cat-cow", 1, "", 8, 2000);
	store_close(s);

	for (int round = 0; round < 2; round++) {
		s = open_ok(f);
		int v = 0;
		assert_int_equal(s->ops->schema_version(s, &v, &f->err), 0);
		assert_int_equal(v, STORE_SCHEMA_VERSION);
		struct session_row r;
		bool found = false;
		assert_int_equal(s->ops->session_unfinished(s, &r, &found, &f->err), 0);
		assert_true(found);
		assert_int_equal(r.id, id);
		assert_int_equal(r.started_ms, 1000);
		assert_int_equal(r.pain_before, 3);
		assert_string_equal(r.pacing, "timed");
		session_row_release(&r);
		struct set_row *sets;
		size_t n;
		assert_int_equal(s->ops->sets_of(s, id, &sets, &n, &f->err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(sets[0].reps_done, 8);
		store_sets_free(sets, n);
		store_close(s);
	}
}

/* check() finds what quick_check on opening does not look at: a dangling reference. */
static void test_check(void **state)
{
	struct fx *f = *state;
	fill(f, 2);
	struct store *s = open_ok(f);
	bool ok = false;
	assert_int_equal(s->ops->check(s, &ok, &f->err), 0);
	assert_true(ok);
	store_close(s);

	raw_exec(f->db, "INSERT INTO pains(session_id, item, score, at_ms) VALUES (999, -1, 3, 0)");
	s = open_ok(f);
	ok = true;
	assert_int_equal(s->ops->check(s, &ok, &f->err), 0);
	assert_false(ok);
	assert_non_null(strstr(strbuf_str(&f->err), "pains"));
	store_close(s);
}

static void test_newer_version_refused(void **state)
{
	struct fx *f = *state;
	fill(f, 1);
	raw_exec(f->db, "PRAGMA user_version = 99");
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "%s: database schema version 99 is newer than this program knows (%d); update unhunch",
		    f->db, STORE_SCHEMA_VERSION);
	assert_refused(f, want.buf);
	assert_string_equal(strbuf_str(&f->err), want.buf);
	strbuf_release(&want);
	assert_raw(f->db, "PRAGMA user_version", "99");
}

static void test_text_file_refused(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f); /* makes the folder */
	store_close(s);
	const char *shortish = "hello, this is my shopping list\n";
	spit(f->db, shortish, strlen(shortish));
	assert_refused(f, "not a valid unhunch database");

	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 200; i++)
		strbuf_addf(&sb, "line %d of a long text file\n", i);
	spit(f->db, sb.buf, sb.len);
	strbuf_release(&sb);
	assert_refused(f, "not a valid unhunch database");

	/* Right magic, nothing after it. */
	spit(f->db, "SQLite format 3", 16);
	assert_refused(f, "damaged");
}

static void test_foreign_database_refused(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f);
	store_close(s);
	unlink(f->db);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE moz_places(url TEXT); INSERT INTO moz_places VALUES('x')",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_refused(f, "not a valid unhunch database");
	assert_raw(f->db, "PRAGMA journal_mode", "delete"); /* not switched to WAL either */
}

static void test_truncated_refused(void **state)
{
	struct fx *f = *state;
	fill(f, 3);
	size_t len;
	char *whole = slurp(f->db, &len);
	assert_true(len >= 8 * 4096);

	spit(f->db, whole, len / 4096 / 2 * 4096); /* whole pages, but too few */
	assert_refused(f, "damaged (the file is truncated)");
	spit(f->db, whole, len - 1000); /* a torn last page */
	assert_refused(f, "damaged (the file is truncated)");
	spit(f->db, whole, 60); /* not even a whole header */
	assert_refused(f, "damaged (the file is truncated)");
	free(whole);
}

static void garble_middle_pages(const char *path)
{
	size_t len;
	char *data = slurp(path, &len);
	size_t pages = len / 4096;
	assert_true(pages >= 8);
	for (size_t i = 2 * 4096; i < (pages - 2) * 4096; i++)
		data[i] = (char)(0xa5 ^ (i * 31));
	spit(path, data, len);
	free(data);
}

/* Garbage over the middle pages: the header and size look right, quick_check must see it. */
static void test_garbage_pages_damaged(void **state)
{
	struct fx *f = *state;
	fill(f, 3);
	garble_middle_pages(f->db);
	assert_refused(f, "damaged");
}

/* After a crash the -wal holds committed writes: a healthy file takes them in. */
static void test_crash_wal_recovered(void **state)
{
	struct fx *f = *state;
	fill(f, 1);
	raw_exec_crash(f->db, "UPDATE sessions SET routine_id = 'after-crash'", true);
	assert_true(sidecar(f->db, "-wal"));
	struct store *s = open_ok(f);
	struct session_row r;
	bool found = false;
	assert_int_equal(s->ops->session_unfinished(s, &r, &found, &f->err), 0);
	assert_true(found);
	assert_string_equal(r.routine_id, "after-crash");
	session_row_release(&r);
	store_close(s);
	assert_false(sidecar(f->db, "-wal"));
}

/* An opening for reading only skips quick_check (it reads every page: bench/scale), but
 * what it reads over the damage fails as damaged, naming the file, and the file stays
 * byte for byte (an opening that could write refuses it at once: the test above). */
static void test_garbage_pages_read_only(void **state)
{
	struct fx *f = *state;
	fill(f, 3);
	garble_middle_pages(f->db);
	size_t before_len, after_len;
	char *before = slurp(f->db, &before_len);
	struct store *s = NULL;
	strbuf_reset(&f->err);
	bool failed = store_open_readonly(&s, f->db, &f->err) != 0;
	for (int64_t id = 1; !failed && id <= 3; id++) {
		struct set_row *sets = NULL;
		size_t n = 0;
		failed = s->ops->sets_of(s, id, &sets, &n, &f->err) != 0;
		store_sets_free(sets, n);
	}
	store_close(s);
	assert_true(failed);
	assert_non_null(strstr(strbuf_str(&f->err), "damaged"));
	assert_int_equal(strncmp(strbuf_str(&f->err), f->db, strlen(f->db)), 0);
	char *after = slurp(f->db, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
}

/* ...but a damaged file is refused without folding the -wal into it, and both stay. */
static void test_damaged_keeps_wal(void **state)
{
	struct fx *f = *state;
	fill(f, 3);
	raw_exec_crash(f->db, "UPDATE sessions SET routine_id = 'after-crash'", true);
	garble_middle_pages(f->db);
	struct strbuf wal = STRBUF_INIT;
	strbuf_addf(&wal, "%s-wal", f->db);
	size_t db_len, wal_len, len;
	char *db_before = slurp(f->db, &db_len), *wal_before = slurp(wal.buf, &wal_len);
	assert_true(wal_len > 0);
	struct store *s = NULL;
	assert_int_equal(store_open(&s, f->db, &f->err), -1);
	assert_non_null(strstr(strbuf_str(&f->err), "damaged"));
	char *db_after = slurp(f->db, &len);
	assert_int_equal(len, db_len);
	assert_memory_equal(db_after, db_before, len);
	char *wal_after = slurp(wal.buf, &len);
	assert_int_equal(len, wal_len);
	assert_memory_equal(wal_after, wal_before, len);
	free(db_before);
	free(db_after);
	free(wal_before);
	free(wal_after);
	strbuf_release(&wal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_keys_on, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicates_keep_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_skipped_then_done, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sums_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unfinished, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_keeps_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_database_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_pages_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_pages_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_wal_recovered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_keeps_wal, setup, teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
