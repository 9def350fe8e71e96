#!/usr/bin/env bash
# on-postgres.sh [SCRIPT...]: the command's end-to-end scripts (tests/cli/t-*.sh and
# tests/http/t-clinic-serve.sh, t-clinic-custody.sh, t-clinic-2fa.sh, t-clinic-admin-web.sh and t-attack-*.sh, tests/e2e/clinic.sh, or the ones named) with the store on PostgreSQL
# instead of the SQLite file. Starts a throwaway cluster (tests/helpers/pg-cluster.sh),
# makes the schema once as the owner, and runs every script with UNHUNCH pointing at
# a small wrapper that sets UNHUNCH_STORE to a database of the script's data folder,
# connected as an application role that owns no table (row-level security holds,
# docs/postgres.md).
# A new data folder (a test starting afresh, or deleting it) gets a new, empty
# database, as it would get a new SQLite file. Needs UNHUNCH, SRC, STORE_VERSION.
set -u
: "${UNHUNCH:?set UNHUNCH to the built binary}" "${SRC:?set SRC to the source tree}"
: "${STORE_VERSION:?set STORE_VERSION to the built store-version helper}"
from=$PWD
. "$SRC/tests/helpers/pg-cluster.sh"
cd /tmp || exit 1

pg_psql -d postgres -v ON_ERROR_STOP=1 >/dev/null -c "CREATE ROLE unhunch_app LOGIN" -c "CREATE DATABASE tpl" ||
  exit 1
"$STORE_VERSION" "host=$dir dbname=tpl user=unhunch" >/dev/null || exit 1
pg_psql -d tpl -v ON_ERROR_STOP=1 >/dev/null -c "GRANT USAGE ON SCHEMA public TO unhunch_app" \
  -c "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO unhunch_app" \
  -c "REVOKE INSERT, UPDATE, DELETE ON unhunch_schema FROM unhunch_app" || exit 1
chmod 755 "$dir" # the scripts' own users reach the socket

wrapper="$dir/unhunch"
cat >"$wrapper" <<WRAP
#!/usr/bin/env bash
# the data folder as the program finds it (cli/paths.c), and its database
d=\${XDG_DATA_HOME:-}
case "\$d" in /*) ;; *)
  h=\${HOME:-}
  case "\$h" in /*) ;; *) h=\$(getent passwd "\$(id -u)" | cut -d: -f6) ;; esac
  d=\$h/.local/share ;;
esac
m=\$d/unhunch/.postgres-db
db=
[ -s "\$m" ] && db=\$(cat "\$m")
if [ -z "\$db" ]; then
  db=t\$(date +%s%N)_\$\$
  "$PGBIN/psql" -X -q -h "$dir" -U unhunch -d postgres -c "CREATE DATABASE \$db TEMPLATE tpl" >/dev/null || exit 1
  mkdir -p "\$d/unhunch" 2>/dev/null && printf '%s' "\$db" >"\$m" 2>/dev/null
fi
UNHUNCH_STORE="host=$dir dbname=\$db user=unhunch_app" exec "$UNHUNCH" "\$@"
WRAP
chmod 755 "$wrapper"

scripts=()
for t in "$@"; do scripts+=("$(cd "$from" && realpath "$t")"); done
# by default every tests/cli script, and the clinic's web login (two servers, the
# throttle, one client's records never another's: row-level security as the app role;
# in Chromium through a proxy to two servers; the client in charge of their data;
# two-step login; the admin's page; the trainer's pages and forms); the attack tests
[ ${#scripts[@]} -gt 0 ] || scripts=("$SRC"/tests/cli/t-*.sh "$SRC"/tests/http/t-clinic-serve.sh "$SRC"/tests/e2e/clinic.sh
  "$SRC"/tests/http/t-clinic-custody.sh "$SRC"/tests/http/t-clinic-2fa.sh "$SRC"/tests/http/t-clinic-admin-web.sh
  "$SRC"/tests/http/t-clinic-trainer.sh "$SRC"/tests/http/t-attack-*.sh)
status=0
for t in "${scripts[@]}"; do
  start=$(date +%s)
  if UNHUNCH_REAL="$UNHUNCH" UNHUNCH="$wrapper" UNHUNCH_TEST_BACKEND=postgres bash "$t" >"$dir/out" 2>&1; then
    echo "ok   $(basename "$t") ($(($(date +%s) - start)) s): $(tail -n 1 "$dir/out")"
  else
    echo "FAIL $(basename "$t") ($(($(date +%s) - start)) s)"
    sed 's/^/    /' "$dir/out" | grep -v '^    ok' | tail -n 30
    status=1
  fi
done
exit $status
