# t-output.sh: every file named with -o (plan --ics, report, export) is written whole or
# not at all: a write that fails half way (the file size limit stands in for a full
# disk) keeps the old file; a FIFO, or a link to one (as /dev/stdout is), is written
# into and stays what it was; a link to a file stays a link; temporary files of a
# killed run are cleaned by the next. Everything is in the test's own folder.
. "$(dirname "$0")/lib.sh"
screen_clear
"$UNHUNCH" checkin --pain 3 --desk-hours 7.5 --note "a note" >/dev/null
O="$TMP/out"
mkdir -p "$O"
leftovers() { find "$O" -name '.*unhunch-*' | wc -l; }

# 1. a write that fails half way: the old file stays whole, no temporary file, exit 1.
# Another program keeps the database open meanwhile, so its shared-memory file is
# already full size and only the output goes over the limit.
# (On PostgreSQL there is no such file: the writes are tested without it.)
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
holder=
if sqlite_only "the database file held open meanwhile"; then
  python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute("SELECT count(*) FROM checkins").fetchall()
open(sys.argv[2], "w").close(); time.sleep(60)' "$DB" "$TMP/holding" &
  holder=$!
  for _ in $(seq 600); do [ -e "$TMP/holding" ] && break; sleep 0.1; done
  check "the holder has the database open" yes "$([ -e "$TMP/holding" ] && echo yes)"
fi
for cmd in "plan --ics" "report" "export --format json"; do
  name="$O/file-${cmd%% *}"
  printf 'the old file\n' >"$name"
  out=$( (trap '' XFSZ; ulimit -f 4; "$UNHUNCH" $cmd -o "$name") 2>&1 >/dev/null)
  rc=$?
  check "$cmd: failed write exit" 1 "$rc"
  contains "$cmd: failed write said" "cannot write $name: File too large" "$out"
  check "$cmd: old file kept" "the old file" "$(cat "$name")"
  check "$cmd: no temporary file" 0 "$(leftovers)"
done
if [ -n "$holder" ]; then
  kill "$holder"
  wait "$holder" 2>/dev/null
fi

# 2. a FIFO is written into, not replaced; so is a link to one (like /dev/stdout)
mkfifo "$O/fifo"
ln -s fifo "$O/stdout"
for target in fifo stdout; do
  for cmd in "plan --ics" "report" "export --format csv"; do
    timeout 60 cat "$O/$target" >"$O/read" &
    reader=$!
    "$UNHUNCH" $cmd -o "$O/$target" >/dev/null 2>&1
    check "$cmd -o $target: exit" 0 $?
    wait "$reader"
    [ -s "$O/read" ] && ok || fail "$cmd -o $target: nothing came through"
    [ -p "$O/fifo" ] && ok || fail "$cmd -o $target: the FIFO was replaced"
  done
done
[ -L "$O/stdout" ] && ok || fail "the link to the FIFO was replaced"
contains "csv came through the link" "date,time,pain" "$(cat "$O/read")"

# 3. a link to a regular file stays a link; the file it leads to is replaced
mkdir -p "$O/real"
printf 'old\n' >"$O/real/backup.json"
ln -s real/backup.json "$O/link.json"
"$UNHUNCH" export --format json -o "$O/link.json" >/dev/null
check "export through a link" 0 $?
[ -L "$O/link.json" ] && ok || fail "the link was replaced by a file"
contains "the linked file holds the backup" '"format": "unhunch-backup"' "$(cat "$O/real/backup.json")"
check "new file private" 600 "$(stat -c %a "$O/real/backup.json")"

# 4. a temporary file left by a killed run (its process is gone) is removed by the next
sh -c 'exit 0' &
dead=$!
wait "$dead"
touch "$O/.r.html.unhunch-$dead-Xy12Zq" "$O/.other.unhunch-$dead-Xy12Zq"
"$UNHUNCH" report -o "$O/r.html" >/dev/null
check "report exit" 0 $?
[ -e "$O/.r.html.unhunch-$dead-Xy12Zq" ] && fail "left-over not cleaned" || ok
[ -e "$O/.other.unhunch-$dead-Xy12Zq" ] && ok || fail "another file's left-over was removed"

finish
