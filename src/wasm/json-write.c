/* json-write.c: JSON strings for the engine's answers (RFC 8259 section 7: quote,
 * backslash and control characters escaped; other UTF-8 passes through). */
#include "wasm/export.h"

void ux_json_str(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\') {
			strbuf_addch(out, '\\');
			strbuf_addch(out, (char)*p);
		} else if (*p == '\n') {
			strbuf_addstr(out, "\\n");
		} else if (*p < 0x20) {
			strbuf_addf(out, "\\u%04x", *p);
		} else {
			strbuf_addch(out, (char)*p);
		}
	}
	strbuf_addch(out, '"');
}
