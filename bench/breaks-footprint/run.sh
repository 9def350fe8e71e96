#!/usr/bin/env bash
# bench/breaks-footprint/run.sh: the break coach's footprint against Workrave and Safe
# Eyes (both from Debian), side by side on one private desktop: Xvfb, a private
# session bus and system bus, and dunst as the notification server. Each program runs
# in its own session (setsid) with its own HOME; after a settling time, the script
# reads every process of each session from /proc: PSS (smaps_rollup), CPU time
# (utime+stime) and voluntary context switches (each one is a wake-up) over the
# measured window, with no break due in it.
# Usage: bash bench/breaks-footprint/run.sh [path/to/unhunch] [SECONDS]
# Installs workrave and safeeyes when missing (scripts/deps.sh bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/unhunch}
window=${2:-60}
settle=${SETTLE:-15}
bash "$root/scripts/deps.sh" bench
[ -x "$bin" ] || { echo "no unhunch at $bin (run 'make' first)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/unhunch-footprint.XXXXXX)
pids=()
cleanup() {
  for s in "${sessions[@]:-}"; do [ -n "$s" ] && pkill -s "$s" 2>/dev/null || true; done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# the private desktop
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
Xvfb -displayfd 9 -screen 0 1280x800x24 -nolisten tcp 9>"$tmp/display" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(tr -d '\n' < "$tmp/display")"
for bus in session system; do
  dbus-daemon --session --nofork --nopidfile --address="unix:path=$tmp/$bus.bus" >/dev/null 2>&1 &
  pids+=($!)
done
for _ in $(seq 50); do [ -S "$tmp/session.bus" ] && [ -S "$tmp/system.bus" ] && break; sleep 0.1; done
export DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/session.bus" DBUS_SYSTEM_BUS_ADDRESS="unix:path=$tmp/system.bus"
dunst >/dev/null 2>&1 &
pids+=($!)
sleep 1

# start NAME CMD...: run CMD in a new session with its own HOME
sessions=()
names=()
start() {
  local name=$1
  shift
  mkdir -p "$tmp/home-$name"
  HOME="$tmp/home-$name" XDG_CONFIG_HOME="$tmp/home-$name/.config" XDG_DATA_HOME="$tmp/home-$name/.local/share" \
    setsid "$@" </dev/null >"$tmp/$name.log" 2>&1 &
  sessions+=($!)
  names+=("$name")
}

# the coach with its defaults (a reset every 30 min), in work hours all day, so the
# timers run; idle from X11, do-not-disturb on. "unhunch" is told that away starts
# after 30 min without input, so nothing at all is due in the window; "unhunch-away"
# keeps the default of 1 min, so the user (nobody types on this X server) goes away
# inside the window: that one event, and what it costs, is shown on its own row.
export UNHUNCH_DATA_DIR=${UNHUNCH_DATA_DIR:-$root/data}
for v in unhunch unhunch-away; do
  mkdir -p "$tmp/home-$v/.config/unhunch"
  printf 'work_days = all\nwork_hours = 00:00-24:00\nidle = x11\n' > "$tmp/home-$v/.config/unhunch/config"
done
echo "away_after = 30m" >> "$tmp/home-unhunch/.config/unhunch/config"
start unhunch "$bin" breaks --no-voice
start unhunch-away "$bin" breaks --no-voice
start workrave workrave
start safeeyes safeeyes

# sample SESSION: "pss_kb cpu_ticks voluntary_switches processes" summed over the session
sample() {
  local pss=0 cpu=0 vol=0 n=0 p
  for p in $(ps -e -o pid=,sid= | awk -v s="$1" '$2 == s { print $1 }'); do
    [ -r "/proc/$p/smaps_rollup" ] || continue
    local k=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    local c=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)
    local v=$(awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    pss=$((pss + ${k:-0})); cpu=$((cpu + ${c:-0})); vol=$((vol + ${v:-0})); n=$((n + 1))
  done
  echo "$pss $cpu $vol $n"
}

sleep "$settle"
declare -A before
for i in "${!sessions[@]}"; do before[$i]=$(sample "${sessions[$i]}"); done
sleep "$window"
hz=$(getconf CLK_TCK)
echo "break reminders, ${window} s idle after ${settle} s settling ($(nproc) cores, $(uname -r))"
echo "Debian: workrave $(dpkg-query -W -f='${Version}' workrave), safeeyes $(dpkg-query -W -f='${Version}' safeeyes)"
printf '%-12s %6s %10s %10s %14s\n' program procs "PSS (KiB)" "CPU (ms)" "wake-ups/min"
declare -A pss wakes
for i in "${!sessions[@]}"; do
  read -r _ c0 v0 _ <<<"${before[$i]}"
  read -r k c1 v1 n <<<"$(sample "${sessions[$i]}")"
  if [ "$n" -eq 0 ]; then
    printf '%-12s  not running (see its log below)\n' "${names[$i]}"
    tail -n 5 "$tmp/${names[$i]}.log"
    continue
  fi
  pss[${names[$i]}]=$k
  wakes[${names[$i]}]=$(( (v1 - v0) * 60 / window ))
  printf '%-12s %6d %10d %10d %14d\n' "${names[$i]}" "$n" "$k" $(( (c1 - c0) * 1000 / hz )) "${wakes[${names[$i]}]}"
done

# the targets: a tenth of the lightest peer's PSS, and no wake-up with nothing due
lightest=
for p in workrave safeeyes; do
  [ -n "${pss[$p]:-}" ] && { [ -z "$lightest" ] || [ "${pss[$p]}" -lt "$lightest" ]; } && lightest=${pss[$p]}
done
rc=0
if [ -n "${pss[unhunch]:-}" ] && [ -n "$lightest" ]; then
  ratio=$(awk "BEGIN { printf \"%.1f\", $lightest / ${pss[unhunch]} }")
  verdict=$([ $(( pss[unhunch] * 10 )) -le "$lightest" ] && echo met || echo MISSED)
  echo "PSS: unhunch ${pss[unhunch]} KiB, lightest peer $lightest KiB: ${ratio}x smaller (target 10x: $verdict)"
  echo "@row	break coach PSS	${pss[unhunch]} KiB	1/10 of the lightest peer	lightest peer $lightest KiB	$([ "$verdict" = met ] && echo ok || echo MISSED)"
else
  echo "PSS: cannot compare (a program did not run)"; rc=1
fi
w=${wakes[unhunch]:-?}
echo "wake-ups: unhunch $w in a minute with nothing due (target 0: $([ "$w" = 0 ] && echo met || echo MISSED))"
echo "@row	break coach wake-ups a minute, nothing due	$w	0	workrave ${wakes[workrave]:-?}, safeeyes ${wakes[safeeyes]:-?}	$([ "$w" = 0 ] && echo ok || echo MISSED)"
echo "unhunch-away's wake-ups are its one event (the user went away) and what follows it"
grep -h "^[0-9]" "$tmp/unhunch-away.log" | sed 's/^/  unhunch-away: /' || true
exit $rc
