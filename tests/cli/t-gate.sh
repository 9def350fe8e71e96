# t-gate.sh: every way into exercise passes the one gate (src/app/gate.h). There is one
# case below for each entry of enum gate_entry (core/safety.c, gate_entry_names); the
# test fails when an entry has no case, when a source file runs the session engine or
# seals a pass without being a registered front end, and when any entry lets exercise
# through while an emergency answer is open. A new front end (the HTTP server, the web
# player) adds its entry to the enum and to app_gate_entries[], and its case here.
. "$(dirname "$0")/../http/lib.sh" # tests/cli/lib.sh, and the server for the web player's entry
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
CONF="$XDG_CONFIG_HOME/unhunch/config"
# coach ANSWER...: run the break coach in the terminal, give each answer once its
# reminder is on screen (not on a timer, so a slow machine cannot answer too early),
# and stop after as many reminders; prints what it said
coach() {
  local fifo="$TMP/coach.in" log="$TMP/coach.out" n=0 pid rc
  rm -f "$fifo" "$log"
  mkfifo "$fifo"
  timeout 60 "$UNHUNCH" breaks --terminal --reminders $# <"$fifo" >"$log" 2>&1 &
  pid=$!
  exec 7>"$fifo"
  for a in "$@"; do
    n=$((n + 1))
    for _ in $(seq 1 300); do [ "$(grep -c ' shown ' "$log")" -ge "$n" ] && break; sleep 0.1; done
    echo "$a" >&7
    [ "$a" = start ] && echo skip >&7 # a reset that does start: move through it
  done
  wait "$pid"
  rc=$?
  exec 7>&-
  cat "$log"
  return $rc
}
mkdir -p "$XDG_DATA_HOME/unhunch" "$(dirname "$CONF")"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
cat > "$CONF" <<'CONF'
micro_every = 2s
move_every = 1h
answer_within = 30s
work_days = all
work_hours = 00:00-24:00
voice = off
CONF

# ---- the registry: every entry has a case, every runner of the engine is registered ----
CASES="start resume plan-resume break-reminder break-start break-play web-player"
entries=$(sed -n '/gate_entry_names\[GATE__COUNT + 1\] = {/,/};/p' "$SRC/src/core/safety.c" | grep -o '"[a-z-]*"' | tr -d '"' | tr '\n' ' ')
check "every entry has a case here" "$CASES " "$entries"
for e in $entries; do
  row=$(grep -c "\[GATE_$(echo "$e" | tr 'a-z-' 'A-Z_')\] = {" "$SRC/src/app/gate.c")
  check "entry $e registered in app_gate_entries" 1 "$row"
done
# the front ends named in the registry exist and ask the gate
for f in $(grep -o '"src/[a-z/-]*\.c"' "$SRC/src/app/gate.c" | tr -d '"' | sort -u); do
  [ -f "$SRC/$f" ] && ok || fail "registered front end $f does not exist"
  grep -qE 'app_gate\(|cli_gate\(|app_plan_resume\(|breaks_play_here\(|gate_for\(' "$SRC/$f" && ok ||
    fail "registered front end $f never asks the gate"
done
# only registered front ends run the engine, and only the gate seals a pass
runners=$(grep -rlE '\bengine_init\(' "$SRC/src" | sed "s|$SRC/||" | grep -v '^src/core/session\.[ch]$' | sort | tr '\n' ' ')
check "files that run the session engine" "src/cli/breaks-play.c src/cli/cmd-start.c src/wasm/session.c " "$runners"
# the web player's engine seals a pass only from the token of the server's gate (core/pass.h)
sealers=$(grep -rl 'SESSION_PASS_SEAL' "$SRC/src" | sed "s|$SRC/||" | sort | tr '\n' ' ')
check "files that seal a pass" "src/app/gate.c src/core/session.c src/core/session.h src/wasm/session.c " "$sealers"
check "the web player seals only a parsed token" 1 "$(grep -c 'pass_token_parse(pass_token' "$SRC/src/wasm/session.c")"
players=$(grep -rlE '\bplayer_run\(' "$SRC/src" | sed "s|$SRC/||" | grep -v '^src/tui/' | sort | tr '\n' ' ')
check "files that run the player" "src/cli/breaks-play.c src/cli/cmd-start.c " "$players"

# web_pass PAIN: the web player's Start (POST /api/v1/session/pass) for t-fast; prints
# the answer's allowed, why and message, and its token
web_pass() {
  local csrf
  csrf=$(token)
  curl -s -X POST -H "Origin: ${URL%/}" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d "{\"routine\": \"t-fast\", \"pain\": $1}" "${URL}api/v1/session/pass" |
    python3 -c 'import json,sys; a=json.load(sys.stdin); print(a["allowed"], a["why"], a.get("message") or "", a["token"] or "")'
}

# ---- every entry refuses while an emergency answer is open ----
screen_clear
# a quit session to resume, and a paused exercise to bring back (set up before the
# server starts: a reseed gives the store a new database on PostgreSQL)
printf 'quit\n' | "$UNHUNCH" start t-fast --plain --no-voice --pain 2 >/dev/null 2>&1
reseed ".plan_changes += [$(plan_change v-raise pause second-regression 5 5 true Paused.)]"
serve_start
sessions=$(x '.sessions | length')
yes y 2>/dev/null | "$UNHUNCH" screen >/dev/null 2>&1 # the first question is an emergency one
check "emergency stored" "emergency" "$(x '.screenings | max_by(.at_ms) | .level')"

refused() { # NAME EXIT OUTPUT: refused with who to see, nothing guided
  check "$1 refused" 1 "$2"
  contains "$1 says why" "Your last safety screen found a warning sign." "$3"
  contains "$1 says who" "Call your local emergency number now" "$3"
  case "$3" in *"Next: "*) fail "$1 guided an exercise" ;; *) ok ;; esac
}
out=$(echo quit | "$UNHUNCH" start t-fast --plain --no-voice --pain 2 --fresh 2>&1); refused start $? "$out"
out=$(echo quit | "$UNHUNCH" start --plain --no-voice --pain 2 --fresh 2>&1); refused "start without a routine" $? "$out"
out=$(echo quit | "$UNHUNCH" start --resume --plain --no-voice 2>&1); refused resume $? "$out"
check "no session started or resumed" "$sessions|quit" "$(x '"\(.sessions | length)|\(.sessions[-1].status)"')"
out=$("$UNHUNCH" plan --resume v-raise 2>&1); refused plan-resume $? "$out"
check "still paused" "true" "$(x '[.plan_changes[] | select(.slot == "v-raise")] | max_by(.at_ms) | .paused')"
out=$("$UNHUNCH" breaks play chin-tuck --no-voice </dev/null 2>&1); refused break-play $? "$out"
# the coach: a plain reminder that says why, no Start; typing start guides nothing
out=$(coach start)
check "coach runs" 0 $?
contains "break-reminder paused" "Exercise reminders are paused: Your last safety screen found a warning sign." "$out"
contains "break-reminder says who" "Call your local emergency number now" "$out"
case "$out" in *"Answer: start"*) fail "break-reminder offered Start" ;; *) ok ;; esac
contains "break-start refused" "unhunch breaks: not now." "$out"
case "$out" in *"Next: "*) fail "break-start guided an exercise" ;; *) ok ;; esac
out=$(web_pass 2)
contains "web-player refused" "False warning_sign" "$out"
contains "web-player says why" "Your last safety screen found a warning sign." "$out"
contains "web-player says who" "Call your local emergency number now" "$out"
case "$out" in *up[0-9].*) fail "web-player gave a pass" ;; *) ok ;; esac

# ---- with a clear screen every entry lets the right exercise through ----
screen_clear
out=$(echo quit | "$UNHUNCH" start t-fast --plain --no-voice --pain 2 --fresh 2>&1)
check "start allowed" 0 $?
contains "start guides" "Test lift: Next: Test lift." "$out"
out=$(echo skip | "$UNHUNCH" breaks play chin-tuck --no-voice 2>&1)
check "break-play allowed" 0 $?
contains "break-play guides" "Chin tuck: Next: Chin tuck." "$out"
# breaks play offers only the posture-break resets
out=$("$UNHUNCH" breaks play superman --no-voice </dev/null 2>&1)
check "break-play refuses a floor exercise" 1 $?
contains "break-play says so" "superman" "$(echo "$out" | tr 'A-Z' 'a-z')"
contains "only posture resets" "Break resets are the exercises of the posture-break routine" "$out"
out=$(coach start)
check "coach runs again" 0 $?
contains "break-reminder offers Start" "Answer: start" "$out"
contains "break-start guides" "Next: Posture check." "$out"
out=$("$UNHUNCH" plan --resume v-raise 2>&1)
check "plan-resume allowed" 0 $?
out=$(web_pass 2)
contains "web-player allowed" "True ok" "$out"
contains "web-player's pass" " up2.web-player.t-fast.n.2." "$out"
out=$(web_pass 8) # the pain rule: 8 or more allows only a gentle routine
contains "web-player: pain of 8 refuses t-fast" "False gentle_only Pain of 8 or more allows only a gentle routine today" "$out"
finish
