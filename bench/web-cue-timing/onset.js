// onset.js: an AudioWorklet that reports when a sound starts in its input: the context time
// of the first sample above a threshold after at least 20 ms of silence.
//
// The time is counted from the samples themselves (128 a call), not read from
// `currentFrame` each call: Chromium sometimes calls process() with the currentFrame of the
// call before (a render that catches up two or three quanta at once), then jumps it ahead
// again, so an onset in such a quantum would be dated one to three quanta (2.9 to 8.7 ms at
// 44.1 kHz) early, and counted as a miss. Each such call is reported as [frame, step]
// (step 0: the same currentFrame again), and each onset it would have misdated as
// ['stale', the time by currentFrame, the time by the count], for the diagnostics.
class Onset extends AudioWorkletProcessor {
	constructor() {
		super();
		this.quiet = Infinity; // samples of silence so far
		this.frame = -1; // currentFrame of the last call
		this.pos = -1;   // the frame of this call's first sample, by the count
	}

	process(inputs) {
		if (this.frame >= 0 && currentFrame !== this.frame + 128) this.port.postMessage([currentFrame, currentFrame - this.frame]);
		this.frame = currentFrame;
		// frames the output really skipped move the count on; a stale currentFrame does not
		this.pos = Math.max(this.pos < 0 ? currentFrame : this.pos + 128, currentFrame);
		const ch = inputs[0] && inputs[0][0];
		if (!ch) { // nothing plays into it: a quantum of silence
			this.quiet += 128;
			return true;
		}
		for (let i = 0; i < ch.length; i++) {
			if (Math.abs(ch[i]) > 1e-3) {
				if (this.quiet > sampleRate * 0.02) {
					const at = (this.pos + i) / sampleRate;
					if (this.pos !== currentFrame) this.port.postMessage(['stale', (currentFrame + i) / sampleRate, at]);
					this.port.postMessage(at);
				}
				this.quiet = 0;
			} else {
				this.quiet++;
			}
		}
		return true;
	}
}
registerProcessor('onset', Onset);
