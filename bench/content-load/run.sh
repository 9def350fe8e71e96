#!/usr/bin/env bash
# bench/content-load/run.sh: how loading content grows with the number of entries.
# Content files of 1500, 3000, 6000 and 12000 exercises (the last close to the 1 MB a
# file may have) are checked with `unhunch validate --alone`, beside the floor of the
# same run: a file of one exercise (starting the program). Prints the median of 5 runs
# and the time per entry above the floor; a linear loader keeps that per-entry time
# flat (one that compares every id with every other doubles it with each step).
# Usage: bash bench/content-load/run.sh [path/to/unhunch]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/unhunch}
[ -x "$bin" ] || { echo "no unhunch at $bin (run 'make' first)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/unhunch-content-load.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

make_file() { # N FILE
  python3 - "$1" "$2" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("exercises:\n")
    for i in range(n):
        f.write("- {id: e%d, name: E, category: posture, purpose: P, steps: [S], cautions: [C]}\n" % i)
PY
}

median_ms() { # FILE
  local runs=() t0 t1
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    "$bin" validate --alone "$1" >/dev/null 2>&1
    t1=$(date +%s%N)
    runs+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p
}

make_file 1 "$tmp/floor.yaml"
floor=$(median_ms "$tmp/floor.yaml")
printf '%8s %10s %12s\n' entries "median ms" "us/entry"
printf '%8s %10s %12s\n' 1 "$floor" "(floor)"
for n in 1500 3000 6000 12000; do
  make_file "$n" "$tmp/c$n.yaml"
  ms=$(median_ms "$tmp/c$n.yaml")
  per=$(( (ms - floor) * 1000 / n ))
  printf '%8s %10s %12s\n' "$n" "$ms" "$per"
  [ "$n" = 1500 ] && per_first=$per
done
# linear: the time per entry at 12000 at most twice that at 1500 (a quadratic loader
# makes it 8 times)
flat=$([ "$per" -le $(( per_first * 2 + 2 )) ] && echo ok || echo MISSED)
echo "@row	content load, 12000 entries (median of 5)	$ms ms	flat per entry	one entry (start-up) $floor ms	-"
echo "@row	content load per entry, 1500 -> 12000	$per_first -> $per us	flat (linear)	-	$flat"
