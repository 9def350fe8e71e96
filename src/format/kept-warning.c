/* kept-warning.c: a warning sign kept in a file until it is saved (kept-warning.h). */
#include "format/kept-warning.h"
#include "format/outfile.h"
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int kept_warning_write(const char *path, int64_t at_ms, int level, const char *question, struct strbuf *err)
{
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "%" PRId64 " %d %s\n", at_ms, level, question);
	int rc = outfile_write(path, line.buf, line.len, err);
	strbuf_release(&line);
	return rc;
}

int kept_warning_read(const char *path, struct kept_warning *w, struct strbuf *err)
{
	memset(w, 0, sizeof(*w));
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		strbuf_addf(err, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	w->readable = fscanf(f, "%" SCNd64 " %d %255s", &w->at_ms, &w->level, w->question) == 3;
	fclose(f);
	return 0;
}
