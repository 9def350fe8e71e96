# t-content-cache.sh: the loaded content is kept in $XDG_CACHE_HOME/unhunch and read back
# instead of the YAML files while no content file changed; a changed, added or removed
# file is read again, a broken one is reported with its file:line:col on every run and
# never kept, and a damaged cache is read as no cache.
. "$(dirname "$0")/lib.sh"

export XDG_CACHE_HOME="$HOME/.cache-here"
mine="$XDG_DATA_HOME/unhunch"
mkdir -p "$mine"

first=$("$UNHUNCH" routines 2>&1)
check "first run exit" 0 $?
# one file per program: unhunch-full's when the command was handed over to it
kept=$(ls "$XDG_CACHE_HOME"/unhunch/content-*.cache 2>/dev/null | head -n 1)
[ -n "$kept" ] && [ -s "$kept" ] && ok || fail "no content cache in $XDG_CACHE_HOME/unhunch after a run"
kept=${kept:-$XDG_CACHE_HOME/unhunch/none}
kept_at=$(stat -c %Y.%i "$kept")
second=$("$UNHUNCH" routines 2>&1)
check "the same routines from the cache" "$first" "$second"
check "the cache read, not written again" "$kept_at" "$(stat -c %Y.%i "$kept")"
check "the same exercise from the cache" "$(XDG_CACHE_HOME=/proc/none "$UNHUNCH" show superman --json)" \
  "$("$UNHUNCH" show superman --json)"

# a routine of the user's own: added, then changed (same size, same second), then removed
cat >"$mine/mine.yaml" <<'YAML'
routines:
  - id: my-short-routine
    name: My short routineA
    description: Two exercises from the shipped set.
    module: activation
    items:
      - {exercise: glute-bridge, reps: 8}
      - {exercise: superman, reps: 3}
YAML
contains "an added file is read" "My short routineA" "$("$UNHUNCH" routines 2>&1)"
# written in place (the same file, size and modification time): only its change time moves
sed 's/routineA/routineB/' "$mine/mine.yaml" >"$TMP/b.yaml"
touch -r "$mine/mine.yaml" "$TMP/was"
cat "$TMP/b.yaml" >"$mine/mine.yaml"
touch -r "$TMP/was" "$mine/mine.yaml"
out=$("$UNHUNCH" routines 2>&1)
contains "a changed file is read again" "My short routineB" "$out"
case $out in *routineA*) fail "the old name is still shown: $out" ;; *) ok ;; esac

# the user's version of a shipped routine is marked as such, from the cache too
cat >"$mine/over.yaml" <<'YAML'
routines:
  - id: let-shoulders-go
    name: Let your shoulders go, my way
    description: Mine.
    module: relaxation
    items:
      - {exercise: glute-bridge, reps: 2}
YAML
"$UNHUNCH" routines >/dev/null 2>&1
contains "an override from the cache" "Let your shoulders go, my way (your version)" "$("$UNHUNCH" routines 2>&1)"
rm "$mine/over.yaml"
case $("$UNHUNCH" routines 2>&1) in *"my way"*) fail "a removed file is still read" ;; *) ok ;; esac

# a broken file: reported with its place on every run, the cache neither used nor kept
cat >"$mine/mine.yaml" <<'YAML'
routines:
  - id: my-short-routine
    name: My short routine
    description: Two exercises from the shipped set.
    module: activation
    items:
      - {exercise: glute-bridgee, reps: 8}
YAML
for run in 1 2; do
  out=$("$UNHUNCH" routines 2>&1 >/dev/null)
  contains "broken file reported (run $run)" "mine.yaml:7:20: exercise: unknown exercise 'glute-bridgee'" "$out"
  contains "problems counted (run $run)" "1 problem in content files" "$out"
done
rm "$mine/mine.yaml"
check "whole again: nothing reported" "" "$("$UNHUNCH" routines 2>&1 >/dev/null)"

# a damaged cache is read as none, and written again
head -c 300 "$kept" >"$kept.cut" && mv "$kept.cut" "$kept"
check "a cut cache: routines as before" "$first" "$("$UNHUNCH" routines 2>&1)"
printf 'nonsense' >"$kept"
check "a nonsense cache: routines as before" "$first" "$("$UNHUNCH" routines 2>&1)"
[ "$(stat -c %s "$kept")" -gt 1000 ] && ok || fail "the damaged cache was not written again"

# a cache folder that cannot be written is no problem
out=$(XDG_CACHE_HOME=/proc/none "$UNHUNCH" routines 2>&1)
check "no cache folder: routines as before" "$first" "$out"

finish
