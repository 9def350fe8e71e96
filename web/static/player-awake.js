// player-awake.js: keeps the screen on while a session runs (the Screen Wake Lock API). The
// browser lets the lock go whenever the page is hidden, so it is taken again each time the
// page becomes visible. Where there is no Wake Lock (or the browser refuses it, as iOS
// does in Home Screen apps), note() is called once with words to show.

export const NO_WAKE_LOCK =
	'This browser cannot keep the screen on by itself. The cues still sound with the screen off; ' +
	'to see the countdown, set the screen to stay on for longer.';

export class Awake {
	constructor({ nav = globalThis.navigator, doc = globalThis.document, note = () => {} } = {}) {
		Object.assign(this, { nav, doc, note });
		this.lock = null;
		this.wanted = false;
		this.noted = false;
		this.onVisible = () => { if (this.wanted && this.doc.visibilityState === 'visible') this.take(); };
	}

	async hold() {
		this.wanted = true;
		this.doc.addEventListener('visibilitychange', this.onVisible);
		await this.take();
	}

	async take() {
		if (!this.nav.wakeLock) return this.tell();
		if (this.lock && !this.lock.released) return;
		try {
			this.lock = await this.nav.wakeLock.request('screen');
		} catch {
			this.lock = null;
			this.tell();
		}
	}

	tell() {
		if (this.noted) return;
		this.noted = true;
		this.note(NO_WAKE_LOCK);
	}

	async release() {
		this.wanted = false;
		this.doc.removeEventListener('visibilitychange', this.onVisible);
		if (this.lock && !this.lock.released) await this.lock.release();
		this.lock = null;
	}
}
