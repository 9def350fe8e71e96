// clinic.mjs: clinic mode's login in Debian's Chromium at 390x844 (touch): a page asked
// for anonymously goes to the login; a wrong password is refused and says so; the right
// one lands on Today with the person's name; the session cookie is __Host-, HttpOnly,
// Secure and SameSite=Strict, and page scripts cannot read it; a check-in through the
// form saves (the session's CSRF token); another client logged in beside does not see
// it; her trainer's page of her on a tablet (1024x768), 404 for the other client, and
// her audit log naming the trainer; Log out ends the session. Screenshots under OUT
// (clinic-*.png).
//
// usage: node clinic.mjs BASE_URL OUT_DIR PASSWORD
import { launch, newContext, tally, axe } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir, password] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const t = tally();
// (the proxy's certificate is made for the run: not one the browser knows)
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, ignoreHTTPSErrors: true };
const browser = await launch();
const shot = (page, name) => page.screenshot({ path: path.join(outDir, `clinic-${name}.png`), fullPage: true });

async function logIn(page, login, pw) {
	await page.fill('#login', login);
	await page.fill('#password', pw);
	await Promise.all([page.waitForNavigation(), page.click('[data-test=login]')]);
}

try {
	const ctx = await newContext(browser, phone);
	const page = await ctx.newPage();
	await page.goto(new URL('/progress', base).href);
	t.ok(new URL(page.url()).pathname === '/login', `anonymous /progress should go to /login, went to ${page.url()}`);
	await axe(page, 'login page', t.fail);
	await logIn(page, 'cleo', 'not the password');
	t.ok((await page.textContent('[data-test=problem]'))?.includes('do not match an account'),
		'a wrong password should say the name and password do not match');
	await shot(page, 'refused');
	await logIn(page, 'Cleo', password);
	t.ok(new URL(page.url()).pathname === '/', `logged in, the page should be Today, not ${page.url()}`);
	t.ok((await page.textContent('header'))?.includes('Client cleo'), 'the header should name who is logged in');
	await shot(page, 'today');
	const cookies = await ctx.cookies();
	const c = cookies.find((k) => k.name === '__Host-unhunch');
	t.ok(c, `the session cookie should be kept by the browser (cookies: ${cookies.map((k) => k.name)})`);
	t.ok(c?.httpOnly && c?.secure && c?.sameSite === 'Strict' && c?.path === '/',
		`the cookie's flags: ${JSON.stringify(c)}`);
	t.ok(!(await page.evaluate(() => document.cookie)).includes('unhunch'), 'page scripts should not see the cookie');
	// a check-in through the plain form: the session's token goes with it
	await page.goto(new URL('/checkin', base).href);
	await page.fill('#note', 'cleo-only-note');
	await Promise.all([page.waitForNavigation(), page.click('form.checkin [type=submit]')]);
	t.ok(new URL(page.url()).pathname === '/', `the check-in should go on to Today, went to ${page.url()}`);
	const mine = await page.evaluate(async () => (await fetch('/api/v1/checkins')).text());
	t.ok(mine.includes('cleo-only-note'), 'the check-in should be saved');
	// another client, beside, sees none of it
	const other = await newContext(browser, phone);
	const page2 = await other.newPage();
	await page2.goto(new URL('/login', base).href);
	await logIn(page2, 'cai', password);
	const theirs = await page2.evaluate(async () => (await fetch('/api/v1/checkins')).text());
	t.ok(!theirs.includes('cleo-only-note'), 'another client should not see the check-in');
	// her trainer's page of her on a tablet (1024x768): her name and pain chart; another
	// client asking for it gets an address with nothing there; she sees who looked
	const cleoId = (await page.evaluate(async () => (await fetch('/api/v1/session')).json())).account.id;
	const tablet = await newContext(browser, { viewport: { width: 1024, height: 768 }, ignoreHTTPSErrors: true });
	const tp = await tablet.newPage();
	await tp.goto(new URL('/login', base).href);
	await logIn(tp, 'tess', password);
	const res = await tp.goto(new URL(`/clients/${cleoId}`, base).href);
	t.ok(res.status() === 200, `her trainer's page of her: ${res.status()}, not 200`);
	t.ok((await tp.textContent('[data-test=client-name]'))?.includes('Client cleo'), 'the page should name her');
	t.ok(await tp.locator('[data-test=chart-overall]').count() === 1, 'the page should draw her pain chart');
	await axe(tp, "a trainer's page of a client", t.fail);
	await shot(tp, 'client-page');
	const nope = await page2.goto(new URL(`/clients/${cleoId}`, base).href);
	t.ok(nope.status() === 404, `another client asking for her page: ${nope.status()}, not 404`);
	await page.goto(new URL('/data/audit', base).href);
	t.ok((await page.textContent('[data-test=audit]'))?.includes('Tess Trainer'), 'she should see that her trainer looked');
	await axe(page, 'the audit log', t.fail);
	await shot(page, 'audit');
	await tablet.close();
	// log out: the session ends
	await Promise.all([page.waitForNavigation(), page.click('[data-test=logout]')]);
	t.ok(new URL(page.url()).pathname === '/login', `logged out, the page should be the login, not ${page.url()}`);
	await page.goto(new URL('/', base).href);
	t.ok(new URL(page.url()).pathname === '/login', 'after logging out, Today should go to the login');
	await shot(page, 'logged-out');
	const gone = await page.evaluate(async () => (await fetch('/api/v1/checkins')).status);
	t.ok(gone === 401, `after logging out the API should answer 401, not ${gone}`);
} catch (e) {
	t.fail(`clinic: ${e.stack || e}`);
}
await browser.close();
t.done('clinic mode in the browser', outDir);
