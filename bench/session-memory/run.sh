#!/usr/bin/env bash
# bench/session-memory/run.sh: the memory of a guided session as long as a real one.
# Method: the real player (`start --plain`, release build) runs a routine of about
# MINUTES minutes (default 30; written here, each item a minute or more of one-second
# cues, per side, in sets) with speech on (espeak-ng, written to a WAV file with
# --speak-to, so no sound card is needed). Its peak resident memory is read by
# /usr/bin/time (wait4: the player and the speech process it waits for), and its
# VmRSS from /proc every 5 s, so growth over the session shows: the RSS after the
# first minute beside the RSS at the end. The peer in the same run: the `sqlite3` shell
# reading every row of a ten-year store (bench/lib), a small C program's footprint.
# Goal (issue 14): no command above 16 MiB; a session's memory does not grow with its
# length.
# Usage: bash bench/session-memory/run.sh [path/to/unhunch] (MINUTES=N to shorten it; one
#   item of the routine lasts about 3 minutes, so the shortest session is about 3 min;
#   `make bench` runs it at BENCH_MINUTES, 1 unless asked, so about 3 min, see run-all.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/unhunch}
minutes=${MINUTES:-30}
tmp=$(mktemp -d /tmp/unhunch-session-mem.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/share"
mkdir -p "$XDG_DATA_HOME/unhunch" # the routine goes beside the shipped content, in the user's folder
# one item: 10 reps of 3 s, 3 sets, left and right, 5 s rests: about 3 minutes
items=$(( (minutes * 60 + 100) / 200 ))
[ "$items" -ge 1 ] || items=1
{
  cat <<'YAML'
format: 1
exercises:
  - id: mem-lift
    name: Memory lift
    category: activation
    purpose: Memory only.
    steps: [Nothing to do.]
    cautions: [None.]
    cues: {up: Up, hold: Hold, down: Down}
routines:
  - id: mem-session
    name: Memory session
    description: A session as long as a real one, of one-second cues.
    module: activation
    ready: 3
    items:
YAML
  for _ in $(seq 1 "$items"); do
    echo "      - {exercise: mem-lift, reps: 10, sets: 3, rest: 5, per_side: [left, right], tempo: {up: 1, hold: 1, down: 1}}"
  done
} >"$XDG_DATA_HOME/unhunch/mem.yaml"
yes n 2>/dev/null | "$bin" screen >/dev/null 2>&1 || true # the safety questions, all no
echo "routine: $("$bin" routines 2>/dev/null | grep -i 'memory session' | tr -s ' ' || true)"

/usr/bin/time -f '%M' -o "$tmp/peak" "$bin" start mem-session --plain --pain 0 --fresh \
  --speak-to "$tmp/speech.wav" </dev/null >"$tmp/out" 2>&1 &
tpid=$!
: >"$tmp/rss"
t=0
while kill -0 "$tpid" 2>/dev/null; do
  sleep 5
  t=$((t + 5))
  p=$(pgrep -P "$tpid" | head -n 1 || true) # the player: time's child (unhunch-player after the hand-over)
  [ -n "$p" ] && awk -v t="$t" '/^VmRSS:/ { print t, $2 }' "/proc/$p/status" 2>/dev/null >>"$tmp/rss" || true
done
wait "$tpid" || { echo "the session failed:"; tail -n 5 "$tmp/out"; exit 1; }
peak=$(tail -n 1 "$tmp/peak")
first=$(awk '$1 >= 60 { print $2; exit }' "$tmp/rss") # after the first minute
last=$(tail -n 1 "$tmp/rss" | cut -d' ' -f2)
echo "session: $t s, speech $(du -h "$tmp/speech.wav" | cut -f1) of WAV; RSS samples (s KiB): $(wc -l <"$tmp/rss")"
echo "VmRSS after 1 min ${first:-?} KiB, at the end ${last:-?} KiB; peak ${peak} KiB"

. "$here/../lib/ten-years.sh"
make_ten_years "$bin" 10 >/dev/null 2>&1
db="$XDG_DATA_HOME/unhunch/unhunch.db"
/usr/bin/time -f '%M' -o "$tmp/sqlite-peak" sqlite3 "$db" \
  "SELECT * FROM checkins; SELECT * FROM checkin_regions; SELECT * FROM sessions;" >/dev/null
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
. "$here/../lib/verdict.sh"
# flat: at the end at most 256 KiB above the first minute's
flat=$(awk -v a="${first:-0}" -v b="${last:-0}" 'BEGIN { print (a > 0 && b > 0 && b <= a + 256) ? "ok" : "MISSED" }')
echo "@row	peak RSS, guided session of $((t / 60)) min, speech on	$(mib "$peak")	<= 16 MiB	sqlite3 reading every row $(mib "$(tail -n 1 "$tmp/sqlite-peak")")	$(at_most "$(mib "$peak")" 16)"
echo "@row	RSS growth over the session (1 min -> end)	$(mib "${first:-0}") -> $(mib "${last:-0}")	flat	-	$flat"
