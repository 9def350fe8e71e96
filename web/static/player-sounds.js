// player-sounds.js: the sounds the player schedules on the Web Audio clock: the beep that ends a
// countdown, the counts (a recorded number where the server has rendered one, else a short
// tick), and recorded speech clips. Every sound is started with start(when) at the exact
// context time, so it plays on time even while the page's timers are held back (screen
// off, tab hidden). Each call returns a handle whose stop() takes the sound back (pause,
// skip, a cue that will not happen).
//
// A sound asked for after its time (the page's main thread held up longer than the
// player's look-ahead) starts at once when it is at most LATE_S late; later than that it
// is not started at all (null): a count or a beep heard a second late, or several at once
// as the player catches up, tells the wrong moment. The screen, the live region and the
// speech still carry the cue.
const LATE_S = 0.05;

export class Sounds {
	constructor(ctx, { destination } = {}) {
		this.ctx = ctx;
		this.out = ctx.createGain();
		this.out.connect(destination || ctx.destination);
		this.clips = new Map(); // text -> AudioBuffer (numbers for counts, speech clips)
	}

	// A tone of freq Hz for dur seconds from context time `when`, with short ramps (no
	// clicks); null when `when` has passed (LATE_S).
	tone(when, freq, dur, level = 0.4) {
		const ctx = this.ctx;
		if (when < ctx.currentTime - LATE_S) return null;
		const osc = ctx.createOscillator(), g = ctx.createGain();
		const t = Math.max(when, ctx.currentTime);
		osc.frequency.value = freq;
		g.gain.setValueAtTime(0, t);
		g.gain.linearRampToValueAtTime(level, t + 0.004);
		g.gain.setValueAtTime(level, t + dur - 0.01);
		g.gain.linearRampToValueAtTime(0, t + dur);
		osc.connect(g).connect(this.out);
		osc.start(t);
		osc.stop(t + dur);
		return handle(osc, t);
	}

	beep(when) {
		return this.tone(when, 880, 0.15);
	}

	// A count: the recorded number if there is one, else a short high tick.
	count(n, when) {
		const clip = this.clips.get(String(n));
		return clip ? this.play(clip, when) : this.tone(when, 1320, 0.05, 0.3);
	}

	play(buffer, when) {
		if (when < this.ctx.currentTime - LATE_S) return null;
		const src = this.ctx.createBufferSource();
		const t = Math.max(when, this.ctx.currentTime);
		src.buffer = buffer;
		src.connect(this.out);
		src.start(t);
		return handle(src, t);
	}
}

function handle(node, at) {
	return {
		at, // the context time it was started for
		node,
		stop() {
			try { node.stop(); } catch { /* already ended */ }
			node.disconnect();
		},
	};
}
