# t-player.sh: the web player's server side over a real socket: the gate's pass (refused
# before the first screen, then allowed with a signed pass; the pain rule; a warning sign
# a terminal session kept aside is saved and refuses it), the pass key
# kept in the data folder across a restart and refused when others can read it, and
# spoken words as a real WAV (sox: length and loudness above silence), rendered once
# and then answered from the cache; the upload of a web session's steps (each key once,
# a repeat answered as the first time, also after a restart) seen by history and progress.
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
contains "a pass after a clear screen" "True ok up2.web-player.upper-back-activation.n.2." "$out"
out=$(pass '{"routine": "upper-back-activation", "pain": 8}')
check "pain of 8: only a gentle routine" "False gentle_only -" "$out"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Origin: ${URL%/}" -H 'Content-Type: application/json' \
  -d '{"routine": "upper-back-activation"}' "${URL}api/v1/session/pass")
check "no pass without the page's CSRF token" 403 "$code"

# the upload: a web session's steps, each under its Idempotency-Key, stored as an
# ordinary session that `history` and `progress` show
PASS=$(pass '{"routine": "upper-back-activation", "pain": 2}' | awk '{print $3}')
EX=$(curl -s "${URL}api/v1/routines/upper-back-activation" |
  python3 -c 'import json,sys; r=json.load(sys.stdin); r=r.get("routine", r); print(r["items"][0]["exercise"])')
# step KEY STEP_JSON [CSRF]: "status replayed-header" of one upload
step() {
  local csrf=${3-$(token)}
  curl -s -o "$TMP/step.json" -D "$TMP/step.hdr" -w '%{http_code}' -X POST -H "Origin: ${URL%/}" \
    -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -H "Idempotency-Key: $1" \
    -d "{\"pass\": \"$PASS\", \"session\": \"${WEB_SESSION:-web-t-player-1}\", \"step\": $2}" "${URL}api/v1/session/steps"
  grep -qi '^Idempotent-Replayed: true' "$TMP/step.hdr" && echo " replayed" || echo " first"
}
set1="{\"fx\": \"set\", \"item\": 0, \"exercise\": \"$EX\", \"set\": 1, \"side\": \"\", \"reps_target\": 8, \"reps_done\": 8, \"duration_ms\": 20000}"
set2=${set1/\"set\": 1/\"set\": 2}
check "upload: a set is stored" "201 first" "$(step k-set-1 "$set1")"
first=$(cat "$TMP/step.json")
check "upload: the same again is the first answer" "201 replayed" "$(step k-set-1 "$set1")"
check "upload: ... word for word" "$first" "$(cat "$TMP/step.json")"
check "upload: the key for another step is refused" "409 first" "$(step k-set-1 "$set2")"
check "upload: no CSRF token, no upload" "403 first" "$(step k-set-2 "$set2" "")"
check "upload: the second set" "201 first" "$(step k-set-2 "$set2")"
check "upload: the exercise's end" "201 first" \
  "$(step k-ex-1 "{\"fx\": \"exercise_end\", \"item\": 0, \"exercise\": \"$EX\", \"status\": 0, \"reps_done\": 16, \"duration_ms\": 40000}")"
check "upload: the end" "201 first" "$(step k-end "{\"fx\": \"end\", \"status\": 1, \"duration_ms\": 60000}")"
hist=$("$UNHUNCH" history 2>&1)
echo "$hist" >"$TMP/history.out"
contains "history shows the web session: one exercise done, pain 2 before" "upper-back-activation      0 min     1    0  2>-" "$hist"
sets=$(sqlite3 "$XDG_DATA_HOME/unhunch/unhunch.db" "SELECT count(*) FROM sets; SELECT status FROM sessions;" | tr '\n' ' ')
check "two sets, one finished session" "2 finished " "$sets"
"$UNHUNCH" progress >"$TMP/progress.out" 2>&1
check "progress reads it" 0 $?

# issue 17: a session running in the browser is neither resumed by the terminal's start
# nor ended by it, and no second one starts beside it; --fresh ends it (as stopped) and
# starts one here; one left in the browser hours ago is ended, said so
statuses() {
  "$UNHUNCH" history --json | python3 -c 'import json,sys; print(" ".join(s["status"] for s in json.load(sys.stdin)["sessions"]))'
}
WEB_SESSION=web-t-player-2
check "a web session under way: its first set" "201 first" "$(step k2-set-1 "$set1")"
out=$(printf 'quit\n' | "$UNHUNCH" start --plain --no-voice --pain 2 2>&1)
check "start while it runs in the browser: refused" 1 $?
contains "... saying where it runs" "your session of Upper back activation is running in the browser" "$out"
contains "... and how to start here anyway" "run 'unhunch start --fresh'" "$out"
check "... the browser's session still running, no second one" "finished running" "$(statuses)"
out=$(printf 'quit\n' | "$UNHUNCH" start --plain --no-voice --pain 2 --resume 2>&1)
check "--resume does not take it up either" "1 finished running" "$? $(statuses)"
out=$(printf 'quit\n' | "$UNHUNCH" start --plain --no-voice --pain 2 --fresh 2>&1)
check "--fresh: it ends there and one starts here" "0 finished stopped quit" "$? $(statuses)"
contains "... said so" "in the browser was not finished: it stays in your history as stopped" "$out"
sleep 1 # a web session begins at its pass: this one after the terminal's
PASS1=$PASS
PASS=$(pass '{"routine": "upper-back-activation", "pain": 2}' | awk '{print $3}')
WEB_SESSION=web-t-player-3
check "another web session, then left" "201 first" "$(step k3-set-1 "$set1")"
out=$(printf 'quit\n' | UNHUNCH_TEST_NOW=+3h "$UNHUNCH" start --plain --no-voice --pain 2 2>&1)
check "three hours on: a new session here" 0 $?
contains "... the one left in the browser ended, said so" "in the browser was not finished" "$out"
check "... stored as stopped, the new one quit" "stopped quit" "$(statuses | awk '{print $(NF-1), $NF}')"
WEB_SESSION= PASS=$PASS1

# issue 17, the other way: a session running in the terminal (`unhunch start`, holding the
# session lock) stops a start in the browser, in plain words; when its program has ended,
# the browser starts; one quiet for hours may be ended from the browser when asked
# term_start: a terminal session, hands-free, fed by a pipe kept open (TERM_PID)
newest() {
  sqlite3 "$XDG_DATA_HOME/unhunch/unhunch.db" "SELECT id, status FROM sessions ORDER BY id DESC LIMIT 1"
}
term_start() {
  local before
  before=$(newest | cut -d'|' -f1)
  rm -f "$TMP/term.in"
  mkfifo "$TMP/term.in"
  "$UNHUNCH" start upper-back-activation --plain --no-voice --fresh --pain 2 <"$TMP/term.in" \
    >"$TMP/term.out" 2>&1 &
  TERM_PID=$!
  exec 3>"$TMP/term.in"
  for _ in $(seq 600); do
    [ "$(newest | cut -d'|' -f1)" != "$before" ] && break
    sleep 0.1
  done
}
term_stop() {
  exec 3>&-
  kill "$TERM_PID" 2>/dev/null
  wait "$TERM_PID" 2>/dev/null
}
# ask BODY: "status code can_end" of the pass route, and the message in $TMP/pass.msg
ask() {
  local csrf
  csrf=$(token)
  curl -s -o "$TMP/pass.json" -w '%{http_code}' -X POST -H "Origin: ${URL%/}" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' -d "$1" "${URL}api/v1/session/pass"
  python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); r=a.get("running") or {}
print("", (a.get("error") or {}).get("code", "ok"), r.get("can_end", "-")); open(sys.argv[2], "w").write((a.get("error") or {}).get("message", ""))' \
    "$TMP/pass.json" "$TMP/pass.msg"
}
term_start
check "a terminal session runs" "running" "$(newest | cut -d'|' -f2)"
check "a start in the browser beside it: refused" "409 session_running False" "$(ask '{"routine": "upper-back-activation", "pain": 2}')"
contains "... saying where it runs" "Your session of Upper back activation is running on the computer. Finish it there" \
  "$(cat "$TMP/pass.msg")"
check "... not ended when asked, while it moves on" "409 session_running False" \
  "$(ask '{"routine": "upper-back-activation", "end_running": true}')"
term_stop
check "its program gone: the browser starts" "200 ok -" "$(ask '{"routine": "upper-back-activation", "pain": 2}')"
term_start
# its steps three hours old (the program's clock cannot be moved back: its safety screen
# would be in its future)
sqlite3 "$XDG_DATA_HOME/unhunch/unhunch.db" "UPDATE sessions SET started_ms = started_ms - 10800000 WHERE id = $(newest | cut -d'|' -f1);
  UPDATE sets SET at_ms = at_ms - 10800000 WHERE session_id = $(newest | cut -d'|' -f1);
  UPDATE exercises SET at_ms = at_ms - 10800000 WHERE session_id = $(newest | cut -d'|' -f1)"
check "a terminal session quiet for three hours: may be ended" "409 session_running True" \
  "$(ask '{"routine": "upper-back-activation"}')"
check "... ended when asked" "200 ok -" "$(ask '{"routine": "upper-back-activation", "end_running": true}')"
check "... stored as stopped" "stopped" "$(newest | cut -d'|' -f2)"
term_stop

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
# the limit (3000 bytes, above the longest cue of the shipped content, 1364 bytes:
# tests/unit/http/test_http_speech_cues.c): words of just that length, percent-encoded
# through the real request line, are spoken; a byte more is refused naming the field
words=$(python3 -c 'w = "Lie down slowly \u2014 then breathe. "; t = (w * 200).encode()[:3000].decode("utf-8", "ignore"); t = t + "a" * (3000 - len(t.encode())); print(t, end="")')
check "speech: the words are 3000 bytes" 3000 "$(printf %s "$words" | wc -c)"
q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$words")
check "speech: 3000 bytes are spoken" 200 "$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/v1/speech?text=$q")"
curl -s -o "$TMP/long.json" -w '%{http_code}' "${URL}api/v1/speech?text=${q}b" >"$TMP/long.code"
check "speech: 3001 bytes are refused" 400 "$(cat "$TMP/long.code")"
check "... naming the field" "bad_value text" "$(jq -r '.error.code + " " + .error.field' "$TMP/long.json")"
check "speech: no control characters" 400 "$(curl -s -o /dev/null -w '%{http_code}' "${URL}api/v1/speech?text=a%1bb")"

# the key outlives a restart (the outbox's sets come back under passes given before it)
before=$(sha256sum "$KEY")
serve_stop
check "the server stops cleanly after speaking (espeak-ng kept, nothing leaked)" 0 "$SERVE_RC"
serve_start
check "the same key after a restart" "$before" "$(sha256sum "$KEY")"
check "upload: a repeat after a restart is the first answer" "201 replayed" "$(step k-set-1 "$set1")"
check "upload: ... still word for word" "$first" "$(cat "$TMP/step.json")"
# a warning sign a terminal session could not save: the server saves it before the next
# pass, as the terminal does before a session, and the gate refuses on it from then on
echo "1796000000000 4 q-dizzy" > "$XDG_DATA_HOME/unhunch/unsaved-warning"
out=$(pass '{"routine": "upper-back-activation", "pain": 2}')
check "no pass after a warning sign kept aside" "False warning_sign -" "$out"
[ ! -e "$XDG_DATA_HOME/unhunch/unsaved-warning" ] && ok || fail "the server did not save the kept warning sign"
check "... stored: still no pass" "False warning_sign -" "$(pass '{"routine": "upper-back-activation", "pain": 2}')"
serve_stop
chmod 644 "$KEY"
"$UNHUNCH" serve --listen 127.0.0.1:0 >"$TMP/bad.out" 2>&1
check "a key others can read stops the start" 1 $?
contains "and says which file" "$KEY: the pass key can be read by others" "$(cat "$TMP/bad.out")"
finish
