# lib.sh: shared set-up for end-to-end tests: a temporary HOME, the source tree's
# content, and small assertion helpers. Source it; call `finish` at the end.
set -u
: "${UNHUNCH:?set UNHUNCH to the built binary}"
: "${SRC:?set SRC to the source tree}"
TMP=$(mktemp -d /tmp/unhunch-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export UNHUNCH_DATA_DIR="$SRC/data"
export NO_COLOR=1
mkdir -p "$HOME"
passed=0
failed=0
# The suite also runs under other locales (make check-locale): the test's own tools
# read and write numbers with a point whatever the locale.
awk() { LC_ALL=C command awk "$@"; }
sox() { LC_ALL=C command sox "$@"; }

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# check NAME EXPECTED ACTUAL
check() {
  if [ "$2" = "$3" ]; then ok; else fail "$1: expected [$2], got [$3]"; fi
}

# contains NAME NEEDLE HAYSTACK
contains() {
  case "$3" in *"$2"*) ok ;; *) fail "$1: [$2] not found in: $3" ;; esac
}

# days_ago N: the date N days before today, in the zone of the test (TZ). Counted from
# today's noon, so a daylight-saving change in between cannot move it a day (counted
# from the clock, "76 days ago" at 00:30 in Pacific/Chatham was 77 days back).
days_ago() {
  date -d "@$(($(date -d "$(date +%F) 12:00" +%s) - $1 * 86400))" +%F
}

# x FILTER: what the store holds, read through the program (its JSON backup, the
# same on every backend) and picked out with jq -r. Sessions come in the order they
# started, and each one's sets, exercises and pain reports in the order recorded.
x() { "$UNHUNCH" export --format json | jq -r "$1"; }

# fresh_store: an empty store in the same data folder, on any backend (the SQLite file
# goes; on PostgreSQL, tests/cli/on-postgres.sh gives the folder a new database).
fresh_store() {
  rm -f "$XDG_DATA_HOME/unhunch/unhunch.db" "$XDG_DATA_HOME/unhunch/unhunch.db-"* "$XDG_DATA_HOME/unhunch/.postgres-db"
}

# reseed FILTER: put the store in a state the program would not make by itself (a
# screening of two days ago, a renamed question) the way a person could: its JSON
# backup, changed by jq FILTER, restored into an empty store. Works on every backend.
reseed() {
  local r="$HOME/.reseed"
  mkdir -p "$r" && "$UNHUNCH" export --format json >"$r/was.json" && jq "$1" "$r/was.json" >"$r/new.json" || {
    fail "reseed: could not change the backup"
    return 1
  }
  fresh_store
  "$UNHUNCH" import "$r/new.json" >"$r/out" 2>&1 || { fail "reseed: the changed backup was refused: $(cat "$r/out")"; return 1; }
}

# plan_change SLOT ACTION RULE FROM_REPS TO_REPS PAUSED REASON [TO_EXERCISE [DATE]]: a
# change to the upper-back-activation plan made by the user (no feedback), today unless
# DATE, as a backup holds it: for reseed '.plan_changes += [...]'.
plan_change() {
  jq -nc --arg d "${9:-$(date +%F)}" --arg slot "$1" --arg act "$2" --arg rule "$3" --argjson f "$4" --argjson t "$5" \
    --argjson p "$6" --arg why "$7" --arg to "${8:-$1}" '{date: $d, at_ms: 1, feedback: null,
    routine: "upper-back-activation", slot: $slot, action: $act, rule: $rule, from_exercise: $slot, to_exercise: $to,
    from_reps: $f, to_reps: $t, from_duration_s: 0, to_duration_s: 0, paused: $p, reason: $why}'
}

# sqlite_only NAME: false (and says so) when the store is not the SQLite file, for a
# part that tests the file itself (damage, a refused write, the lock table);
# tests/cli/on-postgres.sh sets UNHUNCH_TEST_BACKEND.
sqlite_only() {
  [ "${UNHUNCH_TEST_BACKEND:-sqlite}" = sqlite ] && return 0
  echo "skip: $1 (tests the SQLite file itself)"
  return 1
}

# tmux_once_more "$@": for the tests that drive a real terminal. tmux 3.3a's server has
# been seen to die in CI under load ("server exited unexpectedly", a crash in tmux itself,
# see tmux issue 3432), taking the test's pane with it. Called first, it runs the test in
# a child; when the child ends with 75 (tmux_gone found the server gone), it says so and
# runs the test once more. Any other failure stands.
tmux_once_more() {
  [ -n "${UNHUNCH_TMUX_TRY:-}" ] && return 0
  local rc
  UNHUNCH_TMUX_TRY=1 bash "$0" "$@"
  rc=$?
  if [ "$rc" -eq 75 ]; then
    echo "tmux's own server went away mid-test (not the program): running the test once more"
    UNHUNCH_TMUX_TRY=2 bash "$0" "$@"
    rc=$?
  fi
  exit "$rc"
}

# tmux_gone: after a wait that failed, end the first try with 75 when the test's tmux
# server no longer answers. Every pane a test starts ends in `sleep 30`, so while a
# wait runs the server has a session whatever the program did.
tmux_gone() {
  tmux -L "$SOCK" has-session 2>/dev/null && return 0
  [ "${UNHUNCH_TMUX_TRY:-}" = 1 ] || return 0
  echo "tmux's server on $SOCK is gone" >&2
  exit 75
}

# Answer no to every safety question, so sessions may start.
screen_clear() {
  yes n 2>/dev/null | "$UNHUNCH" screen >/dev/null 2>&1
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
