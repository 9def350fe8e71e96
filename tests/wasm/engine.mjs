// engine.mjs: the JavaScript side of the engine (web/static/player/engine.js) in Node.js:
// a bad value in the content JSON is refused with its JSON path; no session starts
// without the server's pass, nor with a pass for another routine; the session's
// options are checked; a step a trainer added (the session's items from the server)
// goes into the routine at its place and plays at its dose (player-page.js); many
// sessions in a row do not grow the module's memory.
// usage: node engine.mjs ENGINE_WASM CONTENT_JSON (the upper-back-activation routine)
import { WASI } from 'node:wasi';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadEngine } from '../../web/static/player-engine.js';
import { runScript } from './script.mjs';

const [wasmPath, contentPath] = process.argv.slice(2);
const engine = await loadEngine(fs.readFileSync(wasmPath), { wasi: new WASI({ version: 'preview1' }) });
const json = JSON.parse(fs.readFileSync(contentPath, 'utf8'));
const PASS = 'up1.start.upper-back-activation.-.2.test-pass-0001.0123456789abcdef0123';
let failed = 0, passed = 0;
function t(name, f) {
	try { f(); passed++; } catch (err) { failed++; console.error(`FAIL: ${name}: ${err.message}`); }
}

t('a bad value names its JSON path', () => {
	const bad = structuredClone(json);
	const i = bad.exercises.findIndex((e) => e.dose && e.dose.tempo);
	bad.exercises[i].dose.tempo[0].phase = 'sideways';
	assert.throws(() => engine.content(bad), { message: `exercises[${i}].dose.tempo[0]: tempo: not a phase of a rep or a breath` });
	const bad2 = structuredClone(json);
	bad2.routine.items[2].dose.reps = { min: 0, max: 3 };
	assert.throws(() => engine.content(bad2), { message: 'routine.items[2].dose.reps: reps: not a range of reps from 1 to 100' });
	const bad3 = structuredClone(json);
	bad3.routine.items[0].exercise = 'no-such-exercise';
	assert.throws(() => engine.content(bad3), /item 1: exercise no-such-exercise is not in the content/);
});

t('no pass, a broken pass, a pass for another routine', () => {
	const c = engine.content(json);
	const s = engine.session(c, 'upper-back-activation');
	assert.throws(() => s.start('', 0), { code: 'no-pass', message: /there is none/ });
	assert.throws(() => s.start(PASS.replace('up1', 'up0'), 0), { code: 'no-pass' });
	assert.throws(() => s.start(PASS.replace('.upper-back-activation.', '.front-release.'), 0), { code: 'wrong-pass' });
	assert.throws(() => s.input('tick', 0), /has not started/);
	const first = JSON.parse(s.start(PASS, 5000));
	assert.equal(first.input, 'start');
	assert.equal(first.view.exercise.id, 'glute-bridge');
	assert.equal(s.deadline(), first.view.deadline);
	assert.throws(() => s.start(PASS, 0), { code: 'started' });
	s.free();
	c.free();
});

t('session options are checked', () => {
	const c = engine.content(json);
	assert.throws(() => engine.session(c, 'nothing'), /routine nothing is not in the content/);
	assert.throws(() => engine.session(c, 'upper-back-activation', { pacing: 'fast' }), /pacing: not an option/);
	assert.throws(() => engine.session(c, 'upper-back-activation', { resumeItem: 99 }), /resume_item/);
	assert.throws(() => engine.session(c, 'upper-back-activation', { doses: [{ item: 0, exercise: 'nope', reps: 3 }] }), /exercise nope is not in the content/);
	c.free();
});

t('a trainer\'s prescription plays: its reps past the content\'s range, its sets and hold', () => {
	const c = engine.content(json);
	const start = (dose) => {
		const s = engine.session(c, 'upper-back-activation', { doses: [dose] });
		const v = JSON.parse(s.start(PASS, 5000)).view;
		s.free();
		return v;
	};
	const plain = start({ item: 0, exercise: 'glute-bridge', reps: 14 }); // kept within 10
	const rx = start({ item: 0, exercise: 'glute-bridge', reps: 14, prescribed: true, sets: 2, hold_s: 3 });
	assert.equal(plain.segment.sets, 1);
	assert.equal(rx.segment.sets, 2);
	// 10 reps of 2 + 1 + 2 s against 2 sets of 14 reps of 2 + 3 + 2 s (and the rest between)
	assert.ok(rx.remaining_s - plain.remaining_s >= 2 * 14 * 7 - 10 * 5, `${rx.remaining_s} against ${plain.remaining_s}`);
	assert.throws(() => engine.session(c, 'upper-back-activation', { doses: [{ item: 99, reps: 3, prescribed: true }] }));
	c.free();
});

t('a bad picture is refused with its JSON path, or as the content check says', () => {
	const i = json.exercises.findIndex((e) => e.id === 'glute-bridge');
	const bad = (f) => { const b = structuredClone(json); f(b.exercises[i].picture); return b; };
	const at = `exercises[${i}].picture`;
	assert.throws(() => engine.content(bad((p) => { p.view = 'sideways'; })), { message: `${at}.view: picture: not a view (side, front, top, above)` });
	assert.throws(() => engine.content(bad((p) => { p.poses.start.elbw = 10; })), { message: `${at}.poses["start"].elbw: angle: not a joint` });
	assert.throws(() => engine.content(bad((p) => { p.poses.up.out = { torso: 5 }; })), { message: `${at}.poses["up"].out.torso: out: not a limb's joint` });
	assert.throws(() => engine.content(bad((p) => { p.poses.start.rests[0].point = 'tail'; })), { message: `${at}.poses["start"].rests[0]: rest.floor: not a body point` });
	assert.throws(() => engine.content(bad((p) => { p.poses.start.rests[0].on = 'ceiling'; })), { message: `${at}.poses["start"].rests[0]: rest.ceiling: not a surface (floor, wall, seat, bed, frame)` });
	assert.throws(() => engine.content(bad((p) => { p.poses.start.knee = [400, 120]; })), { message: `${at}.poses["start"].knee[0]: angle: not a whole number of degrees from -360 to 360` });
	// what the geometry says, as validate says it for a content file
	assert.throws(() => engine.content(bad((p) => { p.poses.start.knee = [170, 120]; })),
		{ message: 'content: exercise glute-bridge: picture: knee: left knee 170 degrees is outside its range in the side view (0 to 155) in the start pose' });
	assert.throws(() => engine.content(bad((p) => { delete p.poses.up; })),
		{ message: "content: exercise glute-bridge: picture: poses: the 'up' pose is missing (this dose needs start and up)" });
	assert.throws(() => engine.content(bad((p) => { p.poses.up.rests.push({ on: 'floor', point: 'pelvis' }); })),
		/content: exercise glute-bridge: picture: floor: the pelvis should touch the floor but is \d+ cm away from it in the up pose/);
});

t('the figure: drawn for a segment of the session, refused for one that is not', () => {
	const c = engine.content(json);
	const s = engine.session(c, 'upper-back-activation');
	assert.throws(() => s.figure({ item: 0, segment: { kind: 'ready', rep: 0, side_no: -1, position_no: -1 } }, 0), /figure: not a segment/);
	const v = JSON.parse(s.start(PASS, 0)).view;
	const svg = s.figure(v, 0);
	const [, w, h] = svg.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="([\d.]+)" height="([\d.]+)" [^>]*aria-label="Glute bridge"/).map(Number);
	assert.ok(h <= 240 && w <= 1.7 * 240 + 0.1 && (h > 239 || w > 1.7 * 240 - 0.1), `a figure ${w}x${h} for 240 high`);
	assert.throws(() => s.figure({ ...v, item: 99 }, 0), /figure: not a segment/);
	assert.throws(() => s.figure({ ...v, segment: { ...v.segment, kind: 'dance' } }, 0), /figure: not a segment/);
	assert.throws(() => s.figure({ ...v, segment: { ...v.segment, side_no: 3 } }, 0), /figure: not a segment/);
	assert.throws(() => s.figure(v, 0.5, 5), /figure: not a segment/);
	assert.equal(Number(s.figure(v, 0, 480).match(/width="([\d.]+)"/)[1]), 2 * w);
	s.free();
	c.free();
});

// The page's withExercises with the server's session of a routine with a step added
// (as routes-player.c sends it): the step put in the routine at its place.
{
	globalThis.document ??= { querySelector: () => null }; // the page's modules read it when loaded
	const { PlayerPage } = await import('../../web/static/player-page.js');
	const page = Object.create(PlayerPage.prototype);
	Object.assign(page, { json: structuredClone(json), engine, c: engine.content(json), routineId: 'upper-back-activation',
		content: async () => { throw new Error('every exercise is there: nothing is fetched'); } });
	const added = json.exercises.find((e) => e.id === 'glute-bridge-long-hold');
	const items = json.routine.items.map((it) => ({ slot: it.exercise, exercise: it.exercise, reps: 0 }));
	items.splice(1, 0, { slot: added.id, exercise: added.id, reps: 7, prescribed: true });
	items.forEach((it, i) => { it.item = i; });
	let err = null;
	try { await page.withExercises({ items }); } catch (e) { err = e; }
	t('a step the trainer added goes into the routine at its place', () => {
		assert.equal(err, null);
		assert.equal(page.json.routine.items.length, json.routine.items.length + 1);
		assert.equal(page.json.routine.items[1].exercise, added.id);
		assert.equal(page.json.routine.items[2].exercise, json.routine.items[1].exercise);
		assert.equal(json.routine.items.length, 8); // the Library's routine as it was
	});
	t('and plays at its dose', () => {
		const s = engine.session(page.c, 'upper-back-activation', { doses: [items[1]], resumeItem: 1 });
		const v = JSON.parse(s.start(PASS, 5000)).view;
		s.free();
		assert.equal(v.item, 1);
		assert.equal(v.exercise.id, added.id);
		assert.equal(v.n_items ?? 9, 9);
	});
	page.c.free();
}

t('memory stays flat over many sessions', () => {
	const script = `@routine upper-back-activation\n@pass ${PASS}\n@opt ask_feel 1\n@figures 100\nfinish\n`;
	runScript(engine, json, script);
	const before = engine.x.memory.buffer.byteLength;
	for (let i = 0; i < 30; i++) runScript(engine, json, script);
	assert.equal(engine.x.memory.buffer.byteLength, before);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
