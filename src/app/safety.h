/* safety.h: the person's safety status, read from the store: every screening and
 * clearance, the check-ins since the last screen, the latest assessment's regions and
 * the flare-up state, worked out by core/safety.c. The gate (gate.h), the plan, the
 * today screen and `screen --status` all read it from here, so they agree. Also the
 * use cases that change it: a warning sign during exercise, and a clearance. */
#ifndef UNHUNCH_APP_SAFETY_H
#define UNHUNCH_APP_SAFETY_H
#include "app/app.h"
#include "core/safety.h"

struct app_safety {
	struct safety_status s;
	bool has_latest;          /* a screening (or a warning sign) is stored */
	int64_t latest_id;        /* the latest one */
	int latest_day;           /* its local day */
	char lock_id[80];         /* s.neck_lock_id points here */
};

/* Read and work out the status at ctx->now_ms. Returns -1 with err when the store fails. */
int app_safety(const struct app_ctx *ctx, struct app_safety *out, struct strbuf *err);
/* The same from the person's check-ins already read (c, nc: every one, as checkins_list
 * gives them) and their days (app_days_fold in ctx->tz; sessions may be folded in or
 * not), for a use case that reads them once and shares them: the screenings,
 * clearances and the latest assessment are still read here. */
struct day;
int app_safety_of(const struct app_ctx *ctx, const struct checkin *c, size_t nc, const struct day *days, size_t nd,
		  struct app_safety *out, struct strbuf *err);

/* The status right after a check-in (saved, as stored, with its id) was recorded: as
 * app_safety(), but on the group commit's committer (ctx->store->grouped) the check-ins
 * are read and folded once (app/safety-fold.h), and the check-in of each write that
 * follows is added to that fold while nothing else was written; the status is the
 * same. */
int app_safety_after_checkin(const struct app_ctx *ctx, const struct checkin *saved, struct app_safety *out,
			     struct strbuf *err);
/* The committer's fold (app/group.c calls these on its thread; nothing on any other):
 * drop it when a write is undone or a batch fails; keep it after a batch committed
 * whole, with the store's data_version then (dropped where the backend has none); check
 * it when the next batch has begun (holding the write lock): it stays only while
 * data_version is the same, so nobody, this handle included, wrote in between. */
void app_safety_memo_drop(void);
/* How many times the committer read every check-in for its fold (for the tests). */
extern _Atomic unsigned long app_safety_memo_builds;
void app_safety_memo_keep(struct store *st);
void app_safety_memo_check(struct store *st);

/* Store the answers of a screen at ctx->now_ms: each answer's urgency and the result
 * (screen_evaluate: escalations and combinations of flags), and whether the neck
 * screen is clear. out (may be NULL) gets the stored row without its answers. */
int app_screen_save(const struct app_ctx *ctx, const struct screen_answer *a, size_t n, struct screening_row *out,
		    struct strbuf *err);

/* A warning sign during exercise (a session or a break reset): stored at once as a
 * screening with one yes (SCREEN_WARNING_ID, urgency days). Exercise then waits for a
 * fresh screen or a clearance, and head-over-the-edge work stays locked until a
 * clearance recorded after it. Returns -1 with err when it could not be saved. */
int app_record_warning(const struct app_ctx *ctx, struct strbuf *err);
/* The same screening as a row, for whoever saves it (a recorder that keeps it when the
 * store refuses); its one answer goes in *a. */
struct answer_row;
void app_warning_row(const struct app_ctx *ctx, struct answer_row *a, struct screening_row *r);

/* A warning sign kept aside by a front end when the store refused it (the terminal
 * keeps it in a file): saved now as the screening it is. When what was kept cannot be
 * read (readable false), it counts as the sign it stands for, at the mildest level that
 * pauses exercise, now. -1 with err when the store refuses it again. */
int app_warning_settle(const struct app_ctx *ctx, bool readable, int64_t at_ms, int level, const char *question,
		       struct strbuf *err);

/* The once-ever facts (a question marked fact) the latest screening holds as yes and
 * the answers given now (a, n) do not say again: they stay true, and a front end says
 * they were kept. Up to max questions into out; returns how many, or -1 with err. */
int app_screen_kept_facts(const struct app_ctx *ctx, const struct screen_answer *a, size_t n,
			  const struct question **out, size_t max, struct strbuf *err);

/* Record a clinician's clearance of the latest screening: who was seen and what they
 * said (note), and the day (YYYY-MM-DD, not before the screen, not in the future).
 * Refused, with why in err, for an emergency result, when there is nothing to clear,
 * or when clearance_ok() refuses the day or the note. Returns 0 or -1. */
int app_record_clearance(const struct app_ctx *ctx, const char *note, const char *date, struct strbuf *err);
/* The same, saying why it was refused (a page puts the message by the field): CLEAR_OK
 * when it was saved, or when -1 came from the store. The note may not hold a control
 * character (the terminal refuses one in its argument; here the rule holds for every
 * front end). */
enum app_clearance_refusal { CLEAR_OK, CLEAR_NOTHING, CLEAR_EMERGENCY, CLEAR_BAD_DATE, CLEAR_BAD_NOTE };
int app_clearance_record(const struct app_ctx *ctx, const char *note, const char *date, enum app_clearance_refusal *refused,
			 struct strbuf *err);

#endif
