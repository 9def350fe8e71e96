// player-figure.js: the exercise's figure moving with the session. Each animation frame
// draws the figure of the segment on screen (CuePlayer.view(): the screen of the last
// effect handed out) at how far through that segment the clock is, so the figure lifts
// during "up", stays still during the hold, comes back during "down" and shows the side
// being spoken. The drawing is the engine's (session.figure(): format/figure-svg.c from
// the pose data), so the page holds no geometry of its own.
//
// With prefers-reduced-motion the figure does not move: it shows where each phase ends
// (the pose the cue names) and changes only when the phase changes.

const STEPS = 240; // a segment is drawn at most this many times (finer than the eye sees)

export class FigureView {
	// el: the element the SVG goes in; player: CuePlayer; clock: AudioClock
	constructor({ el, player, clock, height = 260, reducedMotion, raf, caf } = {}) {
		const mq = globalThis.matchMedia && globalThis.matchMedia('(prefers-reduced-motion: reduce)');
		Object.assign(this, {
			el, player, clock, height,
			reducedMotion: reducedMotion ?? Boolean(mq && mq.matches),
			raf: raf || ((f) => requestAnimationFrame(f)),
			caf: caf || ((id) => cancelAnimationFrame(id)),
		});
		this.key = null;  // what is drawn now
		this.frame = null;
		this.held = null; // paused: the moment drawn last, kept still
		this.drawn = 0;   // how many times the SVG was replaced
		this.svg = '';    // the SVG text drawn last
		if (mq && reducedMotion === undefined && mq.addEventListener)
			mq.addEventListener('change', (e) => { this.reducedMotion = e.matches; });
	}

	start() {
		const loop = () => {
			this.draw();
			this.frame = this.raf(loop);
		};
		if (this.frame === null) this.frame = this.raf(loop);
	}

	stop() {
		if (this.frame !== null) this.caf(this.frame);
		this.frame = null;
	}

	// How far through the segment v is at now: 0..1, still frames snapped to the end.
	progress(v, now) {
		const s = v.segment;
		if (this.reducedMotion || !s.dur_ms) return 1;
		if (v.state === 'paused') return this.held && this.held.item === v.item && this.held.start === s.start ? this.held.t : 1;
		const t = Math.min(1, Math.max(0, (now - s.start) / s.dur_ms));
		return Math.round(t * STEPS) / STEPS;
	}

	// Draw the figure for now; returns true when the picture changed.
	draw() {
		const v = this.player.view(), session = this.player.session;
		if (!v || !v.segment || !session || v.state === 'done') return false;
		const s = v.segment, t = this.progress(v, this.clock.now());
		if (v.state !== 'paused') this.held = { item: v.item, start: s.start, t };
		const key = [v.item, s.kind, s.phase, s.rep, s.side_no, s.position_no, s.start, t].join('|');
		if (key === this.key) return false;
		const svg = session.figure(v, t, this.height);
		this.key = key;
		this.svg = svg;
		this.el.hidden = !svg;
		this.el.innerHTML = svg;
		this.el.dataset.phase = s.phase || s.kind;
		this.el.dataset.t = String(t);
		this.drawn++;
		return true;
	}
}
