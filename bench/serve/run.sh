#!/usr/bin/env bash
# bench/serve/run.sh: `unhunch serve` under load, beside nginx in the same run.
#
# Method. The server (the release build, its default thread pool) runs on 127.0.0.1 in a
# temporary HOME; nginx (Debian's nginx-light, 2 workers, access log off) serves, from a
# folder of its own, a static file of exactly the same size as each answer measured, as
# the ceiling for sending that many bytes. For each row, wrk (2 threads, 50 connections,
# keep-alive, DURATION seconds, --latency) loads the unhunch route, then nginx's file:
# requests per second, p50 and p99 latency, and any non-2xx answer or socket error.
# wrk and the servers share the machine's cores, so compare the two columns of one run,
# not runs on different machines. Rows: Today, Library, an exercise, an API read, a style
# sheet, a check-in POST (each request a new day, committed before the answer), then Today
# again on the store the check-ins filled. Then a soak: wrk for SOAK seconds on the pages
# in turn (Today, Check-in, Progress, Plan, History, Breaks, Your data, Library, the today
# API) while the server's resident memory (VmRSS) is read every 10 s. Then the size of each
# page and of everything it loads, and the time to first paint in Chromium with the CPU
# slowed down 4 times (render.mjs).
#
# Usage: bash bench/serve/run.sh [path/to/unhunch] [SOAK_SECONDS]
#   DURATION=10 (seconds per wrk run), CONNECTIONS=50, THREADS=2
# Installs nginx-light, wrk and the browser-test packages when missing (scripts/deps.sh bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/unhunch}
soak=${2:-600}
duration=${DURATION:-10}
conns=${CONNECTIONS:-50}
threads=${THREADS:-2}
bash "$root/scripts/deps.sh" bench
[ -x "$bin" ] || { echo "no unhunch at $bin (run 'make' first)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/unhunch-bench-serve.XXXXXX)
serve_pid= nginx_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# the server, in a temporary HOME
mkdir -p "$tmp/home"
HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" UNHUNCH_DATA_DIR="$root/data" \
  "$bin" serve --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
for _ in $(seq 100); do grep -q 'http://' "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*/' "$tmp/serve.out" | head -1)
[ -n "$url" ] || { cat "$tmp/serve.err" >&2; exit 1; }
hostport=${url#http://}
hostport=${hostport%/}
token=$(curl -s "${url}api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
css=$(curl -s "${url}library" | grep -o '/static/[0-9a-f]*/app.css' | head -1)

# nginx, serving copies of the answers from its own folder
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
nport=$(free_port)
mkdir -p "$tmp/nginx/www" "$tmp/nginx/tmp"
cat > "$tmp/nginx/nginx.conf" <<EOF
daemon off; master_process on; worker_processes 2;
pid $tmp/nginx/nginx.pid; error_log $tmp/nginx/error.log;
events { use epoll; worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/tmp; proxy_temp_path $tmp/nginx/tmp; fastcgi_temp_path $tmp/nginx/tmp;
  uwsgi_temp_path $tmp/nginx/tmp; scgi_temp_path $tmp/nginx/tmp;
  default_type text/html;
  server { listen 127.0.0.1:$nport; root $tmp/nginx/www; }
}
EOF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
nginx_pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$nport/" && break; sleep 0.1; done

# wrk NAME URL [LUA]: "req/s p50 p99 errors" of one run
measure() {
  local out
  out=$(timeout $((duration + 30)) wrk -t"$threads" -c"$conns" -d"${duration}s" --latency ${3:+-s "$3"} "$2")
  echo "$out" > "$tmp/wrk-$1.txt"
  local rps p50 p99 non2xx sock
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  sock=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + ${sock:-0} ))"
}

# row NAME METHOD PATH [JSON-BODY]: one line of the table, unhunch beside nginx
printf '%-10s %8s | %10s %8s %8s %6s | %10s %8s %8s | %6s\n' ROW BYTES "UNHUNCH/S" P50 P99 ERRORS "NGINX/S" P50 P99 RATIO
row() {
  local name=$1 method=$2 path=$3 body=${4:-} lua=${5:-}
  if [ "$method" = POST ]; then
    [ -n "$lua" ] || lua="$tmp/$name.lua"
    [ -e "$lua" ] ||
    printf 'wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Origin"] = "http://%s"\nwrk.headers["X-CSRF-Token"] = "%s"\n' \
      "$body" "$hostport" "$token" > "$lua"
    curl -s -X POST -H 'Content-Type: application/json' -H "Origin: http://$hostport" -H "X-CSRF-Token: $token" \
      --data-binary "$body" "${url%/}$path" > "$tmp/nginx/www/$name"
  else
    curl -s "${url%/}$path" > "$tmp/nginx/www/$name"
  fi
  local size u n
  size=$(stat -c %s "$tmp/nginx/www/$name")
  read -r -a u <<<"$(measure "unhunch-$name" "${url%/}$path" "$lua")"
  read -r -a n <<<"$(measure "nginx-$name" "http://127.0.0.1:$nport/$name")"
  printf '%-10s %8s | %10s %8s %8s %6s | %10s %8s %8s | %5.0f%%\n' "$name" "$size" "${u[0]}" "${u[1]}" "${u[2]}" "${u[3]}" \
    "${n[0]}" "${n[1]}" "${n[2]}" "$(python3 -c "print(100 * ${u[0]} / ${n[0]})")"
  echo "@row	serve $name: requests/s, p99	${u[0]}/s, ${u[2]}	as nginx's file	nginx ${n[0]}/s, ${n[2]}" >>"$tmp/rows"
}

row today GET /
row library GET /library
row exercise GET /library/exercises/glute-bridge
row api GET /api/v1/routines
row asset GET "$css"
# the check-in: each request a new day's check-in (thread 1 counts back from yesterday,
# thread 2 from 23,000 days earlier), so every answer is a durable insert committed before
# it is sent; nginx serves the first answer as a file of the same size.
cat > "$tmp/checkin.lua" <<LUA
local n = 0
local headers = { ["Content-Type"] = "application/json", ["Origin"] = "http://$hostport",
                  ["X-CSRF-Token"] = "$token" }
function setup(thread) thread:set("id", (setup_n or 0)); setup_n = (setup_n or 0) + 1 end
function request()
  n = n + 1
  local day = os.date("!%Y-%m-%d", os.time() - ((id or 0) * 23000 + n) * 86400)
  return wrk.format("POST", "/api/v1/checkins", headers,
    '{"date": "' .. day .. '", "pain": 3, "regions": {"neck": 2}}')
end
LUA
row checkin POST /api/v1/checkins '{"pain": 3, "regions": {"neck": 2}}' "$tmp/checkin.lua"
n_checkins=$(curl -s "${url}api/v1/checkins?from=1900-01-01" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d.get("checkins", d)) if isinstance(d, dict) else len(d))' 2>/dev/null || echo '?')
echo "  check-ins stored by the checkin row: $n_checkins (each 2xx answer is one stored day)"
row today-full GET /

# soak: the pages in turn for $soak seconds, the server's memory every 10 s
echo
echo "soak: GET of the pages in turn for ${soak} s, VmRSS of the server every 10 s (kB)"
cat > "$tmp/soak.lua" <<'LUA'
local paths = { "/", "/checkin", "/progress", "/plan", "/history", "/breaks", "/data", "/library", "/api/v1/today" }
local i = 0
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
timeout $((soak + 60)) wrk -t"$threads" -c"$conns" -d"${soak}s" --latency -s "$tmp/soak.lua" "$url" > "$tmp/wrk-soak.txt" &
wrk_pid=$!
samples=()
for ((t = 0; t <= soak; t += 10)); do
  samples+=("$(awk '/^VmRSS:/ {print $2}' "/proc/$serve_pid/status")")
  [ "$t" -lt "$soak" ] && sleep 10
done
wait "$wrk_pid"
echo "  samples: ${samples[*]}"
python3 - "${samples[@]}" <<'EOF'
import sys
s = [int(x) for x in sys.argv[1:]]
print(f"  first {s[0]} kB, last {s[-1]} kB, max {max(s)} kB; after the first minute: "
      f"{min(s[6:] or s)}..{max(s[6:] or s)} kB")
EOF
awk '/^Requests\/sec:/ {print "  requests/s:", $2} $1 == "99%" {print "  p99:", $2}
     /Non-2xx|Socket errors/ {print "  " $0}' "$tmp/wrk-soak.txt"
grep -q 'Non-2xx\|Socket errors' "$tmp/wrk-soak.txt" || echo "  errors: 0"

# page sizes: each page and everything it loads
echo
echo "page sizes (bytes; the page, then with its style sheet, scripts, icons and pictures)"
for p in / /checkin /progress /plan /assessment /screening /history /breaks /data /library /library/routines/upper-back-activation /library/exercises/glute-bridge /library/check; do
  curl -s "${url%/}$p" > "$tmp/page.html"
  size=$(stat -c %s "$tmp/page.html")
  total=$size
  for a in $(grep -oE '(src|href)="/(static/[^"]*|[^"]*\.svg)"' "$tmp/page.html" | cut -d'"' -f2 | sort -u); do
    total=$((total + $(curl -s "${url%/}$a" | wc -c)))
  done
  printf '  %-42s %7d %7d\n' "$p" "$size" "$total"
done

# time to first paint, CPU slowed 4x
echo
HOME="$tmp/home" node "$here/render.mjs" "$url"
cat "$tmp/rows" 2>/dev/null || true
