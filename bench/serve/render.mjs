// render.mjs: time to first paint of each page in Debian's Chromium with the CPU slowed
// down 4 times (DevTools' CPU throttling), the median of 5 fresh loads each.
// usage: node render.mjs BASE_URL
import { chromium } from 'playwright-core';

const base = process.argv[2].replace(/\/$/, '');
const pages = ['/', '/checkin', '/progress', '/plan', '/screening', '/library', '/library/exercises/glute-bridge'];
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync'],
});
console.log('first contentful paint, CPU slowed 4x (median of 5 loads, ms)');
for (const path of pages) {
	const times = [];
	for (let i = 0; i < 5; i++) {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await page.goto(base + path, { waitUntil: 'load' });
		const fcp = await page.evaluate(() => new Promise((resolve) => {
			const seen = performance.getEntriesByName('first-contentful-paint')[0];
			if (seen) return resolve(seen.startTime);
			new PerformanceObserver((l) => resolve(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
		}));
		times.push(fcp);
		await context.close();
	}
	times.sort((a, b) => a - b);
	console.log(`  ${path.padEnd(42)} ${times[2].toFixed(0).padStart(6)}`);
}
await browser.close();
