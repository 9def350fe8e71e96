/* group.c (app): group commit, one committer thread over one store handle (group.h). */
#include "app/group.h"
#include "app/safety.h"
#include "core/mem.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GROUP_BATCH_DEFAULT 64

struct app_group {
	struct store *st;
	unsigned max_batch;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	struct app_group_job *head, *tail; /* queued, oldest first */
	bool stopping, held;
	size_t batches, jobs;
	pthread_t thread;
};

_Thread_local unsigned long app_group_job_seq;

/* One batch: each job a part; the commit; then each told. */
static void run_batch(struct app_group *g, struct app_group_job *first)
{
	struct store *st = g->st;
	struct strbuf err = STRBUF_INIT;
	size_t n = 0;
	for (struct app_group_job *j = first; j; j = j->next)
		n++;
	enum app_group_outcome *out = xcalloc(n + 1, sizeof(*out));
	char **why = xcalloc(n + 1, sizeof(*why)); /* a part the store refused: its own words */
	bool open = st->ops->batch_begin(st, 0, &err) == 0;
	st->grouped = open;
	if (open)
		app_safety_memo_check(st); /* nobody wrote since the last batch, or it goes */
	else
		app_safety_memo_drop();
	size_t i = 0, kept = 0;
	for (struct app_group_job *j = first; j; j = j->next, i++) {
		out[i] = APP_GROUP_FAILED;
		struct strbuf perr = STRBUF_INIT;
		app_group_job_seq++; /* each write's own number (app/safety.c's memo reads it) */
		if (!open || st->ops->part_begin(st, &perr)) {
			why[i] = perr.len ? strbuf_detach(&perr) : NULL;
			continue;
		}
		if (j->run(j, st)) {
			st->ops->part_end(st, false, NULL); /* its writes undone, the others' kept */
			app_safety_memo_drop();
			out[i] = APP_GROUP_UNDONE;
		} else if (st->ops->part_end(st, true, &perr)) {
			app_safety_memo_drop();
			why[i] = strbuf_detach(&perr); /* undone by the store */
		} else {
			out[i] = APP_GROUP_KEPT;
			kept++;
		}
		strbuf_release(&perr);
	}
	st->grouped = false;
	/* one commit for all; when it fails, none is kept */
	bool committed = open && !st->ops->batch_end(st, kept > 0, &err);
	if (!committed && kept)
		for (i = 0; i < n; i++)
			out[i] = out[i] == APP_GROUP_KEPT ? APP_GROUP_FAILED : out[i];
	/* the safety memo stands for what is stored only when every write was kept */
	if (committed && kept == n)
		app_safety_memo_keep(st);
	else
		app_safety_memo_drop();
	if (!err.len)
		strbuf_addstr(&err, "the writes could not be kept");
	pthread_mutex_lock(&g->mu);
	g->batches++;
	g->jobs += n;
	pthread_mutex_unlock(&g->mu);
	i = 0;
	for (struct app_group_job *j = first, *next; j; j = next, i++) {
		next = j->next; /* j may be gone once told */
		j->done(j, out[i], why[i] ? why[i] : strbuf_str(&err));
		free(why[i]);
	}
	free(why);
	free(out);
	strbuf_release(&err);
}

static void *committer(void *arg)
{
	struct app_group *g = arg;
	pthread_mutex_lock(&g->mu);
	for (;;) {
		while (!g->stopping && (!g->head || g->held))
			pthread_cond_wait(&g->wake, &g->mu);
		if (!g->head)
			break; /* stopping, and nothing left */
		/* every write queued meanwhile, up to the batch's limit */
		struct app_group_job *first = g->head, *last = first;
		for (unsigned k = 1; k < g->max_batch && last->next; k++)
			last = last->next;
		g->head = last->next;
		if (!g->head)
			g->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&g->mu);
		run_batch(g, first);
		pthread_mutex_lock(&g->mu);
	}
	pthread_mutex_unlock(&g->mu);
	app_safety_memo_drop(); /* the thread's own */
	return NULL;
}

int app_group_start(struct app_group **out, struct store *st, unsigned max_batch, struct strbuf *err)
{
	struct app_group *g = xcalloc(1, sizeof(*g));
	g->st = st;
	g->max_batch = max_batch ? max_batch : GROUP_BATCH_DEFAULT;
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->wake, NULL);
	if (pthread_create(&g->thread, NULL, committer, g)) {
		strbuf_addstr(err, "the thread that commits the writes did not start");
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->mu);
		free(g);
		*out = NULL;
		return -1;
	}
	*out = g;
	return 0;
}

void app_group_submit(struct app_group *g, struct app_group_job *j)
{
	j->next = NULL;
	pthread_mutex_lock(&g->mu);
	if (g->tail)
		g->tail->next = j;
	else
		g->head = j;
	g->tail = j;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->mu);
}

/* app_group_call: a job wrapped with what its caller waits on. */
struct waited {
	struct app_group_job job;
	struct app_group_job *inner;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool done;
	enum app_group_outcome outcome;
	struct strbuf *err;
};

static int waited_run(struct app_group_job *j, struct store *st)
{
	struct waited *w = (struct waited *)j;
	return w->inner->run(w->inner, st);
}

static void waited_done(struct app_group_job *j, enum app_group_outcome outcome, const char *why)
{
	struct waited *w = (struct waited *)j;
	if (w->inner->done)
		w->inner->done(w->inner, outcome, why);
	pthread_mutex_lock(&w->mu);
	if (outcome == APP_GROUP_FAILED && w->err)
		strbuf_addstr(w->err, why);
	w->outcome = outcome;
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

enum app_group_outcome app_group_call(struct app_group *g, struct app_group_job *j, struct strbuf *err)
{
	struct waited w = { { waited_run, waited_done, NULL }, j, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
			    false, APP_GROUP_FAILED, err };
	app_group_submit(g, &w.job);
	pthread_mutex_lock(&w.mu);
	while (!w.done)
		pthread_cond_wait(&w.cv, &w.mu);
	pthread_mutex_unlock(&w.mu);
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.mu);
	return w.outcome;
}

void app_group_hold(struct app_group *g, bool held)
{
	pthread_mutex_lock(&g->mu);
	g->held = held;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->mu);
}

void app_group_counts(struct app_group *g, size_t *batches, size_t *jobs, size_t *queued)
{
	pthread_mutex_lock(&g->mu);
	*batches = g->batches;
	*jobs = g->jobs;
	*queued = 0;
	for (struct app_group_job *j = g->head; j; j = j->next)
		++*queued;
	pthread_mutex_unlock(&g->mu);
}

void app_group_stop(struct app_group *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&g->mu);
	g->stopping = true;
	g->held = false;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->mu);
	pthread_join(g->thread, NULL);
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->mu);
	store_close(g->st);
	free(g);
}

int app_write_begin(const struct app_ctx *ctx, struct strbuf *err)
{
	struct store *st = ctx->store;
	return st->grouped ? st->ops->part_begin(st, err) : st->ops->batch_begin(st, 0, err);
}

int app_write_end(const struct app_ctx *ctx, bool keep, struct strbuf *err)
{
	struct store *st = ctx->store;
	if (!keep)
		app_safety_memo_drop(); /* it may hold a write undone now */
	return st->grouped ? st->ops->part_end(st, keep, err) : st->ops->batch_end(st, keep, err);
}
