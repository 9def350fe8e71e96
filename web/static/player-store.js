// player-store.js: what the web player keeps in the browser so nothing done is lost.
//
// Outbox (IndexedDB): every effect the server must store (a set done, an exercise ended, a
// pain report, how it felt, the session's end) is written at once, in order, each with
// its own idempotency key (a random UUID made when it is written). drain(send) sends them
// oldest first and deletes each only once the server has taken it; a send that fails
// stops the drain, and the rest wait for the next one. The server stores each key once
// and answers a repeat with its first answer (docs/player.md), so a send repeated after a
// lost answer, a reload or a reconnect stores nothing twice. A record the server refuses
// for good (send answers {refused: why}) is moved aside (a second store, 'aside') with
// the server's reason: it is not sent again, not lost, and the page shows it.
//
// Resume (localStorage): where the session is, updated synchronously as each set is done:
// the routine, the pass it ran under, the item and how many of its sets are recorded. A
// reload or a reopened phone starts again at the set in progress, as the terminal does
// after a crash; the end of the session clears it.

const DB = 'unhunch-player', STORE = 'outbox', ASIDE = 'aside';

// A random UUID (version 4). crypto.randomUUID() exists only in a secure context, and a
// phone reaching the server by its LAN address over http is not one; getRandomValues is
// there in every context.
export function uuid() {
	if (globalThis.crypto.randomUUID && globalThis.isSecureContext) return globalThis.crypto.randomUUID();
	const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
export const PERSIST = new Set(['set', 'exercise_end', 'pain', 'feel', 'end']);

function request(r) {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
}

function done(tx) {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(tx.error || new Error('the outbox write was aborted'));
	});
}

export class Outbox {
	constructor({ idb = globalThis.indexedDB, name = DB, uuid: newKey = uuid } = {}) {
		Object.assign(this, { idb, name, newKey });
		this.db = null;
		this.draining = null;
	}

	async open() {
		if (this.db) return this.db;
		const r = this.idb.open(this.name, 2);
		r.onupgradeneeded = () => {
			const names = r.result.objectStoreNames;
			if (!names.contains(STORE)) r.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
			if (!names.contains(ASIDE)) r.result.createObjectStore(ASIDE, { keyPath: 'seq' });
		};
		this.db = await request(r);
		return this.db;
	}

	// Keep one record: {key, session, routine, pass, fx: {...the effect}, at, started}
	// (key: made now unless given). Resolves once it is on disk (the transaction is complete).
	async add(rec) {
		const db = await this.open();
		const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
		const full = { ...rec, key: rec.key || this.newKey() };
		tx.objectStore(STORE).add(full);
		await done(tx);
		return full;
	}

	async all() {
		const db = await this.open();
		return request(db.transaction(STORE).objectStore(STORE).getAll());
	}

	// The records the server refused for good, each with why and when.
	async aside() {
		const db = await this.open();
		return request(db.transaction(ASIDE).objectStore(ASIDE).getAll());
	}

	// Send each record in order with send(rec) (resolves true when the server took it,
	// {refused: why} when it never will: then the record goes aside, and the drain goes on);
	// returns how many were sent or put aside. One drain at a time.
	drain(send) {
		if (!this.draining)
			this.draining = (async () => {
				let n = 0;
				try {
					for (const rec of await this.all()) {
						let took = false;
						try {
							took = await send(rec);
						} catch {
							took = false;
						}
						if (!took) break;
						const db = await this.open();
						const tx = db.transaction([STORE, ASIDE], 'readwrite', { durability: 'strict' });
						if (took.refused) tx.objectStore(ASIDE).put({ ...rec, why: String(took.refused), refusedAt: Date.now() });
						tx.objectStore(STORE).delete(rec.seq);
						await done(tx);
						n++;
					}
				} finally {
					this.draining = null;
				}
				return n;
			})();
		return this.draining;
	}

	close() {
		if (this.db) this.db.close();
		this.db = null;
	}
}

// Where a session is, for resuming after a reload.
export class ResumePoint {
	constructor({ storage = globalThis.localStorage, key = 'unhunch-player-session', maxAgeMs = 12 * 3600 * 1000, now = () => Date.now() } = {}) {
		Object.assign(this, { storage, key, maxAgeMs, now });
	}

	// {session, routine, pass, item, units, at} or null when there is none (or it is stale,
	// or for another routine when routine is given)
	get(routine) {
		let p = null;
		try {
			p = JSON.parse(this.storage.getItem(this.key));
		} catch {
			p = null;
		}
		if (!p || typeof p !== 'object' || !Number.isInteger(p.item) || !Number.isInteger(p.units) || typeof p.pass !== 'string') return null;
		if (this.now() - p.at > this.maxAgeMs || (routine && p.routine !== routine)) return null;
		return p;
	}

	// started: when the session began (Unix ms), sent with its steps
	begin(session, routine, pass, item = 0, units = 0, started = this.now()) {
		this.save({ session, routine, pass, item, units, started });
	}

	save(p) {
		this.storage.setItem(this.key, JSON.stringify({ ...p, at: this.now() }));
	}

	// An effect handed out: a set done moves the point on; an exercise's end moves to the
	// next item; the session's end clears it.
	effect(fx) {
		const p = this.get();
		if (!p) return;
		if (fx.fx === 'set' && fx.item === p.item) this.save({ ...p, units: p.units + 1 });
		else if (fx.fx === 'set') this.save({ ...p, item: fx.item, units: 1 });
		else if (fx.fx === 'exercise_end') this.save({ ...p, item: fx.item + 1, units: 0 });
		else if (fx.fx === 'end') this.clear();
	}

	clear() {
		this.storage.removeItem(this.key);
	}
}
