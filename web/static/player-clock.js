// player-clock.js: the player's one clock: the Web Audio clock, read as milliseconds of the session.
//
// Time 0 is when the clock was made. A session time t is heard when the audio output plays
// context time epoch + t, so a sound started at audioTime(t) and a screen change made when
// now() reaches t happen together. now() reads performance.now() through the pairing that
// AudioContext.getOutputTimestamp() gives (the audio clock advances in steps of 128
// samples; performance.now() is smooth), resynchronised on every read so the two clocks
// cannot drift apart. `rate` speeds the session up for tests (2: a session second lasts
// half a second).

export class AudioClock {
	constructor(ctx, { rate = 1 } = {}) {
		this.ctx = ctx;
		this.rate = rate;
		this.offset = null;  // ms: context time * 1000 - performance.now()
		this.lastPair = -1;  // performanceTime of the last pairing used
		this.last = -Infinity; // the last now(): it never goes back
		this.epoch = this.contextNow(); // seconds of context time at session time 0
	}

	sync() {
		const ts = this.ctx.getOutputTimestamp ? this.ctx.getOutputTimestamp() : null;
		if (!ts || !(ts.contextTime > 0) || !(ts.performanceTime > 0) || ts.performanceTime === this.lastPair) return;
		this.lastPair = ts.performanceTime;
		const sample = ts.contextTime * 1000 - ts.performanceTime;
		if (this.offset === null || Math.abs(sample - this.offset) > 20) this.offset = sample;
		else this.offset += (sample - this.offset) / 16;
	}

	// The context time (seconds) being heard at performance time p (ms).
	contextNow(p = performance.now()) {
		this.sync();
		if (this.offset !== null) return (p + this.offset) / 1000;
		// no output yet (a suspended context, or no getOutputTimestamp): the context's own time
		return this.ctx.currentTime + (this.ctx.baseLatency || 0);
	}

	// Session time now, in ms.
	now() {
		this.last = Math.max(this.last, (this.contextNow() - this.epoch) * 1000 * this.rate);
		return this.last;
	}

	// The context time (seconds) to start a sound heard at session time t.
	audioTime(t) {
		return this.epoch + t / 1000 / this.rate;
	}

	// The performance.now() (ms) at which session time t is heard.
	perfTime(t) {
		const c = this.audioTime(t);
		this.sync();
		if (this.offset === null) return performance.now() + (c - this.ctx.currentTime) * 1000;
		return c * 1000 - this.offset;
	}

	// Real ms from session ms (for timers), and back.
	realMs(sessionMs) {
		return sessionMs / this.rate;
	}

	sessionMs(realMs) {
		return realMs * this.rate;
	}
}
