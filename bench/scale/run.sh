#!/usr/bin/env bash
# bench/scale/run.sh: ten years of daily check-ins (two regions each) and three sessions
# a week, then time `progress`, `progress --json` and `report` (median and max of 11
# runs each; target: each at most 50 ms).
# Usage: bash bench/scale/run.sh [path/to/unhunch]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/unhunch}
tmp=$(mktemp -d /tmp/unhunch-scale.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_DATA_HOME="$tmp/share"
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
echo "data: $(sqlite3 "$db" 'SELECT count(*) FROM checkins') check-ins, $(sqlite3 "$db" 'SELECT count(*) FROM sessions') sessions, $(du -h "$db" | cut -f1) database"

time_cmd() { # label, command...
  local label=$1; shift
  local t=()
  for _ in $(seq 1 11); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    t+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk -v label="$label" '{ v[NR] = $1 } END { printf "%-16s median %.1f ms  max %.1f ms  (11 runs)\n", label, v[6] / 1000, v[NR] / 1000 }'
}
time_cmd "progress" "$bin" progress
time_cmd "progress --json" "$bin" progress --json
if "$bin" report -o "$tmp/r.html" >/dev/null 2>&1; then
  time_cmd "report" "$bin" report -o "$tmp/r.html"
  echo "report size: $(du -h "$tmp/r.html" | cut -f1)"
else
  echo "report: not available"
fi
