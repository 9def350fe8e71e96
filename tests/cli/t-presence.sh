# t-presence.sh: the break coach's idle and do-not-disturb sources against stand-ins
# on private buses and a private Wayland socket (tests/helpers): GNOME's Mutter idle
# monitor, logind's IdleHint, Wayland ext-idle-notify-v1 and the settings portal's
# notification banners. Each idle source must pause the timers while away, count
# a long enough pause as a natural break, and resume the count on return.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/desktop.sh"
: "${BUILD:?set BUILD to the build folder}"
CONF="$XDG_CONFIG_HOME/unhunch/config"
mkdir -p "$(dirname "$CONF")"
start_bus session DBUS_SESSION_BUS_ADDRESS
start_bus system DBUS_SYSTEM_BUS_ADDRESS

settings() {
  cat > "$CONF" <<CONF
micro_every = 3s
micro_length = 2s
move_every = 1h
away_after = 1s
postpone = 1s
answer_within = 1s
work_days = all
work_hours = 00:00-24:00
voice = off
$1
CONF
}

# start_fake NAME CMD...: run a stand-in reading commands from $TMP/NAME.in
start_fake() {
  local name=$1
  shift
  mkfifo "$TMP/$name.in"
  "$@" <"$TMP/$name.in" >"$TMP/$name.log" 2>&1 &
  FAKE_PID=$!
  PIDS+=($FAKE_PID)
  exec {FAKE_FD}>"$TMP/$name.in"
  for _ in $(seq 50); do grep -q ready "$TMP/$name.log" 2>/dev/null && break; sleep 0.1; done
  contains "$name ready" ready "$(cat "$TMP/$name.log")"
}
tell() { echo "$1" >&"$FAKE_FD"; }

# idle_run SOURCE [WATCHED]: away for 5 s (a natural break after 1 + 2 s; the rest is
# room for a coach slow to hear of it on a loaded machine), back, then a reminder 3 s of
# work later. WATCHED: the stand-in's line saying the coach's watch is
# set; "away" is told only after it (the stand-in reads its input and the coach's
# requests in whatever order they come: told first, it would tell no one)
idle_run() {
  local src=$1 watched=${2:-}
  settings "idle = $src
do_not_disturb = off"
  timeout 30 "$UNHUNCH" breaks --terminal --reminders 1 </dev/null >"$TMP/out" 2>&1 &
  local coach=$!
  PIDS+=($coach)
  for _ in $(seq 50); do grep -q "Away from the desk" "$TMP/out" && break; sleep 0.1; done
  if [ -n "$watched" ]; then
    for _ in $(seq 50); do grep -q "$watched" "$TMP/$src.log" && break; sleep 0.1; done
  fi
  tell away
  sleep 5
  case "$(cat "$TMP/out")" in *"shown micro"*) fail "$src: a reminder while away" ;; *) ok ;; esac
  # the earliest bound from before "back" is told, the latest from after: a slow look at
  # either clock widens the window the program is held to, never narrows it
  local told=$(date +%s.%N)
  tell back
  local back=$(date +%s.%N)
  for _ in $(seq 160); do grep -q "shown micro" "$TMP/out" && break; sleep 0.05; done
  local seen=$(date +%s.%N)
  local took=$(awk "BEGIN { printf \"%.2f\", $seen - $back }") least=$(awk "BEGIN { printf \"%.2f\", $seen - $told }")
  wait "$coach"
  check "$src exit" 0 $?
  local out=$(cat "$TMP/out")
  contains "$src named" "Away from the desk: told by $src" "$out"
  contains "$src natural" "natural micro break" "$out"
  contains "$src shown" "shown micro break" "$out"
  awk "BEGIN { exit !($least >= 2.6 && $took <= 3.8) }" && ok || fail "$src: reminder ${least}-${took}s after the return, not ~3s"
}

# GNOME's Mutter idle monitor
start_fake mutter "$BUILD/fake-desktop" mutter
idle_run mutter AddIdleWatch
log=$(cat "$TMP/mutter.log")
contains "mutter idle watch of away_after" "AddIdleWatch 1000" "$log"
contains "mutter active watch" "AddUserActiveWatch" "$log"
exec {FAKE_FD}>&-

# the shell restarts while the user is away: its watches are gone, so the user counts
# as present again (not away for good), and the watch is set on the new monitor
start_fake mutter-a "$BUILD/fake-desktop" mutter
settings "idle = mutter
do_not_disturb = off"
timeout 30 "$UNHUNCH" breaks --terminal --reminders 1 </dev/null >"$TMP/out" 2>&1 &
coach=$!
PIDS+=($coach)
for _ in $(seq 50); do grep -q "Away from the desk" "$TMP/out" && break; sleep 0.1; done
tell away
sleep 1
killing=$(date +%s.%N)  # the earliest bound from here, the latest from after the kill (idle_run)
kill "$FAKE_PID"   # the monitor quits
exec {FAKE_FD}>&-
gone=$(date +%s.%N)
sleep 0.3
start_fake mutter-b "$BUILD/fake-desktop" mutter
for _ in $(seq 50); do grep -q "AddIdleWatch" "$TMP/mutter-b.log" && break; sleep 0.1; done
contains "watch set again" "AddIdleWatch 1000" "$(cat "$TMP/mutter-b.log")"
for _ in $(seq 160); do grep -q "shown micro" "$TMP/out" && break; sleep 0.05; done
seen=$(date +%s.%N)
took=$(awk "BEGIN { printf \"%.2f\", $seen - $gone }") least=$(awk "BEGIN { printf \"%.2f\", $seen - $killing }")
wait "$coach"
check "restart run exit" 0 $?
contains "present again: shown" "shown micro break" "$(cat "$TMP/out")"
awk "BEGIN { exit !($least >= 2.5 && $took <= 3.8) }" && ok || fail "reminder ${least}-${took}s after the monitor left, not ~3s"
exec {FAKE_FD}>&-

# Wayland ext-idle-notify-v1
start_fake wayland "$BUILD/fake-compositor" unhunch-test
export WAYLAND_DISPLAY=unhunch-test
idle_run wayland "idle notification"
contains "wayland timeout of away_after" "idle notification 1000 ms" "$(cat "$TMP/wayland.log")"
exec {FAKE_FD}>&-
unset WAYLAND_DISPLAY

# logind's IdleHint on the system bus, the session found through the user
start_fake logind "$BUILD/fake-desktop" logind
idle_run logind
contains "logind display session" "GetUser" "$(cat "$TMP/logind.log")"
exec {FAKE_FD}>&-

# auto picks the first source that answers; none answers here now: the clock
settings "idle = auto"
out=$(timeout 30 "$UNHUNCH" breaks --terminal --reminders 1 </dev/null 2>&1)
contains "auto without sources" "no idle source here; the timers run on the clock" "$out"
# a source asked for by name and missing is said, with why
settings "idle = mutter"
out=$(timeout 30 "$UNHUNCH" breaks --terminal --reminders 1 </dev/null 2>&1)
contains "missing mutter" "Idle source mutter: AddIdleWatch:" "$out"

# GNOME's banners through the settings portal: off is do-not-disturb
start_fake portal "$BUILD/fake-desktop" portal
tell "banners off"
settings "idle = off"
timeout 30 "$UNHUNCH" breaks --terminal --reminders 1 </dev/null >"$TMP/out" 2>&1 &
coach=$!
PIDS+=($coach)
# the first reminder is due after 3 s of work: wait for it to be postponed (a slow
# start under a loaded machine must not fail the test)
for _ in $(seq 150); do grep -q "postponed micro break" "$TMP/out" 2>/dev/null && break; sleep 0.1; done
contains "portal named" "Do not disturb: told by GNOME (notification banners off)" "$(cat "$TMP/out")"
contains "portal postpones" "postponed micro break: do not disturb" "$(cat "$TMP/out")"
tell "banners on"
wait "$coach"
check "portal exit" 0 $?
contains "shown once banners are back" "shown micro break" "$(cat "$TMP/out")"
exec {FAKE_FD}>&-

# bad values for the new settings name the line
printf 'idle = sometimes\ndo_not_disturb = maybe\n' > "$CONF"
err=$("$UNHUNCH" breaks </dev/null 2>&1)
check "bad presence settings exit" 1 $?
contains "idle error" "$CONF:1: idle: expected auto, mutter, wayland, x11, logind or off (got 'sometimes')" "$err"
contains "dnd error" "$CONF:2: do_not_disturb: expected on or off (got 'maybe')" "$err"
finish
