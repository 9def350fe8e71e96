# t-shutdown.sh: SIGTERM while a request is in flight: the request is finished and
# answered, then the server stops with status 0.
. "$(dirname "$0")/lib.sh"
serve_start
port=${HOSTPORT##*:}
TOKEN=$(token)
got=$(python3 "$(dirname "$0")/raw.py" stop "$port" "$HOSTPORT" "$TOKEN" "$SERVE_PID")
check "the request in flight is answered" 200 "$got"
wait "$SERVE_PID"
check "then the server stops" 0 $?
SERVE_PID=
contains "and says so" "unhunch serve: stopped" "$(cat "$TMP/serve.out")"
finish
