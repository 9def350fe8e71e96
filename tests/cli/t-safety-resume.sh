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
q() { sqlite3 -batch -noheader "$DB" "$1"; }
later() { UNHUNCH_TEST_NOW="$1" "$UNHUNCH" "${@:2}"; }

# ---- killed while the stop advice is spoken: not resumable ----
for what in dizzy "hurt 8"; do
  rm -f "$DB"* "$TMP/speech"
  screen_clear
  mkfifo "$TMP/speech"
  (printf '2\n%s\n' "$what"; sleep 8) | "$UNHUNCH" start t-fast --speak-to "$TMP/speech" >"$TMP/out" 2>&1 &
  pid=$!
  for i in $(seq 40); do [ "$(q 'SELECT status FROM sessions' 2>/dev/null)" = stopped ] && break; sleep 0.2; done
  check "$what: stopped at once" stopped "$(q 'SELECT status FROM sessions')"
  kids=$(pgrep -P $pid)
  kill -HUP $pid
  wait $pid 2>/dev/null
  for c in $kids; do kill $c 2>/dev/null; done
  [ "$what" = dizzy ] && screen_clear
  out=$(printf 'y\n2\nquit\n' | "$UNHUNCH" start t-fast --plain --no-voice 2>&1)
  case "$out" in *"Resume there?"*) fail "$what: resume offered after the kill" ;; *) ok ;; esac
done

# ---- a session with a warning sign never marked stopped: the gate refuses to resume it ----
rm -f "$DB"*
screen_clear
q "INSERT INTO sessions(routine_id, started_ms, status, pain_before, pacing) VALUES ('t-fast', 1, 'running', 2, 'content');
   INSERT INTO pains(session_id, item, exercise_id, score, action, at_ms) VALUES (1, 0, 't-lift', 9, 'stopped', 2)"
out=$(printf 'quit\n' | "$UNHUNCH" start --resume --plain --no-voice --pain 2 2>&1)
contains "pain 8 session: not resumed" "ended because of pain of 8 or more, so it cannot be resumed" "$out"
case "$out" in *"Resume there?"*) fail "pain 8 session: resume offered" ;; *) ok ;; esac
check "pain 8 session: marked stopped" stopped "$(q 'SELECT status FROM sessions WHERE id = 1')"

# ---- a resume three days later with pain 9: the pain rules apply ----
rm -f "$DB"*
screen_clear
printf 'quit\n' | "$UNHUNCH" start t-fast --plain --no-voice --pain 2 >/dev/null 2>&1
check "quit: resumable" quit "$(q 'SELECT status FROM sessions')"
out=$(printf 'quit\n' | later +3d start --resume --plain --no-voice --pain 9 2>&1)
check "resume with pain 9: refused" 1 $?
contains "resume with pain 9: says why" "Pain of 8 or more allows only a gentle routine today" "$out"
case "$out" in *"Next: Test"*) fail "resume with pain 9: the routine ran" ;; *) ok ;; esac
out=$(printf '9\nquit\n' | later +3d start --resume --plain --no-voice 2>&1)
contains "resume without --pain: asked" "Before you go on: how much does it hurt right now" "$out"
contains "resume without --pain: the answer counts" "Pain of 8 or more allows only a gentle routine today" "$out"

# ---- the warning sign is saved first: a pain row that cannot be written does not hold it back ----
rm -f "$DB"*
screen_clear
q "CREATE TRIGGER no_pains BEFORE INSERT ON pains BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
printf '2\ndizzy\n' | "$UNHUNCH" start t-fast --plain --no-voice --fresh >/dev/null 2>&1
check "pain row refused: the warning is saved" 1 "$(q "SELECT count(*) FROM screening_answers WHERE question_id = 'warning-during-exercise'")"
q "DROP TRIGGER no_pains"

finish
