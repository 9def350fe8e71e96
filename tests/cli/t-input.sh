# t-input.sh: the edges of input. A note over the limit is counted in characters and
# says how much to cut; typed as an answer it is left out and the rest of the check-in
# kept; a NUL in a note is refused, not cut silently; a region given twice, hours
# written as hex and dates before 1900 or in the future are refused; import applies
# the same date rules, names a missing list and says when it was given a folder.
. "$(dirname "$0")/lib.sh"
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
"$UNHUNCH" checkin --pain 1 --date 2026-01-01 >/dev/null

# notes: characters, not bytes
ok2000=$(python3 -c 'print("\u00e9" * 2000, end="")')    # 2000 characters, 4000 bytes
over=$(python3 -c 'print("\u00e9" * 2012, end="")')
"$UNHUNCH" checkin --pain 2 --note "$ok2000" >/dev/null 2>&1
check "2000 two-byte characters fit" 0 $?
out=$("$UNHUNCH" checkin --pain 2 --note "$over" 2>&1)
check "2012 characters refused" 2 $?
contains "says how much to cut" "--note is 2012 characters long; at most 2000 fit, so cut 12" "$out"
n=$(x '.checkins | length')
out=$(printf '4\n\n\n\n\n\n\n\n%s\n' "$over" | "$UNHUNCH" checkin 2>&1)
check "answered: note left out, exit" 1 $?
contains "answered: the rest is saved" "without the note: the note is 2012 characters long; at most 2000 fit, so cut 12" "$out"
check "answered: one more check-in" "$((n + 1))" "$(x '.checkins | length')"
check "answered: its pain kept, no note" "4|" "$(x '.checkins | max_by(.at_ms) | "\(.pain)|\(.note // "")"')"
out=$(printf '4\n\n\n\n\n\n\n\nbefore\0after\n' | "$UNHUNCH" checkin 2>&1)
contains "a NUL is refused" "the note holds a NUL byte" "$out"
check "no cut note stored" 0 "$(x '[.checkins[] | select(.note == "before")] | length')"

# flags given twice, hex hours, impossible dates
out=$("$UNHUNCH" checkin --region neck=3 --region neck=4 2>&1)
check "region twice exit" 2 $?
contains "region twice said" "neck is given twice (3 and 4)" "$out"
out=$("$UNHUNCH" checkin --pain 3 --pain 5 2>&1)
check "pain twice exit" 2 $?
out=$("$UNHUNCH" checkin --desk-hours 0x5 2>&1)
check "hex hours exit" 2 $?
contains "hex hours said" "'0x5' is not a number of hours" "$out"
for h in inf nan 1e1 -1 " " 7.; do
  "$UNHUNCH" checkin --desk-hours "$h" >/dev/null 2>&1
  check "hours '$h' refused" 2 $?
done
# issue 19.8: a paper diary: --date alone asks that day's questions and saves them
d3=$(days_ago 3)
out=$(printf '4\n2\n\n\n\nneck=3\n\nn\n\n\nn\n' | "$UNHUNCH" checkin --date "$d3" 2>&1)
rc=$?; [ $rc -eq 0 ] || echo "$out" >&2
check "date alone asks" 0 $rc
contains "asks about that day" "Pain overall on $d3, 0 (none) to 10 (worst)?" "$out"
check "saved for that day" "4|2" "$(x ".checkins[] | select(.date == \"$d3\") | \"\\(.pain)|\\(.headache)\"")"
# an answer that does not fit gets a message for the question, not the flag's error
out=$(printf '4\n\n\n\n\nnek=3\n' | "$UNHUNCH" checkin 2>&1)
check "bad region answer" 1 $?
contains "question-style message" "Unknown region 'nek' (did you mean 'neck'?)" "$out"
case "$out" in *"--region"*|*"unhunch checkin --help"*) fail "flag-style error for an answer: $out" ;; *) ok ;; esac
out=$("$UNHUNCH" checkin --pain 3 --date 0000-01-01 2>&1)
check "year 0 exit" 2 $?
contains "year 0 said" "--date 0000-01-01 is before 1900-01-01" "$out"
out=$("$UNHUNCH" checkin --pain 3 --date "$(date -d '+3 days' +%F)" 2>&1)
check "future exit" 2 $?
contains "future said" "is in the future" "$out"
# plan --feedback --date follows the same rule (cli/args.c), and stores nothing
out=$("$UNHUNCH" plan --feedback v-raise=easy --date 1899-12-31 2>&1)
check "plan year 1899 exit" 2 $?
contains "plan year 1899 said" "--date 1899-12-31 is before 1900-01-01" "$out"
out=$("$UNHUNCH" plan --feedback v-raise=easy --date "$(date -d '+3 days' +%F)" 2>&1)
check "plan future exit" 2 $?
contains "plan future said" "--date $(date -d '+3 days' +%F) is in the future" "$out"

# import: the same date rules, a missing list named, a folder said to be one
"$UNHUNCH" export --format json -o "$TMP/b.json"
python3 - "$TMP/b.json" "$TMP/future.json" "$TMP/old.json" "$TMP/nolist.json" <<'PY'
import json, sys, datetime
d = json.load(open(sys.argv[1]))
f = json.loads(json.dumps(d)); f["checkins"][0]["date"] = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
json.dump(f, open(sys.argv[2], "w"))
o = json.loads(json.dumps(d)); o["checkins"][0]["date"] = "0000-01-01"
json.dump(o, open(sys.argv[3], "w"))
m = json.loads(json.dumps(d)); del m["checkins"]
json.dump(m, open(sys.argv[4], "w"))
PY
imp() { local h="$TMP/i$RANDOM"; mkdir -p "$h"; HOME="$h" XDG_DATA_HOME="$h/share" "$UNHUNCH" import "$@" 2>&1; }
out=$(imp "$TMP/future.json")
check "future import exit" 1 $?
contains "future import said" "checkins[0].date: '$(date -d '+5 days' +%F)' is in the future" "$out"
out=$(imp "$TMP/old.json")
contains "year 0 import said" "checkins[0].date: '0000-01-01' is before 1900-01-01" "$out"
out=$(imp "$TMP/nolist.json")
check "missing list exit" 1 $?
contains "missing list named" "$TMP/nolist.json: checkins: missing" "$out"
mkdir -p "$TMP/adir"
out=$(imp "$TMP/adir")
check "folder exit" 1 $?
contains "folder said" "$TMP/adir: is a folder" "$out"
finish
