/* sqlite-ckpt.c: the WAL checkpoint of a busy writer on a thread of its own
 * (STORE_CHECKPOINT_APART).
 *
 * By default SQLite copies the write-ahead log back into the database inside the commit
 * that makes the log pass 1,000 pages: that commit waits for the copy and its fsync, and
 * every request queued behind it in the server's group commit waits too (a stall of
 * ~100 ms in bench/serve's check-in row). With this flag the handle's commits only note
 * the log's length; past the mark, a thread with its own connection runs a PASSIVE
 * checkpoint (it never waits for readers or writers), while the writer goes on, then a
 * RESTART that may hold new writes up to 10 ms, so the log starts again (run() says
 * why). Should the thread fall far behind, the writer checkpoints itself, as SQLite
 * would have. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include <pthread.h>
#include <stdlib.h>

#define CKPT_MARK 1000       /* pages in the log that wake the thread (SQLite's own mark) */
#define CKPT_INLINE 16000    /* pages past which the writer copies them itself */
#define CKPT_OPEN_WAIT_MS 5000 /* how long the first read waits out a busy database */
#define CKPT_RESTART_WAIT_MS 10 /* how long a RESTART waits for the write lock and readers */

struct sq_ckpt {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	bool due, stop;
	sqlite3 *db; /* the thread's own connection */
	unsigned long runs; /* checkpoints run by the thread (tests read it) */
};

/* After each commit of the writer's connection (sqlite3_wal_hook). */
static int on_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct sq_ckpt *c = arg;
	if (pages >= CKPT_INLINE) {
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		return SQLITE_OK;
	}
	if (pages >= CKPT_MARK) {
		pthread_mutex_lock(&c->mu);
		c->due = true;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->mu);
	}
	return SQLITE_OK;
}

static void *run(void *arg)
{
	struct sq_ckpt *c = arg;
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->due && !c->stop)
			pthread_cond_wait(&c->wake, &c->mu);
		if (!c->due)
			break;
		c->due = false;
		pthread_mutex_unlock(&c->mu);
		/* the log PASSIVE, which never waits for the writer or the readers; then, when
		 * that copied all of it, a RESTART, so that the next write starts the log again
		 * from its beginning: it waits up to CKPT_RESTART_WAIT_MS for the write lock and
		 * for readers still reading the log, holding new writes meanwhile, copies what
		 * came since the PASSIVE (little or nothing), or gives up busy and leaves it to
		 * the next wake. Under writes that never pause, PASSIVE alone never lets the log
		 * start again: it grew to CKPT_INLINE and a writer's commit copied it all (64 MB,
		 * bench/dashboard); a RESTART that did not wait at all mostly found the lock
		 * taken (70 MB); with 10 ms the log file stayed under 31 MB. */
		int log = 0, copied = 0;
		sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
		if (log > 0 && copied == log) {
			sqlite3_busy_timeout(c->db, CKPT_RESTART_WAIT_MS);
			sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_RESTART, NULL, NULL);
			sqlite3_busy_timeout(c->db, 0);
		}
		pthread_mutex_lock(&c->mu);
		c->runs++;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

int sq_ckpt_start(struct sqlite_store *st, struct strbuf *err)
{
	struct sq_ckpt *c = xcalloc(1, sizeof(*c));
	if (sqlite3_open_v2(st->path, &c->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sq_fail(err, "%s: cannot open a second connection for the log's upkeep: %s", st->path,
			c->db ? sqlite3_errmsg(c->db) : "out of memory");
		sqlite3_close_v2(c->db);
		free(c);
		return -1;
	}
	/* a connection that has read nothing yet does not know the file is in WAL mode,
	 * and its checkpoints do nothing: one read first (waiting out a brief busy as the
	 * writer's connection does); its checkpoints' fsyncs as the writer's (FULL) */
	sqlite3_busy_timeout(c->db, CKPT_OPEN_WAIT_MS);
	int rc = sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_schema; PRAGMA synchronous=FULL", NULL, NULL, NULL);
	sqlite3_busy_timeout(c->db, 0);
	if (rc != SQLITE_OK) {
		sq_fail(err, "%s: cannot read the database for the log's upkeep: %s", st->path, sqlite3_errmsg(c->db));
		sqlite3_close_v2(c->db);
		free(c);
		return -1;
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->wake, NULL);
	if (pthread_create(&c->thread, NULL, run, c)) {
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->mu);
		sqlite3_close_v2(c->db);
		free(c);
		return sq_fail(err, "%s: cannot start the thread of the log's upkeep", st->path);
	}
	sqlite3_wal_hook(st->db, on_commit, c); /* replaces SQLite's checkpoint in the commit */
	st->ckpt = c;
	return 0;
}

void sq_ckpt_stop(struct sqlite_store *st)
{
	struct sq_ckpt *c = st->ckpt;
	if (!c)
		return;
	sqlite3_wal_autocheckpoint(st->db, CKPT_MARK); /* the writer's own again, for its close */
	pthread_mutex_lock(&c->mu);
	c->stop = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	sqlite3_close_v2(c->db);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->mu);
	free(c);
	st->ckpt = NULL;
}

unsigned long sq_ckpt_runs(struct sqlite_store *st)
{
	struct sq_ckpt *c = st->ckpt;
	if (!c)
		return 0;
	pthread_mutex_lock(&c->mu);
	unsigned long n = c->runs;
	pthread_mutex_unlock(&c->mu);
	return n;
}
