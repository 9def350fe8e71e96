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
. "$here/../lib/ten-years.sh"
make_ten_years "$bin"
db="$XDG_DATA_HOME/unhunch/unhunch.db"
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
