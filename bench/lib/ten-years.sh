# bench/lib/ten-years.sh: sourced by the benchmarks. make_ten_years BIN fills the store
# of $XDG_DATA_HOME (set by the caller) with ten years of daily check-ins (two regions
# each) and three sessions a week, written straight with the sqlite3 shell (the program
# would take minutes), after the program itself created the database and its schema.
make_ten_years() {
  local bin=$1
  db="$XDG_DATA_HOME/unhunch/unhunch.db"
  "$bin" checkin --pain 3 --date 2000-01-01 >/dev/null   # creates the database and its schema
  days=3653
  today=$(date +%s)
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
SQL
}
