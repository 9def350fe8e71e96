# attack-lib.sh: what the attack tests (t-attack-*.sh) share: a clinic of an admin, a
# trainer and two clients (cleo, "A", and cai, "B") made through the terminal, `serve
# --clinic` started, and curl helpers that log in and post as a browser would. Source
# after nothing else (it sources lib.sh). On PostgreSQL through make check-postgres
# (tests/cli/on-postgres.sh), whose UNHUNCH wrapper names the database.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
GOOD=$CLINIC_PASSWORD

# clinic_setup: ada (admin), tess (trainer), cleo and cai (her clients, by invitation)
clinic_setup() { clinic_seed cleo cai; }

# invite NAME [ARGS...]: a new invitation link from tess
invite() {
  local name=$1
  shift
  "$UNHUNCH" clinic invite --trainer tess --name "$name" --url https://x.example "$@" 2>&1 |
    grep -o 'https://x.example/invite/[A-Za-z0-9_-]*'
}

# login NAME PASSWORD [CURL-ARGS...]: JSON login; status in $st, headers $TMP/h, body $TMP/b
login() {
  local name=$1 pw=$2
  shift 2
  st=$(jq -cn --arg l "$name" --arg p "$pw" '{login: $l, password: $p}' |
    curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' -H "Origin: http://$HOSTPORT" \
      -H 'Content-Type: application/json' --data-binary @- "$@" "${URL}login")
}
cookie_of() { grep -i '^set-cookie:' "$TMP/h" | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r' | tail -1; }
# session NAME: log in; sets C (the Cookie header's value) and T (its CSRF token)
session() {
  login "$1" "$GOOD"
  [ "$st" = 200 ] || fail "log in as $1: $st $(cat "$TMP/b")"
  C=$(cookie_of)
  T=$(jq -r .csrf_token "$TMP/b")
}
get() { curl -s -o "$TMP/b" -w '%{http_code}' -H "Cookie: $2" "${URL}$1"; }
# post PATH COOKIE TOKEN BODY [CURL-ARGS...]: a JSON change from our own page
post() {
  local path=$1 cookie=$2 token=$3 body=$4
  shift 4
  curl -s -o "$TMP/b" -w '%{http_code}' -H "Origin: http://$HOSTPORT" -H "Cookie: $cookie" \
    -H "X-CSRF-Token: $token" -H 'Content-Type: application/json' --data-binary "$body" "$@" "${URL}$path"
}
# the number of check-ins a cookie's person sees
checkins_of() { get "api/v1/checkins" "$1" >/dev/null; jq '.checkins | length' "$TMP/b"; }
# no answer of the server was a 5xx (it logs each one)
no_5xx() {
  if grep -q ': 5[0-9][0-9]$' "$TMP/serve.err"; then fail "$1: the server answered 5xx: $(grep ': 5' "$TMP/serve.err" | head -3)"; else ok; fi
}
