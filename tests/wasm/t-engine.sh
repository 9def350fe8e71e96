# t-engine.sh: the engine's JavaScript side in Node.js (engine.mjs).
set -u
: "${ENGINE_TRACE:?}" "${ENGINE_WASM:?}" "${SRC:?}"
TMP=$(mktemp -d /tmp/unhunch-engine.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
"$ENGINE_TRACE" content upper-back-activation "$SRC/data" >"$TMP/content.json" || exit 1
node --no-warnings "$SRC/tests/wasm/engine.mjs" "$ENGINE_WASM" "$TMP/content.json"
