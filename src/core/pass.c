/* pass.c: the text form of a gate's pass (see pass.h). */
#include "pass.h"
#include "safety.h"
#include "strbuf.h"
#include <stdlib.h>
#include <string.h>

#define PARTS 8 /* up2; up1 has no issue time: 7 */

void pass_token_payload(const struct pass_claims *c, struct strbuf *out)
{
	const char *flags = c->neck_ok && c->gentle ? "ng" : c->neck_ok ? "n" : c->gentle ? "g" : "-";
	if (c->issued_s > 0)
		strbuf_addf(out, PASS_TOKEN_VERSION ".%s.%s.%s.%d.%lld.%s", gate_entry_names[c->entry], c->routine,
			    flags, c->pain_before, c->issued_s, c->id);
	else
		strbuf_addf(out, PASS_TOKEN_OLD ".%s.%s.%s.%d.%s", gate_entry_names[c->entry], c->routine, flags,
			    c->pain_before, c->id);
}

static bool charset(const char *s, size_t n, const char *extra)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (extra && strchr(extra, ch));
		if (!ok)
			return false;
	}
	return true;
}

static int bad(struct strbuf *err, const char *what)
{
	strbuf_addf(err, "the session pass is not valid: %s", what);
	return -1;
}

int pass_token_parse(const char *token, struct pass_claims *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	if (!token || !*token)
		return bad(err, "there is none (ask the server's gate for one)");
	size_t len = strlen(token);
	if (len > PASS_TOKEN_MAX)
		return bad(err, "it is too long");
	const char *part[PARTS];
	size_t plen[PARTS], n = 0;
	const char *p = token;
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);
		if (n == PARTS)
			return bad(err, "it has too many parts");
		part[n] = p;
		plen[n++] = l;
		if (!dot)
			break;
		p = dot + 1;
	}
	bool v2 = plen[0] == strlen(PASS_TOKEN_VERSION) && !memcmp(part[0], PASS_TOKEN_VERSION, plen[0]);
	bool v1 = plen[0] == strlen(PASS_TOKEN_OLD) && !memcmp(part[0], PASS_TOKEN_OLD, plen[0]);
	if (!v1 && !v2)
		return bad(err, "its version is not " PASS_TOKEN_VERSION);
	if (n < (v2 ? PARTS : PARTS - 1))
		return bad(err, "it has too few parts");
	if (v1 && n == PARTS)
		return bad(err, "it has too many parts");
	if (v2) {
		/* the issue time sits before the id: read it, then drop it from the parts */
		char num[16] = { 0 };
		if (!plen[5] || plen[5] > 12 || !charset(part[5], plen[5], NULL) || part[5][0] < '1' || part[5][0] > '9')
			return bad(err, "its issue time is not a number of seconds");
		memcpy(num, part[5], plen[5]);
		for (int i = 0; num[i]; i++)
			if (num[i] < '0' || num[i] > '9')
				return bad(err, "its issue time is not a number of seconds");
		out->issued_s = strtoll(num, NULL, 10);
		part[5] = part[6], plen[5] = plen[6];
		part[6] = part[7], plen[6] = plen[7];
	}
	out->entry = -1;
	for (int i = 0; gate_entry_names[i]; i++)
		if (strlen(gate_entry_names[i]) == plen[1] && !memcmp(gate_entry_names[i], part[1], plen[1]))
			out->entry = i;
	if (out->entry < 0)
		return bad(err, "it names no known way into exercise");
	if (!plen[2] || plen[2] >= sizeof(out->routine) || !charset(part[2], plen[2], "-"))
		return bad(err, "its routine is not a routine id");
	memcpy(out->routine, part[2], plen[2]);
	if (plen[3] == 1 && part[3][0] == '-') {
		/* neither */
	} else if (plen[3] >= 1 && plen[3] <= 2 && charset(part[3], plen[3], NULL)) {
		for (size_t i = 0; i < plen[3]; i++) {
			bool *flag = part[3][i] == 'n' ? &out->neck_ok : part[3][i] == 'g' ? &out->gentle : NULL;
			if (!flag || *flag)
				return bad(err, "its limits are not \"-\", \"n\", \"g\" or \"ng\"");
			*flag = true;
		}
	} else {
		return bad(err, "its limits are not \"-\", \"n\", \"g\" or \"ng\"");
	}
	char num[4] = { 0 };
	if (!plen[4] || plen[4] > 2 || !charset(part[4], plen[4], "-"))
		return bad(err, "its pain score is not a number from -1 to 10");
	memcpy(num, part[4], plen[4]);
	char *end;
	long pain = strtol(num, &end, 10);
	if (*end || pain < -1 || pain > 10 || (num[0] == '0' && num[1]))
		return bad(err, "its pain score is not a number from -1 to 10");
	out->pain_before = (int)pain;
	if (plen[5] < 8 || plen[5] >= sizeof(out->id) || !charset(part[5], plen[5], "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-"))
		return bad(err, "its id is not 8 to 64 letters, digits, '-' or '_'");
	memcpy(out->id, part[5], plen[5]);
	if (plen[6] < 16 || plen[6] > 128 || !charset(part[6], plen[6], "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-"))
		return bad(err, "it carries no signature from the server");
	return 0;
}
