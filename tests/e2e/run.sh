#!/usr/bin/env bash
# run.sh: the browser tests (new-user.mjs on the fresh store first, then pages.mjs on a
# store whose plan offers a different exercise, checkin.mjs, screening.mjs) against a
# real `unhunch serve` in a temporary HOME (clinic mode: clinic.sh), with a second local server on another port playing a foreign web site.
# Screenshots go to $BUILD/screenshots/. Needs Chromium (/usr/bin/chromium), Node.js 20
# and the npm packages of package-lock.json (scripts/deps.sh test installs them all).
. "$(dirname "$0")/../http/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
for need in /usr/bin/chromium "$SRC/node_modules/playwright-core" "$SRC/node_modules/axe-core"; do
  [ -e "$need" ] || { echo "FAIL: $need is missing (run scripts/deps.sh test)" >&2; exit 1; }
done
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { echo "FAIL: Node.js 20 or newer is needed (found $(node --version))" >&2; exit 1; }

serve_start

# the foreign site: a page that posts a form to whatever address it is given
mkdir -p "$TMP/elsewhere"
cat > "$TMP/elsewhere/post.html" <<'HTML'
<!doctype html><title>Another site</title>
<form id="f" method="post"><input name="text" value="routines: []"><input name="csrf" value="guessed"></form>
<script>
const target = new URLSearchParams(location.search).get('target');
if (target !== 'none') { const f = document.getElementById('f'); f.action = target; f.submit(); }
</script>
HTML
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$TMP/elsewhere" >"$TMP/elsewhere.out" 2>&1 &
OTHER_PID=$!
trap 'kill "$OTHER_PID" 2>/dev/null; wait "$OTHER_PID" 2>/dev/null; serve_kill; rm -rf "$TMP"' EXIT
for _ in $(seq 600); do
  OTHER=$(grep -o 'http://127.0.0.1:[0-9]*/' "$TMP/elsewhere.out" | head -1)
  [ -n "$OTHER" ] && break
  sleep 0.1
done
[ -n "$OTHER" ] || { echo "FAIL: the foreign site did not start" >&2; cat "$TMP/elsewhere.out" >&2; exit 1; }

rm -f "$BUILD/screenshots"/*.png # its own; clinic.sh keeps its in screenshots/clinic
# first, while the store is fresh; it leaves it empty again
if HOME="$TMP/home" NODE_PATH="$SRC/node_modules" node "$here/new-user.mjs" "$URL" "$BUILD/screenshots"; then
  ok
else
  fail "a new user's first visit in the browser (see above)"
fi
# pages.mjs's store: the glute bridge at the top of its own steps, so the Plan page
# offers a different exercise (with its button: no page names a command), and nothing
# else (the safety questions not answered: every other page as on a fresh store);
# emptied again after, for the tests that start from a fresh store
"$UNHUNCH" export --format json |
  jq ".plan_changes += [$(plan_change glute-bridge progress two-good-and-easy 10 10 false top glute-bridge-loaded)]" \
  >"$TMP/offer.json"
forget_all() { printf 'delete\n' | "$UNHUNCH" forget --all >/dev/null 2>&1; }
forget_all
"$UNHUNCH" import "$TMP/offer.json" >"$TMP/import.out" 2>&1 || fail "the store with an offer: $(cat "$TMP/import.out")"
if HOME="$TMP/home" NODE_PATH="$SRC/node_modules" node "$here/pages.mjs" "$URL" "$BUILD/screenshots" "$OTHER"; then
  ok
else
  fail "browser tests (see above)"
fi
forget_all
if HOME="$TMP/home" NODE_PATH="$SRC/node_modules" node "$here/checkin.mjs" "$URL" "$BUILD/screenshots" "$OTHER"; then
  ok
else
  fail "check-in in the browser (see above)"
fi
if HOME="$TMP/home" NODE_PATH="$SRC/node_modules" node "$here/screening.mjs" "$URL" "$BUILD/screenshots"; then
  ok
else
  fail "safety questions in the browser (see above)"
fi
serve_stop
check "server stops cleanly" 0 "$SERVE_RC"

finish
