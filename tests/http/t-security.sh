# t-security.sh: the protections of local mode against a real server: loopback only,
# the Host check (DNS rebinding), Origin and CSRF token on changes, and the security
# headers on every answer. Each check fails when its protection is taken out.
. "$(dirname "$0")/lib.sh"

# Listening anywhere but loopback is refused, with why and what to do instead.
for addr in 0.0.0.0:8750 192.168.1.20:8750 '[::]:8750' example.com:8750; do
  out=$(timeout 5 "$UNHUNCH" serve --listen "$addr" 2>&1) # a server that starts would hang here
  check "refuses $addr" 2 $?
  contains "$addr: says why" "no passwords" "$out"
  contains "$addr: says what to do" "reverse proxy that adds TLS" "$out"
done

serve_start
port=${HOSTPORT##*:}
TOKEN=$(token)
check "token from /api/v1/session" 64 "${#TOKEN}"

# Host: only the names it listens on
code() { curl -s -o "$TMP/body" -w '%{http_code}' "$@"; }
check "Host 127.0.0.1" 200 "$(code "${URL}library")"
check "Host localhost" 200 "$(code -H "Host: localhost:$port" "${URL}library")"
check "foreign Host" 421 "$(code -H 'Host: evil.example' "${URL}library")"
contains "foreign Host: the error shape" '"code":"bad_host"' "$(cat "$TMP/body")"
check "foreign Host on the API" 421 "$(code -H "Host: evil.example:$port" "${URL}api/v1/session")"
# DNS rebinding: a name of the attacker's that resolves to 127.0.0.1
check "rebinding name" 421 "$(code --resolve "rebind.test:$port:127.0.0.1" "http://rebind.test:$port/api/v1/session")"

# Changes: Origin and CSRF token
CHECK_URL="${URL}api/v1/content/check"
BODY='{"text": "exercises: []\n"}'
post() { code -X POST -H 'Content-Type: application/json' --data-binary "$BODY" "$@" "$CHECK_URL"; }
check "change with Origin and token" 200 "$(post -H "Origin: http://$HOSTPORT" -H "X-CSRF-Token: $TOKEN")"
check "no Origin" 403 "$(post -H "X-CSRF-Token: $TOKEN")"
contains "no Origin: code" '"code":"bad_origin"' "$(cat "$TMP/body")"
check "foreign Origin" 403 "$(post -H 'Origin: http://evil.example' -H "X-CSRF-Token: $TOKEN")"
check "Origin of another port" 403 "$(post -H "Origin: http://127.0.0.1:1" -H "X-CSRF-Token: $TOKEN")"
check "Origin null, cross-site" 403 "$(post -H 'Origin: null' -H 'Sec-Fetch-Site: cross-site' -H "X-CSRF-Token: $TOKEN")"
check "Origin null from our own form" 200 "$(post -H 'Origin: null' -H 'Sec-Fetch-Site: same-origin' -H "X-CSRF-Token: $TOKEN")"
check "no token" 403 "$(post -H "Origin: http://$HOSTPORT")"
contains "no token: code" '"code":"bad_csrf"' "$(cat "$TMP/body")"
# Change the last character to one it is not (a token ending in 0 once made this pass by chance).
case "$TOKEN" in *0) WRONG="${TOKEN%?}1" ;; *) WRONG="${TOKEN%?}0" ;; esac
check "wrong token" 403 "$(post -H "Origin: http://$HOSTPORT" -H "X-CSRF-Token: $WRONG")"
check "a form with the token" 200 "$(code -X POST -H "Origin: http://$HOSTPORT" --data-urlencode 'text=exercises: []' \
  --data-urlencode "csrf=$TOKEN" "${URL}library/check")"
check "a form without it" 403 "$(code -X POST -H "Origin: http://$HOSTPORT" --data-urlencode 'text=exercises: []' \
  "${URL}library/check")"
contains "a form without it: a page that says why" "security token" "$(cat "$TMP/body")"
# the token changes with every start
serve_stop
serve_start
check "a new token after a restart" 403 "$(code -X POST -H 'Content-Type: application/json' --data-binary "$BODY" \
  -H "Origin: http://$HOSTPORT" -H "X-CSRF-Token: $TOKEN" "${URL}api/v1/content/check")"
TOKEN=$(token)
CHECK_URL="${URL}api/v1/content/check"

# Security headers on every kind of answer
css=$(curl -s "${URL}library" | grep -o '/static/[0-9a-f]*/app.css' | head -1)
headers_ok() { # NAME CURL-ARGS...
  local name=$1; shift
  local h
  h=$(curl -s -D - -o /dev/null "$@")
  contains "$name: CSP" "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" "$h"
  contains "$name: nosniff" "X-Content-Type-Options: nosniff" "$h"
  contains "$name: no referrer" "Referrer-Policy: no-referrer" "$h"
  contains "$name: permissions" "Permissions-Policy: accelerometer=(), autoplay=(), camera=()" "$h"
  contains "$name: no framing" "X-Frame-Options: DENY" "$h"
  case "$h" in *unsafe-inline*|*unsafe-eval*) fail "$name: CSP allows inline or eval" ;; *) ok ;; esac
}
headers_ok "page" "${URL}library"
headers_ok "API" "${URL}api/v1/routines"
headers_ok "static" "${URL%/}$css"
headers_ok "404" "${URL}nothing"
headers_ok "405" -X DELETE "${URL}api/v1/routines"
headers_ok "421" -H 'Host: evil.example' "${URL}library"
headers_ok "403" -X POST "$CHECK_URL"
headers_ok "413" -X POST -H "Origin: http://$HOSTPORT" -H "X-CSRF-Token: $TOKEN" -H 'Content-Length: 9999999' "$CHECK_URL"
headers_ok "HEAD" -I "${URL}library"
# The player's page alone may compile WebAssembly, keep the screen awake and play sound
h=$(curl -s -D - -o /dev/null "${URL}library/routines/upper-back-activation/play")
contains "player page: CSP" "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" "$h"
contains "player page: wake lock" "screen-wake-lock=(self)" "$h"
case "$h" in *unsafe-inline*|*"'unsafe-eval'"*) fail "player page: CSP allows inline or eval" ;; *) ok ;; esac
headers_ok "player page, unknown routine" "${URL}library/routines/nothing/play"
h=$(curl -s -D - -o /dev/null "${URL}api/v1/session")
contains "health data is not cached" "Cache-Control: no-store" "$h"

serve_stop
check "stops cleanly" 0 "$SERVE_RC"
finish
