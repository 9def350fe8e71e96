#!/usr/bin/env bash
# t-clinic-trainer.sh: the trainer's forms in `unhunch serve --clinic`, through the real
# program and plain form posts: a trainer invites a client and the link works once (the
# client chooses a login and a password, then logs in); a prescription inside the usual
# range is saved and the client's Plan page shows it; one outside it warns with the
# range and saves only on the second submit; a swap that breaks the activation order
# says why the order matters; one beyond the safe limits is refused and saves nothing;
# an appointment recorded shows in the client's History; another trainer, a client and
# the admin are refused on each form, and a client of another trainer sees none of it.
. "$(dirname "$0")/lib.sh"
export TZ=UTC
GOOD='correct horse battery staple'
trap 'serve_kill; wait 2>/dev/null; rm -rf "$TMP"' EXIT

"$UNHUNCH" clinic init --login ada --name "Ada Admin" <<<"$GOOD" >/dev/null 2>&1
"$UNHUNCH" clinic add-trainer --admin ada --login tess --name "Tess Trainer" <<<"$GOOD" >/dev/null 2>&1
"$UNHUNCH" clinic add-trainer --admin ada --login tom --name "Tom Trainer" <<<"$GOOD" >/dev/null 2>&1
link=$("$UNHUNCH" clinic invite --trainer tom --name "Cai Client" 2>&1 | grep -o 'invite/[A-Za-z0-9_-]*')
"$UNHUNCH" clinic accept --login cai < <(printf '%s\n%s\n' "$link" "$GOOD") >/dev/null 2>&1 || fail "accept cai"

serve_start --clinic --second-factor optional
ORIGIN="http://$HOSTPORT"
# login NAME: its cookie in C[NAME], its CSRF token in T[NAME]; the status in $st
declare -A C T
login() {
  st=$(curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "Origin: $ORIGIN" -H 'Content-Type: application/json' \
    --data "{\"login\":\"$1\",\"password\":\"$GOOD\"}" "${URL}login")
  C[$1]=$(grep -i '^set-cookie:' "$TMP/h" | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
  T[$1]=$(jq -r .csrf_token "$TMP/b" 2>/dev/null)
}
# get WHO PATH: the status; the body in $TMP/b
get() { curl -s -o "$TMP/b" -w '%{http_code}' -H "Cookie: ${C[$1]:-}" "$URL$2"; }
# form WHO PATH FIELD=VALUE...: a form's post with WHO's session and token; the status
form() {
  local who=$1 path=$2 args=()
  shift 2
  for kv in "$@"; do args+=(--data-urlencode "$kv"); done
  curl -s -o "$TMP/b" -w '%{http_code}' -H "Origin: $ORIGIN" -H "Cookie: ${C[$who]:-}" \
    --data-urlencode "csrf=${T[$who]:-}" "${args[@]}" "$URL$path"
}
body() { tr '\n' ' ' <"$TMP/b" | sed "s/<[^>]*>/ /g; s/&#39;/'/g; s/&quot;/\"/g" | tr -s ' '; }
for p in tess tom ada cai; do login $p; check "login $p" 200 "$st"; done

# a trainer invites: the link shown once, works once
check "the invite form" 200 "$(get tess clinic/invite)"
check "a client may not invite" 403 "$(form cai clinic/invite 'name=Dora Client')"
check "the admin may not invite" 403 "$(form ada clinic/invite 'name=Dora Client')"
check "no name: refused" 400 "$(form tess clinic/invite 'name=')"
check "tess invites Cleo" 201 "$(form tess clinic/invite 'name=Cleo Client' days=3)"
link=$(grep -o "http://$HOSTPORT/invite/[A-Za-z0-9_-]*" "$TMP/b" | head -1)
[ -n "$link" ] || fail "the page shows the link"
path=${link#"$ORIGIN"/}
check "the link opens the form" 200 "$(get nobody "$path")"
contains "the form greets Cleo" "Cleo Client, your trainer invites you" "$(body)"
check "two passwords that differ" 400 "$(form nobody "$path" login=cleo "password=$GOOD" 'password_again=something else')"
check "a common password" 400 "$(form nobody "$path" login=cleo password=password1 password_again=password1)"
check "a login name taken" 400 "$(form nobody "$path" login=cai "password=$GOOD" "password_again=$GOOD")"
check "accepted" 201 "$(form nobody "$path" login=cleo "password=$GOOD" "password_again=$GOOD")"
contains "accepted: log in" "Your login name is cleo" "$(body)"
check "the link a second time" 410 "$(form nobody "$path" login=cleo2 "password=$GOOD" "password_again=$GOOD")"
check "the link opened again" 410 "$(get nobody "$path")"
contains "the link again: why" "used already" "$(body)"
check "an unknown link" 404 "$(get nobody invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA)"
login cleo
check "cleo logs in" 200 "$st"
get tess clinic/invite >/dev/null
cleo=$(grep -o '/clinic/clients/[0-9]*/prescribe' "$TMP/b" | head -1 | grep -o '[0-9]*')
[ -n "$cleo" ] || fail "tess's page lists cleo"
RX="clinic/clients/$cleo/prescribe"
AP="clinic/clients/$cleo/appointment"

# another trainer, a client, the admin: refused on each form, nothing saved
check "tom: the prescription form" 404 "$(get tom "$RX")"
check "tom: prescribes" 404 "$(form tom "$RX" item=upper-back-activation:v-raise reps=8 'note=tom-was-here')"
check "tom: the appointment form" 404 "$(get tom "$AP")"
check "tom: records" 404 "$(form tom "$AP" kind=massage chest=on 'note=tom-was-here')"
check "tom: an account that is no one's" 404 "$(get tom clinic/clients/999999/prescribe)"
check "cleo herself: refused" 403 "$(form cleo "$RX" item=upper-back-activation:v-raise reps=8)"
check "the admin: refused" 403 "$(get ada "$AP")"

# inside the usual range: saved, on the client's Plan page
check "the prescription form" 200 "$(get tess "$RX")"
check "in range: saved" 201 "$(form tess "$RX" item=upper-back-activation:v-raise reps=8 sets=2 'note=Slowly, shoulders down.')"
contains "in range: says so" "V-raise: 8 reps, 2 sets" "$(body)"
check "cleo's plan" 200 "$(get cleo plan)"
contains "cleo's plan shows the note" "Slowly, shoulders down." "$(body)"

# outside it: a warning with the range, saved only on the second submit
check "above the range: a warning" 409 "$(form tess "$RX" item=upper-back-activation:v-raise reps=12 'note=twelve-now')"
contains "the warning says the range" "12 reps is above the usual range for V-raise (5-10 reps)" "$(body)"
contains "the warning offers to accept" "Accept the warning and save" "$(body)"
grep -q 'name="accept" value="true"' "$TMP/b" && ok || fail "the second form carries accept"
get cleo plan >/dev/null
if grep -q twelve-now "$TMP/b"; then fail "a warning saved before it was accepted"; else ok; fi
check "accepted: saved" 201 "$(form tess "$RX" item=upper-back-activation:v-raise reps=12 'note=twelve-now' accept=true)"
get cleo plan >/dev/null
contains "cleo's plan: the accepted one" "twelve-now" "$(body)"

# a swap out of the order: the warning says why the order matters
check "out of order: a warning" 409 "$(form tess "$RX" item=upper-back-activation:glute-bridge swap=shrug-roll)"
contains "out of order: says so" "breaks the activation routine's order" "$(body)"
contains "out of order: why it matters" "each exercise getting the muscles ready for the next" "$(body)"

# beyond the safe limits: refused, even accepted; nothing saved
check "beyond the limit: refused" 422 "$(form tess "$RX" item=upper-back-activation:glute-bridge reps=40 'note=forty-reps' accept=true)"
contains "beyond the limit: says the limit" "40 reps is above the safe limit of 30 reps" "$(body)"
get cleo plan >/dev/null
if grep -q forty-reps "$TMP/b"; then fail "a refused prescription was saved"; else ok; fi

# an appointment: on cleo's History, not on cai's
check "the appointment form" 200 "$(get tess "$AP")"
check "a massage with no area: refused" 400 "$(form tess "$AP" kind=massage 'note=no-area')"
check "a day after today: refused" 400 "$(form tess "$AP" kind=massage chest=on date=2999-01-01)"
check "recorded" 201 "$(form tess "$AP" kind=massage date=2026-01-02 chest=on upper-back=on 'note=ribs-were-tight')"
check "cleo's history" 200 "$(get cleo history)"
contains "cleo's history: the appointment" "2026-01-02 : massage with tess, chest and upper back ribs-were-tight" "$(body)"
check "cleo's history as JSON" 200 "$(get cleo api/v1/history)"
check "the JSON: kind and areas" '"massage" ["chest","upper-back"]' \
  "$(jq -c '.appointments[0].kind, .appointments[0].areas' "$TMP/b" | tr '\n' ' ' | sed 's/ $//')"
get cai history >/dev/null
if grep -q ribs-were-tight "$TMP/b"; then fail "cai sees cleo's appointment"; else ok; fi
for p in plan history; do
  get cleo $p >/dev/null
  if grep -q tom-was-here "$TMP/b"; then fail "tom's refused write shows on cleo's $p"; else ok; fi
done
finish
