# t-export.sh: export (JSON backup, CSV, FHIR), import into an empty store only,
# checked before anything is written, and forget --all behind a typed word.
. "$(dirname "$0")/lib.sh"
sqlite_only "t-export: the seed and the round trip read and write the SQLite rows, to test how each row and reference maps to the backup" || { finish; exit; }
export TZ=UTC
screen_clear
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
q() { sqlite3 -batch -noheader "${2:-$DB}" "$1"; }
# run a command with another, empty HOME: in_home DIR CMD...
in_home() {
  local h=$1
  shift
  mkdir -p "$h"
  HOME="$h" XDG_DATA_HOME="$h/.local/share" XDG_CONFIG_HOME="$h/.config" "$@"
}
counts() {
  q "SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM sets), (SELECT count(*) FROM exercises),
     (SELECT count(*) FROM pains), (SELECT count(*) FROM checkins), (SELECT count(*) FROM checkin_regions),
     (SELECT count(*) FROM screenings), (SELECT count(*) FROM screening_answers), (SELECT count(*) FROM clearances),
     (SELECT count(*) FROM psfs_activities), (SELECT count(*) FROM psfs_ratings), (SELECT count(*) FROM assessments),
     (SELECT count(*) FROM assessment_answers), (SELECT count(*) FROM assessment_factors),
     (SELECT count(*) FROM exercise_feedback), (SELECT count(*) FROM plan_changes), (SELECT count(*) FROM break_events)" \
    "${1:-$DB}"
}
NONE="0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0"

# Data of every kind. 1767261600000 is 2026-01-01 10:00 UTC. A second, older screening
# (inserted later, so ids and time order differ; the backup lists them as recorded)
# checks that the clearance keeps pointing at the right one; check-in 3 is a diary entry made days after its date.
q "INSERT INTO screenings(at_ms, level, neck_clear) VALUES (1000, 4, 0);
   INSERT INTO screening_answers(screening_id, question_id, yes, level)
     VALUES ((SELECT max(id) FROM screenings), 'chest-pressure', 1, 4);
   INSERT INTO clearances(at_ms, date, note, screening_id)
     SELECT 1767300000000, date('now', 'localtime'), 'Dr Lee, physio: fine to exercise', min(id) FROM screenings;
   INSERT INTO checkins(date, at_ms, pain, headache, stiffness, stress, sleep, desk_hours, massage, note)
     VALUES ('2026-01-01', 1767261600000, 4, 2, 3, 5, 6, 7.3, 1, 'sore, \"very\"' || char(10) || 'tired'),
            ('2026-01-02', 1767348000000, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('2025-12-30', 1767348060000, 6, NULL, NULL, NULL, NULL, 8, 0, '');
   INSERT INTO checkin_regions(checkin_id, region, score) VALUES (1, 'neck', 5), (1, 'left-shoulder', 3), (1, 'between-shoulder-blades', 2),
     (1, 'chest', 1), (3, 'upper-back', 4);
   INSERT INTO sessions(routine_id, started_ms, ended_ms, status, pain_before, pain_after, pacing)
     VALUES ('t-fast', 1767265200000, 1767265500000, 'finished', 2, -1, 'content'),
            ('t-fast', 1767351600000, NULL, 'running', -1, -1, 'timed');
   INSERT INTO sets(session_id, item, exercise_id, set_no, side, reps_target, reps_done, duration_ms, at_ms)
     VALUES (1, 1, 't-side', 1, 'right', 1, 1, 1000, 1767265300000), (1, 1, 't-side', 1, 'left', 1, 1, 900, 1767265200500),
            (1, 0, 't-lift', 1, '', 2, 2, 3000, 1767265250000);
   INSERT INTO exercises(session_id, item, exercise_id, status, reps_done, duration_ms, at_ms)
     VALUES (1, 0, 't-lift', 'done', 2, 3000, 1767265260000), (1, 1, 't-side', 'skipped', 0, 0, 1767265310000);
   INSERT INTO pains(session_id, item, exercise_id, score, action, at_ms)
     VALUES (1, 0, 't-lift', 3, 'continued gently', 1767265255000), (2, -1, '', -1, 'stopped: dizzy', 1767351700000);
   INSERT INTO screenings(at_ms, level, neck_clear) VALUES (1767351700001, 2, 0);
   INSERT INTO screening_answers(screening_id, question_id, yes, level, locks_neck)
     VALUES ((SELECT max(id) FROM screenings), 'warning-during-exercise', 1, 2, 1);
   INSERT INTO psfs_activities(name, added_ms) VALUES ('typing for 2 h', 1767000000000), ('driving', 1767000001000);
   INSERT INTO psfs_ratings(activity_id, date, score) VALUES (2, '2026-01-01', 4), (1, '2026-01-08', 6), (1, '2026-01-01', 5);"
# The plan: an assessment, feedback judged by `plan`, and the break coach's log. A fractional
# answer checks the real precision; feedback tied to the second session and plan changes
# (one judging that feedback, one made by the user) check the references by position.
printf '9\nmon-fri\n3\n3\n2\n3\n3\n1\n8\ny\ny\nn\n2\nneck between-shoulder-blades\n3\n' | "$UNHUNCH" assess >/dev/null 2>&1
check "assess exit" 0 $?
"$UNHUNCH" plan --feedback v-raise=easy --pain-during 2 >/dev/null 2>&1
check "feedback exit" 0 $?
"$UNHUNCH" plan >/dev/null 2>&1
check "plan exit" 0 $?
q "UPDATE assessment_answers SET value = 7.3 WHERE question = 'desk-hours';
   INSERT INTO exercise_feedback(date, at_ms, session_id, routine_id, exercise_id, feeling, pain_during, warning)
     VALUES ('2026-01-02', 1767351800000, 2, 't-routine', 't-lift', 'hurt', -1, 1);
   INSERT INTO plan_changes(date, at_ms, feedback_id, routine_id, slot, action, rule, from_exercise, to_exercise,
       from_reps, to_reps, from_duration_s, to_duration_s, paused, reason)
     VALUES ('2026-01-02', 1767351900000, (SELECT max(id) FROM exercise_feedback), 't-routine', 't-lift', 'regress',
             'hurt', 't-lift', 't-lift-easy', 10, 8, 0, 30, 0, 'it hurt: \"easier\"'),
            ('2026-01-03', 1767400000000, NULL, 't-routine', 't-lift', 'resume', '', 't-lift', 't-lift', 8, 8, 0, 0, 0, '');
   INSERT INTO break_events(at_ms, kind, event, exercise_id, detail)
     VALUES (1767262000000, 'micro', 'shown', 'chin-tuck', ''), (1767262060000, 'micro', 'postponed', '', 'in a call'),
            (1767261000000, 'move', 'natural', '', '');"
before=$(counts)
check "test data" "2|3|2|2|3|5|3|$(($(q 'SELECT count(*) FROM screening_answers WHERE screening_id = 1') + 2))|1|2|3|1|$(q 'SELECT count(*) FROM assessment_answers')|$(q 'SELECT count(*) FROM assessment_factors')|2|$(q 'SELECT count(*) FROM plan_changes')|3" "$before"
check "assessment has answers and factors" "1|1" "$(q 'SELECT count(*) > 0 FROM assessment_answers; SELECT count(*) > 0 FROM assessment_factors' | paste -sd'|')"

# 1. JSON: stdout and -o agree; the file is private
"$UNHUNCH" export --format json > "$TMP/out.json"
check "json to stdout" 0 $?
"$UNHUNCH" export --format json -o "$TMP/b.json"
check "json -o" 0 $?
cmp -s "$TMP/out.json" "$TMP/b.json"
check "stdout and -o the same" 0 $?
check "backup mode" "600" "$(stat -c %a "$TMP/b.json")"
n=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["sessions"]
print(d["format"], d["version"], len(s), [len(s[0][k]) for k in ("exercises", "sets", "pain_reports")],
      s[1]["ended_ms"], s[1]["pain_reports"][0]["score"], len(d["checkins"]), d["checkins"][1]["desk_hours"],
      [c["screening"] for c in d["clearances"]], d["screenings"][0]["level"],
      [(a["name"], [r["score"] for r in a["ratings"]]) for a in d["psfs"]])' "$TMP/b.json")
check "backup content" "unhunch-backup 3 2 [2, 3, 1] None None 3 7.3 [0] none [('typing for 2 h', [5, 6]), ('driving', [4])]" "$n"
n=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
a = d["assessments"][0]
fb = d["feedback"]
pc = [c for c in d["plan_changes"] if c["routine"] == "t-routine"]
print(len(d["assessments"]), [x["value"] for x in a["answers"] if x["question"] == "desk-hours"], len(a["factors"]) > 0,
      [(f["exercise"], f["feeling"], f["session"], f["pain_during"], f["warning"]) for f in fb],
      [(c["action"], c["feedback"], c["reason"]) for c in pc],
      [(b["at_ms"], b["kind"], b["event"], b["exercise"], b["detail"]) for b in d["breaks"]])' "$TMP/b.json")
check "backup plan content" "1 [7.3] True [('t-lift', 'hurt', 1, None, True), ('v-raise', 'easy', None, 2, False)] [('regress', 0, 'it hurt: \"easier\"'), ('resume', None, '')] [(1767261000000, 'move', 'natural', '', ''), (1767262000000, 'micro', 'shown', 'chin-tuck', ''), (1767262060000, 'micro', 'postponed', '', 'in a call')]" "$n"
case "$(cat "$TMP/b.json")" in *'"id"'*|*'_id"'*) fail "backup holds database ids" ;; *) ok ;; esac

# 2. round trip: import into an empty store, export again: the same bytes
out=$(in_home "$TMP/h2" "$UNHUNCH" import "$TMP/b.json" 2>&1)
check "import exit" 0 $?
contains "import summary" "2 sessions, 3 check-ins, 3 screenings, 1 clearance" "$out"
in_home "$TMP/h2" "$UNHUNCH" export --format json > "$TMP/b2.json"
cmp -s "$TMP/b.json" "$TMP/b2.json"
check "round trip byte-identical" 0 $?
DB2="$TMP/h2/.local/share/unhunch/unhunch.db"
check "round trip rows" "$before" "$(counts "$DB2")"
cleared='SELECT s.at_ms, s.level FROM clearances c JOIN screenings s ON s.id = c.screening_id'
check "clearance points at the cleared screening" "$(q "$cleared")" "$(q "$cleared" "$DB2")"
check "running session stays resumable" "running|" "$(q "SELECT status, ended_ms FROM sessions WHERE pacing='timed'" "$DB2")"
fbsess='SELECT f.exercise_id, s.started_ms FROM exercise_feedback f JOIN sessions s ON s.id = f.session_id'
check "feedback points at its session" "$(q "$fbsess")" "$(q "$fbsess" "$DB2")"
judged='SELECT c.action, f.at_ms, f.exercise_id FROM plan_changes c JOIN exercise_feedback f ON f.id = c.feedback_id ORDER BY c.at_ms'
check "plan change points at the feedback it judged" "$(q "$judged")" "$(q "$judged" "$DB2")"

# 3. a store that holds data is never merged into
out=$("$UNHUNCH" import "$TMP/b.json" 2>&1)
check "non-empty store refused" 1 $?
contains "says what is there" "already holds 2 sessions, 3 check-ins, 3 screenings, 1 clearance" "$out"
contains "says how" "unhunch forget --all" "$out"
check "nothing merged" "$before" "$(counts)"

# 4. a broken backup: every problem with its path, and nothing is stored
python3 - "$TMP/b.json" "$TMP/bad.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["checkins"][1]["pain"] = 11
d["sessions"][0]["sets"][1]["reps_done"] = "two"
d["clearances"][0]["screening"] = 5
d["psfs"][1]["ratings"][0]["date"] = "2026-02-30"
d["checkins"][0]["regions"]["nek"] = 3
d["assessments"][0]["factors"][0]["strength"] = 4
d["assessments"][0]["answers"][1]["value"] = "x"
d["feedback"][0]["feeling"] = "meh"
d["feedback"][1]["session"] = 2
d["plan_changes"][-1]["feedback"] = 7
d["plan_changes"][-1]["to_reps"] = -1
d["breaks"][2]["kind"] = "long"
d["breaks"][0]["extra"] = 1
json.dump(d, open(sys.argv[2], "w"), indent=1)
EOF
out=$(in_home "$TMP/h3" "$UNHUNCH" import "$TMP/bad.json" 2>&1)
check "bad value exit" 1 $?
contains "range with path" "$TMP/bad.json: checkins[1].pain: 11 is out of range (0-10)" "$out"
contains "type with path" "sessions[0].sets[1].reps_done: expected a whole number, got \"two\"" "$out"
contains "reference with path" "clearances[0].screening: 5 is out of range (0-2)" "$out"
contains "date with path" "psfs[1].ratings[0].date: '2026-02-30' is not a date" "$out"
contains "unknown field" "checkins[0].regions.nek: unknown field" "$out"
contains "factor strength" "assessments[0].factors[0].strength: 4 is out of range (0-3)" "$out"
contains "answer value" "assessments[0].answers[1].value: expected a number, got \"x\"" "$out"
contains "feeling" "feedback[0].feeling: 'meh' is not one of: easy, right, hard, hurt" "$out"
contains "feedback session" "feedback[1].session: 2 is out of range (0-1)" "$out"
contains "plan change feedback" "plan_changes[$(($(q 'SELECT count(*) FROM plan_changes') - 1))].feedback: 7 is out of range (0-1)" "$out"
contains "plan change reps" ".to_reps: -1 is out of range (0 or more)" "$out"
contains "break kind" "breaks[2].kind: 'long' is not one of: micro, move" "$out"
contains "break unknown field" "breaks[0].extra: unknown field" "$out"
contains "nothing imported" "Nothing was imported." "$out"
DB3="$TMP/h3/.local/share/unhunch/unhunch.db"
if [ -e "$DB3" ]; then check "bad backup stores nothing" "$NONE" "$(counts "$DB3")"; else ok; fi
# only the very last record is wrong: still nothing at all
python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); d["psfs"][1]["ratings"][0]["score"] = -1
json.dump(d, open(sys.argv[2], "w"))' "$TMP/b.json" "$TMP/last.json"
out=$(in_home "$TMP/h3" "$UNHUNCH" import "$TMP/last.json" 2>&1)
check "last record bad exit" 1 $?
contains "last record path" "psfs[1].ratings[0].score: -1 is out of range (0-10)" "$out"
if [ -e "$DB3" ]; then check "last record bad stores nothing" "$NONE" "$(counts "$DB3")"; else ok; fi
# a backup of version 1 (before prescriptions) still restores; one newer than the program is refused
python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); assert d.pop("prescriptions") == []; d["version"] = 1
json.dump(d, open(sys.argv[2], "w"))
d["version"] = 4; d["prescriptions"] = []
json.dump(d, open(sys.argv[3], "w"))' "$TMP/b.json" "$TMP/v1.json" "$TMP/v4.json"
out=$(in_home "$TMP/hv1" "$UNHUNCH" import "$TMP/v1.json" 2>&1)
check "version 1 backup: exit" 0 $?
out=$(in_home "$TMP/hv4" "$UNHUNCH" import "$TMP/v4.json" 2>&1)
check "version 4 backup: exit" 1 $?
contains "version 4 backup: why" "is newer than this program reads (3)" "$out"
printf '{\n  "format": "unhunch-backup",\n  "version": 1,\n  "checkins": [}\n' > "$TMP/syntax.json"
out=$(in_home "$TMP/h3" "$UNHUNCH" import "$TMP/syntax.json" 2>&1)
check "syntax error exit" 1 $?
contains "syntax line and column" "$TMP/syntax.json:4:16:" "$out"
printf '{"format": "unhunch-backup", "version": 1, "version": 1}' > "$TMP/dup.json"
out=$(in_home "$TMP/h3" "$UNHUNCH" import "$TMP/dup.json" 2>&1)
check "duplicate key exit" 1 $?
contains "duplicate key" "duplicate object key" "$out"
out=$(in_home "$TMP/h3" "$UNHUNCH" import "$TMP/out.csv" 2>&1)
check "missing file exit" 1 $?
in_home "$TMP/h3" "$UNHUNCH" import >/dev/null 2>&1
check "import without file" 2 $?
if [ -e "$DB3" ]; then check "still nothing stored" "$NONE" "$(counts "$DB3")"; else ok; fi

# 5. CSV: one row per check-in, RFC 4180 quoting, CRLF line ends
"$UNHUNCH" export --format csv -o "$TMP/out.csv"
check "csv exit" 0 $?
check "csv header" "date,time,pain,neck,between-shoulder-blades,upper-back,left-shoulder,right-shoulder,chest,headache,stiffness,stress,sleep,desk_hours,massage,note" \
  "$(head -n 1 "$TMP/out.csv" | tr -d '\r')"
contains "csv quoted note" "$(printf '2026-01-01,10:00,4,5,2,,3,,1,2,3,5,6,7.3,yes,"sore, ""very""\ntired"\r\n')" "$(cat "$TMP/out.csv")"
n=$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
print(len(rows), repr(rows[2][15]), rows[1][5], rows[1][14], rows[3][2], rows[3][15] == "")' "$TMP/out.csv")
check "csv parsed back" "4 'sore, \"very\"\\ntired' 4 no 2 True" "$n"

# 6. FHIR R4: a collection Bundle of Observations with LOINC and SNOMED CT codes
"$UNHUNCH" export --format fhir > "$TMP/fhir.json"
check "fhir exit" 0 $?
n=$(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
obs = [e["resource"] for e in b["entry"]]
pain = [o for o in obs if o["code"].get("coding", [{}])[0].get("code") == "72514-3"]
sites = {o["bodySite"].get("text"): o["bodySite"].get("coding", [{}])[0].get("code") for o in pain if "bodySite" in o}
neck = [o for o in pain if o.get("bodySite", {}).get("text") == "Neck"][0]
desk = [o for o in obs if o["code"].get("text", "").startswith("Hours at a desk")]
print(b["resourceType"], b["type"], len(obs), len(pain),
      all(o["resourceType"] == "Observation" and o["status"] == "final" for o in obs),
      all(o["category"][0]["coding"][0]["code"] == "survey" for o in obs),
      pain[0]["code"]["coding"][0]["system"], pain[0]["effectiveDateTime"], pain[0]["valueQuantity"]["value"],
      sorted(sites.items(), key=str),
      neck["valueQuantity"]["value"], neck["valueQuantity"]["code"], neck["effectiveDateTime"],
      [d["valueQuantity"]["value"] for d in desk], [o["valueBoolean"] for o in obs if "valueBoolean" in o],
      sum("subject" in o for o in obs))' "$TMP/fhir.json")
check "fhir bundle" "Bundle collection 16 8 True True http://loinc.org 2025-12-30 6 [('Between the shoulder blades', None), ('Chest', None), ('Left shoulder', '16982005'), ('Neck', '45048000'), ('Upper back', '77568009')] 5 {score} 2026-01-01T10:00:00+00:00 [8.0, 7.3] [False, True] 0" "$n"
out=$(in_home "$TMP/h4" "$UNHUNCH" export --format fhir)
check "empty fhir has no empty array" '{ "resourceType": "Bundle", "type": "collection" }' "$(printf '%s' "$out" | tr -s ' \n' ' ')"

# 7. usage errors
"$UNHUNCH" export >/dev/null 2>&1
check "export without format" 2 $?
out=$("$UNHUNCH" export --format xml 2>&1)
check "unknown format" 2 $?
contains "unknown format named" "unknown format 'xml'" "$out"
"$UNHUNCH" forget >/dev/null 2>&1
check "forget without --all" 2 $?

# 8. forget: anything but the word keeps everything; the word deletes all of it
out=$(printf 'yes\n' | "$UNHUNCH" forget --all 2>&1)
check "wrong word exit" 1 $?
contains "wrong word message" "nothing was deleted" "$out"
check "wrong word keeps data" "$before" "$(counts)"
"$UNHUNCH" forget --all </dev/null >/dev/null 2>&1
check "no answer exit" 1 $?
check "no answer keeps data" "$before" "$(counts)"
out=$(printf 'delete\n' | "$UNHUNCH" forget --all 2>&1)
check "delete exit" 0 $?
contains "delete message" "Everything is deleted." "$out"
check "everything deleted" "$NONE" "$(counts)"
# an emptied store takes the backup back
out=$("$UNHUNCH" import "$TMP/b.json" 2>&1)
check "import after forget" 0 $?
check "restored after forget" "$before" "$(counts)"

# 9. an import is one batch: killed at any moment it keeps all of it or none of it
big="$TMP/big"
in_home "$big" "$UNHUNCH" checkin --pain 3 --date 2000-01-01 >/dev/null
sqlite3 "$big/.local/share/unhunch/unhunch.db" <<SQL
DELETE FROM checkins;
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 3652)
INSERT INTO checkins(date, at_ms, pain, stress) SELECT date('2015-01-01', '+' || i || ' days'),
  (1420070400 + i * 86400) * 1000, abs(random() % 8), abs(random() % 10) FROM d;
INSERT INTO checkin_regions(checkin_id, region, score) SELECT id, 'neck', abs(random() % 9) FROM checkins;
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 3652)
INSERT INTO sessions(routine_id, started_ms, ended_ms, status, pain_before, pain_after, pacing)
SELECT 'upper-back-activation', (1420070400 + i * 86400) * 1000, (1420070400 + i * 86400 + 700) * 1000,
  'finished', 3, 2, 'content' FROM d WHERE i % 7 IN (0, 2, 4);
SQL
in_home "$big" "$UNHUNCH" export --format json -o "$TMP/big.json" >/dev/null
check "big export" 0 $?
kdb() { sqlite3 -batch -noheader "$TMP/k/.local/share/unhunch/unhunch.db" "$1" 2>/dev/null; }
all="3653 3653 1566" none="0 0 0" kept=0 empty=0
for ms in 5 20 40 60 80 100 120 140 160 200; do
  rm -rf "$TMP/k"
  mkdir -p "$TMP/k"
  HOME="$TMP/k" XDG_DATA_HOME="$TMP/k/.local/share" "$UNHUNCH" import "$TMP/big.json" >/dev/null 2>&1 &
  pid=$!   # the program itself, not a subshell
  sleep "$(awk "BEGIN { print $ms / 1000 }")"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [ -e "$TMP/k/.local/share/unhunch/unhunch.db" ] || { empty=$((empty + 1)); continue; }
  check "integrity after a kill at ${ms} ms" ok "$(kdb 'PRAGMA integrity_check')"
  got=$(kdb "SELECT (SELECT count(*) FROM checkins), (SELECT count(*) FROM checkin_regions),
    (SELECT count(*) FROM sessions)" | tr '|' ' ')
  case "$got" in
    "$all") kept=$((kept + 1)) ;;
    "$none" | "") empty=$((empty + 1))
      out=$(in_home "$TMP/k" "$UNHUNCH" import "$TMP/big.json" 2>&1)
      check "import again after a kill at ${ms} ms" 0 $? ;;
    *) fail "a kill at ${ms} ms left part of the import: $got" ;;
  esac
done
echo "kills: $kept kept everything, $empty kept nothing"
[ $((kept + empty)) -eq 10 ] && ok || fail "not all-or-nothing"

finish
