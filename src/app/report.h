/* report.h: the report use case: everything `unhunch report` shows, read from the store
 * once: the progress figures (app/progress.h, the same the progress page shows), the
 * latest safety screen with its clearance and what the gate says now, the routines done
 * in guided sessions, and the notes of the last eight weeks. format/report-html.h
 * writes it as one page. */
#ifndef UNHUNCH_APP_REPORT_H
#define UNHUNCH_APP_REPORT_H
#include "app/progress.h"
#include "core/screen.h"

#define APP_REPORT_NOTES 30 /* the most recent notes shown */

struct app_note {
	char date[11];
	char *text;
};

struct app_report {
	int64_t now_ms;
	const struct tz *tz;
	const struct catalog *content;  /* the context's, for the exercises of the routines done */
	struct app_progress progress;
	/* the safety screen: screened false when none is on record */
	bool screened;
	struct screening_row screen;
	const struct clearance_row *clearance; /* of that screen, or NULL (points into clearances) */
	struct gate gate;                      /* what the gate says at now_ms */
	struct clearance_row *clearances;
	size_t n_clearances;
	/* the routines done in guided sessions, each once, in the order first done */
	const struct routine **routines;
	size_t n_routines;
	/* the notes of the last eight weeks, oldest first: the APP_REPORT_NOTES newest of
	 * notes_total */
	struct app_note *notes;
	size_t n_notes, notes_total;
};

/* Fill r (caller releases it; ctx->content may be NULL: no routines). Returns -1 with
 * err when the store fails. */
int app_report(const struct app_ctx *ctx, struct app_report *r, struct strbuf *err);
void app_report_release(struct app_report *r);

#endif
