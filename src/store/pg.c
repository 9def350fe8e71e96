/* pg.c: the PostgreSQL backend of the store (libpq). The location is a libpq
 * connection string: a postgres:// or postgresql:// URL, or key=value words
 * ("host=/run/x dbname=unhunch"). One connection per struct store_db; every row names
 * its person and every statement binds the handle's person; a child row's person is
 * also held by a foreign key to its parent (session_id, person_id), so the database
 * itself refuses a row that points at another person's record.
 *
 * The schema version is the highest row of unhunch_schema and grows through the
 * migrations[] table, each in one transaction under an advisory lock, so servers
 * starting together migrate once. A newer schema is refused and left as it is.
 * This file: connection, statements, migrations, the check, and the sessions. */
#include "store/pg-internal.h"
#include "core/cnum.h"
#include "core/mem.h"
#include "store/valid.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_SESSION_STATUS 4
#define N_EXERCISE_STATUS 3
#define MIGRATION_LOCK 1970169973 /* advisory lock key while migrating: "unhu" */

#define PERSON_COL "person_id BIGINT NOT NULL CHECK(person_id > 0)"
#define DATE_CHECK(c) "CHECK(" c " ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$')"
#define ID_COL "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
/* Only the rows of the transaction's person, to read and to write. */
#define RLS_PERSON "person_id = nullif(current_setting('unhunch.person', true), '')::bigint"
#define RLS(t) \
	"ALTER TABLE " t " ENABLE ROW LEVEL SECURITY;" \
	"ALTER TABLE " t " FORCE ROW LEVEL SECURITY;" \
	"CREATE POLICY person ON " t " USING (" RLS_PERSON ") WITH CHECK (" RLS_PERSON ");"
#define TRAINER_READS(t) "CREATE POLICY trainer_reads ON " t " FOR SELECT USING (unhunch_trains(person_id));"
/* The same read, asked once per statement: the trainer's clients as a set (a hashed
 * subplan), not unhunch_trains() run for every row (schema 8). */
#define TRAINER_READS_SET(t) \
	"DROP POLICY trainer_reads ON " t ";" \
	"CREATE POLICY trainer_reads ON " t " FOR SELECT USING (person_id IN (SELECT unhunch_my_clients()));"

/* The trigger that moves a person's records version (schema 16) on every write of table t. */
#define MOVES(t) \
	"CREATE TRIGGER " t "_moves AFTER INSERT OR UPDATE OR DELETE ON " t \
	" FOR EACH ROW EXECUTE FUNCTION unhunch_records_moved();"

/* migrations[v] takes the database from version v-1 to v; never edit a released
 * step: add a new one. */
static const char *const migrations[] = {
	NULL, /* version 0: no tables */
	/* 1: everything the SQLite backend has at its version 7, with person_id from the start */
	"CREATE TABLE sessions(" ID_COL ", " PERSON_COL ","
	" routine_id TEXT NOT NULL CHECK(routine_id <> ''),"
	" started_ms BIGINT NOT NULL,"
	" ended_ms BIGINT,"
	" status TEXT NOT NULL CHECK(status IN ('running','finished','quit','stopped')),"
	" pain_before INTEGER NOT NULL DEFAULT -1 CHECK(pain_before BETWEEN -1 AND 10),"
	" pain_after INTEGER NOT NULL DEFAULT -1 CHECK(pain_after BETWEEN -1 AND 10),"
	" pacing TEXT NOT NULL,"
	" UNIQUE(id, person_id));"
	"CREATE INDEX sessions_person ON sessions(person_id, started_ms);"
	"CREATE TABLE sets(" ID_COL ", " PERSON_COL ","
	" session_id BIGINT NOT NULL,"
	" item INTEGER NOT NULL CHECK(item >= 0),"
	" exercise_id TEXT NOT NULL,"
	" set_no INTEGER NOT NULL CHECK(set_no >= 1),"
	" side TEXT NOT NULL DEFAULT '',"
	" reps_target INTEGER NOT NULL CHECK(reps_target >= 0),"
	" reps_done INTEGER NOT NULL CHECK(reps_done >= 0),"
	" duration_ms BIGINT NOT NULL CHECK(duration_ms >= 0),"
	" at_ms BIGINT NOT NULL,"
	" FOREIGN KEY(session_id, person_id) REFERENCES sessions(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(session_id, item, exercise_id, set_no, side));"
	"CREATE TABLE exercises(" ID_COL ", " PERSON_COL ","
	" session_id BIGINT NOT NULL,"
	" item INTEGER NOT NULL CHECK(item >= 0),"
	" exercise_id TEXT NOT NULL,"
	" status TEXT NOT NULL CHECK(status IN ('done','skipped','stopped')),"
	" reps_done INTEGER NOT NULL CHECK(reps_done >= 0),"
	" duration_ms BIGINT NOT NULL CHECK(duration_ms >= 0),"
	" at_ms BIGINT NOT NULL,"
	" FOREIGN KEY(session_id, person_id) REFERENCES sessions(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(session_id, item, exercise_id));"
	"CREATE TABLE pains(" ID_COL ", " PERSON_COL ","
	" session_id BIGINT NOT NULL,"
	" item INTEGER NOT NULL CHECK(item >= -1),"
	" exercise_id TEXT NOT NULL DEFAULT '',"
	" score INTEGER NOT NULL CHECK(score BETWEEN -1 AND 10),"
	" action TEXT NOT NULL DEFAULT '',"
	" at_ms BIGINT NOT NULL,"
	" FOREIGN KEY(session_id, person_id) REFERENCES sessions(id, person_id) ON DELETE CASCADE);"
	"CREATE INDEX pains_session ON pains(session_id);"
	"CREATE TABLE checkins(" ID_COL ", " PERSON_COL ","
	" date TEXT NOT NULL " DATE_CHECK("date") ","
	" at_ms BIGINT NOT NULL,"
	" pain INTEGER CHECK(pain BETWEEN 0 AND 10),"
	" headache INTEGER CHECK(headache BETWEEN 0 AND 10),"
	" stiffness INTEGER CHECK(stiffness BETWEEN 0 AND 10),"
	" stress INTEGER CHECK(stress BETWEEN 0 AND 10),"
	" sleep INTEGER CHECK(sleep BETWEEN 0 AND 10),"
	" desk_hours DOUBLE PRECISION CHECK(desk_hours BETWEEN 0 AND 24),"
	" massage INTEGER CHECK(massage IN (0, 1)),"
	" note TEXT,"
	" UNIQUE(id, person_id));"
	"CREATE INDEX checkins_person ON checkins(person_id, date, at_ms);"
	"CREATE TABLE checkin_regions(" ID_COL ", " PERSON_COL ","
	" checkin_id BIGINT NOT NULL,"
	" region TEXT NOT NULL CHECK(region IN ('neck','between-shoulder-blades','upper-back',"
	"  'left-shoulder','right-shoulder','chest')),"
	" score INTEGER NOT NULL CHECK(score BETWEEN 0 AND 10),"
	" FOREIGN KEY(checkin_id, person_id) REFERENCES checkins(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(checkin_id, region));"
	"CREATE TABLE screenings(" ID_COL ", " PERSON_COL ","
	" at_ms BIGINT NOT NULL,"
	" level INTEGER NOT NULL CHECK(level BETWEEN 0 AND 4),"
	" neck_clear BOOLEAN NOT NULL,"
	" UNIQUE(id, person_id));"
	"CREATE INDEX screenings_person ON screenings(person_id, id);"
	"CREATE TABLE screening_answers(" ID_COL ", " PERSON_COL ","
	" screening_id BIGINT NOT NULL,"
	" question_id TEXT NOT NULL,"
	" yes BOOLEAN NOT NULL,"
	" level INTEGER NOT NULL CHECK(level BETWEEN 0 AND 4),"
	" locks_neck BOOLEAN NOT NULL DEFAULT false,"
	" fact BOOLEAN NOT NULL DEFAULT false,"
	" FOREIGN KEY(screening_id, person_id) REFERENCES screenings(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(screening_id, question_id));"
	"CREATE TABLE clearances(" ID_COL ", " PERSON_COL ","
	" at_ms BIGINT NOT NULL,"
	" date TEXT NOT NULL,"
	" note TEXT NOT NULL CHECK(note <> ''),"
	" screening_id BIGINT NOT NULL,"
	" FOREIGN KEY(screening_id, person_id) REFERENCES screenings(id, person_id) ON DELETE CASCADE);"
	"CREATE TABLE psfs_activities(" ID_COL ", " PERSON_COL ","
	" name TEXT NOT NULL,"
	" added_ms BIGINT NOT NULL,"
	" UNIQUE(person_id, name),"
	" UNIQUE(id, person_id));"
	"CREATE TABLE psfs_ratings(" ID_COL ", " PERSON_COL ","
	" activity_id BIGINT NOT NULL,"
	" date TEXT NOT NULL,"
	" score INTEGER NOT NULL CHECK(score BETWEEN 0 AND 10),"
	" FOREIGN KEY(activity_id, person_id) REFERENCES psfs_activities(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(activity_id, date));"
	"CREATE TABLE assessments(" ID_COL ", " PERSON_COL ","
	" date TEXT NOT NULL " DATE_CHECK("date") ","
	" at_ms BIGINT NOT NULL,"
	" UNIQUE(id, person_id));"
	"CREATE TABLE assessment_answers(" ID_COL ", " PERSON_COL ","
	" assessment_id BIGINT NOT NULL,"
	" question TEXT NOT NULL,"
	" value DOUBLE PRECISION NOT NULL,"
	" FOREIGN KEY(assessment_id, person_id) REFERENCES assessments(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(assessment_id, question));"
	"CREATE TABLE assessment_factors(" ID_COL ", " PERSON_COL ","
	" assessment_id BIGINT NOT NULL,"
	" factor TEXT NOT NULL,"
	" strength INTEGER NOT NULL CHECK(strength BETWEEN 0 AND 3),"
	" reason TEXT NOT NULL,"
	" FOREIGN KEY(assessment_id, person_id) REFERENCES assessments(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(assessment_id, factor));"
	"CREATE TABLE exercise_feedback(" ID_COL ", " PERSON_COL ","
	" date TEXT NOT NULL " DATE_CHECK("date") ","
	" at_ms BIGINT NOT NULL,"
	" session_id BIGINT," /* NULL when not tied to a session: the key is then not checked */
	" routine_id TEXT NOT NULL,"
	" exercise_id TEXT NOT NULL,"
	" feeling TEXT NOT NULL CHECK(feeling IN ('easy','right','hard','hurt')),"
	" pain_during INTEGER NOT NULL DEFAULT -1 CHECK(pain_during BETWEEN -1 AND 10),"
	" warning BOOLEAN NOT NULL DEFAULT false,"
	" FOREIGN KEY(session_id, person_id) REFERENCES sessions(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(id, person_id));"
	"CREATE TABLE plan_changes(" ID_COL ", " PERSON_COL ","
	" date TEXT NOT NULL " DATE_CHECK("date") ","
	" at_ms BIGINT NOT NULL,"
	" feedback_id BIGINT UNIQUE,"
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
	" paused BOOLEAN NOT NULL,"
	" reason TEXT NOT NULL,"
	" FOREIGN KEY(feedback_id, person_id) REFERENCES exercise_feedback(id, person_id) ON DELETE CASCADE,"
	" UNIQUE(feedback_id, person_id));" /* the arbiter of a decision made again (pg-plan.c) */
	"CREATE TABLE break_events(" ID_COL ", " PERSON_COL ","
	" at_ms BIGINT NOT NULL,"
	" kind TEXT NOT NULL CHECK(kind IN ('micro','move')),"
	" event TEXT NOT NULL CHECK(event IN ('shown','taken','postponed','skipped','natural')),"
	" exercise_id TEXT NOT NULL DEFAULT '',"
	" detail TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX break_events_person ON break_events(person_id, at_ms);"
	"CREATE TABLE session_lock("
	" person_id BIGINT PRIMARY KEY CHECK(person_id > 0),"
	" holder TEXT NOT NULL,"
	" at_ms BIGINT NOT NULL);",
	/* 2: row-level security (docs/postgres.md): a row is seen and written only by a
	 * transaction that names its person (set_config('unhunch.person', id, true), made
	 * by exec_params()); FORCE holds the tables' owner to it too. Without a person a
	 * transaction sees no row and may write none. */
	RLS("sessions") RLS("sets") RLS("exercises") RLS("pains") RLS("checkins") RLS("checkin_regions")
	RLS("screenings") RLS("screening_answers") RLS("clearances") RLS("psfs_activities")
	RLS("psfs_ratings") RLS("assessments") RLS("assessment_answers") RLS("assessment_factors")
	RLS("exercise_feedback") RLS("plan_changes") RLS("break_events") RLS("session_lock"),
	/* 3: the web player's uploads (SQLite's version 8): each idempotency key kept once
	 * with its first answer, the page's id of each uploaded
	 * session and the pass it began under; and a session's
	 * exercises counted by status from an index */
	"CREATE TABLE web_sessions(" PERSON_COL ","
	" session_id BIGINT NOT NULL UNIQUE,"
	" web_id TEXT NOT NULL CHECK(length(web_id) BETWEEN 8 AND 64),"
	" pass_id TEXT NOT NULL CHECK(length(pass_id) BETWEEN 8 AND 64),"
	" FOREIGN KEY(session_id, person_id) REFERENCES sessions(id, person_id) ON DELETE CASCADE,"
	" PRIMARY KEY(person_id, web_id));"
	"CREATE TABLE idempotency_keys(" PERSON_COL ","
	" key TEXT NOT NULL CHECK(length(key) BETWEEN 1 AND 100),"
	" request_hash TEXT NOT NULL,"
	" status INTEGER NOT NULL CHECK(status BETWEEN 100 AND 599),"
	" answer TEXT NOT NULL,"
	" at_ms BIGINT NOT NULL,"
	" PRIMARY KEY(person_id, key));"
	"CREATE INDEX exercises_session_status ON exercises(session_id, status);"
	RLS("web_sessions") RLS("idempotency_keys"),
	/* 4: clinic accounts (SQLite's version 9; their ids are person ids, from 2: person 1
	 * is the terminal's own), trainers' clients, and single-use invitations kept by a
	 * hash of their token. The database's rows, not one person's: no person_id, so no
	 * policy of migration 2's kind (the isolation work of issue 18 gives them theirs) */
	"CREATE TABLE accounts(id BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 2) PRIMARY KEY CHECK(id > 1),"
	" role TEXT NOT NULL CHECK(role IN ('admin','trainer','client')),"
	" login TEXT NOT NULL UNIQUE CHECK(octet_length(login) BETWEEN 1 AND 64),"
	" display_name TEXT NOT NULL CHECK(octet_length(display_name) BETWEEN 1 AND 200),"
	" password_hash TEXT NOT NULL,"
	" created_ms BIGINT NOT NULL,"
	" disabled_ms BIGINT NOT NULL DEFAULT 0 CHECK(disabled_ms >= 0));"
	"CREATE TABLE trainer_clients("
	" trainer_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" client_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" since_ms BIGINT NOT NULL,"
	" PRIMARY KEY(trainer_id, client_id));"
	"CREATE INDEX trainer_clients_client ON trainer_clients(client_id);"
	"CREATE TABLE invites(" ID_COL ","
	" trainer_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" token_hash TEXT NOT NULL UNIQUE,"
	" display_name TEXT NOT NULL,"
	" created_ms BIGINT NOT NULL,"
	" expires_ms BIGINT NOT NULL,"
	" used_ms BIGINT,"
	" client_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,"
	" CHECK(expires_ms > created_ms));"
	"CREATE INDEX invites_trainer ON invites(trainer_id);",
	/* 5: login sessions, kept by a hash of their id, and failed logins counted by
	 * account and by address for the throttle (SQLite's version 10; app/login.c). The
	 * database's rows, like the accounts: a session is read before its person is known */
	"CREATE TABLE logins("
	" id_hash TEXT PRIMARY KEY CHECK(length(id_hash) BETWEEN 16 AND 128),"
	" account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" created_ms BIGINT NOT NULL,"
	" seen_ms BIGINT NOT NULL CHECK(seen_ms >= created_ms));"
	"CREATE INDEX logins_account ON logins(account_id);"
	"CREATE TABLE login_failures("
	" key TEXT PRIMARY KEY CHECK(octet_length(key) BETWEEN 1 AND 200),"
	" failures INTEGER NOT NULL CHECK(failures > 0),"
	" last_ms BIGINT NOT NULL);",
	/* 6: trainers' prescriptions (SQLite's version 11), one row per version, the
	 * client's records under the client's policy */
	"CREATE TABLE prescriptions(" ID_COL ", " PERSON_COL ","
	" date TEXT NOT NULL " DATE_CHECK("date") ","
	" at_ms BIGINT NOT NULL,"
	" trainer_id BIGINT NOT NULL CHECK(trainer_id > 0),"
	" routine_id TEXT NOT NULL,"
	" slot TEXT NOT NULL,"
	" exercise_id TEXT NOT NULL,"
	" reps INTEGER NOT NULL CHECK(reps BETWEEN 0 AND 1000),"
	" sets INTEGER NOT NULL CHECK(sets BETWEEN 0 AND 100),"
	" hold_s INTEGER NOT NULL CHECK(hold_s BETWEEN 0 AND 3600),"
	" duration_s INTEGER NOT NULL CHECK(duration_s BETWEEN 0 AND 86400),"
	" note TEXT NOT NULL,"
	" warnings TEXT NOT NULL);"
	"CREATE INDEX prescriptions_person ON prescriptions(person_id, at_ms);"
	RLS("prescriptions"),
	/* 7: row-level security on the clinic's accounts and logins, and a trainer's reads of their
	 * clients' records (docs/postgres.md, "Who sees what"). unhunch.person is the
	 * acting person: an account id (from 2), or 1, the terminal's operator of the
	 * database (`unhunch clinic`), who reads and writes the account tables and no
	 * one's records. The account tables are not FORCEd: the SECURITY DEFINER
	 * functions below run as their owner, who passes their policies, so a login
	 * (before a person is known) finds one account by its exact name and an invitation
	 * by its token's hash, and nothing else; the application's role must therefore
	 * not be the owner. */
	"CREATE FUNCTION unhunch_me() RETURNS bigint LANGUAGE sql STABLE"
	" AS $$SELECT nullif(current_setting('unhunch.person', true), '')::bigint$$;"
	"CREATE FUNCTION unhunch_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$SELECT EXISTS(SELECT 1 FROM accounts"
	" WHERE id = unhunch_me() AND role = 'admin' AND disabled_ms = 0)$$;"
	/* the acting person is an enabled trainer of client */
	"CREATE FUNCTION unhunch_trains(client bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$SELECT EXISTS(SELECT 1 FROM trainer_clients t"
	" JOIN accounts a ON a.id = t.trainer_id WHERE t.trainer_id = unhunch_me() AND t.client_id = client"
	" AND a.role = 'trainer' AND a.disabled_ms = 0)$$;"
	"CREATE FUNCTION unhunch_accounts_exist() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$SELECT EXISTS(SELECT 1 FROM accounts)$$;"
	/* an account changing its own row keeps its role and its disabled time */
	"CREATE FUNCTION unhunch_account_kept(p_id bigint, p_role text, p_disabled bigint) RETURNS boolean"
	" LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$SELECT EXISTS(SELECT 1"
	" FROM accounts WHERE id = p_id AND role = p_role AND disabled_ms = p_disabled)$$;"
	/* before a person is known: a login's account, an invitation's row */
	"CREATE FUNCTION unhunch_account_by_login(p_login text) RETURNS SETOF accounts LANGUAGE sql STABLE"
	" SECURITY DEFINER SET search_path = public, pg_temp AS $$SELECT * FROM accounts WHERE login = p_login$$;"
	"CREATE FUNCTION unhunch_invite_by_token(p_hash text) RETURNS SETOF invites LANGUAGE sql STABLE"
	" SECURITY DEFINER SET search_path = public, pg_temp AS $$SELECT * FROM invites WHERE token_hash = p_hash$$;"
	/* a client accepting an invitation: marks it used (one connection of two can),
	 * adds the client's account and links it to the trainer. outcome: accepted,
	 * unknown, expired, spent or login_taken; the caller rolls back all but accepted */
	"CREATE FUNCTION unhunch_invite_accept(p_hash text, p_now bigint, p_login text, p_name text,"
	" p_password text, p_created bigint, OUT outcome text, OUT client bigint) LANGUAGE plpgsql SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$DECLARE t bigint; u bigint; BEGIN"
	" UPDATE invites SET used_ms = p_now WHERE token_hash = p_hash AND used_ms IS NULL"
	"  AND expires_ms > p_now RETURNING trainer_id INTO t;"
	" IF t IS NULL THEN"
	"  SELECT used_ms INTO u FROM invites WHERE token_hash = p_hash;"
	"  outcome := CASE WHEN NOT FOUND THEN 'unknown' WHEN u IS NOT NULL THEN 'spent' ELSE 'expired' END;"
	"  RETURN;"
	" END IF;"
	" INSERT INTO accounts(role, login, display_name, password_hash, created_ms)"
	"  VALUES ('client', p_login, p_name, p_password, p_created) ON CONFLICT(login) DO NOTHING RETURNING id INTO client;"
	" IF client IS NULL THEN outcome := 'login_taken'; RETURN; END IF;"
	" INSERT INTO trainer_clients(trainer_id, client_id, since_ms) VALUES (t, client, p_now);"
	" UPDATE invites SET client_id = client WHERE token_hash = p_hash;"
	" outcome := 'accepted';"
	" END$$;"
	"ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE trainer_clients ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE invites ENABLE ROW LEVEL SECURITY;"
	/* accounts: the operator; oneself; an admin; a trainer their clients; a client their trainers */
	"CREATE POLICY reads ON accounts FOR SELECT USING (unhunch_me() = 1 OR id = unhunch_me()"
	" OR unhunch_is_admin() OR unhunch_trains(id) OR EXISTS(SELECT 1 FROM trainer_clients t"
	" WHERE t.client_id = unhunch_me() AND t.trainer_id = accounts.id));"
	/* added by the operator or an admin, or the first admin while there is no account */
	"CREATE POLICY adds ON accounts FOR INSERT WITH CHECK (unhunch_me() = 1 OR unhunch_is_admin()"
	" OR (role = 'admin' AND NOT unhunch_accounts_exist()));"
	"CREATE POLICY changes ON accounts FOR UPDATE USING (unhunch_me() = 1 OR id = unhunch_me()"
	" OR unhunch_is_admin()) WITH CHECK (unhunch_me() = 1 OR unhunch_is_admin()"
	" OR (id = unhunch_me() AND unhunch_account_kept(id, role, disabled_ms)));"
	"CREATE POLICY removes ON accounts FOR DELETE USING (unhunch_me() = 1 OR id = unhunch_me()"
	" OR unhunch_is_admin());"
	/* a trainer's clients: both sides read the link; the client may end it */
	"CREATE POLICY reads ON trainer_clients FOR SELECT USING (unhunch_me() = 1 OR trainer_id = unhunch_me()"
	" OR client_id = unhunch_me() OR unhunch_is_admin());"
	"CREATE POLICY adds ON trainer_clients FOR INSERT WITH CHECK (unhunch_me() = 1 OR unhunch_is_admin());"
	"CREATE POLICY changes ON trainer_clients FOR UPDATE USING (unhunch_me() = 1 OR unhunch_is_admin())"
	" WITH CHECK (unhunch_me() = 1 OR unhunch_is_admin());"
	"CREATE POLICY removes ON trainer_clients FOR DELETE USING (unhunch_me() = 1 OR client_id = unhunch_me()"
	" OR unhunch_is_admin());"
	/* invitations: the trainer's own; an admin reads them */
	"CREATE POLICY reads ON invites FOR SELECT USING (unhunch_is_admin());"
	"CREATE POLICY own ON invites USING (unhunch_me() = 1 OR trainer_id = unhunch_me())"
	" WITH CHECK (unhunch_me() = 1 OR trainer_id = unhunch_me());"
	/* login sessions: the operator (the server's database-wide handle, http/server.c),
	 * and an account its own; failed-login counts: the operator only */
	"ALTER TABLE logins ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE login_failures ENABLE ROW LEVEL SECURITY;"
	"CREATE POLICY own ON logins USING (unhunch_me() = 1 OR account_id = unhunch_me())"
	" WITH CHECK (unhunch_me() = 1 OR account_id = unhunch_me());"
	"CREATE POLICY operator ON login_failures USING (unhunch_me() = 1) WITH CHECK (unhunch_me() = 1);"
	/* a trainer reads (never writes) the records of their clients that the clinic's
	 * pages show; not their desk breaks, locks or upload bookkeeping */
	TRAINER_READS("sessions") TRAINER_READS("sets") TRAINER_READS("exercises") TRAINER_READS("pains")
	TRAINER_READS("checkins") TRAINER_READS("checkin_regions") TRAINER_READS("screenings")
	TRAINER_READS("screening_answers") TRAINER_READS("clearances") TRAINER_READS("psfs_activities")
	TRAINER_READS("psfs_ratings") TRAINER_READS("assessments") TRAINER_READS("assessment_answers")
	TRAINER_READS("assessment_factors") TRAINER_READS("exercise_feedback") TRAINER_READS("plan_changes")
	TRAINER_READS("prescriptions"),
	/* 8: a client deleting their account also deletes the invitations that made it,
	 * which hold their name as the trainer wrote it (docs/clinic.md): they read and
	 * delete those, and change none */
	"CREATE POLICY client_reads ON invites FOR SELECT USING (client_id = unhunch_me());"
	"CREATE POLICY client_removes ON invites FOR DELETE USING (client_id = unhunch_me());",
	/* 9: the trainer's dashboard reads every client's latest assessment, their recent
	 * feedback and whether a screening was cleared: indexes for each. It reads the
	 * records of all of a trainer's clients at once, and unhunch_trains() run for each
	 * row (a query of its own each time) cost more than the reads themselves: the
	 * trainer's policies now ask for the set of the trainer's clients once per
	 * statement (the same rule: linked, and an enabled trainer's account) */
	"CREATE INDEX assessments_person ON assessments(person_id, id);"
	"CREATE INDEX exercise_feedback_person ON exercise_feedback(person_id, date);"
	"CREATE INDEX clearances_screening ON clearances(screening_id);"
	"CREATE FUNCTION unhunch_my_clients() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$SELECT t.client_id FROM trainer_clients t"
	" JOIN accounts a ON a.id = t.trainer_id WHERE t.trainer_id = unhunch_me()"
	" AND a.role = 'trainer' AND a.disabled_ms = 0$$;"
	TRAINER_READS_SET("sessions") TRAINER_READS_SET("sets") TRAINER_READS_SET("exercises")
	TRAINER_READS_SET("pains") TRAINER_READS_SET("checkins") TRAINER_READS_SET("checkin_regions")
	TRAINER_READS_SET("screenings") TRAINER_READS_SET("screening_answers") TRAINER_READS_SET("clearances")
	TRAINER_READS_SET("psfs_activities") TRAINER_READS_SET("psfs_ratings") TRAINER_READS_SET("assessments")
	TRAINER_READS_SET("assessment_answers") TRAINER_READS_SET("assessment_factors")
	TRAINER_READS_SET("exercise_feedback") TRAINER_READS_SET("plan_changes") TRAINER_READS_SET("prescriptions"),
	/* 10: the audit log (SQLite's version 13; app/audit.c): who read or changed whose
	 * records, when. The subject reads their own rows; an actor adds rows in their own
	 * name about a client they train (an admin, the operator: anyone's); no one
	 * changes or deletes one (no policy lets them; FORCEd, so not the owner either).
	 * The rows go with the subject's account (the foreign key's cascade). */
	"CREATE TABLE audit(" ID_COL ","
	" actor_id BIGINT NOT NULL CHECK(actor_id > 0),"
	" actor_name TEXT NOT NULL CHECK(octet_length(actor_name) BETWEEN 1 AND 200),"
	" subject_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" what TEXT NOT NULL CHECK(octet_length(what) BETWEEN 1 AND 200),"
	" at_ms BIGINT NOT NULL,"
	" CHECK(actor_id <> subject_id));"
	"CREATE INDEX audit_subject ON audit(subject_id, at_ms);"
	"ALTER TABLE audit ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE audit FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY reads ON audit FOR SELECT USING (subject_id = unhunch_me());"
	"CREATE POLICY adds ON audit FOR INSERT WITH CHECK (actor_id = unhunch_me() AND (unhunch_me() = 1"
	" OR unhunch_is_admin() OR unhunch_trains(subject_id)));",
	/* 11: trainers' appointments with their clients (SQLite's version 14; pg-appt.c):
	 * the client's records, but under policies of their own rather than RLS()'s: the
	 * trainer who recorded one (while they train the client) reads and writes it, the
	 * client reads it and may delete it (forgetting their data) and may add one with no
	 * trainer (a restored backup), another trainer nothing */
	"CREATE TABLE appointments(" ID_COL ", " PERSON_COL ","
	" date TEXT NOT NULL " DATE_CHECK("date") ","
	" at_ms BIGINT NOT NULL,"
	" trainer_id BIGINT NOT NULL CHECK(trainer_id >= 0),"
	" trainer_name TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK(kind IN ('massage','training')),"
	" areas TEXT NOT NULL,"
	" note TEXT NOT NULL);"
	"CREATE INDEX appointments_person ON appointments(person_id, date);"
	"ALTER TABLE appointments ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE appointments FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY reads ON appointments FOR SELECT USING (" RLS_PERSON
	" OR (trainer_id = unhunch_me() AND unhunch_trains(person_id)));"
	"CREATE POLICY adds ON appointments FOR INSERT WITH CHECK ((trainer_id = unhunch_me()"
	" AND unhunch_trains(person_id)) OR (" RLS_PERSON " AND trainer_id = 0));"
	"CREATE POLICY changes ON appointments FOR UPDATE USING (trainer_id = unhunch_me()"
	" AND unhunch_trains(person_id)) WITH CHECK (trainer_id = unhunch_me() AND unhunch_trains(person_id));"
	"CREATE POLICY removes ON appointments FOR DELETE USING (" RLS_PERSON
	" OR (trainer_id = unhunch_me() AND unhunch_trains(person_id)));",
	/* 12: the server's database-wide handle acts as no one (store_bind_no_one): before
	 * a person is known it reaches the login tables only through these, each as narrow
	 * as its step: a session by its id's hash, and the throttle's count of one key
	 * (read, one more failure, forgotten) and the forgetting of what is past its time.
	 * A session's own account writes the rest (its session added, seen, ended) under
	 * the policies of schema 7. */
	"CREATE FUNCTION unhunch_login_by_hash(p_hash text) RETURNS SETOF logins LANGUAGE sql STABLE"
	" SECURITY DEFINER SET search_path = public, pg_temp AS $$SELECT * FROM logins WHERE id_hash = p_hash$$;"
	"CREATE FUNCTION unhunch_logins_prune(p_seen_before bigint, p_made_before bigint) RETURNS void"
	" LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp"
	" AS $$DELETE FROM logins WHERE seen_ms < p_seen_before OR created_ms < p_made_before$$;"
	"CREATE FUNCTION unhunch_throttle_get(p_key text) RETURNS SETOF login_failures LANGUAGE sql STABLE"
	" SECURITY DEFINER SET search_path = public, pg_temp AS $$SELECT * FROM login_failures WHERE key = p_key$$;"
	"CREATE FUNCTION unhunch_throttle_fail(p_key text, p_now bigint, p_forget_before bigint)"
	" RETURNS SETOF login_failures LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp"
	" AS $$INSERT INTO login_failures(key, failures, last_ms) VALUES (p_key, 1, p_now)"
	" ON CONFLICT(key) DO UPDATE SET failures = CASE WHEN login_failures.last_ms < p_forget_before THEN 1"
	" ELSE login_failures.failures + 1 END, last_ms = greatest(login_failures.last_ms, p_now) RETURNING *$$;"
	"CREATE FUNCTION unhunch_throttle_clear(p_key text) RETURNS void LANGUAGE sql SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$DELETE FROM login_failures WHERE key = p_key$$;"
	"CREATE FUNCTION unhunch_throttle_prune(p_before bigint) RETURNS void LANGUAGE sql SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$DELETE FROM login_failures WHERE last_ms < p_before$$;",
	/* 13: the second factor (TOTP, SQLite's version 15; pg-totp.c): an account's
	 * secret, whether its first code came, the time step of the last code taken. Only
	 * the account itself and the operator (person 1: a reset at the terminal) reach a
	 * row: not an admin, not the trainer who reads the account's name. And a login
	 * session that still waits for the code (its own account's row, as in schema 7) */
	"CREATE TABLE account_totp("
	" account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,"
	" secret TEXT NOT NULL CHECK(length(secret) BETWEEN 20 AND 128),"
	" confirmed_ms BIGINT NOT NULL DEFAULT 0 CHECK(confirmed_ms >= 0),"
	" last_step BIGINT NOT NULL DEFAULT 0 CHECK(last_step >= 0));"
	"ALTER TABLE account_totp ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE account_totp FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY own ON account_totp USING (unhunch_me() = 1 OR account_id = unhunch_me())"
	" WITH CHECK (unhunch_me() = 1 OR account_id = unhunch_me());"
	"ALTER TABLE logins ADD COLUMN code_due INTEGER NOT NULL DEFAULT 0 CHECK(code_due IN (0, 1));",
	/* 14 (SQLite's 16): a prescription may
	 * add an exercise as a new step of a routine, at a place (store.h) */
	"ALTER TABLE prescriptions ADD COLUMN place TEXT NOT NULL DEFAULT ''"
	" CHECK(octet_length(place) <= 100);",
	/* 15 (SQLite's 17): a second factor's
	 * recovery codes as digests, each good once, gone with the factor (pg-totp.c); as
	 * its row, reached only by the account itself and the operator */
	"CREATE TABLE recovery_codes("
	" account_id BIGINT NOT NULL REFERENCES account_totp(account_id) ON DELETE CASCADE,"
	" code_hash TEXT NOT NULL CHECK(length(code_hash) = 64),"
	" used_ms BIGINT NOT NULL DEFAULT 0 CHECK(used_ms >= 0),"
	" PRIMARY KEY(account_id, code_hash));"
	"ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE recovery_codes FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY own ON recovery_codes USING (unhunch_me() = 1 OR account_id = unhunch_me())"
	" WITH CHECK (unhunch_me() = 1 OR account_id = unhunch_me());",
	/* 16 (SQLite's 19): the trainer's dashboard keeps each client's result
	 * (app/dash-kept.c) with the version of the client's records it was made from: a
	 * number on the client's account that a trigger sets to the writing transaction's
	 * id (new for every transaction) on every write of a record the dashboard reads,
	 * once a transaction: a row updated again and again in one transaction leaves a
	 * copy each time, which every later update walks past, so a restored backup of
	 * years would take quadratic time. The writer is the client, who may change their
	 * own account's row, or the operator; a cascade from deleting an account runs as
	 * the owner. What is kept goes with the link, and only the trainer reaches it,
	 * while they may read the client's records */
	"ALTER TABLE accounts ADD COLUMN records_version BIGINT NOT NULL DEFAULT 0;"
	"CREATE TABLE dash_kept("
	" trainer_id BIGINT NOT NULL,"
	" client_id BIGINT NOT NULL,"
	" key TEXT NOT NULL CHECK(octet_length(key) BETWEEN 1 AND 100),"
	" version BIGINT NOT NULL,"
	" kept TEXT NOT NULL CHECK(octet_length(kept) <= 65536),"
	" PRIMARY KEY(trainer_id, client_id),"
	" FOREIGN KEY(trainer_id, client_id) REFERENCES trainer_clients(trainer_id, client_id) ON DELETE CASCADE);"
	"ALTER TABLE dash_kept ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE dash_kept FORCE ROW LEVEL SECURITY;"
	"CREATE POLICY own ON dash_kept USING (trainer_id = unhunch_me() AND client_id IN (SELECT unhunch_my_clients()))"
	" WITH CHECK (trainer_id = unhunch_me() AND client_id IN (SELECT unhunch_my_clients()));"
	"CREATE FUNCTION unhunch_records_moved() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
	" IF TG_OP <> 'INSERT' THEN UPDATE accounts SET records_version = txid_current()"
	"  WHERE id = OLD.person_id AND records_version <> txid_current(); END IF;"
	" IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.person_id <> OLD.person_id) THEN"
	"  UPDATE accounts SET records_version = txid_current()"
	"  WHERE id = NEW.person_id AND records_version <> txid_current(); END IF;"
	" RETURN NULL; END$$;"
	MOVES("checkins") MOVES("checkin_regions") MOVES("sessions") MOVES("exercises") MOVES("pains")
	MOVES("exercise_feedback") MOVES("screenings") MOVES("screening_answers") MOVES("clearances")
	MOVES("assessments") MOVES("assessment_answers"),
	/* 17: an enabled admin on the
	 * clinic's page (routes-admin.c) turns another account's second factor off and ends
	 * its logins, as the operator does at the terminal. No policy of the application's
	 * role lets them: a DELETE ... WHERE account_id = $1 needs the rows to pass a SELECT
	 * policy too, which would show the admin the secret. So each is a SECURITY DEFINER
	 * function that returns only what it did: the number of rows gone. account_totp is
	 * FORCEd, so its owner (the functions run as the owner, who makes this migration:
	 * CURRENT_USER) gets the two policies the delete needs, and no other role does; the
	 * recovery codes go with the row (the foreign key's cascade, past the policies);
	 * logins is not FORCEd, so the owner passes its policies. Each function asks
	 * unhunch_is_admin() itself (a superuser owner passes every policy) and never acts
	 * on the admin's own account (their two-step page is for that). The audit line about
	 * it needs nothing new: an admin writes one about anyone (schema 10). */
	"CREATE POLICY admin_reads ON account_totp FOR SELECT TO CURRENT_USER"
	" USING (unhunch_is_admin() AND account_id <> unhunch_me());"
	"CREATE POLICY admin_removes ON account_totp FOR DELETE TO CURRENT_USER"
	" USING (unhunch_is_admin() AND account_id <> unhunch_me());"
	"CREATE FUNCTION unhunch_admin_totp_clear(p_account bigint) RETURNS bigint LANGUAGE sql"
	" SECURITY DEFINER SET search_path = public, pg_temp AS $$WITH gone AS (DELETE FROM account_totp"
	" WHERE account_id = p_account AND p_account <> unhunch_me() AND unhunch_is_admin() RETURNING 1)"
	" SELECT count(*) FROM gone$$;"
	"CREATE FUNCTION unhunch_admin_logins_end(p_account bigint) RETURNS bigint LANGUAGE sql"
	" SECURITY DEFINER SET search_path = public, pg_temp AS $$WITH gone AS (DELETE FROM logins"
	" WHERE account_id = p_account AND p_account <> unhunch_me() AND unhunch_is_admin() RETURNING 1)"
	" SELECT count(*) FROM gone$$;",
	/* 18 (SQLite's 18): what the trainer's dashboard reads of every check-in and
	 * session kept on its row (pg-dash.c): a check-in's places packed 4 bits a place in
	 * the order of enum region (the score plus 1; 0 not rated), a session's exercises
	 * done and skipped and its pain reports counted, by triggers in the same
	 * transaction as the rows they sum, whoever writes those. The rows written before
	 * are summed here, as the owner past the policies: FORCE is lifted from the five
	 * tables read and written meanwhile (FORCEd tables hold the owner to the policies,
	 * which let no row through while no person is named). And a trainer's reads of their clients'
	 * accounts and the audit lines they write about them ask for the set of the
	 * trainer's clients once a statement (as schema 9 did for the records), not
	 * unhunch_trains() and unhunch_is_admin() once a row (the dashboard's kept lines:
	 * 1,000 clients 21 -> 9 ms); that set made in one go, not a row at a time (the
	 * same rows, as PL/pgSQL's RETURN QUERY: 1.5 -> 0.7 ms a statement and table at
	 * 1,000 clients) */
	"ALTER TABLE checkins ADD COLUMN regions BIGINT NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN n_done INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN n_skipped INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sessions ADD COLUMN n_pains INTEGER NOT NULL DEFAULT 0;"
	"CREATE FUNCTION unhunch_region_shift(r text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT CASE r"
	" WHEN 'neck' THEN 0 WHEN 'between-shoulder-blades' THEN 4 WHEN 'upper-back' THEN 8"
	" WHEN 'left-shoulder' THEN 12 WHEN 'right-shoulder' THEN 16 WHEN 'chest' THEN 20 END$$;"
	"ALTER TABLE checkins NO FORCE ROW LEVEL SECURITY;"
	"ALTER TABLE sessions NO FORCE ROW LEVEL SECURITY;"
	"ALTER TABLE checkin_regions NO FORCE ROW LEVEL SECURITY;"
	"ALTER TABLE exercises NO FORCE ROW LEVEL SECURITY;"
	"ALTER TABLE pains NO FORCE ROW LEVEL SECURITY;"
	"UPDATE checkins SET regions = r.sum FROM (SELECT checkin_id, sum((score + 1)::bigint << unhunch_region_shift(region))"
	" AS sum FROM checkin_regions GROUP BY checkin_id) r WHERE r.checkin_id = checkins.id;"
	"UPDATE sessions SET n_done = e.done, n_skipped = e.skipped FROM (SELECT session_id,"
	" count(*) FILTER (WHERE status = 'done') AS done, count(*) FILTER (WHERE status = 'skipped') AS skipped"
	" FROM exercises GROUP BY session_id) e WHERE e.session_id = sessions.id;"
	"UPDATE sessions SET n_pains = p.n FROM (SELECT session_id, count(*) AS n FROM pains GROUP BY session_id) p"
	" WHERE p.session_id = sessions.id;"
	"ALTER TABLE checkins FORCE ROW LEVEL SECURITY;"
	"ALTER TABLE sessions FORCE ROW LEVEL SECURITY;"
	"ALTER TABLE checkin_regions FORCE ROW LEVEL SECURITY;"
	"ALTER TABLE exercises FORCE ROW LEVEL SECURITY;"
	"ALTER TABLE pains FORCE ROW LEVEL SECURITY;"
	"CREATE FUNCTION unhunch_regions_kept() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
	" IF TG_OP <> 'INSERT' THEN UPDATE checkins SET regions = regions"
	"  - ((OLD.score + 1)::bigint << unhunch_region_shift(OLD.region)) WHERE id = OLD.checkin_id; END IF;"
	" IF TG_OP <> 'DELETE' THEN UPDATE checkins SET regions = regions"
	"  + ((NEW.score + 1)::bigint << unhunch_region_shift(NEW.region)) WHERE id = NEW.checkin_id; END IF;"
	" RETURN NULL; END$$;"
	"CREATE TRIGGER checkin_regions_kept AFTER INSERT OR UPDATE OR DELETE ON checkin_regions"
	" FOR EACH ROW EXECUTE FUNCTION unhunch_regions_kept();"
	"CREATE FUNCTION unhunch_exercises_kept() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
	" IF TG_OP <> 'INSERT' THEN UPDATE sessions SET n_done = n_done - (OLD.status = 'done')::int,"
	"  n_skipped = n_skipped - (OLD.status = 'skipped')::int WHERE id = OLD.session_id; END IF;"
	" IF TG_OP <> 'DELETE' THEN UPDATE sessions SET n_done = n_done + (NEW.status = 'done')::int,"
	"  n_skipped = n_skipped + (NEW.status = 'skipped')::int WHERE id = NEW.session_id; END IF;"
	" RETURN NULL; END$$;"
	"CREATE TRIGGER exercises_kept AFTER INSERT OR UPDATE OR DELETE ON exercises"
	" FOR EACH ROW EXECUTE FUNCTION unhunch_exercises_kept();"
	"CREATE FUNCTION unhunch_pains_kept() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
	" IF TG_OP <> 'INSERT' THEN UPDATE sessions SET n_pains = n_pains - 1 WHERE id = OLD.session_id; END IF;"
	" IF TG_OP <> 'DELETE' THEN UPDATE sessions SET n_pains = n_pains + 1 WHERE id = NEW.session_id; END IF;"
	" RETURN NULL; END$$;"
	"CREATE TRIGGER pains_kept AFTER INSERT OR UPDATE OR DELETE ON pains"
	" FOR EACH ROW EXECUTE FUNCTION unhunch_pains_kept();"
	"CREATE OR REPLACE FUNCTION unhunch_my_clients() RETURNS SETOF bigint LANGUAGE plpgsql STABLE SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$BEGIN RETURN QUERY SELECT t.client_id FROM trainer_clients t"
	" JOIN accounts a ON a.id = t.trainer_id WHERE t.trainer_id = unhunch_me()"
	" AND a.role = 'trainer' AND a.disabled_ms = 0; END$$;"
	"DROP POLICY reads ON accounts;"
	"CREATE POLICY reads ON accounts FOR SELECT USING (unhunch_me() = 1 OR id = unhunch_me()"
	" OR id IN (SELECT unhunch_my_clients()) OR unhunch_is_admin() OR EXISTS(SELECT 1 FROM trainer_clients t"
	" WHERE t.client_id = unhunch_me() AND t.trainer_id = accounts.id));"
	"DROP POLICY adds ON audit;"
	"CREATE POLICY adds ON audit FOR INSERT WITH CHECK (actor_id = unhunch_me() AND (unhunch_me() = 1"
	" OR subject_id IN (SELECT unhunch_my_clients()) OR unhunch_is_admin()));",
};
_Static_assert(COUNT(migrations) == PG_SCHEMA_VERSION + 1, "one migration per schema version");

struct pg_store *pg(struct store *s)
{
	struct pg_store *st = (struct pg_store *)s->db;
	st->person = s->person;
	st->acting = s->acting > 0 ? s->acting : s->person;
	return st;
}

/* ---- numbers in the C locale whatever the user's (a German locale writes 9,5): core/cnum.h ---- */

double pg_real(PGresult *r, int row, int col)
{
	return cnum_strtod(PQgetvalue(r, row, col), NULL);
}

char *pg_str(PGresult *r, int row, int col)
{
	return xstrdup(PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

int64_t pg_int(PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

bool pg_null(PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) != 0;
}

bool pg_bool(PGresult *r, int row, int col)
{
	return !PQgetisnull(r, row, col) && PQgetvalue(r, row, col)[0] == 't';
}

void pg_date(char dst[11], PGresult *r, int row, int col)
{
	snprintf(dst, 11, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

/* ---- statements ---- */

/* "WHERE: could not WHAT: reason", plainer for the usual causes: res's error, or
 * connection c's when it has none. */
static int result_fail_on(struct pg_store *st, PGconn *c, PGresult *res, const char *what, struct strbuf *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg)
		msg = PQerrorMessage(c);
	if (state && !strcmp(state, "23503"))
		return pg_fail(err, "%s: could not %s: the record it belongs to does not exist", st->where, what);
	if (state && !strcmp(state, "23505"))
		return pg_fail(err, "%s: could not %s: already recorded (%s)", st->where, what, msg);
	return pg_fail(err, "%s: could not %s: %.*s", st->where, what, (int)strcspn(msg, "\n"), msg);
}

static int result_fail(struct pg_store *st, PGresult *res, const char *what, struct strbuf *err)
{
	return result_fail_on(st, st->conn, res, what, err);
}

/* Fixed SQL only (no parameters; several statements allowed). */
static int exec_fixed(struct pg_store *st, const char *sql, const char *what, struct strbuf *err)
{
	if (PQtransactionStatus(st->conn) == PQTRANS_IDLE)
		st->named = 0; /* a new transaction names its person again */
	PGresult *res = PQexec(st->conn, sql);
	ExecStatusType status = PQresultStatus(res);
	int ret = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? 0 : result_fail(st, res, what, err);
	PQclear(res);
	return ret;
}

/* Row-level security: the open transaction runs as the handle's person from here to
 * its end (set_config(..., true) lasts one transaction), so the policies of
 * migration 2 show and take only that person's rows, whatever the statement's own
 * WHERE says. Once per transaction and person; nothing outside a transaction, or
 * without a person (migrations), where the policies let no row through. */
static int name_person(struct pg_store *st, const char *what, struct strbuf *err)
{
	if (PQtransactionStatus(st->conn) != PQTRANS_INTRANS || st->acting <= 0 || st->named == st->acting)
		return 0;
	char sql[96];
	snprintf(sql, sizeof(sql), "SELECT set_config('unhunch.person', '%" PRId64 "', true)", st->acting);
	if (exec_fixed(st, sql, what, err) < 0) {
		if (PQtransactionStatus(st->conn) != PQTRANS_IDLE)
			PQclear(PQexec(st->conn, "ROLLBACK"));
		return -1;
	}
	st->named = st->acting;
	return 0;
}

/* Statements q[0..nq-1] in a transaction of their own that names the handle's person,
 * in one round trip to the server: BEGIN, the person, the statements and COMMIT go
 * together in libpq's pipeline mode (four round trips one after the other cost a busy
 * clinic most of a page's time: bench/clinic-load). got(r, k, ctx) takes statement k's
 * result as it comes, while the server runs the next ones, and owns it; its -1 takes
 * no more (the server runs them all the same: for reads). A statement that fails
 * makes the server skip the rest; the transaction is then rolled back. 0, or -1 with
 * err. */
struct sent {
	const char *sql;
	int n;
	const char *const *values;
};
typedef int (*got_fn)(PGresult *r, size_t k, void *ctx, struct strbuf *err);

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* NOTICEs ("already exists, skipping") are not for the user */
}

/* A pipeline on connection p->c (struct pg_pipe, pg-internal.h): sent (BEGIN, the
 * person, the statements, COMMIT and the sync) by pipe_send, its results taken by
 * pipe_take, with other work between the two if the caller has any (pg_side_send). */

static int pipe_send(struct pg_store *st, struct pg_pipe *p, int64_t acting, const struct sent *q, size_t nq,
		     const char *what, struct strbuf *err)
{
	PGconn *c = p->c;
	char person[32];
	snprintf(person, sizeof(person), "%" PRId64, acting);
	const char *pv[1] = { person };
	if (PQenterPipelineMode(c) != 1)
		return pg_fail(err, "%s: could not %s: %s", st->where, what, PQerrorMessage(c));
	bool sent = PQsendQueryParams(c, "BEGIN", 0, NULL, NULL, NULL, NULL, 0) == 1 &&
		    PQsendQueryParams(c, "SELECT set_config('unhunch.person', $1, true)", 1, NULL, pv, NULL, NULL,
				      0) == 1;
	for (size_t k = 0; sent && k < nq; k++)
		sent = PQsendQueryParams(c, q[k].sql, q[k].n, NULL, q[k].values, NULL, NULL, 0) == 1;
	p->sent = sent && PQsendQueryParams(c, "COMMIT", 0, NULL, NULL, NULL, NULL, 0) == 1;
	p->synced = PQpipelineSync(c) == 1;
	return 0;
}

static int pipe_take(struct pg_store *st, struct pg_pipe *p, size_t nq, got_fn got, void *ctx, const char *what,
		     struct strbuf *err)
{
	PGconn *c = p->c;
	PGresult *bad = NULL;
	size_t taken = 0;
	int stopped = 0;
	bool ended = false; /* the sync's result seen: every result of the group taken */
	/* each statement's results end with a NULL; the sync's result ends the pipeline */
	for (size_t at = 0, nulls = 0; p->synced && nulls < 2;) {
		PGresult *r = PQgetResult(c);
		if (!r) {
			nulls++;
			at++;
			continue;
		}
		nulls = 0;
		ExecStatusType status = PQresultStatus(r);
		if (status == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			ended = true;
			break;
		}
		if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
			if (!bad && status != PGRES_PIPELINE_ABORTED)
				bad = r;
			else
				PQclear(r);
		} else if (at >= 2 && at - 2 < nq && at - 2 == taken && !stopped && !bad) {
			taken++;
			stopped = got(r, at - 2, ctx, err);
		} else {
			PQclear(r);
		}
	}
	bool left = p->more || PQexitPipelineMode(c) == 1;
	if (!p->sent || !p->synced || !ended || !left || bad || stopped || taken != nq) {
		if (bad)
			result_fail_on(st, c, bad, what, err);
		else if (!stopped)
			pg_fail(err, "%s: could not %s: %s", st->where, what, PQerrorMessage(c));
		PQclear(bad);
		if (!p->more && PQtransactionStatus(c) != PQTRANS_IDLE)
			PQclear(PQexec(c, "ROLLBACK"));
		return -1;
	}
	return 0;
}

static int pipelined(struct pg_store *st, const struct sent *q, size_t nq, got_fn got, void *ctx,
		     const char *what, struct strbuf *err)
{
	struct pg_pipe p = { st->conn, false, false, false };
	st->named = 0;
	if (pipe_send(st, &p, st->acting, q, nq, what, err) < 0)
		return -1;
	return pipe_take(st, &p, nq, got, ctx, what, err);
}

static int keep_result(PGresult *r, size_t k, void *ctx, struct strbuf *err)
{
	(void)k;
	(void)err;
	*(PGresult **)ctx = r;
	return 0;
}

/* One statement in a transaction of its own (pipelined): its result, or NULL with err. */
static PGresult *exec_own(struct pg_store *st, const char *sql, int n, const char *const *values,
			  const char *what, struct strbuf *err)
{
	struct sent one = { sql, n, values };
	PGresult *keep = NULL;
	if (pipelined(st, &one, 1, keep_result, &keep, what, err) < 0) {
		PQclear(keep);
		return NULL;
	}
	return keep;
}

/* p as text parameters in values, numbers written in nums; -1 with err when one is
 * the person of a handle of no one. */
#define MAX_PARAMS 32
static int param_values(struct pg_store *st, const struct param *p, size_t n, const char **values,
			char (*nums)[32], const char *what, struct strbuf *err)
{
	if (n > MAX_PARAMS)
		return pg_fail(err, "%s: could not %s: too many parameters", st->where, what);
	for (size_t k = 0; k < n; k++) {
		values[k] = NULL;
		if (p[k].kind == P_PERSON && p[k].i <= 0) /* the handle of no one has no records */
			return pg_fail(err, "%s: could not %s: no one is acting, and no one has records", st->where,
				       what);
		if (p[k].kind == P_INT || p[k].kind == P_PERSON) {
			snprintf(nums[k], 32, "%" PRId64, p[k].i);
			values[k] = nums[k];
		} else if (p[k].kind == P_REAL) {
			cnum_snprintf(nums[k], 32, "%.17g", p[k].d);
			values[k] = nums[k];
		} else if (p[k].kind == P_TEXT) {
			values[k] = p[k].s;
		}
	}
	return 0;
}

/* Run sql with p as text parameters; the result (PQclear it) or NULL with err. */
static PGresult *exec_params(struct pg_store *st, const char *sql, const struct param *p, size_t n,
			     const char *what, struct strbuf *err)
{
	const char *values[MAX_PARAMS];
	char nums[MAX_PARAMS][32];
	if (param_values(st, p, n, values, nums, what, err) < 0)
		return NULL;
	/* a statement outside a transaction gets one of its own, to name the person in */
	if (st->acting > 0 && PQtransactionStatus(st->conn) == PQTRANS_IDLE)
		return exec_own(st, sql, (int)n, values, what, err);
	if (PQtransactionStatus(st->conn) == PQTRANS_IDLE)
		st->named = 0;
	if (name_person(st, what, err) < 0)
		return NULL;
	PGresult *res = PQexecParams(st->conn, sql, (int)n, NULL, values, NULL, NULL, 0);
	ExecStatusType status = PQresultStatus(res);
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
		result_fail(st, res, what, err);
		PQclear(res);
		return NULL;
	}
	return res;
}

static int each_row(PGresult *r, size_t k, void *ctx, struct strbuf *err)
{
	const struct pg_step *step = (const struct pg_step *)ctx + k;
	int ret = 0;
	for (int i = 0; i < PQntuples(r) && !ret; i++)
		ret = step->row(r, i, step->ctx, err) ? -1 : 0;
	PQclear(r);
	return ret;
}

/* Steps' statements with their parameters as text, for pipe_send (n <= PG_STEPS_MAX). */
struct steps_sent {
	const char *values[PG_STEPS_MAX][MAX_PARAMS];
	char nums[PG_STEPS_MAX][MAX_PARAMS][32];
	struct sent q[PG_STEPS_MAX];
};

static int steps_sent(struct pg_store *st, const struct pg_step *steps, size_t n, struct steps_sent *t,
		      const char *what, struct strbuf *err)
{
	for (size_t k = 0; k < n; k++) {
		if (param_values(st, steps[k].p, steps[k].n, t->values[k], t->nums[k], what, err) < 0)
			return -1;
		t->q[k] = (struct sent){ steps[k].sql, (int)steps[k].n, t->values[k] };
	}
	return 0;
}

int pg_query_all(struct pg_store *st, const struct pg_step *steps, size_t n, const char *what, struct strbuf *err)
{
	/* in a transaction already: one statement after the other in it */
	if (!st->batch && PQtransactionStatus(st->conn) == PQTRANS_INTRANS) {
		int rc = 0;
		for (size_t k = 0; !rc && k < n; k++)
			rc = pg_query(st, steps[k].sql, steps[k].p, steps[k].n, steps[k].row, steps[k].ctx, what, err);
		return rc;
	}
	/* in a batch, or with no person: one after the other in a transaction */
	if (st->batch || st->acting <= 0 || PQtransactionStatus(st->conn) != PQTRANS_IDLE || n > PG_STEPS_MAX) {
		int rc = pg_begin(st, what, err);
		for (size_t k = 0; !rc && k < n; k++)
			rc = pg_query(st, steps[k].sql, steps[k].p, steps[k].n, steps[k].row, steps[k].ctx, what, err);
		if (!rc)
			return pg_commit(st, what, err);
		pg_rollback(st);
		return -1;
	}
	struct steps_sent t;
	if (steps_sent(st, steps, n, &t, what, err) < 0)
		return -1;
	return pipelined(st, t.q, n, each_row, (void *)steps, what, err);
}

static void side_drop(struct pg_store *st)
{
	if (st->pending.c && st->pending.c == st->side) { /* its write's result will never come */
		st->pending.c = NULL;
		if (!st->pending_posted) {
			strbuf_reset(&st->later_err);
			st->later_rc = pg_fail(&st->later_err, "%s: could not %s: the connection to the server was lost",
					       st->where, st->pending_what);
			st->told_later = true;
		}
	}
	PQfinish(st->side);
	st->side = NULL;
}

static int64_t seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

/* The side connection, opened at its first use to the server the first one reached
 * (its host and port over what the location names: a list of hosts, a standby), and
 * again when the server has dropped it; NULL when it cannot be had (then the first
 * connection does its work, and no new one is tried for a minute). */
#define SIDE_RETRY_S 60
static PGconn *side_conn(struct pg_store *st)
{
	if (st->side && (!PQconsumeInput(st->side) || PQstatus(st->side) != CONNECTION_OK))
		side_drop(st);
	if (st->side || !st->location || (st->side_failed_s && seconds_now() - st->side_failed_s < SIDE_RETRY_S))
		return st->side;
	const char *addr = PQhostaddr(st->conn);
	const char *keys[] = { "dbname", "host", "port", addr && *addr ? "hostaddr" : NULL, NULL };
	const char *values[] = { st->location, PQhost(st->conn), PQport(st->conn), addr, NULL };
	PGconn *c = PQconnectdbParams(keys, values, 1);
	if (PQstatus(c) != CONNECTION_OK || PQsetClientEncoding(c, "UTF8") != 0) {
		PQfinish(c);
		st->side_failed_s = seconds_now();
		return NULL;
	}
	st->side_failed_s = 0;
	PQsetNoticeProcessor(c, quiet, NULL);
	return st->side = c;
}

/* The result of the write on its way on the side connection, taken; the connection
 * dropped when it failed (whatever state it is left in: a new one next time). */
static int take_pending(struct pg_store *st, struct strbuf *err)
{
	struct pg_pipe sent = st->pending;
	st->pending.c = NULL;
	PGresult *keep = NULL;
	int rc = pipe_take(st, &sent, 1, keep_result, &keep, st->pending_what, err);
	PQclear(keep);
	if (rc < 0)
		side_drop(st);
	return rc;
}

void pg_side_drain(struct pg_store *st)
{
	if (st->pending.c && st->pending_posted && PQtransactionStatus(st->conn) == PQTRANS_IDLE)
		take_pending(st, NULL);
}

static int side_write(struct pg_store *st, const char *sql, const struct param *p, size_t n, const char *what,
		      bool posted, struct strbuf *err)
{
	const char *values[MAX_PARAMS];
	char nums[MAX_PARAMS][32];
	if (param_values(st, p, n, values, nums, what, err) < 0)
		return -1;
	if (st->batch || st->read_only || st->acting <= 0 || PQtransactionStatus(st->conn) != PQTRANS_IDLE)
		return pg_run(st, sql, p, n, what, err) < 0 ? -1 : 0;
	pg_side_drain(st);
	if (st->pending.c || st->told_later) /* sent, or its result not yet asked for */
		return pg_fail(err, "%s: could not %s: a write is still on its way", st->where, what);
	if (!side_conn(st))
		return pg_run(st, sql, p, n, what, err) < 0 ? -1 : 0;
	struct sent one = { sql, (int)n, values };
	struct pg_pipe sent = { st->side, false, false, false };
	if (pipe_send(st, &sent, st->acting, &one, 1, what, NULL) < 0) {
		side_drop(st); /* a connection that cannot take a pipeline is of no use */
		return pg_run(st, sql, p, n, what, err) < 0 ? -1 : 0;
	}
	st->pending = sent;
	st->pending_what = what;
	st->pending_posted = posted;
	return 0;
}

int pg_side_send(struct pg_store *st, const char *sql, const struct param *p, size_t n, const char *what,
		 struct strbuf *err)
{
	return side_write(st, sql, p, n, what, false, err);
}

int pg_side_post(struct pg_store *st, const char *sql, const struct param *p, size_t n, const char *what,
		 struct strbuf *err)
{
	return side_write(st, sql, p, n, what, true, err);
}

int pg_side_wait(struct pg_store *st, struct strbuf *err)
{
	if (st->told_later) { /* taken by a read on the side connection (pg_query_two) */
		st->told_later = false;
		if (st->later_rc < 0 && err)
			strbuf_addstr(err, strbuf_str(&st->later_err));
		return st->later_rc;
	}
	if (!st->pending.c || st->pending_posted)
		return 0;
	return take_pending(st, err);
}

/* A statement's rows of the side half, counted: a half that failed after some were
 * taken cannot be read again without taking them twice. */
struct side_half {
	const struct pg_step *steps;
	size_t results;
};

static int side_rows(PGresult *r, size_t k, void *ctx, struct strbuf *err)
{
	struct side_half *h = ctx;
	h->results++;
	return each_row(r, k, (void *)h->steps, err);
}

int pg_query_two(struct pg_store *st, const struct pg_step *steps, size_t n, size_t n_side, const char *what,
		 struct strbuf *err)
{
	PGconn *side = NULL;
	if (n_side && n_side < n && n <= PG_STEPS_MAX && !st->batch && st->acting > 0 &&
	    PQtransactionStatus(st->conn) == PQTRANS_IDLE) {
		pg_side_drain(st);
		side = side_conn(st);
	}
	if (side && st->pending.c == side && !(st->pending.sent && st->pending.synced)) {
		side_drop(st); /* a write not sent whole: failed (for pg_side_wait), nothing queued behind it */
		side = NULL;
	}
	if (!side)
		return pg_query_all(st, steps, n, what, err);
	struct steps_sent t;
	if (steps_sent(st, steps, n, &t, what, err) < 0)
		return -1;
	const struct sent *q = t.q;
	size_t n_main = n - n_side;
	struct pg_pipe half = { side, false, false, false }, first = { st->conn, false, false, false };
	bool sent = pipe_send(st, &half, st->acting, q + n_main, n_side, what, NULL) == 0;
	st->named = 0;
	int rc = pipe_send(st, &first, st->acting, q, n_main, what, err);
	if (!rc)
		rc = pipe_take(st, &first, n_main, each_row, (void *)steps, what, err);
	/* the side connection's results in the order sent: a write's before, then the half */
	if (st->pending.c == side) {
		struct pg_pipe w = st->pending;
		w.more = sent;
		st->pending.c = NULL;
		strbuf_reset(&st->later_err);
		PGresult *keep = NULL;
		st->later_rc = pipe_take(st, &w, 1, keep_result, &keep, st->pending_what, &st->later_err);
		PQclear(keep);
		st->told_later = !st->pending_posted;
	}
	struct side_half h = { steps + n_main, 0 };
	struct strbuf half_err = STRBUF_INIT;
	int half_rc = sent ? pipe_take(st, &half, n_side, side_rows, &h, what, &half_err) : -1;
	if (half_rc < 0 || PQtransactionStatus(side) != PQTRANS_IDLE || PQpipelineStatus(side) != PQ_PIPELINE_OFF)
		side_drop(st);
	if (half_rc < 0 && !rc) {
		if (h.results) /* some of its rows taken: not to be taken again */
			rc = pg_fail(err, "%s", strbuf_str(&half_err));
		else
			rc = pg_query_all(st, steps + n_main, n_side, what, err);
	}
	strbuf_release(&half_err);
	return rc;
}

int pg_run(struct pg_store *st, const char *sql, const struct param *p, size_t n, const char *what,
	   struct strbuf *err)
{
	PGresult *res = exec_params(st, sql, p, n, what, err);
	if (!res)
		return -1;
	int changed = atoi(PQcmdTuples(res));
	PQclear(res);
	return changed;
}

int pg_insert(struct pg_store *st, const char *sql, const struct param *p, size_t n, int64_t *id,
	      const char *what, struct strbuf *err)
{
	PGresult *res = exec_params(st, sql, p, n, what, err);
	*id = 0;
	if (!res)
		return -1;
	if (PQntuples(res) > 0)
		*id = pg_int(res, 0, 0);
	PQclear(res);
	return 0;
}

int pg_query(struct pg_store *st, const char *sql, const struct param *p, size_t n, pg_row_fn row, void *ctx,
	     const char *what, struct strbuf *err)
{
	PGresult *res = exec_params(st, sql, p, n, what, err);
	if (!res)
		return -1;
	int ret = 0;
	for (int i = 0; i < PQntuples(res) && !ret; i++)
		ret = row(res, i, ctx, err) ? -1 : 0;
	PQclear(res);
	return ret;
}

int pg_owned(struct store *s, const char *table, const char *noun, int64_t id, const char *what,
	     struct strbuf *err)
{
	struct pg_store *st = pg(s);
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT 1 FROM %s WHERE id = $1 AND person_id = $2", table);
	struct param p[] = { PINT(id), PERSON(s) };
	PGresult *res = exec_params(st, sql, p, COUNT(p), what, err);
	if (!res)
		return -1;
	int found = PQntuples(res);
	PQclear(res);
	if (!found)
		return pg_fail(err, "%s: could not %s: no such %s (%lld)", st->where, what, noun, (long long)id);
	return 0;
}

int pg_begin(struct pg_store *st, const char *what, struct strbuf *err)
{
	if (st->batch)
		return 0;
	pg_side_drain(st); /* a transaction sees the lines put before it */
	if (st->acting <= 0)
		return exec_fixed(st, "BEGIN", what, err);
	/* the transaction and its person in one round trip (name_person's statement) */
	char sql[128];
	snprintf(sql, sizeof(sql), "BEGIN; SELECT set_config('unhunch.person', '%" PRId64 "', true)", st->acting);
	if (exec_fixed(st, sql, what, err) < 0) {
		if (PQtransactionStatus(st->conn) != PQTRANS_IDLE)
			PQclear(PQexec(st->conn, "ROLLBACK"));
		return -1;
	}
	st->named = st->acting;
	return 0;
}

int pg_commit(struct pg_store *st, const char *what, struct strbuf *err)
{
	return st->batch ? 0 : exec_fixed(st, "COMMIT", what, err);
}

void pg_rollback(struct pg_store *st)
{
	if (!st->batch)
		PQclear(PQexec(st->conn, "ROLLBACK"));
}

/* ---- opening ---- */

static int version_row(PGresult *res, int row, void *ctx, struct strbuf *err)
{
	(void)err;
	*(int *)ctx = (int)pg_int(res, row, 0);
	return 0;
}

static int bool_row(PGresult *res, int row, void *ctx, struct strbuf *err)
{
	(void)err;
	*(bool *)ctx = pg_bool(res, row, 0);
	return 0;
}

static int read_version(struct pg_store *st, int *version, struct strbuf *err)
{
	*version = 0;
	return pg_query(st, "SELECT coalesce(max(version), 0) FROM unhunch_schema", NULL, 0, version_row, version,
			"read the schema version", err);
}

/* Bring the schema to version target (PG_SCHEMA_VERSION, or an older one for the
 * upgrade tests), the steps in one transaction that also records them. The advisory
 * lock makes a second server wait, then find it done. */
static int migrate(struct pg_store *st, int target, struct strbuf *err)
{
	const char *what = "upgrade the database";
	int v = 0;
	/* Up to date: nothing to lock or create, so the application's role, which may
	 * not create tables (docs/postgres.md), opens it. */
	bool have = false;
	if (pg_query(st, "SELECT to_regclass('unhunch_schema') IS NOT NULL", NULL, 0, bool_row, &have, what, err) < 0 ||
	    (have && read_version(st, &v, err) < 0))
		return -1;
	if (have && v == target)
		return 0;
	char lock[96];
	snprintf(lock, sizeof(lock), "BEGIN; SELECT pg_advisory_xact_lock(%d);", MIGRATION_LOCK);
	if (exec_fixed(st, lock, what, err) < 0 ||
	    exec_fixed(st, "CREATE TABLE IF NOT EXISTS unhunch_schema(version INTEGER PRIMARY KEY,"
			   " at TIMESTAMPTZ NOT NULL DEFAULT now())", what, err) < 0 ||
	    read_version(st, &v, err) < 0)
		goto undo;
	if (v > PG_SCHEMA_VERSION) {
		pg_fail(err, "%s: its schema version %d is newer than this program knows (%d); "
			     "use a newer unhunch", st->where, v, PG_SCHEMA_VERSION);
		goto undo;
	}
	for (int next = v + 1; next <= target; next++) {
		char mark[64];
		snprintf(mark, sizeof(mark), "INSERT INTO unhunch_schema(version) VALUES (%d)", next);
		if (exec_fixed(st, migrations[next], what, err) < 0 || exec_fixed(st, mark, what, err) < 0)
			goto undo;
	}
	return exec_fixed(st, "COMMIT", what, err);
undo:
	PQclear(PQexec(st->conn, "ROLLBACK"));
	return -1;
}

static void pg_close(struct store_db *db)
{
	struct pg_store *st = (struct pg_store *)db;
	if (!st)
		return;
	PQfinish(st->side);
	PQfinish(st->conn);
	strbuf_release(&st->later_err);
	if (st->location) /* it may hold a password */
		explicit_bzero(st->location, strlen(st->location));
	free(st->location);
	free(st->where);
	free(st);
}

static int pg_open(struct store_db **out, const char *location, unsigned flags, struct strbuf *err)
{
	struct pg_store *st = xcalloc(1, sizeof(*st));
	st->base.ops = &store_pg;
	*out = NULL;
	st->location = xstrdup(location);
	st->read_only = flags & STORE_READ_ONLY;
	st->conn = PQconnectdb(location);
	if (PQstatus(st->conn) != CONNECTION_OK) {
		const char *msg = PQerrorMessage(st->conn);
		pg_fail(err, "could not connect to the PostgreSQL store: %.*s", (int)strcspn(msg, "\n"), msg);
		pg_close(&st->base);
		return -1;
	}
	size_t n = strlen(PQdb(st->conn)) + 32;
	st->where = xmalloc(n);
	snprintf(st->where, n, "postgresql database %s", PQdb(st->conn));
	PQsetNoticeProcessor(st->conn, quiet, NULL);
	/* A read-only open still upgrades an older schema first (as SQLite's does) and
	 * makes the tables of a new database, so that it reads as empty; then no
	 * transaction of this connection may write. */
	if (PQsetClientEncoding(st->conn, "UTF8") != 0)
		pg_fail(err, "%s: could not use UTF-8", st->where);
	else if (!migrate(st, PG_SCHEMA_VERSION, err) &&
		 (!(flags & STORE_READ_ONLY) ||
		  !exec_fixed(st, "SET default_transaction_read_only = on", "open the database", err))) {
		*out = &st->base;
		return 0;
	}
	pg_close(&st->base);
	return -1;
}

/* For the upgrade tests: an empty database made a store of schema version (1 to
 * PG_SCHEMA_VERSION - 1), as that version of unhunch made it. */
static int pg_make_old(const char *location, int version, struct strbuf *err)
{
	if (version < 1 || version >= PG_SCHEMA_VERSION)
		return pg_fail(err, "the PostgreSQL store has no older schema %d (1 to %d)", version,
			       PG_SCHEMA_VERSION - 1);
	struct pg_store *st = xcalloc(1, sizeof(*st));
	st->base.ops = &store_pg;
	st->where = xstrdup("postgresql database");
	st->conn = PQconnectdb(location);
	PQsetNoticeProcessor(st->conn, quiet, NULL);
	bool have = true;
	int rc = -1;
	if (PQstatus(st->conn) != CONNECTION_OK)
		pg_fail(err, "could not connect to the PostgreSQL store: %s", PQerrorMessage(st->conn));
	else if (!pg_query(st, "SELECT to_regclass('unhunch_schema') IS NOT NULL", NULL, 0, bool_row, &have,
			   "make an old store", err) && have)
		pg_fail(err, "%s: could not make an old store: it has a schema already", st->where);
	else if (!have)
		rc = migrate(st, version, err);
	pg_close(&st->base);
	return rc;
}

static int pg_schema_version(struct store *s, int *version, struct strbuf *err)
{
	return read_version(pg(s), version, err);
}

static int missing_row(PGresult *res, int row, void *ctx, struct strbuf *err)
{
	bool *ok = ctx;
	*ok = false;
	pg_fail(err, "missing table %s\n", PQgetvalue(res, row, 0));
	return 0;
}

/* PostgreSQL keeps its own pages and constraints whole; the check confirms the schema
 * version and that every table is there. */
static int pg_check(struct store *s, bool *ok, struct strbuf *err)
{
	struct pg_store *st = pg(s);
	int v;
	*ok = true;
	if (read_version(st, &v, err) < 0)
		return -1;
	if (v != PG_SCHEMA_VERSION) {
		*ok = false;
		pg_fail(err, "%s: schema version %d, not %d\n", st->where, v, PG_SCHEMA_VERSION);
	}
	return pg_query(st, "SELECT t FROM unnest(ARRAY['sessions','sets','exercises','pains','checkins',"
			    "'checkin_regions','screenings','screening_answers','clearances','psfs_activities',"
			    "'psfs_ratings','assessments','assessment_answers','assessment_factors',"
			    "'exercise_feedback','plan_changes','break_events','session_lock','web_sessions',"
			    "'idempotency_keys','accounts','trainer_clients','invites','logins',"
			    "'login_failures','prescriptions','audit','appointments','account_totp',"
			    "'recovery_codes','dash_kept']) t"
			    " WHERE to_regclass(t) IS NULL",
			NULL, 0, missing_row, ok, "check the database", err);
}

/* ---- sessions ---- */

static int pg_session_begin(struct store *s, struct session_row *row, struct strbuf *err)
{
	if (valid_session(row, err))
		return -1;
	struct param p[] = {
		PERSON(s), PTEXT(row->routine_id), PINT(row->started_ms),
		row->status == SESSION_RUNNING ? PNULL : PINT(row->ended_ms),
		PTEXT(session_status_names[row->status]), PINT(row->pain_before),
		PINT(row->pain_after), PTEXT(row->pacing),
	};
	return pg_insert(pg(s), "INSERT INTO sessions(person_id, routine_id, started_ms, ended_ms, status, pain_before,"
				" pain_after, pacing) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
			 p, COUNT(p), &row->id, "start a session", err);
}

static int pg_session_end(struct store *s, int64_t id, enum session_status status, int pain_after,
			  int64_t ended_ms, struct strbuf *err)
{
	if (valid_session_end(status, pain_after, err))
		return -1;
	struct param p[] = {
		status == SESSION_RUNNING ? PNULL : PINT(ended_ms), PTEXT(session_status_names[status]),
		PINT(pain_after), PINT(id), PERSON(s),
	};
	int changed = pg_run(pg(s), "UPDATE sessions SET ended_ms = $1, status = $2, pain_after = $3"
				    " WHERE id = $4 AND person_id = $5", p, COUNT(p), "end the session", err);
	if (changed < 0)
		return -1;
	if (changed != 1)
		return pg_fail(err, "%s: could not end session %lld: no such session", pg(s)->where, (long long)id);
	return 0;
}

static int pg_set_add(struct store *s, int64_t session, const struct set_row *row, struct strbuf *err)
{
	if (valid_set(row, err))
		return -1;
	if (pg_owned(s, "sessions", "session", session, "save a set", err) < 0)
		return -1;
	struct param p[] = {
		PERSON(s), PINT(session), PINT(row->item), PTEXT(row->exercise_id), PINT(row->set_no),
		PTEXT(row->side ? row->side : ""), PINT(row->reps_target), PINT(row->reps_done),
		PINT(row->duration_ms), PINT(row->at_ms),
	};
	return pg_run(pg(s), "INSERT INTO sets(person_id, session_id, item, exercise_id, set_no, side, reps_target,"
			     " reps_done, duration_ms, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
			     " ON CONFLICT(session_id, item, exercise_id, set_no, side) DO NOTHING",
		      p, COUNT(p), "save a set", err) < 0 ? -1 : 0;
}

static int pg_exercise_add(struct store *s, int64_t session, const struct exercise_row *row, struct strbuf *err)
{
	if (valid_exercise(row, err))
		return -1;
	if (pg_owned(s, "sessions", "session", session, "save an exercise", err) < 0)
		return -1;
	struct param p[] = {
		PERSON(s), PINT(session), PINT(row->item), PTEXT(row->exercise_id),
		PTEXT(exercise_status_names[row->status]), PINT(row->reps_done), PINT(row->duration_ms),
		PINT(row->at_ms),
	};
	/* the same step again keeps the first; a skipped exercise done after going back
	 * to it counts as done (or stopped, when pain stopped it) */
	return pg_run(pg(s), "INSERT INTO exercises(person_id, session_id, item, exercise_id, status, reps_done,"
			     " duration_ms, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
			     " ON CONFLICT(session_id, item, exercise_id) DO UPDATE SET status = excluded.status,"
			     " reps_done = excluded.reps_done, duration_ms = excluded.duration_ms, at_ms = excluded.at_ms"
			     " WHERE exercises.status = 'skipped' AND excluded.status <> 'skipped'"
			     " AND exercises.person_id = excluded.person_id",
		      p, COUNT(p), "save an exercise", err) < 0 ? -1 : 0;
}

static int pg_pain_add(struct store *s, int64_t session, const struct pain_row *row, struct strbuf *err)
{
	if (valid_pain(row, err))
		return -1;
	if (pg_owned(s, "sessions", "session", session, "save a pain report", err) < 0)
		return -1;
	struct param p[] = {
		PERSON(s), PINT(session), PINT(row->item), PTEXT(row->exercise_id ? row->exercise_id : ""),
		PINT(row->score), PTEXT(row->action ? row->action : ""), PINT(row->at_ms),
	};
	return pg_run(pg(s), "INSERT INTO pains(person_id, session_id, item, exercise_id, score, action, at_ms)"
			     " VALUES ($1, $2, $3, $4, $5, $6, $7)", p, COUNT(p), "save a pain report", err) < 0 ? -1 : 0;
}

#define SESSION_SELECT \
	"SELECT id, routine_id, started_ms, ended_ms, status, pain_before, pain_after, pacing," \
	" (SELECT count(*) FROM exercises e WHERE e.session_id = s.id AND e.status = 'done')," \
	" (SELECT count(*) FROM exercises e WHERE e.session_id = s.id AND e.status = 'skipped')," \
	" (SELECT count(*) FROM pains p WHERE p.session_id = s.id)" \
	" FROM sessions s WHERE person_id = $1"

static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

static int session_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	struct rows *r = ctx;
	struct session_row *v = r->v;
	int k = name_index(session_status_names, N_SESSION_STATUS, PQgetvalue(res, i, 4));
	if (k < 0)
		return pg_fail(err, "session %lld has an unknown status '%s'", (long long)pg_int(res, i, 0),
			       PQgetvalue(res, i, 4));
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct session_row){
		.id = pg_int(res, i, 0),
		.routine_id = pg_str(res, i, 1),
		.started_ms = pg_int(res, i, 2),
		.ended_ms = pg_int(res, i, 3), /* NULL reads as 0 */
		.status = (enum session_status)k,
		.pain_before = (int)pg_int(res, i, 5),
		.pain_after = (int)pg_int(res, i, 6),
		.pacing = pg_str(res, i, 7),
		.exercises_done = (int)pg_int(res, i, 8),
		.exercises_skipped = (int)pg_int(res, i, 9),
		.pain_events = (int)pg_int(res, i, 10),
	};
	return 0;
}

static int sessions_where(struct store *s, const char *tail, struct rows *r, const char *what, struct strbuf *err)
{
	char sql[1024];
	snprintf(sql, sizeof(sql), "%s%s", SESSION_SELECT, tail);
	struct param p[] = { PERSON(s) };
	if (pg_query(pg(s), sql, p, COUNT(p), session_row, r, what, err) < 0) {
		store_sessions_free(r->v, r->n);
		*r = (struct rows){ 0 };
		return -1;
	}
	return 0;
}

static int pg_session_unfinished(struct store *s, struct session_row *out, bool *found, struct strbuf *err)
{
	struct rows r = { 0 };
	*found = false;
	*out = (struct session_row){ .pain_before = -1, .pain_after = -1 };
	if (sessions_where(s, " AND status IN ('running', 'quit') ORDER BY started_ms DESC, id DESC LIMIT 1", &r,
			   "look for an unfinished session", err) < 0)
		return -1;
	if (r.n) {
		*out = ((struct session_row *)r.v)[0];
		*found = true;
	}
	free(r.v);
	return 0;
}

static int pg_sessions_list(struct store *s, struct session_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	int ret = sessions_where(s, " ORDER BY started_ms, id", &r, "list the sessions", err);
	*rows = r.v;
	*n = r.n;
	return ret;
}

static int pg_sessions_since(struct store *s, int64_t from_ms, struct session_row **rows, size_t *n,
			     struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PERSON(s), PINT(from_ms) };
	*rows = NULL;
	*n = 0;
	if (pg_query(pg(s), SESSION_SELECT " AND started_ms >= $2 ORDER BY started_ms, id", p, COUNT(p), session_row, &r,
		     "list the latest sessions", err) < 0) {
		store_sessions_free(r.v, r.n);
		return -1;
	}
	*rows = r.v;
	*n = r.n;
	return 0;
}

static int set_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct set_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct set_row){
		.item = (int)pg_int(res, i, 0),
		.exercise_id = pg_str(res, i, 1),
		.set_no = (int)pg_int(res, i, 2),
		.side = pg_str(res, i, 3),
		.reps_target = (int)pg_int(res, i, 4),
		.reps_done = (int)pg_int(res, i, 5),
		.duration_ms = pg_int(res, i, 6),
		.at_ms = pg_int(res, i, 7),
	};
	return 0;
}

/* Sets, exercises and pains come back in the order they were recorded. */
static int pg_sets_of(struct store *s, int64_t session, struct set_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(session), PERSON(s) };
	int ret = pg_query(pg(s), "SELECT item, exercise_id, set_no, side, reps_target, reps_done, duration_ms, at_ms"
				  " FROM sets WHERE session_id = $1 AND person_id = $2 ORDER BY id",
			   p, COUNT(p), set_row, &r, "read the sets", err);
	if (ret < 0) {
		store_sets_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}

static int exercise_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	struct rows *r = ctx;
	struct exercise_row *v = r->v;
	int k = name_index(exercise_status_names, N_EXERCISE_STATUS, PQgetvalue(res, i, 2));
	if (k < 0)
		return pg_fail(err, "an exercise has an unknown status '%s'", PQgetvalue(res, i, 2));
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct exercise_row){
		.item = (int)pg_int(res, i, 0),
		.exercise_id = pg_str(res, i, 1),
		.status = (enum exercise_status)k,
		.reps_done = (int)pg_int(res, i, 3),
		.duration_ms = pg_int(res, i, 4),
		.at_ms = pg_int(res, i, 5),
	};
	return 0;
}

static int pg_exercises_of(struct store *s, int64_t session, struct exercise_row **rows, size_t *n,
			   struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(session), PERSON(s) };
	int ret = pg_query(pg(s), "SELECT item, exercise_id, status, reps_done, duration_ms, at_ms"
				  " FROM exercises WHERE session_id = $1 AND person_id = $2 ORDER BY id",
			   p, COUNT(p), exercise_row, &r, "read the exercises", err);
	if (ret < 0) {
		store_exercises_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}

static int pain_row(PGresult *res, int i, void *ctx, struct strbuf *err)
{
	(void)err;
	struct rows *r = ctx;
	struct pain_row *v = r->v;
	GROW(v, r->n + 1, r->alloc);
	r->v = v;
	v[r->n++] = (struct pain_row){
		.item = (int)pg_int(res, i, 0),
		.exercise_id = pg_str(res, i, 1),
		.score = (int)pg_int(res, i, 2),
		.action = pg_str(res, i, 3),
		.at_ms = pg_int(res, i, 4),
	};
	return 0;
}

static int pg_pains_of(struct store *s, int64_t session, struct pain_row **rows, size_t *n, struct strbuf *err)
{
	struct rows r = { 0 };
	struct param p[] = { PINT(session), PERSON(s) };
	int ret = pg_query(pg(s), "SELECT item, exercise_id, score, action, at_ms FROM pains"
				  " WHERE session_id = $1 AND person_id = $2 ORDER BY id",
			   p, COUNT(p), pain_row, &r, "read the pain reports", err);
	if (ret < 0) {
		store_pains_free(r.v, r.n);
		r = (struct rows){ 0 };
	}
	*rows = r.v;
	*n = r.n;
	return ret;
}

const struct store_ops store_pg = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.make_old = pg_make_old,
	.schema_version = pg_schema_version,
	.check = pg_check,
	.session_begin = pg_session_begin,
	.session_end = pg_session_end,
	.set_add = pg_set_add,
	.exercise_add = pg_exercise_add,
	.pain_add = pg_pain_add,
	.session_unfinished = pg_session_unfinished,
	.sets_of = pg_sets_of,
	.exercises_of = pg_exercises_of,
	.pains_of = pg_pains_of,
	.sessions_list = pg_sessions_list,
	.sessions_since = pg_sessions_since,
	.checkin_add = pg_checkin_add,
	.checkins_list = pg_checkins_list,
	.checkins_between = pg_checkins_between,
	.checkin_add_once = pg_checkin_add_once,
	.screening_add = pg_screening_add,
	.screening_latest = pg_screening_latest,
	.screenings_list = pg_screenings_list,
	.clearance_add = pg_clearance_add,
	.clearances_list = pg_clearances_list,
	.psfs_activity_add = pg_psfs_activity_add,
	.psfs_activities = pg_psfs_activities,
	.psfs_rate = pg_psfs_rate,
	.psfs_ratings = pg_psfs_ratings,
	.forget_all = pg_forget_all,
	.assessment_add = pg_assessment_add,
	.assessments_list = pg_assessments_list,
	.feedback_add = pg_feedback_add,
	.feedback_list = pg_feedback_list,
	.plan_change_add = pg_plan_change_add,
	.plan_changes_list = pg_plan_changes_list,
	.prescription_add = pg_prescription_add,
	.prescriptions_list = pg_prescriptions_list,
	.dashboard_facts = pg_dashboard_facts,
	.dash_kept_get = pg_dash_kept_get,
	.dash_kept_put = pg_dash_kept_put,
	.appointment_add = pg_appointment_add,
	.appointments_list = pg_appointments_list,
	.break_add = pg_break_add,
	.breaks_since = pg_breaks_since,
	.batch_begin = pg_batch_begin,
	.batch_end = pg_batch_end,
	.part_begin = pg_part_begin,
	.part_end = pg_part_end,
	.session_lock = pg_session_lock,
	.session_unlock = pg_session_unlock,
	.idem_get = pg_idem_get,
	.idem_put = pg_idem_put,
	.web_session_add = pg_web_session_add,
	.web_session_find = pg_web_session_find,
	.web_session_of = pg_web_session_of,
	.account_add = pg_account_add,
	.accounts_exist = pg_accounts_exist,
	.account_get = pg_account_get,
	.accounts_list = pg_accounts_list,
	.account_set_password = pg_account_set_password,
	.totp_get = pg_totp_get,
	.totp_put = pg_totp_put,
	.totp_use = pg_totp_use,
	.totp_clear = pg_totp_clear,
	.recovery_put = pg_recovery_put,
	.recovery_use = pg_recovery_use,
	.recovery_left = pg_recovery_left,
	.invite_add = pg_invite_add,
	.invite_find = pg_invite_find,
	.invite_use = pg_invite_use,
	.login_add = pg_login_add,
	.login_get = pg_login_get,
	.login_seen = pg_login_seen,
	.login_end = pg_login_end,
	.logins_end_all = pg_logins_end_all,
	.logins_prune = pg_logins_prune,
	.throttle_get = pg_throttle_get,
	.throttle_fail = pg_throttle_fail,
	.throttle_clear = pg_throttle_clear,
	.throttle_prune = pg_throttle_prune,
	.trainers_list = pg_trainers_list,
	.link_end = pg_link_end,
	.account_set_disabled = pg_account_set_disabled,
	.account_delete = pg_account_delete,
	.trains = pg_trains,
	.audit_add = pg_audit_add,
	.audit_send = pg_audit_send,
	.audit_wait = pg_audit_wait,
	.audit_list = pg_audit_list,
};
