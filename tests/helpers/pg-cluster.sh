# pg-cluster.sh: a throwaway PostgreSQL cluster for tests. Source it: it makes $dir
# (mktemp -d), runs initdb and pg_ctl as an unprivileged user when run as root (the
# server refuses root), listening only on a unix socket in $dir, and stops the server
# by the process id in postmaster.pid at exit, on failure too. The superuser is
# "unhunch" (trust over the socket); pg_psql runs psql as it. PG_OPTS: the server's
# settings (default "-c fsync=off": tests need no durability; a benchmark does).
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
  echo "FAIL: no PostgreSQL server programs (scripts/deps.sh test installs postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/unhunch-pg.XXXXXX)
pg_run=()
if [ "$(id -u)" -eq 0 ]; then
  pg_user=postgres
  id -u "$pg_user" >/dev/null 2>&1 || pg_user=nobody
  chown "$pg_user" "$dir"
  pg_run=(runuser -u "$pg_user" --)
fi

pg_stop() {
  local pid
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -INT "$pid" # a fast shutdown
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -rf "$dir"
}
trap pg_stop EXIT

(cd /tmp && "${pg_run[@]}" "$PGBIN/initdb" -D "$dir/data" -U unhunch -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$dir/initdb.log" 2>&1) || { cat "$dir/initdb.log" >&2; echo "FAIL: initdb" >&2; exit 1; }
(cd /tmp && "${pg_run[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses='' -k $dir ${PG_OPTS:--c fsync=off}" start >/dev/null) ||
  { cat "$dir/server.log" >&2; echo "FAIL: pg_ctl start" >&2; exit 1; }

pg_psql() { "$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch "$@"; }
