// player-page.js: the guided session page: the routine's content from the server's API,
// the engine (engine.wasm), the pass from the server's gate, then the session hands-free:
// cues spoken (player-speech.js, the server's clips without a voice), beeps and counts on
// the audio clock, the screen and the moving figure, the screen kept awake, every set
// written at once to the outbox with its idempotency key, and the place in the session
// kept so a reload resumes at the set in progress (player-store.js); the outbox drained
// to the server now and on a retry timer with backoff while the server is away
// (player-upload.js), and after the session a screen of what was done, how it felt, the
// pain after a finished session (asked as the terminal asks it; the session's end is
// written to the outbox with it), whether it is saved or waiting to be sent, and the
// steps the server refused for good, kept aside (player-end.js). With the server out of
// reach, Start uses a pass the gate gave this device before, under the rule of
// player-pass.js (docs/api.md, "Offline"); the service worker (sw.js) keeps the page.
//
// The page is a start panel ([data-player-start], with a Start button and a note) and an
// empty [data-player] section; the Start tap also unlocks audio and speech (iOS needs
// the tap). What comes from the server is injected, so the same code runs against the
// real routes and in the tests:
//   content(routineId, more) -> {routine, exercises}   (GET /api/v1/routines/{id}, /api/v1/exercises/{id};
//                   more: ids of exercises the plan runs besides, e.g. one chosen instead)
//   pass(routineId, resume, {endRunning}) -> {allowed, token, message, session}   the gate's
//                   answer, with the session to run as the terminal's start runs it (the
//                   plan's doses and pauses, docs/api.md); {unreachable: true, pain} when the
//                   server cannot be reached; {allowed: false, running, message} while a
//                   session runs on the computer (running.can_end: it may be ended from here,
//                   asked again with endRunning)
//   passAhead(routineId) -> the same, asked when the page opens (no pain score): kept
//                   for a start with the server out of reach
//   send(record, answered) -> true when the server stored it (the outbox's drain);
//                   {refused: why} when it never will (the record is kept aside and shown)
//   warn(record) -> true when the server stored a warning sign (POST /api/v1/warnings,
//                   with the step's record: stored once with it)

import { loadEngine } from './player-engine.js';
import { AudioClock } from './player-clock.js';
import { Sounds } from './player-sounds.js';
import { CuePlayer } from './player-cues.js';
import { Speaker } from './player-speech.js';
import { ClipVoice } from './player-clips.js';
import { LiveRegion } from './player-live.js';
import { Awake } from './player-awake.js';
import { FigureView } from './player-figure.js';
import { PlayerScreen } from './player-screen.js';
import { Pump } from './player-upload.js';
import { EndScreen, summarize } from './player-end.js';

import { Outbox, ResumePoint, PERSIST, uuid } from './player-store.js';
import { PassKeeper } from './player-pass.js';

const WARNING_KEY = 'unhunch-warning-unsent'; // a warning sign the server does not have yet
const END_KEY = 'unhunch-player-end'; // a finished session's end, waiting for the pain after

// Every exercise a session of routine r may reach: its items and their easier and
// harder versions (an easier one is offered after pain), and those of more (exercises the
// plan runs in place of an item).
export async function fetchContent(id, getJson, more = []) {
	const routine = await getJson(`/api/v1/routines/${encodeURIComponent(id)}`);
	const want = new Set([...routine.items.map((it) => it.exercise), ...more]), seen = new Map();
	while (want.size) {
		const batch = [...want].filter((x) => !seen.has(x));
		want.clear();
		for (const ex of await Promise.all(batch.map((x) => getJson(`/api/v1/exercises/${encodeURIComponent(x)}`)))) {
			seen.set(ex.id, ex);
			for (const k of ['regression', 'progression']) if (ex[k] && !seen.has(ex[k])) want.add(ex[k]);
		}
	}
	return { routine, exercises: [...seen.values()] };
}

export class PlayerPage {
	constructor({ doc = document, engineUrl, routineId, content, pass, passAhead = null, send = async () => false,
		warn = async () => false, rate = 1, speakerOptions = {}, outbox = new Outbox(), resume = new ResumePoint(),
		newId = uuid, storage = globalThis.localStorage, passes = new PassKeeper({ storage }) }) {
		Object.assign(this, { doc, engineUrl, routineId, content, pass, passAhead, send, warn, rate, speakerOptions, outbox,
			resume, newId, storage, passes });
		this.startPanel = doc.querySelector('[data-player-start]');
		this.root = doc.querySelector('[data-player]');
		this.note = doc.querySelector('[data-player-note]');
		this.go = doc.querySelector('[data-player-go]');
		this.player = null;
		this.ended = null; // resolves with the end effect
		this.effects = []; // what this page handed to the outbox, for the end screen
		this.endScreen = null;
		this.pump = new Pump({
			drain: () => { this.flushWarning(); return this.outbox.drain((rec) => this.sendOne(rec)); },
			left: async () => (await this.outbox.all()).length,
			onChange: (n) => this.showSaved(n),
		});
	}

	async sendOne(rec) {
		return this.send(rec, (data) => {
			if (rec.fx.fx === 'end' && data && data.after_bad && this.endScreen && rec.session === this.sessionId)
				this.endScreen.afterBad();
		});
	}

	// How many steps wait, and those the server refused for good (kept aside): on the end
	// screen, or in the note before a session.
	async showSaved(left) {
		let aside = [];
		try { aside = await this.outbox.aside(); } catch { aside = []; }
		if (this.endScreen) {
			this.endScreen.update(left);
			this.endScreen.showAside(aside);
		} else if (aside.length && !this.player) {
			const why = [...new Set(aside.map((r) => r.why))].join(' ');
			this.say(`${aside.length} ${aside.length === 1 ? 'step' : 'steps'} of an earlier session could not be saved: the `
				+ `server refused ${aside.length === 1 ? 'it' : 'them'} (${why}). ${aside.length === 1 ? 'It is' : 'They are'} `
				+ 'kept on this device.');
		}
	}

	say(text) {
		if (this.note) this.note.textContent = text;
	}

	// The engine's options for the session the server gave (null: the routine's doses).
	sessionOptions(session) {
		if (!session || !Array.isArray(session.items)) return {};
		return {
			doses: session.items.map(({ item, exercise, reps, duration_s, paused, prescribed, sets, hold_s }) =>
				({ item, exercise, reps, duration_s, paused, prescribed, sets, hold_s })),
		};
	}

	// The content holds every exercise the session runs (one chosen instead of an item is
	// not among the routine's versions, and a step the person's trainer added is not in
	// the routine as the Library has it): fetched now when missing, the steps added put in
	// their places at the exercise's own dose, the engine's content made again.
	async withExercises(session) {
		const items = session?.items || [];
		const have = new Set(this.json.exercises.map((e) => e.id));
		const want = [...new Set(items.flatMap((it) => [it.exercise, it.slot]))].filter((x) => x && !have.has(x));
		const added = (routine) => items.some((it, i) => routine.items[i]?.exercise !== it.slot);
		if (!want.length && !added(this.json.routine)) return;
		const json = want.length ? await this.content(this.routineId, want) : this.json;
		for (const [i, it] of items.entries()) {
			if (json.routine.items[i]?.exercise === it.slot) continue;
			const ex = json.exercises.find((e) => e.id === it.slot);
			if (ex) json.routine.items.splice(i, 0, { exercise: ex.id, dose: ex.dose });
		}
		const c = this.engine.content(json);
		this.c.free();
		Object.assign(this, { json, c });
	}

	// Start on the next tap of the Start button (once: a tap that was refused arms it again).
	arm() {
		if (!this.go || this.armed) return;
		this.armed = true;
		this.go.addEventListener('click', () => { this.armed = false; this.start(); }, { once: true });
	}

	// The length of the session the server gave, on the start panel (the plan's doses).
	showMinutes(session) {
		const el = this.doc.querySelector('[data-player-minutes]');
		if (el && session && session.minutes > 0) el.textContent = String(session.minutes);
	}

	// A session running on the computer that may be ended from here: a button that asks
	// the server to end it and starts this one.
	offerEnd() {
		if (!this.startPanel || this.startPanel.querySelector('[data-player-end-running]')) return;
		const b = this.doc.createElement('button');
		b.type = 'button';
		b.className = 'button player-end-running';
		b.dataset.playerEndRunning = '';
		b.textContent = 'End that session and start here';
		b.addEventListener('click', () => { b.remove(); this.start({ endRunning: true }); }, { once: true });
		(this.go || this.note).after(b);
	}

	// Load the content and the engine; show Start, or Resume where a session stopped.
	async prepare() {
		const [json, engine] = await Promise.all([this.content(this.routineId), loadEngine(fetch(this.engineUrl))]);
		this.engine = engine;
		this.json = json;
		this.c = engine.content(json);
		const p = this.resume.get(this.routineId);
		if (p && p.item >= json.routine.items.length) this.resume.clear();
		this.point = this.resume.get(this.routineId);
		if (this.point && this.go)
			this.go.textContent = `Resume at exercise ${this.point.item + 1} of ${json.routine.items.length}`;
		// a finished session's end left waiting for the pain after (the page was closed at
		// the question): written now, the pain after not given, as the terminal does
		const left = this.pendingEnd();
		if (left) await this.writeEnd(left, -1).catch(() => {});
		// a pass for a start with the server out of reach (player-pass.js); the gate's no forgets the kept one
		if (this.passAhead) {
			try {
				const a = await this.passAhead(this.routineId);
				if (a && !a.unreachable && !a.running) this.passes.answered(this.routineId, a);
				if (a && a.allowed) {
					this.showMinutes(a.session);
					await this.withExercises(a.session); // kept by the worker for a start without the server
				}
			} catch { /* out of reach: the kept pass stays */ }
		}
		// what a past session left in the outbox goes now, on the timer while some is left,
		// and whenever the network is back
		this.pump.kick();
		globalThis.addEventListener('online', () => this.pump.kick());
		this.showSaved(null);
		if (this.go) this.go.disabled = false;
		this.arm();
	}

	// A warning sign (the engine's pain report with score -1: dizziness or the like) goes
	// to the server at once, ahead of the outbox, with its step's record (the server stores
	// it once with the session: the outbox's copy is a repeat), so the one gate sees it
	// before any next session on any front end. Until the server has it, this device
	// starts no session, with or without the server; and no kept pass is used again.
	async reportWarning(rec) {
		this.passes.forgetAll();
		this.warningPending = rec || true;
		try { this.storage.setItem(WARNING_KEY, JSON.stringify(rec || null)); } catch { /* private mode */ }
		return this.flushWarning();
	}

	// One send at a time (a drain and the warning itself both ask): a warning sent alone
	// twice at once would be stored twice.
	flushWarning() {
		if (!this.flushing) this.flushing = this.flushWarningOnce().finally(() => { this.flushing = null; });
		return this.flushing;
	}

	async flushWarningOnce() {
		let pending = this.warningPending, kept = null;
		try { kept = this.storage.getItem(WARNING_KEY); } catch { /* private mode */ }
		if (!pending && kept === null) return true;
		let rec = typeof pending === 'object' ? pending : null;
		if (!rec && kept) try { rec = JSON.parse(kept); } catch { rec = null; } // an older page kept a time: sent alone
		if (rec && typeof rec !== 'object') rec = null;
		let ok = false;
		try { ok = await this.warn(rec); } catch { ok = false; }
		if (ok) {
			this.warningPending = false;
			try { this.storage.removeItem(WARNING_KEY); } catch { /* private mode */ }
		}
		return ok;
	}

	pendingEnd() {
		try { return JSON.parse(this.storage.getItem(END_KEY)); } catch { return null; }
	}

	// The end of a finished session to the outbox, with the pain after (-1: not given).
	async writeEnd(rec, painAfter) {
		await this.outbox.add({ ...rec, fx: { ...rec.fx, pain_after: painAfter } });
		try { this.storage.removeItem(END_KEY); } catch { /* private mode */ }
		this.pump.kick();
	}

	// The gate's answer for a start: the server's, or with the server out of reach the
	// kept pass under the offline rule (player-pass.js).
	async gate(point, opts = {}) {
		if (!(await this.flushWarning()))
			return {
				allowed: false,
				message: 'A warning sign from your last session has not reached the server yet, and no session starts '
					+ 'until it has. Check the connection to the server and tap Start again.',
			};
		const answer = await this.pass(this.routineId, point, opts);
		if (answer && answer.unreachable) return this.passes.offline(this.routineId, answer.pain ?? null);
		if (answer && answer.running) return answer; // not the gate's no: the kept pass stays
		this.passes.answered(this.routineId, answer);
		return answer;
	}

	// The Start (or Resume) tap; endRunning: the tap on "End that session and start here".
	async start({ endRunning = false } = {}) {
		const ctx = new AudioContext();
		const sounds = new Sounds(ctx);
		const clips = 'clips' in this.speakerOptions ? this.speakerOptions.clips : new ClipVoice({ ctx, sounds });
		const speaker = new Speaker({ ...this.speakerOptions, clips });
		speaker.unlock(); // inside the tap, for iOS
		await ctx.resume();
		const point = this.point;
		const answer = await this.gate(point, endRunning ? { endRunning } : {});
		let failed = !answer || !answer.allowed ? (answer && answer.message) || 'The session cannot start now.' : null;
		if (!failed) {
			try {
				await this.withExercises(answer.session);
			} catch (err) {
				failed = `The session could not be prepared: ${err.message}`;
			}
		}
		if (failed) {
			this.say(failed);
			if (answer && answer.running && answer.running.can_end) this.offerEnd();
			ctx.close().catch(() => {});
			// Start again once what stopped it changed (a pain score, the safety questions)
			this.arm();
			return false;
		}
		await speaker.ready();
		const clock = new AudioClock(ctx, { rate: this.rate });
		const live = new LiveRegion(this.root.appendChild(this.doc.createElement('p')));
		live.el.className = 'visually-hidden';
		const sessionId = point ? point.session : this.newId();
		const started = point && point.started ? point.started : Date.now();
		this.sessionId = sessionId;
		// the session as the server gave it (the plan's doses; the routine's without one)
		const opts = { ...this.sessionOptions(answer.session), ...(point ? { resumeItem: point.item, resumeUnits: point.units } : {}) };
		this.showMinutes(answer.session);
		if (!point) this.resume.begin(sessionId, this.routineId, answer.token, 0, 0, started);
		if (answer.offline) this.say('The server cannot be reached: the session runs on this device, and is sent when the server is back.');
		else if (answer.note) this.say(answer.note);
		const awake = new Awake({ note: (t) => this.say(t) });
		let endFx;
		this.ended = new Promise((r) => { endFx = r; });
		let screen = null, figure = null;
		const player = new CuePlayer({
			makeSession: () => this.engine.session(this.c, this.routineId, opts), pass: answer.token, clock, sounds,
			onDue: (fx) => {
				if (fx.fx === 'say') {
					if (!/^\d{1,2}$/.test(fx.text)) speaker.say(fx.text); // counts are sounds already
					live.say(fx.text);
					screen.said(fx.text);
				}
				if (PERSIST.has(fx.fx)) {
					this.resume.effect(fx); // at once, synchronously, before anything can be lost
					this.effects.push(fx);
					const rec = { key: this.newId(), session: sessionId, routine: this.routineId, pass: answer.token, fx,
						at: new Date().toISOString(), started };
					if (fx.fx === 'pain' && fx.score === -1) this.reportWarning(rec);
					if (fx.fx === 'end' && fx.status === 1) {
						// the pain after is asked first; until answered the end waits here (a reload writes it unanswered)
						try { this.storage.setItem(END_KEY, JSON.stringify(rec)); } catch { /* private mode */ }
						this.endRecord = rec;
					} else {
						this.outbox.add(rec).then(() => this.pump.kick())
							.catch((err) => this.say(`Could not keep a set on this device: ${err.message}`));
					}
				}
				if (fx.fx === 'end') {
					awake.release();
					figure.stop();
					const rec = this.endRecord;
					this.endScreen = new EndScreen(this.doc, this.root, summarize(this.effects), {
						answer: rec ? (score) => this.writeEnd(rec, score).catch((err) => this.say(`Could not keep the end on this device: ${err.message}`)) : null,
					});
					this.root.hidden = true;
					this.pump.kick();
					endFx(fx);
				}
			},
		});
		screen = new PlayerScreen(this.root, {
			send: (name, score) => {
				if (name === 'toggle' || name === 'pause') speaker.cancel();
				return player.input(name, score);
			},
		});
		figure = new FigureView({ el: screen.figure, player, clock });
		this.doc.addEventListener('keydown', (e) => { if (!player.done && screen.key(e)) e.preventDefault(); });
		if (this.startPanel) this.startPanel.hidden = true;
		this.root.hidden = false;
		this.player = player;
		this.screen = screen;
		player.start({ inMs: 300 });
		figure.start();
		const draw = () => {
			screen.update(player.view());
			if (!(player.done && !player.queue.length)) requestAnimationFrame(draw);
			else screen.update(player.view());
		};
		requestAnimationFrame(draw);
		await awake.hold();
		return true;
	}
}
