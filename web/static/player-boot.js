// player-boot.js: starts the guided session page (templates/play.html) against this server:
// the routine's content from the API, the pass from the server's gate (POST
// /api/v1/session/pass, with the pain score asked before the session, as the terminal's
// start asks it), a warning sign to the server at once (POST /api/v1/warnings), the
// outbox's records to the server (POST /api/v1/session/steps, player-upload.js). The
// page is window.unhunchPlayer, to look at from the browser's console and the tests.
import { api } from './api.js';
import { PlayerPage, fetchContent } from './player-page.js';
import { sendStep } from './player-upload.js';

const start = document.querySelector('[data-player-start]');
const routine = start.dataset.routine;

async function getJson(path) {
	const r = await api(path);
	if (!r.ok) throw new Error(r.data?.error?.message || `${path}: ${r.status}`);
	return r.data;
}

// The pain score before the session, when given: the gate's pain rule needs it.
function painNow() {
	const el = document.querySelector('[data-player-pain]');
	const v = el ? el.value.trim() : '';
	return /^(10|[0-9])$/.test(v) ? Number(v) : null;
}

async function pass(id, resume) {
	const body = { routine: id, resume: !!resume };
	const pain = painNow();
	if (pain !== null) body.pain = pain;
	const r = await api('/api/v1/session/pass', { method: 'POST', body });
	if (!r.ok || !r.data) return { allowed: false, message: r.data?.error?.message || 'The safety check did not answer. Try again in a moment.' };
	return { allowed: !!r.data.allowed, token: r.data.token, message: r.data.message || r.data.reason };
}

const page = new PlayerPage({
	engineUrl: start.dataset.engine, routineId: routine,
	content: (id) => fetchContent(id, getJson), pass,
	send: (rec) => sendStep(rec),
	warn: async () => (await api('/api/v1/warnings', { method: 'POST', body: {} })).status === 201,
});
window.unhunchPlayer = page;
page.prepare().catch((err) => page.say(`The session could not be prepared: ${err.message}`));
