// engine.mjs: the JavaScript side of the engine (web/static/player/engine.js) in Node.js:
// a bad value in the content JSON is refused with its JSON path; no session starts
// without the server's pass, nor with a pass for another routine; the session's
// options are checked; many sessions in a row do not grow the module's memory.
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

t('memory stays flat over many sessions', () => {
	const script = `@routine upper-back-activation\n@pass ${PASS}\n@opt ask_feel 1\nfinish\n`;
	runScript(engine, json, script);
	const before = engine.x.memory.buffer.byteLength;
	for (let i = 0; i < 30; i++) runScript(engine, json, script);
	assert.equal(engine.x.memory.buffer.byteLength, before);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
