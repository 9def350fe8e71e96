// loop.mjs: the whole clinic loop in Debian's Chromium, as a trainer and a client use it:
// the trainer on a tablet (1024x768) logs in, invites a client on the web, prescribes a
// changed dose (Test lift of the fast test routine at 3 reps) with a note; the client on
// a phone (390x844, touch) opens the invitation's link, makes the account, logs in,
// answers the safety questions, sees the prescription and its note on Plan, does the
// routine in the web player (the prescribed reps shown; speech by a stand-in
// speechSynthesis: headless Chromium has none) and checks in with pain on the body map;
// the trainer's dashboard then shows the client after two clients seeded here through
// the API (a warning sign during exercise: first; a session stopped for pain of 8
// yesterday: next), and the trainer's page of the client shows the session. Every
// assertion is on what the pages show. Each step's screenshot at both sizes under OUT
// (loop-STEP-390x844.png, loop-STEP-1024x768.png).
//
// usage: node loop.mjs BASE_URL OUT_DIR PASSWORD (clients wren and sid exist, with no records;
// the fast test routines of tests/cli/content/fast.yaml are in the content)
import { launch, newContext, tally, axe } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir, password] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const t = tally();
const url = (p) => new URL(p, base).href;
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, ignoreHTTPSErrors: true };
const tablet = { viewport: { width: 1024, height: 768 }, ignoreHTTPSErrors: true };
const sizes = [phone.viewport, tablet.viewport];
const browser = await launch(['--autoplay-policy=no-user-gesture-required']);
const NOTE = 'Three slow reps now: you are ready for more.';

// The page at both sizes, then back to its own.
async function shot(page, name) {
	const own = page.viewportSize();
	for (const v of sizes) {
		await page.setViewportSize(v);
		await page.screenshot({ path: path.join(outDir, `loop-${name}-${v.width}x${v.height}.png`), fullPage: true });
	}
	await page.setViewportSize(own);
}

// Nothing on the page wider than the screen, and no pill of the navigation on two lines.
async function fits(page, label) {
	const r = await page.evaluate(() => ({
		wide: document.documentElement.scrollWidth - window.innerWidth,
		// the lines of a pill's words: their boxes' distinct tops
		tall: [...document.querySelectorAll('header nav a, header button')].filter((el) => {
			const r = document.createRange();
			r.selectNodeContents(el);
			return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1;
		}).map((el) => el.textContent.trim()),
	}));
	t.ok(r.wide <= 0, `${label}: the page scrolls sideways by ${r.wide} px`);
	t.ok(r.tall.length === 0, `${label}: on two lines in the navigation: ${r.tall.join(', ')}`);
}

async function logIn(page, login) {
	await page.goto(url('/login'));
	await page.fill('#login', login);
	await page.fill('#password', password);
	await Promise.all([page.waitForNavigation(), page.click('[data-test=login]')]);
	t.ok(new URL(page.url()).pathname !== '/login', `${login} could not log in`);
}

// A change through the API as the logged-in person (the session's CSRF token).
function post(page, p, body) {
	return page.evaluate(async ({ p, body }) => {
		const token = (await (await fetch('/api/v1/session')).json()).csrf_token;
		const r = await fetch(p, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
			body: body === undefined ? undefined : JSON.stringify(body) });
		return { status: r.status, text: await r.text() };
	}, { p, body });
}

const fieldByLabel = (page, text) => page.getByLabel(text, { exact: false });

try {
	// ---- the two other clients, seeded as themselves through the API ----
	const seed = await newContext(browser, phone);
	const sp = await seed.newPage();
	await logIn(sp, 'wren');
	const warned = await post(sp, '/api/v1/warnings', {});
	t.ok(warned.status === 201, `wren's warning sign: ${warned.status} ${warned.text}`);
	await seed.clearCookies();
	await logIn(sp, 'sid');
	const yesterday = Date.now() - 86400000;
	const backup = { format: 'unhunch-backup', version: 2, sessions: [{
		routine: 't-fast', started_ms: yesterday, ended_ms: yesterday + 60000, status: 'stopped', pain_before: 4,
		pain_after: null, pacing: 'default', exercises: [], sets: [],
		pain_reports: [{ item: 0, exercise: 't-lift', score: 8, action: 'stop', at_ms: yesterday + 30000 }] }],
		checkins: [], screenings: [], clearances: [], psfs: [], assessments: [], feedback: [], plan_changes: [], breaks: [],
		prescriptions: [] };
	const restored = await post(sp, '/api/v1/restore', { backup: JSON.stringify(backup) });
	t.ok(restored.status === 201, `sid's session stopped for pain: ${restored.status} ${restored.text}`);
	await seed.close();

	// ---- the trainer, on a tablet: invite ----
	const tc = await newContext(browser, tablet);
	const tp = await tc.newPage();
	await logIn(tp, 'tess');
	await tp.goto(url('/clinic'));
	await fits(tp, 'the dashboard at 1024x768');
	await tp.goto(url('/clinic/invite'));
	await fieldByLabel(tp, "The client's name").fill('Lena Loop');
	await Promise.all([tp.waitForNavigation(), tp.click('[data-test=invite]')]);
	const link = await tp.inputValue('[data-test=invite-link]');
	t.ok(/\/invite\/[A-Za-z0-9_-]+$/.test(link), `the page should show the invitation's link, not [${link}]`);
	const wide = await tp.evaluate(() => {
		const el = document.querySelector('[data-test=invite-link]');
		return el.getBoundingClientRect().width / el.closest('section').getBoundingClientRect().width;
	});
	t.ok(wide > 0.8, `the link's field should be as wide as its panel, not ${Math.round(wide * 100)} % of it`);
	await shot(tp, '1-invited');

	// ---- the client, on a phone: the invitation ----
	const cc = await newContext(browser, phone);
	await cc.addInitScript(() => {
		// speech without a voice of the system's: each utterance ends soon after it starts
		class Utterance { constructor(text) { this.text = text; } }
		const synth = Object.assign(new EventTarget(), {
			speaking: false, pending: false, paused: false,
			getVoices: () => [{ name: 'Test voice', lang: 'en-GB', localService: true, default: true }],
			speak(u) { synth.speaking = true; setTimeout(() => { synth.speaking = false; u.onend && u.onend(); }, 5); },
			cancel() { synth.speaking = false; }, pause() {}, resume() {},
		});
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		window.SpeechSynthesisUtterance = Utterance;
	});
	const cp = await cc.newPage();
	const problems = [];
	cp.on('pageerror', (e) => problems.push(e.message));
	await cp.goto(url(new URL(link).pathname));
	t.ok((await cp.textContent('main'))?.includes('Lena Loop, your trainer invites you'), 'the invitation should greet her by name');
	await shot(cp, '2-invitation');
	await fieldByLabel(cp, 'Login name').fill('lena');
	await cp.getByLabel('Password', { exact: true }).fill(password);
	await fieldByLabel(cp, 'The password again').fill(password);
	await Promise.all([cp.waitForNavigation(), cp.click('[data-test=accept]')]);
	t.ok((await cp.textContent('[data-test=made]'))?.includes('Your login name is lena'), 'the account should be made');
	await shot(cp, '3-account-made');

	// ---- the trainer prescribes a changed dose with a note ----
	await tp.goto(url('/clinic/invite'));
	const row = tp.locator('[data-test=client]', { hasText: 'Lena Loop' });
	await Promise.all([tp.waitForNavigation(), row.getByRole('link', { name: 'prescribe' }).click()]);
	t.ok((await tp.textContent('h1'))?.includes('Prescribe for Lena Loop'), 'the prescription page should name her');
	// the option by the start of its words (the form may add the current dose after them)
	const item = fieldByLabel(tp, 'The exercise to change');
	const value = await item.evaluate((sel) => [...sel.options].find((o) => o.textContent.trim().startsWith('Fast test routine: Test lift'))?.value);
	t.ok(value, 'the form should offer Test lift of the fast test routine');
	await item.selectOption(value);
	await fieldByLabel(tp, 'Reps per set').fill('3');
	await fieldByLabel(tp, 'A note for Lena Loop').fill(NOTE);
	await Promise.all([tp.waitForNavigation(), tp.click('[data-test=prescribe]')]);
	if (await tp.locator('[data-test=accept]').count()) // a warning outside the usual range: accepted
		await Promise.all([tp.waitForNavigation(), tp.click('[data-test=accept]')]);
	t.ok((await tp.textContent('[data-test=saved]'))?.includes('Fast test routine'), 'the prescription should be saved');
	t.ok((await tp.textContent('#rx-h'))?.includes('Prescriptions so far, newest first'), 'the list should be headed with its comma');
	t.ok((await tp.textContent('[data-test=rx]'))?.includes(NOTE), 'the list should show the note');
	await axe(tp, 'the prescription page', t.fail);
	await fits(tp, 'the prescription page at 1024x768');
	await shot(tp, '4-prescribed');

	// ---- the client logs in, answers the safety questions, sees the prescription ----
	await logIn(cp, 'lena');
	t.ok((await cp.textContent('header'))?.includes('Lena Loop'), 'the header should name her');
	await shot(cp, '5-today');
	await cp.goto(url('/screening'));
	const progress = cp.locator('[data-test="step-progress"]');
	if (await progress.count()) {
		const n = Number((await progress.textContent()).split(' of ')[1]);
		for (let i = 0; i < n - 1; i++) await cp.getByRole('button', { name: 'Next', exact: true }).click();
	}
	await Promise.all([cp.waitForURL(/\/screening#result$/), cp.getByRole('button', { name: 'Save my answers' }).click()]);
	await cp.goto(url('/plan'));
	const rx = await cp.textContent('[data-test=prescription]');
	t.ok(rx?.includes('3 reps') && rx.includes(`Your trainer's note: ${NOTE}`), `Plan should show the prescription and its note: [${rx}]`);
	await axe(cp, 'the client\'s plan', t.fail);
	await shot(cp, '6-plan');

	// ---- a session in the web player: the prescribed reps ----
	await cp.goto(url('/library/routines/t-fast/play'));
	await cp.waitForSelector('[data-player-go]:not([disabled])', { timeout: 30000 });
	await cp.fill('[data-player-pain]', '2');
	await cp.click('[data-player-go]');
	await cp.waitForFunction(() => /^Rep \d+ of \d+/.test(document.querySelector('.player-rep')?.textContent || ''), null, { timeout: 30000 }).catch(() => {});
	const playing = await cp.evaluate(() => ({ name: document.querySelector('.player-name')?.textContent, rep: document.querySelector('.player-rep')?.textContent }));
	t.ok(playing.name === 'Test lift' && /^Rep \d+ of 3\b/.test(playing.rep || ''), `the player should play 3 reps of Test lift: ${JSON.stringify(playing)}`);
	await shot(cp, '7-playing');
	await cp.waitForSelector('.player-after', { timeout: 45000 });
	t.ok(/how much does it hurt/.test(await cp.textContent('.player-after')), 'the end screen should ask the pain after');
	await cp.click('[data-after="1"]');
	await cp.waitForFunction(() => /^Saved on the server\./.test(document.querySelector('.player-saved')?.textContent || ''), null, { timeout: 20000 }).catch(() => {});
	t.ok(/^Saved on the server\./.test(await cp.textContent('.player-saved')), `the end screen should say saved: [${await cp.textContent('.player-saved')}]`);
	await shot(cp, '8-session-done');

	// ---- a check-in with pain on the body map ----
	await cp.goto(url('/checkin'));
	await cp.locator('.figures svg:nth-of-type(2) .region[data-region="between-shoulder-blades"]').tap();
	await cp.locator('.picker .scale button', { hasText: /^6$/ }).click();
	await cp.locator('.figures svg:nth-of-type(2) .region[data-region="neck"]').tap();
	await cp.locator('.picker .scale button', { hasText: /^4$/ }).click();
	await cp.selectOption('#s-pain', '5');
	await shot(cp, '9-checkin');
	await Promise.all([cp.waitForURL(url('/')), cp.click('form.checkin [type=submit]')]);
	t.ok((await cp.textContent('[data-test="last-pain"]')) === '5', 'Today should show the pain of the check-in');
	t.ok(problems.length === 0, `errors on the client's pages: ${problems.join(' | ')}`);

	// ---- the trainer's dashboard: the order ----
	await tp.goto(url('/clinic'));
	const cards = await tp.locator('[data-test=client]').evaluateAll((els) => els.map((el) => ({
		name: el.querySelector('h2').textContent, attention: el.dataset.attention,
		reason: el.querySelector('[data-test=reason]').textContent,
		sessions: el.querySelector('[data-test=adherence]')?.textContent || '' })));
	const at = (who) => cards.findIndex((c) => c.name.startsWith(who));
	const lena = cards[at('Lena Loop')], wren = cards[at('Client wren')], sid = cards[at('Client sid')];
	t.ok(wren && sid && lena && at('Client wren') < at('Client sid') && at('Client sid') < at('Lena Loop'),
		`the dashboard's order should be wren (warning sign), sid (stopped), Lena: ${cards.map((c) => c.name).join(' | ')}`);
	t.ok(wren?.reason.includes('A warning sign during exercise') && wren.reason.includes('Not cleared yet'), `wren's reason: ${wren?.reason}`);
	t.ok(sid?.reason.includes('stopped for pain of 8 or more'), `sid's reason: ${sid?.reason}`);
	t.ok(lena?.attention === 'none' && lena.reason === 'Nothing needs attention.', `Lena's reason: ${JSON.stringify(lena)}`);
	// the plan's sessions fall on weekdays: Lena joined today, and on a day with none due
	// (the suite also runs in Pacific/Chatham, a day ahead for half of the UTC day) she
	// has none due yet, but her session counts all the same
	t.ok(/^Sessions: 1 of \d+ due in the last 7 days|^No session due yet since they joined\. Sessions done in the last 30 days: 1\.$/
		.test(lena?.sessions || ''), `Lena's sessions: ${lena?.sessions}`);
	const card = tp.locator('[data-test=client]', { hasText: 'Lena Loop' });
	t.ok(await card.locator('[data-test=spark-overall]').count() === 1 && await card.locator('[data-test=spark-between-shoulder-blades]').count() === 1,
		"Lena's card should draw her pain, overall and between the shoulder blades");
	// a client who never did a session: not started yet, not "nothing needs attention"
	const cleo = cards[at('Client cleo')];
	t.ok(cleo?.attention === 'new' && /^Not started yet/.test(cleo.reason) && at('Client cleo') < at('Lena Loop'),
		`cleo (no session yet) should say so, before Lena: ${JSON.stringify(cleo)}`);
	t.ok(!cards.some((c) => / 0 of 0 due/.test(c.sessions)), `a card says "0 of 0 due": ${cards.map((c) => c.sessions).join(' | ')}`);
	await axe(tp, 'the dashboard', t.fail);
	await fits(tp, 'the dashboard at 1024x768');
	await shot(tp, '10-dashboard');

	// ---- the trainer's page of the client: the session, in the trainer's words ----
	await Promise.all([tp.waitForNavigation(), card.getByRole('link', { name: 'Lena Loop' }).click()]);
	const page = await tp.textContent('main');
	const sessions = await tp.textContent('[data-test=sessions]');
	t.ok(/Fast test routine: finished, 3 exercises done, 0 skipped; pain 2 before, 1 after/.test(sessions),
		`the client page should list the session: [${sessions}]`);
	const prescribed = await tp.textContent('[data-test=prescriptions]');
	t.ok(prescribed?.includes('Test lift: 3 reps, in Fast test routine (by you)') && prescribed.includes(NOTE),
		`the client page should list the prescription: [${prescribed}]`);
	t.ok(!/Start a session|To show your therapist|\("your" below|your first week|\}\}/.test(page), 'the trainer\'s page of a client should not speak to the client');
	t.ok(page.includes('mean pain in their first week'), 'the trainer\'s page of a client should say "their"');
	await axe(tp, "the trainer's page of a client", t.fail);
	await shot(tp, '11-client-page');
	await tc.close();
	await cc.close();
} catch (e) {
	t.fail(`loop: ${e.stack || e}`);
}
await browser.close();
t.done('the clinic loop in the browser', outDir);
