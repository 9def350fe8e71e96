# desktop.sh: a private desktop for the break coach's tests, sourced after lib.sh:
# start_bus (a private D-Bus session bus), start_x (Xvfb on a free display),
# start_dunst (Debian's dunst, with a context menu answered by $TMP/pick), all
# stopped by process id when the test ends. Nothing touches the machine's own
# desktop.
PIDS=()
stop_desktop() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  # nothing this test started may outlive it (a bus or X server left behind)
  local left
  left=$(pgrep -f -- "$TMP/" || true)
  rm -rf "$TMP"
  if [ -n "$left" ]; then
    echo "FAIL: left running: $(ps -o pid=,args= -p "${left//$'\n'/,}" 2>/dev/null)" >&2
    kill $left 2>/dev/null
    exit 1
  fi
}
trap stop_desktop EXIT
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS DBUS_SYSTEM_BUS_ADDRESS XDG_SESSION_ID
export XDG_RUNTIME_DIR="$TMP/run"
mkdir -m 700 -p "$XDG_RUNTIME_DIR"

need() {
  for t in "$@"; do
    command -v "$t" >/dev/null || { echo "FAIL: $t is not installed (scripts/deps.sh installs it)" >&2; exit 1; }
  done
}

# start_bus NAME VAR: a bus at $TMP/NAME.bus, its address exported in VAR. Not called
# in $(...): a subshell's PIDS would be lost and its daemon outlive the test.
start_bus() {
  need dbus-daemon
  dbus-daemon --session --nofork --nopidfile --address="unix:path=$TMP/$1.bus" >/dev/null 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do [ -S "$TMP/$1.bus" ] && break; sleep 0.1; done
  export "$2=unix:path=$TMP/$1.bus"
}

start_x() {
  need Xvfb xdotool
  Xvfb -displayfd 9 -screen 0 1024x768x24 -nolisten tcp 9>"$TMP/display" >/dev/null 2>&1 &
  XVFB=$!
  PIDS+=($XVFB)
  for _ in $(seq 100); do [ -s "$TMP/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(tr -d '\n' < "$TMP/display")"
}

start_dunst() {
  need dunst dunstctl
  cat > "$TMP/menu" <<SH
#!/bin/sh
cat > "$TMP/menu-in"
grep -m1 "\$(cat "$TMP/pick")" "$TMP/menu-in"
SH
  chmod +x "$TMP/menu"
  # markup = full: dunst then reads bodies as markup and says so (body-markup)
  printf '[global]\ndmenu = %s\nmarkup = full\n' "$TMP/menu" > "$TMP/dunstrc"
  dunst -config "$TMP/dunstrc" >"$TMP/dunst.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do dunstctl is-paused >/dev/null 2>&1 && break; sleep 0.1; done
}

# shown: how many notifications dunst has on screen
shown() { dunstctl count displayed 2>/dev/null || echo 0; }
# started: 1 once the break coach writing to $TMP/out has opened its presence sources
# (its schedule starts there), else 0
started() { grep -c "^Away from the desk:" "$TMP/out" 2>/dev/null || true; }

# wait_for N SECONDS CMD...: until CMD prints N, at most SECONDS; prints the time it took
wait_for() {
  local want=$1 limit=$2 start=$(date +%s.%N) now
  shift 2
  while :; do
    [ "$("$@")" = "$want" ] && break
    now=$(date +%s.%N)
    if awk "BEGIN { exit !($now - $start > $limit) }"; then echo timeout; return 1; fi
    sleep 0.05
  done
  awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }"
}

# keep_active: move the pointer every half second (input resets X11's idle time)
keep_active() {
  ( while :; do xdotool mousemove_relative -- 1 1; sleep 0.5; xdotool mousemove_relative -- -1 -1; sleep 0.5; done ) &
  ACTIVE=$!
  PIDS+=($ACTIVE)
}
stop_active() { kill "$ACTIVE" 2>/dev/null; wait "$ACTIVE" 2>/dev/null; }
