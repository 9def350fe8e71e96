// player-end.js: the screen after a session: what was done (sets, exercises done, skipped
// and stopped), how it felt (the answers to "how did it feel"), and whether it is saved on
// the server or still waiting on this device to be sent. Built from the session's effects
// as the engine handed them out (those of this page: after a reload, from the resumed set).

const FEEL = { 1: 'easy', 2: 'about right', 3: 'hard', 4: 'it hurt' };
const ENDED = { 1: 'Session finished', 2: 'Session stopped before the end', 3: 'Session stopped for your safety' };

export function summarize(effects) {
	const s = { sets: 0, done: 0, skipped: 0, stopped: 0, feel: {}, status: 0 };
	for (const fx of effects) {
		if (fx.fx === 'set') s.sets++;
		else if (fx.fx === 'exercise_end') s[['done', 'skipped', 'stopped'][fx.status] || 'done']++;
		else if (fx.fx === 'feel' && FEEL[fx.status]) s.feel[FEEL[fx.status]] = (s.feel[FEEL[fx.status]] || 0) + 1;
		else if (fx.fx === 'end') s.status = fx.status;
	}
	return s;
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export class EndScreen {
	constructor(doc, after, summary) {
		this.el = doc.createElement('section');
		this.el.className = 'player-end panel';
		this.el.setAttribute('aria-label', 'After the session');
		const h = doc.createElement('h1'); // the start panel's heading is hidden by now
		h.textContent = ENDED[summary.status] || 'Session over';
		const done = doc.createElement('p');
		const ex = [`${plural(summary.done, 'exercise')} done`];
		if (summary.skipped) ex.push(`${summary.skipped} skipped`);
		if (summary.stopped) ex.push(`${summary.stopped} stopped for pain or a warning sign`);
		done.textContent = `${plural(summary.sets, 'set')}, ${ex.join(', ')}.`;
		const felt = doc.createElement('p');
		const words = Object.entries(summary.feel).map(([k, n]) => `${k} ${n === 1 ? 'once' : `${n} times`}`);
		felt.textContent = words.length ? `How it felt: ${words.join(', ')}.` : 'How it felt: not answered.';
		this.saved = doc.createElement('p');
		this.saved.className = 'player-saved';
		this.saved.setAttribute('role', 'status');
		const back = doc.createElement('a');
		back.className = 'button';
		back.href = '/';
		back.textContent = 'Back to Today';
		this.el.append(h, done, felt, this.saved, back);
		after.after(this.el);
		this.update(null);
	}

	// left: records still in the outbox (null: not known yet); refused: steps the server will never take
	update(left, refused = 0) {
		let t;
		if (left === null) t = 'Saving…';
		else if (left === 0) t = 'Saved on the server.';
		else t = `${plural(left, 'step')} waiting to be sent. They are kept on this device and sent when the server can be reached while this page is open, or the next time you open a session page.`;
		if (refused) t += ` ${plural(refused, 'step')} could not be saved: the server refused ${refused === 1 ? 'it' : 'them'} (the session pass was too old or not this server's).`;
		this.saved.textContent = t;
		this.el.dataset.left = left === null ? '' : String(left);
	}
}
