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
# again on the store the last check-in run filled. The check-in row: one person keeps one
# check-in a day, and a day may be from 1900-01-01 to today, so one store holds at most
# about 46,000 of them. So the row is CHECKIN_RUNS runs of DURATION/CHECKIN_RUNS seconds
# (at least 1 s), each on a server of its own started on a fresh copy of a ten-year store
# (bench/lib/ten-years.sh: the history of a long-standing user, which the safety gate
# reads after every check-in). CHECKIN_DAYS=forward (the default): the ten years end
# 40,100 days ago and the check-ins come after them day by day, wrk's 2 threads taking
# every other day, as a person's daily check-ins come after her history; back: the ten
# years end today and each thread counts back its own 20,000 days from their first, each
# check-in a back-filled day before all the others. Either way a run runs out only above
# 40,000 check-ins (20,000/s at the default 2 s a run). The row shows all the runs'
# answers over all their seconds, the median of their p50s, the worst of their p99s and
# all their errors. Each run's server gets one check-in before wrk starts (of a day no run
# takes), not timed: the first check-in after a start reads every check-in for the safety
# gate's fold (src/app/safety-fold.c), the ones after it do not. Then a soak, on the
# first server: wrk for SOAK seconds on the pages in turn (Today, Check-in, Progress, Plan,
# History, Breaks, Your data, Library, the today API) while the server's resident memory
# (VmRSS) is read every 10 s. Then the size of each page and of everything it loads, and
# the time to first paint in Chromium with the CPU slowed down 4 times (render.mjs).
#
# Usage: bash bench/serve/run.sh [path/to/unhunch] [SOAK_SECONDS]
#   DURATION=10 (seconds per wrk run), CONNECTIONS=50, THREADS=2, CHECKIN_RUNS=DURATION/2,
#   CHECKIN_DAYS=forward (or back)
# Installs nginx-light, wrk and the browser-test packages when missing (scripts/deps.sh bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/unhunch}
soak=${2:-600}
duration=${DURATION:-10}
conns=${CONNECTIONS:-50}
threads=${THREADS:-2}
checkin_runs=${CHECKIN_RUNS:-$(( duration / 2 > 0 ? duration / 2 : 1 ))}
checkin_days=${CHECKIN_DAYS:-forward}
bash "$root/scripts/deps.sh" bench
[ -x "$bin" ] || { echo "no unhunch at $bin (run 'make' first)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/unhunch-bench-serve.XXXXXX)
serve_pid= nginx_pid= run_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null && wait "$run_pid" 2>/dev/null
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
  # no goal of its own: shown beside nginx; an answer that failed under load is MISSED
  echo "@row	serve $name: requests/s, p99	${u[0]}/s, ${u[2]}	no errors; as nginx	nginx ${n[0]}/s, ${n[2]}	$([ "${u[3]}" = 0 ] && echo ok || echo "MISSED (${u[3]} errors)")" >>"$tmp/rows"
}

row today GET /
row library GET /library
row exercise GET /library/exercises/glute-bridge
row api GET /api/v1/routines
row asset GET "$css"
# the check-in: each request a new day's check-in, a durable insert committed before its
# answer; CHECKIN_RUNS runs, each on its own server over a fresh copy of a ten-year store
# (see the method above); nginx serves the first answer (a check-in of a day no run takes)
# as a file of the same size.
. "$here/../lib/ten-years.sh"
mkdir -p "$tmp/seed/share"
seed_end=$(date +%s)
[ "$checkin_days" = back ] || seed_end=$(( seed_end - 40100 * 86400 ))
XDG_DATA_HOME="$tmp/seed/share" HOME="$tmp/seed" UNHUNCH_DATA_DIR="$root/data" make_ten_years "$bin" 10 "$seed_end" \
  >/dev/null 2>&1
# start_run N: a server on a copy of the seed in $tmp/run-N; sets run_pid, run_url, run_host, run_token
start_run() {
  local h=$tmp/run-$1
  mkdir -p "$h/home/.local"
  cp -r "$tmp/seed/share" "$h/home/.local/share"
  HOME="$h/home" XDG_DATA_HOME="$h/home/.local/share" UNHUNCH_DATA_DIR="$root/data" \
    "$bin" serve --listen 127.0.0.1:0 >"$h/serve.out" 2>"$h/serve.err" &
  run_pid=$!
  for _ in $(seq 100); do grep -q 'http://' "$h/serve.out" 2>/dev/null && break; sleep 0.1; done
  run_url=$(grep -o 'http://[^ ]*/' "$h/serve.out" | head -1)
  [ -n "$run_url" ] || { cat "$h/serve.err" >&2; exit 1; }
  run_host=${run_url#http://}
  run_host=${run_host%/}
  run_token=$(curl -s "${run_url}api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
}
stop_run() { kill "$run_pid" 2>/dev/null; wait "$run_pid" 2>/dev/null; run_pid=; }
# the n-th request of thread id: its day, in seconds
if [ "$checkin_days" = back ]; then
  day_of="$(( seed_end - 3653 * 86400 )) - ((id or 0) * 20000 + n) * 86400"
else
  day_of="$seed_end + (2 * n - 1 + (id or 0)) * 86400"
fi
run_s=$(( duration / checkin_runs > 0 ? duration / checkin_runs : 1 ))
ck_req=0 ck_secs=0 ck_err=0 ck_stored=0 ck_p50=() ck_p99=()
for ((k = 0; k < checkin_runs; k++)); do
  start_run "$k"
  cat > "$tmp/checkin-$k.lua" <<LUA
local n = 0
local headers = { ["Content-Type"] = "application/json", ["Origin"] = "http://$run_host",
                  ["X-CSRF-Token"] = "$run_token" }
function setup(thread) thread:set("id", (setup_n or 0)); setup_n = (setup_n or 0) + 1 end
function request()
  n = n + 1
  local day = os.date("!%Y-%m-%d", $day_of)
  return wrk.format("POST", "/api/v1/checkins", headers,
    '{"date": "' .. day .. '", "pain": 3, "regions": {"neck": 2}}')
end
LUA
  # one check-in first, of a day no run takes: the server's first reads the ten years (its
  # safety fold), which the row does not time; its answer is nginx's file
  curl -s -X POST -H 'Content-Type: application/json' -H "Origin: http://$run_host" -H "X-CSRF-Token: $run_token" \
    --data-binary "{\"date\": \"$(date -u -d "1900-01-02 + $k days" +%F)\", \"pain\": 3, \"regions\": {\"neck\": 2}}" \
    "${run_url}api/v1/checkins" > "$tmp/first-$k"
  if [ "$k" -eq 0 ]; then
    cp "$tmp/first-$k" "$tmp/nginx/www/checkin"
    ck_size=$(stat -c %s "$tmp/nginx/www/checkin")
  fi
  before=$(sqlite3 "$tmp/run-$k/home/.local/share/unhunch/unhunch.db" 'SELECT count(*) FROM checkins')
  read -r -a u <<<"$(DURATION=$run_s duration=$run_s measure "unhunch-checkin-$k" "$run_url" "$tmp/checkin-$k.lua")"
  after=$(sqlite3 "$tmp/run-$k/home/.local/share/unhunch/unhunch.db" 'SELECT count(*) FROM checkins')
  ck_req=$(( ck_req + $(awk '/requests in/ {print $1}' "$tmp/wrk-unhunch-checkin-$k.txt") ))
  ck_secs=$(python3 -c "print($ck_secs + $(awk '/requests in/ {sub(/s,$/, "", $4); print $4}' "$tmp/wrk-unhunch-checkin-$k.txt"))")
  ck_err=$(( ck_err + u[3] ))
  ck_stored=$(( ck_stored + after - before ))
  ck_p50+=("${u[1]}")
  ck_p99+=("${u[2]}")
  if [ "$k" -eq $((checkin_runs - 1)) ]; then
    # Today on the store this run filled (the ten years and the check-ins)
    curl -s "$run_url" > "$tmp/nginx/www/today-full"
    read -r -a tf <<<"$(measure "unhunch-today-full" "$run_url")"
  fi
  stop_run
done
# wrk's latencies ("850.00us", "12.34ms", "1.20s") in ms, then the median of the p50s and the worst p99
to_ms() { python3 -c "import sys; u={'us':1e-3,'ms':1,'s':1000}; out=[]
for v in sys.argv[1:]:
    for suf in ('us','ms','s'):
        if v.endswith(suf): out.append(float(v[:-len(suf)])*u[suf]); break
print(' '.join(f'{x:.2f}' for x in out))" "$@"; }
read -r -a p50s <<<"$(to_ms "${ck_p50[@]}")"
read -r -a p99s <<<"$(to_ms "${ck_p99[@]}")"
ck_rps=$(python3 -c "print(f'{$ck_req / $ck_secs:.2f}')")
ck_p50m=$(python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}ms')" "${p50s[@]}")
ck_p99w=$(python3 -c "import sys; print(f'{max(map(float, sys.argv[1:])):.2f}ms')" "${p99s[@]}")
read -r -a n <<<"$(measure "nginx-checkin" "http://127.0.0.1:$nport/checkin")"
printf '%-10s %8s | %10s %8s %8s %6s | %10s %8s %8s | %5.0f%%\n' checkin "$ck_size" "$ck_rps" "$ck_p50m" "$ck_p99w" "$ck_err" \
  "${n[0]}" "${n[1]}" "${n[2]}" "$(python3 -c "print(100 * $ck_rps / ${n[0]})")"
echo "@row	serve checkin: requests/s, p99	${ck_rps}/s, ${ck_p99w}	as nginx's file	nginx ${n[0]}/s, ${n[2]}" >>"$tmp/rows"
echo "  check-in runs: $checkin_runs of ${run_s} s; p50s ${ck_p50[*]}; p99s ${ck_p99[*]}"
echo "  check-ins stored by the runs: $ck_stored; answers wrk counted: $ck_req (a request still in flight when a run ends is stored, not counted)"
read -r -a n <<<"$(measure "nginx-today-full" "http://127.0.0.1:$nport/today-full")"
printf '%-10s %8s | %10s %8s %8s %6s | %10s %8s %8s | %5.0f%%\n' today-full "$(stat -c %s "$tmp/nginx/www/today-full")" \
  "${tf[0]}" "${tf[1]}" "${tf[2]}" "${tf[3]}" "${n[0]}" "${n[1]}" "${n[2]}" "$(python3 -c "print(100 * ${tf[0]} / ${n[0]})")"
echo "@row	serve today-full: requests/s, p99	${tf[0]}/s, ${tf[2]}	as nginx's file	nginx ${n[0]}/s, ${n[2]}" >>"$tmp/rows"

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
