# t-browser.sh: the web player in Chromium (tests/e2e/player.mjs), with the real server of
# the browser tests (tests/http/lib.sh): the player's modules as the server serves them,
# the trace scripts through engine.wasm in the page (equal to the native traces), the cue
# player on the audio clock, speech, clips, the wake lock; then a session finished with
# the server stopped, uploaded exactly once when it is back (player-offline.mjs), and a
# session started with the server away through the service worker (player-sw.mjs). Needs Chromium, Node.js 20,
# espeak-ng and the npm packages of package-lock.json (scripts/deps.sh test).
. "$(dirname "$0")/../http/lib.sh"
: "${ENGINE_TRACE:?}" "${ENGINE_WASM:?}"
for need in /usr/bin/chromium "$SRC/node_modules/playwright-core"; do
  [ -e "$need" ] || { echo "FAIL: $need is missing (run scripts/deps.sh test)" >&2; exit 1; }
done
dirs=("$SRC/data" "$SRC/tests/cli/content")
mkdir -p "$TMP/traces"
for script in "$SRC"/tests/wasm/scripts/*.txt; do
  name=$(basename "$script" .txt)
  cp "$script" "$TMP/traces/$name.txt"
  "$ENGINE_TRACE" content "$(sed -n 's/^@routine //p' "$script")" "${dirs[@]}" >"$TMP/traces/$name.json" || exit 1
  "$ENGINE_TRACE" run "$script" "${dirs[@]}" >"$TMP/traces/$name.native" || exit 1
done
serve_start
if HOME="$TMP/home" node "$SRC/tests/e2e/player.mjs" "$URL" "$ENGINE_WASM" "$TMP/traces"; then
  ok
else
  fail "the player in Chromium (see above)"
fi
serve_stop
check "server stops cleanly" 0 "$SERVE_RC"
# a session that outlives its server: stopped in the middle, finished, started again; the
# stored sets equal the sets done (tests/e2e/player-offline.mjs runs its own server)
if HOME="$TMP/home" node "$SRC/tests/e2e/player-offline.mjs"; then
  ok
else
  fail "the offline session in Chromium (see above)"
fi
# the service worker: a session started and finished with the server away, resumed after
# a reload, drained exactly once; pain and dizziness stops; history and progress --json
if HOME="$TMP/home" node "$SRC/tests/e2e/player-sw.mjs"; then
  ok
else
  fail "the service worker's offline session in Chromium (see above)"
fi
finish
