/* acting.h: a trainer's view of one client's records: who may have it (an enabled
 * trainer linked to the client, and no one else, an admin included), the audit line
 * written before it is given, and a read-only store handle on the client's records
 * acting as the trainer (store_bind_as), for the same use cases the client's own
 * pages call (app/progress.c, app/history.c ...): one renderer for both. */
#ifndef UNHUNCH_APP_ACTING_H
#define UNHUNCH_APP_ACTING_H
#include "app/app.h"

enum app_view {
	APP_VIEW_OK,
	APP_VIEW_NOT_ALLOWED, /* no such client, or not the viewer's: the same answer for both */
	APP_VIEW_FAILED,      /* the store or the audit log failed (err says) */
};

/* Open viewer's view of client's records: *view is ctx with its store a read-only
 * handle on the client's records acting as the viewer (close it with
 * app_client_view_close). The line "what" is written to the client's audit log
 * first; when it cannot be, nothing is opened. */
enum app_view app_client_view(const struct app_ctx *ctx, int64_t viewer, int64_t client, const char *what,
			      struct app_ctx *view, struct strbuf *err);
void app_client_view_close(struct app_ctx *view);

#define APP_CLIENT_SESSIONS 10 /* the recent sessions a client's page shows */

/* What a trainer's page of a client shows besides the Progress page's charts. */
struct app_client_records {
	struct account_row client;        /* id, login, name (no password hash) */
	struct prescription_row *rx;      /* every prescription, newest first */
	char (*rx_by)[65];                /* the login of each one's trainer ("" when not theirs to see) */
	size_t n_rx;
	struct session_row *sessions;     /* the newest APP_CLIENT_SESSIONS, newest first */
	size_t n_sessions;
};

/* Read them: ctx is the viewer's own, view what app_client_view opened. */
int app_client_records(const struct app_ctx *ctx, const struct app_ctx *view, struct app_client_records *out,
		       struct strbuf *err);
void app_client_records_release(struct app_client_records *r);

#endif
