# t-exit.sh: honest exit codes. Output that cannot be written (a full device) fails
# every command; TERM=dumb gets plain lines, not the full screen; Ctrl-C in the
# player saves and exits 130, as at the questions.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "tmux missing"; exit 1; }
tmux_once_more "$@"
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
screen_clear
"$UNHUNCH" checkin --pain 3 >/dev/null
DB="$XDG_DATA_HOME/unhunch/unhunch.db"

# 1. a full device as standard output (the shell's redirection, not -o)
if [ -w /dev/full ]; then
  for cmd in "" "help" "version" "routines" "show t-lift" "history" "progress" "plan" "screen --status" \
    "breaks stats" "export --format csv" "checkin --pain 2" "assess --show" "plan --ics"; do
    err=$("$UNHUNCH" $cmd 2>&1 >/dev/full)
    rc=$?
    [ "$rc" -ne 0 ] && ok || fail "'unhunch $cmd >/dev/full' exited 0"
    contains "'$cmd' says why" "cannot write" "$err"
  done
else
  fail "/dev/full is missing"
fi

# 2. and 3. in a real terminal (tmux)
SOCK="unhunch-exit-$$"
T() { tmux -L "$SOCK" "$@"; }
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; tmux -L "$SOCK-2" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
S=s1
screen() { T capture-pane -p -J -t "$S"; }
wait_for() {
  local i
  for i in $(seq 1 $(( ${2:-10} * 10 ))); do
    screen | grep -qF -- "$1" && { ok; return 0; }
    sleep 0.1
  done
  tmux_gone
  fail "screen never showed [$1]; it shows:"
  screen >&2
  return 1
}
run() { # TERM, then the arguments of start
  local term=$1
  shift
  T new-session -d -s "$S" -x 80 -y 24 \
    "env HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' UNHUNCH_DATA_DIR='$UNHUNCH_DATA_DIR' NO_COLOR=1 LANG=C.UTF-8 TERM=$term '$UNHUNCH' start $* --no-voice; echo EXITED \$?; sleep 30"
}

# TERM=dumb: one line per cue, no full screen
run dumb t-fast --pain 2 --pace self
wait_for "[00:00] Test lift: Next: Test lift."
screen | grep -qF "space pause  n skip" && fail "TERM=dumb got the full screen" || ok
T kill-server

# Ctrl-C in the full-screen player: saved as quit, exit 130
SOCK="$SOCK-2"
run xterm t-fast --pain 2 --pace self --fresh
wait_for "1/3  Test lift"
T send-keys -t "$S" C-c
wait_for "EXITED 130"
check "interrupted session saved" quit "$(x '.sessions[-1].status')"
finish
