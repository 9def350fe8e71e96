# t-screen.sh: the safety screen through the command line: asked before the first
# session, each urgency's effect on start, clearances, the neck variant, and a warning
# sign during a session.
. "$(dirname "$0")/lib.sh"
# a small question set so answers can be scripted by position
mkdir -p "$TMP/data/screening"
cp -r "$SRC/data/exercises" "$SRC/data/routines" "$TMP/data/"
cp "$SRC/tests/cli/content/fast.yaml" "$TMP/data/routines/"
cat > "$TMP/data/screening/q.yaml" <<'YAML'
screening:
  - {id: q-emergency, group: heart, ask: Emergency question?, urgency: emergency}
  - {id: q-today, group: injury, ask: Today question?, urgency: today}
  - {id: q-days, group: spinal-cord, ask: Days question?, urgency: days}
  - {id: q-routine, group: course, ask: Routine question?, urgency: routine}
  - {id: q-dizzy, group: neck-artery, ask: Dizzy question?, urgency: days, neck: true, escalate_with: [q-vision]}
  - {id: q-vision, group: neck-artery, ask: Vision question?, urgency: emergency, neck: true}
YAML
export UNHUNCH_DATA_DIR="$TMP/data"
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
q() { sqlite3 -batch -noheader "$DB" "$1"; }
answers() { printf '%s\n' "$@"; }
start() { "$UNHUNCH" start t-fast --plain --no-voice --pain 2 2>&1; }

# 1. the first session asks the screen first; all no: the session runs
out=$( (answers n n n n n; echo quit) | start)
check "first start runs" 0 $?
contains "first start asks" "Before your first session, a few safety questions." "$out"
contains "safety net said" "It is a safety net, not a diagnosis" "$out"
contains "all clear" "No warning signs." "$out"
contains "then the session" "Test lift: Next: Test lift." "$out"
check "screen saved" "0|1" "$(q 'SELECT level, neck_clear FROM screenings')"

# 2. routine: the gentle program goes on, with a reminder
answers n n n y n | "$UNHUNCH" screen >/dev/null
out=$(echo quit | start)
check "routine allows start" 0 $?
contains "routine reminder" "Reminder from your safety screen: Book a doctor or a physiotherapist when you can" "$out"

# 3. days and today: refused with who to see; a clearance lets exercise go on
for case in "n n y n n:days:within the next few days" "n y n n n:today:today"; do
  IFS=: read -r ans level words <<<"$case"
  # shellcheck disable=SC2086
  out=$(answers $ans | "$UNHUNCH" screen)
  contains "$level result" "$words" "$out"
  out=$(echo quit | start)
  check "$level refuses start" 1 $?
  contains "$level says who" "not today. Your last safety screen found a warning sign." "$out"
  contains "$level says how to clear" "unhunch screen --clearance" "$out"
  out=$("$UNHUNCH" screen --clearance "Dr Rossi, GP: no concern" --date 2026-11-20)
  check "$level clearance" 0 $?
  check "$level clearance stored" "2026-11-20|Dr Rossi, GP: no concern" "$(q 'SELECT date, note FROM clearances ORDER BY id DESC LIMIT 1')"
  out=$(echo quit | start)
  check "$level cleared start" 0 $?
done

# 4. emergency: refused; a clearance is refused; answering again, clear, unlocks
out=$(answers y | "$UNHUNCH" screen)
contains "emergency stops asking" "Call your emergency number now" "$out"
case "$out" in *"Today question?"*) fail "questions went on after an emergency answer" ;; *) ok ;; esac
out=$(echo quit | start)
check "emergency refuses" 1 $?
out=$("$UNHUNCH" screen --clearance "my friend said fine" 2>&1)
check "emergency clearance refused" 1 $?
contains "emergency clearance message" "an emergency answer cannot be cleared here" "$out"
check "emergency json" '"exercise_allowed": false' "$("$UNHUNCH" screen --status --json | grep -o '"exercise_allowed": [a-z]*')"
answers n n n n n | "$UNHUNCH" screen >/dev/null
out=$(echo quit | start)
check "clear screen unlocks" 0 $?

# 5. escalation: dizziness alone is "days", with a vision problem an emergency
out=$(answers n n n n y y y | "$UNHUNCH" screen)
contains "escalated" "Call your emergency number now" "$out"
out=$(answers n n n n y y n | "$UNHUNCH" screen)
contains "dizzy alone" "within the next few days" "$out"
contains "neck variant off" "The head-over-the-edge neck exercise stays off" "$out"

# 6. the neck variant: a routine asking for it gets the supported one unless the neck screen is clear
cat > "$TMP/data/routines/neck.yaml" <<'YAML'
routines:
  - id: t-neck
    name: Neck test
    description: The head-over-the-edge variant.
    module: activation
    ready: 3
    items: [{exercise: neck-range-bed-edge, reps: 1, per_direction: [up], pacing: self}]
YAML
"$UNHUNCH" screen --clearance "Physio: dizziness is an old inner-ear problem" >/dev/null
out=$(echo quit | "$UNHUNCH" start t-neck --plain --no-voice --pain 1 2>&1)
contains "supported used" "Next: Neck range of motion, head supported." "$out"
answers n n n n n | "$UNHUNCH" screen >/dev/null
out=$(echo quit | "$UNHUNCH" start t-neck --plain --no-voice --pain 1 --fresh 2>&1)
contains "bed edge after clear neck screen" "Next: Neck range of motion, head over the bed edge." "$out"

# 7. dizziness during a session stops the exercise and the next start waits
out=$(printf 'done\ndizzy\nquit\n' | "$UNHUNCH" start t-fast --plain --no-voice --pain 1 --fresh 2>&1)
contains "dizzy stops" "Stop now. Stop and rest with your head supported." "$out"
contains "dizzy recorded for next time" "the next session waits" "$out"
sid=$(q 'SELECT max(id) FROM sessions')
check "warning sign saved" "-1|stopped t-lift: dizziness or another warning sign" "$(q "SELECT score, action FROM pains WHERE session_id=$sid")"
out=$(echo quit | start)
check "next start waits" 1 $?

# 8. a group of questions is one list; a no answers them all
out=$(answers n n n n n | "$UNHUNCH" screen)
contains "group list" "Does any of these apply to you?" "$out"
check "group no answers all" "6|0" "$(q 'SELECT count(*), sum(yes) FROM screening_answers WHERE screening_id = (SELECT max(id) FROM screenings)')"

# 9. bad input
out=$(answers maybe | "$UNHUNCH" screen 2>&1)
check "bad answer" 2 $?
contains "bad answer named" "'maybe' is not y or n" "$out"
out=$(answers n n | "$UNHUNCH" screen 2>&1)
check "answers end early" 1 $?
contains "nothing saved" "nothing was saved" "$out"
"$UNHUNCH" screen --clearance "x" --date 2026-02-30 >/dev/null 2>&1
check "impossible date" 2 $?
finish
