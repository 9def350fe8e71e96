// player-boot.js: starts the guided session page (templates/play.html) against this server:
// the routine's content from the API, the pass from the server's gate, the outbox's
// records to the server. The gate's route and the upload are not on the server yet
// (docs/player.md, "Still to come"): until they are, Start says so and where the
// session runs now, and the records wait in the outbox.
import { api } from './api.js';
import { PlayerPage, fetchContent } from './player-page.js';

const start = document.querySelector('[data-player-start]');
const routine = start.dataset.routine;

async function getJson(path) {
	const r = await api(path);
	if (!r.ok) throw new Error(r.data?.error?.message || `${path}: ${r.status}`);
	return r.data;
}

async function pass(id, resume) {
	const r = await api('/api/v1/session/pass', { method: 'POST', body: { routine: id, resume: !!resume } });
	if (r.status === 404 || r.status === 405)
		return { allowed: false, message: `This server cannot start a guided session in the browser yet: its safety check for the web player is still to come. In a terminal: unhunch start ${id}` };
	if (!r.ok || !r.data) return { allowed: false, message: r.data?.error?.message || 'The safety check did not answer. Try again in a moment.' };
	return { allowed: !!r.data.allowed, token: r.data.token, message: r.data.reason };
}

const page = new PlayerPage({
	engineUrl: start.dataset.engine, routineId: routine,
	content: (id) => fetchContent(id, getJson), pass,
	send: async () => false,
});
page.prepare().catch((err) => page.say(`The session could not be prepared: ${err.message}`));
