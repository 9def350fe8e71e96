// account.mjs: the client in charge of their data in clinic mode, in Debian's Chromium
// at 390x844 (touch): the name beside Log out leads to Your account, which passes axe;
// End access does nothing until its box is ticked, then the trainer is gone from the
// page; Delete my account does nothing without the word, then deletes the account,
// shows a page without navigation, and the session is gone (the API answers 401, the
// pages go to the login). Screenshots under OUT (account-*.png).
//
// usage: node account.mjs BASE_URL OUT_DIR LOGIN PASSWORD
import { launch, newContext, tally, axe } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [base, outDir, login, password] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const t = tally();
// (the proxy's certificate is made for the run: not one the browser knows)
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, ignoreHTTPSErrors: true };
const browser = await launch();
const shot = (page, name) => page.screenshot({ path: path.join(outDir, `account-${name}.png`), fullPage: true });

try {
	const ctx = await newContext(browser, phone);
	const page = await ctx.newPage();
	await page.goto(new URL('/login', base).href);
	await page.fill('#login', login);
	await page.fill('#password', password);
	await Promise.all([page.waitForNavigation(), page.click('[data-test=login]')]);
	await Promise.all([page.waitForNavigation(), page.click('[data-test=account]')]);
	t.ok(new URL(page.url()).pathname === '/account', `the name should lead to /account, not ${page.url()}`);
	t.ok((await page.locator('[data-test=trainer]').count()) === 1, 'the page should list the one trainer');
	await axe(page, 'account page', t.fail);
	await shot(page, 'page');
	// End access: the box first (the browser holds the form back until it is ticked)
	await page.click('[data-test=end-access]');
	t.ok(new URL(page.url()).pathname === '/account', 'without the box ticked the page should stay');
	t.ok((await page.locator('[data-test=trainer]').count()) === 1, 'without the box ticked the trainer should stay');
	await page.check('[data-test=trainer] input[name=sure]');
	await Promise.all([page.waitForNavigation(), page.click('[data-test=end-access]')]);
	t.ok((await page.textContent('[data-test=done]'))?.includes("Tess Trainer's access has ended"), 'End access should say so');
	t.ok((await page.locator('[data-test=trainer]').count()) === 0, 'the trainer should be gone from the page');
	t.ok((await page.locator('[data-test=no-trainers]').count()) === 1, 'the page should say only you see them');
	await axe(page, 'account page after End access', t.fail);
	await shot(page, 'ended');
	// Delete my account: the word first
	await page.fill('#confirm', 'yes');
	await Promise.all([page.waitForNavigation(), page.click('[data-test=delete-account]')]);
	t.ok((await page.textContent('[data-test=problem]'))?.includes('did not type the word delete'),
		'another word should say nothing was deleted');
	t.ok((await page.getAttribute('#confirm', 'aria-invalid')) === 'true', 'the field should be marked');
	await page.fill('#confirm', 'delete');
	await Promise.all([page.waitForNavigation(), page.click('[data-test=delete-account]')]);
	t.ok((await page.textContent('h1'))?.includes('Your account is deleted'), 'the page should say it is deleted');
	t.ok((await page.locator('nav li').count()) === 0, 'no one is logged in: no navigation');
	await axe(page, 'account deleted page', t.fail);
	await shot(page, 'deleted');
	const gone = await page.evaluate(async () => (await fetch('/api/v1/checkins')).status);
	t.ok(gone === 401, `after deleting, the API should answer 401, not ${gone}`);
	await page.goto(new URL('/', base).href);
	t.ok(new URL(page.url()).pathname === '/login', 'after deleting, Today should go to the login');
} catch (e) {
	t.fail(`account: ${e.stack || e}`);
}
await browser.close();
t.done('your account in the browser', outDir);
