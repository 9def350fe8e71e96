# t-safety-fullscreen.sh: after a safety stop in the full-screen player (tmux, 80x24),
# the advice stays on the terminal once the full screen is gone: when to call the
# emergency number after `d`, what to do after pain of 8.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "tmux missing"; exit 1; }
tmux_once_more "$@"
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
SOCK="unhunch-test-$$"
T() { tmux -L "$SOCK" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
shown() { T capture-pane -p -J -t s -S -200; }
wait_for() {
  local i
  for i in $(seq 1 $(( ${2:-10} * 10 ))); do
    shown | grep -qF -- "$1" && { ok; return 0; }
    sleep 0.1
  done
  tmux_gone
  fail "screen never showed [$1]; it shows:"
  shown >&2
  return 1
}
run() {
  T new-session -d -s s -x 80 -y 24 \
    "env HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' UNHUNCH_DATA_DIR='$UNHUNCH_DATA_DIR' NO_COLOR=1 LANG=C.UTF-8 '$UNHUNCH' $*; echo EXITED \$?; sleep 30"
}

screen_clear
run start t-fast --no-voice
wait_for "how much does it hurt right now"
T send-keys -t s 2 Enter
wait_for "1/3  Test lift"
T send-keys -t s d
wait_for "EXITED" 15
out=$(shown | sed -n '/EXITED/q;p')
contains "d: the advice stays after the full screen" "call your local emergency number" "$(echo "$out" | tr '\n' ' ' | tr -s ' ')"
contains "d: says when" "If it does not pass within a minute" "$(echo "$out" | tr '\n' ' ' | tr -s ' ')"
T kill-session -t s

fresh_store
screen_clear
run start t-fast --no-voice
wait_for "how much does it hurt right now"
T send-keys -t s 2 Enter
wait_for "1/3  Test lift"
T send-keys -t s h
wait_for "How much does it hurt, 0 to 10?"
T send-keys -t s 8 Enter
wait_for "EXITED" 15
out=$(shown | sed -n '/EXITED/q;p' | tr '\n' ' ' | tr -s ' ')
contains "pain 8: the advice stays" "Stop for today: pain of 8 or more is too much. Rest in a comfortable position." "$out"
T kill-session -t s
finish
