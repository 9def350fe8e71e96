/* warning-file.c: a warning sign (dizziness and the like) that a session could not
 * save, kept in the file "unsaved-warning" beside the database until it is saved, so a
 * store that refused the write (a full disk, a held lock) never lets the next session
 * start as if nothing had happened. One line: time (ms), level, question id. */
#include "cli.h"
#include "core/strbuf.h"
#include "format/outfile.h"
#include "app/safety.h"
#include "store/store.h"
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *warning_path(void)
{
	char *dir = datadir_store();
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/unsaved-warning", dir);
	free(dir);
	return strbuf_detach(&sb);
}

int warning_file_keep(const struct screening_row *w, struct strbuf *err)
{
	char *path = warning_path();
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "%" PRId64 " %d %s\n", w->at_ms, w->level,
		    w->n_answers ? w->answers[0].question_id : "warning-sign");
	int rc = outfile_write(path, line.buf, line.len, err);
	strbuf_release(&line);
	free(path);
	return rc;
}

int warning_file_settle(const struct app_ctx *app, struct strbuf *err)
{
	char *path = warning_path();
	FILE *f = fopen(path, "r");
	int rc = 0;
	if (!f) {
		if (errno != ENOENT) {
			strbuf_addf(err, "%s: cannot read: %s", path, strerror(errno));
			rc = -1;
		}
		goto out;
	}
	char q[256] = "";
	int64_t at = 0;
	int level = 0;
	int got = fscanf(f, "%" SCNd64 " %d %255s", &at, &level, q);
	fclose(f);
	/* unreadable: the app layer counts it as the sign it stands for */
	if (app_warning_settle(app, got == 3, at, level, q, err)) {
		rc = -1;
		goto out;
	}
	unlink(path);
out:
	free(path);
	return rc;
}
