// player-offline.mjs: a web session that outlives its server. The real server (its own
// data folder, the test routine t-fast of tests/cli/content/fast.yaml, the safety
// questions answered) on a fixed loopback port; the real player page in Chromium at
// 390x844 starts a session, the server is stopped in the middle of it, the session is
// finished with the server away (the end screen says the rest is waiting), the server
// is started again on the same address, and the page's retry timer drains the outbox:
// the sets stored equal exactly the sets done (none lost, none twice), each record's
// key is kept once, the end screen says saved, a reload sends nothing again, and the
// session is an ordinary one in `unhunch history` and `progress`. Screenshots of the end
// screen at 390x844 and 1280x800 go to SHOT_DIR when it is set.
//
// usage: UNHUNCH=... SRC=... node player-offline.mjs
import { chromium } from 'playwright-core';
import path from 'node:path';
import { ownServer } from './own-server.mjs';

let failures = 0, passes = 0;
const fail = (msg) => { failures++; console.error(`FAIL: ${msg}`); };
const ok = (cond, msg) => { if (cond) passes++; else fail(msg); };

const srv = await ownServer('unhunch-offline.');
const { base, sql, unhunch } = srv;
const serverStart = () => srv.start(), serverStop = () => srv.stop();

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium', headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});
try {
	await serverStart();
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	context.setDefaultTimeout(30000);
	const p = await context.newPage();
	const problems = [];
	p.on('pageerror', (e) => problems.push(e.message));
	await p.goto(`${base}library/routines/t-fast/play`);
	await p.waitForSelector('[data-player-go]:not([disabled])');
	await p.fill('[data-player-pain]', '2');
	await p.click('[data-player-go]');
	// the first exercise done and on the server: then the server goes away
	await p.waitForFunction(() => {
		const at = JSON.parse(localStorage.getItem('unhunch-player-session') || 'null');
		return at && at.item >= 1;
	}, null, { timeout: 60000 });
	let before = 0; // the server's own count, asked until the first sets are there
	for (let i = 0; i < 100 && !(before = Number(sql('SELECT count(*) FROM sets'))); i++) await new Promise((r) => setTimeout(r, 200));
	ok(before >= 1, `no set reached the server before it was stopped (${before})`);
	ok(await serverStop() === 0, 'the server did not stop cleanly');
	// the rest of the session with the server away
	await p.waitForFunction(() => window.unhunchPlayer.ended, null, { timeout: 60000 });
	const end = await p.evaluate(() => window.unhunchPlayer.ended);
	ok(end.fx === 'end' && end.status === 1, `the session did not finish: ${JSON.stringify(end)}`);
	await p.waitForSelector('.player-end');
	// the pain after the session, asked as the terminal asks it; the end waits for it
	ok(/how much does it hurt/.test(await p.textContent('.player-after')), 'the end screen does not ask the pain after');
	await p.click('[data-after="3"]');
	await p.waitForFunction(() => Number(document.querySelector('.player-end').dataset.left) > 0, null, { timeout: 30000 }).catch(() => {});
	const waiting = await p.textContent('.player-saved');
	ok(/waiting to be sent/.test(waiting), `with the server away the end screen said [${waiting}]`);
	const endText = await p.textContent('.player-end');
	const done = await p.evaluate(() => window.unhunchPlayer.effects.filter((f) => f.fx === 'set').map((f) => [f.item, f.exercise, f.set, f.side]));
	ok(endText.includes(`${done.length} sets`), `the end screen does not count ${done.length} sets: [${endText}]`);
	if (process.env.SHOT_DIR) await p.screenshot({ path: path.join(process.env.SHOT_DIR, 'end-waiting-390x844.png'), fullPage: true });
	const sent = await p.evaluate(async () => (await window.unhunchPlayer.outbox.all()).length);
	ok(sent > 0, 'nothing waited in the outbox while the server was away');
	// the server back on the same address: the retry timer sends the rest, once
	await new Promise((r) => setTimeout(r, 1500));
	await serverStart();
	await p.waitForFunction(() => document.querySelector('.player-end').dataset.left === '0', null, { timeout: 45000 }).catch(() => {});
	const saved = await p.textContent('.player-saved');
	ok(/^Saved on the server\./.test(saved), `after the server came back the end screen said [${saved}]`);
	if (process.env.SHOT_DIR) {
		await p.screenshot({ path: path.join(process.env.SHOT_DIR, 'end-saved-390x844.png'), fullPage: true });
		await p.setViewportSize({ width: 1280, height: 800 });
		await p.screenshot({ path: path.join(process.env.SHOT_DIR, 'end-saved-1280x800.png'), fullPage: true });
	}
	const stored = sql("SELECT item || '|' || exercise_id || '|' || set_no || '|' || side FROM sets ORDER BY item, set_no, side").split('\n').filter(Boolean);
	const want = done.map(([i, e, n, s]) => `${i}|${e}|${n}|${s}`).sort();
	ok(JSON.stringify(stored.slice().sort()) === JSON.stringify(want),
		`the stored sets ${JSON.stringify(stored)} are not the sets done ${JSON.stringify(want)}`);
	ok(Number(sql('SELECT count(*) FROM sessions')) === 1, 'not one session on the server');
	ok(sql('SELECT status FROM sessions') === 'finished', `the session is ${sql('SELECT status FROM sessions')}`);
	ok(sql('SELECT pain_before || \'/\' || pain_after FROM sessions') === '2/3', `pain before/after stored: ${sql('SELECT pain_before || \'/\' || pain_after FROM sessions')}`);
	const records = await p.evaluate(() => window.unhunchPlayer.effects.length);
	ok(Number(sql('SELECT count(*) FROM idempotency_keys')) === records, `${sql('SELECT count(*) FROM idempotency_keys')} keys kept for ${records} records`);
	// a reload sends nothing again
	await p.reload();
	await p.waitForSelector('[data-player-go]:not([disabled])');
	await p.waitForTimeout(1000);
	ok(Number(sql('SELECT count(*) FROM idempotency_keys')) === records && Number(sql('SELECT count(*) FROM sets')) === done.length,
		'a reload after the upload stored something again');
	ok(problems.length === 0, `errors on the page: ${problems.join(' | ')}`);
	// an ordinary session for the terminal
	const hist = unhunch(['history']);
	ok(/t-fast\s+\d+ min\s+3\s+0\s+2>3\s/.test(hist), `history does not show the web session: ${hist}`);
	try { unhunch(['progress']); ok(true); } catch (e) { fail(`progress failed: ${e.message}`); }
	ok(await serverStop() === 0, 'the server did not stop cleanly after the upload');
} catch (e) {
	fail(e.stack || e.message);
} finally {
	srv.close();
	await browser.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
