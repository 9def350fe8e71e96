# t-tmux.sh: the full-screen player in a real terminal (tmux, 80x24): pause, resume,
# skip, a pain report, quit, start again and resume, finish; checks the screen and the
# database.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "tmux missing"; exit 1; }
tmux_once_more "$@"
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
screen_clear
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
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
  tmux_gone
  fail "screen never showed [$1]; it shows:"
  screen >&2
  return 1
}

# drew TEXT: TEXT is in the pane's output so far (run_player keeps every byte the program
# wrote): for a line shown only a second or two (a timed item's cue), which a poll of
# the screen on a loaded machine can miss
drew() {
  grep -qF -- "$1" "$TMP/pane.raw" 2>/dev/null && { ok; return 0; }
  tmux_gone
  fail "the program never drew [$1]; the screen shows:"
  screen >&2
  return 1
}

run_player() {
  : >"$TMP/pane.raw"
  rm -f "$TMP/pane.piped"
  # the pane waits for its output to be kept before the program starts
  T new-session -d -s s -x 80 -y 24 \
    "while [ ! -e '$TMP/pane.piped' ]; do sleep 0.05; done; env HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' UNHUNCH_DATA_DIR='$UNHUNCH_DATA_DIR' NO_COLOR=1 LANG=C.UTF-8 '$UNHUNCH' start $* --no-voice; echo EXITED \$?; sleep 30"
  T pipe-pane -t s -o "cat >>'$TMP/pane.raw'"
  touch "$TMP/pane.piped"
}

run_player t-fast
wait_for "how much does it hurt right now"
T send-keys -t s 3 Enter
# pause at once, in the 3 s get-ready or the first rep (2 s: it must still be on after the
# resume); the rest of the screen is read while paused
wait_for "1/3  Test lift"
T send-keys -t s Space
wait_for "(paused)"
drew "Get ready"
wait_for "space pause  n skip  b back  enter done  q quit"
wait_for "d: dizzy or another warning sign   h: it hurts"
wait_for "unhunch: Fast test routine"
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
nsess=$(x '.sessions | length')
check "quit saved" "quit|3" "$(x '.sessions[-1] | "\(.status)|\(.pain_before)"')"
check "rows after quit" "t-lift|stopped
t-side|skipped" "$(x '.sessions[-1].exercises[] | "\(.exercise)|\(.status)"')"
check "pain report saved" "7" "$(x '.sessions[-1].pain_reports[].score')"

# start again: resume at the exercise in progress (the third), and finish
run_player
wait_for "Resume there? [Y/n]"
wait_for "exercise 3 of 3 (Test rest)"
T send-keys -t s y Enter
# a resume asks about today's pain before it goes on (the gate judges it)
wait_for "how much does it hurt right now"
T send-keys -t s 2 Enter
wait_for "3/3  Test rest"
wait_for "Done. How was that?" 15
drew "Keep going" # the 2 s timed item's cue, drawn before the question
T send-keys -t s 1
wait_for "after the session: how much does it hurt" 15
T send-keys -t s 1 Enter
wait_for "EXITED 0"
check "resumed session finished" "$nsess|finished|1" "$(x '"\(.sessions | length)|\(.sessions[-1].status)|\(.sessions[-1].pain_after)"')"
check "all three recorded once" "t-lift|stopped
t-side|skipped
t-rest|done" "$(x '.sessions[-1].exercises[] | "\(.exercise)|\(.status)"')"
check "feedback for the plan" "t-lift|hurt
t-rest|easy" "$(x '(.sessions | length - 1) as $s | .feedback[] | select(.session == $s) | "\(.exercise)|\(.feeling)"')"
T kill-session -t s

# issue 19.10: on a terminal narrower than 80 columns the program wraps its own text to
# it: the Equipment lines of `show` and the warning after a session. A line the terminal
# had to wrap fills the whole row (50 columns); the program's lines keep one spare.
narrow() {
  T new-session -d -s s -x 50 -y 60 \
    "env HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' UNHUNCH_DATA_DIR='$UNHUNCH_DATA_DIR' NO_COLOR=1 LANG=C.UTF-8 '$UNHUNCH' $*; echo EXITED \$?; sleep 30"
}
# the lines from the first that starts with $1 to the next empty one, each under 50 columns
fits() {
  T capture-pane -p -S - -t s | awk -v from="$1" 'index($0, from) == 1 {on = 1} on && $0 == "" {exit} on && length($0) >= 50 {bad = 1; print "too wide: " $0 > "/dev/stderr"} END {exit bad}'
}
narrow show shrug-roll
wait_for "EXITED 0"
fits "Equipment:" && ok || fail "the Equipment lines are not wrapped to a 50-column terminal"
T kill-session -t s
narrow start t-one --no-voice
wait_for "how much does it hurt right now"
T send-keys -t s 2 Enter
wait_for "Done. How was that?" 15
T send-keys -t s 2
wait_for "after the session: how much does it hurt" 15
T send-keys -t s 9 Enter
wait_for "EXITED 0"
wait_for "Your pain after the session (9)"
fits "Your pain after the session" && ok || fail "the warning after the session is not wrapped to a 50-column terminal"
T kill-session -t s

# issue 19.8: a paper diary's day by questions on a terminal: `checkin --date D` asks
# about that day, and an answer that does not fit is asked again with what fits (not
# the flag's error, not "nothing was saved")
d5=$(days_ago 5)
narrow checkin --date "$d5"
wait_for "Pain overall on $d5"
T send-keys -t s 4 Enter
wait_for "Headache on $d5"
T send-keys -t s Enter Enter Enter Enter
wait_for "Where does it hurt?"
T send-keys -t s Enter
wait_for "Hours at a desk on $d5"
T send-keys -t s lots Enter
wait_for "'lots' is not a number of hours from 0 to 24, like 7.5. Try again, or press enter to skip."
T send-keys -t s 7,5 Enter
wait_for "Did you have a professional massage on $d5?"
T send-keys -t s maybe Enter
wait_for "Please answer y or n (enter for no), not 'maybe'. Try again, or press enter to skip."
T send-keys -t s y Enter
wait_for "A note (enter to skip)?"
T send-keys -t s Enter
# the weekly activities, when asked: none (enter at each "Activity:" prompt, as it comes;
# up to 30 s for the check-in to be saved)
answered=0
for _ in $(seq 300); do
  shown=$(T capture-pane -p -S - -t s)
  case "$shown" in *"Saved your check-in for $d5."*) break ;; esac
  asked=$(grep -c "Activity:" <<<"$shown")
  [ "$asked" -gt "$answered" ] && { T send-keys -t s Enter; answered=$asked; }
  sleep 0.1
done
wait_for "Saved your check-in for $d5."
wait_for "EXITED 0"
T kill-session -t s
check "asked-again answers stored" "4|7.5|true" "$(x ".checkins[] | select(.date == \"$d5\") | \"\\(.pain)|\\(.desk_hours)|\\(.massage)\"")"
finish
