/* audit.h: the audit log: every read and write of another person's records is written
 * down (who, whose, what, when) before it is done, and a read or write whose line
 * cannot be written is refused; the person whose records they are reads who looked
 * (the store keeps it: audit_add, audit_list; no one changes or deletes a line). */
#ifndef UNHUNCH_APP_AUDIT_H
#define UNHUNCH_APP_AUDIT_H
#include "app/app.h"

#define APP_AUDIT_SHOWN 500 /* the newest lines a client is shown */

/* What was done, in the log's words (one place, so the pages and tests agree). */
#define AUDIT_PROGRESS_PAGE "looked at your progress, prescriptions and sessions"
#define AUDIT_PROGRESS_API "read your progress (API)"
#define AUDIT_RX_ADDED "added a prescription"
#define AUDIT_RX_READ "read your prescriptions"
#define AUDIT_APPT_ADDED "recorded an appointment"
#define AUDIT_DASHBOARD "saw you on the clients list"

/* Write that actor did what to subject's records, at ctx->now_ms, through a handle of
 * actor's on ctx->store's database (on PostgreSQL the line is written as actor, who may
 * write one only about a client they train, or as an admin or the operator). Nothing
 * when actor is subject. -1 with err when it cannot be written: the caller then does
 * not do the read or write. */
int app_audit(const struct app_ctx *ctx, int64_t actor, int64_t subject, const char *what, struct strbuf *err);
/* The same for many subjects in one statement (a page listing many clients); the
 * actor among them is left out. */
int app_audit_many(const struct app_ctx *ctx, int64_t actor, const int64_t *subjects, size_t n, const char *what,
		   struct strbuf *err);
/* Who read or changed subject's records, newest first, at most APP_AUDIT_SHOWN lines
 * (free with store_audit_free), read as subject. */
int app_audit_list(const struct app_ctx *ctx, int64_t subject, struct audit_row **rows, size_t *n,
		   struct strbuf *err);

#endif
