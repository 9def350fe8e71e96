/* prescribe.h: a trainer's prescriptions as use cases (issue 18): a trainer changes
 * the dose of one exercise of a client's routine, or puts another exercise in its
 * place, with a note; the rules of core/prescribe.h decide (warnings must be accepted,
 * refusals never pass), and each change is kept as a version in the client's records,
 * where the plan starts from it (app/plan-data.c). Only a trainer linked to the client
 * may prescribe; the client, their trainers and an admin may read the history. */
#ifndef UNHUNCH_APP_PRESCRIBE_H
#define UNHUNCH_APP_PRESCRIBE_H
#include "app/app.h"
#include "core/plan.h"
#include "core/prescribe.h"
#include "core/strbuf.h"

#define APP_RX_NOTE_MAX 1000 /* bytes of a trainer's note */
#define APP_RX_LOGIN_MAX 64  /* as APP_LOGIN_MAX (app/accounts.h) */

struct app_rx_request {
	int64_t trainer_id, client_id;
	const char *routine;   /* NULL: the first routine with an item for exercise */
	const char *exercise;  /* the item: its own exercise, or the one it runs now */
	const char *swap;      /* another exercise in the item's place, or NULL */
	int reps, sets, hold_s, duration_s; /* 0: as it is */
	const char *note;      /* for the client; NULL or "" for none */
	bool accept_warnings;  /* the trainer accepts what the rules warn of */
	/* Adding a new step instead (exercise and swap then unused): the library's
	 * exercise add into routine (which must be given) at place: "end", or "before:SLOT"
	 * (before the step whose own exercise is SLOT); NULL: "end". The doses as above.
	 * Or place RX_PLACE_OUT: the step add, added before, taken out again (no dose). */
	const char *add, *place;
};

enum app_rx_status {
	APP_RX_SAVED,
	APP_RX_NEEDS_ACCEPT, /* the rules warned; nothing saved (check says what) */
	APP_RX_REFUSED,      /* outside the safe limits or impossible; nothing saved */
	APP_RX_NOT_ALLOWED,  /* the trainer may not prescribe for this client (err says why) */
	APP_RX_NO_ACCOUNT,   /* no such account */
	APP_RX_BAD_INPUT,    /* err names the field */
	APP_RX_FAILED,       /* the store failed */
};

struct app_rx_result {
	struct rx_check check;
	const struct routine *routine;
	const struct item *item;
	struct dose_state before, after; /* the item's dose before and after (after: when saved) */
	int64_t id;                      /* the saved version's id */
	bool added;                      /* a new step (item: it, once saved) */
	bool removed;                    /* an added step taken out (item: NULL; step: where it was) */
	size_t step;                     /* its index in the client's routine */
	struct catalog person;           /* the client's routines, which routine and item point into */
	const struct catalog *base;
};
/* Let go of a result's routines (after app_prescribe, whatever it returned). */
void app_rx_result_release(struct app_rx_result *r);

/* Whether trainer_id may prescribe for client_id (or record an appointment, or see
 * their pages): an enabled trainer account linked to the client. APP_RX_SAVED when
 * so; APP_RX_NOT_ALLOWED or APP_RX_NO_ACCOUNT with err saying why, APP_RX_FAILED. */
enum app_rx_status app_rx_may(const struct app_ctx *ctx, int64_t trainer_id, int64_t client_id, const char *what,
			      struct strbuf *err);
/* The same, with the client's account in *client when APP_RX_SAVED (release it with
 * account_row_release). */
enum app_rx_status app_rx_client(const struct app_ctx *ctx, int64_t trainer_id, int64_t client_id, const char *what,
				 struct account_row *client, struct strbuf *err);
/* The clients linked to trainer_id, by id (free with store_accounts_free); -1 with err. */
int app_rx_clients(const struct app_ctx *ctx, int64_t trainer_id, struct account_row **rows, size_t *n,
		   struct strbuf *err);

enum app_rx_status app_prescribe(const struct app_ctx *ctx, const struct app_rx_request *rq,
				 struct app_rx_result *out, struct strbuf *err);

/* The client's doses now, for a trainer's form: rt[k] holds one state per item of the
 * client's routine k (person, with the steps added for them; NULL for a broken
 * routine), as the plan starts from them. Only for a trainer linked to the client,
 * written to the client's audit log first. */
struct app_rx_doses {
	struct dose_state **rt;
	size_t n;
	struct catalog person;
	const struct catalog *base;
};
enum app_rx_status app_rx_doses(const struct app_ctx *ctx, int64_t trainer_id, int64_t client_id,
				struct app_rx_doses *out, struct strbuf *err);
void app_rx_doses_release(struct app_rx_doses *d);

/* A client's prescriptions, oldest first, for viewer: the client, a trainer linked to
 * them, or an admin. */
struct app_rx_history {
	struct prescription_row *v;
	char (*by)[APP_RX_LOGIN_MAX + 1]; /* each one's trainer's login name ("" when gone) */
	size_t n;
};
enum app_rx_status app_prescriptions(const struct app_ctx *ctx, int64_t viewer_id, int64_t client_id,
				     struct app_rx_history *out, struct strbuf *err);
void app_rx_history_release(struct app_rx_history *h);

#endif
