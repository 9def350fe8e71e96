/* store.h: the storage interface, a table of functions per backend (after git's ref
 * storage backends). The backend is chosen by the location's scheme (the table in
 * store.c): "sqlite:PATH" or a plain path is SQLite, the default; "postgresql://...",
 * "postgres://..." or a libpq key=value string ("host=/run/pg dbname=unhunch") is
 * PostgreSQL. Every write is one
 * transaction: a crash loses at most the write in flight.
 *
 * Two objects. A struct store_db is one open database (a connection), which may hold
 * many people's data. A struct store is a handle bound to one person, made from it
 * with store_bind(): every operation of the handle reads and writes that person's
 * rows and no one else's, so a caller that serves many people cannot mix them up by
 * forgetting an argument. The operations keep the shape st->ops->op(st, ...).
 *
 * How to open a store:
 *  - a program of one person (the terminal commands): store_open(&st, location, err)
 *    or store_open_readonly(); the handle is bound to STORE_LOCAL_PERSON and owns its
 *    database; store_close(st) closes both.
 *  - a server of many people: store_db_open() once per thread, then per request
 *    store_bind(&st, db, person, err) ... store_close(st) (cheap: no connection is
 *    made), and store_db_close(db) when the thread ends. A database and the handles
 *    made from it are used by one thread at a time.
 *
 * All functions return 0 on success and -1 on failure with a message in err
 * (err may be NULL). Times are Unix milliseconds of the wall clock, passed in by the
 * caller: the store never reads the clock. */
#ifndef UNHUNCH_STORE_H
#define UNHUNCH_STORE_H
#include "core/breaks.h"
#include "core/checkin.h"
#include "core/strbuf.h"
#include <stdbool.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 19 /* the newest schema of the SQLite backend */
#define STORE_LOCAL_PERSON 1    /* the one person of a local store (the terminal commands) */
#define STORE_NO_ONE 0          /* the person of a handle of no one (store_bind_no_one) */

/* Flags of open. */
#define STORE_READ_ONLY 1u /* for commands that only read: nothing is created or written,
			    * so a backup can be taken from a full disk, a read-only folder
			    * or a read-only file; a store that does not exist yet reads as empty */
#define STORE_CHECKPOINT_APART 2u /* a handle that commits often and must not stall (the
				   * server's group commit, the clinic's threads): upkeep that
				   * would hold up a commit runs beside it (SQLite: the log's
				   * checkpoint on its own thread, which holds new writes 10 ms
				   * at most; PostgreSQL: nothing to do, its server does it) */

/* Flags of batch_begin. */
#define STORE_BATCH_INTO_EMPTY 1u /* the batch is kept only if the store holds no record
				   * when it is committed (checked inside the commit) */

enum session_status { SESSION_RUNNING, SESSION_FINISHED, SESSION_QUIT, SESSION_STOPPED };
extern const char *const session_status_names[]; /* "running", "finished", "quit", "stopped" */

struct session_row {
	int64_t id;
	char *routine_id;
	int64_t started_ms, ended_ms; /* ended_ms 0 while running */
	enum session_status status;
	int pain_before, pain_after;  /* 0-10; -1 when not asked or not answered (set it: 0 means no pain) */
	char *pacing;                 /* "content", "timed" or "self" (the --pace flag) */
	int exercises_done, exercises_skipped; /* filled by sessions_list */
	int pain_events;                       /* filled by sessions_list */
};

/* One completed set of one exercise (per side or direction when it has them). */
struct set_row {
	int item;           /* index of the item in the routine, from 0 */
	char *exercise_id;
	int set_no;         /* from 1 */
	char *side;         /* "" when the exercise has no sides or directions */
	int reps_target, reps_done;
	int64_t duration_ms;
	int64_t at_ms;
};

enum exercise_status { EX_DONE, EX_SKIPPED, EX_STOPPED };
extern const char *const exercise_status_names[]; /* "done", "skipped", "stopped" */

/* One exercise of the session, recorded when it ends. */
struct exercise_row {
	int item;
	char *exercise_id;
	enum exercise_status status;
	int reps_done;
	int64_t duration_ms;
	int64_t at_ms;
};

/* A pain report during a session, and what the engine did about it. */
struct pain_row {
	int item;          /* -1 when not during an exercise */
	char *exercise_id; /* "" when not during an exercise */
	int score;         /* 0-10; -1 for a warning sign (dizziness and the like), not a score */
	char *action;      /* e.g. "stopped; offered glute-bridge-short" */
	int64_t at_ms;
};

/* One answer of a screening, with the urgency it led to and what the question was
 * when it was answered (so later content cannot change what a past yes means). */
struct answer_row {
	char *question_id;
	bool yes;
	int level;       /* enum urgency */
	bool locks_neck; /* a yes locks head-over-the-edge work (a neck or neck_lock question) */
	bool fact;       /* a once-ever fact: a yes carries over to later screens */
};

struct screening_row {
	int64_t id;
	int64_t at_ms;
	int level;             /* enum urgency: the worst answer */
	bool neck_clear;       /* every neck question answered no */
	struct answer_row *answers;
	size_t n_answers;
};

/* A clinician's clearance of a screening result, recorded by the user. */
struct clearance_row {
	int64_t id;
	int64_t at_ms;
	char date[11];         /* the day the clinician was seen */
	char *note;            /* who, and what they said */
	int64_t screening_id;
};

struct psfs_activity {
	int64_t id;
	char *name;
	int64_t added_ms;
};

struct psfs_rating {
	int64_t activity_id;
	char date[11];
	int score;             /* 0 unable .. 10 as before the problem */
};

/* An assessment (core/plan.h): the answers by question id and the factors they gave. */
struct assess_answer_row {
	char *question;        /* e.g. "desk-hours" */
	double value;          /* as core/plan.h stores it; -1 for a skipped answer */
};

struct factor_row {
	char *factor;          /* e.g. "posture-load" */
	int strength;          /* 0 none .. 3 strong */
	char *reason;
};

struct assessment_row {
	int64_t id;
	char date[11];
	int64_t at_ms;
	struct assess_answer_row *answers;
	size_t n_answers;
	struct factor_row *factors;
	size_t n_factors;
};

/* How one exercise of a routine felt, said after it. */
struct feedback_row {
	int64_t id;
	char date[11];         /* the day of the session */
	int64_t at_ms;
	int64_t session_id;    /* 0 when not tied to a recorded session */
	char *routine_id;
	char *exercise_id;     /* the routine item's own exercise, even when a variant ran */
	char *feeling;         /* "easy", "right", "hard" or "hurt" */
	int pain_during;       /* the highest pain during the session, 0-10; -1 unknown */
	bool warning;          /* a warning sign came up */
};

/* A decision of the progression rules on one routine item's dose, with its reason. */
struct plan_change_row {
	int64_t id;
	char date[11];
	int64_t at_ms;
	int64_t feedback_id;   /* the feedback it judged; 0 when the user made it (resume) */
	char *routine_id;
	char *slot;            /* the routine item's own exercise */
	char *action;          /* "hold", "progress", "regress", "pause" or "resume" */
	char *rule;            /* the rule that decided (core/plan-dose.c) */
	char *from_exercise, *to_exercise;
	int from_reps, to_reps;
	int from_duration_s, to_duration_s;
	bool paused;           /* left out after this change */
	char *reason;
};

/* A trainer's prescription for one routine item of a client (the handle's person),
 * kept as a version: each change is a new row, the newest for an item wins
 * (app/prescribe.c). The rules' findings the trainer accepted are kept with it. */
struct prescription_row {
	int64_t id;
	char date[11];         /* the local day it was made */
	int64_t at_ms;
	int64_t trainer_id;    /* the trainer's account */
	char *routine_id;
	char *slot;            /* the routine item's own exercise */
	char *exercise_id;     /* the exercise it runs: the slot's own, a version, or another */
	int reps, sets;        /* per set; 0: the content's */
	int hold_s;            /* 0: the content's */
	int duration_s;        /* timed items; 0: the content's */
	char *note;            /* the trainer's words for the client ("" when none) */
	char *warnings;        /* what the rules warned of and the trainer accepted, one a line ("" when none) */
	/* NULL or "": a dose or exercise for the routine's item slot. Otherwise the row adds
	 * exercise_id to the routine as a new step (its slot is the exercise's id): "end"
	 * at the end, "before:SLOT" before the item whose own exercise is SLOT (at most 100
	 * bytes); the person's routine (app/person-content.c) has the step from then on */
	char *place;
};

/* A trainer's appointment with a client (issue 18): a massage or a training on a
 * day, the areas worked. The client's records (person_id), written by the trainer
 * who recorded it (app/appointments.c). */
struct appointment_row {
	int64_t id;
	int64_t person_id;     /* the client whose records it is */
	char date[11];         /* the day of the appointment, YYYY-MM-DD */
	int64_t at_ms;         /* when it was recorded */
	int64_t trainer_id;    /* who recorded it; 0: restored from a backup */
	char *trainer_name;    /* their name as it was then ("" when not known) */
	char *kind;            /* "massage" or "training" (core/appointment.h) */
	char *areas;           /* the areas worked, as appt_areas_format writes them ("" none) */
	char *note;            /* "" when none */
};

/* One event of the break coach (core/breaks.h). */
struct break_row {
	int64_t at_ms;
	enum brk_kind kind;
	enum brk_event_kind event;
	char *exercise_id;     /* "" when none */
	char *detail;          /* "" when none */
};

/* Who holds the session lock: an id the caller makes up (unique to one run of one
 * program, e.g. host, process and its start time) and how to tell whether that run is
 * still going. The store keeps the id; only the caller can judge liveness. */
struct store_holder {
	const char *id;
	bool (*alive)(const char *id, void *ctx); /* false once that run has ended */
	void *ctx;
};

/* The first answer given to a request that carried an idempotency key (the web
 * player's uploads): a repeat of the request gets it again, and the key is kept once. */
struct idem_row {
	char *key;          /* the client's key (1 to 100 of [A-Za-z0-9_.:-]) */
	char *request_hash; /* a digest of what the request asked, to tell a repeat from a reuse */
	int status;         /* the answer's HTTP status */
	char *answer;       /* the answer's body */
	int64_t at_ms;
};

/* Clinic accounts (app/accounts.c has the rules). An account's id is the person whose
 * records it holds (store_bind(db, account id)); ids start at 2, person 1
 * (STORE_LOCAL_PERSON) being the terminal's own. */
enum account_role { ROLE_ADMIN, ROLE_TRAINER, ROLE_CLIENT };
extern const char *const account_role_names[]; /* "admin", "trainer", "client" */
/* The role of a name of account_role_names; ROLE_CLIENT, the least, for another. */
enum account_role account_role_of(const char *name);

/* Flags of account_add. */
#define STORE_ACCOUNT_FIRST 1u /* added only while the database has no account at all */

struct account_row {
	int64_t id;
	enum account_role role;
	char *login;          /* unique in the database (1-64 bytes; the app's rules say which) */
	char *display_name;   /* 1-200 bytes */
	char *password_hash;  /* libsodium's argon2id string (crypto_pwhash_str); never the password */
	int64_t created_ms;
	int64_t disabled_ms;  /* 0 while the account may be used */
};

/* A single-use invitation of a client by a trainer. Only a hash of its token is kept. */
struct invite_row {
	int64_t id;
	int64_t trainer_id;
	char *token_hash;     /* hex digest of the token (16-128 characters) */
	char *display_name;   /* the client's name as the trainer wrote it */
	int64_t created_ms, expires_ms;
	int64_t used_ms;      /* 0 while unused */
	int64_t client_id;    /* the account it made; 0 while unused */
};

/* What invite_use did. */
enum invite_use {
	INVITE_ACCEPTED,      /* the client's account is made and linked to the trainer */
	INVITE_UNKNOWN,       /* no invite has that token */
	INVITE_EXPIRED,       /* not used in time */
	INVITE_SPENT,         /* used already */
	INVITE_LOGIN_TAKEN,   /* the login name is someone's already (the invite stays unused) */
};

/* A login session of a clinic account (app/login.c has the rules). The session's id
 * lives only in the person's cookie: the store keeps a hash of it. */
struct login_row {
	char *id_hash;        /* hex digest of the session's id (16-128 hex digits) */
	int64_t account_id;
	int64_t created_ms;   /* the login: the absolute timeout counts from here */
	int64_t seen_ms;      /* the last request: the idle timeout counts from here */
	bool code_due;        /* the password was right and the second factor's code is still
			       * to come: the session is good for nothing else (app/login.c) */
};

/* An account's second factor (TOTP, core/totp.h; app/totp.c has the rules). */
#define STORE_RECOVERY_HASH_HEX 64 /* a recovery code's digest as hex (recovery_*) */
#define STORE_TOTP_SECRET_HEX 128 /* the secret as hex, 20 to 128 digits */
struct totp_row {
	int64_t account_id;
	char secret[STORE_TOTP_SECRET_HEX + 1]; /* hex of the shared secret's bytes */
	int64_t confirmed_ms; /* when the first code was accepted; 0 while enrolment waits for one */
	int64_t last_step;    /* the time step of the last code accepted (a code counts once) */
};

/* The trainer's dashboard (app/dashboard.c, dashboard_facts): what it needs of each
 * client linked to the trainer, read in a few queries for all of them at once. */
struct dash_session {
	int64_t started_ms;
	enum session_status status;
	bool warning;         /* a warning sign (dizziness and the like) came up in it */
	int max_pain;         /* the highest pain reported during it, -1 none */
	int exercises_done;   /* its exercises done (app_session_counts) */
};

/* How one exercise felt lately (its feedback counted by feeling). */
struct dash_feel {
	char *exercise_id;    /* the routine item's own exercise */
	int easy, right, hard, hurt;
	int64_t last_ms;
};

struct dash_client {
	int64_t id;
	char *login, *display_name;
	int64_t linked_ms;        /* since when the client is the trainer's */
	int screening_level;      /* the latest screening's result (enum urgency), -1 none */
	int64_t screening_ms;     /* when it was answered (0 none) */
	bool screening_warning;   /* it is a warning sign during exercise (a yes to it) */
	bool screening_cleared;   /* a clinician's clearance is recorded for it */
	int64_t last_session_ms;  /* the newest session ever started, 0 none */
	/* check-ins (regions filled, no note) by date then time: those dated from `from`,
	 * the first 7 days from the first one, and the 7 days up to the last one */
	struct checkin *checkins;
	size_t n_checkins;
	struct dash_session *sessions; /* started at or after from_ms, oldest first */
	size_t n_sessions;
	struct dash_feel *feel;   /* feedback dated from `from`, by exercise id */
	size_t n_feel;
	char assessed[11];        /* the latest assessment's day, "" none */
	struct assess_answer_row *answers; /* its answers */
	size_t n_answers;
};

/* A client of the trainer's dashboard with what was kept for them (dash_kept_get). */
#define STORE_DASH_KEY_MAX 100   /* a key's length at most */
#define STORE_DASH_KEPT_MAX 65536 /* a kept text's length at most */
struct dash_kept {
	int64_t id;
	char *login, *display_name;
	int64_t version;          /* of the client's records, now */
	char *text;               /* kept under the key at this version; NULL none */
};

/* One line of the audit log: someone (the actor) read or changed another person's (the
 * subject's) records (app/audit.c writes it; the subject reads it). Never changed or
 * deleted by anyone; it goes with the subject's account. */
struct audit_row {
	int64_t id;
	int64_t actor_id;     /* who: an account, or 1 (the database's operator at the terminal) */
	char *actor_name;     /* their name when it was written (kept: the link may end) */
	int64_t subject_id;   /* whose records */
	char *what;           /* e.g. "progress page", "prescription added" (1-200 bytes) */
	int64_t at_ms;
};

struct store;
struct store_db;

struct store_ops {
	const char *name;
	/* Open (creating when absent) the database at location (the backend's own form,
	 * without a "sqlite:" prefix), migrating it to the backend's newest schema. A
	 * newer schema, or a file that is not a healthy database, is refused with a clear
	 * message and never modified. With STORE_READ_ONLY nothing is created, migrated or
	 * written (an older schema is still upgraded first when that is possible). */
	int (*open)(struct store_db **out, const char *location, unsigned flags, struct strbuf *err);
	void (*close)(struct store_db *db);
	/* For tests of upgrades: create an empty database at location with the older
	 * schema version (1 to the newest - 1), as that version made it. */
	int (*make_old)(const char *location, int version, struct strbuf *err);
	/* The whole database's schema version and check (not one person's). */
	int (*schema_version)(struct store *s, int *version, struct strbuf *err);
	/* Run the backend's own consistency check; ok is false when it finds a problem. */
	int (*check)(struct store *s, bool *ok, struct strbuf *err);
	/* A number that grows whenever a change is committed to the database, by this
	 * handle's connection or by any other program, so that an answer worked out from the
	 * store can be kept while it stays the same. NULL where the backend cannot tell
	 * cheaply (then nothing is kept). */
	int (*data_version)(struct store *s, uint64_t *v, struct strbuf *err);

	int (*session_begin)(struct store *s, struct session_row *row, struct strbuf *err); /* sets row->id */
	/* Set a session's status. SESSION_RUNNING takes a quit or killed session up again
	 * (clearing ended_ms); SESSION_STOPPED retires one the user chose not to resume. */
	int (*session_end)(struct store *s, int64_t id, enum session_status st, int pain_after,
			   int64_t ended_ms, struct strbuf *err);
	/* Adding the same set (session, item, exercise, set_no, side) or exercise
	 * (session, item, exercise) twice keeps the first: resuming or going back never
	 * duplicates a row. An easier exercise run in place of one stopped for pain has
	 * its own rows. */
	int (*set_add)(struct store *s, int64_t session, const struct set_row *row, struct strbuf *err);
	int (*exercise_add)(struct store *s, int64_t session, const struct exercise_row *row, struct strbuf *err);
	int (*pain_add)(struct store *s, int64_t session, const struct pain_row *row, struct strbuf *err);
	/* The newest session that can be resumed: still marked running (the program was
	 * killed) or quit by the user (found false when there is none). */
	int (*session_unfinished)(struct store *s, struct session_row *out, bool *found, struct strbuf *err);
	/* Sets and exercises already recorded for a session (arrays owned by the caller;
	 * free with store_*_free). */
	int (*sets_of)(struct store *s, int64_t session, struct set_row **rows, size_t *n, struct strbuf *err);
	int (*exercises_of)(struct store *s, int64_t session, struct exercise_row **rows, size_t *n,
			    struct strbuf *err);
	int (*pains_of)(struct store *s, int64_t session, struct pain_row **rows, size_t *n, struct strbuf *err);
	/* All sessions, oldest first, with the counts filled in. */
	int (*sessions_list)(struct store *s, struct session_row **rows, size_t *n, struct strbuf *err);
	/* The sessions started at or after from_ms, as sessions_list orders and fills them:
	 * for a screen of the last days, which needs no older one. */
	int (*sessions_since)(struct store *s, int64_t from_ms, struct session_row **rows, size_t *n,
			      struct strbuf *err);

	/* Check-ins: one transaction each (the row and its region scores); sets c->id. */
	int (*checkin_add)(struct store *s, struct checkin *c, struct strbuf *err);
	/* All check-ins by date, then time (caller frees with store_checkins_free). */
	int (*checkins_list)(struct store *s, struct checkin **rows, size_t *n, struct strbuf *err);
	/* The check-ins whose date is from..to (YYYY-MM-DD, both included), as checkins_list
	 * orders them (free with store_checkins_free). */
	int (*checkins_between)(struct store *s, const char *from, const char *to, struct checkin **rows, size_t *n,
				struct strbuf *err);
	/* One check-in a day (the web's): add c only when the person has none for c->date,
	 * the look and the write in one transaction, so two writers at the same instant never
	 * both add one. 0 when added (sets c->id; *day NULL); 1 when the day has some
	 * already: nothing written, *day holds them (n, by time; free with
	 * store_checkins_free). */
	int (*checkin_add_once)(struct store *s, struct checkin *c, struct checkin **day, size_t *n,
				struct strbuf *err);

	/* Screening: the answers and result in one transaction; sets row->id. */
	int (*screening_add)(struct store *s, struct screening_row *row, struct strbuf *err);
	/* The latest screening recorded (found false when none); free with screening_row_release. */
	int (*screening_latest)(struct store *s, struct screening_row *out, bool *found, struct strbuf *err);
	/* Every screening with its answers in the order recorded (not by at_ms: a clock
	 * that was wrong must not put an old answer after a newer warning sign);
	 * release each row with screening_row_release, then free(rows). */
	int (*screenings_list)(struct store *s, struct screening_row **rows, size_t *n, struct strbuf *err);
	int (*clearance_add)(struct store *s, struct clearance_row *row, struct strbuf *err);
	/* Clearances, oldest first (free with store_clearances_free). */
	int (*clearances_list)(struct store *s, struct clearance_row **rows, size_t *n, struct strbuf *err);

	/* Patient-Specific Functional Scale: up to 3 named activities, rated weekly. */
	int (*psfs_activity_add)(struct store *s, struct psfs_activity *a, struct strbuf *err);
	int (*psfs_activities)(struct store *s, struct psfs_activity **rows, size_t *n, struct strbuf *err);
	/* Rating an activity again on the same date replaces that day's score. */
	int (*psfs_rate)(struct store *s, const struct psfs_rating *r, struct strbuf *err);
	int (*psfs_ratings)(struct store *s, struct psfs_rating **rows, size_t *n, struct strbuf *err);

	/* The plan: assessments (answers and factors in one transaction; sets row->id),
	 * exercise feedback and dose decisions, each listed oldest first (by at_ms, then as
	 * recorded). A decision on feedback already decided is ignored (the first stays). */
	int (*assessment_add)(struct store *s, struct assessment_row *row, struct strbuf *err);
	int (*assessments_list)(struct store *s, struct assessment_row **rows, size_t *n, struct strbuf *err);
	int (*feedback_add)(struct store *s, struct feedback_row *row, struct strbuf *err);
	int (*feedback_list)(struct store *s, struct feedback_row **rows, size_t *n, struct strbuf *err);
	int (*plan_change_add)(struct store *s, struct plan_change_row *row, struct strbuf *err);
	int (*plan_changes_list)(struct store *s, struct plan_change_row **rows, size_t *n, struct strbuf *err);
	/* A trainer's prescriptions for the handle's person: add one (sets row->id; values
	 * out of their bounds are refused), list them oldest first (by at_ms, then as added). */
	int (*prescription_add)(struct store *s, struct prescription_row *row, struct strbuf *err);
	int (*prescriptions_list)(struct store *s, struct prescription_row **rows, size_t *n, struct strbuf *err);
	/* Appointments. appointment_add writes row (sets row->id) as the handle's person,
	 * who must be either the trainer who recorded it (row->trainer_id; the app layer
	 * checks the trainer is the client's) or the client of a row with no trainer (a
	 * restored backup); any other row is refused, on every backend. appointments_list:
	 * the handle's person's own, oldest first (by date, then as recorded). */
	int (*appointment_add)(struct store *s, struct appointment_row *row, struct strbuf *err);
	int (*appointments_list)(struct store *s, struct appointment_row **rows, size_t *n, struct strbuf *err);

	/* The break coach's log: one row per event; events at or after from_ms, oldest
	 * first (free with store_breaks_free). */
	int (*break_add)(struct store *s, const struct break_row *row, struct strbuf *err);
	int (*breaks_since)(struct store *s, int64_t from_ms, struct break_row **rows, size_t *n,
			    struct strbuf *err);

	/* Delete every record of the handle's person (sessions, check-ins, screenings,
	 * clearances, PSFS, the plan, the break log) in one transaction: -1 when nothing
	 * was deleted. Other people's records stay. Then wipe the old copies of the
	 * records from the files; when that cannot be finished (another program still
	 * reads the old data) *wiped is false and err says what is left, though the
	 * records are deleted. Running it again finishes the wipe. */
	int (*forget_all)(struct store *s, bool *wiped, struct strbuf *err);

	/* A batch: every write between batch_begin and batch_end(keep = true) is kept
	 * together or not at all (a failure, batch_end(keep = false) or a kill in between
	 * leaves the store as it was). Writes inside keep their own grouping; batches do
	 * not nest, and forget_all may not run inside one. With STORE_BATCH_INTO_EMPTY
	 * the writes are collected aside and only the commit holds the store's write
	 * lock (briefly, so other programs' writes go on meanwhile); reads inside the
	 * batch see only its own writes, and the commit fails when the person has any
	 * record by then. A batch belongs to the handle that began it: use no other
	 * handle of the same database until it ends. */
	int (*batch_begin)(struct store *s, unsigned flags, struct strbuf *err);
	int (*batch_end)(struct store *s, bool keep, struct strbuf *err);
	/* A part of the open batch (group commit: many requests' writes in one batch, each
	 * its own part): part_end(keep = false), or a write of the part that failed, undoes
	 * the part's writes alone; the batch goes on and keeps the other parts. Parts nest;
	 * part_end(keep = true) of a part whose write failed undoes it and returns -1. A
	 * part's writes are kept only with the batch. Refused outside a batch and in one of
	 * STORE_BATCH_INTO_EMPTY. */
	int (*part_begin)(struct store *s, struct strbuf *err);
	int (*part_end)(struct store *s, bool keep, struct strbuf *err);

	/* One session at a time (per person): take the session lock for h. Free, or held by a run that
	 * is no longer alive (taken over), it is taken (0); held by a live run it is not
	 * (1, *held_by gets that run's id, caller frees). Checked and taken in one write
	 * transaction, so two runs never both get it. */
	int (*session_lock)(struct store *s, const struct store_holder *h, int64_t now_ms, char **held_by,
			    struct strbuf *err);
	/* Give the lock back (only if h_id holds it). */
	int (*session_unlock)(struct store *s, const char *h_id, struct strbuf *err);

	/* Idempotency keys, per person. idem_get: the answer kept under key (found false
	 * when there is none; release with idem_row_release). idem_put: keep row once:
	 * 0 when stored, 1 when the key was kept already (nothing written; the first
	 * answer stays). Put inside the batch that makes the request's rows, so that the
	 * rows and the key are kept together or not at all. */
	int (*idem_get)(struct store *s, const char *key, struct idem_row *out, bool *found, struct strbuf *err);
	int (*idem_put)(struct store *s, const struct idem_row *row, struct strbuf *err);
	/* The web player's sessions: the session made for the page's session id (web_id;
	 * a resumed session keeps it under a new pass), with the id of the pass it began
	 * under (pass.h), so every upload of that session goes to the same session.
	 * web_session_add: 1 when web_id has a session already (nothing written);
	 * web_session_find: *session 0 when it has none; web_session_of: whether session
	 * is a web player's (the terminal does not take one up). */
	int (*web_session_add)(struct store *s, int64_t session, const char *web_id, const char *pass_id,
			       struct strbuf *err);
	int (*web_session_find)(struct store *s, const char *web_id, int64_t *session, struct strbuf *err);
	int (*web_session_of)(struct store *s, int64_t session, bool *web, struct strbuf *err);

	/* Clinic accounts, trainers' clients and invitations. These are the database's,
	 * not the handle's person's: the app layer (app/accounts.c) decides who may call
	 * them. On PostgreSQL the handle's person is also the acting one for row-level
	 * security (docs/postgres.md): an account reaches its own rows, an admin all,
	 * person 1 (the terminal's operator) all; a login name (account_get by login),
	 * an invitation's token (invite_find) and invite_use work for any. account_add: 0 when added (sets row->id), 1 when the login name is taken,
	 * 2 with STORE_ACCOUNT_FIRST when the database has an account already (nothing
	 * written but on 0; the look and the write in one transaction). */
	int (*account_add)(struct store *s, struct account_row *row, unsigned flags, struct strbuf *err);
	/* One account by id, or by login name when login is not NULL (found false when
	 * none); release with account_row_release. */
	int (*account_get)(struct store *s, int64_t id, const char *login, struct account_row *out, bool *found,
			   struct strbuf *err);
	/* Whether the database has any account (for a clinic server's start, as no one). */
	int (*accounts_exist)(struct store *s, bool *any, struct strbuf *err);
	/* Every account by id (trainer 0), or that trainer's clients, by id. */
	int (*accounts_list)(struct store *s, int64_t trainer, struct account_row **rows, size_t *n,
			     struct strbuf *err);
	/* Replace an account's password hash (-1 when there is no such account). */
	int (*account_set_password)(struct store *s, int64_t id, const char *hash, struct strbuf *err);
	/* Keep an invitation (sets row->id; a token hash kept before is refused). */
	int (*invite_add)(struct store *s, struct invite_row *row, struct strbuf *err);
	/* The invitation of a token hash (found false when none); release with invite_row_release. */
	int (*invite_find)(struct store *s, const char *token_hash, struct invite_row *out, bool *found,
			   struct strbuf *err);
	/* Use the invitation of token_hash at now_ms: in one transaction it is marked used
	 * (only when unused and now_ms is before its expiry, so of two connections using it
	 * at once only one can), client is added (role client; sets client->id) and linked
	 * to the inviting trainer. *result says which; anything but INVITE_ACCEPTED writes
	 * nothing. */
	int (*invite_use)(struct store *s, const char *token_hash, int64_t now_ms, struct account_row *client,
			  enum invite_use *result, struct strbuf *err);

	/* Login sessions (the database's, like the accounts; app/login.c decides when one
	 * ends). login_add: keep a new one (a hash kept before is refused). login_get:
	 * found false when none. login_seen: move seen_ms forward to seen_ms (never back).
	 * login_end: forget one (0 whether or not it was there). logins_end_all: forget
	 * every session of an account, *ended how many (may be NULL; on PostgreSQL the
	 * account itself, person 1 or an enabled admin's handle). logins_prune: forget
	 * every session last seen before seen_before_ms or made before made_before_ms. */
	int (*login_add)(struct store *s, const struct login_row *row, struct strbuf *err);
	int (*login_get)(struct store *s, const char *id_hash, struct login_row *out, bool *found,
			 struct strbuf *err);
	int (*login_seen)(struct store *s, const char *id_hash, int64_t seen_ms, struct strbuf *err);
	int (*login_end)(struct store *s, const char *id_hash, struct strbuf *err);
	int (*logins_end_all)(struct store *s, int64_t account_id, int *ended, struct strbuf *err);
	int (*logins_prune)(struct store *s, int64_t seen_before_ms, int64_t made_before_ms, struct strbuf *err);
	/* Failed logins counted by key ("account:NAME", "address:IP"; 1-200 bytes), for
	 * the throttle (core/login.h). throttle_get: *failures 0 and *last_ms 0 when none.
	 * throttle_fail: one more failure at now_ms, in one statement (two servers counting
	 * at once both count), the count starting again at 1 when the last failure was
	 * before forget_before_ms; *failures is the new count. throttle_clear: forget key.
	 * throttle_prune: forget every key whose last failure was before before_ms. */
	int (*throttle_get)(struct store *s, const char *key, int *failures, int64_t *last_ms, struct strbuf *err);
	int (*throttle_fail)(struct store *s, const char *key, int64_t now_ms, int64_t forget_before_ms, int *failures,
			     struct strbuf *err);
	int (*throttle_clear)(struct store *s, const char *key, struct strbuf *err);
	int (*throttle_prune)(struct store *s, int64_t before_ms, struct strbuf *err);

	/* The client in charge of their data (app/custody.c has the rules; the database's
	 * rows, like the accounts above). trainers_list: the trainers linked to client,
	 * by id. link_end: end the link of trainer and client (*ended false when there was
	 * none); on PostgreSQL the trainer's reads of the client's records end with it.
	 * account_set_disabled: set an account's disabled time (0: enabled again); -1 when
	 * there is no such account. account_delete: delete the handle's person whole, in
	 * one transaction: every record, the invitations that made their account, and the
	 * account row with its login sessions, links and the invitations it made; -1 (and
	 * nothing deleted) when there is no such account. */
	int (*trainers_list)(struct store *s, int64_t client, struct account_row **rows, size_t *n,
			     struct strbuf *err);
	int (*link_end)(struct store *s, int64_t trainer, int64_t client, bool *ended, struct strbuf *err);
	int (*account_set_disabled)(struct store *s, int64_t id, int64_t disabled_ms, struct strbuf *err);
	int (*account_delete)(struct store *s, struct strbuf *err);

	/* An account's second factor (the database's rows, like the accounts; on PostgreSQL
	 * only the account itself and person 1 reach them, not a trainer or an admin, but
	 * for an enabled admin's totp_clear of another account, which deletes it unread).
	 * totp_get: found false when the account has none. totp_put: a new secret for the
	 * account (confirmed_ms and last_step as given), in place of any it had. totp_use:
	 * take step as the last code's, in one statement, only when it is later than the
	 * last step kept (*used false when not: the code was used already, or there is no
	 * row), and mark the factor confirmed at now_ms if it was not. totp_clear: forget
	 * the account's (*cleared whether there was one; may be NULL). */
	int (*totp_get)(struct store *s, int64_t account, struct totp_row *out, bool *found, struct strbuf *err);
	int (*totp_put)(struct store *s, const struct totp_row *row, struct strbuf *err);
	int (*totp_use)(struct store *s, int64_t account, int64_t step, int64_t now_ms, bool *used, struct strbuf *err);
	int (*totp_clear)(struct store *s, int64_t account, bool *cleared, struct strbuf *err);
	/* A second factor's recovery codes (a way in when the phone is lost), kept only as
	 * digests (STORE_RECOVERY_HASH_HEX hex digits), each good once; they belong to the
	 * factor's row and go with it (totp_clear, account deletion). recovery_put: the
	 * account's codes become hashes[0..n) in place of any it had (n 0: none); -1 when the
	 * account has no second factor. recovery_use: take the account's unused code of
	 * digest hash at now_ms, in one statement (*used false when there is none: wrong,
	 * or used already). recovery_left: how many of the account's codes are unused (0
	 * without a factor). */
	int (*recovery_put)(struct store *s, int64_t account, const char *const *hashes, size_t n, struct strbuf *err);
	int (*recovery_use)(struct store *s, int64_t account, const char *hash, int64_t now_ms, bool *used,
			    struct strbuf *err);
	int (*recovery_left)(struct store *s, int64_t account, int *left, struct strbuf *err);

	/* The trainer's dashboard, called on the trainer's handle (store_bind(db, trainer)):
	 * each client linked to the handle's person now (an ended link is gone), by id, with
	 * the facts of struct dash_client; from is the first day (YYYY-MM-DD) and from_ms
	 * the first instant of the window. A fixed number of statements whatever the
	 * number of clients. The app layer (app/dashboard.c) checks that the person is a
	 * trainer; on PostgreSQL row-level security lets a trainer read only the records of
	 * their linked clients, so the op works as that trainer. Free with store_dash_free. */
	int (*dashboard_facts)(struct store *s, const char *from, int64_t from_ms, const int64_t *only, size_t n_only,
			       struct dash_client **rows, size_t *n, struct strbuf *err);
	/* The dashboard's kept results (app/dash-kept.c), on the trainer's handle as
	 * dashboard_facts. dash_kept_get: each client linked to the handle's person now
	 * (enabled accounts, by id) with their login and name, the version of their records
	 * (which the store moves in the same transaction as every write of a record the
	 * dashboard reads, whoever writes it) and the text kept for them under key when it
	 * was kept at that version (else NULL). dash_kept_put: keep each row's text under
	 * key at its version, in place of what was kept for that client; a client no longer
	 * linked is passed over. What is kept goes with the link. PostgreSQL sends the put
	 * on a second connection and does not wait for it (what is kept is only a
	 * shortcut: a failure there is not told); a dash_kept_get through the same
	 * database takes it first. */
	int (*dash_kept_get)(struct store *s, const char *key, struct dash_kept **rows, size_t *n, struct strbuf *err);
	int (*dash_kept_put)(struct store *s, const char *key, const struct dash_kept *rows, size_t n,
			     struct strbuf *err);

	/* Whether trainer is an enabled trainer's account linked to client (the terms of a
	 * trainer's reads, store_bind_as; the same as PostgreSQL's unhunch_trains). */
	int (*trains)(struct store *s, int64_t trainer, int64_t client, bool *yes, struct strbuf *err);
	/* The audit log (app/audit.c). audit_add: one row for each of the n subjects (one
	 * statement, for a page of many clients), the handle's person the actor, with
	 * row's actor_name, what and at_ms (its id and subject ignored). audit_list: the
	 * rows whose subject is the handle's person, newest first, at most limit (0: all);
	 * free with store_audit_free. */
	int (*audit_add)(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n,
			 struct strbuf *err);
	/* audit_add in two halves, for a read that goes on while its rows are written:
	 * audit_send starts the write (PostgreSQL: on a second connection, so the server
	 * does both at once; SQLite: the whole write) and audit_wait says whether it was
	 * done. In between, one send at a time and nothing but reads on this database;
	 * what was read may be used only when audit_wait gives 0. */
	int (*audit_send)(struct store *s, const struct audit_row *row, const int64_t *subjects, size_t n,
			  struct strbuf *err);
	int (*audit_wait)(struct store *s, struct strbuf *err);
	int (*audit_list)(struct store *s, size_t limit, struct audit_row **rows, size_t *n, struct strbuf *err);
};

/* An open database; each backend's own struct begins with it. */
struct store_db {
	const struct store_ops *ops;
};

/* A handle bound to one person: made only by store_bind() and store_open(). */
struct store {
	const struct store_ops *ops; /* db->ops */
	struct store_db *db;
	int64_t person;              /* whose rows every operation reads and writes (> 0), or
				      * STORE_NO_ONE: none (every record operation fails) */
	bool owns_db;                /* store_close() closes db too (store_open) */
	bool grouped;                /* a group commit's batch is open on it (app/group.c): a use
				      * case's own batch becomes a part of it (app_write_begin) */
	int64_t acting;              /* store_bind_as: who reads person's rows (a trainer); on
				      * PostgreSQL the person row-level security acts as. 0: person */
	bool read_only;              /* store_bind_as: every write of ops is refused */
};

extern const struct store_ops store_sqlite;
/* PostgreSQL (pg*.c, its own schema versions), in the programs linked with the
 * unhunch_pg objects. The light unhunch command is built without libpq and its 29
 * libraries (it hands a PostgreSQL store to unhunch-full, cli/helper.c): there this
 * weak symbol's address is NULL. */
extern const struct store_ops store_pg __attribute__((weak));

/* Whether location names a PostgreSQL database (a postgres URL or a libpq key=value
 * string), whether or not this program can open one. */
bool store_is_pg(const char *location);

/* Open the database at location: "sqlite:PATH" or a plain path (SQLite), or another
 * scheme of the table in store.c. flags: STORE_READ_ONLY. */
int store_db_open(struct store_db **out, const char *location, unsigned flags, struct strbuf *err);
void store_db_close(struct store_db *db);
/* For tests: make location a database of an older schema version (ops->make_old of
 * the location's backend); store_db_open() then upgrades it. */
int store_make_old(const char *location, int version, struct strbuf *err);
/* A handle on db for person (> 0). db must outlive it. */
int store_bind(struct store **out, struct store_db *db, int64_t person, struct strbuf *err);
/* A handle on db that acts as no one (STORE_NO_ONE), for a server's steps before a
 * person is known: the account and login operations (on PostgreSQL only through the
 * narrow functions of schema 12: a session by its id's hash, an account by its exact
 * login name, an invitation by its token's hash, the throttle's counts); every
 * operation on a person's records fails, on both backends. */
int store_bind_no_one(struct store **out, struct store_db *db, struct strbuf *err);

/* A read-only handle on client's rows, acting as trainer (a trainer's view of a client,
 * app/acting.c): its reads return client's rows; every write (and the reads of what a
 * trainer does not see: desk breaks, the session lock, the web player's bookkeeping,
 * accounts, logins, the audit log) is refused with a clear error, on every backend
 * (store-acting.c). Refused too, before any read, unless trainer is an enabled
 * trainer linked to client (ops->trains). On PostgreSQL each transaction then runs as
 * trainer, so the row-level policies let it read the linked kinds of records only,
 * and nothing once the link ends. Close with store_close. */
int store_bind_as(struct store **out, struct store_db *db, int64_t client, int64_t trainer, struct strbuf *err);
/* Whether s is such a handle. */
bool store_is_acting(const struct store *s);

/* Open location and bind it to STORE_LOCAL_PERSON, for a program of one person; the
 * second for commands that only read (STORE_READ_ONLY), whose handle is used by one
 * thread only (SQLite takes no lock around each call on it). */
int store_open(struct store **out, const char *location, struct strbuf *err);
/* store_open with flags of open (STORE_CHECKPOINT_APART, ...). */
int store_open_flags(struct store **out, const char *location, unsigned flags, struct strbuf *err);
int store_open_readonly(struct store **out, const char *location, struct strbuf *err);
/* Free the handle (and its database when store_open made it). NULL is fine. */
void store_close(struct store *s);

void session_row_release(struct session_row *r);
void idem_row_release(struct idem_row *r);
void store_sets_free(struct set_row *rows, size_t n);
void store_exercises_free(struct exercise_row *rows, size_t n);
void store_pains_free(struct pain_row *rows, size_t n);
void store_sessions_free(struct session_row *rows, size_t n);
void store_checkins_free(struct checkin *rows, size_t n);
void screening_row_release(struct screening_row *r);
void store_clearances_free(struct clearance_row *rows, size_t n);
void store_psfs_activities_free(struct psfs_activity *rows, size_t n);
/* Release each assessment's answers and factors (sqlite-plan.c), then free(rows). */
void assessment_row_release(struct assessment_row *r);
void store_assessments_free(struct assessment_row *rows, size_t n);
void store_feedback_free(struct feedback_row *rows, size_t n);
void store_breaks_free(struct break_row *rows, size_t n);
void store_plan_changes_free(struct plan_change_row *rows, size_t n);
void store_prescriptions_free(struct prescription_row *rows, size_t n);
void store_appointments_free(struct appointment_row *rows, size_t n);
void account_row_release(struct account_row *r);
void store_accounts_free(struct account_row *rows, size_t n);
void invite_row_release(struct invite_row *r);
void login_row_release(struct login_row *r);
void store_audit_free(struct audit_row *rows, size_t n);
void store_dash_free(struct dash_client *rows, size_t n);
void store_dash_kept_free(struct dash_kept *rows, size_t n);
/* For the backends: the client of id in rows (by id, as dashboard_facts orders them), or NULL. */
struct dash_client *store_dash_find(struct dash_client *rows, size_t n, int64_t id);
/* For the backends: ids[0..n-1] as one parameter, between brackets ("{}": a
 * PostgreSQL array; "[]": a JSON array for SQLite's json_each), appended to b. */
void store_ids_text(struct strbuf *b, const int64_t *ids, size_t n, const char *brackets);

#endif
