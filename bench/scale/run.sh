#!/usr/bin/env bash
# bench/scale/run.sh: ten years of daily check-ins (two regions each) and three sessions
# a week, then time `progress`, `progress --json` and `report` (median and max of 11
# runs each, spawned without a shell; goal of issue 14: each at most 20 ms) beside the
# sqlite3 shell reading every row of the same store.
# Usage: bash bench/scale/run.sh [path/to/unhunch]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/unhunch}
tmp=$(mktemp -d /tmp/unhunch-scale.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_DATA_HOME="$tmp/share"
. "$here/../lib/ten-years.sh"
make_ten_years "$bin"
db="$XDG_DATA_HOME/unhunch/unhunch.db"
echo "data: $(sqlite3 "$db" 'SELECT count(*) FROM checkins') check-ins, $(sqlite3 "$db" 'SELECT count(*) FROM sessions') sessions, $(du -h "$db" | cut -f1) database"

# Timed by bench/startup/spawn-time.c: 11 runs each in turns, median; beside it the peer,
# the sqlite3 shell reading every check-in, region and session row of the same store.
cc -O2 -o "$tmp/spawn-time" "$here/../startup/spawn-time.c"
"$bin" report -o "$tmp/r.html" >/dev/null 2>&1 || echo "report: does not run"
"$tmp/spawn-time" 11 progress "$bin" progress \; progress-json "$bin" progress --json \; \
  report "$bin" report -o "$tmp/r.html" \; \
  sqlite3-all sqlite3 "$db" "SELECT * FROM checkins; SELECT * FROM checkin_regions; SELECT * FROM sessions;" >"$tmp/t"
awk -F'\t' '{ printf "%-16s median %6.1f ms  max %6.1f ms  exit %s (11 runs)\n", $1, $2/1000, $5/1000, $6 }' "$tmp/t"
echo "report size: $(du -h "$tmp/r.html" | cut -f1)"
ms() { awk -F'\t' -v l="$1" '$1 == l { printf "%.1f ms", $2 / 1000 }' "$tmp/t"; }
echo "@row	progress, 10-year store	$(ms progress)	<= 20 ms	sqlite3 reading every row $(ms sqlite3-all)"
echo "@row	progress --json, 10-year store	$(ms progress-json)	<= 20 ms	sqlite3 reading every row $(ms sqlite3-all)"
echo "@row	report, 10-year store	$(ms report)	<= 20 ms	sqlite3 reading every row $(ms sqlite3-all)"
