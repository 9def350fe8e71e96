# t-clinic-custody.sh: a client in charge of their data from the terminal (unhunch
# clinic trainers | unlink | delete-account | disable | enable): the client ends a
# trainer's access, after which that trainer's prescriptions are refused; an account
# deleted with everything of it only after the word delete is typed, its login name
# free again, the other client's records kept; the clinic's only admin kept; an admin
# disables an account (and not their own) and enables it again. On SQLite or
# PostgreSQL (tests/cli/on-postgres.sh).
. "$(dirname "$0")/lib.sh"
export TZ=UTC
OUT="$TMP/out"
GOOD='correct horse battery staple'
run() { "$UNHUNCH" clinic "$@" >"$OUT" 2>&1; rc=$?; out=$(tr '\n' ' ' <"$OUT" | tr -s ' '); }
invite_accept() { # TRAINER LOGIN NAME
  run invite --trainer "$1" --name "$3"
  local link
  link=$(grep -o 'invite/[A-Za-z0-9_-]*' "$OUT")
  run accept --login "$2" < <(printf '%s\n%s\n' "$link" "$GOOD")
  check "accept $2" 0 "$rc"
}

run init --login ada --name "Ada Admin" <<<"$GOOD"
run add-trainer --admin ada --login tess --name "Tess Trainer" <<<"$GOOD"
run add-trainer --admin ada --login otto --name "Otto Other" <<<"$GOOD"
invite_accept tess cleo "Cleo Client"
invite_accept tess cai "Cai Client"
invite_accept otto cleo2 "Cleo Again"

# usage
run unlink --client cleo
check "unlink without --trainer: usage" 2 "$rc"
contains "unlink without --trainer: says so" "--trainer LOGIN" "$out"
run delete-account
check "delete-account without --login: usage" 2 "$rc"
run disable --login cleo
check "disable without --admin: usage" 2 "$rc"

# the client's trainers, and ending one's access
run trainers --client cleo
check "trainers: exit" 0 "$rc"
contains "trainers: tess" "tess Tess Trainer" "$out"
run prescribe --trainer tess --client cleo --exercise v-raise --reps 8 --note "before the end"
check "tess prescribes for cleo" 0 "$rc"
run unlink --client cleo --trainer otto
check "unlink a trainer not hers: refused" 1 "$rc"
contains "unlink a trainer not hers: why" "otto is not a trainer of cleo" "$out"
run unlink --client cleo --trainer tess
check "unlink: exit" 0 "$rc"
contains "unlink: said" "tess's access to cleo's records has ended" "$out"
run trainers --client cleo
contains "trainers: none now" "cleo has no trainer" "$out"
run prescribe --trainer tess --client cleo --exercise v-raise --reps 9
check "tess prescribes after the access ended: refused" 1 "$rc"
contains "tess prescribes after: why" "cleo is not a client of tess" "$out"
run prescribe --trainer tess --client cai --exercise v-raise --reps 9
check "tess still prescribes for cai" 0 "$rc"
run unlink --client cleo --trainer tess
check "unlink again: refused" 1 "$rc"

# deleting an account: only after the word is typed
run delete-account --login cai <<<"yes"
check "delete-account without the word: refused" 1 "$rc"
contains "delete-account without the word: why" "did not type 'delete'; nothing was deleted" "$out"
run prescriptions --client cai
contains "nothing deleted: cai's prescription is there" "V-raise: 9 reps" "$out"
run delete-account --login cai <<<"delete"
check "delete-account: exit" 0 "$rc"
contains "delete-account: said" "The account cai and everything of it are deleted" "$out"
run list
case "$out" in *" cai "*) fail "cai is still listed" ;; *) ok ;; esac
run prescriptions --client cai
check "cai's prescriptions: no account" 1 "$rc"
run prescriptions --client cleo
contains "cleo's records kept" "before the end" "$out"
invite_accept tess cai "Cai Back" # the login name is free again
run prescriptions --client cai
check "the new cai: exit" 0 "$rc"
case "$out" in *V-raise*) fail "the new cai has the old cai's prescription" ;; *) ok ;; esac

# the only admin is kept; a trainer's account may go
run delete-account --login ada <<<"delete"
check "delete the only admin: refused" 1 "$rc"
contains "delete the only admin: why" "only admin" "$out"
run delete-account --login otto <<<"delete"
check "delete a trainer: exit" 0 "$rc"
run trainers --client cleo2
contains "otto's client has no trainer now" "cleo2 has no trainer" "$out"

# an admin disables an account, and enables it again
run disable --admin tess --login cleo
check "a trainer disables: refused" 1 "$rc"
contains "a trainer disables: why" "only an enabled admin may disable" "$out"
run disable --admin ada --login ada
check "an admin disables themself: refused" 1 "$rc"
run disable --admin ada --login cleo
check "disable: exit" 0 "$rc"
contains "disable: said" "The account cleo is disabled" "$out"
run list
contains "list: disabled" "Cleo Client (disabled)" "$out"
run enable --admin ada --login cleo
check "enable: exit" 0 "$rc"
run list
case "$out" in *"Cleo Client (disabled)"*) fail "cleo still disabled" ;; *) ok ;; esac
finish
