# t-checkin.sh: the day and the check-in over a real socket, on the same store as the
# terminal at the same time: a check-in from `unhunch checkin` shows on Today and in
# the API after a reload, one from the page's form shows in `unhunch` and
# `unhunch export`; a post from another site, to the API or the form, is refused and
# stores nothing; the API's answers for a bad value name the field.
. "$(dirname "$0")/lib.sh"

serve_start
TOKEN=$(token)
code() { curl -s -o "$TMP/body" -w '%{http_code}' "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
api_post() {
  code -X POST -H 'Content-Type: application/json' -H "Origin: http://$HOSTPORT" -H "X-CSRF-Token: $TOKEN" \
    --data-binary "$1" "${URL}api/v1/checkins"
}
count() { curl -s "${URL}api/v1/checkins?from=1900-01-01&to=$(date +%F)" | json 'len(d["checkins"])'; }
TODAY=$(date +%F)
YESTERDAY=$(date -d yesterday +%F)

check "a new person: Today" 200 "$(code "${URL}")"
contains "a new person: the safety questions first" 'href="/screening"' "$(cat "$TMP/body")"
contains "a new person: no check-in yet" "No check-in yet." "$(cat "$TMP/body")"

# the terminal checks in; the page shows it after a reload
"$UNHUNCH" checkin --date "$YESTERDAY" --pain 6 --region neck=7 --region upper-back=3 --note "from the terminal" >/dev/null
check "terminal check-in: exit" 0 $?
page=$(curl -s "${URL}")
contains "terminal -> Today: the pain" 'data-test="last-pain">6<' "$page"
contains "terminal -> Today: the body map's place" '<span class="region-name" data-region="neck">Neck</span> <strong>7</strong>' "$page"
contains "terminal -> Today: the note" "from the terminal" "$page"
out=$(curl -s "${URL}api/v1/checkins?from=$YESTERDAY&to=$YESTERDAY")
check "terminal -> API: the regions" "7 3 None" \
  "$(printf '%s' "$out" | json '" ".join(str(d["checkins"][0]["regions"][k]) for k in ("neck","upper-back","chest"))')"
check "terminal -> API /today: the last check-in" "$YESTERDAY" \
  "$(curl -s "${URL}api/v1/today" | json 'd["last_checkin"]["date"]')"

# the page's form (as a browser posts it without scripts); the terminal shows it
check "form post: saved, on to Today" 303 "$(code -X POST -H "Origin: http://$HOSTPORT" \
  --data "csrf=$TOKEN&date=$TODAY&pain=3&headache=&stress=5&between-shoulder-blades=4&chest=&desk_hours=7.5&massage=no&note=from+the+page" \
  "${URL}checkin")"
out=$(LC_ALL=C.UTF-8 "$UNHUNCH") # its numbers the C way (the suite runs under German too)
contains "page -> terminal: today's check-in" "Last check-in: $TODAY, pain 3.0" "$out"
out=$("$UNHUNCH" export --format json)
check "page -> terminal export: the values" "3 4 5 7.5 0 from the page" "$(printf '%s' "$out" | python3 -c '
import json,sys
d=json.load(sys.stdin)
c=[c for c in d["checkins"] if c["date"]=="'"$TODAY"'"][0]
r=c.get("regions") or {}
print(c["pain"], r.get("between-shoulder-blades"), c["stress"], c["desk_hours"], int(c["massage"]), c["note"])')"

# one a day here: the same again saves nothing, other values are refused
check "API: today again, other values" 409 "$(api_post '{"pain": 5}')"
contains "API: says why" '"code":"already_checked_in"' "$(cat "$TMP/body")"
check "two check-ins stored" 2 "$(count)"
check "API: a missed day" 201 "$(api_post "{\"date\": \"$(days_ago 3)\", \"pain\": 4, \"regions\": {\"left-shoulder\": 2}}")"
check "API: the same again" 200 "$(api_post "{\"date\": \"$(days_ago 3)\", \"pain\": 4, \"regions\": {\"left-shoulder\": 2}}")"
check "API: the repeat saved nothing" 3 "$(count)"

# bad values: a 400 naming the field, nothing stored
check "API: pain 11" 400 "$(api_post '{"date": "2001-01-01", "pain": 11}')"
contains "API: pain 11 names it" '"field":"pain"' "$(cat "$TMP/body")"
check "API: a place off the map" 400 "$(api_post '{"date": "2001-01-01", "regions": {"knee": 3}}')"
contains "API: names regions.knee" '"field":"regions.knee"' "$(cat "$TMP/body")"
check "API: tomorrow" 400 "$(api_post "{\"date\": \"$(date -d tomorrow +%F)\", \"pain\": 2}")"
contains "API: tomorrow names the date" '"field":"date"' "$(cat "$TMP/body")"
check "nothing stored by bad values" 3 "$(count)"

# another site posting (a page of evil.example the user has open): refused, nothing stored
D="{\"date\": \"2001-01-01\", \"pain\": 2}"
check "cross-site API post" 403 "$(code -X POST -H 'Content-Type: application/json' -H 'Origin: http://evil.example' \
  -H "X-CSRF-Token: $TOKEN" --data-binary "$D" "${URL}api/v1/checkins")"
contains "cross-site API post: bad_origin" '"code":"bad_origin"' "$(cat "$TMP/body")"
check "cross-site form post (text/plain trick)" 403 "$(code -X POST -H 'Content-Type: text/plain' \
  -H 'Origin: http://evil.example' -H 'Sec-Fetch-Site: cross-site' --data-binary "$D" "${URL}api/v1/checkins")"
check "cross-site post to the form" 403 "$(code -X POST -H 'Origin: null' -H 'Sec-Fetch-Site: cross-site' \
  --data "csrf=$TOKEN&date=2001-01-01&pain=2" "${URL}checkin")"
check "same origin, no token" 403 "$(code -X POST -H 'Content-Type: application/json' -H "Origin: http://$HOSTPORT" \
  --data-binary "$D" "${URL}api/v1/checkins")"
check "a rebinding Host" 421 "$(code -X POST -H 'Content-Type: application/json' -H "Host: evil.example:${HOSTPORT##*:}" \
  -H "Origin: http://evil.example:${HOSTPORT##*:}" -H "X-CSRF-Token: $TOKEN" --data-binary "$D" "${URL}api/v1/checkins")"
check "nothing stored from another site" 3 "$(count)"
# (before the store fix, a command that wrote while the server ran deleted the -wal under
# it: the server's later writes were out of the terminal's sight until it stopped)
check "the terminal sees the same three" 3 "$("$UNHUNCH" export --format json | json 'len(d["checkins"])')"

serve_stop
check "stops cleanly" 0 "$SERVE_RC"
finish
