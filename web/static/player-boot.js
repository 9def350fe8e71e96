// player-boot.js: starts the guided session page (templates/play.html) against this server:
// the routine's content from the API, the pass from the server's gate (POST
// /api/v1/session/pass, with the pain score asked before the session, as the terminal's
// start asks it), a warning sign to the server at once (POST /api/v1/warnings), the
// outbox's records to the server (POST /api/v1/session/steps, player-upload.js), and the
// service worker (/sw.js) that keeps the page, its modules, the engine, the content and
// the clips for a session with the server out of reach. The page is
// window.unhunchPlayer, to look at from the browser's console and the tests.
import { api } from './api.js';
import { PlayerPage, fetchContent } from './player-page.js';
import { sendStep, stepBody } from './player-upload.js';
import { plannedTexts } from './player-cues.js';
import { speechUrl } from './player-clips.js';
import { PassKeeper } from './player-pass.js';

// The service worker, registered under the static files' hash (a new build, a new worker).
const staticBase = document.querySelector('[data-player-start]').dataset.engine.replace(/\/engine\.wasm$/, '');
const worker = 'serviceWorker' in navigator
	? navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(staticBase.split('/').pop())}`, { scope: '/' })
		.then(() => navigator.serviceWorker.ready).catch(() => null)
	: Promise.resolve(null);

// What this page loaded before the worker controlled it (the page, its modules, the
// engine, the content), for the worker to keep; it keeps only what a session needs.
async function keepForOffline() {
	const reg = await worker;
	if (!reg || !reg.active) return null;
	const urls = [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)]
		.filter((u) => new URL(u).origin === location.origin);
	return new Promise((resolve) => {
		navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data), { once: true });
		navigator.serviceWorker.startMessages();
		reg.active.postMessage({ keep: urls });
	});
}

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

// The gate's answer, with the session to run (the plan's doses, docs/api.md); {unreachable:
// true, pain} when the request could not be sent (an answer of the server, even an error,
// is never taken for out of reach); {allowed: false, running} while a session runs on the
// computer.
async function ask(body) {
	let r;
	try {
		r = await api('/api/v1/session/pass', { method: 'POST', body });
	} catch {
		return { unreachable: true, pain: body.pain ?? null };
	}
	if (r.status === 409 && r.data?.running) return { allowed: false, running: r.data.running, message: r.data.error?.message };
	if (!r.ok || !r.data) return { allowed: false, message: r.data?.error?.message || 'The safety check did not answer. Try again in a moment.' };
	return { allowed: !!r.data.allowed, token: r.data.token, message: r.data.message || r.data.reason,
		session: r.data.session || null, note: r.data.session_note || null };
}

async function pass(id, resume, { endRunning = false } = {}) {
	const body = { routine: id, resume: !!resume };
	const pain = painNow();
	if (pain !== null) body.pain = pain;
	if (endRunning) body.end_running = true;
	return ask(body);
}

// A warning sign with its step's record (stored once with the session); when the server
// takes the warning but not the step (not a pass it takes), the warning alone.
async function warn(rec) {
	if (rec) {
		const r = await api('/api/v1/warnings', { method: 'POST', body: stepBody(rec), headers: { 'Idempotency-Key': rec.key } });
		if (r.status === 201) return true;
		if (r.status >= 500 || r.status === 0) return false;
	}
	return (await api('/api/v1/warnings', { method: 'POST', body: {} })).status === 201;
}

const page = new PlayerPage({
	engineUrl: start.dataset.engine, routineId: routine,
	content: (id, more) => fetchContent(id, getJson, more), pass,
	passAhead: (id) => ask({ routine: id }),
	send: (rec, answered) => sendStep(rec, { answered }),
	warn,
});
// Without a voice the cues are the server's clips: those of the session as planned are
// asked for now, one at a time, so the worker keeps them for a session without the server.
async function keepClips() {
	const synth = globalThis.speechSynthesis;
	for (let i = 0; i < 3 && synth && !synth.getVoices().length; i++) await new Promise((r) => setTimeout(r, 500));
	const keeper = new PassKeeper(), token = keeper.all()[routine];
	if ((synth && synth.getVoices().length) || !token || !(await worker)) return 0;
	let n = 0;
	for (const text of plannedTexts(() => page.engine.session(page.c, routine, page.sessionOptions(keeper.session(routine))), token)) {
		try {
			if ((await fetch(speechUrl(text))).ok) n++;
		} catch {
			break; // out of reach: kept the next time
		}
	}
	return n;
}

window.unhunchPlayer = page;
window.unhunchOffline = page.prepare().then(keepForOffline)
	.catch((err) => page.say(`The session could not be prepared: ${err.message}`));
window.unhunchClips = window.unhunchOffline.then(keepClips).catch(() => 0);
