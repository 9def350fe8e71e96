#!/usr/bin/env bash
# bench/hands-free/timed-run.sh: a manual check, in real time, that a session of the
# default routine takes the time that `unhunch routines` shows, with no key pressed but
# the feel prompts (issue 19.4). Not part of `make check` or `make bench` (it is not a
# run.sh, so bench/run-all.sh leaves it out): it takes the routine's length, about 16 min.
#
# Method. The release binary (build/unhunch) runs in a detached tmux pane (120x40) in a
# throwaway HOME, with speech off (--no-voice), so only the timing is measured. Set-up,
# before the clock starts: the safety questions answered "no" to every warning sign
# (`yes n | unhunch screen`), then `unhunch routines` and `unhunch plan` record the
# duration they show. The clock starts when `unhunch start --no-voice --pain 2 ROUTINE`
# is sent (ROUTINE: upper-back-activation unless given, the routine `start` runs when
# the plan has nothing else due; the pain-before score is given as a flag, so no key is
# pressed for it). A loop captures the pane every second; the only keys it sends are:
#   - "2" (right) when the pane shows the feel prompt "Done. How was that?";
#   - "2" + Enter at the after-session pain question ("And now, after the session"),
#     whose appearance is taken as the end of the routine.
# With FEEL=none the feel prompts are left to time out (the routine goes on by itself
# after the wait that the shown duration counts), so no key at all is pressed until the
# after-session pain question. Every key is logged with its time since start. The run
# ends when the shell prompt is back (the program exited). Results go to $OUT (default
# /tmp/unhunch-hands-free):
# keys.log (each key sent), panes/ (a capture per change), result.txt (shown duration,
# measured wall time, difference in %).
#
# Usage: make (the build/ release binary), then
#   [FEEL=answer|none] [OUT=DIR] [UNHUNCH=path/to/unhunch] bench/hands-free/timed-run.sh [ROUTINE]
# Needs tmux. Two runs may go at once with different OUT folders (each its own HOME).
#
# Results, 2026-12-06 (a Sunday, nothing due, so `unhunch start` with no routine ran
# upper-back-activation), main at 1ce3b38, release build, a loaded 2-core machine (two
# runs at once, beside other builds and tests); `routines`, `show` and `plan` said
# 16 min (`routines --json`: 958 s), the player 15:59 (elapsed + left) at its start:
#   FEEL=answer (each of the 8 feel prompts answered "2" within a second of showing):
#     the after-session question at 900.5 s (15:00.5): -6.2 % of 16 min, -6.0 % of 958 s;
#   FEEL=none (no key until the after-session question): 959.2 s (15:59.2): -0.1 % of
#     16 min, +0.1 % of 958 s.
# let-shoulders-go, FEEL=answer: 163.6 s against 3 min (--json 170 s): -3.8 % of 170 s.
# The shown length then counted the full 8 s wait of each feel prompt (routine_run_s()),
# so a person who answered every prompt at once finished about 7.5 s x 8 = 1 min sooner
# (-6.2 %). Since then it counts half the wait.
# Results, 2026-12-06, main at 7a8e92f (half the wait counted), release build, two runs at
# once beside a clean-clone CI run; `routines` said 15 min (`--json`: 926 s):
#   FEEL=answer: routine over at 901.8 s (15:01.8): +0.2 % of 15 min, -2.6 % of 926 s;
#   FEEL=none: routine over at 958.6 s (15:58.6): +6.5 % of 15 min, +3.5 % of 926 s
#     (the whole minutes `routines` prints round 926 s down by 26 s).
# Since then `routines` prints m:ss. Results, 2026-12-06 12:33 UTC, branch hands at
# 48046a5, release build, both runs at once beside an ASan build and make check on the
# 2 cores; `routines` said 15:26 (926 s), the player's clock at its start "left 15:26",
# `plan` "about 15 min":
#   FEEL=answer: routine over at 906.7 s (15:06.7): -2.1 % of 15:26;
#   FEEL=none: routine over at 959.7 s (15:59.7): +3.6 % of 15:26.
#   Keys sent in each run: the 8 feel answers (answer run only) and the pain after.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${UNHUNCH:-$here/build/unhunch}
routine=${1:-upper-back-activation}
out=${OUT:-/tmp/unhunch-hands-free}
feel=${FEEL:-answer}
[ -x "$bin" ] || { echo "no $bin: run make first" >&2; exit 1; }
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }

rm -rf "$out"; mkdir -p "$out/home" "$out/panes"
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" XDG_DATA_HOME="$out/home/.local/share"
unset UNHUNCH_DATA_DIR UNHUNCH_STORE
yes n 2>/dev/null | "$bin" screen >"$out/screen.txt" 2>&1 || true
"$bin" screen --status >"$out/screen-status.txt"
"$bin" routines >"$out/routines.txt"
"$bin" routines --json >"$out/routines.json"
"$bin" plan >"$out/plan.txt"
cat "$out/screen-status.txt" "$out/routines.txt"

sock="$out/tmux.sock"
tm() { tmux -S "$sock" "$@"; }
tm new-session -d -s hf -x 120 -y 40 \
	"env HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' TERM=xterm-256color bash --norc --noprofile"
trap 'tm kill-server 2>/dev/null || true' EXIT
sleep 1
tm send-keys -t hf "PS1='HF-DONE\$ '; clear" Enter
sleep 1
start=$(date +%s.%N)
now() { awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }'; }
key() { # key LABEL tmux-keys...
	local label=$1; shift
	tm send-keys -t hf "$@"
	echo "$(now) s  $label" | tee -a "$out/keys.log"
}
tm send-keys -t hf "'$bin' start --no-voice --pain 2 $routine; echo EXIT=\$?" Enter
echo "0.0 s  start sent: unhunch start --no-voice --pain 2 $routine" | tee -a "$out/keys.log"

in_feel=0 end_at="" prev="" n=0
while :; do
	sleep 1
	pane=$(tm capture-pane -p -t hf)
	if [ "$pane" != "$prev" ]; then
		n=$((n + 1)); printf '%s\n' "== $(now) s" "$pane" >"$out/panes/$(printf %05d $n).txt"; prev=$pane
	fi
	if grep -q 'Done. How was that?' <<<"$pane"; then
		if [ $in_feel = 0 ]; then
			if [ "$feel" = answer ]; then key 'feel prompt: 2 (right)' 2
			else echo "$(now) s  feel prompt shown, no key" | tee -a "$out/keys.log"; fi
			in_feel=1
		fi
	else
		in_feel=0
	fi
	if [ -z "$end_at" ] && grep -q 'And now, after the session' <<<"$pane"; then
		end_at=$(now)
		echo "$end_at s  routine over: after-session pain question shown" | tee -a "$out/keys.log"
		key 'pain after: 2 Enter' 2 Enter
	fi
	if grep -q '^EXIT=[0-9]' <<<"$pane"; then
		echo "$(now) s  program exited ($(grep -o '^EXIT=[0-9]*' <<<"$pane"))" | tee -a "$out/keys.log"
		break
	fi
	if awk -v t="$(now)" 'BEGIN { exit !(t > 3600) }'; then echo "timeout" >&2; exit 1; fi
done
printf '%s\n' "$pane" >"$out/final.txt"
[ -n "$end_at" ] || end_at=$(now)
# what routines prints: m:ss (whole minutes before issue 19.4's second part: "15 min")
shown=$(awk -v id="$routine" '$1 == id { print $3 }' "$out/routines.txt")
case $shown in
*:*) shown_s=$(( 10#${shown%%:*} * 60 + 10#${shown##*:} )) ;;
*) shown_s=$(( shown * 60 )); shown="$shown min" ;;
esac
est=$(python3 -c 'import json,sys; print([r["estimate_s"] for r in json.load(open(sys.argv[1])) if r["id"] == sys.argv[2]][0])' \
	"$out/routines.json" "$routine")
awk -v m="$end_at" -v s="$shown_s" -v st="$shown" -v e="$est" -v id="$routine" -v feel="$feel" 'BEGIN {
	printf "routine %s, FEEL=%s: routines shows %s (%d s; --json: %d s); measured %.1f s (%d:%04.1f) from start to the end of the routine; difference %+.1f %% of what routines shows\n",
		id, feel, st, s, e, m, int(m / 60), m - 60 * int(m / 60), (m - s) / s * 100 }' | tee "$out/result.txt"
