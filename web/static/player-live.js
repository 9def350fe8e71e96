// player-live.js: the cues for screen readers: a polite live region (role="status") that says each
// cue in words. The same words twice in a row ("Hold", "Hold") are announced both times: the
// region is emptied first and filled on the next frame.

export class LiveRegion {
	constructor(el, { raf = (f) => globalThis.requestAnimationFrame(f) } = {}) {
		this.el = el;
		this.raf = raf;
		el.setAttribute('role', 'status');
		el.setAttribute('aria-live', 'polite');
		el.setAttribute('aria-atomic', 'true');
	}

	say(text) {
		this.el.textContent = '';
		this.raf(() => { this.el.textContent = text; });
	}
}
