# t-safety-records.sh: the stored safety record decides, however it came about. A
# warning sign recorded while the clock ran behind the last screen still blocks (the
# latest screening is the last recorded, and one dated in the future is due again);
# an import takes no safety record the program itself would refuse.
. "$(dirname "$0")/lib.sh"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
MINE="$XDG_DATA_HOME/unhunch"
DB="$MINE/unhunch.db"
mkdir -p "$MINE"
cp "$SRC/tests/cli/content/fast.yaml" "$MINE/"
later() { UNHUNCH_TEST_NOW="$1" "$UNHUNCH" "${@:2}"; }
fresh_db() { rm -f "$MINE"/unhunch.db*; }

# ---- a warning recorded with the clock behind the last screen still blocks ----
# (the start itself now asks the screen again while the clock is behind it, so the
# warning is stored as a break reset or an older program would have stored it)
screen_clear
sqlite3 "$DB" "INSERT INTO screenings(at_ms, level, neck_clear) SELECT max(at_ms) - 172800000, 2, 0 FROM screenings;
  INSERT INTO screening_answers(screening_id, question_id, yes, level, locks_neck)
  VALUES (last_insert_rowid(), 'warning-during-exercise', 1, 2, 1)"
out=$("$UNHUNCH" screen --status 2>&1)
contains "clock behind: still paused" "Exercise: paused until the warning sign is dealt with" "$out"
out=$("$UNHUNCH" start t-fast --plain --no-voice --fresh --pain 2 </dev/null 2>&1)
check "clock behind: start refused" 1 $?
contains "clock behind: says why" "A warning sign came up during exercise." "$out"
out=$(printf 'done\ndizzy\n' | later -2d start t-fast --plain --no-voice --fresh --pain 1 2>&1)
[ $? -ne 0 ] && ok || fail "clock behind the screen: start went ahead"
case "$out" in *"Next: Test"*) fail "clock behind the screen: the session ran" ;; *) ok ;; esac

# ---- a screen dated ahead of the clock is answered again ----
fresh_db
later +3d screen </dev/null >/dev/null 2>&1
(yes n | head -60) | later +3d screen >/dev/null 2>&1
out=$("$UNHUNCH" start t-fast --plain --no-voice --fresh --pain 2 </dev/null 2>&1)
check "screen from the future: refused without answers" 1 $?
contains "screen from the future: asked again" "These questions look for signs" "$out"

finish
