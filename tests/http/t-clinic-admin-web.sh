#!/usr/bin/env bash
# t-clinic-admin-web.sh: the admin's page of the clinic (serve --clinic) turns off
# another person's two-step login and deletes another person's account, through the
# real program, on SQLite or PostgreSQL (tests/cli/on-postgres.sh: the app's role under
# row-level security, where the admin reaches the factor and the logins only through
# schema 16's functions). A client with two-step login on; the admin's forms refuse a
# login name typed wrong, a post without the page's CSRF token, a trainer and a
# client, each changing nothing; typed right, the client's factor is off, her session
# ended, she logs in with the password alone, and her audit log names the admin; then
# the other client's account is deleted with its session and login, the first
# client's records kept; and the admin's own account is neither reset nor deleted here.
. "$(dirname "$0")/lib.sh"
GOOD=$CLINIC_PASSWORD
CODE=${TOTP_CODE:-${BUILD:-}/totp-code}
[ -x "$CODE" ] || { echo "FAIL: no totp-code helper at '$CODE' (set BUILD or TOTP_CODE)" >&2; exit 1; }

clinic_seed cleo cai
serve_start --clinic --second-factor optional
ORIGIN="Origin: http://$HOSTPORT"

# login NAME: JSON; the status in $st, the cookie in $C, the token in $T
login() {
  st=$(curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "$ORIGIN" -H 'Content-Type: application/json' \
    --data "{\"login\":\"$1\",\"password\":\"$GOOD\"}" "${URL}login")
  C=$(grep -i '^set-cookie:' "$TMP/h" | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r' | grep '^__Host-unhunch=' | grep -v '=$')
  T=$(jq -r .csrf_token "$TMP/b")
}
get() { curl -s -o "$TMP/b" -w '%{http_code}' -H "Cookie: $2" "${URL}$1"; }
# form PATH COOKIE CSRF FIELDS...: a page's form post (no csrf field when CSRF is -)
form() {
  local path=$1 cookie=$2 csrf=$3 args=()
  shift 3
  [ "$csrf" = - ] || args+=(--data-urlencode "csrf=$csrf")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "$ORIGIN" -H "Cookie: $cookie" "${args[@]}" "${URL}$path"
}
# the account number of LOGIN's row on the admin's page in $TMP/b
id_of() { tr '\n' ' ' <"$TMP/b" | grep -o "data-login=\"$1\">[^<]*<strong>.*" | grep -o 'name="account" value="[0-9]*"' |
  head -1 | grep -o '[0-9]*'; }

# ---- cleo turns two-step login on; both clients check in ----
login cleo
CC=$C CT=$T
check "cleo checks in" 201 "$(curl -s -o /dev/null -w '%{http_code}' -H "$ORIGIN" -H "Cookie: $CC" \
  -H "X-CSRF-Token: $CT" -H 'Content-Type: application/json' --data '{"pain":3,"note":"cleo-stays"}' \
  "${URL}api/v1/checkins")"
form account/2fa/start "$CC" "$CT" >/dev/null
KEY=$(grep -o 'data-test="secret"><code>[A-Z2-7 ]*<' "$TMP/b" | sed 's/.*<code>//; s/<$//')
check "cleo turns it on" 200 "$(form account/2fa/confirm "$CC" "$CT" "code=$("$CODE" "$KEY" $(($(date +%s) / 30)))")"
login cleo
check "her login now asks for a code" true "$(jq -r .code_needed "$TMP/b")"
login cai
AC=$C AT=$T
check "cai checks in" 201 "$(curl -s -o /dev/null -w '%{http_code}' -H "$ORIGIN" -H "Cookie: $AC" \
  -H "X-CSRF-Token: $AT" -H 'Content-Type: application/json' --data '{"pain":5,"note":"cai-goes"}' \
  "${URL}api/v1/checkins")"
login tess
TC=$C TT=$T

# ---- the admin's page: forms under everyone else's account, none under their own ----
login ada
DC=$C DT=$T
check "the admin's page" 200 "$(get clinic/admin "$DC")"
cp "$TMP/b" "$TMP/page.html"
CLEO=$(id_of cleo) CAI=$(id_of cai) TESS=$(id_of tess)
[ -n "$CLEO" ] && [ -n "$CAI" ] && [ -n "$TESS" ] && ok || fail "the accounts' numbers on the page: [$CLEO $CAI $TESS]"
check "three reset forms" 3 "$(grep -c 'action="/clinic/admin/reset-2fa"' "$TMP/page.html")"
check "three delete forms" 3 "$(grep -c 'action="/clinic/admin/delete"' "$TMP/page.html")"
contains "each asks for the login name" "Type their login name, <strong>cleo</strong>, to turn it off" "$(cat "$TMP/page.html")"
if grep -q 'data-login="ada"><strong>Ada Admin</strong> (ada) <span class="muted">(you)</span></li>' "$TMP/page.html"; then
  ok
else fail "forms (or anything else) under the admin's own account"; fi

# ---- reset: refused, nothing changed ----
check "reset: the login name typed wrong" 400 "$(form clinic/admin/reset-2fa "$DC" "$DT" "account=$CLEO" "login=cai")"
contains "... says so" "You did not type the login name cleo, so two-step login stays as it was." "$(cat "$TMP/b")"
contains "... her forms open" 'data-test="more" open>' "$(cat "$TMP/b")"
check "reset: no CSRF token" 403 "$(form clinic/admin/reset-2fa "$DC" - "account=$CLEO" "login=cleo")"
check "reset: a trainer" 403 "$(form clinic/admin/reset-2fa "$TC" "$TT" "account=$CLEO" "login=cleo")"
check "reset: a client" 403 "$(form clinic/admin/reset-2fa "$AC" "$AT" "account=$CLEO" "login=cleo")"
check "cleo's session lives on" 200 "$(get api/v1/session "$CC")"
login cleo
check "... and her login still asks for a code" true "$(jq -r .code_needed "$TMP/b")"

# ---- reset: done ----
check "reset: the login name typed" 200 "$(form clinic/admin/reset-2fa "$DC" "$DT" "account=$CLEO" "login=cleo")"
contains "... says so" "Two-step login is off for cleo, and every login of theirs has ended." "$(cat "$TMP/b")"
check "cleo's session has ended" 401 "$(get api/v1/session "$CC")"
login cleo
check "cleo logs in with the password alone" 200 "$st"
check "... no code asked" null "$(jq -r .code_needed "$TMP/b")"
CC=$C CT=$T
check "her two-step page: off" 200 "$(get account/2fa "$CC")"
contains "... off" 'data-test="state-off"' "$(cat "$TMP/b")"
"$UNHUNCH" clinic audit --client cleo >"$TMP/o" 2>&1
contains "her audit log names the admin" "Ada Admin" "$(cat "$TMP/o")"
contains "... and what they did" "turned your two-step login off (an admin's reset on the clinic's page)" "$(cat "$TMP/o")"
check "reset again: nothing to do" 200 "$(form clinic/admin/reset-2fa "$DC" "$DT" "account=$CLEO" "login=cleo")"
contains "... says so" "cleo has no two-step login, so nothing was changed." "$(cat "$TMP/b")"

# ---- delete: refused, nothing changed ----
check "delete: the login name typed wrong" 400 "$(form clinic/admin/delete "$DC" "$DT" "account=$CAI" "login=delete")"
contains "... says so" "You did not type the login name cai, so nothing was deleted." "$(cat "$TMP/b")"
check "delete: no CSRF token" 403 "$(form clinic/admin/delete "$DC" - "account=$CAI" "login=cai")"
check "delete: a trainer" 403 "$(form clinic/admin/delete "$TC" "$TT" "account=$CAI" "login=cai")"
check "delete: the other client" 403 "$(form clinic/admin/delete "$CC" "$CT" "account=$CAI" "login=cai")"
check "cai's session lives on" 200 "$(get api/v1/session "$AC")"

# ---- delete: done ----
check "delete: the login name typed" 200 "$(form clinic/admin/delete "$DC" "$DT" "account=$CAI" "login=cai")"
contains "... says so" "The account cai and everything of it are deleted" "$(cat "$TMP/b")"
if grep -q 'data-login="cai"' "$TMP/b"; then fail "cai still listed"; else ok; fi
check "cai's session has ended" 401 "$(get api/v1/session "$AC")"
login cai
check "cai logs in no more" 401 "$st"
"$UNHUNCH" clinic list >"$TMP/o" 2>&1
if grep -q '\bcai\b' "$TMP/o"; then fail "cai in clinic list: $(cat "$TMP/o")"; else ok; fi
check "cleo's records are kept" 200 "$(get api/v1/checkins "$CC")"
contains "... her check-in" "cleo-stays" "$(cat "$TMP/b")"

# ---- the admin's own account: not here ----
ADA=$(jq -r .account.id <<<"$(curl -s -H "Cookie: $DC" "${URL}api/v1/session")")
check "reset of one's own" 409 "$(form clinic/admin/reset-2fa "$DC" "$DT" "account=$ADA" "login=ada")"
check "delete of one's own" 409 "$(form clinic/admin/delete "$DC" "$DT" "account=$ADA" "login=ada")"
contains "... says where" "your own account is deleted on your Account page" "$(cat "$TMP/b")"
check "the admin's session lives on" 200 "$(get api/v1/session "$DC")"

serve_stop
check "the server stops cleanly" 0 "$SERVE_RC"
finish
