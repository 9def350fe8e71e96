# t-appointment.sh: `unhunch clinic appointment`: a trainer records a massage or a
# training with a client of theirs; usage errors name the flag; another trainer and an
# admin are refused; bad kinds, areas and days are refused naming the flag, saving
# nothing. On SQLite or PostgreSQL.
. "$(dirname "$0")/lib.sh"
export TZ=UTC
OUT="$TMP/out"
GOOD='correct horse battery staple'
run() { "$UNHUNCH" clinic "$@" >"$OUT" 2>&1; rc=$?; out=$(tr '\n' ' ' <"$OUT" | tr -s ' '); }

run init --login ada --name "Ada Admin" <<<"$GOOD"
run add-trainer --admin ada --login tess --name "Tess Trainer" <<<"$GOOD"
run add-trainer --admin ada --login otto --name "Otto Other" <<<"$GOOD"
run invite --trainer tess --name "Cleo Client"
link=$(grep -o 'invite/[A-Za-z0-9_-]*' "$OUT")
run accept --login cleo < <(printf '%s\n%s\n' "$link" "$GOOD")
check "setup: the client accepted" 0 "$rc"

run appointment --client cleo --kind massage --areas chest
check "no --trainer: usage" 2 "$rc"
contains "no --trainer: says so" "--trainer LOGIN" "$out"
run appointment --trainer tess --client cleo --areas chest
check "no --kind: usage" 2 "$rc"
contains "no --kind: says so" "--kind massage or --kind training" "$out"
run appointment --trainer tess --kind massage --areas chest
check "no --client: usage" 2 "$rc"

run appointment --trainer otto --client cleo --kind massage --areas chest
check "another trainer: refused" 1 "$rc"
contains "another trainer: why" "cleo is not a client of otto" "$out"
run appointment --trainer ada --client cleo --kind massage --areas chest
check "an admin: refused" 1 "$rc"
contains "an admin: why" "only a trainer may record an appointment" "$out"
run appointment --trainer tess --client nobody --kind massage --areas chest
check "unknown client: refused" 1 "$rc"
contains "unknown client: names the flag" "--client: there is no such account" "$out"
run appointment --trainer tess --client cleo --kind sauna --areas chest
check "bad kind: refused" 1 "$rc"
contains "bad kind: names the flag" "--kind: 'sauna' is not massage or training" "$out"
run appointment --trainer tess --client cleo --kind massage --areas chest,elbow
check "bad area: refused" 1 "$rc"
contains "bad area: names the flag" "--areas: 'elbow' is not one of chest, ribs, hips, upper-back and neck" "$out"
run appointment --trainer tess --client cleo --kind massage
check "a massage of no area: refused" 1 "$rc"
contains "a massage of no area: why" "--areas: say which areas the massage worked" "$out"
run appointment --trainer tess --client cleo --kind massage --areas neck --date 2999-01-01
check "a day to come: refused" 1 "$rc"
contains "a day to come: why" "--date: 2999-01-01 is after today" "$out"

run appointment --trainer tess --client cleo --kind massage --date 2026-03-02 --areas upper-back,chest --note "Tight."
check "recorded: exit" 0 "$rc"
contains "recorded: said" "Recorded for cleo: a massage on 2026-03-02 (chest and upper back)." "$out"
run appointment --trainer tess --client cleo --kind training
check "a training of no area: recorded" 0 "$rc"
contains "a training of no area: said" "a training on today (no area named)" "$out"
finish
