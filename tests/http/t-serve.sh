# t-serve.sh: `unhunch serve` as a user starts it: the address it prints, the pages and
# the API over a real socket, --open, a port in use, and a clean stop on SIGTERM.
. "$(dirname "$0")/lib.sh"

# --open runs xdg-open with the address (a stand-in records it)
mkdir -p "$TMP/bin"
printf '#!/bin/sh\necho "$1" > "%s/opened"\n' "$TMP" > "$TMP/bin/xdg-open"
chmod +x "$TMP/bin/xdg-open"
PATH="$TMP/bin:$PATH" serve_start --open
contains "prints its address" "unhunch serve: open http://127.0.0.1:" "$(cat "$TMP/serve.out")"
for _ in $(seq 300); do [ -s "$TMP/opened" ] && break; sleep 0.1; done
check "--open opens the address" "$URL" "$(cat "$TMP/opened" 2>/dev/null)"

out=$(curl -s "${URL}api/v1/status")
contains "status: local mode" '"mode":"local"' "$out"
contains "status: the store opens" '"backend":"sqlite"' "$out"
check "status: version" "$("$UNHUNCH" version | cut -d' ' -f2)" \
  "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')"

n=$(curl -s "${URL}api/v1/routines" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["routines"]))')
check "routines over HTTP" "$("$UNHUNCH" routines --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" "$n"
out=$(curl -s "${URL}api/v1/exercises/glute-bridge")
contains "an exercise" '"name":"Glute bridge"' "$out"
code=$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/v1/exercises/glute-brige")
check "unknown exercise" 404 "$code"

page=$(curl -s -w '\n%{http_code} %{content_type}' "${URL}library")
contains "library page" "200 text/html; charset=utf-8" "$page"
contains "library lists the activation routine" 'href="/library/routines/upper-back-activation"' "$page"
css=$(printf '%s' "$page" | grep -o '/static/[0-9a-f]*/app.css' | head -1)
hdr=$(curl -s -D - -o /dev/null "${URL%/}$css")
contains "style sheet cached for a year" "Cache-Control: public, max-age=31536000, immutable" "$hdr"
contains "style sheet type" "Content-Type: text/css" "$hdr"
for p in / /checkin /progress /plan /assessment /screening /history /breaks /data /library/check; do
  check "page $p" 200 "$(curl -s -o /dev/null -w '%{http_code}' "${URL%/}$p")"
done

# HEAD answers like GET, without a body; keep-alive holds across requests
hdr=$(curl -s -I "${URL}library")
contains "HEAD" "HTTP/1.1 200" "$hdr"
out=$(curl -s -o /dev/null -o /dev/null -w '%{num_connects} ' "${URL}api/v1/status" "${URL}api/v1/session")
check "two requests on one connection" "1 0 " "$out"

# the same address twice: the second start says why it cannot
port=${HOSTPORT##*:}
out=$("$UNHUNCH" serve --listen "127.0.0.1:$port" 2>&1)
check "port in use: exit" 1 $?
contains "port in use: says so" "port $port is in use" "$out"

serve_stop
check "SIGTERM: exit 0" 0 "$SERVE_RC"
contains "SIGTERM: says it stopped" "unhunch serve: stopped" "$(cat "$TMP/serve.out")"
check "nothing on stderr" "" "$(cat "$TMP/serve.err")"

# SIGINT (Ctrl-C) as well
serve_start
kill -INT "$SERVE_PID"
wait "$SERVE_PID"
check "SIGINT: exit 0" 0 $?
SERVE_PID=

# IPv6 loopback, where the machine has it
if [ -r /proc/net/if_inet6 ] && grep -q '^0\{31\}1 ' /proc/net/if_inet6; then
  "$UNHUNCH" serve --listen '[::1]:0' >"$TMP/v6.out" 2>&1 &
  v6=$!
  for _ in $(seq 600); do grep -q 'http://' "$TMP/v6.out" && break; sleep 0.1; done
  v6url=$(grep -o 'http://\[::1\]:[0-9]*/' "$TMP/v6.out")
  contains "IPv6: address" "http://[::1]:" "$v6url"
  check "IPv6: answers" 200 "$(curl -s -g -o /dev/null -w '%{http_code}' "${v6url}api/v1/session")"
  kill -TERM "$v6"
  wait "$v6"
  check "IPv6: stops" 0 $?
fi

# usage errors
"$UNHUNCH" serve --listen >/dev/null 2>&1
check "--listen without a value" 2 $?
"$UNHUNCH" serve --timeout 0 >/dev/null 2>&1
check "--timeout 0" 2 $?
"$UNHUNCH" serve extra >/dev/null 2>&1
check "an extra argument" 2 $?
finish
