/* sqlite.c: the SQLite backend of the store. One database file in WAL mode with
 * synchronous=FULL, so a committed step survives a crash or power loss (all but the
 * dashboard's kept lines, made again when lost: sq_light_begin); the schema
 * version lives in PRAGMA user_version and grows through the migrations[] table.
 *
 * An existing file is checked before anything could write to it (its header and size,
 * then PRAGMA quick_check, its owner and its schema version), so a file that is not an
 * unhunch database, is damaged, or is newer than this program is refused and left
 * byte for byte as it was (an opening for reading only skips quick_check, which reads
 * every page: it cannot write, and a read that meets damage fails as damaged). Every
 * write is a single statement, hence one transaction. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "store/valid.h"
#include "core/utf8.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define APP_ID 1970169973 /* PRAGMA application_id of unhunch databases: "unhu" */
#define BUSY_TIMEOUT_MS 5000
#define BUSY_NAP_US 200 /* a write here takes about a millisecond: wait in short naps */
#define N_SESSION_STATUS 4
#define N_EXERCISE_STATUS 3


/* migrations[v] takes a database from version v-1 to v; each runs in one transaction
 * that also sets user_version. Never edit a released step: add a new one. */
/* Triggers that move a person's records version (schema 19) on every write of table t. */
#define MOVES(t) \
	"CREATE TRIGGER " t "_moves_add AFTER INSERT ON " t " BEGIN" \
	" UPDATE accounts SET records_version = records_version + 1 WHERE id = NEW.person_id; END;" \
	"CREATE TRIGGER " t "_moves_drop AFTER DELETE ON " t " BEGIN" \
	" UPDATE accounts SET records_version = records_version + 1 WHERE id = OLD.person_id; END;" \
	"CREATE TRIGGER " t "_moves_change AFTER UPDATE ON " t " BEGIN" \
	" UPDATE accounts SET records_version = records_version + 1 WHERE id IN (OLD.person_id, NEW.person_id); END;"

static const char *const migrations[] = {
	NULL, /* version 0: an empty file */
	/* 1 */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE sessions("
	" id INTEGER PRIMARY KEY,"
	" routine_id TEXT NOT NULL,"
	" started_ms INTEGER NOT NULL,"
	" ended_ms INTEGER,"
	" status TEXT NOT NULL CHECK(status IN ('running','finished','quit','stopped')),"
	" pain_before INTEGER NOT NULL DEFAULT -1 CHECK(pain_before BETWEEN -1 AND 10),"
	" pain_after INTEGER NOT NULL DEFAULT -1 CHECK(pain_after BETWEEN -1 AND 10),"
	" pacing TEXT NOT NULL);"
	"CREATE INDEX sessions_status ON sessions(status, started_ms);"
	/* The UNIQUE keys below start with session_id, so their indexes serve the
	 * per-session look-ups of sets and exercises; pains needs its own. */
	"CREATE TABLE sets("
	" id INTEGER PRIMARY KEY,"
	" session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
	" item INTEGER NOT NULL CHECK(item >= 0),"
	" exercise_id TEXT NOT NULL,"
	" set_no INTEGER NOT NULL CHECK(set_no >= 1),"
	" side TEXT NOT NULL DEFAULT '',"
	" reps_target INTEGER NOT NULL CHECK(reps_target >= 0),"
	" reps_done INTEGER NOT NULL CHECK(reps_done >= 0),"
	" duration_ms INTEGER NOT NULL CHECK(duration_ms >= 0),"
	" at_ms INTEGER NOT NULL,"
	" UNIQUE(session_id, item, exercise_id, set_no, side));"
	"CREATE TABLE exercises("
	" id INTEGER PRIMARY KEY,"
	" session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
	" item INTEGER NOT NULL CHECK(item >= 0),"
	" exercise_id TEXT NOT NULL,"
	" status TEXT NOT NULL CHECK(status IN ('done','skipped','stopped')),"
	" reps_done INTEGER NOT NULL CHECK(reps_done >= 0),"
	" duration_ms INTEGER NOT NULL CHECK(duration_ms >= 0),"
	" at_ms INTEGER NOT NULL,"
	" UNIQUE(session_id, item, exercise_id));"
	"CREATE TABLE pains("
	" id INTEGER PRIMARY KEY,"
	" session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
	" item INTEGER NOT NULL CHECK(item >= -1),"
	" exercise_id TEXT NOT NULL DEFAULT '',"
	" score INTEGER NOT NULL CHECK(score BETWEEN -1 AND 10),"
	" action TEXT NOT NULL DEFAULT '',"
	" at_ms INTEGER NOT NULL);"
	"CREATE INDEX pains_session ON pains(session_id);",
	/* 2: check-ins, screenings and clearances, the functional scale */
	"CREATE TABLE checkins("
	" id INTEGER PRIMARY KEY,"
	" date TEXT NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	" at_ms INTEGER NOT NULL,"
	" pain INTEGER CHECK(pain BETWEEN 0 AND 10),"
	" headache INTEGER CHECK(headache BETWEEN 0 AND 10),"
	" stiffness INTEGER CHECK(stiffness BETWEEN 0 AND 10),"
	" stress INTEGER CHECK(stress BETWEEN 0 AND 10),"
	" sleep INTEGER CHECK(sleep BETWEEN 0 AND 10),"
	" desk_hours REAL CHECK(desk_hours BETWEEN 0 AND 24),"
	" massage INTEGER CHECK(massage IN (0, 1)),"
	" note TEXT);"
	"CREATE INDEX checkins_date ON checkins(date, at_ms);"
	"CREATE TABLE checkin_regions("
	" checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,"
	" region TEXT NOT NULL CHECK(region IN ('neck','between-shoulder-blades','upper-back',"
	"  'left-shoulder','right-shoulder','chest')),"
	" score INTEGER NOT NULL CHECK(score BETWEEN 0 AND 10),"
	" PRIMARY KEY(checkin_id, region));"
	"CREATE TABLE screenings("
	" id INTEGER PRIMARY KEY,"
	" at_ms INTEGER NOT NULL,"
	" level INTEGER NOT NULL CHECK(level BETWEEN 0 AND 4),"
	" neck_clear INTEGER NOT NULL CHECK(neck_clear IN (0, 1)));"
	"CREATE TABLE screening_answers("
	" screening_id INTEGER NOT NULL REFERENCES screenings(id) ON DELETE CASCADE,"
	" question_id TEXT NOT NULL,"
	" yes INTEGER NOT NULL CHECK(yes IN (0, 1)),"
	" level INTEGER NOT NULL CHECK(level BETWEEN 0 AND 4),"
	" PRIMARY KEY(screening_id, question_id));"
	"CREATE TABLE clearances("
	" id INTEGER PRIMARY KEY,"
	" at_ms INTEGER NOT NULL,"
	" date TEXT NOT NULL,"
	" note TEXT NOT NULL,"
	" screening_id INTEGER NOT NULL REFERENCES screenings(id) ON DELETE CASCADE);"
	"CREATE TABLE psfs_activities("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" added_ms INTEGER NOT NULL);"
	"CREATE TABLE psfs_ratings("
	" activity_id INTEGER NOT NULL REFERENCES psfs_activities(id) ON DELETE CASCADE,"
	" date TEXT NOT NULL,"
	" score INTEGER NOT NULL CHECK(score BETWEEN 0 AND 10),"
	" PRIMARY KEY(activity_id, date));",
	/* 3: the plan: assessments, exercise feedback, dose decisions */
	"CREATE TABLE assessments("
	" id INTEGER PRIMARY KEY,"
	" date TEXT NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	" at_ms INTEGER NOT NULL);"
	"CREATE TABLE assessment_answers("
	" assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	" question TEXT NOT NULL,"
	" value REAL NOT NULL,"
	" PRIMARY KEY(assessment_id, question));"
	"CREATE TABLE assessment_factors("
	" assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	" factor TEXT NOT NULL,"
	" strength INTEGER NOT NULL CHECK(strength BETWEEN 0 AND 3),"
	" reason TEXT NOT NULL,"
	" PRIMARY KEY(assessment_id, factor));"
	"CREATE TABLE exercise_feedback("
	" id INTEGER PRIMARY KEY,"
	" date TEXT NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	" at_ms INTEGER NOT NULL,"
	" session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,"
	" routine_id TEXT NOT NULL,"
	" exercise_id TEXT NOT NULL,"
	" feeling TEXT NOT NULL CHECK(feeling IN ('easy','right','hard','hurt')),"
	" pain_during INTEGER NOT NULL DEFAULT -1 CHECK(pain_during BETWEEN -1 AND 10),"
	" warning INTEGER NOT NULL DEFAULT 0 CHECK(warning IN (0, 1)));"
	"CREATE INDEX exercise_feedback_session ON exercise_feedback(session_id);"
	"CREATE TABLE plan_changes("
	" id INTEGER PRIMARY KEY,"
	" date TEXT NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	" at_ms INTEGER NOT NULL,"
	" feedback_id INTEGER UNIQUE REFERENCES exercise_feedback(id) ON DELETE CASCADE,"
	" routine_id TEXT NOT NULL,"
	" slot TEXT NOT NULL,"
	" action TEXT NOT NULL CHECK(action IN ('hold','progress','regress','pause','resume')),"
	" rule TEXT NOT NULL DEFAULT '',"
	" from_exercise TEXT NOT NULL,"
	" to_exercise TEXT NOT NULL,"
	" from_reps INTEGER NOT NULL CHECK(from_reps >= 0),"
	" to_reps INTEGER NOT NULL CHECK(to_reps >= 0),"
	" from_duration_s INTEGER NOT NULL CHECK(from_duration_s >= 0),"
	" to_duration_s INTEGER NOT NULL CHECK(to_duration_s >= 0),"
	" paused INTEGER NOT NULL CHECK(paused IN (0, 1)),"
	" reason TEXT NOT NULL);",
	/* 4: the break coach's log of reminders */
	"CREATE TABLE break_events("
	" id INTEGER PRIMARY KEY,"
	" at_ms INTEGER NOT NULL,"
	" kind TEXT NOT NULL CHECK(kind IN ('micro','move')),"
	" event TEXT NOT NULL CHECK(event IN ('shown','taken','postponed','skipped','natural')),"
	" exercise_id TEXT NOT NULL DEFAULT '',"
	" detail TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX break_events_at ON break_events(at_ms);",
	/* 5: one session at a time (the holder's id; liveness is the caller's to judge);
	 * text that is not UTF-8 is repaired by repair_text below */
	"CREATE TABLE session_lock("
	" id INTEGER PRIMARY KEY CHECK(id = 1),"
	" holder TEXT NOT NULL,"
	" at_ms INTEGER NOT NULL);",
	/* 6: what a screening answer meant when given: whether a yes locks head-over-the-edge
	 * work, and whether it is a once-ever fact (older answers: only a warning sign is
	 * known to lock; the rest is read from the content) */
	"ALTER TABLE screening_answers ADD COLUMN locks_neck INTEGER NOT NULL DEFAULT 0 CHECK(locks_neck IN (0, 1));"
	"ALTER TABLE screening_answers ADD COLUMN fact INTEGER NOT NULL DEFAULT 0 CHECK(fact IN (0, 1));"
	"UPDATE screening_answers SET locks_neck = 1 WHERE question_id = 'warning-during-exercise';",
	/* 7: every row names its person, so one file may hold many people's data (the rows
	 * of a local store are person 1's, STORE_LOCAL_PERSON). Every statement binds the
	 * handle's person. A functional-scale name and the session lock become per person:
	 * those small tables are made anew (foreign keys are off during migrations), the
	 * ratings after their activities so that the tables stay in parent-first order
	 * (a staged batch copies them in that order, sqlite-health.c). */
	"ALTER TABLE sessions ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE sets ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE exercises ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE pains ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE checkins ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE checkin_regions ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE screenings ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE screening_answers ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE clearances ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE assessments ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE assessment_answers ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE assessment_factors ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE exercise_feedback ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE plan_changes ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"ALTER TABLE break_events ADD COLUMN person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0);"
	"CREATE TABLE new_psfs_activities("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" added_ms INTEGER NOT NULL,"
	" person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0),"
	" UNIQUE(person_id, name));"
	"INSERT INTO new_psfs_activities(id, name, added_ms) SELECT id, name, added_ms FROM psfs_activities;"
	"DROP TABLE psfs_activities;"
	"ALTER TABLE new_psfs_activities RENAME TO psfs_activities;"
	"CREATE TABLE new_psfs_ratings("
	" activity_id INTEGER NOT NULL REFERENCES psfs_activities(id) ON DELETE CASCADE,"
	" date TEXT NOT NULL,"
	" score INTEGER NOT NULL CHECK(score BETWEEN 0 AND 10),"
	" person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0),"
	" PRIMARY KEY(activity_id, date));"
	"INSERT INTO new_psfs_ratings(activity_id, date, score) SELECT activity_id, date, score FROM psfs_ratings;"
	"DROP TABLE psfs_ratings;"
	"ALTER TABLE new_psfs_ratings RENAME TO psfs_ratings;"
	"CREATE TABLE new_session_lock("
	" person_id INTEGER PRIMARY KEY CHECK(person_id > 0),"
	" holder TEXT NOT NULL,"
	" at_ms INTEGER NOT NULL);"
	"INSERT INTO new_session_lock SELECT 1, holder, at_ms FROM session_lock;"
	"DROP TABLE session_lock;"
	"ALTER TABLE new_session_lock RENAME TO session_lock;"
	"CREATE INDEX sessions_person ON sessions(person_id, started_ms);"
	"CREATE INDEX checkins_person ON checkins(person_id, date, at_ms);"
	"CREATE INDEX screenings_person ON screenings(person_id, at_ms);"
	"CREATE INDEX break_events_person ON break_events(person_id, at_ms);",
	/* 8: the web player's uploads: each idempotency key kept once with its first
	 * answer, the pass each uploaded session ran under; and a session's exercises
	 * counted by status from an index */
	"CREATE TABLE web_sessions("
	" session_id INTEGER NOT NULL UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,"
	" web_id TEXT NOT NULL CHECK(length(web_id) BETWEEN 8 AND 64),"
	" pass_id TEXT NOT NULL CHECK(length(pass_id) BETWEEN 8 AND 64),"
	" person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0),"
	" UNIQUE(person_id, web_id));"
	"CREATE TABLE idempotency_keys("
	" key TEXT NOT NULL CHECK(length(key) BETWEEN 1 AND 100),"
	" request_hash TEXT NOT NULL,"
	" status INTEGER NOT NULL CHECK(status BETWEEN 100 AND 599),"
	" answer TEXT NOT NULL,"
	" at_ms INTEGER NOT NULL,"
	" person_id INTEGER NOT NULL DEFAULT 1 CHECK(person_id > 0),"
	" PRIMARY KEY(person_id, key));"
	"CREATE INDEX exercises_session_status ON exercises(session_id, status);",
	/* 9: clinic accounts (their ids are person ids, from 2: person 1 is the terminal's
	 * own), trainers' clients, and single-use invitations kept by a hash of their token */
	"CREATE TABLE accounts("
	" id INTEGER PRIMARY KEY AUTOINCREMENT CHECK(id > 1),"
	" role TEXT NOT NULL CHECK(role IN ('admin','trainer','client')),"
	" login TEXT NOT NULL UNIQUE CHECK(length(CAST(login AS BLOB)) BETWEEN 1 AND 64),"
	" display_name TEXT NOT NULL CHECK(length(CAST(display_name AS BLOB)) BETWEEN 1 AND 200),"
	" password_hash TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL,"
	" disabled_ms INTEGER NOT NULL DEFAULT 0 CHECK(disabled_ms >= 0));"
	"INSERT INTO sqlite_sequence(name, seq) VALUES ('accounts', 1);"
	"CREATE TABLE trainer_clients("
	" trainer_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" client_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" since_ms INTEGER NOT NULL,"
	" PRIMARY KEY(trainer_id, client_id));"
	"CREATE INDEX trainer_clients_client ON trainer_clients(client_id);"
	"CREATE TABLE invites("
	" id INTEGER PRIMARY KEY,"
	" trainer_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" token_hash TEXT NOT NULL UNIQUE,"
	" display_name TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL,"
	" expires_ms INTEGER NOT NULL CHECK(expires_ms > created_ms),"
	" used_ms INTEGER,"
	" client_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL);"
	"CREATE INDEX invites_trainer ON invites(trainer_id);",
	/* 10: login sessions, kept by a hash of their id, and failed logins counted by
	 * account and by address for the throttle (app/login.c) */
	"CREATE TABLE logins("
	" id_hash TEXT PRIMARY KEY CHECK(length(id_hash) BETWEEN 16 AND 128),"
	" account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" created_ms INTEGER NOT NULL,"
	" seen_ms INTEGER NOT NULL CHECK(seen_ms >= created_ms)) WITHOUT ROWID;"
	"CREATE INDEX logins_account ON logins(account_id);"
	"CREATE TABLE login_failures("
	" key TEXT PRIMARY KEY CHECK(length(CAST(key AS BLOB)) BETWEEN 1 AND 200),"
	" failures INTEGER NOT NULL CHECK(failures > 0),"
	" last_ms INTEGER NOT NULL) WITHOUT ROWID;",
	/* 11: trainers' prescriptions, one row per version, the client's records */
	"CREATE TABLE prescriptions("
	" id INTEGER PRIMARY KEY,"
	" person_id INTEGER NOT NULL CHECK(person_id > 0),"
	" date TEXT NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	" at_ms INTEGER NOT NULL,"
	" trainer_id INTEGER NOT NULL CHECK(trainer_id > 0),"
	" routine_id TEXT NOT NULL,"
	" slot TEXT NOT NULL,"
	" exercise_id TEXT NOT NULL,"
	" reps INTEGER NOT NULL CHECK(reps BETWEEN 0 AND 1000),"
	" sets INTEGER NOT NULL CHECK(sets BETWEEN 0 AND 100),"
	" hold_s INTEGER NOT NULL CHECK(hold_s BETWEEN 0 AND 3600),"
	" duration_s INTEGER NOT NULL CHECK(duration_s BETWEEN 0 AND 86400),"
	" note TEXT NOT NULL,"
	" warnings TEXT NOT NULL);"
	"CREATE INDEX prescriptions_person ON prescriptions(person_id, at_ms);",
	/* 12: the trainer's dashboard reads every client's latest assessment, their recent
	 * feedback and whether a screening was cleared: indexes for each */
	"CREATE INDEX assessments_person ON assessments(person_id, id);"
	"CREATE INDEX exercise_feedback_person ON exercise_feedback(person_id, date);"
	"CREATE INDEX clearances_screening ON clearances(screening_id);",
	/* 13: the audit log (app/audit.c): who read or changed whose records, when; the
	 * rows go with the subject's account */
	"CREATE TABLE audit("
	" id INTEGER PRIMARY KEY,"
	" actor_id INTEGER NOT NULL CHECK(actor_id > 0),"
	" actor_name TEXT NOT NULL CHECK(length(CAST(actor_name AS BLOB)) BETWEEN 1 AND 200),"
	" subject_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" what TEXT NOT NULL CHECK(length(CAST(what AS BLOB)) BETWEEN 1 AND 200),"
	" at_ms INTEGER NOT NULL,"
	" CHECK(actor_id <> subject_id));"
	"CREATE INDEX audit_subject ON audit(subject_id, at_ms);",
	/* 14: trainers' appointments with their clients (a massage or a training, the
	 * areas worked), the client's records (sqlite-appt.c) */
	"CREATE TABLE appointments("
	" id INTEGER PRIMARY KEY,"
	" person_id INTEGER NOT NULL CHECK(person_id > 0),"
	" date TEXT NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	" at_ms INTEGER NOT NULL,"
	" trainer_id INTEGER NOT NULL CHECK(trainer_id >= 0),"
	" trainer_name TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK(kind IN ('massage','training')),"
	" areas TEXT NOT NULL,"
	" note TEXT NOT NULL);"
	"CREATE INDEX appointments_person ON appointments(person_id, date);",
	/* 15: the second factor (TOTP, app/totp.c): an account's secret, whether its first
	 * code came, the time step of the last code taken (a code counts once); and a
	 * login session that still waits for the code (sqlite-totp.c, sqlite-logins.c) */
	"CREATE TABLE account_totp("
	" account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,"
	" secret TEXT NOT NULL CHECK(length(secret) BETWEEN 20 AND 128),"
	" confirmed_ms INTEGER NOT NULL DEFAULT 0 CHECK(confirmed_ms >= 0),"
	" last_step INTEGER NOT NULL DEFAULT 0 CHECK(last_step >= 0));"
	"ALTER TABLE logins ADD COLUMN code_due INTEGER NOT NULL DEFAULT 0 CHECK(code_due IN (0, 1));",
	/* 16: a prescription may add an
	 * exercise as a new step of a routine, at a place (store.h, prescription_row) */
	"ALTER TABLE prescriptions ADD COLUMN place TEXT NOT NULL DEFAULT ''"
	" CHECK(length(CAST(place AS BLOB)) <= 100);",
	/* 17: a second factor's recovery
	 * codes as digests, each good once, gone with the factor (sqlite-totp.c) */
	"CREATE TABLE recovery_codes("
	" account_id INTEGER NOT NULL REFERENCES account_totp(account_id) ON DELETE CASCADE,"
	" code_hash TEXT NOT NULL CHECK(length(code_hash) = 64),"
	" used_ms INTEGER NOT NULL DEFAULT 0 CHECK(used_ms >= 0),"
	" PRIMARY KEY(account_id, code_hash));",
	/* 18: what the today screen, progress
	 * and the report read of every check-in and every session kept on its own row, so
	 * that years of them read as one table each (bench/startup, bench/scale): a
	 * check-in's places packed (SQ_REGION_SHIFT), a session's exercises done and
	 * skipped and its pain reports counted. Triggers keep them in the same transaction
	 * as the rows they sum, whoever writes those (a staged batch copies parents first,
	 * so its children's triggers find them). */
	"ALTER TABLE checkins ADD COLUMN regions INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN n_done INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN n_skipped INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN n_pains INTEGER NOT NULL DEFAULT 0;"
	"UPDATE checkins SET regions = coalesce((SELECT sum((r.score + 1) << " SQ_REGION_SHIFT("r.region") ")"
	" FROM checkin_regions r WHERE r.checkin_id = checkins.id), 0);"
	"UPDATE sessions SET"
	" n_done = (SELECT count(*) FROM exercises e WHERE e.session_id = sessions.id AND e.status = 'done'),"
	" n_skipped = (SELECT count(*) FROM exercises e WHERE e.session_id = sessions.id AND e.status = 'skipped'),"
	" n_pains = (SELECT count(*) FROM pains p WHERE p.session_id = sessions.id);"
	"CREATE TRIGGER checkin_regions_add AFTER INSERT ON checkin_regions BEGIN"
	" UPDATE checkins SET regions = regions + ((NEW.score + 1) << " SQ_REGION_SHIFT("NEW.region") ")"
	" WHERE id = NEW.checkin_id; END;"
	"CREATE TRIGGER checkin_regions_drop AFTER DELETE ON checkin_regions BEGIN"
	" UPDATE checkins SET regions = regions - ((OLD.score + 1) << " SQ_REGION_SHIFT("OLD.region") ")"
	" WHERE id = OLD.checkin_id; END;"
	"CREATE TRIGGER checkin_regions_change AFTER UPDATE OF checkin_id, region, score ON checkin_regions BEGIN"
	" UPDATE checkins SET regions = regions - ((OLD.score + 1) << " SQ_REGION_SHIFT("OLD.region") ")"
	" WHERE id = OLD.checkin_id;"
	" UPDATE checkins SET regions = regions + ((NEW.score + 1) << " SQ_REGION_SHIFT("NEW.region") ")"
	" WHERE id = NEW.checkin_id; END;"
	"CREATE TRIGGER exercises_add AFTER INSERT ON exercises BEGIN"
	" UPDATE sessions SET n_done = n_done + (NEW.status = 'done'), n_skipped = n_skipped + (NEW.status = 'skipped')"
	" WHERE id = NEW.session_id; END;"
	"CREATE TRIGGER exercises_drop AFTER DELETE ON exercises BEGIN"
	" UPDATE sessions SET n_done = n_done - (OLD.status = 'done'), n_skipped = n_skipped - (OLD.status = 'skipped')"
	" WHERE id = OLD.session_id; END;"
	"CREATE TRIGGER exercises_change AFTER UPDATE OF session_id, status ON exercises BEGIN"
	" UPDATE sessions SET n_done = n_done - (OLD.status = 'done'), n_skipped = n_skipped - (OLD.status = 'skipped')"
	" WHERE id = OLD.session_id;"
	" UPDATE sessions SET n_done = n_done + (NEW.status = 'done'), n_skipped = n_skipped + (NEW.status = 'skipped')"
	" WHERE id = NEW.session_id; END;"
	"CREATE TRIGGER pains_add AFTER INSERT ON pains BEGIN"
	" UPDATE sessions SET n_pains = n_pains + 1 WHERE id = NEW.session_id; END;"
	"CREATE TRIGGER pains_drop AFTER DELETE ON pains BEGIN"
	" UPDATE sessions SET n_pains = n_pains - 1 WHERE id = OLD.session_id; END;"
	"CREATE TRIGGER pains_change AFTER UPDATE OF session_id ON pains BEGIN"
	" UPDATE sessions SET n_pains = n_pains - 1 WHERE id = OLD.session_id;"
	" UPDATE sessions SET n_pains = n_pains + 1 WHERE id = NEW.session_id; END;",
	/* 19: the trainer's dashboard keeps each client's result (app/dash-kept.c) with
	 * the version of the client's records it was made from: a number on the client's
	 * account that triggers move in the same transaction as every write of a record the
	 * dashboard reads, whoever writes it. What is kept goes with the link. */
	"ALTER TABLE accounts ADD COLUMN records_version INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE dash_kept("
	" trainer_id INTEGER NOT NULL,"
	" client_id INTEGER NOT NULL,"
	" key TEXT NOT NULL CHECK(length(key) BETWEEN 1 AND 100),"
	" version INTEGER NOT NULL,"
	" kept TEXT NOT NULL CHECK(length(kept) <= 65536),"
	" PRIMARY KEY(trainer_id, client_id),"
	" FOREIGN KEY(trainer_id, client_id) REFERENCES trainer_clients(trainer_id, client_id) ON DELETE CASCADE);"
	MOVES("checkins") MOVES("checkin_regions") MOVES("sessions") MOVES("exercises") MOVES("pains")
	MOVES("exercise_feedback") MOVES("screenings") MOVES("screening_answers") MOVES("clearances")
	MOVES("assessments") MOVES("assessment_answers"),
};
_Static_assert(REG__COUNT == 6 && REG_NECK == 0 && REG_BETWEEN == 1 && REG_UPPER_BACK == 2 &&
		       REG_LEFT_SHOULDER == 3 && REG_RIGHT_SHOULDER == 4 && REG_CHEST == 5,
	       "SQ_REGION_SHIFT packs the places in the order of enum region");
_Static_assert(COUNT(migrations) == STORE_SCHEMA_VERSION + 1, "one migration per schema version");

/* Steps in C that run after a migration's SQL, in the same transaction. */
static int (*const migration_steps[])(struct sqlite_store *, struct strbuf *) = {
	[5] = sqlite_repair_text,
};

struct sqlite_store *sq(struct store *s)
{
	return (struct sqlite_store *)s->db;
}

int sq_owned(struct store *s, const char *table, const char *noun, int64_t id, const char *what, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE id = ? AND person_id = ?", table);
	struct param p[] = { PINT(id), PERSON(s) };
	int64_t n = 0;
	sqlite3_stmt *stmt = sq_prepare(st, sql, p, COUNT(p), what, err);
	sqlite3_free(sql);
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sq_finish(st, stmt);
	if (rc != SQLITE_ROW)
		return sq_fail(err, "%s: could not %s: %s", st->path, what, sqlite3_errmsg(st->db));
	if (!n)
		return sq_fail(err, "%s: could not %s: no such %s (%lld)", st->path, what, noun, (long long)id);
	return 0;
}

int sq_fail(struct strbuf *err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		strbuf_vaddf(err, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* "PATH: could not WHAT: SQLite's message", with a plainer word for the usual causes. */
int sq_db_fail(struct sqlite_store *st, const char *what, struct strbuf *err)
{
	int rc = sqlite3_extended_errcode(st->db);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return sq_fail(err, "%s: could not %s: no such session", st->path, what);
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
		return sq_fail(err, "%s: could not %s: the database is damaged (%s)", st->path, what,
			    sqlite3_errmsg(st->db));
	return sq_fail(err, "%s: could not %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

/* SQLite's own busy timeout naps 1, 2, 5, 10 ... 100 ms between tries, so under a
 * stream of check-ins a waiting writer slept far past the write it waited for (p99
 * 761 ms in bench/serve); short naps up to the same 5 s instead. */
static int busy_nap(void *arg, int tries)
{
	(void)arg;
	if ((long)tries * BUSY_NAP_US >= (long)BUSY_TIMEOUT_MS * 1000)
		return 0;
	struct timespec ts = { 0, BUSY_NAP_US * 1000L };
	nanosleep(&ts, NULL);
	return 1;
}

/* ---- statements with bound parameters ---- */


static int bind_all(sqlite3_stmt *stmt, const struct param *p, size_t n)
{
	int rc = SQLITE_OK;
	for (size_t k = 0; k < n && rc == SQLITE_OK; k++) {
		int col = (int)k + 1;
		if (p[k].kind == P_INT || p[k].kind == P_PERSON)
			rc = sqlite3_bind_int64(stmt, col, p[k].i);
		else if (p[k].kind == P_TEXT)
			rc = sqlite3_bind_text(stmt, col, p[k].s, -1, SQLITE_STATIC);
		else if (p[k].kind == P_REAL)
			rc = sqlite3_bind_double(stmt, col, p[k].d);
		else
			rc = sqlite3_bind_null(stmt, col);
	}
	return rc;
}

/* The statement cache: parsing SQL was a third of a check-in's time in the server
 * (perf, bench/serve), so each handle keeps its last SQ_CACHE_MAX statements, found by
 * their text, and reuses them while they are not in use. */
#define SQ_CACHE_MAX 64

struct sq_cached {
	uint64_t hash;
	char *sql;
	sqlite3_stmt *stmt;
	uint64_t used; /* st->tick when last handed out */
	bool busy;     /* handed out and not yet given back */
};

static uint64_t sql_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void sq_cache_flush(struct sqlite_store *st)
{
	for (size_t i = 0; i < st->n_cache; i++) {
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	free(st->cache);
	st->cache = NULL;
	st->n_cache = 0;
}

void sq_finish(struct sqlite_store *st, sqlite3_stmt *stmt)
{
	if (!stmt)
		return;
	for (size_t i = 0; i < st->n_cache; i++)
		if (st->cache[i].stmt == stmt) {
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt); /* text was bound without a copy */
			st->cache[i].busy = false;
			return;
		}
	sqlite3_finalize(stmt);
}

/* A cached statement for sql that is free, prepared now if need be (kept when there is
 * room or an idle one to evict); NULL when SQLite refuses it. */
static sqlite3_stmt *cached(struct sqlite_store *st, const char *sql)
{
	uint64_t h = sql_hash(sql);
	st->tick++;
	for (size_t i = 0; i < st->n_cache; i++) {
		struct sq_cached *c = &st->cache[i];
		if (c->hash == h && !c->busy && !strcmp(c->sql, sql)) {
			c->busy = true;
			c->used = st->tick;
			return c->stmt;
		}
	}
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
		sqlite3_finalize(stmt);
		return NULL;
	}
	struct sq_cached *slot = NULL;
	if (!st->cache)
		st->cache = xcalloc(SQ_CACHE_MAX, sizeof(*st->cache));
	if (st->n_cache < SQ_CACHE_MAX) {
		slot = &st->cache[st->n_cache++];
	} else {
		for (size_t i = 0; i < st->n_cache; i++)
			if (!st->cache[i].busy && (!slot || st->cache[i].used < slot->used))
				slot = &st->cache[i];
		if (!slot)
			return stmt; /* every kept one in use: this one is finalized after use */
		sqlite3_finalize(slot->stmt);
		free(slot->sql);
	}
	*slot = (struct sq_cached){ h, xstrdup(sql), stmt, st->tick, true };
	return stmt;
}

static int full_again(struct sqlite_store *st, const char *what, struct strbuf *err);

sqlite3_stmt *sq_prepare(struct sqlite_store *st, const char *sql, const struct param *p, size_t n,
			     const char *what, struct strbuf *err)
{
	/* text that is not UTF-8 would be stored but could never be exported (JSON is
	 * UTF-8): refuse it here, whatever front end it came from */
	for (size_t k = 0; k < n; k++) {
		if (p[k].kind == P_TEXT && !utf8_valid_str(p[k].s)) {
			sq_fail(err, "%s: could not %s: a text is not valid UTF-8", st->path, what);
			return NULL;
		}
		if (p[k].kind == P_PERSON && p[k].i <= 0) { /* the handle of no one has no records */
			sq_fail(err, "%s: could not %s: no one is acting, and no one has records", st->path, what);
			return NULL;
		}
	}
	if (st->light && full_again(st, what, err) < 0)
		return NULL;
	sqlite3_stmt *stmt = cached(st, sql);
	if (!stmt) {
		sq_db_fail(st, what, err);
		return NULL;
	}
	if (bind_all(stmt, p, n) != SQLITE_OK) {
		sq_db_fail(st, what, err);
		sq_finish(st, stmt);
		return NULL;
	}
	return stmt;
}

/* Run one write statement: a single statement is its own transaction. */
int sq_run(struct sqlite_store *st, const char *sql, const struct param *p, size_t n,
	       const char *what, struct strbuf *err)
{
	sqlite3_stmt *stmt = sq_prepare(st, sql, p, n, what, err);
	if (!stmt)
		return -1;
	int ret = 0;
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = sq_db_fail(st, what, err);
	sq_finish(st, stmt);
	return ret;
}

/* Run a query, calling row() for each result row; stops at the first row() failure. */
int sq_query(struct sqlite_store *st, const char *sql, const struct param *p, size_t n,
		 int (*row)(struct sqlite_store *, sqlite3_stmt *, void *, struct strbuf *), void *ctx,
		 const char *what, struct strbuf *err)
{
	sqlite3_stmt *stmt = sq_prepare(st, sql, p, n, what, err);
	if (!stmt)
		return -1;
	int ret = 0, rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (row(st, stmt, ctx, err) < 0) {
			ret = -1;
			break;
		}
	}
	if (!ret && rc != SQLITE_DONE)
		ret = sq_db_fail(st, what, err);
	sq_finish(st, stmt);
	return ret;
}

/* The one integer a PRAGMA returns. */
static int pragma_int(struct sqlite_store *st, const char *sql, int64_t *v, struct strbuf *err)
{
	sqlite3_stmt *stmt = sq_prepare(st, sql, NULL, 0, "read the database settings", err);
	if (!stmt)
		return -1;
	int ret = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*v = sqlite3_column_int64(stmt, 0);
	else
		ret = sq_db_fail(st, "read the database settings", err);
	sq_finish(st, stmt);
	return ret;
}

bool sq_light_begin(struct sqlite_store *st)
{
	return st->wal && !st->light && sqlite3_get_autocommit(st->db) &&
	       sqlite3_exec(st->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL) == SQLITE_OK;
}

/* synchronous=FULL again (sq_light_begin). */
static int full_again(struct sqlite_store *st, const char *what, struct strbuf *err)
{
	if (sqlite3_exec(st->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK) {
		st->light = true;
		return sq_db_fail(st, what, err);
	}
	st->light = false;
	return 0;
}

int sq_light_end(struct sqlite_store *st, bool began, struct strbuf *err)
{
	return began ? full_again(st, "make the next commits wait for the disk again", err) : 0;
}

/* Fixed SQL only (never built from user strings). */
int sq_exec(struct sqlite_store *st, const char *sql, const char *what, struct strbuf *err)
{
	if (st->light && full_again(st, what, err) < 0)
		return -1;
	static const char *const keep[] = { "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA" };
	bool schema = true; /* anything else may change the schema the kept statements were made for */
	for (size_t i = 0; i < sizeof(keep) / sizeof(*keep); i++)
		schema &= strncmp(sql, keep[i], strlen(keep[i])) != 0;
	if (schema)
		sq_cache_flush(st);
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sq_db_fail(st, what, err);
	return 0;
}

char *sq_col_str(sqlite3_stmt *stmt, int i)
{
	const unsigned char *t = sqlite3_column_text(stmt, i);
	return xstrdup(t ? (const char *)t : "");
}

static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

/* ---- opening ---- */

/* Create the missing folders of path's parent, each with mode 0700. */
static int make_parent(const char *path, struct strbuf *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int ret = 0;
	if (!slash || slash == dir)
		goto out;
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			ret = sq_fail(err, "%s: cannot create the folder %s: %s", path, dir, strerror(errno));
			goto out;
		}
		*p = c;
		if (!c)
			break;
	}
out:
	free(dir);
	return ret;
}

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static bool sidecar_exists(const char *path, const char *suffix)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s%s", path, suffix);
	struct stat st;
	bool yes = stat(sb.buf, &st) == 0;
	strbuf_release(&sb);
	return yes;
}

static int refuse_damaged(const char *path, const char *why, struct strbuf *err)
{
	return sq_fail(err, "%s: the database is damaged (%s); unhunch left it untouched. "
		    "Restore a backup, or move the file away to start a new one", path, why);
}

static int refuse_not_sqlite(const char *path, struct strbuf *err)
{
	return sq_fail(err, "%s: not a valid unhunch database (it is not an SQLite file); "
		    "unhunch left it untouched", path);
}

/* Judge an existing file from its first bytes and its size, before SQLite may write to
 * it. With a -wal or -journal beside it, the size is SQLite's recovery's business. */
static int check_header(const char *path, const unsigned char *h, size_t n, off_t size, struct strbuf *err)
{
	static const char magic[16] = "SQLite format 3"; /* with its NUL */
	if (size == 0)
		return 0; /* an empty file is an empty database */
	if (n < sizeof(magic) || memcmp(h, magic, sizeof(magic)))
		return refuse_not_sqlite(path, err);
	if (n < 100)
		return refuse_damaged(path, "the file is truncated", err);
	uint32_t page = (uint32_t)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || page > 65536 || (page & (page - 1)))
		return refuse_damaged(path, "bad page size in the header", err);
	if (sidecar_exists(path, "-wal") || sidecar_exists(path, "-journal"))
		return 0;
	if ((uint64_t)size % page)
		return refuse_damaged(path, "the file is truncated", err);
	uint32_t pages = be32(h + 28);
	if (pages && !memcmp(h + 24, h + 92, 4) && (uint64_t)pages * page > (uint64_t)size)
		return refuse_damaged(path, "the file is truncated", err);
	return 0;
}

/* Create path with mode 0600 when absent, or check the file that is there. */
/* The files this process has open read-write connections to, by device and inode, with
 * how many. Closing any descriptor of a file drops every POSIX lock the process holds
 * on it, SQLite's too: opening the file by hand while a connection of this process (a
 * server's other thread) is open would let a command in another process think it
 * closed the last connection and delete the -wal under the server, whose writes then
 * went to the deleted log until it stopped. So while one is open, a new open of the
 * same file is left to SQLite alone (which checks it too). */
#define OPEN_FILES_MAX 16
static struct open_file {
	dev_t dev;
	ino_t ino;
	int refs;
} open_files[OPEN_FILES_MAX];
static pthread_mutex_t open_files_lock = PTHREAD_MUTEX_INITIALIZER;

static bool is_open_here(const struct stat *sb)
{
	bool seen = false;
	pthread_mutex_lock(&open_files_lock);
	for (size_t i = 0; i < OPEN_FILES_MAX && !seen; i++)
		seen = open_files[i].refs > 0 && open_files[i].dev == sb->st_dev && open_files[i].ino == sb->st_ino;
	pthread_mutex_unlock(&open_files_lock);
	return seen;
}

/* Count st's connection (add 1) or its close (-1). */
static void count_open(struct sqlite_store *st, int add)
{
	pthread_mutex_lock(&open_files_lock);
	struct open_file *free_slot = NULL, *f = NULL;
	for (size_t i = 0; i < OPEN_FILES_MAX && !f; i++) {
		if (open_files[i].refs > 0 && open_files[i].dev == st->dev && open_files[i].ino == st->ino)
			f = &open_files[i];
		else if (!open_files[i].refs && !free_slot)
			free_slot = &open_files[i];
	}
	if (!f && add > 0 && free_slot) {
		f = free_slot;
		*f = (struct open_file){ st->dev, st->ino, 0 };
	}
	if (f) {
		f->refs += add;
		st->counted = add > 0;
	}
	pthread_mutex_unlock(&open_files_lock);
}

static int prepare_file(const char *path, struct strbuf *err)
{
	/* a FIFO or a device would block the open or hand SQLite a stream: refuse anything
	 * but a regular file before opening it (O_NONBLOCK closes the race) */
	struct stat pre;
	bool exists = stat(path, &pre) == 0;
	if (exists && !S_ISREG(pre.st_mode))
		return sq_fail(err, "%s: not a valid unhunch database (not a regular file); unhunch left it "
			       "untouched", path);
	if (exists && pre.st_size > 0 && is_open_here(&pre))
		return 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			close(fd);
			return 0;
		}
		if (errno == EEXIST) /* created meanwhile by another process: check it */
			fd = open(path, O_RDONLY | O_CLOEXEC);
		else
			return sq_fail(err, "%s: cannot create the database: %s", path, strerror(errno));
	}
	if (fd < 0)
		return sq_fail(err, "%s: cannot open the database: %s", path, strerror(errno));
	struct stat sb;
	unsigned char h[100];
	size_t n = 0;
	int ret = 0;
	if (fstat(fd, &sb) < 0) {
		ret = sq_fail(err, "%s: cannot open the database: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		ret = sq_fail(err, "%s: not a valid unhunch database (not a regular file); unhunch left it "
			      "untouched", path);
		goto out;
	}
	while (n < sizeof(h)) {
		ssize_t r = read(fd, h + n, sizeof(h) - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = sq_fail(err, "%s: cannot read the database: %s", path, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	ret = check_header(path, h, n, sb.st_size, err);
out:
	close(fd);
	return ret;
}

/* Add the lines of a quick_check answer to why, "; " between them, without the
 * "*** in database main ***" banners. */
static void add_problems(struct strbuf *why, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		if (n && strncmp(text, "***", 3)) {
			if (why->len)
				strbuf_addstr(why, "; ");
			strbuf_add(why, text, n);
		}
		text += n + (text[n] == '\n');
	}
}

/* PRAGMA quick_check, reporting damage in the user's words. */
static int check_healthy(struct sqlite_store *st, struct strbuf *err)
{
	sqlite3_stmt *stmt = NULL;
	struct strbuf why = STRBUF_INIT;
	int ret = 0, rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(3)", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			const char *text = (const char *)sqlite3_column_text(stmt, 0);
			if (!text || strcmp(text, "ok"))
				add_problems(&why, text ? text : "?");
		}
	}
	if (rc != SQLITE_DONE) {
		int prim = sqlite3_extended_errcode(st->db) & 0xff;
		if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
			add_problems(&why, sqlite3_errmsg(st->db));
		else
			ret = sq_db_fail(st, "read the database", err);
	}
	sqlite3_finalize(stmt);
	if (!ret && why.len)
		ret = refuse_damaged(st->path, why.buf, err);
	strbuf_release(&why);
	return ret;
}

/* Refuse a database of another program, or of a newer unhunch, before writing to it. */
static int check_ours(struct sqlite_store *st, struct strbuf *err)
{
	int64_t app, version, objects;
	if (pragma_int(st, "PRAGMA application_id", &app, err) < 0 ||
	    pragma_int(st, "PRAGMA user_version", &version, err) < 0 ||
	    pragma_int(st, "SELECT count(*) FROM sqlite_master", &objects, err) < 0)
		return -1;
	if (app != APP_ID && (app != 0 || version != 0 || objects != 0))
		return sq_fail(err, "%s: not a valid unhunch database (an SQLite database of another "
			    "program); unhunch left it untouched", st->path);
	if (version > STORE_SCHEMA_VERSION)
		return sq_fail(err, "%s: database schema version %lld is newer than this program knows (%d); "
			    "update unhunch", st->path, (long long)version, STORE_SCHEMA_VERSION);
	if (version < 0)
		return refuse_damaged(st->path, "negative schema version", err);
	return 0;
}

/* Bring the schema to target (STORE_SCHEMA_VERSION but in tests), one transaction per step. The version is
 * read again under the write lock, so two programs opening a new file at once do not
 * both migrate it. Foreign keys must be off meanwhile (a step may make tables anew);
 * each step checks them before its commit. */
static int migrate_to(struct sqlite_store *st, int target, struct strbuf *err)
{
	for (;;) {
		int64_t v;
		if (pragma_int(st, "PRAGMA user_version", &v, err) < 0)
			return -1;
		if (v >= target)
			return 0;
		if (sq_exec(st, "BEGIN IMMEDIATE", "upgrade the database", err) < 0)
			return -1;
		if (pragma_int(st, "PRAGMA user_version", &v, err) < 0)
			goto undo;
		if (v < target) {
			char set[96];
			snprintf(set, sizeof(set), "PRAGMA application_id=%d; PRAGMA user_version=%d",
				 APP_ID, (int)v + 1);
			int (*step)(struct sqlite_store *, struct strbuf *) =
				(size_t)v + 1 < COUNT(migration_steps) ? migration_steps[v + 1] : NULL;
			int64_t broken = 0;
			if (sq_exec(st, migrations[v + 1], "upgrade the database", err) < 0 ||
			    (step && step(st, err) < 0) || sq_exec(st, set, "upgrade the database", err) < 0 ||
			    pragma_int(st, "SELECT count(*) FROM pragma_foreign_key_check", &broken, err) < 0)
				goto undo;
			if (broken) {
				sq_fail(err, "%s: could not upgrade the database to version %d: %lld rows refer to "
					     "missing rows; unhunch left it as it was", st->path, (int)v + 1, (long long)broken);
				goto undo;
			}
		}
		if (sq_exec(st, "COMMIT", "upgrade the database", err) < 0)
			goto undo;
	}
undo:
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int migrate(struct sqlite_store *st, struct strbuf *err)
{
	return migrate_to(st, STORE_SCHEMA_VERSION, err);
}

static int configure(struct sqlite_store *st, struct strbuf *err)
{
	if (sqlite3_db_readonly(st->db, "main") == 1)
		return sq_fail(err, "%s: cannot write to the database (permission denied?)", st->path);
	/* journal_mode answers with the mode now in force; a file system without shared
	 * memory keeps the rollback journal, which synchronous=FULL makes durable too. */
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &q, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const unsigned char *mode = sqlite3_column_text(q, 0);
		st->wal = mode && !sqlite3_stricmp((const char *)mode, "wal");
		rc = sqlite3_step(q);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return sq_db_fail(st, "switch to the WAL journal", err);
	return sq_exec(st, "PRAGMA synchronous=FULL", "configure the database", err);
}

static void sqlite_close(struct store_db *db)
{
	if (!db)
		return;
	struct sqlite_store *st = (struct sqlite_store *)db;
	sq_ckpt_stop(st);
	sq_cache_flush(st);
	sqlite3_close_v2(st->db);
	if (st->counted)
		count_open(st, -1);
	free(st->path);
	free(st);
}

/* A folder, or a file, we may not write to (by its mode bits too, so that root does not
 * leave -wal and -shm files behind in a user's read-only folder). */
static bool not_writable(const char *path)
{
	struct stat sb;
	return access(path, W_OK) != 0 || (stat(path, &sb) == 0 && !(sb.st_mode & S_IWUSR));
}

/* Open for reading only. Without a -wal beside it every committed record is in the
 * file, and when neither the file nor its folder can be written no other program can
 * be writing it: then it is read as immutable, so SQLite creates no -wal or -shm
 * (which it could not, or which would be left behind with the file's odd mode). */
static int open_readonly(struct sqlite_store *st, bool *upgrade, struct strbuf *err)
{
	const char *path = st->path;
	struct stat sb;
	*upgrade = false;
	if (stat(path, &sb) < 0 && errno == ENOENT) {
		/* nothing stored yet: an empty store in memory, and no file made */
		if (sqlite3_open_v2(":memory:", &st->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
			return sq_fail(err, "%s: cannot open the database: out of memory", path);
		sqlite3_extended_result_codes(st->db, 1);
		return migrate(st, err);
	}
	if (prepare_file(path, err) < 0)
		return -1;
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0';
	bool immutable = !sidecar_exists(path, "-wal") && (not_writable(path) || not_writable(slash ? dir : "."));
	free(dir);
	char *uri = sqlite3_mprintf("file:%s?mode=ro%s", path, immutable ? "&immutable=1" : "");
	/* no mutex around every call: a read-only handle serves one thread (store.h); the
	 * lock and unlock took 5 % of the today screen on ten years (bench/startup) */
	int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_free(uri);
	if (rc != SQLITE_OK)
		return sq_fail(err, "%s: cannot open the database: %s", path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_handler(st->db, busy_nap, NULL);
	/* No quick_check here: it reads every page, so every report would cost as much as
	 * the whole store (bench/scale). A read-only connection cannot make damage worse;
	 * a read that meets it fails as damaged (sq_db_fail), and every opening that could
	 * write still runs the check first (sqlite_open). */
	if (check_ours(st, err) < 0)
		return -1;
	/* Pages read straight from the file's mapping: no copy of each into a page cache
	 * of our own, and the kernel maps them many at a time (bench/scale). */
	sqlite3_exec(st->db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
	int64_t v;
	if (pragma_int(st, "PRAGMA user_version", &v, err) < 0)
		return -1;
	*upgrade = v < STORE_SCHEMA_VERSION;
	return 0;
}

static int open_db(struct store_db **out, const char *location, unsigned flags, struct strbuf *err)
{
	*out = NULL;
	if (!location || !*location)
		return sq_fail(err, "no database path given");
	if (flags & STORE_READ_ONLY) {
		struct sqlite_store *ro = xcalloc(1, sizeof(*ro));
		ro->base.ops = &store_sqlite;
		ro->path = xstrdup(location);
		bool upgrade;
		if (open_readonly(ro, &upgrade, err) < 0) {
			sqlite_close(&ro->base);
			return -1;
		}
		if (!upgrade) {
			*out = &ro->base;
			return 0;
		}
		sqlite_close(&ro->base); /* an older schema: upgraded once, read and written */
	}
	if (make_parent(location, err) < 0 || prepare_file(location, err) < 0)
		return -1;
	/* A -wal left by a crash holds committed writes: if we end up refusing the file,
	 * closing must not checkpoint them into it. */
	bool had_wal = sidecar_exists(location, "-wal");

	struct sqlite_store *st = xcalloc(1, sizeof(*st));
	static _Atomic uint64_t serials;
	st->serial = ++serials;
	st->base.ops = &store_sqlite;
	st->path = xstrdup(location);
	if (sqlite3_open_v2(location, &st->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		if (st->db)
			sq_fail(err, "%s: cannot open the database: %s", location, sqlite3_errmsg(st->db));
		else
			sq_fail(err, "%s: cannot open the database: out of memory", location);
		goto bad;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_handler(st->db, busy_nap, NULL);
	if (check_healthy(st, err) < 0 || check_ours(st, err) < 0) {
		if (had_wal)
			sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		goto bad;
	}
	if (configure(st, err) < 0 || migrate(st, err) < 0 ||
	    sq_exec(st, "PRAGMA foreign_keys=ON", "configure the database", err) < 0)
		goto bad;
	if ((flags & STORE_CHECKPOINT_APART) && sq_ckpt_start(st, err) < 0)
		goto bad;
	struct stat sb;
	if (stat(location, &sb) == 0) {
		st->dev = sb.st_dev;
		st->ino = sb.st_ino;
		count_open(st, 1);
	}
	*out = &st->base;
	return 0;
bad:
	sqlite_close(&st->base);
	return -1;
}

/* Opening is one at a time in a process: a connection is counted as open here
 * (count_open) only at the end of its opening, and until then another thread's
 * prepare_file could open and close the file by hand, which drops the first
 * connection's locks (see open_files). Openings are rare (one per thread of a
 * server, one per command), so waiting costs nothing that matters. */
static pthread_mutex_t opening_lock = PTHREAD_MUTEX_INITIALIZER;

static int sqlite_open(struct store_db **out, const char *location, unsigned flags, struct strbuf *err)
{
	pthread_mutex_lock(&opening_lock);
	int rc = open_db(out, location, flags, err);
	pthread_mutex_unlock(&opening_lock);
	return rc;
}

/* For the tests of upgrades: a new file at an older schema version, as that version
 * of unhunch made it (the released migrations never change). */
static int sqlite_make_old(const char *location, int version, struct strbuf *err)
{
	if (version < 1 || version >= STORE_SCHEMA_VERSION)
		return sq_fail(err, "no older schema %d (this program's is %d)", version, STORE_SCHEMA_VERSION);
	struct sqlite_store st = { .path = (char *)location };
	int ret = -1;
	if (access(location, F_OK) == 0)
		return sq_fail(err, "%s: already exists; an older schema is made only in a new file", location);
	if (sqlite3_open_v2(location, &st.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		sq_fail(err, "%s: cannot create the database", location);
	else if (!configure(&st, err) && !migrate_to(&st, version, err))
		ret = 0;
	sq_cache_flush(&st);
	sqlite3_close_v2(st.db);
	return ret;
}

/* ---- the operations ---- */

static int sqlite_schema_version(struct store *s, int *version, struct strbuf *err)
{
	int64_t v;
	if (pragma_int(sq(s), "PRAGMA user_version", &v, err) < 0)
		return -1;
	*version = (int)v;
	return 0;
}

/* PRAGMA data_version moves when another connection commits; this connection's own
 * changes are counted by total_changes. Both only grow, so their sum does too; the
 * connection's serial on top keeps a new connection (to a file made again at the same
 * path, say) from ever giving an old connection's number. */
static int sqlite_data_version(struct store *s, uint64_t *v, struct strbuf *err)
{
	int64_t others;
	if (pragma_int(sq(s), "PRAGMA data_version", &others, err) < 0)
		return -1;
	*v = (sq(s)->serial << 40) + (uint64_t)others + (uint64_t)sqlite3_total_changes64(sq(s)->db);
	return 0;
}

static int check_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	bool *ok = ctx;
	const char *line = (const char *)sqlite3_column_text(stmt, 0);
	if (line && !strcmp(line, "ok"))
		return 0;
	*ok = false;
	sq_fail(err, "%s: integrity_check: %s\n", st->path, line ? line : "?");
	return 0;
}

static int fk_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	bool *ok = ctx;
	*ok = false;
	sq_fail(err, "%s: foreign_key_check: %s row %lld refers to a missing row of %s\n", st->path,
	     (const char *)sqlite3_column_text(stmt, 0), (long long)sqlite3_column_int64(stmt, 1),
	     (const char *)sqlite3_column_text(stmt, 2));
	return 0;
}

/* Full integrity_check and foreign_key_check. Each problem found is added to err as a
 * line of its own (and ok set false) while the call still returns 0; -1 means the
 * check could not run. */
static int sqlite_check(struct store *s, bool *ok, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	*ok = true;
	int ret = sq_query(st, "PRAGMA integrity_check", NULL, 0, check_row, ok, "check the database", err);
	if (ret < 0) {
		int prim = sqlite3_extended_errcode(st->db) & 0xff;
		if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB) {
			*ok = false; /* damage so bad the check itself stopped: a finding */
			ret = 0;
		}
	}
	if (!ret)
		ret = sq_query(st, "PRAGMA foreign_key_check", NULL, 0, fk_row, ok, "check the database", err);
	return ret;
}

static int sqlite_session_begin(struct store *s, struct session_row *row, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (valid_session(row, err))
		return -1;
	struct param p[] = {
		PERSON(s), PTEXT(row->routine_id), PINT(row->started_ms),
		row->status == SESSION_RUNNING ? PNULL : PINT(row->ended_ms),
		PTEXT(session_status_names[row->status]), PINT(row->pain_before),
		PINT(row->pain_after), PTEXT(row->pacing),
	};
	if (sq_run(st, "INSERT INTO sessions(person_id, routine_id, started_ms, ended_ms, status, pain_before,"
		    " pain_after, pacing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p, COUNT(p), "start a session", err) < 0)
		return -1;
	row->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* Record how a session ended. SESSION_RUNNING marks it running again (ended_ms is
 * then cleared), which is how a resumed session is taken up. */
static int sqlite_session_end(struct store *s, int64_t id, enum session_status status, int pain_after,
			      int64_t ended_ms, struct strbuf *err)
{
	struct sqlite_store *st = sq(s);
	if (valid_session_end(status, pain_after, err))
		return -1;
	struct param p[] = {
		status == SESSION_RUNNING ? PNULL : PINT(ended_ms), PTEXT(session_status_names[status]),
		PINT(pain_after), PINT(id), PERSON(s),
	};
	if (sq_run(st, "UPDATE sessions SET ended_ms = ?, status = ?, pain_after = ? WHERE id = ? AND person_id = ?",
		   p, COUNT(p),
		"end the session", err) < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return sq_fail(err, "%s: could not end session %lld: no such session", st->path, (long long)id);
	return 0;
}

static int sqlite_set_add(struct store *s, int64_t session, const struct set_row *row, struct strbuf *err)
{
	if (valid_set(row, err))
		return -1;
	struct param p[] = {
		PERSON(s), PINT(session), PINT(row->item), PTEXT(row->exercise_id), PINT(row->set_no),
		PTEXT(row->side ? row->side : ""), PINT(row->reps_target), PINT(row->reps_done),
		PINT(row->duration_ms), PINT(row->at_ms),
	};
	/* DO NOTHING on the UNIQUE key only (OR IGNORE would also swallow CHECK errors). */
	if (sq_owned(s, "sessions", "session", session, "save a set", err) < 0)
		return -1;
	return sq_run(sq(s), "INSERT INTO sets(person_id, session_id, item, exercise_id, set_no, side, reps_target,"
		   " reps_done, duration_ms, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		   " ON CONFLICT(session_id, item, exercise_id, set_no, side) DO NOTHING",
		   p, COUNT(p), "save a set", err);
}

static int sqlite_exercise_add(struct store *s, int64_t session, const struct exercise_row *row,
			       struct strbuf *err)
{
	if (valid_exercise(row, err))
		return -1;
	struct param p[] = {
		PERSON(s), PINT(session), PINT(row->item), PTEXT(row->exercise_id),
		PTEXT(exercise_status_names[row->status]), PINT(row->reps_done), PINT(row->duration_ms),
		PINT(row->at_ms),
	};
	if (sq_owned(s, "sessions", "session", session, "save an exercise", err) < 0)
		return -1;
	return sq_run(sq(s), "INSERT INTO exercises(person_id, session_id, item, exercise_id, status, reps_done,"
		   " duration_ms, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
		   /* the same step again keeps the first; a skipped exercise done after going
		    * back to it counts as done (or stopped, when pain stopped it) */
		   " ON CONFLICT(session_id, item, exercise_id) DO UPDATE SET status = excluded.status,"
		   " reps_done = excluded.reps_done, duration_ms = excluded.duration_ms, at_ms = excluded.at_ms"
		   " WHERE exercises.status = 'skipped' AND excluded.status <> 'skipped'"
		   " AND exercises.person_id = excluded.person_id",
		   p, COUNT(p), "save an exercise", err);
}

static int sqlite_pain_add(struct store *s, int64_t session, const struct pain_row *row, struct strbuf *err)
{
	if (valid_pain(row, err))
		return -1;
	struct param p[] = {
		PERSON(s), PINT(session), PINT(row->item), PTEXT(row->exercise_id ? row->exercise_id : ""),
		PINT(row->score), PTEXT(row->action ? row->action : ""), PINT(row->at_ms),
	};
	if (sq_owned(s, "sessions", "session", session, "save a pain report", err) < 0)
		return -1;
	return sq_run(sq(s), "INSERT INTO pains(person_id, session_id, item, exercise_id, score, action, at_ms)"
		   " VALUES (?, ?, ?, ?, ?, ?, ?)", p, COUNT(p), "save a pain report", err);
}

/* ---- reading ---- */

#define SESSION_SELECT \
	"SELECT id, routine_id, started_ms, ended_ms, status, pain_before, pain_after, pacing," \
	" n_done, n_skipped, n_pains" /* counted by the triggers of migration 18 */ \
	" FROM sessions s WHERE person_id = ?"

static int session_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	struct rows *r = ctx;
	struct session_row *v = r->v;
	const char *status = (const char *)sqlite3_column_text(stmt, 4);
	int k = name_index(session_status_names, N_SESSION_STATUS, status ? status : "");
	if (k < 0)
		return sq_fail(err, "%s: session %lld has an unknown status '%s'", st->path,
			    (long long)sqlite3_column_int64(stmt, 0), status ? status : "");
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct session_row){
		.id = sqlite3_column_int64(stmt, 0),
		.routine_id = sq_col_str(stmt, 1),
		.started_ms = sqlite3_column_int64(stmt, 2),
		.ended_ms = sqlite3_column_int64(stmt, 3), /* NULL reads as 0 */
		.status = (enum session_status)k,
		.pain_before = sqlite3_column_int(stmt, 5),
		.pain_after = sqlite3_column_int(stmt, 6),
		.pacing = sq_col_str(stmt, 7),
		.exercises_done = sqlite3_column_int(stmt, 8),
		.exercises_skipped = sqlite3_column_int(stmt, 9),
		.pain_events = sqlite3_column_int(stmt, 10),
	};
	return 0;
}

/* The newest running session, with its counts filled in like sessions_list. */
static int sqlite_session_unfinished(struct store *s, struct session_row *out, bool *found, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*found = false;
	*out = (struct session_row){ .pain_before = -1, .pain_after = -1 };
	if (sq_query(sq(s), SESSION_SELECT " AND status IN ('running', 'quit') ORDER BY started_ms DESC, id DESC LIMIT 1",
		  p, COUNT(p), session_row, &r, "look for an unfinished session", err) < 0) {
		store_sessions_free(r.v, r.n);
		return -1;
	}
	if (r.n) {
		*out = ((struct session_row *)r.v)[0];
		*found = true;
	}
	free(r.v);
	return 0;
}

static int sqlite_sessions_list(struct store *s, struct session_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), SESSION_SELECT " ORDER BY started_ms, id", p, COUNT(p), session_row, &r,
		  "list the sessions", err) < 0) {
		store_sessions_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

static int sqlite_sessions_since(struct store *s, int64_t from_ms, struct session_row **rows, size_t *n,
				 struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s), PINT(from_ms) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), SESSION_SELECT " AND started_ms >= ? ORDER BY started_ms, id", p, COUNT(p), session_row, &r,
		     "list the latest sessions", err) < 0) {
		store_sessions_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

static int set_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	struct rows *r = ctx;
	struct set_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct set_row){
		.item = sqlite3_column_int(stmt, 0),
		.exercise_id = sq_col_str(stmt, 1),
		.set_no = sqlite3_column_int(stmt, 2),
		.side = sq_col_str(stmt, 3),
		.reps_target = sqlite3_column_int(stmt, 4),
		.reps_done = sqlite3_column_int(stmt, 5),
		.duration_ms = sqlite3_column_int64(stmt, 6),
		.at_ms = sqlite3_column_int64(stmt, 7),
	};
	return 0;
}

/* Sets, exercises and pains come back in the order they were recorded. */
static int sqlite_sets_of(struct store *s, int64_t session, struct set_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(session), PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT item, exercise_id, set_no, side, reps_target, reps_done, duration_ms, at_ms"
		  " FROM sets WHERE session_id = ? AND person_id = ? ORDER BY id", p, COUNT(p), set_row, &r, "read the sets", err) < 0) {
		store_sets_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

static int exercise_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	struct rows *r = ctx;
	struct exercise_row *v = r->v;
	const char *status = (const char *)sqlite3_column_text(stmt, 2);
	int k = name_index(exercise_status_names, N_EXERCISE_STATUS, status ? status : "");
	if (k < 0)
		return sq_fail(err, "%s: an exercise has an unknown status '%s'", st->path, status ? status : "");
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct exercise_row){
		.item = sqlite3_column_int(stmt, 0),
		.exercise_id = sq_col_str(stmt, 1),
		.status = (enum exercise_status)k,
		.reps_done = sqlite3_column_int(stmt, 3),
		.duration_ms = sqlite3_column_int64(stmt, 4),
		.at_ms = sqlite3_column_int64(stmt, 5),
	};
	return 0;
}

static int sqlite_exercises_of(struct store *s, int64_t session, struct exercise_row **rows, size_t *n,
			       struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(session), PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT item, exercise_id, status, reps_done, duration_ms, at_ms"
		  " FROM exercises WHERE session_id = ? AND person_id = ? ORDER BY id", p, COUNT(p), exercise_row, &r,
		  "read the exercises", err) < 0) {
		store_exercises_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

static int pain_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	struct rows *r = ctx;
	struct pain_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct pain_row){
		.item = sqlite3_column_int(stmt, 0),
		.exercise_id = sq_col_str(stmt, 1),
		.score = sqlite3_column_int(stmt, 2),
		.action = sq_col_str(stmt, 3),
		.at_ms = sqlite3_column_int64(stmt, 4),
	};
	return 0;
}

static int sqlite_pains_of(struct store *s, int64_t session, struct pain_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(session), PERSON(s) };
	*rows = NULL;
	*n = 0;
	if (sq_query(sq(s), "SELECT item, exercise_id, score, action, at_ms FROM pains WHERE session_id = ?"
		  " AND person_id = ? ORDER BY id", p, COUNT(p), pain_row, &r, "read the pain reports", err) < 0) {
		store_pains_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

const struct store_ops store_sqlite = {
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.make_old = sqlite_make_old,
	.schema_version = sqlite_schema_version,
	.data_version = sqlite_data_version,
	.check = sqlite_check,
	.session_begin = sqlite_session_begin,
	.session_end = sqlite_session_end,
	.set_add = sqlite_set_add,
	.exercise_add = sqlite_exercise_add,
	.pain_add = sqlite_pain_add,
	.session_unfinished = sqlite_session_unfinished,
	.sets_of = sqlite_sets_of,
	.exercises_of = sqlite_exercises_of,
	.pains_of = sqlite_pains_of,
	.sessions_list = sqlite_sessions_list,
	.sessions_since = sqlite_sessions_since,
	.checkin_add = sqlite_checkin_add,
	.checkins_list = sqlite_checkins_list,
	.checkins_between = sqlite_checkins_between,
	.checkin_add_once = sqlite_checkin_add_once,
	.screening_add = sqlite_screening_add,
	.screening_latest = sqlite_screening_latest,
	.screenings_list = sqlite_screenings_list,
	.clearance_add = sqlite_clearance_add,
	.clearances_list = sqlite_clearances_list,
	.psfs_activity_add = sqlite_psfs_activity_add,
	.psfs_activities = sqlite_psfs_activities,
	.psfs_rate = sqlite_psfs_rate,
	.psfs_ratings = sqlite_psfs_ratings,
	.forget_all = sqlite_forget_all,
	.assessment_add = sqlite_assessment_add,
	.assessments_list = sqlite_assessments_list,
	.feedback_add = sqlite_feedback_add,
	.feedback_list = sqlite_feedback_list,
	.plan_change_add = sqlite_plan_change_add,
	.plan_changes_list = sqlite_plan_changes_list,
	.prescription_add = sqlite_prescription_add,
	.prescriptions_list = sqlite_prescriptions_list,
	.dashboard_facts = sqlite_dashboard_facts,
	.dash_kept_get = sqlite_dash_kept_get,
	.dash_kept_put = sqlite_dash_kept_put,
	.appointment_add = sqlite_appointment_add,
	.appointments_list = sqlite_appointments_list,
	.break_add = sqlite_break_add,
	.breaks_since = sqlite_breaks_since,
	.batch_begin = sqlite_batch_begin,
	.batch_end = sqlite_batch_end,
	.part_begin = sqlite_part_begin,
	.part_end = sqlite_part_end,
	.session_lock = sqlite_session_lock,
	.session_unlock = sqlite_session_unlock,
	.idem_get = sqlite_idem_get,
	.idem_put = sqlite_idem_put,
	.web_session_add = sqlite_web_session_add,
	.web_session_find = sqlite_web_session_find,
	.web_session_of = sqlite_web_session_of,
	.account_add = sqlite_account_add,
	.accounts_exist = sqlite_accounts_exist,
	.account_get = sqlite_account_get,
	.accounts_list = sqlite_accounts_list,
	.account_set_password = sqlite_account_set_password,
	.totp_get = sqlite_totp_get,
	.totp_put = sqlite_totp_put,
	.totp_use = sqlite_totp_use,
	.totp_clear = sqlite_totp_clear,
	.recovery_put = sqlite_recovery_put,
	.recovery_use = sqlite_recovery_use,
	.recovery_left = sqlite_recovery_left,
	.invite_add = sqlite_invite_add,
	.invite_find = sqlite_invite_find,
	.invite_use = sqlite_invite_use,
	.login_add = sqlite_login_add,
	.login_get = sqlite_login_get,
	.login_seen = sqlite_login_seen,
	.login_end = sqlite_login_end,
	.logins_end_all = sqlite_logins_end_all,
	.logins_prune = sqlite_logins_prune,
	.throttle_get = sqlite_throttle_get,
	.throttle_fail = sqlite_throttle_fail,
	.throttle_clear = sqlite_throttle_clear,
	.throttle_prune = sqlite_throttle_prune,
	.trainers_list = sqlite_trainers_list,
	.link_end = sqlite_link_end,
	.account_set_disabled = sqlite_account_set_disabled,
	.account_delete = sqlite_account_delete,
	.trains = sqlite_trains,
	.audit_add = sqlite_audit_add,
	.audit_send = sqlite_audit_add, /* written at once: one connection */
	.audit_wait = sqlite_audit_wait,
	.audit_list = sqlite_audit_list,
};
