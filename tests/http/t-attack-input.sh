#!/usr/bin/env bash
# t-attack-input.sh: overlong, malformed and hostile input against `serve --clinic`
# and the invitation's acceptance: headers, bodies and fields past their sizes, broken
# JSON and forms, SQL's metacharacters (' " ; -- \ % _), NUL attempts and unicode in
# every text field a client reaches (the check-in's note, the login name and password,
# the name an invitation gives). Too large or malformed: a 4xx naming why, never a 5xx,
# nothing stored. Hostile but valid text: stored and shown back byte for byte, never
# an error, never matching anything else (a name with _ or % logs no one in).
. "$(dirname "$0")/attack-lib.sh"
clinic_setup
# a client whose name and password are made of SQL's metacharacters
EVIL_NAME="O'Brien \"Bobby\"; DROP TABLE accounts; -- \\ 100% _x_ ÿ 😀 ‮"
EVIL_PW="it's \"x\"; DELETE FROM logins; -- \\ % _ 😀"
link=$(invite "$EVIL_NAME")
"$UNHUNCH" clinic accept --login mal_lory < <(printf '%s\n%s\n' "$link" "$EVIL_PW") >/dev/null 2>&1 ||
  fail "accept with a name and password of metacharacters"
people=$("$UNHUNCH" clinic list 2>&1)
serve_start --clinic --second-factor optional

# ---- the login: names and passwords that must match nothing else ----
login mal_lory "$EVIL_PW"
check "a password of metacharacters logs in" 200 "$st"
check "the name of metacharacters shown back as given" "$EVIL_NAME" "$(jq -r .account.name "$TMP/b")"
# (each wrong try counts against this address: 20 are free, and 15 are made here)
for name in "mal%" "mal_lor_" "%" "_" "mal_lory' OR '1'='1" 'mal_lory"' "mal_lory;" "mal_lory\\" " mal_lory" \
  "mallory"; do
  login "$name" "$EVIL_PW"
  check "login name [$name] matches no one" 401 "$st"
done
for pw in "%" "_" "' OR '1'='1" "$EVIL_PW " "${EVIL_PW%😀}"; do
  login mal_lory "$pw"
  check "password [${pw:0:20}] does not match" 401 "$st"
  [ "$st" = 401 ] || break
done
# (the guesses above hold mal_lory's name up: the wrong tries are counted)

# ---- the login: too large, malformed ----
raw_login() { # BODY [CURL-ARGS...]: status in st
  local body=$1
  shift
  st=$(printf '%s' "$body" | curl -s -o "$TMP/b" -w '%{http_code}' -H "Origin: http://$HOSTPORT" \
    -H 'Content-Type: application/json' --data-binary @- "$@" "${URL}login")
}
big=$(head -c 20000 /dev/zero | tr '\0' a)
raw_login "{\"login\":\"$big\",\"password\":\"x\"}"
check "a login body past 16 KiB" 413 "$st"
raw_login "{\"login\":\"${big:0:5000}\",\"password\":\"wrong horse\"}"
case "$st" in 4??) ok ;; *) fail "a 5000-character login name: $st" ;; esac
raw_login "{\"login\":\"cleo\",\"password\":\"${big:0:15000}\"}"
case "$st" in 4??) ok ;; *) fail "a 15000-byte password: $st" ;; esac
for body in '{"login":"cleo","password":' '{"login":"cleo","password":"x"' '[1,2]' '"cleo"' '{"login":5,"password":"x"}' \
  '{"login":"cleo","password":null}' '{"login":"cleo","password":"x","extra":1}' '{"login":"cleo","login":"cai","password":"x"}' \
  '{"login":"cl\u0000eo","password":"x"}' '{"login":"cleo","password":"\ud800"}' $'{"login":"cle\xff","password":"x"}' ''; do
  raw_login "$body"
  case "$st" in 4??) ok ;; *) fail "login body [$body]: $st" ;; esac
done
st=$(curl -s -o "$TMP/b" -w '%{http_code}' -H "Origin: http://$HOSTPORT" --data-urlencode "login=cleo" \
  --data-urlencode "login=cai" --data-urlencode "password=x" "${URL}login")
check "a login form naming a field twice" 400 "$st"
st=$(curl -s -o "$TMP/b" -w '%{http_code}' -H "Origin: http://$HOSTPORT" -H 'Content-Type: text/plain' --data 'cleo' "${URL}login")
check "a login of another type" 415 "$st"

# ---- headers ----
session cleo
A=$C TA=$T
st=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $A; pad=$big" "${URL}api/v1/session")
case "$st" in 4?? | 000) ok ;; *) fail "a 20 KB Cookie header: $st" ;; esac
args=()
for i in $(seq 80); do args+=(-H "X-Pad-$i: $i"); done
check "80 headers" 431 "$(curl -s -o /dev/null -w '%{http_code}' "${args[@]}" -H "Cookie: $A" "${URL}api/v1/session")"
st=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $A" "${URL}api/v1/checkins?from=$big")
case "$st" in 4?? | 000) ok ;; *) fail "a 20 KB query: $st" ;; esac
check "a cookie of 43 bytes of non-ASCII" 401 "$(get api/v1/session "__Host-unhunch=$(printf 'é%.0s' $(seq 21))x")"
port=${HOSTPORT##*:}
out=$(printf 'GET /api/v1/session HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nContent-Length: -1\r\n\r\n' "$HOSTPORT" "$A" |
  python3 "$SRC/tests/http/raw.py" send "$port")
case "$out" in 4??|closed) ok ;; *) fail "a negative Content-Length: $out" ;; esac
out=$(printf 'POST /api/v1/checkins HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\nCookie: %s\r\nX-CSRF-Token: %s\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n' \
  "$HOSTPORT" "$HOSTPORT" "$A" "$TA" | python3 "$SRC/tests/http/raw.py" send "$port")
case "$out" in 4??|closed) ok ;; *) fail "both Content-Length and chunked: $out" ;; esac
out=$(printf 'GET /api/v1/session\x00 HTTP/1.1\r\nHost: %s\r\n\r\n' "$HOSTPORT" | python3 "$SRC/tests/http/raw.py" send "$port")
case "$out" in 4??|closed) ok ;; *) fail "a NUL in the request line: $out" ;; esac

# ---- the check-in: too large, malformed, out of range: 4xx and nothing stored ----
before=$(checkins_of "$A")
long=$(head -c 2001 /dev/zero | tr '\0' n)
for body in "{\"note\":\"$long\",\"pain\":1}" "{\"pain\":1,\"note\":\"$big$big\"}" '{"pain":11}' '{"pain":-1}' '{"pain":"3"}' \
  '{"pain":3.5}' '{"pain":1e999}' '{"pain":99999999999999999999}' '{"date":"2026-13-45","pain":1}' \
  "{\"date\":\"2026-01-01'; --\",\"pain\":1}" '{"date":"9999-01-01","pain":1}' '{"regions":{"neck; --":3}}' \
  '{"regions":{"neck":11}}' '{"regions":[3]}' '{"pain":1,"note":"a\u0000b"}' '{"pain":1,"note":"\udc00"}' '{}' \
  '{"pain":1,"pain":2}' '{"pain":1,"nope":1}' '{"pain":1' '[]' 'null' $'{"pain":1,"note":"\xc3\x28"}' '{"massage":"yes"}' \
  '{"desk_hours":25}' '{"pain":1,"note":5}'; do
  st=$(post api/v1/checkins "$A" "$TA" "$body")
  case "$st" in 4??) ok ;; *) fail "check-in [${body:0:60}]: $st $(head -c 200 "$TMP/b")" ;; esac
done
st=$(curl -s -o "$TMP/b" -w '%{http_code}' -H "Origin: http://$HOSTPORT" -H "Cookie: $A" \
  --data-urlencode "csrf=$TA" --data-urlencode "pain=1" --data-urlencode "note=$long" "${URL}checkin")
case "$st" in 4??) ok ;; *) fail "the check-in form with a 2001-character note: $st" ;; esac
st=$(curl -s -o "$TMP/b" -w '%{http_code}' -H "Origin: http://$HOSTPORT" -H "Cookie: $A" \
  --data-urlencode "csrf=$TA" --data-urlencode "pain=1" --data-urlencode "pain=2" "${URL}checkin")
check "the check-in form naming a field twice" 400 "$st"
for q in "from=2026-01-01'--" "from=%25" "to=_" "from=2026-01-01&to=2025-01-01" "from=$(printf 'x%.0s' $(seq 300))"; do
  check "check-ins of [${q:0:30}]" 400 "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $A" "${URL}api/v1/checkins?$q")"
done
check "nothing stored by the refused check-ins" "$before" "$(checkins_of "$A")"

# ---- the check-in's note: metacharacters stored and shown back byte for byte ----
notes=("O'Brien" 'say "hi"' 'a; DROP TABLE checkins; --' '-- comment' 'back\slash \\ \n' '100% _done_ %_%'
  "' OR '1'='1" '"); DELETE FROM sessions; --' 'NUL-ish %00 \0 \x00' 'ünïcödé 日本語 😀 ‮rtl‬ ﷽'
  '<script>alert(1)</script> &amp;' $'tab\there\nnewline')
i=0
for n in "${notes[@]}"; do
  i=$((i + 1))
  d=$(date -d "-$i days" +%F)
  body=$(jq -cn --arg n "$n" --arg d "$d" '{date: $d, pain: 2, note: $n}')
  check "check-in with note [${n:0:20}]" 201 "$(post api/v1/checkins "$A" "$TA" "$body")"
done
# by the form too: a note with %00 and + as the browser sends them
d=$(date -d "-$((i + 1)) days" +%F)
st=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: http://$HOSTPORT" -H "Cookie: $A" --data-urlencode "csrf=$TA" \
  --data-urlencode "date=$d" --data-urlencode "pain=2" --data "note=a%00b+c%2B%27%22%3B--" "${URL}checkin")
check "the form's check-in with %00 in its note" 303 "$st"
get "api/v1/checkins?from=$(date -d "-40 days" +%F)" "$A" >/dev/null
i=0
for n in "${notes[@]}"; do
  i=$((i + 1))
  got=$(jq -r --arg d "$(date -d "-$i days" +%F)" '.checkins[] | select(.date == $d) | .note' "$TMP/b")
  check "note [${n:0:20}] shown back as stored" "$n" "$got"
done
check "the form's note shown back" "a%00b c+'\";--" \
  "$(jq -r --arg d "$d" '.checkins[] | select(.date == $d) | .note' "$TMP/b")"
# the page shows it escaped, never as markup
check "the history page" 200 "$(get history "$A")"
if grep -q '<script>alert(1)</script>' "$TMP/b"; then fail "a note shown as markup"; else ok; fi
# and the other client sees none of it
session cai
get "api/v1/checkins?from=$(date -d "-40 days" +%F)" "$C" >/dev/null
check "B sees none of A's check-ins" 0 "$(jq '.checkins | length' "$TMP/b")"
no_5xx "hostile input"
serve_stop

# ---- the invitation's acceptance (the terminal's: the web has no invitation form yet) ----
link=$(invite "Client dee")
acc() { "$UNHUNCH" clinic accept --login "$1" < <(printf '%s\n%s\n' "$2" "$3") >"$TMP/acc" 2>&1; }
for l in "${big:0:65}" "dee'--" 'dee"' "dee;x" "de" "dee%" "DEE 😀" ""; do
  acc "$l" "$link" "$GOOD"
  check "accept as [${l:0:20}]: refused" 1 "$?"
done
acc dee "$link" "${big:0:4097}"
check "a 4097-byte password: refused" 1 "$?"
acc dee "${link}x$big" "$GOOD"
check "a 20 KB link: refused" 1 "$?"
acc dee "${link%/*}/$(printf '%s' "${link##*/}" | tr 'A-Za-z' 'N-ZA-Mn-za-m')" "$GOOD"
check "a link with another token: refused" 1 "$?"
acc dee "${link}'--" "$GOOD"
check "a link with metacharacters after it: refused" 1 "$?"
out=$("$UNHUNCH" clinic invite --trainer tess --name "${big:0:201}" 2>&1)
check "an invitation with a 201-byte name: refused" 1 "$?"
check "nothing made by the refused steps" "$people" "$("$UNHUNCH" clinic list 2>&1)"
acc dee "$link" "$GOOD"
check "the link still works for a good acceptance" 0 "$?"
finish
