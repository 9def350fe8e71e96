// player-cues.js: runs an engine session (player-engine.js) on the audio clock (player-clock.js): a look-ahead
// loop (after Chris Wilson's "A tale of two clocks") ticks the engine at each of its
// deadlines a little before they come, starts the beeps and counts of that moment on the
// audio clock at the exact time (player-sounds.js), and hands every effect to the page when its
// time comes (speech, screen, the live region, sets to store).
//
// The engine is ticked ahead by the look-ahead (1 s of real time with the page in view, so
// a main thread held up that long still leaves the sounds on time; 10 s while hidden,
// where the browser may hold the page back). A page in view whose loop was once held up
// longer (a busy phone, a long garbage collection: the web cue-timing benchmark saw 1.4
// to 6.7 s on a loaded machine, and the cues in such a gap came late, all at once) looks
// ahead twice the longest hold-up seen since, up to the hidden page's 10 s, so the next
// one leaves the sounds on time; sounds found past their time are not started
// (player-sounds.js). An input in that window must not
// act on a future the person has not reached: the session is rebuilt from its log of
// calls up to the input's time (the engine is deterministic, so this is exact; a whole
// default session replays in about 20 ms), and the effects and sounds after that time are
// taken back.
//
// A loop held up longer than the engine's stall limit (a phone asleep) gives the engine
// the real time, and the engine pauses instead of counting reps that were not done.
//
// Timers alone are not enough in a hidden page: Chromium runs them once a second, and after
// five minutes hidden once a minute. So the loop is also woken by the audio clock: a silent
// source scheduled to end at the next effect (a quarter second ahead at most), whose
// `ended` event (not a timer) comes on time in a hidden page too.

const COUNT = /^\d{1,2}$/;

export class CuePlayer {
	// makeSession(): a new, not yet started session (player-engine.js) of the same routine and options
	// pass: the token of the server's gate; clock: AudioClock; sounds: Sounds (or null)
	// onDue(fx, view, at): an effect whose time has come; onStep(step): every step, as it is computed
	constructor({ makeSession, pass, clock, sounds = null, onDue = () => {}, onStep = () => {},
		lookaheadMs = 1000, hiddenLookaheadMs = 10000, intervalMs = 25, doc = globalThis.document }) {
		Object.assign(this, { makeSession, pass, clock, sounds, onDue, onStep, lookaheadMs, hiddenLookaheadMs, intervalMs, doc });
		this.queue = []; // {at, fx, view, sound} in time order, not yet handed out
		this.log = [];   // every call since the start: [input, now, score]
		this.ahead = 0;  // the latest time the engine has been ticked to
		this.session = null;
		this.timer = null;
		this.alarm = null;
		this.waking = null; // the audio clock's wake-up source
		this.shown = null;  // the screen of the last effect handed out
		this.done = false;
		this.heldUpMs = 0;  // the longest hold-up of the loop seen with the page in view (real ms)
		this.lastPass = null; // performance.now() of the last loop pass in view, or null
	}

	// Start the session inMs of real time from now (0: at once). A start a little ahead
	// (the look-ahead) lets even the first cue sound exactly on time.
	start({ inMs = 0 } = {}) {
		this.startAt = this.clock.now() + this.clock.sessionMs(inMs);
		this.session = this.makeSession();
		this.take(this.session.start(this.pass, this.startAt));
		this.ahead = this.startAt;
		this.timer = setInterval(() => this.pump(), this.intervalMs);
		this.pump();
	}

	// The next wake-up from the audio clock: at the next effect due, or a quarter second
	// of real time from now if that is sooner.
	wake() {
		const ctx = this.clock.ctx;
		if (!ctx || !ctx.createConstantSource || this.waking || !this.session) return;
		const due = this.queue.length ? this.clock.realMs(this.queue[0].at - this.clock.now()) : Infinity;
		const wakeMs = Math.max(1, Math.min(250, due));
		const src = ctx.createConstantSource(), mute = ctx.createGain();
		mute.gain.value = 0;
		src.connect(mute).connect(ctx.destination);
		src.onended = () => {
			src.disconnect();
			mute.disconnect();
			this.waking = null;
			this.pump();
		};
		src.start();
		src.stop(ctx.currentTime + wakeMs / 1000);
		this.waking = src;
	}

	stop() {
		if (this.waking) {
			this.waking.onended = null;
			this.waking.stop();
		}
		this.waking = null;
		clearInterval(this.timer);
		clearTimeout(this.alarm);
		this.timer = this.alarm = null;
		for (const e of this.queue) if (e.sound) e.sound.stop();
		this.queue = [];
		if (this.session) this.session.free();
		this.session = null;
		if (this.channel) this.channel.port1.close();
		this.channel = null;
	}

	// Real ms to tick the engine ahead: the hidden page's, or in view the usual one, more
	// after the loop was held up (twice the longest hold-up, at most the hidden page's).
	lookahead() {
		if (this.doc && this.doc.hidden) return this.hiddenLookaheadMs;
		return Math.min(this.hiddenLookaheadMs, Math.max(this.lookaheadMs, 2 * this.heldUpMs));
	}

	// How long the loop was held up since its last pass, counted only with the page in
	// view at both passes (a hidden page is held back by the browser on purpose).
	heldUp() {
		const p = performance.now(), inView = !(this.doc && this.doc.hidden);
		if (inView && this.lastPass !== null) this.heldUpMs = Math.max(this.heldUpMs, p - this.lastPass);
		this.lastPass = inView ? p : null;
	}

	// A person's input now: pause, resume, toggle, skip, back, done, hurt N, dizzy, feel N, quit.
	input(name, score = 0) {
		if (!this.session || this.done) return null;
		const now = this.clock.now();
		if (this.ahead > now) this.rewind(now);
		const t = Math.max(now, this.ahead);
		const step = this.call(name, t, score);
		this.pump();
		return step;
	}

	call(name, t, score = 0) {
		const text = this.session.inputText(name, t, score);
		this.log.push([name, t, score]);
		this.ahead = Math.max(this.ahead, t);
		return this.take(text);
	}

	take(text) {
		const step = JSON.parse(text);
		this.onStep(step);
		for (const fx of step.fx) {
			const e = { at: step.now, fx, view: step.view, sound: null };
			if (this.sounds) {
				const when = this.clock.audioTime(step.now);
				if (fx.fx === 'beep') e.sound = this.sounds.beep(when);
				else if (fx.fx === 'say' && COUNT.test(fx.text)) e.sound = this.sounds.count(fx.text, when);
			}
			this.queue.push(e);
		}
		if (step.view.state === 'done') this.done = true;
		return step;
	}

	// Tick the engine up to now + look-ahead, then hand out what is due.
	pump() {
		if (!this.session) return;
		this.heldUp();
		const now = this.clock.now();
		const horizon = now + this.clock.sessionMs(this.lookahead());
		for (let n = 0; n < 1000 && !this.done; n++) {
			const dl = this.session.deadline();
			if (dl > horizon) break;
			const late = now - dl > this.session.engine.stallMs;
			this.call('tick', late ? now : dl);
			if (late) break;
		}
		this.flush(now);
		this.arm();
		if (!this.done) this.wake();
	}

	flush(now = this.clock.now()) {
		while (this.queue.length && this.queue[0].at <= now) {
			const e = this.queue.shift();
			this.shown = e.view;
			this.onDue(e.fx, e.view, e.at);
		}
		if (this.done && !this.queue.length) {
			clearInterval(this.timer);
			this.timer = null;
		}
	}

	// A timer aimed 2 ms before the next effect, then message-loop turns up to its time
	// (a timer set from a timer is held back to 4 ms or more; messages are not), so the
	// page acts on time between loop passes.
	arm() {
		clearTimeout(this.alarm);
		this.alarm = null;
		if (!this.queue.length || !this.session) return;
		const wait = this.clock.realMs(this.queue[0].at - this.clock.now());
		if (wait > 3) {
			this.alarm = setTimeout(() => this.arm(), wait - 2);
			return;
		}
		if (!this.channel) {
			this.channel = new MessageChannel();
			this.channel.port1.onmessage = () => {
				if (!this.queue.length || !this.session) return;
				if (this.queue[0].at <= this.clock.now()) {
					this.flush();
					this.arm();
				} else {
					this.channel.port2.postMessage(0);
				}
			};
		}
		this.channel.port2.postMessage(0);
	}

	// Take back everything after time t: rebuild the session from the log up to t.
	rewind(t) {
		const keep = this.log.filter((c) => c[1] <= t);
		const s = this.makeSession();
		s.start(this.pass, this.startAt);
		for (const [name, at, score] of keep) s.inputText(name, at, score);
		this.session.free();
		this.session = s;
		this.log = keep;
		this.ahead = keep.length ? keep[keep.length - 1][1] : this.startAt;
		this.done = false;
		this.queue = this.queue.filter((e) => {
			if (e.at <= t) return true;
			if (e.sound) e.sound.stop();
			return false;
		});
	}

	// What the screen shows: the screen of the last effect handed out (the engine itself may
	// be up to the look-ahead further on), with the seconds left in its segment at now.
	view() {
		const v = this.shown;
		if (!v || !v.segment || !v.segment.dur_ms || v.state !== 'running') return v || null;
		const left = v.segment.start + v.segment.dur_ms - this.clock.now();
		return { ...v, seconds_left: Math.max(0, Math.ceil(left / 1000)) };
	}
}

// The words a session will say if it goes as planned (waits answered, feel prompts
// answered "right"), for loading the clips before it starts; counts included.
export function plannedTexts(makeSession, pass) {
	const s = makeSession();
	const texts = new Set();
	try {
		let now = 0, step = JSON.parse(s.start(pass, now));
		for (let n = 0; n < 100000; n++) {
			for (const fx of step.fx) if (fx.fx === 'say') texts.add(fx.text);
			const v = step.view, dl = s.deadline();
			if (v.state === 'done') break;
			if (v.state === 'running' && dl !== Infinity) step = JSON.parse(s.inputText('tick', now = dl));
			else if (v.state === 'ask') step = JSON.parse(s.inputText('feel', now += 1000, 2));
			else step = JSON.parse(s.inputText(v.state === 'paused' ? 'resume' : 'done', now += 1000));
		}
	} finally {
		s.free();
	}
	return [...texts];
}
