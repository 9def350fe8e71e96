// onset.js: an AudioWorklet that reports when a sound starts in its input: the context time
// of the first sample above a threshold after at least 20 ms of silence.
class Onset extends AudioWorkletProcessor {
	constructor() {
		super();
		this.quiet = Infinity; // samples of silence so far
	}

	process(inputs) {
		const ch = inputs[0] && inputs[0][0];
		if (!ch) { // nothing plays into it: a quantum of silence
			this.quiet += 128;
			return true;
		}
		for (let i = 0; i < ch.length; i++) {
			if (Math.abs(ch[i]) > 1e-3) {
				if (this.quiet > sampleRate * 0.02) this.port.postMessage((currentFrame + i) / sampleRate);
				this.quiet = 0;
			} else {
				this.quiet++;
			}
		}
		return true;
	}
}
registerProcessor('onset', Onset);
