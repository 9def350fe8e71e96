// player-speech.js: speaks the player's cues. The Web Speech API where the browser has a voice,
// with its known traps handled; recorded clips from the server (player-clips.js) where it has none.
//
// - Voices load late: getVoices() is empty until `voiceschanged` (and in some browsers it
//   must be called twice); ready() waits for them a short while, then settles on clips.
// - Chromium stops an utterance that runs past about 15 s without a word: each cue is cut
//   into short utterances (a sentence, or a part of one up to MAX_CHARS), spoken in order.
// - A new cue cancels what is still being said (speechSynthesis.cancel() before speak()):
//   a count must not wait behind the end of the steps. Pause cancels too.
// - An utterance that never ends (no `end` event, `speaking` stuck) is given up by a
//   watchdog after its expected length plus a margin, and the next one goes on.
// - iOS speaks only after a tap: unlock() speaks an empty utterance inside the Start tap.
// - WebKit may collect an utterance in flight and never fire its events: the one being
//   spoken is kept referenced here.

const MAX_CHARS = 160;
const WORDS_PER_S = 2.5;

// Cut text into short pieces: sentences, and long sentences at commas or spaces.
export function pieces(text, max = MAX_CHARS) {
	const out = [];
	for (const sentence of text.match(/[^.!?]+[.!?]*\s*/g) || []) {
		let s = sentence.trim();
		while (s.length > max) {
			let cut = s.lastIndexOf(', ', max);
			if (cut < max / 3) cut = s.lastIndexOf(' ', max);
			if (cut < 1) cut = max;
			out.push(s.slice(0, cut + 1).trim());
			s = s.slice(cut + 1).trim();
		}
		if (s) out.push(s);
	}
	return out;
}

export class Speaker {
	// synth: window.speechSynthesis or a stand-in; Utterance: its utterance class;
	// clips: a ClipVoice for when there is no voice (or null); lang: the voice's language
	constructor({ synth = globalThis.speechSynthesis, Utterance = globalThis.SpeechSynthesisUtterance,
		clips = null, lang = 'en', voiceWaitMs = 1500, marginMs = 3000 } = {}) {
		Object.assign(this, { synth, Utterance, clips, lang, voiceWaitMs, marginMs });
		this.voice = null;
		this.mode = synth && Utterance ? 'pending' : clips ? 'clips' : 'none';
		this.current = null; // the utterance being spoken (kept referenced)
		this.rest = [];      // the pieces still to say of this cue
		this.watchdog = null;
		this.log = [];       // what was said and how, for tests and the live region
	}

	pickVoice() {
		const voices = this.synth.getVoices() || [];
		return voices.find((v) => v.lang && v.lang.startsWith(this.lang) && v.localService) ||
			voices.find((v) => v.lang && v.lang.startsWith(this.lang)) || null;
	}

	// Wait for the voices, at most voiceWaitMs; then speech if there is a voice, else clips.
	async ready() {
		if (this.mode !== 'pending') return this.mode;
		this.voice = this.pickVoice() || (this.synth.getVoices(), this.pickVoice());
		if (!this.voice) {
			this.voice = await new Promise((resolve) => {
				const done = () => {
					clearTimeout(timer);
					this.synth.removeEventListener('voiceschanged', changed);
					resolve(this.pickVoice());
				};
				const changed = () => { if (this.pickVoice()) done(); };
				const timer = setTimeout(done, this.voiceWaitMs);
				this.synth.addEventListener('voiceschanged', changed);
			});
		}
		this.mode = this.voice ? 'speech' : this.clips ? 'clips' : 'none';
		return this.mode;
	}

	// Inside the tap that starts a session: lets iOS speak later, and the audio play.
	unlock() {
		if (this.synth && this.Utterance && this.mode !== 'clips') {
			try {
				const u = new this.Utterance('');
				u.volume = 0;
				this.synth.speak(u);
			} catch { /* no speech here: the clips speak */ }
		}
		if (this.clips) this.clips.unlock();
	}

	say(text) {
		this.cancel();
		this.log.push({ text, mode: this.mode });
		if (this.mode === 'clips') return this.clips.say(text);
		if (this.mode !== 'speech') return;
		this.rest = pieces(text);
		this.next();
	}

	next() {
		clearTimeout(this.watchdog);
		const text = this.rest.shift();
		if (text === undefined) {
			this.current = null;
			return;
		}
		const u = new this.Utterance(text);
		u.voice = this.voice;
		u.lang = this.voice ? this.voice.lang : this.lang;
		const after = () => { if (this.current === u) this.next(); };
		u.onend = after;
		u.onerror = after;
		this.current = u;
		this.synth.speak(u);
		const words = text.split(/\s+/).length;
		this.watchdog = setTimeout(() => {
			if (this.current !== u) return;
			this.log.push({ text, mode: 'watchdog' }); // it never ended: give it up
			this.synth.cancel();
			this.next();
		}, (words / WORDS_PER_S) * 1000 + this.marginMs);
	}

	// Stop speaking now (pause, a new cue, the end).
	cancel() {
		clearTimeout(this.watchdog);
		this.rest = [];
		this.current = null;
		if (this.mode === 'speech' && (this.synth.speaking || this.synth.pending)) this.synth.cancel();
		if (this.mode === 'clips') this.clips.cancel();
	}
}
