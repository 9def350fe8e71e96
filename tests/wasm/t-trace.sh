# t-trace.sh: one engine in two places. Every script of scripts/ runs through the native
# engine (content from the YAML files, tests/helpers/engine-trace.c) and through
# engine.wasm in Node.js (content from the JSON the page gets, trace.mjs); the two
# event traces (every call's effects and screen, one JSON line each) must be equal
# byte for byte, and hold what the script expects (@expect lines) and nothing it
# must not (@absent lines).
set -u
: "${ENGINE_TRACE:?}" "${ENGINE_WASM:?}" "${SRC:?}"
TMP=$(mktemp -d /tmp/unhunch-trace.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
here="$SRC/tests/wasm"
dirs=("$SRC/data" "$SRC/tests/cli/content")
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

[ -s "$ENGINE_WASM" ] || { echo "FAIL: $ENGINE_WASM was not built" >&2; exit 1; }
n=0
for script in "$here"/scripts/*.txt; do
  name=$(basename "$script" .txt)
  routine=$(sed -n 's/^@routine //p' "$script")
  "$ENGINE_TRACE" content "$routine" "${dirs[@]}" >"$TMP/$name.json" || { fail "$name: content JSON"; continue; }
  "$ENGINE_TRACE" run "$script" "${dirs[@]}" >"$TMP/$name.native" || { fail "$name: native run"; continue; }
  node --no-warnings "$here/trace.mjs" "$ENGINE_WASM" "$TMP/$name.json" "$script" >"$TMP/$name.wasm" ||
    { fail "$name: wasm run"; continue; }
  lines=$(wc -l <"$TMP/$name.native")
  [ "$lines" -gt 3 ] && ok || fail "$name: only $lines engine calls"
  if cmp -s "$TMP/$name.native" "$TMP/$name.wasm"; then
    ok
  else
    fail "$name: the traces differ (native, then wasm):"
    diff <(tr ',' '\n' <"$TMP/$name.native") <(tr ',' '\n' <"$TMP/$name.wasm") | head -20 >&2
  fi
  while IFS= read -r want; do
    grep -qF -- "$want" "$TMP/$name.wasm" && ok || fail "$name: the trace has no [$want]"
  done < <(sed -n 's/^@expect //p' "$script")
  while IFS= read -r never; do
    grep -qF -- "$never" "$TMP/$name.wasm" && fail "$name: the trace has [$never]" || ok
  done < <(sed -n 's/^@absent //p' "$script")
  n=$((n + 1))
done
[ "$n" -ge 10 ] && ok || fail "only $n scripts ran"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
