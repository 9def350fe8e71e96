// player.mjs: the web player's modules (web/static/player-*.js) in Debian's Chromium,
// headless, at 390x844, started by tests/wasm/t-browser.sh with the real server of the
// browser tests (tests/http/lib.sh).
//
//   0. the real server serves every player module (embedded from web/static); the real
//      page asks the real gate: refused before the safety screen and with pain of 8 (its
//      words shown, Start offered again), then a pass signed by the server, with the pain
//      score the page sent, starts the engine; "I'm dizzy" sends the warning sign to the
//      server at once, and the next Start is refused with who to see; while `unhunch
//      start` runs a session in the terminal, Start is refused with where it runs; the
//      session the page plays is the plan's, as the server gives it with the pass (an
//      exercise the plan paused left out, a dose the plan raised: the reps shown), and
//      its minutes shown from the page's first render; the space bar and p pause and
//      resume it, s skips, d is "I'm dizzy"
//
// The rest runs on a made-up origin served by request interception (the modules as in
// the tree, engine.wasm, speech clips rendered here with espeak-ng): the server does not
// serve engine.wasm or /api/v1/speech yet, and its Content-Security-Policy does not allow
// WebAssembly ('wasm-unsafe-eval') nor its Permissions-Policy the wake lock; see the
// player's part of docs/api.md when those come.
//
//   1. the trace scripts through engine.wasm in the page: equal to the native traces
//   2. CuePlayer on a real AudioContext with a fast clock: every effect handed out in the
//      engine's order at its time, beeps and counts started at the engine's times on the
//      audio clock, the live region and the speech told every cue
//   3. an input inside the look-ahead takes back the future exactly (the session after it
//      equals a fresh replay of what was done)
//   3b. a main thread held up longer than the look-ahead: the look-ahead grows to twice
//      the hold-up, so the next one leaves every cue on time; a sound found past its time
//      is not started
//   4. the audio path for real: sounds rendered by an OfflineAudioContext start on the
//      sample they were scheduled for
//   5. speech with a stand-in speechSynthesis (headless Chromium has no voices): voices that
//      come late, short utterances, cancel before speak and on pause, the watchdog, the tap
//   6. no voice: clips of the server's speech address, decoded and played; counts loaded
//   7. the wake lock taken, taken again when the page is visible, a note once without it
//   8. the figure moves with the engine's phases (player-figure.js): still while getting
//      ready, lifting through "up", still through the hold, back to the start through
//      "down", mirrored for the other side, the hips higher at the top; still frames only
//      with reduced motion; frozen while paused; the screen (player-screen.js) at 390x844
//      and 1280x800, screenshots in SHOT_DIR when it is set
//   9. the session page (player-page.js): content from the API, a refused pass, a session
//      reloaded part-way that resumes at the set in progress, the outbox (one record a
//      set, each with its key) drained exactly once into a server that loses an answer
//   9b. the server's answers to the outbox (the real upload, a stand-in server): a step
//      refused for good kept aside in IndexedDB and shown with the server's reason on the
//      end screen and, after a reload, in the note, never sent again; the pain-after
//      advice on the end screen when the server's answer to the end says after_bad
//  10. the whole default routine on an injected clock (time moves only when the test
//      moves it): every effect handed out in the engine's order at its session time, every
//      cue to the live region and the screen, against the native trace (whole.txt)
//
// usage: node player.mjs BASE_URL ENGINE_WASM TRACE_DIR (TRACE_DIR: NAME.txt, NAME.json, NAME.native)
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const [base, wasmPath, traceDir] = process.argv.slice(2);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const ORIGIN = 'http://player.test';
let failures = 0, passes = 0;
const fail = (msg) => { failures++; console.error(`FAIL: ${msg}`); };
const ok = (cond, msg) => { if (cond) passes++; else fail(msg); };

// speech clips rendered with espeak-ng, by their words
const clipDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-clips.'));
const clips = new Map();
function clip(text) {
	if (!clips.has(text)) {
		const file = path.join(clipDir, `${clips.size}.wav`);
		execFileSync('espeak-ng', ['-w', file, text]);
		clips.set(text, file);
	}
	return clips.get(text);
}

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium', headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
context.setDefaultTimeout(20000);
const speechAsked = [];
let apiContent = null; // what the made-up origin's /api/v1/routines and /api/v1/exercises answer
await context.route(`${ORIGIN}/**`, async (route) => {
	const url = new URL(route.request().url());
	const send = (file, type) => route.fulfill({ status: 200, body: fs.readFileSync(file), headers: { 'content-type': type } });
	if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>player test</title><main><p id="live"></p></main>' });
	if (url.pathname === '/engine.wasm') return send(wasmPath, 'application/wasm');
	if (url.pathname === '/static/app.css') return send(path.join(root, 'web/static/app.css'), 'text/css');
	if (url.pathname === '/session') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><head>' +
		'<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>session test</title>' +
		'<link rel="stylesheet" href="/static/app.css"></head><body><header class="top"><a class="brand" href="/">unhunch</a></header>' +
		'<main id="main"><section data-player-start><h1>Figure test</h1><p data-player-note role="status"></p>' +
		'<button class="button" type="button" data-player-go disabled>Start</button></section><section data-player hidden></section></main></body></html>' });
	const api = url.pathname.match(/^\/api\/v1\/(routines|exercises)\/([a-z0-9-]+)$/);
	if (api && apiContent) {
		const found = api[1] === 'routines' ? (apiContent.routine.id === api[2] ? apiContent.routine : null) : apiContent.exercises.find((e) => e.id === api[2]);
		return route.fulfill({ status: found ? 200 : 404, contentType: 'application/json', body: JSON.stringify(found || { error: { code: 'not_found' } }) });
	}
	if (url.pathname === '/play') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><head>' +
		'<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>player test</title>' +
		'<link rel="stylesheet" href="/static/app.css"></head><body><header class="top"><a class="brand" href="/">unhunch</a></header><main id="main"><h1>Figure test</h1><section></section></main></body></html>' });
	if (/^\/static\/(player-[a-z]+|api)\.js$/.test(url.pathname)) return send(path.join(root, 'web', url.pathname), 'text/javascript');
	if (url.pathname === '/tests/script.mjs') return send(path.join(root, 'tests/wasm/script.mjs'), 'text/javascript');
	if (url.pathname === '/api/v1/speech') {
		const text = url.searchParams.get('text');
		speechAsked.push(text);
		return send(clip(text), 'audio/wav');
	}
	return route.fulfill({ status: 404, body: 'not here' });
});
// ---- 0. the real server serves the modules ----
const modules = fs.readdirSync(path.join(root, 'web/static')).filter((f) => /^player-[a-z]+\.js$/.test(f));
const home = await (await fetch(base)).text();
const hash = (home.match(/\/static\/([0-9a-f]+)\//) || [])[1];
ok(hash, 'the home page names no /static/HASH/ address');
for (const m of modules) {
	const res = await fetch(`${base}static/${hash}/${m}`);
	const body = await res.text();
	ok(res.status === 200 && (res.headers.get('content-type') || '').startsWith('text/javascript') &&
		body === fs.readFileSync(path.join(root, 'web/static', m), 'utf8'), `the server does not serve ${m} as it is in web/static`);
}
ok(modules.length >= 8, `only ${modules.length} player modules`);
const wasmRes = await fetch(`${base}static/${hash}/engine.wasm`);
ok(wasmRes.status === 200 && wasmRes.headers.get('content-type') === 'application/wasm' &&
	Buffer.from(await wasmRes.arrayBuffer()).equals(fs.readFileSync(wasmPath)), 'the server does not serve engine.wasm as built, as application/wasm');

// the real page: the engine compiled under the page's own policy, the content of the real
// API (pictures included) taken by the engine; Start asks the server's gate
// (POST /api/v1/session/pass), which refuses before the first safety screen, in its words
for (const [w, h] of [[390, 844], [1280, 800]]) {
	const p = await context.newPage();
	await p.setViewportSize({ width: w, height: h });
	const problems = [];
	p.on('pageerror', (e) => problems.push(e.message));
	p.on('console', (m) => { if (m.type() === 'error' && !/404/.test(m.text())) problems.push(m.text()); });
	await p.goto(`${base}library/routines/upper-back-activation/play`);
	await p.waitForSelector('[data-player-go]:not([disabled])', { timeout: 60000 }).catch(() => {});
	ok(await p.isEnabled('[data-player-go]'), `${w}x${h}: the player page did not get ready (${await p.textContent('[data-player-note]')})`);
	if (process.env.SHOT_DIR) await p.screenshot({ path: path.join(process.env.SHOT_DIR, `play-${w}x${h}.png`), fullPage: true });
	await p.click('[data-player-go]');
	await p.waitForFunction(() => document.querySelector('[data-player-note]').textContent !== '', null, { timeout: 30000 }).catch(() => {});
	const note = await p.textContent('[data-player-note]');
	ok(/^Before your first session, answer the safety questions\. .*Safety, in the menu/.test(note), `${w}x${h}: Start on the real server said [${note}]`);
	ok(await p.evaluate(() => document.querySelector('[data-player]').hidden), `${w}x${h}: a session ran without the gate's pass`);
	ok(problems.length === 0, `${w}x${h}: errors on the player page: ${problems.join(' | ')}`);
	await p.close();
}

// the safety screen answered (no to every question, in the terminal, on the server's
// data): the real pass, signed by the server, starts the engine with the pain score the
// page sent; pain of 8 allows only a gentle routine, and the page says so
if (process.env.UNHUNCH) {
	execFileSync(process.env.UNHUNCH, ['screen'], { input: 'n\n'.repeat(60), stdio: ['pipe', 'ignore', 'ignore'] });
	const db = path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local/share'), 'unhunch/unhunch.db');
	const sql = (q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();
	// a session running in the terminal: Start in the browser is refused, saying where it runs
	{
		const before = sql('SELECT count(*) FROM sessions');
		const term = spawn(process.env.UNHUNCH, ['start', 'upper-back-activation', '--plain', '--no-voice', '--pain', '2'], { stdio: ['pipe', 'ignore', 'ignore'] });
		// up to 60 s: the terminal's start (a build with sanitizers, on a loaded machine) can be slow
		let stored = before;
		for (let i = 0; i < 600 && (stored = sql('SELECT count(*) FROM sessions')) === before; i++) await new Promise((r) => setTimeout(r, 100));
		ok(stored !== before, `the session started in the terminal was not stored within 60 s (sessions: ${stored})`);
		const p = await context.newPage();
		await p.goto(`${base}library/routines/upper-back-activation/play`);
		await p.waitForSelector('[data-player-go]:not([disabled])', { timeout: 60000 }).catch(() => {});
		await p.click('[data-player-go]');
		await p.waitForFunction(() => document.querySelector('[data-player-note]').textContent !== '', null, { timeout: 30000 }).catch(() => {});
		const note = await p.textContent('[data-player-note]');
		ok(note === 'Your session of Upper back activation is running on the computer. Finish it there, then start here.',
			`with a session running in the terminal, Start said [${note}]`);
		ok(await p.evaluate(() => document.querySelector('[data-player]').hidden && !document.querySelector('[data-player-end-running]')),
			'a session started beside the terminal\'s, or offered to end one that moves on');
		const gone = new Promise((r) => term.on('exit', r));
		term.kill('SIGTERM');
		await gone;
		await p.close();
	}
	// the plan: the first two exercises paused, the V-raise raised to 8 reps (the routine's: 5)
	const day = new Date().toISOString().slice(0, 10), at = Date.now() - 60000;
	const change = (slot, action, from, to, paused) => `INSERT INTO plan_changes(date, at_ms, routine_id, slot, action, rule, from_exercise, to_exercise, from_reps, to_reps, from_duration_s, to_duration_s, paused, reason) VALUES ('${day}', ${at}, 'upper-back-activation', '${slot}', '${action}', 'test', '${slot}', '${slot}', ${from}, ${to}, 0, 0, ${paused}, 'for the test');`;
	sql(change('glute-bridge', 'pause', 10, 10, 1) + change('superman', 'pause', 5, 5, 1) + change('v-raise', 'progress', 5, 8, 0));
	const p = await context.newPage();
	await p.setViewportSize({ width: 390, height: 844 });
	const first = await p.goto(`${base}library/routines/upper-back-activation/play`);
	// the page as the server first renders it (before any script): the plan's minutes
	const firstMinutes = ((await first.text()).match(/<span data-player-minutes>(\d+)<\/span>/) || [])[1];
	await p.waitForSelector('[data-player-go]:not([disabled])', { timeout: 60000 }).catch(() => {});
	await p.fill('[data-player-pain]', '8');
	await p.click('[data-player-go]');
	await p.waitForFunction(() => document.querySelector('[data-player-note]').textContent !== '', null, { timeout: 30000 }).catch(() => {});
	const note = await p.textContent('[data-player-note]');
	ok(/^Pain of 8 or more allows only a gentle routine today, not .*You can do .* instead\.$/.test(note), `pain 8: Start said [${note}]`);
	ok(await p.evaluate(() => document.querySelector('[data-player]').hidden), 'pain 8: the session ran');
	await p.fill('[data-player-pain]', '3');
	const answer = p.waitForResponse((r) => r.url().endsWith('/api/v1/session/pass'));
	await p.click('[data-player-go]');
	const res = await answer;
	const sent = JSON.parse(res.request().postData()), got = await res.json();
	ok(sent.routine === 'upper-back-activation' && sent.pain === 3 && !sent.resume, `the page asked the gate with ${JSON.stringify(sent)}`);
	ok(got.allowed && /^up2\.web-player\.upper-back-activation\.n\.3\.[0-9]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/.test(got.token), `the gate answered ${JSON.stringify(got)}`);
	const items = got.session?.items || [];
	ok(items.length === 8 && items[0].paused && items[1].paused && items[2].exercise === 'v-raise' && items[2].reps === 8 && !items[2].paused,
		`the session given with the pass is not the plan's: ${JSON.stringify(got.session)}`);
	await p.waitForFunction(() => !document.querySelector('[data-player]').hidden && document.querySelector('.player-name')?.textContent, null, { timeout: 30000 }).catch(() => {});
	const shown = await p.evaluate(() => ({ hidden: document.querySelector('[data-player]').hidden, name: document.querySelector('.player-name')?.textContent }));
	ok(!shown.hidden && shown.name, `the engine did not start under the server's pass: ${JSON.stringify(shown)}`);
	// the plan's session plays: the two paused exercises left out, the V-raise at 8 reps
	// (done while it gets ready: on to the first rep, as the Enter key does)
	await p.waitForFunction(() => document.querySelector('.player-name')?.textContent === 'V-raise', null, { timeout: 30000 }).catch(() => {});
	await p.evaluate(() => window.unhunchPlayer.player.input('done'));
	await p.waitForFunction(() => /^Rep \d+ of \d+/.test(document.querySelector('.player-rep')?.textContent || ''), null, { timeout: 30000 }).catch(() => {});
	const plays = await p.evaluate(() => ({ where: document.querySelector('.player-where').textContent, name: document.querySelector('.player-name').textContent,
		rep: document.querySelector('.player-rep').textContent, minutes: document.querySelector('[data-player-minutes]')?.textContent }));
	ok(plays.name === 'V-raise' && /^Exercise 3 of 8/.test(plays.where) && /^Rep \d+ of 8\b/.test(plays.rep),
		`the page did not play the plan's session: ${JSON.stringify(plays)}`);
	ok(plays.minutes === String(got.session?.minutes), `the page shows ${plays.minutes} minutes, the session given is ${got.session?.minutes}`);
	ok(firstMinutes === String(got.session?.minutes), `the page first rendered ${firstMinutes} minutes, the plan's session is ${got.session?.minutes}`);
	if (process.env.SHOT_DIR) await p.screenshot({ path: path.join(process.env.SHOT_DIR, 'play-started-390x844.png') });
	// the keys: space and p pause and resume, s skips to the next exercise
	await p.evaluate(() => document.activeElement && document.activeElement.blur());
	const stateIs = (want) => p.waitForFunction((w) => window.unhunchPlayer.player.view()?.state === w, want, { timeout: 10000 }).then(() => true, () => false);
	await p.keyboard.press('Space');
	// the engine's state first, then the screen (drawn on the next animation frame)
	const paused = await stateIs('paused') && await p.waitForFunction(() => document.querySelector('.player-count')?.textContent === 'Paused', null, { timeout: 10000 }).then(() => true, () => false);
	ok(paused, `the space bar did not pause the session: ${JSON.stringify(await p.evaluate(() => ({ state: window.unhunchPlayer.player.view()?.state, count: document.querySelector('.player-count')?.textContent, focus: document.activeElement?.tagName })))}`);
	await p.keyboard.press('p');
	ok(await stateIs('running'), 'p did not resume the session');
	await p.keyboard.press('s');
	const skipped = await p.waitForFunction(() => document.querySelector('.player-name')?.textContent === 'Scapular push-up', null, { timeout: 10000 }).then(() => true, () => false);
	ok(skipped, `s did not skip to the next exercise: ${await p.textContent('.player-name')}`);
	// "I'm dizzy" (the d key; the button in player-sw.mjs): the warning sign reaches the
	// server at once (not with the sets, which still wait in the browser), and the next
	// Start is refused by the gate with who to see
	const warned = p.waitForResponse((r) => r.url().endsWith('/api/v1/warnings'), { timeout: 30000 }).catch(() => null);
	await p.keyboard.press('d');
	const wres = await warned;
	ok(wres && wres.status() === 201, `the warning sign did not reach the server: ${wres ? wres.status() : 'no request'}`);
	await p.close();
	const again = await context.newPage();
	await again.setViewportSize({ width: 390, height: 844 });
	await again.goto(`${base}library/routines/upper-back-activation/play`);
	await again.waitForSelector('[data-player-go]:not([disabled])', { timeout: 60000 }).catch(() => {});
	await again.fill('[data-player-pain]', '2');
	await again.click('[data-player-go]');
	await again.waitForFunction(() => document.querySelector('[data-player-note]').textContent !== '', null, { timeout: 30000 }).catch(() => {});
	const refused = await again.textContent('[data-player-note]');
	ok(/No exercise starts until then\.$/.test(refused), `after a warning sign, Start said [${refused}]`);
	ok(await again.evaluate(() => document.querySelector('[data-player]').hidden), 'a session ran after a warning sign');
	await again.close();
} else {
	fail('UNHUNCH is not set: the real gate is not tried');
}

const page = await context.newPage();
page.on('pageerror', (e) => fail(`page error: ${e.message}`));
await page.goto(`${ORIGIN}/`);

// ---- 1. the trace scripts in Chromium ----
const scripts = fs.readdirSync(traceDir).filter((f) => f.endsWith('.txt')).sort();
for (const f of scripts) {
	const name = f.replace(/\.txt$/, '');
	const script = fs.readFileSync(path.join(traceDir, f), 'utf8');
	const content = JSON.parse(fs.readFileSync(path.join(traceDir, `${name}.json`), 'utf8'));
	const native = fs.readFileSync(path.join(traceDir, `${name}.native`), 'utf8');
	const got = await page.evaluate(async ({ content, script }) => {
		const { loadEngine } = await import('/static/player-engine.js');
		const { runScript } = await import('/tests/script.mjs');
		const engine = await loadEngine(fetch('/engine.wasm'));
		return runScript(engine, content, script).lines.map((l) => l + '\n').join('');
	}, { content, script });
	ok(got === native, `trace ${name}: Chromium differs from the native engine`);
}
ok(scripts.length >= 10, `only ${scripts.length} trace scripts`);

// ---- 2 and 3. CuePlayer on the audio clock ----
const fast = JSON.parse(fs.readFileSync(path.join(traceDir, 'fast.json'), 'utf8'));
const fastNative = fs.readFileSync(path.join(traceDir, 'fast.native'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const PASS = 'up1.start.t-fast.-.0.test-pass-0100.0123456789abcdef0123';
const run = await page.evaluate(async ({ content, PASS }) => {
	const { loadEngine } = await import('/static/player-engine.js');
	const { AudioClock } = await import('/static/player-clock.js');
	const { Sounds } = await import('/static/player-sounds.js');
	const { CuePlayer } = await import('/static/player-cues.js');
	const { LiveRegion } = await import('/static/player-live.js');
	const engine = await loadEngine(fetch('/engine.wasm'));
	const c = engine.content(content);
	const ctx = new AudioContext();
	await ctx.resume();
	const clock = new AudioClock(ctx, { rate: 8 });
	const sounds = new Sounds(ctx);
	const live = new LiveRegion(document.getElementById('live'));
	const due = [], sounded = [], announced = [];
	const realBeep = sounds.beep.bind(sounds), realCount = sounds.count.bind(sounds);
	sounds.beep = (when) => { const h = realBeep(when); sounded.push(['beep', when]); return h; };
	sounds.count = (n, when) => { const h = realCount(n, when); sounded.push([`count ${n}`, when]); return h; };
	const player = new CuePlayer({
		makeSession: () => engine.session(c, 't-fast'), pass: PASS, clock, sounds,
		onDue: (fx, view, at) => {
			due.push({ fx, at, late: clock.now() - at });
			if (fx.fx === 'say') { live.say(fx.text); announced.push(fx.text); }
		},
	});
	player.start();
	await new Promise((resolve) => { const t = setInterval(() => { if (player.done && !player.queue.length) { clearInterval(t); resolve(); } }, 20); });
	const audioTimes = sounded.map(([what, when]) => [what, when]);
	const expectWhen = due.filter((d) => d.fx.fx === 'beep' || (d.fx.fx === 'say' && /^\d+$/.test(d.fx.text))).map((d) => clock.audioTime(d.at));
	await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	const finalView = player.view();
	player.stop();
	return { due, audioTimes, expectWhen, announced, live: document.getElementById('live').textContent, finalView };
}, { content: fast, PASS });
const nativeFx = fastNative.flatMap((s) => s.fx.map((fx) => ({ fx, at: s.now })));
ok(run.due.length === nativeFx.length, `CuePlayer handed out ${run.due.length} effects, the engine made ${nativeFx.length}`);
ok(JSON.stringify(run.due.map((d) => [d.fx, d.at - run.due[0].at])) === JSON.stringify(nativeFx.map((d) => [d.fx, d.at - nativeFx[0].at])),
	'CuePlayer: the effects and their times differ from the native trace');
ok(run.audioTimes.length === run.expectWhen.length && run.audioTimes.every(([, w], i) => w === run.expectWhen[i]),
	'beeps and counts not started at the engine\'s times on the audio clock');
ok(run.audioTimes.some(([w]) => w === 'beep') && run.audioTimes.some(([w]) => w.startsWith('count')), 'no beep or count scheduled');
ok(run.due.every((d) => d.late >= 0), 'an effect was handed out before its time');
const lates = run.due.map((d) => d.late).sort((a, b) => a - b);
console.log(`CuePlayer (clock x8): ${run.due.length} effects; main-thread lateness p50 ${(lates[lates.length >> 1] / 8).toFixed(2)} ms, max ${(lates[lates.length - 1] / 8).toFixed(2)} ms (real time)`);
ok(JSON.stringify(run.announced) === JSON.stringify(nativeFx.filter((d) => d.fx.fx === 'say').map((d) => d.fx.text)), 'the live region missed a cue');
ok(run.live === 'Well done. That is the whole routine.', `the live region ends with [${run.live}]`);
ok(run.finalView && run.finalView.state === 'done', `the screen after the end: ${JSON.stringify(run.finalView)}`);

const rewind = await page.evaluate(async ({ content, PASS }) => {
	const { loadEngine } = await import('/static/player-engine.js');
	const { AudioClock } = await import('/static/player-clock.js');
	const { CuePlayer } = await import('/static/player-cues.js');
	const engine = await loadEngine(fetch('/engine.wasm'));
	const c = engine.content(content);
	const ctx = new AudioContext();
	await ctx.resume();
	const clock = new AudioClock(ctx, { rate: 4 });
	const handed = [];
	const player = new CuePlayer({
		makeSession: () => engine.session(c, 't-fast'), pass: PASS, clock, lookaheadMs: 2500,
		onDue: (fx, view, at) => handed.push({ fx, at }),
	});
	player.start();
	const wait = (ms) => new Promise((r) => setTimeout(r, ms));
	await wait(1200); // in the get-ready; the engine is ticked 2.5 s ahead
	const aheadBefore = player.ahead - clock.now();
	const paused = player.input('pause');
	await wait(300);
	player.input('resume');
	await new Promise((resolve) => { const t = setInterval(() => { if (player.done && !player.queue.length) { clearInterval(t); resolve(); } }, 20); });
	// a fresh session replayed from the log: the effects it makes are those handed out
	const s = engine.session(c, 't-fast');
	const replay = [JSON.parse(s.start(PASS, player.startAt))];
	for (const [name, at, score] of player.log) replay.push(JSON.parse(s.inputText(name, at, score)));
	s.free();
	player.stop();
	return { aheadBefore, pausedAt: paused.now, handed, replay: replay.flatMap((st) => st.fx.map((fx) => ({ fx, at: st.now }))) };
}, { content: fast, PASS });
ok(rewind.aheadBefore > 1000, `the engine was not ahead of the clock before the pause (${rewind.aheadBefore} ms)`);
ok(JSON.stringify(rewind.handed) === JSON.stringify(rewind.replay), 'after a pause inside the look-ahead, what was handed out differs from a replay of what was done');
ok(rewind.handed.some((h) => h.fx.fx === 'say' && h.fx.text === 'Paused'), 'the pause was not said');

// ---- 3b. a main thread held up longer than the look-ahead ----
// The page in view, its clock x2: the main thread is held up for 2 s (more than the 1 s
// look-ahead: cues in it are handed to the audio clock late), and the player looks ahead
// twice that from then on; held up for 3.5 s, every cue of the second hold-up beyond
// where the usual look-ahead reaches was handed to the audio clock before its time. A sound
// asked for after its time is not started (no late burst); one just due starts at once.
const held = await page.evaluate(async ({ content, PASS }) => {
	const { loadEngine } = await import('/static/player-engine.js');
	const { AudioClock } = await import('/static/player-clock.js');
	const { Sounds } = await import('/static/player-sounds.js');
	const { CuePlayer } = await import('/static/player-cues.js');
	const engine = await loadEngine(fetch('/engine.wasm'));
	const c = engine.content(content);
	const ctx = new AudioContext();
	await ctx.resume();
	const clock = new AudioClock(ctx, { rate: 2 });
	const cues = []; // [session time, seconds ahead of it on the audio clock when handed over]
	const player = new CuePlayer({
		makeSession: () => engine.session(c, 't-fast'), pass: PASS, clock,
		onStep: (step) => { for (const fx of step.fx) if (fx.fx === 'say') cues.push([step.now, clock.audioTime(step.now) - ctx.currentTime]); },
	});
	const wait = (ms) => new Promise((r) => setTimeout(r, ms));
	const hold = (ms) => { const t0 = clock.now(), end = performance.now() + ms; while (performance.now() < end); return [t0, t0 + clock.sessionMs(ms)]; };
	player.start();
	await wait(300);
	const first = hold(2000);
	await wait(300);
	const grown = player.lookahead();
	const second = hold(3500);
	await wait(300);
	player.stop();
	const sounds = new Sounds(ctx);
	const past = sounds.tone(ctx.currentTime - 0.5, 880, 0.1), due = sounds.tone(ctx.currentTime - 0.01, 880, 0.1);
	if (due) due.stop();
	return { first, second, grown, cues, pastStarted: past !== null, dueStarted: due !== null };
}, { content: fast, PASS });
// cues due in a hold-up beyond the usual look-ahead (1 s: 2000 ms of session time)
const beyond = ([a, b]) => held.cues.filter(([t]) => t > a + 2200 && t <= b);
ok(beyond(held.first).some(([, ahead]) => ahead < 0), `no cue came late in the first hold-up (a test that shows nothing): ${JSON.stringify(beyond(held.first))}`);
ok(held.grown >= 3900 && held.grown <= 10000, `after a hold-up of 2 s the look-ahead is ${held.grown} ms`);
ok(beyond(held.second).length > 0 && beyond(held.second).every(([, ahead]) => ahead > 0),
	`cues of the second hold-up handed to the audio clock late: ${JSON.stringify(beyond(held.second))} (${JSON.stringify(held.second)})`);
ok(!held.pastStarted && held.dueStarted, `a sound half a second late ${held.pastStarted ? 'started' : 'not started'}, one 10 ms late ${held.dueStarted ? 'started' : 'not started'}`);

// ---- 4. the audio path for real: OfflineAudioContext ----
const onsets = await page.evaluate(async () => {
	const { Sounds } = await import('/static/player-sounds.js');
	const rate = 44100, ctx = new OfflineAudioContext(1, rate * 2, rate);
	const s = new Sounds(ctx);
	const at = [0.25, 0.5, 1.0013, 1.5];
	s.beep(at[0]); s.count(3, at[1]); s.beep(at[2]);
	s.beep(at[3]).stop(); // taken back: must not sound
	const data = (await ctx.startRendering()).getChannelData(0);
	const found = [];
	for (let i = 0, quiet = true; i < data.length; i++) {
		if (quiet && Math.abs(data[i]) > 1e-4) { found.push(i); quiet = false; }
		if (!quiet && i - found[found.length - 1] > rate * 0.2) quiet = true;
	}
	return { found, want: at.slice(0, 3).map((t) => Math.ceil(t * rate)), rate };
});
ok(onsets.found.length === 3, `OfflineAudioContext: ${onsets.found.length} sounds heard, 3 scheduled (one taken back)`);
ok(onsets.found.every((f, i) => Math.abs(f - onsets.want[i]) <= 1), `sounds start off their sample: ${onsets.found} vs ${onsets.want}`);

// ---- 5. speech through a stand-in speechSynthesis ----
const speech = await page.evaluate(async () => {
	const { Speaker, pieces } = await import('/static/player-speech.js');
	class FakeUtterance { constructor(text) { this.text = text; this.volume = 1; } }
	class FakeSynth extends EventTarget {
		constructor() { super(); this.voices = []; this.spoken = []; this.calls = []; this.speaking = false; this.pending = false; this.stuck = false; }
		getVoices() { this.calls.push('getVoices'); return this.voices; }
		speak(u) {
			this.calls.push(`speak ${u.text}`); this.spoken.push(u); this.speaking = true;
			if (!this.stuck && u.text) setTimeout(() => { if (this.spoken.at(-1) === u) { this.speaking = false; u.onend && u.onend(); } }, 5);
		}
		cancel() { this.calls.push('cancel'); this.speaking = false; }
	}
	const synth = new FakeSynth();
	const sp = new Speaker({ synth, Utterance: FakeUtterance, voiceWaitMs: 2000, marginMs: 100 });
	const out = {};
	sp.unlock();
	out.unlock = synth.calls.slice();
	setTimeout(() => { synth.voices = [{ name: 'Late', lang: 'en-GB', localService: true }]; synth.dispatchEvent(new Event('voiceschanged')); }, 50);
	out.mode = await sp.ready();
	out.voice = sp.voice && sp.voice.name;
	const long = 'Next: Glute bridge. ' + 'Lie on your back with your knees bent, feet flat and hip-width apart, arms by your sides, and breathe slowly while you settle. '.repeat(2) + 'Squeeze your buttocks and lift.';
	out.pieces = pieces(long);
	synth.calls = [];
	synth.speaking = false; // the unlock's empty utterance is over
	sp.say(long);
	for (let i = 0; i < 300 && sp.current; i++) await new Promise((r) => setTimeout(r, 10)); // each piece ends 5 ms after it starts
	out.sayCalls = synth.calls.slice();
	synth.calls = [];
	synth.stuck = true;
	sp.say('Hold');
	sp.say('3'); // a new cue while one is speaking: cancel first
	out.cancelFirst = synth.calls.slice();
	await new Promise((r) => setTimeout(r, 700)); // the watchdog gives up the stuck one
	out.watchdog = sp.log.filter((l) => l.mode === 'watchdog').map((l) => l.text);
	synth.calls = [];
	synth.speaking = true;
	sp.cancel(); // pause
	out.pause = synth.calls.slice();
	return out;
});
ok(speech.unlock.length === 1 && speech.unlock[0] === 'speak ', `unlock did not speak one empty utterance: ${speech.unlock}`);
ok(speech.mode === 'speech' && speech.voice === 'Late', `a voice that loads late was not used (${speech.mode}, ${speech.voice})`);
ok(speech.pieces.length >= 4 && speech.pieces.every((p) => p.length <= 160), `long text not cut into short pieces: ${JSON.stringify(speech.pieces)}`);
ok(speech.sayCalls.filter((c) => c.startsWith('speak ')).length === speech.pieces.length, `not one utterance per piece: ${speech.sayCalls}`);
ok(JSON.stringify(speech.cancelFirst) === JSON.stringify(['speak Hold', 'cancel', 'speak 3']), `no cancel before the next cue: ${speech.cancelFirst}`);
ok(speech.watchdog.includes('3'), 'the watchdog did not give up an utterance that never ended');
ok(speech.pause.includes('cancel'), 'pause did not cancel the speech');

// ---- 6. no voice: the server's clips ----
const texts = fastNative.flatMap((s) => s.fx).filter((f) => f.fx === 'say').map((f) => f.text);
const clipRun = await page.evaluate(async ({ texts }) => {
	const { Speaker } = await import('/static/player-speech.js');
	const { ClipVoice } = await import('/static/player-clips.js');
	const { Sounds } = await import('/static/player-sounds.js');
	const synth = Object.assign(new EventTarget(), { getVoices: () => [], speak() { throw new Error('no voice'); }, cancel() {} });
	const ctx = new AudioContext();
	const sounds = new Sounds(ctx);
	const played = [];
	const realPlay = sounds.play.bind(sounds);
	sounds.play = (buf, when) => { played.push(buf.duration); return realPlay(buf, when); };
	const voice = new ClipVoice({ ctx, sounds });
	const sp = new Speaker({ synth, Utterance: class {}, clips: voice, voiceWaitMs: 100 });
	const mode = await sp.ready();
	sp.unlock();
	const loaded = await voice.prefetch(texts);
	await sp.say(texts[0]);
	return { mode, loaded, played, counts: [...sounds.clips.keys()].sort() };
}, { texts });
ok(clipRun.mode === 'clips', `no voice, and speech is not on clips: ${clipRun.mode}`);
ok(clipRun.loaded === new Set(texts).size, `${clipRun.loaded} clips loaded of ${new Set(texts).size}`);
ok(speechAsked.includes('Next: Test lift. Lift. Take care: None.'), 'the clip was not asked for at /api/v1/speech?text=');
ok(clipRun.played.length === 1 && clipRun.played[0] > 0.5, `the clip did not play: ${clipRun.played}`);
ok(JSON.stringify(clipRun.counts) === JSON.stringify(['1', '2', '3']), `counts not loaded as clips: ${clipRun.counts}`);

// ---- 7. the wake lock ----
const awake = await page.evaluate(async () => {
	const { Awake, NO_WAKE_LOCK } = await import('/static/player-awake.js');
	const requests = [];
	let state = 'visible';
	const doc = new EventTarget();
	Object.defineProperty(doc, 'visibilityState', { get: () => state });
	const nav = { wakeLock: { async request(type) { const s = { type, released: false, async release() { s.released = true; } }; requests.push(s); return s; } } };
	const a = new Awake({ nav, doc });
	await a.hold();
	requests[0].released = true; // the browser lets it go when the page is hidden
	state = 'hidden'; doc.dispatchEvent(new Event('visibilitychange'));
	state = 'visible'; doc.dispatchEvent(new Event('visibilitychange'));
	await new Promise((r) => setTimeout(r, 10));
	const again = requests.length;
	await a.release();
	const notes = [];
	const none = new Awake({ nav: {}, doc, note: (t) => notes.push(t) });
	await none.hold();
	await none.take();
	return { again, type: requests[0].type, released: requests.at(-1).released, notes, want: NO_WAKE_LOCK };
});
ok(awake.type === 'screen' && awake.again === 2, `the wake lock was not taken again when visible (${awake.again})`);
ok(awake.released, 'the wake lock was not released at the end');
ok(awake.notes.length === 1 && awake.notes[0] === awake.want, `the note without a wake lock: ${JSON.stringify(awake.notes)}`);

// ---- 8. the moving figure ----
// A routine of two exercises drawn from their poses, one rep each with up 2 s, hold 2 s,
// down 2 s: a glute bridge (the hips rise), then a seated twist per side (front view:
// the other side is the mirror image).
const whole = JSON.parse(fs.readFileSync(path.join(traceDir, 'whole.json'), 'utf8'));
const figEx = ['glute-bridge', 'seated-twist'].map((id) => {
	const e = structuredClone(whole.exercises.find((x) => x.id === id));
	ok(e && e.picture, `${id} has no picture in the content JSON`);
	e.regression = e.progression = null;
	return e;
});
const tempo = [{ phase: 'up', seconds: 2 }, { phase: 'hold', seconds: 2 }, { phase: 'down', seconds: 2 }];
const figContent = {
	routine: { id: 't-figure', name: 'Figure test', module: 'activation', description: 'Two exercises', ready_s: 2,
		items: [
			{ exercise: 'glute-bridge', dose: { reps: { min: 1, max: 1 }, sets: 1, pacing: 'default', tempo } },
			{ exercise: 'seated-twist', dose: { reps: { min: 1, max: 1 }, sets: 1, pacing: 'default', tempo, per_side: ['left', 'right'] } },
		] },
	exercises: figEx,
};
const FIG_PASS = 'up1.start.t-figure.-.0.test-pass-0200.0123456789abcdef0123';
const figRun = await page.evaluate(async ({ content, PASS }) => {
	const { loadEngine } = await import('/static/player-engine.js');
	const { AudioClock } = await import('/static/player-clock.js');
	const { CuePlayer } = await import('/static/player-cues.js');
	const { FigureView } = await import('/static/player-figure.js');
	const engine = await loadEngine(fetch('/engine.wasm'));
	const c = engine.content(content);
	const ctx = new AudioContext();
	await ctx.resume();
	// A clock that moves only between frames, by what a 60 Hz frame is at four times real
	// speed: the figure is checked frame by frame, whatever else the machine is doing
	// (a real clock on a loaded machine skipped most of a lift between two frames). The
	// player's timing on the real clock is measured above.
	class FrameClock extends AudioClock {
		now() { return this.t; }
		realMs(ms) { return Math.max(ms, 0) / this.rate + 5; }
	}
	const clock = new FrameClock(ctx, { rate: 4 });
	clock.t = 0;
	const FRAME_MS = 4000 / 60;
	const player = new CuePlayer({ makeSession: () => engine.session(c, 't-figure'), pass: PASS, clock });
	const moving = new FigureView({ el: document.createElement('div'), player, clock, reducedMotion: false, raf: () => 0 });
	const still = new FigureView({ el: document.createElement('div'), player, clock, reducedMotion: true, raf: () => 0 });
	const samples = [], stills = [];
	const key = (v) => `${v.item}/${v.segment.kind}/${v.segment.phase || ''}/${v.segment.side_no}`;
	player.start();
	let pausedAt = null;
	await new Promise((resolve) => {
		let resumeAt = -1, frames = 0;
		const frame = () => {
			clock.t += FRAME_MS;
			frames++;
			if (frames === resumeAt) player.input('resume');
			player.pump();
			const v = player.view();
			if (v && v.segment && v.state !== 'done') {
				moving.draw();
				still.draw();
				samples.push({ seg: key(v), state: v.state, t: Number(moving.el.dataset.t), svg: moving.svg });
				stills.push({ seg: key(v), svg: still.svg });
				// pause part-way through the second side's lift, for a while
				if (pausedAt === null && v.item === 1 && v.segment.phase === 'up' && v.segment.side_no === 1 && Number(moving.el.dataset.t) >= 0.4) {
					pausedAt = samples.length;
					player.input('pause');
					resumeAt = frames + 24;
				}
			}
			if (player.done && !player.queue.length) resolve();
			else requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);
	});
	// the key poses, straight from the engine, for comparison
	const s = engine.session(c, 't-figure');
	let st = JSON.parse(s.start(PASS, 0));
	const ends = {};
	while (st.view.state !== 'done') {
		const v = st.view;
		if (v.segment) ends[key(v)] = { start: s.figure(v, 0, moving.height), end: s.figure(v, 1, moving.height) };
		st = JSON.parse(s.inputText('tick', s.deadline()));
	}
	s.free();
	player.stop();
	return { samples, stills, ends, drawn: moving.drawn };
}, { content: figContent, PASS: FIG_PASS });
{
	const { samples, stills, ends } = figRun;
	const bySeg = (seg, list = samples) => list.filter((x) => x.seg === seg && x.state !== 'paused');
	const distinct = (list) => new Set(list.map((x) => x.svg)).size;
	// the pelvis: the circle as large as 9/11 of the head's (core/pose.h PELVIS_R, HEAD_R)
	const pelvisY = (svg) => {
		const cs = [...svg.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)" fill="#2f3e52"/g)].map((m) => m.slice(1).map(Number));
		const head = Math.max(...cs.map((x) => x[2]));
		const p = cs.find((x) => Math.abs(x[2] - head * 9 / 11) < 0.2);
		return p ? p[1] : NaN;
	};
	for (const [item, side, before] of [[0, -1, '0/ready//-1'], [1, 0, '1/ready//0'], [1, 1, '1/switch//1']]) {
		const at = (ph) => `${item}/phase/${ph}/${side}`, what = `item ${item} side ${side}`;
		const ready = bySeg(before), up = bySeg(at('up')), hold = bySeg(at('hold')), down = bySeg(at('down'));
		ok(ready.length > 3 && up.length > 5 && hold.length > 5 && down.length > 5,
			`${what}: too few frames drawn (ready ${ready.length}, up ${up.length}, hold ${hold.length}, down ${down.length})`);
		if (!(ready.length && up.length && hold.length && down.length)) continue;
		ok(distinct(ready) === 1, `${what}: the figure moves while getting ready (${distinct(ready)} pictures)`);
		ok(distinct(up) >= 5, `${what}: the figure does not move through the lift (${distinct(up)} pictures)`);
		ok(distinct(hold) === 1, `${what}: the figure moves during the hold (${distinct(hold)} pictures)`);
		ok(distinct(down) >= 5, `${what}: the figure does not move through the lowering (${distinct(down)} pictures)`);
		ok(up[0].svg !== hold[0].svg && hold[0].svg === ends[at('up')].end, `${what}: the hold does not show the top of the lift`);
		ok(ready[0].svg === ends[at('up')].start, `${what}: getting ready does not show the start pose`);
		ok(ends[at('down')].end === ready[0].svg && down.at(-1).t >= 0.8 && down.at(-1).svg !== hold[0].svg,
			`${what}: the lowering does not go back to the start pose`);
		ok(up.every((x, i) => i === 0 || x.t >= up[i - 1].t), `${what}: the lift goes backwards in time`);
		// reduced motion: one picture a phase, the pose the phase ends in
		for (const ph of ['up', 'hold', 'down']) {
			const st = bySeg(at(ph), stills);
			ok(distinct(st) === 1 && st[0].svg === ends[at(ph)].end, `${what}: reduced motion is not one still frame in ${ph}`);
		}
	}
	const bridgeTop = bySeg('0/phase/hold/-1')[0], bridgeStart = bySeg('0/ready//-1')[0];
	ok(bridgeTop && bridgeStart && pelvisY(bridgeTop.svg) < pelvisY(bridgeStart.svg) - 10,
		`the bridge's hips are not higher at the top (${bridgeTop && pelvisY(bridgeTop.svg)} vs ${bridgeStart && pelvisY(bridgeStart.svg)})`);
	ok(ends['1/phase/hold/0'].end !== ends['1/phase/hold/1'].end, 'the other side is drawn the same as the first');
	const paused = samples.filter((x) => x.state === 'paused');
	ok(paused.length > 3 && distinct(paused) === 1, `the figure moves while paused (${paused.length} frames, ${distinct(paused)} pictures)`);
	ok(paused.length && paused[0].t > 0.3 && paused[0].t < 0.9, `paused at t=${paused.length && paused[0].t}, not part-way through the lift`);
	console.log(`figure: ${samples.length} frames, ${figRun.drawn} drawn`);
}

// the screen, as a person sees it, at both sizes (screenshots looked at by a person)
for (const [w, h] of [[390, 844], [1280, 800]]) {
	const p = await context.newPage();
	await p.setViewportSize({ width: w, height: h });
	p.on('pageerror', (e) => fail(`page error: ${e.message}`));
	await p.goto(`${ORIGIN}/play`);
	const shown = await p.evaluate(async ({ content, PASS }) => {
		const { loadEngine } = await import('/static/player-engine.js');
		const { AudioClock } = await import('/static/player-clock.js');
		const { CuePlayer } = await import('/static/player-cues.js');
		const { FigureView } = await import('/static/player-figure.js');
		const { PlayerScreen } = await import('/static/player-screen.js');
		const engine = await loadEngine(fetch('/engine.wasm'));
		const c = engine.content(content);
		const ctx = new AudioContext();
		await ctx.resume();
		const clock = new AudioClock(ctx, { rate: 1 });
		let screen = null;
		const player = new CuePlayer({
			makeSession: () => engine.session(c, 't-figure'), pass: PASS, clock,
			onDue: (fx) => { if (fx.fx === 'say') screen.said(fx.text); },
		});
		screen = new PlayerScreen(document.querySelector('main section'), { send: (n, score) => player.input(n, score) });
		const fig = new FigureView({ el: screen.figure, player, clock });
		player.start();
		fig.start();
		const loop = () => { screen.update(player.view()); requestAnimationFrame(loop); };
		loop();
		window.stopPlayer = () => { fig.stop(); player.stop(); };
		// wait for the middle of the first lift
		await new Promise((r) => { const t = setInterval(() => { const v = player.view(); if (v && v.segment && v.segment.phase === 'up' && clock.now() - v.segment.start > 900) { clearInterval(t); r(); } }, 10); });
		return { phase: screen.figure.dataset.phase, svg: screen.figure.querySelector('svg') !== null };
	}, { content: figContent, PASS: FIG_PASS });
	ok(shown.phase === 'up' && shown.svg, `${w}x${h}: no figure on the screen during the lift`);
	const box = await p.locator('.player-figure').boundingBox();
	ok(box && box.width >= Math.min(200, w * 0.5) && box.x + box.width <= w, `${w}x${h}: the figure is ${box && box.width} px wide`);
	const over = await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
	ok(!over, `${w}x${h}: the player is wider than the screen`);
	const small = await p.evaluate(() => [...document.querySelectorAll('.player button:not([hidden])')].filter((b) => {
		const r = b.getBoundingClientRect();
		return r.width && (r.width < 44 || r.height < 44);
	}).length);
	ok(small === 0, `${w}x${h}: ${small} buttons smaller than 44x44`);
	if (process.env.SHOT_DIR) await p.screenshot({ path: path.join(process.env.SHOT_DIR, `player-${w}x${h}.png`) });
	await p.evaluate(() => window.stopPlayer());
	await p.close();
}

// ---- 9. the session page: content from the API, the gate's pass, the outbox, resume ----
apiContent = figContent;
{
	const p = await context.newPage();
	p.on('pageerror', (e) => fail(`session page error: ${e.message}`));
	const boot = ({ PASS, allowed }) => (async () => {
		const { PlayerPage, fetchContent } = await import('/static/player-page.js');
		window.passAsked = [];
		const pp = new PlayerPage({
			engineUrl: '/engine.wasm', routineId: 't-figure', rate: 4,
			content: (id) => fetchContent(id, async (u) => (await fetch(u)).json()),
			pass: async (id, resume) => { window.passAsked.push({ id, resume: !!resume }); return allowed ? { allowed: true, token: PASS } : { allowed: false, message: 'Answer the safety questions first.' }; },
			send: async () => false, // the server's data routes do not exist yet: everything waits in the outbox
		});
		window.pp = pp;
		await pp.prepare();
		return pp.go.textContent;
	})();
	await p.goto(`${ORIGIN}/session`);
	ok(await p.evaluate(boot, { PASS: FIG_PASS, allowed: false }) === 'Start', 'the page does not offer Start');
	await p.click('[data-player-go]');
	await p.waitForFunction(() => document.querySelector('[data-player-note]').textContent !== '');
	ok(await p.evaluate(() => document.querySelector('[data-player-note]').textContent) === 'Answer the safety questions first.' &&
		await p.evaluate(() => document.querySelector('[data-player]').hidden), 'a refused pass did not stop the session with the gate\'s words');
	await p.evaluate(() => new Promise((r) => { const d = indexedDB.deleteDatabase('unhunch-player'); d.onsuccess = d.onerror = d.onblocked = r; }));
	await p.evaluate(() => localStorage.clear());
	await p.goto(`${ORIGIN}/session`);
	await p.evaluate(boot, { PASS: FIG_PASS, allowed: true });
	if (process.env.SHOT_DIR) await p.screenshot({ path: path.join(process.env.SHOT_DIR, 'session-start-390x844.png') });
	await p.click('[data-player-go]');
	// the first set of the second exercise done: reload in the middle of it
	await p.waitForFunction(() => {
		const at = JSON.parse(localStorage.getItem('unhunch-player-session'));
		return at && at.item === 1 && at.units === 1;
	}, null, { timeout: 30000 });
	// the outbox's write of that set (IndexedDB: it lands a little after the resume point)
	// waited for in the page, and everything read there at once: the session goes on meanwhile
	const before = await p.evaluate(async () => {
		const written = (recs) => recs.filter((r) => r.fx.fx === 'set').length >= 2 && recs.some((r) => r.fx.fx === 'exercise_end' && r.fx.item === 0);
		let recs = await window.pp.outbox.all();
		for (const end = Date.now() + 10000; !written(recs) && Date.now() < end; recs = await window.pp.outbox.all()) await new Promise((r) => setTimeout(r, 5));
		return { recs, point: JSON.parse(localStorage.getItem('unhunch-player-session')),
			shown: document.querySelector('.player-name').textContent, figure: !!document.querySelector('.player-figure svg') };
	});
	if (process.env.SHOT_DIR) await p.screenshot({ path: path.join(process.env.SHOT_DIR, 'session-390x844.png') });
	ok(before.point && before.point.item === 1 && before.point.units === 1, `the resume point before the reload: ${JSON.stringify(before.point)}`);
	ok(before.shown === 'Seated twist' && before.figure, `the screen before the reload: ${before.shown}, figure ${before.figure}`);
	ok(before.recs.filter((r) => r.fx.fx === 'set').length === 2 && before.recs.some((r) => r.fx.fx === 'exercise_end' && r.fx.item === 0),
		`the outbox before the reload: ${JSON.stringify(before.recs.map((r) => r.fx.fx))}`);
	await p.reload();
	const label = await p.evaluate(boot, { PASS: FIG_PASS, allowed: true });
	ok(label === 'Resume at exercise 2 of 2', `after a reload the page offers [${label}]`);
	await p.click('[data-player-go]');
	await p.waitForFunction(() => window.pp.ended, null, { timeout: 30000 });
	const firstView = await p.evaluate(() => window.pp.player.view());
	const end = await p.evaluate(() => window.pp.ended);
	ok(end.fx === 'end' && end.status === 1, `the resumed session did not finish: ${JSON.stringify(end)}`);
	ok(firstView && firstView.item === 1, `the resumed session started at item ${firstView && firstView.item}`);
	const after = await p.evaluate(async () => ({ recs: await window.pp.outbox.all(), point: localStorage.getItem('unhunch-player-session'), asked: window.passAsked }));
	ok(after.point === null, 'the resume point is still there after the end');
	ok(after.asked.length === 1 && after.asked[0].resume, 'the resumed session did not ask the gate for a pass to resume');
	const sets = after.recs.filter((r) => r.fx.fx === 'set');
	ok(JSON.stringify(sets.map((r) => [r.fx.item, r.fx.side])) === JSON.stringify([[0, ''], [1, 'left'], [1, 'right']]),
		`the sets kept: ${JSON.stringify(sets.map((r) => [r.fx.item, r.fx.side]))} (the one before the reload once, the rest after)`);
	ok(new Set(after.recs.map((r) => r.key)).size === after.recs.length && after.recs.every((r) => /^[0-9a-f-]{36}$/.test(r.key)),
		'the outbox records do not each have their own idempotency key');
	ok(new Set(after.recs.map((r) => r.session)).size === 1, 'the resumed session has another session id');
	// the server comes back: a lost answer and a repeated drain send nothing twice
	const drained = await p.evaluate(async () => {
		await window.pp.pump.stop(); // the page's own retries (to a server that says no) end here
		const stored = new Map(), sent = [];
		let lose = 2;
		const server = async (rec) => {
			sent.push(rec.key);
			if (!stored.has(rec.key)) stored.set(rec.key, rec.fx);
			if (lose-- === 1) return false; // stored, but the answer was lost
			return true;
		};
		const a = await window.pp.outbox.drain(server);
		const b = await window.pp.outbox.drain(server);
		const c = await window.pp.outbox.drain(server);
		return { a, b, c, sent, stored: [...stored.values()], left: (await window.pp.outbox.all()).length };
	});
	ok(drained.left === 0 && drained.c === 0, `the outbox is not empty after the server came back (${drained.left} left)`);
	ok(drained.stored.length === after.recs.length && JSON.stringify(drained.stored) === JSON.stringify(after.recs.map((r) => r.fx)),
		'the server did not get exactly what was done, in order');
	ok(drained.sent.length === after.recs.length + 1, `${drained.sent.length} sends for ${after.recs.length} records and one lost answer`);
	await p.close();
}

// ---- 9c. a session running on the computer, quiet for hours: the page offers to end it ----
// The server's 409 session_running with can_end (docs/api.md): the note says so, and a
// button asks the server again with end_running; the session then starts here.
{
	const p = await context.newPage();
	p.on('pageerror', (e) => fail(`session page (running elsewhere) error: ${e.message}`));
	await p.goto(`${ORIGIN}/session`);
	await p.evaluate(() => new Promise((r) => { const d = indexedDB.deleteDatabase('unhunch-player'); d.onsuccess = d.onerror = d.onblocked = r; }));
	await p.evaluate(() => localStorage.clear());
	await p.goto(`${ORIGIN}/session`);
	await p.evaluate(({ PASS }) => (async () => {
		const { PlayerPage, fetchContent } = await import('/static/player-page.js');
		window.passAsked = [];
		const pp = new PlayerPage({
			engineUrl: '/engine.wasm', routineId: 't-figure', rate: 4,
			content: (id) => fetchContent(id, async (u) => (await fetch(u)).json()),
			pass: async (id, resume, opts = {}) => {
				window.passAsked.push(!!opts.endRunning);
				return opts.endRunning ? { allowed: true, token: PASS }
					: { allowed: false, running: { where: 'computer', routine: 't-figure', can_end: true },
						message: 'Your session of Figure test on the computer has not moved on for more than two hours.' };
			},
		});
		window.pp = pp;
		await pp.prepare();
	})(), { PASS: FIG_PASS });
	await p.click('[data-player-go]');
	await p.waitForSelector('[data-player-end-running]', { timeout: 10000 }).catch(() => {});
	const offered = await p.evaluate(() => ({ note: document.querySelector('[data-player-note]').textContent,
		button: document.querySelector('[data-player-end-running]')?.textContent, hidden: document.querySelector('[data-player]').hidden }));
	ok(/has not moved on for more than two hours/.test(offered.note) && offered.button === 'End that session and start here' && offered.hidden,
		`a quiet session on the computer: ${JSON.stringify(offered)}`);
	await p.click('[data-player-end-running]');
	await p.waitForFunction(() => !document.querySelector('[data-player]').hidden, null, { timeout: 10000 }).catch(() => {});
	const started = await p.evaluate(() => ({ hidden: document.querySelector('[data-player]').hidden, asked: window.passAsked,
		button: !!document.querySelector('[data-player-end-running]') }));
	ok(!started.hidden && JSON.stringify(started.asked) === '[false,true]' && !started.button,
		`ending it did not start the session here: ${JSON.stringify(started)}`);
	await p.evaluate(() => window.pp.player.stop());
	await p.close();
}

// ---- 9b. what the server answers to the outbox: a step refused for good, the pain after too high ----
// The page's real upload (player-upload.js sendStep) against a server stand-in that
// refuses the first exercise's set for good (as for a pass more than 7 days old) and
// takes the rest, answering the end with after_bad when the pain after is 6 or more (the
// server's rule). The refused set goes aside in IndexedDB (not sent again, not dropped)
// and the end screen says so with the server's reason; the end screen gives the pain-after
// advice with a link to the check-in; after a reload the page still says what was refused
// and sends nothing of it again.
{
	const p = await context.newPage();
	p.on('pageerror', (e) => fail(`session page (server answers) error: ${e.message}`));
	await p.goto(`${ORIGIN}/session`);
	await p.evaluate(() => new Promise((r) => { const d = indexedDB.deleteDatabase('unhunch-player'); d.onsuccess = d.onerror = d.onblocked = r; }));
	await p.evaluate(() => localStorage.clear());
	await p.goto(`${ORIGIN}/session`);
	const boot = ({ PASS }) => (async () => {
		const { PlayerPage, fetchContent } = await import('/static/player-page.js');
		const { sendStep } = await import('/static/player-upload.js');
		window.sent = [];
		const call = async (path, { body }) => {
			const st = body.step;
			window.sent.push(`${st.fx}:${st.item ?? ''}`);
			if (st.fx === 'set' && st.item === 0)
				return { ok: false, status: 403, data: { error: { code: 'pass_expired', field: 'pass',
					message: 'the session pass is more than 7 days old (or from the future): its steps are not taken' } } };
			return { ok: true, status: 201, data: { saved: true, session: 1, step: st.fx,
				...(st.fx === 'end' ? { after_bad: st.pain_after >= 6 } : {}) } };
		};
		const pp = new PlayerPage({
			engineUrl: '/engine.wasm', routineId: 't-figure', rate: 4,
			content: (id) => fetchContent(id, async (u) => (await fetch(u)).json()),
			pass: async () => ({ allowed: true, token: PASS }),
			send: (rec, answered) => sendStep(rec, { call, answered }),
		});
		window.pp = pp;
		await pp.prepare();
		return pp.go.textContent;
	})();
	const state = () => p.evaluate(async () => {
		const shown = (sel) => { const el = document.querySelector(sel); return el && !el.hidden ? el.textContent : null; };
		return { aside: (await window.pp.outbox.aside()).map((r) => ({ fx: r.fx.fx, item: r.fx.item, why: r.why, key: r.key })),
			left: (await window.pp.outbox.all()).length, asideText: shown('.player-aside'), advice: shown('.player-advice'),
			adviceLink: document.querySelector('.player-advice a')?.getAttribute('href') || null,
			note: document.querySelector('[data-player-note]').textContent, sent: window.sent.slice() };
	});
	ok(await p.evaluate(boot, { PASS: FIG_PASS }) === 'Start', 'server answers: the page does not offer Start');
	await p.click('[data-player-go]');
	await p.waitForSelector('.player-after', { timeout: 60000 });
	await p.click('[data-after="7"]');
	let got = await state();
	for (let i = 0; i < 100 && !(got.left === 0 && got.advice && got.asideText); i++) {
		await p.waitForTimeout(100);
		got = await state();
	}
	if (process.env.SHOT_DIR) await p.screenshot({ path: path.join(process.env.SHOT_DIR, 'session-end-refused-390x844.png'), fullPage: true });
	ok(got.left === 0, `server answers: ${got.left} records left in the outbox`);
	ok(got.aside.length === 1 && got.aside[0].fx === 'set' && got.aside[0].item === 0 && /more than 7 days old/.test(got.aside[0].why),
		`the refused set is not kept aside with the server's reason: ${JSON.stringify(got.aside)}`);
	ok(got.sent.filter((x) => x === 'set:0').length === 1 && got.sent.includes('end:'), `sent: ${JSON.stringify(got.sent)}`);
	ok(/^1 step could not be saved: the server refused it \(the session pass is more than 7 days old.*\)\. It is kept on this device, not sent again\.$/.test(got.asideText || ''),
		`the end screen says of the refused step [${got.asideText}]`);
	ok(/6 or more, or 2 or more points above where you started: the next doses are lower\. .*check in tomorrow morning/i.test(got.advice || '') && got.adviceLink === '/checkin',
		`the pain-after advice on the end screen: [${got.advice}] link ${got.adviceLink}`);
	// after a reload: still kept aside, said in the note, not sent again
	await p.reload();
	await p.evaluate(boot, { PASS: FIG_PASS });
	for (let i = 0; i < 300 && !(got = await state()).note; i++) await p.waitForTimeout(100);
	ok(got.aside.length === 1 && !got.sent.includes('set:0'), `after a reload the refused step: aside ${got.aside.length}, sent ${JSON.stringify(got.sent)}`);
	ok(/^1 step of an earlier session could not be saved: the server refused it \(the session pass is more than 7 days old.*\)\. It is kept on this device\.$/.test(got.note),
		`after a reload the page says [${got.note}]`);
	// a pain after below the rule: no advice (the server's after_bad false)
	await p.evaluate(() => new Promise((r) => { window.pp.outbox.close(); const d = indexedDB.deleteDatabase('unhunch-player'); d.onsuccess = d.onerror = d.onblocked = r; }));
	await p.evaluate(() => localStorage.clear());
	await p.reload();
	await p.evaluate(boot, { PASS: FIG_PASS });
	await p.click('[data-player-go]');
	await p.waitForSelector('.player-after', { timeout: 60000 });
	await p.click('[data-after="2"]');
	for (let i = 0; i < 100 && !((got = await state()).left === 0 && got.sent.includes('end:')); i++) await p.waitForTimeout(100);
	ok(got.sent.includes('end:') && got.advice === null, `a pain after of 2 gave the advice [${got.advice}]`);
	await p.close();
}

// ---- 10. the whole default routine on an injected clock: every cue in order ----
// The session time moves only when the test moves it (100 ms a step), so a loaded
// machine changes nothing: the CuePlayer (look-ahead, hand-out, the live region and the
// screen as the page wires them) is checked for order and session time against the
// native engine's trace of the same routine with the same answers at the same times.
{
	const whole = JSON.parse(fs.readFileSync(path.join(traceDir, 'whole.json'), 'utf8'));
	const native = fs.readFileSync(path.join(traceDir, 'whole.native'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
	const t0 = native[0].now;
	// the answers of the trace (how it felt), at their times after the start
	const answers = native.filter((l) => l.input === 'feel').map((l) => ({ at: l.now - t0, score: l.fx.find((f) => f.fx === 'feel').status }));
	const WHOLE_PASS = fs.readFileSync(path.join(traceDir, 'whole.txt'), 'utf8').match(/^@pass (\S+)/m)[1];
	const p = await context.newPage();
	p.on('pageerror', (e) => fail(`whole routine page error: ${e.message}`));
	await p.goto(`${ORIGIN}/`);
	const got = await p.evaluate(async ({ content, PASS, answers }) => {
		const { loadEngine } = await import('/static/player-engine.js');
		const { AudioClock } = await import('/static/player-clock.js');
		const { CuePlayer } = await import('/static/player-cues.js');
		const { LiveRegion } = await import('/static/player-live.js');
		const { PlayerScreen } = await import('/static/player-screen.js');
		const engine = await loadEngine(fetch('/engine.wasm'));
		const c = engine.content(content);
		class InjectedClock extends AudioClock {
			now() { return this.t; }
			realMs(ms) { return Math.max(ms, 0) / this.rate + 5; }
		}
		const clock = new InjectedClock(new AudioContext(), { rate: 1 });
		clock.t = 0;
		const handed = [], spoken = [], screenSaid = [];
		const live = new LiveRegion(document.getElementById('live'), { raf: (f) => f() }); // no frames in this loop
		const root = document.body.appendChild(document.createElement('section'));
		let screen = null;
		const player = new CuePlayer({
			makeSession: () => engine.session(c, 'upper-back-activation', { askFeel: true }), pass: PASS, clock,
			onDue: (fx, view, at) => {
				handed.push({ fx, at });
				if (fx.fx === 'say') { live.say(fx.text); spoken.push(document.getElementById('live').textContent); screen.said(fx.text); screenSaid.push(fx.text); }
			},
		});
		screen = new PlayerScreen(root, { send: (n, score) => player.input(n, score) });
		player.start();
		const start = player.startAt;
		let next = 0, steps = 0;
		while (!(player.done && !player.queue.length) && steps < 20000) {
			const due = next < answers.length ? start + answers[next].at : Infinity;
			clock.t = Math.min(clock.t + 100, due);
			player.pump();
			screen.update(player.view());
			if (clock.t === due) player.input('feel', answers[next++].score);
			steps++;
		}
		player.stop();
		return { handed: handed.map((h) => ({ fx: h.fx, at: h.at - start })), spoken, screenSaid, steps, answered: next,
			last: root.querySelector('.player-cue').textContent };
	}, { content: whole, PASS: WHOLE_PASS, answers });
	const want = native.flatMap((l) => l.fx.map((fx) => ({ fx, at: l.now - t0 })));
	ok(got.answered === answers.length && answers.length === 8, `${got.answered} of ${answers.length} feel prompts answered`);
	ok(got.handed.length === want.length, `whole routine: ${got.handed.length} effects handed out, the engine made ${want.length}`);
	const firstDiff = want.findIndex((w, i) => JSON.stringify(w) !== JSON.stringify(got.handed[i]));
	ok(firstDiff === -1, `whole routine: effect ${firstDiff} differs: ${JSON.stringify(got.handed[firstDiff])} against the engine's ${JSON.stringify(want[firstDiff])}`);
	const says = want.filter((w) => w.fx.fx === 'say').map((w) => w.fx.text);
	ok(says.length > 200 && JSON.stringify(got.spoken) === JSON.stringify(says) && JSON.stringify(got.screenSaid) === JSON.stringify(says),
		`whole routine: ${got.spoken.length} cues to the live region and the screen, the engine said ${says.length}`);
	ok(got.last === 'Well done. That is the whole routine.', `whole routine: the screen ends with [${got.last}]`);
	console.log(`whole default routine on an injected clock: ${got.handed.length} effects, ${says.length} cues in order, ${(want[want.length - 1].at / 1000).toFixed(1)} s of session in ${got.steps} steps`);
	await p.close();
}

await browser.close();
fs.rmSync(clipDir, { recursive: true, force: true });
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
