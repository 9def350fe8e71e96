# t-locale.sh: under a German locale (decimal comma) the text people read writes its
# numbers the German way (3,0), and everything a machine reads is the same byte for
# byte as under C: CSV keeps 16 fields, the report's SVG, the backup, FHIR, iCalendar
# and every --json use a point; input takes "7.5" (and "7,5", which means the same);
# the content loads.
. "$(dirname "$0")/lib.sh"
if ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
  fail "the de_DE.UTF-8 locale is missing: run 'bash scripts/deps.sh test' (make check does)"
  finish
  exit
fi
export LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8
check "the shell's own printf uses a comma here" "7,5" "$(printf '%.1f' 7,5)"
export TZ=UTC
screen_clear
DB="$XDG_DATA_HOME/unhunch/unhunch.db"

# input: a point, or a comma, the same value
"$UNHUNCH" checkin --pain 4 --desk-hours 7.5 --date 2026-01-01 >/dev/null
check "checkin takes 7.5" 0 $?
"$UNHUNCH" checkin --pain 3 --desk-hours 6,25 --date 2026-01-02 >/dev/null
check "checkin takes 6,25" 0 $?
printf '\n\n\n\n\n\n8.5\n\n\n' | "$UNHUNCH" checkin >/dev/null 2>&1
check "question takes 8.5" 0 $?
check "stored values" "7.5 6.25 8.5" "$(x '[.checkins[].desk_hours] | map(tostring) | join(" ")')"
printf '9.5\nmon-fri\n3\n3\n2\n3\n3\n1\n8\ny\ny\nn\n2\nneck\n3\n' | "$UNHUNCH" assess >/dev/null 2>&1
check "assess takes 9.5" 0 $?
check "assessed hours" "9.5" "$(x '.assessments[].answers[] | select(.question == "desk-hours") | .value')"

# CSV: as many fields in every row as in the header; the hours with a point
"$UNHUNCH" export --format csv -o "$TMP/c.csv"
check "csv exit" 0 $?
got=$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
print(sorted({len(r) for r in rows}), [r[13] for r in rows[1:]])' "$TMP/c.csv")
check "csv fields" "[16] ['7.5', '6.25', '8.5']" "$got"

# the backup and FHIR: numbers with a point, and the backup restores exactly
"$UNHUNCH" export --format json -o "$TMP/b.json"
contains "json hours" '"desk_hours": 7.5' "$(cat "$TMP/b.json")"
"$UNHUNCH" export --format fhir | python3 -c 'import json, sys; json.load(sys.stdin)'
check "fhir is JSON" 0 $?

# the report's SVG: coordinates with a point only
"$UNHUNCH" report -o "$TMP/r.html" >/dev/null
check "report exit" 0 $?
bad=$(grep -oE '(x|y|x1|y1|x2|y2|cx|cy|width|height)="[^"]*,[^"]*"|points="[^"]*[0-9],[0-9]+,' "$TMP/r.html" | head -3)
check "no decimal commas in the SVG" "" "$bad"
contains "svg coordinates" 'x="' "$(cat "$TMP/r.html")"

# the terminal's text follows the locale: a pain of 3 today is 3,0 in German, 3.0 in C
"$UNHUNCH" checkin --pain 3 >/dev/null
check "checkin pain 3" 0 $?
out=$("$UNHUNCH" progress 2>&1)
check "progress exit" 0 $?
check "progress in German: today's mean" 1 "$(printf '%s\n' "$out" | grep -cE '^ overall .* 3,0$')"
contains "progress in German: sessions a week" "Sessions: 0,0 a week" "$out"
out=$(LC_ALL=C.UTF-8 "$UNHUNCH" progress 2>&1)
check "progress in C: today's mean" 1 "$(printf '%s\n' "$out" | grep -cE '^ overall .* 3\.0$')"
contains "progress in C: sessions a week" "Sessions: 0.0 a week" "$out"
contains "today in German" "pain 3,0" "$("$UNHUNCH" 2>&1)"
contains "today in C" "pain 3.0" "$(LC_ALL=C.UTF-8 "$UNHUNCH" 2>&1)"

# what machines read is the same under C and German, byte for byte (but for the time
# it was made: the calendar's DTSTAMP), and has its decimals with a point (same NAME
# PATTERN ARGS...: PATTERN must be in it)
same() {
  local name=$1 pat=$2
  shift 2
  LC_ALL=C.UTF-8 LANG=C.UTF-8 "$UNHUNCH" "$@" 2>&1 | grep -v '^DTSTAMP:' >"$TMP/c.out"
  check "$name in C" 0 "${PIPESTATUS[0]}"
  "$UNHUNCH" "$@" 2>&1 | grep -v '^DTSTAMP:' >"$TMP/de.out"
  check "$name in German" 0 "${PIPESTATUS[0]}"
  cmp -s "$TMP/c.out" "$TMP/de.out" || fail "$name: differs under German: $(diff "$TMP/c.out" "$TMP/de.out" | head -5)"
  grep -qE -- "$pat" "$TMP/de.out" || fail "$name: no '$pat' in: $(head -c 300 "$TMP/de.out")"
}
same "backup" '"desk_hours": 7\.5,' export --format json
same "csv" ',7\.5,' export --format csv
same "fhir" '"value": 7\.5' export --format fhir
same "progress --json" '"mean_7_days": 3\.0' progress --json
same "history --json" '.' history --json
same "plan --json" '"' plan --json
same "icalendar" 'BEGIN:VCALENDAR' plan --ics
same "figure svg" 'd="M[0-9-]+\.[0-9]' show snow-angel --svg
# the report (its charts, and its numbers the C way too): the same but for the minute
# it was made
for f in C.UTF-8 de_DE.UTF-8; do
  LC_ALL=$f "$UNHUNCH" report -o "$TMP/r-$f.html" >/dev/null
  check "report in $f" 0 $?
done
got=$(diff "$TMP/r-C.UTF-8.html" "$TMP/r-de_DE.UTF-8.html" | grep '^[<>]' | grep -cv 'Made with unhunch')
check "report: the same under German" 0 "$got"

# the content loads under German (its loader reads no number with strtod), and no
# number is read with the locale's strtod anywhere: only through core/cnum.h
"$UNHUNCH" validate "$SRC"/data/*/*.yaml >/dev/null 2>&1
check "validate under German" 0 $?
got=$(cd "$SRC" && grep -rnE '(^|[^_a-zA-Z0-9])(strtod|strtof|strtold|atof) *\(' src | grep -v '^src/core/cnum\.c:')
check "strtod only in core/cnum.c" "" "$got"

# the calendar
"$UNHUNCH" plan --ics -o "$TMP/p.ics" >/dev/null
check "ics exit" 0 $?

# the plan's reasons carry their numbers apart: the terminal writes them the German way,
# everything a machine reads the C way. A store with 9.5 desk hours, a dose lowered
# because the next morning (4) had not settled to the usual 2.1 (the mean of 2, 2, 2,
# 2, 2, 2, 3), and a flare-up above a usual 2.4.
fresh_store
screen_clear
printf '9.5\nmon-fri\n3\n3\n2\n3\n3\n1\n8\ny\ny\nn\n2\nneck\n3\n' | "$UNHUNCH" assess >/dev/null 2>&1
check "assess for the reasons" 0 $?
for i in 11 10 9 8 7 6 5 4 3 2; do
  p=2
  [ "$i" = 5 ] && p=3
  [ "$i" = 3 ] && p=4
  "$UNHUNCH" checkin --date "$(days_ago "$i")" --pain "$p" >/dev/null || fail "checkin $i days ago"
done
out=$("$UNHUNCH" plan --feedback v-raise=right --pain-during 2 --date "$(days_ago 4)" | tr '\n' ' ' | tr -s ' ')
contains "lowered, in German" "had not settled back to your usual 2,1" "$out"
"$UNHUNCH" checkin --date "$(days_ago 1)" --pain 6 >/dev/null
check "flare-up check-in" 0 $?
out=$("$UNHUNCH" plan 2>&1 | tr '\n' ' ' | tr -s ' ')
contains "plan in German: the flare-up's usual" "your usual 2,4. Until it is back to 3,4 or less" "$out"
out=$("$UNHUNCH" plan --why 2>&1 | tr '\n' ' ' | tr -s ' ')
contains "plan --why in German: the flare-up's usual" "your usual 2,4. Until it is back to 3,4 or less" "$out"
contains "plan --why in German: the assessment" "9,5 hours a day at a desk" "$out"
contains "plan --why in German: the dose change" "had not settled back to your usual 2,1" "$out"
contains "today in German: the flare-up's usual" "your usual 2,4. Until" "$("$UNHUNCH" 2>&1 | tr '\n' ' ' | tr -s ' ')"
out=$(LC_ALL=C.UTF-8 "$UNHUNCH" plan --why 2>&1 | tr '\n' ' ' | tr -s ' ')
contains "plan --why in C: the flare-up's usual" "your usual 2.4. Until it is back to 3.4 or less" "$out"
contains "plan --why in C: the assessment" "9.5 hours a day at a desk" "$out"
contains "plan --why in C: the dose change" "had not settled back to your usual 2.1" "$out"
same "plan --json with reasons" 'usual 2\.1.*' plan --json
grep -q 'your usual 2\.4\. Until it is back to 3\.4' "$TMP/de.out" || fail "plan --json: the note's numbers with a point"
grep -q '"reason": "9\.5 hours a day at a desk' "$TMP/de.out" || fail "plan --json: the assessment's numbers with a point"
same "icalendar with reasons" 'BEGIN:VEVENT' plan --ics
same "backup with reasons" 'usual 2\.1' export --format json
contains "assess --show in German" "9,5 hours a day at a desk" "$("$UNHUNCH" assess --show 2>&1 | tr '\n' ' ' | tr -s ' ')"
same "assess --json with reasons" '9\.5 hours a day at a desk' assess --show --json
finish
