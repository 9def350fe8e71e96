# t-commands.sh: routines, show, help and version as a user runs them.
. "$(dirname "$0")/lib.sh"

out=$("$UNHUNCH" routines)
check "routines exit" 0 $?
for id in upper-back-activation front-release breathe-and-relax let-shoulders-go posture-breaks; do
  contains "routines lists $id" "$id" "$out"
done
contains "routines shows module" "activation" "$out"
row=$(printf '%s\n' "$out" | grep '^upper-back-activation')
clock=$(printf '%s\n' "$row" | awk '{print $3}')
[[ $clock =~ ^[0-9]+:[0-5][0-9]$ ]] && ok || fail "routines shows the time as m:ss, not '$clock'"
# issue 19.10: the TIME header ends where the times do
hdr=$(printf '%s\n' "$out" | head -1)
hdr_before=${hdr%%TIME*}
row_before=${row%%"$clock"*}
check "time header aligned" "$(( ${#hdr_before} + 4 ))" "$(( ${#row_before} + ${#clock} ))"
# issue 19.4: routines, show and plan give the same length (show and plan to the nearest
# minute); routines --json in seconds
secs=$("$UNHUNCH" routines --json | python3 -c 'import json,sys; print([r["estimate_s"] for r in json.load(sys.stdin) if r["id"] == "upper-back-activation"][0])')
check "json seconds are the time shown" "$clock" "$(( secs / 60 )):$(printf %02d $(( secs % 60 )))"
mins=$(( (secs + 30) / 60 ))
contains "show agrees" "About $mins min" "$("$UNHUNCH" show upper-back-activation)"
contains "plan agrees" "Activation routine       Mon, Wed, Fri              about $mins min" "$("$UNHUNCH" plan)"

# the activation routine: all 8 exercises in order with the doses of the method
out=$("$UNHUNCH" show upper-back-activation)
check "show exit" 0 $?
order=$(printf '%s\n' "$out" | grep -E '^ ?[0-9]+\. ' | sed -E 's/^ ?([0-9]+)\. ([^:]*):.*/\1 \2/')
check "eight in order" "1 Glute bridge
2 Superman
3 V-raise
4 Scapular push-up
5 Snow angel
6 Neck range of motion, head supported
7 Shrug roll with weights
8 Relaxation snow angel" "$order"
contains "bridge dose" "Glute bridge: 10 reps, 1 s hold in each rep" "$out"
contains "superman dose" "Superman: 5 reps, 2 s hold in each rep" "$out"
contains "v-raise dose" "V-raise: 5-10 reps" "$out"
contains "scapular dose" "Scapular push-up: 10 reps" "$out"
contains "snow angel cycles" "Snow angel: 5 s contraction and 10 s relaxation at each of 4 positions" "$out"
contains "neck dose" "5-10 reps per direction" "$out"
contains "shrug dose" "Shrug roll with weights: 10 reps per direction (backward, forward)" "$out"
contains "relax dose" "Relaxation snow angel: 1-2 min" "$out"
contains "show names the file" "From: $SRC/data/routines/activation.yaml:" "$out"

out=$("$UNHUNCH" show glute-bridge)
contains "exercise purpose" "Purpose:" "$out"
contains "exercise steps" "  1. Lie on your back" "$out"
contains "exercise cautions" "Cautions:" "$out"
contains "exercise variants" "Easier version: " "$out"
out=$("$UNHUNCH" show shrug-roll)
contains "equipment stand-in" "or instead" "$out"
# issue 19.10: the Equipment line is wrapped to the terminal like the rest
check "no line over 78" "" "$(printf '%s\n' "$out" | awk 'length($0) > 78')"
out=$("$UNHUNCH" show neck-range-bed-edge)
contains "neck screen noted" "Needs the neck screen first" "$out"

out=$("$UNHUNCH" show glute-brige 2>&1)
check "unknown id exit" 1 $?
contains "unknown id did-you-mean" "did you mean 'glute-bridge'?" "$out"
"$UNHUNCH" show >/dev/null 2>&1
check "show without id" 2 $?

# JSON output parses and carries the doses
"$UNHUNCH" show --json upper-back-activation > "$TMP/r.json"
n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["items"]), d["items"][0]["dose"]["reps"]["min"], d["items"][4]["dose"]["cycles"]["contract_s"])' "$TMP/r.json")
check "show --json" "8 10 5" "$n"
"$UNHUNCH" routines --json > "$TMP/all.json"
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/all.json")
check "routines --json" 5 "$n"

# a trainer's own version replaces the shipped one, and show says so
mkdir -p "$XDG_DATA_HOME/unhunch"
sed 's/reps: 10$/reps: 12/' "$SRC/data/routines/activation.yaml" > "$XDG_DATA_HOME/unhunch/activation.yaml"
out=$("$UNHUNCH" show upper-back-activation)
contains "override used" "Glute bridge: 12 reps" "$out"
contains "override announced" "This is your own version; it replaces the one in $SRC/data/routines/activation.yaml" "$out"
# a broken file of the user's is reported with its position, and the rest still works
printf 'routines:\n  - id: broken\n    nme: x\n' > "$XDG_DATA_HOME/unhunch/broken.yaml"
out=$("$UNHUNCH" routines 2>&1)
check "broken user file does not stop routines" 0 $?
contains "broken file located" "broken.yaml:3:5: routine: unknown key 'nme' (did you mean 'name'?)" "$out"
rm "$XDG_DATA_HOME/unhunch/"*.yaml

# help and version
out=$("$UNHUNCH" --help)
contains "help lists start" "start" "$out"
for cmd in start history routines show validate help version; do
  out=$("$UNHUNCH" "$cmd" --help)
  check "$cmd --help exit" 0 $?
  contains "$cmd --help usage" "usage: unhunch $cmd" "$out"
done
out=$("$UNHUNCH" --version)
contains "version" "unhunch 0." "$out"
"$UNHUNCH" frobnicate >/dev/null 2>&1
check "unknown command" 2 $?
"$UNHUNCH" routines --bogus >/dev/null 2>&1
check "unknown flag" 2 $?

# issue 19.9: every option a command's --help names is in that command's entry of the
# man page (docs/unhunch.1), e.g. plan's --routine and the --feedback synopsis
for cmd in $(sed -n 's/^\t{ "\([a-z]*\)", .*/\1/p' "$SRC/src/cli/commands.c"); do
  "$UNHUNCH" "$cmd" --help >"$TMP/help-$cmd" 2>&1
done
missing=$(python3 - "$SRC/docs/unhunch.1" "$TMP" <<'PY'
import os, re, sys
man = open(sys.argv[1]).read().replace('\\-', '-').splitlines()
cmds = sorted(f[5:] for f in os.listdir(sys.argv[2]) if f.startswith('help-'))
# an entry: from ".TP" then ".B cmd" or ".BR cmd ..." to the next such header
entries, cur = {}, None
for i, line in enumerate(man):
    m = re.match(r'\.BR? (\S+)', line)
    if line.startswith('.SH'):
        cur = None
    elif i and man[i - 1] == '.TP' and m and not m.group(1).startswith('-'):
        cur = m.group(1) if m.group(1) in cmds else None
    if cur:
        entries[cur] = entries.get(cur, '') + line + '\n'
for c in cmds:
    # the usage lines and the option lines, not options of other commands named in the text
    text = ''.join(l for l in open(os.path.join(sys.argv[2], 'help-' + c))
                   if re.match(r'\s*(usage:|unhunch |-)', l))
    opts = set(re.findall(r'(?<![\w-])(--[a-z][a-z-]*)', text))
    opts.discard('--help')
    for o in sorted(opts):
        if o not in entries.get(c, ''):
            print(f'{c} {o}')
PY
)
check "man page names every option of --help" "" "$missing"

finish
