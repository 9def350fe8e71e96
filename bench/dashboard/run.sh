#!/usr/bin/env bash
# bench/dashboard/run.sh: how the trainer's dashboard's time grows with 10, 100 and 1,000
# clients per trainer (issue 18.9; goal: p99 <= 50 ms at 1,000 clients).
# Method: dash.c, built here with -O2 against the release build's libraries (BUILD,
# default build/: cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo, targets unhunch_app
# unhunch_io unhunch_core unhunch_pg), seeds one database with three trainers of 10,
# 100 and 1,000 clients (1,110 clients, each 90 days: a check-in a day with two places
# rated, a session every other day with 5 exercises done and feedback on 3, a
# screening, an assessment), then times app_dashboard() (the use case GET /clinic and
# GET /api/v1/clinic/dashboard call: the role check, the store's five statements, the
# folding, the plan and the order; not the HTTP server or the HTML) REPS times per
# trainer on the trainer's own handle in three cases: the first read of a day (no line
# kept for it: every client folded from the records, and kept), reads with nothing
# changed since the last, reads after a hundredth of the clients checked in since the
# last (1,000 clients checking in once in a 12-hour day, the dashboard read every 7
# minutes), and after a tenth (read about once an hour: the case the goal is judged
# on); and beside it in the same run the peer: one
# client's own Progress read (app_progress()), i.e. what each client would cost if the
# dashboard read clients one by one. Wall clock, in-process, one thread; prints median,
# p99 and max in ms. On SQLite (a file in /tmp), then on PostgreSQL when its server
# programs are there: a throwaway cluster (tests/helpers/pg-cluster.sh, fsync off),
# seeded as the owner and timed as an application role under row-level security
# (docs/postgres.md), over a unix socket. The last line is the verdict: the goal is met
# when p99 at 1,000 clients of the third case is at most 50 ms on every store timed;
# the first read of a day is printed beside it, with no goal of its own.
# REPS (default 100) is the reads per trainer and case: the p99 is the read that 99 in
# a hundred are not slower than, so below 100 reads it is the slowest one; MAX_MS beside it.
# ROUNDS (default 3) is how many times each store is timed on its one seed, one after
# the other (each round's check-ins stay for the next); the goal must hold in every one.
# After seeding, the seed's writes are put in the store's files (SQLite: the seed's
# closing copies its log; PostgreSQL: CHECKPOINT) and `sync` is run, so their reaching
# the disk is not timed as reads.
# Usage: bash bench/dashboard/run.sh [BUILD] [REPS] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
build=$(realpath "${1:-$root/build}")
reps=${2:-100}
rounds=${3:-3}
tmp=$(mktemp -d /tmp/unhunch-bench-dash.XXXXXX)
cleanup_tmp() { rm -rf "$tmp"; }
trap cleanup_tmp EXIT
cc -std=c11 -O2 -D_DEFAULT_SOURCE -I"$root/src" -o "$tmp/dash" "$here/dash.c" \
  "$build"/CMakeFiles/unhunch_pg.dir/src/store/*.o "$build/libunhunch_app.a" "$build/libunhunch_io.a" \
  "$build/libunhunch_core.a" $(pkg-config --libs sqlite3 libpq libfyaml jansson libsodium) -lm -lpthread
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-20s %7s %9s %7s %7s\n' STORE WHAT CLIENTS MEDIAN_MS P99_MS MAX_MS
run() { # STORE-LABEL LOCATION-TO-TIME
  local r
  for r in $(seq "$rounds"); do
    echo "($1, round $r of $rounds, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg))"
    round "$@"
  done
}
round() {
  "$tmp/dash" time "$2" "$reps" | while read -r what n med p99 max; do
    printf '%-8s %-20s %7s %9s %7s %7s\n' "$1" "$what" "$n" "$med" "$p99" "$max"
    case "$what" in
    dashboard)
      printf '@row\tdashboard, %s clients, %s (p99 ms)\t%s\t<= 50 ms at 1000\tmedian %s ms\t%s\n' "$n" "$1" "$p99" "$med" \
        "$(awk -v p="$p99" -v n="$n" 'BEGIN { print n != 1000 ? "-" : p + 0 <= 50 ? "ok" : "MISSED" }')"
      [ "$n" != 1000 ] || echo "$1 $p99" >>"$tmp/goal" ;;
    dashboard-first-of-day | dashboard-unchanged | dashboard-1pct-changed)
      printf '@row\t%s, %s clients, %s (p99 ms)\t%s\t-\tmedian %s ms\t-\n' "$what" "$n" "$1" "$p99" "$med" ;;
    esac
  done
}
: >"$tmp/goal"
t0=$(date +%s)
"$tmp/dash" seed "sqlite:$tmp/dash.db"
sync
echo "(seeded SQLite in $(( $(date +%s) - t0 )) s, $(du -h "$tmp/dash.db" | cut -f1))"
run sqlite "sqlite:$tmp/dash.db"

if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  . "$root/tests/helpers/pg-cluster.sh"
  trap 'pg_stop; cleanup_tmp' EXIT
  t0=$(date +%s)
  "$tmp/dash" seed "host=$dir dbname=postgres user=unhunch"
  pg_psql -d postgres -v ON_ERROR_STOP=1 >/dev/null -c "CREATE ROLE unhunch_app LOGIN" \
    -c "GRANT USAGE ON SCHEMA public TO unhunch_app" \
    -c "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO unhunch_app" -c "ANALYZE" \
    -c "CHECKPOINT"
  sync
  echo "(seeded PostgreSQL in $(( $(date +%s) - t0 )) s)"
  run postgres "host=$dir dbname=postgres user=unhunch_app"
fi
# the verdict: the goal is met when every store timed kept p99 at 1,000 clients <= 50 ms
# in every round
awk '{ all = all sep $1 " " $2 " ms"; sep = ", "; if ($2 + 0 > 50) missed = 1 }
  END { printf "verdict: dashboard p99 at 1000 clients: %s: goal (<= 50 ms) %s\n", all, NR && !missed ? "met" : "MISSED" }' \
  "$tmp/goal"
