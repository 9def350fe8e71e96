#!/usr/bin/env bash
# bench/cue-timing/run.sh: run the real player (voice off) through a one-minute routine,
# once idle and once with the other core busy, and report each timer wake's error
# against its absolute deadline (p50, p99, max) and the final drift.
# Usage: bash bench/cue-timing/run.sh [path/to/unhunch]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/unhunch}
tmp=$(mktemp -d /tmp/unhunch-bench.XXXXXX)
load_pid=
cleanup() { [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/data"
cp "$here/content.yaml" "$tmp/data/"

run() { # $1 = label
  HOME="$tmp/home-$1" XDG_DATA_HOME="$tmp/home-$1/share" UNHUNCH_DATA_DIR="$tmp/data" \
    "$bin" start bench-cues --plain --no-voice --pain 0 --fresh --cue-log "$tmp/$1.log" \
    </dev/null >"$tmp/$1.out" 2>&1
  awk '{ printf "%.1f\n", ($2 - $1) / 1000.0 }' "$tmp/$1.log" > "$tmp/$1.err"
  last=$(tail -n 1 "$tmp/$1.err")
  sort -n "$tmp/$1.err" | awk -v label="$1" -v last="$last" '
    { e[NR] = $1 }
    END {
      n = NR
      i50 = int(n * 0.50 + 0.5); if (i50 < 1) i50 = 1
      i99 = int(n * 0.99 + 0.5); if (i99 > n) i99 = n; if (i99 < 1) i99 = 1
      printf "%-5s wakes=%d  p50=%.0f us  p99=%.0f us  max=%.0f us  final-drift=%.0f us\n", label, n, e[i50], e[i99], e[n], last
    }'
  # the session must have ended on schedule: its length is the sum of its segments
  first=$(head -n 1 "$tmp/$1.log" | cut -d" " -f1); final=$(tail -n 1 "$tmp/$1.log" | cut -d" " -f1)
  echo "      schedule: first deadline to last = $(( (final - first) / 1000000 )) ms"
}

echo "unhunch cue timing: $(nproc) cores, $(uname -r)"
start=$(date +%s%N)
run idle
end=$(date +%s%N)
echo "idle run took $(( (end - start) / 1000000 )) ms of wall time"
yes >/dev/null &
load_pid=$!
run busy
kill "$load_pid"; load_pid=
