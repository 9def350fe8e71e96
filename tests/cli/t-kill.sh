# t-kill.sh: SIGKILL a running session at random moments, many times, resuming after
# each kill. After every kill the database must pass integrity_check, hold every set
# the player reported as saved, and hold no duplicate; at the end the routine must be
# complete with each set exactly once. Each kill falls at a random moment of the
# session itself: the random wait starts once the session has printed its first cue,
# so a slow start (a loaded machine, sanitizers, start handed from unhunch to
# unhunch-player) does not eat the rounds. After every kill nothing of that run may still
# be going: start hands over with exec, so the process killed is the one that runs it.
. "$(dirname "$0")/lib.sh"
mkdir -p "$XDG_DATA_HOME/unhunch"
cp "$SRC/tests/cli/content/fast.yaml" "$XDG_DATA_HOME/unhunch/"
screen_clear
DB="$XDG_DATA_HOME/unhunch/unhunch.db"
q() { sqlite3 -batch -noheader "$DB" "$1"; } # the SQLite file itself, in sqlite_only parts
RANDOM=4242  # reproducible kill points

kills=0
args=(t-long --pain 2 --fresh)
for round in $(seq 1 40); do
  log="$TMP/run-$round.out"
  "$UNHUNCH" start "${args[@]}" --plain --no-voice </dev/null >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do # up to 60 s for the first cue
    grep -q '^\[' "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # kill between 1 and 15 s in: sometimes in get-ready, mid-set, or right at a save
  sleep "$(( 1 + RANDOM % 14 )).$(( RANDOM % 10 ))$(( RANDOM % 10 ))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null
    kills=$((kills + 1))
    finished=no
    # nothing of this run left: no unhunch process with this test's HOME
    left=0
    for d in /proc/[0-9]*; do
      case $(cat "$d/comm" 2>/dev/null) in unhunch*) ;; *) continue ;; esac
      tr '\0' '\n' <"$d/environ" 2>/dev/null | grep -qxF "HOME=$HOME" && left=$((left + 1))
    done
    check "round $round: nothing left running after the kill" 0 "$left"
  else
    wait "$pid"
    check "round $round exit" 0 $?
    finished=yes
  fi
  # killed before the session was stored: start afresh (on any backend)
  n=$(x '.sessions | length' 2>/dev/null)
  [ "${n:-0}" = 0 ] && { args=(t-long --pain 2 --fresh); continue; }
  sqlite_only "round $round integrity" && check "round $round integrity" ok "$(q 'PRAGMA integrity_check')"
  stored=$(x '.sessions[] | .started_ms as $s | .sets[] | "\($s) \(.item + 1) \(.exercise) \(.set) \(.side)"')
  check "round $round no duplicate sets" "" "$(sort <<<"$stored" | uniq -d)"
  # every set reported as saved is in the store
  while read -r item ex setno side; do
    n=$(grep -c -x -E "[0-9]+ $item $ex $setno ?$side" <<<"$stored")
    check "round $round saved set $item $ex $setno $side present" 1 "$n"
  done < <(sed -n -E 's/^\[[0-9:]+\] saved: item ([0-9]+) ([a-z-]+) set ([0-9]+) ?([a-z]*), .*/\1 \2 \3 \4/p' "$log")
  # killed after the end was stored (a loaded machine can be that slow to exit): done
  [ "$finished" = yes ] || [ "$(x '.sessions[-1].status')" = finished ] && break
  args=(--resume)
done

[ "$kills" -ge 5 ] && ok || fail "only $kills kills happened"
check "one session, finished" "1|finished" "$(x '"\(.sessions | length)|\(.sessions[0].status)"')"
check "every set once" "0|t-lift|1|
0|t-lift|2|
1|t-side|1|left
1|t-side|1|right
2|t-lift|1|
3|t-rest|1|
4|t-side|1|left
4|t-side|1|right
5|t-lift|1|
6|t-rest|1|
7|t-lift|1|" "$(x '[.sessions[].sets[]] | sort_by(.item, .set, .side)[] | "\(.item)|\(.exercise)|\(.set)|\(.side)"')"
check "every exercise once" 8 "$(x '[.sessions[].exercises[].item] | unique | length')"
check "exercise rows unique" 8 "$(x '[.sessions[].exercises[]] | length')"
echo "kills: $kills"
finish
