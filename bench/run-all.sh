#!/usr/bin/env bash
# bench/run-all.sh (`make bench`): run every benchmark under bench/ on the release build
# and print one table: each figure, what it measured, its goal, the peer or floor
# measured beside it in the same run, and whether the goal was met. Each benchmark
# states its method at the top of its run.sh and prints its table rows as
# "@row<TAB>figure<TAB>measured<TAB>goal<TAB>peer or floor<TAB>verdict" (ok, MISSED, or
# "-" for a figure shown beside its peer with no goal of its own); its whole output goes
# to build/bench/NAME.log. A benchmark that fails shows as such in the table, and the
# others still run. Not part of `make check` or CI: the figures depend on the machine,
# and only the columns of one run compare.
# Length: by default the long-running ones are short (about 25 minutes in all): guided
# sessions of 1 minute (cue-timing, session-memory), the server's soak 60 s, the web
# player's cues 120 s a tab. BENCH_LONG=1 runs them as long as their goals ask (about
# 2 hours): 30-minute sessions, a 600 s soak, 600 s a tab. BENCH_MINUTES=N sets the
# sessions' length alone (`make bench BENCH=cue-timing BENCH_MINUTES=30`).
# Usage: bash bench/run-all.sh [path/to/build] [NAME...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$here"/*/run.sh; do names+=("$(basename "$(dirname "$d")")"); done
fi
if [ -n "${BENCH_LONG:-}" ]; then minutes=30 soak=600 web=600; else minutes=1 soak=60 web=120; fi
minutes=${BENCH_MINUTES:-$minutes}
logs=$build/bench
mkdir -p "$logs"
rows=$logs/rows.tsv
: >"$rows"
loads=$logs/load
: >"$loads"
echo "bench: sessions of $minutes min, soak $soak s, web cues $web s a tab; logs in $logs"
for n in "${names[@]}"; do
  args=("$build/unhunch")
  case $n in
    startup | dashboard) args=("$build") ;;
    clinic-load) export SOAK=$soak ;;
    cue-timing) args+=("$minutes") ;;
    serve) args+=("$soak") ;;
    web-cue-timing) args=("$web") ;;
  esac
  echo "== $n ($(date +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg)) =="
  echo "$n $(cut -d' ' -f1 /proc/loadavg)" >>"$loads"
  start=$(date +%s)
  BUILD=$build MINUTES=$minutes bash "$here/$n/run.sh" "${args[@]}" >"$logs/$n.log" 2>&1
  rc=$?
  grep -v '^@row' "$logs/$n.log" | sed 's/^/   /'
  if grep -q '^@row' "$logs/$n.log"; then
    grep '^@row' "$logs/$n.log" | cut -f2- | sed "s/^/$n\t/" >>"$rows"
  fi
  [ $rc -eq 0 ] || printf '%s\t(the benchmark failed: exit %d, see %s)\t-\t-\t-\tFAILED\n' "$n" $rc "$logs/$n.log" >>"$rows"
  echo "$n $(cut -d' ' -f1 /proc/loadavg)" >>"$loads"
  echo "   ($(( $(date +%s) - start )) s)"
done
echo
echo "Machine: $(nproc) cores, $(uname -r); load average now $(cut -d' ' -f1-3 /proc/loadavg)," \
  "at each benchmark's start and end (1 min): $(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $2 }' "$loads")"
{ printf 'BENCH\tFIGURE\tMEASURED\tGOAL\tPEER OR FLOOR (same run)\tVERDICT\n'; cat "$rows"; } |
  awk -F'\t' '{ printf "%-15s %-46s %-22s %-20s %-7s %s\n", $1, $2, $3, $4, ($6 == "" ? "?" : $6), $5 }'
missed=$(awk -F'\t' '$6 == "MISSED" || $6 == "FAILED"' "$rows" | wc -l)
echo "$(wc -l <"$rows") rows, $missed missed or failed"
[ "$missed" -eq 0 ]
