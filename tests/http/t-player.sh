# t-player.sh: the web player's server side over a real socket: the gate's pass (refused
# before the first screen, then allowed with a signed pass; the pain rule), the pass key
# kept in the data folder across a restart and refused when others can read it, and
# spoken words as a real WAV (sox: length and loudness above silence), rendered once
# and then answered from the cache.
. "$(dirname "$0")/lib.sh"
KEY="$XDG_DATA_HOME/unhunch/pass.key"

# pass BODY: the gate's answer to the web player's Start, as "allowed why token"
pass() {
  local csrf
  csrf=$(token)
  curl -s -X POST -H "Origin: ${URL%/}" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d "$1" \
    "${URL}api/v1/session/pass" |
    python3 -c 'import json,sys; a=json.load(sys.stdin); print(a["allowed"], a["why"], a["token"] or "-")'
}

serve_start
check "the pass key is made, the person's alone" "600 32" "$(stat -c '%a %s' "$KEY")"
out=$(pass '{"routine": "upper-back-activation", "pain": 2}')
check "no pass before the first screen" "False screen -" "$out"
yes n 2>/dev/null | "$UNHUNCH" screen >/dev/null 2>&1
out=$(pass '{"routine": "upper-back-activation", "pain": 2}')
contains "a pass after a clear screen" "True ok up1.web-player.upper-back-activation.n.2." "$out"
out=$(pass '{"routine": "upper-back-activation", "pain": 8}')
check "pain of 8: only a gentle routine" "False gentle_only -" "$out"
echo "1796000000000 4 q-dizzy" > "$XDG_DATA_HOME/unhunch/unsaved-warning"
out=$(pass '{"routine": "upper-back-activation", "pain": 2}')
check "no pass while a warning sign waits unsaved" "False warning_sign -" "$out"
rm "$XDG_DATA_HOME/unhunch/unsaved-warning"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Origin: ${URL%/}" -H 'Content-Type: application/json' \
  -d '{"routine": "upper-back-activation"}' "${URL}api/v1/session/pass")
check "no pass without the page's CSRF token" 403 "$code"

# speech: a real WAV of speech, then the same from the cache
words="Lie on your back with your knees bent"
q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$words")
hdr=$(curl -s -D - -o "$TMP/a.wav" "${URL}api/v1/speech?text=$q")
contains "speech: a WAV" "Content-Type: audio/wav" "$hdr"
contains "speech: rendered now" "X-Speech-Cache: miss" "$hdr"
stat=$(sox "$TMP/a.wav" -n stat 2>&1)
len=$(echo "$stat" | awk '/^Length/ {print $3}')
rms=$(echo "$stat" | awk '/^RMS +amplitude/ {print $3}')
python3 -c "import sys; sys.exit(0 if 1.0 < $len < 6.0 else 1)" && ok || fail "speech: length $len s"
python3 -c "import sys; sys.exit(0 if $rms > 0.02 else 1)" && ok || fail "speech: RMS $rms is silence"
hdr=$(curl -s -D - -o "$TMP/b.wav" "${URL}api/v1/speech?text=$q")
contains "speech: the second from the cache" "X-Speech-Cache: hit" "$hdr"
cmp -s "$TMP/a.wav" "$TMP/b.wav" && ok || fail "speech: the cached WAV differs"
long=$(python3 -c 'print("a" * 501)')
check "speech: at most 500 bytes" 400 "$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/v1/speech?text=$long")"
check "speech: no control characters" 400 "$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/v1/speech?text=a%1bb")"

# the key outlives a restart (the outbox's sets come back under passes given before it)
before=$(sha256sum "$KEY")
serve_stop
check "the server stops cleanly after speaking (espeak-ng kept, nothing leaked)" 0 "$SERVE_RC"
serve_start
check "the same key after a restart" "$before" "$(sha256sum "$KEY")"
serve_stop
chmod 644 "$KEY"
"$UNHUNCH" serve --listen 127.0.0.1:0 >"$TMP/bad.out" 2>&1
check "a key others can read stops the start" 1 $?
contains "and says which file" "$KEY: the pass key can be read by others" "$(cat "$TMP/bad.out")"
finish
