# t-voice.sh: spoken cues rendered to a WAV file (espeak-ng in the speaker process),
# measured with sox: as long as the session, not silent, speech where cues are due.
# Also the fallback: no audio device gives a one-line notice, not an error.
. "$(dirname "$0")/lib.sh"
command -v sox >/dev/null || { echo "sox missing"; exit 1; }
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
screen_clear

timeout 90 "$UNHUNCH" start t-fast --plain --pain 1 --speak-to "$TMP/s.wav" </dev/null >"$TMP/out" 2>&1
check "session with speech exit" 0 $?
info=$(sox --i "$TMP/s.wav" 2>&1)
contains "mono" "Channels       : 1" "$info"
contains "22 kHz" "Sample Rate    : 22050" "$info"
secs=$(sox --i -D "$TMP/s.wav")
# the session lasts about 33 s (each exercise asks how it felt); the last words (and
# the cautions read before each exercise) run a little past its end
awk -v d="$secs" 'BEGIN { exit !(d >= 28 && d <= 48) }' && ok || fail "wav lasts $secs s, expected 28-48"
max=$(sox "$TMP/s.wav" -n stat 2>&1 | awk '/Maximum amplitude/ { print $3 }')
awk -v m="$max" 'BEGIN { exit !(m > 0.1) }' && ok || fail "speech too quiet: max amplitude $max"
# the first cue is spoken at once; "Well done" comes at the end: both ends hold speech
head_max=$(sox "$TMP/s.wav" -n trim 0 2 stat 2>&1 | awk '/Maximum amplitude/ { print $3 }')
tail_max=$(sox "$TMP/s.wav" -n trim "$(awk -v d="$secs" 'BEGIN { print d - 2 }')" stat 2>&1 | awk '/Maximum amplitude/ { print $3 }')
awk -v a="$head_max" -v b="$tail_max" 'BEGIN { exit !(a > 0.1 && b > 0.1) }' && ok || fail "no speech at start ($head_max) or end ($tail_max)"

# no audio device: a notice, a bell per cue, and the session still runs
if ! ls /dev/snd/pcmC*p >/dev/null 2>&1 && [ -z "${PULSE_SERVER:-}" ]; then
  out=$(printf 'quit\n' | XDG_RUNTIME_DIR="$TMP" timeout 30 "$UNHUNCH" start t-fast --plain --pain 1 2>&1)
  check "no audio exit" 0 $?
  contains "no audio notice" "No audio device: cues sound as a bell" "$out"
  case "$out" in *$'\a'*) ok ;; *) fail "no bell rung" ;; esac
fi
out=$(printf 'quit\n' | timeout 30 "$UNHUNCH" start t-fast --plain --pain 1 --no-voice 2>&1)
case "$out" in *"No audio"*|*$'\a'*) fail "--no-voice still made noise" ;; *) ok ;; esac
finish
