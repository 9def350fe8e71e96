# bench/lib/ten-years.sh: sourced by the benchmarks. make_ten_years BIN [YEARS [END]] fills
# the store of $XDG_DATA_HOME (set by the caller) with YEARS (default 10) of daily check-ins
# up to the day of END (Unix seconds; default now)
# (two regions each) and three sessions a week, each with its eight exercises done and
# one set each (a session without a done exercise would not count), written straight
# with the sqlite3 shell (the program would take minutes), after the program itself
# created the database and its schema (whose triggers keep the sums a check-in's places
# and a session's counts make on their rows, as for the program's own writes).
make_ten_years() {
  local bin=$1 years=${2:-10}
  db="$XDG_DATA_HOME/unhunch/unhunch.db"
  "$bin" checkin --pain 3 --date 2000-01-01 >/dev/null   # creates the database and its schema
  days=$(( (years * 36525 + 50) / 100 ))
  today=${3:-$(date +%s)}
  sqlite3 "$db" <<SQL
DELETE FROM checkins;
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < $days - 1)
INSERT INTO checkins(date, at_ms, pain, headache, stiffness, stress, sleep, desk_hours, massage, note)
SELECT date($today - ($days - 1 - i) * 86400, 'unixepoch', 'localtime'), ($today - ($days - 1 - i) * 86400) * 1000,
       abs(random() % 8), abs(random() % 5), abs(random() % 6), abs(random() % 10), abs(random() % 10),
       6 + abs(random() % 5), (i % 14 = 0), CASE WHEN i % 30 = 0 THEN 'monthly note' END
FROM d;
INSERT INTO checkin_regions(checkin_id, region, score) SELECT id, 'neck', abs(random() % 9) FROM checkins;
INSERT INTO checkin_regions(checkin_id, region, score) SELECT id, 'upper-back', abs(random() % 9) FROM checkins;
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < $days - 1)
INSERT INTO sessions(routine_id, started_ms, ended_ms, status, pain_before, pain_after, pacing)
SELECT 'upper-back-activation', ($today - ($days - 1 - i) * 86400) * 1000, ($today - ($days - 1 - i) * 86400 + 700) * 1000,
       'finished', 3, 2, 'content'
FROM d WHERE i % 7 IN (0, 2, 4);
CREATE TEMP TABLE items(item, exercise_id);
INSERT INTO items VALUES (0, 'glute-bridge'), (1, 'superman'), (2, 'v-raise'), (3, 'scapular-push-up'),
  (4, 'snow-angel'), (5, 'neck-range-supported'), (6, 'shrug-roll'), (7, 'relaxation-snow-angel');
INSERT INTO exercises(session_id, item, exercise_id, status, reps_done, duration_ms, at_ms)
SELECT s.id, t.item, t.exercise_id, 'done', 8, 60000, s.started_ms + (t.item + 1) * 80000 FROM sessions s, items t;
INSERT INTO sets(session_id, item, exercise_id, set_no, side, reps_target, reps_done, duration_ms, at_ms)
SELECT session_id, item, exercise_id, 1, '', 8, 8, 60000, at_ms FROM exercises;
SQL
}
