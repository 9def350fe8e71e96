#!/usr/bin/env bash
# bench/cue-timing/run.sh: how close to its schedule the player speaks its cues.
# Method: the real player (`start --plain`, release build: unhunch hands it to
# unhunch-player) runs a routine of one-second cues (content.yaml's three items, about
# 100 s, repeated, their reps raised past 16 repeats, to last MINUTES minutes); its
# --cue-log holds each timer wake (deadline, actual, ns). With speech on, espeak-ng runs
# in the player's speech process and writes a WAV file (--speak-to, so no sound card
# is needed). Beside it, at the same time, the floor: floor.c sleeps with an absolute
# clock_nanosleep loop to a deadline
# every second for as long as the player runs, its beat about half a second off the
# player's so the two never wake together, and does nothing else. Each is run idle, then
# with the other core busy (`yes`, beside the speech synthesis itself), and without voice
# (the player alone) before each. Reported: p50, p99 and max of (actual - deadline), and
# the drift: the mean error of the last tenth of the wakes minus that of the first tenth
# (a schedule that slipped by the wake errors would grow there), and whether every
# deadline lies a whole number of seconds from the first (the schedule is kept, not
# restarted from each late wake). Also the player's peak resident memory with speech on
# (wait4 through /usr/bin/time: the player and its speech process) and its VmRSS after a
# minute (or half the session) beside the end, and the load average during the run.
# MINUTES (default 1): up to 5, both loads, with and without voice (six times MINUTES);
# more (the issue's 30-minute session: MINUTES=30), only the figure's own case: speech
# on, the other core busy, with the floor beside it (MINUTES in all).
# Goals (issue 14): speech on, other core busy: p99 <= 0.5 ms, max <= 2 ms, no drift.
# Usage: bash bench/cue-timing/run.sh [path/to/unhunch] [MINUTES]
#   (`make bench BENCH=cue-timing BENCH_MINUTES=30` runs the 30-minute one)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/unhunch}
minutes=${2:-${MINUTES:-1}}
tmp=$(mktemp -d /tmp/unhunch-bench.XXXXXX)
load_pid= sampler=
cleanup() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
cc -O2 -o "$tmp/floor" "$here/floor.c"

# the routine: content.yaml's items repeated to last about MINUTES minutes (a block of
# the three lasts 42 s + 12 s a rep of the lift: 3 s, two sets, two sides; 102 s); a
# routine holds at most 50 items, so past 16 blocks the lift's reps grow instead
blocks=$(( (minutes * 60 + 50) / 102 ))
[ "$blocks" -ge 1 ] || blocks=1
reps=5
if [ "$blocks" -gt 16 ]; then
  reps=$(( (minutes * 60 / 16 - 42 + 6) / 12 ))
  blocks=16
fi
mkdir -p "$tmp/data"
{
  sed '/^    items:/q' "$here/content.yaml"
  for _ in $(seq "$blocks"); do
    sed -n '/^    items:/,$p' "$here/content.yaml" | tail -n +2 | sed "s/reps: 5,/reps: $reps,/"
  done
} >"$tmp/data/content.yaml"

player() { # $1 = label, then extra options; runs in the background, sets player_pid
  local label=$1; shift
  # the routine beside the shipped content (which holds the safety questions), all answered no
  mkdir -p "$tmp/home-$label/share/unhunch"
  cp "$tmp/data/content.yaml" "$tmp/home-$label/share/unhunch/"
  export HOME="$tmp/home-$label" XDG_DATA_HOME="$tmp/home-$label/share"
  yes n 2>/dev/null | "$bin" screen >/dev/null 2>&1 || true
  /usr/bin/time -f '%M' -o "$tmp/$label.peak" "$bin" start bench-cues --plain --pain 0 --fresh \
    --cue-log "$tmp/$label.log" "$@" </dev/null >"$tmp/$label.out" 2>&1 &
  player_pid=$!
}

# the player's VmRSS every 5 s ("seconds KiB") while $player_pid runs
rss_samples() { # label
  local t=0 p
  while kill -0 "$player_pid" 2>/dev/null; do
    sleep 5; t=$((t + 5))
    p=$(pgrep -P "$player_pid" | head -n 1 || true)
    [ -n "$p" ] && awk -v t="$t" '/^VmRSS:/ { print t, $2 }' "/proc/$p/status" 2>/dev/null >>"$tmp/$1.rss" || true
  done
}

# prints "wakes p50 p99 max drift whole" in ms of a cue log: whole is yes when every
# deadline is a whole number of seconds (to the ms) from the first
stats() {
  awk '{ printf "%.3f %d\n", ($2 - $1) / 1000000.0, $1 / 1000000 }' "$1" >"$1.err"
  local trend whole
  trend=$(awk '{ e[NR] = $1 } END { k = int(NR / 10); if (k < 1) k = 1
    for (i = 1; i <= k; i++) { a += e[i]; b += e[NR - k + i] } printf "%.3f", (b - a) / k }' "$1.err")
  whole=$(awk 'NR == 1 { d0 = $2 } { if (($2 - d0) % 1000 != 0) bad++ } END { print bad ? "no" : "yes" }' "$1.err")
  cut -d' ' -f1 "$1.err" | sort -n | awk -v trend="$trend" -v whole="$whole" '
    { e[NR] = $1 }
    END {
      n = NR
      i50 = int(n * 0.50 + 0.5); if (i50 < 1) i50 = 1
      i99 = int(n * 0.99 + 0.5); if (i99 > n) i99 = n; if (i99 < 1) i99 = 1
      printf "%d %.3f %.3f %.3f %s %s\n", n, e[i50], e[i99], e[n], trend, whole
    }'
}

show() { # label log
  read -r n p50 p99 max drift whole < <(stats "$2")
  printf "%-24s wakes=%-5d p50=%.3f ms  p99=%.3f ms  max=%.3f ms  drift=%+.3f ms  whole seconds: %s\n" \
    "$1" "$n" "$p50" "$p99" "$max" "$drift" "$whole"
}

if [ "$minutes" -le 5 ]; then loads="idle busy"; else loads=busy; fi
echo "unhunch cue timing: $(nproc) cores, $(uname -r); routine of $blocks blocks, lifts of $reps reps (MINUTES=$minutes)"
(while :; do cut -d' ' -f1 /proc/loadavg; sleep 30; done) >"$tmp/load" &
sampler=$!
for load in $loads; do
  if [ "$load" = busy ]; then yes >/dev/null & load_pid=$!; fi
  if [ "$minutes" -le 5 ]; then
    player "$load-silent" --no-voice
    wait "$player_pid"
    show "$load: player, no voice" "$tmp/$load-silent.log"
  fi
  start=$(date +%s)
  player "$load-speech" --speak-to "$tmp/$load.wav"
  "$tmp/floor" "$tmp/$load-floor.log" 1000 "$player_pid" &
  floor_pid=$!
  rss_samples "$load-speech"
  wait "$player_pid" || { echo "the session failed:"; tail -n 5 "$tmp/$load-speech.out"; exit 1; }
  wait "$floor_pid"
  echo "$load: session of $(( $(date +%s) - start )) s with speech, the floor beside it:"
  show "$load: floor" "$tmp/$load-floor.log"
  show "$load: player, speech" "$tmp/$load-speech.log"
  if [ "$load" = busy ]; then kill "$load_pid"; wait "$load_pid" 2>/dev/null || true; load_pid=; fi
done
kill "$sampler"; wait "$sampler" 2>/dev/null || true; sampler=
load_avg=$(awk '{ s += $1; if ($1 > m) m = $1; if (NR == 1 || $1 < l) l = $1 } END { printf "%.2f (%.2f-%.2f)", s / NR, l, m }' "$tmp/load")
echo "load average (1 min) during the run, every 30 s: mean $load_avg; $(tr '\n' ' ' <"$tmp/load")"
# how far apart the two beats were (ms into each second): they must not wake together
echo "beats: player at $(head -n 1 "$tmp/busy-speech.log" | awk '{ printf "%d", ($1 / 1000000) % 1000 }') ms," \
  "floor at $(head -n 1 "$tmp/busy-floor.log" | awk '{ printf "%d", ($1 / 1000000) % 1000 }') ms into each second"
[ -s "$tmp/busy.wav" ] && echo "speech written: $(du -h "$tmp/busy.wav" | cut -f1) of WAV"
peak=$(tail -n 1 "$tmp/busy-speech.peak")
first=$(awk -v h="$(( minutes * 30 ))" '$1 >= 60 || $1 >= h { print $2; exit }' "$tmp/busy-speech.rss")
last=$(tail -n 1 "$tmp/busy-speech.rss" | cut -d' ' -f2)
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
echo "memory, speech on: peak $(mib "$peak"); VmRSS $(mib "${first:-0}") after ${minutes}x30 s or 1 min, $(mib "${last:-0}") at the end"
read -r _ _ fp99 fmax fdrift _ < <(stats "$tmp/busy-floor.log")
read -r _ _ p99 max drift whole < <(stats "$tmp/busy-speech.log")
. "$here/../lib/verdict.sh"
# no drift: every deadline on the schedule (whole seconds from the first), and the wakes
# of the last tenth on average within 1 ms of those of the first tenth (a slip of even
# 1 us a cue would add up to 1.8 ms over 30 minutes)
nodrift=$(awk -v d="$drift" -v w="$whole" 'BEGIN { print (w == "yes" && d <= 1 && d >= -1) ? "ok" : "MISSED" }')
echo "@row	cue timing p99, speech on, core busy, ${minutes} min	$p99 ms	<= 0.5 ms	floor (clock_nanosleep loop) $fp99 ms; load $load_avg	$(at_most "$p99" 0.5)"
echo "@row	cue timing max, speech on, core busy, ${minutes} min	$max ms	<= 2 ms	floor $fmax ms	$(at_most "$max" 2)"
echo "@row	cue timing drift (last tenth - first), ${minutes} min	$drift ms, on schedule: $whole	no drift	floor $fdrift ms	$nodrift"
echo "@row	peak RSS, guided session of ${minutes} min, speech on	$(mib "$peak")	<= 16 MiB	VmRSS $(mib "${first:-0}") early, $(mib "${last:-0}") at the end	$(at_most "$(mib "$peak")" 16)"
