/* wordlist-read.h: read a word list file (one word a line, as Debian's john-data ships
 * /usr/share/john/password.lst) into a struct wordlist (core/wordlist.h). */
#ifndef UNHUNCH_FORMAT_WORDLIST_READ_H
#define UNHUNCH_FORMAT_WORDLIST_READ_H
#include "core/strbuf.h"
#include "core/wordlist.h"

/* Lines starting with "#!comment:" and empty lines are skipped; a line's CR and LF
 * are not part of its word. Returns 0, or -1 with "FILE: why" in err (a missing or
 * unreadable file, or one with no word). */
int wordlist_read(struct wordlist *w, const char *path, struct strbuf *err);

#endif
