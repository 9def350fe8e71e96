#!/usr/bin/env bash
# t-attack-invite.sh: a stolen invitation link, through the real program (the
# terminal's `clinic accept`: the web has no invitation form yet): a link already used
# makes nothing for whoever has it next; an expired one makes nothing; the same link
# used by four at once makes one account; a link of a made-up or altered token, or of
# the token's stored hash, makes nothing. Each says why, and a link refused for a
# taken login name stays usable. On PostgreSQL through make check-postgres.
. "$(dirname "$0")/attack-lib.sh"
clinic_setup
acc() { "$UNHUNCH" clinic accept --login "$1" < <(printf '%s\n%s\n' "$2" "$GOOD") >"$TMP/acc.$1" 2>&1; }
accounts() { "$UNHUNCH" clinic list 2>&1 | grep -c '^'; }
n0=$(accounts)

# used: the client accepts, then the thief tries the same link
link=$(invite "Client dee")
acc dee "$link"
check "the client accepts" 0 "$?"
acc thief "$link"
check "the used link again" 1 "$?"
contains "the used link: why" "used" "$(cat "$TMP/acc.thief")"
check "one account made" $((n0 + 1)) "$(accounts)"

# taken name: refused, the link stays usable for its client
link=$(invite "Client eve")
acc dee "$link"
check "a taken login name" 1 "$?"
acc eve "$link"
check "the link still works after a taken name" 0 "$?"

# expired: made two days ago for one day
link=$(UNHUNCH_TEST_NOW=-2d invite "Client fay" --days 1)
[ -n "$link" ] && ok || fail "no link made in the past"
acc fay "$link"
check "an expired link" 1 "$?"
contains "the expired link: why" "expired" "$(cat "$TMP/acc.fay")"

# made up, altered, the token's stored form
n1=$(accounts)
link=$(invite "Client gus")
token=${link##*/}
hash=$(python3 -c 'import base64,hashlib,sys; t=sys.argv[1]; print(hashlib.blake2b(base64.urlsafe_b64decode(t + "=" * (-len(t) % 4)), digest_size=32).hexdigest())' "$token" 2>/dev/null)
for bad in "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" "${token:0:42}" "${token}A" \
  "$(printf '%s' "$token" | tr 'A-Za-z' 'N-ZA-Mn-za-m')" "$hash" "$(python3 -c 'import hashlib,sys; print(hashlib.blake2b(sys.argv[1].encode(), digest_size=32).hexdigest())' "$token")"; do
  acc gus "${link%/*}/$bad"
  check "a link of token [${bad:0:10}...]" 1 "$?"
done
check "nothing made by the made-up links" "$n1" "$(accounts)"

# the same link by four at once: one account
pids=()
for who in racer1 racer2 racer3 racer4; do
  acc "$who" "$link" &
  pids+=($!)
done
won=0
for p in "${pids[@]}"; do wait "$p" && won=$((won + 1)); done
check "four at once with one link: one wins" 1 "$won"
check "and one account is made" $((n1 + 1)) "$(accounts)"
lost=$(cat "$TMP"/acc.racer? | grep -c "used")
check "the other three told it was used" 3 "$lost"
finish
