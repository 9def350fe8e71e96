# t-browser.sh: the player's modules and the trace scripts in Chromium (browser.mjs).
# Needs Chromium, Node.js 20, espeak-ng and the npm packages of package-lock.json
# (scripts/deps.sh test installs them).
set -u
: "${ENGINE_TRACE:?}" "${ENGINE_WASM:?}" "${SRC:?}"
for need in /usr/bin/chromium "$SRC/node_modules/playwright-core"; do
  [ -e "$need" ] || { echo "FAIL: $need is missing (run scripts/deps.sh test)" >&2; exit 1; }
done
TMP=$(mktemp -d /tmp/unhunch-browser.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
dirs=("$SRC/data" "$SRC/tests/cli/content")
for script in "$SRC"/tests/wasm/scripts/*.txt; do
  name=$(basename "$script" .txt)
  cp "$script" "$TMP/$name.txt"
  "$ENGINE_TRACE" content "$(sed -n 's/^@routine //p' "$script")" "${dirs[@]}" >"$TMP/$name.json" || exit 1
  "$ENGINE_TRACE" run "$script" "${dirs[@]}" >"$TMP/$name.native" || exit 1
done
mkdir -p "$TMP/home"
HOME="$TMP/home" node "$SRC/tests/wasm/browser.mjs" "$ENGINE_WASM" "$TMP"
