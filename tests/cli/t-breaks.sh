# t-breaks.sh: the break coach end to end with short intervals from the config: the
# reminders in the terminal (no session bus), answers on standard input, the log and
# stats, settings errors with file:line, work hours, and install/uninstall with a fake
# systemctl. Every run is bounded by timeout.
. "$(dirname "$0")/lib.sh"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
CONF="$XDG_CONFIG_HOME/unhunch/config"
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
mkdir -p "$(dirname "$CONF")"

# coach TIMEOUT REMINDERS STEP...: run the break coach with answers on standard input;
# a step is a word to answer, "sleep S", or "shown N" (wait until the Nth reminder is
# on screen, so that a slow start on a loaded machine does not answer before it).
# Its output is in $COACH_OUT; its exit status is the coach's.
COACH_OUT="$TMP/coach.out"
coach() {
  local t=$1 n=$2; shift 2
  : >"$COACH_OUT"
  ( for s in "$@"; do
      case $s in
        shown\ *) for _ in $(seq 300); do
                    [ "$(grep -c ' shown ' "$COACH_OUT")" -ge "${s#shown }" ] && break; sleep 0.05
                  done ;;
        sleep\ *) sleep "${s#sleep }" ;;
        *) echo "$s" ;;
      esac
    done ) | timeout "$t" "$UNHUNCH" breaks --reminders "$n" >"$COACH_OUT" 2>&1
}

contains "today: how to start" "Break reminders through the workday: unhunch breaks" "$("$UNHUNCH")"
out=$("$UNHUNCH" breaks --help)
check "help exit" 0 $?
contains "help" "unhunch breaks stats [--json]" "$out"

# settings errors: every bad line, with file:line, and nothing starts
printf 'micro_every = soon\n# a comment\nmode = gentle\nwork_hours = 18:00-09:00\nbogus = 1\nno equals here\n' > "$CONF"
err=$(timeout 5 "$UNHUNCH" breaks 2>&1 </dev/null)
check "bad config exit" 1 $?
contains "duration error" "$CONF:1: micro_every: expected a duration such as 30m, 90s or 1h (got 'soon')" "$err"
contains "mode error" "$CONF:3: mode: expected normal, notify-only or strict" "$err"
contains "hours error" "$CONF:4: work_hours: expected HH:MM-HH:MM" "$err"
contains "unknown key" "$CONF:5: bogus: unknown setting" "$err"
contains "no equals" "$CONF:6: expected KEY = VALUE" "$err"
contains "summary" "5 problems in the settings; nothing was started" "$err"

# a fast day: a reset every 2 s, a movement break every 5 s, answers on stdin (with
# the safety screen answered: before it, reminders are plain ones, see t-gate.sh)
screen_clear
cat > "$CONF" <<'CONF'
micro_every = 2s
move_every = 5s
move_length = 1m
postpone = 1s
answer_within = 30s
work_days = all
work_hours = 00:00-24:00
voice = off
CONF
start=$(date +%s)
coach 20 3 "shown 1" "sleep 0.5" later "shown 2" "sleep 0.5" skip "shown 3" "sleep 0.5" start skip
check "run exit" 0 $?
out=$(cat "$COACH_OUT")
took=$(( $(date +%s) - start ))
[ "$took" -le 10 ] && ok || fail "the run took ${took}s"
contains "no bus" "No desktop notifications" "$out"
contains "first reset" "shown micro break posture-check" "$out"
contains "postponed" "postponed micro break posture-check" "$out"
contains "same reset after later" "Posture reset: Posture check (20 s)" "$out"
contains "skipped" "skipped micro break posture-check" "$out"
contains "movement break" "shown move break get-up-and-move" "$out"
contains "taken" "taken move break get-up-and-move" "$out"
contains "guided" "Get up and move" "$out"
contains "bell" $'\a' "$out"
check "log rows" "shown|micro|posture-check
postponed|micro|posture-check
shown|micro|posture-check
skipped|micro|posture-check
shown|move|get-up-and-move
taken|move|get-up-and-move" "$(x '.breaks[] | "\(.event)|\(.kind)|\(.exercise)"')"

contains "today: the day's breaks" "Breaks today: 1 taken, 0 away from the desk, 1 skipped" "$("$UNHUNCH")"
out=$("$UNHUNCH" breaks stats)
check "stats exit" 0 $?
contains "stats today" "Today:
  posture resets   shown 2, taken 0, natural 0, postponed 1, skipped 1
  movement breaks  shown 1, taken 1, natural 0, postponed 0, skipped 0" "$out"
# an event 3 days ago counts in the week only; 8 days ago in neither
reseed "(now | floor) as \$t | .breaks += [{at_ms: ((\$t - 3 * 86400) * 1000), kind: \"micro\", event: \"natural\",
  exercise: \"\", detail: \"\"}, {at_ms: ((\$t - 8 * 86400) * 1000), kind: \"micro\", event: \"taken\", exercise: \"\",
  detail: \"\"}] | .breaks |= sort_by(.at_ms)"
json=$("$UNHUNCH" breaks stats --json)
check "stats json" '{
  "today": {"micro": {"shown": 2, "taken": 0, "postponed": 1, "skipped": 1, "natural": 0}, "move": {"shown": 1, "taken": 1, "postponed": 0, "skipped": 0, "natural": 0}},
  "last_7_days": {"micro": {"shown": 2, "taken": 0, "postponed": 1, "skipped": 1, "natural": 1}, "move": {"shown": 1, "taken": 1, "postponed": 0, "skipped": 0, "natural": 0}}
}' "$json"
python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$json" && ok || fail "stats json does not parse"

# notification-only: no answers needed; strict: the skip limit
sed -i 's/^answer_within.*/answer_within = 30s\nmode = notify-only/' "$CONF"
out=$(timeout 10 "$UNHUNCH" breaks --reminders 1 </dev/null 2>&1)
check "notify-only exit" 0 $?
case "$out" in *"Answer:"*) fail "notify-only offered answers" ;; *) ok ;; esac
sed -i 's/^mode.*/mode = strict\nskips_per_day = 0/' "$CONF"
coach 10 1 "shown 1" "sleep 0.5" skip
check "strict exit" 0 $?
out=$(cat "$COACH_OUT")
contains "strict no skip" "start, later (no skips left today)" "$out"
contains "strict skip refused" "postponed micro break posture-check: no skips left today" "$out"

# outside work hours nothing is shown (today is not a work day here)
# the day after tomorrow (in German, Monday is "Mo"): neither today nor, should the run
# cross midnight, the next day
other=$(LC_ALL=C date -d '+2 days' +%a | tr 'A-Z' 'a-z')
sed -i "s/^work_days.*/work_days = $other/" "$CONF"
out=$(timeout 4 "$UNHUNCH" breaks --reminders 1 </dev/null 2>&1)
check "off-hours still waiting" 124 $?
case "$out" in *shown*) fail "a reminder outside work hours" ;; *) ok ;; esac

# one reset on its own, as the coach's window runs it
out=$("$UNHUNCH" breaks play 2>&1)
check "play without exercise" 2 $?
contains "play says what" "play needs an EXERCISE" "$out"
out=$("$UNHUNCH" breaks play no-such-reset 2>&1)
check "play unknown" 1 $?
contains "play unknown says" "no exercise 'no-such-reset'" "$out"
out=$(echo skip | "$UNHUNCH" breaks play chin-tuck --no-voice 2>&1)
check "play exit" 0 $?
contains "play guided" "Chin tuck: Next: Chin tuck." "$out"

# install / uninstall
out=$(UNHUNCH_SYSTEMCTL=false "$UNHUNCH" breaks install 2>&1)
check "install without user manager" 1 $?
contains "says so" "systemctl --user is not available" "$out"
cat > "$TMP/systemctl" <<SH
#!/bin/sh
echo "\$*" >> "$TMP/systemctl.log"
SH
chmod +x "$TMP/systemctl"
out=$(UNHUNCH_SYSTEMCTL="$TMP/systemctl" "$UNHUNCH" breaks install 2>&1)
check "install exit" 0 $?
UNIT="$XDG_CONFIG_HOME/systemd/user/unhunch-breaks.service"
contains "unit ExecStart" "ExecStart=${UNHUNCH_REAL:-$UNHUNCH} breaks" "$(cat "$UNIT")"
contains "enabled" "--user enable --now unhunch-breaks.service" "$(cat "$TMP/systemctl.log")"
out=$(UNHUNCH_SYSTEMCTL="$TMP/systemctl" "$UNHUNCH" breaks uninstall 2>&1)
check "uninstall exit" 0 $?
[ ! -e "$UNIT" ] && ok || fail "unit still there"
contains "disabled" "--user disable --now unhunch-breaks.service" "$(cat "$TMP/systemctl.log")"

# focus from the plan: an assessment with high stress puts the breathing reset first
# and every other time; focus = none keeps the routine's order
sed -i "s/^work_days.*/work_days = all/; s/^mode.*/mode = normal/" "$CONF"
# desk hours, days, breaks, then five skipped, stress 8, chest breathing, breath
# holding, no shallow breathing, and three skipped
printf '8\nmon-fri\n3\n\n\n\n\n\n8\ny\ny\nn\n\n\n\n' | "$UNHUNCH" assess >/dev/null 2>&1
check "assess for focus" 0 $?
coach 10 2 "shown 1" "sleep 0.5" skip "shown 2" "sleep 0.5" skip
check "focus run exit" 0 $?
out=$(cat "$COACH_OUT")
contains "focus said" "Breathing resets come often: your assessment found strong stress." "$out"
case "$out" in *"Chest openers come often"*) fail "chest focus without a tight chest" ;; *) ok ;; esac
check "breathing first, then the routine" "breathing-reset
posture-check" "$(x '[.breaks[] | select(.event == "shown")] | .[-2:][] | .exercise')"
echo "focus = none" >> "$CONF"
coach 10 1 "shown 1" "sleep 0.5" skip
out=$(cat "$COACH_OUT")
case "$out" in *"resets come often"*) fail "focus = none still took the plan's focus" ;; *) ok ;; esac
contains "routine order" "shown micro break posture-check" "$out"
finish
