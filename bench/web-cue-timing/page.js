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
		const p = players[name] = { sounds, planned: [], onsets: [], main: [] };
		detector.port.onmessage = (e) => p.onsets.push(e.data);
	}
	const tone = (p, when) => p.sounds.tone(when, 1000, 0.03, 0.5);

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
					e.planned.push(when);
					tone(e, when);
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
		tone(p, 0);
	};
	let ni = 0, nc = 0, interval = null, chained = null;
	setTimeout(() => {
		timerCue(players.interval, ni++);
		interval = setInterval(() => timerCue(players.interval, ni++), P);
		const next = () => { timerCue(players.chained, nc++); chained = setTimeout(next, P); };
		next();
	}, at(0) - performance.now());

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
	await new Promise((r) => setTimeout(r, 300));
	for (const p of Object.values(players)) p.planned = p.planned.filter((t) => t < stopAt - 0.5);
	const result = { visibility: document.visibilityState, hiddenAll: hiddenAll, length: LENGTH, rate: RATE, period: P, players: {} };
	for (const [name, p] of Object.entries(players))
		result.players[name] = { audio: name === 'engine' ? match(p.planned, p.onsets) : inOrder(p.planned, p.onsets), main: p.main };
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
