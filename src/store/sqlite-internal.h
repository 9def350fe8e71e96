/* sqlite-internal.h: what the files of the SQLite backend share: the store struct and
 * the statement helpers (bound parameters only; SQL is never built from user text). */
#ifndef UNHUNCH_SQLITE_INTERNAL_H
#define UNHUNCH_SQLITE_INTERNAL_H
#include "store/param.h"
#include "store/store.h"
#include <stdbool.h>
#include <sqlite3.h>
#include <sys/types.h>
#include <stddef.h>


/* A check-in's places as kept on its row (checkins.regions, migration 18): 4 bits a
 * place in the order of enum region, the score plus 1, 0 when not rated. SQ_REGION_SHIFT
 * gives a place's shift from its name in SQL; SQ_REGION_SCORE reads one back. */
#define SQ_REGION_BITS 4
#define SQ_REGION_SHIFT(name) \
	"(CASE " name " WHEN 'neck' THEN 0 WHEN 'between-shoulder-blades' THEN 4 WHEN 'upper-back' THEN 8" \
	" WHEN 'left-shoulder' THEN 12 WHEN 'right-shoulder' THEN 16 WHEN 'chest' THEN 20 END)"
#define SQ_REGION_SCORE(packed, r) ((int)(((packed) >> ((r) * SQ_REGION_BITS)) & 15) - 1)

/* One open database file (a struct store_db); the handles bound from it carry the
 * person, which every statement binds (PERSON(s)). */
struct sqlite_store {
	struct store_db base; /* first, so a struct store_db * is a struct sqlite_store * */
	sqlite3 *db;
	char *path;
	bool batch; /* a batch is open: groups of writes become savepoints inside it */
	bool into_empty; /* STORE_BATCH_INTO_EMPTY beside other people's records (not staged) */
	bool staged; /* the batch writes into TEMP copies of the tables (STORE_BATCH_INTO_EMPTY) */
	int parts; /* parts of the batch open (part_begin): savepoints unhunch_part */
	bool counted; /* counted among the open connections to its file (sqlite.c, prepare_file) */
	dev_t dev;
	ino_t ino;
	struct sq_cached *cache; /* prepared statements kept for reuse (sqlite.c, sq_prepare) */
	size_t n_cache;
	uint64_t tick;
	uint64_t serial; /* this connection's number in the process (sqlite_data_version) */
	struct sq_ckpt *ckpt; /* the log's checkpoint thread (STORE_CHECKPOINT_APART), or NULL */
	bool wal; /* the write-ahead log is in force (configure), so sq_light may skip the disk's wait */
	bool light; /* synchronous=NORMAL left in force by sq_light_end: put back before anything runs */
};

/* A commit that does not wait for the disk, for rows made from other rows and made again
 * when missing (the dashboard's kept lines). sq_light_begin: synchronous=NORMAL when the
 * write-ahead log is in force and no transaction is open (inside one the level may not
 * change), which keeps the database whole through a power cut and loses at most the
 * latest such commits, synced by the next FULL one; returns whether it did. sq_light_end:
 * FULL again; should that fail, st->light makes sq_prepare and sq_exec put it back before
 * any other statement runs, or refuse to run it. */
bool sq_light_begin(struct sqlite_store *st);
int sq_light_end(struct sqlite_store *st, bool began, struct strbuf *err);

/* The checkpoint of the write-ahead log on a thread of its own (sqlite-ckpt.c): start it
 * for st's connection (0, or -1 with err), stop it (before closing; none is fine), and
 * how many checkpoints it ran. */
int sq_ckpt_start(struct sqlite_store *st, struct strbuf *err);
void sq_ckpt_stop(struct sqlite_store *st);
unsigned long sq_ckpt_runs(struct sqlite_store *st);

/* The database of a handle. */
struct sqlite_store *sq(struct store *s);
/* 0 when row id of table (sessions, screenings, ...) belongs to the handle's person;
 * else -1 with "no such <noun>" in err, as if another person's rows did not exist. */
int sq_owned(struct store *s, const char *table, const char *noun, int64_t id, const char *what, struct strbuf *err);
/* Append a message to err (may be NULL); returns -1. */
int sq_fail(struct strbuf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "PATH: could not WHAT: reason" from the connection's last error; returns -1. */
int sq_db_fail(struct sqlite_store *st, const char *what, struct strbuf *err);
/* Prepare sql (or take it from the handle's statement cache) and bind p; NULL with err
 * filled on failure. Give it back with sq_finish, never sqlite3_finalize. */
sqlite3_stmt *sq_prepare(struct sqlite_store *st, const char *sql, const struct param *p, size_t n,
			 const char *what, struct strbuf *err);
/* Done with a statement of sq_prepare: reset and kept for reuse, or finalized. */
void sq_finish(struct sqlite_store *st, sqlite3_stmt *stmt);
/* Finalize every kept statement (before the schema changes and before closing). */
void sq_cache_flush(struct sqlite_store *st);
/* One write statement (its own transaction unless one is open). */
int sq_run(struct sqlite_store *st, const char *sql, const struct param *p, size_t n, const char *what,
	   struct strbuf *err);
/* A query calling row() per result row. */
int sq_query(struct sqlite_store *st, const char *sql, const struct param *p, size_t n,
	     int (*row)(struct sqlite_store *, sqlite3_stmt *, void *, struct strbuf *), void *ctx,
	     const char *what, struct strbuf *err);
/* Fixed SQL only. */
int sq_exec(struct sqlite_store *st, const char *sql, const char *what, struct strbuf *err);
/* A text column, copied ("" for NULL). */
char *sq_col_str(sqlite3_stmt *stmt, int i);

/* A trainer's link and the audit log (sqlite-audit.c). */
int sqlite_trains(struct store *s, int64_t trainer, int64_t client, bool *yes, struct strbuf *err);
int sqlite_audit_add(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n,
		     struct strbuf *err);
int sqlite_audit_wait(struct store *s, struct strbuf *err);
int sqlite_audit_list(struct store *s, size_t limit, struct audit_row **rows, size_t *n, struct strbuf *err);

/* The health records (sqlite-health.c). */
int sqlite_checkin_add(struct store *s, struct checkin *c, struct strbuf *err);
int sqlite_checkins_list(struct store *s, struct checkin **rows, size_t *n, struct strbuf *err);
int sqlite_checkins_between(struct store *s, const char *from, const char *to, struct checkin **rows, size_t *n,
			    struct strbuf *err);
int sqlite_checkin_add_once(struct store *s, struct checkin *c, struct checkin **day, size_t *n, struct strbuf *err);
int sqlite_screening_add(struct store *s, struct screening_row *row, struct strbuf *err);
int sqlite_screening_latest(struct store *s, struct screening_row *out, bool *found, struct strbuf *err);
int sqlite_screenings_list(struct store *s, struct screening_row **rows, size_t *n, struct strbuf *err);
int sqlite_clearance_add(struct store *s, struct clearance_row *row, struct strbuf *err);
int sqlite_clearances_list(struct store *s, struct clearance_row **rows, size_t *n, struct strbuf *err);
int sqlite_psfs_activity_add(struct store *s, struct psfs_activity *a, struct strbuf *err);
int sqlite_psfs_activities(struct store *s, struct psfs_activity **rows, size_t *n, struct strbuf *err);
int sqlite_psfs_rate(struct store *s, const struct psfs_rating *r, struct strbuf *err);
int sqlite_psfs_ratings(struct store *s, struct psfs_rating **rows, size_t *n, struct strbuf *err);
int sqlite_forget_all(struct store *s, bool *wiped, struct strbuf *err);
int sqlite_batch_begin(struct store *s, unsigned flags, struct strbuf *err);
int sqlite_batch_end(struct store *s, bool keep, struct strbuf *err);
int sqlite_part_begin(struct store *s, struct strbuf *err);
int sqlite_part_end(struct store *s, bool keep, struct strbuf *err);

/* The plan's records (sqlite-plan.c). */
int sqlite_assessment_add(struct store *s, struct assessment_row *row, struct strbuf *err);
int sqlite_assessments_list(struct store *s, struct assessment_row **rows, size_t *n, struct strbuf *err);
int sqlite_feedback_add(struct store *s, struct feedback_row *row, struct strbuf *err);
int sqlite_feedback_list(struct store *s, struct feedback_row **rows, size_t *n, struct strbuf *err);
int sqlite_plan_change_add(struct store *s, struct plan_change_row *row, struct strbuf *err);
int sqlite_plan_changes_list(struct store *s, struct plan_change_row **rows, size_t *n, struct strbuf *err);
int sqlite_prescription_add(struct store *s, struct prescription_row *row, struct strbuf *err);
int sqlite_dashboard_facts(struct store *s, const char *from, int64_t from_ms, const int64_t *only, size_t n_only,
			   struct dash_client **rows, size_t *n, struct strbuf *err);
int sqlite_dash_kept_get(struct store *s, const char *key, struct dash_kept **rows, size_t *n, struct strbuf *err);
int sqlite_dash_kept_put(struct store *s, const char *key, const struct dash_kept *rows, size_t n,
			 struct strbuf *err);
int sqlite_prescriptions_list(struct store *s, struct prescription_row **rows, size_t *n, struct strbuf *err);
/* Appointments (sqlite-appt.c). */
int sqlite_appointment_add(struct store *s, struct appointment_row *row, struct strbuf *err);
int sqlite_appointments_list(struct store *s, struct appointment_row **rows, size_t *n, struct strbuf *err);

/* The break coach's log (sqlite-breaks.c). */
int sqlite_break_add(struct store *s, const struct break_row *row, struct strbuf *err);
int sqlite_breaks_since(struct store *s, int64_t from_ms, struct break_row **rows, size_t *n, struct strbuf *err);

/* The session lock (sqlite-lock.c). */
int sqlite_session_lock(struct store *s, const struct store_holder *h, int64_t now_ms, char **held_by,
			struct strbuf *err);
int sqlite_session_unlock(struct store *s, const char *h_id, struct strbuf *err);

/* The web player's uploads: idempotency keys and web sessions (sqlite-web.c). */
int sqlite_idem_get(struct store *s, const char *key, struct idem_row *out, bool *found, struct strbuf *err);
int sqlite_idem_put(struct store *s, const struct idem_row *row, struct strbuf *err);
int sqlite_web_session_add(struct store *s, int64_t session, const char *web_id, const char *pass_id,
			   struct strbuf *err);
int sqlite_web_session_find(struct store *s, const char *web_id, int64_t *session, struct strbuf *err);
int sqlite_web_session_of(struct store *s, int64_t session, bool *web, struct strbuf *err);

/* Clinic accounts, trainers' clients and invitations (sqlite-accounts.c). */
int sqlite_accounts_exist(struct store *s, bool *any, struct strbuf *err);
int sqlite_account_add(struct store *s, struct account_row *row, unsigned flags, struct strbuf *err);
int sqlite_account_get(struct store *s, int64_t id, const char *login, struct account_row *out, bool *found,
		       struct strbuf *err);
int sqlite_accounts_list(struct store *s, int64_t trainer, struct account_row **rows, size_t *n, struct strbuf *err);
int sqlite_account_set_password(struct store *s, int64_t id, const char *hash, struct strbuf *err);
int sqlite_invite_add(struct store *s, struct invite_row *row, struct strbuf *err);
int sqlite_invite_find(struct store *s, const char *token_hash, struct invite_row *out, bool *found,
		       struct strbuf *err);
int sqlite_invite_use(struct store *s, const char *token_hash, int64_t now_ms, struct account_row *client,
		      enum invite_use *result, struct strbuf *err);

/* Login sessions and failed logins (sqlite-logins.c). */
int sqlite_login_add(struct store *s, const struct login_row *row, struct strbuf *err);
int sqlite_login_get(struct store *s, const char *id_hash, struct login_row *out, bool *found, struct strbuf *err);
int sqlite_login_seen(struct store *s, const char *id_hash, int64_t seen_ms, struct strbuf *err);
int sqlite_login_end(struct store *s, const char *id_hash, struct strbuf *err);
int sqlite_logins_end_all(struct store *s, int64_t account_id, int *ended, struct strbuf *err);
int sqlite_logins_prune(struct store *s, int64_t seen_before_ms, int64_t made_before_ms, struct strbuf *err);
/* An account's second factor (sqlite-totp.c). */
int sqlite_totp_get(struct store *s, int64_t account, struct totp_row *out, bool *found, struct strbuf *err);
int sqlite_totp_put(struct store *s, const struct totp_row *row, struct strbuf *err);
int sqlite_totp_use(struct store *s, int64_t account, int64_t step, int64_t now_ms, bool *used, struct strbuf *err);
int sqlite_totp_clear(struct store *s, int64_t account, bool *cleared, struct strbuf *err);
int sqlite_recovery_left(struct store *s, int64_t account, int *left, struct strbuf *err);
int sqlite_recovery_put(struct store *s, int64_t account, const char *const *hashes, size_t n, struct strbuf *err);
int sqlite_recovery_use(struct store *s, int64_t account, const char *hash, int64_t now_ms, bool *used,
			struct strbuf *err);
int sqlite_throttle_get(struct store *s, const char *key, int *failures, int64_t *last_ms, struct strbuf *err);
int sqlite_throttle_fail(struct store *s, const char *key, int64_t now_ms, int64_t forget_before_ms, int *failures,
			 struct strbuf *err);
int sqlite_throttle_clear(struct store *s, const char *key, struct strbuf *err);
int sqlite_throttle_prune(struct store *s, int64_t before_ms, struct strbuf *err);

/* A client in charge of their data (sqlite-custody.c). */
int sqlite_trainers_list(struct store *s, int64_t client, struct account_row **rows, size_t *n, struct strbuf *err);
int sqlite_link_end(struct store *s, int64_t trainer, int64_t client, bool *ended, struct strbuf *err);
int sqlite_account_set_disabled(struct store *s, int64_t id, int64_t disabled_ms, struct strbuf *err);
int sqlite_account_delete(struct store *s, struct strbuf *err);

/* Migration 5's step: text that is not valid UTF-8 becomes UTF-8, losing no character
 * (sqlite-repair.c). */
int sqlite_repair_text(struct sqlite_store *st, struct strbuf *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK around a group of writes. */
int sq_begin(struct sqlite_store *st, const char *what, struct strbuf *err);
int sq_commit(struct sqlite_store *st, const char *what, struct strbuf *err);
void sq_rollback(struct sqlite_store *st);

#endif
