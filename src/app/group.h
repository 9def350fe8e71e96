/* group.h (app): group commit. The writes of many requests that come in at the same time
 * share one transaction of the store and one flush to disk, instead of one each: a
 * committer thread takes every write queued meanwhile (up to a batch's limit), runs each
 * as a part of one batch (store.h: part_begin, its own savepoint), commits the batch
 * once, and only then tells each write how it went. A write that fails is undone alone
 * (its part) and the others are kept; when the commit fails, none is kept and each is
 * told so, never that it was saved. The durability of a commit stays the store's own.
 *
 * The work of a write is the front end's: it runs its one use case with a context whose
 * store is the committer's handle (its `grouped` set while the batch is open, so
 * app_write_begin below makes a part, not a batch), on the committer's thread, and answers from the outcome. `unhunch serve` queues the
 * routes flagged ROUTE_GROUPED here (http/server.c) and answers each request once done()
 * is called. */
#ifndef UNHUNCH_APP_GROUP_H
#define UNHUNCH_APP_GROUP_H
#include "app/app.h"
#include "core/strbuf.h"
#include "store/store.h"
#include <stdbool.h>
#include <stddef.h>

enum app_group_outcome {
	APP_GROUP_KEPT,    /* run() returned 0 and the batch is committed: its writes are stored */
	APP_GROUP_UNDONE,  /* run() returned -1: its writes are undone (its own answer says why) */
	APP_GROUP_FAILED,  /* its part or the batch's commit failed: nothing of it is stored */
};

struct app_group_job {
	/* The write, inside the batch, on the committer's thread, with st the committer's
	 * handle: 0 to keep its writes, -1 to undo them. */
	int (*run)(struct app_group_job *j, struct store *st);
	/* Once its batch is committed or has failed (why: the store's words, FAILED only),
	 * on the committer's thread. The committer does not touch j after this call. */
	void (*done)(struct app_group_job *j, enum app_group_outcome outcome, const char *why);
	struct app_group_job *next; /* the queue's */
};

struct app_group;

/* Start a committer over st (open, bound to its person; the group owns it from here and
 * closes it when stopped). max_batch: most writes in one batch (0: 64). */
int app_group_start(struct app_group **out, struct store *st, unsigned max_batch, struct strbuf *err);
/* Queue a write; returns at once (done() tells the outcome later). */
void app_group_submit(struct app_group *g, struct app_group_job *j);
/* Queue a write and wait for its outcome (why, FAILED only, into err). */
enum app_group_outcome app_group_call(struct app_group *g, struct app_group_job *j, struct strbuf *err);
/* Hold the committer before its next batch (held true) or let it go on: for tests that
 * want writes queued together. */
void app_group_hold(struct app_group *g, bool held);
/* Batches committed or failed so far, writes in them, and writes waiting. */
void app_group_counts(struct app_group *g, size_t *batches, size_t *jobs, size_t *queued);
/* Run what is queued, then stop the thread and close the store. */
void app_group_stop(struct app_group *g);

/* On the committer's thread, the number of the write it runs now (one more for each
 * write of every batch; 0 on any other thread). */
extern _Thread_local unsigned long app_group_job_seq;

/* A use case's group of writes that must be kept together or not at all: a batch of its
 * own, or, when ctx->store->grouped (it runs in a group's batch), a part of that batch. */
int app_write_begin(const struct app_ctx *ctx, struct strbuf *err);
int app_write_end(const struct app_ctx *ctx, bool keep, struct strbuf *err);

#endif
