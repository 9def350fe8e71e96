#!/usr/bin/env bash
# bench/scale/run.sh: reports on years of data, in time and in memory.
# Method: stores of 1, 10 and 50 years of daily check-ins (two regions each) and three
# sessions a week with their exercises (bench/lib/ten-years.sh). On each, spawn-time.c
# (bench/startup) runs `progress`, `progress --json` and `report -o FILE` 11 times each
# in turns, spawned without a shell, and reports the median; beside them in the same
# rounds, the peer: the sqlite3 shell reading every check-in, region and session row of
# the same store. How the time grows from 1 to 10 to 50 years is printed beside how the
# data grows. Then, on the ten-year store, the peak resident memory (ru_maxrss from
# wait4, the largest of 3 runs) of every command that reads the store, beside the
# sqlite3 shell's reading every row.
# Goals (issue 14): each of the three <= 20 ms median on ten years, growing no faster
# than the data; no command above 16 MiB on that store.
# Usage: bash bench/scale/run.sh [path/to/unhunch]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/unhunch}
tmp=$(mktemp -d /tmp/unhunch-scale.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
. "$here/../lib/ten-years.sh"
cc -O2 -o "$tmp/spawn-time" "$here/../startup/spawn-time.c"
ms() { awk -F'\t' -v l="$2" '$1 == l { printf "%.1f", $2 / 1000 }' "$1"; }
mib() { awk -F'\t' -v l="$2" '$1 == l { printf "%.1f MiB", $7 / 1024 }' "$1"; }

for y in 1 10 50; do
  export HOME="$tmp/y$y" XDG_DATA_HOME="$tmp/y$y/share"
  mkdir -p "$HOME"
  make_ten_years "$bin" "$y"
  db="$XDG_DATA_HOME/unhunch/unhunch.db"
  echo "$y years: $(sqlite3 "$db" 'SELECT count(*) FROM checkins') check-ins, $(sqlite3 "$db" 'SELECT count(*) FROM sessions') sessions, $(du -h "$db" | cut -f1) database"
  "$bin" report -o "$tmp/r.html" >/dev/null 2>&1 || echo "report: does not run"
  "$tmp/spawn-time" 11 progress "$bin" progress \; progress-json "$bin" progress --json \; \
    report "$bin" report -o "$tmp/r.html" \; \
    sqlite3-all sqlite3 "$db" "SELECT * FROM checkins; SELECT * FROM checkin_regions; SELECT * FROM sessions;" \
    >"$tmp/t$y"
  awk -F'\t' '{ printf "  %-14s median %7.1f ms  max %7.1f ms  exit %s (11 runs)\n", $1, $2/1000, $5/1000, $6 }' "$tmp/t$y"
done
. "$here/../lib/verdict.sh"
t=$tmp/t10
for c in progress progress-json report; do
  label=$c; [ $c = progress-json ] && label="progress --json"
  echo "@row	$label, 10-year store (median of 11)	$(ms "$t" $c) ms	<= 20 ms	sqlite3 reading every row $(ms "$t" sqlite3-all) ms	$(at_most "$(ms "$t" $c)" 20)"
  # no faster than the data: from 1 to 50 years (50 times the rows) at most 50 times the
  # time, and from 10 to 50 years at most 5 times
  g=$(awk -v a="$(ms "$tmp/t1" $c)" -v b="$(ms "$t" $c)" -v z="$(ms "$tmp/t50" $c)" \
    'BEGIN { print (z <= 50 * a && z <= 5 * b) ? "ok" : "MISSED" }')
  echo "@row	$label, 1 -> 10 -> 50 years	$(ms "$tmp/t1" $c) -> $(ms "$t" $c) -> $(ms "$tmp/t50" $c) ms	no faster than data x10, x50	sqlite3 $(ms "$tmp/t1" sqlite3-all) -> $(ms "$t" sqlite3-all) -> $(ms "$tmp/t50" sqlite3-all) ms	$g"
done

# Memory of every command that reads the store, on the ten-year store.
export HOME="$tmp/y10" XDG_DATA_HOME="$tmp/y10/share"
db="$XDG_DATA_HOME/unhunch/unhunch.db"
"$tmp/spawn-time" 3 today "$bin" \; routines "$bin" routines \; progress "$bin" progress \; \
  progress-json "$bin" progress --json \; report "$bin" report -o "$tmp/r.html" \; history "$bin" history \; \
  history-json "$bin" history --json \; plan "$bin" plan \; plan-json "$bin" plan --json \; plan-why "$bin" plan --why \; \
  export-json "$bin" export --format json -o "$tmp/e.json" \; export-csv "$bin" export --format csv -o "$tmp/e.csv" \; \
  export-fhir "$bin" export --format fhir -o "$tmp/e.fhir" \; screen-status "$bin" screen --status \; \
  breaks-stats "$bin" breaks stats \; show "$bin" show upper-back-activation \; version "$bin" --version \; \
  sqlite3-all sqlite3 "$db" "SELECT * FROM checkins; SELECT * FROM checkin_regions; SELECT * FROM sessions;" \
  >"$tmp/mem"
awk -F'\t' '{ printf "  %-14s peak RSS %6.1f MiB  exit %s\n", $1, $7/1024, $6 }' "$tmp/mem"
max=$(awk -F'\t' '$1 != "sqlite3-all" && $7 > m { m = $7; l = $1 } END { printf "%.1f MiB (%s)", m / 1024, l }' "$tmp/mem")
echo "@row	peak RSS, largest command, 10-year store	$max	<= 16 MiB	sqlite3 reading every row $(mib "$tmp/mem" sqlite3-all)	$(at_most "$max" 16)"
# every command's own row; one that did not exit 0 is not a figure
awk -F'\t' -v peer="$(mib "$tmp/mem" sqlite3-all)" '$1 != "sqlite3-all" {
  printf "@row\tpeak RSS, %s, 10-year store\t%.1f MiB%s\t<= 16 MiB\tsqlite3 reading every row %s\t%s\n", $1, $7 / 1024,
    ($6 == 0 ? "" : " (exit " $6 ")"), peer, ($6 == 0 && $7 <= 16 * 1024 ? "ok" : "MISSED") }' "$tmp/mem"
