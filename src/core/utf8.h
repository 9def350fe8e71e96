/* utf8.h: checks on text from users and content files, and showing it safely: strict
 * UTF-8 validation, counting characters, repairing text from a Latin-1 terminal,
 * finding control characters, and making them visible before text reaches a terminal. */
#ifndef UNHUNCH_UTF8_H
#define UNHUNCH_UTF8_H
#include "core/strbuf.h"
#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 (no overlong forms, no surrogates, nothing
 * above U+10FFFF). *bad, when not NULL, gets the offset of the first bad byte. */
bool utf8_valid(const char *s, size_t n, size_t *bad);
/* The same for a NUL-terminated string. */
bool utf8_valid_str(const char *s);

/* Characters (code points) in valid UTF-8 text. */
size_t utf8_chars(const char *s);

/* Append s[0..n) to out as valid UTF-8: well-formed sequences are kept, and every byte
 * that is not part of one is read as Latin-1 (what a Latin-1 terminal typed), so no
 * character is dropped. */
void utf8_repair(struct strbuf *out, const char *s, size_t n);

/* The first control character of valid UTF-8 text s (C0, DEL or C1), with newline and
 * tab allowed when multiline; its code point, or 0 when there is none. */
unsigned utf8_control(const char *s, bool multiline);
/* A name for a control character: "ESC", "BEL", "CR", "LF", "TAB", "NUL", else "U+XXXX"
 * (into buf, at least 8 bytes). */
const char *utf8_control_name(unsigned cp, char *buf);

/* Append s to out with every control character shown as \xNN (\n and \t kept when
 * multiline) and every byte of invalid UTF-8 as \xNN, so nothing from a user or a
 * content file can move the cursor, ring the bell or change the terminal. */
void utf8_visible(struct strbuf *out, const char *s, bool multiline);

#endif
