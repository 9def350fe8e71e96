#!/usr/bin/env bash
# t-attack-session.sh: attacks on clinic mode's sessions through the real server:
# session fixation (a cookie planted before the login is worth nothing after it; a
# forged or guessed id, or the stored hash of a real one, never logs in), CSRF on every
# state-changing route of the route table (no token, another session's token, a wrong
# one, a foreign or clear-text Origin: 403, nothing stored), and brute force (the
# throttle per name and per address, its wait growing; the same answer for an unknown
# name and a wrong password). Each part fails when its protection is taken out.
. "$(dirname "$0")/attack-lib.sh"
PID2=
trap 'serve_kill; [ -n "$PID2" ] && kill -KILL "$PID2" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT
clinic_setup
serve_start --clinic --second-factor optional

# ---- session fixation ----
# an attacker logs in as herself (B) and plants her cookie in A's browser; A logs in
session cai
X=$C
login cleo "$GOOD" -H "Cookie: $X"
check "A's login with a planted cookie" 200 "$st"
Y=$(cookie_of)
[ -n "$Y" ] && [ "$Y" != "$X" ] && ok || fail "the planted cookie was kept: [$X] [$Y]"
check "the planted session ended at A's login" 401 "$(get api/v1/session "$X")"
check "A's new session" 200 "$(get api/v1/session "$Y")"
contains "A's new session is A's" '"name":"Client cleo"' "$(cat "$TMP/b")"
# a cookie made up before any login (well-formed, never issued), then a login with it
F="__Host-unhunch=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
check "a forged id logs no one in" 401 "$(get api/v1/session "$F")"
login cleo "$GOOD" -H "Cookie: $F"
[ "$(cookie_of)" != "$F" ] && ok || fail "the server took the id the browser brought"
check "the forged id after a login with it" 401 "$(get api/v1/session "$F")"
# guesses: another shape, the stored form of a real id (its BLAKE2b-256), empty, a twin
idY=${Y#__Host-unhunch=}
hash=$(python3 -c 'import hashlib,sys; print(hashlib.blake2b(sys.argv[1].encode(), digest_size=32).hexdigest())' "$idY")
for bad in "$hash" "${idY:0:42}" "${idY}A" "${idY:0:42}!" "" "$(printf '%043d' 0)" "${idY^^}"; do
  [ "$bad" = "$idY" ] && continue
  check "forged id [${bad:0:12}...]" 401 "$(get api/v1/session "__Host-unhunch=$bad")"
done
check "two cookies, the real one second" 401 "$(get api/v1/session "__Host-unhunch=$hash; $Y")"
check "a cookie of another name" 401 "$(get api/v1/session "unhunch=$idY")"
check "A still in" 200 "$(get api/v1/session "$Y")"
post logout "$Y" "$(jq -rn --arg x "$(get api/v1/session "$Y" >/dev/null; jq -r .csrf_token "$TMP/b")" '$x')" '{}' >/dev/null
check "after logout the cookie is worth nothing" 401 "$(get api/v1/session "$Y")"

# ---- CSRF: every state-changing route of the route table ----
session cleo
A=$C TA=$T AC=$C AT=$T AID=$(jq -r .account.id "$TMP/b")
session cai
B=$C TB=$T
before=$(checkins_of "$A")
session tess
TR=$C TT=$T
session ada
AD=$C ADT=$T
# METHOD PATH ACCESS of every changing route; the public ones (the login, an invitation's
# acceptance: no session yet) are held by the Origin check alone, tested below
routes=$(sed -n 's/^[[:space:]]*{ "\(POST\|PUT\|PATCH\|DELETE\)", "\([^"]*\)", [a-z_]*, \(ACCESS_[A-Z_]*\).*/\1 \2 \3/p' \
  "$SRC/src/http/routes.c" | grep -v ' ACCESS_PUBLIC$')
[ "$(echo "$routes" | wc -l)" -ge 15 ] && ok || fail "too few changing routes found in routes.c: [$routes]"
BODY='{"pain":3,"note":"csrf-planted","date":"2026-01-02"}'
while read -r method path access; do
  p=$(echo "${path#/}" | sed "s/{client}/$AID/g; s/{[^}]*}/x/g") # a client of the trainer's: A
  # a trainer's route is tried with the trainer's session, an admin's with the admin's,
  # the others with A's
  case $access in
  ACCESS_TRAINER) A=$TR TA=$TT ;;
  ACCESS_ADMIN) A=$AD TA=$ADT ;;
  *) A=$AC TA=$AT ;;
  esac
  code() { curl -s -o "$TMP/b" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' --data-binary "$BODY" "$@" "${URL}$p"; }
  check "$path: no token" 403 "$(code -H "Origin: http://$HOSTPORT" -H "Cookie: $A")"
  contains "$path: no token: why" 'bad_csrf' "$(cat "$TMP/b")"
  check "$path: B's token with A's cookie" 403 "$(code -H "Origin: http://$HOSTPORT" -H "Cookie: $A" -H "X-CSRF-Token: $TB")"
  check "$path: a made-up token" 403 "$(code -H "Origin: http://$HOSTPORT" -H "Cookie: $A" -H "X-CSRF-Token: $(printf '%064d' 0)")"
  check "$path: a foreign Origin" 403 "$(code -H 'Origin: http://evil.example' -H "Cookie: $A" -H "X-CSRF-Token: $TA")"
  check "$path: no Origin" 403 "$(code -H "Cookie: $A" -H "X-CSRF-Token: $TA")"
  check "$path: cross-site, Origin null" 403 "$(code -H 'Origin: null' -H 'Sec-Fetch-Site: cross-site' -H "Cookie: $A" -H "X-CSRF-Token: $TA")"
  # a form of another site: the token in the body, wrong
  check "$path: a form with B's token" 403 "$(curl -s -o "$TMP/b" -w '%{http_code}' -X "$method" -H "Origin: http://$HOSTPORT" \
    -H "Cookie: $A" --data-urlencode "csrf=$TB" --data-urlencode 'pain=3' "${URL}$p")"
done <<<"$routes"
A=$AC TA=$AT
check "nothing stored by the refused changes" "$before" "$(checkins_of "$A")"
check "the right token works (the checks above were not all refusing)" 201 \
  "$(post api/v1/checkins "$A" "$TA" '{"pain":3,"note":"mine"}')"
check "A's session still in after it all" 200 "$(get api/v1/session "$A")"
# login CSRF: another site logging the browser in as someone else
st=$(curl -s -o "$TMP/b" -w '%{http_code}' -H 'Origin: http://evil.example' -H 'Content-Type: application/json' \
  --data "{\"login\":\"cai\",\"password\":\"$GOOD\"}" "${URL}login")
check "a login from another site" 403 "$st"
st=$(curl -s -o "$TMP/b" -w '%{http_code}' -H 'Origin: http://evil.example' --data-urlencode "login=thief" \
  --data-urlencode "password=$GOOD" "${URL}invite/$(printf '%043d' 0)")
check "an invitation accepted from another site" 403 "$st"

# ---- brute force ----
# the same answer for an unknown name and a wrong password (status, body, headers)
login nobody-here "wrong horse 1"
s1=$st b1=$(cat "$TMP/b") h1=$(grep -ic '^set-cookie' "$TMP/h")
login ada "wrong horse 1"
check "unknown name and wrong password: status" "$s1" "$st"
check "unknown name and wrong password: body" "$b1" "$(cat "$TMP/b")"
check "unknown name and wrong password: cookies" "$h1" "$(grep -ic '^set-cookie' "$TMP/h")"
check "wrong password: 401" 401 "$st"
# per name: the first 5 failures are free (one above), then each try waits, longer
# each time. A wait of 1 s can pass while a slow machine hashes the next guess, so the
# guesses go on until one waits (not before the 7th), then after each wait once more
waits=() n=1
while [ $n -lt 12 ] && [ ${#waits[@]} -lt 3 ]; do
  n=$((n + 1))
  login ada "wrong horse $n"
  if [ "$st" = 429 ]; then
    [ $n -ge 7 ] || fail "try $n waited: the first 5 failures are free"
    waits+=("$(grep -i '^retry-after:' "$TMP/h" | tr -dc 0-9)")
    if [ ${#waits[@]} = 1 ]; then
      login ada "$GOOD"
      check "the right password inside the wait waits too" 429 "$st"
    fi
    sleep "${waits[-1]}"
  else
    check "wrong password $n" 401 "$st"
  fi
done
# Retry-After is what is left of the wait (1, 2, 4 s from the failure), less the time
# the guess took to hash: the third is longer than the first however slow the machine
[ ${#waits[@]} = 3 ] && [ "${waits[2]}" -gt "${waits[0]}" ] && [ "${waits[2]}" -ge 2 ] && ok ||
  fail "the waits did not grow: ${waits[*]}"
login ada-unknown-twin "wrong horse"
check "another name is not held up by ada's count" 401 "$st"
no_5xx "session attacks"
serve_stop

# per address, behind a named proxy that says who the client is: 20 failures of an
# address (any names) are free, then it waits; another address does not
serve_start --clinic --second-factor optional --trusted-proxy 127.0.0.1 --host clinic.example
xlogin() { # ADDRESS NAME PASSWORD
  st=$(curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H 'Host: clinic.example' -H 'Origin: https://clinic.example' \
    -H "X-Forwarded-For: $1" -H 'Content-Type: application/json' --data "{\"login\":\"$2\",\"password\":\"$3\"}" "${URL}login")
}
n=0
while [ $n -lt 30 ]; do
  n=$((n + 1))
  xlogin 10.9.0.1 "guess$n" "wrong horse"
  [ "$st" = 401 ] || break
done
check "an address's tries wait after its 21 failures" 429 "$st"
[ $n -ge 22 ] && ok || fail "an address waited after $((n - 1)) failures, not 21"
xlogin "10.9.0.3, 10.9.0.1" guess-last "wrong horse"
check "the address the proxy added counts, not the one the client wrote" 429 "$st"
xlogin 10.9.0.1 cleo "$GOOD"
check "even a right login from that address waits" 429 "$st"
xlogin "10.9.0.1, 10.9.0.2" cleo "$GOOD"
check "another address logs in" 200 "$st"
no_5xx "address throttle"
serve_stop
finish
