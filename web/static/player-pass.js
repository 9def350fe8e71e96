// player-pass.js: the pass a session may start under when the server cannot be reached
// (docs/api.md, "Offline"). The page keeps the newest pass the gate gave it for each
// routine; the gate's refusal and a warning sign met on this device delete it. Offline,
// Start may use it only when it was given at most 12 hours ago and the pain given now is
// not above the pain it was given with (an empty pain field: any pass; a pass given
// without a pain score takes only an empty one): the gate has then already said yes to
// the same or a lighter case. The engine runs what the pass seals (routine, limits, pain
// before), as online, with the session the server gave with that pass (the plan's doses,
// docs/api.md), kept beside it. This file reads the token; it decides nothing the gate
// decides.

export const OFFLINE_PASS_MAX_MS = 12 * 3600 * 1000;
const KEY = 'unhunch-player-passes';
const SESSIONS = 'unhunch-player-sessions'; // the session given with each kept pass

// The parts of a token up2.<entry>.<routine>.<flags>.<pain>.<issued>.<id>.<mac> the page
// needs, or null when it is not one.
export function readPass(token) {
	const m = /^up2\.([a-z-]+)\.([a-z0-9-]+)\.([a-z-]+)\.(-1|10|[0-9])\.([0-9]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token || '');
	if (!m) return null;
	return { entry: m[1], routine: m[2], pain: Number(m[4]), issuedMs: Number(m[5]) * 1000, id: m[6] };
}

export class PassKeeper {
	constructor({ storage = globalThis.localStorage, now = () => Date.now(), maxAgeMs = OFFLINE_PASS_MAX_MS } = {}) {
		Object.assign(this, { storage, now, maxAgeMs });
	}

	all() {
		try { return JSON.parse(this.storage.getItem(KEY)) || {}; } catch { return {}; }
	}

	write(o, key = KEY) {
		try { this.storage.setItem(key, JSON.stringify(o)); } catch { /* private mode: no offline start */ }
	}

	sessions() {
		try { return JSON.parse(this.storage.getItem(SESSIONS)) || {}; } catch { return {}; }
	}

	// The session given with the routine's kept pass (null: none, the routine's doses).
	session(routine) {
		return this.all()[routine] ? this.sessions()[routine] || null : null;
	}

	// The gate said yes (keep its pass, the newest for its routine, and its session) or no
	// (forget the routine's).
	answered(routine, answer) {
		const o = this.all(), ss = this.sessions();
		const p = answer && answer.allowed ? readPass(answer.token) : null;
		if (p && p.routine === routine && (!o[routine] || readPass(o[routine]).issuedMs <= p.issuedMs)) {
			o[routine] = answer.token;
			ss[routine] = answer.session || null;
		} else if (!answer || !answer.allowed) {
			delete o[routine];
			delete ss[routine];
		}
		this.write(o);
		this.write(ss, SESSIONS);
	}

	// A warning sign on this device: no pass kept is used again.
	forgetAll() {
		try { this.storage.removeItem(KEY); this.storage.removeItem(SESSIONS); } catch { /* nothing kept */ }
	}

	// The gate's answer offline for routine with the pain given now (null: left empty):
	// {allowed, token, message, offline: true}.
	offline(routine, painNow) {
		const token = this.all()[routine], p = readPass(token);
		const no = (message) => ({ allowed: false, offline: true, message });
		if (!p || p.routine !== routine || p.entry !== 'web-player')
			return no('The server cannot be reached, and this device has no pass from the safety check to start '
				+ 'without it. Open this page once with the server in reach, then try again.');
		const age = this.now() - p.issuedMs;
		if (age > this.maxAgeMs || age < -5 * 60 * 1000)
			return no('The server cannot be reached, and the safety check last said yes on this device more than '
				+ '12 hours ago. A session starts without the server only within 12 hours of that. Try again '
				+ 'once the server is in reach.');
		if (painNow !== null && (p.pain < 0 || painNow > p.pain))
			return no(p.pain < 0
				? 'The server cannot be reached, and the safety check has not seen a pain score today. Leave the '
					+ 'pain empty to start, or start once the server is in reach.'
				: `The server cannot be reached, and the safety check last said yes with a pain of ${p.pain}. With `
					+ 'more pain than that, the session starts only once the server is in reach.');
		return { allowed: true, offline: true, token, message: null, session: this.session(routine) };
	}
}
