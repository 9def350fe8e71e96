/* sqlite-ckpt.c: the WAL checkpoint of a busy writer on a thread of its own
 * (STORE_CHECKPOINT_APART).
 *
 * By default SQLite copies the write-ahead log back into the database inside the commit
 * that makes the log pass 1,000 pages: that commit waits for the copy and its fsync, and
 * every request queued behind it in the server's group commit waits too (a stall of
 * ~100 ms in bench/serve's check-in row). With this flag the handle's commits only note
 * the log's length; past the mark, a thread with its own connection runs a PASSIVE
 * checkpoint (it never waits for readers or writers), while the writer goes on. Should
 * the thread fall far behind, the writer checkpoints itself, as SQLite would have. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include <pthread.h>
#include <stdlib.h>

#define CKPT_MARK 1000       /* pages in the log that wake the thread (SQLite's own mark) */
#define CKPT_INLINE 16000    /* pages past which the writer copies them itself */

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
		/* busy (another checkpoint, or a reader on an old snapshot) leaves the rest to
		 * the next wake; PASSIVE never blocks the writer */
		sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
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
