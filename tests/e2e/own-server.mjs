// own-server.mjs: a real `unhunch serve` for a browser test that stops and starts it:
// its own data folder (the test routines of tests/cli/content/fast.yaml, the safety
// questions answered), a fixed loopback port kept across restarts, the command on the
// same store (`unhunch ARGS`) and the store read with sqlite3. Stopped by its process id.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export async function ownServer(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const env = { ...process.env, HOME: path.join(dir, 'home'), XDG_DATA_HOME: path.join(dir, 'data'),
		XDG_CONFIG_HOME: path.join(dir, 'config'), NO_COLOR: '1' };
	fs.mkdirSync(path.join(env.XDG_DATA_HOME, 'unhunch'), { recursive: true });
	fs.mkdirSync(env.HOME, { recursive: true });
	fs.copyFileSync(path.join(root, 'tests/cli/content/fast.yaml'), path.join(env.XDG_DATA_HOME, 'unhunch/fast.yaml'));
	const db = path.join(env.XDG_DATA_HOME, 'unhunch/unhunch.db');
	const unhunch = (args, input) => execFileSync(process.env.UNHUNCH, args, { env, input, encoding: 'utf8' });
	unhunch(['screen'], 'n\n'.repeat(60));
	const port = await new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
	});
	const s = {
		dir, env, db, unhunch, base: `http://127.0.0.1:${port}/`, proc: null,
		sql: (q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim(),
		async start() {
			s.proc = spawn(process.env.UNHUNCH, ['serve', '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
			let out = '';
			s.proc.stdout.on('data', (b) => { out += b; });
			// up to 60 s (a build with sanitizers on a loaded machine), less when it dies
			let code = null;
			s.proc.on('exit', (c) => { code = c; });
			for (let i = 0; i < 600 && !out.includes('http://') && code === null; i++) await new Promise((r) => setTimeout(r, 100));
			if (!out.includes('http://')) throw new Error(`the server did not start on port ${port}${code === null ? ' within 60 s' : ` (it exited with ${code})`}: ${out}`);
		},
		async stop() {
			const done = new Promise((r) => s.proc.on('exit', (code) => r(code)));
			s.proc.kill('SIGTERM');
			const code = await done;
			s.proc = null;
			return code;
		},
		close() {
			if (s.proc) s.proc.kill('SIGKILL');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
	return s;
}
