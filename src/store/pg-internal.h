/* pg-internal.h: what the files of the PostgreSQL backend share: the open database
 * and the statement helpers (libpq, bound parameters only; SQL is never built from
 * user text). */
#ifndef UNHUNCH_PG_INTERNAL_H
#define UNHUNCH_PG_INTERNAL_H
#include "store/param.h"
#include "store/store.h"
#include "store/valid.h"
#include <libpq-fe.h>
#include <stdbool.h>

#define PG_SCHEMA_VERSION 18 /* the newest schema of the PostgreSQL backend (pg.c) */

/* One connection (a struct store_db), and a second opened when a write is to go on
 * beside a read (pg_side_send); the handles bound from it carry the person, which
 * every statement binds (PERSON(s)). */
struct pg_store {
	struct store_db base; /* first, so a struct store_db * is a struct pg_store * */
	PGconn *conn;
	char *where;     /* "postgresql database NAME", for messages (never the password) */
	bool batch;      /* a batch's transaction is open: groups of writes join it */
	bool into_empty; /* the batch is STORE_BATCH_INTO_EMPTY */
	int parts;       /* parts of the batch open (part_begin): savepoints unhunch_part */
	int64_t person;  /* the handle of the statement at hand (set by pg()) */
	int64_t acting;  /* who it acts as (row-level security): the person, or a trainer
			  * reading the person's rows (store_bind_as) */
	int64_t named;   /* the person the open transaction runs as (row-level security) */
	char *location;  /* what it was opened with, for the side connection */
	bool read_only;  /* opened STORE_READ_ONLY */
	PGconn *side;    /* a second connection, for a write while the first reads (pg_side_send) */
	int64_t side_failed_s; /* when it last could not be opened (monotonic seconds), or 0 */
	struct pg_pipe {
		PGconn *c;
		bool sent, synced;
		bool more; /* another group was sent after it: the connection stays in pipeline mode */
	} pending;         /* the write sent on it, its result not yet taken */
	const char *pending_what;
	bool pending_posted; /* by pg_side_post: no one waits for it */
	bool told_later;     /* its result taken by a read after it (pg_query_two), kept here for pg_side_wait */
	int later_rc;
	struct strbuf later_err;
};

/* One result row handed to a query's callback. */
typedef int (*pg_row_fn)(PGresult *res, int row, void *ctx, struct strbuf *err);

/* The handle's connection, made ready to run its next statements as s's person. */
struct pg_store *pg(struct store *s);
#define pg_fail store_fail /* "..." into err (may be NULL); returns -1 (valid.h) */
/* A write statement (its own transaction unless one is open): the rows it changed
 * (>= 0), or -1 with "WHERE: could not WHAT: reason" in err. */
int pg_run(struct pg_store *st, const char *sql, const struct param *p, size_t n, const char *what,
	   struct strbuf *err);
/* An INSERT ... RETURNING id: *id is 0 when no row was inserted (ON CONFLICT DO NOTHING). */
int pg_insert(struct pg_store *st, const char *sql, const struct param *p, size_t n, int64_t *id,
	      const char *what, struct strbuf *err);
/* A query calling row() per result row. */
int pg_query(struct pg_store *st, const char *sql, const struct param *p, size_t n, pg_row_fn row, void *ctx,
	     const char *what, struct strbuf *err);
/* A read of several statements, each row of each passed to its row function. */
struct pg_step {
	const char *sql;
	const struct param *p;
	size_t n;
	pg_row_fn row;
	void *ctx;
};
#define PG_STEPS_MAX 8
/* Reads only: steps[0..n-1] in one transaction of their own that names the person,
 * sent to the server at once, each statement's rows taken while the server runs the
 * next; a row function's -1 takes no more rows but the transaction is committed all
 * the same. Within a transaction or a batch already, one after the other in it. 0,
 * or -1 with err. */
int pg_query_all(struct pg_store *st, const struct pg_step *steps, size_t n, const char *what,
		 struct strbuf *err);
/* As pg_query_all, with the last n_side steps read on the side connection while the
 * first connection reads the others (the server runs both halves at once, each in a
 * transaction of its own: they may see the database a moment apart). A write
 * pg_side_send sent before is taken first, its result kept for pg_side_wait. When no
 * side connection can be had, all of them as pg_query_all; when its half fails before
 * any of its rows was taken, that half on the first connection after the other (once
 * some were, -1). */
int pg_query_two(struct pg_store *st, const struct pg_step *steps, size_t n, size_t n_side, const char *what,
		 struct strbuf *err);
/* A write statement sent on the side connection (a second one to the same database,
 * opened at its first use) in a transaction of its own that names the person, its
 * result left for pg_side_wait: the caller reads on the first connection meanwhile and
 * the server runs both at once. Run here on the first connection instead when a
 * transaction or batch is open on it (the write could wait for its locks), when the
 * store is read-only, or when no side connection can be had or take a pipeline. One
 * at a time; nothing but reads on this database until pg_side_wait. 0, or -1 with
 * err. */
int pg_side_send(struct pg_store *st, const char *sql, const struct param *p, size_t n, const char *what,
		 struct strbuf *err);
/* The result of the write pg_side_send sent: 0 when it was done (or nothing was
 * sent), -1 with err when not. */
int pg_side_wait(struct pg_store *st, struct strbuf *err);
/* A write no one needs to wait for (what it keeps is only a shortcut: the dashboard's
 * lines), sent as pg_side_send does and left on its way: its result is taken and
 * dropped by the next write on the side connection or by pg_side_drain, which a read
 * of what it writes calls first. 0 when sent (or done here), -1 with err when refused
 * at once; its failure on the server is not told. */
int pg_side_post(struct pg_store *st, const char *sql, const struct param *p, size_t n, const char *what,
		 struct strbuf *err);
void pg_side_drain(struct pg_store *st); /* also at every pg_begin (a batch's too) */
/* 0 when row id of table belongs to the handle's person; else -1 with "no such
 * <noun>" in err, as if another person's rows did not exist. */
int pg_owned(struct store *s, const char *table, const char *noun, int64_t id, const char *what,
	     struct strbuf *err);
/* A group of writes: BEGIN / COMMIT / ROLLBACK, or nothing inside a batch (the batch's
 * transaction holds them; a failed write there spoils the batch, which then cannot be
 * kept). Every transaction names its person for row-level security before its
 * first statement (exec_params() in pg.c, set_config(..., true)); a statement
 * outside one gets a transaction of its own. */
int pg_begin(struct pg_store *st, const char *what, struct strbuf *err);
int pg_commit(struct pg_store *st, const char *what, struct strbuf *err);
void pg_rollback(struct pg_store *st);

/* Columns: text copied ("" for NULL), integers, booleans ("t"), doubles in the C locale. */
char *pg_str(PGresult *r, int row, int col);
int64_t pg_int(PGresult *r, int row, int col);
bool pg_null(PGresult *r, int row, int col);
bool pg_bool(PGresult *r, int row, int col);
double pg_real(PGresult *r, int row, int col);
void pg_date(char dst[11], PGresult *r, int row, int col);

/* A trainer's link and the audit log (pg-audit.c). */
int pg_trains(struct store *s, int64_t trainer, int64_t client, bool *yes, struct strbuf *err);
int pg_audit_add(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n,
		 struct strbuf *err);
int pg_audit_send(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n,
		  struct strbuf *err);
int pg_audit_wait(struct store *s, struct strbuf *err);
int pg_audit_list(struct store *s, size_t limit, struct audit_row **rows, size_t *n, struct strbuf *err);

/* The health records (pg-health.c). */
int pg_checkin_add(struct store *s, struct checkin *c, struct strbuf *err);
int pg_checkins_list(struct store *s, struct checkin **rows, size_t *n, struct strbuf *err);
int pg_checkins_between(struct store *s, const char *from, const char *to, struct checkin **rows, size_t *n,
			struct strbuf *err);
int pg_checkin_add_once(struct store *s, struct checkin *c, struct checkin **day, size_t *n, struct strbuf *err);
int pg_screening_add(struct store *s, struct screening_row *row, struct strbuf *err);
int pg_screening_latest(struct store *s, struct screening_row *out, bool *found, struct strbuf *err);
int pg_screenings_list(struct store *s, struct screening_row **rows, size_t *n, struct strbuf *err);
int pg_clearance_add(struct store *s, struct clearance_row *row, struct strbuf *err);
int pg_clearances_list(struct store *s, struct clearance_row **rows, size_t *n, struct strbuf *err);
int pg_psfs_activity_add(struct store *s, struct psfs_activity *a, struct strbuf *err);
int pg_psfs_activities(struct store *s, struct psfs_activity **rows, size_t *n, struct strbuf *err);
int pg_psfs_rate(struct store *s, const struct psfs_rating *r, struct strbuf *err);
int pg_psfs_ratings(struct store *s, struct psfs_rating **rows, size_t *n, struct strbuf *err);

/* The plan's records and the break log (pg-plan.c). */
int pg_assessment_add(struct store *s, struct assessment_row *row, struct strbuf *err);
int pg_assessments_list(struct store *s, struct assessment_row **rows, size_t *n, struct strbuf *err);
int pg_feedback_add(struct store *s, struct feedback_row *row, struct strbuf *err);
int pg_feedback_list(struct store *s, struct feedback_row **rows, size_t *n, struct strbuf *err);
int pg_plan_change_add(struct store *s, struct plan_change_row *row, struct strbuf *err);
int pg_plan_changes_list(struct store *s, struct plan_change_row **rows, size_t *n, struct strbuf *err);
int pg_prescription_add(struct store *s, struct prescription_row *row, struct strbuf *err);
int pg_prescriptions_list(struct store *s, struct prescription_row **rows, size_t *n, struct strbuf *err);
/* Appointments (pg-appt.c). */
int pg_appointment_add(struct store *s, struct appointment_row *row, struct strbuf *err);
int pg_appointments_list(struct store *s, struct appointment_row **rows, size_t *n, struct strbuf *err);
int pg_break_add(struct store *s, const struct break_row *row, struct strbuf *err);
int pg_breaks_since(struct store *s, int64_t from_ms, struct break_row **rows, size_t *n, struct strbuf *err);

/* Forgetting, batches and the session lock (pg-batch.c). */
int pg_forget_all(struct store *s, bool *wiped, struct strbuf *err);
int pg_batch_begin(struct store *s, unsigned flags, struct strbuf *err);
int pg_batch_end(struct store *s, bool keep, struct strbuf *err);
int pg_part_begin(struct store *s, struct strbuf *err);
int pg_part_end(struct store *s, bool keep, struct strbuf *err);
int pg_session_lock(struct store *s, const struct store_holder *h, int64_t now_ms, char **held_by,
		    struct strbuf *err);
int pg_session_unlock(struct store *s, const char *h_id, struct strbuf *err);

/* The web player's uploads: idempotency keys and web sessions (pg-web.c). */
int pg_idem_get(struct store *s, const char *key, struct idem_row *out, bool *found, struct strbuf *err);
int pg_idem_put(struct store *s, const struct idem_row *row, struct strbuf *err);
int pg_web_session_add(struct store *s, int64_t session, const char *web_id, const char *pass_id,
			struct strbuf *err);
int pg_web_session_find(struct store *s, const char *web_id, int64_t *session, struct strbuf *err);
int pg_web_session_of(struct store *s, int64_t session, bool *web, struct strbuf *err);

/* Clinic accounts, trainers' clients and invitations (pg-accounts.c). */
#define PG_STR_(x) #x
#define PG_STR(x) PG_STR_(x)
int pg_accounts_exist(struct store *s, bool *any, struct strbuf *err);
int pg_account_add(struct store *s, struct account_row *row, unsigned flags, struct strbuf *err);
int pg_account_get(struct store *s, int64_t id, const char *login, struct account_row *out, bool *found,
		   struct strbuf *err);
int pg_accounts_list(struct store *s, int64_t trainer, struct account_row **rows, size_t *n, struct strbuf *err);
int pg_account_set_password(struct store *s, int64_t id, const char *hash, struct strbuf *err);
int pg_invite_add(struct store *s, struct invite_row *row, struct strbuf *err);
int pg_invite_find(struct store *s, const char *token_hash, struct invite_row *out, bool *found, struct strbuf *err);
int pg_invite_use(struct store *s, const char *token_hash, int64_t now_ms, struct account_row *client,
		  enum invite_use *result, struct strbuf *err);

/* Login sessions and failed logins (pg-logins.c). */
int pg_login_add(struct store *s, const struct login_row *row, struct strbuf *err);
int pg_login_get(struct store *s, const char *id_hash, struct login_row *out, bool *found, struct strbuf *err);
int pg_login_seen(struct store *s, const char *id_hash, int64_t seen_ms, struct strbuf *err);
int pg_login_end(struct store *s, const char *id_hash, struct strbuf *err);
int pg_logins_end_all(struct store *s, int64_t account_id, int *ended, struct strbuf *err);
int pg_logins_prune(struct store *s, int64_t seen_before_ms, int64_t made_before_ms, struct strbuf *err);
/* An account's second factor (pg-totp.c). */
int pg_totp_get(struct store *s, int64_t account, struct totp_row *out, bool *found, struct strbuf *err);
int pg_totp_put(struct store *s, const struct totp_row *row, struct strbuf *err);
int pg_totp_use(struct store *s, int64_t account, int64_t step, int64_t now_ms, bool *used, struct strbuf *err);
int pg_totp_clear(struct store *s, int64_t account, bool *cleared, struct strbuf *err);
int pg_recovery_left(struct store *s, int64_t account, int *left, struct strbuf *err);
int pg_recovery_put(struct store *s, int64_t account, const char *const *hashes, size_t n, struct strbuf *err);
int pg_recovery_use(struct store *s, int64_t account, const char *hash, int64_t now_ms, bool *used,
		    struct strbuf *err);
int pg_throttle_get(struct store *s, const char *key, int *failures, int64_t *last_ms, struct strbuf *err);
int pg_throttle_fail(struct store *s, const char *key, int64_t now_ms, int64_t forget_before_ms, int *failures,
		     struct strbuf *err);
int pg_throttle_clear(struct store *s, const char *key, struct strbuf *err);
int pg_dashboard_facts(struct store *s, const char *from, int64_t from_ms, const int64_t *only, size_t n_only,
		       struct dash_client **rows, size_t *n, struct strbuf *err);
int pg_dash_kept_get(struct store *s, const char *key, struct dash_kept **rows, size_t *n, struct strbuf *err);
int pg_dash_kept_put(struct store *s, const char *key, const struct dash_kept *rows, size_t n, struct strbuf *err);
int pg_throttle_prune(struct store *s, int64_t before_ms, struct strbuf *err);

/* A client in charge of their data (pg-custody.c). */
int pg_trainers_list(struct store *s, int64_t client, struct account_row **rows, size_t *n, struct strbuf *err);
int pg_link_end(struct store *s, int64_t trainer, int64_t client, bool *ended, struct strbuf *err);
int pg_account_set_disabled(struct store *s, int64_t id, int64_t disabled_ms, struct strbuf *err);
int pg_account_delete(struct store *s, struct strbuf *err);

#endif
