# t-prescribe.sh: a trainer's prescriptions from the terminal (unhunch clinic
# prescribe | prescriptions | audit): only the client's own trainer; a dose inside the usual
# range saved, outside it a warning that says the range and nothing saved without
# --accept-warning, beyond the safe limits refused saying the limit; a swap that breaks
# the activation order warns, saying why the order matters; each change kept as a
# version with its note; clear errors naming the flag. On SQLite or PostgreSQL.
. "$(dirname "$0")/lib.sh"
export TZ=UTC
OUT="$TMP/out"
GOOD='correct horse battery staple'
# the output in $out with its lines joined (the words wrap at 78 columns)
run() { "$UNHUNCH" clinic "$@" >"$OUT" 2>&1; rc=$?; out=$(tr '\n' ' ' <"$OUT" | tr -s ' '); }

# a clinic: an admin, two trainers, a client of tess
run init --login ada --name "Ada Admin" <<<"$GOOD"
run add-trainer --admin ada --login tess --name "Tess Trainer" <<<"$GOOD"
run add-trainer --admin ada --login otto --name "Otto Other" <<<"$GOOD"
run invite --trainer tess --name "Cleo Client"
link=$(grep -o 'invite/[A-Za-z0-9_-]*' "$OUT")
run accept --login cleo < <(printf '%s\n%s\n' "$link" "$GOOD")
check "setup: the client accepted" 0 "$rc"

# usage errors name the flag
run prescribe --client cleo --exercise v-raise --reps 8
check "no --trainer: usage" 2 "$rc"
contains "no --trainer: says so" "--trainer LOGIN" "$out"
run prescribe --trainer tess --client cleo --reps 8
check "no --exercise: usage" 2 "$rc"
contains "no --exercise: says so" "--exercise ID" "$out"
run prescribe --trainer tess --client cleo --exercise v-raise
check "nothing to change: usage" 2 "$rc"
contains "nothing to change: says so" "say what to change" "$out"
run prescribe --trainer tess --client cleo --exercise v-raise --reps ten
check "--reps ten: usage" 2 "$rc"
contains "--reps ten: names the flag" "--reps: a whole number of 1 or more, not 'ten'" "$out"
run prescribe --trainer tess --client cleo --exercise v-raise --sets 0
check "--sets 0: usage" 2 "$rc"
run prescribe --trainer tess --client nobody --exercise v-raise --reps 8
check "unknown client: refused" 1 "$rc"
contains "unknown client: names the flag" "--client: there is no account nobody" "$out"
run prescribe --trainer tess --client cleo --exercise no-such --reps 8
check "unknown exercise: refused" 1 "$rc"
contains "unknown exercise: names the flag" "--exercise no routine has the exercise 'no-such'" "$out"

# only the client's own trainer
run prescribe --trainer otto --client cleo --exercise v-raise --reps 8
check "another trainer: refused" 1 "$rc"
contains "another trainer: why" "cleo is not a client of otto" "$out"
run prescribe --trainer ada --client cleo --exercise v-raise --reps 8
check "an admin: refused" 1 "$rc"
contains "an admin: why" "only a trainer may prescribe" "$out"

# inside the usual range: saved
run prescribe --trainer tess --client cleo --exercise v-raise --reps 8 --sets 2 --note "Slowly, shoulders down."
check "in range: exit" 0 "$rc"
contains "in range: said" "Prescribed for cleo in Upper back activation: V-raise, 8 reps, 2 sets" "$out"
contains "in range: the note" "The client sees your note: Slowly, shoulders down." "$out"

# outside it: a warning that says the range; nothing saved without --accept-warning
run prescribe --trainer tess --client cleo --exercise v-raise --reps 12
check "above the range: not saved" 1 "$rc"
contains "above the range: says the range" "12 reps is above the usual range for V-raise (5-10 reps)" "$out"
contains "above the range: how to accept" "--accept-warning" "$out"
run prescribe --trainer tess --client cleo --exercise v-raise --reps 12 --accept-warning
check "accepted: exit" 0 "$rc"
contains "accepted: said" "What the rules said (accepted):" "$out"
contains "accepted: sets carried over" "V-raise, 12 reps, 2 sets" "$out"

# beyond the safe limits: refused, even with --accept-warning
run prescribe --trainer tess --client cleo --exercise glute-bridge --reps 40 --accept-warning
check "beyond the limit: refused" 1 "$rc"
contains "beyond the limit: says the limit" "40 reps is above the safe limit of 30 reps" "$out"
run prescribe --trainer tess --client cleo --exercise superman --hold 45 --accept-warning
check "a long hold: refused" 1 "$rc"
contains "a long hold: says the limit" "above the safe limit of 30 s" "$out"

# a swap that breaks the activation order: a warning saying why the order matters
run prescribe --trainer tess --client cleo --exercise glute-bridge --swap shrug-roll
check "out of order: not saved" 1 "$rc"
contains "out of order: says so" "breaks the activation routine's order" "$out"
contains "out of order: why it matters" "each exercise getting the muscles ready for the next" "$out"
run prescribe --trainer tess --client cleo --exercise glute-bridge --swap glute-bridge-long-hold --note "Longer holds now."
check "a version of the same exercise: saved" 0 "$rc"

# the history: versions, oldest first, with notes and what was accepted
run prescriptions --client cleo --trainer otto
check "another trainer's look: refused" 1 "$rc"
run prescriptions --client cleo --trainer tess
check "history: exit" 0 "$rc"
check "history: three versions and a header" 3 "$(grep -c '^  [0-9]' "$OUT")"
contains "history: first" "V-raise: 8 reps, 2 sets (by tess), in upper-back-activation. Note: Slowly, shoulders down." "$out"
contains "history: the accepted warning" "said and accepted: warning: 12 reps is above the usual range" "$out"
contains "history: the version" "Glute bridge, longer hold (by tess)" "$out"
run prescriptions --client cleo
check "the client's own look: exit" 0 "$rc"
run prescriptions --client cleo --admin ada
check "an admin's look: exit" 0 "$rc"

# the client's audit log: each prescription and each look at them by someone else,
# newest first, the same on one day folded; not the client's own look, nor a refused one
run audit --client cleo
check "audit: exit" 0 "$rc"
# the three saved on one day: one line with the count (the log keeps all three)
check "audit: the three prescriptions saved, on one line" 1 \
  "$(grep -cE 'Tess Trainer: added a prescription \(3 times that day, the first at [0-9]{2}:[0-9]{2}\)$' "$OUT")"
check "audit: tess's look at them" 1 "$(grep -c 'Tess Trainer: read your prescriptions$' "$OUT")"
check "audit: three lines and a header" 4 "$(wc -l <"$OUT")"
contains "audit: newest first" "Ada Admin: read your prescriptions" "$(sed -n 2p "$OUT")"
contains "audit: then tess's look" "Tess Trainer: read your prescriptions" "$(sed -n 3p "$OUT")"
check "audit: no refused look" 0 "$(grep -c Otto "$OUT")"
run audit --client nobody
check "audit of no one: refused" 1 "$rc"
contains "audit of no one: names the flag" "--client: there is no account nobody" "$out"
run audit
check "audit without --client: usage" 2 "$rc"

# a new step: --add with --routine, at the end or --before a step; a place that breaks
# the activation order warns, saying why the order matters; in order it is saved
run prescribe --trainer tess --client cleo --add lateral-raise-band --reps 12
check "--add without --routine: usage" 2 "$rc"
run prescribe --trainer tess --client cleo --exercise v-raise --before superman --reps 12
check "--before without --add: usage" 2 "$rc"
run prescribe --trainer tess --client cleo --routine upper-back-activation --add lateral-raise-band --before superman --reps 12
check "a step out of order: exit" 1 "$rc"
contains "a step out of order: says so" "Side raise with an elastic band as step 2 breaks the activation routine's order" "$out"
contains "a step out of order: why it matters" "each exercise getting the muscles ready for the next" "$out"
contains "a step out of order: where it fits" "its place is step 8" "$out"
run prescribe --trainer tess --client cleo --routine upper-back-activation --add lateral-raise-band --before no-such
check "a step before no step: refused" 1 "$rc"
contains "a step before no step: names the flag" "--before Upper back activation has no step 'no-such'" "$out"
run prescribe --trainer tess --client cleo --routine upper-back-activation --add lateral-raise-band --before relaxation-snow-angel --reps 12 --note "Light band."
check "a step in order: exit" 0 "$rc"
contains "a step in order: said" "Added for cleo to Upper back activation as step 8: Side raise with an elastic band, 12 reps" "$out"
run prescriptions --client cleo --trainer tess
contains "a step in order: a version" "Side raise with an elastic band" "$out"
run prescribe --trainer tess --client cleo --routine upper-back-activation --add lateral-raise-band --reps 12
check "the same step twice: refused" 1 "$rc"
contains "the same step twice: why" "is step 8 of Upper back activation already" "$out"
# taken out again: --take-out with --routine, no dose; never one of the routine's own
run prescribe --trainer tess --client cleo --take-out lateral-raise-band
check "--take-out without --routine: usage" 2 "$rc"
run prescribe --trainer tess --client cleo --routine upper-back-activation --take-out lateral-raise-band --reps 3
check "--take-out with a dose: usage" 2 "$rc"
run prescribe --trainer tess --client cleo --routine upper-back-activation --take-out superman
check "--take-out of the routine's own: refused" 1 "$rc"
contains "--take-out of the routine's own: why" "--take-out Superman is one of Upper back activation's own steps" "$out"
run prescribe --trainer otto --client cleo --routine upper-back-activation --take-out lateral-raise-band
check "--take-out by another trainer: refused" 1 "$rc"
run prescribe --trainer tess --client cleo --routine upper-back-activation --take-out lateral-raise-band --note "Enough for now."
check "--take-out: exit" 0 "$rc"
contains "--take-out: said" "Taken out of cleo's Upper back activation: Side raise with an elastic band, the step added before" "$out"
contains "--take-out: the steps now" "The routine has 8 steps now." "$out"
run prescriptions --client cleo --trainer tess
contains "--take-out: a version" "Side raise with an elastic band, a step added before, taken out again" "$out"
run prescribe --trainer tess --client cleo --routine upper-back-activation --take-out lateral-raise-band
check "--take-out twice: refused" 1 "$rc"
contains "--take-out twice: why" "is not a step added to the client's Upper back activation" "$out"

# the client's plan in the terminal (the local person's, given a prescription row as the
# web's login would give cleo's): each version with its note, the dose the trainer's
if sqlite_only "a prescription for the terminal's own person"; then
  sqlite3 -batch "$XDG_DATA_HOME/unhunch/unhunch.db" "INSERT INTO prescriptions(person_id, date, at_ms, trainer_id,
    routine_id, slot, exercise_id, reps, sets, hold_s, duration_s, note, warnings) VALUES (1, '2026-03-01', 1,
    7, 'upper-back-activation', 'v-raise', 'v-raise', 12, 3, 2, 0, 'Slowly, shoulders down.', '')" || fail "insert"
  "$UNHUNCH" plan --why >"$OUT" 2>&1; rc=$?; out=$(tr '\n' ' ' <"$OUT" | tr -s ' ')
  check "plan --why: exit" 0 "$rc"
  contains "plan --why: the version and its note" "V-raise: 12 reps, 3 sets, 2 s hold. Your trainer's note: Slowly, shoulders down." "$out"
  contains "plan --why: the dose now" "V-raise: 12 reps, 3 sets, 2 s hold" "$out"
  "$UNHUNCH" plan --json >"$OUT" 2>&1
  check "plan --json: the prescription" "Slowly, shoulders down." "$(jq -r '.prescriptions[0].note' "$OUT")"
  # a step added for the terminal's person: the plan runs it, at its place
  sqlite3 -batch "$XDG_DATA_HOME/unhunch/unhunch.db" "INSERT INTO prescriptions(person_id, date, at_ms, trainer_id,
    routine_id, slot, exercise_id, reps, sets, hold_s, duration_s, note, warnings, place) VALUES (1, '2026-03-01', 2,
    7, 'upper-back-activation', 'lateral-raise-band', 'lateral-raise-band', 11, 0, 0, 0, '', '',
    'before:relaxation-snow-angel')" || fail "insert a step"
  "$UNHUNCH" plan --json >"$OUT" 2>&1
  check "plan --json: the added step's dose" "11" \
    "$(jq -r '[.. | objects | select(.exercise? == "lateral-raise-band" and .reps? != null)][0].reps' "$OUT")"
fi
finish
