# t-store.sh: where the data lives and who may touch it: one session at a time (a second
# start neither stops nor repeats a live one, a dead one's lock is taken over);
# commands that only read work on a read-only folder or file and leave no files
# behind; forget says what really happened while another program reads; HOME unset,
# empty or relative does not put the store under the current folder; a FIFO in place
# of the database is refused at once.
. "$(dirname "$0")/lib.sh"
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
screen_clear
D="$XDG_DATA_HOME/unhunch"
DB="$D/unhunch.db"
q() { sqlite3 -batch -noheader "$DB" "$1"; } # the SQLite file itself, in sqlite_only parts

# ---- 1. one session at a time ----
mkfifo "$TMP/in"
exec 7<>"$TMP/in" # keeps the first session's input open, so it runs until told
"$UNHUNCH" start t-fast --plain --no-voice --pace self --pain 2 <&7 >"$TMP/first.out" 2>&1 &
first=$!   # the program itself, killed below
for _ in $(seq 600); do grep -q "Test lift" "$TMP/first.out" 2>/dev/null && break; sleep 0.1; done
nsess=$(x '.sessions | length')
check "first is running" running "$(x '.sessions[-1].status')"
out=$(timeout 20 "$UNHUNCH" start --plain --no-voice --resume </dev/null 2>&1)
check "second resume refused" 1 $?
contains "says one is running" "a session is already running (unhunch process $first)" "$out"
out=$(timeout 20 "$UNHUNCH" start t-fast --plain --no-voice --fresh --pain 1 </dev/null 2>&1)
check "second fresh refused" 1 $?
check "the live one is not stopped" running "$(x '.sessions[-1].status')"
check "no second session" "$nsess" "$(x '.sessions | length')"
# the first dies without a word: its lock is taken over by the next start
kill -9 "$first"
wait "$first" 2>/dev/null
exec 7>&-
out=$(printf 'quit\n' | timeout 60 "$UNHUNCH" start --plain --no-voice --resume --pain 1 2>&1)
check "taken over after a kill" 0 $?
contains "resumed" "Test lift" "$out"
check "the same session went on" "$nsess|quit" "$(x '"\(.sessions | length)|\(.sessions[-1].status)"')"
sqlite_only "lock given back" && check "lock given back" 0 "$(q "SELECT count(*) FROM session_lock")"

# ---- 2. forget while another program reads ----
if sqlite_only "forget while the SQLite file is open elsewhere"; then # (not indented: a here-document inside)
"$UNHUNCH" checkin --pain 3 --note "a private note" >/dev/null
python3 - "$DB" "$TMP/reader.fifo" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT note FROM checkins").fetchall()
os.mkfifo(sys.argv[2])
open(sys.argv[2]).read()  # hold the old snapshot until told
c.execute("COMMIT")
PY
reader=$!
for _ in $(seq 600); do [ -p "$TMP/reader.fifo" ] && break; sleep 0.1; done
out=$(printf 'delete\n' | "$UNHUNCH" forget --all 2>&1)
check "unfinished wipe exit" 1 $?
contains "says deleted but not wiped" "Every record is deleted, but the wipe is not finished" "$out"
case "$out" in *"Everything is deleted."*|*"could not delete"*) fail "forget claims: $out" ;; *) ok ;; esac
check "records deleted" 0 "$(x '.checkins | length')"
echo done >"$TMP/reader.fifo"
wait "$reader"
out=$(printf 'delete\n' | "$UNHUNCH" forget --all 2>&1)
check "wipe finished exit" 0 $?
contains "wipe finished" "Everything is deleted." "$out"
grep -c "a private note" "$DB" "$DB-wal" >/dev/null 2>&1 && fail "the note is still in the file" || ok
fi

# ---- 3. read-only: a read-only folder, then a read-only file ----
if sqlite_only "a read-only database file and folder"; then
# (as root, the checks run as nobody: root may write anywhere)
as_user() {
  if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
R="$TMP/ro"
mkdir -p "$R/home"
chmod 755 "$TMP"
[ "$(id -u)" -eq 0 ] && chown -R 65534:65534 "$R"
ro() { as_user env HOME="$R/home" XDG_DATA_HOME="$R/home/.local/share" "$UNHUNCH" "$@"; }
ro checkin --pain 4 --note "kept" >/dev/null
check "ro: set up" 0 $?
RD="$R/home/.local/share/unhunch"
cp "$RD/unhunch.db" "$TMP/ro-before.db"
chmod 555 "$RD"
for cmd in "history" "progress" "export --format json" "report -o $R/report.html" "screen --status"; do
  out=$(ro $cmd 2>&1 >/dev/null)
  check "ro folder: $cmd" 0 $?
  check "ro folder: $cmd said nothing" "" "$out"
done
check "ro folder: export holds the note" '"kept"' "$(ro export --format json | grep -o '"kept"')"
check "ro folder: nothing new" "unhunch.db" "$(ls -A "$RD")"
cmp -s "$RD/unhunch.db" "$TMP/ro-before.db" && ok || fail "ro folder: the database changed"
chmod 755 "$RD"
chmod 400 "$RD/unhunch.db"
for cmd in "history" "export --format csv"; do
  ro $cmd >/dev/null 2>&1
  check "ro file: $cmd" 0 $?
done
check "ro file: no -wal or -shm left" "unhunch.db" "$(ls -A "$RD")"
chmod 600 "$RD/unhunch.db"
fi

# ---- 4. where the data lives without a usable HOME ----
# A stand-in password database (nss_wrapper) gives this user a home in the test folder.
W=/usr/lib/x86_64-linux-gnu/libnss_wrapper.so
[ -e "$W" ] || W=$(ls /usr/lib/*/libnss_wrapper.so 2>/dev/null | head -n 1)
if [ -z "$W" ]; then
  fail "nss_wrapper is missing: run 'bash scripts/deps.sh test' (make check does)"
else
  P="$TMP/pwhome"
  mkdir -p "$P" "$TMP/cwd"
  printf '%s:x:%d:%d::%s:/bin/sh\n' "$(id -un)" "$(id -u)" "$(id -g)" "$P" >"$TMP/passwd"
  printf '%s:x:%d:\n' "$(id -gn)" "$(id -g)" >"$TMP/group"
  pw() {
    (cd "$TMP/cwd" && env -u XDG_DATA_HOME LD_PRELOAD="$W" NSS_WRAPPER_PASSWD="$TMP/passwd" \
      NSS_WRAPPER_GROUP="$TMP/group" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" "$@")
  }
  pw env -u HOME "$UNHUNCH" checkin --pain 2 >/dev/null 2>&1
  check "HOME unset: exit" 0 $?
  pw env HOME= "$UNHUNCH" checkin --pain 3 >/dev/null 2>&1
  check "HOME empty: exit" 0 $?
  pw env HOME=relative "$UNHUNCH" checkin --pain 4 >/dev/null 2>&1
  check "HOME relative: exit" 0 $?
  check "all in the real home" "3" "$(HOME="$P" XDG_DATA_HOME="$P/.local/share" x '.checkins | length')"
  check "nothing under the current folder" "" "$(ls -A "$TMP/cwd")"
fi

# ---- 5. a FIFO where the database should be: refused at once, not a hang ----
if sqlite_only "a database path that is a FIFO"; then
F="$TMP/fifo-home"
mkdir -p "$F/.local/share/unhunch"
mkfifo "$F/.local/share/unhunch/unhunch.db"
for cmd in "history" "checkin --pain 3" "export --format json"; do
  out=$(HOME="$F" XDG_DATA_HOME="$F/.local/share" timeout 10 "$UNHUNCH" $cmd 2>&1)
  check "fifo: $cmd exit" 1 $?
  contains "fifo: $cmd says why" "not a regular file" "$out"
done
fi

finish
