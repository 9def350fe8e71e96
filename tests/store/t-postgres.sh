#!/usr/bin/env bash
# t-postgres.sh CONFORMANCE STORE-VERSION: the store conformance suite on PostgreSQL,
# and the backend's own migrations. Starts a throwaway cluster (initdb and pg_ctl as an
# unprivileged user when run as root: the server refuses root), listening only on a
# unix socket in a temporary folder, runs the suite against it by URL and by a libpq
# key=value string, checks that a database of a newer schema is refused and left as
# it was, and stops the server by the process id in postmaster.pid, on failure too.
set -u
conf=$(realpath "${1:?usage: t-postgres.sh STORE-CONFORMANCE STORE-VERSION}")
version=$(realpath "${2:?usage: t-postgres.sh STORE-CONFORMANCE STORE-VERSION}")
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
  echo "FAIL: no PostgreSQL server programs (scripts/deps.sh test installs postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/unhunch-pg.XXXXXX)
run=()
if [ "$(id -u)" -eq 0 ]; then
  user=postgres
  id -u "$user" >/dev/null 2>&1 || user=nobody
  chown "$user" "$dir"
  run=(runuser -u "$user" --)
fi

stop() {
  local pid
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -INT "$pid" # a fast shutdown
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -rf "$dir"
}
trap stop EXIT

cd /tmp || exit 1
"${run[@]}" "$PGBIN/initdb" -D "$dir/data" -U unhunch -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; echo "FAIL: initdb" >&2; exit 1; }
"${run[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses='' -k $dir -c fsync=off" start >/dev/null ||
  { cat "$dir/server.log" >&2; echo "FAIL: pg_ctl start" >&2; exit 1; }

status=0
# by URL (the socket folder as the host, percent-encoded)
url="postgresql:///postgres?host=$(printf '%s' "$dir" | sed 's|/|%2F|g')&user=unhunch"
UNHUNCH_TEST_STORE="$url" "$conf" || { echo "FAIL: conformance by URL" >&2; status=1; }
# by a libpq key=value string
UNHUNCH_TEST_STORE="host=$dir dbname=postgres user=unhunch" "$conf" ||
  { echo "FAIL: conformance by key=value" >&2; status=1; }

# migrations: a new database is made at the newest schema; one of a newer schema is
# refused with a clear message and left as it was
psql() { "$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch "$@"; }
psql -d postgres -c "CREATE DATABASE fresh" || status=1
out=$("$version" "host=$dir dbname=fresh user=unhunch" 2>&1)
[ "$out" = "postgresql 1" ] || { echo "FAIL: a new database: [$out]" >&2; status=1; }
out=$("$version" "host=$dir dbname=fresh user=unhunch" 2>&1)
[ "$out" = "postgresql 1" ] || { echo "FAIL: opened again: [$out]" >&2; status=1; }
psql -d fresh -c "INSERT INTO unhunch_schema(version) VALUES (99)" || status=1
before=$(psql -d fresh -c "SELECT string_agg(version::text, ',' ORDER BY version) FROM unhunch_schema")
out=$("$version" "host=$dir dbname=fresh user=unhunch" 2>&1)
case "$out" in
  *"schema version 99 is newer than this program knows (1)"*) ;;
  *) echo "FAIL: a newer schema is refused: [$out]" >&2; status=1 ;;
esac
after=$(psql -d fresh -c "SELECT string_agg(version::text, ',' ORDER BY version) FROM unhunch_schema")
[ "$before" = "1,99" ] && [ "$after" = "$before" ] || { echo "FAIL: left as it was: [$before] [$after]" >&2; status=1; }
# an unreachable server is a clear error, not a crash
out=$("$version" "host=$dir/none dbname=x user=unhunch connect_timeout=2" 2>&1)
case "$out" in
  *"could not connect to the PostgreSQL store"*) ;;
  *) echo "FAIL: no server: [$out]" >&2; status=1 ;;
esac
[ $status -eq 0 ] && echo "ok: conformance by URL and key=value, migrations, a newer schema refused"
exit $status
