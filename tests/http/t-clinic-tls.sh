#!/usr/bin/env bash
# t-clinic-tls.sh: clinic mode on the network: TLS from certificate and key files
# (https answers, plain http does not, an http Origin is refused), beyond loopback only
# with TLS or a named proxy and only in clinic mode, and behind a named proxy: only it
# may connect, its X-Forwarded-For names the client for the throttle, Origin by https.
. "$(dirname "$0")/lib.sh"
GOOD=$CLINIC_PASSWORD
clinic_seed
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/key.pem" -out "$TMP/cert.pem" \
  -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1 ||
  { fail "openssl could not make a certificate"; finish; exit 1; }
TLS=(--tls-cert "$TMP/cert.pem" --tls-key "$TMP/key.pem")

# where it may listen
"$UNHUNCH" serve --listen 0.0.0.0:0 >"$TMP/o" 2>&1
check "local mode beyond loopback: usage" 2 "$?"
contains "local mode beyond loopback: why" "not this computer's own" "$(cat "$TMP/o")"
"$UNHUNCH" serve --clinic --listen 0.0.0.0:0 >"$TMP/o" 2>&1
check "clinic mode beyond loopback without TLS: usage" 2 "$?"
contains "without TLS: why" "without TLS" "$(cat "$TMP/o")"
"$UNHUNCH" serve "${TLS[@]}" >"$TMP/o" 2>&1
check "TLS in local mode: usage" 2 "$?"
"$UNHUNCH" serve --clinic --tls-cert "$TMP/cert.pem" >"$TMP/o" 2>&1
check "a certificate without its key: usage" 2 "$?"
"$UNHUNCH" serve --clinic --tls-cert "$TMP/o" --tls-key "$TMP/key.pem" >"$TMP/o2" 2>&1
check "a certificate that is not PEM: refused" 1 "$?"
contains "not PEM: why" "not a PEM file" "$(cat "$TMP/o2")"

# TLS on loopback
serve_start --clinic --second-factor optional "${TLS[@]}"
case "$URL" in https://*) ok ;; *) fail "the address is not https: $URL" ;; esac
st=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$TMP/cert.pem" "${URL}login")
check "https: the login page" 200 "$st"
st=$(curl -s -o /dev/null -w '%{http_code}' "http://$HOSTPORT/login")
[ "$st" != 200 ] && ok || fail "plain http answered 200 on the TLS port"
login_at() { # ORIGIN NAME PASSWORD [XFF]: status
  curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' --cacert "$TMP/cert.pem" -H "Origin: $1" \
    -H 'Content-Type: application/json' --data "{\"login\":\"$2\",\"password\":\"$3\"}" "${URL}login"
}
check "https login with an https Origin" 200 "$(login_at "https://$HOSTPORT" ada "$GOOD")"
grep -qi '^strict-transport-security: max-age=31536000' "$TMP/h" && ok || fail "no Strict-Transport-Security over TLS"
check "an http Origin is refused (no downgrade)" 403 "$(login_at "http://$HOSTPORT" ada "$GOOD")"
serve_stop
check "TLS server stops cleanly" 0 "$SERVE_RC"

# beyond loopback with TLS: it starts
"$UNHUNCH" serve --clinic --second-factor optional --listen 0.0.0.0:0 "${TLS[@]}" >"$TMP/o" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q 'https://' "$TMP/o" && break; sleep 0.1; done
contains "beyond loopback with TLS: listening" "https://0.0.0.0:" "$(cat "$TMP/o")"
kill -TERM "$pid"; wait "$pid"

# behind a named proxy (this test plays it, from 127.0.0.1)
serve_start --clinic --second-factor optional --trusted-proxy 127.0.0.1 --host clinic.example
via() { # XFF NAME PASSWORD [ORIGIN]: status
  curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H 'Host: clinic.example' \
    -H "Origin: ${4:-https://clinic.example}" -H "X-Forwarded-For: 10.9.9.9, $1" \
    -H 'Content-Type: application/json' --data "{\"login\":\"$2\",\"password\":\"$3\"}" "${URL}login"
}
check "through the proxy, its public name and https Origin" 200 "$(via 198.51.100.1 ada "$GOOD")"
check "an http Origin through the proxy" 403 "$(via 198.51.100.1 ada "$GOOD" http://clinic.example)"
# 20 failures from one client address are free, the next waits; another client does not
for i in $(seq 21); do
  st=$(via 198.51.100.7 "guess$i" wrong)
  [ "$st" = 401 ] || { fail "failure $i: $st"; break; }
done
check "the 22nd try from that client waits" 429 "$(via 198.51.100.7 ada "$GOOD")"
check "another client behind the proxy is not held up" 200 "$(via 198.51.100.8 ada "$GOOD")"
serve_stop
# a proxy named elsewhere: this address may not connect at all
serve_start --clinic --second-factor optional --trusted-proxy 127.0.0.9
st=$(curl -s -o /dev/null -w '%{http_code}' "${URL}login")
check "a peer that is not the proxy is not let in" 000 "$st"
serve_stop
finish
