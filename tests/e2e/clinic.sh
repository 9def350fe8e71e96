#!/usr/bin/env bash
# clinic.sh: clinic mode in Chromium (clinic.mjs, account.mjs, then the whole loop of
# loop.mjs: invite, prescribe, accept, a session, a check-in, the dashboard) the way a
# clinic runs it: two `unhunch serve --clinic` processes on one store, each naming the proxy
# (--trusted-proxy 127.0.0.1), behind nginx that adds TLS (a certificate made for the
# run) and sends each request to the next server in turn (round robin, a new
# connection each). Checks afterwards, from nginx's log, that both servers answered
# pages and changes: a login made on one holds on the other (issue 18.8: the server
# keeps nothing of its own between requests). Needs nginx, openssl, Chromium, Node.js
# and the npm packages (scripts/deps.sh test installs them all).
. "$(dirname "$0")/../http/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
for need in /usr/bin/chromium /usr/sbin/nginx "$SRC/node_modules/playwright-core"; do
  [ -e "$need" ] || { echo "FAIL: $need is missing (run scripts/deps.sh test)" >&2; exit 1; }
done
PID2= NGINX_PID=
stop_all() {
  [ -n "$NGINX_PID" ] && kill -TERM "$NGINX_PID" 2>/dev/null
  [ -n "$PID2" ] && kill -KILL "$PID2" 2>/dev/null
  serve_kill
  wait 2>/dev/null
}
trap 'stop_all; rm -rf "$TMP"' EXIT

clinic_seed cleo cai wren sid
# the fast test routines (one-second phases) for the loop's session in the web player
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/fast.yaml"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/key.pem" -out "$TMP/cert.pem" \
  -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1 ||
  { fail "openssl could not make a certificate"; finish; exit 1; }
# the proxy's port: one the system gives now (free a moment later; nginx says if not)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PROXIED=(--clinic --second-factor optional --trusted-proxy 127.0.0.1 --host "127.0.0.1:$PORT")

serve_start "${PROXIED[@]}"
HOST1=$HOSTPORT
"$UNHUNCH" serve --listen 127.0.0.1:0 "${PROXIED[@]}" >"$TMP/serve2.out" 2>"$TMP/serve2.err" &
PID2=$!
HOST2=
for _ in $(seq 600); do
  HOST2=$(grep -o 'https\?://[^ /]*' "$TMP/serve2.out" 2>/dev/null | head -1 | sed 's,.*://,,')
  [ -n "$HOST2" ] && break
  sleep 0.1
done
[ -n "$HOST2" ] || { fail "the second server did not start: $(cat "$TMP/serve2.err")"; finish; exit 1; }

mkdir -p "$TMP/nginx"
cat >"$TMP/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 64; }
http {
  log_format up '\$request_method \$uri \$status \$upstream_addr';
  access_log $TMP/nginx/access.log up;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  upstream unhunch { server $HOST1; server $HOST2; }
  server {
    listen 127.0.0.1:$PORT ssl;
    ssl_certificate $TMP/cert.pem;
    ssl_certificate_key $TMP/key.pem;
    location / {
      proxy_pass http://unhunch;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
/usr/sbin/nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" -e "$TMP/nginx/error.log" 2>>"$TMP/nginx/error.log" &
NGINX_PID=$!
BASE="https://127.0.0.1:$PORT/"
for _ in $(seq 100); do
  curl -sk -o /dev/null "${BASE}login" && break
  kill -0 "$NGINX_PID" 2>/dev/null || break
  sleep 0.1
done
curl -sk -o /dev/null "${BASE}login" || { fail "nginx did not start: $(cat "$TMP/nginx/error.log")"; finish; exit 1; }

if HOME="$TMP/home" NODE_PATH="$SRC/node_modules" node "$here/clinic.mjs" "$BASE" "$BUILD/screenshots/clinic" \
  "$CLINIC_PASSWORD"; then
  ok
else
  fail "clinic mode in the browser, through the proxy (see above)"
fi
# the client in charge of their data: Your account, End access, deleting the account
if HOME="$TMP/home" NODE_PATH="$SRC/node_modules" node "$here/account.mjs" "$BASE" "$BUILD/screenshots/clinic" cai \
  "$CLINIC_PASSWORD"; then
  ok
else
  fail "your account in the browser, through the proxy (see above)"
fi

# the whole loop: the trainer invites and prescribes, the client accepts, plays, checks
# in; the dashboard's order against wren (a warning sign) and sid (stopped for pain)
if HOME="$TMP/home" NODE_PATH="$SRC/node_modules" node "$here/loop.mjs" "$BASE" "$BUILD/screenshots/clinic" \
  "$CLINIC_PASSWORD"; then
  ok
else
  fail "the clinic loop in the browser, through the proxy (see above)"
fi

# both servers answered: pages (GET) and changes (POST), the login's among them
log=$TMP/nginx/access.log
for m in GET POST; do
  for h in "$HOST1" "$HOST2"; do
    n=$(grep -c "^$m .* 127.0.0.1:${h##*:}\$" "$log")
    [ "$n" -ge 1 ] || fail "the server at $h should have answered a $m through the proxy (log: $(wc -l <"$log") lines)"
  done
done
if grep -q ' 5[0-9][0-9] ' "$log"; then
  fail "a server error through the proxy: $(grep ' 5[0-9][0-9] ' "$log" | head -3)"
fi
ok

kill -TERM "$PID2"
wait "$PID2"
check "the second server stops cleanly" 0 "$?"
PID2=
serve_stop
check "the first server stops cleanly" 0 "$SERVE_RC"
finish
