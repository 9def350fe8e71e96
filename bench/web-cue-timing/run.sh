#!/usr/bin/env bash
# bench/web-cue-timing/run.sh: how close to the engine's schedule the web player's cues
# sound, beside the two usual browser patterns, in a foreground and in a hidden tab.
#
# Method. Headless Debian Chromium (playwright-core) with its background throttling on
# opens one page in a foreground tab and one in a tab opened in the background and never
# shown (document.hidden all along), at the same time. In each page three players run
# side by side for LENGTH seconds (default 600): the web player (CuePlayer on the Web
# Audio clock, running the session engine of engine.wasm on content.yaml, whose clock
# runs RATE times real time, default 4: a cue every 250 ms), a setInterval player
# anchored once, and a chained-setTimeout player, all three with a cue every 1000/RATE
# ms. Every cue starts a 30 ms tone; each player's tones go to its own AudioWorklet that
# finds each onset in the audio stream (the first sample above 0.001 after 20 ms of
# quiet). Audio error: onset minus the cue's time, both on the audio clock (the timer
# players' times mapped from performance.now() through getOutputTimestamp()). Main-thread
# error: when the player's callback ran (performance.now()) minus the cue's time. Drift:
# the mean error of the last tenth of cues minus that of the first tenth. A cue with no
# onset within half a period is counted as missed. The detector dates an onset by counting
# the samples it has seen, not by the worklet's currentFrame, which Chromium leaves stale
# for one to four calls when it renders several quanta to catch up (an onset there came
# out up to 4 quanta early and counted as missed: the "2 of 2396 missed" of an earlier
# run). For the engine's player, every cue also gets diagnostics (page.js): how far ahead
# it was handed to the audio context, the main thread's longest stall and the longest
# gap between scheduler passes in the second before, whether its source ended, and the
# onsets and currentFrame steps near it; they are printed for every missed cue.
# DUMP=FILE keeps the raw results as JSON.
# Goals (issue 17): foreground p99 <= 1 ms and no drift; hidden tab: cues start within
# 20 ms of the schedule.
# Usage: bash bench/web-cue-timing/run.sh [LENGTH_S] [RATE]   (from a built tree: build/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-$root/build}
length=${1:-600}
rate=${2:-4}
for need in "$build/engine-trace" "$build/web-built/static/engine.wasm" "$root/node_modules/playwright-core" /usr/bin/chromium; do
  [ -e "$need" ] || { echo "missing: $need (build the tree, and run scripts/deps.sh bench)" >&2; exit 1; }
done
tmp=$(mktemp -d /tmp/unhunch-webcue.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data" "$tmp/home"
cp "$here/content.yaml" "$tmp/data/"
"$build/engine-trace" content bench-web-cues "$tmp/data" >"$tmp/content.json"
echo "$(nproc) cores, $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
HOME="$tmp/home" node "$here/bench.mjs" "$build/web-built/static/engine.wasm" "$tmp/content.json" "$length" "$rate"
