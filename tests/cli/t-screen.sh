# t-screen.sh: the safety screen through the command line: asked before the first
# session (also when input is not a terminal), each urgency's effect on start,
# clearances that need a date and a note of substance, escalation and combinations of
# flags, the neck questions one at a time, the neck lock that only a clearance lifts,
# and a warning sign during a session.
. "$(dirname "$0")/lib.sh"
# a small question set so answers can be scripted by position: heart, injury, spinal
# cord, course (one question each), the three neck questions one at a time, then one
# list of two
mkdir -p "$TMP/data/screening"
cp -r "$SRC/data/exercises" "$SRC/data/routines" "$TMP/data/"
cp "$SRC/tests/cli/content/fast.yaml" "$TMP/data/routines/"
cat > "$TMP/data/screening/q.yaml" <<'YAML'
screening:
  - {id: q-emergency, group: heart, ask: Emergency question?, urgency: emergency}
  - {id: q-today, group: injury, ask: Today question?, urgency: today}
  - {id: q-days, group: spinal-cord, ask: Days question?, urgency: days, neck_lock: true}
  - {id: q-routine, group: course, ask: Routine question?, urgency: routine}
  - {id: q-dizzy, group: neck-artery, ask: Dizzy question?, urgency: days, neck: true, escalate_with: [q-vision]}
  - {id: q-vision, group: neck-artery, ask: Vision question?, urgency: emergency, neck: true}
  - {id: q-migraine, group: neck-artery, ask: Migraine question?, urgency: none, neck: true}
  - {id: q-list-a, group: joints, ask: List item A, urgency: routine}
  - {id: q-list-b, group: joints, ask: List item B, urgency: routine}
YAML
export UNHUNCH_DATA_DIR="$TMP/data"
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
TODAY=$(date +%F)
answers() { printf '%s\n' "$@"; }
all_no() { answers n n n n n n n n; }
start() { "$UNHUNCH" start t-fast --plain --no-voice --pain 2 --fresh 2>&1; }
clear_with() { "$UNHUNCH" screen --clearance "Dr Rossi, GP: no concern, exercise is fine" --date "$TODAY"; }

# 1. the first session asks the screen first, from piped input too; all no: it runs
out=$( (all_no; echo quit) | start)
check "first start runs" 0 $?
contains "first start asks" "Before your first session, answer the safety questions." "$out"
contains "first-run notice" "unhunch is a self-care coach, not a diagnosis or a treatment" "$out"
contains "safety net said" "It is a safety net, not a diagnosis" "$out"
contains "all clear" "No warning signs." "$out"
contains "then the session" "Test lift: Next: Test lift." "$out"
check "screen saved" "none|true" "$(x '.screenings[] | "\(.level)|\(.neck_clear)"')"
# answers that run out refuse, and save nothing
reseed '.screenings = [] | .clearances = []'
out=$(answers n n | start)
check "screen cut short refuses" 1 $?
contains "nothing saved" "nothing was saved" "$out"
check "no screening stored" "0" "$(x '.screenings | length')"
all_no | "$UNHUNCH" screen >/dev/null

# 2. routine: sessions run the gentle way (half doses) until a clearance
answers n n n y n n n n | "$UNHUNCH" screen >/dev/null
out=$(start </dev/null)
check "routine allows start" 0 $?
contains "routine runs gently" "Today's session runs the gentle way because of a safety answer not yet seen to" "$out"
contains "half doses" "Test lift: 1. Lift" "$out"
case "$out" in *"2. Lift"*) fail "a gentle session ran the full dose" ;; *) ok ;; esac
clear_with >/dev/null
out=$( (echo done; echo done; echo quit) | start)
case "$out" in *"gentle way"*) fail "still gentle after a clearance" ;; *) ok ;; esac

# 3. days and today: refused with who to see; a clearance needs substance and a real
#    day on or after the screen; then exercise goes on
for case in "n n y n n n n n:days:within the next few days" "n y n n n n n n:today:today"; do
  IFS=: read -r ans level words <<<"$case"
  # shellcheck disable=SC2086
  out=$(answers $ans | "$UNHUNCH" screen)
  contains "$level result" "$words" "$out"
  out=$(echo quit | start)
  check "$level refuses start" 1 $?
  contains "$level says why" "Your last safety screen found a warning sign." "$out"
  contains "$level says how to clear" "unhunch screen --clearance" "$out"
  out=$("$UNHUNCH" screen --clearance "ok" 2>&1)
  check "$level thin note refused" 1 $?
  contains "$level thin note says" "say who you saw and what they said" "$out"
  out=$("$UNHUNCH" screen --clearance "Dr Rossi, GP: no concern" --date "$(date -d tomorrow +%F)" 2>&1)
  check "$level future date refused" 1 $?
  out=$("$UNHUNCH" screen --clearance "Dr Rossi, GP: no concern" --date "$(days_ago 3)" 2>&1)
  check "$level date before the screen refused" 1 $?
  contains "$level date says" "must be on or after the day of the" "$out"
  out=$(clear_with)
  check "$level clearance" 0 $?
  check "$level clearance stored" "$TODAY|Dr Rossi, GP: no concern, exercise is fine" "$(x '.clearances[-1] | "\(.date)|\(.note)"')"
  out=$(echo quit | start)
  check "$level cleared start" 0 $?
done

# 4. emergency: refused; a clearance is refused; answering again, clear, unlocks
out=$(answers y | "$UNHUNCH" screen)
contains "emergency stops asking" "Call your local emergency number now" "$out"
case "$out" in *"Today question?"*) fail "questions went on after an emergency answer" ;; *) ok ;; esac
out=$(echo quit | start)
check "emergency refuses" 1 $?
out=$("$UNHUNCH" screen --clearance "my friend said it is fine" 2>&1)
check "emergency clearance refused" 1 $?
contains "emergency clearance message" "an emergency answer cannot be cleared here" "$out"
check "emergency json" '"exercise_allowed": false' "$("$UNHUNCH" screen --status --json | grep -o '"exercise_allowed": [a-z]*')"
all_no | "$UNHUNCH" screen >/dev/null
out=$(echo quit | start)
check "clear screen unlocks" 0 $?
# the emergency number from the settings reaches the words
mkdir -p "$XDG_CONFIG_HOME/unhunch"
echo "emergency_number = 000" > "$XDG_CONFIG_HOME/unhunch/config"
out=$(answers y | "$UNHUNCH" screen)
contains "own emergency number" "Call your local emergency number (000) now" "$out"
rm "$XDG_CONFIG_HOME/unhunch/config"
all_no | "$UNHUNCH" screen >/dev/null

# 5. escalation: dizziness alone is "days", with a vision problem an emergency; two
#    flags together go up a level (days and routine: today)
out=$(answers n n n n y y | "$UNHUNCH" screen)
contains "escalated" "Call your local emergency number now" "$out"
out=$(answers n n n n y n n n | "$UNHUNCH" screen)
contains "dizzy alone" "within the next few days" "$out"
contains "neck variant off" "The head-over-the-edge neck exercise stays off" "$out"
out=$(answers n n y y n n n n | "$UNHUNCH" screen)
contains "two flags: today" "See a doctor or an urgent care service today" "$out"
check "combination stored" "today" "$(x '.screenings[-1].level')"
clear_with >/dev/null

# 6. the neck questions one at a time, the others of a group as one list
out=$(all_no | "$UNHUNCH" screen)
contains "neck alone" "5. Dizzy question? [y/n]" "$out"
contains "neck alone 2" "6. Vision question? [y/n]" "$out"
contains "group list" "8. Does any of these apply to you?" "$out"
check "group no answers all" "9|0" "$(x '.screenings[-1].answers | "\(length)|\(map(select(.yes)) | length)"')"

# 7. the neck variant: the supported one unless the neck screen is clear and nothing
#    locks it; a yes locks it, a later all-no screen does not unlock it, a clearance does
neck() { echo quit | "$UNHUNCH" start t-neck --plain --no-voice --pain 1 --fresh 2>&1; }
contains "bed edge after a clear screen and a clearance" "Next: Neck range of motion, head over the bed edge." "$(neck)"
contains "cautions spoken first" "Take care: Stop at once if you feel dizzy" "$(neck)"
contains "acknowledgement asked" "Press enter when you have heard these cautions and are ready to begin." "$(neck)"
answers n n n n n n y n | "$UNHUNCH" screen >/dev/null # migraine: locks, urgency none
contains "migraine locks" "Next: Neck range of motion, head supported." "$(neck)"
all_no | "$UNHUNCH" screen >/dev/null
contains "all no keeps it locked" "Next: Neck range of motion, head supported." "$(neck)"
check "status says locked" '"neck_locked": true' "$("$UNHUNCH" screen --status --json | grep -o '"neck_locked": [a-z]*')"
clear_with >/dev/null
contains "a clearance unlocks" "Next: Neck range of motion, head over the bed edge." "$(neck)"
answers n n y n n n n n | "$UNHUNCH" screen >/dev/null # a spinal-cord answer locks it too
clear_with >/dev/null
all_no | "$UNHUNCH" screen >/dev/null
contains "cleared before the all-no: unlocked" "Next: Neck range of motion, head over the bed edge." "$(neck)"

# 8. dizziness during a session ends it, is saved at once, and the next start waits
out=$(printf 'done\ndizzy\ndone\nquit\n' | "$UNHUNCH" start t-fast --plain --no-voice --pain 1 --fresh 2>&1)
contains "dizzy stops" "Stop now, and rest with your head supported." "$out"
contains "the session ends" "The session ends here." "$out"
case "$out" in *"Test side: Next"*) fail "the next exercise started after a warning sign" ;; *) ok ;; esac
contains "dizzy recorded for next time" "the next one waits" "$out"
contains "not a pain stop" "0 stopped for pain, 1 stopped for a warning sign." "$out"
case "$out" in *"to resume where you left off"*) fail "offered a resume after a warning sign" ;; *) ok ;; esac
check "warning sign saved" "null|stopped t-lift: dizziness or another warning sign" "$(x '.sessions[-1].pain_reports[] | "\(.score)|\(.action)"')"
check "session not resumable" "stopped" "$(x '.sessions[-1].status')"
check "warning screening stored" "warning-during-exercise|true|days" "$(x '.screenings | max_by(.at_ms) | .answers[-1] | "\(.question)|\(.yes)|\(.level)"')"
out=$(echo quit | start)
check "next start waits" 1 $?
contains "says why" "A warning sign came up during exercise." "$out"
all_no | "$UNHUNCH" screen >/dev/null
out=$(echo quit | start)
check "a fresh screen lets exercise go on" 0 $?
contains "bed edge stays locked" "Next: Neck range of motion, head supported." "$(neck)"
clear_with >/dev/null
contains "only a clearance unlocks it" "Next: Neck range of motion, head over the bed edge." "$(neck)"

# 9. bad input
out=$(answers maybe | "$UNHUNCH" screen 2>&1)
check "bad answer" 2 $?
contains "bad answer named" "'maybe' is not y or n" "$out"
out=$(answers n n | "$UNHUNCH" screen 2>&1)
check "answers end early" 1 $?
contains "nothing saved" "nothing was saved" "$out"
"$UNHUNCH" screen --clearance "x" --date 2026-02-30 >/dev/null 2>&1
check "impossible date" 2 $?

# 10. the real questions fit an 80-column terminal: a long one wraps under itself with
#     the answer after its last line, a short one stays on one line (section 6); the
#     answers and the result wrap too
out=$(yes n | head -40 | UNHUNCH_DATA_DIR= "$UNHUNCH" screen 2>&1)
check "real questions, all no" 0 $?
check "no line over 78 columns" "" "$(printf '%s\n' "$out" | awk 'length($0) > 78')"
contains "a long question wraps under its number" "$(printf '3. In the last few days, did dizziness or a feeling that the room is spinning\n   come on suddenly, out of the blue? [y/n]')" "$out"
out=$( (echo y; echo y; yes n) | head -40 | UNHUNCH_DATA_DIR= "$UNHUNCH" screen 2>&1)
check "a yes, its line wrapped" "" "$(printf '%s\n' "$out" | awk 'length($0) > 78')"
finish
