# t-progress.sh: a scripted month of check-ins (back-filled with --date) gives the right
# trend, change from baseline, verdict and "not enough data" where due; check-in input
# errors store nothing.
. "$(dirname "$0")/lib.sh"
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
day() { days_ago "$1"; }
# text PROGRAM-ARGS: the terminal's text, read with its numbers the C way (it follows
# the locale: the suite runs under German too; t-locale.sh checks the German form)
text() { LC_ALL=C.UTF-8 "$UNHUNCH" "$@"; }

# weeks of pain 6, 5, 3, 2 (oldest first); the neck a point higher; two check-ins on
# one day average out
for i in $(seq 27 -1 0); do
  w=$(( (27 - i) / 7 ))
  p=$(( w == 0 ? 6 : w == 1 ? 5 : w == 2 ? 3 : 2 ))
  "$UNHUNCH" checkin --date "$(day "$i")" --pain "$p" --region neck=$((p + 1)) --stress 5 --desk-hours 7.5 >/dev/null
  check "checkin day $i" 0 $?
done
"$UNHUNCH" checkin --date "$(day 0)" --pain 2 --headache 3 --note 'after, work' >/dev/null
check "rows" 29 "$(x '.checkins | length')"

out=$(text progress)
check "progress exit" 0 $?
contains "change line" "Change from your first week: 6.0 then, 2.0 now: down 4.0 points (67 %)" "$out"
contains "verdict" "A clinically meaningful improvement (at least 2 points and 30 %)." "$out"
contains "7-day mean neck" "neck" "$out"
contains "relief" "Lasting relief, last 28 days: 7 of 28 days with pain 2 or less (25 %)" "$out"
contains "insight not enough" "Next-day pain, session days vs rest days: not enough data yet (n = " "$out"
contains "correlation without spread" "Pain and stress: nothing to compare yet: the same stress every day (n = 28 days)" "$(printf '%s' "$out" | tr -s ' \n' ' ')"
contains "headache days" "Headache days: 0.2 a week" "$out"

json=$("$UNHUNCH" progress --json)
got=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); c=d["change"]; print(c["baseline"], c["current"], c["meaningful"], d["pain_trend"]["neck"]["mean_7_days"], d["insights"]["after_sessions"]["enough"], d["relief"]["days_low"])' "$json")
check "progress json" "6.0 2.0 True 3.0 False 7" "$got"

# a smaller fall (6 to 4.5: 1.5 points, 25 %) is not meaningful
fresh_store
for i in $(seq 20 -1 0); do
  p=6; [ "$i" -lt 7 ] && p=4
  [ "$i" -lt 7 ] && [ $((i % 2)) -eq 0 ] && p=5
  "$UNHUNCH" checkin --date "$(day "$i")" --pain "$p" >/dev/null
done
out=$(text progress)
contains "small fall not meaningful" "Not yet a clinically meaningful improvement" "$out"
contains "small fall numbers" "6.0 then, 4.6 now" "$out"

# not enough: only three days
fresh_store
for i in 2 1 0; do "$UNHUNCH" checkin --date "$(day "$i")" --pain 4 >/dev/null; done
out=$(text progress)
contains "baseline not enough" "Change from your first week: not enough data yet" "$out"

# the functional scale: name, rate, rate again a week later
"$UNHUNCH" checkin --psfs-add "carry the <shopping> & bags" --psfs "carry the <shopping> & bags=3" --date "$(day 8)" >/dev/null
check "psfs add" 0 $?
"$UNHUNCH" checkin --psfs "carry the <shopping> & bags=6" >/dev/null
out=$(text progress)
contains "psfs gain" "3 ($(day 8)) -> 6 ($(day 0)): a meaningful gain" "$out"
out=$("$UNHUNCH" checkin --psfs "swim=4" 2>&1)
check "unknown activity" 1 $?
contains "unknown activity message" "no activity 'swim'" "$out"
"$UNHUNCH" checkin --psfs-add a --psfs-add b --psfs-add c >/dev/null 2>&1
check "more than 3 activities" 1 $?

# something new in a check-in (new chest pain, a jump) asks for the screen again
out=$("$UNHUNCH" checkin --pain 4 --region chest=3)
contains "new chest pain noticed" "You reported chest pain that is new." "$out"
contains "screen asked for" "Exercise waits until you answer them: unhunch screen" "$out"
screen_clear
out=$("$UNHUNCH" checkin --pain 7)
contains "a jump noticed" "a jump in pain of 3 points or more since your last safety" "$out"
out=$("$UNHUNCH" checkin --pain 5 --region chest=2)
case "$out" in *"Something new"*) fail "nothing new was called new" ;; *) ok ;; esac

# bad input stores nothing
before=$(x '.checkins | length')
for bad in "--pain 11" "--pain -1" "--pain 3x" "--region nek=3" "--region neck=12" "--region neck" \
           "--desk-hours 25" "--desk-hours lots" "--date 2026-13-01" "--date $(date -d tomorrow +%F) --pain 2" \
           "--stress" "--bogus 1" "extra"; do
  # shellcheck disable=SC2086
  "$UNHUNCH" checkin $bad >/dev/null 2>&1
  check "refused: $bad" 2 $?
done
"$UNHUNCH" checkin >/dev/null 2>&1 </dev/null
check "nothing given" 1 $?
check "nothing stored" "$before" "$(x '.checkins | length')"
# a paper diary back-filled: five weeks (pain 6, 5, 3, 2, 2) that ended ten weeks ago,
# desk hours always 8. The first week is compared with the latest week that has data,
# with its dates; every statement agrees; the trend shows the span, not empty weeks;
# and "not enough data" is never said where the real reason is another.
fresh_store
for i in $(seq 104 -1 70); do
  w=$(( (104 - i) / 7 ))
  p=$(( w == 0 ? 6 : w == 1 ? 5 : w == 2 ? 3 : 2 ))
  "$UNHUNCH" checkin --date "$(day "$i")" --pain "$p" --desk-hours 8 >/dev/null
done
out=$(text progress)
contains "gap: change" "Change from your first week: 6.0 then, 2.0 in your latest week: down 4.0 points (67 %)" "$out"
contains "gap: which dates" "First week $(day 104) to $(day 98) (n = 7 days); latest week with ratings $(day 76) to $(day 70) (n = 7 days)." "$out"
contains "gap: since" "No pain rating since $(day 70)." "$out"
contains "gap: meaningful" "A clinically meaningful improvement" "$out"
contains "gap: first improvement agrees" "First meaningful improvement: " "$out"
case "$out" in *"Change from your first week: not enough data"*) fail "gap: change still says not enough data" ;; *) ok ;; esac
contains "gap: trend over the span" "Pain from $(day 125) to $(day 70) (none since)" "$out"
overall=$(printf '%s\n' "$out" | grep '^ overall')
case "$overall" in *▁*|*▂*|*▃*|*▄*|*▅*|*▆*|*▇*|*█*) ok ;; *) fail "gap: the overall sparkline is empty: $overall" ;; esac
contains "gap: relief says why" "Lasting relief, last 28 days: no pain ratings (the last was on $(day 70))" "$out"
contains "gap: desk hours reason" "Pain and desk hours: nothing to compare yet: the same desk hours every day (n = 35 days)" "$(printf '%s' "$out" | tr -s ' \n' ' ')"
"$UNHUNCH" report -o "$TMP/gap.html" >/dev/null
html=$(cat "$TMP/gap.html")
contains "gap report: desk hours reason" "Pain and hours at the desk on the same day: nothing to compare yet: the same hours at the desk every day (n = 35 days)." "$html"
contains "gap report: latest week" "mean pain in the latest week with ratings<br>$(day 76) to $(day 70), n = 7 days" "$html"
contains "gap report: chart span" "Pain by region, $(day 125) to $(day 70) (no ratings since)" "$html"
case "$html" in *"not enough data yet (n = 35 days"*) fail "gap report: a wrong reason" ;; *) ok ;; esac

finish
