/* common-pw.c: the list of the most common passwords that the commands setting a
 * password check against (`unhunch clinic`, and `serve --clinic`, whose invitation
 * page sets one), read from Debian's john-data; a command refuses to run without it. */
#include "cli.h"
#include "core/strbuf.h"
#include "format/wordlist-read.h"
#include <stdio.h>

/* Debian's john-data: 3,546 of the most common passwords (public domain) */
#define COMMON_PASSWORDS "/usr/share/john/password.lst"

int cli_common_passwords(struct wordlist *w, const char *cmd)
{
	struct strbuf err = STRBUF_INIT;
	int rc = wordlist_read(w, COMMON_PASSWORDS, &err);
	if (rc)
		fprintf(stderr, "unhunch %s: the list of common passwords is missing (%s); install the "
				"Debian package john-data\n", cmd, strbuf_str(&err));
	strbuf_release(&err);
	return rc;
}
