# t-pictures.sh: every shipped exercise's pictures as SVG (`show --svg`) parse as XML,
# are self-contained (nothing fetched, nothing scripted) and draw with librsvg; the
# handout of a routine and of the plan are PDFs whose pages render, with every exercise
# in order; usage and write errors.
. "$(dirname "$0")/lib.sh"
SVGPNG="$BUILD/svg-png"
OUT="$TMP/out"
mkdir -p "$OUT"

# 1. every exercise draws, as valid, self-contained SVG
ids=$(sed -n 's/^  - id: //p' "$SRC"/data/exercises/*.yaml)
n=0
for id in $ids; do
  n=$((n + 1))
  f="$OUT/$id.svg"
  "$UNHUNCH" show "$id" --svg > "$f"
  check "$id svg exit" 0 $?
  err=$(xmllint --noout "$f" 2>&1)
  check "$id is XML" "" "$err"
  check "$id is SVG" 1 "$(head -c 200 "$f" | grep -c '^<svg xmlns="http://www.w3.org/2000/svg" width="[0-9.]*" height="[0-9.]*" viewBox=')"
  check "$id no script" 0 "$(grep -ci '<script\|javascript:\|on[a-z]*=' "$f")"
  check "$id nothing fetched" 0 "$(grep -Eci '(xlink:)?href=|src=|url\(|@import|<image|<use|<foreignObject' "$f")"
  check "$id the only web address is the namespace" 1 "$(grep -Eo 'https?://[^"]*' "$f" | sort -u | grep -c .)"
  check "$id numbers with a point" 0 "$(grep -Ec '="[0-9-]+,[0-9]' "$f")"
  "$SVGPNG" "$f" "$OUT/$id.png" >/dev/null 2>&1
  check "$id draws" 0 $?
  [ -s "$OUT/$id.png" ] && ok || fail "$id: no PNG"
done
[ "$n" -ge 40 ] && ok || fail "expected 40 or more shipped exercises, found $n"

# the same under a locale that writes decimal commas
if locale -a 2>/dev/null | grep -qi '^de_DE.utf-\?8$'; then
  LC_ALL=de_DE.UTF-8 "$UNHUNCH" show snow-angel --svg > "$OUT/de.svg"
  cmp -s "$OUT/de.svg" "$OUT/snow-angel.svg" && ok || fail "the German locale changes the SVG"
fi

# a side drawn from elsewhere gets a row of its own, named
out=$(cat "$OUT/neck-range-supported.svg")
for d in "tilt left" "tilt right" "look up" "look down"; do
  contains "neck row $d" ">$d</text>" "$out"
done

# 2. -o writes the file, replacing an old one whole
echo old > "$OUT/bridge.svg"
"$UNHUNCH" show glute-bridge --svg -o "$OUT/bridge.svg"
check "-o exit" 0 $?
cmp -s "$OUT/bridge.svg" "$OUT/glute-bridge.svg" && ok || fail "-o writes what stdout gets"
"$UNHUNCH" show glute-bridge --svg -o "$TMP/no/such/dir/x.svg" 2>"$TMP/err"
check "-o into a missing folder fails" 1 $?
contains "and says so" "cannot write" "$(cat "$TMP/err")"
"$UNHUNCH" show glute-bridge -o "$OUT/x.svg" >/dev/null 2>&1
check "-o without --svg is a usage error" 2 $?
"$UNHUNCH" show upper-back-activation --svg >/dev/null 2>"$TMP/err"
check "--svg of a routine is a usage error" 2 $?
contains "points to the handout" "unhunch handout upper-back-activation" "$(cat "$TMP/err")"
"$UNHUNCH" show no-such-thing --svg >/dev/null 2>&1
check "unknown id" 1 $?
# an exercise of the user's without a picture says so
mkdir -p "$XDG_DATA_HOME/unhunch"
cat > "$XDG_DATA_HOME/unhunch/mine.yaml" <<'YAML'
exercises:
  - id: my-stretch
    name: My stretch
    category: release
    purpose: Mine.
    steps: [Stretch.]
    cautions: [Gently.]
    dose: {duration: 30 s}
YAML
"$UNHUNCH" show my-stretch --svg >/dev/null 2>"$TMP/err"
check "no picture exit" 1 $?
contains "no picture said" "'my-stretch' has no picture" "$(cat "$TMP/err")"

# 3. the handout: a PDF, every page renders, the exercises in the routine's order
msg=$("$UNHUNCH" handout -o "$OUT/activation.pdf" 2>&1)
check "handout exit" 0 $?
contains "handout says where" "Handout written to $OUT/activation.pdf" "$msg"
check "a PDF" "%PDF-" "$(head -c 5 "$OUT/activation.pdf")"
pages=$(pdfinfo "$OUT/activation.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 3 ] && ok || fail "handout has $pages pages"
pdftoppm -r 40 -png "$OUT/activation.pdf" "$OUT/page"
check "every page renders" "$pages" "$(ls "$OUT"/page-*.png | wc -l)"
text=$(pdftotext -layout "$OUT/activation.pdf" -)
order=$(printf '%s\n' "$text" | tr -d '\f' | grep -Eo '^ *[1-8]\. (Glute bridge|Superman|V-raise|Scapular push-up|Snow angel|Neck range of motion, head supported|Shrug roll with weights|Relaxation snow angel)$' | sed 's/^ *//')
check "exercises in order" "1. Glute bridge
2. Superman
3. V-raise
4. Scapular push-up
5. Snow angel
6. Neck range of motion, head supported
7. Shrug roll with weights
8. Relaxation snow angel" "$order"
contains "steps" "Draw your shoulder blades down and back, toward your back pockets." "$text"
contains "cautions" "Take care" "$text"
contains "dose" "10 reps, 1 s hold in each rep" "$text"
contains "page numbers" "page $pages of $pages" "$text"
"$UNHUNCH" handout front-release -o "$OUT/release.pdf" >/dev/null
check "another routine" 0 $?
contains "its exercises" "Doorway chest stretch" "$(pdftotext "$OUT/release.pdf" -)"
# the plan's routines at today's doses
screen_clear
"$UNHUNCH" handout --plan -o "$OUT/plan.pdf" >/dev/null
check "plan handout" 0 $?
plan=$(pdftotext "$OUT/plan.pdf" -)
contains "plan title" "Your exercises, at today's doses" "$plan"
contains "plan has the activation routine" "Upper back activation" "$plan"
"$UNHUNCH" handout >/dev/null 2>&1
check "handout needs -o" 2 $?
"$UNHUNCH" handout no-such-routine -o "$OUT/x.pdf" >/dev/null 2>&1
check "unknown routine" 1 $?
"$UNHUNCH" handout front-release --plan -o "$OUT/x.pdf" >/dev/null 2>&1
check "routine and --plan" 2 $?
"$UNHUNCH" handout -o "$TMP/no/such/dir/h.pdf" >/dev/null 2>&1
check "handout into a missing folder" 1 $?
check "nothing half written" "" "$(ls -A "$OUT" | grep -v '\.svg$\|\.png$\|\.pdf$')"

finish
