#!/usr/bin/env bash
# t-clinic-2fa.sh: two-step login (TOTP) in `unhunch serve --clinic`, through the real
# program, on SQLite or PostgreSQL (tests/cli/on-postgres.sh): a trainer without it is
# held to its page until a first code confirms it (the dashboard 303s, its API 403s);
# then each login asks for a code after the password, and a wrong one, one used
# already and one outside the window of one step either way get one answer; the
# waiting login is no session; repeated wrong codes meet the login's throttle; a
# client who turned it on gets ten recovery codes, shown once, each of which logs in
# once in place of the app's code (written to her audit log); she turns it off only
# with the password and a code; another client sees how many codes are left, gets new
# ones with his password (the old ones stop working) and turns it off with one; and
# `unhunch clinic reset-2fa` at the terminal turns it off, ends the logins and says so
# in the person's audit log. The codes come from tests/helpers/totp-code (the
# program's own core/totp.c), for the time steps the test names.
. "$(dirname "$0")/lib.sh"
GOOD=$CLINIC_PASSWORD
CODE=${TOTP_CODE:-${BUILD:-}/totp-code}
[ -x "$CODE" ] || { echo "FAIL: no totp-code helper at '$CODE' (set BUILD or TOTP_CODE)" >&2; exit 1; }

clinic_seed cleo cody
serve_start --clinic
ORIGIN="Origin: http://$HOSTPORT"

# login NAME PASSWORD: JSON; status in $st, headers in $TMP/h, body in $TMP/b
login() {
  st=$(curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "$ORIGIN" -H 'Content-Type: application/json' \
    --data "{\"login\":\"$1\",\"password\":\"$2\"}" "${URL}login")
}
cookie_named() { grep -i '^set-cookie:' "$TMP/h" | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r' | grep "^$1=" | grep -v "=$"; }
# code_login COOKIE TOKEN CODE: the second step, JSON
code_login() {
  st=$(curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "$ORIGIN" -H "Cookie: $1" -H "X-CSRF-Token: $2" \
    -H 'Content-Type: application/json' --data "{\"code\":\"$3\"}" "${URL}login/code")
}
get() { curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "Cookie: $2" "${URL}$1"; }
location() { grep -i '^location:' "$TMP/h" | sed 's/^[^:]*: *//' | tr -d '\r'; }
# form PATH COOKIE CSRF FIELDS...: a page's form post
form() {
  local path=$1 cookie=$2 csrf=$3 args=()
  shift 3
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "$ORIGIN" -H "Cookie: $cookie" \
    --data-urlencode "csrf=$csrf" "${args[@]}" "${URL}$path"
}
key_of_page() { grep -o 'data-test="secret"><code>[A-Z2-7 ]*<' "$TMP/b" | sed 's/.*<code>//; s/<$//'; }
step_now() { echo $(($(date +%s) / 30)); }
# Three codes are used per account below, at steps S-1, S and S+1 of one S: start
# with more than 12 s of this step left, so S-1 is still in the window when used
wait_fresh_step() { local s=$(($(date +%s) % 30)); [ "$s" -lt 18 ] || sleep $((31 - s)); }
# log NAME in with the password alone (no second factor yet): cookie and token in $C, $T
full_login() {
  login "$1" "$GOOD"
  C=$(cookie_named __Host-unhunch)
  T=$(jq -r .csrf_token "$TMP/b")
}

# ---- a trainer without it: held to its page ----
full_login tess
check "tess logs in with the password (no second factor yet)" 200 "$st"
check "her dashboard: to the two-step page" 303 "$(get clinic "$C")"
check "... at /account/2fa" "/account/2fa" "$(location)"
check "the dashboard's API: refused" 403 "$(get api/v1/clinic/dashboard "$C")"
contains "... saying why" "second_factor_needed" "$(cat "$TMP/b")"
check "Today: to the two-step page too" 303 "$(get "" "$C")"
check "the two-step page" 200 "$(get account/2fa "$C")"
contains "... says she must set it up" 'data-test="required"' "$(cat "$TMP/b")"
check "a new key" 200 "$(form account/2fa/start "$C" "$T")"
KEY=$(key_of_page)
check "the key in groups of four" 1 "$(grep -Ec '^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$' <<<"$KEY")"
contains "the otpauth link" "otpauth://totp/unhunch:tess?secret=${KEY// /}&amp;issuer=unhunch" "$(cat "$TMP/b")"
contains "the key as a QR code (inline SVG)" '<figure class="qr-figure" data-test="qr"><svg class="qr"' "$(cat "$TMP/b")"
cp "$TMP/b" "$TMP/enrol.html"
[ -z "${TOTP_PAGE_OUT:-}" ] || cp "$TMP/b" "$TOTP_PAGE_OUT" # to look at it
check "still held before the first code" 303 "$(get clinic "$C")"
wait_fresh_step
S=$(step_now)
WRONG=$("$CODE" "$KEY" $((S + 9)))
check "a wrong first code" 400 "$(form account/2fa/confirm "$C" "$T" "code=$WRONG")"
contains "... says so" "not the code your app shows" "$(cat "$TMP/b")"
check "still held after a wrong code" 303 "$(get clinic "$C")"
check "the first code (a step ago) turns it on" 200 "$(form account/2fa/confirm "$C" "$T" "code=$("$CODE" "$KEY" $((S - 1)))")"
contains "... it is on" 'data-test="state-on"' "$(cat "$TMP/b")"
check "the dashboard now" 200 "$(get clinic "$C")"
check "she may not turn it off (required of trainers)" 409 \
  "$(form account/2fa/off "$C" "$T" "password=$GOOD" "code=$("$CODE" "$KEY" "$S")")"
check "logout" 303 "$(form logout "$C" "$T")"

# ---- each login now asks for a code ----
login tess "$GOOD"
check "the right password: a code is needed" 200 "$st"
check "... said so" true "$(jq -r .code_needed "$TMP/b")"
if [ -n "$(cookie_named __Host-unhunch)" ]; then fail "a session cookie before the code"; else ok; fi
P=$(cookie_named __Host-unhunch-code)
PT=$(jq -r .code_token "$TMP/b")
contains "the waiting login's cookie" "__Host-unhunch-code=" "$P"
# the waiting login's id is no session, whatever cookie carries it
check "the waiting id as a session: nothing" 303 "$(get clinic "__Host-unhunch=${P#*=}")"
check "... to the login" "/login" "$(location)"
check "the waiting cookie itself: no session" 303 "$(get clinic "$P")"
code_login "$P" "0000000000000000000000000000000000000000000000000000000000000000" "$("$CODE" "$KEY" "$S")"
check "the code with another token: refused" 403 "$st"
code_login "$P" "$PT" "$WRONG"
check "a wrong code" 401 "$st"
cp "$TMP/b" "$TMP/wrong.json"
contains "... code_failed" '"code_failed"' "$(cat "$TMP/b")"
code_login "$P" "$PT" "$("$CODE" "$KEY" $((S + 3)))"
check "a code of 90 s ahead (outside the window)" 401 "$st"
if cmp -s "$TMP/b" "$TMP/wrong.json"; then ok; else fail "outside the window answered unlike a wrong code: $(cat "$TMP/b")"; fi
code_login "$P" "$PT" "$("$CODE" "$KEY" $((S - 4)))"
check "a code of 2 minutes ago (outside the window)" 401 "$st"
code_login "$P" "$PT" "$("$CODE" "$KEY" $((S - 1)))"
check "the code the first one was (used already)" 401 "$st"
if cmp -s "$TMP/b" "$TMP/wrong.json"; then ok; else fail "a used code answered unlike a wrong one: $(cat "$TMP/b")"; fi
code_login "$P" "$PT" "$("$CODE" "$KEY" "$S")"
check "the code of now" 200 "$st"
C=$(cookie_named __Host-unhunch)
T=$(jq -r .csrf_token "$TMP/b")
contains "a session cookie now" "__Host-unhunch=" "$C"
check "the dashboard" 200 "$(get clinic "$C")"
check "the waiting login is spent" 401 "$(code_login "$P" "$PT" "$("$CODE" "$KEY" $((S + 1)))"; echo "$st")"
contains "... log in again" "login_again" "$(cat "$TMP/b")"
# the same code again, at a new login: replayed
login tess "$GOOD"
P=$(cookie_named __Host-unhunch-code) PT=$(jq -r .code_token "$TMP/b")
code_login "$P" "$PT" "$("$CODE" "$KEY" "$S")"
check "the code of now once more (a replay)" 401 "$st"
if cmp -s "$TMP/b" "$TMP/wrong.json"; then ok; else fail "a replay answered unlike a wrong code: $(cat "$TMP/b")"; fi
code_login "$P" "$PT" "$("$CODE" "$KEY" $((S + 1)))"
check "the next step's code" 200 "$st"

# ---- repeated wrong codes meet the throttle (5 free for a name, then a wait), and
# the right password in between does not renew the free tries ----
login tess "$GOOD"
P=$(cookie_named __Host-unhunch-code) PT=$(jq -r .code_token "$TMP/b")
for i in 1 2 3; do
  code_login "$P" "$PT" "$("$CODE" "$KEY" $((S + 20 + i)))"
  check "wrong code $i" 401 "$st"
done
login tess "$GOOD"
check "the password again between wrong codes" 200 "$st"
P=$(cookie_named __Host-unhunch-code) PT=$(jq -r .code_token "$TMP/b")
got=
for i in 4 5 6 7 8; do # the 7th waits (1 s after the 6th; the 8th if the machine is slow)
  code_login "$P" "$PT" "$("$CODE" "$KEY" $((S + 20 + i)))"
  [ "$st" = 429 ] && { got=$i; break; }
  check "wrong code $i" 401 "$st"
done
check "a wait after repeated wrong codes, a new login between them" 429 "$st"
[ -n "$got" ] && [ "$got" -ge 6 ] && ok || fail "the throttle came at try $got, not after 5 free"
grep -qi '^retry-after: [0-9]' "$TMP/h" && ok || fail "no Retry-After"
code_login "$P" "$PT" "$("$CODE" "$KEY" "$(step_now)")"
check "then even a right code waits (nothing checked)" 429 "$st"
# the wrong codes count for the name: the password login waits too (not a way round)
login tess "$GOOD"
check "the password again: it waits as well" 429 "$st"

# ---- a client turns it on of her own accord, and off with the password and a code ----
full_login cleo
check "cleo logs in" 200 "$st"
check "her pages: no second factor asked of a client" 200 "$(get "" "$C")"
check "her two-step page" 200 "$(get account/2fa "$C")"
contains "... off" 'data-test="state-off"' "$(cat "$TMP/b")"
if grep -q 'data-test="required"' "$TMP/b"; then fail "a client told it is required"; else ok; fi
form account/2fa/start "$C" "$T" >/dev/null
CK=$(key_of_page)
wait_fresh_step
S=$(step_now)
check "she turns it on" 200 "$(form account/2fa/confirm "$C" "$T" "code=$("$CODE" "$CK" $((S - 1)))")"
# ten recovery codes, shown this once; each logs in once in place of the app's code
RC=($(grep -o '<li><code>[a-z0-9-]*</code></li>' "$TMP/b" | sed 's/<li><code>//; s/<.*//'))
check "ten recovery codes on the page" 10 "${#RC[@]}"
check "... each like abcd-efgh-jkmn-pqrs" 10 "$(printf '%s\n' "${RC[@]}" | grep -Ec '^[a-z2-9]{4}(-[a-z2-9]{4}){3}$')"
check "... all different" 10 "$(printf '%s\n' "${RC[@]}" | sort -u | wc -l)"
check "her two-step page again" 200 "$(get account/2fa "$C")"
if grep -q 'data-test="recovery-codes"' "$TMP/b"; then fail "the recovery codes shown a second time"; else ok; fi
login cleo "$GOOD"
P=$(cookie_named __Host-unhunch-code) PT=$(jq -r .code_token "$TMP/b")
code_login "$P" "$PT" "$(tr a-z A-Z <<<"${RC[2]//-/}")"
check "a recovery code in place of the app's code (capitals, no dashes)" 200 "$st"
contains "... a session" "__Host-unhunch=" "$(cookie_named __Host-unhunch)"
login cleo "$GOOD"
P=$(cookie_named __Host-unhunch-code) PT=$(jq -r .code_token "$TMP/b")
code_login "$P" "$PT" "${RC[2]}"
check "the same recovery code again" 401 "$st"
if cmp -s "$TMP/b" "$TMP/wrong.json"; then ok; else fail "a used recovery code answered unlike a wrong code: $(cat "$TMP/b")"; fi
code_login "$P" "$PT" "${RC[3]}"
check "another of them" 200 "$st"
"$UNHUNCH" clinic audit --client cleo >"$TMP/o" 2>&1
contains "her audit log tells each use (one line a day)" "logged in with a recovery code of your two-step login (2 times" \
  "$(cat "$TMP/o")"
check "off: a wrong password, a right code" 400 \
  "$(form account/2fa/off "$C" "$T" "password=wrong horse battery" "code=$("$CODE" "$CK" "$S")")"
contains "... stays on" 'data-test="state-on"' "$(cat "$TMP/b")"
check "off: the password, a wrong code" 400 "$(form account/2fa/off "$C" "$T" "password=$GOOD" "code=$("$CODE" "$CK" $((S + 7)))")"
contains "... the same words" "password or the code is not right" "$(cat "$TMP/b")"
check "off: the password, no code" 400 "$(form account/2fa/off "$C" "$T" "password=$GOOD")"
check "off: the password and a code" 200 "$(form account/2fa/off "$C" "$T" "password=$GOOD" "code=$("$CODE" "$CK" "$S")")"
contains "... it is off" 'data-test="state-off"' "$(cat "$TMP/b")"
login cleo "$GOOD"
check "her login: the password alone again" 200 "$st"
check "... no code asked" null "$(jq -r .code_needed "$TMP/b")"

# ---- recovery codes: how many are left, new ones only with the password (the old
# ones gone, used or not), and one turns it off in place of the app's code ----
codes_of_page() { grep -o '<li><code>[a-z0-9-]*</code></li>' "$TMP/b" | sed 's/<li><code>//; s/<.*//'; }
full_login cody
form account/2fa/start "$C" "$T" >/dev/null
DK=$(key_of_page)
wait_fresh_step
S=$(step_now)
check "cody turns it on" 200 "$(form account/2fa/confirm "$C" "$T" "code=$("$CODE" "$DK" $((S - 1)))")"
DC=($(codes_of_page))
check "... ten recovery codes" 10 "${#DC[@]}"
login cody "$GOOD"
code_login "$(cookie_named __Host-unhunch-code)" "$(jq -r .code_token "$TMP/b")" "${DC[0]}"
check "one of them logs him in" 200 "$st"
check "his two-step page" 200 "$(get account/2fa "$C")"
contains "... says how many are left" "9 of 10</strong> recovery codes left" "$(cat "$TMP/b")"
check "new codes: a wrong password" 400 "$(form account/2fa/codes "$C" "$T" "password=wrong horse battery")"
contains "... refused, the old ones stay" "9 of 10</strong>" "$(cat "$TMP/b")"
check "new codes: the password" 200 "$(form account/2fa/codes "$C" "$T" "password=$GOOD")"
NC=($(codes_of_page))
check "... ten new ones on the page" 10 "${#NC[@]}"
check "... none of them an old one" 0 "$(printf '%s\n' "${DC[@]}" "${NC[@]}" | sort | uniq -d | wc -l)"
contains "... ten left" "10 of 10</strong>" "$(cat "$TMP/b")"
check "... shown once" 200 "$(get account/2fa "$C")"
if grep -q 'data-test="recovery-codes"' "$TMP/b"; then fail "the new codes shown a second time"; else ok; fi
login cody "$GOOD"
code_login "$(cookie_named __Host-unhunch-code)" "$(jq -r .code_token "$TMP/b")" "${DC[1]}"
check "an old code, never used, no longer logs in" 401 "$st"
check "off with a new recovery code in place of the app's" 200 \
  "$(form account/2fa/off "$C" "$T" "password=$GOOD" "code=${NC[3]}")"
contains "... it is off" 'data-test="state-off"' "$(cat "$TMP/b")"

# ---- reset at the terminal: off, logins ended, written to her audit log ----
full_login ada
check "the admin, not set up: held too" 303 "$(get clinic "$C")"
"$UNHUNCH" clinic reset-2fa --login tess >"$TMP/o" 2>&1
check "clinic reset-2fa" 0 "$?"
contains "... says what it did" "Two-step login is off for tess" "$(cat "$TMP/o")"
"$UNHUNCH" clinic reset-2fa --login tess >"$TMP/o" 2>&1
contains "... twice: nothing to do" "no two-step login" "$(cat "$TMP/o")"
"$UNHUNCH" clinic reset-2fa --login nobody >"$TMP/o" 2>&1
check "... an unknown login" 1 "$?"
"$UNHUNCH" clinic reset-2fa >"$TMP/o" 2>&1
check "... no login named: usage" 2 "$?"
"$UNHUNCH" clinic audit --client tess >"$TMP/o" 2>&1
contains "her audit log says so" "turned your two-step login off" "$(cat "$TMP/o")"
sleep 3 # past the throttle's wait after the wrong codes above (1 or 2 s)
login tess "$GOOD"
check "tess: the password alone after the reset" 200 "$st"
check "... no code asked" null "$(jq -r .code_needed "$TMP/b")"
C=$(cookie_named __Host-unhunch)
check "... and held to set it up again" 303 "$(get clinic "$C")"
check "... at its page" "/account/2fa" "$(location)"

serve_stop
check "the server stops cleanly" 0 "$SERVE_RC"
finish
