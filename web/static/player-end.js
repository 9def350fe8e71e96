// player-end.js: the screen after a session: what was done (sets, exercises done, skipped
// and stopped), how it felt (the answers to "how did it feel"), and whether it is saved on
// the server or still waiting on this device to be sent, and the steps the server refused
// for good (kept aside on this device, with its reason). After a finished session it asks
// the pain now, 0 to 10 or skip, as the terminal does (answer(score) gets it, -1 for
// skip), and gives the pain-after advice when the server's answer says it rose too much.
// Built from the session's effects as the engine handed them out (those of this page:
// after a reload, from the resumed set).

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
	constructor(doc, after, summary, { answer = null } = {}) {
		this.doc = doc;
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
		this.aside = doc.createElement('p');
		this.aside.className = 'player-aside';
		this.aside.hidden = true;
		this.advice = doc.createElement('p');
		this.advice.className = 'player-advice';
		this.advice.setAttribute('role', 'alert');
		this.advice.hidden = true;
		this.el.append(h, done, felt);
		if (answer) this.el.append(this.painAfter(answer));
		this.el.append(this.saved, this.aside, this.advice, back);
		after.after(this.el);
		this.update(null);
	}

	// The question after a finished session: the pain now, 0 to 10, or skip.
	painAfter(answer) {
		const doc = this.doc;
		const box = doc.createElement('div');
		box.className = 'player-ask player-after';
		const q = doc.createElement('p');
		q.className = 'player-question';
		q.id = 'player-after-q';
		q.textContent = 'And now, after the session: how much does it hurt, 0 to 10?';
		const scale = doc.createElement('div');
		scale.className = 'player-scale';
		scale.setAttribute('role', 'group');
		scale.setAttribute('aria-labelledby', q.id);
		this.asking = true;
		const pick = (score) => {
			this.asking = false;
			box.replaceChildren(q);
			q.textContent = score < 0 ? 'Pain after the session: not given.' : `Pain after the session: ${score}.`;
			answer(score);
		};
		for (let n = 0; n <= 10; n++) {
			const b = doc.createElement('button');
			b.type = 'button';
			b.textContent = String(n);
			b.dataset.after = String(n);
			b.addEventListener('click', () => pick(n), { once: true });
			scale.append(b);
		}
		const skip = doc.createElement('button');
		skip.type = 'button';
		skip.className = 'secondary';
		skip.textContent = 'Skip';
		skip.dataset.after = 'skip';
		skip.addEventListener('click', () => pick(-1), { once: true });
		scale.append(skip);
		box.append(q, scale);
		return box;
	}

	// The server's answer to the end: the pain after rose too much (its rule acted there).
	afterBad() {
		this.advice.hidden = false;
		this.advice.replaceChildren('Your pain after the session is 6 or more, or 2 or more points above where you '
			+ 'started: the next doses are lower. Please check in tomorrow morning (', Object.assign(this.doc.createElement('a'),
			{ href: '/checkin', textContent: 'Check-in' }), ') so the plan can see how it settled. If it stays high, see a '
			+ 'physiotherapist or a doctor.');
	}

	// aside: the steps the server refused for good, [{fx, why}], kept on this device
	showAside(aside) {
		this.aside.hidden = !aside.length;
		if (!aside.length) return;
		const why = [...new Set(aside.map((r) => r.why))].join(' ');
		this.aside.textContent = `${plural(aside.length, 'step')} could not be saved: the server refused `
			+ `${aside.length === 1 ? 'it' : 'them'} (${why}). ${aside.length === 1 ? 'It is' : 'They are'} kept on this `
			+ 'device, not sent again.';
	}

	// left: records still in the outbox (null: not known yet)
	update(left) {
		let t;
		if (left === null) t = 'Saving…';
		else if (left === 0 && this.asking) t = 'Saved on the server, but for your answer above.';
		else if (left === 0) t = 'Saved on the server.';
		else t = `${plural(left, 'step')} waiting to be sent. They are kept on this device and sent when the server can be reached while this page is open, or the next time you open a session page.`;
		this.saved.textContent = t;
		this.el.dataset.left = left === null ? '' : String(left);
	}
}
