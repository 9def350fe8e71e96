# t-full-stops.sh: the sentences the program shows end with a full stop (issue 19.10).
# tests/cli/full-stops.py reads them from the content files, the strings in src/ and the
# web templates; the deliberate exceptions (headings, labels, status lines) are listed
# with why in tests/cli/full-stops.allow.
. "$(dirname "$0")/lib.sh"
if out=$(python3 "$SRC/tests/cli/full-stops.py" "$SRC" 2>&1); then ok; else fail "sentences without a full stop:
$out"; fi
finish
