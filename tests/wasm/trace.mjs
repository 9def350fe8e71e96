// trace.mjs: a trace script through engine.wasm in Node.js (node:wasi), one JSON line
// per engine call on stdout, as engine-trace writes them for the native engine.
// usage: node trace.mjs ENGINE_WASM CONTENT_JSON SCRIPT
import { WASI } from 'node:wasi';
import fs from 'node:fs';
import { loadEngine } from '../../web/static/player-engine.js';
import { runScript } from './script.mjs';

const [wasmPath, contentPath, scriptPath] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [], env: {} });
const engine = await loadEngine(fs.readFileSync(wasmPath), { wasi });
const { lines } = runScript(engine, JSON.parse(fs.readFileSync(contentPath, 'utf8')), fs.readFileSync(scriptPath, 'utf8'));
process.stdout.write(lines.map((l) => l + '\n').join(''));
