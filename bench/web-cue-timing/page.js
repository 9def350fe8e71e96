// page.js: the benchmark page (see run.sh for the method). Three players run side by side
// for LENGTH seconds, each with its own sounds, routed to its own onset detector:
//   engine:   the player's CuePlayer on the audio clock (web/static/player-cues.js) running
//             the session engine (engine.wasm) with its clock at RATE times real time; a
//             short tone for every cue, started at the engine's time with start(when)
//   interval: setInterval(cue, P) from one anchor, the tone started when the timer fires
//   chained:  setTimeout(cue, P) again after every cue (the naive player)
// P is the engine's cue spacing in real time (1000 / RATE ms). For every cue, the error of
// the sound (onset found in the audio output, context time, against the cue's time on the
// same clock) and of the main-thread callback (performance.now() against the cue's time)
// in ms. The results are posted to /result.
// Per-cue diagnostics of the engine's player (printed for every missed cue and summed up
// for all): its lookahead slack (how far ahead of its time it was handed to the audio
// context: the cue's context time minus currentTime then, and minus the time then heard),
// the longest main-thread stall (gap between two turns of a 10 ms heartbeat) and the
// longest gap between two scheduler passes in the second before it was scheduled, whether
// its source ended (the `ended` event, with the context time it came at), the clock's
// jumps near it, and the onsets heard within half a second of it.
import { loadEngine } from '/static/player-engine.js';
import { AudioClock } from '/static/player-clock.js';
import { Sounds } from '/static/player-sounds.js';
import { CuePlayer } from '/static/player-cues.js';

const q = new URLSearchParams(location.search);
const LENGTH = Number(q.get('length') || 600) * 1000, RATE = Number(q.get('rate') || 4), P = 1000 / RATE;
const PASS = 'up1.start.bench-web-cues.-.-1.bench-pass-0001.0123456789abcdef0123';
const status = (t) => { document.getElementById('status').textContent = t; };

async function main() {
	const ctx = new AudioContext();
	await ctx.resume();
	await ctx.audioWorklet.addModule('/onset.js');
	await new Promise((r) => setTimeout(r, 300)); // let the output clock settle
	const clock = new AudioClock(ctx, { rate: RATE });
	const out = ctx.createGain();
	out.gain.value = 0.05;
	out.connect(ctx.destination);
	const players = {};
	for (const name of ['engine', 'interval', 'chained']) {
		const detector = new AudioWorkletNode(ctx, 'onset');
		const sounds = new Sounds(ctx, { destination: out });
		sounds.out.connect(detector);
		const p = players[name] = { sounds, planned: [], onsets: [], main: [], diag: [], steps: [], stale: [] };
		detector.port.onmessage = (e) => (!Array.isArray(e.data) ? p.onsets : e.data[0] === 'stale' ? p.stale : p.steps).push(e.data);
	}
	const tone = (p, when) => p.sounds.tone(when, 1000, 0.03, 0.5);

	// diagnostics: main-thread turns (a 10 ms heartbeat), the scheduler's passes, the clock's jumps
	const beats = [], pumps = [], jumps = [];
	let lastBeat = performance.now();
	const beat = setInterval(() => { const n = performance.now(); if (n - lastBeat > 20) beats.push([lastBeat, n - lastBeat]); lastBeat = n; }, 10);
	const sync = clock.sync.bind(clock);
	clock.sync = () => {
		const before = clock.offset;
		sync();
		if (before !== null && Math.abs(clock.offset - before) > 2) jumps.push([performance.now(), clock.offset - before]);
	};
	const gapBefore = (list, from, to) => { // longest gap in [from, to]: [start, length] pairs or times
		let m = 0;
		for (let i = 0; i < list.length; i++) {
			const [a, len] = Array.isArray(list[i]) ? list[i] : [list[i - 1] ?? list[i], list[i] - (list[i - 1] ?? list[i])];
			if (a + len >= from && a <= to) m = Math.max(m, len);
		}
		return m;
	};

	// the engine's player
	const engine = await loadEngine(fetch('/engine.wasm'));
	const content = engine.content(await (await fetch('/content.json')).json());
	const e = players.engine;
	const player = new CuePlayer({
		makeSession: () => engine.session(content, 'bench-web-cues'), pass: PASS, clock,
		onStep: (step) => {
			for (const fx of step.fx)
				if (fx.fx === 'say' || fx.fx === 'beep') {
					const when = clock.audioTime(step.now);
					const d = { t: step.now, when, perf: performance.now(), slack: (when - ctx.currentTime) * 1000, heardSlack: (when - clock.contextNow()) * 1000, ended: null };
					e.planned.push(when);
					e.diag.push(d);
					const h = tone(e, when); // null: found past its time, not started (player-sounds.js)
					if (h) h.node.onended = () => { d.ended = ctx.currentTime; };
					else d.ended = 'not started';
				}
		},
		onDue: (fx, view, at) => {
			if (fx.fx === 'say' || fx.fx === 'beep') e.main.push(performance.now() - clock.perfTime(at));
		},
	});

	// the two timer players, anchored at the same moment
	const t0 = performance.now() + 500;
	const at = (i) => t0 + i * P;
	const timerCue = (p, i) => {
		const now = performance.now();
		p.main.push(now - at(i));
		p.planned.push(clock.contextNow(at(i)));
		tone(p, ctx.currentTime); // at once (a time already past would not be started)
	};
	let ni = 0, nc = 0, interval = null, chained = null;
	setTimeout(() => {
		timerCue(players.interval, ni++);
		interval = setInterval(() => timerCue(players.interval, ni++), P);
		const next = () => { timerCue(players.chained, nc++); chained = setTimeout(next, P); };
		next();
	}, at(0) - performance.now());

	const pump = player.pump.bind(player);
	player.pump = () => { pumps.push(performance.now()); pump(); };
	player.start({ inMs: 200 }); // the first cue, too, is scheduled ahead
	const end = performance.now() + LENGTH;
	while (performance.now() < end) {
		status(`running: ${Math.round((end - performance.now()) / 1000)} s left, ${document.visibilityState}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
	const stopAt = clock.contextNow();
	player.stop();
	clearInterval(interval);
	clearTimeout(chained);
	clearInterval(beat);
	await new Promise((r) => setTimeout(r, 300));
	for (const p of Object.values(players)) p.planned = p.planned.filter((t) => t < stopAt - 0.5);
	const result = { sampleRate: ctx.sampleRate, baseLatency: ctx.baseLatency, visibility: document.visibilityState, hiddenAll: hiddenAll, length: LENGTH, rate: RATE, period: P, players: {} };
	for (const [name, p] of Object.entries(players))
		result.players[name] = { audio: name === 'engine' ? match(p.planned, p.onsets) : inOrder(p.planned, p.onsets), main: p.main };
	// the engine's cues, one diagnostic each
	const en = players.engine;
	result.diag = en.diag.slice(0, en.planned.length).map((d) => ({
		t: d.t, frame: d.when * ctx.sampleRate, slack: d.slack, heardSlack: d.heardSlack,
		stall: gapBefore(beats, d.perf - 1000, d.perf), pumpGap: gapBefore(pumps, d.perf - 1000, d.perf),
		ended: typeof d.ended === 'number' ? (d.ended - d.when) * 1000 : d.ended,
		jumps: jumps.filter(([at]) => Math.abs(at - d.perf) < 2000).map(([at, by]) => [Math.round(at - d.perf), by]),
		near: en.onsets.filter((o) => Math.abs(o - d.when) < 0.5).map((o) => (o - d.when) * 1000),
		stale: en.stale.filter(([, raw, at]) => Math.abs(at - d.when) < 0.1).map(([, raw, at]) => Math.round((raw - d.when) * 1e4) / 10),
		steps: en.steps.filter(([f]) => Math.abs(f / ctx.sampleRate - d.when) < 0.1).map(([f, by]) => [Math.round((f / ctx.sampleRate - d.when) * 1e4) / 10, by]),
	}));
	for (const [name, p] of Object.entries(players)) result.players[name].stale = p.stale.length;
	result.lookahead = player.lookahead();
	result.heldUp = player.heldUpMs;
	result.stalls = { frameSteps: en.steps.length, skipped: en.steps.reduce((a, [, by]) => a + by - 128, 0), beats: beats.length, longest: Math.max(0, ...beats.map((b) => b[1])), jumps: jumps.length };
	await fetch('/result?tab=' + q.get('tab'), { method: 'POST', body: JSON.stringify(result) });
	status('done');
}

// The engine's player may start two tones at one time (a beep and the next cue): pair
// each planned start with the onset heard nearest after it (within half a period):
// the error in ms, or null when none was heard (a cue that never sounded).
function match(planned, onsets) {
	const errs = [];
	let j = 0;
	for (const t of planned) {
		while (j < onsets.length && onsets[j] < t - 0.002) j++;
		if (j < onsets.length && onsets[j] - t < P / 2000) errs.push((onsets[j] - t) * 1000);
		else errs.push(null);
	}
	return errs;
}

// A timer player starts one tone per cue, at once: the k-th onset is the k-th cue's.
function inOrder(planned, onsets) {
	return planned.map((t, k) => (k < onsets.length ? (onsets[k] - t) * 1000 : null));
}

let hiddenAll = document.visibilityState === 'hidden';
document.addEventListener('visibilitychange', () => { if (document.visibilityState !== 'hidden') hiddenAll = false; });
main().catch((err) => fetch('/result?tab=' + q.get('tab'), { method: 'POST', body: JSON.stringify({ error: String(err && err.stack || err) }) }));
