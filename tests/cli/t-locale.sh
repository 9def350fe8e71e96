# t-locale.sh: under a German locale (decimal comma) the files unhunch writes are the
# same as under C: CSV keeps 16 fields, the report's SVG and the backup use a point;
# input takes "7.5" (and "7,5", which means the same).
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

# the terminal: progress writes its means with a point too
out=$("$UNHUNCH" progress 2>&1)
case "$out" in *[0-9],[0-9]*) fail "progress shows a decimal comma: $out" ;; *) ok ;; esac

# the calendar
"$UNHUNCH" plan --ics -o "$TMP/p.ics" >/dev/null
check "ics exit" 0 $?
finish
