// player-screen.js: what the guided session shows, large enough to read from the floor: the
// exercise, where in the routine it is, a big countdown (or the rep for a self-paced
// one), the words last spoken, the moving figure (player-figure.js), what comes next,
// and big buttons: pause or resume, skip, "it hurts" (then a 0-10 scale) and "I'm dizzy";
// after an exercise, how it felt; an easier version when the engine offers one. Keys do
// the same as in the terminal: space or p pause and resume, n, s or the right arrow
// skip, b or the left arrow back, enter done, h it hurts, d dizzy, 1 2 3 how it felt.
//
// Everything shown comes from the engine's screen (CuePlayer.view()); the buttons only
// send inputs (CuePlayer.input()). Text is set as text, never as markup.

const COUNT = /^\d{1,2}$/;

function el(tag, cls, text) {
	const e = document.createElement(tag);
	if (cls) e.className = cls;
	if (text !== undefined) e.textContent = text;
	return e;
}

function button(label, cls, onClick) {
	const b = el('button', `button ${cls || ''}`.trim(), label);
	b.type = 'button';
	b.addEventListener('click', onClick);
	return b;
}

const PHASE_WORDS = { up: 'Lift', hold: 'Hold', down: 'Lower', inhale: 'Breathe in', exhale: 'Breathe out' };
const KIND_WORDS = {
	ready: 'Get ready', rep: 'Your own pace', contract: 'Press', relax: 'Relax', switch: 'Change sides',
	rest: 'Rest', timed: 'Keep going',
};

export class PlayerScreen {
	// root: an empty element; send(name, score): an input to the session
	constructor(root, { send }) {
		this.send = send;
		this.hurting = false;
		root.classList.add('player');
		this.where = el('p', 'player-where');
		this.name = el('h2', 'player-name');
		this.stage = el('div', 'player-stage');
		this.figure = el('div', 'player-figure');
		this.figure.hidden = true;
		this.count = el('p', 'player-count');
		this.count.setAttribute('aria-hidden', 'true'); // the live region says the cues
		this.stage.append(this.figure, this.count);
		this.cue = el('p', 'player-cue');
		this.rep = el('p', 'player-rep');
		this.next = el('p', 'player-next');
		this.ask = el('div', 'player-ask');
		this.ask.hidden = true;
		this.controls = el('div', 'player-controls');
		this.toggle = button('Pause', 'player-toggle', () => send('toggle'));
		this.skip = button('Skip', 'player-skip', () => send('skip'));
		this.hurt = button('It hurts', 'player-hurt', () => this.askPain());
		this.dizzy = button('I\u2019m dizzy', 'player-dizzy', () => send('dizzy'));
		this.controls.append(this.toggle, this.skip, this.hurt, this.dizzy);
		this.live = el('p', 'visually-hidden');
		root.append(this.where, this.name, this.stage, this.cue, this.rep, this.next, this.ask, this.controls, this.live);
		this.askKey = null;
	}

	// Words the engine said (an effect handed out): shown, except the counts, which the
	// countdown shows.
	said(text) {
		if (!COUNT.test(text)) this.cue.textContent = text;
	}

	askPain() {
		this.hurting = true;
		this.askKey = null;
	}

	// The question under the countdown: how it felt, an easier version, a pain score.
	question(v) {
		const key = v.state === 'ask' ? 'feel' : v.state === 'offer' ? `offer ${v.offer}` : this.hurting ? 'pain' : '';
		if (key === this.askKey) return;
		this.askKey = key;
		this.ask.replaceChildren();
		this.ask.hidden = !key;
		if (key === 'feel') {
			this.ask.append(el('p', 'player-question', 'How did that feel?'));
			const row = el('div', 'player-choices');
			[['Easy', 1], ['About right', 2], ['Hard', 3]].forEach(([label, n]) =>
				row.append(button(label, '', () => this.send('feel', n))));
			this.ask.append(row, el('p', 'player-note', 'The plan adjusts your doses from this. No answer: it goes on.'));
		} else if (key.startsWith('offer')) {
			this.ask.append(el('p', 'player-question', v.offer));
			const row = el('div', 'player-choices');
			row.append(button('Try it', '', () => this.send('done')), button('Move on', '', () => this.send('skip')));
			this.ask.append(row);
		} else if (key === 'pain') {
			this.ask.append(el('p', 'player-question', 'How bad is the pain now, from 0 (none) to 10 (the worst)?'));
			const row = el('div', 'player-scale');
			for (let n = 0; n <= 10; n++)
				row.append(button(String(n), '', () => { this.hurting = false; this.send('hurt', n); }));
			row.append(button('Cancel', 'player-cancel', () => { this.hurting = false; this.askKey = null; }));
			this.ask.append(row);
		}
	}

	// Draw the screen v (CuePlayer.view()).
	update(v) {
		if (!v) return;
		const s = v.segment;
		this.where.textContent = v.state === 'done' ? '' :
			[`Exercise ${v.item + 1} of ${v.items}`, s && s.sets > 1 ? `set ${s.set} of ${s.sets}` : '', s && s.side ? s.side : '']
				.filter(Boolean).join(' \u00b7 ');
		this.name.textContent = v.state === 'done' ? 'Session over' : v.exercise ? v.exercise.name : '';
		if (v.state === 'done') {
			this.count.textContent = '';
			this.rep.textContent = '';
			this.next.textContent = '';
			this.figure.hidden = true;
			this.controls.hidden = true;
			this.ask.hidden = true;
			return;
		}
		const timed = s && s.dur_ms > 0;
		this.count.textContent = v.state === 'paused' ? 'Paused' : timed ? String(v.seconds_left) : s && s.kind === 'rep' ? String(s.rep) : '';
		this.count.classList.toggle('player-count-word', v.state === 'paused');
		this.rep.textContent = !s ? '' : s.reps ? `Rep ${s.rep || 1} of ${s.reps}` + (s.phase ? ` \u00b7 ${PHASE_WORDS[s.phase] || s.phase}` : '') :
			s.position ? s.position : KIND_WORDS[s.kind] || '';
		this.next.textContent = v.next ? `Next: ${v.next.name}` : 'Last exercise';
		this.toggle.textContent = v.state === 'paused' ? 'Resume' : 'Pause';
		this.toggle.setAttribute('aria-pressed', v.state === 'paused' ? 'true' : 'false');
		this.question(v);
	}

	// A key pressed on the page; true when it was the player's.
	key(e) {
		if (e.altKey || e.ctrlKey || e.metaKey || (e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))) return false;
		const k = e.key;
		if (k === ' ' && e.target && e.target.tagName === 'BUTTON') return false; // the button's own press
		const map = { ' ': 'toggle', p: 'toggle', n: 'skip', s: 'skip', ArrowRight: 'skip', b: 'back', ArrowLeft: 'back', Enter: 'done', d: 'dizzy', q: 'quit' };
		if (k === 'h') this.askPain();
		else if (/^[123]$/.test(k) && this.askKey === 'feel') this.send('feel', Number(k));
		else if (map[k] && !(k === 'Enter' && e.target && e.target.tagName === 'BUTTON')) this.send(map[k]);
		else return false;
		return true;
	}
}
