# t-safety-content.sh: one's own content files cannot weaken safety. An exercise that
# replaces a shipped one keeps its `screen: neck` and `gentle: false` (a locked
# bed-edge exercise stays locked); a shipped safety question cannot be replaced or
# dropped (a past yes keeps locking, an emergency stays one, a broken copy leaves the
# shipped question in place); and with no questions loaded, exercise waits.
. "$(dirname "$0")/lib.sh"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
MINE="$XDG_DATA_HOME/unhunch"
mkdir -p "$MINE"
cp "$SRC/tests/cli/content/fast.yaml" "$MINE/"
neck() { echo quit | "$UNHUNCH" start t-neck --plain --no-voice --pain 1 --fresh 2>&1; }
fresh_db() { fresh_store; }

# ---- an exercise override cannot drop `screen: neck` ----
screen_clear
printf 'done\ndizzy\n' | "$UNHUNCH" start t-fast --plain --no-voice --fresh --pain 1 >/dev/null 2>&1
screen_clear
cat > "$MINE/mine.yaml" <<'Y'
exercises:
  - id: neck-range-bed-edge
    name: Neck range of motion, head over the bed edge
    category: mobility
    purpose: Moves your head against gravity.
    steps: [Lie on a bed with your head past its edge., Lower your head then lift it.]
    cautions: [Go slowly.]
    cues: {up: Lift slowly, down: Lower slowly}
    dose: {reps: 5-10, per_direction: [lying on your back], pacing: self}
Y
out=$(neck)
case "$out" in *"head over the bed edge."*) fail "override without screen: the locked exercise ran: $out" ;; *) ok ;; esac
contains "override without screen: every command says so" "a replacement cannot drop the neck screen" "$out"
out=$("$UNHUNCH" validate "$MINE/mine.yaml" 2>&1)
check "validate: a dropped neck screen is a problem" 1 $?
contains "validate: names the line" "mine.yaml:2:" "$out"
contains "validate: says what stays" "replaces one marked 'screen: neck'" "$out"
# the same for `gentle: false`
cat > "$MINE/mine.yaml" <<'Y'
exercises:
  - id: neck-side-stretch
    name: Neck side stretch
    category: release
    purpose: Stretches the side of your neck.
    steps: [Sit tall., Tip your ear toward your shoulder.]
    cautions: [Go gently.]
    dose: {duration: 30, per_side: [left, right]}
Y
out=$("$UNHUNCH" validate "$MINE/mine.yaml" 2>&1)
check "validate: a dropped gentle: false is a problem" 1 $?
contains "validate: gentle stays" "replaces one marked 'gentle: false'" "$out"
rm -f "$MINE/mine.yaml"

# ---- a shipped question cannot be replaced: a past yes keeps locking ----
fresh_db
(printf 'n\n%.0s' $(seq 11); printf 'y\n'; yes n) | "$UNHUNCH" screen >/dev/null 2>&1
contains "migraine yes locks" "Head-over-the-edge neck work: locked" "$("$UNHUNCH" screen --status 2>&1)"
printf 'screening:\n  - id: migraine-connective\n    group: neck-artery\n    ask: Do you get migraines?\n    urgency: routine\n' >"$MINE/q.yaml"
screen_clear
out=$("$UNHUNCH" screen --status 2>&1)
contains "redefined question: still locked" "Head-over-the-edge neck work: locked" "$out"
contains "redefined question: reported" "your own files can add safety questions but not replace them" "$out"
case "$(neck)" in *"head over the bed edge."*) fail "redefined question: bed edge ran" ;; *) ok ;; esac
out=$("$UNHUNCH" validate "$MINE/q.yaml" 2>&1)
check "validate: a replaced question is a problem" 1 $?
contains "validate: the question stays" "q.yaml:2:5: screening: question 'migraine-connective' is already defined" "$out"

# ---- an emergency question cannot be lowered ----
fresh_db
printf 'screening:\n  - id: chest-pressure\n    group: heart\n    ask: Is there a crushing feeling in your chest?\n    urgency: routine\n' >"$MINE/q.yaml"
out=$( (printf 'y\ny\n'; yes n) | "$UNHUNCH" screen 2>&1)
contains "lowered chest question: still an emergency" "Call your local emergency number now" "$out"
check "lowered chest question: stored as an emergency" emergency "$(x '.screenings[].level')"

# ---- a broken copy of a question leaves the shipped one in place ----
fresh_db
printf 'screening:\n  - id: chest-pressure\n    group: heart\n' >"$MINE/q.yaml"
out=$(yes n | "$UNHUNCH" screen 2>/dev/null)
contains "broken copy: the shipped question is still asked" "crushing feeling in your chest" "$out"
check "broken copy: answered" 1 "$(x '[.screenings[].answers[] | select(.question == "chest-pressure")] | length')"
rm -f "$MINE/q.yaml"

# ---- what an answer meant is stored with it: a renamed question still locks ----
fresh_db
(printf 'n\n%.0s' $(seq 11); printf 'y\n'; yes n) | "$UNHUNCH" screen >/dev/null 2>&1
check "stored as locking" true "$(x '.screenings[].answers[] | select(.question == "migraine-connective") | .locks_neck')"
reseed '(.screenings[].answers[] | select(.question == "migraine-connective") | .question) = "migraine-as-it-was-called"'
screen_clear
contains "a renamed question still locks" "Head-over-the-edge neck work: locked" "$("$UNHUNCH" screen --status 2>&1)"
case "$(neck)" in *"head over the bed edge."*) fail "renamed question: bed edge ran" ;; *) ok ;; esac

# ---- no questions loaded: nothing runs ----
fresh_db
screen_clear
NOQ="$TMP/noq"
mkdir -p "$NOQ"
cp -r "$SRC/data/exercises" "$SRC/data/routines" "$NOQ/"
out=$(echo quit | UNHUNCH_DATA_DIR="$NOQ" "$UNHUNCH" start t-fast --plain --no-voice --fresh --pain 2 2>&1)
check "no questions: start refused" 1 $?
contains "no questions: says why" "The safety questions could not be loaded" "$out"
case "$out" in *"Next: Test"*) fail "no questions: the session ran" ;; *) ok ;; esac
out=$(echo dizzy | UNHUNCH_DATA_DIR="$NOQ" "$UNHUNCH" breaks play chin-tuck --no-voice 2>&1)
check "no questions: breaks play refused" 1 $?
mkdir -p "$NOQ/screening"
echo 'screening: [' >"$NOQ/screening/questions.yaml"
out=$(echo quit | UNHUNCH_DATA_DIR="$NOQ" "$UNHUNCH" start t-fast --plain --no-voice --fresh --pain 2 2>&1)
check "questions that do not parse: start refused" 1 $?

finish
