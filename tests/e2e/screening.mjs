// screening.mjs: the safety questions in Debian's Chromium, at 390x844 (touch) and
// 1280x800: tick a warning sign, see who to see, have a clearance refused with the reason
// by its field and what was typed kept, record it; answer all no and Today no longer
// sends to the questions, and the Plan gives every part with its reason; an emergency
// answer offers no clearance. axe-core, 44 px
// targets and no sideways scrolling on each state. Screenshots under OUT (screening-*.png).
// Runs after checkin.mjs: it leaves the store screened.
//
// usage: node screening.mjs BASE_URL OUT_DIR
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir] = process.argv.slice(2);
const origin = new URL(base).origin;
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
const fail = (msg) => { failures++; console.error(`FAIL: ${msg}`); };
const ok = (cond, msg) => { if (!cond) fail(msg); };

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync', '--disable-default-apps'],
});

// The checks every state of the page gets, and its screenshot.
async function look(page, label) {
	await page.screenshot({ path: path.join(outDir, `${label.includes('plan') ? '' : 'screening-'}${label}.png`), fullPage: true });
	await page.evaluate(axeSource);
	const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	for (const v of r.violations)
		if (v.impact === 'serious' || v.impact === 'critical') fail(`${label}: axe ${v.impact} ${v.id}: ${v.help}`);
	const small = await page.evaluate(() => [...document.querySelectorAll('main button, main textarea, main label.check, main input:not([type=hidden]):not([type=checkbox])')]
		.map((el) => el.getBoundingClientRect()).filter((b) => b.width && b.height && (b.height < 44 || b.width < 44)).length);
	ok(small === 0, `${label}: ${small} targets under 44 px`);
	const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	ok(w[0] <= w[1], `${label}: the page scrolls sideways (${w[0]} > ${w[1]})`);
}

const runs = [
	{ name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
	{ name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
];

for (const run of runs) {
	const context = await browser.newContext(run.options);
	context.setDefaultTimeout(10000);
	const page = await context.newPage();
	const foreign = [];
	page.on('request', (r) => { if (new URL(r.url()).origin !== origin) foreign.push(r.url()); });
	await page.goto(base + 'screening');
	await look(page, `${run.name}-questions`);
	// a warning sign: who to see, and the clearance form
	await page.locator('input[name="dizzy"]').check();
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await page.waitForURL(/\/screening#result$/);
	const result = page.locator('[data-test="result"]');
	ok(await result.getAttribute('data-level') === 'days', `${run.name}: a dizzy yes is "days"`);
	ok(await page.locator('[data-test="advice"]').isVisible(), `${run.name}: who to see is shown`);
	ok(/paused/.test(await page.locator('[data-test="exercise"]').textContent()), `${run.name}: exercise is paused`);
	await look(page, `${run.name}-result`);
	// a clearance the rules refuse: the reason by the field, the words kept
	await page.getByLabel('Who you saw and what they said').fill('fine');
	await page.getByRole('button', { name: 'Record the clearance' }).click();
	ok(await page.locator('#note-err').isVisible(), `${run.name}: the reason is by the note`);
	ok(await page.getByLabel('Who you saw and what they said').inputValue() === 'fine', `${run.name}: the note is kept`);
	await look(page, `${run.name}-refused`);
	await page.getByLabel('Who you saw and what they said').fill('Dr Rossi, GP: no concern, exercise is fine');
	await page.getByRole('button', { name: 'Record the clearance' }).click();
	await page.waitForURL(/\/screening#result$/);
	ok(/clearance is recorded/.test(await result.textContent()), `${run.name}: the clearance is shown`);
	// all no: Today goes on to something else than the questions
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await page.waitForURL(/\/screening#result$/);
	ok(await result.getAttribute('data-level') === 'none', `${run.name}: all no is "none"`);
	await page.goto(base);
	ok(await page.locator('a.button.big').getAttribute('href') !== '/screening', `${run.name}: Today no longer sends to the questions`);
	// the plan, now that exercise is allowed: every part with its reason
	await page.goto(base + 'plan');
	const parts = page.locator('[data-test="part"]');
	ok(await parts.count() >= 2, `${run.name}: the plan has its parts`);
	for (const why of await page.locator('[data-test="part"] .why').allTextContents())
		ok(why.trim().length > 20, `${run.name}: a part of the plan without its reason`);
	await look(page, `plan-${run.name}`);
	ok(foreign.length === 0, `${run.name}: requests to another origin: ${foreign.join(', ')}`);
	await context.close();
}

// an emergency answer: the words say so, and there is no clearance form
{
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await page.goto(base + 'screening');
	await page.locator('input[name="chest-pressure"]').check();
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await page.waitForURL(/\/screening#result$/);
	ok(await page.locator('[data-test="no-clearance"]').isVisible(), 'emergency: says it cannot be cleared here');
	ok(await page.locator('form[action="/screening/clearance"]').count() === 0, 'emergency: no clearance form');
	await look(page, 'phone-emergency');
	await context.close();
}

await browser.close();
if (failures) {
	console.error(`${failures} failure(s); screenshots in ${outDir}`);
	process.exit(1);
}
console.log(`screening passed; screenshots in ${outDir}`);
