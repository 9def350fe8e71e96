# t-validate.sh: every broken fixture gives exactly its expected file:line:col messages
# and exit 1; valid content and documentation examples give exit 0; usage errors exit 2.
. "$(dirname "$0")/lib.sh"

cd "$SRC/tests/fixtures/bad"
for f in *.yaml; do
  want=$(cat "${f%.yaml}.expect")
  got=$("$UNHUNCH" validate --alone "$f" 2>/dev/null)
  rc=$?
  check "$f exit" 1 "$rc"
  check "$f messages" "$want" "$got"
  # every message names file:line:col
  bad=$(printf '%s\n' "$got" | grep -cv "^$f:[0-9]*:[0-9]*: ")
  check "$f all located" 0 "$bad"
done

cd "$SRC"
"$UNHUNCH" validate data/*/*.yaml >/dev/null 2>&1
check "shipped content valid" 0 $?

"$UNHUNCH" validate >/dev/null 2>&1
check "no files is a usage error" 2 $?
"$UNHUNCH" validate --bogus x.yaml >/dev/null 2>&1
check "unknown flag is a usage error" 2 $?
out=$("$UNHUNCH" validate "$TMP/missing.yaml" 2>/dev/null)
check "missing file exit" 1 $?
contains "missing file message" "missing.yaml: cannot read" "$out"

# a routine of a trainer that uses shipped exercises resolves against the search path,
# and fails with --alone
cat > "$TMP/mine.yaml" <<'YAML'
routines:
  - id: my-short-activation
    name: My short activation
    description: Two exercises from the shipped set, at a lower dose.
    module: activation
    items:
      - {exercise: glute-bridge, reps: 8, hold: 1}
      - {exercise: superman, reps: 3, hold: 2}
YAML
"$UNHUNCH" validate "$TMP/mine.yaml" >/dev/null 2>&1
check "trainer routine valid with search path" 0 $?
out=$("$UNHUNCH" validate --alone "$TMP/mine.yaml" 2>/dev/null)
check "trainer routine alone fails" 1 $?
contains "alone names the unknown exercise" "mine.yaml:7:20: exercise: unknown exercise 'glute-bridge'" "$out"

# every ```yaml block of the format reference is a valid file on its own
n=0
awk -v dir="$TMP/doc" 'BEGIN{system("mkdir -p " dir)} /^```yaml/{inb=1; n++; f=sprintf("%s/example-%02d.yaml", dir, n); next} /^```/{inb=0; next} inb{print > f}' "$SRC/docs/content-format.md"
for f in "$TMP"/doc/example-*.yaml; do
  [ -e "$f" ] || continue
  n=$((n + 1))
  out=$("$UNHUNCH" validate "$f" 2>&1)
  check "doc example $(basename "$f") valid ($out)" 0 $?
done
[ "$n" -ge 3 ] && ok || fail "expected at least 3 yaml examples in docs/content-format.md, found $n"

finish
