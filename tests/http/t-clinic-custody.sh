#!/usr/bin/env bash
# t-clinic-custody.sh: the client in charge of their data through the real server in
# clinic mode (serve --clinic), on SQLite or PostgreSQL (tests/cli/on-postgres.sh): a
# client's downloads hold only their records, with their prescriptions; a person who
# used the terminal first restores their backup into their new, empty account (the
# page's file form), and it is theirs only; a restore into an account with records is
# refused; the Account page ends a trainer's access, after which the trainer's
# prescription is refused; an admin disables an account and its session ends at once;
# an admin disables and enables an account on their page of the clinic; a client
# changes her password on the Account page (every login of hers ends);
# the Account page deletes the account after the word is typed: its cookie is worth
# nothing after, its login name free again, the other client's records kept.
. "$(dirname "$0")/lib.sh"
GOOD='correct horse battery staple'
clinic() { "$UNHUNCH" clinic "$@" >"$TMP/c.out" 2>&1; }
invite_accept() { # TRAINER LOGIN NAME
  local link
  link=$("$UNHUNCH" clinic invite --trainer "$1" --name "$3" 2>&1 | grep -o 'invite/[A-Za-z0-9_-]*')
  "$UNHUNCH" clinic accept --login "$2" < <(printf '%s\n%s\n' "$link" "$GOOD") >/dev/null 2>&1 || fail "accept $2"
}
clinic init --login ada --name "Ada Admin" <<<"$GOOD"
clinic add-trainer --admin ada --login tess --name "Tess Trainer" <<<"$GOOD"
invite_accept tess cleo "Cleo Client"
invite_accept tess cai "Cai Client"
invite_accept tess dee "Dee Newcomer"

# a person who used the terminal first: their own store, and its backup
T="$TMP/terminal"
mkdir -p "$T"
HOME="$T" XDG_DATA_HOME="$T/.local/share" "$UNHUNCH" checkin --pain 5 --note "from-the-terminal" >/dev/null 2>&1 ||
  fail "the terminal user's check-in"
HOME="$T" XDG_DATA_HOME="$T/.local/share" "$UNHUNCH" export --format json -o "$TMP/local.json" >/dev/null 2>&1 ||
  fail "the terminal user's backup"

serve_start --clinic --second-factor optional
login() { # NAME: the cookie in $CK, the token in $TK
  curl -s -o "$TMP/b" -D "$TMP/h" -H "Origin: http://$HOSTPORT" -H 'Content-Type: application/json' \
    --data "{\"login\":\"$1\",\"password\":\"$GOOD\"}" "${URL}login" >/dev/null
  CK=$(grep -i '^set-cookie:' "$TMP/h" | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
  TK=$(jq -r .csrf_token "$TMP/b")
}
get() { curl -s -o "$TMP/b" -w '%{http_code}' -H "Cookie: $2" "${URL}$1"; }
post() { # PATH COOKIE TOKEN JSON
  curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "Origin: http://$HOSTPORT" -H "Cookie: $2" \
    -H "X-CSRF-Token: $3" -H 'Content-Type: application/json' --data "$4" "${URL}$1"
}
form() { # PATH COOKIE TOKEN FIELDS...
  local p=$1 c=$2 t=$3 args=()
  shift 3
  for kv in "$@"; do args+=(--data-urlencode "$kv"); done
  curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "Origin: http://$HOSTPORT" -H "Cookie: $c" \
    --data-urlencode "csrf=$t" "${args[@]}" "${URL}$p"
}

login cleo; A=$CK TA=$TK
login cai; B=$CK TB=$TK
check "cleo checks in" 201 "$(post api/v1/checkins "$A" "$TA" '{"pain":4,"note":"cleo-secret"}')"
check "cai checks in" 201 "$(post api/v1/checkins "$B" "$TB" '{"pain":6,"note":"cai-secret"}')"
"$UNHUNCH" clinic prescribe --trainer tess --client cleo --exercise v-raise --reps 8 --note "cleo-rx" >/dev/null 2>&1 ||
  fail "tess prescribes for cleo"

# each client's downloads: their own records only, the prescriptions in the backup
for f in json csv fhir; do
  check "cleo's $f download" 200 "$(get "api/v1/export?format=$f" "$A")"
  if grep -q cai-secret "$TMP/b"; then fail "cleo's $f download holds cai's check-in"; else ok; fi
done
check "cleo's backup again" 200 "$(get "api/v1/export?format=json" "$A")"
check "cleo's backup: her check-in" 1 "$(jq '[.checkins[] | select(.note == "cleo-secret")] | length' "$TMP/b")"
check "cleo's backup: her prescription, by tess" "cleo-rx tess" "$(jq -r '.prescriptions[0] | "\(.note) \(.trainer)"' "$TMP/b")"
check "cai's backup" 200 "$(get "api/v1/export?format=json" "$B")"
check "cai's backup: no prescription, no check-in of cleo's" "0 0" \
  "$(jq -r '"\(.prescriptions | length) \([.checkins[] | select(.note == "cleo-secret")] | length)"' "$TMP/b")"
check "cleo's calendar" 200 "$(get api/v1/plan.ics "$A")"

# the terminal user's backup into dee's new, empty account, by the page's file form
login dee; D=$CK TD=$TK
st=$(curl -s -o "$TMP/b" -w '%{http_code}' -H "Origin: http://$HOSTPORT" -H "Cookie: $D" -F "csrf=$TD" \
  -F "backup=@$TMP/local.json;type=application/json" "${URL}data/restore")
check "dee restores the terminal's backup" 200 "$st"
contains "dee: restored" "Restored: 1 check-in" "$(cat "$TMP/b")"
check "dee's check-ins" 200 "$(get api/v1/checkins "$D")"
contains "dee has the terminal's check-in" "from-the-terminal" "$(cat "$TMP/b")"
for who in A B; do
  get api/v1/checkins "${!who}" >/dev/null
  if grep -q from-the-terminal "$TMP/b"; then fail "the restore reached client $who"; else ok; fi
done
body=$(jq -Rs '{backup: .}' "$TMP/local.json")
check "a restore into cai's account with records: refused" 409 "$(post api/v1/restore "$B" "$TB" "$body")"
check "a second restore into dee's: refused" 409 "$(post api/v1/restore "$D" "$TD" "$body")"

# the Account page: tess's access ends, and her prescriptions with it
check "cleo's account page" 200 "$(get account "$A")"
contains "the page lists tess" 'data-login="tess"' "$(cat "$TMP/b")"
tess=$(jq -r '.trainers[0].id' < <(curl -s -H "Cookie: $A" "${URL}api/v1/account"))
check "End access without the box ticked" 400 "$(form account/trainers/end "$A" "$TA" "trainer=$tess")"
check "End access" 200 "$(form account/trainers/end "$A" "$TA" "trainer=$tess" "sure=true")"
contains "End access: said" "Tess Trainer&#39;s access has ended" "$(cat "$TMP/b")"
check "no trainer now" 0 "$(curl -s -H "Cookie: $A" "${URL}api/v1/account" | jq '.trainers | length')"
"$UNHUNCH" clinic prescribe --trainer tess --client cleo --exercise v-raise --reps 9 >"$TMP/o" 2>&1
check "tess prescribes after: refused" 1 "$?"
contains "tess prescribes after: why" "not a client of tess" "$(cat "$TMP/o")"

# an admin disables cai: her session ends at once; enabled, she logs in again
check "cai in" 200 "$(get api/v1/session "$B")"
clinic disable --admin ada --login cai || fail "disable cai"
check "cai's session after she is disabled" 401 "$(get api/v1/session "$B")"
login cai
check "cai cannot log in while disabled" "" "$CK"
clinic enable --admin ada --login cai || fail "enable cai"
login cai; B=$CK TB=$TK
check "cai in again" 200 "$(get api/v1/session "$B")"

# the same on the admin's page of the clinic (on PostgreSQL as the admin): everyone
# listed with their trainer and clients' count; cai disabled there, her session ends
login ada; AD=$CK TAD=$TK
check "the admin's page" 200 "$(get clinic/admin "$AD")"
contains "the admin's page: tess's clients (cleo ended hers)" '(tess), <span data-test="clients">2 clients</span>' "$(cat "$TMP/b")"
contains "the admin's page: cleo without a trainer now" '(cleo), <span data-test="trainer-of">no trainer now</span>' "$(cat "$TMP/b")"
contains "the admin's page: cai's trainer" '(cai), <span data-test="trainer-of">trainer Tess Trainer</span>' "$(cat "$TMP/b")"
cai_id=$(grep -o 'data-login="cai">.*' "$TMP/b" | grep -o 'name="account" value="[0-9]*"' | head -1 | grep -o '[0-9]*')
check "a client on the admin's page" 403 "$(get clinic/admin "$B")"
check "cai disabled on the page" 200 "$(form clinic/admin/access "$AD" "$TAD" "account=$cai_id" "disable=true")"
check "cai's session after" 401 "$(get api/v1/session "$B")"
check "cai enabled on the page" 200 "$(form clinic/admin/access "$AD" "$TAD" "account=$cai_id" "disable=false")"
login cai; B=$CK TB=$TK
check "cai in once more" 200 "$(get api/v1/session "$B")"

# cai changes her password on the Account page (on PostgreSQL as herself): every login
# of hers ends; the old password no longer logs in, the new one does
NEW='plum tree river stone'
check "a wrong password now" 400 "$(form account/password "$B" "$TB" "current=not it" "password=$NEW" "password_again=$NEW")"
check "still in after a refusal" 200 "$(get api/v1/session "$B")"
check "password changed" 200 "$(form account/password "$B" "$TB" "current=$GOOD" "password=$NEW" "password_again=$NEW")"
contains "password changed: said" "Your password is changed" "$(cat "$TMP/b")"
check "her session after the change" 401 "$(get api/v1/session "$B")"
login cai
check "the old password after the change" "" "$CK"
GOOD=$NEW login cai; B=$CK TB=$TK
check "the new password logs in" 200 "$(get api/v1/session "$B")"

# cleo deletes her account on the page
check "delete without the word" 400 "$(form account/delete "$A" "$TA" "confirm=yes")"
check "still in" 200 "$(get api/v1/session "$A")"
check "delete" 200 "$(form account/delete "$A" "$TA" "confirm=delete")"
contains "delete: the cookie ends" "Max-Age=0" "$(grep -i '^set-cookie:' "$TMP/h")"
contains "delete: said" "Your account and everything of it are deleted" "$(cat "$TMP/b")"
check "the old cookie after" 401 "$(get api/v1/session "$A")"
check "the old cookie on a page" 303 "$(get account "$A")"
"$UNHUNCH" clinic list >"$TMP/o" 2>&1
if grep -q ' cleo ' "$TMP/o"; then fail "cleo is still listed"; else ok; fi
check "cai's check-in stays" 200 "$(get api/v1/checkins "$B")"
contains "cai's check-in stays: hers" "cai-secret" "$(cat "$TMP/b")"
invite_accept tess cleo "Cleo Again"
login cleo
check "a new cleo" 200 "$(get api/v1/checkins "$CK")"
if grep -q cleo-secret "$TMP/b"; then fail "the new cleo sees the old one's check-in"; else ok; fi

serve_stop
finish
