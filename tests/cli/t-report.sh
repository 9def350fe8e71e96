# t-report.sh: `unhunch report`: a scripted month of check-ins, sessions and PSFS
# ratings gives a self-contained HTML page with the numbers worked out by hand below;
# user text is escaped; nothing external is referenced; usage and write errors; an
# empty store still gives a valid page.
. "$(dirname "$0")/lib.sh"
screen_clear
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
day() { days_ago "$1"; }                             # the date i days ago
noon() { echo "$(date -d "$(day "$1") 12:00" +%s)000"; } # its local noon, ms

# The month, i = days ago (29 .. 0). Pain: 6 for the first week (baseline 6.0), 4 for
# days 22..7, then 1 2 2 2 1 2 and 4 today (last 7 days: 14 / 7 = 2.0). Drop 4.0 points,
# 67 %: meaningful. Days <= 2 in the last 28 days: 6 of 28 (21 %). The trailing week
# first meets the MCID 16 days ago (mean 4); today is 2 above the 7 days before it
# (mean 2.0): 1 flare-up. Neck = pain + 1. Headache on days 25, 20, ..., 0: 6 in the
# last 28 days = 1.5 a week. Stress on every day (30 pairs: enough for an interval);
# desk hours on 10 days only. Sessions 8, 6, 4, 2, 1, 0 days ago: 6 session days in
# the 9 days since the first = 4.7 a week, streak 3; only 5 session days have a next
# day, so the session insight has not enough data.
pain_of() {
  if [ "$1" -ge 23 ]; then echo 6; elif [ "$1" -ge 7 ]; then echo 4
  else local i=$1; set -- 4 2 1 2 2 2 1; shift "$i"; echo "$1"; fi   # i = 0..6 -> 4 2 1 2 2 2 1
}
# (written the way a person could have: a backup of this month, restored)
cin="" ses=""
for i in $(seq 29 -1 0); do
  p=$(pain_of "$i")
  h=0; [ $((i % 5)) -eq 0 ] && h=3
  desk=null; [ "$i" -lt 10 ] && desk=8
  massage=false; { [ "$i" -eq 20 ] || [ "$i" -eq 15 ]; } && massage=true
  note=null; [ "$i" -eq 3 ] && note='"Carried <groceries> & felt \"ok\""'
  cin="$cin{\"date\": \"$(day "$i")\", \"at_ms\": $(noon "$i"), \"pain\": $p, \"regions\": {\"neck\": $((p + 1))},
    \"headache\": $h, \"stiffness\": null, \"stress\": $((p + i % 3)), \"sleep\": null, \"desk_hours\": $desk,
    \"massage\": $massage, \"note\": $note},"
done
for i in 8 6 4 2 1 0; do
  ses="$ses{\"routine\": \"upper-back-activation\", \"started_ms\": $(noon "$i"), \"ended_ms\": $(($(noon "$i") + 900000)),
    \"status\": \"finished\", \"pain_before\": 3, \"pain_after\": 2, \"pacing\": \"content\", \"sets\": [],
    \"pain_reports\": [], \"exercises\": [{\"item\": 0, \"exercise\": \"glute-bridge\", \"status\": \"done\",
    \"reps_done\": 10, \"duration_ms\": 60000, \"at_ms\": $(($(noon "$i") + 60000))}]},"
done
reseed ".checkins = [${cin%,}] | .sessions = [${ses%,}] | .psfs = [
  {name: \"Lift <kid> & shop\", added_ms: $(noon 29), ratings: [{date: \"$(day 28)\", score: 3}, {date: \"$(day 0)\", score: 6}]},
  {name: \"Look over my shoulder\", added_ms: $(noon 29), ratings: []}]"
OUT="$TMP/out"
mkdir -p "$OUT"
R="$OUT/report.html"

# 1. the report: exit 0, self-contained, the hand-worked numbers
msg=$("$UNHUNCH" report -o "$R" 2>&1)
check "report exit" 0 $?
contains "says where" "Report written to $R" "$msg"
html=$(cat "$R")
check "only the report in its folder" "report.html" "$(ls -A "$OUT")"
contains "doctype" "<!DOCTYPE html>" "$html"
contains "ends" "</html>" "$html"
contains "inline svg" "<svg viewBox" "$html"
contains "inline css" "<style>" "$html"
check "no script" 0 "$(grep -ci '<script' "$R")"
check "no web address" 0 "$(grep -Eci 'https?:|//[a-z]' "$R")"
check "no external src/href" "" "$(grep -Eoi '(src|href)[[:space:]]*=[[:space:]]*["'\'']?[^"'\'' >]*' "$R" | grep -Evi '=[[:space:]]*["'\'']?(data:|#)')"
check "no url() or @import" 0 "$(grep -Eci 'url\(|@import' "$R")"
contains "not a diagnosis" "This is a self-care record, not a diagnosis." "$html"
contains "baseline" "<b>6.0</b><span>mean pain in the first week<br>$(day 29) to $(day 23), n = 7 days</span>" "$html"
contains "now" "<b>2.0</b><span>mean pain in the last 7 days<br>$(day 6) to $(day 0), n = 7 days</span>" "$html"
contains "drop" "<b>4.0 points</b><span>lower than in the first week<br>a drop of 67 %</span>" "$html"
contains "mcid verdict" "A clinically meaningful improvement: at least 2 points and at least 30 % lower" "$html"
contains "relief share" "<strong>6 of 28</strong> days with a rating (21 %)" "$html"
contains "flare-ups" "<strong>1</strong> since the first clinically meaningful improvement (the week ending $(day 16))" "$html"
contains "sessions a week" "on <strong>4.7</strong> days a week" "$html"
contains "streak" "current streak <strong>3</strong> days in a row." "$html"
contains "headache days" "Headache days (a headache of 1 or more): <strong>1.5</strong> a week over the last 4 weeks (n = 28 days" "$html"
contains "overall chart" "<h3>Pain overall</h3>" "$html"
contains "neck chart" "<h3>Neck</h3>" "$html"
contains "unrated regions" "Not rated in these 8 weeks: Between the shoulder blades, Upper back" "$html"
contains "baseline line" "first week 6.0" "$html"
# the exercises of the routine done, each with its start and end drawn
contains "exercises section" "<h2>The exercises</h2>" "$html"
contains "bridge strip" "<b>1. Glute bridge</b><br><span class=\"small\">10 reps, 1 s hold in each rep</span>" "$html"
check "a picture per exercise" 8 "$(grep -c '<svg width=[^>]*role="img" aria-label=' "$R")"
contains "start and end" "Squeeze and lift</text>" "$html"
contains "insight not enough" "not enough data yet (n = 5 and 24 days; each needs at least 14)" "$html"
contains "desk not enough" "Pain and hours at the desk on the same day: not enough data yet (n = 10 days" "$html"
contains "stress has interval" "(95 % CI " "$html"
contains "stress n" "; n = 30 days)" "$html"
contains "escaped activity" "<td>Lift &lt;kid&gt; &amp; shop</td><td>3 ($(day 28))</td><td>6 ($(day 0))</td><td class=\"num\">+3</td>" "$html"
contains "activity without ratings" "<td>Look over my shoulder</td>" "$html"
contains "escaped note" "Carried &lt;groceries&gt; &amp; felt &quot;ok&quot;" "$html"
case "$html" in *"<groceries>"* | *"<kid>"*) fail "raw user text in the page" ;; *) ok ;; esac
contains "screen date" "<tr><th>Last screen</th><td>$(date +%F)</td></tr>" "$html"
contains "screen level" "<td>no warning signs</td>" "$html"
contains "no clearance needed" "<td>none needed</td>" "$html"

# 2. an unresolved warning sign, then a clinician's clearance (with markup in the note)
now=$(date +%s)000
reseed ".screenings += [{at_ms: ($now + 1000), level: \"days\", neck_clear: false, answers: []}]"
"$UNHUNCH" report -o "$R" >/dev/null 2>&1
html=$(cat "$R")
contains "days level" "a sign that needs a doctor or physiotherapist within a few days" "$html"
contains "not cleared" "<td>not cleared yet</td>" "$html"
contains "paused" "paused until the warning sign is dealt with" "$html"
reseed ".clearances += [{at_ms: ($now + 2000), date: \"$(date +%F)\", note: \"Dr <Lee> & physio: fine\",
  screening: (.screenings | length - 1)}]"
"$UNHUNCH" report -o "$R" >/dev/null 2>&1
html=$(cat "$R")
contains "cleared" "cleared on $(date +%F): Dr &lt;Lee&gt; &amp; physio: fine" "$html"
contains "allowed" "<tr><th>Exercise</th><td>allowed</td>" "$html"

# 3. usage errors: exit 2, nothing written
for args in "" "-o" "--output" "-o ''" "--bogus" "-o $OUT/x.html extra"; do
  eval "set -- $args"
  out=$("$UNHUNCH" report "$@" 2>&1)
  check "usage [$args]" 2 $?
  contains "usage hint [$args]" "Try 'unhunch report --help'." "$out"
done
out=$("$UNHUNCH" report 2>&1)
contains "missing -o said" "say where to write the report: -o FILE" "$out"
check "nothing written by usage errors" "report.html" "$(ls -A "$OUT")"
out=$("$UNHUNCH" report --help)
check "help exit" 0 $?
contains "help usage" "usage: unhunch report -o FILE" "$out"
"$UNHUNCH" report --output="$OUT/eq.html" >/dev/null 2>&1
check "--output=FILE" 0 $?
rm -f "$OUT/eq.html"

# 4. unwritable: missing folder, a folder as the file; exit 1, clear message, no leftovers
out=$("$UNHUNCH" report -o "$TMP/no/such/dir/r.html" 2>&1)
check "missing folder exit" 1 $?
contains "missing folder message" "unhunch report: cannot write $TMP/no/such/dir/r.html: No such file or directory" "$out"
out=$("$UNHUNCH" report -o "$OUT" 2>&1)
check "folder as file exit" 1 $?
contains "folder as file message" "unhunch report: cannot write $OUT: " "$out"
check "no temporary file left" "out" "$(ls -A "$TMP" | grep -v home)"
check "report intact" "report.html" "$(ls -A "$OUT")"

# 5. no data at all: still a whole page that says so
export HOME="$TMP/empty" XDG_DATA_HOME="$TMP/empty/.local/share"
mkdir -p "$HOME"
"$UNHUNCH" report -o "$OUT/empty.html" >/dev/null 2>&1
check "empty exit" 0 $?
html=$(cat "$OUT/empty.html")
contains "empty says so" "<strong>No data yet.</strong>" "$html"
contains "empty not a diagnosis" "not a diagnosis" "$html"
contains "empty verdict" "Not enough data yet (n = 0 days with a pain rating)." "$html"
contains "empty insights" "not enough data yet (n = 0 and 0 days" "$html"
contains "empty chart" "no ratings in these 8 weeks" "$html"
contains "empty headaches" "Headache days (a headache of 1 or more): not enough data yet (n = 0 days" "$html"
contains "empty first week" "mean pain in the first week<br>no rating yet" "$html"
contains "empty screen" "No safety screen on record yet" "$html"
contains "empty ends" "</html>" "$html"

# issue 19.8: the first date the report names agrees with its tables: with a record
# older than 8 weeks it says where the tables begin (a month of records needs no note)
check "no window note for a month" 0 "$(grep -c 'cover the last 8 weeks' "$R")"
"$UNHUNCH" checkin --date "$(day 100)" --pain 5 >/dev/null
"$UNHUNCH" report -o "$TMP/old.html" >/dev/null 2>&1
contains "window named" "Records from $(day 100) to " "$(cat "$TMP/old.html")"
# only old ratings: the pain charts show the span with ratings, and the first line says
# those dates (the ones of the charts' heading), not "the last 8 weeks"
span=$(sed -n 's|.*<h2>Pain by region, \([0-9-]*\) to \([0-9-]*\) (no ratings since)</h2>.*|\1 to \2|p' "$TMP/old.html")
check "old charts end at the rating" "$(day 100)" "${span##* to }"
contains "charts' dates named first" "The pain charts below cover $span, the latest ratings;" "$(cat "$TMP/old.html")"
contains "weekly tables named" "the weekly tables and the notes cover the last 8 weeks, from $(day 55)." "$(cat "$TMP/old.html")"
case "$(cat "$TMP/old.html")" in *"The charts and tables below cover the last 8 weeks"*) fail "old charts said to be the last 8 weeks" ;; *) ok ;; esac
# a rating today as well: every chart and table covers the last 8 weeks, and it says so
"$UNHUNCH" checkin --pain 3 >/dev/null
"$UNHUNCH" report -o "$TMP/old.html" >/dev/null 2>&1
contains "tables begin" "The charts and tables below cover the last 8 weeks, from $(day 55)." "$(cat "$TMP/old.html")"
contains "charts last 8 weeks" "<h2>Pain by region, last 8 weeks</h2>" "$(cat "$TMP/old.html")"

finish
