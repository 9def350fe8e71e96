#!/usr/bin/env bash
# t-postgres.sh CONFORMANCE STORE-VERSION STORE-MAKE-OLD: the store conformance suite
# on PostgreSQL, row-level security table by table (rls.sh), and the backend's own
# migrations. Starts a throwaway cluster (tests/helpers/
# pg-cluster.sh: a unix socket in a temporary folder, stopped by process id), runs
# the suite against it by URL and by a libpq
# key=value string (the second as an application role that owns no table, under
# row-level security), checks that the policies alone keep one person's rows from
# another, on every table of the catalog (rls.sh), that an older database is upgraded
# with its rows, and that a database of a newer schema is refused and left as it was.
set -u
conf=$(realpath "${1:?usage: t-postgres.sh STORE-CONFORMANCE STORE-VERSION STORE-MAKE-OLD}")
version=$(realpath "${2:?usage: t-postgres.sh STORE-CONFORMANCE STORE-VERSION STORE-MAKE-OLD}")
make_old=$(realpath "${3:?usage: t-postgres.sh STORE-CONFORMANCE STORE-VERSION STORE-MAKE-OLD}")
here=$(cd "$(dirname "$0")" && pwd)
newest=$(sed -n 's/^#define PG_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$here/../../src/store/pg-internal.h")
. "$here/../helpers/pg-cluster.sh"
cd /tmp || exit 1

status=0
# by URL (the socket folder as the host, percent-encoded)
url="postgresql:///postgres?host=$(printf '%s' "$dir" | sed 's|/|%2F|g')&user=unhunch"
UNHUNCH_TEST_STORE="$url" "$conf" || { echo "FAIL: conformance by URL" >&2; status=1; }
psql() { pg_psql "$@"; }
# the application's role, as docs/postgres.md sets it up: no superuser, owns nothing
psql -d postgres -v ON_ERROR_STOP=1 >/dev/null -c "CREATE ROLE unhunch_app LOGIN" \
  -c "GRANT USAGE ON SCHEMA public TO unhunch_app" \
  -c "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO unhunch_app" \
  -c "REVOKE INSERT, UPDATE, DELETE ON unhunch_schema FROM unhunch_app" || status=1
# by a libpq key=value string, as that role: every statement runs under the policies
UNHUNCH_TEST_RLS=1 UNHUNCH_TEST_STORE="host=$dir dbname=postgres user=unhunch_app" "$conf" ||
  { echo "FAIL: conformance by key=value as the application role" >&2; status=1; }

# row-level security on its own, with no WHERE of the program's: as the application
# role, a transaction naming person 7001 (or none) sees and changes none of 7002's rows
rls_fail() { echo "FAIL: row-level security: $*" >&2; status=1; }
psql -d postgres -v ON_ERROR_STOP=1 >/dev/null \
  -c "INSERT INTO sessions(person_id, routine_id, started_ms, status, pacing) VALUES
      (7001, 'r', 1, 'running', 'p'), (7002, 'r', 2, 'running', 'p')" \
  -c "INSERT INTO checkins(person_id, date, at_ms, pain) VALUES (7001, '2026-01-01', 1, 3), (7002, '2026-01-01', 2, 4)" \
  -c "INSERT INTO session_lock(person_id, holder, at_ms) VALUES (7002, 'other', 2)" || rls_fail "seeding"
as_app() { # PERSON SQL: the SQL's output in a transaction naming PERSON ('' for none)
  "$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d postgres -v ON_ERROR_STOP=1 \
    -c "BEGIN" -c "SELECT set_config('unhunch.person', '$1', true) IS NULL" -c "$2" -c "COMMIT" 2>&1 |
    sed 1d
}
out=$(as_app 7001 "SELECT count(*) FROM sessions WHERE person_id IN (7001, 7002)")
[ "$out" = 1 ] || rls_fail "person 7001 sees [$out] of the two sessions, not 1"
for t in sessions checkins session_lock; do
  out=$(as_app 7001 "SELECT count(*) FROM $t WHERE person_id = 7002")
  [ "$out" = 0 ] || rls_fail "person 7001 sees [$out] rows of 7002 in $t"
  out=$(as_app "" "SELECT count(*) FROM $t WHERE person_id IN (7001, 7002)")
  [ "$out" = 0 ] || rls_fail "no person named, [$out] rows seen in $t"
done
out=$(as_app 7001 "UPDATE checkins SET pain = 9 WHERE person_id = 7002")
[ "$out" = "" ] && [ "$(psql -d postgres -c "SELECT pain FROM checkins WHERE person_id = 7002")" = 4 ] ||
  rls_fail "person 7001 changed 7002's check-in [$out]"
as_app 7001 "DELETE FROM sessions WHERE person_id = 7002; DELETE FROM session_lock" >/dev/null
[ "$(psql -d postgres -c "SELECT count(*) FROM sessions WHERE person_id = 7002")" = 1 ] &&
  [ "$(psql -d postgres -c "SELECT count(*) FROM session_lock WHERE person_id = 7002")" = 1 ] ||
  rls_fail "person 7001 deleted 7002's rows"
for sql in "INSERT INTO checkins(person_id, date, at_ms) VALUES (7002, '2026-01-02', 3)" \
  "UPDATE sessions SET person_id = 7002 WHERE person_id = 7001" \
  "INSERT INTO session_lock(person_id, holder, at_ms) VALUES (7002, 'me', 3) ON CONFLICT(person_id) DO UPDATE SET holder = 'me'"; do
  out=$(as_app 7001 "$sql")
  case "$out" in
    *"row-level security"*) ;;
    *) rls_fail "person 7001 wrote as 7002 ($sql): [$out]" ;;
  esac
done
# and every table of person rows is under a policy that holds its owner too
out=$(psql -d postgres -c "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'person_id'
  WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND NOT (c.relrowsecurity
  AND c.relforcerowsecurity AND EXISTS(SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))")
[ -z "$out" ] || rls_fail "tables without a forced policy: $out"
# every table of the catalog, as every kind of person (rls.sh)
. "$here/rls.sh" || rls_fail "rls.sh did not run"

# an existing database of each older schema is upgraded, its rows kept, and its
# accounts then under the policies: account 2 sees only its own
# (schema 17's as an owner who is no superuser, rls.sh's, as docs/postgres.md sets one
# up: held to the FORCEd tables' policies, which the upgrade's sums must lift)
for old in $(seq 1 $((newest - 1))); do
  owner=unhunch
  [ $old -ne 17 ] || owner=unhunch_owner
  psql -d postgres -c "CREATE DATABASE old$old OWNER $owner" || status=1
  "$make_old" "host=$dir dbname=old$old user=$owner" $old || { echo "FAIL: make schema $old" >&2; status=1; }
  out=$(psql -d old$old -c "SELECT string_agg(version::text, ',' ORDER BY version) FROM unhunch_schema")
  [ "$out" = "$(seq -s, 1 $old)" ] || { echo "FAIL: made schema $old: [$out]" >&2; status=1; }
  psql -d old$old -v ON_ERROR_STOP=1 >/dev/null \
    -c "INSERT INTO sessions(person_id, routine_id, started_ms, status, pacing) VALUES (9001, 'r', 1, 'finished', 'p')" ||
    status=1
  [ $old -lt 4 ] || psql -d old$old -v ON_ERROR_STOP=1 >/dev/null -c "INSERT INTO accounts(role, login,
    display_name, password_hash, created_ms) VALUES ('client', 'a', 'A', 'x', 1), ('client', 'b', 'B', 'x', 1)" ||
    status=1
  # before schema 18: a check-in's places and a session's exercises and pains, summed
  # on their rows by the upgrade
  [ $old -ne 17 ] || psql -d old$old -v ON_ERROR_STOP=1 >/dev/null \
    -c "INSERT INTO checkins(id, person_id, date, at_ms, pain) OVERRIDING SYSTEM VALUE VALUES (77, 9001, '2026-01-01', 1, 3)" \
    -c "INSERT INTO checkin_regions(person_id, checkin_id, region, score) VALUES (9001, 77, 'neck', 3), (9001, 77, 'chest', 10)" \
    -c "INSERT INTO exercises(person_id, session_id, item, exercise_id, status, reps_done, duration_ms, at_ms)
        SELECT 9001, id, n, 'e' || n, CASE WHEN n < 3 THEN 'done' ELSE 'skipped' END, 5, 1, 2 FROM sessions,
        generate_series(0, 3) n" \
    -c "INSERT INTO pains(person_id, session_id, item, score, at_ms) SELECT 9001, id, 0, 4, 2 FROM sessions" || status=1
  out=$("$version" "host=$dir dbname=old$old user=$owner" 2>&1)
  [ "$out" = "postgresql $newest" ] || { echo "FAIL: schema $old upgraded: [$out]" >&2; status=1; }
  if [ $old -eq 17 ]; then
    out=$(psql -d old$old -c "SELECT regions FROM checkins" -c "SELECT n_done || ' ' || n_skipped || ' ' || n_pains FROM sessions")
    [ "$(echo $out)" = "$(( (3 + 1) + ((10 + 1) << 20) )) 3 1 1" ] || { echo "FAIL: schema 17 upgraded: the sums [$(echo $out)]" >&2; status=1; }
  fi
  out=$(psql -d old$old -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO unhunch_app" -c "SELECT count(*) FROM sessions")
  [ "$out" = 1 ] || { echo "FAIL: schema $old upgraded: the session [$out]" >&2; status=1; }
  if [ $old -ge 4 ]; then
    out=$("$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d old$old -c "BEGIN" \
      -c "SELECT set_config('unhunch.person', '2', true) IS NULL" -c "SELECT login FROM accounts" -c "COMMIT" | sed 1d)
    [ "$out" = a ] || { echo "FAIL: schema $old upgraded: account 2 sees [$out]" >&2; status=1; }
  fi
done

# migrations: a new database is made at the newest schema; one of a newer schema is
# refused with a clear message and left as it was
psql -d postgres -c "CREATE DATABASE fresh" || status=1
out=$("$version" "host=$dir dbname=fresh user=unhunch" 2>&1)
[ "$out" = "postgresql $newest" ] || { echo "FAIL: a new database: [$out]" >&2; status=1; }
out=$("$version" "host=$dir dbname=fresh user=unhunch" 2>&1)
[ "$out" = "postgresql $newest" ] || { echo "FAIL: opened again: [$out]" >&2; status=1; }
psql -d fresh -c "INSERT INTO unhunch_schema(version) VALUES (99)" || status=1
before=$(psql -d fresh -c "SELECT string_agg(version::text, ',' ORDER BY version) FROM unhunch_schema")
out=$("$version" "host=$dir dbname=fresh user=unhunch" 2>&1)
case "$out" in
  *"schema version 99 is newer than this program knows ($newest)"*) ;;
  *) echo "FAIL: a newer schema is refused: [$out]" >&2; status=1 ;;
esac
after=$(psql -d fresh -c "SELECT string_agg(version::text, ',' ORDER BY version) FROM unhunch_schema")
[ "$before" = "$(seq -s, 1 "$newest"),99" ] && [ "$after" = "$before" ] || { echo "FAIL: left as it was: [$before] [$after]" >&2; status=1; }
# an unreachable server is a clear error, not a crash
out=$("$version" "host=$dir/none dbname=x user=unhunch connect_timeout=2" 2>&1)
case "$out" in
  *"could not connect to the PostgreSQL store"*) ;;
  *) echo "FAIL: no server: [$out]" >&2; status=1 ;;
esac
[ $status -eq 0 ] && echo "ok: conformance by URL and key=value (under row-level security), the policies alone and on every table, upgrades, migrations, a newer schema refused"
exit $status
