// pages.mjs: every page of `unhunch serve` in Debian's Chromium (playwright-core, headless),
// at 390x844 (a phone) and 1280x800: a screenshot of each under OUT, axe-core with no
// serious or critical violation, no request to another origin, no console error, no
// sideways scrolling, 44 px touch targets, a visible keyboard focus, no command of the
// terminal named in the page's text (run.sh gives the store a different exercise offered,
// so the Plan page has the switch's button where a command could be); then the switch
// and the way back, dark mode,
// reduced motion, 200 % zoom, the pages without scripts, the check form, the API helper's
// CSRF token, and the attacks a local server must refuse (DNS rebinding, a cross-site
// form post, a cross-site read of the token).
//
// usage: node pages.mjs BASE_URL OUT_DIR ATTACKER_URL
import { launch, newContext as contextOf, tally, axe as axeRun } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir, attacker] = process.argv.slice(2);
const origin = new URL(base).origin;
const port = new URL(base).port;
fs.mkdirSync(outDir, { recursive: true });

const t = tally();
const { fail, ok } = t;

const pages = [
	['/', 'today'], ['/checkin', 'checkin'], ['/progress', 'progress'], ['/plan', 'plan'],
	['/assessment', 'assessment'], ['/screening', 'screening'], ['/history', 'history'],
	['/breaks', 'breaks'], ['/data', 'data'], ['/data/audit', 'audit'], ['/library', 'library'],
	['/library/routines/upper-back-activation', 'routine'], ['/library/routines/upper-back-activation/play', 'play'],
	['/library/exercises/glute-bridge', 'exercise'],
	['/library/exercises/neck-range-bed-edge', 'exercise-neck'], ['/library/check', 'check'],
	['/no/such/page', 'not-found'],
];
const sizes = [
	{ name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
	{ name: 'desktop', viewport: { width: 1280, height: 800 } },
];

// a rebinding attacker's name that resolves to this computer
const browser = await launch(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);

// A context whose waits give up after 10 s, so a broken page fails fast.
function newContext(options) {
	return contextOf(browser, options);
}

function axe(page, label) {
	return axeRun(page, label, fail);
}

// Every visible control is at least 44x44 CSS px (links inside running text excepted).
async function targets(page, label) {
	const small = await page.evaluate(() => {
		const out = [];
		for (const el of document.querySelectorAll('a, button, input, textarea, select, summary')) {
			const r = el.getBoundingClientRect();
			if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
			if (el.classList.contains('skip')) continue; // shown only when focused
			if (el.matches('p a, li > code a, .foot a') && getComputedStyle(el).display === 'inline') continue;
			if (r.height < 44 || r.width < 44) out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
		}
		return out;
	});
	ok(small.length === 0, `${label}: targets under 44 px: ${small.join('; ')}`);
}

async function noSideways(page, label) {
	const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	ok(w[0] <= w[1], `${label}: the page scrolls sideways (${w[0]} > ${w[1]})`);
}

function watch(page, label) {
	const seen = { foreign: [], errors: [] };
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (u.origin !== origin && u.protocol !== 'data:') seen.foreign.push(r.url());
	});
	// a page's own status shows in the status check; any file it loads must be there
	page.on('response', (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== 'document') seen.errors.push(`${r.status()} ${r.url()}`);
	});
	page.on('console', (m) => {
		if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource'))
			seen.errors.push(m.text());
	});
	page.on('pageerror', (e) => seen.errors.push(String(e)));
	return seen;
}

for (const size of sizes) {
	const context = await newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch });
	const page = await context.newPage();
	const seen = watch(page, size.name);
	for (const [p, slug] of pages) {
		const label = `${size.name} ${p}`;
		const res = await page.goto(base.replace(/\/$/, '') + p);
		ok(res.status() === (slug === 'not-found' ? 404 : 200), `${label}: status ${res.status()}`);
		ok(await page.locator('h1').count() === 1, `${label}: one h1`);
		ok(await page.locator('nav[aria-label="Main"] a').count() === 10, `${label}: the navigation has 10 entries`);
		// a person with only a browser has no terminal: no page tells them to type a command
		const told = (await page.locator('main').textContent()).match(/unhunch (?:assess|breaks|checkin|export|forget|handout|history|import|plan|progress|report|routines|screen|serve|show|start|validate)\b[^.,;)]*/g);
		ok(!told, `${label}: the page names a terminal command: ${told}`);
		await page.screenshot({ path: path.join(outDir, `${size.name}-${slug}.png`), fullPage: true });
		await axe(page, label);
		await targets(page, label);
		await noSideways(page, label);
	}
	// the keyboard: the first Tab shows the skip link, with a visible focus ring
	await page.goto(base + 'library');
	await page.keyboard.press('Tab');
	const focus = await page.evaluate(() => {
		const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
		return { cls: el.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), top: r.top };
	});
	ok(focus.cls === 'skip' && focus.top >= 0, `${size.name}: the first Tab shows the skip link (${JSON.stringify(focus)})`);
	ok(focus.outline !== 'none' && focus.width >= 2, `${size.name}: the focus is visible (${JSON.stringify(focus)})`);
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	const second = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
	ok(second !== 'none', `${size.name}: focus visible on the navigation`);
	await page.screenshot({ path: path.join(outDir, `${size.name}-focus.png`) });
	ok(seen.foreign.length === 0, `${size.name}: requests to another origin: ${seen.foreign.join(', ')}`);
	ok(seen.errors.length === 0, `${size.name}: console errors or warnings: ${seen.errors.join(' | ')}`);
	await context.close();
}

// Dark mode and reduced motion, on the phone.
{
	const context = await newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', reducedMotion: 'reduce' });
	const page = await context.newPage();
	for (const [p, slug] of [['/library', 'library'], ['/library/exercises/neck-range-bed-edge', 'exercise-neck'], ['/checkin', 'checkin']]) {
		await page.goto(base.replace(/\/$/, '') + p);
		await page.screenshot({ path: path.join(outDir, `dark-${slug}.png`), fullPage: true });
		await axe(page, `dark ${p}`);
	}
	const look = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.documentElement).scrollBehavior]);
	ok(look[0] === 'rgb(20, 24, 28)', `dark mode: the background is dark (${look[0]})`);
	ok(look[1] === 'auto', `reduced motion: no smooth scrolling (${look[1]})`);
	await context.close();
	const light = await newContext({ reducedMotion: 'no-preference' });
	const p2 = await light.newPage();
	await p2.goto(base + 'library');
	ok(await p2.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior) === 'smooth', 'motion allowed: smooth scrolling');
	await light.close();
}

// 200 % zoom of a 1280x800 window: the layout gets 640x400 CSS px.
{
	const context = await newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
	const page = await context.newPage();
	for (const [p, slug] of [['/library', 'library'], ['/library/routines/upper-back-activation', 'routine'], ['/library/check', 'check']]) {
		await page.goto(base.replace(/\/$/, '') + p);
		await noSideways(page, `200% ${p}`);
		await page.screenshot({ path: path.join(outDir, `zoom200-${slug}.png`) });
	}
	await context.close();
}

// Without scripts: the pages and the check form work all the same.
{
	const context = await newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto(base + 'library');
	await page.getByRole('link', { name: /Upper back activation/i }).first().click();
	ok(await page.locator('h1').textContent() !== '', 'no scripts: a routine opens from the Library');
	await page.goto(base + 'library/check');
	await page.fill('#text', 'routines:\n  - id: mine\n    name: Mine\n    module: activation\n    description: Mine.\n    items:\n      - exercise: glute-brige\n        reps: 8\n');
	await page.click('button[type=submit]');
	ok((await page.locator('.problems').textContent()).includes("did you mean 'glute-bridge'?"), 'no scripts: the check form shows the problem');
	await page.screenshot({ path: path.join(outDir, 'phone-check-result.png'), fullPage: true });
	await context.close();
}

// The check form with scripts, and the API helper: a change carries the token, and a
// token gone stale (server restarted) is fetched again once.
{
	const context = await newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.goto(base + 'library/check');
	await page.fill('#text', 'routines:\n  - id: mine\n    name: Mine\n    module: activation\n    description: Mine.\n    items:\n      - exercise: glute-bridge\n        reps: 8\n');
	await page.click('button[type=submit]');
	await page.locator('#result').waitFor();
	ok((await page.locator('#result').textContent()) === 'No problems found', 'the check form: a good file passes');
	// the focus is moved by app.js, a module run once the answer's page is parsed (the
	// result may be on screen before): waited for, up to 10 s
	await page.waitForFunction(() => document.activeElement?.id === 'result-panel', null, { timeout: 10000 }).catch(() => {});
	const focused = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
	ok(focused === 'result-panel', `the check form: focus moves to the result (it is on ${focused})`);
	await page.screenshot({ path: path.join(outDir, 'desktop-check-result.png'), fullPage: true });
	const r = await page.evaluate(async () => {
		document.querySelector('meta[name="csrf-token"]').content = 'stale';
		const src = document.querySelector('script[type=module]').src.replace('app.js', 'api.js');
		const { api } = await import(src);
		return api('/api/v1/content/check', { method: 'POST', body: { text: 'exercises: []\n' } });
	});
	ok(r.ok && r.data.valid === true, `api.js: a stale token is renewed and the call goes through (${JSON.stringify(r)})`);
	await context.close();
}

// The plan's different exercise offered (run.sh gives the store one: the bridge at the top
// of its own steps): a button takes it, no command to type; the page says so and has the
// button that goes back, which does.
{
	const context = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	const seen = watch(page, 'plan switch');
	await page.goto(base + 'plan');
	const offer = page.locator('[data-test="offer"]');
	ok(await offer.count() === 1, 'plan: the store offers a different exercise');
	ok((await offer.textContent()).includes('Glute bridge march'), 'plan: the offer names the march');
	ok(await page.locator('[data-test="switch"]').count() === 1, 'plan: the offer has its button');
	await page.locator('[data-test="switch"]').scrollIntoViewIfNeeded();
	await page.screenshot({ path: path.join(outDir, 'phone-plan-offer.png') });
	await Promise.all([page.waitForURL(base + 'plan/switch'), page.locator('[data-test="switch"]').tap()]);
	const done = await page.locator('[data-test="done"]').textContent().catch(() => '');
	ok(done.includes('Glute bridge march runs in place of Glute bridge'), `plan: the switch is taken and said (${done.trim()})`);
	ok(await page.locator('[data-test="switch"]').count() === 0, 'plan: no offer once taken');
	ok(!/unhunch /.test(await page.locator('main').textContent()), 'plan: after the switch no command is named');
	await page.screenshot({ path: path.join(outDir, 'phone-plan-switched.png'), fullPage: true });
	await axe(page, 'phone /plan switched');
	await targets(page, 'phone /plan switched');
	await noSideways(page, 'phone /plan switched');
	await Promise.all([page.waitForURL(base + 'plan/back'), page.locator('[data-test="back"]').tap()]);
	const back = await page.locator('[data-test="done"]').textContent().catch(() => '');
	ok(back.includes('Glute bridge is back in the routine as itself'), `plan: the button goes back (${back.trim()})`);
	ok(seen.errors.length === 0, `plan switch: console errors or warnings: ${seen.errors.join(' | ')}`);
	await context.close();
}

// Attacks. A page of another origin posts a form to the server: refused. It cannot
// read the token either (no CORS). A rebinding name pointed at 127.0.0.1: refused.
{
	const context = await newContext();
	const page = await context.newPage();
	await page.goto(`${attacker}post.html?target=${encodeURIComponent(base + 'library/check')}`);
	await page.waitForURL(base + 'library/check');
	const body = await page.locator('body').textContent();
	ok(body.includes("changes are taken only from this server's own pages"), `a cross-site form post is refused: ${body.slice(0, 200)}`);
	await page.screenshot({ path: path.join(outDir, 'attack-cross-site-post.png') });
	await page.goto(`${attacker}post.html?target=none`);
	const read = await page.evaluate(async (u) => {
		try { const r = await fetch(u); return `read ${r.status}`; } catch (e) { return 'blocked'; }
	}, base + 'api/v1/session');
	ok(read === 'blocked', `another origin cannot read the token (${read})`);
	const res = await page.goto(`http://rebind.test:${port}/library`);
	ok(res.status() === 421, `a rebinding name gets 421 (got ${res.status()})`);
	ok((await page.locator('body').textContent()).includes('answers only to the names it listens on'), 'the rebinding page says why');
	await page.screenshot({ path: path.join(outDir, 'attack-rebinding.png') });
	await context.close();
}

// Progress after a check-in on the body map: a new user's page says what to do; a
// check-in made on the map (the neck 6, pain 5, back-filled 6 days ago so the check-in
// test's days stay free) then shows there: the change from the first week, the charts
// (overall and the neck, inline SVG that fits the width) at both sizes and in dark mode.
{
	const d = new Date();
	d.setDate(d.getDate() - 6);
	const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	const context = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	const seen = watch(page, 'progress');
	await page.goto(base + 'progress');
	ok(await page.locator('[data-test="empty"]').isVisible(), 'progress: a new user gets the empty state');
	ok(await page.locator('[data-test="empty"] a[href="/checkin"]').count() === 1, 'progress: the empty state says to check in');
	await page.goto(base + 'checkin');
	await page.locator('.figures svg:nth-of-type(2) .region[data-region="neck"]').tap();
	await page.locator('.picker .scale button', { hasText: /^6$/ }).click();
	await page.fill('#date', date);
	await page.selectOption('#s-pain', '5');
	await Promise.all([page.waitForURL(base), page.click('button[type=submit]')]);
	for (const size of sizes) {
		const p = size.name === 'phone' ? page : await (await newContext({ viewport: size.viewport })).newPage();
		const label = `${size.name} /progress with a check-in`;
		await p.goto(base + 'progress');
		ok(await p.locator('[data-test="empty"]').count() === 0, `${label}: no empty state`);
		ok((await p.locator('[data-test="baseline"]').textContent()) === '5.0', `${label}: the first week's mean is the check-in's pain`);
		ok((await p.locator('[data-test="verdict"]').textContent()).includes('Too early to compare'), `${label}: one day is too early to compare`);
		const charts = await p.locator('figure.chart svg').evaluateAll((l) => l.map((s) => [s.getAttribute('aria-label'), s.querySelectorAll('circle.dot').length, Math.round(s.getBoundingClientRect().right)]));
		const width = await p.evaluate(() => document.documentElement.clientWidth);
		ok(charts.length === 2 && charts[0][0] === 'Pain overall' && charts[0][1] === 1 && charts[1][0] === 'Neck' && charts[1][1] === 1,
			`${label}: the overall and neck charts show the day (${JSON.stringify(charts)})`);
		ok(charts.every((c) => c[2] <= width), `${label}: the charts fit the width ${width} (${JSON.stringify(charts)})`);
		await p.screenshot({ path: path.join(outDir, `${size.name}-progress-data.png`), fullPage: true });
		await p.locator("figure.chart").first().screenshot({ path: path.join(outDir, `${size.name}-progress-chart.png`) });
		await axe(p, label);
		await targets(p, label);
		await noSideways(p, label);
		if (p !== page) await p.context().close();
	}
	ok(seen.errors.length === 0, `progress: console errors or warnings: ${seen.errors.join(' | ')}`);
	await context.close();
	const dark = await newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
	const dp = await dark.newPage();
	await dp.goto(base + 'progress');
	await dp.screenshot({ path: path.join(outDir, 'dark-progress-data.png'), fullPage: true });
	await axe(dp, 'dark /progress');
	await dark.close();
}

await browser.close();
t.done('all pages', outDir);
