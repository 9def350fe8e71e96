#!/usr/bin/env bash
# bench/startup/run.sh: start-up time of unhunch beside the machine's floor.
# Method: spawn-time.c (built here) runs each command 20 times in turns, round after
# round, after one warm-up round, posix_spawn() to waitpid() on CLOCK_MONOTONIC, no
# shell in between; the median is reported. In the same run: /bin/true (the floor of
# starting any process here) and `sqlite3 :memory: .quit` (a peer: a small C program
# linked to SQLite). unhunch runs on a store with ten years of data (bench/lib).
# unhunch-full --version is the whole program as it was before the helper split
# (every library loaded at start), for comparison.
# Goals (issue 14): --version <= 3 ms; the today screen and `routines` <= 8 ms.
# Usage: bash bench/startup/run.sh [path/to/build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
bin=$build/unhunch
tmp=$(mktemp -d /tmp/unhunch-startup.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_DATA_HOME="$tmp/share" XDG_CONFIG_HOME="$tmp/config"
cc -O2 -o "$tmp/spawn-time" "$here/spawn-time.c"
. "$here/../lib/ten-years.sh"
make_ten_years "$bin"
echo "shared libraries loaded: unhunch $(ldd "$bin" | wc -l), unhunch-player $(ldd "$build/unhunch-player" | wc -l), unhunch-full $(ldd "$build/unhunch-full" | wc -l)"
"$tmp/spawn-time" 20 true /bin/true \; sqlite3 sqlite3 :memory: .quit \; \
  version "$bin" --version \; full-version "$build/unhunch-full" --version \; \
  today "$bin" \; routines "$bin" routines >"$tmp/t"
awk -F'\t' '{ printf "%-13s median %6.2f ms  p90 %6.2f  min %6.2f  max %6.2f  exit %s\n", $1, $2/1000, $3/1000, $4/1000, $5/1000, $6 }' "$tmp/t"
ms() { awk -F'\t' -v l="$1" '$1 == l { printf "%.2f ms", $2 / 1000 }' "$tmp/t"; }
. "$here/../lib/verdict.sh"
floor="true $(ms true), sqlite3 $(ms sqlite3)"
echo "@row	start-up: --version (median of 20)	$(ms version)	<= 3 ms	$floor; before the split $(ms full-version)	$(at_most "$(ms version)" 3)"
echo "@row	start-up: today screen, 10-year store	$(ms today)	<= 8 ms	$floor	$(at_most "$(ms today)" 8)"
echo "@row	start-up: routines, 10-year store	$(ms routines)	<= 8 ms	$floor	$(at_most "$(ms routines)" 8)"
