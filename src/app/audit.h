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
#define AUDIT_RX_STEP "added an exercise to your routine"
#define AUDIT_RX_STEP_OUT "took an added exercise out of your routine"
#define AUDIT_RX_READ "read your prescriptions"
#define AUDIT_RX_DOSES "read your doses now (to prescribe)"
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
/* app_audit_many in two halves, for a read done while its lines are written (the
 * store's audit_send and audit_wait; on PostgreSQL the server writes them on a second
 * connection while the first reads): app_audit_start writes the lines or starts to,
 * app_audit_finish says whether they were written. What was read meanwhile may be
 * shown only when both give 0; in between, nothing but reads on ctx->store's
 * database. app_audit_finish is called whatever the read gave (it ends the handle). */
struct app_audit_pending {
	struct store *h; /* the actor's handle the lines go through; NULL: nothing pending */
};
/* name: the actor's name when the caller has just read their account (NULL: read here). */
int app_audit_start(const struct app_ctx *ctx, int64_t actor, const char *name, const int64_t *subjects, size_t n,
		    const char *what, struct app_audit_pending *p, struct strbuf *err);
int app_audit_finish(struct app_audit_pending *p, struct strbuf *err);
/* Who read or changed subject's records, newest first, at most APP_AUDIT_SHOWN lines
 * (free with store_audit_free), read as subject. */
int app_audit_list(const struct app_ctx *ctx, int64_t subject, struct audit_row **rows, size_t *n,
		   struct strbuf *err);

/* The log as the person reads it: the same look repeated folds into one line. Lines of
 * the same actor doing the same thing on the same local day (in ctx's zone) are one
 * line with their count and the first and last time, placed where the newest of them
 * is; the log itself keeps every line. The strings point into the rows read. */
#define APP_AUDIT_READ 20000 /* the newest raw lines a folded list is made from */
struct app_audit_line {
	int64_t actor_id;
	const char *actor_name, *what;
	int64_t first_ms, last_ms;
	size_t count;
};
/* Fold rows (newest first, as audit_list gives them) into out (room for n lines);
 * returns the number of lines, newest first. */
size_t app_audit_fold(const struct tz *tz, const struct audit_row *rows, size_t n, struct app_audit_line *out);

struct app_audit_view {
	struct audit_row *rows; /* the raw lines the view points into */
	size_t n_rows;
	struct app_audit_line *lines; /* folded, newest first, at most APP_AUDIT_SHOWN */
	size_t n;
	bool more; /* older lines left out */
};
/* Who read or changed subject's records, folded (app_audit_fold), read as subject;
 * release with app_audit_view_release. */
int app_audit_view(const struct app_ctx *ctx, int64_t subject, struct app_audit_view *out, struct strbuf *err);
void app_audit_view_release(struct app_audit_view *v);

#endif
