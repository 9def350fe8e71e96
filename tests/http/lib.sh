# lib.sh: the real server for tests: `unhunch serve` on a free loopback port (port 0:
# the system picks one, the server prints its address) in a temporary HOME, stopped by
# its process id. Source it after nothing else; it brings tests/cli/lib.sh's helpers
# (check, contains, ok, fail, finish) and sets URL (http://127.0.0.1:PORT/, https://
# with TLS), HOSTPORT.
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
SERVE_PID=
trap 'serve_kill; rm -rf "$TMP"' EXIT

serve_kill() {
  if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
    kill -KILL "$SERVE_PID" 2>/dev/null
    wait "$SERVE_PID" 2>/dev/null
  fi
  SERVE_PID=
}

# serve_start [ARGS...]: start the server and wait (up to 60 s: a build with sanitizers
# on a loaded machine; less when it dies) until it listens.
serve_start() {
  "$UNHUNCH" serve --listen 127.0.0.1:0 "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
  SERVE_PID=$!
  for _ in $(seq 600); do
    URL=$(grep -o 'https\?://[^ ]*/' "$TMP/serve.out" 2>/dev/null | head -1)
    [ -n "$URL" ] && break
    kill -0 "$SERVE_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$URL" ]; then
    echo "FAIL: the server did not start:" >&2
    cat "$TMP/serve.out" "$TMP/serve.err" >&2
    exit 1
  fi
  HOSTPORT=${URL#*://}
  HOSTPORT=${HOSTPORT%/}
  export URL HOSTPORT
}

# serve_stop: SIGTERM, then wait for it; SERVE_RC is its exit status.
serve_stop() {
  kill -TERM "$SERVE_PID"
  wait "$SERVE_PID"
  SERVE_RC=$?
  SERVE_PID=
}

# token: the CSRF token, as a script gets it.
token() {
  curl -s "${URL}api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])'
}

# clinic_seed CLIENT...: a clinic in the current store: admin ada, trainer tess, and
# each CLIENT (a login name) invited by tess and accepted; every password is
# $CLINIC_PASSWORD. Fails the test when a step does not work.
CLINIC_PASSWORD='correct horse battery staple'
clinic_seed() {
  local c link
  "$UNHUNCH" clinic init --login ada --name "Ada Admin" <<<"$CLINIC_PASSWORD" >/dev/null 2>&1 ||
    fail "clinic init"
  "$UNHUNCH" clinic add-trainer --admin ada --login tess --name "Tess Trainer" <<<"$CLINIC_PASSWORD" \
    >/dev/null 2>&1 || fail "clinic add-trainer"
  for c in "$@"; do
    link=$("$UNHUNCH" clinic invite --trainer tess --name "Client $c" --url https://x.example 2>&1 |
      grep -o 'https://x.example/invite/[A-Za-z0-9_-]*')
    "$UNHUNCH" clinic accept --login "$c" < <(printf '%s\n%s\n' "$link" "$CLINIC_PASSWORD") >/dev/null 2>&1 ||
      fail "clinic accept $c"
  done
}
