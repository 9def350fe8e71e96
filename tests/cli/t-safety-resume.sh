# t-safety-resume.sh: a session ended for safety is never resumed, and a resume asks
# about today's pain. A session stopped for a warning sign or pain of 8 is marked
# stopped at once, so a hang-up while the advice is still spoken (a FIFO nobody reads
# stands in for a slow voice) cannot leave it resumable; the gate refuses to resume a
# session with such a report even if it was never marked; and `start --resume --pain 9`
# is held to the pain rules like a fresh start.
. "$(dirname "$0")/lib.sh"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
MINE="$XDG_DATA_HOME/unhunch"
DB="$MINE/unhunch.db"
mkdir -p "$MINE"
cp "$SRC/tests/cli/content/fast.yaml" "$MINE/"
later() { UNHUNCH_TEST_NOW="$1" "$UNHUNCH" "${@:2}"; }

# ---- killed while the stop advice is spoken: not resumable ----
for what in dizzy "hurt 8"; do
  fresh_store
  rm -f "$TMP/speech"
  screen_clear
  mkfifo "$TMP/speech"
  (printf '2\n%s\n' "$what"; sleep 8) | "$UNHUNCH" start t-fast --speak-to "$TMP/speech" >"$TMP/out" 2>&1 &
  pid=$!
  for i in $(seq 40); do [ "$(x '.sessions[0].status' 2>/dev/null)" = stopped ] && break; sleep 0.2; done
  check "$what: stopped at once" stopped "$(x '.sessions[0].status')"
  kids=$(pgrep -P $pid)
  kill -HUP $pid
  wait $pid 2>/dev/null
  for c in $kids; do kill $c 2>/dev/null; done
  [ "$what" = dizzy ] && screen_clear
  out=$(printf 'y\n2\nquit\n' | "$UNHUNCH" start t-fast --plain --no-voice 2>&1)
  case "$out" in *"Resume there?"*) fail "$what: resume offered after the kill" ;; *) ok ;; esac
done

# ---- a session with a warning sign never marked stopped: the gate refuses to resume it ----
fresh_store
screen_clear
reseed '.sessions = [{routine: "t-fast", started_ms: 1, ended_ms: null, status: "running", pain_before: 2, pain_after: null,
  pacing: "content", exercises: [], sets: [],
  pain_reports: [{item: 0, exercise: "t-lift", score: 9, action: "session ended: pain of 8 or more", at_ms: 2}]}]'
out=$(printf 'quit\n' | "$UNHUNCH" start --resume --plain --no-voice --pain 2 2>&1)
contains "pain 8 session: not resumed" "ended because of pain of 8 or more, so it cannot be resumed" "$out"
case "$out" in *"Resume there?"*) fail "pain 8 session: resume offered" ;; *) ok ;; esac
check "pain 8 session: marked stopped" stopped "$(x '.sessions[0].status')"

# ---- a resume three days later with pain 9: the pain rules apply ----
fresh_store
screen_clear
printf 'quit\n' | "$UNHUNCH" start t-fast --plain --no-voice --pain 2 >/dev/null 2>&1
check "quit: resumable" quit "$(x '.sessions[0].status')"
out=$(printf 'quit\n' | later +3d start --resume --plain --no-voice --pain 9 2>&1)
check "resume with pain 9: refused" 1 $?
contains "resume with pain 9: says why" "Pain of 8 or more allows only a gentle routine today" "$out"
case "$out" in *"Next: Test"*) fail "resume with pain 9: the routine ran" ;; *) ok ;; esac
out=$(printf '9\nquit\n' | later +3d start --resume --plain --no-voice 2>&1)
contains "resume without --pain: asked" "Before you go on: how much does it hurt right now" "$out"
contains "resume without --pain: the answer counts" "Pain of 8 or more allows only a gentle routine today" "$out"

# ---- the warning sign is saved first: a pain row that cannot be written does not hold it back ----
# (a write refused on purpose is a fault put into the SQLite file itself)
if sqlite_only "pain row refused"; then
  fresh_store
  screen_clear
  sqlite3 "$DB" "CREATE TRIGGER no_pains BEFORE INSERT ON pains BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
  printf '2\ndizzy\n' | "$UNHUNCH" start t-fast --plain --no-voice --fresh >/dev/null 2>&1
  check "pain row refused: the warning is saved" 1 "$(x '[.screenings[].answers[] | select(.question == "warning-during-exercise")] | length')"
  sqlite3 "$DB" "DROP TRIGGER no_pains"
fi

finish
