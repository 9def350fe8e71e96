// player-sw.mjs: the web player with the server out of reach, through its service worker,
// in Chromium at 390x844 against the real server (own-server.mjs: its own data, the test
// routine t-fast, stopped and started by process id on one loopback port).
//   1. /sw.js is served with its headers; the page, once opened with the server in reach,
//      has the service worker keep what a session needs (the clips too: headless Chromium
//      has no voice), and a pass of the gate.
//   2. The server stopped: the page reloads from the service worker, Start is refused with
//      more pain than the kept pass was given for, and starts under it with none; the page
//      is reloaded in the middle of the second exercise and the session resumes there
//      (17.5), finishes, asks the pain after; everything waits in the outbox, each set
//      once, also after another reload.
//   3. The server back: the outbox drains, and the stored sets equal exactly the sets done,
//      one key per record, the session finished with its pain before and after; reloads
//      send nothing again.
//   4. "It hurts" with 8 stops the session (stored as stopped, with its pain report).
//   5. "I'm dizzy" stops it: the warning sign stored once (sent at once and again by the
//      outbox), and no start after it, neither with the server away (no pass is used
//      again) nor with it back (the gate says who to see).
//   6. The command on the same store: `history --json` and `progress --json` show them.
//
// usage: UNHUNCH=... node player-sw.mjs
import { chromium } from 'playwright-core';
import { ownServer } from './own-server.mjs';

let failures = 0, passes = 0;
const fail = (msg) => { failures++; console.error(`FAIL: ${msg}`); };
const ok = (cond, msg) => { if (cond) passes++; else fail(msg); };
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

const srv = await ownServer('unhunch-sw.');
const play = `${srv.base}library/routines/t-fast/play`;
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium', headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});
const outbox = (p) => p.evaluate(async () => (await window.unhunchPlayer.outbox.all()));
const setKey = (f) => `${f.item}|${f.exercise}|${f.set}|${f.side}`;
// the outbox empty (asked until it is: an async predicate does not hold waitForFunction back)
async function drained(p, ms = 60000) {
	for (const end = Date.now() + ms; Date.now() < end; await wait(250))
		if ((await outbox(p)).length === 0) return true;
	return false;
}
async function ready(p) {
	await p.waitForSelector('[data-player-go]:not([disabled])', { timeout: 30000 });
	await p.evaluate(() => window.unhunchOffline);
}
// a running session's first exercise on the screen
async function running(p) {
	await p.waitForFunction(() => !document.querySelector('[data-player]').hidden && window.unhunchPlayer.player
		&& window.unhunchPlayer.player.view()?.state === 'running', null, { timeout: 30000 });
}

try {
	await srv.start();
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	context.setDefaultTimeout(30000);
	const p = await context.newPage();
	const problems = [];
	p.on('pageerror', (e) => problems.push(e.message));

	// ---- 1. the worker and what it keeps ----
	const sw = await context.request.get(`${srv.base}sw.js?v=test`);
	const h = sw.headers();
	ok(sw.status() === 200 && /^text\/javascript/.test(h['content-type']) && h['cache-control'] === 'no-cache'
		&& /default-src 'self'/.test(h['content-security-policy'] || ''), `/sw.js: ${sw.status()} ${JSON.stringify(h)}`);
	await p.goto(play);
	await ready(p);
	const kept = await p.evaluate(() => window.unhunchOffline);
	ok(kept && kept.kept >= 10, `the service worker kept ${JSON.stringify(kept)}`);
	const clips = await p.evaluate(() => window.unhunchClips);
	ok(clips >= 5, `the session's clips kept: ${clips} (headless Chromium has no voice)`);
	ok(await p.evaluate(() => /^up2\.web-player\.t-fast\./.test(JSON.parse(localStorage.getItem('unhunch-player-passes') || '{}')['t-fast'] || '')),
		'no pass of the gate kept for a start with the server away');

	// ---- 2. the server away: start, reload mid-exercise, resume, finish ----
	ok(await srv.stop() === 0, 'the server did not stop cleanly');
	await p.reload();
	await ready(p);
	ok(await p.evaluate(() => !!navigator.serviceWorker.controller), 'the page is not the service worker\'s');
	const clipAway = await p.evaluate(async () => {
		const r = await fetch(`/api/v1/speech?text=${encodeURIComponent('Well done. That is the whole routine.')}`);
		return `${r.status} ${r.headers.get('content-type')} ${(await r.arrayBuffer()).byteLength}`;
	});
	ok(/^200 audio\/wav [0-9]{4,}$/.test(clipAway), `a clip with the server away: ${clipAway}`);
	await p.fill('[data-player-pain]', '2');
	await p.click('[data-player-go]');
	await p.waitForFunction(() => document.querySelector('[data-player-note]').textContent !== '');
	const more = await p.textContent('[data-player-note]');
	ok(/cannot be reached.*has not seen a pain score/.test(more) && await p.evaluate(() => document.querySelector('[data-player]').hidden),
		`offline with more pain than the kept pass: [${more}]`);
	await p.fill('[data-player-pain]', '');
	await p.click('[data-player-go]');
	await p.waitForFunction(() => {
		const at = JSON.parse(localStorage.getItem('unhunch-player-session') || 'null');
		return at && at.item === 1 && at.units === 1;
	}, null, { timeout: 60000 });
	// the outbox's write of that set (IndexedDB: it lands a little after the resume point),
	// waited for in the page: the session goes on meanwhile, and a reload before the write
	// would lose the set (the test would fail on a loaded machine, not the page)
	const mid = await p.evaluate(async () => {
		const has = (recs) => recs.some((r) => r.fx.fx === 'set' && r.fx.item === 1);
		let recs = await window.unhunchPlayer.outbox.all();
		for (const end = Date.now() + 10000; !has(recs) && Date.now() < end; recs = await window.unhunchPlayer.outbox.all()) await new Promise((r) => setTimeout(r, 5));
		return recs.map((r) => r.fx);
	});
	ok(mid.some((f) => f.fx === 'set' && f.item === 1), `the first side's set is not in the outbox before the reload: ${JSON.stringify(mid.map((f) => f.fx))}`);
	await p.reload(); // in the middle of the second side of exercise 2
	await ready(p);
	const label = await p.textContent('[data-player-go]');
	ok(label === 'Resume at exercise 2 of 3', `after a reload offline the page offers [${label}]`);
	await p.click('[data-player-go]');
	await p.waitForFunction(() => window.unhunchPlayer.ended, null, { timeout: 60000 });
	const firstItem = await p.evaluate(() => window.unhunchPlayer.effects.find((f) => f.fx === 'set')?.item);
	ok(firstItem === 1, `the resumed session's first set is of item ${firstItem}`);
	await p.waitForSelector('.player-after');
	await p.click('[data-after="4"]');
	// the end with the pain after goes to the outbox (IndexedDB): asked until it is there, up to 10 s
	let recs = await outbox(p);
	for (let i = 0; i < 100 && !recs.some((r) => r.fx.fx === 'end' && r.fx.pain_after === 4); i++) {
		await wait(100);
		recs = await outbox(p);
	}
	const done = recs.filter((r) => r.fx.fx === 'set').map((r) => setKey(r.fx));
	ok(done.length === 4 && new Set(done).size === done.length && mid.filter((f) => f.fx === 'set').every((f) => done.includes(setKey(f))),
		`the sets kept offline: ${JSON.stringify(done)} (before the reload: ${JSON.stringify(mid.filter((f) => f.fx === 'set').map(setKey))})`);
	ok(recs.some((r) => r.fx.fx === 'end' && r.fx.status === 1 && r.fx.pain_after === 4), 'the end is not kept with the pain after');
	ok(new Set(recs.map((r) => r.session)).size === 1 && new Set(recs.map((r) => r.key)).size === recs.length,
		'not one session id, or not one key per record');
	ok(/waiting to be sent/.test(await p.textContent('.player-saved')), 'the end screen does not say the steps wait');
	await p.reload();
	await ready(p);
	ok((await outbox(p)).length === recs.length, 'a reload offline changed the outbox');

	// ---- 3. the server back ----
	await srv.start();
	ok(await drained(p), 'the outbox did not drain once the server was back');
	const stored = srv.sql("SELECT item || '|' || exercise_id || '|' || set_no || '|' || side FROM sets").split('\n').filter(Boolean);
	ok(JSON.stringify(stored.slice().sort()) === JSON.stringify(done.slice().sort()), `stored ${JSON.stringify(stored)}, done ${JSON.stringify(done)}`);
	ok(srv.sql('SELECT count(*) FROM sessions') === '1', 'not one session on the server');
	const row = srv.sql("SELECT status || ' ' || pain_before || ' ' || pain_after FROM sessions");
	ok(row === 'finished -1 4', `the session stored as [${row}]`);
	ok(Number(srv.sql('SELECT count(*) FROM idempotency_keys')) === recs.length, `${srv.sql('SELECT count(*) FROM idempotency_keys')} keys for ${recs.length} records`);
	for (let i = 0; i < 2; i++) {
		await p.reload();
		await ready(p);
		await wait(500);
	}
	ok(Number(srv.sql('SELECT count(*) FROM idempotency_keys')) === recs.length && srv.sql('SELECT count(*) FROM sets') === String(done.length),
		'reloads after the upload stored something again');

	// ---- 4. it hurts: 8 ----
	await p.click('[data-player-go]');
	await running(p);
	await p.click('.player-hurt');
	await p.locator('.player-ask button', { hasText: /^8$/ }).click();
	await p.waitForFunction(() => window.unhunchPlayer.ended, null, { timeout: 30000 });
	ok(await p.evaluate(async () => (await window.unhunchPlayer.ended).status) === 3, 'pain of 8 did not stop the session for safety');
	ok(await p.locator('.player-after').count() === 0, 'the pain after was asked after a stop');
	ok(await drained(p), 'the outbox did not drain after the pain stop');
	const hurt = srv.sql("SELECT s.status || ' ' || group_concat(p.score) FROM sessions s JOIN pains p ON p.session_id = s.id WHERE s.id = (SELECT max(id) FROM sessions)");
	ok(hurt === 'stopped 8', `the pain stop stored as [${hurt}]`);

	// ---- 5. I'm dizzy ----
	await p.reload();
	await ready(p);
	await p.click('[data-player-go]');
	await running(p);
	await p.click('.player-dizzy');
	await p.waitForFunction(() => window.unhunchPlayer.ended, null, { timeout: 30000 });
	ok(await drained(p), 'the outbox did not drain after the warning sign');
	await p.waitForFunction(() => localStorage.getItem('unhunch-warning-unsent') === null, null, { timeout: 30000 }).catch(() => {});
	const warned = srv.sql("SELECT count(*) FROM screening_answers WHERE question_id = 'warning-during-exercise'");
	const dizzyPains = srv.sql('SELECT count(*) FROM pains WHERE score = -1');
	ok(warned === '1' && dizzyPains === '1', `the warning sign stored ${warned} times, its pain report ${dizzyPains} times`);
	ok(srv.sql("SELECT status FROM sessions WHERE id = (SELECT max(id) FROM sessions)") === 'stopped', 'the dizzy session is not stopped');
	// no start after it: with the server away (no kept pass is used again) ...
	ok(await srv.stop() === 0, 'the server did not stop cleanly (after the warning)');
	await p.reload();
	await ready(p);
	await p.click('[data-player-go]');
	await p.waitForFunction(() => document.querySelector('[data-player-note]').textContent !== '');
	const away = await p.textContent('[data-player-note]');
	ok(/cannot be reached.*no pass/.test(away) && await p.evaluate(() => document.querySelector('[data-player]').hidden),
		`offline after a warning sign, Start said [${away}]`);
	// ... and with it back (the gate)
	await srv.start();
	await p.reload();
	await ready(p);
	await p.click('[data-player-go]');
	await p.waitForFunction(() => /No exercise starts until then\.$/.test(document.querySelector('[data-player-note]').textContent), null, { timeout: 30000 }).catch(() => {});
	const back = await p.textContent('[data-player-note]');
	ok(/No exercise starts until then\.$/.test(back) && await p.evaluate(() => document.querySelector('[data-player]').hidden),
		`after a warning sign, Start said [${back}]`);
	ok(srv.sql('SELECT count(*) FROM sessions') === '3', `${srv.sql('SELECT count(*) FROM sessions')} sessions stored`);
	ok(problems.length === 0, `errors on the page: ${problems.join(' | ')}`);

	// ---- 6. the command on the same store ----
	const hist = JSON.parse(srv.unhunch(['history', '--json']));
	const ss = hist.sessions || [];
	ok(ss.length === 3 && ss[0].status === 'finished' && ss[0].pain_before === null && ss[0].pain_after === 4
		&& ss[0].sets.length === done.length && ss[1].status === 'stopped' && ss[1].pain_reports.some((r) => r.score === 8)
		&& ss[2].status === 'stopped' && ss[2].pain_reports.filter((r) => r.score === -1).length === 1,
		`history --json: ${JSON.stringify(ss.map((s) => [s.status, s.pain_before, s.pain_after, s.sets.length, s.pain_reports.map((r) => r.score)]))}`);
	const prog = JSON.parse(srv.unhunch(['progress', '--json']));
	ok(prog.adherence && prog.adherence.sessions_per_week > 0 && prog.adherence.streak_days === 1,
		`progress --json does not count the web session: ${JSON.stringify(prog.adherence)}`);
	ok(await srv.stop() === 0, 'the server did not stop cleanly at the end');
} catch (e) {
	fail(e.stack || e.message);
} finally {
	srv.close();
	await browser.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
