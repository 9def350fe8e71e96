// api.js: calls to the server's JSON API from the pages. A change carries the page's
// CSRF token (from <meta name="csrf-token">); when the server was restarted since the
// page loaded, the token is fetched again once and the call repeated. Errors come back
// in the server's one shape: {error: {code, field, message}}.

let token = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

async function refreshToken() {
	const r = await fetch('/api/v1/session', { credentials: 'same-origin' });
	if (r.ok) token = (await r.json()).csrf_token;
}

// api(path, {method, body, headers}) -> {ok, status, data}; data is the parsed JSON answer.
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
	const send = () => fetch(path, {
		method,
		credentials: 'same-origin',
		headers: body === undefined ? { ...headers, 'X-CSRF-Token': token }
			: { ...headers, 'Content-Type': 'application/json', 'X-CSRF-Token': token },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	let r = await send();
	let data = await r.json().catch(() => null);
	if (r.status === 403 && data?.error?.code === 'bad_csrf') {
		await refreshToken();
		r = await send();
		data = await r.json().catch(() => null);
	}
	return { ok: r.ok, status: r.status, data };
}
