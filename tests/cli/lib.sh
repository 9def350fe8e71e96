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
  "$UNHUNCH" export --format json >"$TMP/reseed.json" || return 1
  jq "$1" "$TMP/reseed.json" >"$TMP/reseed-new.json" || return 1
  fresh_store
  "$UNHUNCH" import "$TMP/reseed-new.json" >/dev/null || { fail "reseed: the changed backup was refused"; return 1; }
}

# Answer no to every safety question, so sessions may start.
screen_clear() {
  yes n 2>/dev/null | "$UNHUNCH" screen >/dev/null 2>&1
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
