# t-backup.sh: the backup keeps everything. A backup with hostile text in every text
# field (control characters, quotes, backslashes, HTML, format strings, right-to-left
# marks, line and paragraph separators, emoji, combining marks, 2000-character notes of
# 4-byte characters) imports and exports back exactly; text that is not UTF-8 is
# refused at input with a clear message; text an older unhunch stored from a Latin-1
# terminal is repaired on upgrade and then exported; and a store holding text that
# cannot be written makes export fail loudly instead of leaving it out.
. "$(dirname "$0")/lib.sh"
sqlite_only "t-backup: an older SQLite schema and bytes put in the file behind the program" || { finish; exit; }
export TZ=UTC
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
q() { sqlite3 -batch -noheader "${2:-$DB}" "$1"; }

# 1. the round trip over hostile text, every text field of every kind of record
python3 - "$TMP/hostile.json" <<'PY'
import json, sys
H = ["\u001b[31mred\u001b[0m \u0007bell \r\n\ttab", "quote \" back\\slash / 'single'", "<script>alert(1)</script> &amp;",
     "%s%n%x {0} $HOME `id`", "\u202eright-to-left\u202c \u2028line\u2029para \u200bzero", "emoji \U0001F9D8\U0001F3FD\u200d\u2642\ufe0f",
     "e\u0301 combining, \u00e9 \u00fc \u00df \u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629", "  spaces around  ",
     "\u0085 next-line \u009b csi \u007f del", "'; DROP TABLE checkins; --"]
def h(i): return H[i % len(H)]
t = 1767261600000
d = {"format": "unhunch-backup", "version": 3}
d["sessions"] = [{"routine": h(i), "started_ms": t + i, "ended_ms": t + i + 1, "status": "finished",
                  "pain_before": 2, "pain_after": None, "pacing": h(i + 1),
                  "exercises": [{"item": 0, "exercise": h(i + 2), "status": "done", "reps_done": 2, "duration_ms": 5, "at_ms": t + i}],
                  "sets": [{"item": 0, "exercise": h(i + 3), "set": 1, "side": h(i + 4), "reps_target": 2, "reps_done": 2,
                            "duration_ms": 5, "at_ms": t + i}],
                  "pain_reports": [{"item": 0, "exercise": h(i + 5), "score": 3, "action": h(i + 6), "at_ms": t + i}]}
                 for i in range(2)]
note = "\U0001F9D8" * 1999 + "!"          # 2000 characters, 7997 bytes
d["checkins"] = [{"date": "2026-01-%02d" % (i + 1), "at_ms": t + i, "pain": 3, "regions": {"neck": 2}, "headache": None,
                  "stiffness": None, "stress": 4, "sleep": None, "desk_hours": 7.5, "massage": True,
                  "note": note if i == len(H) else h(i)} for i in range(len(H) + 1)]
d["screenings"] = [{"at_ms": t, "level": "days", "neck_clear": False, "answers": [{"question": h(7), "yes": True, "level": "days",
                                                                                              "locks_neck": False, "fact": False}]}]
d["clearances"] = [{"at_ms": t + 1, "date": "2026-01-02", "note": h(0) + h(4), "screening": 0}]
d["psfs"] = [{"name": h(i), "added_ms": t + i, "ratings": [{"date": "2026-01-01", "score": 5}]} for i in range(3)]
d["assessments"] = [{"date": "2026-01-01", "at_ms": t, "answers": [{"question": h(3), "value": 7.25}],
                     "factors": [{"factor": h(5), "strength": 2, "reason": h(6)}]}]
d["feedback"] = [{"date": "2026-01-01", "at_ms": t, "session": 0, "routine": h(8), "exercise": h(9), "feeling": "hard",
                  "pain_during": 4, "warning": False}]
d["plan_changes"] = [{"date": "2026-01-01", "at_ms": t + 1, "feedback": 0, "routine": h(1), "slot": h(2), "action": "hold",
                      "rule": h(3), "from_exercise": h(4), "to_exercise": h(5), "from_reps": 8, "to_reps": 8,
                      "from_duration_s": 0, "to_duration_s": 0, "paused": False, "reason": h(6)}]
d["breaks"] = [{"at_ms": t + i, "kind": "micro", "event": "shown", "exercise": h(i), "detail": h(i + 1)} for i in range(2)]
d["prescriptions"] = [{"date": "2026-01-02", "at_ms": t + i, "trainer": "", "routine": h(i), "slot": h(i + 1),
                       "exercise": h(i + 2), "reps": 8, "sets": 2, "hold_s": 3, "duration_s": 0, "note": h(i + 3),
                       "warnings": h(i + 4)} for i in range(2)]
d["appointments"] = [{"date": "2026-01-%02d" % (i + 1), "at_ms": t + i, "kind": ["massage", "training"][i % 2],
                      "areas": ["chest,ribs,upper-back", ""][i % 2], "by": h(i), "note": h(i + 3)} for i in range(2)]
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
PY
out=$("$UNHUNCH" import "$TMP/hostile.json" 2>&1)
check "hostile import exit" 0 $?
# the terminal's history shows the trainer's appointments, on one line each, no control character
hist=$("$UNHUNCH" history 2>&1)
contains "history: the massage" "massage with" "$hist"
contains "history: its areas" ": chest, ribs and upper back. Note: " "$hist"
contains "history: the training" "training with" "$hist"
if printf '%s\n' "$hist" | grep -E 'massage with|training with' | grep -q $'\e'; then
  fail "history: an appointment's escape character reached the terminal"; else ok; fi
contains "hostile import summary" "2 sessions, 11 check-ins, 1 screening, 1 clearance" "$out"
"$UNHUNCH" export --format json -o "$TMP/back.json"
check "hostile export exit" 0 $?
got=$(python3 - "$TMP/hostile.json" "$TMP/back.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
def diff(x, y, path="$"):
    if type(x) != type(y) or (not isinstance(x, (dict, list)) and x != y):
        return [f"{path}: {x!r} != {y!r}"]
    if isinstance(x, dict):
        if list(x) != list(y):
            return [f"{path}: keys {list(x)} != {list(y)}"]
        return [e for k in x for e in diff(x[k], y[k], f"{path}.{k}")]
    if isinstance(x, list):
        if len(x) != len(y):
            return [f"{path}: {len(x)} != {len(y)} entries"]
        return [e for i in range(len(x)) for e in diff(x[i], y[i], f"{path}[{i}]")]
    return []
e = diff(a, b)
print("exact" if not e else "\n".join(e[:5]))
PY
)
check "every field back exactly" "exact" "$got"
in_home() { local h=$1; shift; mkdir -p "$h"; HOME="$h" XDG_DATA_HOME="$h/.local/share" "$@"; }
in_home "$TMP/h2" "$UNHUNCH" import "$TMP/back.json" >/dev/null
in_home "$TMP/h2" "$UNHUNCH" export --format json -o "$TMP/back2.json"
cmp -s "$TMP/back.json" "$TMP/back2.json" && ok || fail "second round trip not byte-identical"
# shown on a terminal with the control characters made visible
out=$("$UNHUNCH" progress 2>&1)
case "$out" in *$'\e'*|*$'\a'*) fail "progress printed a control character" ;; *) ok ;; esac
contains "activity shown visibly" '\x1B[31mred\x1B[0m \x07bell \x0D\x0A\x09tab' "$out"

# 2. text that is not UTF-8 is refused at input, and nothing is stored
before=$(x '.checkins | length')
out=$("$UNHUNCH" checkin --pain 3 --note "$(printf 'caf\xe9 with a friend')" 2>&1)
check "latin-1 note exit" 2 $?
contains "latin-1 note said" "--note is not valid UTF-8 text (a broken character at byte 4)" "$out"
out=$("$UNHUNCH" checkin --psfs-add "$(printf 'gr\xfc\xdfen')" 2>&1)
check "latin-1 activity exit" 2 $?
contains "latin-1 activity said" "--psfs-add is not valid UTF-8 text" "$out"
out=$(printf '3\n\n\n\n\n\n\n\ncaf\xe9\n' | "$UNHUNCH" checkin 2>&1)
check "latin-1 answered note exit" 1 $?
contains "latin-1 answered note said" "the note is not valid UTF-8 text" "$out"
check "no broken note stored" 0 "$(x '[.checkins[] | select((.note // "") | startswith("caf"))] | length')"
check "the rest of the answered check-in kept" "$((before + 1))" "$(x '.checkins | length')"

# 3. an older store with Latin-1 text: repaired on upgrade, and then in the backup
O="$TMP/old"
in_home "$O" "$UNHUNCH" checkin --pain 1 >/dev/null
ODB="$O/.local/share/unhunch/unhunch.db"
now=$(date +%s)000
rm -f "$ODB" "$ODB-wal" "$ODB-shm"
"$BUILD/store-make-old" "$ODB" 4 || fail "make a schema 4 store"
sqlite3 "$ODB" "INSERT INTO checkins(date, at_ms, pain) VALUES ('$(date +%F)', $now, 1);
  INSERT INTO checkins(date, at_ms, pain, note) VALUES ('2026-01-01', 1, 3, CAST(X'6361666520e9' AS TEXT));
  INSERT INTO screenings(at_ms, level, neck_clear) VALUES ($now - 172800000, 2, 0);
  INSERT INTO clearances(at_ms, date, note, screening_id)
    VALUES ($now - 86400000, '$(date -d yesterday +%F)', CAST(X'4472204dfc6c6c65723a206e6f20636f6e6365726e' AS TEXT), 1);
  INSERT INTO psfs_activities(name, added_ms) VALUES (CAST(X'6b6f6368656e20e0' AS TEXT), 3);
  INSERT INTO psfs_ratings(activity_id, date, score) VALUES (1, '2026-01-01', 4);"
out=$(in_home "$O" "$UNHUNCH" export --format json 2>&1)
check "upgraded export exit" 0 $?
contains "note repaired" '"note": "cafe é"' "$out"
contains "clearance repaired" '"note": "Dr Müller: no concern"' "$out"
contains "activity repaired" '"name": "kochen à"' "$out"
contains "ratings kept" '"score": 4' "$out"
in_home "$TMP/h3" "$UNHUNCH" import <(in_home "$O" "$UNHUNCH" export --format json) >/dev/null
check "restored import exit" 0 $?
contains "the restored clearance still counts" "Exercise: allowed" "$(in_home "$TMP/h3" "$UNHUNCH" screen --status 2>&1)"

# 4. text that cannot be written (bytes put there behind unhunch's back): export fails
sqlite3 "$ODB" "UPDATE checkins SET note = CAST(X'62616420ff' AS TEXT) WHERE note LIKE 'cafe%'"
out=$(in_home "$O" "$UNHUNCH" export --format json -o "$TMP/lossy.json" 2>&1)
check "lossy export exit" 1 $?
contains "lossy export said" "1 record could not be written (text that is not UTF-8), the first the check-in of 2026-01-01 (its note)" "$out"
[ -e "$TMP/lossy.json" ] && fail "a lossy backup was written" || ok

finish
