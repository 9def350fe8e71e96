// new-user.mjs: a new user's first visit, in Debian's Chromium at 390x844 (touch) and
// again at 1280x800, each on a fresh store: Today sends to the safety questions, which
// are answered (a group at a time on the phone, with Back keeping an answer); Today's note
// links to the assessment, which is answered and goes on to the plan (every part with its
// reason, what the assessment found); a check-in by tapping places on the body map; and
// the check-in is on History and on Progress (the mean now, and a dot of its value on the
// day in the chart overall and in each place rated). Each page is screenshot under OUT (new-user-SIZE-N-STEP.png)
// and checked with axe-core, for requests to another origin and for console errors. At
// the end of each size, Your data deletes everything (typing the word), the backup
// downloaded before is restored by the file form (and refused a second time), and all is
// deleted again, so the next size and the scripts after this one start from a fresh store.
//
// The walk is the list `steps` below: a step added there (a name and a function of the
// page and the size) runs at both sizes, in order, with its screenshot.
//
// usage: node new-user.mjs BASE_URL OUT_DIR
import { launch, newContext, sizes, tally, axe } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir] = process.argv.slice(2);
const origin = new URL(base).origin;
fs.mkdirSync(outDir, { recursive: true });
const t = tally();
const { fail, ok } = t;

// What the walk remembers between steps (the day of the check-in).
const seen = {};

const steps = [
	['today', async (page, size) => {
		await page.goto(base);
		const now = page.locator('section.now a.button.big');
		ok(await now.getAttribute('href') === '/screening', `${size}: a new user is sent to the safety questions first`);
	}],
	['screening', async (page, size) => {
		await Promise.all([page.waitForURL(/\/screening$/), page.locator('section.now a.button.big').click()]);
		const boxes = page.locator('form.screen .questions input[type="checkbox"]');
		ok(await boxes.count() > 3, `${size}: the safety questions are there`);
		if (size !== 'phone') {
			ok(await page.locator('form.screen.stepping').count() === 0, `${size}: the whole list on a wide screen`);
			return;
		}
		// a group at a time: tick one, go on, come back: it is still ticked
		const progress = page.locator('[data-test="step-progress"]');
		const n = Number((await progress.textContent()).split(' of ')[1]);
		ok(n > 3 && await progress.textContent() === `1 of ${n}`, `${size}: a group at a time, "1 of ${n}"`);
		const next = page.getByRole('button', { name: 'Next', exact: true });
		const plain = page.locator('form.screen .questions > li:not([hidden]) input:not([data-emergency])');
		let at = 1;
		do { await next.click(); at++; } while (await plain.count() === 0 && at < n);
		const name = await plain.first().getAttribute('name');
		await page.locator(`input[name="${name}"]`).check();
		await next.click();
		await page.getByRole('button', { name: 'Back', exact: true }).click();
		ok(await progress.textContent() === `${at} of ${n}`, `${size}: Back goes to the group before`);
		ok(await page.locator(`input[name="${name}"]`).isChecked(), `${size}: an answer is kept going back`);
		await page.locator(`input[name="${name}"]`).uncheck();
		for (let i = at; i < n; i++) await next.click();
		ok(await progress.textContent() === `${n} of ${n}`, `${size}: the last group`);
		ok(await page.locator(`input[name="${name}"]:checked`).count() === 0, `${size}: the answer taken back is a no`);
	}],
	['screening-result', async (page, size) => {
		await Promise.all([page.waitForURL(/\/screening#result$/), page.getByRole('button', { name: 'Save my answers' }).click()]);
		ok(await page.locator('[data-test="result"]').getAttribute('data-level') === 'none', `${size}: all no lets exercise go on`);
	}],
	['today-screened', async (page, size) => {
		await page.goto(base);
		ok(await page.locator('[data-test="plan-note"] a[href="/assessment"]').count() === 1, `${size}: Today's note links to the assessment`);
		ok(!(await page.locator('main').textContent()).includes('unhunch assess'), `${size}: Today names no command for it`);
	}],
	['assessment', async (page, size) => {
		await Promise.all([page.waitForURL(/\/assessment$/), page.locator('[data-test="plan-note"] a[href="/assessment"]').click()]);
		ok(await page.locator('.assess .aq').count() === 15, `${size}: the questions of 'unhunch assess'`);
		await page.fill('#a-desk-hours', '9');
		for (const d of ['mon', 'tue', 'wed', 'thu', 'fri']) await page.locator(`input[name="work-days.${d}"]`).check();
		const radio = (name, value) => page.locator(`input[name="${name}"][value="${value}"]`).check();
		await radio('breaks', '4');
		await radio('slouch', '3');
		await radio('forward-head', '3');
		await radio('arms-overhead', '2');
		await radio('chest-tight', '3');
		await radio('chest-breathing', 'yes');
		await radio('breath-holding', 'yes');
		await page.selectOption('#a-stress', '7');
		await page.selectOption('#a-headache-days', '2');
		await page.locator('input[name="pain-where.neck"]').check();
		await page.locator('input[name="pain-where.between-shoulder-blades"]').check();
		await radio('since', '3');
	}],
	['plan', async (page, size) => {
		await Promise.all([page.waitForURL(/\/plan$/), page.getByRole('button', { name: 'Save and see my plan' }).click()]);
		ok(/From your assessment of/.test(await page.locator('main').textContent()), `${size}: the plan is made from the assessment`);
		const parts = page.locator('[data-test="part"]');
		ok(await parts.count() >= 2, `${size}: the plan has its parts`);
		for (const why of await page.locator('[data-test="part"] .why').allTextContents())
			ok(why.trim().length > 20, `${size}: a part of the plan without its reason`);
		ok(await page.getByRole('heading', { name: 'What your assessment found' }).count() === 1, `${size}: the plan says what the assessment found`);
	}],
	['checkin', async (page, size) => {
		await page.goto(base + 'checkin');
		seen.day = await page.inputValue('#date');
		const tap = async (figure, region, v) => {
			const shape = page.locator(`.figures svg:nth-of-type(${figure}) .region[data-region="${region}"]`);
			if (size === 'phone') await shape.tap(); else await shape.click();
			await page.locator('.picker').waitFor({ state: 'visible' });
			await page.locator('.picker .scale button', { hasText: new RegExp(`^${v}$`) }).click();
		};
		await tap(2, 'between-shoulder-blades', 6);
		await tap(2, 'neck', 4);
		await page.selectOption('#s-pain', '5');
		ok(await page.inputValue('#r-between-shoulder-blades') === '6', `${size}: the map's choice is in the form`);
	}],
	['checked-in', async (page, size) => {
		await Promise.all([page.waitForURL(base), page.click('form.checkin button[type=submit]')]);
		ok(await page.locator('[data-test="last-pain"]').textContent() === '5', `${size}: Today shows the check-in`);
	}],
	['history', async (page, size) => {
		await page.goto(base + 'history');
		const item = page.locator('[data-test="checkin"]');
		ok(await item.count() === 1, `${size}: History has the check-in`);
		const text = (await item.first().textContent()).replace(/\s+/g, ' ');
		ok(text.includes(seen.day) && text.includes('pain 5 of 10') && text.includes('Between the shoulder blades 6') && text.includes('Neck 4'),
			`${size}: History shows the day, the pain and the places (${text})`);
	}],
	['progress', async (page, size) => {
		await Promise.all([page.waitForURL(/\/progress$/), page.locator('header a[href="/progress"]').click()]);
		ok(await page.locator('[data-test="empty"]').count() === 0, `${size}: Progress says there is nothing to show after a check-in`);
		// the mean of the last 7 days is the one rating, for the days up to the check-in's
		const current = (await page.locator('[data-test="current"]').textContent()).trim();
		const change = (await page.locator('[data-test="change"]').textContent()).replace(/\s+/g, ' ');
		ok(/^5(\.0)?$/.test(current) && change.includes(`to ${seen.day}, n = 1 day`),
			`${size}: Progress shows the pain of the check-in as the mean now (${current}; ${change})`);
		// each chart: one dot, at the check-in's day (the last of the chart) and its value,
		// read against the chart's own grid (0 at the bottom line, 10 at the top)
		const dots = async (id) => page.evaluate((id) => {
			const svg = document.querySelector(`[data-test="chart-${id}"] svg`);
			if (!svg) return null;
			const grid = [...svg.querySelectorAll('line.grid')].map((l) => [Number(l.getAttribute('y1')), Number(l.getAttribute('x2'))]);
			const y0 = grid[0][0], y10 = grid[grid.length - 1][0], right = grid[0][1];
			return [...svg.querySelectorAll('circle.dot')].map((c) => ({
				value: Math.round((y0 - Number(c.getAttribute('cy'))) / (y0 - y10) * 100) / 10,
				last: Math.abs(Number(c.getAttribute('cx')) - right) < 0.5,
			}));
		}, id);
		for (const [id, value] of [['overall', 5], ['between-shoulder-blades', 6], ['neck', 4]]) {
			const got = await dots(id);
			ok(got && got.length === 1 && got[0].value === value && got[0].last,
				`${size}: the ${id} chart shows the check-in's ${value} on its day: ${JSON.stringify(got)}`);
		}
		ok(await page.locator('[data-test="chart-upper-back"]').count() === 0, `${size}: a place not rated has a chart`);
	}],
];

const browser = await launch();
for (const size of sizes) {
	const context = await newContext(browser, size.options);
	const page = await context.newPage();
	const foreign = [], errors = [];
	page.on('request', (r) => { if (new URL(r.url()).origin !== origin) foreign.push(r.url()); });
	page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
	page.on('pageerror', (e) => errors.push(String(e)));
	let n = 0;
	for (const [name, step] of steps) {
		const label = `${size.name} ${name}`;
		try {
			await step(page, size.name);
		} catch (e) {
			fail(`${label}: ${e.message.split('\n')[0]}`);
		}
		await page.screenshot({ path: path.join(outDir, `new-user-${size.name}-${String(++n).padStart(2, '0')}-${name}.png`), fullPage: true });
		await axe(page, label, fail);
		const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
		ok(!wide, `${label}: the page scrolls sideways`);
	}
	// a fresh store for the next size and the next scripts: Your data, the word typed;
	// the backup taken first goes back by the file form while the store is empty, and is
	// refused once it is not
	const backup = path.join(outDir, `new-user-${size.name}-backup.json`);
	fs.writeFileSync(backup, await (await page.request.get(base + 'api/v1/export?format=json')).body());
	const forget = async () => {
		await page.goto(base + 'data');
		await page.fill('#confirm', 'delete');
		await page.getByRole('button', { name: 'Delete everything' }).click();
		// the click returns once the answer's page is committed, not yet drawn: wait for what it says
		await page.locator('[data-test="done"]').waitFor().catch(() => {});
		ok(await page.locator('[data-test="done"]').count() === 1, `${size.name}: everything is deleted`);
		ok((await page.locator('[data-test="holds"]').textContent()).includes('holds nothing'), `${size.name}: the store is empty again`);
	};
	await forget();
	const restore = async () => {
		await page.setInputFiles('#backup-file', backup);
		await page.getByRole('button', { name: 'Restore', exact: true }).click();
	};
	await restore();
	const done = await page.locator('[data-test="done"]').textContent().catch(() => '');
	ok(/Restored: .*1 check-in.*1 assessment/.test(done), `${size.name}: the backup is restored by the file form (${done.trim()})`);
	await page.screenshot({ path: path.join(outDir, `new-user-${size.name}-${String(++n).padStart(2, '0')}-restored.png`), fullPage: true });
	await restore();
	ok(/already holds/.test(await page.locator('[data-test="problem"]').textContent().catch(() => '')), `${size.name}: a second restore is refused`);
	await page.screenshot({ path: path.join(outDir, `new-user-${size.name}-${String(++n).padStart(2, '0')}-restore-refused.png`), fullPage: true });
	await axe(page, `${size.name} restore refused`, fail);
	await forget();
	fs.rmSync(backup);
	ok(foreign.length === 0, `${size.name}: requests to another origin: ${foreign.join(', ')}`);
	ok(errors.length === 0, `${size.name}: console errors: ${errors.join(' | ')}`);
	await context.close();
}
await browser.close();
t.done('new user', outDir);
