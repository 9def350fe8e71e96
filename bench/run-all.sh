#!/usr/bin/env bash
# bench/run-all.sh (`make bench`): run every benchmark under bench/ on the release build
# and print one table: each figure, its goal, and the peer or floor measured beside it in
# the same run. Each benchmark states its method at the top of its run.sh and prints its
# table rows as "@row<TAB>figure<TAB>measured<TAB>goal<TAB>peer or floor"; its whole
# output goes to build/bench/NAME.log. A benchmark that fails shows as such in the
# table, and the others still run. Not part of `make check` or CI: the figures depend
# on the machine, and only the columns of one run compare.
# Usage: bash bench/run-all.sh [path/to/build] [NAME...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$here"/*/run.sh; do names+=("$(basename "$(dirname "$d")")"); done
fi
logs=$build/bench
mkdir -p "$logs"
rows=$logs/rows.tsv
: >"$rows"
for n in "${names[@]}"; do
  case $n in startup) arg=$build ;; *) arg=$build/unhunch ;; esac
  echo "== $n ($(date +%H:%M:%S)) =="
  start=$(date +%s)
  bash "$here/$n/run.sh" "$arg" >"$logs/$n.log" 2>&1
  rc=$?
  grep -v '^@row' "$logs/$n.log" | sed 's/^/   /'
  if grep -q '^@row' "$logs/$n.log"; then
    grep '^@row' "$logs/$n.log" | cut -f2- | sed "s/^/$n\t/" >>"$rows"
  fi
  [ $rc -eq 0 ] || printf '%s\t(the benchmark failed: exit %d, see %s)\t-\t-\t-\n' "$n" $rc "$logs/$n.log" >>"$rows"
  echo "   ($(( $(date +%s) - start )) s)"
done
echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)"
{ printf 'BENCH\tFIGURE\tMEASURED\tGOAL\tPEER OR FLOOR (same run)\n'; cat "$rows"; } |
  awk -F'\t' '{ printf "%-16s %-44s %-16s %-26s %s\n", $1, $2, $3, $4, $5 }'
