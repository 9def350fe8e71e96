// player-clips.js: speech for browsers without a voice: clips the server renders once with
// espeak-ng and caches, played through Web Audio.
//
// A clip is asked for by its words: GET /api/v1/speech?text=WORDS answers a WAV
// (Content-Type audio/wav), the same for the same words, cacheable for a long time (the
// route comes with the server; the service worker keeps the clips of a session). prefetch()
// loads the clips a session will need before it starts; a cue whose clip is not loaded
// yet plays as soon as it is. Numbers load into the Sounds' counts, which are scheduled
// on the audio clock with the beeps.

export const speechUrl = (text) => `/api/v1/speech?text=${encodeURIComponent(text)}`;

export class ClipVoice {
	// ctx: AudioContext; sounds: Sounds (plays the clips); url(text): the clip's address
	constructor({ ctx, sounds, url = speechUrl, fetchFn = (u) => globalThis.fetch(u) }) {
		Object.assign(this, { ctx, sounds, url, fetchFn });
		this.loading = new Map(); // text -> Promise<AudioBuffer|null>
		this.playing = null;
		this.wanted = null;
	}

	load(text) {
		if (!this.loading.has(text)) {
			this.loading.set(text, (async () => {
				try {
					const res = await this.fetchFn(this.url(text));
					if (!res.ok) return null;
					const buf = await this.ctx.decodeAudioData(await res.arrayBuffer());
					if (/^\d{1,2}$/.test(text)) this.sounds.clips.set(text, buf);
					return buf;
				} catch {
					return null; // offline without it: the cue shows on screen and in the live region
				}
			})());
		}
		return this.loading.get(text);
	}

	// Load every text (a session's cues, the counts); resolves to how many loaded.
	async prefetch(texts) {
		const bufs = await Promise.all([...new Set(texts)].map((t) => this.load(t)));
		return bufs.filter(Boolean).length;
	}

	unlock() {
		if (this.ctx.state !== 'running') this.ctx.resume();
	}

	async say(text) {
		this.wanted = text;
		const buf = await this.load(text);
		if (!buf || this.wanted !== text) return; // a newer cue came first
		this.cancel();
		this.wanted = text;
		this.playing = this.sounds.play(buf, this.ctx.currentTime);
	}

	cancel() {
		this.wanted = null;
		if (this.playing) this.playing.stop();
		this.playing = null;
	}
}
