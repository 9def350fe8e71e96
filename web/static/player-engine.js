// player-engine.js: the session engine of src/core, compiled to WebAssembly (engine.wasm), for the
// player. The rules (doses, holds, sides, feel prompts, pain and dizziness stops, the neck
// rule) live only in C; this module moves data across: the content JSON the server gives
// (format/content-json.c) is put into the engine record by record (src/wasm/content.c),
// a session starts with the pass token the server's gate issued (core/pass.h), and each
// input at the page's clock returns the engine's effects and screen as JSON
// (src/wasm/step-json.c).
//
//   const engine = await loadEngine(fetch('/static/.../engine.wasm'));
//   const content = engine.content(json);          // {routine, exercises}
//   const s = engine.session(content, json.routine.id, { askFeel: true, doses });
//   const first = s.start(passToken, clock.now()); // throws without a valid pass
//   const step = s.input('tick', s.deadline());    // {now, input, fx: [...], view}
//   const svg = s.figure(step.view, 0.5);         // the exercise's figure half-way through
//
// Works in browsers and in Node.js (pass { wasi: new WASI(...) } from node:wasi there).

const PACING = { default: 0, timed: 1, self: 2 };

// The few WASI calls wasi-libc's stdio may make (an out-of-memory message on stderr);
// the engine has no files, so everything else answers "not supported".
function wasiShim(getMemory) {
	const ENOSYS = 52, EBADF = 8;
	return new Proxy({
		fd_write(fd, iovs, n, written) {
			const view = new DataView(getMemory().buffer);
			let text = '', total = 0;
			for (let i = 0; i < n; i++) {
				const ptr = view.getUint32(iovs + i * 8, true), len = view.getUint32(iovs + i * 8 + 4, true);
				text += new TextDecoder().decode(new Uint8Array(getMemory().buffer, ptr, len));
				total += len;
			}
			if (text) console.error(`engine: ${text.trimEnd()}`);
			view.setUint32(written, total, true);
			return 0;
		},
		fd_close: () => EBADF,
		fd_seek: () => EBADF,
		proc_exit(code) { throw new Error(`engine: exit ${code}`); },
	}, { get: (t, k) => t[k] ?? (() => ENOSYS) });
}

export async function loadEngine(source, { wasi } = {}) {
	let memory;
	const imports = { wasi_snapshot_preview1: wasi ? wasi.wasiImport : wasiShim(() => memory) };
	let instance;
	source = await source;
	if (source instanceof WebAssembly.Module) {
		instance = await WebAssembly.instantiate(source, imports);
	} else if (typeof Response !== 'undefined' && source instanceof Response) {
		// needs Content-Type: application/wasm; read whole where a server does not send it
		instance = (source.headers.get('content-type') || '').startsWith('application/wasm')
			? (await WebAssembly.instantiateStreaming(source, imports)).instance
			: (await WebAssembly.instantiate(await source.arrayBuffer(), imports)).instance;
	} else {
		instance = (await WebAssembly.instantiate(source, imports)).instance;
	}
	memory = instance.exports.memory;
	if (wasi) wasi.initialize(instance);
	else instance.exports._initialize();
	return new Engine(instance.exports);
}

class Engine {
	constructor(x) {
		this.x = x;
		this.enc = new TextEncoder();
		this.dec = new TextDecoder();
		this.stallMs = x.ux_stall_ms(); // a tick this late pauses the session (core/session.h)
	}

	// a C string from memory
	text(ptr, len) {
		if (!ptr) return null;
		const mem = new Uint8Array(this.x.memory.buffer);
		let end = ptr;
		if (len === undefined) while (mem[end]) end++;
		else end = ptr + len;
		return this.dec.decode(mem.subarray(ptr, end));
	}

	// call f with each string argument copied into memory, freed afterwards
	withStrings(strings, f) {
		const ptrs = strings.map((s) => {
			if (s === null || s === undefined) return 0;
			const bytes = this.enc.encode(String(s));
			const p = this.x.ux_alloc(bytes.length + 1);
			const mem = new Uint8Array(this.x.memory.buffer);
			mem.set(bytes, p);
			mem[p + bytes.length] = 0;
			return p;
		});
		try {
			return f(...ptrs);
		} finally {
			for (const p of ptrs) if (p) this.x.ux_free(p);
		}
	}

	error() {
		return this.text(this.x.ux_error());
	}

	// The content model from the server's JSON: {routine, exercises: [...]}. Throws an
	// Error naming the JSON path of the first value the engine does not take.
	content(json) {
		const c = new Content(this);
		try {
			for (const [i, e] of (json.exercises || []).entries()) c.exercise(e, `exercises[${i}]`);
			const routines = json.routines || (json.routine ? [json.routine] : []);
			for (const [i, r] of routines.entries()) c.routine(r, json.routines ? `routines[${i}]` : 'routine');
			if (this.x.ux_content_check(c.ptr)) throw new Error(`content: ${this.error()}`);
		} catch (err) {
			c.free();
			throw err;
		}
		return c;
	}

	// A session of routine id. opts: pacing ('default' | 'timed' | 'self'), askFeel,
	// resumeItem, resumeUnits, doses [{item, exercise, reps, duration_s, paused}] (the plan's).
	session(content, routine, opts = {}) {
		const ptr = this.withStrings([routine], (r) => this.x.ux_session_new(content.ptr, r));
		if (!ptr) throw new Error(this.error());
		const s = new Session(this, ptr);
		try {
			const set = (k, v) => {
				if (v === undefined) return;
				if (this.withStrings([k], (kp) => this.x.ux_session_opt(ptr, kp, v))) throw new Error(this.error());
			};
			set('pacing', opts.pacing === undefined ? undefined : PACING[opts.pacing] ?? -1);
			set('ask_feel', opts.askFeel === undefined ? undefined : opts.askFeel ? 1 : 0);
			set('resume_item', opts.resumeItem);
			set('resume_units', opts.resumeUnits);
			for (const d of opts.doses || []) {
				const rc = this.withStrings([d.exercise || ''], (ep) =>
					this.x.ux_session_dose(ptr, d.item, ep, d.reps || 0, d.duration_s || 0, d.paused ? 1 : 0));
				if (rc) throw new Error(this.error());
				// a trainer's prescription: its reps within the safe limits, its sets and hold
				if (d.prescribed && this.x.ux_session_prescribed(ptr, d.item, d.sets || 0, d.hold_s || 0))
					throw new Error(this.error());
			}
		} catch (err) {
			s.free();
			throw err;
		}
		return s;
	}
}

class Content {
	constructor(engine) {
		this.engine = engine;
		this.ptr = engine.x.ux_content_new();
	}

	put(path, key, text = '', a = 0, b = 0) {
		const rc = this.engine.withStrings([key, text], (k, t) => this.engine.x.ux_content_put(this.ptr, k, t, a | 0, b | 0));
		if (rc) throw new Error(`${path}: ${this.engine.error()}`);
	}

	exercise(e, path) {
		this.put(`${path}.id`, 'exercise', e.id);
		for (const k of ['name', 'purpose', 'category', 'screen'])
			if (e[k] !== undefined && e[k] !== null) this.put(`${path}.${k}`, k, e[k]);
		if (e.gentle !== undefined) this.put(`${path}.gentle`, 'gentle', '', e.gentle ? 1 : 0);
		for (const [i, s] of (e.steps || []).entries()) this.put(`${path}.steps[${i}]`, 'step', s);
		for (const [i, s] of (e.cautions || []).entries()) this.put(`${path}.cautions[${i}]`, 'caution', s);
		for (const k of ['regression', 'progression'])
			if (e[k]) this.put(`${path}.${k}`, k, e[k]);
		for (const [phase, words] of Object.entries(e.cues || {})) this.put(`${path}.cues.${phase}`, `cue.${phase}`, words);
		if (e.dose) this.dose(e.dose, `${path}.dose`);
		if (e.picture) this.picture(e.picture, `${path}.picture`);
	}

	// The pose data the figure is drawn from (src/wasm/picture.c)
	picture(p, path) {
		this.put(`${path}.view`, 'picture', p.view, p.near === 'left' ? 0 : 1);
		for (const [i, name] of (p.props || []).entries()) this.put(`${path}.props[${i}]`, 'prop', name);
		this.poses(p.poses || {}, `${path}.poses`);
		for (const [i, s] of (p.sides || []).entries()) {
			this.put(`${path}.sides[${i}].name`, 'side', s.name, s.mirror ? 1 : 0);
			if (s.mirror) continue;
			if (s.view) this.put(`${path}.sides[${i}].view`, 'side_view', s.view);
			this.poses(s.poses || {}, `${path}.sides[${i}].poses`);
		}
	}

	poses(poses, path) {
		for (const [name, pose] of Object.entries(poses)) {
			const at = `${path}[${JSON.stringify(name)}]`;
			this.put(at, 'pose', name);
			const angles = (o, key, p) => {
				for (const [joint, v] of Object.entries(o)) {
					if (joint === 'out' || joint === 'rests') continue;
					if (Array.isArray(v)) v.forEach((d, k) => this.put(`${p}.${joint}[${k}]`, key, joint, d, k));
					else this.put(`${p}.${joint}`, key, joint, v, 2);
				}
			};
			angles(pose, 'angle', at);
			angles(pose.out || {}, 'out', `${at}.out`);
			for (const [i, r] of (pose.rests || []).entries()) this.put(`${at}.rests[${i}]`, `rest.${r.on}`, r.point);
		}
	}

	routine(r, path) {
		this.put(`${path}.id`, 'routine', r.id);
		for (const k of ['name', 'description', 'module'])
			if (r[k] !== undefined && r[k] !== null) this.put(`${path}.${k}`, k, r[k]);
		if (r.ready_s) this.put(`${path}.ready_s`, 'ready_s', '', r.ready_s);
		for (const [i, it] of (r.items || []).entries()) {
			this.put(`${path}.items[${i}].exercise`, 'item', it.exercise);
			if (it.dose) this.dose(it.dose, `${path}.items[${i}].dose`);
		}
	}

	dose(d, path) {
		this.put(path, 'dose');
		if (d.reps) this.put(`${path}.reps`, 'reps', '', d.reps.min, d.reps.max);
		if (d.duration_s) this.put(`${path}.duration_s`, 'duration_s', '', d.duration_s.min, d.duration_s.max);
		for (const k of ['sets', 'rest_s', 'hold_s'])
			if (d[k] !== undefined) this.put(`${path}.${k}`, k, '', d[k]);
		for (const k of ['per_side', 'per_direction'])
			for (const [i, n] of (d[k] || []).entries()) this.put(`${path}.${k}[${i}]`, k, n);
		for (const [i, t] of (d.tempo || []).entries()) this.put(`${path}.tempo[${i}]`, 'tempo', t.phase, t.seconds);
		if (d.cycles) {
			this.put(`${path}.cycles.contract_s`, 'contract_s', '', d.cycles.contract_s);
			this.put(`${path}.cycles.relax_s`, 'relax_s', '', d.cycles.relax_s);
			for (const [i, p] of (d.cycles.positions || []).entries()) this.put(`${path}.cycles.positions[${i}]`, 'position', p);
		}
		if (d.pacing) this.put(`${path}.pacing`, 'pacing', d.pacing);
		if (d.note) this.put(`${path}.note`, 'note', d.note);
	}

	free() {
		if (this.ptr) this.engine.x.ux_content_free(this.ptr);
		this.ptr = 0;
	}
}

// Why a session did not start (ux_session_start's answers).
export const START_ERRORS = { '-1': 'no-routine', '-2': 'no-pass', '-3': 'wrong-pass', '-4': 'started' };

class Session {
	constructor(engine, ptr) {
		this.engine = engine;
		this.ptr = ptr;
	}

	// Start at now (ms) with the token from the server's gate. Returns the first step;
	// throws an Error with .code 'no-pass', 'wrong-pass', 'no-routine' or 'started'.
	start(passToken, now) {
		const e = this.engine;
		const rc = e.withStrings([passToken], (t) => e.x.ux_session_start(this.ptr, t, now));
		if (rc) {
			const err = new Error(e.error());
			err.code = START_ERRORS[rc];
			throw err;
		}
		return this.lastText();
	}

	lastText() {
		const e = this.engine;
		return e.text(e.x.ux_session_last(), e.x.ux_out_len());
	}

	// One input ('tick', 'pause', 'resume', 'toggle', 'skip', 'back', 'done', 'hurt',
	// 'dizzy', 'feel', 'quit') at now; score for hurt (0-10) and feel (1-3). Returns
	// the step's JSON text; step() parses it.
	inputText(input, now, score = 0) {
		const e = this.engine;
		const p = e.withStrings([input], (ip) => e.x.ux_session_input(this.ptr, ip, now, score | 0));
		if (!p) throw new Error(e.error());
		return e.text(p, e.x.ux_out_len());
	}

	input(input, now, score = 0) {
		return JSON.parse(this.inputText(input, now, score));
	}

	// When the engine next needs a tick (ms), or Infinity while it waits for the person.
	deadline() {
		return this.engine.x.ux_session_deadline(this.ptr);
	}

	// The exercise's figure as SVG text at a moment of the screen's segment (a view's
	// "item" and "segment"), t from 0 to 1 through it; '' when it has no picture.
	figure(view, t, height = 240) {
		const e = this.engine, s = view && view.segment;
		if (!s) return '';
		const p = e.withStrings([s.kind, s.phase || ''], (k, ph) =>
			e.x.ux_session_figure(this.ptr, view.item, k, ph, s.rep, s.side_no, s.position_no, Math.min(1, Math.max(0, t)), height));
		if (!p) throw new Error(e.error());
		return e.text(p, e.x.ux_out_len());
	}

	view(now) {
		const e = this.engine;
		return JSON.parse(e.text(e.x.ux_session_view(this.ptr, now), e.x.ux_out_len()));
	}

	free() {
		if (this.ptr) this.engine.x.ux_session_free(this.ptr);
		this.ptr = 0;
	}
}
