#!/usr/bin/env bash
# run.sh BUILD_DIR SECONDS: run each fuzzer for SECONDS, seeded with tests/fuzz/seeds/NAME/
# when there is one (requests for fuzz_http and fuzz_clinic, backups for fuzz_backup, settings files for
# fuzz_config), else with the shipped content and the broken fixtures. A crash leaves its input in BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
build=$1
secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
status=0
for fuzzer in "$build"/fuzz_*; do
  [ -x "$fuzzer" ] || continue
  name=$(basename "$fuzzer")
  corpus="$build/corpus-$name"
  mkdir -p "$corpus" "$build/fuzz-artifacts"
  if [ -d "$here/seeds/$name" ]; then
    cp "$here/seeds/$name"/* "$corpus"/
  else
    cp "$root"/data/*/*.yaml "$root"/tests/fixtures/*/*.yaml "$corpus"/ 2>/dev/null || true
  fi
  echo "fuzz: $name for ${secs}s"
  if ! "$fuzzer" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 "$corpus" 2>"$build/$name.log"; then
    tail -50 "$build/$name.log"
    status=1
  else
    grep -E 'stat::number_of_executed_units|Done' "$build/$name.log" | tail -2 || true
  fi
done
exit $status
