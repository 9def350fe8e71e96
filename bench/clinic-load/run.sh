#!/usr/bin/env bash
# bench/clinic-load/run.sh: the clinic under load (issue 18.9): many clients and trainers
# at once on two `unhunch serve --clinic` processes sharing one store, beside nginx
# serving a static file in the same run.
#
# Method. A clinic is made through the program (`unhunch clinic init`, `add-trainer`,
# `invite`, `accept`: TRAINERS trainers, CLIENTS clients spread over them), on
# PostgreSQL by default (a throwaway cluster on a unix socket, fsync on: a check-in is
# on disk before its answer; the servers connect as an application role that owns no
# table, so row-level security holds) or on one SQLite file (STORE=sqlite). Two servers
# (the release build, 2 threads each) listen on loopback. Every person logs in through
# them (seed.py); each client answers the safety questions and gets a pass from the
# gate. Then wrk (THREADS threads, CONNECTIONS connections per server, keep-alive) runs
# one process per server at once, load.lua giving each request to the next person of
# that process's share of the people (no two requests write the same person's day):
#  1. each route alone for DURATION s: a check-in of a new day (POST, committed before
#     the answer), a set of the web player's session (POST, idempotency key), the gate
#     (POST /api/v1/session/pass), Today, the today API, Progress, and a trainer's
#     dashboard (GET /clinic; a thread with no trainer in its share asks for Today
#     instead); requests per second
#     (both servers together), p50 and p99 (the worse server's), and every non-2xx answer
#     or socket error; beside it nginx (2 workers) serving a file the size of the
#     Today page, the ceiling for that many bytes on this machine in the same run;
#  2. a soak: the mix of those routes (every tenth request a trainer's dashboard, page or
#     JSON) for SOAK s, the resident memory of each server (VmRSS) and of PostgreSQL's
#     processes together read every 10 s, in two parts (smaps_rollup, summed over the
#     postmaster and its children): their own memory (Pss_Anon + Pss_File: what each
#     process allocates, and the files it maps) and the shared memory they have touched
#     (Pss_Shmem: mostly the buffer cache, which fills as pages are read, up to the size
#     PostgreSQL set aside for it, `SHOW shared_memory_size`). The verdict wants 0
#     errors, each server's memory and PostgreSQL's own flat after the first minute (the
#     last minute's mean against the second minute's; a passing peak printed with the
#     process that held it)
#     (within 10 %, 2 MB), and PostgreSQL's shared memory within what it set aside.
# wrk, the servers, PostgreSQL and nginx share the machine's cores: compare the columns
# of one run.
#
# Usage: bash bench/clinic-load/run.sh [path/to/unhunch]
#   CLIENTS=200 TRAINERS=10 DURATION=10 SOAK=600 CONNECTIONS=25 THREADS=2 STORE=postgres
#   PG_SETTINGS="-c log_statement=all" (more of PostgreSQL's settings),
#   ROUTES="checkin today" (the routes measured alone; default all), KEEP=1 keeps the
#   temporary folder (wrk's output, the servers' logs)
# Installs what it needs when missing (scripts/deps.sh bench: wrk, nginx, PostgreSQL).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(realpath "${1:-$root/build/unhunch}")
clients=${CLIENTS:-200}
trainers=${TRAINERS:-10}
duration=${DURATION:-10}
soak=${SOAK:-600}
conns=${CONNECTIONS:-25}
threads=${THREADS:-2}
store=${STORE:-postgres}
bash "$root/scripts/deps.sh" bench >/dev/null
[ -x "$bin" ] || { echo "no unhunch at $bin (run 'make' first)" >&2; exit 1; }
# each wrk thread of each of the two servers' wrk needs clients of its own
[ "$clients" -ge $((2 * threads)) ] || { echo "CLIENTS must be at least $((2 * threads))" >&2; exit 2; }
PASSWORD='a load test of the clinic'

tmp=$(mktemp -d /tmp/unhunch-bench-clinic.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ "$store" = postgres ] && [ -n "${KEEP:-}" ] && cp "$dir/server.log" "$tmp/postgres.log"
  [ -n "${KEEP:-}" ] || rm -rf "$tmp"
  [ "$store" = postgres ] && pg_stop
  return 0
}
export HOME=$tmp/home XDG_DATA_HOME=$tmp/home/.local/share UNHUNCH_DATA_DIR=$root/data
mkdir -p "$HOME"
if [ "$store" = postgres ]; then
  PG_OPTS="-c fsync=on -c max_connections=100 ${PG_SETTINGS:-}" . "$root/tests/helpers/pg-cluster.sh"
  trap cleanup EXIT
  pg_psql -d postgres -v ON_ERROR_STOP=1 >/dev/null -c "CREATE ROLE unhunch_app LOGIN" -c "CREATE DATABASE clinic"
  owner="host=$dir dbname=clinic user=unhunch"
  app="host=$dir dbname=clinic user=unhunch_app"
  chmod 755 "$dir"
else
  trap cleanup EXIT
  owner="sqlite:$tmp/clinic.db"
  app=$owner
fi

# the clinic, made as its operator would (the argon2id hash of each password: 2 at once)
t0=$(date +%s)
export UNHUNCH_STORE=$owner
"$bin" clinic init --login ada --name "Ada Admin" <<<"$PASSWORD" >/dev/null
for ((t = 1; t <= trainers; t++)); do
  "$bin" clinic add-trainer --admin ada --login "trainer$t" --name "Trainer $t" <<<"$PASSWORD" >/dev/null
done
for ((c = 1; c <= clients; c++)); do
  "$bin" clinic invite --trainer "trainer$(( (c - 1) % trainers + 1 ))" --name "Client $c" --url http://x.example |
    grep -o 'http://x.example/invite/[A-Za-z0-9_-]*' | sed "s/^/client$c /"
done >"$tmp/links"
accept() { "$bin" clinic accept --login "$1" < <(printf '%s\n%s\n' "$2" "$PASSWORD") >/dev/null; }
export -f accept
export bin PASSWORD
xargs -P 2 -n 2 bash -c 'accept "$0" "$1"' <"$tmp/links"
if [ "$store" = postgres ]; then
  pg_psql -d clinic -v ON_ERROR_STOP=1 >/dev/null -c "GRANT USAGE ON SCHEMA public TO unhunch_app" \
    -c "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO unhunch_app" \
    -c "REVOKE INSERT, UPDATE, DELETE ON unhunch_schema FROM unhunch_app"
fi
echo "clinic made: $trainers trainers, $clients clients, store $store ($(( $(date +%s) - t0 )) s)"

# two servers on the store, as the application role
urls=() serve_pids=()
for s in 1 2; do
  UNHUNCH_STORE=$app "$bin" serve --clinic --second-factor optional --listen 127.0.0.1:0 >"$tmp/serve$s.out" 2>"$tmp/serve$s.err" &
  pids+=($!) serve_pids+=($!)
  u=
  for _ in $(seq 100); do
    u=$(grep -o 'http://[^ ]*/' "$tmp/serve$s.out" 2>/dev/null | head -1 || true)
    [ -n "$u" ] && break
    sleep 0.1
  done
  [ -n "$u" ] || { echo "server $s did not start:" >&2; cat "$tmp/serve$s.err" >&2; exit 1; }
  urls+=("$u")
done
{ for ((t = 1; t <= trainers; t++)); do echo "trainer trainer$t"; done
  for ((c = 1; c <= clients; c++)); do echo "client client$c"; done; } |
  python3 "$here/seed.py" "$PASSWORD" "$tmp/ids" "${urls[@]}"
echo "logged in: $(wc -l <"$tmp/ids") people, through both servers ($(( $(date +%s) - t0 )) s)"

# nginx: a file the size of the Today page
cookie=$(awk '$1 == "client" {print $2; exit}' "$tmp/ids")
mkdir -p "$tmp/nginx/www" "$tmp/nginx/tmp"
curl -s -H "Cookie: __Host-unhunch=$cookie" "${urls[0]}" >"$tmp/nginx/www/today"
nport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/nginx/nginx.conf" <<EOF
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
pids+=($!)
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$nport/today" && break; sleep 0.1; done

# wrk_both NAME SECONDS [ROUTE]: one wrk per server at once (RUN: a new number each time)
run=0
wrk_both() {
  local name=$1 secs=$2 route=${3:-} s
  run=$((run + 1))
  for s in 0 1; do
    local u=${urls[$s]}
    IDS=$tmp/ids PART=$s PARTS=2 THREADS=$threads RUN=$run ROUTE=$route ORIGIN="${u%/}" \
      timeout $((secs + 60)) wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$here/load.lua" "$u" \
      >"$tmp/wrk-$name-$s.txt" 2>&1 &
    eval "wrk_pid_$s=\$!"
  done
  wait "$wrk_pid_0" "$wrk_pid_1" || true # figures() reads what each wrk said
}
# figures NAME: "req/s p50 p99 errors", both servers' wrk together
figures() {
  python3 - "$tmp/wrk-$1-0.txt" "$tmp/wrk-$1-1.txt" <<'PY'
import re, sys
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)$", v)
    return float(m[1]) * {"us": 0.001, "ms": 1, "s": 1000}[m[2]]
rps = p50 = p99 = errors = 0
for f in sys.argv[1:]:
    t = open(f).read()
    if "Requests/sec:" not in t:
        sys.exit(f"{f}: wrk gave no figures: {t[:300]}")
    rps += float(re.search(r"Requests/sec:\s+([\d.]+)", t)[1])
    p50 = max(p50, ms(re.search(r"^\s+50%\s+(\S+)", t, re.M)[1]))
    p99 = max(p99, ms(re.search(r"^\s+99%\s+(\S+)", t, re.M)[1]))
    if "load.lua:" in t:
        sys.exit(f"{f}: the script failed: " + t.split("load.lua:", 2)[-1][:200])
    for pat in (r"Not 2xx:\s+(\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"):
        m = re.search(pat, t)
        if m:
            errors += sum(int(x) for x in m.groups())
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {errors}")
PY
}

echo
printf '%-10s | %10s %8s %8s %6s | %10s %8s %8s\n' ROUTE "UNHUNCH/S" "P50 ms" "P99 ms" ERRORS "NGINX/S" "P50 ms" "P99 ms"
size=$(stat -c %s "$tmp/nginx/www/today")
timeout $((duration + 60)) wrk -t"$threads" -c$((2 * conns)) -d"${duration}s" --latency "http://127.0.0.1:$nport/today" \
  >"$tmp/wrk-nginx-0.txt"
cp "$tmp/wrk-nginx-0.txt" "$tmp/wrk-nginx-1.txt"
read -r -a n <<<"$(figures nginx)"
n[0]=$(python3 -c "print(round(${n[0]} / 2))") # the same run counted twice above
for route in ${ROUTES:-checkin set pass today api_today progress dashboard}; do
  wrk_both "$route" "$duration" "$route"
  read -r -a u <<<"$(figures "$route")"
  printf '%-10s | %10s %8s %8s %6s | %10s %8s %8s\n' "$route" "${u[0]}" "${u[1]}" "${u[2]}" "${u[3]}" "${n[0]}" "${n[1]}" "${n[2]}"
  echo "@row	clinic $route: req/s, p99 (2 servers)	${u[0]}/s, ${u[2]} ms, ${u[3]} errors	0 errors	nginx ${n[0]}/s, ${n[2]} ms (${size}-byte file)	$([ "${u[3]}" = 0 ] && echo ok || echo MISSED)" >>"$tmp/rows"
done

# the soak: the mix on both servers, memory every 10 s
echo
echo "soak: the mix for ${soak} s on both servers; memory every 10 s (kB: each server's VmRSS; PostgreSQL's own and shared, Pss summed)"
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# PostgreSQL's processes share its buffer cache: each one's VmRSS counts every shared page
# it has touched, so their sum grows with the pages touched, not with memory used. Their
# proportional set sizes (Pss: a shared page counted once, split among its users) add up
# to what they really hold; split into their own (anonymous and file pages) and the
# shared memory (the buffer cache, a fixed size set aside at start that fills as it is
# used: growth there up to that size is the cache warming, not a leak).
pss_part() { awk -v k="$2" '$1 == k {print $2; f = 1} END {if (!f) print 0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
pg_mem() { # own|shared
  [ "$store" = postgres ] || { echo 0; return; }
  local pm total=0 p
  pm=$(head -n 1 "$dir/data/postmaster.pid")
  for p in $pm $(pgrep -P "$pm"); do
    if [ "$1" = own ]; then
      total=$((total + $(pss_part "$p" Pss_Anon:) + $(pss_part "$p" Pss_File:)))
    else
      total=$((total + $(pss_part "$p" Pss_Shmem:)))
    fi
  done
  echo $total
}
# PostgreSQL's process holding the most of its own memory now: "kB what-it-is-doing"
pg_top() {
  [ "$store" = postgres ] || { echo "0 -"; return; }
  local pm p kb best=0 who=-
  pm=$(head -n 1 "$dir/data/postmaster.pid")
  for p in $pm $(pgrep -P "$pm"); do
    kb=$(($(pss_part "$p" Pss_Anon:) + $(pss_part "$p" Pss_File:)))
    if [ "$kb" -gt "$best" ]; then
      best=$kb
      who=$(tr '\0 ' '__' <"/proc/$p/cmdline" 2>/dev/null | sed 's/_*$//')
    fi
  done
  echo "$best ${who:--}"
}
pg_shm_kb=0
if [ "$store" = postgres ]; then
  # PostgreSQL's own figure for the shared memory it set aside (PostgreSQL 15: in MB)
  pg_shm_kb=$(( $(pg_psql -d postgres -Atc "SHOW shared_memory_size" | tr -dc 0-9) * 1024 ))
fi
wrk_both soak "$soak" &
soak_pid=$!
s1=() s2=() pg=() pgs=() pgtop=()
for ((t = 0; t <= soak; t += 10)); do
  s1+=("$(rss "${serve_pids[0]}")") s2+=("$(rss "${serve_pids[1]}")") pg+=("$(pg_mem own)") pgs+=("$(pg_mem shared)")
  pgtop+=("$(pg_top)")
  if [ "$t" -lt "$soak" ]; then sleep 10; fi
done
wait "$soak_pid" || true
read -r -a u <<<"$(figures soak)"
# flat: a leak is memory that grows and stays. After the first minute (warming up), the
# mean of the last minute is no more than 10 % (and 2 MB) over the mean of the second
# minute, in every process; a peak that passes (a sort's work memory in one of
# PostgreSQL's processes) is printed, with the process that held the most then, and is
# no leak. PostgreSQL's shared memory no more than it set aside.
top_at_peak=$(python3 - "${pg[*]}" "$(printf '%s\n' "${pgtop[@]}")" <<'PY'
import sys
own = [int(x) for x in sys.argv[1].split()]
tops = sys.argv[2].split("\n")
if any(own) and len(tops) == len(own):
    i = max(range(len(own)), key=lambda k: own[k])
    kb, who = (tops[i].split(" ", 1) + ["-"])[:2]
    print(f"at {i * 10} s, the most in one process {kb} kB: {who.replace('_', ' ')}")
PY
)
flat=$(python3 - "${s1[*]}" "${s2[*]}" "${pg[*]}" "${pgs[*]}" "$pg_shm_kb" "$top_at_peak" <<'PY'
import sys
flat = True
for name, line in zip(("server 1", "server 2", "PostgreSQL's own (all its processes)"), sys.argv[1:4]):
    s = [int(x) for x in line.split()]
    if not any(s):
        continue
    later = s[6:] or s
    second, last = later[:6], later[-6:]
    base, end = sum(second) // len(second), sum(last) // len(last)
    grew = end - base
    ok = grew <= max(2048, base // 10)
    flat = flat and ok
    peak = f"; its peak {max(later)} kB" + (f" ({sys.argv[6]})" if name.startswith("PostgreSQL") and sys.argv[6] else "")
    print(f"  {name}: first {s[0]} kB, the second minute's mean {base} kB, the last minute's {end} kB{peak}"
          f"{'' if ok else '  (GREW ' + str(grew) + ' kB)'}", file=sys.stderr)
shared, bound = [int(x) for x in sys.argv[4].split()], int(sys.argv[5])
if any(shared):
    ok = max(shared) <= bound
    flat = flat and ok
    print(f"  PostgreSQL's shared memory (its buffer cache filling): first {shared[0]} kB, last {shared[-1]} kB,"
          f" most {max(shared)} kB of the {bound} kB it set aside{'' if ok else '  (OVER IT)'}", file=sys.stderr)
print("flat" if flat else "grew")
PY
)
echo "  requests/s ${u[0]} (both servers), p50 ${u[1]} ms, p99 ${u[2]} ms, errors ${u[3]}"
grep -h 'Non-2xx\|Socket errors' "$tmp"/wrk-soak-*.txt | sed 's/^/  /' || true
for s in 1 2; do
  if grep -qi 'error\|assert' "$tmp/serve$s.err"; then echo "  server $s said:"; sed 's/^/    /' "$tmp/serve$s.err" | head; fi
done
# the verdict: no error, and every process's memory flat after the first minute
echo "@row	clinic soak ${soak} s: req/s, p99, errors, memory	${u[0]}/s, ${u[2]} ms, ${u[3]} errors, memory $flat	0 errors, flat memory	nginx ${n[0]}/s	$([ "${u[3]}" = 0 ] && [ "$flat" = flat ] && echo ok || echo MISSED)" >>"$tmp/rows"
echo
echo "store $store, $trainers trainers, $clients clients; load average $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$tmp/rows"
