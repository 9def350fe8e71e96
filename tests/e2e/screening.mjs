// screening.mjs: the safety questions in Debian's Chromium, at 390x844 (touch) and
// 1280x800: tick a warning sign, see who to see, have a clearance refused with the reason
// by its field and what was typed kept, record it; answer all no and Today no longer
// sends to the questions, and the Plan gives every part with its reason; an emergency
// answer offers no clearance, and on a phone (where the questions come one at a time)
// stops the questions at once. axe-core, 44 px
// targets and no sideways scrolling on each state. Screenshots under OUT (screening-*.png).
// Runs after checkin.mjs: it leaves the store screened.
//
// usage: node screening.mjs BASE_URL OUT_DIR
import { launch, newContext, sizes, tally, axe } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir] = process.argv.slice(2);
const origin = new URL(base).origin;
fs.mkdirSync(outDir, { recursive: true });

const t = tally();
const { fail, ok } = t;
const browser = await launch();

// The checks every state of the page gets, and its screenshot.
async function look(page, label) {
	await page.screenshot({ path: path.join(outDir, `${label.includes('plan') ? '' : 'screening-'}${label}.png`), fullPage: true });
	await axe(page, label, fail);
	const small = await page.evaluate(() => [...document.querySelectorAll('main button, main textarea, main label.check, main input:not([type=hidden]):not([type=checkbox])')]
		.map((el) => el.getBoundingClientRect()).filter((b) => b.width && b.height && (b.height < 44 || b.width < 44)).length);
	ok(small === 0, `${label}: ${small} targets under 44 px`);
	const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	ok(w[0] <= w[1], `${label}: the page scrolls sideways (${w[0]} > ${w[1]})`);
}

// Answer the questions, yes to the ids in yes. On a phone they come a group at a time
// (Back, Next, "3 of 14"), and ticking a question whose yes alone is an emergency sends
// them at once; on a desktop they are one list of boxes. Resolves once the result is
// shown; true when an emergency stopped the questions.
async function answer(page, yes, label) {
	const stepping = await page.locator('form.screen.stepping').count() === 1;
	if (!stepping) {
		for (const id of yes) await page.locator(`input[name="${id}"]`).check();
		await Promise.all([page.waitForURL(/\/screening#result$/), page.getByRole('button', { name: 'Save my answers' }).click()]);
		return false;
	}
	const progress = page.locator('[data-test="step-progress"]');
	const n = Number((await progress.textContent()).split(' of ')[1]);
	ok(n > 1, `${label}: the questions come in groups (${n})`);
	for (let i = 0; i < n; i++) {
		ok(await progress.textContent() === `${i + 1} of ${n}`, `${label}: says where it is (${i + 1} of ${n})`);
		const shown = page.locator('form.screen .questions > li:not([hidden])');
		const groups = new Set(await shown.evaluateAll((els) => els.map((el) => el.dataset.group)));
		ok(groups.size === 1, `${label}: one group at a time (${[...groups].join(', ')})`);
		for (const box of await shown.locator('input').all()) {
			if (!yes.includes(await box.getAttribute('name'))) continue;
			if (await box.getAttribute('data-emergency') !== null) {
				await Promise.all([page.waitForURL(/\/screening#result$/), box.check()]);
				return true; // stopped at once
			}
			await box.check();
		}
		if (i < n - 1) await page.getByRole('button', { name: 'Next', exact: true }).click();
	}
	await Promise.all([page.waitForURL(/\/screening#result$/), page.getByRole('button', { name: 'Save my answers' }).click()]);
	return false;
}

for (const run of sizes) {
	const context = await newContext(browser, run.options);
	const page = await context.newPage();
	const foreign = [];
	page.on('request', (r) => { if (new URL(r.url()).origin !== origin) foreign.push(r.url()); });
	await page.goto(base + 'screening');
	await look(page, `${run.name}-questions`);
	ok(await page.locator('form.screen.stepping').count() === (run.name === 'phone' ? 1 : 0),
		`${run.name}: one question at a time on a phone only`);
	// a warning sign: who to see, and the clearance form
	await answer(page, ['dizzy'], run.name);
	const result = page.locator('[data-test="result"]');
	ok(await result.getAttribute('data-level') === 'days', `${run.name}: a dizzy yes is "days"`);
	ok(await page.locator('[data-test="advice"]').isVisible(), `${run.name}: who to see is shown`);
	ok(/paused/.test(await page.locator('[data-test="exercise"]').textContent()), `${run.name}: exercise is paused`);
	await look(page, `${run.name}-result`);
	// a clearance the rules refuse: the reason by the field, the words kept
	await page.getByLabel('Who you saw and what they said').fill('fine');
	await page.getByRole('button', { name: 'Record the clearance' }).click();
	// the server's answer is a new page: the click returns once it is committed, not yet drawn
	await page.locator('#note-err').waitFor().catch(() => {});
	ok(await page.locator('#note-err').isVisible(), `${run.name}: the reason is by the note`);
	ok(await page.getByLabel('Who you saw and what they said').inputValue() === 'fine', `${run.name}: the note is kept`);
	await look(page, `${run.name}-refused`);
	await page.getByLabel('Who you saw and what they said').fill('Dr Rossi, GP: no concern, exercise is fine');
	await page.getByRole('button', { name: 'Record the clearance' }).click();
	await page.waitForURL(/\/screening#result$/);
	ok(/clearance is recorded/.test(await result.textContent()), `${run.name}: the clearance is shown`);
	// all no: Today goes on to something else than the questions
	await answer(page, [], run.name);
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
	const context = await newContext(browser, sizes[0].options);
	const page = await context.newPage();
	await page.goto(base + 'screening');
	ok(await answer(page, ['chest-pressure'], 'emergency'), 'emergency: the questions stop at once on a phone');
	// the form was sent by the script: wait for the page it loads
	ok(await page.locator('[data-test="no-clearance"]').waitFor().then(() => true, () => false), 'emergency: says it cannot be cleared here');
	ok(/emergency/.test(await page.locator('[data-test="advice"]').textContent()), 'emergency: says what to do');
	ok(await page.locator('form[action="/screening/clearance"]').count() === 0, 'emergency: no clearance form');
	await look(page, 'phone-emergency');
	await context.close();
}

await browser.close();
t.done('screening', outDir);
