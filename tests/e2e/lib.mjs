// lib.mjs: what the browser tests share: Debian's Chromium launched headless through
// playwright-core, the two sizes every page is tried at, contexts whose waits give up
// after 10 s, a tally of failures, and axe-core run on a page (evaluated by the test, not
// injected into the page: the page's CSP stays on).
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';

export const sizes = [
	{ name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
	{ name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
];

// The browser, with extra command-line arguments (e.g. a host resolver rule).
export function launch(extra = []) {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--disable-default-apps', ...extra],
	});
}

export async function newContext(browser, options) {
	const c = await browser.newContext(options);
	c.setDefaultTimeout(10000);
	return c;
}

// fail(msg) counts and prints; ok(cond, msg) fails when cond is false; done(what, outDir)
// ends the script: exit status 1 when anything failed.
export function tally() {
	const t = {
		failures: 0,
		fail: (msg) => { t.failures++; console.error(`FAIL: ${msg}`); },
		ok: (cond, msg) => { if (!cond) t.fail(msg); },
		done: (what, outDir) => {
			if (t.failures) {
				console.error(`${t.failures} failure(s); screenshots in ${outDir}`);
				process.exit(1);
			}
			console.log(`${what} passed; screenshots in ${outDir}`);
		},
	};
	return t;
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// axe-core's violations of page; each serious or critical one is a failure.
export async function axe(page, label, fail) {
	await page.evaluate(axeSource);
	const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	for (const v of r.violations)
		if (v.impact === 'serious' || v.impact === 'critical')
			fail(`${label}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
	return r.violations;
}
