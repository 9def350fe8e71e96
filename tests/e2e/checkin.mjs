// checkin.mjs: the check-in on the body map and Today in Debian's Chromium, at 390x844
// (touch) and 1280x800 (mouse and keyboard): tap places on the front and back outlines,
// rate them 0-10, fill the rest, save, and see it on Today; the same form without
// scripts; a cross-site post to the form or the API is refused and stores nothing.
// Screenshots under OUT (checkin-*.png, today-*.png).
//
// usage: node checkin.mjs BASE_URL OUT_DIR ATTACKER_URL
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir, attacker] = process.argv.slice(2);
const origin = new URL(base).origin;
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
const fail = (msg) => { failures++; console.error(`FAIL: ${msg}`); };
const ok = (cond, msg) => { if (!cond) fail(msg); };

// Local days, as the server (in the same zone) counts them.
const day = (ago) => {
	const d = new Date();
	d.setDate(d.getDate() - ago);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync', '--disable-default-apps'],
});

async function newContext(options) {
	const c = await browser.newContext(options);
	c.setDefaultTimeout(10000);
	return c;
}

function watch(page) {
	const seen = { foreign: [], errors: [] };
	page.on('request', (r) => { if (new URL(r.url()).origin !== origin) seen.foreign.push(r.url()); });
	page.on('console', (m) => {
		// the refused second check-in is a 409 page, as it should be
		if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource')) seen.errors.push(m.text());
	});
	page.on('pageerror', (e) => seen.errors.push(String(e)));
	return seen;
}

async function stored(page) {
	return page.evaluate(async () => (await (await fetch('/api/v1/checkins?from=1900-01-01')).json()).checkins.length);
}

const runs = [
	{ name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, date: day(1) },
	{ name: 'desktop', options: { viewport: { width: 1280, height: 800 } }, date: day(0) },
];

for (const run of runs) {
	const context = await newContext(run.options);
	const page = await context.newPage();
	const seen = watch(page);
	await page.goto(base + 'checkin');
	ok(await page.locator('.figures').isVisible(), `${run.name}: the body map shows`);
	const tap = async (figure, region) => {
		const shape = page.locator(`.figures svg:nth-of-type(${figure}) .region[data-region="${region}"]`);
		if (run.options.hasTouch) await shape.tap(); else await shape.click();
		await page.locator('.picker').waitFor({ state: 'visible' });
	};
	const choose = (v) => page.locator('.picker .scale button', { hasText: new RegExp(`^${v}$`) }).click();
	// the back: between the shoulder blades 7, the neck 5
	await tap(2, 'between-shoulder-blades');
	ok((await page.locator('.picker-q').textContent()).startsWith('Between the shoulder blades'), `${run.name}: the scale names the place`);
	await page.screenshot({ path: path.join(outDir, `checkin-${run.name}-picker.png`), fullPage: false });
	await choose(7);
	ok(await page.locator('.picker').isHidden(), `${run.name}: the scale closes after a choice`);
	await tap(2, 'neck');
	await choose(5);
	// the front: the right shoulder 2, by the keyboard on the desktop
	if (run.name === 'desktop') {
		await page.locator('.figures svg:nth-of-type(1) .region[data-region="right-shoulder"]').focus();
		const ring = await page.evaluate(() => getComputedStyle(document.activeElement).strokeWidth);
		ok(parseFloat(ring) >= 4, `${run.name}: a focused place shows it (stroke ${ring})`);
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
	} else {
		await tap(1, 'right-shoulder');
		await choose(2);
	}
	const values = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('select[data-region]')].map((s) => [s.name, s.value])));
	ok(values['between-shoulder-blades'] === '7' && values.neck === '5' && values['right-shoulder'] === '2' && values.chest === '',
		`${run.name}: the map's choices are in the form (${JSON.stringify(values)})`);
	const level = await page.locator('.figures svg:nth-of-type(2) .region[data-region="between-shoulder-blades"]').getAttribute('data-level');
	ok(level === 'high', `${run.name}: a 7 colours the place as high (${level})`);
	const label = await page.locator('.figures svg:nth-of-type(1) .region[data-region="neck"]').getAttribute('aria-label');
	ok(label === 'Neck: 5 of 10', `${run.name}: the place says its score (${label})`);
	await page.fill('#date', run.date);
	await page.selectOption('#s-pain', '4');
	await page.selectOption('#s-stress', '6');
	await page.fill('#desk_hours', '7.5');
	await page.selectOption('#massage', 'no');
	await page.fill('#note', `checked in on the ${run.name}`);
	await page.screenshot({ path: path.join(outDir, `checkin-${run.name}-filled.png`), fullPage: true });
	await Promise.all([page.waitForURL(base), page.click('button[type=submit]')]);
	ok(await page.locator('[data-test="last-pain"]').textContent() === '4', `${run.name}: Today shows the pain`);
	const last = await page.locator('[data-test="last-checkin"]').textContent();
	ok(last.includes(run.date) && last.includes(`checked in on the ${run.name}`), `${run.name}: Today shows the check-in (${last.trim().slice(0, 160)})`);
	ok(/Between the shoulder blades\s*7/.test(last) && /Neck\s*5/.test(last) && /Right shoulder\s*2/.test(last),
		`${run.name}: Today shows the places of the map (${last.replace(/\s+/g, ' ').slice(0, 200)})`);
	const api = await page.evaluate(async (d) => (await (await fetch(`/api/v1/checkins?from=${d}&to=${d}`)).json()).checkins[0], run.date);
	ok(api && api.regions['between-shoulder-blades'] === 7 && api.stress === 6 && api.desk_hours === 7.5 && api.massage === false,
		`${run.name}: the API has it (${JSON.stringify(api)})`);
	await page.screenshot({ path: path.join(outDir, `today-${run.name}.png`), fullPage: true });
	// the same day again with other values: the form comes back and says why
	await page.goto(base + 'checkin');
	await page.fill('#date', run.date);
	await page.selectOption('#s-pain', '8');
	await page.click('button[type=submit]');
	ok((await page.locator('[data-test="problem"]').textContent()).includes('already'), `${run.name}: a second check-in for the day is refused`);
	ok(await page.locator('#s-pain').inputValue() === '8', `${run.name}: what was typed is kept`);
	await page.screenshot({ path: path.join(outDir, `checkin-${run.name}-twice.png`), fullPage: true });
	ok(seen.foreign.length === 0, `${run.name}: requests to another origin: ${seen.foreign.join(', ')}`);
	ok(seen.errors.length === 0, `${run.name}: console errors: ${seen.errors.join(' | ')}`);
	await context.close();
}

// Without scripts: the map is not shown, the places are plain fields, the post works.
{
	const context = await newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto(base + 'checkin');
	ok(await page.locator('.figures').isHidden(), 'no scripts: the map (which needs them) is hidden');
	await page.fill('#date', day(3));
	await page.selectOption('#r-upper-back', '3');
	await page.selectOption('#s-pain', '2');
	await Promise.all([page.waitForURL(base), page.click('button[type=submit]')]);
	ok(await page.locator('[data-test="last-pain"]').count() === 1, 'no scripts: saved and on to Today');
	await page.screenshot({ path: path.join(outDir, 'checkin-noscript-today.png'), fullPage: true });
	await context.close();
}

// Another site: a form post to /checkin and a no-cors fetch to the API, both refused.
{
	const context = await newContext();
	const page = await context.newPage();
	await page.goto(base + 'checkin');
	const before = await stored(page);
	await page.goto(`${attacker}post.html?target=${encodeURIComponent(base + 'checkin')}`);
	await page.waitForURL(base + 'checkin');
	const body = await page.locator('body').textContent();
	ok(body.includes("changes are taken only from this server's own pages"), `a cross-site post to the form is refused: ${body.slice(0, 200)}`);
	await page.goto(`${attacker}post.html?target=none`);
	await page.evaluate(async (u) => {
		try { await fetch(u, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"pain": 9}' }); } catch (e) { /* refused either way */ }
	}, base + 'api/v1/checkins');
	await page.goto(base + 'checkin');
	ok(await stored(page) === before, 'nothing stored from another site');
	await context.close();
}

await browser.close();
if (failures) {
	console.error(`${failures} failure(s); screenshots in ${outDir}`);
	process.exit(1);
}
console.log(`check-in passed; screenshots in ${outDir}`);
