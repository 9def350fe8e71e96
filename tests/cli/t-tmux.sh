# t-tmux.sh: the full-screen player in a real terminal (tmux, 80x24): pause, resume,
# skip, a pain report, quit, start again and resume, finish; checks the screen and the
# database.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "tmux missing"; exit 1; }
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
screen_clear
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
q() { sqlite3 -batch -noheader "$DB" "$1"; }
SOCK="unhunch-test-$$"
T() { tmux -L "$SOCK" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
screen() { T capture-pane -p -J -t s; }

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows
wait_for() {
  local i
  for i in $(seq 1 $(( ${2:-10} * 10 ))); do
    screen | grep -qF -- "$1" && { ok; return 0; }
    sleep 0.1
  done
  fail "screen never showed [$1]; it shows:"
  screen >&2
  return 1
}

run_player() {
  T new-session -d -s s -x 80 -y 24 \
    "env HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' UNHUNCH_DATA_DIR='$UNHUNCH_DATA_DIR' NO_COLOR=1 LANG=C.UTF-8 '$UNHUNCH' start $* --no-voice; echo EXITED \$?; sleep 30"
}

run_player t-fast
wait_for "how much does it hurt right now"
T send-keys -t s 3 Enter
wait_for "1/3  Test lift"
wait_for "Get ready"
wait_for "space pause  n skip  b back  enter done  q quit"
wait_for "d: dizzy or another warning sign   h: it hurts"
wait_for "unhunch: Fast test routine"
T send-keys -t s Space
wait_for "(paused)"
T send-keys -t s Space
wait_for "rep 1 of 2" 6
T send-keys -t s h
wait_for "How much does it hurt, 0 to 10?"
T send-keys -t s 7 Enter
wait_for "Stopped: it hurt too much"
wait_for "Try the easier version instead: Test lift easy"
T send-keys -t s n           # decline: move on
wait_for "2/3  Test side"
T send-keys -t s Right       # arrow key skips
wait_for "3/3  Test rest"
T send-keys -t s q
wait_for "EXITED 0"
wait_for "Saved: 0 exercises done, 1 skipped, 1 stopped for pain."
T kill-session -t s
sid=$(q "SELECT max(id) FROM sessions")
check "quit saved" "quit|3" "$(q "SELECT status, pain_before FROM sessions WHERE id=$sid")"
check "rows after quit" "t-lift|stopped
t-side|skipped" "$(q "SELECT exercise_id, status FROM exercises WHERE session_id=$sid ORDER BY id")"
check "pain report saved" "7" "$(q "SELECT score FROM pains WHERE session_id=$sid")"

# start again: resume at the exercise in progress (the third), and finish
run_player
wait_for "Resume there? [Y/n]"
wait_for "exercise 3 of 3 (Test rest)"
T send-keys -t s y Enter
# a resume asks about today's pain before it goes on (the gate judges it)
wait_for "how much does it hurt right now"
T send-keys -t s 2 Enter
wait_for "3/3  Test rest"
wait_for "Keep going" 8
wait_for "Done. How was that?" 8
T send-keys -t s 1
wait_for "after the session: how much does it hurt" 15
T send-keys -t s 1 Enter
wait_for "EXITED 0"
check "resumed session finished" "$sid|finished|1" "$(q "SELECT id, status, pain_after FROM sessions ORDER BY id DESC LIMIT 1")"
check "all three recorded once" "t-lift|stopped
t-side|skipped
t-rest|done" "$(q "SELECT exercise_id, status FROM exercises WHERE session_id=$sid ORDER BY id")"
check "feedback for the plan" "t-lift|hurt
t-rest|easy" "$(q "SELECT exercise_id, feeling FROM exercise_feedback WHERE session_id=$sid ORDER BY id")"
finish
