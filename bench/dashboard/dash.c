/* dash.c: time the trainer's dashboard (bench/dashboard/run.sh). "seed LOCATION": three
 * trainers with 10, 100 and 1,000 clients in one database, each client with 90 days of
 * records (a check-in a day with two places rated, a session every other day with 5
 * exercises done, feedback on 3 exercises a session, a screening, an assessment).
 * "time LOCATION REPS": app_dashboard() on each trainer's own handle REPS times in
 * each of three cases: the first read of a day (every client's line folded from the
 * records and kept), reads with nothing changed since the last (every line as kept),
 * and reads after a hundredth and a tenth of the clients checked in (those folded
 * again, the rest as kept); beside them the peer: app_progress() for one of the clients (their own
 * Progress page's read: what each client would cost if the dashboard read them one at
 * a time). Prints "label clients median_ms p99_ms max_ms". The store is opened as the
 * server opens it (STORE_CHECKPOINT_APART: on SQLite the log copied back on a thread of
 * its own). Seeding ends by closing the store: on SQLite, closing the last connection
 * copies the write-ahead log into the file and removes it. */
#include "app/dashboard.h"
#include "app/progress.h"
#include "core/mem.h"
#include "core/screen.h"
#include "core/tz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HASH "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"
#define NOW 1796558400000LL /* 2026-12-06 12:00 UTC */
#define DAY 86400000LL
#define HISTORY 90

static struct strbuf err = STRBUF_INIT;
static const int sizes[3] = { 10, 100, 1000 };

static void die(const char *what)
{
	fprintf(stderr, "dash: %s: %s\n", what, strbuf_str(&err));
	exit(1);
}

static int64_t account(struct store *op, const char *login, enum account_role role)
{
	struct account_row a = { 0, role, (char *)login, (char *)login, (char *)HASH, NOW - 200 * DAY, 0 };
	if (op->ops->account_add(op, &a, 0, &err))
		die("account");
	return a.id;
}

static int64_t client(struct store *op, int64_t trainer, const char *login)
{
	static int serial;
	char hash[64];
	snprintf(hash, sizeof(hash), "%040x", ++serial);
	int64_t at = NOW - (HISTORY + 1) * DAY;
	struct invite_row inv = { 0, trainer, hash, (char *)login, at - 1000, at + DAY, 0, 0 };
	struct account_row c = { 0, ROLE_CLIENT, (char *)login, (char *)login, (char *)HASH, at, 0 };
	enum invite_use r;
	if (op->ops->invite_add(op, &inv, &err) || op->ops->invite_use(op, hash, at, &c, &r, &err) ||
	    r != INVITE_ACCEPTED)
		die("invite");
	return c.id;
}

static void records(struct store *s, unsigned seed)
{
	static const char *const ex[5] = { "glute-bridge", "prone-extension", "v-raise", "w-raise", "chin-tuck" };
	static const char *const feel[4] = { "easy", "right", "hard", "hurt" };
	if (s->ops->batch_begin(s, 0, &err))
		die("batch");
	for (int d = HISTORY; d >= 0; d--) {
		int64_t at = NOW - d * DAY - 3 * 3600000LL;
		struct checkin c;
		checkin_init(&c);
		struct tz utc = tz_fixed(0);
		day_format(tz_day_of_ms(&utc, at), c.date);
		c.at_ms = at;
		c.pain = (int)((seed + (unsigned)d * 7u) % 5u) + (d > 60 ? 4 : 1);
		c.region[REG_NECK] = c.pain;
		c.region[REG_UPPER_BACK] = c.pain > 0 ? c.pain - 1 : 0;
		if (s->ops->checkin_add(s, &c, &err))
			die("check-in");
		if (d % 2)
			continue;
		struct session_row r = { 0, (char *)"upper-back-activation", at + 600000, 0, SESSION_RUNNING, 3, -1,
					 (char *)"content", 0, 0, 0 };
		if (s->ops->session_begin(s, &r, &err))
			die("session");
		for (int k = 0; k < 5; k++) {
			struct exercise_row e = { k, (char *)ex[k], EX_DONE, 10, 60000, at + 600000 + k * 60000 };
			if (s->ops->exercise_add(s, r.id, &e, &err))
				die("exercise");
		}
		if ((seed + (unsigned)d) % 23u == 0) {
			struct pain_row p = { 2, (char *)"v-raise", 8, (char *)"stopped", at + 700000 };
			if (s->ops->pain_add(s, r.id, &p, &err))
				die("pain");
		}
		for (int k = 0; k < 3; k++) {
			struct feedback_row fb = { 0, "", at + 900000, r.id, (char *)"upper-back-activation", (char *)ex[k],
						   (char *)feel[(seed + (unsigned)(d + k)) % 4u], c.pain, false };
			memcpy(fb.date, c.date, sizeof(fb.date));
			if (s->ops->feedback_add(s, &fb, &err))
				die("feedback");
		}
		if (s->ops->session_end(s, r.id, SESSION_FINISHED, 2, at + 1200000, &err))
			die("session end");
	}
	struct answer_row ans = { (char *)"chest-pain", seed % 50u == 0, seed % 50u == 0 ? URG_TODAY : URG_NONE, false,
				  false };
	struct screening_row scr = { 0, NOW - 20 * DAY, ans.level, true, &ans, 1 };
	struct assess_answer_row aa[2] = { { (char *)"desk-hours", 8 }, { (char *)"slouch", 2 } };
	struct assessment_row as = { 0, "2026-09-10", NOW - 87 * DAY, aa, 2, NULL, 0 };
	if (s->ops->screening_add(s, &scr, &err) || s->ops->assessment_add(s, &as, &err))
		die("screening");
	if (s->ops->batch_end(s, true, &err))
		die("commit");
}

static int seed(const char *location)
{
	struct store_db *db;
	struct store *op;
	if (store_db_open(&db, location, 0, &err) || store_bind(&op, db, STORE_LOCAL_PERSON, &err))
		die("open");
	unsigned n = 0;
	for (int t = 0; t < 3; t++) {
		char login[32];
		snprintf(login, sizeof(login), "trainer-%d", sizes[t]);
		int64_t trainer = account(op, login, ROLE_TRAINER);
		for (int i = 0; i < sizes[t]; i++) {
			snprintf(login, sizeof(login), "client-%d-%d", sizes[t], i);
			struct store *s;
			if (store_bind(&s, db, client(op, trainer, login), &err))
				die("bind");
			records(s, ++n);
			store_close(s);
		}
	}
	store_close(op);
	store_db_close(db);
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *label, int clients, double *v, int reps)
{
	qsort(v, (size_t)reps, sizeof(*v), cmp);
	int p99 = (int)((reps - 1) * 0.99 + 0.5);
	printf("%s %d %.2f %.2f %.2f\n", label, clients, v[reps / 2], v[p99], v[reps - 1]);
	fflush(stdout);
}

/* One read of the dashboard, timed in ms; it must show every client. */
static double one_read(const struct app_ctx *ctx, int clients)
{
	struct app_dashboard d;
	double t0 = now_ms();
	if (app_dashboard(ctx, &d, &err))
		die("dashboard");
	double ms = now_ms() - t0;
	if (d.n != (size_t)clients) {
		fprintf(stderr, "dash: a trainer of %d clients sees %zu\n", clients, d.n);
		exit(1);
	}
	app_dashboard_release(&d);
	return ms;
}

/* A check-in of client's at at_ms, written as the client. */
static void check_in(struct store_db *db, int64_t client, int64_t at_ms)
{
	struct store *s;
	struct tz utc = tz_fixed(0);
	struct checkin c;
	checkin_init(&c);
	day_format(tz_day_of_ms(&utc, at_ms), c.date);
	c.at_ms = at_ms;
	c.pain = rand() % 11;
	c.region[REG_NECK] = c.pain;
	if (store_bind(&s, db, client, &err) || s->ops->checkin_add(s, &c, &err))
		die("check-in");
	store_close(s);
}

static int timed(const char *location, int reps)
{
	struct store_db *db;
	struct store *op;
	struct catalog cat = { 0 };
	struct tz utc = tz_fixed(0);
	if (store_db_open(&db, location, STORE_CHECKPOINT_APART, &err) || store_bind(&op, db, STORE_LOCAL_PERSON, &err))
		die("open");
	double *v = xcalloc((size_t)reps, sizeof(*v));
	for (int t = 0; t < 3; t++) {
		char login[32];
		snprintf(login, sizeof(login), "trainer-%d", sizes[t]);
		struct account_row a;
		bool found;
		if (op->ops->account_get(op, 0, login, &a, &found, &err) || !found)
			die("trainer (seed first)");
		struct store *s;
		if (store_bind(&s, db, a.id, &err))
			die("bind");
		struct app_ctx ctx = { s, &cat, NOW, &utc };
		struct account_row *cl = NULL;
		size_t ncl = 0;
		if (op->ops->accounts_list(op, a.id, &cl, &ncl, &err) || !ncl)
			die("clients");
		/* the first read of a day: nothing kept for it (each read a day apart from
		 * the last, so the lines kept by one are not the next one's) */
		for (int i = 0; i < reps; i++) {
			ctx.now_ms = NOW + (i % 2) * DAY;
			v[i] = one_read(&ctx, sizes[t]);
		}
		report("dashboard-first-of-day", sizes[t], v, reps);
		ctx.now_ms = NOW;
		one_read(&ctx, sizes[t]);
		/* the reads after: nothing changed since the last one */
		for (int i = 0; i < reps; i++)
			v[i] = one_read(&ctx, sizes[t]);
		report("dashboard-unchanged", sizes[t], v, reps);
		/* a hundredth, then a tenth of the clients checked in since the last read
		 * (written as each client, not timed) */
		for (int pct = 1; pct <= 10; pct += 9) {
			for (int i = 0; i < reps; i++) {
				for (size_t k = 0; k < (ncl * (size_t)pct + 99) / 100; k++)
					check_in(db, cl[(size_t)rand() % ncl].id, NOW - 60000);
				v[i] = one_read(&ctx, sizes[t]);
			}
			report(pct == 1 ? "dashboard-1pct-changed" : "dashboard", sizes[t], v, reps);
		}
		store_close(s);
		/* the peer: one of these clients' own Progress, read as the client */
		if (store_bind(&s, db, cl[0].id, &err))
			die("bind");
		ctx.store = s;
		for (int i = 0; i < reps; i++) {
			struct app_progress p;
			double t0 = now_ms();
			if (app_progress(&ctx, &p, &err))
				die("progress");
			v[i] = now_ms() - t0;
			app_progress_release(&p);
		}
		report("one-client-progress", 1, v, reps);
		store_close(s);
		store_accounts_free(cl, ncl);
		account_row_release(&a);
	}
	free(v);
	store_close(op);
	store_db_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "seed"))
		return seed(argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "time"))
		return timed(argv[2], atoi(argv[3]) > 0 ? atoi(argv[3]) : 30);
	fprintf(stderr, "usage: dash seed LOCATION | dash time LOCATION REPS\n");
	return 2;
}
