// bench.mjs: the web cue-timing benchmark's driver (method in run.sh). A small server on
// loopback serves the page, the player's modules, engine.wasm and the routine; Chromium
// (headless, with its own background throttling left on) opens the page twice at once:
// in a foreground tab, and in a tab opened in the background and never shown (a hidden
// page, as a phone with the screen off or another tab in front). Each page posts its
// errors; this prints the figures.
// usage: node bench.mjs ENGINE_WASM CONTENT_JSON LENGTH_S RATE
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [wasm, contentPath, length = '600', rate = '4'] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const web = path.resolve(here, '../../web/static');
const results = {};
let resolveAll;
const all = new Promise((r) => { resolveAll = r; });
const files = {
	'/page.js': [path.join(here, 'page.js'), 'text/javascript'],
	'/onset.js': [path.join(here, 'onset.js'), 'text/javascript'],
	'/engine.wasm': [wasm, 'application/wasm'],
	'/content.json': [contentPath, 'application/json'],
};
const server = http.createServer((req, res) => {
	const url = new URL(req.url, 'http://x');
	if (req.method === 'POST' && url.pathname === '/result') {
		let body = '';
		req.on('data', (d) => { body += d; });
		req.on('end', () => {
			results[url.searchParams.get('tab') || req.headers.referer?.match(/tab=(\w+)/)?.[1]] = JSON.parse(body);
			res.end('ok');
			if (Object.keys(results).length === 2) resolveAll();
		});
		return;
	}
	let f = files[url.pathname];
	if (!f && /^\/static\/player-[a-z]+\.js$/.test(url.pathname)) f = [path.join(web, url.pathname.slice(8)), 'text/javascript'];
	if (url.pathname === '/') {
		res.setHeader('content-type', 'text/html');
		return res.end('<!doctype html><html lang="en"><title>cue timing</title><p id="status">starting</p><script type="module" src="/page.js"></script>');
	}
	if (!f) { res.statusCode = 404; return res.end(); }
	res.setHeader('content-type', f[1]);
	res.end(fs.readFileSync(f[0]));
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium', headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
	// keep Chromium's own throttling of hidden pages, which Playwright turns off by default
	ignoreDefaultArgs: ['--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding'],
});
const cdp = await browser.newBrowserCDPSession();
const q = `length=${length}&rate=${rate}`;
await cdp.send('Target.createTarget', { url: `${base}?${q}&tab=foreground` });
await cdp.send('Target.createTarget', { url: `${base}?${q}&tab=hidden`, background: true });
const timer = setTimeout(() => { console.error('FAIL: no results after the run'); process.exit(1); }, (Number(length) + 120) * 1000);
await all;
clearTimeout(timer);
await browser.close();
server.close();
if (process.env.DUMP) fs.writeFileSync(process.env.DUMP, JSON.stringify(results));

const pct = (v, p) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))];
function stats(errs) {
	const heard = errs.filter((e) => e !== null);
	const s = [...heard].sort((a, b) => a - b);
	const tenth = Math.max(1, Math.floor(heard.length / 10));
	const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
	return {
		n: errs.length, missed: errs.length - heard.length,
		p50: pct(s, 0.5), p99: pct(s, 0.99), max: s[s.length - 1],
		drift: mean(heard.slice(-tenth)) - mean(heard.slice(0, tenth)),
	};
}
const diagLine = (d) => d ? `at ${d.t} ms (session): handed to the context ${d.slack.toFixed(1)} ms ahead of its time (${d.heardSlack.toFixed(1)} ms ahead of the time heard), `
	+ `main-thread stall ${d.stall.toFixed(1)} ms and scheduler gap ${d.pumpGap.toFixed(1)} ms in the second before, `
	+ `source ${d.ended === null ? 'never ended' : typeof d.ended === 'string' ? d.ended : `ended ${d.ended.toFixed(1)} ms after its time`}, clock jumps ${JSON.stringify(d.jumps)}, `
	+ `onsets near ${JSON.stringify(d.near.map((x) => Math.round(x * 10) / 10))}${d.stale.length ? ` (by the worklet's stale currentFrame: ${JSON.stringify(d.stale)})` : ''}, audio clock steps near (ms from its time, frames) ${JSON.stringify(d.steps)}` : 'no diagnostics';
const f = (x) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(2).padStart(8));
let failed = false;
console.log(`web cue timing: ${length} s per tab, clock x${rate} (a cue every ${(1000 / rate).toFixed(0)} ms), Chromium ${browser.version()}`);
console.log('tab         player    what    cues  missed      p50      p99      max    drift   (ms)');
for (const tab of ['foreground', 'hidden']) {
	const r = results[tab];
	if (!r || r.error) { console.log(`${tab}: ${r ? r.error : 'no result'}`); failed = true; continue; }
	if ((tab === 'hidden') !== r.hiddenAll) console.log(`note: the ${tab} tab was ${r.hiddenAll ? '' : 'not '}hidden all along`);
	for (const [name, p] of Object.entries(r.players))
		for (const what of ['audio', 'main']) {
			const s = stats(p[what]);
			const missed = p[what].map((e, i) => (e === null ? i : -1)).filter((i) => i >= 0);
			if (missed.length && name === 'engine') console.log(`  missed ${what} cues of ${name} in the ${tab} tab: ${missed.slice(0, 10).join(', ')} of ${p[what].length}`);
			if (what === 'audio' && name === 'engine' && r.diag) {
				for (const i of missed.slice(0, 10)) console.log(`    cue ${i}: ${diagLine(r.diag[i])}`);
				const stale = r.diag.map((d, i) => (d.stale.length ? i : -1)).filter((i) => i >= 0);
				if (stale.length) console.log(`  engine cues heard in a quantum where the worklet's currentFrame was stale (dated by the sample count): ${stale.length}`);
				for (const i of stale.slice(0, 10)) console.log(`    cue ${i}: ${diagLine(r.diag[i])}`);
				const d = r.diag, slack = d.map((x) => x.slack);
				const tight = d.filter((x) => x.slack < 100).length, noEnd = d.filter((x) => x.ended === null).length;
				console.log(`  ${tab} engine diagnostics: slack min ${f(Math.min(...slack))} p1 ${f(pct([...slack].sort((a, b) => a - b), 0.01))} ms, ${tight} cues under 100 ms ahead, ${noEnd} sources never ended; longest main-thread stall ${f(r.stalls.longest)} ms (${r.stalls.beats} over 20 ms), clock jumps ${r.stalls.jumps}; the player's longest hold-up ${f(r.heldUp)} ms, its look-ahead at the end ${f(r.lookahead)} ms; the worklet's currentFrame moved other than one quantum a call ${r.stalls.frameSteps} times (${r.stalls.skipped} frames skipped in all); onsets in such a call: ${Object.entries(r.players).map(([n, p]) => `${n} ${p.stale}`).join(', ')}`);
			}
			console.log(`${tab.padEnd(11)} ${name.padEnd(9)} ${what.padEnd(6)} ${String(s.n).padStart(5)} ${String(s.missed).padStart(7)} ${f(s.p50)} ${f(s.p99)} ${f(s.max)} ${f(s.drift)}`);
		}
}
const fg = results.foreground && results.foreground.players && stats(results.foreground.players.engine.audio);
const hid = results.hidden && results.hidden.players && stats(results.hidden.players.engine.audio);
if (fg) console.log(`goal, foreground: engine audio p99 <= 1 ms and no drift: ${fg.p99 <= 1 && Math.abs(fg.drift) <= 1 && !fg.missed ? 'met' : 'NOT met'}`);
if (hid) console.log(`goal, hidden: engine audio within 20 ms of the schedule: ${hid.max <= 20 && !hid.missed ? 'met' : 'NOT met'}`);
// the table of `make bench` (bench/run-all.sh): figure, measured, goal, the peers of the same run, verdict
const peer = (tab, name) => { const r = results[tab]; return r && r.players && r.players[name] ? stats(r.players[name].audio) : null; };
const two = (x) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(2));
const peers = (tab, key) => ['interval', 'chained'].map((n) => { const s = peer(tab, n); return `${n === 'interval' ? 'setInterval' : 'setTimeout'} ${s ? two(s[key]) : '-'} ms`; }).join(', ');
if (fg) {
	console.log(`@row\tweb cues, foreground tab: audio p99 (${length} s)\t${two(fg.p99)} ms, ${fg.missed} missed\t<= 1 ms\t${peers('foreground', 'p99')}\t${fg.p99 <= 1 && !fg.missed ? 'ok' : 'MISSED'}`);
	console.log(`@row\tweb cues, foreground tab: drift\t${two(fg.drift)} ms\tno drift (<= 1 ms)\t${peers('foreground', 'drift')}\t${Math.abs(fg.drift) <= 1 ? 'ok' : 'MISSED'}`);
}
if (hid) console.log(`@row\tweb cues, hidden tab: audio max\t${two(hid.max)} ms, ${hid.missed} missed\t<= 20 ms\t${peers('hidden', 'max')}\t${hid.max <= 20 && !hid.missed ? 'ok' : 'MISSED'}`);
process.exit(failed ? 1 : 0);
