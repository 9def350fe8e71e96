/* pass.h: the text form of a gate's answer, for a session run away from the gate (the
 * web player runs the engine in the browser; the server's gate decides). Pure: no
 * clock, no keys. The server writes the claims with pass_token_payload(), appends "."
 * and a MAC of that payload made with a key only it holds, and hands the page the
 * token; the page gives the token to the engine (src/wasm), which reads the claims
 * back with pass_token_parse() and runs only the routine named there, with the
 * pain score and the limits named there. A page cannot check the MAC (it has no key):
 * the server checks it when the sets of the session come back, and stores nothing
 * run under a pass it did not issue.
 *
 *   up2.<entry>.<routine>.<flags>.<pain>.<issued>.<id>.<mac>
 *
 * entry: a gate_entry name (core/safety.h); routine: its id; flags: "n" head-over-
 * the-edge work allowed, "g" the gentle way, both ("ng") or "-"; pain: the score
 * before the session (-1..10, -1 when not asked); issued: when the server gave it,
 * Unix seconds of the server's clock (the upload of the session's sets refuses an old
 * pass, see docs/player.md); id: the pass's own id (8-64 of
 * [A-Za-z0-9_-]); mac: 16-128 of [A-Za-z0-9_-]. The older form "up1" has no issued
 * part; it is still read (issued_s 0), and the server's upload refuses it. */
#ifndef UNHUNCH_PASS_H
#define UNHUNCH_PASS_H
#include <stdbool.h>

struct strbuf;

#define PASS_TOKEN_VERSION "up2"
#define PASS_TOKEN_OLD "up1" /* no issue time */
#define PASS_TOKEN_MAX 400

struct pass_claims {
	int entry;          /* enum gate_entry */
	char routine[65];
	bool neck_ok, gentle;
	int pain_before;    /* -1..10 */
	long long issued_s; /* Unix seconds when the server gave it; 0 in an "up1" token */
	char id[65];
};

/* Write the claims that the server signs ("up2.start.upper-back-activation.n.3.1765000000.ID";
 * the "up1" form, without the time, when issued_s is 0). */
void pass_token_payload(const struct pass_claims *c, struct strbuf *out);

/* Read a token. Returns 0, or -1 with the reason in err (in plain words, naming the
 * part that is wrong). The MAC is checked for shape only (see above). */
int pass_token_parse(const char *token, struct pass_claims *out, struct strbuf *err);

#endif
