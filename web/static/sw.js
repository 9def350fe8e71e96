// sw.js: the web player's service worker (served at /sw.js, scope the whole site;
// docs/api.md "GET /sw.js", docs/player.md). It keeps what a guided session needs so a
// session can start and finish with the server out of reach: the static files (the
// player's modules, engine.wasm, the style sheet), the session page, the routine and its
// exercises from the API, and the speech clips. It never answers a POST: the pass and the
// steps go to the server as they are, and what fails waits in the page's outbox.
//
// Registered as /sw.js?v=HASH (the static files' hash): a new build is a new worker, and
// the caches of the old one are deleted when the new one takes over.

const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const CACHE = `unhunch-${VERSION}`;

// What is kept, and how: 'cache' answers from the cache first (the address changes with
// the content: a static file under its hash, a clip by its words); 'network' asks the
// server first and falls back to the cache when it cannot be reached.
function strategy(url) {
	if (url.origin !== self.location.origin) return null;
	const p = url.pathname;
	if (p.startsWith(`/static/${VERSION}/`) || p === '/api/v1/speech') return 'cache';
	if (/^\/library\/routines\/[^/]+\/play$/.test(p) || /^\/api\/v1\/(routines|exercises)\/[^/]+$/.test(p)) return 'network';
	return null;
}

async function fromCache(request) {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(request);
	if (hit) return hit;
	const res = await fetch(request);
	if (res.ok) await cache.put(request, res.clone());
	return res;
}

async function fromNetwork(request) {
	const cache = await caches.open(CACHE);
	try {
		const res = await fetch(request);
		if (res.ok) await cache.put(request, res.clone());
		return res;
	} catch (err) {
		// the server cannot be reached: what was kept (a page ignores its query string)
		const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
		if (hit) return hit;
		throw err;
	}
}

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
	event.waitUntil((async () => {
		for (const name of await caches.keys())
			if (name.startsWith('unhunch-') && name !== CACHE) await caches.delete(name);
		await self.clients.claim();
	})());
});

self.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const how = strategy(new URL(request.url));
	if (how) event.respondWith(how === 'cache' ? fromCache(request) : fromNetwork(request));
});

// {keep: [urls]} from the page: what it loaded before this worker controlled it (the page
// itself, its modules, the content), fetched again into the cache; answers {kept: n}.
self.addEventListener('message', (event) => {
	const urls = event.data && Array.isArray(event.data.keep) ? event.data.keep : [];
	event.waitUntil((async () => {
		const cache = await caches.open(CACHE);
		let n = 0;
		for (const u of urls) {
			const url = new URL(u, self.location.origin);
			if (!strategy(url)) continue;
			try {
				const res = await fetch(url, { credentials: 'same-origin' });
				if (res.ok) { await cache.put(url, res); n++; }
			} catch { /* out of reach now: kept the next time */ }
		}
		if (event.source) event.source.postMessage({ kept: n, asked: urls.length });
	})());
});
