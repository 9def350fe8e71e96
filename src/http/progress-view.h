/* progress-view.h: the Progress page's data and charts made from app_progress
 * (routes-progress.c), for the person's own /progress and their trainer's
 * /clients/{id} (routes-clients.c): one renderer for both. */
#ifndef UNHUNCH_HTTP_PROGRESS_VIEW_H
#define UNHUNCH_HTTP_PROGRESS_VIEW_H
#include "app/progress.h"
#include "core/strbuf.h"
#include <jansson.h>

/* The pieces of markup the page's {{*name}} tags choose from. */
#define PIECES_MAX (REG__COUNT + 8)
struct pieces {
	struct strbuf sb[PIECES_MAX];
	const char *v[PIECES_MAX];
	size_t n;
};

/* The data of template progress-body (a new object) and its pieces in pc (release them
 * with pieces_release after the page is rendered); planned: the plan's days a week. */
json_t *progress_page_view(const struct app_progress *p, int planned, struct pieces *pc);
void pieces_release(struct pieces *pc);

#endif
