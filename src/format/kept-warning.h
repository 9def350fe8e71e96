/* kept-warning.h: a warning sign (dizziness and the like) that a session could not save,
 * kept in the file "unsaved-warning" beside the data until a front end saves it
 * (app_warning_settle()): the terminal's sessions keep it there, and the terminal and the
 * web server both settle it before any exercise starts. One line: time (ms), level,
 * question id. */
#ifndef UNHUNCH_KEPT_WARNING_H
#define UNHUNCH_KEPT_WARNING_H
#include "core/strbuf.h"
#include <stdbool.h>
#include <stdint.h>

#define KEPT_WARNING_FILE "unsaved-warning"

struct kept_warning {
	bool readable;   /* false: the file is there but its line is not one */
	int64_t at_ms;
	int level;
	char question[256];
};

/* Write the sign to path (whole or not at all). 0, or -1 with err. */
int kept_warning_write(const char *path, int64_t at_ms, int level, const char *question, struct strbuf *err);
/* Read path: 1 when there is no such file (nothing kept), 0 with *w, -1 with err when
 * it cannot be read. */
int kept_warning_read(const char *path, struct kept_warning *w, struct strbuf *err);

#endif
