// player-upload.js: the outbox's way to the server. sendStep(record) sends one outbox record
// to POST /api/v1/session/steps with its idempotency key (docs/api.md): true when the
// server stored it (or had it already: a repeat is answered with the first answer),
// false when the server cannot be reached or cannot store it now (the record stays and
// is sent again), {refused: why} when the server will never take it (a pass more than 7
// days old, or one it did not sign): then it is kept aside, not sent again, and the page
// shows it with the server's words. answered(data) gets the server's answer when stored
// (the end's after_bad).
//
// Pump: drains the outbox now and again on a timer while records are left, the wait
// doubling from minMs to maxMs while the server stays away (a phone on the floor out of
// Wi-Fi is not asked every second), back to minMs once a drain empties it.
import { api } from './api.js';

export function stepBody(rec) {
	const at = Date.parse(rec.at), started = Number(rec.started);
	return { pass: rec.pass, session: rec.session, ...(Number.isFinite(at) ? { at_ms: at } : {}),
		...(Number.isFinite(started) && started > 0 ? { started_ms: started } : {}), step: rec.fx };
}

export async function sendStep(rec, { call = api, path = '/api/v1/session/steps', answered = () => {} } = {}) {
	let r;
	try {
		r = await call(path, { method: 'POST', body: stepBody(rec), headers: { 'Idempotency-Key': rec.key } });
	} catch {
		return false; // the server cannot be reached
	}
	if (r.ok) {
		answered(r.data);
		return true;
	}
	if (r.status >= 500 || r.status === 408 || r.status === 429 || r.status === 0) return false;
	return { refused: r.data?.error?.message || `the server answered ${r.status}` };
}

export class Pump {
	constructor({ drain, left, onChange = () => {}, minMs = 1000, maxMs = 30000,
		setTimer = (f, ms) => setTimeout(f, ms), clearTimer = (t) => clearTimeout(t) }) {
		Object.assign(this, { drain, left, onChange, minMs, maxMs, setTimer, clearTimer });
		this.waitMs = minMs;
		this.timer = null;
		this.running = null;
	}

	// Drain now (after a new record, the network back, the page opened); the timer follows.
	// A kick while a drain runs makes it drain again at once after (a record written
	// meanwhile is not left for the timer). The wait grows only while drains send
	// nothing (the server away), not while new records keep coming.
	kick() {
		if (this.timer) this.clearTimer(this.timer);
		this.timer = null;
		if (this.stopped) return Promise.resolve(null);
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = (async () => {
			let n = 0, sent = 0;
			do {
				this.again = false;
				try { sent = (await this.drain()) || 0; } catch { sent = 0; }
			} while (this.again && !this.stopped);
			try { n = await this.left(); } catch { n = 1; }
			this.running = null;
			this.onChange(n);
			if (n > 0 && !this.stopped) {
				if (sent > 0) this.waitMs = this.minMs; // the server is there
				this.timer = this.setTimer(() => this.kick(), this.waitMs);
				if (!sent) this.waitMs = Math.min(this.waitMs * 2, this.maxMs);
			} else {
				this.waitMs = this.minMs;
			}
			return n;
		})();
		return this.running;
	}

	// No more drains from here (a drain under way finishes first).
	async stop() {
		this.stopped = true;
		if (this.timer) this.clearTimer(this.timer);
		this.timer = null;
		if (this.running) await this.running;
	}
}
