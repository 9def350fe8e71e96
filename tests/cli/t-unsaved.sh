# t-unsaved.sh: a write that fails is never forgotten. Another program holds the
# database's write lock past the busy timeout while a session runs: each step it
# refuses is said "NOT saved yet" at once (never "saved"), kept and tried again; at
# the end what is still unsaved is said, the exit status is 1, and the dizziness warning
# is kept aside so that the next start refuses until it is saved.
. "$(dirname "$0")/lib.sh"
sqlite_only "t-unsaved: the write lock is held in the SQLite file by another program" || { finish; exit; }
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
screen_clear
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
q() { sqlite3 -batch -noheader "$DB" "$1"; }
before=$(x '.screenings | length')

mkfifo "$TMP/in" "$TMP/release"
exec 7<>"$TMP/in"
"$UNHUNCH" start t-fast --plain --no-voice --pace self --pain 2 <&7 >"$TMP/out" 2>"$TMP/err" &
player=$!
wait_for() { for _ in $(seq 300); do grep -qF -- "$1" "$TMP/out" "$TMP/err" 2>/dev/null && return 0; sleep 0.1; done
  fail "never saw [$1]"; cat "$TMP/out" "$TMP/err" >&2; return 1; }
wait_for "Test lift: Next: Test lift."

# another program takes the write lock and keeps it until told
python3 - "$DB" "$TMP/release" "$TMP/locked" <<'PY' &
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[3], "w").close()
open(sys.argv[2]).read()
c.execute("ROLLBACK")
PY
holder=$!
for _ in $(seq 600); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
[ -e "$TMP/locked" ] || { fail "the other program did not take the write lock within 60 s"; finish; exit 1; }

printf 'done\ndone\ndone\n' >&7    # start now, then a set of two reps: refused after the busy timeout
wait_for "NOT saved yet: a set of item 1 t-lift"
printf 'dizzy\n' >&7               # the warning sign: kept too
wait_for "NOT saved yet: a pain report of item"
printf 'quit\n' >&7
wait "$player"
rc=$?
check "exit says not everything was saved" 1 "$rc"
out=$(cat "$TMP/out" "$TMP/err")
case "$out" in *"saved: item 1 t-lift set 1"*) fail "a refused set was called saved" ;; *) ok ;; esac
contains "the end says what is unsaved" "unhunch start: NOT saved: " "$out"
contains "the reason" "database is locked" "$out"
contains "the warning is kept aside" "The warning sign is kept aside: no session starts until it is saved." "$out"
[ -s "$XDG_DATA_HOME/unhunch/unsaved-warning" ] && ok || fail "no unsaved-warning file"
check "nothing of it reached the store" "0|0" "$(x '.sessions[-1] | "\(.sets | length)|\(.pain_reports | length)"')"

# the lock is given back: the next start saves the warning first, and then refuses
echo go >"$TMP/release"
wait "$holder"
exec 7>&-
out=$(timeout 30 "$UNHUNCH" start t-fast --plain --no-voice --fresh --pain 1 </dev/null 2>&1)
check "next start refused" 1 $?
contains "because of the warning" "A warning sign came up during exercise." "$out"
check "the warning is saved now" "$((before + 1))" "$(x '.screenings | length')"
[ -e "$XDG_DATA_HOME/unhunch/unsaved-warning" ] && fail "the unsaved-warning file is still there" || ok
finish
