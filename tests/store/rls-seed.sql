-- rls-seed.sql: rows in every table of the PostgreSQL store for the row-level security
-- test (tests/store/rls.sh), loaded by a superuser: client 9002 ("B") has a record of
-- each kind, 9003 is B's trainer with an invitation out and the one B accepted, 9001 another client ("A"),
-- 9004 another trainer, 9005 an admin; TB has looked at B's progress (audit). A new table needs its
-- rows here, or the test fails.
INSERT INTO accounts(id, role, login, display_name, password_hash, created_ms) OVERRIDING SYSTEM VALUE VALUES
  (9001, 'client', 'rls-a', 'A', 'x', 1), (9002, 'client', 'rls-b', 'B', 'x', 1),
  (9003, 'trainer', 'rls-tb', 'TB', 'x', 1), (9004, 'trainer', 'rls-t2', 'T2', 'x', 1),
  (9005, 'admin', 'rls-admin', 'Ad', 'x', 1);
INSERT INTO trainer_clients(trainer_id, client_id, since_ms) VALUES (9003, 9002, 1);
INSERT INTO invites(trainer_id, token_hash, display_name, created_ms, expires_ms)
  VALUES (9003, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'C', 1, 2);
-- the invitation B accepted (B reads and deletes it with their account)
INSERT INTO invites(trainer_id, token_hash, display_name, created_ms, expires_ms, used_ms, client_id)
  VALUES (9003, 'cccccccccccccccccccccccccccccccc', 'B', 1, 2, 1, 9002);
INSERT INTO sessions(id, person_id, routine_id, started_ms, status, pacing) OVERRIDING SYSTEM VALUE
  VALUES (9100, 9002, 'r', 1, 'finished', 'content');
INSERT INTO sets(person_id, session_id, item, exercise_id, set_no, reps_target, reps_done, duration_ms, at_ms)
  VALUES (9002, 9100, 0, 'e', 1, 5, 5, 1000, 2);
INSERT INTO exercises(person_id, session_id, item, exercise_id, status, reps_done, duration_ms, at_ms)
  VALUES (9002, 9100, 0, 'e', 'done', 5, 1000, 2);
INSERT INTO pains(person_id, session_id, item, score, at_ms) VALUES (9002, 9100, 0, 3, 2);
INSERT INTO checkins(id, person_id, date, at_ms, pain) OVERRIDING SYSTEM VALUE VALUES (9101, 9002, '2026-01-01', 1, 3);
INSERT INTO checkin_regions(person_id, checkin_id, region, score) VALUES (9002, 9101, 'neck', 3);
INSERT INTO screenings(id, person_id, at_ms, level, neck_clear) OVERRIDING SYSTEM VALUE VALUES (9102, 9002, 1, 0, true);
INSERT INTO screening_answers(person_id, screening_id, question_id, yes, level) VALUES (9002, 9102, 'q', false, 0);
INSERT INTO clearances(person_id, at_ms, date, note, screening_id) VALUES (9002, 1, '2026-01-01', 'ok', 9102);
INSERT INTO psfs_activities(id, person_id, name, added_ms) OVERRIDING SYSTEM VALUE VALUES (9103, 9002, 'reading', 1);
INSERT INTO psfs_ratings(person_id, activity_id, date, score) VALUES (9002, 9103, '2026-01-01', 5);
INSERT INTO assessments(id, person_id, date, at_ms) OVERRIDING SYSTEM VALUE VALUES (9104, 9002, '2026-01-01', 1);
INSERT INTO assessment_answers(person_id, assessment_id, question, value) VALUES (9002, 9104, 'desk-hours', 8);
INSERT INTO assessment_factors(person_id, assessment_id, factor, strength, reason)
  VALUES (9002, 9104, 'posture-load', 2, 'r');
INSERT INTO exercise_feedback(id, person_id, date, at_ms, session_id, routine_id, exercise_id, feeling)
  OVERRIDING SYSTEM VALUE VALUES (9105, 9002, '2026-01-01', 1, 9100, 'r', 'e', 'right');
INSERT INTO plan_changes(person_id, date, at_ms, feedback_id, routine_id, slot, action, from_exercise, to_exercise,
  from_reps, to_reps, from_duration_s, to_duration_s, paused, reason)
  VALUES (9002, '2026-01-01', 1, 9105, 'r', 's', 'hold', 'e', 'e', 5, 5, 0, 0, false, 'r');
INSERT INTO prescriptions(person_id, date, at_ms, trainer_id, routine_id, slot, exercise_id, reps, sets, hold_s,
  duration_s, note, warnings) VALUES (9002, '2026-01-01', 1, 9003, 'r', 's', 'e', 8, 2, 0, 0, 'n', '');
INSERT INTO appointments(person_id, date, at_ms, trainer_id, trainer_name, kind, areas, note)
  VALUES (9002, '2026-01-01', 1, 9003, 'tb', 'massage', 'chest,ribs', 'n');
INSERT INTO break_events(person_id, at_ms, kind, event) VALUES (9002, 1, 'micro', 'shown');
INSERT INTO session_lock(person_id, holder, at_ms) VALUES (9002, 'b', 1);
INSERT INTO web_sessions(person_id, session_id, web_id, pass_id) VALUES (9002, 9100, 'web00000', 'pass0000');
INSERT INTO idempotency_keys(person_id, key, request_hash, status, answer, at_ms) VALUES (9002, 'k', 'h', 200, '{}', 1);
INSERT INTO logins(id_hash, account_id, created_ms, seen_ms) VALUES ('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 9002, 1, 2);
INSERT INTO login_failures(key, failures, last_ms) VALUES ('name:rls-b', 1, 1);
INSERT INTO account_totp(account_id, secret, confirmed_ms, last_step) VALUES (9002, '3132333435363738393031323334353637383930', 1, 1);
INSERT INTO recovery_codes(account_id, code_hash) VALUES (9002, '1111111111111111111111111111111111111111111111111111111111111111');
INSERT INTO audit(actor_id, actor_name, subject_id, what, at_ms) VALUES (9003, 'TB', 9002, 'progress page', 1);
-- TB's dashboard line of B, kept
INSERT INTO dash_kept(trainer_id, client_id, key, version, kept) VALUES (9003, 9002, 'k', 0, 'x');
