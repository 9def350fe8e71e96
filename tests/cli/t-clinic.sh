# t-clinic.sh: the clinic's accounts from the terminal (unhunch clinic): the first
# admin once, trainers added by an admin, a client invited by a trainer with a link
# that works once and expires, the password rules, passwords never on the command
# line nor shown, and the list. On SQLite or PostgreSQL (tests/cli/on-postgres.sh).
. "$(dirname "$0")/lib.sh"
export TZ=UTC
OUT="$TMP/out"
GOOD='correct horse battery staple'
# run ARGS... <input: the command's output (stdout and stderr) in $out, status in $rc
run() { "$UNHUNCH" clinic "$@" >"$OUT" 2>&1; rc=$?; out=$(cat "$OUT"); }

run list
check "empty: exit" 0 "$rc"
contains "empty: said" "No accounts yet" "$out"

# usage errors
run init --name "Ada Admin" </dev/null
check "init without --login: usage" 2 "$rc"
contains "init without --login: says so" "--login NAME" "$out"
run init --login ada --name "Ada Admin" --password "$GOOD" </dev/null
check "a password in argv: usage" 2 "$rc"
contains "a password in argv: why" "never given on the command line" "$out"
run frobnicate
check "unknown clinic command" 2 "$rc"
run invite --trainer tess --name Cleo --days 0
check "--days 0: usage" 2 "$rc"

# the password rules, through the command; nothing is made when refused
for pw in password Password1 'sunshine2024!' short ada 'Ada Admin' aaaaaaaaaaaa; do
  run init --login ada --name "Ada Admin" < <(printf '%s\n' "$pw")
  check "init with a weak password [$pw]: refused" 1 "$rc"
done
run init --login ada --name "Ada Admin" < <(printf 'password\n')
contains "common password: why" "most common" "$out"
run init --login ada --name "Ada Admin" < <(printf 'short\n')
contains "short password: why" "at least 8 characters" "$out"
run init --login ada --name "Ada Admin" < <(printf '')
check "no password: refused" 1 "$rc"
contains "no password: says so" "no password was given" "$out"
run init --login 'a b' --name "Ada Admin" <<<"$GOOD"
check "bad login name: refused" 1 "$rc"
contains "bad login name: names the field" "login name:" "$out"
run list
contains "nothing made by refused commands" "No accounts yet" "$out"

# the first admin, once
run init --login Ada --name "Ada Admin" <<<"$GOOD"
check "init: exit" 0 "$rc"
contains "init: said" "The clinic's first admin is ada (Ada Admin)" "$out"
case "$out" in *"$GOOD"*) fail "init: the password was shown" ;; *) ok ;; esac
run init --login bob --name "Bob Other" <<<"$GOOD"
check "init again: refused" 1 "$rc"
contains "init again: why" "has its first admin already" "$out"

# trainers: added by an admin only, unique login names
run add-trainer --admin ada --login tess --name "Tess Trainer" <<<"tess's own long password"
check "add-trainer: exit" 0 "$rc"
contains "add-trainer: said" "Added the trainer tess (Tess Trainer)" "$out"
run add-trainer --admin ada --login TESS --name "Another Tess" <<<"$GOOD"
check "duplicate login: refused" 1 "$rc"
contains "duplicate login: why" "the login name tess is taken" "$out"
run add-trainer --admin tess --login tom --name "Tom Trainer" <<<"$GOOD"
check "a trainer adds a trainer: refused" 1 "$rc"
contains "a trainer adds a trainer: why" "only an admin may add a trainer, and tess is a trainer" "$out"
run add-trainer --admin nobody --login tom --name "Tom Trainer" <<<"$GOOD"
check "an unknown admin: refused" 1 "$rc"
contains "an unknown admin: why" "there is no account nobody" "$out"

# invitations: by a trainer only; the link works once
run invite --trainer ada --name "Cleo Client"
check "an admin invites: refused" 1 "$rc"
contains "an admin invites: why" "only a trainer may invite a client" "$out"
run invite --trainer tess --name "Cleo Client" --url https://clinic.example
check "invite: exit" 0 "$rc"
contains "invite: for whom" "An invitation for Cleo Client, from tess, until" "$out"
link=$(grep -o 'https://clinic.example/invite/[A-Za-z0-9_-]*' "$OUT")
token=${link##*/}
check "invite: a token of 43 characters" 43 "${#token}"
if sqlite_only "the token is not in the database file"; then
  if grep -qaF "$token" "$XDG_DATA_HOME/unhunch/unhunch.db"* 2>/dev/null; then fail "the token is stored"; else ok; fi
fi
run accept --login cleo < <(printf '%s\nqwerty123\n' "$link")
check "accept with a weak password: refused" 1 "$rc"
run accept --login tess < <(printf '%s\n%s\n' "$link" "$GOOD")
check "accept with a taken login: refused" 1 "$rc"
contains "accept with a taken login: why" "is taken" "$out"
long=$(head -c 1024 /dev/zero | tr '\0' 'k' | sed 's/kk/k9/g')
run accept --login cleo < <(printf '%s\n%s\n' "$link" "$long")
check "accept with a 1024-byte password: exit" 0 "$rc"
contains "accept: the invitation shown" "An invitation for Cleo Client, until" "$out"
contains "accept: welcome" "Welcome: your account is cleo (Cleo Client)" "$out"
run accept --login cleo2 < <(printf '%s\n%s\n' "$link" "$GOOD")
check "the link used again: refused" 1 "$rc"
contains "the link used again: why" "used already" "$out"
typo=${link%?}x
[ "$typo" = "$link" ] && typo=${link%?}y
run accept --login cleo3 < <(printf '%s\n%s\n' "$typo" "$GOOD")
check "a mistyped link: refused" 1 "$rc"
contains "a mistyped link: why" "no invitation has that link" "$out"

# expiry: 2 days, accepted 3 days later
run invite --trainer tess --name "Late Larry" --days 2
late=$(grep -o 'invite/[A-Za-z0-9_-]*' "$OUT")
UNHUNCH_TEST_NOW=+3d run accept --login larry < <(printf '%s\n%s\n' "$late" "$GOOD")
check "an expired link: refused" 1 "$rc"
contains "an expired link: why" "has expired" "$out"
UNHUNCH_TEST_NOW=+1d run accept --login larry < <(printf '%s\n%s\n' "$late" "$GOOD")
check "the same link in time: exit" 0 "$rc"

# the list: roles, and each client's trainer
run list
check "list: exit" 0 "$rc"
check "list: four accounts and a header" 5 "$(wc -l <"$OUT")"
tess_id=$(awk '$3 == "tess" { print $1 }' "$OUT")
check "list: cleo's trainer is tess" "client $tess_id" "$(awk '$3 == "cleo" { print $2, $5 }' "$OUT")"
check "list: roles" "admin trainer client client" "$(awk 'NR > 1 { printf "%s%s", s, $2; s = " " }' "$OUT")"
case "$out" in *"$GOOD"* | *"$token"*) fail "list: a password or token shown" ;; *) ok ;; esac

# on a terminal: the password is asked twice and never shown
if command -v tmux >/dev/null; then
  SOCK="unhunch-clinic-$$"
  T() { tmux -L "$SOCK" "$@"; }
  trap 'T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
  T new-session -d -s s -x 100 -y 20 \
    "env HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' TZ=UTC '$UNHUNCH' clinic add-trainer --admin ada --login tina --name 'Tina Trainer'; echo EXITED \$?; sleep 30"
  wait_screen() { # up to 60 s: the password's hash is slow under sanitizers on a loaded machine
    local i
    for i in $(seq 1 600); do T capture-pane -p -t s | grep -qF -- "$1" && return 0; sleep 0.1; done
    return 1
  }
  wait_screen "New password for tina" && ok || fail "tmux: no password prompt: $(T capture-pane -p -t s)"
  T send-keys -t s "tina secret words" Enter
  wait_screen "The same password again" && ok || fail "tmux: not asked again"
  T send-keys -t s "tina secret words" Enter
  wait_screen "EXITED" && ok || fail "tmux: did not end"
  screen=$(T capture-pane -p -t s)
  contains "tmux: added" "Added the trainer tina" "$screen"
  case "$screen" in *"tina secret words"*) fail "tmux: the password was shown: $screen" ;; *) ok ;; esac
  T kill-server 2>/dev/null
fi
finish
