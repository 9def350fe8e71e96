// script.mjs: runs a trace script (README.md) through the WebAssembly engine, as
// tests/helpers/engine-trace.c runs it through the native one: the same commands, the
// same answers in `finish`, one line per engine call. Used by trace.mjs (Node.js) and
// by the Chromium test (browser.mjs), so it imports nothing.

export function parseScript(text) {
	const s = { routine: null, pass: '', opts: {}, doses: [], start: 1000, steps: [], expect: [] };
	for (const raw of text.split('\n')) {
		const line = raw.replace(/#.*/, '').trim();
		if (!line) continue;
		const w = line.split(/\s+/);
		if (w[0] === '@routine') s.routine = w[1];
		else if (w[0] === '@pass') s.pass = w[1];
		else if (w[0] === '@opt') s.opts[w[1]] = Number(w[2]);
		else if (w[0] === '@dose') s.doses.push({ item: +w[1], exercise: w[2] === '-' ? '' : w[2], reps: +w[3], duration_s: +w[4], paused: +w[5] });
		else if (w[0] === '@start') s.start = +w[1];
		else if (w[0] === '@figures') s.figures = +w[1];
		else if (w[0] === '@expect' || w[0] === '@absent') s.expect.push(line);
		else if (w[0].startsWith('@')) throw new Error(`not understood: ${line}`);
		else s.steps.push(w);
	}
	return s;
}

const PACING_NAMES = ['default', 'timed', 'self'];

// Run script text against engine (engine.js) with content JSON; returns the lines.
export function runScript(engine, contentJson, text) {
	const sc = parseScript(text);
	const content = engine.content(contentJson);
	const o = sc.opts;
	const s = engine.session(content, sc.routine, {
		pacing: o.pacing === undefined ? undefined : PACING_NAMES[o.pacing],
		askFeel: o.ask_feel === undefined ? undefined : !!o.ask_feel,
		resumeItem: o.resume_item, resumeUnits: o.resume_units, doses: sc.doses,
	});
	const lines = [];
	let now = sc.start, state = 'running', item = 0, started = false;
	const record = (t) => {
		lines.push(t);
		const v = JSON.parse(t).view;
		state = v.state;
		item = v.item;
		if (sc.figures && v.segment && v.exercise && state !== 'done') {
			const svg = s.figure(v, 0.5, sc.figures);
			if (svg) lines.push(JSON.stringify(svg));
		}
	};
	const input = (name, score = 0) => record(s.inputText(name, now, score));
	const deadline = () => s.deadline();
	try {
		for (const w of sc.steps) {
			if (!started) {
				record(s.start(sc.pass, now));
				started = true;
			}
			if (w[0].startsWith('+')) now += Number(w[0].slice(1));
			else if (w[0] === 'run') {
				for (let n = 0; n < 100000 && state === 'running'; n++) {
					const dl = deadline();
					if (dl === Infinity) break;
					now = Math.max(now, dl);
					input('tick');
				}
			} else if (w[0] === 'finish') {
				for (let n = 0; n < 100000 && state !== 'done'; n++) {
					const dl = deadline();
					if (state === 'running' && dl !== Infinity) { now = Math.max(now, dl); input('tick'); }
					else if (state === 'running') { now += 1500; input('done'); }
					else if (state === 'ask') { now += 1000; input('feel', 1 + (item % 3)); }
					else if (state === 'offer') { now += 1000; input('done'); }
					else { now += 1000; input('resume'); }
				}
			} else input(w[0], w[1] === undefined ? 0 : Number(w[1]));
		}
	} finally {
		s.free();
		content.free();
	}
	return { lines, expect: sc.expect };
}
