/* warning-file.c: a warning sign (dizziness and the like) that a session could not
 * save, kept in the file "unsaved-warning" beside the database until it is saved, so a
 * store that refused the write (a full disk, a held lock) never lets the next session
 * start as if nothing had happened (format/kept-warning.h: the web server settles it
 * too). */
#include "cli.h"
#include "core/strbuf.h"
#include "format/kept-warning.h"
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
	strbuf_addf(&sb, "%s/" KEPT_WARNING_FILE, dir);
	free(dir);
	return strbuf_detach(&sb);
}

int warning_file_keep(const struct screening_row *w, struct strbuf *err)
{
	char *path = warning_path();
	int rc = kept_warning_write(path, w->at_ms, w->level, w->n_answers ? w->answers[0].question_id : "warning-sign",
				    err);
	free(path);
	return rc;
}

int warning_file_settle(const struct app_ctx *app, struct strbuf *err)
{
	char *path = warning_path();
	struct kept_warning w;
	int rc = kept_warning_read(path, &w, err);
	if (rc == 0) {
		/* unreadable: the app layer counts it as the sign it stands for */
		rc = app_warning_settle(app, w.readable, w.at_ms, w.level, w.question, err);
		if (rc == 0)
			unlink(path);
	}
	free(path);
	return rc < 0 ? -1 : 0;
}
